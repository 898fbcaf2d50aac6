"""dlopt.training.fit: it learns, is deterministic, records what happened, detects divergence."""

import math

import numpy as np
import pytest

from dlopt.data import linear_regression, minibatches, spirals, train_val_split, two_moons
from dlopt.nn import MLP
from dlopt.optim import SGD, Adam
from dlopt.schedules import cosine_annealing
from dlopt.training import History, fit


class RecordingSGD:
    """Plain SGD that records what ``fit`` hands it (independent of dlopt.optim)."""

    def __init__(self, lr):
        self.lr = lr
        self.calls = []

    def step(self, params, grads):
        self.calls.append((params, [g.copy() for g in grads], self.lr))
        for p, g in zip(params, grads, strict=True):
            p -= self.lr * g
        return params


def test_fit_learns_two_moons():
    X, y = two_moons(n_samples=200, noise=0.1, seed=0)
    X_train, y_train, X_val, y_val = train_val_split(X, y, seed=0)
    model = MLP([2, 16, 2], seed=0)
    history = fit(
        model,
        SGD(lr=0.3, momentum=0.9),
        X_train,
        y_train,
        epochs=30,
        batch_size=16,
        X_val=X_val,
        y_val=y_val,
    )
    assert not history.diverged
    assert len(history.train_loss) == len(history.val_loss) == 31
    assert history.train_loss[-1] < 0.2 * history.train_loss[0]
    assert history.val_loss[-1] < 0.3 * history.val_loss[0]
    assert model.accuracy(X_val, y_val) > 0.95
    assert len(history.batch_loss) == len(history.lr) == 30 * math.ceil(len(X_train) / 16)
    assert history.lr == [0.3] * len(history.lr)


def test_fit_learns_spirals_with_adam_and_binary_moons():
    X, y = spirals(n_samples=150, seed=0)
    model = MLP([2, 32, 32, 3], seed=1)
    history = fit(model, Adam(lr=0.01), X, y, epochs=60, batch_size=30)
    assert history.train_loss[-1] < 0.2 * history.train_loss[0]
    assert model.accuracy(X, y) > 0.9
    X, y = two_moons(n_samples=100, seed=0)
    model = MLP([2, 8, 1], activation="relu", seed=0)
    history = fit(model, SGD(lr=0.5), X, y, epochs=30, batch_size=10, loss="binary_cross_entropy")
    assert history.train_loss[-1] < 0.5 * history.train_loss[0]
    assert model.accuracy(X, y) > 0.85


def test_fit_is_deterministic():
    X, y = two_moons(n_samples=60, seed=0)

    def run(seed):
        model = MLP([2, 8, 2], seed=0)
        history = fit(model, SGD(lr=0.2, momentum=0.5), X, y, epochs=5, batch_size=8, seed=seed)
        return history, model.params

    (h1, p1), (h2, p2), (h3, _) = run(0), run(0), run(1)
    assert h1 == h2
    for a, b in zip(p1, p2, strict=True):
        np.testing.assert_array_equal(a, b)
    assert h1.batch_loss != h3.batch_loss  # another seed shuffles differently


def test_fit_steps_the_optimizer_on_the_minibatch_gradients():
    X, y, _, _ = linear_regression(n_samples=10, seed=0)
    model, reference = MLP([1, 1], seed=0), MLP([1, 1], seed=0)
    optimizer = RecordingSGD(lr=0.1)
    history = fit(model, optimizer, X, y, epochs=2, batch_size=4, loss="mse", seed=3)
    assert len(optimizer.calls) == len(history.batch_loss) == 2 * 3
    # replay: the same epoch seeds, batches and gradients
    epoch_seeds = np.random.default_rng(3).integers(0, 2**31, size=2)
    calls = iter(optimizer.calls)
    for epoch_seed in epoch_seeds:
        for Xb, yb in minibatches(X, y, 4, seed=int(epoch_seed)):
            params, grads, lr = next(calls)
            assert params is model.params  # the model's own list, updated in place
            loss, expected = reference.loss_and_grads(Xb, yb, loss="mse")
            for g, e in zip(grads, expected, strict=True):
                np.testing.assert_allclose(g, e, rtol=1e-12)
            for p, e in zip(reference.params, expected, strict=True):
                p -= lr * e
    for p, q in zip(model.params, reference.params, strict=True):
        np.testing.assert_allclose(p, q, rtol=1e-12)


