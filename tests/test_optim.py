"""dlopt.optim against torch.optim: same numbers, same checks, in-place semantics.

Both implementations minimise the same non-convex problem from the same start in
float64. The gradient is computed by one numpy function at each implementation's
*own* current point, so any difference comes from the optimizer arithmetic alone;
after every run the parameters and the optimizer state must agree to a relative
error below 1e-9.
"""

from __future__ import annotations

import copy
import itertools

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from dlopt.optim import SGD, Adadelta, Adagrad, Adam, AdamW, Optimizer, RMSprop

TORCH = {
    SGD: torch.optim.SGD,
    Adagrad: torch.optim.Adagrad,
    RMSprop: torch.optim.RMSprop,
    Adadelta: torch.optim.Adadelta,
    Adam: torch.optim.Adam,
    AdamW: torch.optim.AdamW,
}
ALL = list(TORCH)
RTOL = 1e-9

# ---------------------------------------------------------------------------------------------
# The problem: mini-batch tanh regression plus a Rosenbrock valley on two of the weights,
#   f_t(W, b) = 1/(2|B_t|) * ||tanh(X_B W + b) - Y_B||^2 + (1 - W00)^2 + 5 (W01 - W00^2)^2,
# with the mini-batch B_t fixed by the step number t. Two parameters of different shapes,
# W (3, 4) and b (4,); the gradient depends on the point and on t.
# Mini-batches, as in real training, keep the trajectories well-conditioned: torch computes with
# fused multiply-adds, so the two implementations differ by rounding (~1e-16) at every step, and
# an adaptive method oscillating around an exact minimum can amplify that chaotically, which
# would test the problem rather than the optimizer.
# ---------------------------------------------------------------------------------------------
_rng = np.random.default_rng(0)
X = _rng.standard_normal((40, 3))
Y = np.tanh(X @ _rng.standard_normal((3, 4)) + 0.3) + 0.1 * _rng.standard_normal((40, 4))
INIT = [0.5 * _rng.standard_normal((3, 4)), 0.5 * _rng.standard_normal(4)]
BATCHES = [_rng.choice(len(X), size=8, replace=False) for _ in range(200)]


def grad_fn(params, t=0):
    W, b = params
    x, y = X[BATCHES[t]], Y[BATCHES[t]]
    h = np.tanh(x @ W + b)
    dz = (h - y) * (1 - h**2) / len(x)
    gW, gb = x.T @ dz, dz.sum(axis=0)
    w0, w1 = W[0, 0], W[0, 1]
    gW[0, 0] += -2 * (1 - w0) - 20 * w0 * (w1 - w0**2)
    gW[0, 1] += 10 * (w1 - w0**2)
    return [gW, gb]


def run_both(cls, kwargs, steps, new_lr=None, change_at=None):
    """Run dlopt and torch side by side; optionally change lr before step ``change_at``."""
    params = [p.copy() for p in INIT]
    opt = cls(**kwargs)
    tparams = [torch.tensor(p, dtype=torch.float64, requires_grad=True) for p in INIT]
    topt = TORCH[cls](tparams, **kwargs)
    for t in range(steps):
        if t == change_at:
            opt.lr = new_lr
            topt.param_groups[0]["lr"] = new_lr
        opt.step(params, grad_fn(params, t))
        tgrads = grad_fn([p.detach().numpy() for p in tparams], t)
        for p, g in zip(tparams, tgrads, strict=True):
            p.grad = torch.from_numpy(g)
        topt.step()
    return params, opt, tparams, topt


def max_rel_err(ours, theirs):
    """max |ours - theirs| / max |theirs|: the error relative to the size of the tensor."""
    theirs = theirs.detach().numpy() if isinstance(theirs, torch.Tensor) else theirs
    scale = np.max(np.abs(theirs))
    error = np.max(np.abs(ours - theirs))
    return float(error / scale) if scale > 0 else float(error)


def assert_same(params, opt, tparams, topt):
    """Parameters and every state array agree with torch to a relative error below RTOL."""
    for p, tp, state in zip(params, tparams, opt.state, strict=True):
        assert np.all(np.isfinite(p))
        assert max_rel_err(p, tp) < RTOL
        tstate = topt.state[tp]
        # every parameter counts its own steps (torch's SGD keeps no count)
        assert state["step"] == int(tstate.get("step", state["step"]))
        assert set(state) - {"step"} == set(tstate) - {"step"}
        for key, value in state.items():
            if key != "step":
                assert max_rel_err(value, tstate[key]) < RTOL, key


