"""The hot loop (issue 11, part 4): rules that write into the run loop's buffers, the batch screen.

A rule that sets ``writes_into`` must give, bit for bit (signed zeros included), what its pure
``update`` gives, whether the run loop hands it fresh buffers or the state's own arrays; and a run
through those buffers must equal the same run through the pure updates. The divergence screen
(one max, one min and one sum per step) must flag exactly the runs the per-run check flags.
"""

from __future__ import annotations

import copy
import tracemalloc

import numpy as np
import pytest

import optimizers
import surfaces

INTO = [name for name in optimizers.names() if getattr(optimizers.get(name), "writes_into", False)]
CLASSIC = {"sgd", "adagrad", "adadelta", "rmsprop", "adam", "adamw", "nadam", "radam", "adamax"}


def _identical(a, b, what=""):
    a, b = np.asarray(a), np.asarray(b)
    assert a.shape == b.shape, what
    np.testing.assert_array_equal(a, b, err_msg=what)
    np.testing.assert_array_equal(np.signbit(a), np.signbit(b), err_msg=f"{what}: signed zeros")


def _configs(name):
    """Hyperparameters that reach every branch: defaults, per-run values, weight decay, momentum."""
    lr = {"adadelta": 1.0}.get(optimizers.rule_class(name).name, 0.05)
    out = [{"lr": lr}, {"lr": [lr, lr / 10, lr * 3]}]
    spec = {p.name: p for p in optimizers.rule_class(name).SPEC}
    fixed = optimizers.alias_defaults(name)
    if "weight_decay" in spec:
        out.append({"lr": lr, "weight_decay": 0.1})
        out.append({"lr": lr, "weight_decay": [0.0, 0.1, 0.0]})
    if "momentum" in spec and "momentum" not in fixed:
        out.append({"lr": lr, "momentum": 0.9})
        if not fixed.get("nesterov"):
            out.append({"lr": lr, "momentum": [0.0, 0.5, 0.9]})
    if "betas" in spec:
        out.append({"lr": lr, "betas": ([0.9, 0.5, 0.0], [0.999, 0.9, 0.3])})
    for flag in ("amsgrad", "centered", "decoupled_weight_decay", "epsilon_hat"):
        if flag in spec and flag not in fixed:
            out.append({"lr": lr, flag: True, **({"weight_decay": 0.1} if "weight_decay" in spec else {})})
    return out


def test_the_classic_first_order_rules_write_into_buffers():
    assert CLASSIC <= {optimizers.rule_class(name).name for name in INTO}
    assert not optimizers.get("lbfgs").writes_into and not optimizers.get("newton").writes_into


@pytest.mark.parametrize("name", INTO)
def test_update_into_buffers_equals_the_pure_update(name):
    rng = np.random.default_rng(7)
    for hp in _configs(name):
        opt = optimizers.get(name, **hp)
        x = rng.normal(size=(3, 2)) * 2
        pure_x, pure_state = x.copy(), opt.init(x)
        into_x, into_state = x.copy(), opt.init(x)
        inplace_x, inplace_state = x.copy(), opt.init(x)
        fields = [f for f, v in pure_state._asdict().items() if isinstance(v, np.ndarray) and v.shape == x.shape]
        for t in range(8):
            g = rng.normal(size=x.shape) * 10
            g[0, 0] = -0.0
            lr = None if t % 3 else np.array([0.02, 0.01, 0.2])
            pure_x, pure_state = opt.update(g, pure_state, pure_x, lr=lr)
            # fresh buffers, as with record_state (the old state must stay as it was)
            kept = {f: getattr(into_state, f).copy() for f in fields}
            into_state_before = into_state
            buffers = (np.full_like(x, np.nan), into_state._replace(**{f: np.full_like(x, np.nan) for f in fields}))
            into_x, into_state = opt.update(g, into_state, into_x, lr=lr, out=buffers)
            assert into_x is buffers[0]
            # the state's own arrays, as without record_state
            inplace_x, inplace_state = opt.update(g, inplace_state, inplace_x, lr=lr,
                                                  out=(np.full_like(x, np.nan), inplace_state))
            for got_x, got_state in ((into_x, into_state), (inplace_x, inplace_state)):
                _identical(got_x, pure_x, f"{name} {hp} step {t} params")
                for f in fields:
                    _identical(getattr(got_state, f), getattr(pure_state, f), f"{name} {hp} step {t} {f}")
            for f in fields:  # the input state was left as it was
                _identical(getattr(into_state_before, f), kept[f], f"{name} {hp} step {t} old {f}")


