"""dlopt.schedules against torch.optim.lr_scheduler: the same learning rate at every step."""

import itertools
import math

import numpy as np
import pytest
import torch
from torch.optim import lr_scheduler

from dlopt.schedules import cosine_annealing, exponential_decay, linear_warmup, step_decay


def torch_lrs(scheduler_class, lr, steps, **kwargs):
    """The learning rates torch uses for steps 0..steps-1 (a dummy parameter, plain SGD)."""
    param = torch.nn.Parameter(torch.zeros(1, dtype=torch.float64))
    optimizer = torch.optim.SGD([param], lr=lr)
    scheduler = scheduler_class(optimizer, **kwargs)
    lrs = []
    for _ in range(steps):
        lrs.append(scheduler.get_last_lr()[0])
        optimizer.step()
        scheduler.step()
    return lrs


CASES = [
    (step_decay, lr_scheduler.StepLR, 0.1, {"step_size": 7}),
    (step_decay, lr_scheduler.StepLR, 0.5, {"step_size": 1, "gamma": 0.9}),
    (step_decay, lr_scheduler.StepLR, 1.0, {"step_size": 10, "gamma": 0.5}),
    (exponential_decay, lr_scheduler.ExponentialLR, 0.1, {"gamma": 0.95}),
    (exponential_decay, lr_scheduler.ExponentialLR, 0.01, {"gamma": 1.02}),
    (cosine_annealing, lr_scheduler.CosineAnnealingLR, 0.1, {"T_max": 50}),
    (cosine_annealing, lr_scheduler.CosineAnnealingLR, 0.3, {"T_max": 20, "eta_min": 0.01}),
    (cosine_annealing, lr_scheduler.CosineAnnealingLR, 1.0, {"T_max": 1}),
    (linear_warmup, lr_scheduler.LinearLR, 0.1, {}),
    (linear_warmup, lr_scheduler.LinearLR, 0.2, {"start_factor": 0.01, "total_iters": 30}),
    (
        linear_warmup,
        lr_scheduler.LinearLR,
        0.2,
        {"start_factor": 1.0, "end_factor": 0.1, "total_iters": 10},
    ),
    (
        linear_warmup,
        lr_scheduler.LinearLR,
        0.05,
        {"start_factor": 0.5, "end_factor": 0.0, "total_iters": 1},
    ),
]


@pytest.mark.parametrize("ours, theirs, lr, kwargs", CASES)
def test_matches_torch_over_50_steps(ours, theirs, lr, kwargs):
    schedule = ours(lr, **kwargs)
    expected = torch_lrs(theirs, lr, 50, **kwargs)
    np.testing.assert_allclose([schedule(t) for t in range(50)], expected, rtol=1e-12, atol=1e-15)


def test_cosine_after_T_max_continues_the_cosine_like_torch():
    T_max, lr, eta_min = 10, 0.1, 0.001
    schedule = cosine_annealing(lr, T_max, eta_min)
    expected = torch_lrs(
        lr_scheduler.CosineAnnealingLR, lr, 3 * T_max + 1, T_max=T_max, eta_min=eta_min
    )
    np.testing.assert_allclose(
        [schedule(t) for t in range(3 * T_max + 1)], expected, rtol=1e-9, atol=1e-15
    )
    assert schedule(T_max) == pytest.approx(eta_min)
    assert schedule(2 * T_max) == pytest.approx(lr)  # back at the start: period 2 T_max


def test_returns_python_floats():
    for schedule in (
        step_decay(0.1, 3),
        exponential_decay(0.1, 0.9),
        cosine_annealing(0.1, 5),
        linear_warmup(0.1),
    ):
        assert type(schedule(2)) is float
        assert type(schedule(np.int64(2))) is float


def test_linear_warmup_defaults_match_torch_defaults():
    # start_factor=1/3, end_factor=1, total_iters=5, as in torch LinearLR
    assert linear_warmup(0.3)(0) == pytest.approx(0.1)
    assert linear_warmup(0.3)(5) == pytest.approx(0.3)
    assert linear_warmup(0.3)(500) == pytest.approx(0.3)


