"""Small validation helpers shared by the whole package.

Every helper raises :class:`ValueError` with a message that names the argument,
shows the value received and says what is allowed, e.g.
``"lr must be a non-negative number, got -0.1"``. Nothing is ever silently fixed:
a helper either returns its input (as a plain Python value where noted) or raises.

>>> check_non_negative("lr", 0.1)
0.1
>>> check_non_negative("lr", -0.1)
Traceback (most recent call last):
...
ValueError: lr must be a non-negative number, got -0.1
"""

from __future__ import annotations

import math
from numbers import Real

import numpy as np


def _is_real(value) -> bool:
    """True for an int or float (or a numpy scalar of those kinds) that a float can hold.

    False for bool, NaN, other kinds of number (``fractions.Fraction``, ``decimal.Decimal``:
    numpy cannot compute with them) and integers too large for a float (``10**400``).
    """
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | float | np.number):
        return False
    if not isinstance(value, Real):  # complex numbers
        return False
    try:
        return not math.isnan(float(value))
    except OverflowError:
        return False


def _show(value) -> str:
    """``repr(value)``, shortened when it is very long (an integer such as ``10**400``)."""
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:12]}...({len(text)} characters)"


def check_real(name: str, value):
    """Return ``value`` if it is a real number (not bool, not NaN), else raise.

    >>> check_real("dampening", 0.5)
    0.5
    >>> check_real("dampening", "0.5")
    Traceback (most recent call last):
    ...
    ValueError: dampening must be a real number, got '0.5'
    >>> from fractions import Fraction
    >>> check_real("dampening", Fraction(1, 2))
    Traceback (most recent call last):
    ...
    ValueError: dampening must be a real number, got Fraction(1, 2)
    """
    if not _is_real(value):
        raise ValueError(f"{name} must be a real number, got {_show(value)}")
    return value


def check_non_negative(name: str, value):
    """Return ``value`` if it is a real number :math:`\\ge 0`, else raise.

    >>> check_non_negative("eps", 1e-8)
    1e-08
    >>> check_non_negative("eps", float("nan"))
    Traceback (most recent call last):
    ...
    ValueError: eps must be a non-negative number, got nan
    """
    if not (_is_real(value) and value >= 0):
        raise ValueError(f"{name} must be a non-negative number, got {_show(value)}")
    return value


def check_in_range(
    name: str, value, lo: float, hi: float, *, lo_closed: bool = True, hi_closed: bool = False
):
    """Return ``value`` if it lies in the interval from ``lo`` to ``hi``, else raise.

    ``lo_closed`` / ``hi_closed`` say whether the end points are allowed; the
    default is the half-open interval :math:`[lo, hi)`.

    >>> check_in_range("beta", 0.9, 0, 1)
    0.9
    >>> check_in_range("beta", 1.0, 0, 1)
    Traceback (most recent call last):
    ...
    ValueError: beta must be a number in [0, 1), got 1.0
    """
    real = _is_real(value)
    above = real and (value >= lo if lo_closed else value > lo)
    below = real and (value <= hi if hi_closed else value < hi)
    if not (above and below):
        interval = f"{'[' if lo_closed else '('}{lo}, {hi}{']' if hi_closed else ')'}"
        raise ValueError(f"{name} must be a number in {interval}, got {_show(value)}")
    return value


def check_bool(name: str, value):
    """Return ``value`` if it is ``True`` or ``False``, else raise.

    >>> check_bool("nesterov", 1)
    Traceback (most recent call last):
    ...
    ValueError: nesterov must be True or False, got 1
    """
    if not isinstance(value, bool | np.bool_):
        raise ValueError(f"{name} must be True or False, got {_show(value)}")
    return value


def check_betas(betas, name: str = "betas"):
    """Return ``betas`` if it is a pair :math:`(\\beta_1, \\beta_2)` with both in :math:`[0, 1)`.

    >>> check_betas((0.9, 0.999))
    (0.9, 0.999)
    >>> check_betas((0.9, 1.0))
    Traceback (most recent call last):
    ...
    ValueError: betas[1] must be a number in [0, 1), got 1.0
    """
    if not isinstance(betas, tuple | list) or len(betas) != 2:
        raise ValueError(f"{name} must be a pair (beta1, beta2), got {betas!r}")
    for i, beta in enumerate(betas):
        check_in_range(f"{name}[{i}]", beta, 0, 1)
    return betas


