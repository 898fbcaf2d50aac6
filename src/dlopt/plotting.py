"""The book's figure style, in one place.

Every page calls :func:`setup` in its first cell and then draws with the helpers
below, so all figures share one look: the same colour for the same optimizer on
every page, line colours with at least 3:1 contrast on the white background (the
site's dark mode shows the same SVG through a colour-inverting filter, see
``book/_static/book.css``, under which they keep that contrast), figures as wide as
the printed text column (:data:`TEXT_WIDTH`, :func:`figsize`), SVG on the web and
vector PDF in the printed book (both are produced by the same cell; the builder
picks one).

Labels are always passed in by the page, in the page's language: this module
writes no text of its own into a figure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib as mpl
import matplotlib.ticker  # noqa: F401  (mpl.ticker below)
import numpy as np

from dlopt import layout

#: One colour per method, used on every page of the book. They are the tab10 colours,
#: with orange, cyan and pink darkened to 3:1 contrast on white (tests/test_figure_colours.py).
COLORS: dict[str, str] = {
    "GD": "#1f77b4",
    "SGD": "#1f77b4",
    "Momentum": "#e66100",
    "Nesterov": "#d62728",
    "Adagrad": "#8c564b",
    "RMSprop": "#9467bd",
    "Adam": "#2ca02c",
    "AdamW": "#1192a0",
}

#: Bulgarian labels of the same methods, so a Bulgarian figure gets the same colours.
ALIASES: dict[str, str] = {
    "ГС": "GD",
    "СГС": "SGD",
    "Моментум": "Momentum",
    "Нестеров": "Nesterov",
}

#: Width of the printed book's text column, in inches: A4 paper (210 mm) less the 1 in
#: margins that Sphinx's LaTeX style leaves on each side (conf.py sets no other geometry).
#: A figure at most this wide prints at its own size, so a 10 pt label prints at 10 pt.
TEXT_WIDTH: float = 210 / 25.4 - 2

_CYCLE = ["#1f77b4", "#e66100", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#cc4fa8", "#1192a0"]

STYLE: dict[str, object] = {
    "figure.figsize": (TEXT_WIDTH, 4.0),
    "figure.dpi": 100,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "savefig.bbox": "tight",
    # The tight box adds this margin on each side; 0.1 in (the default) made a constrained
    # layout, whose content reaches the edge of the figure, 0.11 in wider than the column.
    "savefig.pad_inches": 0.02,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": mpl.cycler(color=_CYCLE),
    "font.size": 10,
    "legend.frameon": False,
    "lines.linewidth": 1.8,
    # Deterministic output: the same figure gives the same file on every build.
    "svg.hashsalt": "dlopt",
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
}


def figsize(height: float) -> tuple[float, float]:
    """The size of a figure as wide as the text column: ``(TEXT_WIDTH, height)`` in inches.

    Panels share this width (``plt.subplots(1, 2, figsize=figsize(3.4))``); more than two
    panels go on two rows rather than one wider figure, which the PDF would shrink.

    >>> w, h = figsize(3.4)
    >>> round(w, 2), h
    (6.27, 3.4)
    >>> figsize(0)
    Traceback (most recent call last):
    ...
    ValueError: height must be a positive number of inches, got 0
    """
    if not height > 0:
        raise ValueError(f"height must be a positive number of inches, got {height!r}")
    return (TEXT_WIDTH, float(height))


def setup(decimal: str = ".") -> None:
    """Apply the book style and ask Jupyter for SVG (web) and PDF (print) figures.

    Call it once, in the first code cell of a page. Outside Jupyter it only
    applies the style; in Jupyter it also checks every figure a cell draws with
    :func:`dlopt.layout.layout_problems` and fails the cell when the layout has problems.
    ``decimal`` is the decimal sign of the page's language: with
    ``","`` (Bulgarian) every tick label reads ``0,5`` instead of ``0.5``.

    >>> import matplotlib
    >>> import matplotlib.pyplot as plt
    >>> def ticks():
    ...     fig, ax = plt.subplots()
    ...     ax.plot([0, 0.5], [0, 1])
    ...     fig.canvas.draw()
    ...     labels = [t.get_text() for t in ax.get_xticklabels()][1:4]
    ...     plt.close(fig)
    ...     return labels
    >>> setup(decimal=",")
    >>> matplotlib.rcParams["svg.hashsalt"]
    'dlopt'
    >>> ticks()
    ['0,0', '0,1', '0,2']
    >>> setup()
    >>> ticks()
    ['0.0', '0.1', '0.2']
    >>> setup(decimal=";")
    Traceback (most recent call last):
    ...
    ValueError: decimal must be "." or ",", got ';'
    """
    global _DECIMAL
    if decimal not in (".", ","):
        raise ValueError(f'decimal must be "." or ",", got {decimal!r}')
    _DECIMAL = decimal
    mpl.rcParams.update(STYLE)
    try:
        from IPython import get_ipython
        from matplotlib_inline.backend_inline import set_matplotlib_formats
    except ImportError:  # pragma: no cover - IPython is always there when the book builds
        return
    shell = get_ipython()
    if shell is not None:
        set_matplotlib_formats("svg", "pdf")
        layout.check_on_execute(shell)  # a figure with colliding text fails its cell


_DECIMAL = "."
_fix_minus = mpl.ticker.Formatter.fix_minus


def _fix_minus_and_decimal(s: str) -> str:
    """Every tick formatter passes its text through ``Formatter.fix_minus``: the one place
    where the decimal sign can follow the page's language."""
    s = _fix_minus(s)
    return s.replace(".", _DECIMAL) if _DECIMAL != "." else s


