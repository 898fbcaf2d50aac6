"""dlopt.data: shapes, determinism, and mini-batches that cover every sample once per pass."""

import numpy as np
import pytest

from dlopt.data import linear_regression, minibatches, spirals, train_val_split, two_moons

GENERATORS = {
    "linear_regression": lambda seed: linear_regression(n_samples=50, n_features=3, seed=seed),
    "two_moons": lambda seed: two_moons(n_samples=50, seed=seed),
    "spirals": lambda seed: spirals(n_samples=60, seed=seed),
}


@pytest.mark.parametrize("name", GENERATORS)
def test_same_seed_same_data_other_seed_other_data(name):
    make = GENERATORS[name]
    first, again, other = make(0), make(0), make(1)
    for a, b in zip(first, again, strict=True):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(first[0], other[0])


def test_generators_leave_global_random_state_alone():
    np.random.seed(123)
    expected = np.random.rand()
    np.random.seed(123)
    for make in GENERATORS.values():
        make(0)
    assert np.random.rand() == expected


def test_linear_regression():
    X, y, w, b = linear_regression(n_samples=30, n_features=4, noise=0.0, seed=3)
    assert X.shape == (30, 4) and y.shape == (30,) and w.shape == (4,) and type(b) is float
    np.testing.assert_allclose(y, X @ w + b, rtol=1e-14)
    # with noise the least-squares fit recovers w and b roughly
    X, y, w, b = linear_regression(n_samples=2000, n_features=2, noise=0.5, seed=0)
    A = np.column_stack([X, np.ones(len(X))])
    coef = np.linalg.lstsq(A, y, rcond=None)[0]
    np.testing.assert_allclose(coef, [*w, b], atol=0.05)
    assert np.std(y - A @ coef) == pytest.approx(0.5, rel=0.05)


def test_two_moons():
    X, y = two_moons(n_samples=101, noise=0.0, seed=0)
    assert X.shape == (101, 2) and y.shape == (101,) and y.dtype.kind == "i"
    assert np.bincount(y).tolist() == [50, 51]
    upper, lower = X[y == 0], X[y == 1]
    np.testing.assert_allclose(np.linalg.norm(upper, axis=1), 1.0)
    np.testing.assert_allclose(np.linalg.norm(lower - [1.0, 0.5], axis=1), 1.0)
    assert np.all(upper[:, 1] >= -1e-12) and np.all(lower[:, 1] <= 0.5 + 1e-12)
    assert not np.all(np.diff(y) >= 0)  # shuffled, not sorted by class


@pytest.mark.parametrize("n_samples, n_classes", [(300, 3), (10, 3), (7, 2), (5, 5)])
def test_spirals(n_samples, n_classes):
    X, y = spirals(n_samples=n_samples, n_classes=n_classes, seed=0)
    assert X.shape == (n_samples, 2) and y.shape == (n_samples,) and y.dtype.kind == "i"
    counts = np.bincount(y, minlength=n_classes)
    assert counts.sum() == n_samples and counts.max() - counts.min() <= 1
    assert np.all(np.linalg.norm(X, axis=1) <= 1.0 + 1e-12)


def test_train_val_split_is_a_deterministic_partition():
    X, y = np.arange(40.0).reshape(20, 2), np.arange(20)
    X_train, y_train, X_val, y_val = train_val_split(X, y, val_fraction=0.25, seed=4)
    assert X_train.shape == (15, 2) and X_val.shape == (5, 2)
    np.testing.assert_array_equal(np.sort(np.concatenate([y_train, y_val])), y)
    np.testing.assert_array_equal(X_train[:, 0], 2 * y_train)  # rows stay aligned
    np.testing.assert_array_equal(X_val[:, 0], 2 * y_val)
    again = train_val_split(X, y, val_fraction=0.25, seed=4)
    np.testing.assert_array_equal(again[3], y_val)
    assert not np.array_equal(train_val_split(X, y, val_fraction=0.25, seed=5)[3], y_val)


