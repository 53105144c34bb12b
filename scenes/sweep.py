"""Learning-rate sweeps: many learning rates (and a second hyperparameter) in one batched run.

Every learning rate of a sweep is one run of a single ``optimizers.run`` call:
the optimizer gets an array of learning rates and the one start is repeated.

>>> result = lr_sweep("anisotropic", ("sgd",), (-7.0, 2.0), 100, 200, (1e-3, 10.0))
>>> result.lrs.shape, result.final_loss.shape
((200,), (1, 200))
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

import optimizers
import surfaces

from .common import surface_for
from .compare import defaults_for

MIN_RATES, MAX_RATES = 200, 1000
LR_LIMITS = (1e-8, 1e4)  # allowed range of the learning-rate axis
MAX_SWEEP_STEPS = 2000
MAX_GRID_SIDE = 120
FLOOR = 1e-16  # final-loss gaps below this count as equal (float64 rounding lives there)


@dataclass(frozen=True)
class Second:
    """A second hyperparameter for the heatmap: which rule, which value, over which range."""

    key: str
    optimizer: str
    param: str  # hyperparameter name; for a pair, which element is set by ``index``
    index: int | None
    low: float
    high: float
    log_gap: bool = False  # spread 1 - value on a log scale (for values close to 1, like beta2)
    symbol: str = ""

    def values(self, n: int) -> np.ndarray:
        if self.log_gap:
            return 1.0 - np.logspace(math.log10(1.0 - self.low), math.log10(1.0 - self.high), n)
        return np.linspace(self.low, self.high, n)

    def hyperparams(self, base: dict[str, Any], values: np.ndarray) -> dict[str, Any]:
        out = dict(base)
        if self.index is None:
            out[self.param] = values
        else:
            pair = list(base[self.param])
            pair[self.index] = values
            out[self.param] = tuple(pair)
        return out


SECONDS: dict[str, Second] = {s.key: s for s in (
    Second("sgd-momentum", "sgd", "momentum", None, 0.0, 0.99, symbol="momentum μ"),
    Second("adam-beta1", "adam", "betas", 0, 0.0, 0.99, symbol="β1"),
    Second("adam-beta2", "adam", "betas", 1, 0.9, 0.9999, log_gap=True, symbol="β2"),
    Second("rmsprop-alpha", "rmsprop", "alpha", None, 0.5, 0.999, symbol="α"),
)}


def surface_names() -> list[str]:
    """Registered 2-D then 1-D surfaces with a known lowest value: there "final loss" has a floor.

    Surfaces unbounded below (saddles, the cubic) are left out: a run that slides off
    towards minus infinity would count as the best learning rate.
    """
    return [n for n in surfaces.names(dim=2) + surfaces.names(dim=1) if surfaces.get(n).global_minimum is not None]


def _check(steps: int, lr_range: tuple[float, float]) -> tuple[int, float, float]:
    steps = int(steps)
    if not 1 <= steps <= MAX_SWEEP_STEPS:
        raise ValueError(f"Invalid steps: {steps} (allowed: 1 <= steps <= {MAX_SWEEP_STEPS})")
    lo, hi = (float(v) for v in lr_range)
    if not (LR_LIMITS[0] <= lo < hi <= LR_LIMITS[1]):
        raise ValueError(f"Invalid learning-rate range: {lo:g} to {hi:g} "
                         f"(allowed: {LR_LIMITS[0]:g} <= low < high <= {LR_LIMITS[1]:g})")
    return steps, lo, hi


def _reference(surface, start_loss: float, finals: np.ndarray, diverged: np.ndarray) -> float:
    """f*: the surface's known global minimum, else the least loss a run that did not diverge reached."""
    if surface.global_minimum is not None:
        return float(surface.global_minimum)
    calm = np.asarray(finals)[~np.asarray(diverged, dtype=bool)]
    return min([start_loss, *map(float, calm.ravel())]) if calm.size else start_loss


def best_rates(final_loss: np.ndarray, steps_to: np.ndarray, diverged: np.ndarray, lrs: np.ndarray, steps: int,
               f_star: float) -> np.ndarray:
    """Per row (optimizer), the column (learning rate) that did best, or -1 if every run diverged:
    lowest final loss, gaps to ``f_star`` below ``FLOOR`` counting as equal; ties go to the run that
    reached the tolerance in fewest steps (``steps_to``, -1: never), then to the smaller rate."""
    out = np.full(len(final_loss), -1, dtype=np.int64)
    for i in range(len(final_loss)):
        ok = np.flatnonzero(~np.asarray(diverged[i], dtype=bool))
        if ok.size:
            gap = np.maximum(final_loss[i, ok] - f_star, FLOOR)
            reach = np.where(steps_to[i, ok] >= 0, steps_to[i, ok], steps + 1)
            out[i] = ok[np.lexsort((lrs[ok], reach, gap))[0]]
    return out


