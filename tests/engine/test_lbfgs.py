"""L-BFGS: torch.optim.LBFGS's golden runs (and live when torch is importable), steps by hand,
the stopping tolerances, the line search's records, per-run batching and validation."""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import json
import math
from pathlib import Path

import numpy as np
import pytest

import optimizers
import surfaces
from optimizers import Objective
from optimizers.lbfgs import MAX_TRIALS, cubic_interpolate, strong_wolfe
from tests import golden_parity

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
REFERENCE = json.loads((GOLDEN / "lbfgs_reference.json").read_text())
_spec = importlib.util.spec_from_file_location("make_lbfgs_reference", GOLDEN / "make_lbfgs_reference.py")
make_ref = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_ref)

CASE_IDS = [make_ref.case_id(i) for i in range(len(make_ref.CASES))]
# 1e-6 relative: torch's float64 sqrt of a 0-d tensor is 1 ulp off for ~1.5 % of inputs, and the stored pairs of a
# converged run are differences of nearly equal iterates (values near 1e-9), where that ulp is ~1e-7 of the value.
RTOL, ATOL = 1e-6, 1e-12
# The probes' nudge (tests/golden_parity.py): L-BFGS has no bias correction to amplify a last-bit change of a
# coefficient; its arithmetic is sums, products and sqrt over the surfaces' values and gradients, which another
# CPU's pow/exp/cos move by an ulp or two. 16 ulps covers that with room.
PROBE_ULPS = 16


def our_case(index: int, salt: int | None = None):
    """One batched run of every start of golden case ``index`` (an "lr" list becomes a per-run lr); with ``salt``,
    on a probe surface whose values and gradients are nudged (tests/golden_parity.py)."""
    surface, starts, hp, steps = make_ref.CASES[index]
    rule = optimizers.get("lbfgs", **make_ref.ours(hp))
    if salt is None:
        surface = surfaces.get(surface)
    else:
        surface = golden_parity.probe_surface(surfaces.get(surface), salt, PROBE_ULPS)
    return optimizers.run(rule, surface, starts, steps, record_state=True)


@dataclasses.dataclass(frozen=True)
class Horizon:
    """What of a golden run is reproducible on any machine: every step before ``step`` (points, trials, their
    number), and at ``step`` its first ``trials`` trials, and their number if ``count``. ``step`` = steps + 1: all
    of the run, and then also the stored pairs and the iteration count."""

    step: int
    trials: int = 0
    count: bool = False

    def __and__(self, other: "Horizon") -> "Horizon":
        """The part both horizons leave."""
        if self.step != other.step:
            return self if self.step < other.step else other
        return Horizon(self.step, min(self.trials, other.trials), self.count and other.count)


RECORDED_HORIZONS = {key: [Horizon(*h) for h in runs] for key, runs in golden_parity.recorded_horizons("lbfgs").items()}


def compared(index: int):
    """``local``, with each start's Horizon the part that both the one found here and the recorded one leave."""
    traj, horizons = local(index)
    recorded = RECORDED_HORIZONS.get(CASE_IDS[index], horizons)  # missing: test_the_recorded_horizons_are_current
    return traj, [here & there for here, there in zip(horizons, recorded)]


