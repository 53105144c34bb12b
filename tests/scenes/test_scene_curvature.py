"""The curvature scenes: eigen-decompositions of known points, the κ rates predicted against measured runs,
rotation invariance, momentum's stability edge against runs on either side of it, the edge of stability."""

from __future__ import annotations

import math

import numpy as np
import pytest

import optimizers
import surfaces
from scenes import curvature as scene
from surfaces.bowls import rotation

# Stated tolerances. GD at its optimal step shrinks both components by exactly (κ−1)/(κ+1) every step, so
# its measured rate matches to rounding. Heavy ball at its optimal (α, β) has a double root (critically
# damped): the error is ~ k·rᵏ, so the per-step ratio approaches r like (k+1)/k; over the second half of a
# 1,000-step run (or of the steps above the floor) that leaves the measured rate at most 0.5 % above r.
GD_RTOL = 1e-9
MOMENTUM_RTOL = 5e-3


@pytest.fixture(scope="module")
def counted_rates():
    calls = []
    real = optimizers.run

    def counting(*args, **kwargs):
        calls.append(args[0].n_runs)
        return real(*args, **kwargs)

    optimizers.run = counting
    try:
        result = scene.rates(30.0)
    finally:
        optimizers.run = real
    return result, calls


# -- eigen-decomposition at known points -------------------------------------------------------------------------
@pytest.mark.parametrize("name, point, values, kind", [
    ("anisotropic", (-7.0, 2.0), (0.1, 2.0), "minimum"),
    ("anisotropic", (3.0, -1.0), (0.1, 2.0), "minimum"),
    ("bowl", (1.0, 1.0), (2.0, 2.0), "minimum"),
    ("saddle", (0.3, -0.2), (-2.0, 2.0), "saddle"),
    ("booth", (1.0, 3.0), (2.0, 18.0), "minimum"),
    # Rosenbrock at (1, 1): [[802, -400], [-400, 200]], λ = 501 ± √(301² + 400²)
    ("rosenbrock", (1.0, 1.0), (501.0 - math.hypot(301.0, 400.0), 501.0 + math.hypot(301.0, 400.0)), "minimum"),
    ("monkey_saddle", (0.0, 0.0), (0.0, 0.0), "degenerate"),
])
def test_eigen_decomposition_of_known_points(name, point, values, kind):
    result = scene.point_curvature(name, point)
    np.testing.assert_allclose(result.eigen.values, values, rtol=1e-12, atol=1e-12)
    assert result.eigen.kind == kind
    v = result.eigen.vectors
    np.testing.assert_allclose(v.T @ v, np.eye(2), atol=1e-12)  # orthonormal
    np.testing.assert_allclose(v @ np.diag(result.eigen.values) @ v.T, result.hessian, atol=1e-9)
    if kind == "degenerate":
        assert result.eigen.kappa == math.inf
    else:
        mags = np.abs(values)
        assert result.eigen.kappa == pytest.approx(mags.max() / mags.min(), rel=1e-12)


def test_anisotropic_bowl_gradient_lies_along_the_steep_eigenvector():
    result = scene.point_curvature("anisotropic", (-7.0, 2.0))
    assert result.eigen.kappa == pytest.approx(20.0)
    np.testing.assert_allclose(result.gradient, (-0.7, 4.0))
    np.testing.assert_allclose(np.abs(result.gradient_components), (0.7, 4.0))
    assert result.gd_edge == pytest.approx(1.0)
    table = result.table()
    assert list(table["curves"]) == ["up", "up"] and table["eigenvalue"].tolist() == pytest.approx([0.1, 2.0])


def test_himmelblau_maximum_and_saddle():
    himmelblau = surfaces.get("himmelblau")
    for point in himmelblau.critical_points:
        kind = scene.point_curvature("himmelblau", point.location).eigen.kind
        expected = {"global minimum": "minimum", "saddle": "saddle", "local maximum": "maximum"}[point.kind]
        assert kind == expected, point


