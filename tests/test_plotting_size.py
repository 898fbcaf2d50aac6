"""plotting.TEXT_WIDTH is the PDF's text column, and figsize() draws figures that fit it."""

from __future__ import annotations

import io
import re

import matplotlib
import pytest
from bookfiles import ROOT

from dlopt import plotting

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def test_text_width_is_the_column_of_the_latex_layout():
    """A4 paper less Sphinx's default 1 in margins: conf.py must not change either unseen."""
    conf = (ROOT / "conf.py").read_text(encoding="utf-8")
    assert re.search(r'"papersize":\s*"a4paper"', conf)
    assert not re.search(r"hmargin|geometry|textwidth", conf), (
        "conf.py changes the page layout: update plotting.TEXT_WIDTH")
    assert plotting.TEXT_WIDTH == pytest.approx(8.27 - 2, abs=0.01)


@pytest.mark.parametrize("layout", [None, "constrained"])
@pytest.mark.parametrize("panels", [1, 2])
def test_a_figure_of_figsize_is_no_wider_than_the_column(panels, layout):
    """Also with a constrained layout, whose content reaches the figure's edge (with the
    default 0.1 in padding of the tight box such a figure was 458.7 pt wide)."""
    plotting.setup()
    fig, axes = plt.subplots(1, panels, figsize=plotting.figsize(3.4), squeeze=False,
                             layout=layout)
    for ax in axes.flat:
        ax.plot([0, 1000], [0, 1], label="a line")
        ax.set_xlabel("step t")
        ax.set_ylabel("loss")
        ax.legend()
    if layout == "constrained":
        fig.legend(["a line"], loc="outside lower center")
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg")  # with the book's tight bounding box
    plt.close(fig)
    width = float(re.search(r'<svg\b[^>]*\bwidth="([\d.]+)pt"', buffer.getvalue()).group(1))
    assert width <= plotting.TEXT_WIDTH * 72 + 0.05
    assert plotting.figsize(3.4) == (plotting.TEXT_WIDTH, 3.4)


def test_the_default_figure_is_column_wide():
    plotting.setup()
    assert tuple(matplotlib.rcParams["figure.figsize"]) == (plotting.TEXT_WIDTH, 4.0)


@pytest.mark.parametrize("height", [0, -1.0, float("nan")])
def test_figsize_rejects_a_height_that_is_not_positive(height):
    with pytest.raises(ValueError, match="height must be a positive number of inches, got"):
        plotting.figsize(height)
