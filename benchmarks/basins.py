"""Basin map speed: scenes.saddles.basins (one batched run) against a per-start loop, in the same run.

Gradient descent (lr 0.01, 400 steps) on Himmelblau from a 100 x 100 and a 200 x 200 grid
of starts. Prints wall time (best of --repeat) and peak traced memory (tracemalloc) of
the batched basin map, and the time of the same runs made one start at a time
(optimizers.run with one start, best of --repeat) on a --subset of starts, scaled to the
whole grid.
The output is what BENCHMARKS.md records under "Basin map".

    python benchmarks/basins.py [--steps 400] [--subset 100] [--repeat 3]
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
from scenes import saddles  # noqa: E402

SURFACE, OPTIMIZER, LR = "himmelblau", "gd", 0.01


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=400)
    parser.add_argument("--subset", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    surface = surfaces.get(SURFACE)
    rule = optimizers.get(OPTIMIZER, lr=LR)
    saddles.basins(SURFACE, OPTIMIZER, LR, 10, 100)  # warm up imports

    print(f"machine: {platform.machine()}, {cpu_model()}, {os.cpu_count()} cores, "
          f"python {platform.python_version()}, numpy {np.__version__}")
    print(f"workload: {OPTIMIZER}(lr={LR}) on {SURFACE}, {args.steps} steps, float64, "
          f"labels = nearest listed minimum within {saddles.basin_tolerance(surface):g}")
    for resolution in (100, 200):
        n = resolution * resolution
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            result = saddles.basins(SURFACE, OPTIMIZER, LR, args.steps, resolution)
            times.append(time.perf_counter() - t0)
        t_batched = min(times)

        tracemalloc.start()
        saddles.basins(SURFACE, OPTIMIZER, LR, args.steps, resolution)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

        _, starts = saddles.grid_starts(surface, resolution)
        pick = np.random.default_rng(0).choice(n, size=min(args.subset, n), replace=False)
        loops = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            for start in starts[pick]:
                optimizers.run(rule, surface, start, args.steps, record_every=args.steps)
            loops.append(time.perf_counter() - t0)
        t_subset = min(loops)
        t_loop = t_subset * n / len(pick)

        print(f"{resolution}x{resolution} = {n:,} starts: batched basin map {t_batched:.3f} s "
              f"(best of {args.repeat}; {t_batched / n * 1e6:.1f} us/start), peak traced memory "
              f"{peak / 2**20:.1f} MiB; per-start loop {t_subset:.3f} s for {len(pick)} starts (best of {args.repeat}) "
              f"-> {t_loop:.1f} s for {n:,} (scaled); speed-up x{t_loop / t_batched:.0f}; "
              f"basins: {list(result.counts[:len(result.minima)])}, none {result.n_none}, "
              f"diverged {result.n_diverged}")


if __name__ == "__main__":
    main()
