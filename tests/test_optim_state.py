"""What a practitioner relies on beyond the update rule: checkpoints, lazily created state,
skipped parameters, aliased gradients, refusals that change nothing, float16 and maximize.

Each test names the bug of issue 10 it guards against (B1-B5).
"""

from __future__ import annotations

import copy
import pickle
from fractions import Fraction

import numpy as np
import pytest
import torch
from test_optim import TORCH  # each dlopt optimizer and its torch.optim counterpart

from dlopt.optim import SGD, Adadelta, Adagrad, Adam, AdamW, RMSprop

FULL = [
    (SGD, dict(lr=0.05, momentum=0.9, dampening=0.1, weight_decay=0.01)),
    (SGD, dict(lr=0.05, momentum=0.9, nesterov=True)),
    (Adagrad, dict(lr=0.1, lr_decay=0.01, initial_accumulator_value=0.1)),
    (RMSprop, dict(lr=0.01, momentum=0.9, centered=True, weight_decay=0.01)),
    (Adadelta, dict(weight_decay=0.01)),
    (Adam, dict(lr=0.05, amsgrad=True, weight_decay=0.01)),
    (AdamW, dict(lr=0.05, amsgrad=True)),
]
IDS = [cls.__name__ for cls, _ in FULL]
RNG = np.random.default_rng(0)
INIT = [RNG.standard_normal((3, 4)), RNG.standard_normal(4)]
GRADS = [[RNG.standard_normal((3, 4)), RNG.standard_normal(4)] for _ in range(40)]


def grads_at(params, t):
    """A gradient that depends on the point (so a wrong state shows up) and on the step."""
    return [np.sin(p) + g for p, g in zip(params, GRADS[t], strict=True)]


def run(opt, params, steps):
    for t in steps:
        opt.step(params, grads_at(params, t))
    return params


def torch_run(cls, kwargs, steps, grads_of, change=None):
    tparams = [torch.tensor(p, requires_grad=True) for p in INIT]
    topt = TORCH[cls](tparams, **kwargs)
    for t in steps:
        if change is not None:
            change(topt.param_groups[0], t)
        for p, g in zip(tparams, grads_of([p.detach().numpy() for p in tparams], t), strict=True):
            p.grad = None if g is None else torch.from_numpy(np.array(g))
        topt.step()
    return [p.detach().numpy() for p in tparams], topt


def assert_close(ours, theirs, rtol=1e-12):
    for a, b in zip(ours, theirs, strict=True):
        np.testing.assert_allclose(a, b, rtol=rtol, atol=1e-14)


# --------------------------------------------------------------------------- B1 lazy state
def test_momentum_switched_on_after_the_first_steps_matches_torch():
    """B1: opt.momentum = 0.9 after 3 steps creates the buffer then, as torch's SGD does."""

    def change(group, t):
        group["momentum"] = 0.9 if t >= 3 else 0

    opt = SGD(lr=0.01)
    params = [p.copy() for p in INIT]
    for t in range(10):
        opt.momentum = 0.9 if t >= 3 else 0
        opt.step(params, grads_at(params, t))
    theirs, _ = torch_run(SGD, dict(lr=0.01), range(10), grads_at, change)
    assert_close(params, theirs)
    assert opt.t == 10 and "momentum_buffer" in opt.state[0]


def test_rmsprop_momentum_switched_on_later_starts_from_a_zero_buffer():
    """B1 for RMSprop (torch's own RMSprop raises KeyError here): b = 0 when momentum starts."""
    opt = RMSprop(lr=0.01)
    params = run(opt, [p.copy() for p in INIT], range(3))
    reference = RMSprop(lr=0.01, momentum=0.9)
    reference.state, reference.t = copy.deepcopy(opt.state), opt.t
    same = [p.copy() for p in params]
    opt.momentum = 0.9
    run(opt, params, range(3, 8))
    for s in reference.state:
        s["momentum_buffer"] = np.zeros_like(s["square_avg"])
    run(reference, same, range(3, 8))
    for a, b in zip(params, same, strict=True):
        np.testing.assert_array_equal(a, b)


def test_amsgrad_and_centered_switched_on_later_create_their_state():
    opt = Adam(lr=0.01)
    params = run(opt, [p.copy() for p in INIT], range(3))
    opt.amsgrad = True
    run(opt, params, range(3, 5))
    assert "max_exp_avg_sq" in opt.state[1] and opt.state[1]["step"] == 5


# ------------------------------------------------------------------------ B2 checkpoints
@pytest.mark.parametrize(("cls", "kwargs"), FULL, ids=IDS)
def test_state_dict_round_trip_resumes_exactly(cls, kwargs):
    """B2: a run saved at step 10 and resumed in a fresh optimizer equals the uninterrupted run."""
    opt = cls(**kwargs)
    params = run(opt, [p.copy() for p in INIT], range(10))
    checkpoint, saved = opt.state_dict(), [p.copy() for p in params]
    run(opt, params, range(10, 20))  # further steps must not change the checkpoint
    restored = cls()
    restored.load_state_dict(pickle.loads(pickle.dumps(checkpoint)))
    assert repr(restored) == repr(opt) and restored.t == 10
    resumed = run(restored, saved, range(10, 20))
    for a, b in zip(resumed, params, strict=True):
        np.testing.assert_array_equal(a, b)
    assert restored.state_dict()["t"] == opt.state_dict()["t"] == 20