@pytest.mark.parametrize(
    "make, match",
    [
        (lambda: step_decay(-0.1, 5), r"lr must be a non-negative number, got -0\.1"),
        (lambda: step_decay(0.1, 0), r"step_size must be a positive integer, got 0"),
        (lambda: step_decay(0.1, 2.5), r"step_size must be a positive integer, got 2\.5"),
        (lambda: step_decay(0.1, 5, gamma=0.0), r"gamma must be a number in \(0, inf\), got 0\.0"),
        (lambda: exponential_decay(0.1, gamma=-0.5), r"gamma must be a number in \(0, inf\)"),
        (lambda: exponential_decay(float("nan"), 0.9), r"lr must be a non-negative number"),
        (lambda: cosine_annealing(0.1, T_max=0), r"T_max must be a positive integer, got 0"),
        (lambda: cosine_annealing(0.1, T_max=True), r"T_max must be a positive integer, got True"),
        (
            lambda: cosine_annealing(0.1, 10, eta_min=-1e-3),
            r"eta_min must be a non-negative number",
        ),
        (
            lambda: linear_warmup(0.1, start_factor=0.0),
            r"start_factor must be a number in \(0, 1\], got 0\.0",
        ),
        (
            lambda: linear_warmup(0.1, start_factor=1.5),
            r"start_factor must be a number in \(0, 1\]",
        ),
        (lambda: linear_warmup(0.1, end_factor=-0.1), r"end_factor must be a number in \[0, 1\]"),
        (lambda: linear_warmup(0.1, end_factor=1.1), r"end_factor must be a number in \[0, 1\]"),
        (lambda: linear_warmup(0.1, total_iters=0), r"total_iters must be a positive integer"),
    ],
)
def test_bad_arguments(make, match):
    with pytest.raises(ValueError, match=match):
        make()


@pytest.mark.parametrize(
    "kwargs",
    [{"start_factor": 0.0}, {"start_factor": 1.5}, {"end_factor": -0.1}, {"end_factor": 1.1}],
)
def test_linear_warmup_rejects_what_torch_rejects(kwargs):
    param = torch.nn.Parameter(torch.zeros(1))
    with pytest.raises(ValueError):
        lr_scheduler.LinearLR(torch.optim.SGD([param], lr=0.1), **kwargs)
    with pytest.raises(ValueError):
        linear_warmup(0.1, **kwargs)


@pytest.mark.parametrize(
    "schedule",
    [step_decay(0.1, 3), exponential_decay(0.1, 0.9), cosine_annealing(0.1, 5), linear_warmup(0.1)],
)
@pytest.mark.parametrize("t", [-1, 1.5, True, "3", math.nan])
def test_bad_step(schedule, t):
    with pytest.raises(ValueError, match=r"step t must be a non-negative integer"):
        schedule(t)


# --- warm restarts and one cycle -------------------------------------------------------

from dlopt.schedules import cosine_warm_restarts, one_cycle  # noqa: E402

WARM_RESTARTS = [
    (0.1, {"T_0": 10}),
    (0.1, {"T_0": 5, "T_mult": 2}),
    (0.5, {"T_0": 3, "T_mult": 3, "eta_min": 0.01}),
    (1.0, {"T_0": 1}),
]


@pytest.mark.parametrize("lr, kwargs", WARM_RESTARTS)
def test_cosine_warm_restarts_matches_torch_over_100_steps(lr, kwargs):
    schedule = cosine_warm_restarts(lr, **kwargs)
    expected = torch_lrs(lr_scheduler.CosineAnnealingWarmRestarts, lr, 100, **kwargs)
    np.testing.assert_allclose([schedule(t) for t in range(100)], expected, rtol=1e-12, atol=1e-15)


