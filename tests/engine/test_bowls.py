"""Quadratic bowls f = ½ xᵀ A x (``surfaces.rotated_bowl``, ``surfaces.quadratic``) and the test for
"is this surface quadratic" (``surfaces.constant_hessian``)."""

from __future__ import annotations

import math
import pickle

import numpy as np
import pytest

import surfaces
from surfaces.bowls import rotation

RNG = np.random.default_rng(7)
POINTS = RNG.uniform(-12.0, 12.0, size=(40, 2))


@pytest.mark.parametrize("degrees", [0.0, 17.0, 30.0, 45.0, 90.0, 135.0, -60.0])
@pytest.mark.parametrize("lams", [(0.1, 2.0), (0.02, 2.0), (1.0, 1.0), (0.5, 3.0)])
def test_rotated_bowl_hessian_is_r_diag_rt(degrees, lams):
    bowl = surfaces.rotated_bowl(*lams, degrees=degrees)
    t = math.radians(degrees)
    r = np.array([[math.cos(t), -math.sin(t)], [math.sin(t), math.cos(t)]])
    expected = r @ np.diag(lams) @ r.T
    hess = bowl.hess(POINTS)
    assert hess.shape == (40, 2, 2)
    np.testing.assert_allclose(hess, np.broadcast_to(expected, hess.shape), rtol=0, atol=1e-15)
    assert np.array_equal(hess, np.swapaxes(hess, -1, -2))  # symmetric to the bit
    np.testing.assert_allclose(bowl.eigenvalues, sorted(lams), rtol=1e-13)
    if lams[0] < lams[1]:  # λmin's eigenvector points along θ (up to sign)
        v = bowl.eigenvectors[:, 0]
        assert abs(abs(v @ np.array([math.cos(t), math.sin(t)])) - 1.0) < 1e-12
    assert bowl.condition_number == pytest.approx(lams[1] / lams[0], rel=1e-12)


@pytest.mark.parametrize("degrees", [0.0, 30.0, 45.0])
def test_value_and_gradient_are_the_quadratic_form(degrees):
    bowl = surfaces.rotated_bowl(0.1, 2.0, degrees)
    a = rotation(degrees) @ np.diag([0.1, 2.0]) @ rotation(degrees).T
    np.testing.assert_allclose(bowl.value(POINTS), 0.5 * np.einsum("ni,ij,nj->n", POINTS, a, POINTS), rtol=1e-13)
    np.testing.assert_allclose(bowl.grad(POINTS), POINTS @ a.T, rtol=1e-13, atol=1e-14)
    step = 1e-5  # central differences of the value: exact for a quadratic up to rounding
    for axis in range(2):
        e = np.zeros(2)
        e[axis] = step
        diff = (bowl.value(POINTS + e) - bowl.value(POINTS - e)) / (2 * step)
        np.testing.assert_allclose(bowl.grad(POINTS)[:, axis], diff, rtol=1e-7, atol=1e-7)
    grid = np.zeros((3, 4, 2))
    assert bowl.value(grid).shape == (3, 4) and bowl.hess(grid).shape == (3, 4, 2, 2)


def test_unturned_bowl_is_the_registered_anisotropic_one():
    bowl, valley = surfaces.rotated_bowl(0.1, 2.0), surfaces.get("anisotropic")
    np.testing.assert_allclose(bowl.value(POINTS), valley.value(POINTS), rtol=1e-15)
    np.testing.assert_allclose(bowl.grad(POINTS), valley.grad(POINTS), rtol=1e-15)
    # bit for bit on any machine: R(0) is the identity (cos 0 = 1, sin 0 = 0 in any C library), and R diag Rᵀ only
    # multiplies by 1 and 0 and adds zeros, exact with or without FMA in the BLAS kernel
    np.testing.assert_array_equal(bowl.hess(POINTS), valley.hess(POINTS))
    assert bowl.starts == ((-7.0, 2.0),)


def test_start_turns_with_the_bowl_and_latex_matches_the_value():
    bowl = surfaces.rotated_bowl(0.1, 2.0, 90.0)
    np.testing.assert_allclose(bowl.starts[0], (-2.0, -7.0), atol=1e-14)
    turned = surfaces.rotated_bowl(0.1, 2.0, 30.0)
    a = turned.matrix  # the LaTeX prints ½(a x² + 2b xy + c y²) with A's entries to 4 digits
    assert f"{a[0, 0]:.4g}" in turned.latex and f"{abs(2 * a[0, 1]):.4g}" in turned.latex
    assert f"{a[1, 1]:.4g}" in turned.latex and r"\tfrac{1}{2}" in turned.latex