def test_eigen_of_a_matrix_by_hand_and_its_signs():
    e = scene.eigen([[3.0, 1.0], [1.0, 3.0]])  # λ = 2 (v ∝ (1, −1)), 4 (v ∝ (1, 1))
    np.testing.assert_allclose(e.values, (2.0, 4.0))
    np.testing.assert_allclose(np.abs(e.vectors), np.full((2, 2), 1 / math.sqrt(2)))
    assert (e.vectors[np.argmax(np.abs(e.vectors), axis=0), [0, 1]] > 0).all()  # largest entry positive
    assert e.kappa == 2.0 and e.kind == "minimum" and e.sharpness == 4.0
    assert scene.eigen([[-1.0, 0.0], [0.0, -5.0]]).kind == "maximum"
    with pytest.raises(ValueError, match="not finite"):
        scene.eigen([[math.nan, 0.0], [0.0, 1.0]])


@pytest.mark.parametrize("args, message", [
    (("parabola", (1.0, 0.0)), "Invalid surface"),
    (("anisotropic", (math.nan, 0.0)), "Invalid point"),
    (("custom", (-1.0, 0.0), "log(x) + y^2"), "not finite"),
])
def test_bad_points_are_refused(args, message):
    with pytest.raises(ValueError, match=message):
        scene.point_curvature(*args)


# -- rates on quadratics ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("kappa", [1.0, 2.0, 20.0, 100.0, 1000.0])
def test_optimal_settings_give_the_closed_form_rates(kappa):
    lam_min, lam_max = 2.0 / kappa, 2.0
    lr, rate = scene.optimal_gd(lam_min, lam_max)
    assert lr == pytest.approx(2.0 / (lam_min + lam_max))
    assert rate == pytest.approx((kappa - 1) / (kappa + 1))
    assert scene.heavy_ball_rate(lr, 0.0, (lam_min, lam_max)) == pytest.approx(rate, abs=1e-15)
    m_lr, beta, m_rate = scene.optimal_momentum(lam_min, lam_max)
    root = math.sqrt(kappa)
    assert m_rate == pytest.approx((root - 1) / (root + 1), abs=1e-15)
    assert beta == pytest.approx(m_rate ** 2, abs=1e-15)
    assert m_lr == pytest.approx((2 / (math.sqrt(lam_max) + math.sqrt(lam_min))) ** 2)
    assert scene.heavy_ball_rate(m_lr, beta, (lam_min, lam_max)) == pytest.approx(m_rate, abs=1e-7)


def test_heavy_ball_rate_by_hand():
    # β = 0: |1 − lr λ|; one λ = 1, lr = 0.5, β = 0.25: z² − 0.75 z + 0.25 = 0, complex pair |z| = 0.5
    assert scene.heavy_ball_rate(0.5, 0.0, (1.0, 3.0)) == pytest.approx(0.5)
    assert scene.heavy_ball_rate(0.5, 0.25, (1.0,)) == pytest.approx(0.5)
    # λ = 1, lr = 3, β = 0.5: z² + 1.5 z + 0.5 = 0, roots −0.5 and −1: on the edge lr λ = 2(1 + β)
    assert scene.heavy_ball_rate(3.0, 0.5, (1.0,)) == pytest.approx(1.0)
    rates = scene.heavy_ball_rate(np.array([0.5, 0.5]), np.array([0.0, 0.25]), (1.0,))
    np.testing.assert_allclose(rates, (0.5, 0.5))


def test_rates_predicted_against_measured_in_one_batched_call(counted_rates):
    result, calls = counted_rates
    assert calls == [2 * len(result.kappas)] and result.run_calls == 1
    assert 30.0 in result.kappas and set(scene.KAPPAS) <= set(result.kappas)
    for i, kappa in enumerate(result.kappas):
        gd, mom = result.gd, result.momentum
        if kappa == 1.0:  # one step reaches the minimum
            assert gd["measured"][i] == pytest.approx(0.0, abs=1e-12)
            assert mom["measured"][i] == pytest.approx(0.0, abs=1e-12)
            continue
        assert gd["measured"][i] == pytest.approx(gd["predicted"][i], rel=GD_RTOL), kappa
        assert mom["measured"][i] == pytest.approx(mom["predicted"][i], rel=MOMENTUM_RTOL), kappa
        assert mom["measured"][i] >= mom["predicted"][i] * (1 - 1e-9)  # the k·rᵏ transient only slows it
        assert mom["measured"][i] < gd["measured"][i]  # momentum is faster for every κ > 1
    np.testing.assert_allclose(result.curve_gd, (result.curve_kappas - 1) / (result.curve_kappas + 1))
    table = result.table()
    assert len(table) == 2 * len(result.kappas) and set(table["optimizer"]) == {"gd", "momentum"}


