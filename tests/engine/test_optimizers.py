"""Update rules, schedules and presets.

Checked against (1) steps worked out by hand from the documented formulas,
(2) torch.optim: golden trajectories in tests/golden/torch_reference.json, and
live when torch is importable, (3) their own contracts: per-run arrays equal
separate runs, validation messages, LaTeX that KaTeX renders. Everything is
parametrised over the registries, so registering a rule puts it under test
(and fails until it has a hand reference and golden cases).
"""

from __future__ import annotations

import ast
import dataclasses
import importlib.util
import json
import math
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import optimizers
from optimizers import presets, schedules

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
REFERENCE = json.loads((GOLDEN / "torch_reference.json").read_text())
_spec = importlib.util.spec_from_file_location("make_torch_reference", GOLDEN / "make_torch_reference.py")
make_ref = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_ref)

NAMES = optimizers.names()
RULE_NAMES = optimizers.names(include_aliases=False)
# Rules that couple the coordinates or evaluate more than the gradient have their own test files
# (by hand, torch golden data, contracts): they cannot be worked out one coordinate at a time.
OWN_TESTS = {"lbfgs": "test_lbfgs.py", "newton": "test_newton.py"}
# Issue 11's frontier rules are checked against torch.optim 2.13 / optax 0.2.8 golden runs of their own
# (tests/golden/frontier_reference.json): parity, per-run arrays, defaults and validation there.
FRONTIER_RULES = ("rprop", "asgd", "adafactor", "lion", "adabelief", "adan", "lamb", "lars", "yogi", "novograd",
                  "polyak_sgd", "schedule_free_sgd", "schedule_free_adamw", "prodigy")
OWN_TESTS |= {rule: "test_frontier_parity.py" for rule in FRONTIER_RULES}
# Names whose update needs only the gradient (no objective=): the generic contracts below call update directly.
GRADIENT_ONLY = [name for name in NAMES if not optimizers.get(name).needs_objective]
START = (-7.0, 2.0)  # "Deep Learning from Scratch", ch. 6


def rule_of(name: str) -> str:
    return optimizers.rule_class(name).name


def as_kwargs(hyperparams: dict) -> dict:
    """JSON lists (betas) back to tuples."""
    return {k: tuple(v) if isinstance(v, list) else v for k, v in hyperparams.items()}


def grad_of(function: str):
    fn = make_ref.FUNCTIONS[function][0]
    return lambda x: np.stack(fn(x[:, 0], x[:, 1]), axis=1)


def anisotropic(x):  # gradient of f = x²/20 + y²
    return np.stack([x[:, 0] / 10.0, 2.0 * x[:, 1]], axis=1)


def trajectory(opt, grad, starts, steps, schedule=None, lr=None):
    """Points after every update, shape (steps, n, d)."""
    x = np.atleast_2d(np.array(starts, dtype=float))
    state = opt.init(x)
    out = []
    for t in range(1, steps + 1):
        step_lr = schedule(opt.lr, t) if schedule is not None else lr
        x, state = opt.update(grad(x), state, x, lr=step_lr)
        out.append(x)
    return np.array(out)


# ---------------------------------------------------------------------------
# 1. Steps worked out by hand: plain Python floats, one coordinate at a time,
#    straight from each rule's documented algorithm.
# ---------------------------------------------------------------------------

def hand_sgd(g_of, theta, steps, lr, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=False):
    out, b = [], None
    for t in range(1, steps + 1):
        g = g_of(theta) + weight_decay * theta
        if momentum != 0:
            b = g if t == 1 else momentum * b + (1 - dampening) * g
            g = g + momentum * b if nesterov else b
        theta = theta - lr * g
        out.append(theta)
    return out


def hand_adagrad(g_of, theta, steps, lr, lr_decay=0.0, weight_decay=0.0, initial_accumulator_value=0.0, eps=1e-10):
    out, total = [], initial_accumulator_value
    for t in range(1, steps + 1):
        g = g_of(theta)
        clr = lr / (1 + (t - 1) * lr_decay)
        g = g + weight_decay * theta
        total = total + g * g
        theta = theta - clr * g / (math.sqrt(total) + eps)
        out.append(theta)
    return out


def hand_adadelta(g_of, theta, steps, lr, rho=0.9, eps=1e-6, weight_decay=0.0):
    out, v, u = [], 0.0, 0.0
    for _ in range(steps):
        g = g_of(theta) + weight_decay * theta
        v = v * rho + g * g * (1 - rho)
        dx = math.sqrt(u + eps) / math.sqrt(v + eps) * g
        u = u * rho + dx * dx * (1 - rho)
        theta = theta - lr * dx
        out.append(theta)
    return out


def hand_rmsprop(g_of, theta, steps, lr, alpha=0.99, eps=1e-8, weight_decay=0.0, momentum=0.0, centered=False):
    out, v, b, g_ave = [], 0.0, 0.0, 0.0
    for _ in range(steps):
        g = g_of(theta) + weight_decay * theta
        v = alpha * v + (1 - alpha) * g * g
        v_tilde = v
        if centered:
            g_ave = alpha * g_ave + (1 - alpha) * g
            v_tilde = v_tilde - g_ave**2
        if momentum > 0:
            b = momentum * b + g / (math.sqrt(v_tilde) + eps)
            theta = theta - lr * b
        else:
            theta = theta - lr * g / (math.sqrt(v_tilde) + eps)
        out.append(theta)
    return out


