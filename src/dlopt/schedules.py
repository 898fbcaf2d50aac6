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
cosine_warm_restarts  CosineAnnealingWarmRestarts
one_cycle             OneCycleLR
====================  ==========================

>>> schedule = step_decay(0.1, step_size=2, gamma=0.5)
>>> [schedule(t) for t in range(6)]
[0.1, 0.1, 0.05, 0.05, 0.025, 0.025]
"""

from __future__ import annotations

import itertools
import math
import numbers
from collections.abc import Callable

from dlopt._checks import check_bool, check_in_range, check_non_negative, check_positive_int

__all__ = [
    "step_decay",
    "exponential_decay",
    "cosine_annealing",
    "linear_warmup",
    "cosine_warm_restarts",
    "one_cycle",
]

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


def cosine_warm_restarts(lr: float, T_0: int, T_mult: int = 1, eta_min: float = 0.0) -> Schedule:
    r"""Cosine annealing that restarts at ``lr`` (SGDR; torch ``CosineAnnealingWarmRestarts``).

    The steps are cut into cycles of lengths :math:`T_0, T_0 m, T_0 m^2, \dots`
    (:math:`m` = ``T_mult``). With :math:`T_i` the length of the current cycle and
    :math:`t_{\text{cur}}` the steps taken in it,

    .. math::
        \eta_t = \eta_{\min} + \tfrac12 (\eta_0 - \eta_{\min})
                 \Bigl( 1 + \cos\bigl( \pi \, t_{\text{cur}} / T_i \bigr) \Bigr),

    so every cycle starts again at :math:`\eta_0` (the "warm restart").

    ``lr`` >= 0, ``T_0`` a positive integer, ``T_mult`` an integer >= 1, ``eta_min`` >= 0.

    >>> schedule = cosine_warm_restarts(1.0, T_0=2, T_mult=2)
    >>> [round(schedule(t), 4) for t in range(8)]
    [1.0, 0.5, 1.0, 0.8536, 0.5, 0.1464, 1.0, 0.9619]
    """
    lr = float(check_non_negative("lr", lr))
    T_0 = int(check_positive_int("T_0", T_0))
    T_mult = int(check_positive_int("T_mult", T_mult))
    eta_min = float(check_non_negative("eta_min", eta_min))

    def schedule(t: int) -> float:
        t_cur, T_i = _check_step(t), T_0
        while t_cur >= T_i:  # whole cycles already finished
            t_cur, T_i = t_cur - T_i, T_i * T_mult
        return eta_min + 0.5 * (lr - eta_min) * (1 + math.cos(math.pi * t_cur / T_i))

    return schedule


def _anneal(strategy: str, start: float, end: float, fraction: float) -> float:
    if strategy == "cos":
        return end + 0.5 * (start - end) * (1 + math.cos(math.pi * fraction))
    return start + (end - start) * fraction


def one_cycle(
    max_lr: float,
    total_steps: int,
    pct_start: float = 0.3,
    anneal_strategy: str = "cos",
    div_factor: float = 25.0,
    final_div_factor: float = 1e4,
    three_phase: bool = False,
) -> Schedule:
    r"""One cycle: up from ``max_lr / div_factor`` to ``max_lr``, then far below (``OneCycleLR``).

    With :math:`\eta_{\text{start}} = \eta_{\max} / d` and
    :math:`\eta_{\text{end}} = \eta_{\text{start}} / d_{\text{final}}`, the rate rises
    from :math:`\eta_{\text{start}}` to :math:`\eta_{\max}` over the first
    :math:`p T - 1` steps (:math:`p` = ``pct_start``, :math:`T` = ``total_steps``) and
    falls to :math:`\eta_{\text{end}}` at step :math:`T - 1`. Each phase follows
    half a cosine, :math:`a + \tfrac12 (b - a)(1 - \cos \pi x)` from :math:`a` to
    :math:`b` as the phase's fraction :math:`x` goes from 0 to 1 (or a straight line,
    ``anneal_strategy="linear"``). With ``three_phase=True`` the rate first comes back
    down to :math:`\eta_{\text{start}}` (at step :math:`2pT - 2`) and only then falls
    to :math:`\eta_{\text{end}}`: with ``anneal_strategy="linear"`` and ``pct_start`` near
    0.45 this is the schedule of Smith and Topin's paper (symmetric linear ramps, then a short
    last phase far below the start);
    the default, two cosine phases, is fast.ai's later variant and torch's default.

    Only the learning rate is scheduled; torch's ``OneCycleLR`` also cycles the momentum
    by default (``cycle_momentum``), which an optimizer of ``dlopt`` would set itself.

    ``max_lr`` >= 0; ``total_steps`` a positive integer; ``pct_start`` in (0, 1) with
    every phase at least one step long; ``anneal_strategy`` ``"cos"`` or ``"linear"``;
    ``div_factor``, ``final_div_factor`` > 0. Steps run from 0 to ``total_steps - 1``.

    >>> schedule = one_cycle(1.0, total_steps=10, pct_start=0.3, div_factor=10)
    >>> [round(schedule(t), 4) for t in (0, 1, 2, 9)]
    [0.1, 0.55, 1.0, 1e-05]
    """
    max_lr = float(check_non_negative("max_lr", max_lr))
    total_steps = int(check_positive_int("total_steps", total_steps))
    pct_start = float(check_in_range("pct_start", pct_start, 0, 1, lo_closed=False))
    if anneal_strategy not in ("cos", "linear"):
        raise ValueError(f'anneal_strategy must be "cos" or "linear", got {anneal_strategy!r}')
    div_factor = float(check_in_range("div_factor", div_factor, 0, math.inf, lo_closed=False))
    final_div_factor = float(
        check_in_range("final_div_factor", final_div_factor, 0, math.inf, lo_closed=False)
    )
    three_phase = check_bool("three_phase", three_phase)

    initial_lr = max_lr / div_factor
    min_lr = initial_lr / final_div_factor
    rise_end = pct_start * total_steps - 1
    if three_phase:
        phases = [(rise_end, initial_lr, max_lr),
                  (2 * pct_start * total_steps - 2, max_lr, initial_lr),
                  (total_steps - 1, initial_lr, min_lr)]
    else:
        phases = [(rise_end, initial_lr, max_lr), (total_steps - 1, max_lr, min_lr)]
    ends = [0.0] + [end for end, _, _ in phases]
    if any(b - a < 1 for a, b in itertools.pairwise(ends)):
        raise ValueError(
            f"pct_start={pct_start!r} with total_steps={total_steps} leaves a phase of the cycle "
            f"shorter than one step (phase ends at steps {[round(e, 3) for e in ends[1:]]}); "
            "choose pct_start and total_steps so that every phase lasts at least one step"
        )

    def schedule(t: int) -> float:
        t = _check_step(t)
        if t >= total_steps:
            raise ValueError(f"the step t must be below total_steps={total_steps}, got {t}")
        start = 0.0
        for i, (end, lr_from, lr_to) in enumerate(phases):
            if t <= end or i == len(phases) - 1:
                return _anneal(anneal_strategy, lr_from, lr_to, (t - start) / (end - start))
            start = end
        raise AssertionError("unreachable")  # pragma: no cover

    return schedule
