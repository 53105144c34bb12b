"""Engine speed: one batched run against a per-start Python loop, measured in the same run.

Adam (torch defaults but lr=1e-2) on Rosenbrock, 4,096 starts x 1,000 steps, float64.
The baseline runs the very same rules start by start (optimizers.run with one start)
on a subset, scaled to 4,096. Prints the figures recorded in BENCHMARKS.md.

    python benchmarks/engine_speed.py [--starts 4096] [--steps 1000] [--subset 64]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import optimizers  # noqa: E402
import surfaces  # noqa: E402
from benchmarks._server import cpu_model  # noqa: E402




def starts_in_window(surface, n, seed=0):
    rng = np.random.default_rng(seed)
    return np.column_stack([rng.uniform(lo, hi, n) for lo, hi in surface.window])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=4096)
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--subset", type=int, default=64)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    surface = surfaces.get("rosenbrock")
    opt = optimizers.get("adam", lr=1e-2)
    starts = starts_in_window(surface, args.starts)

    optimizers.run(opt, surface, starts[:8], 10)  # warm up imports and caches
    batched = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        traj = optimizers.run(opt, surface, starts, args.steps)
        batched.append(time.perf_counter() - t0)
    t_batched = min(batched)

    t0 = time.perf_counter()
    for start in starts[: args.subset]:
        optimizers.run(opt, surface, start, args.steps)
    t_loop_subset = time.perf_counter() - t0
    t_loop = t_loop_subset * args.starts / args.subset

    tracemalloc.start()
    optimizers.run(opt, surface, starts, args.steps)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    recorded = traj.points.nbytes + traj.loss.nbytes

    per_batched = t_batched / args.starts
    per_loop = t_loop_subset / args.subset
    print(f"machine: {platform.machine()}, {cpu_model()}, {os.cpu_count()} cores, "
          f"python {platform.python_version()}, numpy {np.__version__}")
    print(f"workload: adam(lr=1e-2) on rosenbrock, {args.starts} starts x {args.steps} steps, float64")
    print(f"vectorized run: {t_batched:.3f} s (best of {args.repeat}: "
          + ", ".join(f"{t:.3f}" for t in batched) + ")")
    print(f"per-start loop: {per_loop * 1e3:.2f} ms per trajectory "
          f"({args.subset} starts timed, scaled to {args.starts}: {t_loop:.1f} s)")
    print(f"vectorized:     {per_batched * 1e6:.1f} us per trajectory")
    print(f"speed-up per trajectory: {per_loop / per_batched:.0f}x (target >= 200x)")
    print(f"peak traced memory: {peak / 2**20:.1f} MiB (recorded points + loss: {recorded / 2**20:.1f} MiB)")
    diverged = int(traj.diverged.sum())
    print(f"diverged runs: {diverged} of {args.starts}; median final loss {np.median(traj.final_loss):.3g}")


if __name__ == "__main__":
    main()