def test_same_parameters_same_object_and_pickle():
    bowl = surfaces.rotated_bowl(0.05, 2.0, 20.0)
    assert surfaces.rotated_bowl(0.05, 2.0, 20.0) is bowl
    back = pickle.loads(pickle.dumps(bowl))
    assert back is bowl
    free = surfaces.quadratic([[2.0, 1.0], [1.0, 3.0]], window=(-4, 4))
    again = pickle.loads(pickle.dumps(free))
    np.testing.assert_array_equal(again.matrix, free.matrix)
    assert again.window == free.window
    assert not bowl.matrix.flags.writeable


def test_quadratic_in_more_dimensions_and_kinds():
    a = np.diag([1.0, 2.0, 3.0, 4.0])
    bowl = surfaces.quadratic(a)
    x = RNG.normal(size=(5, 4))
    np.testing.assert_allclose(bowl.value(x), 0.5 * np.sum(np.diag(a) * x * x, axis=1))
    assert bowl.hess(x).shape == (5, 4, 4)
    assert bowl.critical_points[0].kind == "global minimum"
    assert surfaces.quadratic([[1.0, 0.0], [0.0, -1.0]]).critical_points[0].kind == "saddle"
    assert surfaces.quadratic([[-1.0, 0.0], [0.0, -2.0]]).critical_points[0].kind == "local maximum"
    assert surfaces.quadratic([[1.0, 0.0], [0.0, 0.0]]).critical_points == ()


@pytest.mark.parametrize("bad, message", [
    ({"lam_min": 0.0, "lam_max": 1.0}, "Invalid eigenvalues"),
    ({"lam_min": 2.0, "lam_max": 1.0}, "Invalid eigenvalues"),
    ({"lam_min": 1e-9, "lam_max": 1.0}, "Invalid condition number"),
    ({"lam_min": 0.1, "lam_max": 2.0, "degrees": math.nan}, "Invalid angle"),
])
def test_bad_bowls_are_refused(bad, message):
    with pytest.raises(ValueError, match=message):
        surfaces.rotated_bowl(**bad)


@pytest.mark.parametrize("matrix, message", [
    ([[1.0, 2.0], [0.0, 1.0]], "symmetric"),
    ([[1.0, math.inf], [math.inf, 1.0]], "finite"),
    ([1.0, 2.0], "square"),
])
def test_bad_matrices_are_refused(matrix, message):
    with pytest.raises(ValueError, match=message):
        surfaces.quadratic(matrix)


# -- constant_hessian ----------------------------------------------------------------------------------------
QUADRATIC = {"parabola", "anisotropic", "bowl", "saddle", "booth"}


@pytest.mark.parametrize("name", surfaces.names())
def test_constant_hessian_finds_exactly_the_registered_quadratics(name):
    surface = surfaces.get(name)
    found = surfaces.constant_hessian(surface)
    if name in QUADRATIC:
        assert found is not None
        np.testing.assert_array_equal(found, surface.hess(np.array(surface.start)))
    else:
        assert found is None


def test_constant_hessian_of_bowls_data_and_typed_functions():
    bowl = surfaces.rotated_bowl(0.1, 2.0, 30.0)
    np.testing.assert_array_equal(surfaces.constant_hessian(bowl), bowl.matrix)
    x, y = surfaces.datasets.regression()
    assert surfaces.constant_hessian(surfaces.least_squares(x, y)) is not None  # (2/m) ZᵀZ: quadratic
    xc, yc = surfaces.datasets.classification()
    assert surfaces.constant_hessian(surfaces.hinge(xc, yc)) is None  # Hessian 0, but piecewise linear
    np.testing.assert_array_equal(surfaces.constant_hessian(surfaces.custom("x^2/20 + y^2")), [[0.1, 0.0], [0.0, 2.0]])
    assert surfaces.constant_hessian(surfaces.custom("x*y + 3*x - y")) is not None
    for text in ("x^4 + y^2", "abs(x) + y^2", "log(x) + y^2", "sin(x) + y^2"):
        assert surfaces.constant_hessian(surfaces.custom(text)) is None, text