def grid(**options):
    """All combinations of the given option values, as a list of kwargs dicts."""
    names = list(options)
    combinations = itertools.product(*options.values())
    return [dict(zip(names, values, strict=True)) for values in combinations]


SGD_CASES = [
    kw
    for kw in grid(
        momentum=[0, 0.9], dampening=[0, 0.3], nesterov=[False, True], weight_decay=[0, 0.01]
    )
    if not (kw["nesterov"] and (kw["momentum"] == 0 or kw["dampening"] != 0))
]
CASES = (
    [(SGD, dict(lr=0.01, **kw)) for kw in SGD_CASES]
    + [
        (Adagrad, dict(lr=0.1, **kw))
        for kw in grid(
            lr_decay=[0, 0.01],
            weight_decay=[0, 0.01],
            initial_accumulator_value=[0, 0.1],
            eps=[1e-10, 1e-3],
        )
    ]
    + [
        (RMSprop, dict(lr=0.002, **kw))
        for kw in grid(
            alpha=[0.99, 0.8], centered=[False, True], momentum=[0, 0.9], weight_decay=[0, 0.01]
        )
    ]
    + [
        (Adadelta, dict(**kw))
        for kw in grid(lr=[1.0, 0.5], rho=[0.9, 0.5], eps=[1e-6, 1e-3], weight_decay=[0, 0.01])
    ]
    + [
        (cls, dict(lr=0.01, **kw))
        for cls in (Adam, AdamW)
        for kw in grid(
            betas=[(0.9, 0.999), (0.5, 0.9)], weight_decay=[0, 0.1], amsgrad=[False, True]
        )
    ]
)


@pytest.mark.parametrize(("cls", "kwargs"), CASES, ids=[f"{c.__name__}-{kw}" for c, kw in CASES])
def test_matches_torch_every_option(cls, kwargs):
    params, opt, tparams, topt = run_both(cls, kwargs, steps=200)
    assert_same(params, opt, tparams, topt)
    # the problem is not trivial: the optimizer has actually moved the parameters
    assert np.abs(params[0] - INIT[0]).max() > 1e-2


def run_dlopt(cls, kwargs, steps, chunk=None, order="C"):
    params = [np.array(p, order=order) for p in INIT]
    opt = cls(**kwargs)
    if chunk is not None:
        opt._chunk = chunk  # large parameters are updated in pieces of this many elements
    for t in range(steps):
        opt.step(params, grad_fn([np.ascontiguousarray(p) for p in params], t))
    return params, opt


@pytest.mark.parametrize(("cls", "kwargs"), CASES, ids=[f"{c.__name__}-{kw}" for c, kw in CASES])
def test_updating_in_pieces_changes_nothing(cls, kwargs):
    whole, opt = run_dlopt(cls, kwargs, steps=50)
    for chunk, order in [(5, "C"), (5, "F")]:  # W (12 values) in pieces 5 + 5 + 2; F: whole
        pieces, opt_pieces = run_dlopt(cls, kwargs, steps=50, chunk=chunk, order=order)
        for p, q in zip(whole, pieces, strict=True):
            np.testing.assert_array_equal(p, q)
        for state, state_pieces in zip(opt.state, opt_pieces.state, strict=True):
            for key in state:
                np.testing.assert_array_equal(state[key], state_pieces[key])


BIG_CASES = [
    (SGD, dict(momentum=0.9, nesterov=True, weight_decay=0.01)),
    (SGD, dict(momentum=0.9, dampening=0.5)),
    (Adagrad, dict(lr_decay=0.01, initial_accumulator_value=0.1)),
    (RMSprop, dict(momentum=0.9, centered=True)),
    (Adadelta, dict(weight_decay=0.01, maximize=True)),
    (Adam, dict(amsgrad=True, weight_decay=0.01)),
    (AdamW, dict(amsgrad=True)),
]


