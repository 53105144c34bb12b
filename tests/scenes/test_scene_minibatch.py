"""scenes.minibatch: batch sizes on one data set, equal budgets of epochs."""

from __future__ import annotations

import hashlib
import math

import numpy as np
import pytest

import optimizers
from scenes import minibatch as scene

REG = dict(kind="regression", n_points=40, noise=1.0, seed=3, lr=0.05, epochs=8)


def runs(**changes):
    args = {**REG, "batch_sizes": (40, 8, 1), "replace": False, "schedule": "constant", **changes}
    return scene.minibatch_runs(args["kind"], args["n_points"], args["noise"], args["seed"], args["batch_sizes"],
                                args["lr"], args["epochs"], args["replace"], args["schedule"])


def test_full_batch_is_plain_gradient_descent_bit_for_bit():
    result = runs()
    surface = result.surface
    plain = optimizers.run(optimizers.get("sgd", lr=0.05), surface, [surface.starts[0]], 8)
    full = result.trajectories[0]
    assert result.roles[0] == "full" and result.batch_sizes[0] == 40
    np.testing.assert_array_equal(full.points, plain.points)
    np.testing.assert_array_equal(full.loss, plain.loss)
    # with replacement GD still uses every sample at every step
    np.testing.assert_array_equal(runs(replace=True).trajectories[0].points, plain.points)


def test_the_seed_reproduces_the_paths_and_another_seed_changes_them():
    a, b = runs(), runs()
    for ta, tb in zip(a.trajectories, b.trajectories):
        np.testing.assert_array_equal(ta.points, tb.points)
    c = runs(seed=4)
    assert not np.array_equal(a.X, c.X)
    assert not np.array_equal(a.trajectories[2].points, c.trajectories[2].points)


def test_sampling_with_replacement_changes_the_stochastic_paths_only():
    without, with_ = runs(replace=False), runs(replace=True)
    np.testing.assert_array_equal(without.trajectories[0].points, with_.trajectories[0].points)
    for i in (1, 2):
        assert not np.array_equal(without.trajectories[i].points, with_.trajectories[i].points)
    assert with_.replace and not without.replace


def test_without_replacement_each_epoch_uses_every_sample_once():
    # SGD (k = 1) on least squares: over one epoch the steps' gradients are those of a permutation of the rows.
    result = runs(batch_sizes=(1,), epochs=1, lr=1e-9)
    surface, traj = result.surface, result.trajectories[0]
    start = np.array([surface.starts[0]])
    steps = (traj.points[1:, 0] - traj.points[:-1, 0]) / -1e-9
    per_row = np.array([surface.grad(start, rows=[i])[0] for i in range(result.n_points)])
    used = [int(np.argmin(np.abs(per_row - g).sum(axis=1))) for g in steps]
    assert sorted(used) == list(range(result.n_points))


@pytest.mark.parametrize("n, k", [(40, 8), (40, 7), (41, 10), (10, 3)])
def test_updates_per_epoch_is_ceil_n_over_k(n, k):
    result = runs(n_points=n, batch_sizes=(n, k, 1), epochs=3)
    assert result.updates_per_epoch == (1, math.ceil(n / k), n)
    assert result.updates == (3, 3 * math.ceil(n / k), 3 * n)
    for traj in result.trajectories:
        assert traj.epochs()[-1] == pytest.approx(3.0)


def test_gradient_descent_approaches_lstsq():
    result = runs(lr=0.2, epochs=100, batch_sizes=(40,))
    A = np.hstack([result.X, np.ones((result.n_points, 1))])
    exact, *_ = np.linalg.lstsq(A, result.y, rcond=None)
    final = result.trajectories[0].final_points[0]
    np.testing.assert_allclose(final, exact, atol=1e-6)
    np.testing.assert_allclose(result.optimum, exact, atol=1e-9)
    assert result.distances()[0] < 1e-6


