r"""Loss functions and their gradients, written the way they appear on paper.

Every loss here is by default an *average* over the examples (or elements), so its
size does not depend on the batch size, and every loss ``L`` comes with ``L_grad``
returning :math:`\partial L / \partial \text{prediction}` with the shape of the
prediction. :func:`cross_entropy` and :func:`binary_cross_entropy_with_logits` also
take torch's ``reduction=`` (``"mean"``, ``"sum"`` or ``"none"``: one loss per example).

Two numerical tricks keep things finite even for logits in the thousands:

* **log-sum-exp**: :math:`\log \sum_j e^{z_j} = m + \log \sum_j e^{z_j - m}` with
  :math:`m = \max_j z_j`, so the largest exponent is :math:`e^0 = 1`;
* **softplus form** of the binary cross-entropy:
  :math:`\log(1 + e^{z}) = \max(z, 0) + \log(1 + e^{-|z|})`.

Example
-------
>>> import numpy as np
>>> logits = np.array([[2.0, 0.5, -1.0]])
>>> round(cross_entropy(logits, np.array([0])), 4)
0.2413
>>> np.round(cross_entropy_grad(logits, np.array([0])), 4)
array([[-0.2144,  0.1753,  0.0391]])
"""

from __future__ import annotations

import numpy as np

from dlopt._checks import check_in_range

__all__ = [
    "mse",
    "mse_grad",
    "cross_entropy",
    "cross_entropy_grad",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "binary_cross_entropy_with_logits_grad",
    "softmax",
    "sigmoid",
]


# ---------------------------------------------------------------------------
# input checks (small and local, so that each loss reads like its formula)
# ---------------------------------------------------------------------------


