"""Batch, mini-batch and SGD on one small data set: the mini-batch page's computation.

Every batch size starts from the same point with the same learning rate and the
same budget of *epochs* (passes over the data). The number of updates follows
from the batch size: an epoch is ``ceil(N / k)`` updates, so full-batch gradient
descent makes ``epochs`` updates and SGD makes ``epochs * N``. Batch sizes differ
in how many updates they make, hence one ``optimizers.run`` call per batch size.

>>> r = minibatch_runs("regression", 40, 0.5, 0, (40, 8, 1), 0.05, 10, False, "constant")
>>> r.updates
(10, 50, 400)

With ``data`` (a ``surfaces.tabular.Dataset``: a bundled data set or a student's CSV, one feature) the
runs train on those rows instead: least squares over (w, b) for regression, logistic regression (the
mean cross-entropy) over (w, b) for classification; ``kind``, ``n_points`` and ``noise`` are then
ignored, and SGD's ``N x epochs`` updates must stay within ``MAX_UPDATES`` (``max_epochs``).
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
from surfaces import datasets, tabular

KINDS = ("regression", "classification")
SCHEDULES = ("constant", "inverse_sqrt")
MIN_POINTS = 4
MAX_POINTS = 200
MAX_EPOCHS = 100
MAX_NOISE = 5.0
# With these bounds SGD makes at most MAX_POINTS * MAX_EPOCHS = 20,000 updates (one run),
# far inside optimizers.MAX_STEPS and MAX_WORK.
assert MAX_POINTS * MAX_EPOCHS <= optimizers.MAX_STEPS

# Parameter names in the CSV export, by objective.
COORDINATES = {"least_squares": ("w", "b"), "logistic": ("w", "b"), "hinge": ("w1", "w2")}


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
    data: tabular.Dataset | None = None  # the student's or a bundled data set; None: generated

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
        """The exact minimiser of the full-data loss (least squares / max-margin hinge / logistic), or None when
        there is none (logistic regression on separable classes)."""
        return np.array(self.surface.minima[0].location) if self.surface.minima else (
            None if self.surface.name == "logistic" else np.zeros(2))

    def distances(self) -> tuple[float, ...]:
        """Distance of each run's final parameters to the exact minimiser (NaN when there is none)."""
        opt = self.optimum
        if opt is None:
            return tuple(math.nan for _ in self.trajectories)
        return tuple(float(np.linalg.norm(t.points[t.last_valid_row()[0], 0] - opt)) for t in self.trajectories)

    def frame(self) -> pd.DataFrame:
        """Every trajectory in one tidy table (CSV export), with its batch size and epoch."""
        parts = []
        for k, traj in zip(self.batch_sizes, self.trajectories):
            part = traj.to_frame(coordinate_names=COORDINATES[self.surface.name])
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


# SGD's updates (N per epoch) on a student's data stay within what the generated data allow (200 points x 100
# epochs): each update also reads the full-data loss, so 20,000 updates on 1,000 rows take about a second.
MAX_UPDATES = MAX_POINTS * MAX_EPOCHS
assert MAX_UPDATES <= optimizers.MAX_STEPS


def max_epochs(n_points: int) -> int:
    """The most epochs SGD (N updates each) may run on ``n_points`` rows: N x epochs <= MAX_UPDATES (20,000)."""
    return max(1, min(MAX_EPOCHS, MAX_UPDATES // max(int(n_points), 1)))


def make_objective(kind: str, n_points: int, noise: float, seed: int, data: tabular.Dataset | None = None):
    """The seeded data set and its objective: least squares over (w, b) or hinge over (w1, w2); with
    ``data``, its rows: least squares or logistic regression over (w, b)."""
    if data is not None:
        if not isinstance(data, tabular.Dataset):
            raise ValueError(f"Invalid data: {type(data).__name__} (allowed: a surfaces.tabular.Dataset or None)")
        X, y = np.array(data.X), np.array(data.y)
        surface = surfaces.least_squares(X, y) if data.task == "regression" else surfaces.logistic(X, y)
        return surface, X, y
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
                   epochs: int, replace: bool = False, schedule: str = "constant",
                   data: tabular.Dataset | None = None) -> MinibatchResult:
    """One SGD run per batch size on the seeded data, all from the objective's first start.

    ``batch_sizes`` are distinct integers in ``[1, n_points]``. A batch of all
    ``n_points`` rows is full-batch gradient descent whatever ``replace`` says (it
    uses every sample once per update). Smaller batches are drawn with the seed
    ``seed``: rows shuffled each epoch, or with replacement when ``replace``.
    ``schedule`` is ``"constant"`` or ``"inverse_sqrt"`` (lr / sqrt(t), t the update
    count). Raises ValueError, naming the bad setting, for anything out of range.
    """
    surface, X, y = make_objective(kind, n_points, noise, seed, data)
    n = len(X)
    if data is not None:
        kind = data.task
        seed = _int(seed, "seed", 0, 2**31 - 1)
    epochs = _int(epochs, "epochs", 1, max_epochs(n))
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
    return MinibatchResult(kind, surface, X, y, sizes, roles, tuple(trajectories), epochs, bool(replace), schedule,
                           data)


def batch_sizes(n_points: int, k: int) -> tuple[int, int, int]:
    """The page's three learners: GD (k = N), a mini-batch of ``k`` and SGD (k = 1); needs 1 < k < N."""
    n_points = _int(n_points, "n_points", MIN_POINTS, max(MAX_POINTS, tabular.MAX_ROWS))
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
