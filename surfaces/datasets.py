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
