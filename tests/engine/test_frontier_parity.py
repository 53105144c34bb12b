"""The frontier rules of issue 11 against their references: torch.optim 2.13 (rprop, asgd, adafactor) and
optax 0.2.8 (the others), through the golden runs of tests/golden/frontier_reference.json.

Every golden case is run as ONE batched call over all its starts, with the per-run hyperparameter arrays
the case has, and compared point by point and state by state (asgd's ax, eta, mu; rprop's step sizes;
adafactor's second moment; schedule-free x and z; prodigy's d), within RTOL relative and up to each run's
horizon (tests/golden_parity.py: the golden file comes from another CPU; past the horizon a run's path
depends on the last bits of that CPU's pow/exp kernels). The gradients are the generator's
formulas (make_frontier_reference.SURFACES, the project's surfaces operator for operator), and a run
through ``optimizers.run`` on the project's surfaces gives the same points. Also: a batch equals its
runs one at a time, bit for bit; defaults and names are the references'; validation names the
hyperparameter. The live reruns of the references are in test_frontier_live.py.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import math
from pathlib import Path

import numpy as np
import pytest

import optimizers
import surfaces
from optimizers import _moments
from optimizers.base import power
from tests import golden_parity

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
REFERENCE = json.loads((GOLDEN / "frontier_reference.json").read_text())
_spec = importlib.util.spec_from_file_location("make_frontier_reference", GOLDEN / "make_frontier_reference.py")
make_ref = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_ref)

FRONTIER = list(REFERENCE["rules"])  # the 14 rules, in the issue's order
REGISTERED = [rule for rule in FRONTIER if rule in optimizers.RULES]
CASES = {key: case for key, case in REFERENCE["cases"].items() if case["rule"] in REGISTERED}
# Relative tolerance of the golden comparison. The issue asks for 1e-6. Within their horizons the rules are within
# 3e-10 of the references (lamb on beale: its steps are normalised, and optax computes the norms in another order)
# and most within 1e-12, here and with other CPUs' kernels simulated (benchmarks/parity.py); 1e-9 is 40 steps of a
# few ulps each that compound, and still fails a wrong coefficient: lamb's eps x (1 + 1e-6), its β2 + 1e-6,
# polyak_sgd's f_min - 1e-9 and a bias correction x (1 + 1e-9) all do.
RTOL = 1e-9
ATOL = 1e-15  # coordinates cross 0; the scale of the points is 1
# The loss less tightly: points within RTOL give losses further apart relative to a loss near its minimum (the
# absolute floor for losses near 0), and beale's y**3 is NumPy's pow (SVML on AVX-512), which cancels in
# 2.625 - x + x*y**3.
LOSS_RTOL, LOSS_ATOL = 1e-8, 1e-13
# Share of each rule's golden points inside the horizons (measured: polyak_sgd 77 %, bouncing on beale and
# himmelblau with steps of up to lr = 1; the others 94-100 %): a rule whose paths all became chaotic would fail.
MIN_COMPARED = {"polyak_sgd": 0.7}
MIN_COMPARED_DEFAULT = 0.9
# golden state key -> (our state field, kept per run (n,) rather than per coordinate (n, d))
RECORDED_HORIZONS = golden_parity.recorded_horizons("frontier")
STATE_FIELDS = {"step_size": ("step_size", False), "ax": ("ax", False), "eta": ("eta", True), "mu": ("mu", True),
                "variance": ("variance", False), "x": ("x", False), "z": ("z", False), "d": ("d", True)}


class GoldenSurface:
    """The generator's formulas as a surface (value, grad) for the Objective of polyak_sgd; with ``salt``, a probe
    whose values and gradients are nudged (tests/golden_parity.py)."""

    def __init__(self, name: str, salt: int | None = None):
        self.name = name
        self.value, self._grad, _ = make_ref.SURFACES[name]
        if salt is not None:
            self.value, self._grad = golden_parity.probe(self.value, salt), golden_parity.probe(self._grad, salt)

    def grad(self, points, rows=None):
        return self._grad(points)


def our_hyperparams(case: dict) -> dict:
    """The case's hyperparameters under our names: shared ones as they are (lists -> tuples), per-start ones as
    one array per hyperparameter (one value per run)."""
    hp = make_ref.as_tuples(case["hyperparams"])
    for name, values in case["per_start"].items():
        hp[name] = tuple(np.array(v) for v in zip(*values)) if isinstance(values[0], list) else np.array(values)
    return hp


def run_loop(opt, surface, starts, steps):
    """Every start at once: points (steps + 1, n, d) and the state after each update (steps + 1, the initial first)."""
    x = np.array(starts, dtype=float)
    state = opt.init(x)
    points, states = [x], [state]
    for _ in range(steps):
        kwargs = {"objective": optimizers.Objective(surface, known=(x, surface.value(x)))} if opt.needs_objective else {}
        x, state = opt.update(surface.grad(x), state, x, **kwargs)
        points.append(x)
        states.append(state)
    return np.array(points), states


def run_case(case: dict, hyperparams: dict | None = None, salt: int | None = None):
    opt = optimizers.get(case["rule"], **(our_hyperparams(case) if hyperparams is None else hyperparams))
    return run_loop(opt, GoldenSurface(case["surface"], salt), case["starts"], case["steps"])


@functools.lru_cache(maxsize=None)
def local(case_id: str):
    """Our batched run of a golden case, its states, and per run the horizon found here: how many leading points
    (the start included) the probes reproduce within a tenth of the tolerance."""
    case = CASES[case_id]
    points, states = run_case(case)
    probes = [run_case(case, salt=salt)[0] for salt in golden_parity.PROBE_SALTS]
    return points, states, golden_parity.horizon(points, probes, RTOL / 10, ATOL / 10)


def compared(case_id: str):
    """``local``, with each run's horizon the smaller of the one found here and the recorded one."""
    points, states, horizon = local(case_id)
    recorded = RECORDED_HORIZONS.get(case_id, horizon)  # missing: test_the_recorded_horizons_are_current fails
    return points, states, np.minimum(horizon, recorded)