@functools.lru_cache(maxsize=None)
def local(index: int):
    """Our run of a golden case and each start's Horizon: the part of it that four probes (tests/golden_parity.py)
    reproduce within a tenth of the relative tolerance (the absolute floor as it is: below 1e-12 an iterate is the
    minimum at 0, or the same point, at the scale of these surfaces). The strong-Wolfe search decides on
    differences of nearly equal losses (the cubic and the monkey saddle from lr = 1e-6, ackley's bracket grown too
    small, a zoom near a minimum): from there on its path depends on the last bits of pow/exp/cos, on any machine."""
    traj = our_case(index)
    probes = [our_case(index, salt) for salt in golden_parity.PROBE_SALTS]
    steps = traj.points.shape[0] - 1
    horizons = []
    for i in range(traj.points.shape[1]):
        horizon = Horizon(steps + 1)
        for step in range(1, steps + 1):
            n = int(traj.extra_state["ls_evals"][step, i])
            trials = traj.extra_state["ls_points"][step, i, :n]
            leading = n
            for p in probes:
                ok = golden_parity.within(p.extra_state["ls_points"][step, i, :n], trials, RTOL / 10, ATOL)
                ok = ok.all(axis=-1)
                leading = min(leading, n if ok.all() else int(np.argmin(ok)))
            count = all(int(p.extra_state["ls_evals"][step, i]) == n for p in probes)
            point = all(golden_parity.within(p.points[step, i], traj.points[step, i], RTOL / 10, ATOL).all()
                        for p in probes)
            if leading < n or not count or not point:
                horizon = Horizon(step, leading, count)
                break
        horizons.append(horizon)
    return traj, horizons


def check_case(index: int, runs: list[dict]) -> None:
    traj, horizons = compared(index)
    key = CASE_IDS[index]
    assert not traj.diverged.any(), key
    dim = traj.dim
    steps = traj.points.shape[0] - 1
    for i, (ref, horizon) in enumerate(zip(runs, horizons)):
        msg = f"{key} start {i}, {horizon}"
        h = horizon.step
        if h > 1:
            np.testing.assert_allclose(traj.points[1:h, i], ref["points"][:h - 1], rtol=RTOL, atol=ATOL, err_msg=msg)
        counted = h if horizon.count else h - 1  # steps whose number of trials is compared
        evals = traj.extra_state["ls_evals"][1:counted + 1, i]
        assert evals.tolist() == [len(trials) for trials in ref["trials"][:counted]], msg
        for step, trials in enumerate(ref["trials"], start=1):
            k = len(trials) if step < h else min(horizon.trials, len(trials)) if step == h else 0
            if k:
                np.testing.assert_allclose(traj.extra_state["ls_points"][step, i, :k], trials[:k],
                                           rtol=RTOL, atol=ATOL, err_msg=f"{msg} step {step}")
        if h <= steps:  # the stored pairs and the iteration count depend on every step
            continue
        n_pairs = int(traj.extra_state["n_pairs"][-1, i])
        assert n_pairs == len(ref["s"]) == len(ref["y"]), msg
        for name, field in (("s", "s_hist"), ("y", "y_hist")):
            expected = np.reshape(ref[name], (n_pairs, dim))
            np.testing.assert_allclose(traj.extra_state[field][-1, i, :n_pairs], expected, rtol=RTOL, atol=ATOL,
                                       err_msg=f"{msg} stored {name}")
        assert int(traj.extra_state["n_iter"][-1, i]) == ref["n_iter"], msg


@pytest.mark.parametrize("index", range(len(make_ref.CASES)), ids=CASE_IDS)
def test_matches_torch_golden_run(index):
    check_case(index, REFERENCE["runs"][CASE_IDS[index]])


def test_most_of_every_golden_run_is_compared():
    """The horizons leave 82 % of the golden iterates compared (benchmarks/parity.py): what is cut is past a
    line-search decision on nearly equal losses, or a bowl's run sitting on its minimum at 1e-14 from step 4. A
    rule whose paths all became sensitive to the last bit would fail here; every run keeps its first trial."""
    compared_iterates = total = 0
    for index in range(len(CASE_IDS)):
        traj, horizons = compared(index)
        steps = traj.points.shape[0] - 1
        for horizon in horizons:
            assert horizon.step > 1 or horizon.trials >= 1, (CASE_IDS[index], horizon)
            compared_iterates += min(horizon.step, steps + 1) - 1
            total += steps
    assert compared_iterates / total >= 0.75, compared_iterates / total


