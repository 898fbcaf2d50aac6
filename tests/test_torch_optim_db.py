"""dlopt against PyTorch's own optimizer test database (``common_optimizers.optim_db``).

``torch/testing/_internal/common_optimizers.py`` ships in the torch wheel: for every
optimizer, ``optim_inputs_func`` lists the configurations torch's own test suite runs and
``optim_error_inputs_func`` the invalid ones with the error each must raise. Here every
configuration of an optimizer that dlopt has is run through both implementations, with the
flags that only select a torch kernel (``foreach``, ``fused``, ``capturable``,
``differentiable``) removed and tensor values turned into floats. A configuration is:

- *accepted* when dlopt takes it, and then it must *match* torch in float64 over 80 steps
  to a relative error below 1e-9 (parameters and every state array);
- *N/A* when it cannot mean anything for dlopt: a tensor that is not one number, an option
  dlopt does not have, or an error about torch's parameter groups or tensor kinds.

Every error input that applies must raise ValueError in dlopt too.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch.testing._internal import common_optimizers  # needs expecttest (requirements.txt)

from dlopt import optim

TORCH_ONLY = {"foreach", "fused", "capturable", "differentiable"}
OURS = {name: getattr(optim, name) for name in optim.__all__ if name != "Optimizer"}
DB = [info for info in common_optimizers.optim_db if info.optim_cls.__name__ in OURS]
STEPS, RTOL = 80, 1e-9


def as_dlopt_kwargs(kwargs):
    """torch kwargs -> dlopt kwargs, or None when they have no dlopt meaning (N/A)."""

    def plain(value):
        if isinstance(value, torch.Tensor):
            if value.numel() != 1:
                raise TypeError
            return value.item()
        if isinstance(value, tuple | list):
            return type(value)(plain(v) for v in value)
        return value

    try:
        return {k: plain(v) for k, v in kwargs.items() if k not in TORCH_ONLY}
    except TypeError:
        return None


def configurations():
    for info in DB:
        name = info.optim_cls.__name__
        for i, optim_input in enumerate(info.optim_inputs_func(device="cpu")):
            yield pytest.param(info, optim_input, id=f"{name}-{i}-{optim_input.desc}")


def error_inputs():
    for info in DB:
        name = info.optim_cls.__name__
        for i, error in enumerate(info.optim_error_inputs_func(device="cpu", dtype=torch.float64)):
            yield pytest.param(info, error, id=f"{name}-{i}")


# A small non-convex problem with two parameters of different shapes; the gradient is one
# numpy function evaluated at each implementation's own point.
_rng = np.random.default_rng(10)
INIT = [_rng.standard_normal((3, 4)), _rng.standard_normal(4)]
NOISE = [[0.3 * _rng.standard_normal(p.shape) for p in INIT] for _ in range(STEPS)]


def grad_fn(params, t):
    W, b = params
    return [np.tanh(W) + 0.1 * W * W.sum() + NOISE[t][0], b - np.cos(b) + NOISE[t][1]]


def max_rel_err(ours, theirs):
    theirs = theirs.detach().numpy() if isinstance(theirs, torch.Tensor) else np.asarray(theirs)
    scale = np.max(np.abs(theirs))
    error = np.max(np.abs(ours - theirs))
    return float(error / scale) if scale > 0 else float(error)


def compare(info, optim_input):
    """Run both; return the worst relative error, or None when the configuration is N/A."""
    cls = OURS[info.optim_cls.__name__]
    kwargs = as_dlopt_kwargs(optim_input.kwargs)
    if kwargs is None or optim_input.params is not None:
        return None
    try:
        opt = cls(**kwargs)
    except TypeError:  # an option dlopt does not have
        return None
    params = [p.copy() for p in INIT]
    tparams = [torch.tensor(p, requires_grad=True) for p in INIT]
    topt = info.optim_cls(tparams, **optim_input.kwargs)
    for t in range(STEPS):
        opt.step(params, grad_fn(params, t))
        for p, g in zip(tparams, grad_fn([p.detach().numpy() for p in tparams], t), strict=True):
            p.grad = torch.from_numpy(g)
        topt.step()
    worst = 0.0
    for p, tp, state in zip(params, tparams, opt.state, strict=True):
        worst = max(worst, max_rel_err(p, tp))
        tstate = topt.state[tp]
        assert set(state) - {"step"} == set(tstate) - {"step"}
        if "step" in tstate:
            assert state["step"] == int(tstate["step"]) == STEPS
        for key in set(state) - {"step"}:
            worst = max(worst, max_rel_err(state[key], tstate[key]))
    return worst


@pytest.mark.parametrize(("info", "optim_input"), list(configurations()))
def test_torch_configuration_matches(info, optim_input):
    worst = compare(info, optim_input)
    if worst is None:
        pytest.skip("N/A for dlopt: " + optim_input.desc)
    assert worst < RTOL


def test_every_optimizer_of_dlopt_is_in_the_database_and_matches_something():
    assert {info.optim_cls.__name__ for info in DB} == set(OURS)
    for info in DB:
        results = [compare(info, oi) for oi in info.optim_inputs_func(device="cpu")]
        assert sum(r is not None for r in results) >= 4, info.optim_cls.__name__


def applicable_error(error):
    """The dlopt kwargs of an error input that applies to dlopt, or None."""
    enum = common_optimizers.OptimizerErrorEnum
    oi = error.optimizer_error_input
    if error.error_on != enum.CONSTRUCTION_ERROR or oi.params is not None:
        return None  # about torch's parameter lists and groups
    if error.error_type is not ValueError or TORCH_ONLY & set(oi.kwargs):
        return None
    kwargs = as_dlopt_kwargs(oi.kwargs)
    if kwargs is None:
        return None  # a tensor of several numbers as a hyper-parameter
    if any(isinstance(v, torch.Tensor) for v in oi.kwargs.values()) or any(
        isinstance(v, tuple) and any(isinstance(x, torch.Tensor) for x in v)
        for v in oi.kwargs.values()
    ):
        return None  # torch's rules about mixing float and tensor hyper-parameters
    return kwargs


@pytest.mark.parametrize(("info", "error"), list(error_inputs()))
def test_torch_error_input_raises_value_error(info, error):
    kwargs = applicable_error(error)
    if kwargs is None:
        pytest.skip("N/A for dlopt: " + error.optimizer_error_input.desc)
    cls = OURS[info.optim_cls.__name__]
    with pytest.raises(ValueError, match="got"):
        cls(**kwargs)