def golden_points(case: dict) -> np.ndarray:
    return np.array([run["points"] for run in case["runs"]]).transpose(1, 0, 2)


def golden_state(case: dict, key: str) -> np.ndarray:
    return np.moveaxis(np.array([run["state"][key] for run in case["runs"]], dtype=float), 0, 1)


def needs(*rules: str):
    """Skip a test of particular rules until they are registered."""
    missing = sorted(set(rules) - set(REGISTERED))
    return pytest.mark.skipif(bool(missing), reason=f"not registered yet: {missing}")


# -- the golden cases -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_matches_the_golden_case_in_one_batched_call(case_id):
    case = CASES[case_id]
    points, states, horizon = compared(case_id)
    assert points.shape == golden_points(case).shape
    value = make_ref.SURFACES[case["surface"]][0]
    ours = {"points": points, "loss": value(points)}
    golden = {"points": golden_points(case), "loss": np.array([run["loss"] for run in case["runs"]]).T}
    for key in case["runs"][0]["state"]:
        golden[key] = golden_state(case, key)
        if key == "x_loss":  # the loss at schedule-free's averaged point
            ours[key] = value(np.array([s.x for s in states]))
            continue
        field, per_run = STATE_FIELDS[key]
        ours[key] = np.array([getattr(s, field) for s in states])
        assert ours[key].shape == ((case["steps"] + 1, len(case["starts"])) if per_run else points.shape), key
    for i, h in enumerate(horizon):
        assert h >= 2, f"run {i}: not even its first step is reproducible"
        for key in ours:
            rtol, atol = (LOSS_RTOL, LOSS_ATOL) if key in ("loss", "x_loss") else (RTOL, ATOL)
            np.testing.assert_allclose(ours[key][:h, i], golden[key][:h, i], rtol=rtol, atol=atol,
                                       err_msg=f"{key}, run {i}, horizon {h}")


def test_the_recorded_horizons_are_current():
    assert set(RECORDED_HORIZONS) == set(REFERENCE["cases"])
    for case_id, case in REFERENCE["cases"].items():
        assert len(RECORDED_HORIZONS[case_id]) == len(case["runs"]), case_id
        assert all(2 <= h <= case["steps"] + 1 for h in RECORDED_HORIZONS[case_id]), case_id


def test_all_fourteen_rules_are_registered_and_offered_wherever_rules_are():
    assert REGISTERED == FRONTIER
    names = optimizers.names()
    assert set(FRONTIER) <= set(names)
    assert names.index("newton") < names.index("rprop")  # after the classic rules, in the issue's order


def test_the_golden_cases_cover_every_rule_and_many_per_run_settings():
    assert len(REFERENCE["cases"]) == 156 and len(FRONTIER) == 14
    per_start = {case["rule"] for case in REFERENCE["cases"].values() if case["per_start"]}
    assert len(per_start) == 7  # the other rules' per-run arrays: PER_RUN below


