"""A fair race: each optimizer's learning rate tuned on the race's own surface, start and budget.

Comparing optimizers at their default learning rates favours whichever default happens to suit the
surface. Before a tuned race, every chosen optimizer runs once more, as ONE batched call over a
log-spaced grid of learning rates (its other hyperparameters as set, the race's schedule, start and
number of steps: the budget), and the best of the grid and the rate it had becomes its learning rate. "Best" is the
learning-rate sweep's rule (``sweep.best_rates``): the lowest final loss, then the fewest steps to
``tol``, then the smaller rate; a rate whose run diverged never wins.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

import optimizers
from optimizers import schedules as schedule_registry

from .common import surface_for
from .compare import OptimizerConfig
from .sweep import _read, _reference, best_rates

LR_RANGE = (1e-4, 10.0)
PER_DECADE = 10  # grid points per decade: 51 rates over 1e-4..10


@dataclass(frozen=True, eq=False)
class TuneResult:
    """Per optimizer (rows) and grid rate (columns): final loss, steps to ``tol`` and divergence;
    ``current`` is each optimizer's learning rate before tuning, run in the same batch (last column) and
    a candidate too."""

    names: tuple[str, ...]
    lrs: np.ndarray
    steps: int
    tol: float
    f_star: float
    current: tuple[float, ...]
    final_loss: np.ndarray  # (n_optimizers, n_lrs + 1): the grid, then the current rate
    steps_to: np.ndarray
    diverged_at: np.ndarray
    seconds: float
    errors: dict[str, str] = field(default_factory=dict)

    def candidates(self, i: int) -> np.ndarray:
        """The rates optimizer ``i`` tried: the grid, then the rate it had (so tuning never makes it worse)."""
        return np.append(self.lrs, self.current[i])

    @property
    def best_index(self) -> np.ndarray:
        """Per optimizer, its best candidate (a column of ``final_loss``), -1 if every run diverged."""
        return np.array([best_rates(self.final_loss[i:i + 1], self.steps_to[i:i + 1], self.diverged_at[i:i + 1] >= 0,
                                    self.candidates(i), self.steps, self.f_star)[0] for i in range(len(self.names))],
                        dtype=np.int64)

    def tuned(self) -> dict[str, float]:
        """Optimizer -> its tuned learning rate (optimizers whose every run diverged are left out)."""
        return {name: float(self.candidates(i)[j]) for i, (name, j) in enumerate(zip(self.names, self.best_index))
                if j >= 0}

    def table(self) -> pd.DataFrame:
        """One row per optimizer: the rate before and its final loss, the tuned rate and its final loss,
        how many grid rates diverged."""
        n = len(self.lrs)
        rows = []
        for i, (name, j) in enumerate(zip(self.names, self.best_index)):
            diverged_now = bool(self.diverged_at[i, n] >= 0)
            rows.append({
                "optimizer": name, "lr_before": self.current[i],
                "loss_before": None if diverged_now else float(self.final_loss[i, n]),
                "lr_tuned": float(self.candidates(i)[j]) if j >= 0 else None,
                "loss_tuned": float(self.final_loss[i, j]) if j >= 0 else None,
                "n_diverged": int((self.diverged_at[i, :n] >= 0).sum()),  # of the grid
            })
        return pd.DataFrame(rows)


def grid(lr_range: tuple[float, float] = LR_RANGE, per_decade: int = PER_DECADE) -> np.ndarray:
    lo, hi = (float(v) for v in lr_range)
    if not (0 < lo < hi and math.isfinite(hi)):
        raise ValueError(f"Invalid learning-rate range: {lo:g} to {hi:g} (allowed: 0 < low < high)")
    exact = np.logspace(math.log10(lo), math.log10(hi), round(per_decade * math.log10(hi / lo)) + 1)
    return np.array([float(f"{v:.3g}") for v in exact])  # 1.26, not 1.2589254117941688: short in the URL


def tune(surface_name: str, configs: tuple[OptimizerConfig, ...], start: tuple[float, ...], steps: int,
         schedule: tuple[str, tuple[tuple[str, Any], ...]] | None = None, expression: str | None = None,
         lr_range: tuple[float, float] = LR_RANGE, tol: float = 1e-6) -> TuneResult:
    """Tune the learning rate of each of ``configs`` (the compare page's race settings); one batched
    ``optimizers.run`` per optimizer over the grid and the current rate. An optimizer that cannot be
    built is left out with its message in ``errors``."""
    surface = surface_for(surface_name, expression)
    sched = schedule_registry.get(schedule[0], **dict(schedule[1])) if schedule else None
    lrs = grid(lr_range)
    start_arr = np.asarray(start, dtype=float).reshape(1, -1)
    names, current, trajectories, errors = [], [], [], {}
    began = time.perf_counter()
    for config in configs:
        settings = dict(config.hyperparams)
        try:
            now = float(config.build().hyperparams["lr"])  # as set, or the rule's (alias's) default
            rule = optimizers.get(config.name, **{**settings, "lr": np.append(lrs, now)})
        except ValueError as exc:
            errors[config.name] = str(exc)
            continue
        trajectories.append(optimizers.run(rule, surface, start_arr, steps, schedule=sched))
        names.append(config.name)
        current.append(now)
    seconds = time.perf_counter() - began
    finals = np.array([t.loss[t.last_valid_row(), np.arange(len(lrs) + 1)] for t in trajectories]).reshape(
        -1, len(lrs) + 1)
    diverged = np.array([t.diverged_at for t in trajectories], dtype=np.int64).reshape(-1, len(lrs) + 1)
    start_loss = float(surface.value(start_arr)[0])
    f_star = _reference(surface, start_loss, finals, diverged >= 0)
    reach = np.array([t.steps_to(tol, target=f_star) for t in trajectories], dtype=np.int64).reshape(
        -1, len(lrs) + 1)
    return TuneResult(names=tuple(names), lrs=_read(lrs), steps=int(steps), tol=float(tol), f_star=f_star,
                      current=tuple(current), final_loss=_read(finals), steps_to=_read(reach),
                      diverged_at=_read(diverged), seconds=seconds, errors=errors)
