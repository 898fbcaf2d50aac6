"""The search page in the page's language, and search snippets that are prose.

* ``_static/translations.js`` holds the strings that Sphinx's search script writes (the
  heading "Search Results", the number of pages found, "nothing found"). Sphinx copies its
  own Bulgarian file, whose every string is empty, so the Bulgarian page showed no heading
  and no count (and its plural rule gives no number). After the build this file is written
  again from the same messages, translated by the book's catalogue
  (``book/locale/<lang>/LC_MESSAGES/sphinx.po``) where Sphinx's has nothing; a message that
  neither translates is left out, so the script shows its English text rather than nothing.
* The snippet under each result is cut from the page's HTML by Sphinx's search script;
  ``_static/search-summary.js`` (included by ``_templates/search.html``) leaves out the
  theme's buttons and menus ("Светла Тъмна") and the print-only contents, and writes math
  as text instead of raw TeX.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

JS_CALL = re.compile(r"Documentation\.addTranslations\((.*)\);\s*$", re.S)


def _read_js_catalog(path: Path) -> dict:
    match = JS_CALL.search(path.read_text(encoding="utf-8"))
    if match is None:
        raise ValueError(f"{path} is not a Sphinx JavaScript catalogue")
    return json.loads(match.group(1))


def _book_messages(app) -> dict[str, str | list[str]]:
    """The book's own translations (singular msgid -> text, or the list of plural forms)."""
    from babel.messages.pofile import read_po

    messages = {}
    for folder in app.config.locale_dirs:
        po = Path(app.srcdir, folder, app.config.language, "LC_MESSAGES", "sphinx.po")
        if not po.is_file():
            continue
        with po.open("rb") as f:
            for message in read_po(f):
                if not message.id or not message.string:
                    continue
                if isinstance(message.id, tuple):
                    messages.setdefault(message.id[0], list(message.string))
                else:
                    messages.setdefault(message.id, message.string)
    return messages


def translations_js(sphinx_catalog: dict, book: dict) -> str:
    """The text of translations.js: Sphinx's messages, each translated by the book's
    catalogue or by Sphinx's own; untranslated ones are left out."""
    translated = {}
    for msgid, text in sphinx_catalog["messages"].items():
        text = book.get(msgid) or text
        if isinstance(text, list) and all(text) or isinstance(text, str) and text:
            translated[msgid] = text
    # Sphinx's doctools.js indexes the plural forms with plural_expr, which for Bulgarian is
    # "(n != 1)": a boolean, no index, and the count of pages found became an error.
    plural = f"Number({sphinx_catalog.get('plural_expr', 'n != 1')})"
    catalog = {**sphinx_catalog, "messages": translated, "plural_expr": plural}
    return ("Documentation.addTranslations("
            + json.dumps(catalog, ensure_ascii=False, indent=4, sort_keys=True) + ");\n")


def _write_translations(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / "translations.js"
    source = app.builder._get_translations_js()
    if source is None or not target.is_file():
        return  # a language without a JavaScript catalogue (English)
    text = translations_js(_read_js_catalog(Path(source)), _book_messages(app))
    target.write_text(text, encoding="utf-8")


def setup(app):
    app.connect("build-finished", _write_translations)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
