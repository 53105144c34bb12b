"""The golden runs of issue 11's frontier rules (tests/golden/frontier_reference.json).

The file is written by make_frontier_reference.py from torch.optim 2.13 and optax 0.2.8 in
their own environment. These tests need neither: they check that the file is complete and
consistent with the generator's tables and with the project's surfaces. The live tests at
the end rerun one case per rule when torch (or optax and jax) import, and are skipped otherwise.
"""

from __future__ import annotations

import importlib.util
import json
import math
from pathlib import Path

import numpy as np
import pytest

GOLDEN = Path(__file__).resolve().parent
FILE = GOLDEN / "frontier_reference.json"
REFERENCE = json.loads(FILE.read_text())
_spec = importlib.util.spec_from_file_location("make_frontier_reference", GOLDEN / "make_frontier_reference.py")
make_ref = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_ref)

RULES = ["rprop", "asgd", "adafactor", "lion", "adabelief", "adan", "lamb", "lars", "yogi", "novograd",
         "polyak_sgd", "schedule_free_sgd", "schedule_free_adamw", "prodigy"]
SURFACES = ["rosenbrock", "himmelblau", "beale", "anisotropic"]
CASES = REFERENCE["cases"]
# state recorded per rule (steps + 1 entries each)
STATE_KEYS = {"rprop": {"step_size"}, "asgd": {"ax", "eta", "mu"}, "adafactor": {"variance"},
              "schedule_free_sgd": {"x", "x_loss", "z"}, "schedule_free_adamw": {"x", "x_loss", "z"},
              "prodigy": {"d"}}
# hyperparameters each rule must expose (issue 11, section 1)
OUR_NAMES = {
    "rprop": {"lr", "etas", "step_sizes"},
    "asgd": {"lr", "lambd", "alpha", "t0", "weight_decay"},
    "adafactor": {"lr", "beta2_decay", "eps", "d", "weight_decay"},
    "lion": {"lr", "betas", "weight_decay"},
    "adabelief": {"lr", "betas", "eps", "eps_root", "nesterov"},
    "adan": {"lr", "betas", "eps", "eps_root", "weight_decay"},
    "lamb": {"lr", "betas", "eps", "eps_root", "weight_decay"},
    "lars": {"lr", "momentum", "nesterov", "trust_coefficient", "eps", "weight_decay"},
    "yogi": {"lr", "betas", "eps"},
    "novograd": {"lr", "betas", "eps", "eps_root", "weight_decay"},
    "polyak_sgd": {"lr", "scaling", "f_min", "eps"},
    "schedule_free_sgd": {"lr", "momentum", "weight_decay", "warmup_steps", "weight_lr_power"},
    "schedule_free_adamw": {"lr", "betas", "eps", "weight_decay", "warmup_steps", "weight_lr_power"},
    "prodigy": {"lr", "betas", "beta3", "eps", "estim_lr0", "estim_lr_coef", "weight_decay", "safeguard_warmup"},
}


# The recorded loss against this machine's evaluation of the same formula at the recorded points. The file was
# written on another CPU: beale's y**3 is NumPy's pow, SVML's on AVX-512 (within 1 ulp, not always glibc's), and
# 2.625 - x + x*y**3 cancels, so the two may differ by up to ~1e-13 relative near beale's minimum (measured with
# pow moved by 1-4 ulps: 1.4e-13-4.2e-13; on an AVX-512 machine: absolute 1e-17 to 7e-15). The other three
# surfaces are sums of squares and products, correctly rounded everywhere. A loss recorded at the wrong step, or
# a wrong formula, is off by far more than 1e-12.
LOSS_RTOL, LOSS_ATOL = 1e-12, 1e-15


def run_hyperparams(case: dict) -> list[dict]:
    return make_ref.runs_hyperparams(case["hyperparams"], case["per_start"], len(case["starts"]))


def test_versions_and_size():
    versions = REFERENCE["versions"]
    assert versions["torch"].startswith("2.13.")
    assert versions["optax"] == "0.2.8"
    assert {"jax", "jaxlib", "numpy"} <= set(versions)
    assert REFERENCE["steps"] == make_ref.STEPS
    assert FILE.stat().st_size < 4_000_000


def test_every_rule_on_every_surface():
    assert list(REFERENCE["rules"]) == RULES == list(make_ref.RULES)
    assert list(REFERENCE["surfaces"]) == SURFACES == list(make_ref.SURFACES)
    covered = {(case["rule"], case["surface"]) for case in CASES.values()}
    assert covered == {(rule, surface) for rule in RULES for surface in SURFACES}
    for rule in RULES:
        settings = {case["setting"] for case in CASES.values() if case["rule"] == rule}
        assert settings >= {0, 1}, f"{rule}: the defaults and at least one other setting"