def check_positive_int(name: str, value):
    """Return ``value`` if it is an integer :math:`\\ge 1` (not bool), else raise.

    >>> check_positive_int("step_size", 0)
    Traceback (most recent call last):
    ...
    ValueError: step_size must be a positive integer, got 0
    """
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | np.integer) or value < 1:
        raise ValueError(f"{name} must be a positive integer, got {_show(value)}")
    return value


def as_param_list(params, name: str = "params") -> tuple[list[np.ndarray], bool]:
    """Return ``(list of arrays, single)`` for one float array or a list/tuple of them.

    ``single`` is ``True`` when ``params`` was one array. Parameters are updated in
    place, so each must be a writeable ``numpy.ndarray`` of a floating dtype, and no
    array may appear twice.

    >>> arrays, single = as_param_list(np.zeros(3))
    >>> len(arrays), single
    (1, True)
    >>> as_param_list([np.zeros(3), np.arange(2)])
    Traceback (most recent call last):
    ...
    ValueError: params[1] must be a float array, got an array of dtype int64
    """
    single = isinstance(params, np.ndarray)
    if single:
        arrays = [params]
    elif isinstance(params, list | tuple):
        arrays = list(params)
    else:
        kind = type(params).__name__
        raise ValueError(f"{name} must be a float numpy array or a list/tuple of them, got {kind}")
    if not arrays:
        kind = type(params).__name__
        raise ValueError(f"{name} must contain at least one array, got an empty {kind}")
    for i, p in enumerate(arrays):
        where = name if single else f"{name}[{i}]"
        if not isinstance(p, np.ndarray):
            raise ValueError(f"{where} must be a float numpy array, got {type(p).__name__}")
        if not np.issubdtype(p.dtype, np.floating):
            raise ValueError(f"{where} must be a float array, got an array of dtype {p.dtype}")
        if not p.flags.writeable:
            raise ValueError(f"{where} must be writeable (it is updated in place), got read-only")
    if len({id(p) for p in arrays}) != len(arrays):
        raise ValueError(f"{name} must not contain the same array twice")
    return arrays, single


def check_same_shapes(params: list[np.ndarray], grads, single: bool = False) -> list[np.ndarray]:
    """Return ``grads`` as a list of arrays of the parameters' dtypes, checking every shape.

    ``grads`` must have the structure of the parameters: one array-like when
    ``single``, otherwise a list/tuple of the same length, each gradient with the
    shape of its parameter and a real (integer or float) dtype. A gradient may be
    ``None`` ("no gradient for this parameter at this step"); it stays ``None``.

    >>> grads = check_same_shapes([np.zeros(2, dtype=np.float32)], [[1, 2]])
    >>> grads[0].dtype
    dtype('float32')
    >>> check_same_shapes([np.zeros(2)], [np.zeros(3)])
    Traceback (most recent call last):
    ...
    ValueError: grads[0] must have the shape of params[0], (2,), got shape (3,)
    """
    if single:
        grads = [grads]
    elif not isinstance(grads, list | tuple) or len(grads) != len(params):
        got = f"{len(grads)} arrays" if isinstance(grads, list | tuple) else type(grads).__name__
        raise ValueError(f"grads must be a list/tuple of {len(params)} arrays, got {got}")
    out = []
    for i, (p, g) in enumerate(zip(params, grads, strict=True)):
        where, of = ("grads", "params") if single else (f"grads[{i}]", f"params[{i}]")
        if g is None:
            out.append(None)
            continue
        try:
            g = np.asarray(g)
        except (TypeError, ValueError):
            raise ValueError(f"{where} must be an array of shape {p.shape}, got {g!r}") from None
        if g.dtype.kind not in "iuf":
            raise ValueError(f"{where} must be a real numeric array, got dtype {g.dtype}")
        if g.shape != p.shape:
            raise ValueError(f"{where} must have the shape of {of}, {p.shape}, got shape {g.shape}")
        out.append(g.astype(p.dtype, copy=False))
    return out