def _float_array(name: str, x) -> np.ndarray:
    """Return ``x`` as a float ndarray, or raise ValueError naming ``name``."""
    try:
        array = np.asarray(x, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be an array of real numbers, got {x!r}") from None
    return array


def _same_shape(pred_name: str, pred: np.ndarray, target_name: str, target: np.ndarray) -> None:
    if pred.shape != target.shape:
        raise ValueError(
            f"{pred_name} and {target_name} must have the same shape, "
            f"got {pred_name}.shape={pred.shape} and {target_name}.shape={target.shape}"
        )
    if pred.size == 0:
        raise ValueError(f"{pred_name} must contain at least one element, got shape {pred.shape}")


def _logits_and_labels(logits, labels) -> tuple[np.ndarray, np.ndarray]:
    """Check the inputs of the (multi-class) cross-entropy."""
    logits = _float_array("logits", logits)
    if logits.ndim != 2 or logits.shape[0] == 0 or logits.shape[1] == 0:
        raise ValueError(
            "logits must be a 2-D array of shape (n_samples, n_classes) with n_samples >= 1 "
            f"and n_classes >= 1, got shape {logits.shape}"
        )
    labels = np.asarray(labels)
    if labels.dtype == bool or not np.issubdtype(labels.dtype, np.integer):
        raise ValueError(
            f"labels must be an array of integer class indices, got dtype {labels.dtype}"
        )
    n, n_classes = logits.shape
    if labels.shape != (n,):
        raise ValueError(
            f"labels must have shape (n_samples,) = ({n},) to match logits.shape={logits.shape}, "
            f"got labels.shape={labels.shape}"
        )
    if labels.min() < 0 or labels.max() >= n_classes:
        bad = labels[(labels < 0) | (labels >= n_classes)][0]
        raise ValueError(
            f"labels must be class indices in 0..{n_classes - 1} (n_classes={n_classes}), "
            f"got label {bad}"
        )
    return logits, labels


def _check_reduction(reduction) -> None:
    if reduction not in ("mean", "sum", "none"):
        raise ValueError(f"reduction must be 'mean', 'sum' or 'none', got {reduction!r}")


def _reduce(losses: np.ndarray, reduction: str):
    """The mean or the sum (as a Python float) of per-example losses, or the losses."""
    if reduction == "none":
        return losses
    return float(np.mean(losses) if reduction == "mean" else np.sum(losses))


def _check_label_smoothing(label_smoothing) -> None:
    check_in_range("label_smoothing", label_smoothing, 0, 1, hi_closed=True)


def _logits_and_targets(logits, targets, name="logits") -> tuple[np.ndarray, np.ndarray]:
    """Check the inputs of the binary cross-entropy (``name``: what the first input is)."""
    logits = _float_array(name, logits)
    targets = _float_array("targets", targets)
    _same_shape(name, logits, "targets", targets)
    outside = ~((targets >= 0) & (targets <= 1))  # also catches NaN
    if np.any(outside):
        raise ValueError(
            "targets must be probabilities in [0, 1] (usually the labels 0 and 1), "
            f"got {targets[outside][0]}"
        )
    return logits, targets


# ---------------------------------------------------------------------------
# link functions
# ---------------------------------------------------------------------------


def sigmoid(z) -> np.ndarray:
    r"""Logistic sigmoid, elementwise and without overflow.

    .. math::
        \sigma(z) = \frac{1}{1 + e^{-z}} = \frac{e^{z}}{1 + e^{z}}

    The first form is used for :math:`z \ge 0` and the second for :math:`z < 0`,
    so the exponent is never positive and :math:`e^{\cdot}` never overflows.

    >>> import numpy as np
    >>> np.round(sigmoid(np.array([-1000.0, -1.0, 0.0, 1.0, 1000.0])), 4)
    array([0.    , 0.2689, 0.5   , 0.7311, 1.    ])
    """
    z = _float_array("z", z)
    e = np.exp(-np.abs(z))  # e^{-|z|} lies in (0, 1]
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def softmax(logits) -> np.ndarray:
    r"""Row-wise softmax (along the last axis), shifted by the row maximum for stability.

    .. math::
        \operatorname{softmax}(z)_j = \frac{e^{z_j - m}}{\sum_k e^{z_k - m}},
        \qquad m = \max_k z_k

    Subtracting :math:`m` does not change the result but keeps every exponent
    :math:`\le 0`.

    >>> import numpy as np
    >>> np.round(softmax(np.array([[1.0, 2.0, 3.0], [1000.0, -1000.0, 3000.0]])), 4)
    array([[0.09  , 0.2447, 0.6652],
           [0.    , 0.    , 1.    ]])
    """
    z = _float_array("logits", logits)
    if z.ndim == 0:
        raise ValueError("logits must have at least one axis (the classes), got a scalar")
    shifted = z - z.max(axis=-1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=-1, keepdims=True)


def _log_softmax(z: np.ndarray) -> np.ndarray:
    r""":math:`\log \operatorname{softmax}(z)_j = z_j - m - \log\sum_k e^{z_k - m}`."""
    shifted = z - z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


# ---------------------------------------------------------------------------
# mean squared error
# ---------------------------------------------------------------------------


def mse(pred, target) -> float:
    r"""Mean squared error, averaged over *all* elements (like ``torch.nn.functional.mse_loss``).

    .. math::
        L = \frac{1}{N} \sum_{i=1}^{N} (\hat y_i - y_i)^2

    ``pred`` and ``target`` must have the same shape (no broadcasting).

    >>> round(mse([1.0, 2.0, 3.0], [1.0, 0.0, 0.0]), 4)
    4.3333
    """
    pred = _float_array("pred", pred)
    target = _float_array("target", target)
    _same_shape("pred", pred, "target", target)
    return float(np.mean((pred - target) ** 2))


def mse_grad(pred, target) -> np.ndarray:
    r"""Gradient of :func:`mse` with respect to ``pred``.

    .. math::
        \frac{\partial L}{\partial \hat y_i} = \frac{2}{N} (\hat y_i - y_i)

    >>> import numpy as np
    >>> np.round(mse_grad([1.0, 2.0, 3.0], [1.0, 0.0, 0.0]), 4)
    array([0.    , 1.3333, 2.    ])
    """
    pred = _float_array("pred", pred)
    target = _float_array("target", target)
    _same_shape("pred", pred, "target", target)
    return 2.0 * (pred - target) / pred.size


# ---------------------------------------------------------------------------
# multi-class cross-entropy
# ---------------------------------------------------------------------------


def cross_entropy(logits, labels, reduction="mean", label_smoothing=0.0):
    r"""Cross-entropy of integer class labels under ``softmax(logits)``, averaged over the batch.

    For :math:`n` examples with logits :math:`z_i \in \mathbb{R}^C` and labels
    :math:`y_i \in \{0, \dots, C-1\}`:

    .. math::
        L = \frac{1}{n} \sum_{i=1}^{n} \Bigl( \log \sum_{k} e^{z_{ik}} - z_{i y_i} \Bigr)

    The log-sum-exp is evaluated stably, so logits in the thousands are fine.
    Equals ``torch.nn.functional.cross_entropy(logits, labels)``, also with its
    ``reduction`` (``"mean"``, ``"sum"``, or ``"none"``: the array of the :math:`n`
    losses) and ``label_smoothing`` :math:`\varepsilon \in [0, 1]`, which mixes the
    label with the uniform distribution: the loss of example :math:`i` becomes
    :math:`(1 - \varepsilon)\, \ell_i + \frac{\varepsilon}{C} \sum_k
    \bigl(\log \sum_j e^{z_{ij}} - z_{ik}\bigr)`.

    >>> import numpy as np
    >>> round(cross_entropy(np.array([[1.0, 2.0, 3.0]]), np.array([2])), 4)
    0.4076
    >>> round(cross_entropy(np.array([[1000.0, -1000.0, 3000.0]]), np.array([0])), 4)
    2000.0
    """
    logits, labels = _logits_and_labels(logits, labels)
    _check_reduction(reduction)
    _check_label_smoothing(label_smoothing)
    n = logits.shape[0]
    log_probs = _log_softmax(logits)
    losses = -log_probs[np.arange(n), labels]
    if label_smoothing != 0:  # (1 - ε) loss_i - ε · mean_k log p_ik
        losses = (1 - label_smoothing) * losses - label_smoothing * log_probs.mean(axis=1)
    return _reduce(losses, reduction)


def cross_entropy_grad(logits, labels, reduction="mean", label_smoothing=0.0) -> np.ndarray:
    r"""Gradient of :func:`cross_entropy` with respect to the logits.

    .. math::
        \frac{\partial L}{\partial z_{ik}} = \frac{1}{n}
        \bigl( \operatorname{softmax}(z_i)_k - [k = y_i] \bigr)

    ("predicted probabilities minus one-hot labels", divided by the batch size). With
    label smoothing the one-hot labels become :math:`(1 - \varepsilon)[k = y_i] +
    \varepsilon / C`; with ``reduction="sum"`` (and ``"none"``, each row being the
    gradient of its own example's loss) nothing is divided by :math:`n`.

    >>> import numpy as np
    >>> np.round(cross_entropy_grad(np.array([[1.0, 2.0, 3.0]]), np.array([2])), 4)
    array([[ 0.09  ,  0.2447, -0.3348]])
    """
    logits, labels = _logits_and_labels(logits, labels)
    _check_reduction(reduction)
    _check_label_smoothing(label_smoothing)
    n, n_classes = logits.shape
    target = (1 - label_smoothing) * np.eye(n_classes)[labels] + label_smoothing / n_classes
    grad = softmax(logits) - target
    return grad / n if reduction == "mean" else grad


# ---------------------------------------------------------------------------
# binary cross-entropy on probabilities (torch's binary_cross_entropy)
# ---------------------------------------------------------------------------


def binary_cross_entropy(probs, targets, weight=None, reduction="mean"):
    r"""Binary cross-entropy of targets in [0, 1] under probabilities ``probs`` (torch's function).

    .. math::
        \ell_i = -w_i \bigl( y_i \log p_i + (1 - y_i) \log(1 - p_i) \bigr),

    each logarithm clamped at :math:`-100` as in
    ``torch.nn.functional.binary_cross_entropy``, reduced by ``reduction`` (``"mean"``,
    ``"sum"`` or ``"none"``); ``weight`` broadcasts to the shape of ``probs``. A model that
    outputs logits should use :func:`binary_cross_entropy_with_logits`, which never takes
    the logarithm of a rounded probability.

    >>> import numpy as np
    >>> p, y = np.array([0.8807970779778823, 0.2689414213699951]), np.array([1.0, 0.0])
    >>> round(binary_cross_entropy(p, y), 4)
    0.2201
    >>> binary_cross_entropy(np.array([0.0]), np.array([1.0]))  # log 0 clamped at -100
    100.0
    >>> binary_cross_entropy(np.array([1.5]), np.array([1.0]))
    Traceback (most recent call last):
    ...
    ValueError: probs must be probabilities in [0, 1], got 1.5
    """
    p, y = _logits_and_targets(probs, targets, name="probs")
    outside = ~((p >= 0) & (p <= 1))
    if np.any(outside):
        raise ValueError(f"probs must be probabilities in [0, 1], got {p[outside][0]}")
    _check_reduction(reduction)
    w = _weights("weight", weight, p.shape)
    with np.errstate(divide="ignore"):
        log_p, log_q = np.maximum(np.log(p), -100.0), np.maximum(np.log1p(-p), -100.0)
    return _reduce(np.broadcast_to(-w * (y * log_p + (1 - y) * log_q), p.shape), reduction)


# ---------------------------------------------------------------------------
# binary cross-entropy on logits, under torch's name
# ---------------------------------------------------------------------------


def _weights(name: str, value, shape) -> np.ndarray | float:
    if value is None:
        return 1.0
    value = _float_array(name, value)
    try:
        np.broadcast_shapes(value.shape, shape)
    except ValueError:
        raise ValueError(
            f"{name} must broadcast to the shape of logits, {shape}, got shape {value.shape}"
        ) from None
    return value


def binary_cross_entropy_with_logits(
    logits, targets, weight=None, reduction="mean", pos_weight=None
):
    r"""Binary cross-entropy of targets in [0, 1] under ``sigmoid(logits)`` (torch's function).

    The arguments are those of ``torch.nn.functional.binary_cross_entropy_with_logits``:
    with :math:`w_i` = ``weight`` and :math:`q` = ``pos_weight`` (the weight of the positive
    term, one per class along the last axis; both broadcast to the shape of ``logits``),

    .. math::
        \ell_i = w_i \bigl( (1 - y_i)\, z_i + (1 + (q - 1)\, y_i)\,
            \operatorname{softplus}(-z_i) \bigr),
        \qquad \operatorname{softplus}(-z) = \max(-z, 0) + \log(1 + e^{-|z|}),

    which is :math:`-w_i\,(q\, y_i \log p_i + (1 - y_i) \log(1 - p_i))` with
    :math:`p_i = \sigma(z_i)`, reduced by ``reduction`` (``"mean"``, ``"sum"`` or
    ``"none"``).

    >>> import numpy as np
    >>> z, y = np.array([2.0, -1.0]), np.array([1.0, 0.0])
    >>> round(binary_cross_entropy_with_logits(z, y), 4)
    0.2201
    >>> binary_cross_entropy_with_logits(z, y, reduction="none").round(4)
    array([0.1269, 0.3133])
    """
    z, y = _logits_and_targets(logits, targets)
    _check_reduction(reduction)
    w, q = _weights("weight", weight, z.shape), _weights("pos_weight", pos_weight, z.shape)
    softplus_minus_z = np.maximum(-z, 0.0) + np.log1p(np.exp(-np.abs(z)))
    losses = w * ((1 - y) * z + (1 + (q - 1) * y) * softplus_minus_z)
    return _reduce(np.broadcast_to(losses, z.shape), reduction)


def binary_cross_entropy_with_logits_grad(
    logits, targets, weight=None, reduction="mean", pos_weight=None
) -> np.ndarray:
    r"""Gradient of :func:`binary_cross_entropy_with_logits` with respect to the logits.

    .. math::
        \frac{\partial \ell_i}{\partial z_i} = w_i \bigl( (1 - y_i) - (1 + (q - 1)\, y_i)\,
            \sigma(-z_i) \bigr) \;=\; w_i\,(\sigma(z_i) - y_i) \text{ when } q = 1,

    divided by the number of elements for ``reduction="mean"``.

    >>> import numpy as np
    >>> z, y = np.array([2.0, -1.0]), np.array([1.0, 0.0])
    >>> binary_cross_entropy_with_logits_grad(z, y).round(4)
    array([-0.0596,  0.1345])
    """
    z, y = _logits_and_targets(logits, targets)
    _check_reduction(reduction)
    w, q = _weights("weight", weight, z.shape), _weights("pos_weight", pos_weight, z.shape)
    grad = np.broadcast_to(w * ((1 - y) - (1 + (q - 1) * y) * sigmoid(-z)), z.shape)
    return grad / z.size if reduction == "mean" else grad.copy()