def test_file_is_current_with_the_generator_tables():
    expected = {make_ref.case_id(rule, setting, surface)
                for rule, setting, _, _ in make_ref.settings() for surface in SURFACES}
    assert set(CASES) == expected
    for rule, setting, hp, per_start in make_ref.settings():
        for surface in SURFACES:
            case = CASES[make_ref.case_id(rule, setting, surface)]
            assert case["hyperparams"] == json.loads(json.dumps(make_ref.resolve(hp, surface)))
            assert case["per_start"] == json.loads(json.dumps(per_start or {}))
            assert case["starts"] == [list(s) for s in make_ref.SURFACES[surface][2]]
    assert REFERENCE["mapping"] == json.loads(json.dumps(make_ref.mapping_table()))


def test_hyperparameter_names_mapping_and_defaults():
    for rule in RULES:
        assert set(REFERENCE["mapping"][rule]) == OUR_NAMES[rule], rule
        assert set(REFERENCE["defaults"][rule]) == OUR_NAMES[rule], rule
        library, call = REFERENCE["rules"][rule]["library"], REFERENCE["rules"][rule]["call"]
        assert call.startswith("torch.optim." if library == "torch" else "optax.")
        # every reference argument we map to has a recorded default (null = required)
        targets = set()
        for target in REFERENCE["mapping"][rule].values():
            targets.update(target if isinstance(target, list) else [target])
        assert targets <= set(REFERENCE["reference_defaults"][rule]), rule
    # a few the issue names explicitly
    assert REFERENCE["mapping"]["polyak_sgd"]["lr"] == "max_learning_rate"
    assert REFERENCE["mapping"]["lion"]["betas"] == ["b1", "b2"]
    assert REFERENCE["mapping"]["adan"]["betas"] == ["b1", "b2", "b3"]
    assert REFERENCE["mapping"]["schedule_free_sgd"]["momentum"] == "b1"
    assert REFERENCE["defaults"]["lion"]["weight_decay"] == 0.001
    assert REFERENCE["defaults"]["adafactor"]["eps"] == [None, 0.001]


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_case_is_consistent(case_id):
    case = CASES[case_id]
    rule, steps, starts = case["rule"], case["steps"], case["starts"]
    assert case_id == make_ref.case_id(rule, case["setting"], case["surface"])
    assert steps == REFERENCE["steps"]
    runs = case["runs"]
    assert len(runs) == len(starts) >= 2
    for name, values in case["per_start"].items():
        assert len(values) == len(starts), name
    # the recorded call is the mapping applied to each run's hyperparameters
    hps = run_hyperparams(case)
    assert set().union(*hps) <= OUR_NAMES[rule]
    kwargs = [json.loads(json.dumps(make_ref.reference_kwargs(rule, make_ref.as_tuples(hp)))) for hp in hps]
    assert case["reference"]["kwargs"] == kwargs
    assert case["reference"]["library"] == REFERENCE["rules"][rule]["library"]
    assert case["reference"]["call"] == REFERENCE["rules"][rule]["call"]
    assert case["reference"]["update_kwargs"] == (["value"] if rule == "polyak_sgd" else [])
    value_fn = make_ref.SURFACES[case["surface"]][0]
    for start, run, hp in zip(starts, runs, hps):
        points = np.array(run["points"])
        assert points.shape == (steps + 1, 2)
        assert points[0].tolist() == start
        assert np.all(np.isfinite(points)) and np.all(np.abs(points) < make_ref.BOUND)
        assert not np.all(points[-1] == points[0]), "a run that never moves tests nothing"
        loss = np.array(run["loss"])
        assert loss.shape == (steps + 1,) and np.all(np.isfinite(loss))
        np.testing.assert_allclose(loss, value_fn(points), rtol=LOSS_RTOL, atol=LOSS_ATOL)
        state = run["state"]
        assert set(state) == STATE_KEYS.get(rule, set())
        for name, values in state.items():
            assert len(values) == steps + 1, name
            assert np.all(np.isfinite(np.array(values, dtype=float))), name
        if rule == "asgd":
            assert state["ax"][0] == [0.0, 0.0] and state["eta"][0] == hp.get("lr", 0.01) and state["mu"][0] == 1.0
            if hp.get("t0", 1e6) >= steps:  # mu stays 1: torch copies the iterate into ax (in one run: bit for bit)
                assert state["ax"][1:] == run["points"][1:]
        if rule == "rprop":
            assert state["step_size"][0] == [hp.get("lr", 0.01)] * 2
        if rule == "adafactor":
            assert state["variance"][0] == [0.0, 0.0]
        if rule.startswith("schedule_free"):
            assert state["z"][0] == start
            np.testing.assert_allclose(state["x"][0], start, rtol=1e-15, atol=1e-15)
            np.testing.assert_allclose(state["x_loss"], value_fn(np.array(state["x"])), rtol=LOSS_RTOL, atol=LOSS_ATOL)
        if rule == "prodigy":
            d = np.array(state["d"])
            assert d[0] == hp.get("estim_lr0", 1e-6) == d[1], "the first step cannot grow d (x = x0)"
            assert np.all(np.diff(d) >= 0), "d never decreases"


