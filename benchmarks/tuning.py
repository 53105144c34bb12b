"""The tuned race's grid (scenes.tuning.tune): its time for six optimizers, against one run per rate.

For each case (surface, start, steps: the compare page's budgets, from the default 30 steps to the
page's maximum of 1,000) the six optimizers of the compare page's menu that a class meets first (SGD,
Momentum, AdaGrad, RMSprop, Adam, NAdam at torch defaults) are tuned as the page does: 52 rates each
(51 grid rates and the one it had) in one batched ``optimizers.run`` per optimizer. The baseline runs
the same 52 rates one ``optimizers.run`` each, and the two must pick the same rate. Target: the tuning
under 1 s for six optimizers on the project's 2-core machine.

    python benchmarks/tuning.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import optimizers  # noqa: E402
from benchmarks._server import cpu_model  # noqa: E402
from scenes import OptimizerConfig, surface_for, tuning  # noqa: E402

SIX = tuple(OptimizerConfig.of(name) for name in ("sgd", "momentum", "adagrad", "rmsprop", "adam", "nadam"))
CASES = (("anisotropic", (-7.0, 2.0), 30), ("anisotropic", (-7.0, 2.0), 100), ("rosenbrock", (-1.5, 2.0), 1000),
         ("himmelblau", (0.0, 0.0), 1000), ("beale", (1.0, 1.0), 1000))


def one_by_one(surface_name, start, steps) -> tuple[float, dict[str, float]]:
    surface = surface_for(surface_name)
    began = time.perf_counter()
    finals = {}
    for config in SIX:
        rates = np.append(tuning.grid(), float(config.build().hyperparams["lr"]))
        for lr in rates:
            traj = optimizers.run(optimizers.get(config.name, lr=float(lr)), surface, [start], steps)
            finals[(config.name, float(lr))] = float(traj.loss[traj.last_valid_row()[0], 0])
    return time.perf_counter() - began, finals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="best of this many batched timings (default 3)")
    args = parser.parse_args()
    print(f"machine: {cpu_model()}; numpy {np.__version__}; {len(tuning.grid()) + 1} rates per optimizer, "
          f"{len(SIX)} optimizers")
    print(f"{'surface':12} {'steps':>5} {'batched s':>10} {'one by one s':>13} {'ratio':>6}  tuned rates")
    worst = 0.0
    for surface_name, start, steps in CASES:
        times = []
        for _ in range(args.repeat):
            began = time.perf_counter()
            result = tuning.tune(surface_name, SIX, start, steps)
            times.append(time.perf_counter() - began)
        batched = min(times)
        worst = max(worst, batched)
        loop_seconds, finals = one_by_one(surface_name, start, steps)
        for i, name in enumerate(result.names):  # the same runs: the same final losses
            for j, lr in enumerate(result.candidates(i)):
                expected = finals[(name, float(lr))]
                got = float(result.final_loss[i, j])
                assert np.isclose(got, expected, rtol=1e-12, atol=1e-300) or not np.isfinite(expected), (name, lr)
        tuned = " ".join(f"{name}={lr:g}" for name, lr in result.tuned().items())
        print(f"{surface_name:12} {steps:5d} {batched:10.3f} {loop_seconds:13.3f} {loop_seconds / batched:5.0f}x  {tuned}")
    print(f"RESULT: slowest tuning {worst:.3f} s for {len(SIX)} optimizers: {'PASS' if worst < 1.0 else 'FAIL'} (< 1 s)")


if __name__ == "__main__":
    main()
