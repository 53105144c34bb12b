"""Second-order and quasi-Newton rules (issue 10): Newton's time on 10,000 starts against GD's, L-BFGS's
time, and L-BFGS's parity with torch.optim.LBFGS over every golden case.

    python benchmarks/second_order.py [--starts 10000] [--steps 100] [--repeat 3]

Times: best of ``--repeat`` batched ``optimizers.run`` calls on Rosenbrock from ``--starts`` random starts
in [-2, 2]², ``--steps`` steps, nothing recorded but the path; GD (lr 1e-4) is the baseline of the same
run. Parity: every case of tests/golden/lbfgs_reference.json (made by tests/golden/make_lbfgs_reference.py
with torch 2.13.0), all starts of a case in one batched run: the largest absolute difference of the
iterates, and for every array (iterates, each step's line-search trials, the stored pairs s and y) the
largest difference relative to its largest value.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import optimizers  # noqa: E402
import surfaces  # noqa: E402
from benchmarks._server import cpu_model  # noqa: E402

GOLDEN = ROOT / "tests" / "golden"


def best_time(rule, surface, starts, steps, repeat) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        optimizers.run(rule, surface, starts, steps)
        times.append(time.perf_counter() - began)
    return min(times)


def parity() -> tuple[int, int, float, float, int]:
    spec = importlib.util.spec_from_file_location("make_lbfgs_reference", GOLDEN / "make_lbfgs_reference.py")
    make_ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_ref)
    reference = json.loads((GOLDEN / "lbfgs_reference.json").read_text())
    worst_abs = worst_rel = 0.0
    compared = runs = 0
    for index, (surface, starts, hp, steps) in enumerate(make_ref.CASES):
        traj = optimizers.run(optimizers.get("lbfgs", **make_ref.ours(hp)), surfaces.get(surface), starts, steps,
                              record_state=True)
        for i, ref in enumerate(reference["runs"][make_ref.case_id(index)]):
            runs += 1
            pairs = [(traj.points[1:, i], np.asarray(ref["points"]))]
            for step, trials in enumerate(ref["trials"], start=1):
                if trials:
                    pairs.append((traj.extra_state["ls_points"][step, i, :len(trials)], np.asarray(trials)))
            n = len(ref["s"])
            for name, field in (("s", "s_hist"), ("y", "y_hist")):
                if n:
                    pairs.append((traj.extra_state[field][-1, i, :n], np.reshape(ref[name], (n, traj.dim))))
            for k, (ours, theirs) in enumerate(pairs):
                diff = np.abs(ours - theirs)
                compared += diff.size
                if k == 0:  # the iterates: absolute
                    worst_abs = max(worst_abs, float(diff.max(initial=0.0)))
                # normwise relative: the largest difference over the largest value of that array
                worst_rel = max(worst_rel, float(diff.max(initial=0.0) / max(np.abs(theirs).max(initial=0.0), 1e-300)))
    return len(make_ref.CASES), runs, worst_abs, worst_rel, compared


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=10_000)
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {cpu_model()}, {os.cpu_count()} cores, numpy {np.__version__}; "
          f"load average {os.getloadavg()[0]:.2f}")
    surface = surfaces.get("rosenbrock")
    starts = np.random.default_rng(0).uniform(-2, 2, (args.starts, 2))
    gd = best_time(optimizers.get("gd", lr=1e-4), surface, starts, args.steps, args.repeat)
    print(f"Rosenbrock, {args.starts:,} starts x {args.steps} steps, best of {args.repeat}:")
    print(f"  GD (lr 1e-4)                 {gd:8.3f} s   1.0x")
    for label, name, hyper in (("Newton", "newton", {}), ("Newton, damping 1", "newton", {"damping": 1.0}),
                               ("Newton, saddle-free", "newton", {"saddle_free": True}),
                               ("L-BFGS", "lbfgs", {}), ("L-BFGS, strong Wolfe", "lbfgs", {"strong_wolfe": True})):
        rule = optimizers.get(name, **hyper)
        # the run loop's work limit (runs x steps x cost <= optimizers.MAX_WORK) caps L-BFGS's starts
        n = min(args.starts, int(optimizers.MAX_WORK / (rule.cost * args.steps)))
        seconds = best_time(rule, surface, starts[:n], args.steps, args.repeat) * args.starts / n
        note = f"  (measured on {n:,} starts, the most its work limit allows, scaled)" if n < args.starts else ""
        print(f"  {label:28} {seconds:8.3f} s {seconds / gd:5.1f}x{note}")
    cases, runs, worst_abs, worst_rel, compared = parity()
    print(f"L-BFGS vs torch.optim.LBFGS (torch 2.13.0 golden): {cases} cases, {runs} runs, {compared:,} numbers "
          f"(iterates, line-search trials, stored pairs): iterates max |diff| {worst_abs:.1e}; every array "
          f"max |diff| / max |torch's| {worst_rel:.1e}")


if __name__ == "__main__":
    main()