def test_generator_formulas_are_the_project_surfaces():
    """The gradients handed to the references are the project's, bit for bit."""
    surfaces = pytest.importorskip("surfaces")
    for name in SURFACES:
        value_fn, grad_fn, _ = make_ref.SURFACES[name]
        surface = surfaces.get(name)
        points = np.array([p for case in CASES.values() if case["surface"] == name
                           for run in case["runs"] for p in run["points"]])
        np.testing.assert_array_equal(value_fn(points), surface.value(points), err_msg=name)
        np.testing.assert_array_equal(grad_fn(points), surface.grad(points), err_msg=name)
        for point in points[:50]:  # one run at a time, as the generator evaluates them
            value, grad = make_ref.value_and_grad(name, point)
            assert value == surface.value(point[None])[0]
            np.testing.assert_array_equal(grad, surface.grad(point[None])[0])


# -- live: rerun one case per rule with the reference itself ----------------------------------------------------


def _live_case(rule: str) -> str:
    """The rule's last (most non-default) setting, on a surface that changes from rule to rule."""
    last = max(case["setting"] for case in CASES.values() if case["rule"] == rule)
    return make_ref.case_id(rule, last, SURFACES[RULES.index(rule) % len(SURFACES)])


def _references(library: str) -> dict:
    if library == "torch":
        pytest.importorskip("torch")
    else:
        pytest.importorskip("jax")
        pytest.importorskip("optax")
    return make_ref.import_references((library,))


@pytest.mark.parametrize("rule", RULES)
def test_matches_reference_live(rule):
    """The reference on this machine against the file it wrote on another: 1e-9 relative (a few ulps a step over 40
    steps, as test_frontier_parity), up to each run's horizon, where a path that amplifies rounding parts from the
    recorded one on any machine (tests/golden_parity.py; the horizons are our rule's, which follows the reference's
    arithmetic)."""
    case = CASES[_live_case(rule)]
    mods = _references(REFERENCE["rules"][rule]["library"])
    kwargs, runs = make_ref.run_case(mods, rule, case["surface"], case["starts"], case["steps"],
                                     case["hyperparams"], case["per_start"])
    assert json.loads(json.dumps(kwargs)) == case["reference"]["kwargs"]
    from tests.engine.test_frontier_parity import compared

    horizon = compared(_live_case(rule))[2]
    for i, (fresh, stored) in enumerate(zip(runs, case["runs"])):
        label, h = f"{_live_case(rule)} run {i}, horizon {horizon[i]}", horizon[i]
        np.testing.assert_allclose(fresh["points"][:h], stored["points"][:h], rtol=1e-9, atol=1e-12, err_msg=label)
        np.testing.assert_allclose(fresh["loss"][:h], stored["loss"][:h], rtol=1e-9, atol=1e-12, err_msg=label)
        assert set(fresh["state"]) == set(stored["state"])
        for name in stored["state"]:
            np.testing.assert_allclose(np.array(fresh["state"][name][:h], dtype=float),
                                       np.array(stored["state"][name][:h], dtype=float),
                                       rtol=1e-9, atol=1e-12, err_msg=f"{label} {name}")


def test_reference_defaults_live():
    libraries = []
    for library, modules in (("torch", ("torch",)), ("optax", ("jax", "optax"))):
        if all(importlib.util.find_spec(m) for m in modules):
            libraries.append(library)
    if len(libraries) < 2:
        pytest.skip("needs both torch and optax")
    mods = make_ref.import_references(tuple(libraries))
    assert make_ref.reference_defaults(mods) == REFERENCE["reference_defaults"]
    assert make_ref.our_defaults(REFERENCE["reference_defaults"]) == REFERENCE["defaults"]


def test_our_defaults_follow_from_the_reference_defaults():
    assert make_ref.our_defaults(REFERENCE["reference_defaults"]) == REFERENCE["defaults"]
    for rule, defaults in REFERENCE["defaults"].items():
        for name, value in defaults.items():
            assert value is None or isinstance(value, (bool, int, float, list)), (rule, name)
            if isinstance(value, float):
                assert math.isfinite(value)
