"""The Surface type: an objective with an exact gradient and Hessian, points on the last axis.

``value(points)``, ``grad(points)`` and ``hess(points)`` take any array of shape
``(..., dim)``, so the same call serves a batch of runs ``(n, dim)`` and a plotting
grid ``(H, W, dim)``; ``hess`` returns ``(..., dim, dim)``. They never raise on
overflow: non-finite results come back as inf/NaN and the caller (the run loop,
the plotting module) decides what to do with them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

import numpy as np

FLOAT = np.float64

# Fields that are plain data; everything else (the functions, the data) comes from a recipe.
_PLAIN_FIELDS = ("name", "dim", "window", "starts", "critical_points", "latex", "title", "description",
                 "log_levels", "bounded_below", "kinks")


def _restore(recipe, plain: dict[str, Any]):
    """Unpickle: rebuild from the recipe, then put back any metadata changed since (dataclasses.replace)."""
    fn, args, kwargs = recipe
    surface = fn(*args, **kwargs)
    if any(getattr(surface, k) != v for k, v in plain.items()):
        surface = dataclasses.replace(surface, **plain)
    return surface


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
    # Points where f is not differentiable; grad() returns a chosen subgradient there
    # and finite differences straddling them are meaningless.
    kinks: tuple[tuple[float, ...], ...] = ()
    # The exact Hessian, points (..., dim) -> (..., dim, dim) or anything that broadcasts to it
    # (a constant matrix, say). None: this surface has no exact Hessian and hess() refuses.
    hess_fn: Callable[[np.ndarray], np.ndarray] | None = None
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

    def hess(self, points, rows=None) -> np.ndarray:
        """The exact Hessian ∇²f at ``points`` ``(..., dim)`` -> ``(..., dim, dim)``, symmetric, float64.

        Analytic second derivatives, never finite differences. Like ``grad`` it never
        raises on overflow (entries come back as inf/NaN); at a point with a non-finite
        coordinate every entry is NaN, constant Hessians included. ``rows`` is for data
        objectives only. A surface declared without ``hess_fn`` raises NotImplementedError.
        """
        if rows is not None:
            raise ValueError(f"{self.name} is not a data objective: mini-batches do not apply")
        pts = self._points(points)
        return self._hessian(pts, self.hess_fn, pts)

    def _hessian(self, pts: np.ndarray, fn, *args) -> np.ndarray:
        if fn is None:
            raise NotImplementedError(f"{self.name} has no exact Hessian")
        shape = pts.shape[:-1] + (self.dim, self.dim)
        with np.errstate(all="ignore"):
            out = np.asarray(fn(*args), dtype=FLOAT)
        if out.shape != shape:
            out = np.broadcast_to(out, shape)
        finite = np.isfinite(pts).all(axis=-1)[..., None, None]
        return np.where(finite, out, np.nan)  # a fresh, writeable array

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

    # -- pickling -------------------------------------------------------------
    def _recipe(self):
        """``(callable, args, kwargs)`` that builds an object with the same functions."""
        from .registry import SURFACES, get

        registered = SURFACES.get(self.name)
        if registered is None or any(getattr(registered, f) is not getattr(self, f)
                                     for f in ("value_fn", "grad_fn", "hess_fn")):
            raise TypeError(f"surface {self.name!r} has unregistered functions and cannot be pickled")
        return (get, (self.name,), {})

    def __reduce__(self):
        # value_fn/grad_fn/hess_fn are often lambdas, which pickle cannot store; a registered
        # surface travels by name and a data objective by the call that built it.
        return (_restore, (self._recipe(), {k: getattr(self, k) for k in _PLAIN_FIELDS}))

    def grid(self, resolution: int = 200) -> tuple[np.ndarray, ...]:
        """Axes and the value on a regular grid over the plotting window.

        Returns ``(xs, values)`` for 1-D and ``(xs, ys, values)`` with values of
        shape ``(len(ys), len(xs))`` for 2-D (Plotly's z convention).
        """
        if self.dim > 2:
            raise ValueError(f"{self.name} has {self.dim} parameters: grid() only draws 1-D and 2-D surfaces")
        axes = [np.linspace(lo, hi, resolution) for lo, hi in self.window]
        if self.dim == 1:
            return axes[0], self.value(axes[0][:, None])
        xx, yy = np.meshgrid(axes[0], axes[1])
        return axes[0], axes[1], self.value(np.stack([xx, yy], axis=-1))


@dataclass(frozen=True, eq=False)
class DataObjective(Surface):
    """A loss averaged over a data set: ``f(θ) = mean_i ℓ(θ; x_i, t_i)``.

    ``value(points)`` is the loss on the whole data set. ``grad(points, rows)`` is
    the gradient of the mean loss over ``rows`` only: one integer index array of
    shape ``(k,)`` shared by every point in the batch (all runs see the same
    mini-batch), or the whole data set when ``rows`` is None. ``loss(points, rows)``
    is the matching mini-batch loss and ``hess(points, rows)`` its exact Hessian.

    Build these with ``surfaces.least_squares``, ``surfaces.hinge`` and
    ``surfaces.dense_mse``; the batch functions take ``(points, rows)`` with rows
    already validated (None = all rows).
    """

    inputs: np.ndarray | None = None   # (n_samples, n_features)
    targets: np.ndarray | None = None  # (n_samples,) or (n_samples, n_outputs)
    batch_value_fn: Callable[[np.ndarray, np.ndarray | None], np.ndarray] | None = None
    batch_grad_fn: Callable[[np.ndarray, np.ndarray | None], np.ndarray] | None = None
    batch_hess_fn: Callable[[np.ndarray, np.ndarray | None], np.ndarray] | None = None
    output_fn: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None  # (params, inputs) -> raw outputs
    classifier: bool = False  # predict() turns outputs into ±1 labels
    recipe: tuple | None = None  # (builder, args, kwargs) that made this objective; used by pickle

    def _recipe(self):
        if self.recipe is None:
            raise TypeError(f"data objective {self.name!r} has no recipe and cannot be pickled")
        return self.recipe

    def __post_init__(self):
        object.__setattr__(self, "n_samples", int(len(self.inputs)))

    @property
    def X(self) -> np.ndarray:
        return self.inputs

    @property
    def y(self) -> np.ndarray:
        return self.targets

    def rows_index(self, rows) -> np.ndarray | None:
        """Check a mini-batch: None, or integer indices of shape ``(k,)``, k >= 1, each in [0, n_samples)."""
        if rows is None:
            return None
        idx = np.asarray(rows)
        if idx.ndim != 1 or idx.size == 0:
            raise ValueError(f"rows must be a non-empty 1-D array of sample indices, got shape {idx.shape}")
        if not np.issubdtype(idx.dtype, np.integer):
            raise ValueError(f"rows must hold integer sample indices, got dtype {idx.dtype}")
        if idx.min() < 0 or idx.max() >= self.n_samples:
            raise ValueError(
                f"rows must lie in [0, {self.n_samples}) for {self.name}, got {idx.min()}..{idx.max()}"
            )
        return idx.astype(np.intp, copy=False)

    def loss(self, points, rows=None) -> np.ndarray:
        """Mean loss over ``rows`` (all samples when None) at ``points`` ``(..., dim)`` -> ``(...)``."""
        pts = self._points(points)
        idx = self.rows_index(rows)
        with np.errstate(all="ignore"):
            return np.asarray(self.batch_value_fn(pts, idx), dtype=FLOAT)

    def grad(self, points, rows=None) -> np.ndarray:
        """Gradient of the mean loss over ``rows`` (all samples when None) -> ``(..., dim)``."""
        pts = self._points(points)
        idx = self.rows_index(rows)
        with np.errstate(all="ignore"):
            return np.asarray(self.batch_grad_fn(pts, idx), dtype=FLOAT)

    def hess(self, points, rows=None) -> np.ndarray:
        """Exact Hessian of the mean loss over ``rows`` (all samples when None) -> ``(..., dim, dim)``."""
        pts = self._points(points)
        idx = self.rows_index(rows)
        return self._hessian(pts, self.batch_hess_fn, pts, idx)

    def outputs(self, params, inputs=None) -> np.ndarray:
        """Raw model outputs for ``params`` ``(..., dim)`` on ``inputs`` (default: the training inputs)."""
        pts = self._points(params)
        x = self.inputs if inputs is None else self.check_inputs(inputs)
        with np.errstate(all="ignore"):
            return np.asarray(self.output_fn(pts, x), dtype=FLOAT)

    def predict(self, params, inputs=None) -> np.ndarray:
        """Predictions: the outputs themselves, or ±1 labels (0 counts as +1) for a classifier."""
        out = self.outputs(params, inputs)
        return np.where(out >= 0, 1.0, -1.0) if self.classifier else out

    def check_inputs(self, inputs) -> np.ndarray:
        x = np.asarray(inputs, dtype=FLOAT)
        if x.ndim == 1 and self.inputs.shape[1] == 1:
            x = x[:, None]
        if x.ndim != 2 or x.shape[1] != self.inputs.shape[1]:
            raise ValueError(
                f"inputs for {self.name} must have shape (m, {self.inputs.shape[1]}), got {np.shape(inputs)}"
            )
        return x