@pytest.mark.parametrize(("cls", "kwargs"), BIG_CASES, ids=lambda v: getattr(v, "__name__", ""))
def test_large_parameter_matches_torch(cls, kwargs):
    # 300_000 values: more than one piece of Optimizer._chunk, plus a small second parameter
    rng = np.random.default_rng(1)
    init = [rng.standard_normal(300_000), rng.standard_normal((3, 2))]
    params = [p.copy() for p in init]
    opt = cls(lr=0.01, **kwargs)
    assert params[0].size > opt._chunk
    tparams = [torch.tensor(p, requires_grad=True) for p in init]
    topt = TORCH[cls](tparams, lr=0.01, **kwargs)
    for t in range(5):
        grads = [np.sin(3 * p) + 0.1 * t for p in params]
        opt.step(params, grads)
        for p in tparams:
            p.grad = torch.sin(3 * p.detach()) + 0.1 * t
        topt.step()
    assert_same(params, opt, tparams, topt)


# ----------------------------------------------------------------- property-based (hypothesis)
# Wide ranges (any beta in [0, 0.99], dampening outside [0, 1], ...) over short runs; derandomized
# so that every run of the suite checks the same examples and writes no example database.
unit = st.floats(0.0, 0.99)
lr = st.floats(0.0, 0.05)
decay = st.floats(0.0, 0.1)
HYPER = {
    SGD: st.fixed_dictionaries(
        dict(lr=lr, momentum=unit, dampening=st.floats(-0.5, 1.0), weight_decay=decay)
    ),
    Adagrad: st.fixed_dictionaries(
        dict(
            lr=lr,
            lr_decay=decay,
            weight_decay=decay,
            initial_accumulator_value=st.floats(0, 1),
            eps=st.floats(1e-10, 1e-2),
        )
    ),
    RMSprop: st.fixed_dictionaries(
        dict(
            lr=st.floats(0.0, 0.01),
            alpha=st.floats(0.5, 0.999),
            eps=st.floats(1e-8, 1e-2),
            weight_decay=decay,
            momentum=unit,
            centered=st.booleans(),
        )
    ),
    Adam: st.fixed_dictionaries(
        dict(
            lr=lr,
            betas=st.tuples(unit, unit),
            eps=st.floats(1e-8, 1e-2),
            weight_decay=decay,
            amsgrad=st.booleans(),
        )
    ),
}
# rho below 1 and lr up to 1 (torch's default): with rho = 1 the average of g² never moves
# from 0, every step is lr·√(1 + ε/ε)·g-sized, and the run leaves float64's range (overflow).
HYPER[Adadelta] = st.fixed_dictionaries(
    dict(
        lr=st.floats(0.0, 1.0),
        rho=unit,
        eps=st.floats(1e-8, 1e-2),
        weight_decay=decay,
    )
)
HYPER[AdamW] = HYPER[Adam]


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
@settings(max_examples=25, deadline=None, derandomize=True, database=None)
@given(data=st.data())
def test_matches_torch_hypothesis(cls, data):
    kwargs = data.draw(HYPER[cls])
    if cls is SGD:
        kwargs["nesterov"] = kwargs["momentum"] > 0 and data.draw(st.booleans())
        if kwargs["nesterov"]:
            kwargs["dampening"] = 0.0
    assert_same(*run_both(cls, kwargs, steps=30))


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_lr_change_mid_training_matches_torch(cls):
    lr = {SGD: 0.01, Adagrad: 0.1, RMSprop: 0.002, Adadelta: 1.0, Adam: 0.01, AdamW: 0.01}[cls]
    kwargs = {"lr": lr, **({"momentum": 0.9} if cls in (SGD, RMSprop) else {})}
    params, opt, tparams, topt = run_both(cls, kwargs, steps=120, new_lr=lr / 5, change_at=60)
    assert opt.lr == lr / 5
    assert_same(params, opt, tparams, topt)