def hand_adam(g_of, theta, steps, lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad=False,
              decoupled_weight_decay=False, epsilon_hat=False):
    b1, b2 = betas
    out, m, v, v_max = [], 0.0, 0.0, 0.0
    for t in range(1, steps + 1):
        g = g_of(theta)
        if weight_decay != 0:
            if decoupled_weight_decay:
                theta = theta - lr * weight_decay * theta
            else:
                g = g + weight_decay * theta
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        m_hat = m / (1 - b1**t)
        if amsgrad:
            v_max = max(v_max, v)
            v_hat = v_max / (1 - b2**t)
        else:
            v_hat = v / (1 - b2**t)
        if epsilon_hat:
            theta = theta - lr * m_hat / (math.sqrt(v_hat) + eps / math.sqrt(1 - b2**t))
        else:
            theta = theta - lr * m_hat / (math.sqrt(v_hat) + eps)
        out.append(theta)
    return out


def hand_adamw(g_of, theta, steps, lr, weight_decay=1e-2, **kwargs):
    return hand_adam(g_of, theta, steps, lr, weight_decay=weight_decay, decoupled_weight_decay=True, **kwargs)


def hand_nadam(g_of, theta, steps, lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, momentum_decay=4e-3,
               decoupled_weight_decay=False):
    b1, b2 = betas
    out, m, v, mu_product = [], 0.0, 0.0, 1.0
    for t in range(1, steps + 1):
        g = g_of(theta)
        if weight_decay != 0:
            if decoupled_weight_decay:
                theta = theta - lr * weight_decay * theta
            else:
                g = g + weight_decay * theta
        mu = b1 * (1 - 0.5 * 0.96 ** (t * momentum_decay))
        mu_next = b1 * (1 - 0.5 * 0.96 ** ((t + 1) * momentum_decay))
        mu_product = mu_product * mu  # prod_{i=1}^{t}
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        m_hat = mu_next * m / (1 - mu_product * mu_next) + (1 - mu) * g / (1 - mu_product)
        v_hat = v / (1 - b2**t)
        theta = theta - lr * m_hat / (math.sqrt(v_hat) + eps)
        out.append(theta)
    return out


def hand_radam(g_of, theta, steps, lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, decoupled_weight_decay=False):
    b1, b2 = betas
    rho_inf = 2 / (1 - b2) - 1
    out, m, v = [], 0.0, 0.0
    for t in range(1, steps + 1):
        g = g_of(theta)
        if weight_decay != 0:
            if decoupled_weight_decay:
                theta = theta - lr * weight_decay * theta
            else:
                g = g + weight_decay * theta
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        m_hat = m / (1 - b1**t)
        rho_t = rho_inf - 2 * t * b2**t / (1 - b2**t)
        if rho_t > 5:
            l_t = math.sqrt(1 - b2**t) / (math.sqrt(v) + eps)
            r_t = math.sqrt((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t))
            theta = theta - lr * m_hat * r_t * l_t
        else:
            theta = theta - lr * m_hat
        out.append(theta)
    return out