def _read(arr: np.ndarray) -> np.ndarray:
    arr = np.ascontiguousarray(arr)
    arr.flags.writeable = False
    return arr


@dataclass(frozen=True, eq=False)
class SweepResult:
    """One row per optimizer, one column per learning rate.

    ``f_star``: the surface's global minimum, or (none known) the least loss reached.
    ``final_loss``: loss after the last step (for a diverged run: its last finite loss);
    ``steps_to``: first step with ``loss - f* <= tol`` (-1: never); ``diverged_at``: the
    update at which a run blew up (-1: never); ``seconds``: wall time of each batched run.
    """

    surface: str
    names: tuple[str, ...]
    lrs: np.ndarray
    steps: int
    tol: float
    f_star: float
    start_loss: float
    final_loss: np.ndarray
    steps_to: np.ndarray
    diverged_at: np.ndarray
    seconds: tuple[float, ...]
    run_calls: int
    errors: dict[str, str]
    f_star_known: bool = True  # False: f* is the least loss reached (no known minimum)

    @property
    def diverged(self) -> np.ndarray:
        return self.diverged_at >= 0

    def best_index(self) -> np.ndarray:
        """Per optimizer, the learning rate (index) that did best, or -1 if every run diverged.

        Best = lowest final loss, gaps to f* below ``FLOOR`` counting as equal; ties go to
        the run that reached the tolerance in fewest steps, then to the smaller rate.
        """
        return best_rates(self.final_loss, self.steps_to, self.diverged, self.lrs, self.steps, self.f_star)

    def best(self) -> list[dict[str, Any]]:
        """Per optimizer: the best learning rate (see ``best_index``), and the diverging range."""
        out = []
        for i, (name, j) in enumerate(zip(self.names, self.best_index())):
            bad = self.diverged[i]
            row = {"optimizer": name, "best_lr": None, "best_loss": None, "first_diverged_lr": None,
                   "n_diverged": int(bad.sum()), "seconds": self.seconds[i]}
            if j >= 0:
                row.update(best_lr=float(self.lrs[j]), best_loss=float(self.final_loss[i, j]))
            if bad.any():
                row["first_diverged_lr"] = float(self.lrs[np.flatnonzero(bad)[0]])
            out.append(row)
        return out

    def frame(self) -> pd.DataFrame:
        """Tidy table, one row per optimizer and learning rate (CSV export)."""
        parts = []
        for i, name in enumerate(self.names):
            parts.append(pd.DataFrame({
                "optimizer": name, "lr": self.lrs, "final_loss": self.final_loss[i],
                "steps_to_tol": np.where(self.steps_to[i] >= 0, self.steps_to[i], np.nan),
                "diverged_at": np.where(self.diverged_at[i] >= 0, self.diverged_at[i], np.nan),
            }))
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def lr_sweep(surface_name: str, names: tuple[str, ...], start: tuple[float, ...], steps: int, n_lrs: int,
             lr_range: tuple[float, float], tol: float = 1e-6, expression: str | None = None) -> SweepResult:
    """Run each optimizer of ``names`` (torch defaults otherwise) with ``n_lrs`` learning rates
    log-spaced over ``lr_range``, each optimizer in ONE batched ``optimizers.run`` call.

    Raises ValueError for a bad surface, start, steps, rate count or range; an optimizer
    that cannot be built is left out with its message in ``errors``.
    """
    steps, lo, hi = _check(steps, lr_range)
    n_lrs = int(n_lrs)
    if not MIN_RATES <= n_lrs <= MAX_RATES:
        raise ValueError(f"Invalid number of learning rates: {n_lrs} (allowed: {MIN_RATES} to {MAX_RATES})")
    tol = float(tol)
    if not (tol > 0 and math.isfinite(tol)):
        raise ValueError(f"Invalid tolerance: {tol!r} (allowed: tol > 0)")
    surface = surface_for(surface_name, expression)
    lrs = np.logspace(math.log10(lo), math.log10(hi), n_lrs)
    start_arr = np.asarray(start, dtype=float).reshape(1, -1)
    start_loss = float(surface.value(start_arr)[0])
    kept, finals, reach_rows, diverged, seconds, errors = [], [], [], [], [], {}
    calls = 0
    raw_losses = []
    for name in names:
        try:
            rule = optimizers.get(name, **{**defaults_for(None, name), "lr": lrs})
        except ValueError as exc:
            errors[name] = str(exc)
            continue
        began = time.perf_counter()
        traj = optimizers.run(rule, surface, start_arr, steps)
        seconds.append(time.perf_counter() - began)
        calls += 1
        kept.append(name)
        finals.append(traj.loss[traj.last_valid_row(), np.arange(n_lrs)])
        raw_losses.append(traj)
        diverged.append(traj.diverged_at.copy())
    f_star = _reference(surface, start_loss, np.array(finals).reshape(-1, n_lrs),
                        np.array(diverged).reshape(-1, n_lrs) >= 0)
    for traj in raw_losses:
        reach_rows.append(traj.steps_to(tol, target=f_star))
    empty = np.empty((0, n_lrs))
    return SweepResult(
        surface=surface.name, names=tuple(kept), lrs=_read(lrs), steps=steps, tol=tol, f_star=f_star,
        start_loss=start_loss,
        final_loss=_read(np.array(finals) if finals else empty),
        steps_to=_read(np.array(reach_rows, dtype=np.int64) if reach_rows else empty.astype(np.int64)),
        diverged_at=_read(np.array(diverged, dtype=np.int64) if diverged else empty.astype(np.int64)),
        seconds=tuple(seconds), run_calls=calls, errors=errors, f_star_known=surface.global_minimum is not None,
    )


