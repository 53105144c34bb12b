"""The result of a run: recorded points, losses, divergence and (optionally) optimizer state."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np
import pandas as pd


@dataclass(frozen=True, eq=False)
class Trajectory:
    """Recorded history of ``n`` runs of one optimizer on one surface.

    ``points``: ``(R, n, d)``; ``loss``: ``(R, n)``; ``steps``: ``(R,)`` the update
    count of each recorded row (row 0 is the start). A run that diverged at
    update ``k`` (``diverged_at[i] == k``) is frozen at its last finite point
    from row ``k`` on, so every array is finite. ``state`` maps names
    (``grad``, ``update``, ``effective_lr`` and the optimizer's own state
    fields) to ``(R, n, d)`` arrays describing update ``t`` of each row:
    the gradient it used (taken at the previous point), the step it made,
    ``-update / grad`` per coordinate (0 where the gradient is 0), and the
    state after it. Row 0 of each is zero. ``extra_state`` holds, in the same
    way, the state fields shaped otherwise (a rule's ``EXTRA_STATE``, arrays
    ``(R, n, ...)``): L-BFGS's stored ``(s, y)`` pairs and its line search's
    trial points, say. Row 0 there is the state before the first update.
    """

    optimizer: str
    surface: str
    points: np.ndarray
    loss: np.ndarray
    steps: np.ndarray
    diverged_at: np.ndarray
    hyperparams: Mapping[str, Any]
    state: Mapping[str, np.ndarray] = field(default_factory=dict)
    updates_per_epoch: int | None = None
    extra_state: Mapping[str, np.ndarray] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Results are shared through caches: make accidental mutation an error.
        for arr in (self.points, self.loss, self.steps, self.diverged_at, *self.state.values(),
                    *self.extra_state.values()):
            arr.flags.writeable = False

    @property
    def n_runs(self) -> int:
        return self.points.shape[1]

    @property
    def dim(self) -> int:
        return self.points.shape[2]

    @property
    def diverged(self) -> np.ndarray:
        return self.diverged_at >= 0

    @property
    def final_points(self) -> np.ndarray:
        return self.points[-1]

    @property
    def final_loss(self) -> np.ndarray:
        return self.loss[-1]

    def last_valid_row(self) -> np.ndarray:
        """Index of the last recorded row before each run diverged (the last row otherwise)."""
        last = np.full(self.n_runs, len(self.steps) - 1)
        for_div = np.searchsorted(self.steps, self.diverged_at, side="left") - 1
        return np.where(self.diverged, np.maximum(for_div, 0), last)

    def steps_to(self, tol: float, target: float = 0.0) -> np.ndarray:
        """First recorded step at which ``loss - target <= tol``, or -1 (per run)."""
        hit = (self.loss - target) <= tol
        hit &= ~(self.diverged[None, :] & (self.steps[:, None] >= self.diverged_at[None, :]))
        first = np.argmax(hit, axis=0)
        return np.where(hit.any(axis=0), self.steps[first], -1)

    def epochs(self) -> np.ndarray | None:
        """Epoch (fractional) of each recorded row, for data objectives."""
        if not self.updates_per_epoch:
            return None
        return self.steps / self.updates_per_epoch

    def per_run_hyperparams(self) -> dict[str, np.ndarray]:
        """Hyperparameters that vary across runs, as ``(n,)`` arrays."""
        out = {}
        for name, value in self.hyperparams.items():
            parts = value if isinstance(value, tuple) else (value,)
            for i, part in enumerate(parts):
                arr = np.asarray(part)
                if arr.ndim == 1 and arr.shape[0] == self.n_runs:
                    out[name if len(parts) == 1 else f"{name}[{i}]"] = arr
        return out

    def to_frame(self, coordinate_names: tuple[str, ...] | None = None) -> pd.DataFrame:
        """Tidy table: one row per (run, recorded step). Used for CSV export."""
        R, n, d = self.points.shape
        if coordinate_names is None:
            coordinate_names = ("x", "y")[:d] if d <= 2 else tuple(f"p{i}" for i in range(d))
        columns: dict[str, Any] = {
            "run": np.tile(np.arange(n), R),
            "optimizer": self.optimizer,
            "step": np.repeat(self.steps, n),
        }
        epochs = self.epochs()
        if epochs is not None:
            columns["epoch"] = np.repeat(epochs, n)
        for name, values in self.per_run_hyperparams().items():
            columns[name] = np.tile(values, R)
        for i, name in enumerate(coordinate_names):
            columns[name] = self.points[:, :, i].reshape(-1)
        columns["loss"] = self.loss.reshape(-1)
        columns["diverged"] = (
            self.diverged[None, :] & (self.steps[:, None] >= self.diverged_at[None, :])
        ).reshape(-1)
        return pd.DataFrame(columns)
