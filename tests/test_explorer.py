"""dlopt.explorer, dlopt.explorer_html, dlopt.explorer_figure: the data of the interactive
figures is the record of real dlopt runs, and bad arguments are refused with ValueError."""

import json
import re

import matplotlib
import numpy as np
import pytest

from dlopt import trajectory
from dlopt.data import linear_regression, minibatches
from dlopt.explorer import (
    FLOOR,
    LineFit,
    grid_index,
    minibatch_sgd,
    regression_grid,
    surface_grid,
    to_json,
)
from dlopt.explorer_figure import small_multiple
from dlopt.explorer_html import TEXT_KEYS, explorer_html, number
from dlopt.functions import Quadratic, Saddle
from dlopt.optim import SGD, Adam

matplotlib.use("Agg")

BOWL = Quadratic(condition=10.0)
GD = {"GD": lambda lr, momentum: SGD(lr=lr, momentum=momentum)}
SLIDERS = {"lr": [0.05, 0.1, 0.25], "momentum": [0.0, 0.9]}
WORDS = {key: " ".join(["w", *needed.split()]) for key, needed in TEXT_KEYS.items()}


@pytest.fixture(scope="module")
def bowl():
    return surface_grid(BOWL, GD, SLIDERS, steps=30, every=4, levels=5, resolution=30)


def test_grid_index_runs_the_last_slider_fastest():
    assert [grid_index(SLIDERS, lr=i, momentum=j) for i in range(3) for j in range(2)] == [
        0, 1, 2, 3, 4, 5]


def test_every_run_is_the_trajectory_of_its_slider_values(bowl):
    assert len(bowl["runs"]) == 6
    for i, lr in enumerate(SLIDERS["lr"]):
        for j, mu in enumerate(SLIDERS["momentum"]):
            fresh = trajectory(SGD(lr=lr, momentum=mu), BOWL, BOWL.start, 30)
            run = bowl["runs"][grid_index(SLIDERS, lr=i, momentum=j)]["GD"]
            keep = sorted({*range(0, len(fresh.path), 4), len(fresh.path) - 1})
            np.testing.assert_allclose(np.reshape(run["path"], (-1, 2)), fresh.path[keep],
                                       atol=5.1e-5)
            expected = np.log10(np.maximum(fresh.losses[keep], FLOOR))
            np.testing.assert_allclose(run["gap"], expected, atol=5.1e-4)
            assert (run["diverged"], run["steps"]) == (fresh.diverged, fresh.steps)


def test_grid_spans_stable_and_unstable_runs(bowl):
    # 2/κ = 0.2: lr 0.25 diverges without momentum, 0.1 converges; momentum 0.9 moves the limit
    diverged = [run["GD"]["diverged"] for run in bowl["runs"]]
    assert diverged == [False, False, False, False, True, False]
    assert bowl["runs"][4]["GD"]["steps"] < 30


def test_data_is_plain_json_with_contours_inside_the_window(bowl):
    again = json.loads(to_json(bowl))
    assert again == bowl
    (x0, x1), (y0, y1) = bowl["bounds"]
    assert len(bowl["contours"]) >= 5
    for line in bowl["contours"]:
        xy = np.reshape(line, (-1, 2))
        assert np.all((x0 <= xy[:, 0]) & (xy[:, 0] <= x1) & (y0 <= xy[:, 1]) & (xy[:, 1] <= y1))


def test_contours_are_level_sets_of_the_function(bowl):
    for line in bowl["contours"]:
        values = BOWL.value(np.reshape(line, (-1, 2)))
        assert np.ptp(values) < 0.2 * values.mean()  # linear interpolation on a 30 × 30 grid


