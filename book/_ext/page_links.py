"""The "edit this page" button on every page (the download menu: ``notebook_bundle``).

* "Edit this page": with ``book_repository_url`` set (conf.py reads the environment
  variable ``BOOK_REPOSITORY_URL``, e.g. ``https://github.com/ORG/REPO``), the link
  opens the page's file ``book/<lang>/<page>.md`` in the repository's web editor;
  without it, the page's source copied into the site (``_sources/<page>.md``), so the
  link never leads nowhere.
"""

from __future__ import annotations

from pathlib import Path

LABELS = {
    "bg": ("Редактирай страницата", "Редактирай страницата: изходният ѝ текст (.md)"),
    "en": ("Edit this page", "Edit this page: its source (.md)"),
}


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
    app.add_config_value("book_repository_url", "", "html", types=[str])
    app.add_config_value("book_repository_branch", "main", "html", types=[str])
    app.connect("config-inited", _repository)
    app.connect("html-page-context", _edit_button, priority=502)  # after them
    return {"parallel_read_safe": True, "parallel_write_safe": True}
