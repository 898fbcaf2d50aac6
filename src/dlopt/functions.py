r"""Test functions the book draws and optimizes: five 2-D surfaces and one 1-D function.

Every surface has

* ``value(p)`` and ``grad(p)`` for points ``p`` of shape ``(..., 2)``: a single point
  ``[x, y]`` or any stack of points, e.g. a contour grid ``np.stack([X, Y], axis=-1)``.
  For a single point ``value`` returns a Python ``float``; otherwise an array of shape
  ``p.shape[:-1]``. ``grad`` always returns an array of the same shape as ``p``.
  Gradients are analytic (written out by hand), not finite differences;
* ``name``, ``minima`` (array ``(k, 2)``, global minimum first), ``global_minimum``,
  ``bounds = ((xmin, xmax), (ymin, ymax))`` (a good plotting window) and ``start``
  (a good starting point for demos).

:class:`DoubleWell` is the 1-D exception: it works elementwise on arrays of any
shape, ``minima`` has shape ``(k,)`` and ``bounds = (xmin, xmax)``.

>>> import numpy as np
>>> f = Rosenbrock()
>>> f.value([1.0, 1.0]), f.grad([1.0, 1.0]).tolist()
(0.0, [0.0, 0.0])
>>> X, Y = np.meshgrid(np.linspace(-2, 2, 5), np.linspace(-1, 3, 4))
>>> f.value(np.stack([X, Y], axis=-1)).shape
(4, 5)
"""

from __future__ import annotations

import numbers

import numpy as np

__all__ = [
    "Surface",
    "Quadratic",
    "Rosenbrock",
    "Beale",
    "Himmelblau",
    "Saddle",
    "DoubleWell",
]


