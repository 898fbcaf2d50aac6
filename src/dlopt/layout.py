"""Layout check of a drawn figure: text that collides, sticks out, or a legend over data.

The book's figures are drawn at the printed text width, where long labels easily run
into each other. :func:`layout_problems` finds the defects a reader would see, from the
window extents of the figure's artists (display coordinates, after a draw):

* two tick labels of the x axis closer than :data:`TICK_GAP` points ("90100"), or of
  the y axis overlapping by more than :data:`OVERLAP` points;
* two texts — tick labels, axis labels, titles, annotations, figure texts, legend
  boxes — overlapping by more than :data:`OVERLAP` points in both directions;
* a text or legend that reaches more than :data:`OVERLAP` points outside the figure;
* a legend box that covers plotted data of its own axes: a line
  (:class:`~matplotlib.lines.Line2D`) that passes through it, or a marker or scatter point
  inside it, shrunk by :data:`OVERLAP` points on each side.

Not checked (yet): a legend over bars, histograms, images, contour lines, filled bands or
error bars, over the data of a neighbouring axes, and text drawn across a curve; a cell
that calls ``plt.show()`` closes its figures before the check sees them.

A figure that legitimately breaks a rule says so in its cell with :func:`exempt`, which
names the artist and the reason; nothing is exempt silently. :func:`check_on_execute`
runs the check on every figure a notebook cell leaves open, before Jupyter's inline
backend shows it, and raises :class:`LayoutError` (the book's build then fails, naming
the page and the cell: ``book/_ext/cell_errors.py``).
"""

from __future__ import annotations

import itertools

import numpy as np
from matplotlib.collections import PathCollection
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.transforms import Bbox

#: Smallest gap, in points, between two neighbouring tick labels of one axis.
TICK_GAP: float = 1.5
#: Largest overlap, in points, tolerated between two texts (or out of the figure, or
#: between a legend box and a line). Window extents include the font's line spacing, so
#: touching texts overlap by a fraction of a point.
OVERLAP: float = 1.0

_EXEMPT = "_dlopt_layout_exempt"


class LayoutError(Exception):
    """A figure has layout problems (the message lists them)."""


def exempt(artist, reason: str):
    """Exclude ``artist`` (a text, legend or line) from :func:`layout_problems`.

    The reason is required, so the cell that opts out says why.

    >>> from matplotlib.text import Text
    >>> t = exempt(Text(text="x"), "the label marks the point it covers")
    >>> getattr(t, _EXEMPT)
    'the label marks the point it covers'
    >>> exempt(Text(), "")
    Traceback (most recent call last):
    ...
    ValueError: reason must say why the artist is exempt, got ''
    """
    if not isinstance(reason, str) or not reason.strip():
        raise ValueError(f"reason must say why the artist is exempt, got {reason!r}")
    setattr(artist, _EXEMPT, reason)
    return artist


def _shown(artist) -> bool:
    return artist.get_visible() and not hasattr(artist, _EXEMPT)


def _texts(fig, renderer):
    """(name, extent, group) of every shown, non-empty text and legend box of ``fig``.

    ``group`` is the tick axis for tick labels, ``None`` for the rest."""
    found = []

    def add(text, name, group=None):
        if _shown(text) and text.get_text().strip():
            # Text's own extent: an annotation's would include its arrow
            found.append((name, Text.get_window_extent(text, renderer), group))

    for i, ax in enumerate(fig.axes):
        if not ax.get_visible():
            continue
        for axis_name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
            if not axis.get_visible():
                continue
            scale = axis.get_transform()  # compare positions as drawn (log axes too)
            lo, hi = sorted(scale.transform(np.asarray(axis.get_view_interval(), float)))
            slack = 1e-9 * (hi - lo)
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                where = scale.transform(np.array([tick.get_loc()], float))[0]
                if not lo - slack <= where <= hi + slack:
                    continue  # a tick outside the view is not drawn
                for side, label in (("1", tick.label1), ("2", tick.label2)):
                    add(label, f"axes {i} {axis_name} tick label {label.get_text()!r}",
                        (i, axis_name, side))
            add(axis.label, f"axes {i} {axis_name} label {axis.label.get_text()!r}")
        for title in (ax.title, ax._left_title, ax._right_title):
            add(title, f"axes {i} title {title.get_text()!r}")
        for text in ax.texts:
            add(text, f"axes {i} text {text.get_text()!r}")
        legend = ax.get_legend()
        if legend is not None and _shown(legend):
            found.append((f"axes {i} legend", legend.get_window_extent(renderer), None))
    for text in fig.texts:
        add(text, f"figure text {text.get_text()!r}")
    for j, legend in enumerate(fig.legends):
        if _shown(legend):
            found.append((f"figure legend {j}", legend.get_window_extent(renderer), None))
    return found


def _overlap(a: Bbox, b: Bbox) -> tuple[float, float]:
    return (min(a.x1, b.x1) - max(a.x0, b.x0), min(a.y1, b.y1) - max(a.y0, b.y0))