def test_inverse_sqrt_settles_sgd_that_jiggles_with_a_constant_rate():
    constant = runs(n_points=50, batch_sizes=(1,), epochs=20, seed=0)
    decayed = runs(n_points=50, batch_sizes=(1,), epochs=20, seed=0, schedule="inverse_sqrt")
    # the constant-rate run keeps moving near the minimum: its last epoch spreads out
    tail = constant.trajectories[0].points[-50:, 0]
    tail_decayed = decayed.trajectories[0].points[-50:, 0]
    assert tail.std(axis=0).sum() > 3 * tail_decayed.std(axis=0).sum()
    assert decayed.distances()[0] < constant.distances()[0]


def test_classification_uses_the_hinge_loss_over_w1_w2():
    result = runs(kind="classification", noise=0.2, lr=0.1)
    assert result.surface.name == "hinge" and result.surface.dim == 2
    assert result.X.shape == (40, 2) and set(np.unique(result.y)) == {-1.0, 1.0}
    frame = result.frame()
    assert {"w1", "w2", "batch_size", "epoch", "loss"} <= set(frame.columns)
    # SGD reaches a lower loss than its start
    sgd = result.trajectories[2]
    assert sgd.loss[-1, 0] < sgd.loss[0, 0]


def test_results_are_immutable_and_tabulated():
    result = runs()
    with pytest.raises(ValueError):
        result.X[0, 0] = 1.0
    with pytest.raises(ValueError):
        result.trajectories[0].points[0, 0, 0] = 1.0
    table = scene.summary_table(result)
    assert list(table["batch_size"]) == [40, 8, 1]
    assert list(table["updates"]) == [8, 40, 320]
    assert table["diverged_at"].isna().all()
    frame = result.frame()
    assert set(frame["batch_size"]) == {40, 8, 1}
    assert len(frame) == sum(len(t.steps) for t in result.trajectories)


def test_a_too_large_rate_diverges_honestly():
    result = runs(lr=5.0)
    assert all(t.diverged[0] for t in result.trajectories)
    assert np.isfinite(result.trajectories[0].points).all()
    assert scene.summary_table(result)["diverged_at"].notna().all()


@pytest.mark.parametrize("changes, word", [
    (dict(batch_sizes=(41, 1)), "batch size"),
    (dict(batch_sizes=(8, 8)), "only once"),
    (dict(batch_sizes=()), "at least one"),
    (dict(epochs=0), "epochs"),
    (dict(epochs=scene.MAX_EPOCHS + 1), "epochs"),
    (dict(n_points=scene.MAX_POINTS + 1), "n_points"),
    (dict(kind="spam"), "kind"),
    (dict(schedule="cosine"), "schedule"),
    (dict(noise=-1.0), "noise"),
    (dict(lr=-0.1), "lr"),
])
def test_bad_settings_raise_value_errors_that_name_them(changes, word):
    with pytest.raises(ValueError, match=word):
        runs(**changes)


def test_the_page_learners_need_a_mini_batch_strictly_between():
    assert scene.batch_sizes(50, 10) == (50, 10, 1)
    for k in (1, 50, 60):
        with pytest.raises(ValueError):
            scene.batch_sizes(50, k)


def test_the_largest_scene_stays_inside_the_engine_limits():
    n, e = scene.MAX_POINTS, scene.MAX_EPOCHS
    assert n * e <= optimizers.MAX_STEPS and n * e <= optimizers.MAX_WORK
    result = runs(n_points=n, batch_sizes=(n, 20, 1), epochs=e)
    assert result.updates == (e, e * 10, e * n)


# -- a bundled data set or a student's CSV (surfaces.tabular.Dataset) --------------------------------------
from surfaces import tabular  # noqa: E402

UPLOAD = ("hours,passed,score\n" + "\n".join(
    f"{h:.2f},{int(h + 0.8 * np.sin(7 * h) > 3)},{40 + 9 * h + 5 * np.cos(5 * h):.2f}"
    for h in np.linspace(0.5, 6.0, 60))).encode()