def test_worst_relative_error_per_rule_is_far_below_the_issue_s_bound():
    """The figures benchmarks/parity.py prints (BENCHMARKS.md): per rule, the worst relative error within the
    horizons and the share of golden points compared."""
    worst, counted, total = {}, {}, {}
    for case_id, case in CASES.items():
        points, _, horizon = compared(case_id)
        error = golden_parity.relative_error(points, golden_points(case), floor=ATOL / RTOL).max(axis=2)
        rule = case["rule"]
        for i, h in enumerate(horizon):
            worst[rule] = max(worst.get(rule, 0.0), float(error[:h, i].max()))
            counted[rule] = counted.get(rule, 0) + int(h)
            total[rule] = total.get(rule, 0) + points.shape[0]
    assert max(worst.values(), default=0.0) <= RTOL, worst
    for rule in worst:
        share = counted[rule] / total[rule]
        assert share >= MIN_COMPARED.get(rule, MIN_COMPARED_DEFAULT), (rule, share)


@pytest.mark.parametrize("rule", REGISTERED)
def test_optimizers_run_on_the_project_surfaces_gives_the_same_points(rule):
    case = CASES[make_ref.case_id(rule, 0, "beale")]
    expected, _ = run_case(case)
    traj = optimizers.run(optimizers.get(rule, **our_hyperparams(case)), surfaces.get("beale"), case["starts"],
                          case["steps"], record_state=True)
    assert (traj.diverged_at == -1).all()
    np.testing.assert_array_equal(traj.points, expected)


# -- a batch equals its runs one at a time --------------------------------------------------------------------


@pytest.mark.parametrize("case_id", sorted(k for k, c in CASES.items() if c["per_start"] or c["setting"] == 1))
def test_a_batched_case_equals_its_runs_one_at_a_time(case_id):
    case = CASES[case_id]
    points, states = run_case(case)
    for i, start in enumerate(case["starts"]):
        single = {**make_ref.as_tuples(case["hyperparams"]),
                  **make_ref.as_tuples({k: v[i] for k, v in case["per_start"].items()})}
        alone, alone_states = run_case({**case, "starts": [start]}, single)
        np.testing.assert_array_equal(points[:, i], alone[:, 0])
        for field in states[-1]._fields[1:]:
            np.testing.assert_array_equal(getattr(states[-1], field)[i], getattr(alone_states[-1], field)[0],
                                          err_msg=field)