mpl.ticker.Formatter.fix_minus = staticmethod(_fix_minus_and_decimal)


def color(name: str) -> str | None:
    """The book's colour for an optimizer name, or ``None`` to use the default cycle.

    The lookup uses the first word, so ``"Adam (lr=0.1)"`` is drawn in Adam's colour,
    and knows the Bulgarian names in :data:`ALIASES`.

    >>> color("Adam (lr=0.1)") == COLORS["Adam"]
    True
    >>> color("Моментум (μ = 0,9)") == COLORS["Momentum"]
    True
    >>> color("my method") is None
    True
    """
    if not name or not name.split():
        return None
    first = name.split()[0].rstrip(",:;")
    return COLORS.get(ALIASES.get(first, first))


def contour(ax, function, *, levels: int = 30, log: bool = True, resolution: int = 300):
    """Draw the level sets of a 2-D test surface and mark its minima with stars.

    ``log=True`` spaces the levels logarithmically, which shows the floor of
    narrow valleys such as Rosenbrock's.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from dlopt.functions import Himmelblau
    >>> fig, ax = plt.subplots()
    >>> _ = contour(ax, Himmelblau())
    >>> len(ax.lines)  # one line of star markers for the four minima
    1
    >>> plt.close(fig)
    """
    (x0, x1), (y0, y1) = function.bounds
    xs, ys = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    zs = function.value(np.stack([xs, ys], axis=-1))
    if log:
        shifted = zs - zs.min() + 1e-3
        level_values = np.geomspace(shifted.min(), shifted.max(), levels) + zs.min() - 1e-3
    else:
        level_values = np.linspace(zs.min(), zs.max(), levels)
    ax.contour(xs, ys, zs, levels=level_values, cmap="Greys_r", linewidths=0.6, alpha=0.8)
    minima = np.atleast_2d(function.minima)
    ax.plot(minima[:, 0], minima[:, 1], "*", color="black", markersize=12, zorder=5)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("auto")
    ax.grid(False)
    return ax


def paths(ax, runs: Mapping[str, object], *, markevery: int | None = None):
    """Draw optimizer paths (:class:`dlopt.Trajectory` objects) on a 2-D axis.

    Each path starts with a circle; a diverged run ends with a cross.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from dlopt import SGD, trajectory
    >>> from dlopt.functions import Quadratic
    >>> f = Quadratic(condition=10.0)
    >>> runs = {"SGD": trajectory(SGD(lr=0.15), f, f.start, steps=20),
    ...         "SGD (lr=0.25)": trajectory(SGD(lr=0.25), f, f.start, steps=20)}
    >>> fig, ax = plt.subplots()
    >>> _ = paths(ax, runs)
    >>> [text.get_text() for text in ax.get_legend().get_texts()]
    ['SGD', 'SGD (lr=0.25)']
    >>> ax.lines[0].get_color() == COLORS["SGD"], runs["SGD (lr=0.25)"].diverged
    (True, True)
    >>> plt.close(fig)
    """
    for label, run in runs.items():
        path = np.asarray(run.path)
        (line,) = ax.plot(
            path[:, 0],
            path[:, 1],
            "-",
            color=color(label),
            label=label,
            marker="." if markevery else None,
            markevery=markevery,
            markersize=4,
        )
        ax.plot(*path[0], "o", color=line.get_color(), markersize=6)
        if getattr(run, "diverged", False):
            ax.plot(*path[-1], "x", color=line.get_color(), markersize=9, mew=2)
    ax.legend(loc="best", fontsize=8)
    return ax


def loss_curves(
    ax,
    curves: Mapping[str, Sequence[float]],
    *,
    log: bool = True,
    xlabel: str = "",
    ylabel: str = "",
):
    """Plot one loss curve per label against the step (or epoch) number.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = loss_curves(ax, {"Adam": [1.0, 0.5, 0.25]}, xlabel="стъпка", ylabel="загуба")
    >>> ax.get_yscale(), ax.get_xlabel(), ax.lines[0].get_ydata().tolist()
    ('log', 'стъпка', [1.0, 0.5, 0.25])
    >>> plt.close(fig)
    """
    for label, values in curves.items():
        ax.plot(np.arange(len(values)), values, label=label, color=color(label))
    if log:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(loc="best", fontsize=8)
    return ax
