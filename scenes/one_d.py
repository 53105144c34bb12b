"""The 1-D learning-rate lesson: one ball on a curve, and learning rates named by what they do."""

from __future__ import annotations

import numpy as np

import optimizers
import surfaces

from .compare import OptimizerConfig

# Multiples of 1/L, where L is the curvature f'' at the minimum the ball rolls to.
# For gradient descent near a minimum the error is multiplied by (1 - lr * L) each step:
# a tiny factor creeps, 1/L lands in one step, between 1/L and 2/L it overshoots
# and oscillates, beyond 2/L every step lands farther away.
LR_FACTORS = {"too_small": 0.02, "good": 0.8, "too_large": 1.8, "divergent": 2.3}


def nearest_minimum(surface: surfaces.Surface, start: float) -> float:
    """The listed minimum closest to ``start`` (the one the lesson aims at)."""
    minima = [p.location[0] for p in surface.minima]
    if not minima:
        raise ValueError(f"{surface.name} lists no minimum")
    return min(minima, key=lambda m: abs(m - start))


def curvature(surface: surfaces.Surface, x: float) -> float:
    """f''(x) by a central difference of the exact gradient."""
    h = 1e-5 * max(1.0, abs(x))
    g = surface.grad(np.array([[x + h], [x - h]]))[:, 0]
    return float((g[0] - g[1]) / (2 * h))


def lr_presets(surface_name: str, start: float) -> dict[str, float]:
    """Learning rates that are too small / good / too large / divergent for gradient descent here."""
    surface = surfaces.get(surface_name)
    curv = curvature(surface, nearest_minimum(surface, start))
    if not curv > 0:
        raise ValueError(f"{surface_name}: no positive curvature at its minimum")
    return {name: float(f"{factor / curv:.3g}") for name, factor in LR_FACTORS.items()}


def descent_1d(surface_name: str, config: OptimizerConfig, start: float, steps: int) -> optimizers.Trajectory:
    """One run on a 1-D surface, with its state recorded for the tangent and step arrows."""
    surface = surfaces.get(surface_name)
    if surface.dim != 1:
        raise ValueError(f"{surface_name} is not a 1-D function")
    return optimizers.run(config.build(), surface, [[start]], steps, record_state=True)