def test_two_methods_share_one_slider():
    data = surface_grid(Saddle(), {"GD": lambda lr: SGD(lr=lr), "Adam": lambda lr: Adam(lr=lr)},
                        {"lr": [0.01, 0.1]}, steps=10, levels=3, resolution=20)
    assert [list(run) for run in data["runs"]] == [["GD", "Adam"]] * 2
    fresh = trajectory(Adam(lr=0.1), Saddle(), Saddle().start, 10)
    np.testing.assert_allclose(np.reshape(data["runs"][1]["Adam"]["path"], (-1, 2)), fresh.path,
                               atol=5.1e-5)


def test_to_json_can_sit_in_a_script_element():
    assert to_json({"a": "</script>"}) == '{"a":"<\\/script>"}'
    with pytest.raises(ValueError):
        to_json({"a": float("nan")})


@pytest.mark.parametrize("sliders", [
    {}, {"lr": []}, {"lr": [0.2, 0.1]}, {"lr": [0.1, 0.1]}, {"lr": [0.1, float("inf")]},
    {"lr": ["0.1"]}, {"lr": [True]}, [0.1],
])
def test_bad_sliders_are_refused(sliders):
    with pytest.raises(ValueError, match="sliders"):
        surface_grid(BOWL, {"GD": lambda lr: SGD(lr=lr)}, sliders, steps=5)


@pytest.mark.parametrize(("option", "value"), [
    ("steps", 0), ("steps", 2.5), ("every", 0), ("levels", 0), ("resolution", 1),
])
def test_bad_counts_are_refused(option, value):
    options = {"steps": 5, option: value}
    with pytest.raises(ValueError, match=option):
        surface_grid(BOWL, {"GD": lambda lr: SGD(lr=lr)}, {"lr": [0.1]}, **options)


def test_bad_optimizers_and_positions_are_refused():
    with pytest.raises(ValueError, match="optimizers"):
        surface_grid(BOWL, {}, {"lr": [0.1]}, steps=5)
    with pytest.raises(ValueError, match="optimizers"):
        surface_grid(BOWL, {"GD": "SGD"}, {"lr": [0.1]}, steps=5)
    with pytest.raises(ValueError, match="momentum"):
        grid_index(SLIDERS, lr=0, momentum=2)
    with pytest.raises(ValueError, match="one position per slider"):
        grid_index(SLIDERS, lr=0)


# -- mini-batch SGD on the line ---------------------------------------------------------------

X, Y, _, _ = linear_regression(n_samples=40, n_features=1, noise=0.5, seed=0)


def test_minibatch_sgd_is_the_loop_of_chapter_3():
    fit = LineFit(X[:, 0], Y)
    path, diverged = minibatch_sgd(fit, [-1.5, 1.5], batch_size=8, lr=0.1, steps=12)
    theta, opt, expected = np.array([-1.5, 1.5]), SGD(lr=0.1), [np.array([-1.5, 1.5])]
    for epoch in range(3):  # 5 batches per epoch
        for X_b, y_b in minibatches(X, Y, 8, seed=epoch):
            r = 2 * (theta[0] * X_b[:, 0] + theta[1] - y_b) / len(y_b)
            opt.step(theta, np.array([r @ X_b[:, 0], r.sum()]))
            expected.append(theta.copy())
    assert not diverged
    np.testing.assert_allclose(path, np.array(expected[:13]), rtol=1e-12)


def test_line_fit_gap_is_the_loss_above_its_minimum():
    fit = LineFit(X[:, 0], Y)
    theta = np.array([[0.3, -0.2], [1.0, 1.0]])
    np.testing.assert_allclose(fit.gap(theta), fit.value(theta) - fit.value(fit.minimum),
                               rtol=1e-9)
    assert fit.gap(fit.minimum) == pytest.approx(0.0, abs=1e-20)


