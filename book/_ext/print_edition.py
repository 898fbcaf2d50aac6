"""The PDF is a book, not a copy of the site: no pages about the build, one bibliography.

- Pages listed in ``book_web_only_pages`` (conf.py) are left out of the PDF: the
  translation status and the execution report describe the build of the site, not the
  subject of the book.
- Sphinx collects every citation into a chapter of its own at the very end ("Библиография"),
  which leaves the book's page ``book_bibliography_page`` ("Литература") as a chapter of one
  paragraph. The entries are put after that paragraph instead, so that the page is the
  bibliography: one unnumbered chapter at the back of the book. ``PREAMBLE`` (conf.py adds it
  to ``latex_elements["preamble"]``) makes the list open no chapter of its own.
"""

from __future__ import annotations

from sphinx import addnodes
from sphinx.builders.latex.nodes import thebibliography
from sphinx.util import logging

logger = logging.getLogger(__name__)

PREAMBLE = r"""
\makeatletter
\renewenvironment{sphinxthebibliography}[1]
  {\begingroup\let\chapter\@gobbletwo\let\@mkboth\@gobbletwo\begin{thebibliography}{#1}}
  {\end{thebibliography}\endgroup}
\makeatother
"""


def pages(doctree) -> dict[str, addnodes.start_of_file]:
    """The pages of the assembled book by name (a page included twice: its first place)."""
    found: dict[str, addnodes.start_of_file] = {}
    for page in doctree.findall(addnodes.start_of_file):
        found.setdefault(page["docname"], page)
    return found


def _print_edition(app, doctree, docname):
    if app.builder.format != "latex":
        return
    book = pages(doctree)
    for name in app.config.book_web_only_pages:
        if name not in book:
            logger.warning("book_web_only_pages: %r is not a page of the book", name)
            continue
        book[name].parent.remove(book[name])
    name = app.config.book_bibliography_page
    entries = list(doctree.findall(thebibliography))
    if name and entries:
        if name not in book:
            logger.warning("book_bibliography_page: %r is not a page of the book", name)
            return
        for entry in entries:
            entry.parent.remove(entry)
            book[name].append(entry)


def setup(app):
    app.add_config_value("book_web_only_pages", [], "env", types=[list])
    app.add_config_value("book_bibliography_page", "", "env", types=[str])
    app.connect("doctree-resolved", _print_edition)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
