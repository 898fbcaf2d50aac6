"""Two buttons on every page: download the executed notebook, and edit the page.

* ``.ipynb`` in the theme's download menu: myst-nb writes each executed page to
  ``<outdir>/../jupyter_execute/<lang>/<page>.ipynb`` (conf.py gives each language its
  folder, which sphinx-book-theme does not know); this copies it next to the page's
  source in ``_sources/`` and lets the theme offer it. (Pages whose results come from the
  execution cache get their outputs into that file too: see ``_keep_cached_outputs``; and
  the page's merged printouts do not appear twice in it: see ``_merge_copies_of_streams``.)
* "Edit this page": with ``book_repository_url`` set (conf.py reads the environment
  variable ``BOOK_REPOSITORY_URL``, e.g. ``https://github.com/ORG/REPO``), the link
  opens the page's file ``book/<lang>/<page>.md`` in the repository's web editor;
  without it, the page's source copied into the site (``_sources/<page>.md``), so the
  link never leads nowhere.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

LABELS = {
    "bg": ("Редактирай страницата", "Редактирай страницата: изходният ѝ текст (.md)"),
    "en": ("Edit this page", "Edit this page: its source (.md)"),
}


def _notebook(app, pagename, templatename, context, doctree):
    import myst_nb.sphinx_ext

    executed = Path(app.outdir).parent / myst_nb.sphinx_ext.OUTPUT_FOLDER / f"{pagename}.ipynb"
    if doctree is None or not context.get("page_source_suffix") or not executed.is_file():
        return
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(executed, target)
    context["ipynb_source"] = f"{pagename}.ipynb"  # sphinx-book-theme adds the menu entry


def _keep_cached_outputs():
    """myst-nb 1.4 writes jupyter_execute/<page>.ipynb from the notebook it read; on a cache
    hit the outputs are only in a merged copy, so the file would have none. Put them back."""
    from myst_nb.core.execute.cache import NotebookClientCache

    original = NotebookClientCache.start_client
    if getattr(original, "_keeps_outputs", False):
        return

    def start_client(self):
        read = self._notebook
        original(self)
        if self._notebook is not read:  # the cached, executed copy
            read.clear()
            read.update(self._notebook)
            self._notebook = read

    start_client._keeps_outputs = True
    NotebookClientCache.start_client = start_client


def _merge_copies_of_streams():
    """``nb_merge_streams`` (conf.py) shows a cell's printouts as one block, but myst-nb 1.4
    merges them *in place*: the first stream output of the executed notebook then holds all
    the text while the later ones stay, and the downloaded ``.ipynb`` prints them twice.
    Merge copies instead: the page shows the merged block, the notebook keeps what ran."""
    import myst_nb.core.render as render

    original = render.coalesce_streams
    if getattr(original, "_merges_copies", False):
        return

    def coalesce_streams(outputs):
        return original(copy.deepcopy(outputs))

    coalesce_streams._merges_copies = True
    render.coalesce_streams = coalesce_streams


def _edit_button(app, pagename, templatename, context, doctree):
    if doctree is None or not context.get("sourcename") or "header_buttons" not in context:
        return
    text, tooltip = LABELS.get(app.config.language, LABELS["en"])
    if app.config.book_repository_url:
        _, url = context["get_edit_provider_and_url"]()  # the theme's, from repository_url
        tooltip = text
    else:
        url = f"{context['pathto']('_sources', 1)}/{context['sourcename']}"
    context["header_buttons"].append({
        "type": "link", "url": url, "tooltip": tooltip, "icon": "fas fa-pencil-alt",
        "label": "edit-this-page-button",
    })


def _repository(app, config):
    """Give the theme the repository, so that it knows the edit URL of each page."""
    if config.book_repository_url:
        config.html_theme_options.update(
            repository_url=config.book_repository_url.rstrip("/"),
            repository_branch=config.book_repository_branch,
            path_to_docs=Path(app.srcdir).resolve().relative_to(Path(app.confdir).resolve())
            .as_posix(),
        )


def setup(app):
    _keep_cached_outputs()
    _merge_copies_of_streams()
    app.add_config_value("book_repository_url", "", "html", types=[str])
    app.add_config_value("book_repository_branch", "main", "html", types=[str])
    app.connect("config-inited", _repository)
    app.connect("html-page-context", _notebook, priority=500)  # before the theme's buttons (501)
    app.connect("html-page-context", _edit_button, priority=502)  # after them
    return {"parallel_read_safe": True, "parallel_write_safe": True}