def test_the_recorded_horizons_are_current():
    assert set(RECORDED_HORIZONS) == set(CASE_IDS)
    for index, (_, starts, _, steps) in enumerate(make_ref.CASES):
        horizons = RECORDED_HORIZONS[CASE_IDS[index]]
        assert len(horizons) == len(starts) and all(1 <= h.step <= steps + 1 for h in horizons), CASE_IDS[index]


def test_golden_file_is_current():
    assert set(REFERENCE["runs"]) == set(CASE_IDS)
    for index, (_, starts, _, steps) in enumerate(make_ref.CASES):
        runs = REFERENCE["runs"][CASE_IDS[index]]
        assert len(runs) == len(starts) and all(len(run["points"]) == steps for run in runs)
    assert (GOLDEN / "lbfgs_reference.json").stat().st_size < 500_000
    # the cases reach the line search's limit and both kinds of step
    trial_counts = {len(t) for runs in REFERENCE["runs"].values() for run in runs for t in run["trials"]}
    assert {0, 1, MAX_TRIALS} <= trial_counts
    searched = {hp.get("line_search_fn") for _, _, hp, _ in make_ref.CASES}
    assert searched == {None, "strong_wolfe"}
    assert {surface for surface, *_ in make_ref.CASES} >= {"rosenbrock", "himmelblau", "beale", "anisotropic"}


def test_hyperparameter_names_and_defaults_are_torch_s():
    torch_defaults = dict(REFERENCE["defaults"])
    # one step is one iteration: max_iter = 1 and max_eval = 26, fixed
    assert (torch_defaults.pop("max_iter"), torch_defaults.pop("max_eval")) == (20, None)
    assert torch_defaults.pop("line_search_fn") is None
    spec = {p.name: p.default for p in optimizers.rule_class("lbfgs").SPEC}
    assert spec.pop("strong_wolfe") is False
    assert spec == torch_defaults


def check_torch_against_file(index: int, fresh: list[dict], stored: list[dict]) -> None:
    """Two torch runs of one case (here and in the file) within RTOL up to our run's horizons."""
    _, horizons = compared(index)
    for i, (now, then, horizon) in enumerate(zip(fresh, stored, horizons)):
        msg = f"regenerate the golden file: {CASE_IDS[index]} start {i}, {horizon}"
        h = horizon.step
        if h > 1:
            np.testing.assert_allclose(now["points"][:h - 1], then["points"][:h - 1], rtol=RTOL, atol=ATOL, err_msg=msg)
        for step in range(1, min(h, len(then["trials"]) + 1)):
            assert len(now["trials"][step - 1]) == len(then["trials"][step - 1]), msg
            if then["trials"][step - 1]:
                np.testing.assert_allclose(now["trials"][step - 1], then["trials"][step - 1], rtol=RTOL, atol=ATOL,
                                           err_msg=msg)


def test_matches_torch_live():
    pytest.importorskip("torch")
    fresh = make_ref.build_reference()
    for index, key in enumerate(CASE_IDS):
        check_case(index, fresh["runs"][key])
        # torch here against the file torch wrote on another CPU: check_case's tolerances and horizons, as for ours
        # (torch picks its kernels by CPU too); it fails when torch changed its algorithm: regenerate the file then
        if fresh["torch_version"] == REFERENCE["torch_version"]:
            check_torch_against_file(index, fresh["runs"][key], REFERENCE["runs"][key])
    assert fresh["defaults"] == REFERENCE["defaults"]


# ---------------------------------------------------------------------------
# By hand
# ---------------------------------------------------------------------------

def anisotropic_grad(x, y):
    return [x / 10.0, 2.0 * y]


