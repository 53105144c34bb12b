"""Saddle points and basins of attraction: the saddles page's computation.

Two scenes:

``saddle_runs``
    Gradient descent started on a saddle's attracting axis, the same start nudged by a
    tiny ``perturbation``, and the same start with gradient noise. On f = x² − y² the
    y-component of the gradient is −2y, exactly 0 on the x-axis, so the unperturbed run
    walks into the saddle (0, 0) and stops; the nudged and the noisy runs escape.

``basins`` / ``basin_maps``
    A grid of starts (``resolution²`` of them, in ONE batched ``optimizers.run`` call),
    each labelled by the listed minimum it reaches, next to the same run on a convex
    surface (one basin).

The monkey saddle f = x³ − 3xy² (polar form r³·cos 3θ) has three "ridge" rays, θ = 0°,
120° and 240°, along which f grows outward: there the gradient is purely radial, so GD
moves inward along them. On the x-axis (y = 0) the update is x ← x − 3·lr·x²: from x > 0
it creeps towards 0, ever slower (x_k ≈ 1 / (3·lr·k), the saddle is flat to second
order), and from x < 0 it runs down the valley f = x³ → −∞ and diverges. Off the axis,
the angle θ grows like (1 + 3r₀t)³ in gradient-flow time t = lr·k, so a nudge of 1e-6
needs a few hundred steps to turn into an escape, which ends in divergence (f is not
bounded below).

Nothing here imports Streamlit.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import pandas as pd

import optimizers
import surfaces
from surfaces import CriticalPoint

from .common import surface_for
from .compare import OptimizerConfig

# -- settings the page offers -------------------------------------------------------------
SADDLE_SURFACES = ("saddle", "monkey_saddle")
# Gradient-noise levels offered; the smallest still escapes within each surface's default
# step budget (checked by tests/scenes/test_scene_saddles.py over many seeds).
NOISE_LEVELS = (1e-4, 1e-3, 1e-2, 1e-1)
DEFAULT_PERTURBATION = 1e-6
AT_SADDLE_TOL = 1e-6  # "stopped at the saddle": final distance to it at most this


@dataclass(frozen=True)
class SaddleDefaults:
    start: tuple[float, float]
    lr: float
    steps: int


SADDLE_DEFAULTS = {
    # x² − y²: x shrinks by (1 − 2·lr) per step; 120 steps at lr 0.1 leave 1.5·0.8¹²⁰ ≈ 3e-12.
    "saddle": SaddleDefaults((1.5, 0.0), 0.1, 120),
    # x³ − 3xy²: on y = 0, x ← x(1 − 3·lr·x); from x₀ = 1 with lr = 0.25 no overshoot past 0.
    # A 1e-6 nudge escapes (and diverges) after ~500 steps. Noise escape times have a long
    # tail: with σ = 1e-4, seeds 0-999 diverge after 225 steps (median), 1,655 (99.9 %),
    # 2,060 (worst), so the budget is 2,500.
    "monkey_saddle": SaddleDefaults((1.0, 0.0), 0.25, 2500),
}
SADDLE_MAX_STEPS = 5000

BASIN_SURFACES = ("himmelblau", "six_hump_camel", "wavy", "double_well")
CONVEX_PARTNER = {2: "bowl", 1: "parabola"}  # same dimension, one minimum, convex
RESOLUTIONS = (100, 150, 200)  # starts per axis: 10,000 to 40,000 starts
BASIN_MAX_STEPS = 1000  # 200² starts x 1000 steps = 4e7 <= optimizers.MAX_WORK


@dataclass(frozen=True)
class BasinDefaults:
    lr: float
    steps: int


BASIN_DEFAULTS = {
    "himmelblau": BasinDefaults(0.01, 400),  # curvature up to ~120 at the minima: lr < 2/120
    "six_hump_camel": BasinDefaults(0.05, 200),
    "wavy": BasinDefaults(0.05, 200),
    "double_well": BasinDefaults(0.05, 200),
}

NONE = -1  # ended away from every listed minimum (still moving, on a saddle, outside the window)
DIVERGED = -2

RUN_IDS = ("unperturbed", "perturbed", "noise")


def _check_steps(steps: int, high: int) -> int:
    if isinstance(steps, bool) or not float(steps).is_integer() or not 1 <= int(steps) <= high:
        raise ValueError(f"Invalid steps: {steps!r} (allowed: an integer, 1 <= steps <= {high})")
    return int(steps)


def _single(traj: optimizers.Trajectory, i: int) -> optimizers.Trajectory:
    """Run ``i`` of a batched trajectory as a one-run trajectory (views, no copies)."""
    return optimizers.Trajectory(
        optimizer=traj.optimizer, surface=traj.surface, points=traj.points[:, i:i + 1],
        loss=traj.loss[:, i:i + 1], steps=traj.steps, diverged_at=traj.diverged_at[i:i + 1],
        hyperparams=traj.hyperparams, updates_per_epoch=traj.updates_per_epoch,
    )


# -- saddle runs ----------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class SaddleRun:
    """One run of the saddle scene and where it ended.

    ``status``: ``"at_saddle"`` (within ``AT_SADDLE_TOL`` of the saddle), ``"escaped"``
    (further from the saddle than it started), ``"diverged"`` (left the divergence bound:
    an escape on a surface with no bottom), ``"approaching"`` (closer than at the start
    but not there yet, e.g. creeping towards the monkey saddle) or ``"unmoved"`` (lr = 0).
    """

    id: str
    trajectory: optimizers.Trajectory
    start: tuple[float, float]
    final: tuple[float, float]  # last finite point
    distance: float  # of ``final`` to the saddle
    grad_norm: float  # |∇f| at ``final``
    diverged_at: int | None
    status: str

    @property
    def escaped(self) -> bool:
        return self.status in ("escaped", "diverged")


@dataclass(frozen=True, eq=False)
class SaddleResult:
    surface: surfaces.Surface
    saddle: tuple[float, float]
    runs: tuple[SaddleRun, ...]  # in RUN_IDS order
    perturbation: float
    noise: float
    seed: int

    def run(self, run_id: str) -> SaddleRun:
        return self.runs[RUN_IDS.index(run_id)]

    @property
    def trajectories(self) -> tuple[optimizers.Trajectory, ...]:
        return tuple(r.trajectory for r in self.runs)

    def table(self) -> pd.DataFrame:
        """One row per run: start, final point, distance to the saddle, |∇f|, status."""
        return pd.DataFrame([{
            "run": r.id, "start": r.start, "final_x": r.final[0], "final_y": r.final[1],
            "distance": r.distance, "grad_norm": r.grad_norm, "status": r.status,
            "diverged_at": r.diverged_at,
        } for r in self.runs])

    def frame(self) -> pd.DataFrame:
        """Every recorded point of every run (CSV export); ``run`` holds the run id."""
        parts = []
        for r in self.runs:
            part = r.trajectory.to_frame()
            part["run"] = r.id
            parts.append(part)
        return pd.concat(parts, ignore_index=True)


def _status(distance: float, start_distance: float, diverged: bool, tol: float) -> str:
    if diverged:
        return "diverged"
    if distance <= tol:
        return "at_saddle"
    if distance > start_distance:
        return "escaped"
    if distance == start_distance:
        return "unmoved"
    return "approaching"


def saddle_runs(surface_name: str, config: OptimizerConfig, start: tuple[float, float], steps: int,
                perturbation: float = DEFAULT_PERTURBATION, noise: float = NOISE_LEVELS[0], seed: int = 0,
                tol: float = AT_SADDLE_TOL) -> SaddleResult:
    """The start as given, the start with y nudged by ``perturbation``, and the start with noise ``noise``.

    The two noiseless runs share one batched call; the noisy run needs its own, because
    ``optimizers.run`` draws one noise vector per update for the whole call.
    Raises ValueError for bad settings (the message names the culprit).
    """
    if surface_name not in SADDLE_SURFACES:
        raise ValueError(f"Invalid surface: {surface_name!r} (allowed: {', '.join(SADDLE_SURFACES)})")
    surface = surfaces.get(surface_name)
    steps = _check_steps(steps, SADDLE_MAX_STEPS)
    perturbation = float(perturbation)
    if not (np.isfinite(perturbation) and perturbation > 0):
        raise ValueError(f"Invalid perturbation: {perturbation!r} (allowed: a number > 0)")
    noise = float(noise)
    if not (np.isfinite(noise) and noise > 0):
        raise ValueError(f"Invalid noise: {noise!r} (allowed: a number > 0)")
    x0, y0 = (float(v) for v in start)
    rule = config.build()  # ValueError for a bad hyperparameter
    nudged = (x0, y0 + perturbation)
    calm = optimizers.run(rule, surface, [(x0, y0), nudged], steps)
    noisy = optimizers.run(config.build(), surface, [(x0, y0)], steps, noise=noise, seed=seed)

    saddle = np.array(surface.saddles[0].location, dtype=float)
    runs = []
    for run_id, traj, index, begin in (("unperturbed", calm, 0, (x0, y0)), ("perturbed", calm, 1, nudged),
                                       ("noise", noisy, 0, (x0, y0))):
        one = _single(traj, index)
        final = one.points[one.last_valid_row()[0], 0]
        distance = float(np.hypot(*(final - saddle)))
        start_distance = float(np.hypot(*(np.asarray(begin) - saddle)))
        grad_norm = float(np.hypot(*surface.grad(final)))
        k = int(one.diverged_at[0])
        runs.append(SaddleRun(run_id, one, begin, (float(final[0]), float(final[1])), distance, grad_norm,
                              k if k >= 0 else None, _status(distance, start_distance, k >= 0, tol)))
    return SaddleResult(surface, (float(saddle[0]), float(saddle[1])), tuple(runs), perturbation, noise, int(seed))


# -- basins of attraction -------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class BasinResult:
    """Where each start of a grid ends up.

    ``axes``: ``(xs,)`` for 1-D (``resolution²`` starts along x) or ``(xs, ys)`` for 2-D;
    ``labels``: ``(n,)`` (1-D) or ``(len(ys), len(xs))`` (2-D): index into ``minima``,
    ``NONE`` or ``DIVERGED``; ``counts``: starts per minimum, then ``NONE``, then
    ``DIVERGED``; ``elapsed``: seconds for the batched run and the labelling.
    """

    surface: surfaces.Surface
    optimizer: str
    lr: float
    steps: int
    resolution: int
    axes: tuple[np.ndarray, ...]
    labels: np.ndarray
    final_points: np.ndarray  # (n, d), last finite point of each start
    minima: tuple[surfaces.CriticalPoint, ...]
    counts: tuple[int, ...]
    tol: float
    elapsed: float

    def __post_init__(self) -> None:
        for arr in (*self.axes, self.labels, self.final_points):
            arr.flags.writeable = False

    @property
    def n_starts(self) -> int:
        return int(self.labels.size)

    @property
    def n_none(self) -> int:
        return self.counts[len(self.minima)]

    @property
    def n_diverged(self) -> int:
        return self.counts[len(self.minima) + 1]

    @property
    def n_basins(self) -> int:
        """Minima that at least one start reaches."""
        return sum(1 for c in self.counts[:len(self.minima)] if c > 0)

    def starts(self) -> np.ndarray:
        """The start points, (n, d), in the order of ``labels.ravel()``."""
        if len(self.axes) == 1:
            return self.axes[0][:, None]
        xx, yy = np.meshgrid(*self.axes)
        return np.stack([xx.ravel(), yy.ravel()], axis=1)

    def table(self) -> pd.DataFrame:
        """One row per minimum (then "none" and "diverged"): location, f, kind, starts, share."""
        rows = []
        for i, p in enumerate(self.minima):
            rows.append({"basin": i, "location": tuple(round(v, 4) for v in p.location), "value": p.value,
                         "kind": p.kind, "starts": self.counts[i]})
        rows.append({"basin": NONE, "location": None, "value": None, "kind": "none", "starts": self.n_none})
        rows.append({"basin": DIVERGED, "location": None, "value": None, "kind": "diverged",
                     "starts": self.n_diverged})
        table = pd.DataFrame(rows)
        table["share"] = table["starts"] / self.n_starts
        return table

    def frame(self) -> pd.DataFrame:
        """Start, end point and basin of every start (CSV export)."""
        start, end = self.starts(), self.final_points
        names = ("x", "y")[: start.shape[1]]
        columns = {f"start_{n}": start[:, i] for i, n in enumerate(names)}
        columns.update({f"final_{n}": end[:, i] for i, n in enumerate(names)})
        columns["basin"] = self.labels.ravel()
        return pd.DataFrame(columns)


@dataclass(frozen=True, eq=False)
class BasinComparison:
    convex: BasinResult  # bowl or parabola: one basin
    chosen: BasinResult


def basin_defaults(surface_name: str) -> BasinDefaults:
    """Learning rate and steps that suit ``surface_name``'s basin map (a typed formula gets a cautious pair)."""
    return BASIN_DEFAULTS.get(surface_name, BasinDefaults(0.01, 400))


