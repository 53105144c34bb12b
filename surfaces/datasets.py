"""Small seeded data sets for the data objectives, generated on the spot (no downloads).

The same arguments always give the same arrays: each call draws from its own
``np.random.default_rng(seed)``.

>>> from surfaces import datasets
>>> X, y = datasets.regression(n=5, seed=1)
>>> X.shape, y.shape
((5, 1), (5,))
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from .base import FLOAT


def _count(n) -> int:
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 1:
        raise ValueError(f"n must be an integer >= 1, got {n!r}")
    return int(n)


def _nonnegative(name: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a finite number >= 0, got {value!r}")
    return float(value)


def _finite(name: str, value) -> np.ndarray:
    try:
        arr = np.asarray(value, dtype=FLOAT)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be numeric, got {value!r}") from None
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return arr


def _rng(seed) -> np.random.Generator:
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise ValueError(f"seed must be an integer >= 0, got {seed!r}")
    return np.random.default_rng(int(seed))


def regression(n: int = 50, noise: float = 0.5, seed: int = 0, slope=2.0, intercept: float = 1.0,
               x_range: tuple[float, float] = (-3.0, 3.0)) -> tuple[np.ndarray, np.ndarray]:
    """Points scattered around a line: ``y = X @ slope + intercept + noise * N(0, 1)``.

    ``X`` is uniform on ``x_range`` with shape ``(n, f)``, where ``f`` is the number of
    slopes (a scalar slope gives one feature); ``y`` has shape ``(n,)``.
    """
    n = _count(n)
    noise = _nonnegative("noise", noise)
    slopes = _finite("slope", slope).reshape(-1)
    if slopes.size < 1:
        raise ValueError("slope needs at least one value")
    intercept = _finite("intercept", intercept)
    if intercept.ndim != 0:
        raise ValueError(f"intercept must be a single number, got shape {intercept.shape}")
    bounds = _finite("x_range", x_range).reshape(-1)
    if bounds.size != 2 or not bounds[0] < bounds[1]:
        raise ValueError(f"x_range must be (low, high) with low < high, got {x_range!r}")
    lo, hi = float(bounds[0]), float(bounds[1])
    rng = _rng(seed)
    X = rng.uniform(lo, hi, size=(n, slopes.size))
    y = X @ slopes + float(intercept) + noise * rng.standard_normal(n)
    return X, y


def classification(n: int = 40, seed: int = 0, margin: float = 0.5, noise: float = 0.0,
                   angle: float = 30.0, spread: float = 3.0) -> tuple[np.ndarray, np.ndarray]:
    """Two classes on either side of a line through the origin, labels −1 and +1.

    The boundary is perpendicular to the unit vector at ``angle`` degrees, so the
    true classifier is ``w ∝ (cos angle, sin angle)``. Points start uniform on
    ``[-spread, spread]²``, are moved to their label's side at distance at least
    ``margin`` from the boundary (separable with that margin), and are then jittered
    by ``noise * N(0, 1)`` per coordinate, which lets the classes overlap. The labels
    are balanced (alternating, then shuffled). Returns ``X`` ``(n, 2)`` and ``y`` ``(n,)``.
    """
    n = _count(n)
    margin = _nonnegative("margin", margin)
    noise = _nonnegative("noise", noise)
    spread = _nonnegative("spread", spread)
    angle = _finite("angle", angle)
    if angle.ndim != 0:
        raise ValueError(f"angle must be a single number of degrees, got shape {angle.shape}")
    angle = float(angle)
    rng = _rng(seed)
    y = np.where(np.arange(n) % 2 == 0, 1.0, -1.0)
    rng.shuffle(y)
    X = rng.uniform(-spread, spread, size=(n, 2))
    normal = np.array([math.cos(math.radians(angle)), math.sin(math.radians(angle))])
    along = X @ normal
    X = X + np.outer(y * (np.abs(along) + margin) - along, normal)
    if noise > 0:
        X = X + noise * rng.standard_normal((n, 2))
    return X, y


# A Keras tutorial: keras.Sequential([Dense(units=3, input_shape=[1])]) after
# tf.random.set_seed(0), fitted with loss="mse" to the single sample 1 -> [0, 1, 0].
# The kernel is what that seed draws; the bias starts at zero. First loss: 1.0738.
KERAS_TUTORIAL_KERNEL = (-0.5095548, -0.7187625, 0.08668923)


def keras_dense_example() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(inputs, targets, start)`` of the Keras tutorial: inputs ``[[1]]``, targets
    ``[[0, 1, 0]]``, start = the seeded kernel then a zero bias (6 parameters)."""
    inputs = np.array([[1.0]])
    targets = np.array([[0.0, 1.0, 0.0]])
    start = np.concatenate([np.array(KERAS_TUTORIAL_KERNEL), np.zeros(3)])
    return inputs, targets, start