def hand_adamax(g_of, theta, steps, lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
    b1, b2 = betas
    out, m, u = [], 0.0, 0.0
    for t in range(1, steps + 1):
        g = g_of(theta) + weight_decay * theta
        m = b1 * m + (1 - b1) * g
        u = max(b2 * u, abs(g) + eps)
        theta = theta - lr * m / ((1 - b1**t) * u)
        out.append(theta)
    return out


HAND = {
    "sgd": hand_sgd, "adagrad": hand_adagrad, "adadelta": hand_adadelta, "rmsprop": hand_rmsprop,
    "adam": hand_adam, "adamw": hand_adamw, "nadam": hand_nadam, "radam": hand_radam, "adamax": hand_adamax,
}
# Hyperparameters for the by-hand check of every name (an alias adds its own on top).
HAND_HYPERPARAMS = {
    "sgd": {"lr": 0.1, "weight_decay": 0.01},
    "adagrad": {"lr": 0.5, "lr_decay": 0.1, "weight_decay": 0.01, "initial_accumulator_value": 0.1},
    "adadelta": {"lr": 1.0, "rho": 0.9, "eps": 1e-6, "weight_decay": 0.01},
    "rmsprop": {"lr": 0.01, "alpha": 0.99, "weight_decay": 0.01},
    "adam": {"lr": 0.1, "weight_decay": 0.01},
    "adamw": {"lr": 0.1},
    "nadam": {"lr": 0.1, "weight_decay": 0.01},
    "radam": {"lr": 0.1, "weight_decay": 0.01},
    "adamax": {"lr": 0.1, "weight_decay": 0.01},
}
# Extra branches, each checked by hand too: (name, hyperparameters, steps)
HAND_BRANCHES = [
    ("sgd", {"lr": 0.1, "momentum": 0.5, "dampening": 0.3}, 3),
    ("nesterov", {"lr": 0.05, "weight_decay": 0.1}, 3),
    ("rmsprop", {"lr": 0.01, "centered": True, "momentum": 0.9}, 3),
    ("rmsprop", {"lr": 0.01, "momentum": 0.5, "eps": 1e-3}, 3),
    ("adam", {"lr": 0.1, "betas": (0.3, 0.8), "weight_decay": 0.1, "decoupled_weight_decay": True}, 3),
    ("adam", {"lr": 0.1, "eps": 0.5, "epsilon_hat": True, "amsgrad": True}, 3),
    ("adamw", {"lr": 0.1, "weight_decay": 0.5, "epsilon_hat": True}, 3),
    ("nadam", {"lr": 0.1, "momentum_decay": 0.5, "weight_decay": 0.1, "decoupled_weight_decay": True}, 3),
    ("radam", {"lr": 0.1, "betas": (0.9, 0.9), "weight_decay": 0.1, "decoupled_weight_decay": True}, 8),
    ("adamax", {"lr": 0.1, "betas": (0.5, 0.9), "eps": 0.1}, 3),
]
COORDINATE_GRADS = (lambda x: x / 10.0, lambda y: 2.0 * y)  # f = x²/20 + y²


def by_hand(name, hyperparams, steps):
    rule = rule_of(name)
    if rule not in HAND:
        pytest.fail(f"{rule} has no hand-written reference in test_optimizers.HAND")
    hp = {**optimizers.alias_defaults(name), **hyperparams}
    columns = [HAND[rule](g_of, theta, steps, **hp) for g_of, theta in zip(COORDINATE_GRADS, START)]
    return np.array(columns).T, hp


def test_every_rule_has_a_hand_reference_here_or_its_own_tests():
    assert set(RULE_NAMES) - set(HAND) <= set(OWN_TESTS)
    for rule, filename in OWN_TESTS.items():
        if rule in RULE_NAMES:
            assert (Path(__file__).with_name(filename)).exists(), filename


@pytest.mark.parametrize("name", [n for n in NAMES if rule_of(n) not in OWN_TESTS])
def test_first_three_steps_match_the_formula_by_hand(name):
    expected, hp = by_hand(name, HAND_HYPERPARAMS.get(rule_of(name), {"lr": 0.1}), 3)
    got = trajectory(optimizers.get(name, **hp), anisotropic, [START], 3)[:, 0]
    np.testing.assert_allclose(got, expected, rtol=1e-13, atol=1e-15)


@pytest.mark.parametrize("name, hyperparams, steps", HAND_BRANCHES, ids=lambda v: str(v) if isinstance(v, str) else None)
def test_branches_match_the_formula_by_hand(name, hyperparams, steps):
    expected, hp = by_hand(name, hyperparams, steps)
    got = trajectory(optimizers.get(name, **hp), anisotropic, [START], steps)[:, 0]
    np.testing.assert_allclose(got, expected, rtol=1e-13, atol=1e-15)


def test_worked_numbers_for_sgd_momentum_and_adam():
    # g(θ) = (x/10, 2y) at (-7, 2) is (-0.7, 4).
    sgd = trajectory(optimizers.get("sgd", lr=0.1), anisotropic, [START], 2)[:, 0]
    np.testing.assert_allclose(sgd, [[-6.93, 1.6], [-6.8607, 1.28]], rtol=1e-14)
    # b1 = g1; b2 = 0.9 b1 + g2 = (-0.63 - 0.693, 3.6 + 3.2)
    mom = trajectory(optimizers.get("momentum", lr=0.1), anisotropic, [START], 2)[:, 0]
    np.testing.assert_allclose(mom, [[-6.93, 1.6], [-6.93 + 0.1323, 1.6 - 0.68]], rtol=1e-14)
    # Adam's first step is lr·g/(|g| + eps): almost exactly lr against the gradient. (Its bias corrections are
    # 1 - β¹: β itself from any pow within an ulp, SVML's or glibc's, so a few ulps of division and sqrt remain.)
    adam = trajectory(optimizers.get("adam", lr=0.1), anisotropic, [START], 1)[0, 0]
    np.testing.assert_allclose(adam, [-7 + 0.1 * 0.7 / (0.7 + 1e-8), 2 - 0.1 * 4 / (4 + 1e-8)], rtol=1e-15)
    # RAdam's first steps (ρ_t <= 5) are plain bias-corrected momentum: θ1 = θ0 − lr·g.
    radam = trajectory(optimizers.get("radam", lr=0.1), anisotropic, [START], 1)[0, 0]
    np.testing.assert_allclose(radam, [-6.93, 1.6], rtol=1e-15)


# ---------------------------------------------------------------------------
# 2. torch.optim: golden reference (and live when torch is installed)
# ---------------------------------------------------------------------------

GOLDEN_CASES = [(i, f) for i in range(len(make_ref.CASES)) for f in make_ref.FUNCTIONS]


def our_reference_trajectory(index, function):
    rule, hyperparams, schedule = make_ref.CASES[index]
    opt = optimizers.get(rule, **as_kwargs(make_ref.scaled(rule, hyperparams, function)))
    sched = schedules.get(schedule[0], **schedule[1]) if schedule else None
    start = make_ref.FUNCTIONS[function][1]
    return trajectory(opt, grad_of(function), [start], make_ref.STEPS, schedule=sched)[:, 0]


# torch's trajectories were recorded on another CPU. The gradients are arithmetic only (the same bits anywhere), but
# the bias corrections go through NumPy's pow (SVML's on AVX-512) and torch's through its own kernels: a few ulps a
# step, over 50 steps of smooth paths (measured worst per rule: 4.9e-15 here, 1.6e-13 with every pow/exp/BLAS result
# moved by 1-4 ulps, benchmarks/ulp_noise.py). 1e-12 leaves room for that and still fails a wrong rule: Adam's
# second bias correction x (1 + 1e-10) does. Coordinates are O(1): the absolute floor is 1e-12 of the scale, for
# points near 0.
GOLDEN_RTOL, GOLDEN_ATOL = 1e-12, 1e-12


@pytest.mark.parametrize("index, function", GOLDEN_CASES, ids=[make_ref.case_id(i, f) for i, f in GOLDEN_CASES])
def test_matches_torch_golden_trajectory(index, function):
    expected = np.array(REFERENCE["trajectories"][make_ref.case_id(index, function)])
    np.testing.assert_allclose(our_reference_trajectory(index, function), expected, rtol=GOLDEN_RTOL, atol=GOLDEN_ATOL)


def test_golden_file_is_current_and_covers_every_rule():
    assert REFERENCE["steps"] == make_ref.STEPS
    assert set(REFERENCE["trajectories"]) == {make_ref.case_id(i, f) for i, f in GOLDEN_CASES}
    in_this_file = set(RULE_NAMES) - set(OWN_TESTS)
    assert {rule for rule, _, _ in make_ref.CASES} == in_this_file, "every rule needs golden cases"
    assert set(REFERENCE["defaults"]) == in_this_file
    scheduled = {schedule[0] for _, _, schedule in make_ref.CASES if schedule}
    assert scheduled >= set(schedules.names()) - {"constant"}
    assert (GOLDEN / "torch_reference.json").stat().st_size < 500_000


@pytest.mark.parametrize("rule", [r for r in RULE_NAMES if r in REFERENCE["defaults"]])
def test_hyperparameter_names_and_defaults_are_torch_s(rule):
    torch_defaults = REFERENCE["defaults"][rule]
    spec = optimizers.rule_class(rule).SPEC
    ours = {p.name: p.default for p in spec if p.torch}
    assert set(ours) == set(torch_defaults)
    for name, default in torch_defaults.items():
        expected = tuple(default) if isinstance(default, list) else default
        assert ours[name] == expected, name


def test_matches_torch_live():
    pytest.importorskip("torch")
    fresh = make_ref.build_reference()
    for i, f in GOLDEN_CASES:
        key = make_ref.case_id(i, f)
        np.testing.assert_allclose(our_reference_trajectory(i, f), fresh["trajectories"][key], rtol=GOLDEN_RTOL,
                                   atol=GOLDEN_ATOL, err_msg=key)
        if fresh["torch_version"] == REFERENCE["torch_version"]:
            # the file was written on another CPU, and torch picks its kernels by CPU too: to rounding, not bit for bit
            np.testing.assert_allclose(fresh["trajectories"][key], REFERENCE["trajectories"][key], rtol=GOLDEN_RTOL,
                                       atol=GOLDEN_ATOL, err_msg=f"regenerate the golden file: {key}")
    assert fresh["defaults"] == REFERENCE["defaults"]
    for fresh_case, stored in zip(fresh["schedules"], REFERENCE["schedules"]):
        # Python floats (math.cos, **) in torch's schedulers: the C library's, within an ulp on any machine
        np.testing.assert_allclose(fresh_case["lr"], stored["lr"], rtol=1e-15)


# ---------------------------------------------------------------------------
# 3. Per-run hyperparameters: a batched call equals its runs one at a time
# ---------------------------------------------------------------------------

SAMPLE_RANGES = {
    "lr": (1e-3, 0.3), "momentum": (0.0, 0.95), "dampening": (0.0, 1.0), "weight_decay": (0.0, 0.2),
    "eps": (1e-8, 1e-2), "lr_decay": (0.0, 0.5), "initial_accumulator_value": (0.0, 1.0), "rho": (0.0, 1.0),
    "alpha": (0.0, 1.0), "betas": (0.0, 0.999), "momentum_decay": (0.0, 1.0),
}


def sample_range(spec):
    if spec.name in SAMPLE_RANGES:
        return SAMPLE_RANGES[spec.name]
    high = min(spec.high, spec.low + 1.0)
    return spec.low, (high - 1e-6 if spec.high_open else high)


@st.composite
def per_run_hyperparams(draw, name, n):
    """Random per-run values for every float hyperparameter of ``name``."""
    fixed = optimizers.alias_defaults(name)  # e.g. nesterov=True, which needs dampening = 0
    hp = {}
    for spec in optimizers.rule_class(name).SPEC:
        if spec.name in fixed or (spec.name == "dampening" and fixed.get("nesterov")):
            continue
        if spec.kind == "bool":
            # plain SGD keeps nesterov off: random momenta may be 0
            hp[spec.name] = False if spec.name == "nesterov" else draw(st.booleans())
            continue
        low, high = sample_range(spec)
        values = st.lists(st.floats(low, high), min_size=n, max_size=n)
        hp[spec.name] = (draw(values), draw(values)) if spec.kind == "pair" else draw(values)
    return hp


def pick(hp, i):
    """The scalar hyperparameters of run ``i``."""
    out = {}
    for key, value in hp.items():
        if isinstance(value, bool):
            out[key] = value
        elif isinstance(value, tuple):
            out[key] = tuple(part[i] for part in value)
        else:
            out[key] = value[i]
    return out


@pytest.mark.parametrize("name", [n for n in NAMES if rule_of(n) not in OWN_TESTS])
@settings(max_examples=12, deadline=None)
@given(data=st.data())
def test_per_run_arrays_equal_separate_scalar_runs(name, data):
    n = 3
    hp = data.draw(per_run_hyperparams(name, n))
    starts = np.array([START, (3.0, -1.0), (0.5, 0.25)])
    batched = optimizers.get(name, **hp)
    assert batched.n_runs == n
    lr_override = np.array(data.draw(st.lists(st.floats(1e-3, 0.3), min_size=n, max_size=n)))
    with np.errstate(all="ignore"):
        x, state = starts.copy(), batched.init(starts)
        singles = [optimizers.get(name, **pick(hp, i)) for i in range(n)]
        xs = [starts[i:i + 1].copy() for i in range(n)]
        ss = [opt.init(x1) for opt, x1 in zip(singles, xs)]
        for t in range(1, 9):
            lr = lr_override if t % 2 == 0 else None  # alternate configured and overridden lr
            x, state = batched.update(anisotropic(x), state, x, lr=lr)
            for i, opt in enumerate(singles):
                xs[i], ss[i] = opt.update(anisotropic(xs[i]), ss[i], xs[i], lr=None if lr is None else lr[i])
    for i in range(n):
        np.testing.assert_array_equal(x[i], xs[i][0])
        for field in state._fields[1:]:
            np.testing.assert_array_equal(getattr(state, field)[i], getattr(ss[i], field)[0], err_msg=field)


def test_per_run_learning_rates_sweep_in_one_call():
    lrs = [0.01, 0.1, 0.3]
    swept = trajectory(optimizers.get("adam", lr=lrs), anisotropic, [START] * 3, 10)
    for i, lr in enumerate(lrs):
        np.testing.assert_array_equal(swept[:, i], trajectory(optimizers.get("adam", lr=lr), anisotropic, [START], 10)[:, 0])


# ---------------------------------------------------------------------------
# 4. Contracts: state, purity, dimensions, stationary points
# ---------------------------------------------------------------------------

RESERVED_BY_RUN_LOOP = {"grad", "update", "effective_lr"}


@pytest.mark.parametrize("name", GRADIENT_ONLY)
@pytest.mark.parametrize("d", [1, 2, 3])
def test_state_shapes_and_purity(name, d):
    opt = optimizers.get(name, lr=0.05)
    rng = np.random.default_rng(d)
    params = rng.normal(size=(4, d))
    state = opt.init(params)
    assert isinstance(state, opt.State) and state.step == 0
    assert set(state._fields[1:]).isdisjoint(RESERVED_BY_RUN_LOOP)
    for _ in range(3):
        grads = rng.normal(size=(4, d))
        before = (params.copy(), grads.copy(), [np.copy(v) for v in state[1:]])
        new_params, new_state = opt.update(grads, state, params)
        np.testing.assert_array_equal(params, before[0])
        np.testing.assert_array_equal(grads, before[1])
        for old, kept in zip(state[1:], before[2]):
            np.testing.assert_array_equal(old, kept)
        assert new_params.shape == (4, d) and new_params.dtype == np.float64
        assert isinstance(new_state.step, int) and new_state.step == state.step + 1
        for field in new_state._fields[1:]:
            value = getattr(new_state, field)
            if field in opt.EXTRA_STATE:  # one entry per run, shaped otherwise (L-BFGS's history)
                assert isinstance(value, np.ndarray) and value.shape[0] == 4, field
                continue
            assert isinstance(value, np.ndarray) and value.shape == (4, d) and value.dtype == np.float64, field
        params, state = new_params, new_state


# Hyperparameters that switch off a rule's decay (defaults that shrink θ even with a zero gradient).
NO_DECAY = {"adamw": {"weight_decay": 0.0}, "lion": {"weight_decay": 0.0}, "asgd": {"lambd": 0.0}}
# Rules whose reference moves (or fails) with a zero gradient whatever the settings, each shown in its own tests:
# optax's yogi starts both moments at 1e-6, so it creeps; optax's prodigy estimate is 0/0 = NaN there.
MOVES_AT_REST = {"yogi", "prodigy"}


@pytest.mark.parametrize("name", [n for n in GRADIENT_ONLY if rule_of(n) not in MOVES_AT_REST])
def test_nothing_moves_at_a_stationary_point_without_weight_decay(name):
    opt = optimizers.get(name, lr=0.1, **NO_DECAY.get(rule_of(name), {}))
    params = np.array([[1.5, -2.0]])
    state = opt.init(params)
    for _ in range(3):
        new, state = opt.update(np.zeros_like(params), state, params)
        np.testing.assert_array_equal(new, params)


def test_amsgrad_takes_the_maximum_before_bias_correction():
    # A large first gradient then small ones: v_max stays at the first v_t (not bias-corrected).
    opt = optimizers.get("amsgrad", lr=0.1)
    x = np.array([[0.0]])
    state = opt.init(x)
    for g in (10.0, 0.1, 0.1):
        x, state = opt.update(np.array([[g]]), state, x)
    assert state.max_exp_avg_sq[0, 0] == pytest.approx(0.001 * 100.0)
    assert state.max_exp_avg_sq[0, 0] > state.exp_avg_sq[0, 0]


def test_optimizers_package_never_imports_torch_or_streamlit():
    for path in Path(optimizers.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                roots = {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                roots = {(node.module or "").split(".")[0]}
            else:
                continue
            assert roots.isdisjoint({"torch", "streamlit"}), path.name


# ---------------------------------------------------------------------------
# 5. Validation: ValueError naming the parameter and the value
# ---------------------------------------------------------------------------

BAD = [
    ("sgd", {"lr": -0.1}, ["lr", "-0.1"]),
    ("adam", {"betas": (1.0, 0.999)}, ["betas[0]", "1.0"]),
    ("adam", {"betas": (0.9, 1.0)}, ["betas[1]", "1.0"]),
    ("adam", {"eps": -1}, ["eps", "-1"]),
    ("sgd", {"nesterov": True, "momentum": 0.9, "dampening": 0.1}, ["nesterov", "dampening"]),
    ("nesterov", {"momentum": 0.0}, ["nesterov", "momentum"]),
    ("adam", {"betas": (0.9,)}, ["betas", "(0.9,)"]),
    ("nadam", {"betas": (0.9, 0.99, 0.999)}, ["betas"]),
    ("rmsprop", {"alpha": float("nan")}, ["alpha", "nan"]),
    ("rmsprop", {"alpha": 1.5}, ["alpha", "1.5"]),
    ("adadelta", {"rho": 1.01}, ["rho", "1.01"]),
    ("adagrad", {"lr_decay": -0.5}, ["lr_decay", "-0.5"]),
    ("adagrad", {"initial_accumulator_value": -1.0}, ["initial_accumulator_value", "-1"]),
    ("nadam", {"momentum_decay": -0.1}, ["momentum_decay", "-0.1"]),
    ("adam", {"amsgrad": "yes"}, ["amsgrad", "yes"]),
    ("adam", {"lr": [0.1, -0.2]}, ["lr", "-0.2"]),
    ("adam", {"lr": float("inf")}, ["lr", "inf"]),
    ("adam", {"lr": "fast"}, ["lr", "fast"]),
    ("adam", {"momentum": 0.9}, ["momentum", "adam"]),
    ("adamw", {"decoupled_weight_decay": False}, ["decoupled_weight_decay"]),
    ("sgd", {"lr": [0.1, 0.2], "momentum": [0.1, 0.2, 0.3]}, ["lengths", "[2, 3]"]),
]


@pytest.mark.parametrize("name, hyperparams, fragments", BAD, ids=[f"{b[0]}-{next(iter(b[1]))}" for b in BAD])
def test_bad_hyperparameters_raise_with_name_and_value(name, hyperparams, fragments):
    with pytest.raises(ValueError) as err:
        opt = optimizers.get(name, **hyperparams)
        opt.n_runs  # lengths are cross-checked lazily
    for fragment in fragments:
        assert fragment in str(err.value)


def test_unknown_optimizer_name():
    with pytest.raises(ValueError, match="'adamz'"):
        optimizers.get("adamz")


def test_per_run_values_must_match_the_number_of_runs():
    opt = optimizers.get("adam", lr=[0.1, 0.2, 0.3])
    with pytest.raises(ValueError, match="3 values"):
        opt.init(np.zeros((2, 2)))


@pytest.mark.parametrize("name", NAMES)
def test_every_declared_range_is_enforced(name):
    fixed = optimizers.alias_defaults(name)
    for spec in optimizers.rule_class(name).SPEC:
        if spec.name in fixed:
            continue
        if spec.kind == "bool":
            with pytest.raises(ValueError, match=spec.name):
                optimizers.get(name, **{spec.name: 1})
            continue
        step = 1 if spec.kind == "int" else 1.0
        bad = [float("nan"), spec.low if spec.low_open else spec.low - step]
        if not math.isinf(spec.high):
            bad.append(spec.high if spec.high_open else spec.high + step)
        if spec.kind == "int":
            bad = [int(v) if math.isfinite(v) else v for v in bad] + [spec.default + 0.5]
        for value in bad:
            arg = (value, spec.default[1]) if spec.kind == "pair" else value
            with pytest.raises(ValueError) as err:
                optimizers.get(name, **{spec.name: arg})
            assert spec.name in str(err.value) and repr(value) in str(err.value)


# ---------------------------------------------------------------------------
# 6. Documentation the app shows: LaTeX KaTeX can render, bilingual text
# ---------------------------------------------------------------------------

# Every command used is one KaTeX supports (https://katex.org/docs/supported.html).
KATEX_COMMANDS = {
    "begin", "end", "textbf", "text", "textit", "mathit", "quad", "qquad", "hspace", "leftarrow", "nabla",
    "theta", "gamma", "lambda", "mu", "tau", "eta", "epsilon", "alpha", "beta", "rho", "psi", "infty",
    "Delta", "neq", "ldots", "frac", "tfrac", "sqrt", "big", "bigl", "bigr", "max", "prod", "textstyle",
    "widehat", "hat", "tilde", "left", "right", "lfloor", "rfloor", "cos", "pi", "cdot", "min", "bar",
    "le", "top", "lVert", "rVert", "phi",
    "Gamma", "nu", "kappa", "Big",  # the frontier rules' (rprop, novograd, prodigy, schedule-free AdamW)
}


def latex_problems(latex: str) -> list[str]:
    problems = []
    if not (latex.startswith(r"\begin{aligned}") and latex.endswith(r"\end{aligned}")):
        problems.append("not a single aligned block")
    depth = 0
    for ch in re.sub(r"\\[{}]", "", latex):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            problems.append("unbalanced braces")
            break
    if depth:
        problems.append("unbalanced braces")
    unknown = set(re.findall(r"\\([A-Za-z]+)", latex)) - KATEX_COMMANDS
    if unknown:
        problems.append(f"commands outside the KaTeX list: {sorted(unknown)}")
    for unit in re.findall(r"\\hspace\{[-\d.]+([a-z]*)\}", latex):
        if unit not in {"mm", "em", "pt"}:
            problems.append(f"\\hspace unit {unit!r}")
    if re.search(r"\\\\\[", latex):
        problems.append("line-break spacing \\\\[...]")
    return problems


@pytest.mark.parametrize("name", RULE_NAMES)
def test_algorithm_is_render_safe_latex(name):
    latex = optimizers.rule_class(name).algorithm()
    assert latex_problems(latex) == []
    body = latex[len(r"\begin{aligned}"):-len(r"\end{aligned}")].strip()
    for line in body.split("\\\\"):
        assert line.strip().startswith("&"), line


def test_render_check_catches_unknown_commands_and_braces():
    assert latex_problems(r"\begin{aligned} &\foo{x} \end{aligned}")
    assert latex_problems(r"\begin{aligned} &\frac{1}{2 \end{aligned}")
    assert latex_problems(r"\begin{aligned} &\hspace{3ex} x \end{aligned}")


def test_formulas_render_with_streamlit_s_katex():
    """Render every algorithm and schedule formula with the KaTeX that st.latex ships."""
    node = shutil.which("node")
    bundle = sorted((Path(importlib.util.find_spec("streamlit").origin).parent / "static").rglob("katex*.js")) \
        if importlib.util.find_spec("streamlit") else []
    if node is None or not bundle:
        pytest.skip("needs node and Streamlit's bundled KaTeX")
    formulas = {name: optimizers.rule_class(name).algorithm() for name in RULE_NAMES}
    formulas |= {f"schedule {name}": schedules.schedule_class(name).formula for name in schedules.names()}
    formulas["self-check"] = r"\begin{aligned} \notacommand \end{aligned}"
    script = (
        f"import katex from {json.dumps(bundle[0].as_uri())};"
        "const out = {};"
        "for (const [k, v] of Object.entries(JSON.parse(process.argv[1]))) {"
        "  try { katex.renderToString(v, {displayMode: true, throwOnError: true, strict: 'error'}); out[k] = null; }"
        "  catch (e) { out[k] = String(e.message); } }"
        "console.log(JSON.stringify(out));"
    )
    done = subprocess.run([node, "--input-type=module", "-e", script, json.dumps(formulas)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    errors = json.loads(done.stdout)
    assert errors.pop("self-check"), "KaTeX did not reject an unknown command"
    assert errors == {name: None for name in errors}


@pytest.mark.parametrize("name", RULE_NAMES)
def test_titles_and_help_are_bilingual(name):
    cls = optimizers.rule_class(name)
    assert cls.title["en"] and cls.title["ko"]
    for spec in cls.SPEC:
        assert spec.help.get("en") and spec.help.get("ko"), spec.name
    assert importlib.import_module(cls.__module__).__doc__, "the module docstring notes other conventions"


def test_options_torch_lacks_are_marked():
    non_torch = {(cls.name, p.name) for cls in optimizers.RULES.values() for p in cls.SPEC if not p.torch}
    assert non_torch == {("adam", "epsilon_hat"), ("adamw", "epsilon_hat"), ("newton", "saddle_free")}
    from_optax = [rule for rule in FRONTIER_RULES[3:] if rule in RULE_NAMES]  # the frontier rules after torch's three
    assert [name for name in RULE_NAMES if not optimizers.rule_class(name).in_torch] == ["newton", *from_optax]


# ---------------------------------------------------------------------------
# 7. "Deep Learning from Scratch": the book's code, written out
# ---------------------------------------------------------------------------

def book_adam(grads_of, params, steps, lr=0.001, beta1=0.9, beta2=0.999):
    """common/optimizer.py, class Adam, on a list of floats."""
    m, v, out = [0.0] * len(params), [0.0] * len(params), []
    params = list(params)
    for it in range(1, steps + 1):
        grads = grads_of(params)
        lr_t = lr * math.sqrt(1.0 - beta2**it) / (1.0 - beta1**it)
        for k in range(len(params)):
            m[k] += (1 - beta1) * (grads[k] - m[k])
            v[k] += (1 - beta2) * (grads[k] ** 2 - v[k])
            params[k] -= lr_t * m[k] / (math.sqrt(v[k]) + 1e-7)
        out.append(list(params))
    return out


def book_sgd(grads_of, params, steps, lr=0.01):
    out, params = [], list(params)
    for _ in range(steps):
        grads = grads_of(params)
        params = [p - lr * g for p, g in zip(params, grads)]
        out.append(params)
    return out


def book_momentum(grads_of, params, steps, lr=0.01, momentum=0.9):
    v, out, params = [0.0] * len(params), [], list(params)
    for _ in range(steps):
        grads = grads_of(params)
        v = [momentum * vk - lr * g for vk, g in zip(v, grads)]
        params = [p + vk for p, vk in zip(params, v)]
        out.append(params)
    return out


def book_adagrad(grads_of, params, steps, lr=0.01):
    h, out, params = [0.0] * len(params), [], list(params)
    for _ in range(steps):
        grads = grads_of(params)
        h = [hk + g * g for hk, g in zip(h, grads)]
        params = [p - lr * g / (math.sqrt(hk) + 1e-7) for p, g, hk in zip(params, grads, h)]
        out.append(params)
    return out


def book_df(params):
    x, y = params
    return [x / 10.0, 2.0 * y]


def test_epsilon_hat_adam_equals_the_book_adam_code():
    ours = trajectory(optimizers.get("adam", lr=0.3, eps=1e-7, epsilon_hat=True), anisotropic, [START], 5)[:, 0]
    # The book's β**t is Python's (the C library's pow), ours NumPy's array pow (SVML's on AVX-512): they may differ
    # by an ulp, which sqrt(1 - 0.999**t) turns into ~3e-14 relative per step (measured: 1.2e-13 with pow moved by
    # 4 ulps). The conventions differ by > 1e-3 (below).
    np.testing.assert_allclose(ours, book_adam(book_df, START, 5, lr=0.3), rtol=1e-12)
    # With a large eps the two conventions visibly differ.
    hat = trajectory(optimizers.get("adam", lr=0.3, eps=0.5, epsilon_hat=True), anisotropic, [START], 3)
    torch_style = trajectory(optimizers.get("adam", lr=0.3, eps=0.5), anisotropic, [START], 3)
    assert np.abs(hat - torch_style).max() > 1e-3


def test_book_preset_reproduces_the_book_figure():
    preset = presets.get("book")
    assert (preset.surface, preset.start, preset.steps) == ("anisotropic", (-7.0, 2.0), 30)
    assert preset.entries == (
        ("sgd", {"lr": 0.95}),
        ("momentum", {"lr": 0.1, "momentum": 0.9}),
        ("adagrad", {"lr": 1.5, "eps": 1e-7}),
        ("adam", {"lr": 0.3, "betas": (0.9, 0.999), "eps": 1e-7, "epsilon_hat": True}),
    )
    book = [
        book_sgd(book_df, START, 30, lr=0.95),
        book_momentum(book_df, START, 30, lr=0.1),
        book_adagrad(book_df, START, 30, lr=1.5),
        book_adam(book_df, START, 30, lr=0.3),
    ]
    for opt, expected in zip(preset.build(), book):
        ours = trajectory(opt, anisotropic, [preset.start], preset.steps)[:, 0]
        np.testing.assert_allclose(ours, expected, rtol=1e-12, atol=1e-12, err_msg=opt.label)


# ---------------------------------------------------------------------------
# 8. Presets and schedules
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", presets.names())
def test_presets_build(name):
    preset = presets.get(name)
    assert preset.title["en"] and preset.title["ko"] and preset.description["en"] and preset.description["ko"]
    rules = preset.build()
    assert len(rules) == len(preset.entries) > 0
    if preset.start is not None:
        trajectory(rules[0], anisotropic, [preset.start], 2)


def test_pytorch_preset_is_every_rule_with_defaults():
    preset = presets.get("pytorch")
    assert [name for name, _ in preset.entries] == [n for n in RULE_NAMES if optimizers.rule_class(n).in_torch]
    for rule in preset.build():
        assert rule.describe() == type(rule)().describe()


def test_keras_preset_uses_keras_defaults():
    entries = dict(presets.get("keras").entries)
    assert entries["sgd"] == {"lr": 0.01}
    assert entries["adam"]["epsilon_hat"] is True and entries["adam"]["eps"] == 1e-7
    assert entries["rmsprop"] == {"lr": 0.001, "alpha": 0.9, "eps": 1e-7}
    assert entries["adagrad"] == {"lr": 0.001, "initial_accumulator_value": 0.1, "eps": 1e-7}
    assert entries["adadelta"] == {"lr": 0.001, "rho": 0.95, "eps": 1e-7}
    assert "radam" not in entries


def test_unknown_preset():
    with pytest.raises(ValueError, match="'nope'"):
        presets.get("nope")


@pytest.mark.parametrize("case", REFERENCE["schedules"], ids=lambda c: f"{c['name']}-{c['params']}")
def test_schedule_matches_torch_lr_scheduler(case):
    sched = schedules.get(case["name"], **case["params"])
    ours = [float(sched(case["base_lr"], t)) for t in range(1, len(case["lr"]) + 1)]
    np.testing.assert_allclose(ours, case["lr"], rtol=1e-12, atol=1e-15)


def test_cosine_keeps_following_the_cosine_after_t_max():
    sched = schedules.get("cosine", T_max=10, eta_min=0.01)
    assert float(sched(0.1, 11)) == pytest.approx(0.01)
    assert float(sched(0.1, 21)) == pytest.approx(0.1)
    assert float(sched(0.1, 16)) == pytest.approx(float(sched(0.1, 6)))


@pytest.mark.parametrize("name", schedules.names())
def test_schedules_declare_params_titles_formula_and_take_per_run_lr(name):
    cls = schedules.schedule_class(name)
    assert cls.title["en"] and cls.title["ko"] and cls.formula.strip()
    assert [f.name for f in dataclasses.fields(cls)] == [p.name for p in cls.PARAMS]
    for spec in cls.PARAMS:
        assert spec.help["en"] and spec.help["ko"]
    assert schedules.spec(name) == cls.PARAMS
    assert schedules.label(name) == cls.title["en"] and schedules.label(name, "ko") == cls.title["ko"]
    sched = schedules.get(name)
    base = np.array([0.1, 0.2, 0.5])
    for t in (1, 2, 7, 40):
        np.testing.assert_allclose(sched(base, t), [float(sched(b, t)) for b in base], rtol=1e-15)
    assert float(sched(0.1, 1)) == pytest.approx(0.1)  # update 1 uses the base learning rate
    with pytest.raises(dataclasses.FrozenInstanceError):
        sched.gamma = 0.5


BAD_SCHEDULES = [
    ("step", {"step_size": 0}, ["step_size", "0"]),
    ("step", {"step_size": 2.5}, ["step_size", "2.5"]),
    ("step", {"gamma": 0.0}, ["gamma", "0.0"]),
    ("exponential", {"gamma": 1.5}, ["gamma", "1.5"]),
    ("exponential", {"gamma": float("nan")}, ["gamma", "nan"]),
    ("exponential", {"gamma": [0.9, 0.8]}, ["gamma", "(2,)"]),
    ("cosine", {"T_max": 0}, ["T_max", "0"]),
    ("cosine", {"eta_min": -1.0}, ["eta_min", "-1.0"]),
    ("cosine", {"gamma": 0.5}, ["gamma", "cosine"]),
    ("linear", {}, ["'linear'"]),
]


@pytest.mark.parametrize("name, params, fragments", BAD_SCHEDULES)
def test_bad_schedule_parameters_raise_with_name_and_value(name, params, fragments):
    with pytest.raises(ValueError) as err:
        schedules.get(name, **params)
    for fragment in fragments:
        assert fragment in str(err.value)


@pytest.mark.parametrize("t", [0, -1, 1.5, True])
def test_schedule_update_number_is_a_positive_integer(t):
    with pytest.raises(ValueError, match="Invalid t"):
        schedules.get("exponential")(0.1, t)