def grid_starts(surface: surfaces.Surface, resolution: int) -> tuple[tuple[np.ndarray, ...], np.ndarray]:
    """Axes and the (n, d) start points: a resolution x resolution grid over the window
    (2-D), or resolution² evenly spaced points (1-D)."""
    if surface.dim == 1:
        (lo, hi), = surface.window
        xs = np.linspace(lo, hi, resolution * resolution)
        return (xs,), xs[:, None]
    (xlo, xhi), (ylo, yhi) = surface.window
    xs, ys = np.linspace(xlo, xhi, resolution), np.linspace(ylo, yhi, resolution)
    xx, yy = np.meshgrid(xs, ys)
    return (xs, ys), np.stack([xx.ravel(), yy.ravel()], axis=1)


def label_points(points: np.ndarray, minima, diverged: np.ndarray, tol: float) -> np.ndarray:
    """Index of the nearest listed minimum within ``tol``, else NONE; DIVERGED for diverged runs."""
    where = np.array([m.location for m in minima], dtype=float)  # (K, d)
    # Squared distances, one coordinate at a time: no (n, K, d) temporary.
    dist2 = np.zeros((len(points), len(where)))
    for j in range(where.shape[1]):  # d <= 2
        dist2 += (points[:, j:j + 1] - where[None, :, j]) ** 2
    nearest = np.argmin(dist2, axis=1)
    close = dist2[np.arange(len(points)), nearest] <= tol * tol
    labels = np.where(close, nearest, NONE)
    return np.where(diverged, DIVERGED, labels).astype(np.int16)