def test_first_two_steps_by_hand():
    lr = 0.8
    x0 = [-7.0, 2.0]
    g0 = anisotropic_grad(*x0)
    t0 = min(1.0, 1.0 / (abs(g0[0]) + abs(g0[1]))) * lr  # first step: scaled by 1/|g|_1
    d0 = [-g0[0], -g0[1]]
    x1 = [x0[k] + t0 * d0[k] for k in range(2)]
    g1 = anisotropic_grad(*x1)
    s = [t0 * d0[k] for k in range(2)]
    y = [g1[k] - g0[k] for k in range(2)]
    ys = s[0] * y[0] + s[1] * y[1]
    rho, h = 1.0 / ys, ys / (y[0] * y[0] + y[1] * y[1])
    q = [-g1[0], -g1[1]]
    a = rho * (s[0] * q[0] + s[1] * q[1])
    q = [q[k] - a * y[k] for k in range(2)]
    r = [h * q[k] for k in range(2)]
    b = rho * (y[0] * r[0] + y[1] * r[1])
    d1 = [r[k] + (a - b) * s[k] for k in range(2)]
    x2 = [x1[k] + lr * d1[k] for k in range(2)]

    traj = optimizers.run(optimizers.get("lbfgs", lr=lr), surfaces.get("anisotropic"), x0, 2, record_state=True)
    np.testing.assert_allclose(traj.points[1:, 0], [x1, x2], rtol=1e-13)
    np.testing.assert_allclose(traj.state["direction"][2, 0], d1, rtol=1e-13)
    np.testing.assert_allclose(traj.extra_state["s_hist"][2, 0, 0], s, rtol=1e-15)
    np.testing.assert_allclose(traj.extra_state["y_hist"][2, 0, 0], y, rtol=1e-15)
    assert traj.extra_state["rho"][2, 0, 0] == pytest.approx(rho, rel=1e-15)
    assert traj.extra_state["H_diag"][2, 0] == pytest.approx(h, rel=1e-15)
    assert traj.extra_state["n_pairs"][1:, 0].tolist() == [0, 1]


def test_on_the_bowl_it_converges_then_stays_once_no_descent_is_left():
    # Here the first trial always meets the Wolfe conditions, so the line search changes nothing;
    # after 8 steps g'd > -tolerance_change and torch stays put.
    bowl = surfaces.get("anisotropic")
    plain, wolfe = (optimizers.run(optimizers.get("lbfgs", strong_wolfe=flag), bowl, (-7.0, 2.0), 12, record_state=True)
                    for flag in (False, True))
    np.testing.assert_array_equal(plain.points, wolfe.points)
    assert wolfe.extra_state["ls_evals"][1:, 0].tolist() == [1] * 8 + [0] * 4
    assert wolfe.loss[8, 0] < 1e-9 and (wolfe.points[8:] == wolfe.points[8]).all()
    assert wolfe.extra_state["n_iter"][-1, 0] == 12  # still iterating: it is the descent test that stops it


def test_cubic_interpolation_finds_the_minimum_of_a_cubic():
    # f(t) = (t - 1)^3 - 3 (t - 1): minimum at t = 2
    f = lambda t: (t - 1.0) ** 3 - 3.0 * (t - 1.0)
    df = lambda t: 3.0 * (t - 1.0) ** 2 - 3.0
    value, is_tensor = cubic_interpolate(np.float64(0.5), f(0.5), df(0.5), np.float64(3.0), f(3.0), df(3.0))
    assert value == pytest.approx(2.0, rel=1e-14) and is_tensor
    # no minimum (d2^2 < 0): the middle of the bounds; clipped to the bounds otherwise
    mid, mid_tensor = cubic_interpolate(np.float64(0.0), 0.0, 1.0, np.float64(1.0), 2.0 / 3.0, 1.0, bounds=(0.0, 4.0),
                                        bound_tensors=(False, False))
    assert mid == 2.0 and not mid_tensor
    clipped, clipped_tensor = cubic_interpolate(np.float64(0.5), f(0.5), df(0.5), np.float64(3.0), f(3.0), df(3.0),
                                                bounds=(2.5, 3.0), bound_tensors=(False, True))
    assert clipped == 2.5 and not clipped_tensor


# ---------------------------------------------------------------------------
# Stopping tolerances, records, the run loop
# ---------------------------------------------------------------------------