def test_each_rate_run_stays_in_its_own_block():
    result = scene.rates(20.0, steps=50)
    assert result.steps == 50  # the block trick: a run on the stack equals the 2-D bowl of its κ alone
    bowl = scene.kappa_bowl(20.0)
    lr, _ = scene.optimal_gd(*bowl.eigenvalues)
    alone = optimizers.run(optimizers.get("sgd", lr=lr), bowl, bowl.starts[0], 50)
    errors = np.linalg.norm(alone.points[:, 0], axis=-1)
    i = result.index(20.0)
    assert scene.measured_rate(errors[:, None])[0] == pytest.approx(result.gd["measured"][i], rel=1e-12)


def test_measured_rate_of_known_sequences():
    k = np.arange(200.0)
    geometric = 3.0 * 0.7 ** k
    jordan = (k + 1) * 0.5 ** k
    grows = 1.1 ** k
    exact = np.where(k >= 3, 0.0, 1.0)
    out = scene.measured_rate(np.stack([geometric, jordan, grows, exact], axis=1))
    assert out[0] == pytest.approx(0.7, rel=1e-12)
    assert out[1] == pytest.approx(0.5 * (200 / 100) ** (1 / 99), rel=1e-3)  # second half of 200 steps
    assert out[2] == pytest.approx(1.1, rel=1e-12)
    assert out[3] == 0.0


@pytest.mark.parametrize("degrees", [0.0, 30.0])
def test_eigen_runs_split_the_error_along_the_eigenvectors(degrees):
    runs = scene.eigen_runs(20.0, degrees, 60)
    assert runs.optimal and runs.lrs[0] == pytest.approx(20 / 21) and runs.betas[0] == 0.0
    np.testing.assert_allclose(runs.components, runs.trajectory.points @ runs.eigenvectors, rtol=1e-15)
    # GD: each component multiplied by 1 − lr λ at every step, independently
    factors = 1.0 - runs.lrs[0] * runs.eigenvalues
    gd = runs.components[:, 0]
    np.testing.assert_allclose(gd[1:], gd[:-1] * factors, rtol=1e-9, atol=1e-13)
    np.testing.assert_allclose(np.abs(factors), [19 / 21, 19 / 21], rtol=1e-12)
    assert runs.measured[0] == pytest.approx(runs.predicted[0], rel=GD_RTOL)
    assert runs.predicted[1] == pytest.approx((math.sqrt(20) - 1) / (math.sqrt(20) + 1), rel=1e-7)
    frame = runs.frame()
    assert set(frame["optimizer"]) == {"gd", "momentum"} and "error_along_v_min" in frame


def test_eigen_runs_with_chosen_settings_and_refusals():
    runs = scene.eigen_runs(20.0, 0.0, 40, gd_lr=0.5, momentum_lr=0.5, beta=0.5)
    assert not runs.optimal
    np.testing.assert_allclose(runs.predicted, scene.heavy_ball_rate([0.5, 0.5], [0.0, 0.5], (0.1, 2.0)))
    diverging = scene.eigen_runs(20.0, 0.0, 400, gd_lr=1.2, momentum_lr=0.5, beta=0.5)
    assert diverging.trajectory.diverged[0] and diverging.measured[0] == math.inf and diverging.predicted[0] > 1
    for kwargs, message in [({"gd_lr": 0.0, "momentum_lr": 1.0, "beta": 0.5}, "learning rate"),
                            ({"gd_lr": 1.0, "momentum_lr": 1.0, "beta": 1.0}, "momentum β"),
                            ({"gd_lr": 1.0}, "give all")]:
        with pytest.raises(ValueError, match=message):
            scene.eigen_runs(20.0, 0.0, 10, **kwargs)
    with pytest.raises(ValueError, match="condition number"):
        scene.eigen_runs(0.5, 0.0, 10)


