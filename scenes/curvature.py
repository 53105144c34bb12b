"""Curvature: why SGD zig-zags, in numbers. The curvature page's computation.

The Hessian H = ∇²f says how the slope changes; its eigenvectors are the directions in which
f curves most and least, its eigenvalues by how much. On a quadratic bowl f = ½ xᵀ A x
(H = A everywhere) gradient descent with step α multiplies the error's component along each
eigenvector vᵢ by 1 − α λᵢ at every step, independently of the others:

- the step must satisfy α λmax < 2, or the steepest component grows;
- the best constant step 2 / (λmin + λmax) shrinks both ends equally, by (κ − 1)/(κ + 1)
  per step, κ = λmax / λmin: a long valley (large κ) is slow whatever the step;
- heavy-ball momentum x ← x − α ∇f(x) + β (x − x_prev) turns each component into a damped
  oscillation z² − (1 + β − α λ) z + β = 0. With α = (2 / (√λmax + √λmin))² and
  β = ((√κ − 1)/(√κ + 1))² every component shrinks by √β = (√κ − 1)/(√κ + 1) per step,
  and the run is stable while α λmax < 2 (1 + β).

torch's SGD with momentum (b ← μ b + g, x ← x − lr b) is this heavy ball with α = lr and
β = μ, for a constant learning rate.

Scenes (pure functions of hashable settings, one batched ``optimizers.run`` call each where
they run anything):

``point_curvature``  the Hessian at a point of a surface: eigenvalues, eigenvectors, κ, kind.
``eigen_runs``       GD and momentum on a bowl of condition number κ turned by θ, their error
                     split along the Hessian's eigenvectors step by step (Distill's picture).
``rates``            predicted and measured rates for many κ at once.
``rotation_race``    SGD, momentum, AdaGrad, RMSprop and Adam on the anisotropic bowl turned by θ.
``edge_of_stability`` the sharpness λmax(H) along GD runs, next to 2 / lr.
``heavy_ball_edge``  the stability edge lr = 2 (1 + β) / λmax over momentum values, for the
                     sweep page's lr x momentum heatmap (None unless the surface is quadratic).

Nothing here imports Streamlit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

import optimizers
import surfaces
from surfaces.bowls import rotation

from .common import surface_for

# -- settings the page offers ------------------------------------------------------------------
LAM_MAX = 2.0  # the bowls' steep curvature: κ = 20 is the book's x²/20 + y² (λ = 0.1 and 2)
KAPPAS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)  # the κ choices, and the grid of the rate chart
ANGLES = tuple(range(0, 181, 5))  # θ choices in degrees
BOWL_START = (-7.0, 2.0)  # in the bowl's own axes (turned with it): the book's start
MAX_KAPPA = 1e4
MAX_STEPS = 5000
RATE_STEPS = 1000  # steps of each rate run
RATE_FLOOR = 1e-250  # errors below this are left out of the measured rate (far above float64's smallest)
TRANSIENT = 0.5  # the first half of each run's usable steps is the transient, left out of the measured rate
RACE = (  # the rotation race: the book's learning rates, RMSprop at a rate that wins on the unturned bowl
    ("sgd", 0.95), ("momentum", 0.1), ("adagrad", 1.5), ("rmsprop", 0.3), ("adam", 0.3),
)
RACE_SURFACE = (0.1, 2.0)  # λmin, λmax of x²/20 + y²
KINDS = ("minimum", "maximum", "saddle", "degenerate")
EOS_DEFAULTS = {"surface": "rosenbrock", "lrs": (0.0025, 0.001), "start": (0.0, 0.0), "steps": 3000}
EOS_STARTS = {"rosenbrock": (0.0, 0.0)}  # where the valley floor is flat (λmax = 200), far from the sharp minimum


def _read(arr) -> np.ndarray:
    arr = np.array(arr, dtype=float)
    arr.flags.writeable = False
    return arr


def _positive(name: str, value: float, high: float = math.inf) -> float:
    value = float(value)
    if not (math.isfinite(value) and 0 < value <= high):
        raise ValueError(f"Invalid {name}: {value!r} (allowed: 0 < {name} <= {high:g})")
    return value


def _norm(points: np.ndarray) -> np.ndarray:
    """Euclidean norm over the last axis without underflow: squaring 1e-162 gives 0 in float64, so the
    coordinates are scaled by their largest magnitude first."""
    scale = np.max(np.abs(points), axis=-1, keepdims=True)
    safe = np.where(scale > 0, scale, 1.0)
    return np.where(scale[..., 0] > 0, scale[..., 0] * np.sqrt(np.sum((points / safe) ** 2, axis=-1)), 0.0)


def _check_kappa(kappa: float) -> float:
    kappa = float(kappa)
    if not (math.isfinite(kappa) and 1.0 <= kappa <= MAX_KAPPA):
        raise ValueError(f"Invalid condition number κ: {kappa!r} (allowed: 1 <= κ <= {MAX_KAPPA:g})")
    return kappa


def _check_beta(beta: float) -> float:
    beta = float(beta)
    if not (math.isfinite(beta) and 0.0 <= beta < 1.0):
        raise ValueError(f"Invalid momentum β: {beta!r} (allowed: 0 <= β < 1)")
    return beta


def _check_steps(steps: int, high: int = MAX_STEPS) -> int:
    if isinstance(steps, bool) or not float(steps).is_integer() or not 1 <= int(steps) <= high:
        raise ValueError(f"Invalid steps: {steps!r} (allowed: an integer, 1 <= steps <= {high})")
    return int(steps)


# -- the Hessian at a point --------------------------------------------------------------------------
@dataclass(frozen=True)
class Eigen:
    """Eigen-decomposition of a symmetric Hessian: ``values`` ascending, ``vectors`` their columns
    (each with its largest entry positive, so the signs are reproducible), ``kappa`` = |λ|max / |λ|min
    (inf when an eigenvalue is 0) and ``kind``: "minimum" (all λ > 0), "maximum" (all < 0),
    "saddle" (both signs) or "degenerate" (a λ is 0: the second derivative does not decide)."""

    values: np.ndarray
    vectors: np.ndarray
    kappa: float
    kind: str

    @property
    def sharpness(self) -> float:
        """λmax, the largest curvature (GD with step lr is stable on it while lr·λmax < 2)."""
        return float(self.values[-1])


def eigen(hessian, zero_tol: float = 1e-12) -> Eigen:
    """The eigen-decomposition of one symmetric matrix (d x d); eigenvalues within ``zero_tol`` of the
    largest |λ| count as 0. Raises ValueError for a matrix that is not finite."""
    h = np.asarray(hessian, dtype=float)
    if h.ndim != 2 or h.shape[0] != h.shape[1]:
        raise ValueError(f"Invalid Hessian: shape {h.shape} (allowed: square)")
    if not np.isfinite(h).all():
        raise ValueError("Invalid point: the Hessian is not finite there")
    values, vectors = np.linalg.eigh((h + h.T) / 2.0)
    big = np.argmax(np.abs(vectors), axis=0)
    vectors = vectors * np.where(vectors[big, np.arange(len(values))] < 0, -1.0, 1.0)
    mags = np.abs(values)
    scale = float(mags.max())
    zero = mags <= zero_tol * scale if scale > 0 else np.ones_like(mags, dtype=bool)
    if zero.any():
        kind, kappa = "degenerate", math.inf
    else:
        kappa = float(mags.max() / mags.min())
        kind = "minimum" if (values > 0).all() else "maximum" if (values < 0).all() else "saddle"
    return Eigen(_read(values), _read(vectors), kappa, kind)


@dataclass(frozen=True, eq=False)
class PointCurvature:
    surface: surfaces.Surface
    point: tuple[float, float]
    value: float
    gradient: np.ndarray  # (2,)
    hessian: np.ndarray  # (2, 2)
    eigen: Eigen

    @property
    def gradient_components(self) -> np.ndarray:
        """∇f along each eigenvector (λmin's first): on a long valley nearly all of it lies along the steep one."""
        return self.eigen.vectors.T @ self.gradient

    @property
    def gd_edge(self) -> float:
        """2 / λmax: GD steps above this grow along the steepest direction here (inf where nothing curves up)."""
        top = float(self.eigen.values[-1])
        return 2.0 / top if top > 0 else math.inf

    def table(self) -> pd.DataFrame:
        """One row per eigenpair, smallest λ first: λ, its eigenvector, how f curves along it."""
        rows = []
        for i, lam in enumerate(self.eigen.values):
            v = self.eigen.vectors[:, i]
            rows.append({"eigenvalue": float(lam), "vector_x": float(v[0]), "vector_y": float(v[1]),
                         "curves": "up" if lam > 0 else "down" if lam < 0 else "flat"})
        return pd.DataFrame(rows)


def point_curvature(surface_name: str, point: tuple[float, float], expression: str | None = None) -> PointCurvature:
    """f, ∇f and the exact Hessian at ``point`` of a 2-D surface, with its eigen-decomposition.

    Raises ValueError for a surface that is not 2-D, a point that is not finite or one where f, ∇f
    or the Hessian is not finite (outside a typed function's domain, say)."""
    surface = surface_for(surface_name, expression)
    if surface.dim != 2:
        raise ValueError(f"Invalid surface: {surface_name!r} has {surface.dim} parameter(s) (allowed: 2)")
    p = np.array([float(v) for v in point], dtype=float)
    if p.shape != (2,) or not np.isfinite(p).all():
        raise ValueError(f"Invalid point: {point!r} (allowed: two finite numbers)")
    value = float(surface.value(p))
    if not math.isfinite(value):
        raise ValueError("Invalid point: f is not finite there (outside the function's domain?)")
    hessian = surface.hess(p)
    decomposition = eigen(hessian)
    gradient = surface.grad(p[None, :])[0]
    if not np.isfinite(gradient).all():
        raise ValueError("Invalid point: the gradient is not finite there")
    return PointCurvature(surface, (float(p[0]), float(p[1])), value, _read(gradient),
                          _read(hessian), decomposition)


# -- rates on quadratics ------------------------------------------------------------------------------
def optimal_gd(lam_min: float, lam_max: float) -> tuple[float, float]:
    """The constant step that minimises GD's worst factor |1 − α λ| over [λmin, λmax], and that factor:
    (2 / (λmin + λmax), (κ − 1)/(κ + 1))."""
    lr = 2.0 / (lam_min + lam_max)
    kappa = lam_max / lam_min
    return lr, (kappa - 1.0) / (kappa + 1.0)


def optimal_momentum(lam_min: float, lam_max: float) -> tuple[float, float, float]:
    """Heavy ball's best (α, β) on a quadratic with curvatures in [λmin, λmax], and its rate:
    α = (2 / (√λmax + √λmin))², β = ((√κ − 1)/(√κ + 1))², rate (√κ − 1)/(√κ + 1)."""
    lr = (2.0 / (math.sqrt(lam_max) + math.sqrt(lam_min))) ** 2
    root = math.sqrt(lam_max / lam_min)
    rate = (root - 1.0) / (root + 1.0)
    return lr, rate * rate, rate


def heavy_ball_rate(lr, beta, eigenvalues) -> np.ndarray:
    """Predicted rate (spectral radius of one step) of heavy-ball momentum with step ``lr`` and momentum
    ``beta`` on a quadratic with Hessian eigenvalues ``eigenvalues``: the largest |z| over the roots of
    z² − (1 + β − lr λ) z + β = 0 for every λ (β = 0: |1 − lr λ|). ``lr`` and ``beta`` broadcast;
    the result has their shape. Above 1 the run grows."""
    lr, beta = np.broadcast_arrays(np.asarray(lr, dtype=float), np.asarray(beta, dtype=float))
    lam = np.asarray(eigenvalues, dtype=float).reshape((1,) * lr.ndim + (-1,))
    b = 1.0 + beta[..., None] - lr[..., None] * lam  # z² − b z + β
    c = np.broadcast_to(beta[..., None], b.shape)
    disc = b * b - 4.0 * c
    real = np.sqrt(np.maximum(disc, 0.0))
    two_real = np.maximum(np.abs(b + real), np.abs(b - real)) / 2.0
    complex_pair = np.sqrt(np.maximum(c, 0.0))  # |z|² = β when the roots are a conjugate pair
    radius = np.where(disc >= 0, two_real, complex_pair)
    return radius.max(axis=-1)


def stability_edge(lam_max: float, beta) -> np.ndarray:
    """The largest stable step of heavy-ball momentum on a quadratic whose largest curvature is
    ``lam_max``: lr · λmax < 2 (1 + β) (β = 0: GD's lr < 2 / λmax)."""
    return 2.0 * (1.0 + np.asarray(beta, dtype=float)) / float(lam_max)


def measured_rate(errors) -> np.ndarray:
    """Geometric mean of the per-step error ratio ‖e_{k+1}‖ / ‖e_k‖ of each run, its transient left out.

    ``errors``: ``(steps + 1, n)`` distances to the minimum. Only the steps where the error is above
    ``RATE_FLOOR`` count; of those, the first ``TRANSIENT`` share is the transient. The mean over
    k = a..b−1 is (e_b / e_a)^(1 / (b − a)). A run that reached the minimum exactly has rate 0; one
    that grew has a rate above 1."""
    e = np.asarray(errors, dtype=float)
    out = np.empty(e.shape[1])
    for i in range(e.shape[1]):
        col = e[:, i]
        if not np.isfinite(col).all():
            out[i] = math.inf
            continue
        usable = np.flatnonzero(col > RATE_FLOOR)
        if usable.size == 0:
            out[i] = 0.0
            continue
        last = int(usable[-1])
        if last + 1 < len(col) and col[last + 1] == 0.0:  # exactly at the minimum: faster than any rate
            out[i] = 0.0
            continue
        first = math.floor(last * TRANSIENT)
        if last == first:
            out[i] = math.nan
            continue
        out[i] = (col[last] / col[first]) ** (1.0 / (last - first))
    return out


def kappa_bowl(kappa: float, degrees: float = 0.0) -> surfaces.QuadraticSurface:
    """The bowl of condition number κ turned by θ: λmax = ``LAM_MAX``, λmin = λmax / κ, start ``BOWL_START``
    turned with it (κ = 20, θ = 0 is x²/20 + y² from (−7, 2))."""
    kappa = _check_kappa(kappa)
    return surfaces.rotated_bowl(LAM_MAX / kappa, LAM_MAX, degrees, start=BOWL_START)


@dataclass(frozen=True, eq=False)
class EigenRuns:
    """GD (run 0) and heavy-ball momentum (run 1) on one bowl, in one batched call.

    ``components``: ``(steps + 1, 2, 2)``: for each recorded step and run, the error x_k − x*
    along the Hessian's eigenvectors (λmin's first). ``lrs``, ``betas``: each run's step and
    momentum; ``optimal``: whether they are the optimal ones; ``predicted``: each run's rate
    (spectral radius); ``measured``: its measured rate (``measured_rate``)."""

    surface: surfaces.QuadraticSurface
    kappa: float
    degrees: float
    trajectory: optimizers.Trajectory
    components: np.ndarray
    lrs: tuple[float, float]
    betas: tuple[float, float]
    optimal: bool
    predicted: np.ndarray
    measured: np.ndarray

    names = ("gd", "momentum")

    @property
    def eigenvalues(self) -> np.ndarray:
        return self.surface.eigenvalues

    @property
    def eigenvectors(self) -> np.ndarray:
        return self.surface.eigenvectors

    def single(self, run: int) -> optimizers.Trajectory:
        """Run ``run`` alone, as a one-run trajectory (views, no copies)."""
        t = self.trajectory
        return optimizers.Trajectory(
            optimizer=self.names[run], surface=t.surface, points=t.points[:, run:run + 1],
            loss=t.loss[:, run:run + 1], steps=t.steps, diverged_at=t.diverged_at[run:run + 1],
            hyperparams={"lr": self.lrs[run], "momentum": self.betas[run]})

    def frame(self) -> pd.DataFrame:
        """Every step of both runs with its eigen-components (CSV export)."""
        table = self.trajectory.to_frame()
        table["optimizer"] = np.tile(np.array(self.names), len(self.trajectory.steps))
        table["error_along_v_min"] = self.components[:, :, 0].reshape(-1)
        table["error_along_v_max"] = self.components[:, :, 1].reshape(-1)
        return table


def eigen_runs(kappa: float, degrees: float, steps: int, gd_lr: float | None = None, momentum_lr: float | None = None,
               beta: float | None = None) -> EigenRuns:
    """GD and heavy-ball momentum on ``kappa_bowl(kappa, degrees)``, both in ONE batched ``optimizers.run``
    call (SGD with per-run lr = (gd_lr, momentum_lr) and momentum = (0, β)). None for all three picks the
    optimal values (``optimal_gd``, ``optimal_momentum``). Raises ValueError for a bad setting."""
    kappa = _check_kappa(kappa)
    steps = _check_steps(steps)
    surface = kappa_bowl(kappa, degrees)
    lam_min, lam_max = (float(v) for v in surface.eigenvalues)
    choose = (gd_lr, momentum_lr, beta)
    optimal = all(v is None for v in choose)
    if optimal:
        gd_lr = optimal_gd(lam_min, lam_max)[0]
        momentum_lr, beta = optimal_momentum(lam_min, lam_max)[:2]
    elif any(v is None for v in choose):
        raise ValueError("Invalid settings: give all of gd_lr, momentum_lr and beta, or none")
    gd_lr = _positive("learning rate", gd_lr, 1e3)
    momentum_lr = _positive("learning rate", momentum_lr, 1e3)
    beta = _check_beta(beta)
    lrs, betas = np.array([gd_lr, momentum_lr]), np.array([0.0, beta])
    rule = optimizers.get("sgd", lr=lrs, momentum=betas)
    traj = optimizers.run(rule, surface, surface.starts[0], steps)  # the start repeated for both runs
    components = traj.points @ surface.eigenvectors  # (R, 2, 2): error along each eigenvector (x* = 0)
    errors = _norm(traj.points)
    errors = np.where(traj.diverged[None, :] & (traj.steps[:, None] >= traj.diverged_at[None, :]), np.inf, errors)
    return EigenRuns(surface, kappa, float(degrees), traj, _read(components), (gd_lr, momentum_lr), (0.0, beta),
                     optimal, _read(heavy_ball_rate(lrs, betas, surface.eigenvalues)), _read(measured_rate(errors)))


@dataclass(frozen=True, eq=False)
class Rates:
    """Predicted and measured rates of GD and heavy ball at their optimal settings, per κ.

    ``kappas``: the κ of the runs (``KAPPAS`` and the chosen one), ascending; ``gd``/``momentum``:
    dicts of arrays ``lr``, ``beta``, ``predicted``, ``measured``; ``curve_kappas`` with
    ``curve_gd``/``curve_momentum``: the predicted rates on a fine grid, for drawing;
    ``chosen``: the κ picked on the page. ``run_calls``: 1 (every κ and both methods at once)."""

    kappas: np.ndarray
    chosen: float
    gd: dict
    momentum: dict
    curve_kappas: np.ndarray
    curve_gd: np.ndarray
    curve_momentum: np.ndarray
    steps: int
    run_calls: int

    def index(self, kappa: float) -> int:
        return int(np.argmin(np.abs(self.kappas - kappa)))

    def table(self) -> pd.DataFrame:
        """One row per κ and method: optimal lr and β, predicted and measured rate."""
        rows = []
        for name, part in (("gd", self.gd), ("momentum", self.momentum)):
            for i, kappa in enumerate(self.kappas):
                rows.append({"kappa": float(kappa), "optimizer": name, "lr": float(part["lr"][i]),
                             "beta": float(part["beta"][i]), "predicted": float(part["predicted"][i]),
                             "measured": float(part["measured"][i])})
        return pd.DataFrame(rows)

    def frame(self) -> pd.DataFrame:
        return self.table()


def steps_to_shrink(rate: float, factor: float = 1e-6) -> float:
    """Steps for an error to shrink by ``factor`` at ``rate`` per step (inf at rate >= 1, 1 at rate 0)."""
    if rate <= 0:
        return 1.0
    if rate >= 1:
        return math.inf
    return math.log(factor) / math.log(rate)


def rates(kappa: float = 20.0, steps: int = RATE_STEPS) -> Rates:
    """GD and heavy ball at their optimal settings on a bowl of every κ of ``KAPPAS`` (and ``kappa``):
    ALL in one batched ``optimizers.run`` call.

    The bowls are the 2x2 blocks of one block-diagonal quadratic of dimension 2m (m values of κ);
    run j starts in block j only (the book's start along the eigenvectors), so its other
    coordinates have zero gradient and stay exactly 0 under GD and momentum: each run is the 2-D
    bowl of its κ. The first m runs are GD, the last m momentum, each with its own lr and β."""
    chosen = _check_kappa(kappa)
    steps = _check_steps(steps, 20_000)
    kappas = np.unique(np.array([*KAPPAS, chosen], dtype=float))
    m = len(kappas)
    lam_min = LAM_MAX / kappas
    blocks = np.zeros((2 * m, 2 * m))
    idx = np.arange(m)
    blocks[2 * idx, 2 * idx] = lam_min
    blocks[2 * idx + 1, 2 * idx + 1] = LAM_MAX
    stack = surfaces.quadratic(blocks, name="bowls")
    gd = [optimal_gd(lo, LAM_MAX) for lo in lam_min]
    mom = [optimal_momentum(lo, LAM_MAX) for lo in lam_min]
    lrs = np.array([g[0] for g in gd] + [h[0] for h in mom])
    betas = np.array([0.0] * m + [h[1] for h in mom])
    starts = np.zeros((2 * m, 2 * m))
    for j in range(2 * m):
        block = j % m
        starts[j, 2 * block:2 * block + 2] = BOWL_START
    traj = optimizers.run(optimizers.get("sgd", lr=lrs, momentum=betas), stack, starts, steps)
    errors = _norm(traj.points)  # x* = 0
    errors = np.where(traj.diverged[None, :] & (traj.steps[:, None] >= traj.diverged_at[None, :]), np.inf, errors)
    measured = measured_rate(errors)
    curve = np.geomspace(1.0, float(max(kappas.max(), 1000.0)), 200)
    root = np.sqrt(curve)
    return Rates(
        kappas=_read(kappas), chosen=chosen,
        gd={"lr": _read(lrs[:m]), "beta": _read(betas[:m]), "predicted": _read([g[1] for g in gd]),
            "measured": _read(measured[:m])},
        momentum={"lr": _read(lrs[m:]), "beta": _read(betas[m:]), "predicted": _read([h[2] for h in mom]),
                  "measured": _read(measured[m:])},
        curve_kappas=_read(curve), curve_gd=_read((curve - 1) / (curve + 1)),
        curve_momentum=_read((root - 1) / (root + 1)), steps=steps, run_calls=1,
    )


# -- the rotation experiment ------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class RotationRace:
    """The race on the anisotropic bowl turned by ``degrees`` and, for reference, on the unturned one.

    ``trajectories``: one per optimizer of ``names`` on the turned bowl; ``unturned``: the same on
    θ = 0; ``drift``: per optimizer, max over steps of ‖x_k(θ) − R(θ) x_k(0)‖ / ‖x_0‖: 0 (up to
    rounding) for a method that does not care about the axes."""

    surface: surfaces.QuadraticSurface
    degrees: float
    names: tuple[str, ...]
    lrs: tuple[float, ...]
    trajectories: tuple[optimizers.Trajectory, ...]
    unturned: tuple[optimizers.Trajectory, ...]
    drift: np.ndarray
    steps: int

    def table(self) -> pd.DataFrame:
        """Per optimizer: lr, final loss on the unturned and on the turned bowl, and the drift."""
        rows = []
        for i, name in enumerate(self.names):
            rows.append({"optimizer": name, "lr": self.lrs[i],
                         "loss_unturned": float(self.unturned[i].loss[self.unturned[i].last_valid_row()[0], 0]),
                         "loss_turned": float(self.trajectories[i].loss[self.trajectories[i].last_valid_row()[0], 0]),
                         "drift": float(self.drift[i])})
        return pd.DataFrame(rows)

    def frame(self) -> pd.DataFrame:
        return pd.concat([t.to_frame() for t in self.trajectories], ignore_index=True)


def rotation_race(degrees: float, steps: int = 30, race: tuple[tuple[str, float], ...] = RACE) -> RotationRace:
    """Each optimizer of ``race`` (name, lr; other hyperparameters at torch's defaults, momentum 0.9)
    on x²/20 + y² turned by ``degrees``, from (−7, 2) turned with it; and on the unturned bowl."""
    steps = _check_steps(steps, 1000)
    turned = surfaces.rotated_bowl(*RACE_SURFACE, degrees, start=BOWL_START)
    flat = surfaces.rotated_bowl(*RACE_SURFACE, 0.0, start=BOWL_START)
    r = rotation(degrees)
    names, lrs, runs, reference, drift = [], [], [], [], []
    for name, lr in race:
        traj = optimizers.run(optimizers.get(name, lr=lr), turned, turned.starts, steps)
        ref = optimizers.run(optimizers.get(name, lr=lr), flat, flat.starts, steps)
        names.append(name)
        lrs.append(float(lr))
        runs.append(traj)
        reference.append(ref)
        gap = np.linalg.norm(traj.points[:, 0] - ref.points[:, 0] @ r.T, axis=-1).max()
        drift.append(gap / np.linalg.norm(BOWL_START))
    return RotationRace(turned, float(degrees), tuple(names), tuple(lrs), tuple(runs), tuple(reference),
                        _read(drift), steps)


# -- edge of stability ----------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class EdgeOfStability:
    """GD runs with the sharpness λmax(H) at every iterate.

    ``trajectory``: one run per learning rate of ``lrs`` (one batched call); ``sharpness``:
    ``(steps + 1, n)``, λmax of the exact Hessian at each recorded point (frozen after a
    divergence); ``thresholds``: 2 / lr per run; ``climb``: per run, the first step at which the
    sharpness is within 10 % of 2 / lr (-1: never); ``hover``: per run, the mean, least and
    largest sharpness over the second half of the run."""

    surface: surfaces.Surface
    lrs: tuple[float, ...]
    start: tuple[float, float]
    trajectory: optimizers.Trajectory
    sharpness: np.ndarray
    thresholds: np.ndarray
    climb: np.ndarray
    hover: np.ndarray  # (n, 3): mean, min, max

    def frame(self) -> pd.DataFrame:
        table = self.trajectory.to_frame()
        table["sharpness"] = self.sharpness.reshape(-1)
        table["two_over_lr"] = np.tile(self.thresholds, len(self.trajectory.steps))
        return table


def edge_of_stability(surface_name: str = EOS_DEFAULTS["surface"], lrs: tuple[float, ...] = EOS_DEFAULTS["lrs"],
                      start: tuple[float, float] = EOS_DEFAULTS["start"], steps: int = EOS_DEFAULTS["steps"],
                      expression: str | None = None) -> EdgeOfStability:
    """GD from ``start`` with every learning rate of ``lrs`` in ONE batched call, and λmax(H) along each run.

    On Rosenbrock from (0, 0) the valley floor gets sharper towards the minimum (λmax from 200 to
    about 1002): with lr = 0.0025 (2 / lr = 800) the sharpness climbs to 800 in about 1,000 steps and
    then hovers around it, the loss going up and down, because GD cannot settle anywhere sharper than
    2 / lr; with lr = 0.001 (2 / lr = 2000) it settles at the minimum's 1,002."""
    surface = surface_for(surface_name, expression)
    if surface.dim != 2:
        raise ValueError(f"Invalid surface: {surface_name!r} has {surface.dim} parameter(s) (allowed: 2)")
    steps = _check_steps(steps)
    lrs = tuple(_positive("learning rate", lr, 1e3) for lr in lrs)
    if not 1 <= len(lrs) <= 4:
        raise ValueError(f"Invalid learning rates: {len(lrs)} (allowed: 1 to 4)")
    x0 = tuple(float(v) for v in start)
    if len(x0) != 2 or not all(math.isfinite(v) for v in x0):
        raise ValueError(f"Invalid start: {start!r} (allowed: two finite numbers)")
    traj = optimizers.run(optimizers.get("gd", lr=np.array(lrs)), surface, x0, steps)
    hess = surface.hess(traj.points)  # (R, n, 2, 2); frozen rows repeat the last finite point
    with np.errstate(invalid="ignore"):
        ok = np.isfinite(hess).all(axis=(-1, -2))
        sharp = np.linalg.eigvalsh(np.where(ok[..., None, None], hess, 0.0))[..., -1]
    sharp = np.where(ok, sharp, np.nan)
    thresholds = 2.0 / np.array(lrs)
    near = np.abs(sharp - thresholds[None, :]) <= 0.1 * thresholds[None, :]
    climb = np.where(near.any(axis=0), np.argmax(near, axis=0), -1)
    half = sharp[len(sharp) // 2:]
    with np.errstate(invalid="ignore"):
        hover = np.stack([np.nanmean(half, axis=0), np.nanmin(half, axis=0), np.nanmax(half, axis=0)], axis=1) \
            if np.isfinite(half).any() else np.full((len(lrs), 3), np.nan)
    return EdgeOfStability(surface, lrs, x0, traj, _read(sharp), _read(thresholds), climb.astype(np.int64),
                           _read(hover))


def eos_start(surface: surfaces.Surface) -> tuple[float, float]:
    """The start the edge-of-stability section suggests on ``surface``: (0, 0) on Rosenbrock, else its own."""
    return EOS_STARTS.get(surface.name, tuple(float(v) for v in surface.start[:2]))


# -- the stability edge on the sweep heatmap --------------------------------------------------------------
@dataclass(frozen=True)
class StabilityEdge:
    """lr = 2 (1 + β) / λmax for each momentum value β: above it heavy ball diverges on this quadratic."""

    lam_max: float
    betas: np.ndarray
    lrs: np.ndarray


def quadratic_surfaces(names) -> tuple[str, ...]:
    """Those of the registered surfaces ``names`` that are quadratics with a positive-definite Hessian
    (one minimum, where heavy ball's stability edge applies), in order."""
    out = []
    for name in names:
        hessian = surfaces.constant_hessian(surfaces.get(name))
        if hessian is not None and np.linalg.eigvalsh(hessian).min() > 0:
            out.append(name)
    return tuple(out)


def heavy_ball_edge(surface_name: str, second_key: str, values, expression: str | None = None) -> StabilityEdge | None:
    """The stability edge to draw over the sweep's lr x momentum heatmap, or None when there is none to draw:
    the heatmap is not SGD's lr x momentum, or the surface is not a quadratic with a positive-definite
    Hessian (asked of ``surfaces.constant_hessian``)."""
    if second_key != "sgd-momentum":
        return None
    try:
        surface = surface_for(surface_name, expression)
    except ValueError:
        return None
    hessian = surfaces.constant_hessian(surface)
    if hessian is None:
        return None
    lams = np.linalg.eigvalsh(hessian)
    if not lams.min() > 0:
        return None
    betas = np.asarray(values, dtype=float)
    return StabilityEdge(float(lams.max()), _read(betas), _read(stability_edge(lams.max(), betas)))


# -- second-order methods ----------------------------------------------------------------------------------------------
SECOND_ORDER = (("gd", (("lr", 0.001),)), ("newton", ()), ("lbfgs", (("strong_wolfe", True),)))
NEWTON_VARIANTS = ("pure", "damped", "saddle_free")
NEWTON_SURFACE = "himmelblau"
NEWTON_GD_LR = 0.01


@dataclass(frozen=True, eq=False)
class SecondOrderRace:
    """GD, Newton and L-BFGS (strong Wolfe line search) from one start, each in its own call.

    ``trials``: every point L-BFGS's line search evaluated, ``(k, 2)`` (its steps are among them);
    ``evaluations``: per optimizer, the function evaluations it used (GD and Newton: one a step;
    L-BFGS: its line-search trials); ``reached``: per optimizer, the first step with f − f* <= ``tol``
    (-1: never)."""

    surface: surfaces.Surface
    names: tuple[str, ...]
    trajectories: tuple[optimizers.Trajectory, ...]
    trials: np.ndarray
    evaluations: tuple[int, ...]
    reached: tuple[int, ...]
    tol: float

    def table(self) -> pd.DataFrame:
        rows = []
        for name, traj, evals, reached in zip(self.names, self.trajectories, self.evaluations, self.reached):
            last = traj.last_valid_row()[0]
            rows.append({"optimizer": name, "final_loss": float(traj.loss[last, 0]),
                         "steps_to_tol": reached if reached >= 0 else None, "evaluations": evals,
                         "diverged_at": int(traj.diverged_at[0]) if traj.diverged[0] else None})
        return pd.DataFrame(rows)

    def frame(self) -> pd.DataFrame:
        return pd.concat([t.to_frame() for t in self.trajectories], ignore_index=True)


def second_order_race(steps: int = 50, start: tuple[float, float] = (-1.2, 1.0), surface_name: str = "rosenbrock",
                      tol: float = 1e-8) -> SecondOrderRace:
    """GD (lr 0.001), pure Newton and L-BFGS with the strong Wolfe line search on ``surface_name`` from
    ``start`` (Rosenbrock from (−1.2, 1): Newton within 1e-8 in 5 steps, with a jump to f ≈ 1400 on
    the way; L-BFGS in 34 (42 evaluations of f and ∇f); GD still at f ≈ 4 after 50)."""
    steps = _check_steps(steps, 1000)
    surface = surfaces.get(surface_name)
    x0 = tuple(float(v) for v in start)
    if len(x0) != surface.dim or not all(math.isfinite(v) for v in x0):
        raise ValueError(f"Invalid start: {start!r} (allowed: {surface.dim} finite numbers)")
    target = surface.global_minimum or 0.0
    names, runs, evals, reached = [], [], [], []
    trials = np.empty((0, surface.dim))
    for name, hyperparams in SECOND_ORDER:
        wolfe = name == "lbfgs"
        traj = optimizers.run(optimizers.get(name, **dict(hyperparams)), surface, [x0], steps, record_state=wolfe)
        if wolfe:
            n = traj.extra_state["ls_evals"][:, 0].astype(int)
            points = traj.extra_state["ls_points"][:, 0]
            trials = np.concatenate([points[row, :k] for row, k in enumerate(n)] or [trials])
            evals.append(int(n.sum()))
        else:
            evals.append(int(traj.steps[traj.last_valid_row()[0]]))
        names.append(name)
        runs.append(traj)
        reached.append(int(traj.steps_to(tol, target=target)[0]))
    return SecondOrderRace(surface, tuple(names), tuple(runs), _read(trials), tuple(evals), tuple(reached), tol)


@dataclass(frozen=True, eq=False)
class NewtonAttraction:
    """Newton on a surface with saddles and a maximum: the race from one start, and where a grid of starts ends.

    ``names``: ``NEWTON_VARIANTS`` then "gd"; ``trajectories``: one per name, from ``start``;
    ``counts``: per variant, how many of the ``n_starts`` grid starts ended at each kind of listed
    critical point ("global minimum", "local minimum", "saddle", "local maximum"), elsewhere
    ("none") or diverged."""

    surface: surfaces.Surface
    damping: float
    start: tuple[float, float]
    names: tuple[str, ...]
    trajectories: tuple[optimizers.Trajectory, ...]
    counts: dict
    n_starts: int
    run_calls: int

    def table(self) -> pd.DataFrame:
        kinds = ("minimum", "saddle", "local maximum", "none", "diverged")
        rows = []
        for variant in NEWTON_VARIANTS:
            c = self.counts[variant]
            row = {"variant": variant, "minimum": c.get("global minimum", 0) + c.get("local minimum", 0)}
            row.update({k: c.get(k, 0) for k in kinds[1:]})
            rows.append(row)
        return pd.DataFrame(rows)

    def frame(self) -> pd.DataFrame:
        parts = []
        for name, traj in zip(self.names, self.trajectories):
            part = traj.to_frame()
            part["variant"] = name
            parts.append(part)
        return pd.concat(parts, ignore_index=True)


def _classify(points: np.ndarray, diverged: np.ndarray, surface: surfaces.Surface, tol: float) -> dict:
    where = np.array([p.location for p in surface.critical_points], dtype=float)
    kinds = np.array([p.kind for p in surface.critical_points] + ["none", "diverged"])
    dist = np.linalg.norm(points[:, None, :] - where[None, :, :], axis=-1)
    nearest = np.argmin(dist, axis=1)
    label = np.where(dist[np.arange(len(points)), nearest] <= tol, nearest, len(where))
    label = np.where(diverged, len(where) + 1, label)
    names, counts = np.unique(kinds[label], return_counts=True)
    return {str(k): int(c) for k, c in zip(names, counts)}


def newton_attraction(damping: float = 50.0, start: tuple[float, float] = (0.0, 0.0), steps: int = 60,
                      resolution: int = 40) -> NewtonAttraction:
    """Pure Newton, Newton damped by ``damping`` and saddle-free Newton on Himmelblau's function (four
    minima, four saddles, one maximum), and GD for comparison.

    The race from ``start``: pure and damped Newton in one batched call (damping per run), saddle-free
    and GD in one call each. The grid (``resolution``² starts over the window): pure and damped in ONE
    batched call (every start twice, damping 0 then ``damping``), saddle-free in one more. Pure Newton
    solves ∇f = 0 and ends at saddles and at the maximum from about 40 % of the starts; damping at least
    as large as the most negative curvature (about 46 at the maximum), or |H|, sends every start to a
    minimum."""
    damping = float(damping)
    if not (math.isfinite(damping) and 0.0 <= damping <= 1e6):
        raise ValueError(f"Invalid damping λ: {damping!r} (allowed: 0 <= λ <= 1e6)")
    steps = _check_steps(steps, 1000)
    resolution = int(resolution)
    if not 5 <= resolution <= 100:
        raise ValueError(f"Invalid resolution: {resolution} (allowed: 5 to 100)")
    surface = surfaces.get(NEWTON_SURFACE)
    x0 = tuple(float(v) for v in start)
    if len(x0) != 2 or not all(math.isfinite(v) for v in x0):
        raise ValueError(f"Invalid start: {start!r} (allowed: two finite numbers)")
    pair = optimizers.get("newton", damping=np.array([0.0, damping]))
    both = optimizers.run(pair, surface, x0, steps)
    free = optimizers.run(optimizers.get("newton", saddle_free=True), surface, [x0], steps)
    gd = optimizers.run(optimizers.get("gd", lr=NEWTON_GD_LR), surface, [x0], steps)
    race = (_single(both, 0, "newton"), _single(both, 1, "newton"), free, gd)

    (xlo, xhi), (ylo, yhi) = surface.window
    xx, yy = np.meshgrid(np.linspace(xlo, xhi, resolution), np.linspace(ylo, yhi, resolution))
    grid = np.stack([xx.ravel(), yy.ravel()], axis=1)
    n = len(grid)
    twice = optimizers.get("newton", damping=np.repeat([0.0, damping], n))
    grid_pair = optimizers.run(twice, surface, np.vstack([grid, grid]), steps, record_every=steps)
    grid_free = optimizers.run(optimizers.get("newton", saddle_free=True), surface, grid, steps, record_every=steps)
    tol = 0.01 * max(xhi - xlo, yhi - ylo)
    counts = {}
    for variant, traj, runs in (("pure", grid_pair, slice(0, n)), ("damped", grid_pair, slice(n, 2 * n)),
                                ("saddle_free", grid_free, slice(0, n))):
        final = traj.points[traj.last_valid_row(), np.arange(traj.n_runs)][runs]
        counts[variant] = _classify(final, traj.diverged[runs], surface, tol)
    return NewtonAttraction(surface, damping, x0, (*NEWTON_VARIANTS, "gd"), race, counts, n, run_calls=5)


def _single(traj: optimizers.Trajectory, i: int, name: str) -> optimizers.Trajectory:
    """Run ``i`` of a batched trajectory as a one-run trajectory (views, no copies)."""
    hyperparams = {k: (v[i] if isinstance(v, np.ndarray) and v.ndim == 1 else v) for k, v in traj.hyperparams.items()}
    return optimizers.Trajectory(
        optimizer=name, surface=traj.surface, points=traj.points[:, i:i + 1], loss=traj.loss[:, i:i + 1],
        steps=traj.steps, diverged_at=traj.diverged_at[i:i + 1], hyperparams=hyperparams)