@pytest.mark.parametrize("name", INTO)
@pytest.mark.parametrize("kwargs", [{}, {"record_state": True}, {"record_every": 3}, {"noise": 0.3, "seed": 2},
                                    {"record_state": True, "record_every": 4}])
def test_a_run_through_the_buffers_equals_the_run_through_pure_updates(name, kwargs):
    surface = surfaces.get("rosenbrock")
    rng = np.random.default_rng(3)
    starts = np.column_stack([rng.uniform(lo, hi, 6) for lo, hi in surface.window])
    for hp in ({"lr": {"adadelta": 1.0}.get(optimizers.rule_class(name).name, 0.01)},
               {"lr": [1e-3, 1e-2, 0.1, 1.0, 10.0, 1e4]}):  # the last ones diverge
        opt = optimizers.get(name, **hp)
        plain = copy.copy(opt)
        plain.writes_into = False
        fast, slow = optimizers.run(opt, surface, starts, 60, **kwargs), optimizers.run(plain, surface, starts, 60, **kwargs)
        _identical(fast.points, slow.points, "points")
        _identical(fast.loss, slow.loss, "loss")
        np.testing.assert_array_equal(fast.diverged_at, slow.diverged_at)
        assert fast.state.keys() == slow.state.keys()
        for key in fast.state:
            _identical(fast.state[key], slow.state[key], key)


def _flat(grad_value):
    """f = 0 everywhere (finite at any point, even NaN or infinite ones), with a gradient that overflows."""
    return surfaces.Surface(
        name="flat", dim=2, value_fn=lambda p: np.zeros(p.shape[:-1]),
        grad_fn=lambda p: np.where(np.arange(p.shape[0])[:, None] % 2 == 0, grad_value, 1.0) * np.ones(p.shape),
        window=((-1.0, 1.0), (-1.0, 1.0)), starts=((0.0, 0.0),), critical_points=(), latex="f = 0",
        title={"en": "flat"}, description={"en": ""})


@pytest.mark.parametrize("grad_value", [-1e308, np.nan, np.inf])
@pytest.mark.parametrize("bound", [None, np.inf])
def test_the_screen_catches_points_that_leave_while_the_loss_stays_finite(grad_value, bound):
    starts = np.zeros((6, 2))
    for name in ("gd", "adam"):
        opt = optimizers.get(name, lr=1.0 if name == "gd" else 0.1)
        traj = optimizers.run(opt, _flat(grad_value), starts, 5, bound=bound)
        assert np.isfinite(traj.points).all() and np.isfinite(traj.loss).all()
        # Runs 0, 2, 4 get the bad gradient, the others move by lr per step and stay. GD with -1e308
        # reaches 1e308 (finite: beyond the default bound at once, beyond an infinite one when it
        # overflows at step 2); Adam's step stays finite there (m / sqrt(inf) = 0) and only NaN and inf leave.
        expected = np.where(np.arange(6) % 2 == 0, 1, -1)
        if grad_value == -1e308 and name == "gd" and bound == np.inf:
            expected = np.where(np.arange(6) % 2 == 0, 2, -1)
        if grad_value == -1e308 and name == "adam":
            expected = np.full(6, -1)
        np.testing.assert_array_equal(traj.diverged_at, expected, err_msg=f"{name} {grad_value} {bound}")


def test_an_overflowing_sum_of_finite_losses_is_not_divergence():
    # every loss finite but their sum inf: the screen fails, the per-run check keeps them all alive
    surface = surfaces.get("parabola")
    starts = np.array([[1e154], [1e154], [-1e154], [0.5]])
    traj = optimizers.run(optimizers.get("gd", lr=1e-3), surface, starts, 3, bound=1e200)
    assert (traj.diverged_at == -1).all()
    with np.errstate(over="ignore"):
        assert np.isinf(traj.loss[0].sum()) and np.isfinite(traj.loss).all()


def test_recording_holds_the_memory_of_what_it_records_and_a_few_runs_wide_buffers():
    surface = surfaces.get("rosenbrock")
    n, steps = 2048, 200
    starts = np.column_stack([np.linspace(-1.5, 1.5, n), np.linspace(-0.5, 2.5, n)])
    opt = optimizers.get("adam", lr=1e-2)
    optimizers.run(opt, surface, starts[:4], 2)
    tracemalloc.start()
    traj = optimizers.run(opt, surface, starts, steps)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    recorded = traj.points.nbytes + traj.loss.nbytes
    assert peak <= recorded + 16 * n * 2 * 8, (peak, recorded)
