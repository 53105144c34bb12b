"""A real network's loss landscape: a 2-16-16-1 MLP trained by several optimizers from one start,
seen on two planes, with what each plane hides.

>>> data = generated("moons", 200, 0.15, 0)
>>> result = landscape(data, ("sgd", "adam"), 50)
>>> result.random_loss.shape, result.coords.shape
((51, 51), (2, 51, 2))
>>> bool(result.hidden_movement.min() >= 0)
True

The data come as a ``Data`` (arrays, a task and a content digest); a generated shape
(``generated``) and arrays from elsewhere (``from_arrays``, for an uploaded file later) are the
same to the scene, and the digest is what a cache keys on.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

import optimizers
import surfaces
from surfaces import datasets, planes

from .common import run_each
from .compare import defaults_for

SHAPES = datasets.SHAPES
OPTIMIZERS = ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam")
# Full-batch learning rates that train this network on the bundled shapes in a couple of hundred epochs
# without diverging: torch's default where it does (RMSprop's 0.01), larger where the default barely moves
# it. From 0.905 on moons (400 rows), 200 epochs at torch's defaults end at: SGD 0.77 (lr 1e-3), Momentum
# and Nesterov 0.42 (1e-3), AdaGrad 0.27 (1e-2), Adam 0.30 (1e-3), RMSprop 0.0087 (1e-2).
LEARNING_RATES = {"sgd": 0.5, "momentum": 0.1, "nesterov": 0.1, "adagrad": 0.05, "rmsprop": 0.01, "adam": 0.01}
HIDDEN = (16, 16)
RESOLUTION = 51        # points per side of each plane's grid
RANDOM_SPAN = 1.0      # the random plane covers [-1, 1]^2 in units of its filter-normalised directions
PCA_MARGIN = 0.2       # the PCA plane's window: the projected paths' box, widened by this share per side
BOUNDARY_RESOLUTION = 81
MAX_ROWS = 5000
MAX_EPOCHS = 1000
MAX_NOISE = 1.0


@dataclass(frozen=True, eq=False)
class Data:
    """Rows for the network: ``X`` ``(n, f)``, ``y`` ``(n,)``, the task, a name and a digest of the content.

    Equal digests mean equal data: ``repr``, ``==`` and ``hash`` use the digest, so a ``Data`` is a small
    cache key however many rows it holds.
    """

    name: str
    X: np.ndarray
    y: np.ndarray
    task: str
    digest: str

    def __repr__(self) -> str:
        return f"Data({self.name!r}, {self.task!r}, {self.digest[:32]})"  # 128 bits of the digest

    def __eq__(self, other) -> bool:
        return isinstance(other, Data) and other.digest == self.digest

    def __hash__(self) -> int:
        return hash(self.digest)


def _digest(X: np.ndarray, y: np.ndarray, task: str) -> str:
    h = hashlib.sha256()
    h.update(f"{X.shape}|{y.shape}|{task}|".encode())
    h.update(np.ascontiguousarray(X, dtype=np.float64).tobytes())
    h.update(np.ascontiguousarray(y, dtype=np.float64).tobytes())
    return h.hexdigest()


def from_arrays(X, y, task: str = "classification", name: str = "data") -> Data:
    """Data from arrays (an uploaded table, say): checked as the network will check them, read-only copies."""
    if len(np.atleast_1d(y)) > MAX_ROWS:
        raise ValueError(f"Invalid data: {len(np.atleast_1d(y))} rows (allowed: at most {MAX_ROWS:,})")
    objective = surfaces.mlp(X, y, hidden=HIDDEN, task=task)  # raises ValueError with the reason
    X, y = np.array(objective.X), np.array(objective.y)
    X.flags.writeable = y.flags.writeable = False
    return Data(str(name), X, y, task, _digest(X, y, task))


def from_table(dataset) -> Data:
    """Data from a ``surfaces.tabular.Dataset`` (a bundled set or a student's CSV, as ``ui/datasource.py``
    chooses it): its ``X`` (one column), ``y`` and task. The network then has one input (1-16-16-1) and the
    page draws no 2-D boundary."""
    return from_arrays(dataset.X, dataset.y, dataset.task,
                       name=f"{dataset.name}: {dataset.target} ~ {dataset.feature}")


def generated(shape: str, n: int, noise: float, seed: int) -> Data:
    """One of ``SHAPES`` (moons, circles, spirals), ``n`` rows, Gaussian ``noise`` per coordinate, seeded."""
    n, seed = int(n), int(seed)
    if not 10 <= n <= MAX_ROWS:
        raise ValueError(f"Invalid number of rows: {n} (allowed: 10 to {MAX_ROWS:,})")
    if not 0 <= float(noise) <= MAX_NOISE:
        raise ValueError(f"Invalid noise: {noise} (allowed: 0 to {MAX_NOISE})")
    X, y = datasets.shape(shape, n=n, noise=float(noise), seed=seed)
    return from_arrays(X, y, "classification", name=f"{shape}(n={n}, noise={float(noise):g}, seed={seed})")


@dataclass(frozen=True, eq=False)
class LandscapeResult:
    """Everything the landscape page shows. ``k`` optimizers, ``R = epochs + 1`` recorded points each.

    - ``trajectories``: one per optimizer, points ``(R, 1, dim)``, all from ``start`` (``init_seed``'s draw).
    - Random plane (Li et al. 2018) through the trained weights of ``centre``: ``random_plane``, the
      loss on ``random_axis`` x ``random_axis`` (``random_loss`` ``(G, G)``, row = second coordinate),
      computed in float32 (``MLPObjective.fast_value``); ``centre_loss`` is the exact loss there.
    - PCA plane of all paths through ``start``: ``pca`` (orthonormal directions, explained shares),
      ``coords`` ``(k, R, 2)`` each path projected, the loss on ``pca_alphas`` x ``pca_betas``
      (``pca_loss``, float32), ``real_loss`` ``(R, k)`` the loss along each path and ``drawn_loss``
      ``(R, k)`` the exact loss at its projected points (what the picture shows there),
      ``hidden_movement``/``hidden_final`` ``(k,)`` what the plane does not show (``Plane.hidden_shares``).
    - ``boundary_x``, ``boundary_y``, ``logits`` ``(k, B, B)``: each trained network's output over the
      inputs' box (2-D inputs only; None otherwise). ``accuracy`` ``(k,)`` on the training rows
      (classification; NaN for regression).
    """

    data: Data
    objective: surfaces.MLPObjective
    names: tuple[str, ...]
    hyperparams: tuple[dict[str, Any], ...]
    trajectories: tuple[optimizers.Trajectory, ...]
    start: np.ndarray
    centre: str
    random_plane: planes.Plane
    random_axis: np.ndarray
    random_loss: np.ndarray
    centre_loss: float
    pca: planes.PCA
    pca_alphas: np.ndarray
    pca_betas: np.ndarray
    pca_loss: np.ndarray
    coords: np.ndarray
    real_loss: np.ndarray
    drawn_loss: np.ndarray
    hidden_movement: np.ndarray
    hidden_final: np.ndarray
    boundary_x: np.ndarray | None
    boundary_y: np.ndarray | None
    logits: np.ndarray | None
    accuracy: np.ndarray
    errors: dict[str, str] = field(default_factory=dict)

    def __post_init__(self):
        for arr in (self.start, self.random_axis, self.random_loss, self.pca_alphas, self.pca_betas, self.pca_loss,
                    self.coords, self.real_loss, self.drawn_loss, self.hidden_movement, self.hidden_final,
                    self.accuracy, self.boundary_x, self.boundary_y, self.logits):
            if arr is not None:
                arr.flags.writeable = False

    @property
    def epochs(self) -> int:
        return int(self.real_loss.shape[0] - 1)

    def index(self, name: str) -> int:
        return self.names.index(name)

    def table(self) -> pd.DataFrame:
        """One row per optimizer: learning rate, final loss, accuracy, the PCA plane's hidden shares and the
        largest gap between the real and the drawn loss along the path."""
        rows = []
        for i, (name, hp, traj) in enumerate(zip(self.names, self.hyperparams, self.trajectories)):
            diverged = int(traj.diverged_at[0])
            rows.append({
                "optimizer": name, "lr": float(hp["lr"]), "final_loss": float(self.real_loss[-1, i]),
                "accuracy": float(self.accuracy[i]),
                "hidden_movement": float(self.hidden_movement[i]), "hidden_final": float(self.hidden_final[i]),
                "max_gap": float(np.abs(self.real_loss[:, i] - self.drawn_loss[:, i]).max()),
                "diverged_at": diverged if diverged >= 0 else None,
            })
        return pd.DataFrame(rows)

    def frame(self) -> pd.DataFrame:
        """One row per optimizer and epoch: the real loss, the drawn loss and the PCA plane's coordinates."""
        parts = []
        for i, name in enumerate(self.names):
            parts.append(pd.DataFrame({
                "optimizer": name, "epoch": np.arange(self.epochs + 1), "real_loss": self.real_loss[:, i],
                "drawn_loss": self.drawn_loss[:, i], "pc1": self.coords[i, :, 0], "pc2": self.coords[i, :, 1]}))
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def _window(values: np.ndarray, margin: float) -> tuple[float, float]:
    lo, hi = float(min(values.min(), 0.0)), float(max(values.max(), 0.0))
    span = hi - lo
    if not span > 0:
        span = 1.0
    return lo - margin * span, hi + margin * span


def train(data: Data, names, epochs: int, init_seed: int = 0, lr_overrides=()) -> tuple:
    """``(objective, kept names, hyperparams, trajectories, errors)``: each optimizer of ``names`` trained
    full batch for ``epochs`` epochs from the one start ``init(init_seed)``. An optimizer whose settings are
    invalid is left out with its message in ``errors``."""
    epochs = int(epochs)
    if not 1 <= epochs <= MAX_EPOCHS:
        raise ValueError(f"Invalid epochs: {epochs} (allowed: 1 to {MAX_EPOCHS})")
    objective = surfaces.mlp(data.X, data.y, hidden=HIDDEN, task=data.task, seed=int(init_seed))
    start = objective.init(int(init_seed))
    override = dict(lr_overrides)
    settings = []
    for name in names:
        hp = dict(defaults_for(None, name))
        hp["lr"] = float(override.get(name, LEARNING_RATES.get(name, hp["lr"])))
        settings.append((name, hp))
    kept, hyper, trajectories, errors = run_each(objective, start, epochs, settings)
    return objective, tuple(kept), tuple(hyper), tuple(trajectories), errors


def landscape(data: Data, names: tuple[str, ...] = OPTIMIZERS, epochs: int = 200, init_seed: int = 0,
              plane_seed: int = 0, centre: str | None = None,
              lr_overrides: tuple[tuple[str, float], ...] = ()) -> LandscapeResult:
    """Train, then look: the random plane through ``centre``'s trained weights (default: the optimizer
    with the lowest final loss) and the PCA plane of every path. Raises ValueError for bad shared
    settings or when no optimizer could run."""
    objective, kept, hyper, trajectories, errors = train(data, names, epochs, init_seed, lr_overrides)
    if not kept:
        raise ValueError("no optimizer could run: " + "; ".join(f"{k}: {v}" for k, v in errors.items()))
    start = np.array(trajectories[0].points[0, 0])
    paths = [traj.points[:, 0] for traj in trajectories]
    real = np.stack([traj.loss[:, 0] for traj in trajectories], axis=1)
    if centre is None or centre not in kept:
        centre = kept[int(np.argmin(real[-1]))]
    centre_weights = paths[kept.index(centre)][-1]

    random = planes.random_plane(objective, centre_weights, seed=int(plane_seed))
    axis = np.linspace(-RANDOM_SPAN, RANDOM_SPAN, RESOLUTION)
    random_loss = objective.fast_value(random.grid(axis, axis))

    pca = planes.pca_plane(start, paths)
    coords = np.stack([pca.plane.project(p) for p in paths])            # (k, R, 2)
    drawn = objective.value(pca.plane.at(coords)).T                      # (R, k), exact
    shares = np.array([pca.plane.hidden_shares(p) for p in paths])       # (k, 2)
    alphas = np.linspace(*_window(coords[..., 0], PCA_MARGIN), RESOLUTION)
    betas = np.linspace(*_window(coords[..., 1], PCA_MARGIN), RESOLUTION)
    pca_loss = objective.fast_value(pca.plane.grid(alphas, betas))

    finals = np.stack([p[-1] for p in paths])
    bx = by = logits = None
    if data.X.shape[1] == 2:
        lo, hi = data.X.min(axis=0), data.X.max(axis=0)
        pad = 0.1 * np.maximum(hi - lo, 1e-9)
        bx = np.linspace(lo[0] - pad[0], hi[0] + pad[0], BOUNDARY_RESOLUTION)
        by = np.linspace(lo[1] - pad[1], hi[1] + pad[1], BOUNDARY_RESOLUTION)
        gx, gy = np.meshgrid(bx, by)
        logits = objective.outputs(finals, np.column_stack([gx.ravel(), gy.ravel()])).reshape(
            len(kept), BOUNDARY_RESOLUTION, BOUNDARY_RESOLUTION)
    if data.task == "classification":
        accuracy = ((objective.outputs(finals) >= 0) == (data.y[None, :] == 1)).mean(axis=1)
    else:
        accuracy = np.full(len(kept), np.nan)
    return LandscapeResult(
        data=data, objective=objective, names=kept, hyperparams=hyper, trajectories=trajectories, start=start,
        centre=centre, random_plane=random, random_axis=axis, random_loss=random_loss,
        centre_loss=float(objective.value(centre_weights)), pca=pca, pca_alphas=alphas, pca_betas=betas,
        pca_loss=pca_loss, coords=coords, real_loss=real, drawn_loss=drawn, hidden_movement=shares[:, 0].copy(),
        hidden_final=shares[:, 1].copy(), boundary_x=bx, boundary_y=by, logits=logits, accuracy=accuracy,
        errors=errors)