@pytest.mark.parametrize(("cls", "kwargs"), FULL, ids=IDS)
def test_assigned_state_and_t_are_kept_and_deepcopy_and_pickle_work(cls, kwargs):
    """B2: assigning a checkpoint's state and t is no longer thrown away by the next step."""
    opt = cls(**kwargs)
    params = run(opt, [p.copy() for p in INIT], range(5))
    by_hand = cls(**kwargs)
    by_hand.state, by_hand.t = copy.deepcopy(opt.state), opt.t
    clones = [copy.deepcopy(opt), pickle.loads(pickle.dumps(opt))]
    expected = run(opt, [p.copy() for p in params], range(5, 10))
    for other in [by_hand, *clones]:
        ours = run(other, [p.copy() for p in params], range(5, 10))
        for a, b in zip(ours, expected, strict=True):
            np.testing.assert_array_equal(a, b)


def test_load_state_dict_refuses_a_mismatched_checkpoint_and_changes_nothing():
    opt = Adam(lr=0.01)
    run(opt, [p.copy() for p in INIT], range(3))
    good = opt.state_dict()
    target = Adam(lr=0.5)
    run(target, [p.copy() for p in INIT], range(2))
    before = target.state_dict()
    bad = [
        ({**good, "optimizer": "SGD"}, r"state_dict\['optimizer'\] must be 'Adam'"),
        ({**good, "t": -1}, r"state_dict\['t'\]"),
        ({**good, "hyperparameters": {**good["hyperparameters"], "lr": -1}}, "lr"),
        ({**good, "hyperparameters": {"lr": 0.1}}, "hyperparameters"),
        ({**good, "state": good["state"][:1]}, r"one dict per parameter \(2\)"),
        (
            {**good, "state": [good["state"][0], {"exp_avg": np.zeros(3)}]},
            r"state_dict\['state'\]\[1\]\['exp_avg'\] must be an array of shape \(4,\)",
        ),
        (
            {**good, "state": [good["state"][0], {"momentum_buffer": np.zeros(4)}]},
            "unknown entry 'momentum_buffer'",
        ),
        ({k: v for k, v in good.items() if k != "t"}, "keys"),
    ]
    for checkpoint, match in bad:
        with pytest.raises(ValueError, match=match):
            target.load_state_dict(checkpoint)
        after = target.state_dict()
        assert (
            repr(target) == "Adam(lr=0.5, betas=(0.9, 0.999), eps=1e-08, weight_decay=0, "
            "amsgrad=False, maximize=False)"
        )
        assert after["t"] == before["t"] == 2
        for s, b in zip(after["state"], before["state"], strict=True):
            for key in s:
                np.testing.assert_array_equal(s[key], b[key])


def test_loaded_state_fixes_the_parameter_structure():
    opt = SGD(lr=0.1, momentum=0.9)
    run(opt, [p.copy() for p in INIT], range(2))
    fresh = SGD()
    fresh.load_state_dict(opt.state_dict())
    with pytest.raises(ValueError, match="structure"):
        fresh.step([np.zeros(3)], [np.zeros(3)])
    assert fresh.t == 2
    wrong = SGD(momentum=0.9)
    wrong.state, wrong.t = [{"momentum_buffer": np.zeros(5)}], 1
    with pytest.raises(ValueError, match=r"state\[0\]\['momentum_buffer'\].*shape \(3,\)"):
        wrong.step(np.zeros(3), np.ones(3))


# -------------------------------------------------------------------- skipped parameters
@pytest.mark.parametrize(("cls", "kwargs"), FULL, ids=IDS)
def test_grad_none_skips_the_parameter_like_torch(cls, kwargs):
    """grads[i] = None: that parameter, its state and its step count stay as they were."""

    def grads_of(params, t):
        g = grads_at(params, t)
        return [None, g[1]] if t % 3 == 1 or t < 2 else g  # params[0] skipped at 0, 1, 4, 7

    opt = cls(**kwargs)
    params = [p.copy() for p in INIT]
    for t in range(10):
        opt.step(params, grads_of(params, t))
    theirs, topt = torch_run(cls, kwargs, range(10), grads_of)
    assert_close(params, theirs)
    assert opt.t == 10 and opt.state[1]["step"] == 10 and opt.state[0]["step"] == 6
    first = opt.state_dict()
    opt.step(params, [None, None])
    assert opt.state_dict()["state"][0]["step"] == first["state"][0]["step"]


def test_grad_none_on_the_first_step_leaves_that_state_empty():
    opt = Adam()
    params = [p.copy() for p in INIT]
    opt.step(params, [None, np.ones(4)])
    np.testing.assert_array_equal(params[0], INIT[0])
    assert opt.state[0] == {} and opt.state[1]["step"] == 1