# -- rotation ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("degrees", [15.0, 30.0, 45.0, 120.0])
def test_gd_and_momentum_are_rotation_invariant_adam_is_not(degrees):
    turned = surfaces.rotated_bowl(0.1, 2.0, degrees)
    flat = surfaces.rotated_bowl(0.1, 2.0, 0.0)
    r = rotation(degrees)
    for name, kwargs in [("gd", {"lr": 0.9}), ("momentum", {"lr": 0.1}), ("adam", {"lr": 0.3})]:
        a = optimizers.run(optimizers.get(name, **kwargs), turned, turned.starts, 100).points[:, 0]
        b = optimizers.run(optimizers.get(name, **kwargs), flat, flat.starts, 100).points[:, 0] @ r.T
        gap = np.abs(a - b).max() / np.linalg.norm(flat.starts[0])
        if name == "adam":
            assert gap > 0.05, (name, degrees, gap)
        else:
            assert gap < 1e-13, (name, degrees, gap)  # exactly the turned path, up to rounding


def test_rotation_race_table():
    race = scene.rotation_race(45.0)
    table = race.table().set_index("optimizer")
    assert list(table.index) == ["sgd", "momentum", "adagrad", "rmsprop", "adam"]
    for name in ("sgd", "momentum"):
        assert table.loc[name, "drift"] < 1e-13
        assert table.loc[name, "loss_turned"] == pytest.approx(table.loc[name, "loss_unturned"], rel=1e-9)
    for name in ("adagrad", "rmsprop", "adam"):
        assert table.loc[name, "drift"] > 0.1
        assert table.loc[name, "loss_turned"] > 5 * table.loc[name, "loss_unturned"]  # the advantage is gone
    assert table.loc["rmsprop", "loss_unturned"] < 1e-10 < table.loc["sgd", "loss_turned"] < table.loc["rmsprop", "loss_turned"]
    same = scene.rotation_race(0.0).table()
    assert (same["drift"] == 0.0).all()  # exact anywhere: R(0) is the identity, whose products are exact


# -- the stability edge ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("beta", [0.0, 0.3, 0.5, 0.9])
def test_stability_edge_against_runs_just_under_and_over(beta):
    valley = surfaces.get("anisotropic")  # λmax = 2: the edge is lr = 1 + β
    edge = scene.heavy_ball_edge("anisotropic", "sgd-momentum", [beta])
    # exact anywhere: the eigenvalues of a diagonal matrix are its entries in every LAPACK (nothing to eliminate)
    assert edge.lam_max == 2.0 and edge.lrs[0] == pytest.approx(1.0 + beta)
    lrs = np.array([0.98, 1.02]) * edge.lrs[0]
    rates = scene.heavy_ball_rate(lrs, beta, (0.1, 2.0))
    assert rates[0] < 1 < rates[1]
    traj = optimizers.run(optimizers.get("sgd", lr=lrs, momentum=np.full(2, beta)), valley, (-7.0, 2.0), 4000)
    assert not traj.diverged[0] and traj.loss[-1, 0] < 1e-8  # just under: converges
    assert traj.diverged[1]  # just over: blows up


def test_heavy_ball_edge_only_where_it_applies():
    values = np.linspace(0.0, 0.99, 5)
    assert scene.heavy_ball_edge("anisotropic", "adam-beta1", values) is None
    assert scene.heavy_ball_edge("rosenbrock", "sgd-momentum", values) is None
    assert scene.heavy_ball_edge("saddle", "sgd-momentum", values) is None  # quadratic, not a bowl
    assert scene.heavy_ball_edge("custom", "sgd-momentum", values, expression="oops(") is None
    booth = scene.heavy_ball_edge("booth", "sgd-momentum", values)
    np.testing.assert_allclose(booth.lrs, 2 * (1 + values) / 18.0)
    typed = scene.heavy_ball_edge("custom", "sgd-momentum", values, expression="x^2/20 + y^2")
    np.testing.assert_allclose(typed.lrs, 1 + values)
    assert scene.heavy_ball_edge("parabola", "sgd-momentum", [0.5]).lrs[0] == pytest.approx(1.5)
    assert scene.quadratic_surfaces(surfaces.names()) == ("parabola", "anisotropic", "bowl", "booth")


# -- edge of stability -----------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def rosenbrock_eos():
    return scene.edge_of_stability()


