"""The 1-D learning-rate lesson: one ball on a curve, and learning rates named by what they do."""

from __future__ import annotations

import numpy as np

import optimizers
import surfaces

from .common import surface_for
from .compare import OptimizerConfig

# Multiples of 1/f'' (f'' at the minimum): near a minimum gradient descent multiplies the
# error by (1 - lr f'') each step, so these creep, settle, oscillate and blow up.
FALLBACK_FACTORS = {"too_small": 0.02, "good": 0.8, "too_large": 1.8, "divergent": 2.3}
LESSON_STEPS = 30  # the 1-D page's default number of steps: presets are judged over this many


def nearest_minimum(surface: surfaces.Surface, x: float) -> float:
    """The listed minimum closest to ``x``."""
    minima = [p.location[0] for p in surface.minima]
    if not minima:
        raise ValueError(f"{surface.name} lists no minimum")
    return min(minima, key=lambda m: abs(m - x))


def curvature(surface: surfaces.Surface, x: float) -> float:
    """f''(x) by a central difference of the exact gradient."""
    h = 1e-5 * max(1.0, abs(x))
    g = surface.grad(np.array([[x + h], [x - h]]))[:, 0]
    return float((g[0] - g[1]) / (2 * h))


def _round3(values: np.ndarray) -> np.ndarray:
    return np.unique(np.array([float(f"{v:.3g}") for v in values]))


def _classic(curv: float) -> dict[str, float]:
    """The multiples of 1/f'' (1/1 where the curvature is not positive and finite)."""
    curv = curv if curv > 0 and np.isfinite(curv) else 1.0
    return {name: float(f"{factor / curv:.3g}") for name, factor in FALLBACK_FACTORS.items()}


def lr_presets(surface_name: str, start: float, steps: int = LESSON_STEPS,
               expression: str | None = None) -> dict[str, float]:
    """Learning rates that are too small / good / too large / divergent for gradient descent from ``start``.

    Chosen by running plain gradient descent from ``start`` with many learning rates in
    one batched run (240 rates) and reading what each run did over ``steps`` updates:
    - good: converges to the minimum of the start's basin without overshooting, fastest;
    - too large: the largest rate that still ends near that minimum while jumping back and
      forth across it at least three times;
    - divergent: the smallest larger rate that blows up (else the smallest that misses);
    - too small: good / 40, which after ``steps`` updates is still far from the bottom.
    Where that reading finds nothing (a start with no minimum downhill, left of the
    cubic's hump; a start exactly on a hump, where the gradient is zero; a typed
    function, which lists no minima), the classic multiples of 1/f'' are returned.
    """
    surface = surface_for(surface_name, expression)
    if not surface.minima:  # a typed function lists no minima: use the curvature where the start is
        return _classic(curvature(surface, start))
    # The basin's minimum: where a cautious run from the start settles.
    guess = nearest_minimum(surface, start)
    curv = curvature(surface, guess)
    if not (curv > 0 and np.isfinite(curv)):
        return _classic(curv)
    settle = optimizers.run(optimizers.get("gd", lr=0.2 / curv), surface, [[start]], 5000)
    if settle.diverged[0]:
        return _classic(curv)
    target = nearest_minimum(surface, float(settle.final_points[0, 0]))
    if abs(start - target) <= 1e-9 * (1.0 + abs(target)):  # starting at the bottom: nothing to tell apart
        return _classic(curv)

    lrs = _round3(np.logspace(-4, 2, 240) / curv)
    traj = optimizers.run(optimizers.get("gd", lr=lrs), surface, [[start]], steps)
    err = traj.points[:, :, 0] - target
    scale = max(abs(start - target), 1e-3)
    converged = ~traj.diverged & (np.abs(err[-1]) < 1e-3 * scale)
    crossings = ((np.sign(err[1:]) * np.sign(err[:-1])) < 0).sum(axis=0)
    reach = traj.steps_to(1e-6 * scale**2 * curv)  # loss-based: ~ (1e-3 scale)^2 curv / 2
    order = np.argsort(lrs)

    calm = np.flatnonzero(converged & (crossings == 0))
    pool = calm if calm.size else np.flatnonzero(converged)
    if not pool.size:  # e.g. a start exactly on a hump: no rate moves it
        return _classic(curv)
    speed = np.where(reach[pool] >= 0, reach[pool], steps + 1)
    good = pool[np.argmin(speed + 1e-9 * lrs[pool])]  # ties: the smaller rate
    above = order[lrs[order] > lrs[good]]
    near = ~traj.diverged & (np.abs(err[-1]) < 0.1 * scale)
    wobbly = [i for i in above if near[i] and crossings[i] >= 3]
    too_large = wobbly[-1] if wobbly else max(np.flatnonzero(converged), key=lambda i: lrs[i])
    beyond = [i for i in above if lrs[i] > lrs[too_large]]
    blown = [i for i in beyond if traj.diverged[i]] or [i for i in beyond if not near[i]]
    divergent = float(lrs[blown[0]]) if blown else float(f"{lrs[-1] * 2:.3g}")
    return {
        "too_small": float(f"{lrs[good] / 40:.3g}"),
        "good": float(lrs[good]),
        "too_large": float(lrs[too_large]),
        "divergent": divergent,
    }


def descent_1d(surface_name: str, config: OptimizerConfig, start: float, steps: int,
               expression: str | None = None) -> optimizers.Trajectory:
    """One run on a 1-D surface, with its state recorded for the tangent and step arrows."""
    surface = surface_for(surface_name, expression)
    if surface.dim != 1:
        raise ValueError(f"{surface_name} is not a 1-D function")
    return optimizers.run(config.build(), surface, [[start]], steps, record_state=True)
