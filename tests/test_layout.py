"""dlopt.layout finds the figure defects of review figsize-r1, and passes a clean figure."""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest

from dlopt import layout, plotting

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


@pytest.fixture
def fig():
    plotting.setup()
    figure, ax = plt.subplots(1, 2, figsize=plotting.figsize(3.0), layout="constrained")
    yield figure
    plt.close(figure)


def _curves(ax, steps=1000):
    t = np.arange(steps + 1)
    ax.plot(t, np.exp(-t / 200), label="SGD")
    ax.plot(t, np.exp(-t / 100), label="Adam")
    ax.set_yscale("log")
    ax.set_xlabel("step t")
    ax.set_ylabel("loss")


def test_a_clean_figure_has_no_problems(fig):
    for ax in fig.axes:
        _curves(ax)
        ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(nbins=5, integer=True))
        ax.set_ylim(top=1e3)  # room for the legend above the curves
        ax.legend(loc="upper right", fontsize=8)
    assert layout.layout_problems(fig) == []


def test_tick_labels_that_run_together_are_found(fig):
    """The "0 100200300…1000" of fig-adv-rosenbrock: integer ticks at every 100."""
    ax = fig.axes[0]
    _curves(ax)
    ax.set_xticks(range(0, 1001, 100))
    problems = layout.layout_problems(fig)
    assert problems and all("x tick label" in p and "too close" in p for p in problems)
    ax.set_xticks(range(0, 1001, 250))
    assert layout.layout_problems(fig) == []


def test_a_legend_over_a_line_is_found(fig):
    ax = fig.axes[0]
    t = np.linspace(0, 1, 50)
    ax.plot(t, t, label="a line through the middle")
    ax.legend(loc="center")
    assert layout.layout_problems(fig) == ["axes 0 legend covers data: 'a line through the middle'"]


def test_a_legend_over_scatter_points_or_markers_is_found(fig):
    left, right = fig.axes
    left.scatter([0.5], [0.5], label="one point")
    left.set(xlim=(0, 1), ylim=(0, 1))
    left.legend(loc="center")
    right.plot([0.5], [0.5], "o", label="one marker")
    right.set(xlim=(0, 1), ylim=(0, 1))
    right.legend(loc="center")
    assert layout.layout_problems(fig) == ["axes 0 legend covers data: 'one point'",
                                           "axes 1 legend covers data: 'one marker'"]


def test_a_legend_beside_the_data_is_not_reported(fig):
    ax = fig.axes[0]
    ax.plot([0, 1], [0, 0.3], label="low line")
    ax.set_ylim(0, 1)
    ax.legend(loc="upper right")
    assert layout.layout_problems(fig) == []


def test_overlapping_texts_and_text_outside_the_figure_are_found(fig):
    """The English fig-hp-grid title that ran into the colorbar, and a label past the edge."""
    ax = fig.axes[0]
    ax.set_title("(a) validation loss and accuracy")
    ax.text(0.5, 1.02, "a note under the title", transform=ax.transAxes, ha="center")
    problems = layout.layout_problems(fig)
    assert len(problems) == 1 and "title" in problems[0] and "overlaps" in problems[0], problems
    fig.text(0.99, 0.5, "past the right edge")
    assert "figure text 'past the right edge' sticks out of the figure" in (
        layout.layout_problems(fig)[-1])


def test_an_explicit_exemption_silences_only_that_artist(fig):
    ax = fig.axes[0]
    ax.plot([0, 1], [0, 1], label="line")
    legend = ax.legend(loc="center")
    layout.exempt(legend, "the test says so")
    assert layout.layout_problems(fig) == []
    fig.text(0.99, 0.5, "past the right edge")
    assert len(layout.layout_problems(fig)) == 1


def test_check_figures_raises_naming_the_problem(fig):
    ax = fig.axes[0]
    ax.plot([0, 1], [0, 1], label="line")
    ax.legend(loc="center")
    with pytest.raises(layout.LayoutError, match="legend covers data: 'line'"):
        layout.check_figures()


def test_the_check_runs_before_the_inline_backend_flushes():
    class Events:
        def __init__(self):
            self.callbacks = {"post_execute": ["flush_figures"]}

    class Shell:
        events = Events()

    shell = Shell()
    layout.check_on_execute(shell)
    layout.check_on_execute(shell)
    assert shell.events.callbacks["post_execute"] == [layout.check_figures, "flush_figures"]


def test_ticks_outside_a_log_view_are_not_checked(fig):
    """A log axis keeps tick objects below its lower limit; they are not drawn."""
    ax = fig.axes[0]
    ax.plot([0, 100], [1, 1e-12])
    ax.set_yscale("log")
    ax.set_ylim(1e-12, 2)
    fig.get_layout_engine().set(h_pad=0)
    assert layout.layout_problems(fig) == []


def test_an_annotation_is_checked_by_its_text_not_its_arrow(fig):
    ax = fig.axes[0]
    ax.set(xlim=(0, 1), ylim=(0, 1))
    ax.annotate("left", xy=(0.9, 0.1), xytext=(0.1, 0.8), arrowprops={"arrowstyle": "->"})
    ax.annotate("right", xy=(0.1, 0.1), xytext=(0.7, 0.8), arrowprops={"arrowstyle": "->"})
    assert layout.layout_problems(fig) == []
    ax.annotate("on top", xy=(0.5, 0.5), xytext=(0.12, 0.8))
    problems = layout.layout_problems(fig)
    assert len(problems) == 1 and "text 'left' overlaps axes 0 text 'on top'" in problems[0]
