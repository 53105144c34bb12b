"""Learning-rate sweep scene: one batched run per optimizer, divergence as in single runs, the grid."""

from __future__ import annotations

import numpy as np
import pytest

import optimizers
import surfaces
from scenes import defaults_for
from scenes import sweep as scene

SIX = ("sgd", "momentum", "adagrad", "rmsprop", "adam", "nadam")


@pytest.fixture
def run_calls(monkeypatch):
    calls = []
    real = optimizers.run

    def spy(rule, surface, starts, steps, **kwargs):
        calls.append((rule.label, rule.n_runs, np.shape(starts)))
        return real(rule, surface, starts, steps, **kwargs)

    monkeypatch.setattr(optimizers, "run", spy)
    return calls


def test_one_batched_run_per_optimizer(run_calls):
    result = scene.lr_sweep("anisotropic", SIX, (-7.0, 2.0), 100, 250, (1e-4, 10.0))
    assert len(run_calls) == len(SIX) == result.run_calls
    assert [c[0] for c in run_calls] == list(SIX)
    assert all(n == 250 and shape == (1, 2) for _, n, shape in run_calls)  # one start, repeated
    assert result.lrs.shape == (250,) and result.final_loss.shape == (6, 250)
    np.testing.assert_allclose(result.lrs[[0, -1]], [1e-4, 10.0])
    assert np.all(np.diff(np.log(result.lrs)) == pytest.approx(np.log(10.0**5) / 249))
    assert len(result.seconds) == 6 and all(s > 0 for s in result.seconds)


def test_grid_is_one_batched_run(run_calls):
    grid = scene.lr_grid("anisotropic", "sgd-momentum", (-7.0, 2.0), 50, 60, 40, (1e-4, 10.0))
    assert len(run_calls) == 1 and run_calls[0][1] == 2400
    assert grid.final_loss.shape == grid.diverged_at.shape == (40, 60)
    assert grid.n_runs == 2400 and grid.seconds > 0


@pytest.mark.parametrize("name", ["sgd", "momentum", "adam", "rmsprop"])
def test_divergence_and_final_loss_match_single_runs(name):
    result = scene.lr_sweep("anisotropic", (name,), (-7.0, 2.0), 60, 200, (1e-3, 100.0))
    surface = surfaces.get("anisotropic")
    picks = [0, 80, 120, 150, 170, 199]
    if name in ("sgd", "momentum"):
        assert result.diverged[0].any() and not result.diverged[0].all()
        edge = int(np.flatnonzero(result.diverged[0])[0])
        picks += [edge - 1, edge]
    for j in picks:
        single = optimizers.run(optimizers.get(name, **{**defaults_for(None, name), "lr": float(result.lrs[j])}),
                                surface, [(-7.0, 2.0)], 60)
        assert result.diverged_at[0, j] == single.diverged_at[0], (name, j)
        last = single.last_valid_row()[0]
        assert result.final_loss[0, j] == single.loss[last, 0], (name, j)


def test_sgd_edge_of_divergence_is_two_over_curvature():
    # x²/20 + y²: curvature 2 across the valley, so plain SGD diverges just above lr = 1.
    result = scene.lr_sweep("anisotropic", ("sgd",), (-7.0, 2.0), 200, 400, (1e-2, 10.0))
    first = result.best()[0]["first_diverged_lr"]
    assert 1.0 < first < 1.05
    assert not result.diverged[0, result.lrs < 1.0].any()


def test_adaptive_methods_do_not_diverge_where_sgd_does():
    result = scene.lr_sweep("anisotropic", ("sgd", "adam", "rmsprop", "adagrad"), (-7.0, 2.0), 100, 200,
                            (1e-4, 10.0))
    n_diverged = {row["optimizer"]: row["n_diverged"] for row in result.best()}
    assert n_diverged["sgd"] > 0
    assert n_diverged["adam"] == n_diverged["rmsprop"] == n_diverged["adagrad"] == 0


def test_best_learning_rate_is_in_the_valley():
    result = scene.lr_sweep("anisotropic", ("sgd",), (-7.0, 2.0), 100, 300, (1e-4, 10.0))
    j = int(result.best_index()[0])
    assert result.final_loss[0, j] == result.final_loss[0, ~result.diverged[0]].min()
    assert 0.5 < result.lrs[j] < 1.0


def test_steps_to_tolerance():
    result = scene.lr_sweep("bowl", ("sgd",), (-4.0, 3.0), 100, 200, (1e-3, 0.5), tol=1e-6)
    reach = result.steps_to[0]
    assert reach[0] == -1  # lr 1e-3: far from the bottom after 100 steps
    assert reach[-1] == 1  # x² + y² with lr 0.5 lands on the minimum in one step
    ok = reach >= 0
    assert ok.sum() > 20


def test_one_dimensional_surface_and_grid_pairs():
    result = scene.lr_sweep("parabola", ("sgd", "adam"), (2.5,), 50, 200, (1e-3, 10.0))
    assert result.final_loss.shape == (2, 200) and result.f_star_known
    for key in scene.SECONDS:
        grid = scene.lr_grid("parabola", key, (2.5,), 30, 10, 8, (1e-3, 10.0))
        assert grid.final_loss.shape == (8, 10)
        assert np.isfinite(grid.final_loss).all()
    beta2 = scene.SECONDS["adam-beta2"].values(4)
    np.testing.assert_allclose(beta2, [0.9, 0.99, 0.999, 0.9999])


def test_grid_rows_equal_single_sweeps():
    grid = scene.lr_grid("anisotropic", "adam-beta1", (-7.0, 2.0), 40, 12, 5, (1e-3, 10.0))
    row = 3
    beta1 = float(grid.values[row])
    single = optimizers.run(optimizers.get("adam", lr=np.asarray(grid.lrs), betas=(beta1, 0.999)),
                            surfaces.get("anisotropic"), [(-7.0, 2.0)], 40)
    np.testing.assert_array_equal(grid.final_loss[row], single.loss[single.last_valid_row(), np.arange(12)])


@pytest.mark.parametrize("kwargs, message", [
    (dict(n_lrs=100), "number of learning rates"),
    (dict(n_lrs=1001), "number of learning rates"),
    (dict(lr_range=(1.0, 0.1)), "learning-rate range"),
    (dict(lr_range=(0.0, 1.0)), "learning-rate range"),
    (dict(steps=0), "steps"),
    (dict(tol=0.0), "tolerance"),
])
def test_bad_settings_raise_value_error(kwargs, message):
    settings = dict(surface_name="anisotropic", names=("sgd",), start=(-7.0, 2.0), steps=10, n_lrs=200,
                    lr_range=(1e-3, 1.0))
    settings.update(kwargs)
    with pytest.raises(ValueError, match=message):
        scene.lr_sweep(**settings)


def test_results_are_read_only_and_frames_tidy():
    result = scene.lr_sweep("bowl", ("sgd", "adam"), (-4.0, 3.0), 20, 200, (1e-3, 1.0))
    for arr in (result.lrs, result.final_loss, result.steps_to, result.diverged_at):
        assert not arr.flags.writeable
    frame = result.frame()
    assert len(frame) == 400 and set(frame["optimizer"]) == {"sgd", "adam"}
    grid = scene.lr_grid("bowl", "rmsprop-alpha", (-4.0, 3.0), 20, 6, 4, (1e-3, 1.0))
    assert len(grid.frame()) == 24 and not grid.final_loss.flags.writeable


def test_surface_list_leaves_out_unbounded_surfaces():
    names = scene.surface_names()
    assert "anisotropic" in names and "parabola" in names
    assert "saddle" not in names and "cubic" not in names