def test_schedule_sets_the_learning_rate_before_every_step():
    X, y = two_moons(n_samples=40, seed=0)
    schedule = cosine_annealing(0.5, T_max=20)
    optimizer = RecordingSGD(lr=123.0)
    history = fit(MLP([2, 4, 2]), optimizer, X, y, epochs=4, batch_size=8, schedule=schedule)
    assert history.lr == [schedule(t) for t in range(20)]
    assert [lr for _, _, lr in optimizer.calls] == history.lr
    assert optimizer.lr == schedule(19)


def test_huge_learning_rate_diverges_and_stops_early():
    X, y, _, _ = linear_regression(n_samples=40, seed=0)
    history = fit(
        MLP([1, 8, 1], activation="relu", seed=0),
        SGD(lr=50.0),
        X,
        y,
        epochs=200,
        batch_size=10,
        loss="mse",
    )
    assert history.diverged
    last = history.batch_loss[-1], history.train_loss[-1]
    assert any(not math.isfinite(v) or v > 1e6 for v in last)  # the default max_loss
    assert len(history.train_loss) < 201  # stopped early
    assert all(math.isfinite(v) and v <= 1e6 for v in history.batch_loss[:-1])


def test_cross_entropy_blow_up_is_caught_by_max_loss():
    X, y = two_moons(n_samples=60, seed=0)
    history = fit(MLP([2, 8, 2], seed=0), SGD(lr=1e6), X, y, epochs=20, batch_size=20,
                  max_loss=100.0)
    assert history.diverged
    assert max(history.batch_loss[-1], history.train_loss[-1]) > 100.0
    assert all(v <= 100.0 for v in history.batch_loss[:-1])


def test_max_loss_must_be_positive():
    X, y = two_moons(n_samples=20, seed=0)
    with pytest.raises(ValueError, match="max_loss"):
        fit(MLP([2, 2]), SGD(lr=0.1), X, y, epochs=1, batch_size=20, max_loss=0.0)


def test_history_defaults():
    assert History() == History(train_loss=[], val_loss=None, batch_loss=[], lr=[], diverged=False)
    X, y = two_moons(n_samples=20, seed=0)
    assert fit(MLP([2, 2]), SGD(lr=0.1), X, y, epochs=1, batch_size=20).val_loss is None


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"epochs": 0, "batch_size": 4}, r"epochs must be a positive integer, got 0"),
        ({"epochs": 2.0, "batch_size": 4}, r"epochs must be a positive integer, got 2\.0"),
        (
            {"epochs": 1, "batch_size": 0},
            r"batch_size must be an integer in 1\.\.n_samples=20, got 0",
        ),
        (
            {"epochs": 1, "batch_size": 4, "seed": -1},
            r"seed must be a non-negative integer, got -1",
        ),
        ({"epochs": 1, "batch_size": 4, "loss": "hinge"}, r"loss must be one of .*got 'hinge'"),
        (
            {"epochs": 1, "batch_size": 4, "X_val": np.zeros((3, 2))},
            r"X_val and y_val must be given together",
        ),
        (
            {"epochs": 1, "batch_size": 4, "schedule": 0.1},
            r"schedule must be a function step -> lr or None, got 0\.1",
        ),
        (
            {
                "epochs": 1,
                "batch_size": 4,
                "X_val": np.zeros((3, 3)),
                "y_val": np.zeros(3, dtype=int),
            },
            r"X must have shape \(n_samples, 2\)",
        ),
    ],
)
def test_bad_arguments_raise_before_any_step(kwargs, match):
    X, y = two_moons(n_samples=20, seed=0)
    model, optimizer = MLP([2, 3, 2]), RecordingSGD(lr=0.1)
    before = [p.copy() for p in model.params]
    with pytest.raises(ValueError, match=match):
        fit(model, optimizer, X, y, **kwargs)
    assert optimizer.calls == []
    for p, q in zip(model.params, before, strict=True):
        np.testing.assert_array_equal(p, q)
