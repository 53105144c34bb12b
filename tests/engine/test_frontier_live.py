"""The frontier rules against torch.optim and optax themselves, when they import (skipped otherwise).

torch, jax and optax are never dependencies of the project: they live in their own environment
(see tests/golden/make_frontier_reference.py). To run these tests with them, put that environment's
site-packages on the path of the project's interpreter (same Python and NumPy), e.g.::

    PYTHONPATH=/work/refenv/lib/python3.11/site-packages .venv/bin/python -m pytest tests/engine/test_frontier_live.py

Per rule: its most non-default golden setting rerun by the reference now (so the golden file cannot hide a
change of the reference), and the per-run table of test_frontier_parity (every float hyperparameter away
from its default, one value per run) on the bowl, which the golden file does not have. Both are compared
with our rule run as ONE batched call, up to each run's horizon (tests/golden_parity.py: the references'
kernels are not NumPy's, and a path that amplifies rounding parts from ours after some step on any machine).
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from tests import golden_parity

from .test_frontier_parity import (ATOL, FRONTIER, PER_RUN, REFERENCE, RTOL, REGISTERED, compared, make_ref,
                                   our_hyperparams, run_case)

SURFACES = list(REFERENCE["surfaces"])
LIVE_STEPS = 25


def references(rule: str) -> dict:
    if REFERENCE["rules"][rule]["library"] == "torch":
        pytest.importorskip("torch")
        return make_ref.import_references(("torch",))
    pytest.importorskip("jax")
    pytest.importorskip("optax")
    return make_ref.import_references(("optax",))


def last_setting(rule: str) -> dict:
    last = max(case["setting"] for case in REFERENCE["cases"].values() if case["rule"] == rule)
    return REFERENCE["cases"][make_ref.case_id(rule, last, SURFACES[FRONTIER.index(rule) % len(SURFACES)])]


def per_start_table(rule: str, flag: bool) -> dict:
    """PER_RUN as the generator's per_start (one value, or one pair, per run) plus the rule's switches."""
    table = {name: [list(p) for p in zip(*value)] if isinstance(value, tuple) else list(value)
             for name, value in PER_RUN[rule].items()}
    if rule == "adan":  # optax's b1, b2, b3 are the generator's betas triple (our betas and beta3)
        table["betas"] = [pair + [b3] for pair, b3 in zip(table["betas"], table.pop("beta3"))]
    for spec in make_ref_rule_bools(rule):
        table[spec] = [flag] * 3
    return table


def make_ref_rule_bools(rule: str) -> list[str]:
    import optimizers

    return [p.name for p in optimizers.rule_class(rule).SPEC if p.kind == "bool"]


@pytest.mark.parametrize("rule", REGISTERED)
def test_golden_setting_rerun_by_the_reference_now(rule):
    case = last_setting(rule)
    mods = references(rule)
    kwargs, runs = make_ref.run_case(mods, rule, case["surface"], case["starts"], case["steps"], case["hyperparams"],
                                     case["per_start"])
    assert json.loads(json.dumps(kwargs)) == case["reference"]["kwargs"]
    fresh = np.array([run["points"] for run in runs]).transpose(1, 0, 2)
    points, _, horizon = compared(make_ref.case_id(rule, case["setting"], case["surface"]))
    for i, h in enumerate(horizon):
        np.testing.assert_allclose(points[:h, i], fresh[:h, i], rtol=RTOL, atol=ATOL, err_msg=f"run {i}, horizon {h}")


@pytest.mark.parametrize("rule, flag", [(rule, flag) for rule in REGISTERED for flag in (False, True)
                                        if not flag or make_ref_rule_bools(rule)])  # switches on, where a rule has any
def test_every_hyperparameter_per_run_against_the_reference(rule, flag):
    mods = references(rule)
    starts = [(-7.0, 2.0), (5.0, -3.0), (9.0, 4.0)]
    per_start = per_start_table(rule, flag)
    if rule == "prodigy":  # optax's beta3 = None (√β₂) as well as given values
        per_start["beta3"] = [None, 0.95, None]
    kwargs, runs = make_ref.run_case(mods, rule, "anisotropic", starts, LIVE_STEPS, {}, per_start)
    fresh = np.array([run["points"] for run in runs]).transpose(1, 0, 2)
    case = {"rule": rule, "surface": "anisotropic", "starts": starts, "steps": LIVE_STEPS, "hyperparams": {},
            "per_start": per_start}
    hp = our_hyperparams(case)
    if rule == "prodigy":  # one None among numbers: our beta3 array holds what None means
        b2 = np.array(per_start["betas"])[:, 1]
        hp["beta3"] = np.array([b ** 0.5 if v is None else v for b, v in zip(b2, per_start["beta3"])])
    for name in make_ref_rule_bools(rule):
        hp[name] = flag
    points, _ = run_case(case, hp)
    probes = [run_case(case, hp, salt)[0] for salt in golden_parity.PROBE_SALTS]
    for i, h in enumerate(golden_parity.horizon(points, probes, RTOL / 10, ATOL / 10)):
        np.testing.assert_allclose(points[:h, i], fresh[:h, i], rtol=RTOL, atol=ATOL, err_msg=f"run {i}, horizon {h}")


def test_reference_defaults_are_still_the_recorded_ones():
    for library in ("torch", "jax", "optax"):
        pytest.importorskip(library)
    fresh = make_ref.reference_defaults(make_ref.import_references())
    assert json.loads(json.dumps(fresh)) == REFERENCE["reference_defaults"]