def test_sharpness_climbs_to_two_over_lr_and_hovers(rosenbrock_eos):
    result = rosenbrock_eos
    assert result.lrs == (0.0025, 0.001) and result.start == (0.0, 0.0)
    np.testing.assert_allclose(result.thresholds, (800.0, 2000.0))
    sharp = result.sharpness[:, 0]
    assert sharp[0] == pytest.approx(200.0, rel=1e-9)  # Hessian diag(2, 200) at the origin
    assert 400 < result.climb[0] < 1200  # it takes the run a while to walk up the valley
    mean, low, high = result.hover[0]
    assert abs(mean - 800.0) < 0.05 * 800.0  # hovers at 2/lr, second half of the run
    assert 0.75 * 800 < low and high < 1.25 * 800
    assert high < 1001.0  # never reaches the minimum's sharpness (1001.6)
    assert not result.trajectory.diverged.any()
    # the small step stays below its own 2/lr and keeps going up the valley
    assert result.climb[1] == -1 and result.sharpness[:, 1].max() < 2000.0
    assert result.sharpness[-1, 1] > result.sharpness[len(sharp) // 2, 1]


def test_sharpness_is_the_largest_eigenvalue_of_the_exact_hessian(rosenbrock_eos):
    result = rosenbrock_eos
    rows = [0, 10, 700, 2999]
    hess = surfaces.get("rosenbrock").hess(result.trajectory.points[rows])
    np.testing.assert_allclose(result.sharpness[rows], np.linalg.eigvalsh(hess)[..., -1], rtol=1e-12)
    frame = result.frame()
    assert {"sharpness", "two_over_lr"} <= set(frame.columns) and len(frame) == 2 * 3001


def test_edge_of_stability_divergence_and_refusals():
    result = scene.edge_of_stability("rosenbrock", (0.01,), (-1.2, 1.0), 200)
    assert result.trajectory.diverged[0]
    assert np.isfinite(result.sharpness).all()  # frozen at the last finite point
    for args, message in [(("rosenbrock", (0.0,)), "learning rate"), (("parabola",), "Invalid surface"),
                          (("rosenbrock", (0.001,), (math.inf, 0.0)), "Invalid start"),
                          (("rosenbrock", (0.001,), (0.0, 0.0), 0), "Invalid steps")]:
        with pytest.raises(ValueError, match=message):
            scene.edge_of_stability(*args)


# -- Newton and L-BFGS --------------------------------------------------------------------------------------------
def test_second_order_race_on_rosenbrock():
    race = scene.second_order_race()
    table = race.table().set_index("optimizer")
    assert list(table.index) == ["gd", "newton", "lbfgs"]
    assert table.loc["newton", "steps_to_tol"] == 5  # pure Newton from (−1.2, 1)
    assert race.trajectories[1].loss[2, 0] > 1000  # ... with its famous jump on the way
    assert 30 <= table.loc["lbfgs", "steps_to_tol"] <= 50
    assert pd_isna(table.loc["gd", "steps_to_tol"]) and table.loc["gd", "final_loss"] > 1.0
    # the line search's trials: the evaluations L-BFGS counted, and every step it took is one of them
    assert len(race.trials) == table.loc["lbfgs", "evaluations"] > 0
    lbfgs = race.trajectories[2].points[:, 0]
    moved = lbfgs[1:][np.any(lbfgs[1:] != lbfgs[:-1], axis=1)]
    for point in moved:
        assert np.min(np.linalg.norm(race.trials - point, axis=1)) < 1e-12


def pd_isna(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def test_pure_newton_is_drawn_to_saddles_and_the_maximum_damping_fixes_it():
    calls = []
    real = optimizers.run

    def counting(*args, **kwargs):
        traj = real(*args, **kwargs)
        calls.append(traj.n_runs)
        return traj

    optimizers.run = counting
    try:
        result = scene.newton_attraction(50.0, (0.0, 0.0), 60, 20)
    finally:
        optimizers.run = real
    assert calls == [2, 1, 1, 800, 400]  # race: pure + damped batched; grid: pure + damped in ONE call
    pure, damped, free, gd = (t.points[-1, 0] for t in result.trajectories)
    np.testing.assert_allclose(pure, (-0.270845, -0.923039), atol=1e-5)  # the maximum
    for end in (damped, free, gd):
        assert any(np.allclose(end, p.location, atol=1e-4) for p in result.surface.minima)
    table = result.table().set_index("variant")
    assert table.loc["pure", "saddle"] > 0 and table.loc["pure", "local maximum"] > 0
    assert table.loc["damped", "minimum"] == table.loc["saddle_free", "minimum"] == 400
    assert (table.sum(axis=1) == 400).all()
    with pytest.raises(ValueError, match="damping"):
        scene.newton_attraction(-1.0)
