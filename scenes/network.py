"""A tiny network trained the Keras way: Dense(3) on one sample, loss mse, SGD / Adam / RMSprop.

The Keras tutorial behind this lesson fits ``Dense(units=3)`` to the single
sample ``1 -> [0, 1, 0]`` with ``loss="mse"``. With one sample there is one
update per epoch, and the loss Keras prints for an epoch is measured during that
epoch's forward pass, i.e. *before* its update: epoch 1 shows the initial loss.

>>> result = network("tutorial", 0, ("sgd",), (), 3)
>>> [round(float(v), 4) for v in result.loss[:, 0]]
[1.0738, 1.0453, 1.0176]
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

import optimizers
import surfaces
from surfaces import datasets

from .common import run_each
from .compare import defaults_for

STARTS = ("tutorial", "glorot")  # the tutorial's printed kernel, or a seeded glorot_uniform draw
OPTIMIZERS = ("sgd", "adam", "rmsprop")  # the tutorial's three, at Keras defaults
MAX_EPOCHS = 2000
LOG_EPOCHS = 5  # rows of the Keras-style log table


def glorot_kernel(fan_in: int, fan_out: int, seed: int) -> np.ndarray:
    """A ``(fan_in, fan_out)`` kernel from Keras's glorot_uniform rule, drawn with NumPy.

    Uniform on ``[-limit, limit]`` with ``limit = sqrt(6 / (fan_in + fan_out))``.
    The rule is Keras's; the random numbers are NumPy's, so a seed here does not
    reproduce TensorFlow's draw for the same seed.
    """
    limit = math.sqrt(6.0 / (fan_in + fan_out))
    return np.random.default_rng(int(seed)).uniform(-limit, limit, size=(fan_in, fan_out))


def start_point(kind: str, seed: int = 0) -> np.ndarray:
    """Kernel then bias (zeros) of the Dense(3) layer: the tutorial's kernel or a seeded draw."""
    inputs, targets, tutorial = datasets.keras_dense_example()
    if kind == "tutorial":
        return tutorial
    if kind == "glorot":
        kernel = glorot_kernel(inputs.shape[1], targets.shape[1], seed)
        return np.concatenate([kernel.reshape(-1), np.zeros(targets.shape[1])])
    raise ValueError(f"Invalid start: {kind!r} (allowed: {', '.join(STARTS)})")


def layer() -> surfaces.DataObjective:
    inputs, targets, _ = datasets.keras_dense_example()
    return surfaces.dense_mse(inputs, targets, use_bias=True)


@dataclass(frozen=True, eq=False)
class NetworkResult:
    """Training history of one Dense(3) layer per optimizer, from the same start.

    ``loss[e, i]``: the loss Keras reports for epoch ``e + 1`` of optimizer ``i``
    (measured before that epoch's update), shape ``(epochs, n)``.
    ``outputs[e, i]``: the layer's three outputs after ``e`` updates, shape
    ``(epochs + 1, n, 3)`` (row 0: before training). ``targets``: ``(3,)``.
    """

    names: tuple[str, ...]
    hyperparams: tuple[dict[str, Any], ...]
    trajectories: tuple[optimizers.Trajectory, ...]
    start: np.ndarray
    targets: np.ndarray
    loss: np.ndarray
    outputs: np.ndarray
    errors: dict[str, str]

    def __post_init__(self):
        for arr in (self.start, self.targets, self.loss, self.outputs):
            arr.flags.writeable = False

    @property
    def epochs(self) -> int:
        return int(self.loss.shape[0])

    def log_table(self, rows: int = LOG_EPOCHS) -> pd.DataFrame:
        """The first ``rows`` epochs' losses, one column per optimizer (like Keras's fit log)."""
        rows = min(rows, self.epochs)
        table = {"epoch": np.arange(1, rows + 1)}
        for i, name in enumerate(self.names):
            table[name] = self.loss[:rows, i]
        return pd.DataFrame(table)

    def final_table(self) -> pd.DataFrame:
        """Per optimizer: learning rate, last reported loss, the final outputs and divergence (or None)."""
        rows = []
        for i, (name, hp, traj) in enumerate(zip(self.names, self.hyperparams, self.trajectories)):
            out = self.outputs[-1, i]
            diverged = int(traj.diverged_at[0])
            rows.append({"optimizer": name, "lr": float(hp["lr"]), "last_loss": float(self.loss[-1, i]),
                         "y1": float(out[0]), "y2": float(out[1]), "y3": float(out[2]),
                         "diverged_at": diverged if diverged >= 0 else None})
        return pd.DataFrame(rows)

    def frame(self) -> pd.DataFrame:
        """One row per optimizer and epoch: reported loss and the six parameters before the update."""
        parts = []
        for i, (name, traj) in enumerate(zip(self.names, self.trajectories)):
            params = traj.points[: self.epochs, 0]
            part = pd.DataFrame({"optimizer": name, "epoch": np.arange(1, self.epochs + 1),
                                 "loss": self.loss[:, i]})
            for j in range(3):
                part[f"kernel{j + 1}"] = params[:, j]
            for j in range(3):
                part[f"bias{j + 1}"] = params[:, 3 + j]
            for j in range(3):
                part[f"output{j + 1}"] = self.outputs[: self.epochs, i, j]
            parts.append(part)
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def network(start: str, seed: int, names: tuple[str, ...], lr_overrides: tuple[tuple[str, float], ...],
            epochs: int) -> NetworkResult:
    """Train the layer with each optimizer of ``names`` (Keras defaults) for ``epochs`` epochs.

    ``lr_overrides`` is ``((name, lr), ...)`` replacing the Keras default
    learning rate of those optimizers. An optimizer whose settings are invalid is
    left out and its message kept in ``errors``; a bad ``start``/``seed``/``epochs``
    raises ValueError.
    """
    epochs = int(epochs)
    if not 1 <= epochs <= MAX_EPOCHS:
        raise ValueError(f"Invalid epochs: {epochs} (allowed: 1 <= epochs <= {MAX_EPOCHS})")
    if int(seed) < 0:
        raise ValueError(f"Invalid seed: {seed} (allowed: seed >= 0)")
    objective = layer()
    x0 = start_point(start, seed)
    override = dict(lr_overrides)
    settings = []
    for name in names:
        hp = dict(defaults_for("keras", name))
        if name in override:
            hp["lr"] = float(override[name])
        settings.append((name, hp))
    kept, hyper, trajectories, errors = run_each(objective, x0, epochs, settings)
    n = len(kept)
    loss = np.empty((epochs, n))
    outputs = np.empty((epochs + 1, n, objective.targets.shape[1]))
    for i, traj in enumerate(trajectories):
        # Keras logs each epoch's loss before its update: rows 0..epochs-1 of the run.
        loss[:, i] = traj.loss[:epochs, 0]
        outputs[:, i] = objective.outputs(traj.points[:, 0])[:, 0, :]
    return NetworkResult(tuple(kept), tuple(hyper), tuple(trajectories), np.array(x0, dtype=float),
                         np.array(objective.targets[0], dtype=float), loss, outputs, errors)