def basin_tolerance(surface: surfaces.Surface) -> float:
    """A start "reaches" a minimum when it ends within 1% of the window's largest side of it."""
    return 0.01 * max(hi - lo for lo, hi in surface.window)


def discovered_minima(surface: surfaces.Surface, final: np.ndarray, diverged: np.ndarray, tol: float,
                      max_minima: int = 12) -> tuple[CriticalPoint, ...]:
    """Minima found by the runs themselves, for a surface that lists none (a typed formula).

    End points of runs that did not diverge and where the gradient is (nearly) zero are
    grouped: cells of size ``tol`` are counted, and the most visited cells become
    centres, each absorbing the cells within ``tol`` of it. The lowest is "global".
    """
    ok = ~diverged
    if ok.any():
        grad_norm = np.linalg.norm(surface.grad(final[ok]), axis=-1)
        ok[ok] = grad_norm < 1e-3 * max(1.0, float(np.median(np.abs(surface.value(final[ok])))))
    if not ok.any():
        return ()
    cells, counts = np.unique(np.round(final[ok] / tol).astype(np.int64), axis=0, return_counts=True)
    order = np.argsort(-counts)[: 50 * max_minima]  # a bounded number of candidate cells
    centres: list[np.ndarray] = []
    for cell in cells[order]:
        point = cell * tol
        if all(np.max(np.abs(point - c)) > 2 * tol for c in centres):
            centres.append(point)
            if len(centres) == max_minima:
                break
    settled = final[ok]
    centres = [settled[np.max(np.abs(settled - c), axis=1) <= 2 * tol].mean(axis=0) for c in centres]
    values = surface.value(np.array(centres))
    lowest = float(np.min(values))
    return tuple(CriticalPoint(tuple(float(v) for v in c), float(f),
                               "global minimum" if f - lowest <= 1e-8 * (1 + abs(lowest)) else "local minimum")
                 for c, f in zip(centres, values))