# -- two-class shapes for the network landscape: labels 0 and 1 ------------------------------
SHAPES = ("moons", "circles", "spirals")


def _halves(n: int) -> tuple[int, int]:
    """Samples of class 0 and class 1: n // 2 and the rest (as sklearn splits them)."""
    return n // 2, n - n // 2


def _shuffled(X: np.ndarray, y: np.ndarray, noise: float, rng: np.random.Generator):
    if noise > 0:
        X = X + noise * rng.standard_normal(X.shape)
    order = rng.permutation(len(y))
    return X[order], y[order]


def moons(n: int = 200, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles (the shape of sklearn's make_moons, our own draw).

    Class 0 lies on the upper half of the unit circle centred at (0, 0), class 1 on the
    lower half of the one centred at (1, 0.5), at evenly spaced angles; every coordinate
    then gets ``noise * N(0, 1)`` and the rows are shuffled. Returns ``X`` ``(n, 2)`` and
    ``y`` ``(n,)`` in {0., 1.}.

    >>> X, y = moons(n=6, noise=0.0)
    >>> X.shape, sorted(y.tolist())
    ((6, 2), [0.0, 0.0, 0.0, 1.0, 1.0, 1.0])
    """
    n = _count(n)
    noise = _nonnegative("noise", noise)
    rng = _rng(seed)
    n0, n1 = _halves(n)
    a0, a1 = np.linspace(0.0, np.pi, n0), np.linspace(0.0, np.pi, n1)
    X = np.vstack([np.column_stack([np.cos(a0), np.sin(a0)]),
                   np.column_stack([1.0 - np.cos(a1), 0.5 - np.sin(a1)])])
    y = np.r_[np.zeros(n0), np.ones(n1)]
    return _shuffled(X, y, noise, rng)


def circles(n: int = 200, noise: float = 0.05, seed: int = 0, factor: float = 0.5) -> tuple[np.ndarray, np.ndarray]:
    """A small circle (class 1, radius ``factor``) inside a large one (class 0, radius 1), like
    sklearn's make_circles; ``noise * N(0, 1)`` per coordinate, rows shuffled. Labels 0 and 1.

    >>> X, y = circles(n=8, noise=0.0)
    >>> sorted(set(np.round(np.hypot(X[:, 0], X[:, 1]), 6).tolist()))
    [0.5, 1.0]
    """
    n = _count(n)
    noise = _nonnegative("noise", noise)
    factor = _nonnegative("factor", factor)
    if not 0 < factor < 1:
        raise ValueError(f"factor must lie strictly between 0 and 1, got {factor!r}")
    rng = _rng(seed)
    n0, n1 = _halves(n)
    a0 = np.linspace(0.0, 2 * np.pi, n0, endpoint=False)
    a1 = np.linspace(0.0, 2 * np.pi, n1, endpoint=False)
    X = np.vstack([np.column_stack([np.cos(a0), np.sin(a0)]),
                   factor * np.column_stack([np.cos(a1), np.sin(a1)])])
    y = np.r_[np.zeros(n0), np.ones(n1)]
    return _shuffled(X, y, noise, rng)


def spirals(n: int = 200, noise: float = 0.05, seed: int = 0, turns: float = 1.25) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved Archimedean spirals (class 1 is class 0 turned by 180 degrees).

    Along each arm the radius grows from 0.1 to 1 while the angle makes ``turns`` turns,
    at evenly spaced positions; ``noise * N(0, 1)`` per coordinate, rows shuffled. Labels 0 and 1.
    """
    n = _count(n)
    noise = _nonnegative("noise", noise)
    turns = _nonnegative("turns", turns)
    rng = _rng(seed)
    n0, n1 = _halves(n)
    arms = []
    for count, turn in ((n0, 0.0), (n1, np.pi)):
        s = np.linspace(0.0, 1.0, count)
        radius, angle = 0.1 + 0.9 * s, 2 * np.pi * turns * s + turn
        arms.append(np.column_stack([radius * np.cos(angle), radius * np.sin(angle)]))
    X = np.vstack(arms)
    y = np.r_[np.zeros(n0), np.ones(n1)]
    return _shuffled(X, y, noise, rng)


def shape(name: str, n: int = 200, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """One of ``SHAPES`` by name: ``shape("moons", 500, 0.2, 3)``."""
    makers = {"moons": moons, "circles": circles, "spirals": spirals}
    if name not in makers:
        raise ValueError(f"Invalid data set: {name!r} (allowed: {', '.join(SHAPES)})")
    return makers[name](n=n, noise=noise, seed=seed)