# ------------------------------------------------------------------------------ invalid input
BAD = [
    (SGD, dict(lr=-0.1), "lr"),
    (SGD, dict(momentum=-0.5), "momentum"),
    (SGD, dict(weight_decay=-1e-4), "weight_decay"),
    (SGD, dict(nesterov=True), "nesterov"),
    (SGD, dict(nesterov=True, momentum=0.9, dampening=0.1), "nesterov"),
    (Adagrad, dict(lr=-1.0), "lr"),
    (Adagrad, dict(lr_decay=-0.1), "lr_decay"),
    (Adagrad, dict(weight_decay=-0.1), "weight_decay"),
    (Adagrad, dict(initial_accumulator_value=-0.1), "initial_accumulator_value"),
    (Adagrad, dict(eps=-1e-10), "eps"),
    (RMSprop, dict(lr=-1.0), "lr"),
    (RMSprop, dict(alpha=-0.1), "alpha"),
    (RMSprop, dict(eps=-1e-8), "eps"),
    (RMSprop, dict(weight_decay=-0.1), "weight_decay"),
    (RMSprop, dict(momentum=-0.9), "momentum"),
    (Adadelta, dict(lr=-1.0), "lr"),
    (Adadelta, dict(rho=1.1), "rho"),
    (Adadelta, dict(rho=-0.1), "rho"),
    (Adadelta, dict(eps=-1e-6), "eps"),
    (Adadelta, dict(weight_decay=-0.1), "weight_decay"),
] + [
    (cls, kwargs, name)
    for cls in (Adam, AdamW)
    for kwargs, name in [
        (dict(lr=-1e-3), "lr"),
        (dict(eps=-1e-8), "eps"),
        (dict(betas=(1.0, 0.999)), "betas"),
        (dict(betas=(-0.1, 0.999)), "betas"),
        (dict(betas=(0.9, 1.0)), "betas"),
        (dict(betas=(0.9, 1.5)), "betas"),
        (dict(weight_decay=-0.01), "weight_decay"),
    ]
]


@pytest.mark.parametrize(
    ("cls", "kwargs", "name"), BAD, ids=[f"{c.__name__}-{kw}" for c, kw, _ in BAD]
)
def test_invalid_hyperparameter_raises_like_torch(cls, kwargs, name):
    with pytest.raises(ValueError):
        TORCH[cls]([torch.zeros(2, requires_grad=True)], **kwargs)
    with pytest.raises(ValueError, match=name) as info:
        cls(**kwargs)
    assert "got" in str(info.value)


@pytest.mark.parametrize(
    ("cls", "kwargs", "name"),
    [
        (SGD, dict(lr=float("nan")), "lr"),
        (SGD, dict(lr="0.1"), "lr"),
        (SGD, dict(dampening=None), "dampening"),
        (SGD, dict(nesterov="yes", momentum=0.9), "nesterov"),
        (Adagrad, dict(eps=float("nan")), "eps"),
        (RMSprop, dict(centered=1), "centered"),
        (Adam, dict(betas=(0.9,)), "betas"),
        (Adam, dict(betas=0.9), "betas"),
        (Adam, dict(amsgrad=None), "amsgrad"),
        (AdamW, dict(weight_decay=True), "weight_decay"),
    ],
)
def test_invalid_types_raise(cls, kwargs, name):
    with pytest.raises(ValueError, match=name):
        cls(**kwargs)


def test_valid_edge_values_are_accepted_like_torch():
    for cls, kwargs in [
        (SGD, dict(lr=0, momentum=0, dampening=-1.0)),
        (Adam, dict(lr=0.0, betas=(0.0, 0.0), eps=0.0)),
        (RMSprop, dict(alpha=0.0, momentum=0.0, eps=0.0)),
        (Adagrad, dict(lr_decay=0.0, initial_accumulator_value=0.0, eps=0.0)),
    ]:
        TORCH[cls]([torch.zeros(2, requires_grad=True)], **kwargs)
        cls(**kwargs)


def fresh(n_steps=3, cls=Adam, **kwargs):
    """An optimizer that has taken a few steps on two parameters, with non-trivial state."""
    opt = cls(**kwargs)
    params = [p.copy() for p in INIT]
    for _ in range(n_steps):
        opt.step(params, grad_fn(params))
    return opt, params


def snapshot(opt, params):
    return copy.deepcopy(opt.state), opt.t, [p.copy() for p in params]


