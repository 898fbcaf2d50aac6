r"""Grids of optimization runs for the book's interactive figures (the "explorers").

An explorer lets the reader move sliders — a learning rate :math:`\eta`, a momentum
:math:`\mu`, a batch size :math:`|B|` — and see the path and the loss curve of the run
with those values. The browser computes nothing: every run of the grid of slider
values is made here, with :mod:`dlopt.optim` and :func:`dlopt.trajectory`, when the
book is built, and the page only draws the selected one
(``book/_static/explorer.js``). The same data draws the static small multiple of the
printed book.

:func:`surface_grid` runs optimizers on a test surface of :mod:`dlopt.functions`;
:func:`regression_grid` runs mini-batch SGD on the mean squared error of a line
:math:`\hat y = w x + b` fitted to data of :func:`dlopt.data.linear_regression`.
Both return plain data (lists of rounded floats, ready for :func:`to_json`):

``runs``
    one entry per point of the grid, in the order of :func:`grid_index`; each maps a
    method's name to ``{"path": [x0, y0, x1, y1, ...], "gap": [...], "steps": s,
    "diverged": d}``. ``path`` holds every ``every``-th point (and always the last),
    ``gap`` is :math:`\log_{10}` of :math:`f(\theta_t) - f^\star` at the same points
    (at least ``log10(FLOOR)``), ``steps`` is the number of steps made (fewer than asked
    when the run diverged).
``contours``
    the level sets of the loss, each a flat list ``[x0, y0, x1, y1, ...]``, spaced
    logarithmically above the minimum, as :func:`dlopt.plotting.contour` draws them.

>>> from dlopt.functions import Quadratic
>>> from dlopt.optim import SGD
>>> data = surface_grid(Quadratic(condition=10.0), {"GD": lambda lr: SGD(lr=lr)},
...                     {"lr": [0.1, 0.25]}, steps=20, levels=5, resolution=20)
>>> [run["GD"]["diverged"] for run in data["runs"]]
[False, True]
>>> data["runs"][0]["GD"]["path"][:2]
[-4.0, 2.0]
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from itertools import product

import contourpy
import numpy as np

from dlopt import losses
from dlopt.data import minibatches
from dlopt.optim import SGD
from dlopt.trajectory import trajectory

__all__ = ["FLOOR", "grid_index", "regression_grid", "surface_grid", "to_json"]

#: Gaps below this value are stored as this value (the loss axis is logarithmic).
FLOOR = 1e-16
DIGITS = 4  # decimals of the stored coordinates
GAP_DIGITS = 3  # decimals of the stored log10 gaps


def _check_sliders(sliders) -> dict[str, list[float]]:
    if not isinstance(sliders, Mapping) or not sliders:
        raise ValueError(f"sliders must be a non-empty mapping name -> values, got {sliders!r}")
    checked = {}
    for name, values in sliders.items():
        values = list(values) if isinstance(values, Sequence | np.ndarray) else None
        if not values or not all(
            isinstance(v, int | float | np.number) and not isinstance(v, bool) and math.isfinite(v)
            for v in values
        ):
            raise ValueError(f"sliders[{name!r}] must be a non-empty list of finite numbers, "
                             f"got {sliders[name]!r}")
        if len(set(values)) != len(values) or sorted(values) != values:
            raise ValueError(f"sliders[{name!r}] must be increasing, got {values!r}")
        checked[str(name)] = [v.item() if isinstance(v, np.number) else v for v in values]
    return checked


def _check_count(name: str, value, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def grid_index(sliders: Mapping[str, Sequence], **chosen: int) -> int:
    """The position in ``runs`` of the grid point with slider positions ``chosen``.

    The last slider varies fastest: ``index = i_0 * n_1 * n_2 + i_1 * n_2 + i_2``.

    >>> grid_index({"lr": [0.1, 0.2, 0.3], "momentum": [0.0, 0.9]}, lr=2, momentum=1)
    5
    """
    if set(chosen) != set(sliders):
        raise ValueError(f"grid_index needs one position per slider {list(sliders)}, "
                         f"got {sorted(chosen)}")
    index = 0
    for name, values in sliders.items():
        i = chosen[name]
        if isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < len(values):
            raise ValueError(f"{name} must be a position in 0..{len(values) - 1}, got {i!r}")
        index = index * len(values) + i
    return index


def _points(sliders: dict[str, list[float]]) -> list[dict[str, float]]:
    """Every combination of slider values, in the order of :func:`grid_index`."""
    return [dict(zip(sliders, combo, strict=True)) for combo in product(*sliders.values())]


def _record(path: np.ndarray, gaps: np.ndarray, diverged: bool, every: int) -> dict:
    """One run as plain data: every ``every``-th point and the last one, rounded."""
    keep = list(range(0, len(path), every))
    if keep[-1] != len(path) - 1:
        keep.append(len(path) - 1)
    log_gap = np.log10(np.maximum(gaps[keep], FLOOR))
    return {
        "path": [round(float(v), DIGITS) for v in np.asarray(path)[keep].ravel()],
        "gap": [round(float(v), GAP_DIGITS) for v in log_gap],
        "steps": len(path) - 1,
        "diverged": bool(diverged),
    }


def _contours(value: Callable, bounds, levels: int, resolution: int) -> list[list[float]]:
    """Level sets of ``value`` over ``bounds``, logarithmically spaced above its minimum."""
    (x0, x1), (y0, y1) = bounds
    xs, ys = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    zs = np.asarray(value(np.stack([xs, ys], axis=-1)), dtype=float)
    shifted = zs - zs.min() + 1e-3
    heights = np.geomspace(shifted.min(), shifted.max(), levels + 2)[1:-1] + zs.min() - 1e-3
    generator = contourpy.contour_generator(xs, ys, zs)
    lines = []
    for height in heights:
        for line in generator.lines(float(height)):
            lines.append([round(float(v), 3) for v in np.asarray(line).ravel()])
    return lines


def _common(bounds, minima, sliders, steps, every, contours) -> dict:
    (x0, x1), (y0, y1) = bounds
    return {
        "bounds": [[float(x0), float(x1)], [float(y0), float(y1)]],
        "minima": [[round(float(v), DIGITS) for v in m] for m in np.atleast_2d(minima)],
        "sliders": sliders,
        "steps": steps,
        "every": every,
        "floor": math.log10(FLOOR),
        "contours": contours,
    }


def surface_grid(function, optimizers: Mapping[str, Callable], sliders: Mapping[str, Sequence],
                 steps: int, *, start=None, every: int = 1, levels: int = 12,
                 resolution: int = 60) -> dict:
    r"""Run each optimizer from ``start`` for every combination of slider values.

    ``optimizers`` maps a method's name to a function that takes the slider values as
    keyword arguments and returns a fresh optimizer, e.g.
    ``{"GD": lambda lr, momentum: SGD(lr=lr, momentum=momentum)}``. Each run is
    :func:`dlopt.trajectory` on ``function`` (a surface of :mod:`dlopt.functions`) from
    ``start`` (default ``function.start``); ``gap`` is
    :math:`f(\theta_t) - f(\theta^\star)` with :math:`\theta^\star` = ``function.global_minimum``.
    """
    sliders = _check_sliders(sliders)
    if not isinstance(optimizers, Mapping) or not optimizers or not all(
            callable(make) for make in optimizers.values()):
        raise ValueError("optimizers must be a non-empty mapping name -> callable, "
                         f"got {optimizers!r}")
    steps = _check_count("steps", steps, 1)
    every = _check_count("every", every, 1)
    levels = _check_count("levels", levels, 1)
    resolution = _check_count("resolution", resolution, 2)
    start = function.start if start is None else np.array(start, dtype=float)
    f_star = function.value(function.global_minimum)
    runs = []
    for values in _points(sliders):
        entry = {}
        for name, make in optimizers.items():
            run = trajectory(make(**values), function, start, steps)
            entry[name] = _record(run.path, run.losses - f_star, run.diverged, every)
        runs.append(entry)
    data = _common(function.bounds, function.minima, sliders, steps, every,
                   _contours(function.value, function.bounds, levels, resolution))
    data["runs"] = runs
    return data


class LineFit:
    r"""The mean squared error of the line :math:`\hat y = w x + b` on data ``(x, y)``.

    .. math::
        L(w, b) = \frac1n \sum_i (w x_i + b - y_i)^2, \qquad
        L(\theta) - L(\theta^\star)
            = \tfrac12 (\theta - \theta^\star)^\top H (\theta - \theta^\star)

    with :math:`H = 2 \begin{pmatrix} \overline{x^2} & \bar x \\ \bar x & 1 \end{pmatrix}` and
    :math:`\theta^\star` the least-squares fit. The gap is computed from the parameter error,
    so that it does not lose its digits near the minimum.
    """

    def __init__(self, x, y):
        self.x, self.y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        A = np.column_stack([self.x, np.ones_like(self.x)])
        self.minimum = np.linalg.lstsq(A, self.y, rcond=None)[0]
        self.hessian = 2 * A.T @ A / len(self.x)

    def value(self, theta):
        """L at ``theta`` of shape (..., 2)."""
        theta = np.asarray(theta, dtype=float)
        pred = theta[..., :1] * self.x + theta[..., 1:]
        return np.mean((pred - self.y) ** 2, axis=-1)

    def gap(self, theta):
        """L(θ) − L(θ*) for ``theta`` of shape (..., 2)."""
        error = np.asarray(theta, dtype=float) - self.minimum
        return 0.5 * np.einsum("...i,ij,...j->...", error, self.hessian, error)

    def batch_grad(self, theta, x_b, y_b) -> np.ndarray:
        """The gradient of the MSE on the batch ``(x_b, y_b)`` (:func:`dlopt.losses.mse_grad`)."""
        r = losses.mse_grad(theta[0] * x_b + theta[1], y_b)  # ∂L/∂ŷ_i = 2(ŷ_i − y_i)/|B|
        return np.array([r @ x_b, r.sum()])


def minibatch_sgd(fit: LineFit, theta0, batch_size: int, lr: float, steps: int,
                  *, max_loss: float = 1e6) -> tuple[np.ndarray, bool]:
    """``steps`` steps of SGD on mini-batches (epoch ``e`` shuffled with ``seed=e``).

    Returns the path θ_0 … θ_s and whether it diverged (L above ``max_loss`` or not finite),
    in which case it stops before the offending point, as :func:`dlopt.trajectory` does.
    """
    theta = np.array(theta0, dtype=float)
    opt, path, epoch = SGD(lr=lr), [theta.copy()], 0
    X = fit.x[:, None]
    while len(path) <= steps:
        for X_b, y_b in minibatches(X, fit.y, batch_size, seed=epoch):
            with np.errstate(over="ignore", invalid="ignore"):
                opt.step(theta, fit.batch_grad(theta, X_b[:, 0], y_b))
                loss = float(fit.value(theta))
            if not (np.all(np.isfinite(theta)) and np.isfinite(loss) and loss <= max_loss):
                return np.array(path), True
            path.append(theta.copy())
            if len(path) > steps:
                break
        epoch += 1
    return np.array(path), False


def regression_grid(x, y, theta0, sliders: Mapping[str, Sequence], steps: int, *, bounds,
                    every: int = 1, levels: int = 12, resolution: int = 60) -> dict:
    r"""Mini-batch SGD on the line fit of ``(x, y)`` for every batch size and learning rate.

    ``sliders`` must be ``{"batch_size": [...], "lr": [...]}`` (in this order); each run
    is :func:`minibatch_sgd` from ``theta0``, recorded under the method name ``"SGD"``;
    ``gap`` is :math:`L(\theta_t) - L(\theta^\star)`. ``bounds`` is the drawn window
    ``((w_min, w_max), (b_min, b_max))``.
    """
    sliders = _check_sliders(sliders)
    if list(sliders) != ["batch_size", "lr"]:
        raise ValueError("sliders must be {'batch_size': [...], 'lr': [...]}, "
                         f"got {list(sliders)}")
    fit = LineFit(x, y)
    n = len(fit.x)
    if not all(isinstance(b, int) and 1 <= b <= n for b in sliders["batch_size"]):
        raise ValueError(f"batch_size values must be integers in 1..{n}, "
                         f"got {sliders['batch_size']}")
    if not all(lr > 0 for lr in sliders["lr"]):
        raise ValueError(f"lr values must be positive, got {sliders['lr']}")
    steps = _check_count("steps", steps, 1)
    every = _check_count("every", every, 1)
    levels = _check_count("levels", levels, 1)
    resolution = _check_count("resolution", resolution, 2)
    runs = []
    for values in _points(sliders):
        path, diverged = minibatch_sgd(fit, theta0, values["batch_size"], values["lr"], steps)
        runs.append({"SGD": _record(path, fit.gap(path), diverged, every)})
    data = _common(bounds, fit.minimum, sliders, steps, every,
                   _contours(fit.value, bounds, levels, resolution))
    data["runs"] = runs
    return data


def to_json(data) -> str:
    """Compact JSON for a page; ``</`` is escaped so that it can sit in a ``<script>``."""
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).replace("</", "<\\/")
