"""The time loop: batching, divergence, seeds, recording, limits."""

import math

import numpy as np
import pytest

import optimizers
import surfaces

TWO_D = surfaces.names(dim=2)
OPTIMIZERS = optimizers.names()


def _lr_for(name):
    # Learning rates that make every rule move visibly in a few steps.
    return {"adadelta": 1.0}.get(optimizers.rule_class(name).name, 0.01)


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_batched_run_equals_runs_one_at_a_time(name):
    surface = surfaces.get("rosenbrock" if "rosenbrock" in TWO_D else TWO_D[0])
    rng = np.random.default_rng(1)
    (xlo, xhi), (ylo, yhi) = surface.window
    starts = np.column_stack([rng.uniform(xlo, xhi, 5), rng.uniform(ylo, yhi, 5)])
    opt = optimizers.get(name, lr=_lr_for(name))
    batched = optimizers.run(opt, surface, starts, 40, record_state=True)
    for i, start in enumerate(starts):
        single = optimizers.run(opt, surface, start, 40, record_state=True)
        np.testing.assert_array_equal(batched.points[:, i], single.points[:, 0])
        np.testing.assert_array_equal(batched.loss[:, i], single.loss[:, 0])
        assert batched.diverged_at[i] == single.diverged_at[0]
        for key in batched.state:
            np.testing.assert_array_equal(batched.state[key][:, i], single.state[key][:, 0])
        for key in batched.extra_state:
            np.testing.assert_array_equal(batched.extra_state[key][:, i], single.extra_state[key][:, 0], err_msg=key)


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_per_run_learning_rates_equal_separate_runs(name):
    surface = surfaces.get("anisotropic")
    lrs = np.array([1e-3, 1e-2, 1e-1, 0.5])
    swept = optimizers.run(optimizers.get(name, lr=lrs), surface, (-7.0, 2.0), 25)
    assert swept.points.shape == (26, 4, 2)
    for i, lr in enumerate(lrs):
        one = optimizers.run(optimizers.get(name, lr=float(lr)), surface, (-7.0, 2.0), 25)
        np.testing.assert_array_equal(swept.points[:, i], one.points[:, 0])


# Rules whose step does not grow with lr, so lr = 1e6 need not run off the cubic within 200 steps: Rprop's step
# sizes are clamped (at most step_sizes[1] = 50 per step: it ends at -9997.5, inside the bound 1e4); Adafactor's
# relative step is min(lr, 1/sqrt(t)) RMS(θ) (its first step lands on the maximum x = 0, where RMS(θ) = 0 stops
# it); Polyak's lr only caps (f - f_min)/|g|², which stops at the root f = 0.
LR_BOUNDED = {"rprop", "adafactor", "polyak_sgd"}


@pytest.mark.parametrize("name", OPTIMIZERS)
@pytest.mark.parametrize("surface_name", ["anisotropic", "rosenbrock", "cubic"])
def test_diverging_learning_rate_is_marked_and_outputs_stay_finite(name, surface_name):
    if surface_name not in surfaces.names():
        pytest.skip(f"{surface_name} not registered")
    surface = surfaces.get(surface_name)
    start = surface.starts[0]
    traj = optimizers.run(optimizers.get(name, lr=1e6), surface, [start, start], 200, record_state=True)
    assert np.isfinite(traj.points).all() and np.isfinite(traj.loss).all()
    for arr in traj.state.values():
        assert np.isfinite(arr).all()
    rule = optimizers.rule_class(name).name
    if rule in {"sgd", "adagrad", "rmsprop", "adam", "adamw", "nadam", "radam", "adamax"} or (
            surface_name == "cubic" and rule not in LR_BOUNDED):
        assert (traj.diverged_at > 0).all(), traj.diverged_at
    for i in np.flatnonzero(traj.diverged):
        k = traj.diverged_at[i]
        # frozen at the last finite point from update k on
        frozen = traj.points[traj.steps >= k, i]
        assert (frozen == traj.points[traj.steps == k - 1, i]).all()


def test_cubic_left_of_maximum_runs_off_and_is_marked():
    if "cubic" not in surfaces.names():
        pytest.skip("cubic not registered")
    surface = surfaces.get("cubic")
    traj = optimizers.run(optimizers.get("gd", lr=0.1), surface, [[-0.1], [0.5]], 500)
    assert traj.diverged_at[0] > 0            # runs toward -inf
    assert traj.diverged_at[1] == -1           # right of 0: settles at 4/3
    assert traj.final_points[1, 0] == pytest.approx(4 / 3, abs=1e-6)


def test_same_seed_same_path_and_other_seed_other_path():
    surface = surfaces.get("saddle" if "saddle" in TWO_D else "anisotropic")
    opt = optimizers.get("gd", lr=0.05)
    a = optimizers.run(opt, surface, [(1.0, 0.0)], 100, noise=0.01, seed=7)
    b = optimizers.run(opt, surface, [(1.0, 0.0)], 100, noise=0.01, seed=7)
    c = optimizers.run(opt, surface, [(1.0, 0.0)], 100, noise=0.01, seed=8)
    np.testing.assert_array_equal(a.points, b.points)
    assert not np.array_equal(a.points, c.points)


