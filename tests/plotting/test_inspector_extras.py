"""The inspector's view of state beyond one value per coordinate: L-BFGS's line-search trials and stored
pairs, Newton's Hessian (plotting.inspector.extra_tables and the trial markers on the map)."""

from __future__ import annotations

import numpy as np
import pytest

import optimizers
import surfaces
from plotting.inspector import MAX_PAIRS_SHOWN, extra_tables, inspector_figure

ROSENBROCK = surfaces.get("rosenbrock")


def _run(name, steps=12, **hyper):
    return optimizers.run(optimizers.get(name, **hyper), ROSENBROCK, [[-1.2, 1.0]], steps, record_state=True)


def test_line_search_trials_are_the_recorded_evaluations_and_lie_on_the_search_line():
    traj = _run("lbfgs", strong_wolfe=True)
    for step in range(1, 13):
        tables = dict(extra_tables([traj], ["L-BFGS"], step))
        r = step
        k = int(traj.extra_state["ls_evals"][r, 0])
        title = next((title for title in tables if "line search" in title), None)
        if k == 0:
            assert title is None
            continue
        trials = tables[title]
        assert f"(evaluations: {k})" in title and len(trials) == k
        before = traj.points[r - 1, 0]
        direction = traj.state["direction"][r, 0]
        for _, row in trials.iterrows():  # x + t d, and its loss is f there
            point = before + row["step length t"] * direction
            assert (row["x"], row["y"]) == pytest.approx(tuple(point), rel=1e-9, abs=1e-12)
            assert row["loss"] == pytest.approx(float(ROSENBROCK.value(point[None])[0]), rel=1e-9)
        # the step taken is the last trial's step length along the direction
        taken = traj.points[r, 0] - before
        assert taken == pytest.approx(trials["step length t"].iloc[-1] * direction, rel=1e-9, abs=1e-14)


def test_stored_pairs_are_steps_and_gradient_changes_newest_last():
    traj = _run("lbfgs", steps=20, history_size=5)
    step = 15
    title, pairs = [item for item in extra_tables([traj], ["L-BFGS"], step) if "pairs" in item[0]][0]
    assert "(5 of at most 5" in title and len(pairs) == 5
    # torch forms a pair at the start of an iteration, from the step before: after update k the newest pair
    # is s = x_{k-1} - x_{k-2} and y = ∇f(x_{k-1}) - ∇f(x_{k-2}) (grad row k is the gradient update k used)
    s = traj.points[step - 1, 0] - traj.points[step - 2, 0]
    y = traj.state["grad"][step, 0] - traj.state["grad"][step - 1, 0]
    newest = pairs.iloc[-1]
    assert (newest["s_x"], newest["s_y"]) == pytest.approx(tuple(s), rel=1e-9, abs=1e-15)
    assert (newest["y_x"], newest["y_y"]) == pytest.approx(tuple(y), rel=1e-9, abs=1e-12)
    assert newest["ρ = 1/yᵀs"] == pytest.approx(1 / float(y @ s))


def test_a_long_history_shows_only_its_last_pairs():
    traj = _run("lbfgs", steps=30)
    title, pairs = [item for item in extra_tables([traj], ["L-BFGS"], 30) if "pairs" in item[0]][0]
    k = int(traj.extra_state["n_pairs"][30, 0])
    assert k > MAX_PAIRS_SHOWN and len(pairs) == MAX_PAIRS_SHOWN
    assert list(pairs["pair"]) == list(range(k - MAX_PAIRS_SHOWN + 1, k + 1)) and "last 10 shown" in title


def test_values_kept_once_per_run_are_listed_with_their_recorded_value():
    for name in ("asgd", "prodigy", "novograd", "polyak_sgd", "schedule_free_adamw", "lbfgs"):
        traj = _run(name, steps=6)
        title, table = extra_tables([traj], [name], 4)[0]
        scalars = {key: value for key, value in traj.extra_state.items() if value.ndim == 2}
        assert "once per run" in title and list(table["quantity"]) == list(scalars), name
        assert list(table["value"]) == pytest.approx([float(v[4, 0]) for v in scalars.values()]), name


def test_newtons_hessian_is_the_surfaces_at_the_point_before_the_step():
    traj = _run("newton", steps=3)
    [(title, table)] = extra_tables([traj], ["Newton"], 2, lang="ko")
    assert "헤세" in title
    before = traj.points[1, 0]
    hess = ROSENBROCK.hess(before[None])[0]
    assert table[["H[·, x]", "H[·, y]"]].to_numpy() == pytest.approx(hess)
    assert table.iloc[:, -1].to_numpy() == pytest.approx(np.linalg.eigvalsh(hess))


def test_first_order_rules_have_no_extra_tables():
    assert extra_tables([_run("adam", lr=0.01)], ["Adam"], 3) == []


def test_the_map_marks_the_trials_with_their_step_and_loss():
    traj = _run("lbfgs", strong_wolfe=True)
    spec = inspector_figure(ROSENBROCK, [traj], ["L-BFGS"], 1)
    [trials] = [d for d in spec["data"] if d.get("name") == "L-BFGS: line-search trials"]
    k = int(traj.extra_state["ls_evals"][1, 0])
    assert len(trials["x"]) == len(trials["text"]) == k >= 2
    assert trials["text"][0].startswith("trial 1: t = ")
    assert trials["marker"]["symbol"] == "x-thin-open"
