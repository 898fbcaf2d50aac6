"""The HTML block of an interactive explorer: sliders, two empty SVG panels and the data.

:func:`explorer_html` wraps the data of :func:`dlopt.explorer.surface_grid` or
:func:`dlopt.explorer.regression_grid` in a ``<div class="dlopt-explorer">`` with one
``<input type="range">`` per slider (stepping through the positions of the computed
values, with a ``<label>``, ``aria-valuetext`` and the value as text), the words of
the page's language and the data as JSON in a ``<script type="application/json">``.
``book/_static/explorer.js`` draws the selected run into the panels; it computes no
optimization step itself.

Everything shown to the reader is passed in by the page, in its language: this module
writes no words of its own, only the numbers (with the page's decimal sign).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import escape

from dlopt.explorer import to_json
from dlopt.plotting import color

__all__ = ["explorer_html", "number"]

#: The words an explorer needs from its page, with the placeholders each may use.
TEXT_KEYS = {
    "paths": "",  # the accessible name of the paths panel
    "loss": "",  # the accessible name of the loss panel
    "x": "",
    "y": "",  # axis names of the paths panel
    "step": "",
    "gap": "",  # axis names of the loss panel
    "final": "{method} {gap} {steps}",  # e.g. "{method}: f − f* = {gap} after {steps} steps"
    "diverged": "{method} {steps}",  # e.g. "{method}: diverged at step {steps}"
}
_ID = re.compile(r"^[a-z][a-z0-9-]*$")


def number(value, decimal: str = ".") -> str:
    """A slider value as the page writes it: ``0.05`` or ``0,05``, ``200``.

    >>> number(0.05, ","), number(200), number(1e-4)
    ('0,05', '200', '0.0001')
    """
    text = f"{value:.10f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
    return text.replace(".", decimal)


def _check(element_id, data, sliders, methods, text, decimal, initial):
    if not isinstance(element_id, str) or not _ID.match(element_id):
        raise ValueError("element_id must be lower-case letters, digits and '-', "
                         f"got {element_id!r}")
    if decimal not in (".", ","):
        raise ValueError(f"decimal must be '.' or ',', got {decimal!r}")
    if not isinstance(sliders, Mapping) or list(sliders) != list(data["sliders"]):
        raise ValueError(f"sliders must label {list(data['sliders'])} in this order, "
                         f"got {sliders!r}")
    run_methods = list(data["runs"][0])
    if not isinstance(methods, Mapping) or list(methods) != run_methods:
        raise ValueError(f"methods must label {run_methods} in this order, got {methods!r}")
    missing = [m for m in methods if color(m) is None]
    if missing:
        raise ValueError(f"methods must be names of dlopt.plotting.COLORS, got {missing}")
    if not isinstance(text, Mapping) or set(text) != set(TEXT_KEYS):
        raise ValueError(f"text must give exactly {sorted(TEXT_KEYS)}, got {sorted(text or {})}")
    for key, needed in TEXT_KEYS.items():
        absent = [p for p in needed.split() if p not in text[key]]
        if absent:
            raise ValueError(f"text[{key!r}] must contain {absent}, got {text[key]!r}")
    if not isinstance(initial, Mapping) or set(initial) != set(sliders) or not all(
            isinstance(i, int) and not isinstance(i, bool) and 0 <= i < len(data["sliders"][name])
            for name, i in initial.items()):
        raise ValueError(f"initial must give a position for each slider {list(sliders)}, "
                         f"got {initial!r}")


def explorer_html(data, *, element_id: str, sliders: Mapping[str, str],
                  methods: Mapping[str, str], text: Mapping[str, str], initial: Mapping[str, int],
                  decimal: str = ".") -> str:
    """The explorer's HTML: labelled sliders, the two panels, a status line and the data.

    ``sliders`` maps each slider of ``data`` to its label, ``methods`` each method of
    the runs (a name of :data:`dlopt.plotting.COLORS`, which gives its colour) to its
    legend, ``text`` gives the words of :data:`TEXT_KEYS`, ``initial`` the starting
    position of each slider.
    """
    _check(element_id, data, sliders, methods, text, decimal, initial)
    page = {
        "text": dict(text),
        "decimal": decimal,
        "labels": {name: [number(v, decimal) for v in data["sliders"][name]] for name in sliders},
        "methods": [{"name": m, "label": label, "color": color(m)} for m, label in methods.items()],
    }
    controls = []
    for name, label in sliders.items():
        values, i = page["labels"][name], initial[name]
        box = f"{element_id}-{name.replace('_', '-')}"
        controls.append(
            f'<div class="dlopt-explorer-slider"><label for="{box}">{escape(label)}</label> '
            f'<input type="range" id="{box}" name="{name}" min="0" max="{len(values) - 1}" '
            f'step="1" value="{i}" aria-valuetext="{escape(values[i])}"> '
            f'<output for="{box}" id="{box}-value">{escape(values[i])}</output></div>')
    return (
        f'<div class="dlopt-explorer" id="{element_id}">\n'
        f'<div class="dlopt-explorer-controls">{"".join(controls)}</div>\n'
        '<div class="dlopt-explorer-panels">'
        f'<svg class="dlopt-explorer-paths" role="img" aria-label="{escape(text["paths"])}" '
        'viewBox="0 0 360 300"></svg>'
        f'<svg class="dlopt-explorer-loss" role="img" aria-label="{escape(text["loss"])}" '
        'viewBox="0 0 360 300"></svg></div>\n'
        '<p class="dlopt-explorer-status" aria-live="polite"></p>\n'
        f'<script type="application/json" class="dlopt-explorer-data">{to_json(data)}</script>\n'
        f'<script type="application/json" class="dlopt-explorer-page">{to_json(page)}</script>\n'
        '</div>'
    )