def assert_unchanged(before, opt, params):
    state, t, values = before
    assert opt.t == t
    assert len(opt.state) == len(state)
    for now, then in zip(opt.state, state, strict=True):
        assert now.keys() == then.keys()
        for key in now:
            np.testing.assert_array_equal(now[key], then[key])
    for p, v in zip(params, values, strict=True):
        np.testing.assert_array_equal(p, v)


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
@pytest.mark.parametrize(
    "bad_grads",
    [
        lambda g: [g[0], np.zeros(5)],  # wrong shape of the second gradient
        lambda g: [g[0].T, g[1]],  # wrong shape of the first gradient
        lambda g: [g[0]],  # too few gradients
        lambda g: [g[0], g[1], g[1]],  # too many
        lambda g: g[0],  # not a list
        lambda g: [g[0], g[1].astype(complex)],  # not real
        lambda g: [g[0], ["a", "b", "c", "d"]],  # not numbers
    ],
)
def test_bad_grads_raise_and_change_nothing(cls, bad_grads):
    kwargs = {"momentum": 0.9} if cls in (SGD, RMSprop) else {}
    opt, params = fresh(cls=cls, **kwargs)
    before = snapshot(opt, params)
    with pytest.raises(ValueError, match="grads"):
        opt.step(params, bad_grads(grad_fn(params)))
    assert_unchanged(before, opt, params)


def test_bad_first_step_leaves_optimizer_fresh():
    opt = Adam()
    params = [p.copy() for p in INIT]
    with pytest.raises(ValueError, match=r"grads\[1\]"):
        opt.step(params, [np.zeros((3, 4)), np.zeros(3)])
    assert opt.state == [] and opt.t == 0
    np.testing.assert_array_equal(params[0], INIT[0])
    opt.step(params, grad_fn(params))  # a correct call is then the first step
    assert opt.t == 1


def test_invalid_lr_set_between_steps_raises_before_changing_anything():
    opt, params = fresh(cls=SGD, momentum=0.9, lr=0.01)
    before = snapshot(opt, params)
    opt.lr = -0.01
    with pytest.raises(ValueError, match="lr"):
        opt.step(params, grad_fn(params))
    assert_unchanged(before, opt, params)


@pytest.mark.parametrize(
    "change",
    [
        lambda p: [p[0]],  # a parameter less
        lambda p: [p[0], p[1], np.zeros(2)],  # a parameter more
        lambda p: [p[0], np.zeros(5)],  # another shape
        lambda p: [p[1], p[0]],  # another order
        lambda p: [p[0].astype(np.float32), p[1]],  # another dtype
    ],
)
def test_changed_parameter_structure_raises(change):
    opt, params = fresh()
    new = change(params)
    before = snapshot(opt, new)
    with pytest.raises(ValueError, match="structure"):
        opt.step(new, [np.zeros_like(p) for p in new])
    assert_unchanged(before, opt, new)


@pytest.mark.parametrize(
    ("params", "grads"),
    [
        (np.array([1, 2, 3]), np.ones(3)),  # integer array cannot be updated in place
        (np.array([1 + 1j, 2]), np.ones(2)),  # complex
        ([1.0, 2.0], [1.0, 1.0]),  # a list of Python floats, not arrays
        (1.0, 1.0),  # a Python float
        ([np.ones(2), [1.0, 2.0]], [np.ones(2), np.ones(2)]),
        ([], []),  # nothing to optimize
        (np.array([True, False]), np.ones(2)),
    ],
)
@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_non_float_params_raise(cls, params, grads):
    opt = cls()
    with pytest.raises(ValueError, match="params"):
        opt.step(params, grads)
    assert opt.t == 0 and opt.state == []


def test_read_only_and_duplicate_params_raise():
    x = np.ones(3)
    with pytest.raises(ValueError, match="params"):
        SGD().step([x, x], [np.ones(3), np.ones(3)])
    x.flags.writeable = False
    with pytest.raises(ValueError, match="writeable"):
        SGD().step(x, np.ones(3))


@pytest.mark.parametrize("cls", ALL, ids=lambda c: c.__name__)
def test_step_returns_the_same_objects(cls):
    opt = cls(lr=0.1)
    x = np.array([1.0, -2.0])
    out = opt.step(x, 2 * x)
    assert out is x and not np.array_equal(x, [1.0, -2.0])
    params = [np.ones((2, 2)), np.array(3.0)]
    opt = cls(lr=0.1)
    out = opt.step(params, [np.ones((2, 2)), 1.0])
    assert out is params and isinstance(out, list) and out[1] is params[1]
    tup = (np.ones(2), np.ones(3))
    assert cls(lr=0.1).step(tup, (np.ones(2), np.ones(3))) is tup