# One value per run for every float hyperparameter (three runs), to check per-run arrays beyond the golden cases.
PER_RUN = {
    "rprop": {"lr": [0.01, 0.05, 0.2], "etas": ([0.3, 0.5, 0.7], [1.1, 1.2, 1.6]),
              "step_sizes": ([1e-6, 1e-3, 1e-2], [0.3, 1.0, 50.0])},
    "asgd": {"lr": [0.01, 0.05, 0.1], "lambd": [0.0, 1e-3, 0.05], "alpha": [0.5, 0.75, 1.0], "t0": [0.0, 3.0, 1e6],
             "weight_decay": [0.0, 0.01, 0.1]},
    "adafactor": {"lr": [0.01, 0.1, 0.3], "beta2_decay": [-0.8, -0.5, 0.0], "eps": ([1e-30, 1e-16, 0.01], [1e-3, 0.01, 0.1]),
                  "d": [1.0, 1.5, 3.0], "weight_decay": [0.0, 0.05, 0.2]},
    "lion": {"lr": [0.01, 0.03, 0.1], "betas": ([0.5, 0.9, 0.95], [0.9, 0.99, 0.999]), "weight_decay": [0.0, 1e-3, 0.1]},
    "adabelief": {"lr": [0.01, 0.05, 0.2], "betas": ([0.5, 0.9, 0.95], [0.9, 0.99, 0.999]), "eps": [1e-16, 1e-8, 1e-3],
                  "eps_root": [0.0, 1e-16, 1e-6]},
    "adan": {"lr": [0.01, 0.05, 0.2], "betas": ([0.9, 0.98, 0.5], [0.8, 0.92, 0.99]), "beta3": [0.9, 0.99, 0.999],
             "eps": [1e-8, 1e-4, 1e-2], "eps_root": [0.0, 1e-8, 1e-4], "weight_decay": [0.0, 0.05, 0.5]},
    "lamb": {"lr": [0.01, 0.02, 0.1], "betas": ([0.5, 0.9, 0.95], [0.9, 0.99, 0.999]), "eps": [1e-6, 1e-3, 0.1],
             "eps_root": [0.0, 1e-8, 1e-4], "weight_decay": [0.0, 0.05, 0.5]},
    "lars": {"lr": [0.05, 1.0, 2.0], "momentum": [0.0, 0.5, 0.9], "trust_coefficient": [1e-3, 0.1, 0.05],
             "eps": [0.0, 1e-3, 0.1], "weight_decay": [0.0, 0.01, 0.1]},
    "yogi": {"lr": [0.01, 0.05, 0.2], "betas": ([0.5, 0.9, 0.95], [0.9, 0.99, 0.999]), "eps": [1e-6, 1e-3, 0.1]},
    "novograd": {"lr": [0.005, 0.01, 0.05], "betas": ([0.5, 0.9, 0.95], [0.25, 0.5, 0.9]), "eps": [1e-8, 1e-6, 1e-3],
                 "eps_root": [0.0, 1e-8, 1e-4], "weight_decay": [0.0, 0.05, 0.5]},
    "polyak_sgd": {"lr": [0.01, 0.5, 1.0], "scaling": [0.5, 1.0, 2.0], "f_min": [-1.0, 0.0, 0.5], "eps": [0.0, 1e-3, 0.1]},
    "schedule_free_sgd": {"lr": [0.01, 0.05, 0.1], "momentum": [0.5, 0.9, 0.95], "weight_decay": [0.0, 0.05, 0.1],
                          "warmup_steps": [0, 3, 10], "weight_lr_power": [0.0, 1.0, 2.0]},
    "schedule_free_adamw": {"lr": [0.01, 0.1, 0.3], "betas": ([0.5, 0.9, 0.95], [0.9, 0.99, 0.999]),
                            "eps": [1e-8, 1e-6, 1e-3], "weight_decay": [0.0, 0.05, 0.1], "warmup_steps": [0, 3, 10],
                            "weight_lr_power": [0.0, 1.0, 2.0]},
    "prodigy": {"lr": [0.5, 1.0, 2.0], "betas": ([0.5, 0.9, 0.95], [0.9, 0.99, 0.999]), "beta3": [0.9, 0.95, 0.99],
                "eps": [1e-8, 1e-6, 1e-3], "estim_lr0": [1e-6, 1e-3, 0.1], "estim_lr_coef": [0.5, 1.0, 2.0],
                "weight_decay": [0.0, 0.05, 0.1]},
}


def _pick(hp: dict, i: int) -> dict:
    return {k: tuple(part[i] for part in v) if isinstance(v, tuple) else v[i] for k, v in hp.items()}


def test_per_run_tables_cover_every_float_hyperparameter():
    assert set(PER_RUN) == set(FRONTIER)
    for rule in REGISTERED:
        floats = {p.name for p in optimizers.rule_class(rule).SPEC if p.kind != "bool"}
        assert set(PER_RUN[rule]) == floats, rule


@pytest.mark.parametrize("rule", REGISTERED)
@pytest.mark.parametrize("flag", [False, True])
def test_per_run_arrays_equal_separate_runs_with_and_without_a_learning_rate_override(rule, flag):
    spec = {p.name: p for p in optimizers.rule_class(rule).SPEC}
    bools = {name: flag for name, p in spec.items() if p.kind == "bool"}
    hp = PER_RUN[rule]
    batched_hp = {k: tuple(np.array(p) for p in v) if isinstance(v, tuple) else np.array(v) for k, v in hp.items()}
    batched = optimizers.get(rule, **batched_hp, **bools)
    assert batched.n_runs == 3
    singles = [optimizers.get(rule, **_pick(hp, i), **bools) for i in range(3)]
    surface = surfaces.get("rosenbrock")
    starts = np.array([(-1.2, 1.0), (0.5, -0.5), (1.5, 2.0)])
    override = np.array([0.02, 0.2, 0.05])
    x, state = starts.copy(), batched.init(starts)
    xs = [starts[i:i + 1].copy() for i in range(3)]
    ss = [opt.init(x1) for opt, x1 in zip(singles, xs)]

    def step(opt, x, state, lr):
        extra = {"objective": optimizers.Objective(surface)} if opt.needs_objective else {}
        return opt.update(surface.grad(x), state, x, lr=lr, **extra)

    with np.errstate(all="ignore"):
        for t in range(1, 13):
            lr = override if t % 3 == 0 else None
            x, state = step(batched, x, state, lr)
            for i in range(3):
                xs[i], ss[i] = step(singles[i], xs[i], ss[i], None if lr is None else lr[i])
    for i in range(3):
        np.testing.assert_array_equal(x[i], xs[i][0])
        for field in state._fields[1:]:
            np.testing.assert_array_equal(getattr(state, field)[i], getattr(ss[i], field)[0], err_msg=field)