def test_a_small_gradient_returns_at_once_and_counts_no_iteration():
    rule = optimizers.get("lbfgs", tolerance_grad=1e-3, strong_wolfe=True)
    x = np.array([[1.5, -2.0], [0.3, 0.2]])
    g = np.array([[1e-4, -1e-3], [0.5, 0.5]])
    state = rule.init(x)
    new, after = rule.update(g, state, x, objective=Objective(surfaces.get("bowl")))
    np.testing.assert_array_equal(new[0], x[0])
    assert after.n_iter.tolist() == [0, 1] and after.ls_evals[0] == 0
    np.testing.assert_array_equal(after.prev_flat_grad[0], 0.0)  # untouched, as torch's state
    assert not np.array_equal(new[1], x[1])


def test_no_descent_left_stays_put_but_keeps_the_iteration():
    # g'd = -|g|^2 = -0.5 > -tolerance_change: torch breaks before moving, after updating its state
    rule = optimizers.get("lbfgs", tolerance_change=1.0)
    x, g = np.array([[1.0, 1.0]]), np.array([[0.5, 0.5]])
    new, state = rule.update(g, rule.init(x), x)
    np.testing.assert_array_equal(new, x)
    assert state.n_iter[0] == 1
    np.testing.assert_array_equal(state.direction[0], [-0.5, -0.5])
    np.testing.assert_array_equal(state.prev_flat_grad[0], [0.5, 0.5])


def test_converged_runs_stay_put_in_the_run_loop():
    traj = optimizers.run(optimizers.get("lbfgs", strong_wolfe=True, tolerance_grad=1e-3), surfaces.get("rosenbrock"),
                          (-1.2, 1.0), 60, record_state=True)
    iterations = traj.extra_state["n_iter"][:, 0]
    assert iterations[-1] < 60  # torch returns at once when max|g| <= tolerance_grad: no iteration
    last = int(np.argmax(iterations == iterations[-1]))
    assert (traj.points[last:, 0] == traj.points[-1, 0]).all()
    assert np.abs(traj.state["grad"][-1, 0]).max() <= 1e-3
    np.testing.assert_allclose(traj.points[-1, 0], [1.0, 1.0], atol=1e-3)


def test_line_search_records_its_trials_on_the_search_line():
    surface = surfaces.get("rosenbrock")
    traj = optimizers.run(optimizers.get("lbfgs", strong_wolfe=True, lr=[1.0, 50.0]), surface,
                          [(-1.2, 1.0), (-1.5, 2.0)], 12, record_state=True)
    ex = traj.extra_state
    assert ex["ls_points"].shape == (13, 2, MAX_TRIALS, 2)
    assert (ex["ls_evals"][0] == 0).all() and (ex["ls_evals"][1:] >= 1).all() and (ex["ls_evals"] <= MAX_TRIALS).all()
    for step in range(1, 13):
        for i in range(2):
            k = ex["ls_evals"][step, i]
            before, after = traj.points[step - 1, i], traj.points[step, i]
            direction = traj.state["direction"][step, i]
            trials = ex["ls_points"][step, i, :k]
            np.testing.assert_allclose(trials, before + ex["ls_step"][step, i, :k, None] * direction, rtol=1e-12,
                                       atol=1e-15)
            np.testing.assert_allclose(ex["ls_loss"][step, i, :k], surface.value(trials), rtol=1e-15)
            assert (ex["ls_points"][step, i, k:] == 0).all()
            # torch moves to the lowest trial of its bracket, a trial point (or stays put)
            assert any(np.array_equal(after, p) for p in trials) or np.array_equal(after, before)


def test_without_line_search_the_objective_is_not_needed():
    rule = optimizers.get("lbfgs")
    assert not rule.needs_objective and optimizers.get("lbfgs", strong_wolfe=True).needs_objective
    with pytest.raises(ValueError, match="objective"):
        wolfe = optimizers.get("lbfgs", strong_wolfe=True)
        x = np.array([[1.0, 2.0]])
        wolfe.update(np.array([[1.0, 1.0]]), wolfe.init(x), x)