OPTION_SETS = [
    (SGD, dict(momentum=0.9, dampening=0.1, weight_decay=0.1)),
    (SGD, dict(momentum=0.9, nesterov=True)),
    (Adagrad, dict(weight_decay=0.1, initial_accumulator_value=0.1)),
    (RMSprop, dict(centered=True, momentum=0.9, weight_decay=0.1)),
    (Adadelta, dict(weight_decay=0.1)),
    (Adam, dict(amsgrad=True, weight_decay=0.1)),
    (AdamW, dict(amsgrad=True)),
]


@pytest.mark.parametrize(("cls", "kwargs"), OPTION_SETS, ids=lambda v: getattr(v, "__name__", ""))
def test_float32_stays_float32(cls, kwargs):
    opt = cls(lr=np.float64(0.01), **kwargs)
    params = [p.astype(np.float32) for p in INIT]
    for _ in range(3):
        opt.step(params, grad_fn([p.astype(np.float64) for p in params]))  # float64 grads
        opt.lr = np.float64(opt.lr) * 0.5  # a schedule returning numpy scalars
    assert all(p.dtype == np.float32 for p in params)
    arrays = [v for state in opt.state for k, v in state.items() if k != "step"]
    assert arrays and all(v.dtype == np.float32 for v in arrays)
    assert repr(opt).startswith(f"{cls.__name__}(lr=0.00125,")


@pytest.mark.parametrize(("cls", "kwargs"), OPTION_SETS, ids=lambda v: getattr(v, "__name__", ""))
def test_grads_are_not_modified_nor_aliased(cls, kwargs):
    opt = cls(lr=0.1, **kwargs)
    params = [p.copy() for p in INIT]
    grads = grad_fn(params)
    saved = [g.copy() for g in grads]
    opt.step(params, grads)
    for g, s in zip(grads, saved, strict=True):
        np.testing.assert_array_equal(g, s)
    state = copy.deepcopy(opt.state)
    for g in grads:
        g[...] = 123.0  # the caller reuses its gradient buffers
    for now, then in zip(opt.state, state, strict=True):
        for key in now:
            np.testing.assert_array_equal(now[key], then[key])


@pytest.mark.parametrize(("cls", "kwargs"), OPTION_SETS, ids=lambda v: getattr(v, "__name__", ""))
def test_grad_may_be_the_parameter_itself(cls, kwargs):
    # f(x) = |x|^2 / 2 has gradient x: passing the parameter array as its own gradient is allowed
    x, y = np.array([1.0, -2.0, 3.0]), np.array([1.0, -2.0, 3.0])
    ours, reference = cls(lr=0.1, **kwargs), cls(lr=0.1, **kwargs)
    for _ in range(3):
        ours.step(x, x)
        reference.step(y, y.copy())
    np.testing.assert_array_equal(x, y)


def test_state_t_and_repr():
    opt, _ = fresh(n_steps=4, cls=Adam, amsgrad=True)
    assert opt.t == 4 and len(opt.state) == 2
    assert set(opt.state[0]) == {"step", "exp_avg", "exp_avg_sq", "max_exp_avg_sq"}
    assert opt.state[0]["step"] == opt.state[1]["step"] == 4
    assert opt.state[1]["exp_avg"].shape == (4,)
    assert isinstance(opt, Optimizer)
    assert repr(Adam()) == (
        "Adam(lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0, amsgrad=False, "
        "maximize=False)"
    )
    assert repr(AdamW()) == (
        "AdamW(lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0.01, amsgrad=False, "
        "maximize=False)"
    )
    assert repr(SGD()) == (
        "SGD(lr=0.001, momentum=0, dampening=0, weight_decay=0, nesterov=False, maximize=False)"
    )
    assert repr(Adagrad()) == (
        "Adagrad(lr=0.01, lr_decay=0, weight_decay=0, initial_accumulator_value=0, eps=1e-10, "
        "maximize=False)"
    )
    assert repr(RMSprop()) == (
        "RMSprop(lr=0.01, alpha=0.99, eps=1e-08, weight_decay=0, momentum=0, centered=False, "
        "maximize=False)"
    )


def test_defaults_match_torch():
    import inspect

    for cls, tcls in TORCH.items():
        ours = inspect.signature(cls).parameters
        theirs = inspect.signature(tcls).parameters
        for name, param in ours.items():
            assert theirs[name].default == param.default, (cls.__name__, name)