# -- names, defaults, descriptions ----------------------------------------------------------------------------


def reference_default(rule: str, name: str):
    """The reference's default under our name, resolved where the reference says None or needs our split."""
    default = REFERENCE["defaults"][rule][name]
    if rule == "adafactor" and name == "eps":
        assert default[0] is None  # torch: None = machine epsilon of the parameters' dtype
        return (np.finfo(np.float64).eps, default[1])
    if rule == "prodigy" and name == "beta3":
        assert default is None  # optax: None = betas[1] ** 0.5
        return REFERENCE["defaults"]["prodigy"]["betas"][1] ** 0.5
    if rule == "adan" and name == "betas":
        return tuple(default[:2])
    return tuple(default) if isinstance(default, list) else default


@pytest.mark.parametrize("rule", REGISTERED)
def test_names_and_defaults_are_the_reference_s(rule):
    cls = optimizers.rule_class(rule)
    ours = {p.name: p.default for p in cls.SPEC}
    expected_names = set(REFERENCE["mapping"][rule]) | ({"beta3"} if rule == "adan" else set())
    assert set(ours) == expected_names
    for name in REFERENCE["defaults"][rule]:
        expected = reference_default(rule, name)
        if expected is None:  # optax requires a learning rate: ours is documented in the docstring
            assert name == "lr" and ours["lr"] > 0 and "optax has no default" in cls.SPEC[0].help["en"]
            continue
        assert ours[name] == expected, name
    if rule == "adan":
        assert ours["beta3"] == REFERENCE["defaults"]["adan"]["betas"][2]
    assert cls.in_torch == (REFERENCE["rules"][rule]["library"] == "torch")
    # a rule built without arguments has the reference's defaults (None resolved as the reference resolves it)
    for name, value in optimizers.get(rule).describe().items():
        expected = reference_default(rule, name) if name in REFERENCE["defaults"][rule] else ours[name]
        assert value == (ours["lr"] if expected is None else expected), name


@needs("adafactor", "prodigy", "adan")
def test_none_is_accepted_where_the_reference_takes_none():
    eps = np.finfo(np.float64).eps
    assert optimizers.get("adafactor", eps=(None, 1e-3)).describe()["eps"] == (eps, 1e-3)
    assert optimizers.get("prodigy", betas=(0.9, 0.99)).describe()["beta3"] == 0.99 ** 0.5  # follows betas[1]
    assert optimizers.get("prodigy", betas=(0.9, 0.99), beta3=None).describe()["beta3"] == 0.99 ** 0.5
    assert optimizers.get("prodigy", betas=(0.9, 0.99), beta3=0.5).describe()["beta3"] == 0.5
    per_run = optimizers.get("prodigy", betas=(0.9, [0.99, 0.999])).describe()["beta3"]
    assert per_run == [0.99 ** 0.5, 0.999 ** 0.5]
    adan = optimizers.get("adan", betas=(0.9, 0.8, 0.95)).describe()
    assert adan["betas"] == (0.9, 0.8) and adan["beta3"] == 0.95


@pytest.mark.parametrize("rule", REGISTERED)
def test_short_name_title_and_what_it_is_for_in_both_languages(rule):
    cls = optimizers.rule_class(rule)
    assert optimizers.label(rule) == cls.short and cls.short
    for lang in ("en", "ko"):
        assert cls.title[lang] and len(cls.about[lang]) > 100, lang
    assert cls.about["en"] != cls.about["ko"]
    assert "\\begin{aligned}" in cls.algorithm()


