"""Quadratic bowls f(x) = ½ xᵀ A x, a family with parameters, and the test for "is this surface quadratic".

The curvature lesson needs bowls of any condition number κ and any orientation θ:

    A = R(θ) diag(λmin, λmax) R(θ)ᵀ,   R(θ) = [[cos θ, −sin θ], [sin θ, cos θ]],

so that the eigenvector of λmin points along θ and that of λmax along θ + 90°. The value,
gradient A x and Hessian A are exact. ``rotated_bowl(0.1, 2.0)`` is the registered
"anisotropic" surface x²/20 + y² (½·0.1·x² + ½·2·y²), and its ``degrees`` turns it.

These surfaces are built on demand (like ``custom`` and the data objectives), not registered
by name: a bowl is its parameters. The same parameters give the same object (a small cache),
so figures and caches keyed by the surface object are shared, and a bowl pickles as the call
that built it.

``constant_hessian(surface)`` answers, for any surface, whether it is quadratic: its Hessian
is the same at points spread over and beyond its window, and the second-order Taylor
expansion around the window's centre reproduces f at those points. A piecewise-linear
objective (hinge: Hessian 0 wherever it exists) fails the second test and is not quadratic.

>>> import surfaces
>>> bowl = surfaces.rotated_bowl(0.1, 2.0, degrees=30.0)
>>> surfaces.constant_hessian(bowl).round(4)
array([[ 0.575 , -0.8227],
       [-0.8227,  1.525 ]])
>>> surfaces.constant_hessian(surfaces.get("rosenbrock")) is None
True
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from .base import FLOAT, CriticalPoint, Surface

MAX_CONDITION = 1e6  # condition numbers beyond this are refused (rounding would swamp the lesson)
MAX_DIM = 256


def rotation(degrees: float) -> np.ndarray:
    """R(θ) for θ in degrees: the 2x2 rotation taking (1, 0) to (cos θ, sin θ)."""
    t = math.radians(float(degrees))
    c, s = math.cos(t), math.sin(t)
    return np.array([[c, -s], [s, c]], dtype=FLOAT)


@dataclass(frozen=True, eq=False)
class QuadraticSurface(Surface):
    """f(x) = ½ xᵀ A x with a symmetric ``matrix`` A (read-only), minimum at 0 when A is positive definite.

    ``eigenvalues`` (ascending) and ``eigenvectors`` (columns, in the same order) are A's;
    ``recipe`` is the call that built the surface (pickling)."""

    matrix: np.ndarray | None = None
    eigenvalues: np.ndarray | None = None
    eigenvectors: np.ndarray | None = None
    recipe: tuple | None = None

    def _recipe(self):
        return self.recipe

    @property
    def condition_number(self) -> float:
        """|λ|max / |λ|min (inf when A is singular)."""
        mags = np.abs(self.eigenvalues)
        return float(mags.max() / mags.min()) if mags.min() > 0 else math.inf


def _read_only(a) -> np.ndarray:
    a = np.array(a, dtype=FLOAT)
    a.flags.writeable = False
    return a


def _number(value: float) -> str:
    text = f"{value:.4g}"
    return text.replace("e-0", "e-").replace("e+0", "e")


def _latex_2d(a: np.ndarray) -> str:
    """½(a x² + 2b xy + c y²) with the numbers of A, as in ``value``."""
    terms = []
    for coef, var in ((a[0, 0], "x^2"), (2.0 * a[0, 1], "xy"), (a[1, 1], "y^2")):
        if coef == 0:
            continue
        sign = "-" if coef < 0 else "+"
        body = f"{_number(abs(coef))}\\,{var}"
        terms.append((sign, body))
    if not terms:
        return r"f(x, y) = 0"
    first_sign, first = terms[0]
    text = ("-" if first_sign == "-" else "") + first
    text += "".join(f" {sign} {body}" for sign, body in terms[1:])
    return rf"f(x, y) = \tfrac{{1}}{{2}}\left({text}\right)"


def quadratic(matrix, *, window=None, starts=None, name: str = "quadratic", title=None, description=None,
              latex: str | None = None, recipe: tuple | None = None) -> QuadraticSurface:
    """The surface f(x) = ½ xᵀ A x of a symmetric ``matrix`` A (d x d, 1 <= d <= ``MAX_DIM``).

    ``window``: (low, high) for every axis or one pair per axis (default ±10); ``starts``:
    suggested starts (default (−7, 2) in 2-D, 7 on every axis otherwise). Raises ValueError
    for a matrix that is not square, symmetric and finite.
    """
    a = np.array(matrix, dtype=FLOAT)
    if a.ndim != 2 or a.shape[0] != a.shape[1] or not 1 <= a.shape[0] <= MAX_DIM:
        raise ValueError(f"Invalid matrix: shape {a.shape} (allowed: square, 1 to {MAX_DIM} rows)")
    if not np.isfinite(a).all():
        raise ValueError("Invalid matrix: every entry must be a finite number")
    if not np.array_equal(a, a.T):
        raise ValueError("Invalid matrix: it must be symmetric (A = Aᵀ)")
    d = a.shape[0]
    values, vectors = np.linalg.eigh(a)
    if window is None:
        window = ((-10.0, 10.0),) * d
    else:
        pairs = np.asarray(window, dtype=FLOAT)
        if pairs.shape == (2,):
            pairs = np.tile(pairs, (d, 1))
        if pairs.shape != (d, 2) or not np.isfinite(pairs).all() or not np.all(pairs[:, 0] < pairs[:, 1]):
            raise ValueError(f"Invalid window: {window!r} (allowed: (low, high) or one pair per axis, low < high)")
        window = tuple((float(lo), float(hi)) for lo, hi in pairs)
    if starts is None:
        starts = ((-7.0, 2.0),) if d == 2 else ((7.0,) * d,)
    starts = tuple(tuple(float(c) for c in s) for s in starts)
    if values.min() > 0:
        points = (CriticalPoint((0.0,) * d, 0.0, "global minimum"),)
    elif values.max() < 0:
        points = (CriticalPoint((0.0,) * d, 0.0, "local maximum"),)
    elif values.min() < 0 < values.max():
        points = (CriticalPoint((0.0,) * d, 0.0, "saddle"),)
    else:
        points = ()  # singular: a line of stationary points, nothing single to mark
    if latex is None:
        latex = _latex_2d(a) if d == 2 else r"f(\mathbf{x}) = \tfrac{1}{2}\,\mathbf{x}^\top A\,\mathbf{x}"
    matrix_ro = _read_only(a)
    return QuadraticSurface(
        name=name,
        dim=d,
        value_fn=lambda p: 0.5 * np.einsum("...i,ij,...j->...", p, matrix_ro, p),
        grad_fn=lambda p: p @ matrix_ro,  # A is symmetric: (A x)ᵀ = xᵀ A
        hess_fn=lambda p: matrix_ro,  # broadcast to (..., d, d) by Surface.hess
        window=window,
        starts=starts,
        critical_points=points,
        latex=latex,
        title=title or {"en": "Quadratic bowl", "ko": "이차 그릇"},
        description=description or {
            "en": "f = ½ xᵀ A x: the same curvature A everywhere.",
            "ko": "f = ½ xᵀ A x: 어디서나 곡률이 A로 같습니다.",
        },
        bounded_below=bool(values.min() >= 0),
        matrix=matrix_ro,
        eigenvalues=_read_only(values),
        eigenvectors=_read_only(vectors),
        recipe=recipe or (quadratic, (a,), {"window": window, "starts": starts, "name": name}),
    )


def _check_bowl(lam_min: float, lam_max: float, degrees: float) -> tuple[float, float, float]:
    lam_min, lam_max, degrees = float(lam_min), float(lam_max), float(degrees)
    if not (math.isfinite(lam_min) and math.isfinite(lam_max) and 0 < lam_min <= lam_max):
        raise ValueError(f"Invalid eigenvalues: {lam_min:g}, {lam_max:g} (allowed: 0 < λmin <= λmax)")
    if lam_max / lam_min > MAX_CONDITION:
        raise ValueError(f"Invalid condition number: {lam_max / lam_min:g} (allowed: at most {MAX_CONDITION:g})")
    if not math.isfinite(degrees):
        raise ValueError(f"Invalid angle: {degrees!r} (allowed: a finite number of degrees)")
    return lam_min, lam_max, degrees


def rotated_bowl(lam_min: float, lam_max: float, degrees: float = 0.0, start=(-7.0, 2.0),
                 half_width: float = 12.0) -> QuadraticSurface:
    """The 2-D bowl A = R(θ) diag(λmin, λmax) R(θ)ᵀ, θ = ``degrees``, its start ``start`` turned by θ too.

    Turning the start with the bowl keeps the problem the same up to the rotation: a method that
    does not care about the axes (GD, heavy-ball momentum) traces the same path, turned. The window
    is the square ±``half_width``, so that every orientation fits.
    """
    lam_min, lam_max, degrees = _check_bowl(lam_min, lam_max, degrees)
    start = tuple(float(c) for c in start)
    return _rotated_bowl(lam_min, lam_max, degrees, start, float(half_width))


@functools.lru_cache(maxsize=128)
def _rotated_bowl(lam_min: float, lam_max: float, degrees: float, start: tuple[float, float],
                  half_width: float) -> QuadraticSurface:
    r = rotation(degrees)
    a = r @ np.diag([lam_min, lam_max]) @ r.T
    a = (a + a.T) / 2.0  # symmetric to the last bit
    turned = r @ np.asarray(start, dtype=FLOAT)
    kappa = lam_max / lam_min
    title = {"en": f"Bowl κ = {kappa:.4g}, turned by {degrees:g}°",
             "ko": f"κ = {kappa:.4g}인 그릇, {degrees:g}° 회전"}
    description = {
        "en": f"f = ½ xᵀ A x with A = R(θ) diag({lam_min:.4g}, {lam_max:.4g}) R(θ)ᵀ, θ = {degrees:g}°: "
              f"curvature {lam_min:.4g} along the direction θ and {lam_max:.4g} across it, everywhere.",
        "ko": f"f = ½ xᵀ A x, A = R(θ) diag({lam_min:.4g}, {lam_max:.4g}) R(θ)ᵀ, θ = {degrees:g}°: "
              f"어디서나 θ 방향의 곡률은 {lam_min:.4g}, 그와 수직인 방향의 곡률은 {lam_max:.4g}입니다.",
    }
    return quadratic(
        a, window=((-half_width, half_width),) * 2, starts=(tuple(float(c) + 0.0 for c in turned),),
        name="rotated_bowl", title=title, description=description,
        recipe=(rotated_bowl, (lam_min, lam_max, degrees, start, half_width), {}),
    )


# -- is a surface quadratic? ----------------------------------------------------------------------
def _probes(surface, n: int = 24) -> np.ndarray:
    """Points over and beyond the window: its centre and corners, and seeded points in a box 3x as wide."""
    lo = np.array([w[0] for w in surface.window], dtype=FLOAT)
    hi = np.array([w[1] for w in surface.window], dtype=FLOAT)
    centre, half = (lo + hi) / 2.0, (hi - lo) / 2.0
    d = surface.dim
    rng = np.random.default_rng(20260)
    spread = centre + 3.0 * half * rng.uniform(-1.0, 1.0, size=(n, d))
    corners = centre + half * np.where(rng.integers(0, 2, size=(4, d)) == 1, 1.0, -1.0)
    return np.vstack([centre[None, :], corners, spread])


def constant_hessian(surface, rtol: float = 1e-9) -> np.ndarray | None:
    """A's copy if ``surface`` is quadratic (the same Hessian everywhere), else None.

    A ``QuadraticSurface`` answers from its matrix. Any other surface is probed: its exact
    Hessian must be finite and identical at every probe point, and f must equal its
    second-order Taylor expansion around the window's centre at every probe (within
    ``rtol`` of the size of the terms). A surface without an exact Hessian is not known to be
    quadratic (None); so is one with declared kinks.
    """
    if isinstance(surface, QuadraticSurface):
        return np.array(surface.matrix)
    if surface.hess_fn is None and getattr(surface, "batch_hess_fn", None) is None or surface.kinks:
        return None
    points = _probes(surface)
    try:
        hessians = surface.hess(points)
    except NotImplementedError:
        return None
    if not np.isfinite(hessians).all() or not (hessians == hessians[0]).all():
        return None
    h = hessians[0]
    centre = points[0]
    f0 = float(surface.value(centre))
    g0 = surface.grad(centre[None, :])[0]
    du = points - centre
    quad = 0.5 * np.einsum("ni,ij,nj->n", du, h, du)
    lin = du @ g0
    model = f0 + lin + quad
    values = surface.value(points)
    scale = np.abs(f0) + np.abs(lin) + np.abs(quad) + np.abs(values)
    if not np.isfinite(values).all() or not np.all(np.abs(values - model) <= rtol * np.maximum(scale, 1e-300)):
        return None
    return np.array(h)
