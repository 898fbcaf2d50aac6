"""Run an optimizer on a test function and record where it goes.

The book draws these paths over contour plots. A run that blows up is not an
error: it is one of the things the book wants to show, so :func:`trajectory`
stops at the first step whose point or loss is non-finite or larger than
``max_loss`` and marks the run as ``diverged``, instead of raising or filling
the figure with ``nan``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Trajectory:
    """The record of one optimization run.

    Attributes
    ----------
    path
        The visited points, ``path[0]`` is the start: shape ``(steps + 1, 2)`` on a
        2-D surface, ``(steps + 1,)`` on a 1-D function.
    losses
        ``function.value`` at every point of ``path``.
    diverged
        ``True`` when the run stopped early because the point or the loss became
        non-finite or exceeded ``max_loss``. The offending point is not recorded.
    steps
        How many optimizer steps the path contains (``len(path) - 1``).

    >>> import numpy as np
    >>> run = Trajectory(np.array([[1.0, 1.0], [0.5, 0.5]]), np.array([1.0, 0.25]), False, 1)
    >>> run.final_loss, run.path.shape
    (0.25, (2, 2))
    """

    path: np.ndarray
    losses: np.ndarray
    diverged: bool
    steps: int

    @property
    def final_loss(self) -> float:
        """The loss at the last recorded point."""
        return float(self.losses[-1])


def trajectory(optimizer, function, x0, steps: int, *, max_loss: float = 1e6) -> Trajectory:
    r"""Minimise ``function`` with ``optimizer`` for ``steps`` steps from ``x0``.

    At each step the gradient :math:`g_t = \nabla f(\theta_t)` is handed to
    ``optimizer.step``, which produces :math:`\theta_{t+1}`.

    Parameters
    ----------
    optimizer
        A fresh optimizer from :mod:`dlopt.optim` (it keeps state between steps).
    function
        An object with ``value(p)`` and ``grad(p)``, e.g. from :mod:`dlopt.functions`.
    x0
        The starting point (a number for a 1-D function, a pair for a 2-D surface).
        It is copied, never modified.
    steps
        The number of steps, at least 0.
    max_loss
        A loss above this value (or a non-finite point or loss) counts as divergence.

    >>> from dlopt.optim import SGD
    >>> from dlopt.functions import DoubleWell
    >>> calm = trajectory(SGD(lr=0.01), DoubleWell(), 2.0, steps=200)
    >>> round(float(calm.path[-1]), 3), calm.diverged
    (1.131, False)
    >>> wild = trajectory(SGD(lr=0.5), DoubleWell(), 2.0, steps=200)
    >>> wild.diverged, wild.steps
    (True, 1)
    """
    if isinstance(steps, bool) or not isinstance(steps, int | np.integer) or steps < 0:
        raise ValueError(f"steps must be a non-negative integer, got {steps!r}")
    if not max_loss > 0:
        raise ValueError(f"max_loss must be a positive number, got {max_loss!r}")
    x = np.array(x0, dtype=float)
    if x.ndim > 1:
        raise ValueError(f"x0 must be a number or a 1-D point, got an array of shape {x.shape}")
    if not np.all(np.isfinite(x)):
        raise ValueError(f"x0 must be finite, got {x0!r}")

    def exploded(point, loss) -> bool:
        return not (np.all(np.isfinite(point)) and np.isfinite(loss) and abs(loss) <= max_loss)

    path = [x.copy()]
    losses = [float(function.value(x))]
    diverged = exploded(x, losses[0])
    for _ in range(steps if not diverged else 0):
        with np.errstate(over="ignore", invalid="ignore"):
            optimizer.step(x, np.asarray(function.grad(x), dtype=float))
            loss = float(function.value(x))
        if exploded(x, loss):
            diverged = True
            break
        path.append(x.copy())
        losses.append(loss)
    return Trajectory(np.array(path), np.array(losses), diverged, len(path) - 1)