BAD = [
    ("rprop", {"etas": (1.0, 1.2)}, ["etas[0]", "1.0"]),
    ("rprop", {"etas": (0.5, 1.0)}, ["etas[1]", "1.0"]),
    ("rprop", {"etas": (0.5, [1.2, 0.9])}, ["etas[1]", "0.9"]),
    ("rprop", {"step_sizes": (1.0, 0.1)}, ["step_sizes"]),
    ("rprop", {"step_sizes": (-1e-6, 50.0)}, ["step_sizes[0]", "-1e-06"]),
    ("asgd", {"lambd": -0.1}, ["lambd", "-0.1"]),
    ("asgd", {"t0": float("nan")}, ["t0", "nan"]),
    ("adafactor", {"beta2_decay": 0.5}, ["beta2_decay", "0.5"]),
    ("adafactor", {"eps": (None, -1.0)}, ["eps[1]", "-1.0"]),
    ("adafactor", {"d": 0.5}, ["d", "0.5"]),
    ("lion", {"betas": (0.9, 1.0)}, ["betas[1]", "1.0"]),
    ("lion", {"weight_decay": -1e-3}, ["weight_decay", "-0.001"]),
    ("adabelief", {"eps_root": -1.0}, ["eps_root", "-1.0"]),
    ("adabelief", {"nesterov": 1}, ["nesterov"]),
    ("adan", {"beta3": 1.0}, ["beta3", "1.0"]),
    ("adan", {"betas": (0.98, 0.92, 1.5)}, ["beta3", "1.5"]),
    ("adan", {"betas": (0.98, 0.92, 0.99), "beta3": 0.9}, ["betas", "beta3"]),
    ("lamb", {"lr": -0.1}, ["lr", "-0.1"]),
    ("lars", {"trust_coefficient": -1.0}, ["trust_coefficient", "-1.0"]),
    ("lars", {"momentum": float("inf")}, ["momentum", "inf"]),
    ("yogi", {"eps": -1e-3}, ["eps", "-0.001"]),
    ("novograd", {"betas": (1.2, 0.25)}, ["betas[0]", "1.2"]),
    ("polyak_sgd", {"f_min": float("nan")}, ["f_min", "nan"]),
    ("polyak_sgd", {"scaling": -1.0}, ["scaling", "-1.0"]),
    ("schedule_free_sgd", {"momentum": 0.0}, ["momentum", "0.0"]),
    ("schedule_free_sgd", {"warmup_steps": 2.5}, ["warmup_steps", "2.5"]),
    ("schedule_free_sgd", {"warmup_steps": [0, -3]}, ["warmup_steps", "-3"]),
    ("schedule_free_sgd", {"weight_lr_power": -1.0}, ["weight_lr_power", "-1.0"]),
    ("schedule_free_adamw", {"betas": (0.0, 0.999)}, ["betas[0]", "0.0"]),
    ("schedule_free_adamw", {"warmup_steps": "ten"}, ["warmup_steps", "ten"]),
    ("prodigy", {"estim_lr0": 0.0}, ["estim_lr0", "0.0"]),
    ("prodigy", {"beta3": 1.5}, ["beta3", "1.5"]),
    ("prodigy", {"safeguard_warmup": "yes"}, ["safeguard_warmup", "yes"]),
]


@pytest.mark.parametrize("rule, hyperparams, fragments", [b for b in BAD if b[0] in REGISTERED],
                         ids=[f"{b[0]}-{next(iter(b[1]))}" for b in BAD if b[0] in REGISTERED])
def test_bad_hyperparameters_raise_naming_the_hyperparameter(rule, hyperparams, fragments):
    with pytest.raises(ValueError) as err:
        optimizers.get(rule, **hyperparams).n_runs
    for fragment in fragments:
        assert fragment in str(err.value)


def test_every_rule_has_bad_values_here():
    assert {b[0] for b in BAD} == set(FRONTIER)


# -- what each rule keeps, and its references' quirks ---------------------------------------------------------


@needs("asgd")
def test_asgd_keeps_the_average_and_its_step_sizes_per_run():
    surface = surfaces.get("anisotropic")
    opt = optimizers.get("asgd", lr=[0.1, 0.3], t0=[2.0, 1e6], lambd=1e-3)
    traj = optimizers.run(opt, surface, [(-7.0, 2.0)], 20, record_state=True)
    ax = traj.state["ax"]  # per coordinate, after each update
    np.testing.assert_array_equal(ax[1:, 1], traj.points[1:, 1])  # t0 = 1e6: ax is a copy of θ
    assert np.abs(ax[-1, 0] - traj.points[-1, 0]).max() > 1e-3  # t0 = 2: a real average
    eta = traj.extra_state["eta"]
    assert eta.shape == (21, 2) and eta[0].tolist() == [0.1, 0.3]
    # NumPy's pow (SVML's on AVX-512) against Python's (the C library's): each within an ulp, so 1e-15 (~4 ulps)
    np.testing.assert_allclose(eta[20], [lr / (1 + 1e-3 * lr * 20) ** 0.75 for lr in (0.1, 0.3)], rtol=1e-15)


