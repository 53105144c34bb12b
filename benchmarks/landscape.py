"""The network landscape's two costs (issue 21): training six optimizers, and a 51 x 51 plane of losses.

Data: moons, 1,000 rows, noise 0.1, seed 0; the 2-16-16-1 tanh MLP (337 parameters) of
``scenes.landscape``. Each timing is the median of ``--repeat`` runs.

1. Training: the six optimizers of the page (SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam) x 200
   full-batch epochs from one shared initialisation, through the engine (``scenes.landscape.train``).
   Baseline, in the same run: the same gradient computed one row at a time (a Python loop over the
   1,000 rows, each a vectorized forward/backward pass), for 5 epochs of one optimizer, scaled to
   6 x 200 epochs. Target: <= 2 s.
2. The plane: the loss at 51 x 51 parameter vectors on one filter-normalised random plane, in one
   batched call (``MLPObjective.fast_value``, float32 arithmetic, what the page draws) and in float64
   (``value``). Baseline: ``value`` one vector at a time on 100 of the grid's points, scaled to 2,601.
   Target: <= 1 s.
3. The whole scene as the page computes it (training, both planes, the real and drawn losses along
   every path, the decision boundaries), for the record.

    python benchmarks/landscape.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import optimizers  # noqa: E402
import surfaces  # noqa: E402
from benchmarks._server import cpu_model  # noqa: E402
from scenes import landscape as scene  # noqa: E402
from surfaces import planes  # noqa: E402

ROWS, EPOCHS, BASELINE_EPOCHS = 1000, 200, 5


CPU: dict[int, float] = {}  # id(fn) -> median CPU seconds of its last median_time (all threads of the process)


def median_time(fn, repeat: int) -> float:
    """Median wall-clock seconds of ``fn()``; its median CPU seconds go to ``CPU`` (on a machine shared
    with other jobs the wall clock includes waiting for a core, the CPU time does not)."""
    times, cpu = [], []
    for _ in range(repeat):
        began, began_cpu = time.perf_counter(), time.process_time()
        fn()
        times.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
    CPU[id(fn)] = statistics.median(cpu)
    return statistics.median(times)


def row_by_row_grad(objective, theta) -> np.ndarray:
    """The full-batch gradient as the mean of per-row gradients: one row per call."""
    total = np.zeros_like(theta)
    for i in range(objective.n_samples):
        total += objective.grad(theta, rows=np.array([i]))
    return total / objective.n_samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="median of this many timings (default 5)")
    args = parser.parse_args()
    before = f"{os.getloadavg()[0]:.1f}"
    data = scene.generated("moons", ROWS, 0.1, 0)
    objective = surfaces.mlp(data.X, data.y)
    theta = objective.init(0)
    print(f"machine: {cpu_model()}; numpy {np.__version__}; moons {ROWS} rows, layers {objective.layers}, "
          f"{objective.dim} parameters; median of {args.repeat}")

    # 1. training
    training = lambda: scene.train(data, scene.OPTIMIZERS, EPOCHS)  # noqa: E731
    train = median_time(training, args.repeat)
    np.testing.assert_allclose(row_by_row_grad(objective, theta), objective.grad(theta), rtol=1e-9, atol=1e-15)
    began = time.perf_counter()
    x = theta.copy()
    for _ in range(BASELINE_EPOCHS):  # plain gradient descent, the cheapest rule: the gradient is the cost
        x = x - 0.5 * row_by_row_grad(objective, x)
        objective.value(x)
    loop = (time.perf_counter() - began) / BASELINE_EPOCHS * EPOCHS * len(scene.OPTIMIZERS)
    print(f"training, {len(scene.OPTIMIZERS)} optimizers x {EPOCHS} epochs: {train:.2f} s "
          f"(CPU {CPU[id(training)]:.2f} s; target <= 2 s); "
          f"row-by-row gradients (scaled from {BASELINE_EPOCHS} epochs): {loop:.1f} s, {loop / train:.0f}x slower")

    # 2. the plane
    _, _, _, trajectories, _ = scene.train(data, ("adam",), EPOCHS)
    centre = trajectories[0].points[-1, 0]
    plane = planes.random_plane(objective, centre, seed=0)
    axis = np.linspace(-1, 1, scene.RESOLUTION)
    grid = plane.grid(axis, axis)
    picture = lambda: objective.fast_value(grid)  # noqa: E731
    fast = median_time(picture, args.repeat)
    exact = median_time(lambda: objective.value(grid), max(1, args.repeat // 2))
    gap = float(np.abs(objective.fast_value(grid) / objective.value(grid) - 1).max())
    subset = grid.reshape(-1, objective.dim)[:: max(1, grid[..., 0].size // 100)][:100]
    began = time.perf_counter()
    one = np.array([float(objective.value(p)) for p in subset])
    per_point = (time.perf_counter() - began) / len(subset) * grid[..., 0].size
    np.testing.assert_allclose(one, objective.value(subset), rtol=1e-12)
    print(f"plane, {scene.RESOLUTION} x {scene.RESOLUTION} losses on {ROWS} rows: {fast:.2f} s in float32 "
          f"(CPU {CPU[id(picture)]:.2f} s; target <= 1 s; largest relative gap to float64 {gap:.1e}), {exact:.2f} s in float64; "
          f"one vector at a time (scaled from {len(subset)}): {per_point:.1f} s, {per_point / fast:.0f}x slower")

    # 3. the whole scene
    whole = median_time(lambda: scene.landscape(data, scene.OPTIMIZERS, EPOCHS), max(1, args.repeat // 2))
    print(f"the page's whole scene (training, both planes, real and drawn losses, boundaries): {whole:.2f} s")
    ok = train <= 2.0 and fast <= 1.0
    print(f"load average before/after: {before} / {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print("targets met" if ok else "TARGETS MISSED")


if __name__ == "__main__":
    main()
