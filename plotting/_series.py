"""What each figure draws of a Trajectory: its run (or every run), the valid part, the loss."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import _style
from ._labels import t


@dataclass
class Series:
    index: int
    name: str
    style: _style.Style
    traj: object
    run: int | None  # None: every run, drawn as a cloud
    valid: int  # last row drawn (last valid row; for a cloud the last row)
    points: np.ndarray  # (R, d) of the run (cloud: run 0, unused for the trail)
    loss: np.ndarray  # (R,) raw loss of the run (cloud: median over runs)
    diverged_step: int | None  # update at which the run diverged
    n_diverged: int  # cloud: how many runs diverged
    secret: bool = False  # the outcome is kept back (a story's question is open): no "diverged" in the legend

    @property
    def cloud(self) -> bool:
        return self.run is None

    @property
    def color(self) -> str:
        return self.style.color

    @property
    def symbol(self) -> str:
        return self.style.symbol

    @property
    def dash(self) -> str:
        return self.style.dash

    def legend_name(self, lang: str) -> str:
        if self.secret:
            return f"{self.name} ({t('runs_cloud', lang, n=self.traj.n_runs)})" if self.cloud else self.name
        if self.cloud:
            name = f"{self.name} ({t('runs_cloud', lang, n=self.traj.n_runs)})"
            if self.n_diverged:
                name += f" · {self.n_diverged} {t('diverged_short', lang)}"
            return name
        if self.diverged_step is not None:
            return f"{self.name} · {t('diverged', lang, k=self.diverged_step)}"
        return self.name


def check_inputs(trajectories, names) -> tuple[list, list[str]]:
    trajectories = list(trajectories)
    names = [str(n) for n in names]
    if not trajectories:
        raise ValueError("Invalid trajectories: give at least one")
    if len(names) != len(trajectories):
        raise ValueError(f"Invalid names: {len(names)} names for {len(trajectories)} trajectories")
    return trajectories, names


def trajectory_styles(trajectories) -> list[_style.Style]:
    """Each trajectory's style: its optimizer's own when they are distinct optimizers (``_style.styles``)."""
    return _style.styles([getattr(traj, "optimizer", None) for traj in trajectories])


def make_series(trajectories, names, run: int | None, secret: bool = False) -> list[Series]:
    """One ``Series`` per trajectory (``run``: the run drawn, None for every run as a cloud); ``secret`` keeps
    their outcomes out of their legend names."""
    trajectories, names = check_inputs(trajectories, names)
    looks = trajectory_styles(trajectories)
    out = []
    for i, (traj, name) in enumerate(zip(trajectories, names)):
        n = traj.n_runs
        r = run
        if r is not None:
            r = int(r)
            if not 0 <= r < n:
                raise ValueError(f"Invalid run: {run!r} for {name} (allowed: 0 <= run < {n}, or None for every run)")
        elif n == 1:
            r = 0
        if r is None:
            last = traj.last_valid_row()
            rows = np.arange(len(traj.steps))[:, None]
            alive = rows <= last[None, :]
            loss = np.where(alive, traj.loss, np.nan)
            with np.errstate(all="ignore"):
                med = np.nanmedian(np.where(alive.any(axis=1, keepdims=True), loss, traj.loss), axis=1)
            valid = len(traj.steps) - 1
            out.append(Series(i, name, looks[i], traj, None, valid, traj.points[:, 0], med,
                              None, int(traj.diverged.sum()), secret))
        else:
            valid = int(traj.last_valid_row()[r])
            k = int(traj.diverged_at[r])
            out.append(Series(i, name, looks[i], traj, r, valid, traj.points[:, r], traj.loss[:, r],
                              k if k >= 0 else None, int(k >= 0), secret))
    return out


def loss_floor(series: list[Series], global_minimum: float | None) -> float:
    seen = [float(np.min(s.loss[: s.valid + 1])) for s in series]
    candidates = [v for v in seen + ([global_minimum] if global_minimum is not None else []) if np.isfinite(v)]
    return min(candidates) if candidates else 0.0


def plotted_loss(series: list[Series], log_loss: bool, global_minimum: float | None):
    """Values to plot for each series (finite), the y-range, the floor used for the log gap
    (``loss - floor + tiny``) and the transform itself."""
    floor = loss_floor(series, global_minimum)
    starts = [float(s.loss[0]) for s in series]
    tiny = max(max([abs(v - floor) for v in starts] + [1e-300]) * 1e-12, 1e-30)

    def transform(loss):
        v = np.clip(np.asarray(loss, np.float64) - floor, 0.0, None) + tiny if log_loss else np.asarray(loss, np.float64)
        return np.nan_to_num(v, nan=_style.CLIP, posinf=_style.CLIP, neginf=-_style.CLIP).clip(-_style.CLIP, _style.CLIP)

    values = [transform(s.loss) for s in series]
    # y-range: every valid value of runs that did not diverge, the start of those that did.
    calm = [v[: s.valid + 1] for s, v in zip(series, values) if s.diverged_step is None and not s.n_diverged]
    calm = calm or [v[:1] for v in values]
    lo = min(float(np.min(v[: s.valid + 1])) for s, v in zip(series, values))
    hi = max(float(np.max(v)) for v in calm)
    # Runs that blow up without crossing the divergence bound must not flatten the others.
    start_hi = max(float(v[0]) for v in values)
    if log_loss:
        hi = min(hi, start_hi * 1e4)
        lo, hi = np.log10(lo), np.log10(max(hi, lo * 10))
        pad = 0.04 * (hi - lo) + 0.05
    else:
        hi = min(hi, lo + 3.0 * (start_hi - lo))
        if not hi > lo:
            hi = lo + 1.0
        pad = 0.05 * (hi - lo)
    return values, [lo - pad, hi + pad], floor, transform
