"""The Surface type: an objective with an exact gradient, points on the last axis.

``value(points)`` and ``grad(points)`` take any array of shape ``(..., dim)``, so the
same call serves a batch of runs ``(n, dim)`` and a plotting grid ``(H, W, dim)``.
They never raise on overflow: non-finite results come back as inf/NaN and the
caller (the run loop, the plotting module) decides what to do with them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping

import numpy as np

FLOAT = np.float64


@dataclass(frozen=True)
class CriticalPoint:
    """A known stationary point. ``kind`` is one of ``KINDS``."""

    location: tuple[float, ...]
    value: float
    kind: str = "global minimum"

    KINDS = ("global minimum", "local minimum", "saddle", "local maximum")


@dataclass(frozen=True, eq=False)
class Surface:
    name: str
    dim: int
    value_fn: Callable[[np.ndarray], np.ndarray]
    grad_fn: Callable[[np.ndarray], np.ndarray]
    window: tuple[tuple[float, float], ...]
    starts: tuple[tuple[float, ...], ...]
    critical_points: tuple[CriticalPoint, ...]
    latex: str
    title: Mapping[str, str]
    description: Mapping[str, str]
    log_levels: bool = False  # contour levels look better on a log scale
    bounded_below: bool = True
    n_samples: int | None = field(default=None, init=False)  # data objectives set this

    # -- evaluation -----------------------------------------------------------
    def _points(self, points) -> np.ndarray:
        pts = np.asarray(points, dtype=FLOAT)
        if pts.shape[-1:] != (self.dim,):
            raise ValueError(
                f"points for {self.name} must have {self.dim} coordinate(s) on the last axis, got shape {pts.shape}"
            )
        return pts

    def value(self, points) -> np.ndarray:
        """f at ``points`` of shape ``(..., dim)`` -> shape ``(...)``."""
        pts = self._points(points)
        with np.errstate(all="ignore"):
            return np.asarray(self.value_fn(pts), dtype=FLOAT)

    def grad(self, points, rows=None) -> np.ndarray:
        """∇f at ``points`` -> shape ``(..., dim)``. ``rows`` is for data objectives only."""
        if rows is not None:
            raise ValueError(f"{self.name} is not a data objective: mini-batches do not apply")
        pts = self._points(points)
        with np.errstate(all="ignore"):
            return np.asarray(self.grad_fn(pts), dtype=FLOAT)

    # -- metadata -------------------------------------------------------------
    @property
    def minima(self) -> tuple[CriticalPoint, ...]:
        return tuple(p for p in self.critical_points if p.kind.endswith("minimum"))

    @property
    def saddles(self) -> tuple[CriticalPoint, ...]:
        return tuple(p for p in self.critical_points if p.kind == "saddle")

    @property
    def global_minimum(self) -> float | None:
        values = [p.value for p in self.critical_points if p.kind == "global minimum"]
        return min(values) if values else None

    @property
    def start(self) -> tuple[float, ...]:
        return self.starts[0]

    def grid(self, resolution: int = 200) -> tuple[np.ndarray, ...]:
        """Axes and the value on a regular grid over the plotting window.

        Returns ``(xs, values)`` for 1-D and ``(xs, ys, values)`` with values of
        shape ``(len(ys), len(xs))`` for 2-D (Plotly's z convention).
        """
        axes = [np.linspace(lo, hi, resolution) for lo, hi in self.window]
        if self.dim == 1:
            return axes[0], self.value(axes[0][:, None])
        xx, yy = np.meshgrid(axes[0], axes[1])
        return axes[0], axes[1], self.value(np.stack([xx, yy], axis=-1))