@dataclass(frozen=True, eq=False)
class GridResult:
    """Final loss over a learning-rate x second-hyperparameter grid: arrays ``(n_second, n_lrs)``."""

    surface: str
    second: Second
    lrs: np.ndarray
    values: np.ndarray
    final_loss: np.ndarray
    diverged_at: np.ndarray
    f_star: float
    seconds: float
    steps: int

    @property
    def diverged(self) -> np.ndarray:
        return self.diverged_at >= 0

    @property
    def n_runs(self) -> int:
        return int(self.final_loss.size)

    def frame(self) -> pd.DataFrame:
        grid_lr, grid_value = np.meshgrid(self.lrs, self.values)
        return pd.DataFrame({
            "optimizer": self.second.optimizer, "lr": grid_lr.ravel(), self.second.key: grid_value.ravel(),
            "final_loss": self.final_loss.ravel(),
            "diverged_at": np.where(self.diverged_at.ravel() >= 0, self.diverged_at.ravel(), np.nan),
        })


def lr_grid(surface_name: str, second_key: str, start: tuple[float, ...], steps: int, n_lrs: int, n_second: int,
            lr_range: tuple[float, float], expression: str | None = None) -> GridResult:
    """Final loss for every (learning rate, second hyperparameter) pair, all in ONE batched run.

    The grid is flattened: run ``k`` has ``lr = lrs[k % n_lrs]`` and the second value
    ``values[k // n_lrs]``; results come back as ``(n_second, n_lrs)`` arrays.
    """
    steps, lo, hi = _check(steps, lr_range)
    if second_key not in SECONDS:
        raise ValueError(f"Unknown heatmap parameter {second_key!r} (allowed: {', '.join(SECONDS)})")
    second = SECONDS[second_key]
    n_lrs, n_second = int(n_lrs), int(n_second)
    for label, n in (("learning rates", n_lrs), ("values", n_second)):
        if not 2 <= n <= MAX_GRID_SIDE:
            raise ValueError(f"Invalid number of {label}: {n} (allowed: 2 to {MAX_GRID_SIDE})")
    surface = surface_for(surface_name, expression)
    lrs = np.logspace(math.log10(lo), math.log10(hi), n_lrs)
    values = second.values(n_second)
    flat_lr = np.tile(lrs, n_second)
    flat_value = np.repeat(values, n_lrs)
    base = defaults_for(None, second.optimizer)
    rule = optimizers.get(second.optimizer, **second.hyperparams({**base, "lr": flat_lr}, flat_value))
    start_arr = np.asarray(start, dtype=float).reshape(1, -1)
    began = time.perf_counter()
    traj = optimizers.run(rule, surface, start_arr, steps, record_every=steps)
    seconds = time.perf_counter() - began
    final = traj.loss[traj.last_valid_row(), np.arange(traj.n_runs)]
    f_star = _reference(surface, float(surface.value(start_arr)[0]), final, traj.diverged)
    return GridResult(
        surface=surface.name, second=second, lrs=_read(lrs), values=_read(values),
        final_loss=_read(final.reshape(n_second, n_lrs)),
        diverged_at=_read(traj.diverged_at.reshape(n_second, n_lrs)), f_star=f_star, seconds=seconds, steps=steps,
    )
