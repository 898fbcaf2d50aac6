r"""Learning-rate schedules: a schedule is a plain function from the step number to a learning rate.

Each factory below returns a function ``schedule(t) -> float`` for integer steps
``t >= 0`` (the style of optax). The training loop sets ``optimizer.lr = schedule(t)``
before step ``t``. The values equal those of the corresponding
``torch.optim.lr_scheduler`` classes after ``t`` calls of ``scheduler.step()``:

====================  ==========================
dlopt                 torch.optim.lr_scheduler
====================  ==========================
step_decay            StepLR
exponential_decay     ExponentialLR
cosine_annealing      CosineAnnealingLR
linear_warmup         LinearLR
====================  ==========================

>>> schedule = step_decay(0.1, step_size=2, gamma=0.5)
>>> [schedule(t) for t in range(6)]
[0.1, 0.1, 0.05, 0.05, 0.025, 0.025]
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable

from dlopt._checks import check_in_range, check_non_negative, check_positive_int

__all__ = ["step_decay", "exponential_decay", "cosine_annealing", "linear_warmup"]

Schedule = Callable[[int], float]


def _check_step(t) -> int:
    """The step number ``t`` must be an integer >= 0."""
    if isinstance(t, bool) or not isinstance(t, numbers.Integral) or t < 0:
        raise ValueError(f"the step t must be a non-negative integer, got {t!r}")
    return int(t)


def _check_gamma(gamma) -> float:
    return float(check_in_range("gamma", gamma, 0, math.inf, lo_closed=False))


# ---------------------------------------------------------------------------
# schedules
# ---------------------------------------------------------------------------


def step_decay(lr: float, step_size: int, gamma: float = 0.1) -> Schedule:
    r"""Multiply the learning rate by ``gamma`` every ``step_size`` steps (torch ``StepLR``).

    .. math::
        \eta_t = \eta_0 \, \gamma^{\lfloor t / s \rfloor}

    ``lr`` >= 0, ``step_size`` a positive integer, ``gamma`` > 0.

    >>> schedule = step_decay(1.0, step_size=3, gamma=0.1)
    >>> [round(schedule(t), 6) for t in range(7)]
    [1.0, 1.0, 1.0, 0.1, 0.1, 0.1, 0.01]
    """
    lr = float(check_non_negative("lr", lr))
    step_size = int(check_positive_int("step_size", step_size))
    gamma = _check_gamma(gamma)

    def schedule(t: int) -> float:
        t = _check_step(t)
        return lr * gamma ** (t // step_size)

    return schedule


def exponential_decay(lr: float, gamma: float) -> Schedule:
    r"""Multiply the learning rate by ``gamma`` at every step (torch ``ExponentialLR``).

    .. math::
        \eta_t = \eta_0 \, \gamma^{t}

    ``lr`` >= 0, ``gamma`` > 0 (below 1 for a decay).

    >>> schedule = exponential_decay(1.0, gamma=0.5)
    >>> [schedule(t) for t in range(4)]
    [1.0, 0.5, 0.25, 0.125]
    """
    lr = float(check_non_negative("lr", lr))
    gamma = _check_gamma(gamma)

    def schedule(t: int) -> float:
        t = _check_step(t)
        return lr * gamma**t

    return schedule


def cosine_annealing(lr: float, T_max: int, eta_min: float = 0.0) -> Schedule:
    r"""Half a cosine from ``lr`` down to ``eta_min`` in ``T_max`` steps (``CosineAnnealingLR``).

    .. math::
        \eta_t = \eta_{\min} + \tfrac12 (\eta_0 - \eta_{\min})
                 \Bigl( 1 + \cos\bigl( \pi t / T_{\max} \bigr) \Bigr)

    so :math:`\eta_0` at :math:`t = 0` and :math:`\eta_{\min}` at :math:`t = T_{\max}`.

    **After** :math:`T_{\max}` the formula is simply continued, exactly like torch:
    the cosine rises again and returns to ``lr`` at :math:`t = 2T_{\max}`, then falls
    again (period :math:`2T_{\max}`). It does *not* stay at ``eta_min``; choose
    ``T_max`` = the total number of steps if you want a single decay.

    ``lr`` >= 0, ``T_max`` a positive integer, ``eta_min`` >= 0.

    >>> schedule = cosine_annealing(1.0, T_max=4)
    >>> [round(schedule(t), 4) for t in range(9)]
    [1.0, 0.8536, 0.5, 0.1464, 0.0, 0.1464, 0.5, 0.8536, 1.0]
    """
    lr = float(check_non_negative("lr", lr))
    T_max = int(check_positive_int("T_max", T_max))
    eta_min = float(check_non_negative("eta_min", eta_min))

    def schedule(t: int) -> float:
        t = _check_step(t)
        return eta_min + 0.5 * (lr - eta_min) * (1 + math.cos(math.pi * t / T_max))

    return schedule


def linear_warmup(
    lr: float, start_factor: float = 1 / 3, end_factor: float = 1.0, total_iters: int = 5
) -> Schedule:
    r"""Scale the learning rate linearly from ``start_factor`` to ``end_factor`` (``LinearLR``).

    .. math::
        \eta_t = \eta_0 \Bigl( f_{\text{start}} + (f_{\text{end}} - f_{\text{start}})
                 \frac{\min(t, T)}{T} \Bigr)

    with :math:`T` = ``total_iters``; after :math:`T` steps the factor stays at
    ``end_factor``. As in torch, ``start_factor`` must lie in (0, 1] and
    ``end_factor`` in [0, 1]; ``total_iters`` must be a positive integer, ``lr`` >= 0.

    >>> schedule = linear_warmup(0.1, start_factor=0.25, total_iters=3)
    >>> [round(schedule(t), 4) for t in range(6)]
    [0.025, 0.05, 0.075, 0.1, 0.1, 0.1]
    """
    lr = float(check_non_negative("lr", lr))
    start_factor = check_in_range(
        "start_factor", start_factor, 0, 1, lo_closed=False, hi_closed=True
    )
    start_factor = float(start_factor)
    end_factor = float(check_in_range("end_factor", end_factor, 0, 1, hi_closed=True))
    total_iters = int(check_positive_int("total_iters", total_iters))

    def schedule(t: int) -> float:
        t = _check_step(t)
        factor = start_factor + (end_factor - start_factor) * min(t, total_iters) / total_iters
        return lr * factor

    return schedule
