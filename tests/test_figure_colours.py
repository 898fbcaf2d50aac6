"""Every line colour of the book's figures reads on its background, light and dark.

A figure is drawn on white (``dlopt.plotting.STYLE``); the site's dark mode shows the same SVG
through the CSS filter of ``book/_static/book.css``. These tests compute that filter as the
Filter Effects specification defines it (Chromium renders it so: the filtered tab10 orange,
``#ff7f0e``, is ``(0.796, 0.376, 0.004)`` on screen and here) and require 3:1 contrast
(WCAG 2.2, non-text contrast) for:

- every method colour of :data:`dlopt.plotting.COLORS` and every colour of the default cycle
  (``C0`` … ``C7``), on white and on the inverted white;
- every colour a page's code cell names as a literal (``color="0.5"``, ``"C3"``, ``"#d62728"``).
"""

from __future__ import annotations

import math
import re

import matplotlib as mpl
import matplotlib.colors
import numpy as np
import pytest
from bookfiles import BOOK, Page, pages

from dlopt import plotting

CSS = BOOK / "_static" / "book.css"
MINIMUM = 3.0


def luminance(rgb) -> float:
    """Relative luminance of an sRGB colour (WCAG 2.2)."""
    c = np.asarray(rgb, dtype=float)
    c = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return float(c @ [0.2126, 0.7152, 0.0722])


def contrast(a, b) -> float:
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def dark_filter() -> tuple[float, float]:
    """``(amount, degrees)`` of the dark-mode rule ``invert(amount) hue-rotate(degrees)``."""
    css = CSS.read_text(encoding="utf-8")
    rule = re.search(r'html\[data-theme="dark"\] [^{]*figure img[^{]*\{([^}]*)\}', css)
    assert rule, f"{CSS}: no dark-mode rule for figure images"
    pattern = r"filter:\s*invert\(([\d.]+)\)\s*hue-rotate\(([\d.]+)deg\)\s*;"
    found = re.search(pattern, rule.group(1))
    assert found, f"{CSS}: the dark-mode figure rule is not 'filter: invert(a) hue-rotate(θdeg)'"
    return float(found.group(1)), float(found.group(2))


HUE_BASE = np.array([[0.213, 0.715, 0.072]] * 3)
HUE_COS = np.array([[0.787, -0.715, -0.072], [-0.213, 0.285, -0.072], [-0.213, -0.715, 0.928]])
HUE_SIN = np.array([[-0.213, -0.715, 0.928], [0.143, 0.140, -0.283], [-0.787, 0.715, 0.072]])


def filtered(rgb, amount: float, degrees: float) -> np.ndarray:
    """The colour on screen under ``invert(amount) hue-rotate(degrees)`` (Filter Effects 1)."""
    c = np.asarray(rgb, dtype=float)
    c = amount * (1 - c) + (1 - amount) * c
    # feColorMatrix type="hueRotate": hue = BASE + cos θ · COS + sin θ · SIN
    theta = math.radians(degrees)
    hue = HUE_BASE + math.cos(theta) * HUE_COS + math.sin(theta) * HUE_SIN
    return np.clip(hue @ c, 0.0, 1.0)


def test_filter_matches_what_chromium_draws():
    """The orange of tab10 under the book's filter, as a screenshot of Chromium shows it."""
    orange = filtered(mpl.colors.to_rgb("#ff7f0e"), 0.92, 180)
    assert orange == pytest.approx([0.796, 0.376, 0.004], abs=0.003)
    assert filtered([1, 1, 1], 0.92, 180) == pytest.approx([0.078] * 3, abs=0.002)


def test_dark_figures_are_figures_of_the_dark_page():
    """White becomes a dark grey close to the theme's dark background (#14181e)."""
    background = filtered([1, 1, 1], *dark_filter())
    assert contrast(background, mpl.colors.to_rgb("#14181e")) < 1.1
    assert contrast(filtered([0, 0, 0], *dark_filter()), background) >= 7.0  # text stays legible


def contrasts(rgb) -> tuple[float, float]:
    """The contrast of ``rgb`` with the figure's white: as drawn, and through the dark filter."""
    white = [1, 1, 1]
    return (contrast(rgb, white),
            contrast(filtered(rgb, *dark_filter()), filtered(white, *dark_filter())))


def _palette() -> dict[str, str]:
    plotting.setup()
    cycle = mpl.rcParams["axes.prop_cycle"].by_key()["color"]
    return {**plotting.COLORS, **{f"C{i}": c for i, c in enumerate(cycle)}}


@pytest.mark.parametrize("name, colour", sorted(_palette().items()))
def test_palette_has_contrast_on_white_and_in_dark_mode(name, colour):
    rgb = mpl.colors.to_rgb(colour)
    on_white, in_dark = contrasts(rgb)
    assert on_white >= MINIMUM, f"{name} {colour}: {on_white:.2f}:1 on white (at least 3:1)"
    assert in_dark >= MINIMUM, f"{name} {colour}: {in_dark:.2f}:1 in dark mode (at least 3:1)"


LITERAL = re.compile(r"""\b(?:color|ecolor|facecolor|edgecolor|mfc|mec)\s*=\s*(["'])(.+?)\1""")


def literal_colours() -> list[tuple[str, str]]:
    """``(where, colour)`` of every colour literal in the code cells of both languages."""
    found = []
    for lang in ("bg", "en"):
        for name, path in pages(lang).items():
            page = Page(path)
            for cell in page.code_cells:
                for line in cell.body:
                    for match in LITERAL.finditer(line):
                        number = page.lines.index(line, cell.line) + 1
                        found.append((f"{lang}/{name}.md:{number}", match.group(2)))
    return found


def test_pages_name_colours():
    """The scan below sees the colours the pages use (it would pass vacuously otherwise)."""
    colours = {c for _, c in literal_colours()}
    assert {"black", "0.5", "grey"} <= colours


@pytest.mark.parametrize("where, colour", literal_colours())
def test_colours_named_by_pages_have_contrast(where, colour):
    palette = _palette()
    rgb = mpl.colors.to_rgb(palette.get(colour, colour))
    on_white, in_dark = contrasts(rgb)
    assert min(on_white, in_dark) >= MINIMUM, (
        f"{where}: {colour!r} has {on_white:.2f}:1 on white and {in_dark:.2f}:1 in dark mode "
        f"(at least {MINIMUM}:1; e.g. '0.5' or a colour of dlopt.plotting.COLORS)")
