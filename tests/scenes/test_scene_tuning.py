"""The tuned race (scenes.tuning): one batched run per optimizer over the grid and its own rate, the
sweep's rule for "best", never worse than the rate it had, never a diverged rate."""

from __future__ import annotations

import numpy as np
import pytest

import optimizers
import surfaces
from scenes import OptimizerConfig, tuning

SIX = tuple(OptimizerConfig.of(name) for name in ("sgd", "momentum", "adagrad", "rmsprop", "adam", "nadam"))
BOOK = (OptimizerConfig.of("sgd", lr=0.95), OptimizerConfig.of("momentum", lr=0.1),
        OptimizerConfig.of("adagrad", lr=1.5), OptimizerConfig.of("adam", lr=0.3))


@pytest.fixture
def run_calls(monkeypatch):
    calls = []
    real = optimizers.run

    def spy(rule, surface, starts, steps, **kwargs):
        calls.append((rule.label, rule.n_runs, np.shape(starts), steps))
        return real(rule, surface, starts, steps, **kwargs)

    monkeypatch.setattr(optimizers, "run", spy)
    return calls


def test_the_grid_is_log_spaced_ten_a_decade_in_three_digits():
    lrs = tuning.grid()
    assert len(lrs) == 51 and lrs[0] == 1e-4 and lrs[-1] == 10.0
    assert np.allclose(np.diff(np.log10(lrs)), 0.1, atol=0.003)
    assert all(float(f"{v:.3g}") == v for v in lrs) and 1.26 in lrs and 7.94 in lrs
    with pytest.raises(ValueError, match="learning-rate range"):
        tuning.grid((1.0, 0.1))


def test_one_batched_run_per_optimizer_over_the_grid_and_its_own_rate(run_calls):
    result = tuning.tune("anisotropic", SIX, (-7.0, 2.0), 30)
    assert [calls[1] for calls in run_calls] == [52] * 6  # 51 grid rates + the rate it had, one call each
    assert all(calls[2] == (1, 2) and calls[3] == 30 for calls in run_calls)
    assert result.names == tuple(c.name for c in SIX)
    assert result.final_loss.shape == result.diverged_at.shape == (6, 52)


def test_each_candidate_is_the_run_it_claims():
    """A grid column and the 'before' column are exactly a single run at that rate."""
    result = tuning.tune("anisotropic", BOOK, (-7.0, 2.0), 30)
    surface = surfaces.get("anisotropic")
    for i, config in enumerate(BOOK):
        for j in (0, 17, 40, 51):
            lr = result.candidates(i)[j]
            single = optimizers.run(optimizers.get(config.name, **{**dict(config.hyperparams), "lr": lr}), surface,
                                    [(-7.0, 2.0)], 30)
            expected = single.loss[single.last_valid_row()[0], 0]
            assert result.final_loss[i, j] == pytest.approx(expected, rel=1e-12, abs=1e-300)


def test_tuning_never_makes_a_rate_worse_and_never_picks_a_diverged_run():
    for surface, start, steps in (("anisotropic", (-7.0, 2.0), 30), ("rosenbrock", (-1.5, 2.0), 200),
                                  ("himmelblau", (0.0, 0.0), 50), ("beale", (1.0, 1.0), 100)):
        result = tuning.tune(surface, BOOK, start, steps)
        table = result.table()
        for i, row in table.iterrows():
            j = result.best_index[i]
            assert result.diverged_at[i, j] < 0
            if row["loss_before"] is not None and not np.isnan(row["loss_before"]):
                assert row["loss_tuned"] <= row["loss_before"] + 1e-16, (surface, row.to_dict())


def test_sgd_on_the_book_bowl_stays_below_its_stability_edge():
    """Plain SGD on x²/20 + y² diverges for lr > 2/λmax = 1: its tuned rate is below 1, and every grid rate
    above ~1.07 diverged."""
    result = tuning.tune("anisotropic", (OptimizerConfig.of("sgd"),), (-7.0, 2.0), 100)
    assert 0.5 < result.tuned()["sgd"] < 1.0
    diverged = result.lrs[result.diverged_at[0, :51] >= 0]
    assert diverged.min() > 1.0 and np.all(result.lrs[result.lrs > 1.1] >= diverged.min())


def test_other_hyperparameters_and_the_schedule_stay_as_set(run_calls):
    config = OptimizerConfig.of("adam", lr=0.01, betas=(0.5, 0.9))
    tuning.tune("anisotropic", (config,), (-7.0, 2.0), 30, schedule=("step", (("step_size", 5), ("gamma", 0.5))))
    assert len(run_calls) == 1
    result = tuning.tune("anisotropic", (config,), (-7.0, 2.0), 30, schedule=("step", (("step_size", 5), ("gamma", 0.5))))
    assert result.current == (0.01,)


def test_an_optimizer_that_cannot_be_built_is_reported_not_raised():
    bad = OptimizerConfig.of("adam", betas=(1.5, 0.9))
    result = tuning.tune("anisotropic", (bad, OptimizerConfig.of("sgd")), (-7.0, 2.0), 30)
    assert result.names == ("sgd",) and "adam" in result.errors and "betas" in result.errors["adam"]


def test_every_run_diverging_leaves_the_rate_alone():
    """From far out on Rosenbrock every SGD rate of the grid diverges... unless its own tiny one does not."""
    result = tuning.tune("rosenbrock", (OptimizerConfig.of("sgd", lr=1e-7),), (-1.5, 2.0), 50)
    assert result.tuned()["sgd"] >= 1e-7  # the best candidate, possibly the rate it had
    huge = tuning.tune("rosenbrock", (OptimizerConfig.of("sgd", lr=50.0),), (30.0, 30.0), 50, lr_range=(1.0, 10.0))
    assert huge.tuned() == {} and huge.table()["lr_tuned"].isna().all()
