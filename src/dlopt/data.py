r"""Small synthetic data sets and mini-batch iteration, all seeded and deterministic.

Every function that draws random numbers takes ``seed`` and uses its own
``np.random.default_rng(seed)``, so the same call always returns the same data and
nothing depends on (or changes) global random state.

>>> X, y = two_moons(n_samples=6, seed=0)
>>> X.shape, y.tolist()
((6, 2), [1, 1, 0, 0, 1, 0])
>>> [len(yb) for _, yb in minibatches(X, y, batch_size=4)]
[4, 2]
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterator

import numpy as np

from dlopt._checks import check_bool, check_in_range

__all__ = ["linear_regression", "two_moons", "spirals", "train_val_split", "minibatches"]


# ---------------------------------------------------------------------------
# argument checks
# ---------------------------------------------------------------------------


def _check_int(name: str, value, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def _check_noise(noise) -> float:
    return float(check_in_range("noise", noise, 0, math.inf))


def _check_seed(seed) -> int:
    return _check_int("seed", seed, minimum=0)


def _check_X_y(X, y) -> tuple[np.ndarray, np.ndarray]:
    X, y = np.asarray(X), np.asarray(y)
    if X.ndim == 0 or y.ndim == 0:
        raise ValueError(
            f"X and y must be arrays with one row per sample, got X.shape={X.shape} "
            f"and y.shape={y.shape}"
        )
    if len(X) != len(y):
        raise ValueError(
            f"X and y must have the same number of samples (rows), got len(X)={len(X)} "
            f"and len(y)={len(y)}"
        )
    return X, y


# ---------------------------------------------------------------------------
# data sets
# ---------------------------------------------------------------------------


def linear_regression(n_samples: int = 200, n_features: int = 1, noise: float = 0.5, seed: int = 0):
    r"""Noisy samples of a random linear function.

    .. math::
        y_i = x_i^\top w + b + \varepsilon_i, \qquad
        x_i \sim \mathcal N(0, I_d), \quad \varepsilon_i \sim \mathcal N(0, \sigma^2)

    with :math:`w \sim \mathcal U[-2, 2]^d`, :math:`b \sim \mathcal U[-1, 1]` and
    :math:`\sigma` = ``noise``.

    Returns ``(X, y, w_true, b_true)`` with shapes ``(n, d)``, ``(n,)``, ``(d,)`` and a float.

    >>> X, y, w, b = linear_regression(n_samples=5, n_features=2, noise=0.0, seed=1)
    >>> X.shape, y.shape, w.shape
    ((5, 2), (5,), (2,))
    >>> bool(np.allclose(y, X @ w + b))
    True
    """
    n = _check_int("n_samples", n_samples, minimum=1)
    d = _check_int("n_features", n_features, minimum=1)
    noise = _check_noise(noise)
    rng = np.random.default_rng(_check_seed(seed))
    w_true = rng.uniform(-2.0, 2.0, size=d)
    b_true = float(rng.uniform(-1.0, 1.0))
    X = rng.normal(size=(n, d))
    y = X @ w_true + b_true + noise * rng.normal(size=n)
    return X, y, w_true, b_true


def two_moons(n_samples: int = 200, noise: float = 0.1, seed: int = 0):
    r"""Two interleaving half circles, a classic non-linearly separable 2-class problem.

    Class 0 lies on the upper half circle :math:`(\cos\theta, \sin\theta)`, class 1
    on the shifted lower one :math:`(1 - \cos\theta,\ \tfrac12 - \sin\theta)`,
    :math:`\theta \in [0, \pi]` evenly spaced; Gaussian noise with standard deviation
    ``noise`` is added to both coordinates, and the samples are shuffled.
    Class 0 gets ``n_samples // 2`` points (like scikit-learn's ``make_moons``).

    Returns ``(X, y)``: ``X`` of shape ``(n, 2)``, ``y`` integer labels in {0, 1}.

    >>> X, y = two_moons(n_samples=100, noise=0.0)
    >>> X.shape, y.dtype.kind, np.bincount(y).tolist()
    ((100, 2), 'i', [50, 50])
    """
    n = _check_int("n_samples", n_samples, minimum=2)
    noise = _check_noise(noise)
    rng = np.random.default_rng(_check_seed(seed))
    n_upper, n_lower = n // 2, n - n // 2
    theta_upper = np.linspace(0.0, np.pi, n_upper)
    theta_lower = np.linspace(0.0, np.pi, n_lower)
    upper = np.stack([np.cos(theta_upper), np.sin(theta_upper)], axis=1)
    lower = np.stack([1.0 - np.cos(theta_lower), 0.5 - np.sin(theta_lower)], axis=1)
    X = np.concatenate([upper, lower]) + noise * rng.normal(size=(n, 2))
    y = np.concatenate([np.zeros(n_upper, dtype=np.int64), np.ones(n_lower, dtype=np.int64)])
    order = rng.permutation(n)
    return X[order], y[order]


def spirals(n_samples: int = 300, n_classes: int = 3, noise: float = 0.2, seed: int = 0):
    r"""Interleaved spiral arms, one per class (the CS231n toy problem).

    Arm :math:`k` has radii :math:`r` evenly spaced in :math:`[0, 1]` and angles

    .. math::
        \theta = 4 (k + r) + \sigma \xi, \qquad \xi \sim \mathcal N(0, 1),

    i.e. each arm sweeps 4 radians, and the point is :math:`r (\sin\theta, \cos\theta)`.
    ``noise`` = :math:`\sigma` perturbs the angle. The ``n_samples`` points are split as
    evenly as possible among the classes and then shuffled.

    Returns ``(X, y)``: ``X`` of shape ``(n, 2)``, ``y`` integer labels in 0..n_classes-1.

    >>> X, y = spirals(n_samples=10, n_classes=3)
    >>> X.shape, np.bincount(y).tolist()
    ((10, 2), [4, 3, 3])
    >>> bool(np.all(np.linalg.norm(X, axis=1) <= 1.0))
    True
    """
    n = _check_int("n_samples", n_samples, minimum=1)
    n_classes = _check_int("n_classes", n_classes, minimum=1)
    if n < n_classes:
        raise ValueError(
            f"n_samples must be at least n_classes={n_classes} (one point per class), got {n}"
        )
    noise = _check_noise(noise)
    rng = np.random.default_rng(_check_seed(seed))
    X_parts, y_parts = [], []
    for k, idx in enumerate(np.array_split(np.arange(n), n_classes)):
        r = np.linspace(0.0, 1.0, len(idx))
        theta = 4.0 * (k + r) + noise * rng.normal(size=len(idx))
        X_parts.append(np.stack([r * np.sin(theta), r * np.cos(theta)], axis=1))
        y_parts.append(np.full(len(idx), k, dtype=np.int64))
    X, y = np.concatenate(X_parts), np.concatenate(y_parts)
    order = rng.permutation(n)
    return X[order], y[order]


# ---------------------------------------------------------------------------
# splitting and batching
# ---------------------------------------------------------------------------


def train_val_split(X, y, val_fraction: float = 0.2, seed: int = 0):
    r"""Randomly split ``(X, y)`` into a training and a validation set.

    :math:`n_\text{val} = \operatorname{round}(\text{val\_fraction} \cdot n)` samples go
    to the validation set; ``val_fraction`` must be in (0, 1) and leave at least one
    sample in each part.

    Returns ``(X_train, y_train, X_val, y_val)``.

    >>> X, y = np.arange(20).reshape(10, 2), np.arange(10)
    >>> X_train, y_train, X_val, y_val = train_val_split(X, y, val_fraction=0.3, seed=0)
    >>> X_train.shape, X_val.shape, sorted(y_train.tolist() + y_val.tolist()) == list(range(10))
    ((7, 2), (3, 2), True)
    """
    X, y = _check_X_y(X, y)
    check_in_range("val_fraction", val_fraction, 0, 1, lo_closed=False)
    n = len(X)
    n_val = round(val_fraction * n)
    if not 1 <= n_val <= n - 1:
        raise ValueError(
            f"val_fraction={val_fraction!r} of n_samples={n} gives {n_val} validation samples; "
            "both parts need at least one sample"
        )
    order = np.random.default_rng(_check_seed(seed)).permutation(n)
    val, train = order[:n_val], order[n_val:]
    return X[train], y[train], X[val], y[val]


def minibatches(X, y, batch_size: int, seed: int = 0, shuffle: bool = True) -> Iterator:
    r"""Iterate once over ``(X, y)`` in mini-batches of ``batch_size`` samples.

    With ``shuffle=True`` the order is a random permutation drawn from
    ``np.random.default_rng(seed)`` (each call uses its own generator, so the same
    ``seed`` gives the same batches; pass a different seed for each epoch).
    Every sample appears in exactly one batch: there are :math:`\lceil n / B \rceil`
    batches of :math:`B` = ``batch_size`` samples, except the last one, which holds
    the remaining samples and may be smaller. ``batch_size`` must be in 1..n.

    Arguments are checked when ``minibatches`` is called, not when iteration starts.

    >>> X, y = np.arange(10).reshape(5, 2), np.arange(5)
    >>> [yb.tolist() for _, yb in minibatches(X, y, batch_size=2, shuffle=False)]
    [[0, 1], [2, 3], [4]]
    >>> [yb.tolist() for _, yb in minibatches(X, y, batch_size=2, seed=0)]
    [[2, 4], [3, 0], [1]]
    """
    X, y = _check_X_y(X, y)
    n = len(X)
    if (
        isinstance(batch_size, bool)
        or not isinstance(batch_size, numbers.Integral)
        or not (1 <= batch_size <= n)
    ):
        raise ValueError(f"batch_size must be an integer in 1..n_samples={n}, got {batch_size!r}")
    check_bool("shuffle", shuffle)
    order = np.random.default_rng(_check_seed(seed)).permutation(n) if shuffle else np.arange(n)
    batch_size = int(batch_size)

    def batches():
        for start in range(0, n, batch_size):
            idx = order[start : start + batch_size]
            yield X[idx], y[idx]

    return batches()