@pytest.mark.parametrize("n, batch_size", [(10, 1), (10, 3), (10, 5), (10, 10), (7, 4)])
@pytest.mark.parametrize("shuffle", [True, False])
def test_minibatches_cover_every_sample_exactly_once(n, batch_size, shuffle):
    X, y = np.arange(2.0 * n).reshape(n, 2), np.arange(n)
    batches = list(minibatches(X, y, batch_size, seed=1, shuffle=shuffle))
    assert len(batches) == -(-n // batch_size)
    sizes = [len(yb) for _, yb in batches]
    assert all(s == batch_size for s in sizes[:-1]) and 1 <= sizes[-1] <= batch_size
    seen = np.concatenate([yb for _, yb in batches])
    np.testing.assert_array_equal(np.sort(seen), y)
    for Xb, yb in batches:
        np.testing.assert_array_equal(Xb[:, 0], 2 * yb)  # X and y rows stay together
    if not shuffle:
        np.testing.assert_array_equal(seen, y)


def test_minibatches_shuffle_depends_only_on_seed():
    X, y = np.zeros((50, 1)), np.arange(50)
    order = lambda seed: np.concatenate([yb for _, yb in minibatches(X, y, 8, seed=seed)])  # noqa: E731
    np.testing.assert_array_equal(order(0), order(0))
    assert not np.array_equal(order(0), order(1))
    assert not np.array_equal(order(0), y)


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: linear_regression(n_samples=0), r"n_samples must be an integer >= 1, got 0"),
        (
            lambda: linear_regression(n_features=1.5),
            r"n_features must be an integer >= 1, got 1\.5",
        ),
        (lambda: linear_regression(noise=-0.1), r"noise must be a number in \[0, inf\), got -0\.1"),
        (lambda: two_moons(n_samples=1), r"n_samples must be an integer >= 2, got 1"),
        (lambda: two_moons(seed=-1), r"seed must be an integer >= 0, got -1"),
        (lambda: two_moons(seed=1.0), r"seed must be an integer >= 0, got 1\.0"),
        (lambda: spirals(n_samples=2, n_classes=3), r"n_samples must be at least n_classes=3"),
        (lambda: spirals(n_classes=0), r"n_classes must be an integer >= 1, got 0"),
        (lambda: train_val_split(np.zeros((5, 2)), np.zeros(4)), r"same number of samples.*5.*4"),
        (
            lambda: train_val_split(np.zeros((5, 2)), np.zeros(5), val_fraction=1.0),
            r"val_fraction must be a number in \(0, 1\)",
        ),
        (
            lambda: train_val_split(np.zeros((5, 2)), np.zeros(5), val_fraction=0.05),
            r"gives 0 validation samples",
        ),
        (
            lambda: minibatches(np.zeros((5, 2)), np.zeros(5), 0),
            r"batch_size must be an integer in 1\.\.n_samples=5, got 0",
        ),
        (
            lambda: minibatches(np.zeros((5, 2)), np.zeros(5), 6),
            r"batch_size must be an integer in 1\.\.n_samples=5, got 6",
        ),
        (lambda: minibatches(np.zeros((5, 2)), np.zeros(5), 2.0), r"batch_size must be an integer"),
        (lambda: minibatches(np.zeros((5, 2)), np.zeros(4), 2), r"same number of samples"),
        (
            lambda: minibatches(np.zeros((5, 2)), np.zeros(5), 2, shuffle=1),
            r"shuffle must be True or False",
        ),
        (
            lambda: minibatches(np.zeros((5, 2)), np.zeros(5), 2, seed=-3),
            r"seed must be an integer >= 0",
        ),
        (lambda: minibatches(np.float64(1.0), np.zeros(5), 2), r"one row per sample"),
    ],
)
def test_bad_input(call, match):
    # minibatches checks its arguments at call time, before iteration starts
    with pytest.raises(ValueError, match=match):
        call()
