"""dlopt.clip_grad_norm / clip_grad_value and AveragedParameters against torch, float64."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch.optim.swa_utils import AveragedModel, get_ema_multi_avg_fn

from dlopt import AveragedParameters, clip_grad_norm, clip_grad_value

RNG = np.random.default_rng(3)
SHAPES = [(3, 4), (5,), (), (2, 2, 2)]


def grads(scale):
    return [np.asarray(scale * RNG.standard_normal(shape)) for shape in SHAPES]


def torch_grads(arrays):
    params = [torch.zeros(a.shape, dtype=torch.float64, requires_grad=True) for a in arrays]
    for p, a in zip(params, arrays, strict=True):
        p.grad = torch.tensor(a)
    return params


@pytest.mark.parametrize("norm_type", [2.0, 1.0, 3.5, float("inf"), 2])
@pytest.mark.parametrize(("scale", "max_norm"), [(1.0, 0.5), (0.01, 10.0), (5.0, 0.0)])
def test_clip_grad_norm_matches_torch(norm_type, scale, max_norm):
    ours = grads(scale)
    params = torch_grads(ours)
    expected = torch.nn.utils.clip_grad_norm_(params, max_norm, norm_type=norm_type)
    total = clip_grad_norm(ours, max_norm, norm_type=norm_type)
    assert isinstance(total, float)
    assert total == pytest.approx(expected.item(), rel=1e-13)
    for g, p in zip(ours, params, strict=True):
        np.testing.assert_allclose(g, p.grad.numpy(), rtol=1e-13, atol=0)


def test_clip_grad_norm_single_array_none_entries_and_non_finite():
    g = np.array([3.0, 4.0])
    assert clip_grad_norm(g, 1.0) == 5.0
    np.testing.assert_allclose(np.linalg.norm(g), 1.0, rtol=1e-6)
    assert clip_grad_norm([None, np.array([1.0])], 1.0) == 1.0
    assert clip_grad_norm([], 1.0) == 0.0
    bad = [np.array([np.inf, 1.0])]
    params = torch_grads([bad[0].copy()])
    expected = torch.nn.utils.clip_grad_norm_(params, 1.0)
    assert clip_grad_norm(bad, 1.0) == expected.item() == np.inf
    np.testing.assert_array_equal(bad[0], params[0].grad.numpy())  # nan, 0 like torch


@pytest.mark.parametrize("clip_value", [0.0, 0.3, 10.0])
def test_clip_grad_value_matches_torch(clip_value):
    ours = grads(1.0)
    params = torch_grads(ours)
    torch.nn.utils.clip_grad_value_(params, clip_value)
    assert clip_grad_value(ours, clip_value) is None
    for g, p in zip(ours, params, strict=True):
        np.testing.assert_array_equal(g, p.grad.numpy())


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: clip_grad_norm([np.ones(2)], -1.0), "max_norm must be a non-negative number"),
        (lambda: clip_grad_norm([np.ones(2)], 1.0, norm_type=0), "norm_type must be a positive"),
        (lambda: clip_grad_norm([np.ones(2)], 1.0, norm_type="fro"), "norm_type"),
        (lambda: clip_grad_norm([np.arange(2)], 1.0), r"grads\[0\] must be a float numpy array"),
        (lambda: clip_grad_value([[1.0]], 1.0), r"grads\[0\] must be a float numpy array"),
        (lambda: clip_grad_value([np.ones(2)], -0.5), "clip_value must be a non-negative"),
        (lambda: clip_grad_norm(3.0, 1.0), "grads must be"),
        (lambda: AveragedParameters(ema_decay=1.5), r"ema_decay must be a number in \[0, 1\]"),
    ],
)
def test_bad_arguments_raise(call, match):
    with pytest.raises(ValueError, match=match):
        call()


@pytest.mark.parametrize("ema_decay", [None, 0.9, 0.0, 1.0])
def test_averaged_parameters_match_torch_averaged_model(ema_decay):
    model = torch.nn.Linear(3, 2).double()
    if ema_decay is None:
        averaged = AveragedModel(model)
    else:
        averaged = AveragedModel(model, multi_avg_fn=get_ema_multi_avg_fn(ema_decay))
    ours = AveragedParameters(ema_decay=ema_decay)
    for _ in range(25):
        with torch.no_grad():
            for p in model.parameters():
                p.add_(torch.randn_like(p))
        current = [p.detach().numpy().copy() for p in model.parameters()]
        averaged.update_parameters(model)
        ours.update(current)
    assert ours.n_averaged == averaged.n_averaged.item() == 25
    for a, p in zip(ours.params, averaged.module.parameters(), strict=True):
        np.testing.assert_allclose(a, p.detach().numpy(), rtol=1e-12, atol=1e-14)


def test_averaged_parameters_copy_and_keep_the_structure():
    x = np.array([1.0, 2.0])
    avg = AveragedParameters()
    avg.update(x)
    x += 10  # the average holds a copy
    avg.update(x)
    np.testing.assert_array_equal(avg.params[0], [6.0, 7.0])
    with pytest.raises(ValueError, match="structure of the first update"):
        avg.update(np.zeros(3))
