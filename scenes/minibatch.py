"""Batch, mini-batch and SGD on one small data set: the mini-batch page's computation.

Every batch size starts from the same point with the same learning rate and the
same budget of *epochs* (passes over the data). The number of updates follows
from the batch size: an epoch is ``ceil(N / k)`` updates, so full-batch gradient
descent makes ``epochs`` updates and SGD makes ``epochs * N``. Batch sizes differ
in how many updates they make, hence one ``optimizers.run`` call per batch size.

>>> r = minibatch_runs("regression", 40, 0.5, 0, (40, 8, 1), 0.05, 10, False, "constant")
>>> r.updates
(10, 50, 400)
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np
import pandas as pd

import optimizers
import surfaces
from optimizers import schedules as schedule_registry
from surfaces import datasets

KINDS = ("regression", "classification")
SCHEDULES = ("constant", "inverse_sqrt")
MIN_POINTS = 4
MAX_POINTS = 200
MAX_EPOCHS = 100
MAX_NOISE = 5.0
# With these bounds SGD makes at most MAX_POINTS * MAX_EPOCHS = 20,000 updates (one run),
# far inside optimizers.MAX_STEPS and MAX_WORK.
assert MAX_POINTS * MAX_EPOCHS <= optimizers.MAX_STEPS

COORDINATES = {"regression": ("w", "b"), "classification": ("w1", "w2")}


@dataclass(frozen=True, eq=False)
class MinibatchResult:
    """The data, the objective and one trajectory per batch size (same start, lr and epochs)."""

    kind: str
    surface: surfaces.DataObjective
    X: np.ndarray
    y: np.ndarray
    batch_sizes: tuple[int, ...]
    roles: tuple[str, ...]  # "full" (k = N, GD), "mini" (1 < k < N) or "single" (k = 1, SGD)
    trajectories: tuple[optimizers.Trajectory, ...]
    epochs: int
    replace: bool
    schedule: str

    @property
    def n_points(self) -> int:
        return len(self.X)

    @property
    def updates_per_epoch(self) -> tuple[int, ...]:
        return tuple(int(t.updates_per_epoch) for t in self.trajectories)

    @property
    def updates(self) -> tuple[int, ...]:
        return tuple(int(t.steps[-1]) for t in self.trajectories)

    @property
    def optimum(self) -> np.ndarray:
        """The exact minimiser of the full-data loss (least squares / max-margin hinge)."""
        return np.array(self.surface.minima[0].location) if self.surface.minima else np.zeros(2)

    def distances(self) -> tuple[float, ...]:
        """Distance of each run's final parameters to the exact minimiser."""
        opt = self.optimum
        return tuple(float(np.linalg.norm(t.points[t.last_valid_row()[0], 0] - opt)) for t in self.trajectories)

    def frame(self) -> pd.DataFrame:
        """Every trajectory in one tidy table (CSV export), with its batch size and epoch."""
        parts = []
        for k, traj in zip(self.batch_sizes, self.trajectories):
            part = traj.to_frame(coordinate_names=COORDINATES[self.kind])
            part.insert(1, "batch_size", k)
            parts.append(part)
        out = pd.concat(parts, ignore_index=True)
        out.insert(0, "replace", self.replace)
        out.insert(0, "schedule", self.schedule)
        return out


