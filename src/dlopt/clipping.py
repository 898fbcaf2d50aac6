r"""Gradient clipping, as :func:`torch.nn.utils.clip_grad_norm_` and ``clip_grad_value_`` do it.

Both change the gradients **in place** (they must be writeable float arrays), between
computing them and handing them to ``opt.step``:

>>> import numpy as np
>>> grads = [np.array([3.0, 0.0]), np.array([[0.0, 4.0]])]   # total norm 5
>>> clip_grad_norm(grads, max_norm=1.0)
5.0
>>> [g.round(4).tolist() for g in grads]
[[0.6, 0.0], [[0.0, 0.8]]]
"""

from __future__ import annotations

import math

import numpy as np

from dlopt._checks import _show, check_non_negative, check_real

__all__ = ["clip_grad_norm", "clip_grad_value"]


def _grad_list(grads) -> list[np.ndarray]:
    """One float array or a list/tuple of them (``None`` entries are left out, as in torch)."""
    arrays = [grads] if isinstance(grads, np.ndarray) else grads
    if not isinstance(arrays, list | tuple):
        raise ValueError(f"grads must be a float array or a list/tuple of them, got {grads!r}")
    out = []
    for i, g in enumerate(arrays):
        if g is None:
            continue
        if not isinstance(g, np.ndarray) or not np.issubdtype(g.dtype, np.floating):
            raise ValueError(
                f"grads[{i}] must be a float numpy array (clipped in place), got {g!r}"
            )
        if not g.flags.writeable:
            raise ValueError(
                f"grads[{i}] must be writeable (it is clipped in place), got read-only"
            )
        out.append(g)
    return out


def clip_grad_norm(grads, max_norm, norm_type=2.0) -> float:
    r"""Scale the gradients so that their total norm is at most ``max_norm``; return that norm.

    The total norm is the :math:`p`-norm (``norm_type``; ``inf`` is the largest absolute
    value) of all gradients together, i.e. of the vector of their norms:

    .. math::

        N = \Bigl\| \bigl(\|g_1\|_p, \dots, \|g_k\|_p\bigr) \Bigr\|_p, \qquad
        g_i \leftarrow g_i \cdot \min\Bigl(1, \frac{c}{N + 10^{-6}}\Bigr)

    with :math:`c` = ``max_norm``, exactly as :func:`torch.nn.utils.clip_grad_norm_`
    (which also multiplies when the factor is 1). The returned :math:`N` is the norm
    *before* clipping; a non-finite norm is returned as it is (the gradients then become
    NaN, as in torch with ``error_if_nonfinite=False``).

    >>> g = np.array([-3.0, 1.0, 2.0])
    >>> clip_grad_norm(g, 1.0, norm_type=float("inf")), g.round(4).tolist()
    (3.0, [-1.0, 0.3333, 0.6667])
    """
    check_non_negative("max_norm", max_norm)
    check_real("norm_type", norm_type)
    if not norm_type > 0:
        raise ValueError(f"norm_type must be a positive number or inf, got {_show(norm_type)}")
    arrays = _grad_list(grads)
    if not arrays:
        return 0.0
    p = float(norm_type)
    if math.isinf(p):
        norms = [np.max(np.abs(g)) if g.size else 0.0 for g in arrays]
        total = float(np.max(norms))
    else:
        norms = [np.linalg.vector_norm(g.ravel(), ord=p) for g in arrays]
        total = float(np.linalg.vector_norm(np.array(norms, dtype=np.float64), ord=p))
    factor = min(1.0, max_norm / (total + 1e-6))
    with np.errstate(invalid="ignore"):  # inf * 0 is NaN, as in torch
        for g in arrays:
            g *= factor
    return total


def clip_grad_value(grads, clip_value) -> None:
    r"""Clip every gradient entry to :math:`[-c, c]` in place, as ``clip_grad_value_`` does.

    >>> g = np.array([-3.0, 0.5, 2.0])
    >>> clip_grad_value(g, 1.0)
    >>> g.tolist()
    [-1.0, 0.5, 1.0]
    """
    check_non_negative("clip_value", clip_value)
    for g in _grad_list(grads):
        np.clip(g, -clip_value, clip_value, out=g)