def data_runs(data, lr, epochs=6, sizes=None, seed=0):
    sizes = sizes or scene.batch_sizes(data.n, 10)
    # kind, n_points and noise are ignored with data: any value gives the same runs
    return scene.minibatch_runs("classification", 7, 2.5, seed, sizes, lr, epochs, False, "constant", data)


def test_uploaded_regression_runs_on_its_least_squares_surface_and_gd_approaches_lstsq():
    data = tabular.prepare(tabular.read_csv(UPLOAD, name="class.csv"), "hours", "score", "regression")
    result = data_runs(data, lr=0.3, epochs=100, sizes=(60, 10, 1))
    assert result.kind == "regression" and result.surface.name == "least_squares" and result.data is data
    assert result.n_points == 60 and result.updates == (100, 600, 6000)
    X = np.hstack([data.X, np.ones((60, 1))])
    lstsq = np.linalg.lstsq(X, data.y, rcond=None)[0]
    np.testing.assert_allclose(result.optimum, lstsq, rtol=1e-12)  # the same solver, two calls
    # GD on the standardised bowl (Hessian 2·I) with lr 0.3 shrinks the error by 0.4 per step: 0.4^100 ≈ 1e-40
    assert result.distances()[0] < 1e-10
    assert {"w", "b", "batch_size", "loss"} <= set(result.frame().columns)


def test_uploaded_classification_runs_on_the_logistic_surface():
    data = tabular.prepare(tabular.read_csv(UPLOAD), "hours", "passed", "classification", "1")
    result = data_runs(data, lr=1.0, epochs=50)
    assert result.kind == "classification" and result.surface.name == "logistic" and result.surface.dim == 2
    assert result.optimum is not None
    # GD's full-data loss never rises on this convex surface at this rate (lr·λmax ≤ 1·0.25·2 < 2)
    loss = result.trajectories[0].loss[:, 0]
    assert np.all(np.diff(loss) <= 1e-15)
    assert result.distances()[0] < 0.5 * np.linalg.norm(np.array(result.surface.starts[0]) - result.optimum)


def test_same_content_same_key_and_choices_change_it():
    a = tabular.prepare(tabular.read_csv(UPLOAD, name="a.csv"), "hours", "score", "regression")
    b = tabular.prepare(tabular.read_csv(UPLOAD, name="b.csv"), "hours", "score", "regression")
    c = tabular.prepare(tabular.read_csv(UPLOAD), "hours", "score", "regression", standardise=False)
    assert a == b and hash(a) == hash(b) and repr(a) == repr(b) and a != c
    assert hashlib.sha256(UPLOAD).hexdigest() in repr(a)  # the cache key (ui.engine hashes a Scene by its repr)
    np.testing.assert_array_equal(data_runs(a, 0.1).trajectories[2].points, data_runs(b, 0.1).trajectories[2].points)


def test_bundled_sets_run_and_sgd_stays_within_its_update_budget():
    for name in tabular.BUNDLED:
        spec = tabular.BUNDLED[name]
        data = tabular.prepare(tabular.bundled(name), spec.feature, spec.target, spec.task, spec.positive)
        result = data_runs(data, lr=0.1 if spec.task == "regression" else 1.0, epochs=2)
        assert all(np.isfinite(t.loss).all() for t in result.trajectories)
    assert scene.max_epochs(tabular.MAX_ROWS) * tabular.MAX_ROWS <= scene.MAX_UPDATES <= optimizers.MAX_STEPS
    data = tabular.prepare(tabular.bundled("tips"), "total_bill", "tip", "regression")
    with pytest.raises(ValueError, match="epochs"):
        data_runs(data, 0.1, epochs=scene.max_epochs(244) + 1)


def test_separable_classes_have_no_optimum_and_nan_distances():
    data = tabular.prepare(tabular.bundled("iris"), "petal_length", "species", "classification", "setosa")
    result = data_runs(data, lr=1.0, epochs=3)
    assert result.optimum is None and all(math.isnan(d) for d in result.distances())
    table = scene.summary_table(result)
    assert table["distance"].isna().all() and (table["final_loss"] < np.log(2)).all()
