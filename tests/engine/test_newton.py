"""Newton's method: first steps by hand, singular systems, damping, saddle-free, batching, validation."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

import optimizers
import surfaces
from optimizers import Objective
from optimizers.newton import solve_each


def newton(**hp):
    return optimizers.get("newton", **hp)


# ---------------------------------------------------------------------------
# By hand
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["anisotropic", "bowl", "booth"])
def test_a_quadratic_is_solved_in_one_step(name):
    surface = surfaces.get(name)
    rng = np.random.default_rng(3)
    (xlo, xhi), (ylo, yhi) = surface.window
    starts = np.column_stack([rng.uniform(xlo, xhi, 6), rng.uniform(ylo, yhi, 6)])
    traj = optimizers.run(newton(), surface, starts, 1)
    minimum = surface.minima[0].location
    np.testing.assert_allclose(traj.points[1], np.broadcast_to(minimum, starts.shape), atol=1e-14)


def rosenbrock_exact(x: Fraction, y: Fraction):
    """Gradient and Hessian of (1 - x)² + 100 (y - x²)² in exact arithmetic."""
    w = y - x * x
    g = (-2 * (1 - x) - 400 * x * w, 200 * w)
    H = ((2 - 400 * w + 800 * x * x, -400 * x), (-400 * x, Fraction(200)))
    return g, H


def newton_step_exact(x: Fraction, y: Fraction):
    (gx, gy), ((a, b), (c, d)) = rosenbrock_exact(x, y)
    det = a * d - b * c
    px, py = (d * gx - b * gy) / det, (a * gy - c * gx) / det
    return x - px, y - py


def test_rosenbrock_first_steps_by_hand():
    # From (-1.2, 1): g = (-215.6, -88), H = [[1330, 480], [480, 200]], det 35600,
    # so θ1 = (-1.2, 1) - H⁻¹g = (-523/445, 3072/2225) ≈ (-1.1752809, 1.3806742).
    x0, y0 = Fraction(-6, 5), Fraction(1)
    (gx, gy), H = rosenbrock_exact(x0, y0)
    assert (gx, gy) == (Fraction(-1078, 5), -88) and H == ((1330, 480), (480, 200))
    x1, y1 = newton_step_exact(x0, y0)
    assert (x1, y1) == (Fraction(-523, 445), Fraction(3072, 2225))
    x2, y2 = newton_step_exact(x1, y1)
    traj = optimizers.run(newton(), surfaces.get("rosenbrock"), (-1.2, 1.0), 6, record_state=True)
    # The step is a LAPACK solve (getrf/getrs), whose OpenBLAS kernels depend on the CPU: backward stable, so the
    # direction is within cond(H) x a few ulps of the exact one, not bit for bit. cond(H) is 64 at the start (an
    # AVX-512 machine's kernels: 1.0e-14 relative; H and g moved by up to 4 ulps: <= 7.5e-14), 3,800 at the first
    # iterate (<= 2.3e-12). θ1 = θ0 - p damps the direction's error (|p| <= 0.38 |θ1|: measured <= 3.5e-15).
    np.testing.assert_allclose(traj.points[1, 0], [float(x1), float(y1)], rtol=5e-14)
    np.testing.assert_allclose(traj.points[2, 0], [float(x2), float(y2)], rtol=1e-11)
    # the Hessian is products and sums of exact small numbers: exact on any machine
    np.testing.assert_allclose(traj.extra_state["hessian"][1, 0], [[1330.0, 480.0], [480.0, 200.0]], rtol=1e-15)
    # the same LAPACK in the same process
    np.testing.assert_allclose(traj.extra_state["eigenvalues"][1, 0], np.linalg.eigvalsh([[1330, 480], [480, 200]]),
                               rtol=1e-14)
    np.testing.assert_allclose(traj.state["direction"][1, 0], [float(x1) + 1.2, float(y1) - 1.0], rtol=2e-13)
    # the classic result: the minimum (1, 1) in six steps
    np.testing.assert_allclose(traj.points[6, 0], [1.0, 1.0], atol=1e-12)


def test_one_dimensional_newton_finds_the_root_of_the_derivative():
    # cubic x³ - 2x² + 2: f' = 3x² - 4x, f'' = 6x - 4; from 2.5 to the minimum 4/3
    traj = optimizers.run(newton(), surfaces.get("cubic"), [2.5], 8)
    x0 = 2.5
    x1 = x0 - (3 * x0**2 - 4 * x0) / (6 * x0 - 4)
    assert traj.points[1, 0, 0] == pytest.approx(x1, rel=1e-15)
    assert traj.points[-1, 0, 0] == pytest.approx(4 / 3, rel=1e-14)


def test_least_squares_in_one_step_and_mini_batches_use_their_own_hessian():
    X, y = surfaces.datasets.regression(n=30, seed=4)
    objective = surfaces.least_squares(X, y)
    traj = optimizers.run(newton(), objective, [(3.0, -2.0)], 1)
    design = np.column_stack([X.reshape(len(X), -1), np.ones(len(X))])
    solution = np.linalg.lstsq(design, y, rcond=None)[0]
    np.testing.assert_allclose(traj.points[1, 0], solution, rtol=1e-10, atol=1e-12)
    # a mini-batch step lands on the least-squares solution of that batch
    batched = optimizers.run(newton(), objective, [(3.0, -2.0)], 1, batch_size=5, seed=7)
    rows = np.random.default_rng([7, 0]).permutation(len(X))[:5]
    np.testing.assert_allclose(batched.points[1, 0], np.linalg.lstsq(design[rows], y[rows], rcond=None)[0],
                               rtol=1e-9, atol=1e-12)


# ---------------------------------------------------------------------------
# Singular systems, damping, saddle-free
# ---------------------------------------------------------------------------

def test_a_singular_hessian_is_a_diverged_run_not_an_exception():
    # the monkey saddle x³ - 3xy² has H = 0 at the origin
    surface = surfaces.get("monkey_saddle")
    starts = [(0.0, 0.0), (1.0, 0.5)]
    traj = optimizers.run(newton(), surface, starts, 5, record_state=True)
    assert traj.diverged_at[0] == 1 and traj.diverged_at[1] != 1
    assert (traj.points[:, 0] == 0.0).all() and np.isfinite(traj.points).all()
    for name, arr in {**traj.state, **traj.extra_state}.items():
        assert np.isfinite(arr).all(), name
    single = optimizers.run(newton(), surface, starts[1], 5, record_state=True)
    np.testing.assert_array_equal(traj.points[:, 1], single.points[:, 0])
    # saddle-free with no damping: |μ| + λ = 0 is singular too
    assert optimizers.run(newton(saddle_free=True), surface, starts[0], 2).diverged_at[0] == 1
    # called directly: a NaN step for that run, the others untouched
    rule = newton()
    x = np.array(starts)
    new, _ = rule.update(surface.grad(x), rule.init(x), x, objective=Objective(surface))
    assert np.isnan(new[0]).all() and np.isfinite(new[1]).all()


def test_solve_each_marks_singular_and_non_finite_systems_alone():
    A = np.array([[[2.0, 0.0], [0.0, 4.0]], [[1.0, 2.0], [2.0, 4.0]], [[np.nan, 0.0], [0.0, 1.0]],
                  [[0.0, 1.0], [1.0, 0.0]]])
    b = np.array([[2.0, 4.0], [1.0, 1.0], [1.0, 1.0], [3.0, 5.0]])
    x, ok = solve_each(A, b)
    assert ok.tolist() == [True, False, False, True]
    # small integers throughout the elimination: every LAPACK kernel is exact here, and finds the exact zero pivots
    np.testing.assert_array_equal(x[0], [1.0, 1.0])
    np.testing.assert_array_equal(x[3], [5.0, 3.0])
    assert np.isnan(x[1:3]).all()
    x_inf, ok_inf = solve_each(A[:1], np.array([[np.inf, 1.0]]))
    assert not ok_inf[0] and np.isnan(x_inf).all()


def test_damping_by_hand_on_the_saddle():
    # f = x² - y², g = (2x, -2y), H = diag(2, -2); from (1, 0.5): g = (2, -1)
    surface = surfaces.get("saddle")
    start = (1.0, 0.5)
    pure = optimizers.run(newton(), surface, start, 1).points[1, 0]
    # straight onto the saddle point, bit for bit on any machine: H is diagonal with entries ±2, so the solve only
    # halves g (exact), and θ - θ = 0
    np.testing.assert_array_equal(pure, [0.0, 0.0])
    damped = optimizers.run(newton(damping=3.0), surface, start, 1).points[1, 0]
    np.testing.assert_allclose(damped, [1.0 - 2.0 / 5.0, 0.5 + 1.0 / 1.0], rtol=1e-15)  # (H + 3I) = diag(5, 1)
    free = optimizers.run(newton(saddle_free=True), surface, start, 1).points[1, 0]
    np.testing.assert_allclose(free, [0.0, 1.0], atol=1e-15)  # |H| = diag(2, 2): away from the saddle
    # large damping: a gradient step of size 1/λ
    big = optimizers.run(newton(damping=1e6), surface, start, 1).points[1, 0]
    np.testing.assert_allclose(big, np.array(start) - surface.grad(np.array(start)) / (1e6 + np.array([2.0, -2.0])),
                               rtol=1e-15)


def test_damping_solves_the_shifted_system():
    surface = surfaces.get("rosenbrock")
    x = np.array([[0.3, -0.7], [-1.5, 2.0]])
    lam = np.array([0.5, 40.0])
    rule = newton(damping=lam, lr=0.7)
    new, _ = rule.update(surface.grad(x), rule.init(x), x, objective=Objective(surface))
    for i in range(2):
        H = surface.hess(x[i:i + 1])[0]
        p = np.linalg.solve(H + lam[i] * np.eye(2), surface.grad(x[i:i + 1])[0])
        np.testing.assert_allclose(new[i], x[i] - 0.7 * p, rtol=1e-14)


def test_pure_newton_climbs_to_a_maximum_and_the_repairs_descend():
    # Himmelblau's local maximum at (-0.2708, -0.9230): pure Newton solves ∇f = 0 and goes there
    surface = surfaces.get("himmelblau")
    peak = next(p for p in surface.critical_points if p.kind == "local maximum")
    start = (-0.1, -0.7)
    pure = optimizers.run(newton(), surface, start, 10)
    np.testing.assert_allclose(pure.points[-1, 0], peak.location, atol=1e-10)
    assert pure.loss[-1, 0] > pure.loss[0, 0]
    minima = np.array([p.location for p in surface.minima])
    for rule in (newton(saddle_free=True, lr=0.5), newton(damping=50.0)):
        repaired = optimizers.run(rule, surface, start, 40)
        # |H| and H + 50 I are positive definite here: the first step goes downhill, and the run ends in a minimum
        assert repaired.loss[1, 0] < repaired.loss[0, 0]
        assert np.abs(minima - repaired.points[-1, 0]).max(axis=1).min() < 1e-6


def test_saddle_free_equals_newton_on_a_convex_quadratic():
    surface = surfaces.get("anisotropic")
    a = optimizers.run(newton(lr=0.3), surface, [(-7.0, 2.0), (4.0, -1.0)], 6)
    b = optimizers.run(newton(lr=0.3, saddle_free=True), surface, [(-7.0, 2.0), (4.0, -1.0)], 6)
    np.testing.assert_allclose(a.points, b.points, rtol=1e-14, atol=1e-15)


# ---------------------------------------------------------------------------
# Contracts
# ---------------------------------------------------------------------------

def test_batched_runs_equal_separate_runs_with_per_run_hyperparameters():
    surface = surfaces.get("himmelblau")
    starts = np.array([(0.0, 0.0), (-4.0, 0.5), (1.0, 1.0), (3.0, -3.5)])
    hp = {"lr": [1.0, 0.5, 0.9, 0.1], "damping": [0.0, 10.0, 1.0, 0.0]}
    for free in (False, True):
        batched = optimizers.run(newton(saddle_free=free, **hp), surface, starts, 15, record_state=True)
        for i in range(len(starts)):
            one = optimizers.run(newton(saddle_free=free, **{k: v[i] for k, v in hp.items()}), surface, starts[i], 15,
                                 record_state=True)
            np.testing.assert_array_equal(batched.points[:, i], one.points[:, 0])
            for key in batched.extra_state:
                np.testing.assert_array_equal(batched.extra_state[key][:, i], one.extra_state[key][:, 0])


def test_update_is_pure_and_state_is_shaped():
    surface = surfaces.get("rosenbrock")
    rule = newton(damping=0.1)
    x = np.array([[-1.2, 1.0], [0.5, -0.5], [2.0, 2.0]])
    state = rule.init(x)
    assert state.hessian.shape == (3, 2, 2) and state.eigenvalues.shape == (3, 2)
    for _ in range(3):
        g = surface.grad(x)
        kept = (x.copy(), g.copy(), [np.copy(v) for v in state[1:]])
        new_x, new_state = rule.update(g, state, x, objective=Objective(surface))
        np.testing.assert_array_equal(x, kept[0])
        np.testing.assert_array_equal(g, kept[1])
        for old, copy in zip(state[1:], kept[2]):
            np.testing.assert_array_equal(old, copy)
        np.testing.assert_allclose(new_state.eigenvalues, np.linalg.eigvalsh(surface.hess(x)), rtol=1e-14)
        assert new_state.step == state.step + 1 and new_state.direction.shape == (3, 2)
        x, state = new_x, new_state


def test_needs_the_objective_and_a_surface_with_a_hessian():
    rule = newton()
    assert rule.needs_objective and not optimizers.rule_class("newton").in_torch
    x = np.array([[1.0, 2.0]])
    with pytest.raises(ValueError, match="objective"):
        rule.update(np.ones((1, 2)), rule.init(x), x)
    bowl = surfaces.get("bowl")
    flat = surfaces.Surface(name="no_hessian", dim=2, value_fn=bowl.value_fn, grad_fn=bowl.grad_fn,
                            window=bowl.window, starts=bowl.starts, critical_points=(), latex="", title={},
                            description={})
    with pytest.raises(ValueError, match="Hessian"):
        optimizers.run(rule, flat, (1.0, 2.0), 3)


@pytest.mark.parametrize("hyperparams, fragments", [
    ({"lr": -1.0}, ["lr", "-1.0"]),
    ({"damping": -0.5}, ["damping", "-0.5"]),
    ({"damping": float("nan")}, ["damping", "nan"]),
    ({"damping": [0.1, -1.0]}, ["damping", "-1.0"]),
    ({"saddle_free": 1}, ["saddle_free", "1"]),
    ({"momentum": 0.9}, ["momentum", "newton"]),
])
def test_bad_hyperparameters_raise_with_name_and_value(hyperparams, fragments):
    with pytest.raises(ValueError) as err:
        newton(**hyperparams)
    for fragment in fragments:
        assert fragment in str(err.value)


def test_saddle_free_is_marked_as_not_torch_s():
    spec = {p.name: p for p in optimizers.rule_class("newton").SPEC}
    assert not spec["saddle_free"].torch
    assert {p.name: p.default for p in spec.values()} == {"lr": 1.0, "damping": 0.0, "saddle_free": False}
