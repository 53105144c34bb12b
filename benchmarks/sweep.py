"""Learning-rate sweep speed: one batched run per optimizer against a per-learning-rate loop, same run.

Six optimizers (SGD, Momentum, AdaGrad, RMSprop, Adam, NAdam; torch defaults but the learning rate)
on the anisotropic valley x²/20 + y² from (-7, 2), 1,000 learning rates log-spaced over 1e-4..10,
200 steps each: exactly what the sweep page computes (scenes.sweep.lr_sweep). The baseline runs
the same rules through the same optimizers.run one learning rate at a time on a subset of the
rates (every 20th: 50 per optimizer), scaled to 1,000, and checks both give the same final loss
and divergence step for every rate of the subset.

    python benchmarks/sweep.py [--rates 1000] [--steps 200] [--every 20]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import optimizers  # noqa: E402
import surfaces  # noqa: E402
from benchmarks._server import cpu_model  # noqa: E402
from scenes import defaults_for  # noqa: E402
from scenes import sweep as scene  # noqa: E402

SIX = ("sgd", "momentum", "adagrad", "rmsprop", "adam", "nadam")
START = (-7.0, 2.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rates", type=int, default=1000)
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--every", type=int, default=20, help="baseline: time every n-th learning rate")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import os
    import platform

    print(f"machine: {platform.machine()}, {cpu_model()}, {os.cpu_count()} cores, "
          f"python {platform.python_version()}, numpy {np.__version__}")
    print(f"workload: {len(SIX)} optimizers ({', '.join(SIX)}) x {args.rates} learning rates (1e-4..10, log) "
          f"x {args.steps} steps on anisotropic from {START}, float64, scenes.sweep.lr_sweep")

    times = []
    for _ in range(args.repeat):
        began = time.perf_counter()
        result = scene.lr_sweep("anisotropic", SIX, START, args.steps, args.rates, (1e-4, 10.0))
        times.append(time.perf_counter() - began)
    best = min(times)
    print(f"batched sweep (one optimizers.run per optimizer, {result.run_calls} calls): {best:.3f} s "
          f"(best of {args.repeat}: {', '.join(f'{t:.3f}' for t in times)})")
    print("  per optimizer: " + ", ".join(f"{n} {s * 1e3:.0f} ms" for n, s in zip(result.names, result.seconds)))

    surface = surfaces.get("anisotropic")
    subset = np.arange(0, args.rates, args.every)
    loop_seconds = 0.0
    mismatches = 0
    for i, name in enumerate(SIX):
        base = defaults_for(None, name)
        began = time.perf_counter()
        singles = [optimizers.run(optimizers.get(name, **{**base, "lr": float(result.lrs[j])}), surface, [START],
                                  args.steps) for j in subset]
        loop_seconds += time.perf_counter() - began
        for j, single in zip(subset, singles):
            same = (single.diverged_at[0] == result.diverged_at[i, j]
                    and single.loss[single.last_valid_row()[0], 0] == result.final_loss[i, j])
            mismatches += not same
    per_run_loop = loop_seconds / (len(SIX) * len(subset))
    scaled = per_run_loop * len(SIX) * args.rates
    print(f"per-lr loop: {per_run_loop * 1e3:.2f} ms per run ({len(subset)} rates x {len(SIX)} optimizers timed, "
          f"scaled to {len(SIX) * args.rates} runs: {scaled:.1f} s)")
    print(f"speed-up: {scaled / best:.0f}x")
    print(f"same final loss and divergence step in both: {len(subset) * len(SIX) - mismatches} of "
          f"{len(subset) * len(SIX)} rates checked")
    print("diverged runs per optimizer: " + ", ".join(
        f"{row['optimizer']} {row['n_diverged']}" for row in result.best()))
    print("best lr per optimizer: " + ", ".join(f"{row['optimizer']} {row['best_lr']:.3g}" for row in result.best()))


if __name__ == "__main__":
    main()
