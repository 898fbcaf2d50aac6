"""The PDF numbers chapters, figures, tables and equations exactly as the site does.

On the site only the chapters of the numbered toctree (the learning path) carry numbers:
"Фигура 4.2" is the second figure of chapter 4, while figures of the other pages (overview,
examples, pitfalls) are numbered 1, 2, 3, … through the book. In LaTeX every page is a
``\\chapter`` and would be numbered by its position. This extension puts, before each page of
the assembled LaTeX document, ``\\dloptchapter{N}`` (a numbered chapter: the site's number N)
or ``\\dloptunnumbered`` (no number; its figures continue the book-wide sequence). The macros
are defined in ``PREAMBLE``, which conf.py adds to ``latex_elements["preamble"]``.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes

COUNTERS = ("figure", "table", "equation", "literalblock")

#: The LaTeX side. Sphinx prints ``\thefigure`` as ``<chapter>.<n>`` when the chapter
#: counter is above zero and as ``<n>`` otherwise, so an unnumbered page sets the chapter
#: counter to zero and takes up the book-wide counters where the last such page left them.
PREAMBLE = "\n".join([
    r"\newif\ifdloptunnumbered",
    *(rf"\newcounter{{dlopt{c}}}" for c in COUNTERS),
    r"\newcommand\dloptleave{\ifdloptunnumbered"
    + "".join(rf"\setcounter{{dlopt{c}}}{{\value{{{c}}}}}" for c in COUNTERS) + r"\fi}",
    r"\newcommand\dloptunnumbered{\dloptleave\dloptunnumberedtrue"
    r"\setcounter{secnumdepth}{-1}\setcounter{chapter}{0}"
    + "".join(rf"\setcounter{{{c}}}{{\value{{dlopt{c}}}}}" for c in COUNTERS) + "}",
    r"\newcommand\dloptchapter[1]{\dloptleave\dloptunnumberedfalse"
    r"\setcounter{secnumdepth}{2}\setcounter{chapter}{\numexpr#1-1\relax}}",
])


def chapter_number(env, docname: str) -> int | None:
    """The site's number of a page (a chapter of a numbered toctree), or None."""
    number = env.toc_secnumbers.get(docname, {}).get("")
    return number[0] if number else None


def _mark_chapters(app, doctree, docname):
    if app.builder.name != "latex":
        return
    for page in doctree.findall(addnodes.start_of_file):
        number = chapter_number(app.env, page["docname"])
        command = rf"\dloptchapter{{{number}}}" if number else r"\dloptunnumbered"
        page.insert(0, nodes.raw("", command + "\n", format="latex"))


def setup(app):
    app.connect("doctree-resolved", _mark_chapters)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
