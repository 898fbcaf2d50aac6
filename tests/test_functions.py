"""dlopt.functions: values and analytic gradients against torch autograd, and the known minima."""

import numpy as np
import pytest
import torch

from dlopt.functions import Beale, DoubleWell, Himmelblau, Quadratic, Rosenbrock, Saddle

# Independent torch transcriptions of the formulas (x, y are tensors).
TORCH_FORMULAS = {
    "quadratic": lambda x, y: (x**2 + 10.0 * y**2) / 2,
    "quadratic_k3": lambda x, y: (x**2 + 3.0 * y**2) / 2,
    "rosenbrock": lambda x, y: (1 - x) ** 2 + 100 * (y - x**2) ** 2,
    "rosenbrock_a2b5": lambda x, y: (2 - x) ** 2 + 5 * (y - x**2) ** 2,
    "beale": lambda x, y: (
        (1.5 - x + x * y) ** 2 + (2.25 - x + x * y**2) ** 2 + (2.625 - x + x * y**3) ** 2
    ),
    "himmelblau": lambda x, y: (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2,
    "saddle": lambda x, y: x**2 + y**4 / 4 - y**2 / 2,
}
SURFACES = {
    "quadratic": Quadratic(),
    "quadratic_k3": Quadratic(condition=3.0),
    "rosenbrock": Rosenbrock(),
    "rosenbrock_a2b5": Rosenbrock(a=2.0, b=5.0),
    "beale": Beale(),
    "himmelblau": Himmelblau(),
    "saddle": Saddle(),
}


def torch_value_and_grad(formula, points):
    """Values and per-point gradients of ``formula`` at ``points`` of shape (..., 2)."""
    p = torch.tensor(points, dtype=torch.float64, requires_grad=True)
    values = formula(p[..., 0], p[..., 1])
    values.sum().backward()
    return values.detach().numpy(), p.grad.numpy()


@pytest.mark.parametrize("key", SURFACES)
def test_value_and_grad_match_autograd_at_random_points(key):
    f = SURFACES[key]
    (xmin, xmax), (ymin, ymax) = f.bounds
    rng = np.random.default_rng(len(key))
    points = np.stack([rng.uniform(xmin, xmax, 25), rng.uniform(ymin, ymax, 25)], axis=-1)
    values, grads = torch_value_and_grad(TORCH_FORMULAS[key], points)
    np.testing.assert_allclose(f.value(points), values, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(f.grad(points), grads, rtol=1e-12, atol=1e-10)


@pytest.mark.parametrize("key", SURFACES)
def test_vectorised_on_a_contour_grid(key):
    f = SURFACES[key]
    (xmin, xmax), (ymin, ymax) = f.bounds
    X, Y = np.meshgrid(np.linspace(xmin, xmax, 7), np.linspace(ymin, ymax, 5))
    grid = np.stack([X, Y], axis=-1)  # (5, 7, 2)
    values, grads = f.value(grid), f.grad(grid)
    assert values.shape == (5, 7) and grads.shape == (5, 7, 2)
    torch_values, torch_grads = torch_value_and_grad(TORCH_FORMULAS[key], grid)
    np.testing.assert_allclose(values, torch_values, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(grads, torch_grads, rtol=1e-12, atol=1e-10)
    # ... and agrees with the single-point call
    i, j = 3, 4
    assert f.value(grid[i, j]) == values[i, j]
    np.testing.assert_array_equal(f.grad(grid[i, j]), grads[i, j])


@pytest.mark.parametrize("key", SURFACES)
def test_minima_are_strict_local_minima(key):
    f = SURFACES[key]
    formula = TORCH_FORMULAS[key]
    assert f.minima.ndim == 2 and f.minima.shape[1] == 2
    np.testing.assert_array_equal(f.global_minimum, f.minima[0])
    best = min(f.value(m) for m in f.minima)
    for m in f.minima:
        np.testing.assert_allclose(f.grad(m), 0.0, atol=1e-9)
        hessian = torch.autograd.functional.hessian(
            lambda p: formula(p[0], p[1]), torch.tensor(m, dtype=torch.float64)
        ).numpy()
        assert np.all(np.linalg.eigvalsh(hessian) > 0)
    assert f.value(f.global_minimum) == pytest.approx(best, abs=1e-12)


@pytest.mark.parametrize("key", SURFACES)
def test_bounds_and_start(key):
    f = SURFACES[key]
    (xmin, xmax), (ymin, ymax) = f.bounds
    assert xmin < xmax and ymin < ymax
    for point in [*f.minima, f.start]:
        assert xmin <= point[0] <= xmax and ymin <= point[1] <= ymax
    assert f.start.dtype == float and f.start.shape == (2,)
    start = f.start
    start += 1.0  # a caller updating it in place does not change the surface
    assert not np.array_equal(start, f.start)
    assert isinstance(f.name, str) and f.name


def test_known_minima_exactly():
    np.testing.assert_array_equal(Rosenbrock().global_minimum, [1.0, 1.0])
    np.testing.assert_array_equal(Rosenbrock(a=-1.5, b=2.0).global_minimum, [-1.5, 2.25])
    np.testing.assert_array_equal(Beale().global_minimum, [3.0, 0.5])
    np.testing.assert_array_equal(Quadratic().global_minimum, [0.0, 0.0])
    np.testing.assert_array_equal(Saddle().minima, [[0.0, 1.0], [0.0, -1.0]])
    assert Saddle().value([0.0, 1.0]) == Saddle().value([0.0, -1.0]) == -0.25
    assert Beale().value([3.0, 0.5]) == Rosenbrock().value([1.0, 1.0]) == 0.0


def test_himmelblau_minima_to_high_precision():
    literature = np.array(
        [
            [3.0, 2.0],
            [3.584428340330492, -1.848126526964404],
            [-2.805118086952745, 3.131312518250573],
            [-3.779310253377747, -3.283185991286170],
        ]
    )
    f = Himmelblau()
    np.testing.assert_allclose(f.minima, literature, atol=1e-12)
    np.testing.assert_allclose(f.value(f.minima), 0.0, atol=1e-20)
    np.testing.assert_array_equal(f.global_minimum, [3.0, 2.0])


def test_quadratic_condition_number_is_the_hessian_ratio():
    f = Quadratic(condition=25.0)
    hessian = np.stack([f.grad([1.0, 0.0]), f.grad([0.0, 1.0])])  # f is quadratic
    eigenvalues = np.linalg.eigvalsh(hessian)
    assert eigenvalues.max() / eigenvalues.min() == pytest.approx(25.0)


def test_saddle_point_at_origin():
    f = Saddle()
    np.testing.assert_array_equal(f.grad(f.saddle_point), [0.0, 0.0])
    hessian = torch.autograd.functional.hessian(
        lambda p: TORCH_FORMULAS["saddle"](p[0], p[1]), torch.zeros(2, dtype=torch.float64)
    ).numpy()
    np.testing.assert_allclose(np.linalg.eigvalsh(hessian), [-1.0, 2.0])


def test_single_point_gives_float():
    for f in SURFACES.values():
        assert type(f.value([0.5, -0.5])) is float
        assert type(f([0.5, -0.5])) is float
    assert Rosenbrock().value(np.array([[0.5, -0.5]])).shape == (1,)


# ---------------------------------------------------------------------------
# DoubleWell
# ---------------------------------------------------------------------------


def test_double_well_matches_autograd_elementwise():
    f = DoubleWell()
    x = np.linspace(-2.0, 2.0, 12).reshape(3, 4)
    xt = torch.tensor(x, requires_grad=True)
    values = xt**4 - 3 * xt**2 + xt
    values.sum().backward()
    np.testing.assert_allclose(f.value(x), values.detach().numpy(), rtol=1e-13, atol=1e-13)
    np.testing.assert_allclose(f.grad(x), xt.grad.numpy(), rtol=1e-13, atol=1e-13)
    assert type(f.value(1.5)) is float and type(f.grad(1.5)) is float


def test_double_well_minima():
    f = DoubleWell()
    global_min, local_min = f.minima
    assert f.minima.shape == (2,)
    assert global_min == pytest.approx(-1.30084, abs=1e-5)
    assert local_min == pytest.approx(1.13090, abs=1e-5)
    assert f.global_minimum == global_min
    assert f.value(global_min) < f.value(local_min)
    np.testing.assert_allclose(f.grad(f.minima), 0.0, atol=1e-12)
    assert np.all(12 * f.minima**2 - 6 > 0)  # f'' > 0
    xmin, xmax = f.bounds
    assert xmin < global_min < local_min < xmax
    assert xmin <= f.start <= xmax and f.start.dtype == float


# ---------------------------------------------------------------------------
# bad input
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("f", [Quadratic(), Rosenbrock(), Beale(), Himmelblau(), Saddle()])
@pytest.mark.parametrize("bad", [1.0, [1.0, 2.0, 3.0], np.zeros((2, 3)), np.zeros(0)])
def test_bad_point_shape(f, bad):
    with pytest.raises(ValueError, match=r"p must have shape \(\.\.\., 2\).*got shape"):
        f.value(bad)
    with pytest.raises(ValueError, match=r"p must have shape \(\.\.\., 2\)"):
        f.grad(bad)


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: Rosenbrock().value(["a", "b"]), r"p must be an array of real numbers"),
        (lambda: DoubleWell().grad("x"), r"x must be a real number"),
        (lambda: Quadratic(condition=0.5), r"condition must be >= 1\.0, got 0\.5"),
        (lambda: Quadratic(condition=float("inf")), r"condition must be a finite real number"),
        (lambda: Quadratic(condition="10"), r"condition must be a finite real number"),
        (lambda: Rosenbrock(b=0.0), r"b must be > 0\.0, got 0\.0"),
        (lambda: Rosenbrock(a=float("nan")), r"a must be a finite real number"),
    ],
)
def test_bad_arguments(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_repr():
    assert repr(Quadratic(condition=4.0)) == "Quadratic(condition=4.0)"
    assert repr(Rosenbrock()) == "Rosenbrock(a=1.0, b=100.0)"
    assert repr(DoubleWell()) == "DoubleWell()"
