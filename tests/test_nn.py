"""dlopt.nn.MLP: forward pass and hand-written backprop against an equivalent torch network."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from dlopt.nn import MLP

TORCH_ACTIVATIONS = {"tanh": torch.tanh, "relu": torch.relu}


def torch_loss_and_grads(model, X, y, loss):
    """The same network in torch (weights copied from ``model``), its loss and autograd grads."""
    params = [torch.tensor(p, dtype=torch.float64, requires_grad=True) for p in model.params]
    h = torch.tensor(X, dtype=torch.float64)
    n_layers = len(params) // 2
    for i in range(n_layers):
        W, b = params[2 * i], params[2 * i + 1]
        h = F.linear(h, W.T, b)  # torch Linear stores W as (out, in)
        if i < n_layers - 1:
            h = TORCH_ACTIVATIONS[model.activation](h)
    if loss == "cross_entropy":
        value = F.cross_entropy(h, torch.tensor(y))
    elif loss == "binary_cross_entropy":
        value = F.binary_cross_entropy_with_logits(h[:, 0], torch.tensor(y, dtype=torch.float64))
    else:
        target = torch.tensor(y, dtype=torch.float64)
        value = F.mse_loss(h if target.ndim == 2 else h[:, 0], target)
    value.backward()
    return h.detach().numpy(), value.item(), [p.grad.numpy() for p in params]


def randomise_biases(model, seed=0):
    """Biases start at zero; make them non-zero so that their gradient path is tested too."""
    rng = np.random.default_rng(seed)
    for b in model.params[1::2]:
        b[...] = rng.normal(size=b.shape)


LOSS_SETUPS = {
    # loss: (output size, labels maker)
    "cross_entropy": (4, lambda rng, n: rng.integers(0, 4, size=n)),
    "binary_cross_entropy": (1, lambda rng, n: rng.integers(0, 2, size=n)),
    "mse": (3, lambda rng, n: rng.normal(size=(n, 3))),
    "mse_1d_target": (1, lambda rng, n: rng.normal(size=n)),
}


@pytest.mark.parametrize("activation", ["tanh", "relu"])
@pytest.mark.parametrize("setup", LOSS_SETUPS)
@pytest.mark.parametrize("hidden", [[], [6], [5, 7]])
def test_forward_and_backprop_match_torch(activation, setup, hidden):
    n_out, make_y = LOSS_SETUPS[setup]
    loss = setup.removesuffix("_1d_target")
    rng = np.random.default_rng(len(hidden))
    model = MLP([3, *hidden, n_out], activation=activation, init="normal", init_scale=0.8, seed=1)
    randomise_biases(model)
    X, y = rng.normal(size=(9, 3)), make_y(rng, 9)

    outputs, value, grads = torch_loss_and_grads(model, X, y, loss)
    np.testing.assert_allclose(model.forward(X), outputs, rtol=1e-12, atol=1e-14)
    ours_value, ours_grads = model.loss_and_grads(X, y, loss=loss)
    assert type(ours_value) is float
    assert ours_value == pytest.approx(value, rel=1e-12)
    assert len(ours_grads) == len(model.params)
    for g, g_torch, p in zip(ours_grads, grads, model.params, strict=True):
        assert g.shape == p.shape
        np.testing.assert_allclose(g, g_torch, rtol=1e-10, atol=1e-14)


def test_param_layout_and_zero_biases():
    model = MLP([4, 8, 3, 2], seed=0)
    assert [p.shape for p in model.params] == [(4, 8), (8,), (8, 3), (3,), (3, 2), (2,)]
    assert all(p.dtype == np.float64 for p in model.params)
    assert all(not b.any() for b in model.params[1::2])
    assert model.forward(np.ones((5, 4))).shape == (5, 2)
    assert [W.shape for W, _ in model.layers] == [(4, 8), (8, 3), (3, 2)]


def test_init_is_seeded():
    a, b, c = MLP([3, 5, 2], seed=7), MLP([3, 5, 2], seed=7), MLP([3, 5, 2], seed=8)
    for p, q in zip(a.params, b.params, strict=True):
        np.testing.assert_array_equal(p, q)
    assert not np.array_equal(a.params[0], c.params[0])


def test_init_scales():
    fan_in, fan_out = 400, 600
    xavier = MLP([fan_in, fan_out], init="xavier").params[0]
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    assert np.abs(xavier).max() <= limit and np.abs(xavier).max() > 0.99 * limit  # uniform
    assert xavier.std() == pytest.approx(np.sqrt(2.0 / (fan_in + fan_out)), rel=0.01)
    he = MLP([fan_in, fan_out], init="he", init_scale=2.0).params[0]
    assert he.std() == pytest.approx(2.0 * np.sqrt(2.0 / fan_in), rel=0.01)
    normal = MLP([fan_in, fan_out], init="normal", init_scale=0.3).params[0]
    assert normal.std() == pytest.approx(0.3, rel=0.01)
    assert abs(normal.mean()) < 0.01


def test_zeros_init_keeps_hidden_units_identical():
    """The symmetry pitfall: with zero weights every hidden unit stays the same for ever."""
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(20, 2)), rng.integers(0, 3, size=20)
    model = MLP([2, 5, 3], init="zeros")
    assert all(not p.any() for p in model.params)
    for _ in range(20):
        _, grads = model.loss_and_grads(X, y)
        for p, g in zip(model.params, grads, strict=True):
            p -= 0.5 * g
    W1, b1, W2, _ = model.params
    assert np.all(W1 == W1[:, :1]) and np.all(b1 == b1[0])  # all hidden units identical
    assert np.all(W2 == W2[:1, :])


def test_large_normal_init_makes_relu_activations_explode():
    X = np.random.default_rng(0).normal(size=(200, 20))

    def activation_stds(**init):
        model = MLP([20, 64, 64, 64, 1], activation="relu", **init)
        return [h.std() for h in model.hidden_activations(X)]

    exploding = activation_stds(init="normal", init_scale=1.0)
    assert exploding[0] < exploding[1] < exploding[2]
    assert exploding[2] > 10 * exploding[0]  # grows about sqrt(64 / 2) = 5.7 times per layer
    for init in ({"init": "he"}, {"init": "normal", "init_scale": np.sqrt(2.0 / 64)}):
        stds = activation_stds(**init)  # a fan-in-aware scale keeps them of similar size
        assert max(stds) / min(stds) < 1.5


def test_accuracy():
    model = MLP([2, 3], init="zeros")
    model.params[1][...] = [0.0, 1.0, 0.0]  # always predicts class 1
    assert model.accuracy(np.zeros((4, 2)), np.array([1, 1, 0, 2])) == 0.5
    binary = MLP([2, 1], init="zeros")
    binary.params[1][...] = [-1.0]  # logit < 0: predicts class 0
    assert binary.accuracy(np.zeros((4, 2)), np.array([0, 0, 0, 1])) == 0.75


def test_repr():
    assert repr(MLP([2, 4, 1], activation="relu", init="he", init_scale=0.5, seed=3)) == (
        "MLP([2, 4, 1], activation='relu', init='he', init_scale=0.5, seed=3)"
    )


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: MLP([2]), r"layer_sizes must be a list of at least two positive integers.*\[2\]"),
        (lambda: MLP([2, 0, 1]), r"layer_sizes must be a list of at least two positive integers"),
        (lambda: MLP([2, 2.5, 1]), r"layer_sizes"),
        (lambda: MLP("21"), r"layer_sizes"),
        (
            lambda: MLP([2, 1], activation="sigmoid"),
            r"activation must be one of \('tanh', 'relu'\), got 'sigmoid'",
        ),
        (lambda: MLP([2, 1], init="glorot"), r"init must be one of .*'xavier'.*got 'glorot'"),
        (lambda: MLP([2, 1], init_scale=0.0), r"init_scale must be a positive number, got 0\.0"),
        (lambda: MLP([2, 1], seed=-1), r"seed must be a non-negative integer, got -1"),
        (
            lambda: MLP([2, 1]).forward(np.zeros((3, 3))),
            r"X must have shape \(n_samples, 2\).*\(3, 3\)",
        ),
        (lambda: MLP([2, 1]).forward(np.zeros(2)), r"X must have shape \(n_samples, 2\)"),
        (
            lambda: MLP([2, 1]).loss_and_grads(np.zeros((3, 2)), np.zeros(3, dtype=int)),
            r"cross_entropy' needs at least 2 outputs",
        ),
        (
            lambda: MLP([2, 2]).loss_and_grads(
                np.zeros((3, 2)), np.zeros(3), loss="binary_cross_entropy"
            ),
            r"needs exactly one output",
        ),
        (
            lambda: MLP([2, 1]).loss_and_grads(
                np.zeros((3, 2)), np.array([0, 1, 2]), loss="binary_cross_entropy"
            ),
            r"labels 0 or 1 of shape \(3,\)",
        ),
        (
            lambda: MLP([2, 1]).loss_and_grads(
                np.zeros((3, 2)), np.zeros((3, 1, 1)), loss="binary_cross_entropy"
            ),
            r"labels 0 or 1 of shape \(3,\)",
        ),
        (
            lambda: MLP([2, 2]).loss_and_grads(np.zeros((3, 2)), np.zeros(3), loss="mse"),
            r"y must have shape \(3, 2\) for loss='mse', got shape \(3,\)",
        ),
        (
            lambda: MLP([2, 2]).loss_and_grads(
                np.zeros((3, 2)), np.zeros(3, dtype=int), loss="hinge"
            ),
            r"loss must be one of .*got 'hinge'",
        ),
        (
            lambda: MLP([2, 2]).loss_and_grads(np.zeros((3, 2)), np.array([0, 1, 2])),
            r"labels must be class indices in 0\.\.1",
        ),
        (
            lambda: MLP([2, 2]).loss_and_grads(np.zeros((3, 2)), np.array([0.0, 1.0, 1.0])),
            r"labels must be an array of integer",
        ),
        (lambda: MLP([2, 2]).accuracy(np.zeros((3, 2)), np.zeros(4)), r"y must have shape \(3,\)"),
    ],
)
def test_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()