def _points(p, dim_name: str = "p") -> np.ndarray:
    """Return ``p`` as a float array of shape (..., 2), or raise ValueError."""
    try:
        p = np.asarray(p, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{dim_name} must be an array of real numbers, got {p!r}") from None
    if p.ndim == 0 or p.shape[-1] != 2:
        raise ValueError(
            f"{dim_name} must have shape (..., 2): one point [x, y] or a stack of points "
            f"(e.g. np.stack([X, Y], axis=-1)), got shape {p.shape}"
        )
    return p


def _real_number(name: str, value, *, minimum: float | None = None, strict: bool = False) -> float:
    """Check that ``value`` is a finite real number (optionally > or >= ``minimum``)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not np.isfinite(value):
        raise ValueError(f"{name} must be a finite real number, got {value!r}")
    if minimum is not None:
        if strict and not value > minimum:
            raise ValueError(f"{name} must be > {minimum}, got {value!r}")
        if not strict and not value >= minimum:
            raise ValueError(f"{name} must be >= {minimum}, got {value!r}")
    return float(value)


class Surface:
    r"""Base class of the 2-D test surfaces :math:`f:\mathbb{R}^2 \to \mathbb{R}`.

    A subclass writes the formula once, in ``_f(x, y)`` and ``_df(x, y)`` (returning
    :math:`(\partial f/\partial x, \partial f/\partial y)`), for arrays ``x`` and ``y``
    of any (equal) shape; this class handles the point shapes.

    >>> import numpy as np
    >>> f = Quadratic(condition=4.0)
    >>> f.value(np.array([[1.0, 1.0], [2.0, 0.0]])).tolist()
    [2.5, 2.0]
    >>> f.grad(np.array([1.0, 1.0])).tolist()
    [1.0, 4.0]
    """

    name: str = "surface"
    _minima: np.ndarray
    _bounds: tuple[tuple[float, float], tuple[float, float]]
    _start: np.ndarray

    def _f(self, x, y):  # written by each subclass
        raise NotImplementedError

    def _df(self, x, y):  # written by each subclass
        raise NotImplementedError

    def value(self, p):
        """f(p) for ``p`` of shape (..., 2); a ``float`` for one point, else an array."""
        p = _points(p)
        f = self._f(p[..., 0], p[..., 1])
        return float(f) if p.ndim == 1 else np.asarray(f, dtype=float)

    def grad(self, p) -> np.ndarray:
        """The gradient ``[df/dx, df/dy]`` at ``p``, an array of the same shape as ``p``."""
        p = _points(p)
        dfdx, dfdy = self._df(p[..., 0], p[..., 1])
        return np.stack([dfdx, dfdy], axis=-1).astype(float)

    def __call__(self, p):
        """Same as :meth:`value`."""
        return self.value(p)

    @property
    def minima(self) -> np.ndarray:
        """All local minima, shape (k, 2), the global one first (a fresh copy)."""
        return self._minima.copy()

    @property
    def global_minimum(self) -> np.ndarray:
        """The global minimum, shape (2,) (a fresh copy)."""
        return self._minima[0].copy()

    @property
    def bounds(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """A good plotting window ``((xmin, xmax), (ymin, ymax))``."""
        return self._bounds

    @property
    def start(self) -> np.ndarray:
        """A good starting point for demos, shape (2,) (a fresh copy, safe to update in place)."""
        return self._start.copy()

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class Quadratic(Surface):
    r"""An elongated bowl whose Hessian has condition number ``condition``.

    .. math::
        f(x, y) = \tfrac12 \bigl( x^2 + \kappa\, y^2 \bigr), \qquad
        \nabla f = (x,\ \kappa y), \qquad
        \nabla^2 f = \operatorname{diag}(1, \kappa)

    with :math:`\kappa` = ``condition`` :math:`\ge 1`. The minimum is the origin.
    Gradient descent converges for learning rates below :math:`2/\kappa` and zig-zags
    along :math:`y` when :math:`\kappa` is large.

    >>> f = Quadratic(condition=10.0)
    >>> f.value([1.0, 1.0]), f.grad([1.0, 1.0]).tolist()
    (5.5, [1.0, 10.0])
    >>> f.global_minimum.tolist()
    [0.0, 0.0]
    """

    def __init__(self, condition: float = 10.0):
        self.condition = _real_number("condition", condition, minimum=1.0)
        self.name = f"Quadratic (condition {self.condition:g})"
        self._minima = np.array([[0.0, 0.0]])
        self._bounds = ((-5.0, 5.0), (-3.0, 3.0))
        self._start = np.array([-4.0, 2.0])

    def _f(self, x, y):
        return 0.5 * (x**2 + self.condition * y**2)

    def _df(self, x, y):
        return x, self.condition * y

    def __repr__(self) -> str:
        return f"Quadratic(condition={self.condition!r})"


class Rosenbrock(Surface):
    r"""Rosenbrock's banana valley: easy to find, slow to follow.

    .. math::
        f(x, y) = (a - x)^2 + b\,(y - x^2)^2

    .. math::
        \frac{\partial f}{\partial x} = -2(a - x) - 4 b x (y - x^2), \qquad
        \frac{\partial f}{\partial y} = 2 b (y - x^2)

    The only minimum is :math:`(a, a^2)` with :math:`f = 0`. ``b`` must be > 0.
    The classic start is :math:`(-1.2, 1)` (Rosenbrock, 1960).

    >>> f = Rosenbrock()
    >>> f.global_minimum.tolist(), f.value([-1.2, 1.0])
    ([1.0, 1.0], 24.2)
    >>> f.grad([-1.2, 1.0]).round(4).tolist()
    [-215.6, -88.0]
    """

    def __init__(self, a: float = 1.0, b: float = 100.0):
        self.a = _real_number("a", a)
        self.b = _real_number("b", b, minimum=0.0, strict=True)
        self.name = "Rosenbrock"
        self._minima = np.array([[self.a, self.a**2]])
        reach = max(2.0, abs(self.a) + 1.0)
        self._bounds = ((-reach, reach), (-1.0, max(3.0, self.a**2 + 1.0)))
        self._start = np.array([-1.2, 1.0])

    def _f(self, x, y):
        a, b = self.a, self.b
        return (a - x) ** 2 + b * (y - x**2) ** 2

    def _df(self, x, y):
        a, b = self.a, self.b
        return -2 * (a - x) - 4 * b * x * (y - x**2), 2 * b * (y - x**2)

    def __repr__(self) -> str:
        return f"Rosenbrock(a={self.a!r}, b={self.b!r})"


class Beale(Surface):
    r"""Beale's function: flat plateaus and sharp ridges around one minimum at (3, 0.5).

    .. math::
        f(x, y) = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2

    With :math:`r_k = c_k - x + x y^k` (:math:`c = 1.5, 2.25, 2.625`):

    .. math::
        \frac{\partial f}{\partial x} = \sum_{k=1}^{3} 2 r_k (y^k - 1), \qquad
        \frac{\partial f}{\partial y} = \sum_{k=1}^{3} 2 r_k\, k x y^{k-1}

    >>> f = Beale()
    >>> f.value([3.0, 0.5]), f.grad([3.0, 0.5]).tolist()
    (0.0, [0.0, 0.0])
    >>> round(f.value([1.0, 1.5]), 4)
    41.25
    """

    _c = (1.5, 2.25, 2.625)

    def __init__(self):
        self.name = "Beale"
        self._minima = np.array([[3.0, 0.5]])
        self._bounds = ((-4.5, 4.5), (-4.5, 4.5))
        self._start = np.array([1.0, 1.5])

    def _f(self, x, y):
        return sum((c - x + x * y**k) ** 2 for k, c in enumerate(self._c, start=1))

    def _df(self, x, y):
        residuals = [(k, c - x + x * y**k) for k, c in enumerate(self._c, start=1)]
        dfdx = sum(2 * r * (y**k - 1) for k, r in residuals)
        dfdy = sum(2 * r * k * x * y ** (k - 1) for k, r in residuals)
        return dfdx, dfdy


class Himmelblau(Surface):
    r"""Himmelblau's function: four global minima (all with :math:`f = 0`).

    .. math::
        f(x, y) = (x^2 + y - 11)^2 + (x + y^2 - 7)^2

    .. math::
        \frac{\partial f}{\partial x} = 4x(x^2 + y - 11) + 2(x + y^2 - 7), \qquad
        \frac{\partial f}{\partial y} = 2(x^2 + y - 11) + 4y(x + y^2 - 7)

    The minima are where both squares vanish: :math:`y = 11 - x^2` and
    :math:`x + (11 - x^2)^2 - 7 = 0`, i.e. the four real roots of
    :math:`x^4 - 22x^2 + x + 114 = 0`. They are computed from this polynomial
    (plus one Newton step), so they are exact to machine precision;
    :math:`(3, 2)` is listed first, the others follow by their distance from :math:`x = 3`.

    >>> f = Himmelblau()
    >>> f.minima.round(6).tolist()
    [[3.0, 2.0], [3.584428, -1.848127], [-2.805118, 3.131313], [-3.77931, -3.283186]]
    >>> f.value([0.0, 0.0])
    170.0
    """

    def __init__(self):
        self.name = "Himmelblau"
        quartic = np.polynomial.Polynomial([114.0, 1.0, -22.0, 0.0, 1.0])  # 114 + x - 22x^2 + x^4
        x = quartic.roots().real  # all four roots are real
        x = x - quartic(x) / quartic.deriv()(x)  # one Newton step polishes the last digits
        x = x[np.argsort(np.abs(x - 3.0))]  # (3, 2) first, then by distance from x = 3
        self._minima = np.stack([x, 11.0 - x**2], axis=-1)
        self._bounds = ((-5.0, 5.0), (-5.0, 5.0))
        self._start = np.array([0.0, 0.0])

    def _f(self, x, y):
        return (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2

    def _df(self, x, y):
        u, v = x**2 + y - 11, x + y**2 - 7
        return 4 * x * u + 2 * v, 2 * u + 4 * y * v


class Saddle(Surface):
    r"""A saddle point at the origin between two minima at :math:`(0, \pm 1)`.

    .. math::
        f(x, y) = x^2 + \tfrac14 y^4 - \tfrac12 y^2, \qquad
        \nabla f = (2x,\ y^3 - y)

    The Hessian at the origin is :math:`\operatorname{diag}(2, -1)`: curving up along
    :math:`x`, down along :math:`y`. Both minima have :math:`f = -1/4`; ``(0, 1)`` is
    listed first (it is the one reached from the default ``start``, slightly above
    the :math:`x`-axis, where plain gradient descent lingers near the saddle).
    ``saddle_point`` is the origin.

    >>> f = Saddle()
    >>> f.minima.tolist(), f.value([0.0, 1.0])
    ([[0.0, 1.0], [0.0, -1.0]], -0.25)
    >>> f.grad([1.0, 2.0]).tolist()
    [2.0, 6.0]
    """

    def __init__(self):
        self.name = "Saddle"
        self._minima = np.array([[0.0, 1.0], [0.0, -1.0]])
        self._bounds = ((-2.0, 2.0), (-2.0, 2.0))
        self._start = np.array([-1.5, 0.01])

    @property
    def saddle_point(self) -> np.ndarray:
        """The saddle point (0, 0)."""
        return np.array([0.0, 0.0])

    def _f(self, x, y):
        return x**2 + y**4 / 4 - y**2 / 2

    def _df(self, x, y):
        return 2 * x, y**3 - y


class DoubleWell:
    r"""A 1-D non-convex function with a global and a local minimum.

    .. math::
        f(x) = x^4 - 3x^2 + x, \qquad f'(x) = 4x^3 - 6x + 1, \qquad f''(x) = 12x^2 - 6

    The stationary points are the three real roots of :math:`f'`; the two with
    :math:`f'' > 0` are minima, sorted by value: the global one near :math:`-1.30`
    first, the local one near :math:`1.13` second. Works elementwise on ``x`` of any
    shape; a scalar ``x`` gives a ``float``. ``start`` is in the basin of the *local*
    minimum, which is what plain gradient descent finds from there.

    >>> f = DoubleWell()
    >>> f.minima.round(4).tolist()
    [-1.3008, 1.1309]
    >>> f.value(2.0), f.grad(2.0)
    (6.0, 21.0)
    >>> f.grad(f.minima).round(12).tolist()
    [0.0, 0.0]
    """

    def __init__(self):
        self.name = "Double well"
        roots = np.roots([4.0, 0.0, -6.0, 1.0]).real  # f'(x) = 4x^3 - 6x + 1: three real roots
        minima = roots[12 * roots**2 - 6 > 0]  # f''(x) > 0
        self._minima = minima[np.argsort(self._f(minima))]
        self._bounds = (-2.0, 2.0)
        self._start = np.array(2.0)

    @staticmethod
    def _as_float(x) -> np.ndarray:
        try:
            return np.asarray(x, dtype=float)
        except (TypeError, ValueError):
            raise ValueError(f"x must be a real number or an array of them, got {x!r}") from None

    @staticmethod
    def _f(x):
        return x**4 - 3 * x**2 + x

    def value(self, x):
        """f(x), elementwise; a ``float`` for a scalar ``x``."""
        x = self._as_float(x)
        f = self._f(x)
        return float(f) if x.ndim == 0 else f

    def grad(self, x):
        """f'(x), elementwise; a ``float`` for a scalar ``x``, else an array like ``x``."""
        x = self._as_float(x)
        df = 4 * x**3 - 6 * x + 1
        return float(df) if x.ndim == 0 else df

    def __call__(self, x):
        """Same as :meth:`value`."""
        return self.value(x)

    @property
    def minima(self) -> np.ndarray:
        """The two minima, shape (2,), the global one first (a fresh copy)."""
        return self._minima.copy()

    @property
    def global_minimum(self) -> float:
        """The global minimum (near -1.30)."""
        return float(self._minima[0])

    @property
    def bounds(self) -> tuple[float, float]:
        """A good plotting window ``(xmin, xmax)``."""
        return self._bounds

    @property
    def start(self) -> np.ndarray:
        """A good starting point for demos, a 0-d float array (a fresh copy)."""
        return self._start.copy()

    def __repr__(self) -> str:
        return "DoubleWell()"
