"""dlopt.losses against torch.nn.functional (values) and torch.autograd (gradients), float64."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from dlopt import losses

RTOL = 1e-12


def torch_value_and_grad(torch_loss, pred, *rest):
    """Value and autograd gradient of ``torch_loss(pred, *rest)`` with respect to ``pred``."""
    pred_t = torch.tensor(pred, dtype=torch.float64, requires_grad=True)
    value = torch_loss(pred_t, *rest)
    value.backward()
    return value.item(), pred_t.grad.numpy()


# ---------------------------------------------------------------------------
# mse
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("shape", [(1,), (7,), (4, 3), (2, 3, 5)])
def test_mse_matches_torch(shape):
    rng = np.random.default_rng(sum(shape))
    pred, target = rng.normal(size=shape), rng.normal(size=shape)
    value, grad = torch_value_and_grad(F.mse_loss, pred, torch.tensor(target))
    assert losses.mse(pred, target) == pytest.approx(value, rel=RTOL)
    np.testing.assert_allclose(losses.mse_grad(pred, target), grad, rtol=RTOL, atol=1e-15)


def test_mse_returns_python_float_and_is_zero_at_target():
    x = np.arange(6.0).reshape(2, 3)
    assert isinstance(losses.mse(x, x), float)
    assert losses.mse(x, x) == 0.0
    assert not losses.mse_grad(x, x).any()


# ---------------------------------------------------------------------------
# cross-entropy
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("n, n_classes", [(1, 2), (5, 3), (16, 10)])
def test_cross_entropy_matches_torch(n, n_classes):
    rng = np.random.default_rng(n * n_classes)
    logits = 3.0 * rng.normal(size=(n, n_classes))
    labels = rng.integers(0, n_classes, size=n)
    value, grad = torch_value_and_grad(F.cross_entropy, logits, torch.tensor(labels))
    assert losses.cross_entropy(logits, labels) == pytest.approx(value, rel=RTOL)
    np.testing.assert_allclose(
        losses.cross_entropy_grad(logits, labels), grad, rtol=1e-10, atol=1e-15
    )


@pytest.mark.parametrize("label", [0, 1, 2])
def test_cross_entropy_is_stable_for_huge_logits(label):
    logits = np.array([[1000.0, -1000.0, 3000.0]])
    labels = np.array([label])
    value, grad = torch_value_and_grad(F.cross_entropy, logits, torch.tensor(labels))
    ours = losses.cross_entropy(logits, labels)
    assert np.isfinite(ours)
    assert ours == pytest.approx(value, rel=RTOL)
    assert ours == pytest.approx([2000.0, 4000.0, 0.0][label], abs=1e-12)
    ours_grad = losses.cross_entropy_grad(logits, labels)
    assert np.all(np.isfinite(ours_grad))
    np.testing.assert_allclose(ours_grad, grad, atol=1e-15)


def test_cross_entropy_accepts_any_integer_dtype_and_lists():
    logits = [[1.0, 2.0], [0.5, -0.5]]
    expected = losses.cross_entropy(np.array(logits), np.array([1, 0]))
    for labels in ([1, 0], np.array([1, 0], dtype=np.int32), np.array([1, 0], dtype=np.uint8)):
        assert losses.cross_entropy(logits, labels) == pytest.approx(expected, rel=RTOL)


def test_cross_entropy_grad_rows_sum_to_zero():
    rng = np.random.default_rng(0)
    grad = losses.cross_entropy_grad(rng.normal(size=(6, 4)), rng.integers(0, 4, size=6))
    np.testing.assert_allclose(grad.sum(axis=1), 0.0, atol=1e-15)


# ---------------------------------------------------------------------------
# binary cross-entropy
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("shape", [(1,), (9,), (3, 4)])
def test_binary_cross_entropy_matches_torch(shape):
    rng = np.random.default_rng(len(shape) + shape[0])
    logits = 4.0 * rng.normal(size=shape)
    targets = rng.integers(0, 2, size=shape).astype(float)
    value, grad = torch_value_and_grad(
        F.binary_cross_entropy_with_logits, logits, torch.tensor(targets)
    )
    ours = losses.binary_cross_entropy_with_logits(logits, targets)
    assert ours == pytest.approx(value, rel=RTOL)
    np.testing.assert_allclose(
        losses.binary_cross_entropy_with_logits_grad(logits, targets), grad, rtol=1e-10,
        atol=1e-15)


def test_binary_cross_entropy_soft_targets_and_huge_logits_match_torch():
    logits = np.array([-1000.0, 1000.0, 0.0, 3000.0, -40.0])
    targets = np.array([1.0, 0.0, 0.5, 1.0, 0.25])
    value, grad = torch_value_and_grad(
        F.binary_cross_entropy_with_logits, logits, torch.tensor(targets)
    )
    ours = losses.binary_cross_entropy_with_logits(logits, targets)
    assert np.isfinite(ours)
    assert ours == pytest.approx(value, rel=RTOL)
    np.testing.assert_allclose(losses.binary_cross_entropy_with_logits_grad(logits, targets),
                               grad, atol=1e-15)


# ---------------------------------------------------------------------------
# softmax and sigmoid
# ---------------------------------------------------------------------------


def test_softmax_matches_torch_and_is_stable():
    rng = np.random.default_rng(1)
    for logits in (
        rng.normal(size=(5, 4)),
        np.array([[1000.0, -1000.0, 3000.0]]),
        rng.normal(size=3),
    ):
        expected = torch.softmax(torch.tensor(logits), dim=-1).numpy()
        probs = losses.softmax(logits)
        np.testing.assert_allclose(probs, expected, rtol=RTOL, atol=1e-300)
        np.testing.assert_allclose(probs.sum(axis=-1), 1.0, rtol=1e-15)


def test_sigmoid_matches_torch_without_overflow():
    z = np.array([-1000.0, -40.0, -1.0, 0.0, 1e-8, 2.5, 40.0, 1000.0])
    np.testing.assert_allclose(
        losses.sigmoid(z), torch.sigmoid(torch.tensor(z)).numpy(), rtol=RTOL, atol=0
    )
    assert losses.sigmoid(np.zeros((2, 3))).shape == (2, 3)


# ---------------------------------------------------------------------------
# bad input
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: losses.mse(np.zeros(3), np.zeros(4)), r"pred and target must have the same shape"),
        (lambda: losses.mse_grad(np.zeros((3, 1)), np.zeros(3)), r"same shape.*\(3, 1\)"),
        (lambda: losses.mse(np.zeros(0), np.zeros(0)), r"at least one element"),
        (lambda: losses.mse(["a"], [1.0]), r"pred must be an array of real numbers"),
        (
            lambda: losses.cross_entropy(np.zeros((2, 3)), np.array([0.0, 1.0])),
            r"labels.*integer.*float64",
        ),
        (
            lambda: losses.cross_entropy(np.zeros((2, 3)), np.array([True, False])),
            r"labels.*integer.*bool",
        ),
        (
            lambda: losses.cross_entropy(np.zeros((2, 3)), np.array([0, 3])),
            r"labels.*0\.\.2.*got label 3",
        ),
        (
            lambda: losses.cross_entropy_grad(np.zeros((2, 3)), np.array([-1, 0])),
            r"0\.\.2.*got label -1",
        ),
        (
            lambda: losses.cross_entropy(np.zeros((2, 3)), np.array([0, 1, 2])),
            r"labels must have shape \(n_samples,\) = \(2,\)",
        ),
        (
            lambda: losses.cross_entropy(np.zeros(3), np.array([0])),
            r"logits must be a 2-D array.*got shape \(3,\)",
        ),
        (
            lambda: losses.cross_entropy(np.zeros((0, 3)), np.array([], dtype=int)),
            r"n_samples >= 1",
        ),
        (
            lambda: losses.binary_cross_entropy_with_logits(np.zeros(2), np.array([0.0, 2.0])),
            r"targets.*\[0, 1\].*got 2\.0",
        ),
        (
            lambda: losses.binary_cross_entropy_with_logits_grad(np.zeros(2),
                                                                 np.array([np.nan, 1.0])),
            r"targets.*got nan",
        ),
        (
            lambda: losses.binary_cross_entropy_with_logits(np.zeros(2), np.zeros(3)),
            r"logits and targets must have the same shape",
        ),
        (
            lambda: losses.binary_cross_entropy(np.array([0.5, 1.5]), np.ones(2)),
            r"probs must be probabilities in \[0, 1\], got 1\.5",
        ),
        (lambda: losses.softmax(1.0), r"at least one axis"),
        (lambda: losses.sigmoid("x"), r"z must be an array of real numbers"),
    ],
)
def test_bad_input_raises_value_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# ---------------------------------------------------------------------------
# torch's options: reduction, label_smoothing, weight, pos_weight
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("label_smoothing", [0.0, 0.1, 1.0])
def test_cross_entropy_reduction_and_label_smoothing_match_torch(reduction, label_smoothing):
    rng = np.random.default_rng(7)
    logits = 3.0 * rng.normal(size=(6, 4))
    labels = rng.integers(0, 4, size=6)
    pred = torch.tensor(logits, requires_grad=True)
    value = F.cross_entropy(
        pred, torch.tensor(labels), reduction=reduction, label_smoothing=label_smoothing
    )
    value.sum().backward()
    ours = losses.cross_entropy(logits, labels, reduction, label_smoothing)
    np.testing.assert_allclose(ours, value.detach().numpy(), rtol=RTOL)
    assert isinstance(ours, np.ndarray if reduction == "none" else float)
    grad = losses.cross_entropy_grad(logits, labels, reduction, label_smoothing)
    np.testing.assert_allclose(grad, pred.grad.numpy(), rtol=1e-10, atol=1e-15)


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("weighted", [False, True])
def test_binary_cross_entropy_with_logits_matches_torch(reduction, weighted):
    rng = np.random.default_rng(8)
    logits = 4.0 * rng.normal(size=(5, 3))
    logits[0] = [-1000.0, 1000.0, 0.0]
    targets = rng.uniform(size=(5, 3))
    weight = rng.uniform(0.5, 2.0, size=(5, 1)) if weighted else None
    pos_weight = rng.uniform(0.5, 3.0, size=3) if weighted else None
    pred = torch.tensor(logits, requires_grad=True)
    value = F.binary_cross_entropy_with_logits(
        pred,
        torch.tensor(targets),
        weight=None if weight is None else torch.tensor(weight),
        reduction=reduction,
        pos_weight=None if pos_weight is None else torch.tensor(pos_weight),
    )
    value.sum().backward()
    args = (logits, targets, weight, reduction, pos_weight)
    ours = losses.binary_cross_entropy_with_logits(*args)
    np.testing.assert_allclose(ours, value.detach().numpy(), rtol=RTOL)
    grad = losses.binary_cross_entropy_with_logits_grad(*args)
    np.testing.assert_allclose(grad, pred.grad.numpy(), rtol=1e-10, atol=1e-15)


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_binary_cross_entropy_takes_probabilities_as_torch_does(reduction):
    rng = np.random.default_rng(3)
    probs = np.concatenate([rng.uniform(size=7), [0.0, 1.0, 1e-300]])  # log 0 is clamped
    targets = np.concatenate([rng.integers(0, 2, size=7), [1.0, 0.0, 0.5]]).astype(float)
    weight = rng.uniform(0.5, 2.0, size=probs.shape)
    expected = F.binary_cross_entropy(torch.tensor(probs), torch.tensor(targets),
                                      weight=torch.tensor(weight), reduction=reduction)
    ours = losses.binary_cross_entropy(probs, targets, weight=weight, reduction=reduction)
    np.testing.assert_allclose(ours, expected.numpy(), rtol=1e-12)


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: losses.cross_entropy(np.zeros((2, 3)), [0, 1], "avg"), r"reduction.*got 'avg'"),
        (lambda: losses.cross_entropy_grad(np.zeros((2, 3)), [0, 1], "mean", 1.5), "label_smo"),
        (
            lambda: losses.binary_cross_entropy_with_logits(np.zeros(2), np.zeros(2), np.ones(3)),
            r"weight must broadcast to the shape of logits, \(2,\), got shape \(3,\)",
        ),
        (
            lambda: losses.binary_cross_entropy_with_logits(
                np.zeros(2), np.zeros(2), reduction=None
            ),
            "reduction",
        ),
    ],
)
def test_bad_options_raise_value_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()