def test_cosine_warm_restarts_restarts_at_lr():
    schedule = cosine_warm_restarts(0.2, T_0=4, T_mult=2, eta_min=0.0)
    # cycles of 4, 8 and 16 steps: the restarts are at 0, 4 and 12
    assert [schedule(t) for t in (0, 4, 12, 28)] == [0.2] * 4
    assert schedule(3) < schedule(2) < schedule(1) < 0.2


ONE_CYCLE = [
    (0.1, 100, {}),
    (0.5, 50, {"pct_start": 0.25, "anneal_strategy": "linear"}),
    (1.0, 40, {"div_factor": 10.0, "final_div_factor": 100.0, "three_phase": True}),
    (0.3, 30, {"pct_start": 0.4, "anneal_strategy": "linear", "three_phase": True}),
    (0.01, 7, {"pct_start": 0.5}),
]


def torch_one_cycle(max_lr, total_steps, **kwargs):
    param = torch.nn.Parameter(torch.zeros(1, dtype=torch.float64))
    optimizer = torch.optim.SGD([param], lr=max_lr, momentum=0.9)
    scheduler = lr_scheduler.OneCycleLR(optimizer, max_lr, total_steps=total_steps, **kwargs)
    lrs = []
    for _ in range(total_steps):
        lrs.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return lrs


@pytest.mark.parametrize("max_lr, total_steps, kwargs", ONE_CYCLE)
def test_one_cycle_matches_torch_at_every_step(max_lr, total_steps, kwargs):
    schedule = one_cycle(max_lr, total_steps, **kwargs)
    expected = torch_one_cycle(max_lr, total_steps, **kwargs)
    np.testing.assert_allclose(
        [schedule(t) for t in range(total_steps)], expected, rtol=1e-12, atol=1e-15
    )


def test_one_cycle_peaks_at_max_lr_and_ends_far_below_the_start():
    schedule = one_cycle(0.4, total_steps=100, pct_start=0.3)  # peak at step 29
    lrs = [schedule(t) for t in range(100)]
    assert max(lrs) == pytest.approx(0.4)
    assert lrs[0] == pytest.approx(0.4 / 25)
    assert lrs[-1] == pytest.approx(0.4 / 25 / 1e4)
    peak = lrs.index(max(lrs))
    assert all(a < b for a, b in itertools.pairwise(lrs[: peak + 1]))
    assert all(a > b for a, b in itertools.pairwise(lrs[peak:]))


@pytest.mark.parametrize(
    "make, match",
    [
        (lambda: cosine_warm_restarts(0.1, T_0=0), r"T_0 must be a positive integer, got 0"),
        (lambda: cosine_warm_restarts(0.1, 5, T_mult=0), r"T_mult must be a positive integer"),
        (lambda: cosine_warm_restarts(0.1, 5, T_mult=1.5), r"T_mult must be a positive integer"),
        (lambda: cosine_warm_restarts(-0.1, 5), r"lr must be a non-negative number"),
        (lambda: one_cycle(0.1, 0), r"total_steps must be a positive integer, got 0"),
        (lambda: one_cycle(0.1, 100, pct_start=1.0), r"pct_start must be a number in \(0, 1\)"),
        (lambda: one_cycle(0.1, 100, pct_start=0.0), r"pct_start must be a number in \(0, 1\)"),
        (lambda: one_cycle(0.1, 5, pct_start=0.2), r"pct_start=0\.2 with total_steps=5 leaves"),
        (lambda: one_cycle(0.1, 100, anneal_strategy="cosine"), r'anneal_strategy must be "cos"'),
        (lambda: one_cycle(0.1, 100, div_factor=0), r"div_factor must be a number in \(0, inf\)"),
        (lambda: one_cycle(0.1, 100, three_phase=1), r"three_phase must be True or False"),
    ],
)
def test_bad_arguments_of_the_new_schedules(make, match):
    with pytest.raises(ValueError, match=match):
        make()


def test_one_cycle_has_no_step_after_the_last():
    schedule = one_cycle(0.1, 20)
    schedule(19)
    with pytest.raises(ValueError, match=r"step t must be below total_steps=20, got 20"):
        schedule(20)
