"""Parity with the references: per rule, the worst relative difference between our runs and the golden runs.

    python benchmarks/parity.py
    NPY_DISABLE_CPU_FEATURES="X86_V3 X86_V4 AVX512_ICL AVX512_SPR" OPENBLAS_CORETYPE=Nehalem python benchmarks/parity.py
    python -m benchmarks.ulp_noise benchmarks/parity.py        # another CPU's pow/exp/BLAS kernels, simulated
    python benchmarks/parity.py --write-horizons              # tests/golden/horizons.json, after a golden file changed

The golden files (tests/golden/*.json) were written by torch 2.13 and optax 0.2.8 on another machine; ours are
computed here, exactly as the tests compute them (their own helpers are imported): every case as one batched call.

- torch_reference.json: the classic rules, 50 steps from one start on three smooth functions;
- frontier_reference.json: the 14 newer rules (torch's rprop, asgd, adafactor; optax's others), 40 steps from
  several starts on Rosenbrock, Himmelblau, Beale and the bowl;
- lbfgs_reference.json: L-BFGS without and with the strong-Wolfe line search, up to 30 steps, iterates and
  line-search trials.

For each recorded number (iterates; for L-BFGS also the line-search trials), the relative difference is
|ours - golden| / max(|golden|, floor), with the floor of that file's test (atol / rtol: 1 for torch's, whose
coordinates are O(1), 1e-6 for the others, where coordinates cross 0). Columns: how many numbers, the share
inside the horizons (tests/golden_parity.py: past a run's horizon its path depends on the CPU's last bits on any
machine, so the tests stop comparing there), the share equal bit for bit, the worst difference inside the
horizons (what the tests hold to their tolerance) and the worst over everything (chaotic tails included).
The header names the CPU, NumPy's SIMD dispatch (numpy.show_runtime's simd_extensions) and OpenBLAS's kernels.
"""

from __future__ import annotations

import builtins
import ctypes
import json
import os
import platform
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._server import cpu_model  # noqa: E402
from tests import golden_parity  # noqa: E402
from tests.engine import test_frontier_parity as frontier  # noqa: E402
from tests.engine import test_lbfgs as lbfgs  # noqa: E402
from tests.engine import test_optimizers as classic  # noqa: E402


def simd() -> str:
    from numpy._core._multiarray_umath import __cpu_baseline__, __cpu_dispatch__, __cpu_features__

    found = [t for t in __cpu_dispatch__ if __cpu_features__.get(t)]
    missing = [t for t in __cpu_dispatch__ if not __cpu_features__.get(t)]
    return (f"baseline {' '.join(__cpu_baseline__)}, found {' '.join(found) or '-'}, "
            f"not found {' '.join(missing) or '-'}")


def openblas() -> str:
    """The OpenBLAS kernels NumPy's BLAS/LAPACK calls run on (scipy-openblas: DYNAMIC_ARCH, picked by CPU)."""
    libs = Path(np.__file__).resolve().parent.parent / "numpy.libs"
    for lib in sorted(libs.glob("libscipy_openblas*")) if libs.is_dir() else ():
        handle = ctypes.CDLL(str(lib))
        for name in ("scipy_openblas_get_corename64_", "scipy_openblas_get_corename", "openblas_get_corename"):
            fn = getattr(handle, name, None)
            if fn is not None:
                fn.restype = ctypes.c_char_p
                return f"OpenBLAS kernels {fn().decode()}"
    return "BLAS kernels unknown"


class Tally:
    def __init__(self):
        self.numbers = self.compared = self.exact = 0
        self.worst_compared = self.worst_all = 0.0

    def add(self, ours, golden, floor, compared=True):
        ours, golden = np.asarray(ours, dtype=float), np.asarray(golden, dtype=float)
        if ours.size == 0:
            return
        error = golden_parity.relative_error(ours, golden, floor)
        self.numbers += error.size
        self.exact += int(np.sum(ours == golden))
        self.worst_all = max(self.worst_all, float(error.max()))
        if compared:
            self.compared += error.size
            self.worst_compared = max(self.worst_compared, float(error.max()))

    def row(self, name: str) -> str:
        return (f"  {name:22} {self.numbers:7,} {self.compared / self.numbers:9.1%} {self.exact / self.numbers:8.1%}"
                f"   {self.worst_compared:9.1e}   {self.worst_all:9.1e}")


def torch_file() -> dict[str, Tally]:
    rules: dict[str, Tally] = {}
    floor = classic.GOLDEN_ATOL / classic.GOLDEN_RTOL
    for index, function in classic.GOLDEN_CASES:
        rule = classic.make_ref.CASES[index][0]
        golden = classic.REFERENCE["trajectories"][classic.make_ref.case_id(index, function)]
        rules.setdefault(rule, Tally()).add(classic.our_reference_trajectory(index, function), golden, floor)
    return rules