def test_schedule_free_keeps_x_and_z_and_x_is_optax_s_eval_params():
    for rule, b1_of in (("schedule_free_sgd", lambda hp: hp["momentum"]),
                        ("schedule_free_adamw", lambda hp: hp["betas"][0])):
        if rule not in REGISTERED:
            continue
        opt = optimizers.get(rule, lr=0.05, warmup_steps=3)
        traj = optimizers.run(opt, surfaces.get("himmelblau"), [(0.0, 0.0), (1.0, 1.0)], 15, record_state=True)
        b1 = b1_of(opt.describe())
        x, z = traj.state["x"][1:], traj.state["z"][1:]
        np.testing.assert_allclose(x, (traj.points[1:] - (1 - b1) * z) / b1, rtol=1e-14, atol=1e-14)
        assert set(traj.extra_state) == {"weight_sum", "max_lr"}
        lr = np.float32(0.05)
        assert traj.extra_state["max_lr"][-1].tolist() == [float(lr)] * 2  # optax's float32 warmup schedule


@needs("schedule_free_sgd")
def test_schedule_free_warmup_is_optax_s_float32_schedule():
    from optimizers.schedule_free import scheduled_lr

    values = [float(scheduled_lr(0.3, 4, k)) for k in range(7)]
    f32 = np.float32
    expected = [float(f32(-0.3) * (f32(1) - f32(k) / f32(4)) + f32(0.3)) for k in range(4)] + [float(f32(0.3))] * 3
    assert values == expected and values[0] == 0.0 and values[-1] == 0.30000001192092896
    assert float(scheduled_lr(0.3, 0, 5)) == 0.3  # no warmup: the float64 rate
    np.testing.assert_array_equal(scheduled_lr(np.array([[0.3], [0.3]]), np.array([0, 4]), 2),
                                  [[0.3], [expected[2]]])


@needs("prodigy")
def test_prodigy_estimate_grows_from_estim_lr0_and_is_kept_per_run():
    opt = optimizers.get("prodigy", estim_lr0=[1e-6, 1e-3])
    traj = optimizers.run(opt, surfaces.get("rosenbrock"), [(-1.2, 1.0)], 60, record_state=True)
    d = traj.extra_state["d"]
    assert d.shape == (61, 2) and d[0].tolist() == d[1].tolist() == [1e-6, 1e-3]
    assert (np.diff(d, axis=0) >= 0).all() and (d[-1] > 50 * d[0]).all()
    assert 0.5 < d[-1, 0] / d[-1, 1] < 2  # found from a start 1000x apart


@needs("prodigy")
def test_prodigy_with_a_zero_gradient_at_the_start_is_optax_s_nan():
    """r / Σ|s| = 0/0: optax's d becomes NaN and so does the step; the run loop stops the run as diverged."""
    opt = optimizers.get("prodigy")
    x = np.array([[0.0, 0.0]])
    with np.errstate(all="ignore"):
        new, state = opt.update(np.zeros_like(x), opt.init(x), x)
    assert np.isnan(new).all() and np.isnan(state.d).all()
    traj = optimizers.run(opt, surfaces.get("saddle"), [(0.0, 0.0), (1.0, 0.5)], 5)
    assert traj.diverged_at.tolist() == [1, -1]


@needs("yogi")
def test_yogi_moments_start_at_optax_s_1e_6_so_it_creeps_without_gradient():
    opt = optimizers.get("yogi", lr=0.1)
    x = np.array([[1.5, -2.0]])
    state = opt.init(x)
    assert (state.exp_avg == 1e-6).all() and (state.exp_avg_sq == 1e-6).all()
    new, _ = opt.update(np.zeros_like(x), state, x)
    # m = 0.9e-6, v = 1e-6 (sign(v - 0) * 0 = 0), both bias-corrected at t = 1
    step = 0.1 * (0.9e-6 / 0.1) / (math.sqrt(1e-6 / 0.001) + 1e-3)
    np.testing.assert_allclose(new, x - step, rtol=1e-12)


@needs("lion")
def test_lion_moves_every_coordinate_by_lr_and_decays_towards_the_origin():
    opt = optimizers.get("lion", lr=0.1, weight_decay=0.0)
    x = np.array([[3.0, -2.0]])
    new, _ = opt.update(np.array([[1e-9, -50.0]]), opt.init(x), x)
    np.testing.assert_allclose(new, [[2.9, -1.9]], rtol=1e-15)
    decayed, _ = optimizers.get("lion", lr=0.1).update(np.zeros_like(x), opt.init(x), x)
    np.testing.assert_allclose(decayed, x * (1 - 0.1 * 1e-3), rtol=1e-15)