def test_noise_zero_is_deterministic_gd():
    surface = surfaces.get("anisotropic")
    traj = optimizers.run(optimizers.get("gd", lr=0.1), surface, (-7.0, 2.0), 3)
    x, y = -7.0, 2.0
    for t in range(1, 4):
        x, y = x - 0.1 * x / 10, y - 0.1 * 2 * y
        assert traj.points[t, 0].tolist() == pytest.approx([x, y], rel=1e-15)


def test_record_every_keeps_start_and_last_step():
    surface = surfaces.get("anisotropic")
    traj = optimizers.run(optimizers.get("adam", lr=0.1), surface, (-7.0, 2.0), 95, record_every=10)
    assert traj.steps.tolist() == [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95]
    full = optimizers.run(optimizers.get("adam", lr=0.1), surface, (-7.0, 2.0), 95)
    np.testing.assert_array_equal(traj.points, full.points[traj.steps])


def test_schedule_changes_the_learning_rate_per_update():
    schedules = pytest.importorskip("optimizers.schedules")
    surface = surfaces.get("anisotropic")
    sched = schedules.get("inverse_sqrt")
    traj = optimizers.run(optimizers.get("gd", lr=0.5), surface, (-7.0, 2.0), 4, schedule=sched)
    x = np.array([-7.0, 2.0])
    for t in range(1, 5):
        x = x - 0.5 / math.sqrt(t) * surface.grad(x)
        np.testing.assert_allclose(traj.points[t, 0], x, rtol=1e-14)


def test_recorded_state_describes_each_update():
    surface = surfaces.get("anisotropic")
    traj = optimizers.run(optimizers.get("momentum", lr=0.1), surface, (-7.0, 2.0), 5, record_state=True)
    g1 = surface.grad(np.array([-7.0, 2.0]))
    np.testing.assert_allclose(traj.state["grad"][1, 0], g1)
    np.testing.assert_allclose(traj.state["update"][1, 0], traj.points[1, 0] - traj.points[0, 0])
    np.testing.assert_allclose(traj.state["effective_lr"][1, 0], [0.1, 0.1])
    np.testing.assert_allclose(traj.state["momentum_buffer"][1, 0], g1)
    assert (traj.state["grad"][0] == 0).all()


def test_to_frame_is_tidy():
    surface = surfaces.get("anisotropic")
    traj = optimizers.run(optimizers.get("sgd", lr=[0.1, 1e6]), surface, (-7.0, 2.0), 10)
    frame = traj.to_frame()
    assert list(frame.columns) == ["run", "optimizer", "step", "lr", "x", "y", "loss", "diverged"]
    assert len(frame) == 11 * 2
    assert frame.loc[frame.run == 1, "diverged"].iloc[-1]
    assert not frame.loc[frame.run == 0, "diverged"].any()
    assert np.isfinite(frame[["x", "y", "loss"]].to_numpy()).all()


def test_steps_to_tolerance():
    surface = surfaces.get("anisotropic")
    traj = optimizers.run(optimizers.get("gd", lr=[0.5, 1e6]), surface, (-7.0, 2.0), 200)
    reached = traj.steps_to(1e-3)
    assert reached[1] == -1
    k = reached[0]
    assert traj.loss[k, 0] <= 1e-3 < traj.loss[k - 1, 0]


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"steps": -1}, "steps"),
        ({"steps": 10**9}, "steps"),
        ({"steps": 2.5}, "steps"),
        ({"steps": 10, "record_every": 0}, "record_every"),
        ({"steps": 10, "noise": -1.0}, "noise"),
        ({"steps": 10, "noise": float("nan")}, "noise"),
        ({"steps": 10, "batch_size": 4}, "batch_size"),
        ({"steps": 100_000, "starts": np.zeros((1000, 2))}, "Too much work"),
        ({"steps": 10, "starts": [[np.nan, 0.0]]}, "starts"),
        ({"steps": 10, "starts": [[1.0, 2.0, 3.0]]}, "starts"),
    ],
)
def test_bad_run_arguments_raise_value_error(kwargs, match):
    kwargs = dict(kwargs)
    starts = kwargs.pop("starts", [(-7.0, 2.0)])
    with pytest.raises(ValueError, match=match):
        optimizers.run(optimizers.get("gd", lr=0.1), surfaces.get("anisotropic"), starts, **kwargs)


def test_recording_is_capped():
    with pytest.raises(ValueError, match="record"):
        optimizers.run(optimizers.get("adam"), surfaces.get("anisotropic"), np.zeros((20_000, 2)), 2_000,
                       record_state=True)