def test_batched_runs_equal_separate_runs_with_per_run_hyperparameters():
    surface = surfaces.get("himmelblau")
    starts = np.array([(0.0, 0.0), (-4.0, 0.0), (1.0, 1.0), (3.0, -3.5)])
    hp = {"lr": [1.0, 0.5, 2.0, 0.1], "tolerance_grad": [1e-7, 1e-3, 1e-5, 1e-7], "tolerance_change": [1e-9, 1e-3, 0.0, 1e-9]}
    for wolfe in (False, True):
        batched = optimizers.run(optimizers.get("lbfgs", history_size=3, strong_wolfe=wolfe, **hp), surface, starts, 25,
                                 record_state=True)
        for i in range(len(starts)):
            single_hp = {k: v[i] for k, v in hp.items()}
            one = optimizers.run(optimizers.get("lbfgs", history_size=3, strong_wolfe=wolfe, **single_hp), surface,
                                 starts[i], 25, record_state=True)
            np.testing.assert_array_equal(batched.points[:, i], one.points[:, 0])
            for name in (*batched.state, *batched.extra_state):
                arrays = batched.state if name in batched.state else batched.extra_state
                single = one.state if name in one.state else one.extra_state
                np.testing.assert_array_equal(arrays[name][:, i], single[name][:, 0], err_msg=name)


def test_history_keeps_the_newest_pairs_oldest_first():
    traj = optimizers.run(optimizers.get("lbfgs", history_size=3, lr=0.5), surfaces.get("rosenbrock"), (-1.2, 1.0), 10,
                          record_state=True)
    ex = traj.extra_state
    assert ex["n_pairs"][:, 0].tolist() == [0, 0, 1, 2, 3, 3, 3, 3, 3, 3, 3]
    # every pair is the step before it: s_k = x_k - x_{k-1}; after a shift the oldest falls out
    for step in range(4, 11):
        steps_taken = np.diff(traj.points[step - 4:step, 0], axis=0)
        np.testing.assert_allclose(ex["s_hist"][step, 0], steps_taken, rtol=1e-12)
        if step > 4:
            np.testing.assert_array_equal(ex["s_hist"][step, 0, :2], ex["s_hist"][step - 1, 0, 1:])


def test_update_is_pure():
    rule = optimizers.get("lbfgs", history_size=2, strong_wolfe=True)
    surface = surfaces.get("rosenbrock")
    x = np.array([[-1.2, 1.0], [0.5, -0.5]])
    state = rule.init(x)
    for _ in range(5):
        g = surface.grad(x)
        kept = (x.copy(), g.copy(), [np.copy(v) for v in state[1:]])
        new_x, new_state = rule.update(g, state, x, objective=Objective(surface))
        np.testing.assert_array_equal(x, kept[0])
        np.testing.assert_array_equal(g, kept[1])
        for old, copy in zip(state[1:], kept[2]):
            np.testing.assert_array_equal(old, copy)
        assert new_state.step == state.step + 1
        x, state = new_x, new_state


def test_diverging_runs_are_frozen_with_their_history():
    traj = optimizers.run(optimizers.get("lbfgs", lr=[1.0, 1e6]), surfaces.get("anisotropic"), (-7.0, 2.0), 10,
                          record_state=True)
    assert traj.diverged_at.tolist() == [-1, 1]
    for name, arr in traj.extra_state.items():
        assert np.isfinite(arr).all() if arr.dtype.kind == "f" else True
        assert (arr[1:, 1] == arr[0, 1]).all(), name  # the state before the diverging step, kept


