"""The printed form of an explorer: a small multiple of a few slider settings.

The PDF cannot move a slider, so it shows some representative settings side by side,
drawn with matplotlib from the *same* data the web page embeds
(:func:`dlopt.explorer.surface_grid`, :func:`dlopt.explorer.regression_grid`): the
paths over the contours in the top row, :math:`f(\\theta_t) - f^\\star` in the bottom
row. Labels are passed in by the page, in its language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

from dlopt import plotting
from dlopt.explorer import grid_index

__all__ = ["small_multiple"]


def small_multiple(data, settings: Sequence[Mapping[str, int]], *, titles: Sequence[str],
                   methods: Mapping[str, str], xlabel: str, ylabel: str, step_label: str,
                   gap_label: str, height: float = 4.6):
    """One column per setting (slider positions, as for :func:`dlopt.explorer.grid_index`).

    Returns the figure; ``titles`` name the settings, ``methods`` map each method of the
    runs to its legend (its colour is :func:`dlopt.plotting.color` of the name).
    """
    if not settings or len(titles) != len(settings):
        raise ValueError(f"titles must name each of the {len(settings)} settings, "
                         f"got {list(titles)}")
    fig, axes = plt.subplots(2, len(settings), figsize=plotting.figsize(height), squeeze=False)
    (x0, x1), (y0, y1) = data["bounds"]
    minima = np.array(data["minima"])
    for column, (chosen, title) in enumerate(zip(settings, titles, strict=True)):
        entry = data["runs"][grid_index(data["sliders"], **chosen)]
        ax_path, ax_loss = axes[0, column], axes[1, column]
        for line in data["contours"]:
            xy = np.reshape(line, (-1, 2))
            ax_path.plot(xy[:, 0], xy[:, 1], color="0.5", linewidth=0.5)
        ax_path.plot(minima[:, 0], minima[:, 1], "*", color="black", markersize=9, zorder=5)
        for name, label in methods.items():
            run = entry[name]
            xy = np.reshape(run["path"], (-1, 2))
            steps = np.minimum(np.arange(len(run["gap"])) * data["every"], run["steps"])
            # a line without markers: a marker per point would double the picture's size
            ax_path.plot(xy[:, 0], xy[:, 1], color=plotting.color(name), linewidth=1.2, label=label)
            ax_loss.semilogy(steps, 10.0 ** np.array(run["gap"]), color=plotting.color(name),
                             linewidth=1.2, label=label)
        ax_path.set_xlim(x0, x1)
        ax_path.set_ylim(y0, y1)
        ax_path.grid(False)
        ax_path.set_title(title, fontsize=9)
        ax_path.set_xlabel(xlabel)
        ax_loss.set_xlim(0, data["steps"])
        ax_loss.set_ylim(10.0 ** data["floor"] / 3, None)
        ax_loss.set_xlabel(step_label)
    axes[0, 0].set_ylabel(ylabel)
    axes[1, 0].set_ylabel(gap_label)
    if len(methods) > 1:
        axes[1, 0].legend(fontsize=8)
    fig.tight_layout()
    return fig