# ------------------------------------------------------------------- B3 aliased gradients
@pytest.mark.parametrize(("cls", "kwargs"), FULL, ids=IDS)
def test_gradient_that_is_another_parameter_is_read_before_the_step(cls, kwargs):
    """B3: step([x, y], [y, x]) uses y and x as they were at θ_{t-1}."""
    x, y = INIT[1].copy(), INIT[1][::-1].copy()
    x2, y2 = x.copy(), y.copy()
    big = np.arange(12.0)
    a, b = big[:6], big[6:]  # two parameters that are views of one array
    a2, b2 = a.copy(), b.copy()
    ours, reference = cls(**kwargs), cls(**kwargs)
    ours2, reference2 = cls(**kwargs), cls(**kwargs)
    for _ in range(3):
        ours.step([x, y], [y, x])
        reference.step([x2, y2], [y2.copy(), x2.copy()])
        ours2.step([a, b], [big[3:9], a])  # a gradient overlapping both parameters
        reference2.step([a2, b2], [np.concatenate([a2[3:], b2[:3]]), a2.copy()])
    for p, q in [(x, x2), (y, y2), (a, a2), (b, b2)]:
        np.testing.assert_array_equal(p, q)


# --------------------------------------------------------------- B4 refusals change nothing
@pytest.mark.parametrize(
    ("name", "value"),
    [("lr", Fraction(1, 10)), ("lr", 10**400), ("momentum", Fraction(9, 10)), ("lr", 1j)],
)
def test_odd_numbers_are_refused_up_front(name, value):
    """B4: a Fraction or an int too large for a float is a ValueError naming the argument."""
    with pytest.raises(ValueError, match=f"{name} must be a non-negative number, got"):
        SGD(**{name: value})
    opt = SGD(lr=0.1, momentum=0.9)
    params = run(opt, [p.copy() for p in INIT], range(2))
    before, values = opt.state_dict(), [p.copy() for p in params]
    setattr(opt, name, value)  # set between steps, as a schedule would
    with pytest.raises(ValueError, match=name):
        opt.step(params, grads_at(params, 2))
    assert opt.t == 2 and opt.state_dict()["t"] == before["t"]
    for p, v in zip(params, values, strict=True):
        np.testing.assert_array_equal(p, v)
    for s, b in zip(opt.state, before["state"], strict=True):
        assert s["step"] == b["step"]
        np.testing.assert_array_equal(s["momentum_buffer"], b["momentum_buffer"])


def test_big_but_finite_integers_and_infinity_are_accepted_like_torch():
    SGD(lr=10**300)
    SGD(lr=float("inf"))
    torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=float("inf"))


# ---------------------------------------------------------------------------- B5 float16
@pytest.mark.parametrize(("cls", "kwargs"), FULL, ids=IDS)
def test_float16_is_computed_in_float32_and_rounded_once(cls, kwargs):
    """B5: a float16 step equals the float32 step on the same values, rounded to float16."""
    half = [p.astype(np.float16) for p in INIT]
    wide = [p.astype(np.float32) for p in half]
    ours, reference = cls(**kwargs), cls(**kwargs)
    for t in range(5):
        g = [gi.astype(np.float16) for gi in grads_at([p.astype(np.float64) for p in half], t)]
        ours.step(half, g)
        reference.step(wide, [gi.astype(np.float32) for gi in g])
        for h, w in zip(half, wide, strict=True):
            np.testing.assert_array_equal(h, w.astype(np.float16))
            w[...] = h  # the float16 model continues from the rounded values
        for s, r in zip(ours.state, reference.state, strict=True):
            for key in s:
                if key != "step":
                    assert s[key].dtype == np.float32
                    np.testing.assert_array_equal(s[key], r[key])
    assert all(p.dtype == np.float16 for p in half)


def test_float16_rmsprop_with_small_gradients_stays_finite():
    """B5: g² below float16's smallest number no longer divides by an eps rounded to 0."""
    x = np.full(4, 0.5, dtype=np.float16)
    opt = RMSprop(lr=0.01)
    for _ in range(5):
        opt.step(x, np.full(4, 1e-4, dtype=np.float16))
    assert np.all(np.isfinite(x)) and np.all(x < 0.5)


# ----------------------------------------------------------------------------- maximize
@pytest.mark.parametrize(("cls", "kwargs"), FULL, ids=IDS)
def test_maximize_matches_torch_and_leaves_the_gradient_alone(cls, kwargs):
    kwargs = {**kwargs, "maximize": True}
    opt = cls(**kwargs)
    params = [p.copy() for p in INIT]
    for t in range(20):
        grads = grads_at(params, t)
        saved = [g.copy() for g in grads]
        opt.step(params, grads)
        for g, s in zip(grads, saved, strict=True):
            np.testing.assert_array_equal(g, s)
    theirs, _ = torch_run(cls, kwargs, range(20), grads_at)
    assert_close(params, theirs, rtol=1e-10)


def test_maximize_must_be_a_bool():
    with pytest.raises(ValueError, match="maximize must be True or False, got 1"):
        Adam(maximize=1)
