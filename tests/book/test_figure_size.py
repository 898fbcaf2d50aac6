"""Every figure of both built sites fits the printed book's text column, and its text is legible.

The PDF scales a figure wider than the column (``dlopt.plotting.TEXT_WIDTH``) down to it, and
every label with it. The site's SVG figures are drawn by the same cells, at the same size and
with the same tight bounding box as the PDF ones, so their ``width`` (in pt, 1/72 in) is the
printed width. With ``svg.fonttype = "path"`` matplotlib draws each text as glyph paths under
``scale(s -s)``, where ``s`` is the font size over ``TextToPath.FONT_SCALE``; the font size
times the print scale (at most 1: a narrower figure is not enlarged) is what the reader gets.
"""

from __future__ import annotations

import re

import pytest
from matplotlib.textpath import TextToPath
from sitefiles import SITE, book_pages, parsed

from dlopt.plotting import TEXT_WIDTH

COLUMN_PT = TEXT_WIDTH * 72
#: The tight bounding box is the drawn content plus 0.02 in of padding
#: (``savefig.pad_inches``), so a figure of ``figsize(h)`` is at most the column wide;
#: a label that sticks out of the canvas, or a constrained layout (content up to the edge),
#: makes it wider. So no slack beyond float rounding: at most the column.
ROUNDING_PT = 0.05
MIN_PRINTED_PT = 8.0

SVG_SIZE = re.compile(r'<svg\b[^>]*\bwidth="([\d.]+)pt"')
TEXT_SCALE = re.compile(r'scale\(([\d.]+) -([\d.]+)\)')


def svg_figures(lang: str) -> list[tuple[str, str]]:
    """(page/src, SVG text) for every SVG image on the book's pages."""
    found = []
    for page in book_pages(lang):
        for tag, attrs in parsed(page).tags:
            if tag == "img" and attrs.get("src", "").endswith(".svg"):
                name = f"{page.relative_to(SITE / lang).as_posix()}: {attrs['src']}"
                found.append((name, (page.parent / attrs["src"]).read_text(encoding="utf-8")))
    return found


def width_pt(svg: str) -> float:
    return float(SVG_SIZE.search(svg).group(1))


def font_sizes_pt(svg: str) -> list[float]:
    return [float(s) * TextToPath.FONT_SCALE for s, t in TEXT_SCALE.findall(svg) if s == t]


@pytest.mark.parametrize("lang", ["bg", "en"])
def test_every_figure_fits_the_text_column(lang):
    figures = svg_figures(lang)
    assert len(figures) >= 40, f"only {len(figures)} SVG figures on the {lang} site"
    wide = [f"{name}: {width_pt(svg):.1f} pt" for name, svg in figures
            if width_pt(svg) > COLUMN_PT + ROUNDING_PT]
    assert not wide, (f"{len(wide)} figures wider than the column ({COLUMN_PT:.1f} pt):\n"
                      + "\n".join(wide))


@pytest.mark.parametrize("lang", ["bg", "en"])
def test_every_figure_text_prints_at_8_pt_or_more(lang):
    small = []
    for name, svg in svg_figures(lang):
        sizes = font_sizes_pt(svg)
        assert sizes, f"{name}: no text found in the figure"
        printed = min(sizes) * min(1.0, COLUMN_PT / width_pt(svg))
        if printed < MIN_PRINTED_PT - 1e-6:
            small.append(f"{name}: {min(sizes):.1f} pt text prints at {printed:.1f} pt")
    assert not small, "\n".join(small)


def test_the_measures_catch_a_too_wide_figure():
    """The two measures on SVGs drawn here: a 10 in figure fails, a column-wide one passes."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from dlopt import plotting

    plotting.setup()
    drawn = {}
    for name, size in {"wide": (10, 3.4), "column": plotting.figsize(3.4)}.items():
        fig, axes = plt.subplots(1, 2, figsize=size)
        for ax in axes:
            ax.plot([0, 1], [0, 1], label="line")
            ax.set_xlabel("step t")
            ax.legend(fontsize=8)
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg")
        plt.close(fig)
        drawn[name] = buffer.getvalue()
    assert width_pt(drawn["wide"]) > COLUMN_PT + ROUNDING_PT
    assert min(font_sizes_pt(drawn["wide"])) * COLUMN_PT / width_pt(drawn["wide"]) < 8
    assert width_pt(drawn["column"]) <= COLUMN_PT + ROUNDING_PT
    assert min(font_sizes_pt(drawn["column"])) == 8