@needs("lamb", "lars")
def test_lamb_and_lars_take_steps_proportional_to_the_distance_from_the_origin():
    x = np.array([[3.0, 4.0], [0.3, 0.4]])
    g = np.array([[1.0, -7.0], [100.0, 0.5]])
    new, _ = optimizers.get("lamb", lr=0.02).update(g, optimizers.get("lamb").init(x), x)
    np.testing.assert_allclose(np.linalg.norm(new - x, axis=1), [0.02 * 5.0, 0.02 * 0.5], rtol=1e-14)
    lars = optimizers.get("lars", lr=1.0, momentum=0.0, trust_coefficient=0.1)
    new, _ = lars.update(g, lars.init(x), x)
    np.testing.assert_allclose(np.linalg.norm(new - x, axis=1), [0.1 * 5.0, 0.1 * 0.5], rtol=1e-14)
    origin = np.zeros((1, 2))  # ‖θ‖ = 0: ratio 1, a plain gradient step
    new, _ = lars.update(g[:1], lars.init(origin), origin)
    np.testing.assert_array_equal(new, -g[:1])


@needs("polyak_sgd")
def test_polyak_reads_the_loss_from_the_objective_and_takes_the_polyak_step():
    surface = surfaces.get("anisotropic")
    opt = optimizers.get("polyak_sgd")
    assert opt.needs_objective
    x = np.array([[-7.0, 2.0]])
    f, g = surface.value(x)[0], surface.grad(x)[0]
    new, state = opt.update(surface.grad(x), opt.init(x), x, objective=optimizers.Objective(surface, known=(x, f)))
    gamma = min(f / (g @ g), 1.0)
    np.testing.assert_allclose(new[0], x[0] - gamma * g, rtol=1e-15)
    assert state.step_size.tolist() == [gamma]
    with pytest.raises(ValueError, match="objective"):
        opt.update(surface.grad(x), opt.init(x), x)
    # scaling: optax scales the gradient first, so the step is Polyak's divided by the scaling
    scaled, _ = optimizers.get("polyak_sgd", scaling=2.0).update(
        surface.grad(x), opt.init(x), x, objective=optimizers.Objective(surface, known=(x, f)))
    np.testing.assert_allclose(scaled[0], x[0] - min(f / (4 * g @ g), 1.0) * 2 * g, rtol=1e-15)


@needs("polyak_sgd")
def test_polyak_state_shapes_and_purity():
    opt = optimizers.get("polyak_sgd", lr=0.5)
    surface = surfaces.get("himmelblau")
    x = np.array([[1.0, 2.0], [-3.0, 0.5], [4.0, -4.0]])
    x.flags.writeable = False
    state = opt.init(x)
    new, new_state = opt.update(surface.grad(x), state, x, objective=optimizers.Objective(surface))
    assert new.shape == (3, 2) and new_state.step == 1 and new_state.step_size.shape == (3,)
    assert state.step_size.tolist() == [0.0] * 3


@needs("rprop")
def test_rprop_ignores_a_learning_rate_schedule_as_torch_does():
    opt = optimizers.get("rprop", lr=0.05)
    x = np.array([[1.0, -1.0]])
    g = np.array([[2.0, 3.0]])
    plain, _ = opt.update(g, opt.init(x), x)
    scheduled, _ = opt.update(g, opt.init(x), x, lr=np.array([7.0]))
    np.testing.assert_array_equal(plain, scheduled)
    np.testing.assert_array_equal(plain, x - 0.05)


def test_helpers_follow_optax_s_order():
    m, g = np.array([[1e16, 3.0]]), np.array([[1.0, -2.0]])
    np.testing.assert_array_equal(_moments.ema(m, g, 0.9), (1 - 0.9) * g + 0.9 * m)
    np.testing.assert_array_equal(_moments.ema_sq(m, g, 0.9), (1 - 0.9) * (g * g) + 0.9 * m)
    # power() is NumPy's array pow (SVML on AVX-512), not Python's: the same on both sides, so the order is checked
    np.testing.assert_array_equal(_moments.debias(m, 0.9, 3), m / (1 - power(0.9, 3)))
    np.testing.assert_array_equal(_moments.run_norm(np.array([[3.0, 4.0], [0.0, 0.0]])), [[5.0], [0.0]])
    np.testing.assert_array_equal(_moments.trust_ratio(np.array([[3.0, 4.0], [0.0, 0.0]]),
                                                       np.array([[0.0, 2.0], [1.0, 1.0]]), 0.5), [[1.25], [1.0]])
    param = _moments.PerRunInt("k", 0, kind="int", low=0)
    assert param.check(3) == 3 and param.check([1, 2.0]).tolist() == [1, 2]
    for bad in (-1, 1.5, [1, -1], [[1]], True):
        with pytest.raises(ValueError, match="Invalid k"):
            param.check(bad)
