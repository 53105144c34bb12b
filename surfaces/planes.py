"""Two-dimensional slices of a many-parameter loss: planes, directions, projections and what they hide.

A network with a few hundred parameters has no picture; a plane through its parameter space
has one. A ``Plane`` is ``theta(a, b) = origin + a d1 + b d2``. Two ways to choose it:

- ``random_plane``: two filter-normalised random directions through trained weights
  (Li, Xu, Taylor, Studer and Goldstein, "Visualizing the Loss Landscape of Neural Nets",
  NeurIPS 2018). Each neuron's part of a Gaussian direction (its incoming weights) is
  rescaled to the norm of that neuron's incoming weights in ``theta``; bias entries are 0
  (their code's ``ignore='biasbn'``). So a step of 1 along a direction changes every
  neuron by about its own size, whatever the scale of its layer.
- ``pca_plane``: one plane for several optimizers' paths from a shared start: the top two
  right singular vectors of all recorded points minus the start, stacked together
  (uncentred PCA), through the start. Every path is drawn on the same plane, so paths
  can be compared; ``hidden_shares`` says how much of each path the plane does not show.

>>> import numpy as np
>>> plane = Plane(np.zeros(3), np.array([[1.0, 0, 0], [0, 1.0, 0]]))
>>> plane.project(np.array([[2.0, -1.0, 5.0]]))
array([[ 2., -1.]])
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FLOAT = np.float64


@dataclass(frozen=True, eq=False)
class Plane:
    """``theta(a, b) = origin + a d1 + b d2`` with ``directions = [d1, d2]`` ``(2, dim)`` (independent rows)."""

    origin: np.ndarray
    directions: np.ndarray

    def __post_init__(self):
        origin = np.array(self.origin, dtype=FLOAT)
        directions = np.array(self.directions, dtype=FLOAT)
        if origin.ndim != 1 or directions.shape != (2, origin.size):
            raise ValueError(f"a plane needs an origin (dim,) and directions (2, dim), got {origin.shape} and "
                             f"{directions.shape}")
        if not (np.isfinite(origin).all() and np.isfinite(directions).all()):
            raise ValueError("a plane's origin and directions must be finite")
        gram = directions @ directions.T
        if not np.linalg.det(gram) > 1e-20 * gram[0, 0] * gram[1, 1]:  # |sin angle| > 1e-10
            raise ValueError("a plane's two directions must be linearly independent")
        for arr in (origin, directions):
            arr.flags.writeable = False
        object.__setattr__(self, "origin", origin)
        object.__setattr__(self, "directions", directions)

    @property
    def dim(self) -> int:
        return self.origin.size

    def at(self, coords) -> np.ndarray:
        """Parameters at plane coordinates ``(..., 2)`` -> ``(..., dim)``."""
        return self.origin + np.asarray(coords, dtype=FLOAT) @ self.directions

    def grid(self, alphas, betas) -> np.ndarray:
        """Parameters on the grid ``alphas x betas`` -> ``(len(betas), len(alphas), dim)`` (row = b, Plotly's z)."""
        a, b = np.meshgrid(np.asarray(alphas, FLOAT), np.asarray(betas, FLOAT))
        return self.at(np.stack([a, b], axis=-1))

    def project(self, points) -> np.ndarray:
        """Coordinates ``(..., 2)`` of the orthogonal projection of ``points`` ``(..., dim)`` onto the plane."""
        # Least squares on the directions: (p - o) = c D + r with r orthogonal to both rows of D.
        gram = self.directions @ self.directions.T
        return np.linalg.solve(gram, self.directions @ (np.asarray(points, FLOAT) - self.origin).reshape(
            -1, self.dim).T).T.reshape(np.shape(points)[:-1] + (2,))

    def hidden_shares(self, path) -> tuple[float, float]:
        """What the plane does not show of a path ``(R, dim)`` (row 0: its start), as two shares in [0, 1].

        - movement: ``1 - sum_t |P s_t|^2 / sum_t |s_t|^2`` over the steps ``s_t = theta_t - theta_{t-1}``,
          with ``P`` the orthogonal projection onto the plane's directions: the share of the path's
          squared step lengths that lies off the plane (0: every step is drawn at full length);
        - final: ``1 - |P d|^2 / |d|^2`` for the displacement ``d = theta_R - theta_0`` from start to end:
          the share of where the path ended up that the picture leaves out.

        A path that does not move hides nothing (both 0).
        """
        path = np.asarray(path, FLOAT)
        steps = np.diff(path, axis=0)
        return _hidden(self, steps), _hidden(self, (path[-1] - path[0])[None])

    def projected_path(self, path) -> tuple[np.ndarray, np.ndarray]:
        """``(coords (R, 2), points (R, dim))``: a path's projection, in plane coordinates and in parameters."""
        coords = self.project(path)
        return coords, self.at(coords)


def _hidden(plane: Plane, vectors: np.ndarray) -> float:
    total = float(np.einsum("ij,ij->", vectors, vectors))
    if not total > 0:
        return 0.0
    coords = np.linalg.solve(plane.directions @ plane.directions.T, plane.directions @ vectors.T).T
    shown = coords @ plane.directions
    return float(min(1.0, max(0.0, 1.0 - np.einsum("ij,ij->", shown, shown) / total)))


def filter_normalized(theta, neurons, biases, seed: int) -> np.ndarray:
    """A random direction (dim,) scaled neuron by neuron to ``theta`` (Li et al. 2018, "filter normalisation").

    ``neurons``: for each neuron, the flat indices of its incoming weights; ``biases``: a boolean mask of
    the bias entries, set to 0. The Gaussian draw comes from ``np.random.default_rng(seed)``. For each
    neuron, ``d[idx] *= |theta[idx]| / (|d[idx]| + 1e-10)`` (their code's epsilon), so its part of the
    direction has the norm of its incoming weights.
    """
    theta = np.asarray(theta, FLOAT)
    d = np.random.default_rng(seed).standard_normal(theta.size)
    d[np.asarray(biases, bool)] = 0.0
    for idx in neurons:
        d[idx] *= np.linalg.norm(theta[idx]) / (np.linalg.norm(d[idx]) + 1e-10)
    return d


def random_plane(objective, centre, seed: int = 0) -> Plane:
    """The plane through ``centre`` along two filter-normalised directions of an ``MLPObjective``
    (seeds ``[seed, 0]`` and ``[seed, 1]`` for the two draws)."""
    centre = np.asarray(centre, FLOAT)
    d1 = filter_normalized(centre, objective.neurons(), objective.biases(), [int(seed), 0])
    d2 = filter_normalized(centre, objective.neurons(), objective.biases(), [int(seed), 1])
    return Plane(centre, np.stack([d1, d2]))


@dataclass(frozen=True, eq=False)
class PCA:
    plane: Plane      # orthonormal directions, through the shared start
    explained: tuple[float, float]  # share of sum |theta - start|^2 over all points along d1 and along d2


def pca_plane(start, paths) -> PCA:
    """The top two principal directions of every path's points minus the shared ``start``, taken together.

    ``paths``: arrays ``(R_i, dim)``. Uncentred (the plane passes through the start, where every path
    begins): the top two right singular vectors of the stacked differences ``M``, found as the top two
    eigenvectors of the smaller Gram matrix (``M^T M`` or ``M M^T``; LAPACK's SVD of a 1,206 x 337 matrix of
    paths took seconds on a busy 2-core machine, the eigenvectors of its 337 x 337 Gram matrix 10 ms).
    Each direction's sign makes the points' mean coordinate along it >= 0 (paths head to the positive
    side). A direction whose share of ``|M|^2`` is below 1e-14 (rounding, for a Gram matrix) counts as
    absent; if fewer than two remain, the plane is completed with orthonormal directions (from a fixed
    seeded draw), which show nothing of the paths.
    """
    start = np.asarray(start, FLOAT)
    M = np.vstack([np.asarray(p, FLOAT) - start for p in paths])
    M = M[np.isfinite(M).all(axis=1)]
    dirs, explained = [], [0.0, 0.0]
    if len(M):
        tall = len(M) >= M.shape[1]
        values, vectors = np.linalg.eigh(M.T @ M if tall else M @ M.T)  # ascending
        total = float(values.sum())
        for k in (1, 2):
            if len(values) < k or not total > 0 or not values[-k] > 1e-14 * total:
                break
            v = vectors[:, -k] if tall else M.T @ vectors[:, -k]
            dirs.append(v / np.linalg.norm(v))
            explained[k - 1] = float(values[-k] / total)
    rng = np.random.default_rng(0)
    while len(dirs) < 2:
        v = rng.standard_normal(start.size)
        for u in dirs:
            v -= (v @ u) * u
        dirs.append(v / np.linalg.norm(v))
    if len(dirs) == 2 and abs(dirs[0] @ dirs[1]) > 1e-12:  # M M^T's vectors mapped back: re-orthogonalise
        dirs[1] = dirs[1] - (dirs[1] @ dirs[0]) * dirs[0]
        dirs[1] /= np.linalg.norm(dirs[1])
    D = np.stack(dirs)
    if len(M):
        signs = np.where((M @ D.T).sum(axis=0) < 0, -1.0, 1.0)
        D = D * signs[:, None]
    return PCA(Plane(start, D), (explained[0], explained[1]))