def _covers_data(box: Bbox, ax) -> str | None:
    """The label of the first line or scatter of ``ax`` drawn inside ``box``, if any."""
    box = Bbox.intersection(box, ax.bbox)
    if box is None or box.width <= 0 or box.height <= 0:
        return None
    for line in ax.lines:
        if not _shown(line) or not (line.get_alpha() is None or line.get_alpha() > 0):
            continue
        xy = line.get_transform().transform(np.column_stack(line.get_data()).astype(float))
        finite = np.isfinite(xy).all(axis=1)
        if line.get_linestyle() not in ("None", "", " ") and len(xy) > 1:
            # each run of finite points is one polyline; NaN breaks a line
            breaks = np.flatnonzero(~finite)
            for points in np.split(xy, breaks):
                points = points[np.isfinite(points).all(axis=1)]
                if len(points) > 1 and Path(points).intersects_bbox(box, filled=False):
                    return line.get_label()
        if line.get_marker() not in (None, "None", "", " ") and _inside(xy[finite], box).any():
            return line.get_label()
    for collection in ax.collections:
        if isinstance(collection, PathCollection) and _shown(collection):
            offsets = collection.get_offset_transform().transform(collection.get_offsets())
            if _inside(offsets, box).any():
                return collection.get_label()
    return None


def _inside(points: np.ndarray, box: Bbox) -> np.ndarray:
    if len(points) == 0:
        return np.zeros(0, bool)
    return ((points[:, 0] > box.x0) & (points[:, 0] < box.x1)
            & (points[:, 1] > box.y0) & (points[:, 1] < box.y1))


def layout_problems(fig) -> list[str]:
    """The layout problems of ``fig`` (see the module docstring), one sentence each.

    The figure is drawn first (without rendering), so tick labels and layout are final.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(2, 2), layout="constrained")
    >>> _ = ax.plot([0, 1000], [0, 1], label="data")
    >>> layout_problems(fig)
    []
    >>> _ = ax.set_xticks(range(0, 1001, 100))
    >>> _ = ax.legend(loc="center")
    >>> problems = layout_problems(fig)
    >>> any("too close" in p for p in problems), any("covers data" in p for p in problems)
    (True, True)
    >>> plt.close(fig)
    """
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    pt = fig.dpi / 72
    problems = []
    texts = _texts(fig, renderer)
    for (name_a, a, group_a), (name_b, b, group_b) in itertools.combinations(texts, 2):
        dx, dy = _overlap(a, b)
        if group_a is not None and group_a == group_b:
            along = dx if group_a[1] == "x" else dy
            across = dy if group_a[1] == "x" else dx
            # x labels need a visible gap; y labels are stacked lines of text, whose extents
            # include the line spacing, so there they may touch as any two texts may
            least = TICK_GAP if group_a[1] == "x" else -OVERLAP
            if across > 0 and along > -least * pt:
                problems.append(f"{name_a} and {name_b} are too close "
                                f"(gap {-along / pt:.1f} pt, at least {least} pt)")
        elif dx > OVERLAP * pt and dy > OVERLAP * pt:
            problems.append(f"{name_a} overlaps {name_b} ({dx / pt:.1f} by {dy / pt:.1f} pt)")
    frame = fig.bbox
    for name, box, _ in texts:
        out = max(frame.x0 - box.x0, box.x1 - frame.x1, frame.y0 - box.y0, box.y1 - frame.y1)
        if out > OVERLAP * pt:
            problems.append(f"{name} sticks out of the figure by {out / pt:.1f} pt")
    legends = [(f"axes {i} legend", ax.get_legend(), [ax]) for i, ax in enumerate(fig.axes)]
    legends += [(f"figure legend {j}", leg, fig.axes) for j, leg in enumerate(fig.legends)]
    for name, legend, axes in legends:
        if legend is None or not _shown(legend):
            continue
        box = legend.get_window_extent(renderer).padded(-OVERLAP * pt)
        for ax in axes:
            label = _covers_data(box, ax)
            if label is not None:
                problems.append(f"{name} covers data: {label!r}")
                break
    return problems


def check_figures() -> None:
    """Raise :class:`LayoutError` if any open pyplot figure has layout problems."""
    import matplotlib.pyplot as plt

    report = []
    for number in plt.get_fignums():
        problems = layout_problems(plt.figure(number))
        report += [f"figure {number}: {p}" for p in problems]
    if report:
        raise LayoutError("figure layout problems (see dlopt.layout):\n  " + "\n  ".join(report))


def check_on_execute(shell) -> None:
    """Run :func:`check_figures` after every cell of ``shell`` (an IPython shell), before
    the inline backend shows and closes the cell's figures. Registering twice is harmless."""
    callbacks = shell.events.callbacks["post_execute"]
    if check_figures not in callbacks:
        callbacks.insert(0, check_figures)