def basins(surface_name: str, optimizer: str = "gd", lr: float = 0.01, steps: int = 400,
           resolution: int = 100, expression: str | None = None) -> BasinResult:
    """Run ``optimizer`` from every start of a grid in ONE batched call and label each by its basin.

    A surface that lists no minima (a typed formula) gets the minima its runs find.
    """
    surface = surface_for(surface_name, expression)
    if surface.dim not in (1, 2):
        raise ValueError(f"Invalid surface: {surface_name!r} has {surface.dim} parameters (allowed: 1 or 2)")
    steps = _check_steps(steps, BASIN_MAX_STEPS)
    top = max(RESOLUTIONS)
    if isinstance(resolution, bool) or not float(resolution).is_integer() or not 10 <= int(resolution) <= top:
        raise ValueError(f"Invalid resolution: {resolution!r} (allowed: an integer, 10 <= resolution <= "
                         f"{max(RESOLUTIONS)})")
    resolution = int(resolution)
    rule = OptimizerConfig.of(optimizer, lr=lr).build()  # ValueError for a bad learning rate
    axes, starts = grid_starts(surface, resolution)
    t0 = time.perf_counter()
    traj = optimizers.run(rule, surface, starts, steps, record_every=steps)  # start and end rows only
    final = traj.points[traj.last_valid_row(), np.arange(traj.n_runs)]
    tol = basin_tolerance(surface)
    minima = surface.minima or discovered_minima(surface, final, traj.diverged, tol)
    if not minima:
        raise ValueError(f"Invalid surface: no run of {surface_name!r} settled in a minimum (try more steps)")
    labels = label_points(final, minima, traj.diverged, tol)
    k = len(minima)
    counts = np.bincount(np.where(labels >= 0, labels, k - 1 - labels), minlength=k + 2)  # NONE->k, DIVERGED->k+1
    elapsed = time.perf_counter() - t0
    if surface.dim == 2:
        labels = labels.reshape(len(axes[1]), len(axes[0]))
    return BasinResult(surface, optimizer, float(lr), steps, resolution, axes, labels, np.array(final),
                       minima, tuple(int(c) for c in counts), tol, elapsed)


def basin_maps(surface_name: str, optimizer: str = "gd", lr: float = 0.01, steps: int = 400,
               resolution: int = 100, expression: str | None = None) -> BasinComparison:
    """The same run on ``surface_name`` and on its convex partner (bowl for 2-D, parabola for 1-D)."""
    chosen = basins(surface_name, optimizer, lr, steps, resolution, expression)
    convex = basins(CONVEX_PARTNER[chosen.surface.dim], optimizer, lr, steps, resolution)
    return BasinComparison(convex, chosen)