def test_regression_grid_marks_divergence_and_checks_its_sliders():
    data = regression_grid(X[:, 0], Y, [-1.5, 1.5], {"batch_size": [1, 40], "lr": [0.1, 3.0]},
                           steps=20, bounds=((-2, 2), (-1.5, 2)), levels=4, resolution=20)
    assert [run["SGD"]["diverged"] for run in data["runs"]] == [False, True, False, True]
    with pytest.raises(ValueError, match="sliders must be"):
        regression_grid(X[:, 0], Y, [0, 0], {"lr": [0.1], "batch_size": [1]}, steps=5,
                        bounds=((-2, 2), (-2, 2)))
    with pytest.raises(ValueError, match="batch_size"):
        regression_grid(X[:, 0], Y, [0, 0], {"batch_size": [41], "lr": [0.1]}, steps=5,
                        bounds=((-2, 2), (-2, 2)))
    with pytest.raises(ValueError, match="lr"):
        regression_grid(X[:, 0], Y, [0, 0], {"batch_size": [4], "lr": [-0.1]}, steps=5,
                        bounds=((-2, 2), (-2, 2)))


# -- the HTML block and the printed figure ----------------------------------------------------

def _html(bowl, **options):
    arguments = {"element_id": "explorer-test", "sliders": {"lr": "Скорост η", "momentum": "μ"},
                 "methods": {"GD": "ГС"}, "text": WORDS, "initial": {"lr": 1, "momentum": 0},
                 "decimal": ","}
    return explorer_html(bowl, **{**arguments, **options})


def test_html_has_labelled_keyboard_sliders_and_the_data(bowl):
    html = _html(bowl)
    inputs = re.findall(r'<input type="range"[^>]*>', html)
    assert len(inputs) == 2
    assert 'id="explorer-test-lr"' in inputs[0] and 'max="2"' in inputs[0]
    assert 'aria-valuetext="0,1"' in inputs[0] and 'value="1"' in inputs[0]
    assert '<label for="explorer-test-lr">Скорост η</label>' in html
    assert '<output for="explorer-test-lr" id="explorer-test-lr-value">0,1</output>' in html
    data = re.search(r'class="dlopt-explorer-data">(.*?)</script>', html).group(1)
    assert json.loads(data) == bowl
    page = json.loads(re.search(r'class="dlopt-explorer-page">(.*?)</script>', html).group(1))
    assert page["labels"]["lr"] == ["0,05", "0,1", "0,25"]
    assert page["methods"] == [{"name": "GD", "label": "ГС", "color": "#1f77b4"}]


def test_number_writes_the_page_decimal_sign():
    assert [number(v, ",") for v in (0.05, 0.0002, 1.0, 200)] == ["0,05", "0,0002", "1", "200"]


@pytest.mark.parametrize(("option", "value"), [
    ("element_id", "Bad id"), ("decimal", ";"), ("sliders", {"lr": "η"}),
    ("methods", {"Unknown": "x"}), ("methods", {"Adam": "Adam"}),
    ("text", {**WORDS, "final": "no placeholders"}), ("text", {"paths": "p"}),
    ("initial", {"lr": 3, "momentum": 0}), ("initial", {"lr": 0}),
])
def test_html_refuses_bad_arguments(bowl, option, value):
    with pytest.raises(ValueError, match=option):
        _html(bowl, **{option: value})


def test_small_multiple_draws_each_setting_from_the_data(bowl):
    fig = small_multiple(bowl, [{"lr": 0, "momentum": 0}, {"lr": 2, "momentum": 0}],
                         titles=["a", "b"], methods={"GD": "ГС"}, xlabel="x", ylabel="y",
                         step_label="t", gap_label="f")
    axes = fig.axes
    assert len(axes) == 4 and [axes[0].get_title(), axes[1].get_title()] == ["a", "b"]
    run = bowl["runs"][grid_index(bowl["sliders"], lr=2, momentum=0)]["GD"]
    drawn = axes[1].lines[-1].get_xydata()
    np.testing.assert_array_equal(drawn, np.reshape(run["path"], (-1, 2)))
    with pytest.raises(ValueError, match="titles"):
        small_multiple(bowl, [{"lr": 0, "momentum": 0}], titles=[], methods={"GD": "ГС"},
                       xlabel="x", ylabel="y", step_label="t", gap_label="f")