def frontier_file() -> dict[str, Tally]:
    rules: dict[str, Tally] = {}
    floor = frontier.ATOL / frontier.RTOL
    for case_id, case in frontier.CASES.items():
        points, _, horizon = frontier.compared(case_id)
        golden = frontier.golden_points(case)
        tally = rules.setdefault(case["rule"], Tally())
        for i, h in enumerate(horizon):
            tally.add(points[:h, i], golden[:h, i], floor)
            tally.add(points[h:, i], golden[h:, i], floor, compared=False)
    return {rule: rules[rule] for rule in frontier.FRONTIER if rule in rules}


def lbfgs_file() -> dict[str, Tally]:
    rules: dict[str, Tally] = {}
    floor = lbfgs.ATOL / lbfgs.RTOL
    for index, key in enumerate(lbfgs.CASE_IDS):
        traj, horizons = lbfgs.compared(index)
        name = "lbfgs, strong Wolfe" if lbfgs.make_ref.CASES[index][2].get("line_search_fn") else "lbfgs"
        tally = rules.setdefault(name, Tally())
        for i, (ref, horizon) in enumerate(zip(lbfgs.REFERENCE["runs"][key], horizons)):
            h = horizon.step
            golden = np.asarray(ref["points"])
            tally.add(traj.points[1:h, i], golden[:h - 1], floor)
            tally.add(traj.points[h:, i], golden[h - 1:], floor, compared=False)
            for step, trials in enumerate(ref["trials"], start=1):
                n = min(len(trials), int(traj.extra_state["ls_evals"][step, i]))
                k = n if step < h else min(horizon.trials, n) if step == h else 0
                ours = traj.extra_state["ls_points"][step, i]
                tally.add(ours[:k], np.asarray(trials)[:k], floor)
                tally.add(ours[k:n], np.asarray(trials)[k:n], floor, compared=False)
    return rules


def write_horizons() -> None:
    """tests/golden/horizons.json: the horizons found on this machine, which the tests combine with their own."""
    frontier_h = {case_id: [int(h) for h in frontier.local(case_id)[2]] for case_id in frontier.CASES}
    lbfgs_h = {key: [[h.step, h.trials, h.count] for h in lbfgs.local(index)[1]]
               for index, key in enumerate(lbfgs.CASE_IDS)}
    machine = {"cpu": cpu_model(), "numpy": np.__version__, "simd": simd(), "blas": openblas()}
    text = json.dumps({"written_on": machine, "frontier": frontier_h, "lbfgs": lbfgs_h}, separators=(",", ":"))
    golden_parity.HORIZONS.write_text(text.replace("],", "],\n") + "\n")
    print(f"wrote {golden_parity.HORIZONS.relative_to(ROOT)}")


def main() -> None:
    if "--write-horizons" in sys.argv[1:]:
        write_horizons()
        return
    print(f"machine: {platform.machine()}, {cpu_model()}, {os.cpu_count()} cores; python {platform.python_version()}, "
          f"numpy {np.__version__}")
    print(f"NumPy SIMD dispatch: {simd()}; {openblas()}")
    for var in ("NPY_DISABLE_CPU_FEATURES", "OPENBLAS_CORETYPE"):
        if os.environ.get(var) is not None:
            print(f"{var}={os.environ[var]}")
    if hasattr(builtins, "_ulp_noise_pow_"):  # run through benchmarks/ulp_noise.py
        print(f"simulated other kernels: {os.environ.get('ULP_NOISE_ULPS', '1')} ulp(s) on "
              f"{os.environ.get('ULP_NOISE_GROUPS', 'ufunc,pow,blas')} results, seed "
              f"{os.environ.get('ULP_NOISE_SEED', '9E3779B97F4A7C15')} (benchmarks/ulp_noise.py)")
    header = f"  {'rule':22} {'numbers':>7} {'compared':>9} {'bit-equal':>8}   {'worst in':>9}   {'worst all':>9}"
    for title, table in (("torch_reference.json (torch 2.13; floor 1)", torch_file()),
                         ("frontier_reference.json (torch 2.13, optax 0.2.8; floor 1e-6)", frontier_file()),
                         ("lbfgs_reference.json (torch 2.13; iterates and line-search trials; floor 1e-6)",
                          lbfgs_file())):
        print(title)
        print(header)
        for name, tally in table.items():
            print(tally.row(name))


if __name__ == "__main__":
    main()
