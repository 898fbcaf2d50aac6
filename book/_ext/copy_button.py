"""sphinx-copybutton's labels in the page's language.

sphinx-copybutton puts a copy button on every code block and chooses its labels ("Copy",
"Copied!") from a table of its own, keyed by ``<html lang>``, that has no Bulgarian. conf.py
gives the labels of each language (``copybutton_labels``); this adds them to that table
and selects them, in a script that runs right after sphinx-copybutton's own.
"""

from __future__ import annotations

import json

KEYS = ("copy", "copy_to_clipboard", "copy_success", "copy_failure")


def _add_labels(app, config):
    labels = config.copybutton_labels
    if sorted(labels) != sorted(KEYS):
        raise ValueError(f"copybutton_labels must have exactly the keys {KEYS}, got {labels!r}")
    lang = json.dumps(config.language)
    app.add_js_file(None, body=(
        f"messages[{lang}] = {json.dumps(labels, ensure_ascii=False)};"
        f" if (document.documentElement.lang === {lang}) {{ locale = {lang}; }}"
    ))


def setup(app):
    app.setup_extension("sphinx_copybutton")
    app.add_config_value("copybutton_labels", {}, "html", types=[dict])
    app.connect("config-inited", _add_labels)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