def _int(value, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or not low <= value <= high:
        raise ValueError(f"Invalid {name}: {value!r} (allowed: an integer, {low} <= {name} <= {high})")
    return int(value)


def make_objective(kind: str, n_points: int, noise: float, seed: int):
    """The seeded data set and its objective: least squares over (w, b) or hinge over (w1, w2)."""
    if kind not in KINDS:
        raise ValueError(f"Invalid kind: {kind!r} (allowed: {', '.join(KINDS)})")
    n_points = _int(n_points, "n_points", MIN_POINTS, MAX_POINTS)
    noise = float(noise)
    if not (math.isfinite(noise) and 0.0 <= noise <= MAX_NOISE):
        raise ValueError(f"Invalid noise: {noise!r} (allowed: 0 <= noise <= {MAX_NOISE:g})")
    seed = _int(seed, "seed", 0, 2**31 - 1)
    if kind == "regression":
        X, y = datasets.regression(n=n_points, noise=noise, seed=seed)
        surface = surfaces.least_squares(X, y)
    else:
        X, y = datasets.classification(n=n_points, seed=seed, noise=noise)
        surface = surfaces.hinge(X, y)
    return surface, X, y


def minibatch_runs(kind: str, n_points: int, noise: float, seed: int, batch_sizes: tuple[int, ...], lr: float,
                   epochs: int, replace: bool = False, schedule: str = "constant") -> MinibatchResult:
    """One SGD run per batch size on the seeded data, all from the objective's first start.

    ``batch_sizes`` are distinct integers in ``[1, n_points]``. A batch of all
    ``n_points`` rows is full-batch gradient descent whatever ``replace`` says (it
    uses every sample once per update). Smaller batches are drawn with the seed
    ``seed``: rows shuffled each epoch, or with replacement when ``replace``.
    ``schedule`` is ``"constant"`` or ``"inverse_sqrt"`` (lr / sqrt(t), t the update
    count). Raises ValueError, naming the bad setting, for anything out of range.
    """
    surface, X, y = make_objective(kind, n_points, noise, seed)
    n = len(X)
    epochs = _int(epochs, "epochs", 1, MAX_EPOCHS)
    if schedule not in SCHEDULES:
        raise ValueError(f"Invalid schedule: {schedule!r} (allowed: {', '.join(SCHEDULES)})")
    sizes = tuple(batch_sizes)
    if not sizes:
        raise ValueError("Invalid batch sizes: give at least one")
    sizes = tuple(_int(k, "batch size", 1, n) for k in sizes)
    if len(set(sizes)) != len(sizes):
        raise ValueError(f"Invalid batch sizes: {sizes} (each batch size may appear only once)")
    rule = optimizers.get("sgd", lr=lr)  # validates lr
    sched = None if schedule == "constant" else schedule_registry.get(schedule)
    start = [surface.starts[0]]
    trajectories = []
    for k in sizes:
        steps = epochs * math.ceil(n / k)
        trajectories.append(optimizers.run(rule, surface, start, steps, schedule=sched, batch_size=k,
                                           replace=bool(replace) and k < n, seed=seed))
    roles = tuple("full" if k == n else "single" if k == 1 else "mini" for k in sizes)
    for arr in (X, y):
        arr.flags.writeable = False
    return MinibatchResult(kind, surface, X, y, sizes, roles, tuple(trajectories), epochs, bool(replace), schedule)


def batch_sizes(n_points: int, k: int) -> tuple[int, int, int]:
    """The page's three learners: GD (k = N), a mini-batch of ``k`` and SGD (k = 1); needs 1 < k < N."""
    n_points = _int(n_points, "n_points", MIN_POINTS, MAX_POINTS)
    k = _int(k, "mini-batch size", 2, n_points - 1)
    return (n_points, k, 1)


def summary_table(result: MinibatchResult) -> pd.DataFrame:
    """One row per learner: batch size, updates per epoch and in total, final loss and distance to the minimum."""
    rows = []
    for role, k, traj, dist in zip(result.roles, result.batch_sizes, result.trajectories, result.distances()):
        last = traj.last_valid_row()[0]
        diverged = int(traj.diverged_at[0])
        rows.append({
            "role": role,
            "batch_size": k,
            "updates_per_epoch": int(traj.updates_per_epoch),
            "updates": int(traj.steps[-1]),
            "final_loss": float(traj.loss[last, 0]),
            "distance": dist,
            "diverged_at": diverged if diverged >= 0 else None,
        })
    return pd.DataFrame(rows)