def test_strong_wolfe_function_on_its_own():
    surface = surfaces.get("bowl")  # f = x^2 + y^2, along d = -g the exact minimum is t = 1/2
    x = np.array([[1.0, 2.0]])
    g = surface.grad(x)
    d = -g
    found = strong_wolfe(Objective(surface), x, np.array([1.0]), d, surface.value(x), g, (g * d).sum(axis=1))
    # t = 1 overshoots to (-1, -2), same loss: Armijo fails, the cubic zooms straight to 1/2
    assert found.evals.tolist() == [2]
    assert found.step[0] == pytest.approx(0.5, rel=1e-15)
    np.testing.assert_allclose(found.points[0, :2], [[-1.0, -2.0], [0.0, 0.0]], atol=1e-15)


def test_mini_batches_and_noise_reach_the_line_search():
    X, y = surfaces.datasets.regression(n=40, seed=3)
    objective = surfaces.least_squares(X, y)
    rule = optimizers.get("lbfgs", strong_wolfe=True, lr=[1.0, 0.5])
    starts = np.array([(3.0, -2.0), (-1.0, 4.0)])
    traj = optimizers.run(rule, objective, starts, 15, batch_size=8, seed=2, record_state=True)
    assert not traj.diverged.any() and np.isfinite(traj.points).all()
    for i in range(2):
        one = optimizers.run(optimizers.get("lbfgs", strong_wolfe=True, lr=[1.0, 0.5][i]), objective, starts[i], 15,
                             batch_size=8, seed=2)
        np.testing.assert_array_equal(traj.points[:, i], one.points[:, 0])
    noisy = optimizers.run(optimizers.get("lbfgs", strong_wolfe=True), surfaces.get("bowl"), (1.0, 2.0), 5,
                           noise=0.1, seed=4)
    again = optimizers.run(optimizers.get("lbfgs", strong_wolfe=True), surfaces.get("bowl"), (1.0, 2.0), 5,
                           noise=0.1, seed=4)
    np.testing.assert_array_equal(noisy.points, again.points)


def test_objective_with_noise_shifts_every_gradient_and_not_the_loss():
    surface = surfaces.get("bowl")
    noise = np.array([0.5, -0.25])
    objective = Objective(surface, noise=noise)
    pts = np.array([[1.0, 2.0], [0.0, 0.0]])
    loss, grad = objective(pts)
    np.testing.assert_array_equal(loss, surface.value(pts))
    np.testing.assert_array_equal(grad, surface.grad(pts) + noise)


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("hyperparams, fragments", [
    ({"lr": 0.0}, ["lr", "0.0"]),
    ({"lr": -1.0}, ["lr", "-1.0"]),
    ({"history_size": 0}, ["history_size", "0"]),
    ({"history_size": 2.5}, ["history_size", "2.5"]),
    ({"history_size": 1001}, ["history_size", "1001"]),
    ({"tolerance_grad": -1e-3}, ["tolerance_grad", "-0.001"]),
    ({"tolerance_change": float("nan")}, ["tolerance_change", "nan"]),
    ({"strong_wolfe": "yes"}, ["strong_wolfe", "yes"]),
    ({"line_search_fn": "backtracking"}, ["line_search_fn", "backtracking"]),
    ({"line_search_fn": "strong_wolfe", "strong_wolfe": False}, ["line_search_fn", "strong_wolfe"]),
    ({"max_iter": 20}, ["max_iter", "lbfgs"]),
])
def test_bad_hyperparameters_raise_with_name_and_value(hyperparams, fragments):
    with pytest.raises(ValueError) as err:
        optimizers.get("lbfgs", **hyperparams)
    for fragment in fragments:
        assert fragment in str(err.value)


def test_torch_spelling_of_the_line_search():
    assert optimizers.get("lbfgs", line_search_fn="strong_wolfe").hyperparams["strong_wolfe"] is True
    assert optimizers.get("lbfgs", line_search_fn=None).hyperparams["strong_wolfe"] is False


def test_history_memory_is_capped():
    rule = optimizers.get("lbfgs", history_size=1000)
    with pytest.raises(ValueError, match="history_size"):
        rule.init(np.zeros((10_000, 2)))
    assert math.prod(optimizers.get("lbfgs").init(np.zeros((10_000, 2))).s_hist.shape) == 2_000_000
