"""Every registered closed-form surface, checked against independent sources of truth.

Parametrised over ``surfaces.names()``: registering a surface is enough to have its
gradient, critical points, shapes and LaTeX tested. The one thing a new surface must
add here is its row in ``FORMULAS``, a second transcription of the formula.
"""

from __future__ import annotations

import dataclasses
import math
import pickle
import re
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import surfaces
from surfaces import CriticalPoint

NAMES = surfaces.names()
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EPS = np.finfo(float).eps

# The formulas as stated in the brief, typed again by hand (not imported from the code).
FORMULAS = {
    "parabola": lambda x: x ** 2,
    "cubic": lambda x: x ** 3 - 2 * x ** 2 + 2,
    "wavy": lambda x: x ** 2 / 10 + np.sin(3 * x),
    "double_well": lambda x: (x ** 2 - 1) ** 2 + x / 2,
    "anisotropic": lambda x, y: x ** 2 / 20 + y ** 2,
    "bowl": lambda x, y: x ** 2 + y ** 2,
    "saddle": lambda x, y: x ** 2 - y ** 2,
    "monkey_saddle": lambda x, y: x ** 3 - 3 * x * y ** 2,
    "rosenbrock": lambda x, y: (1 - x) ** 2 + 100 * (y - x ** 2) ** 2,
    "beale": lambda x, y: (1.5 - x + x * y) ** 2 + (2.25 - x + x * y ** 2) ** 2 + (2.625 - x + x * y ** 3) ** 2,
    "himmelblau": lambda x, y: (x ** 2 + y - 11) ** 2 + (x + y ** 2 - 7) ** 2,
    "rastrigin": lambda x, y: 10 * 2 + (x ** 2 - 10 * np.cos(2 * np.pi * x)) + (y ** 2 - 10 * np.cos(2 * np.pi * y)),
    "ackley": lambda x, y: (-20 * np.exp(-0.2 * np.sqrt(0.5 * (x ** 2 + y ** 2)))
                            - np.exp(0.5 * (np.cos(2 * np.pi * x) + np.cos(2 * np.pi * y))) + np.e + 20),
    "booth": lambda x, y: (x + 2 * y - 7) ** 2 + (2 * x + y - 5) ** 2,
    "six_hump_camel": lambda x, y: (4 - 2.1 * x ** 2 + x ** 4 / 3) * x ** 2 + x * y + (-4 + 4 * y ** 2) * y ** 2,
    "styblinski_tang": lambda x, y: 0.5 * ((x ** 4 - 16 * x ** 2 + 5 * x) + (y ** 4 - 16 * y ** 2 + 5 * y)),
}


def random_points(surface, n, seed, beyond=0.1):
    rng = np.random.default_rng(seed)
    lo = np.array([a for a, _ in surface.window])
    hi = np.array([b for _, b in surface.window])
    pad = beyond * (hi - lo)
    return rng.uniform(lo - pad, hi + pad, size=(n, surface.dim))


def points_in_window(surface, count=4, beyond=0.1):
    """Hypothesis points inside the window widened by ``beyond`` of its size on each side."""
    coords = [
        st.floats(lo - beyond * (hi - lo), hi + beyond * (hi - lo), allow_nan=False, allow_infinity=False)
        for lo, hi in surface.window
    ]
    return st.lists(st.tuples(*coords), min_size=1, max_size=count).map(np.array)


def central_differences(f, points):
    """Central differences with a step ~1e-6 scaled to each coordinate, and a bound on their rounding error."""
    n, d = points.shape
    fd = np.empty_like(points)
    rounding = np.empty_like(points)
    for i in range(d):
        h = 1e-6 * np.maximum(1.0, np.abs(points[:, i]))
        up, down = points.copy(), points.copy()
        up[:, i] += h
        down[:, i] -= h
        width = up[:, i] - down[:, i]  # the step actually taken after rounding
        f_up, f_down = f(up), f(down)
        fd[:, i] = (f_up - f_down) / width
        rounding[:, i] = 8 * EPS * (np.abs(f_up) + np.abs(f_down)) / width
    return fd, rounding


def away_from_kinks(surface, points, distance=1e-3):
    keep = np.ones(len(points), dtype=bool)
    for kink in surface.kinks:
        keep &= np.abs(points - np.asarray(kink)).max(axis=1) > distance
    return points[keep]


def test_the_formula_table_covers_every_registered_surface():
    missing = sorted(set(NAMES) - set(FORMULAS))
    assert not missing, f"add a hand-written formula to FORMULAS for: {missing}"


@pytest.mark.parametrize("name", NAMES)
@SETTINGS
@given(data=st.data())
def test_gradient_matches_central_differences(name, data):
    surface = surfaces.get(name)
    points = away_from_kinks(surface, data.draw(points_in_window(surface)))
    if len(points) == 0:
        return
    exact = surface.grad(points)
    fd, rounding = central_differences(surface.value, points)
    scale = np.abs(exact).max(axis=1, keepdims=True)
    tolerance = 1e-6 * (1.0 + scale) + rounding
    np.testing.assert_array_less(np.abs(exact - fd), tolerance, err_msg=f"{name} at {points.tolist()}")


@pytest.mark.parametrize("name", NAMES)
def test_gradient_matches_central_differences_at_many_points(name):
    surface = surfaces.get(name)
    points = away_from_kinks(surface, random_points(surface, 500, seed=sum(map(ord, name))))
    exact = surface.grad(points)
    fd, rounding = central_differences(surface.value, points)
    tolerance = 1e-6 * (1.0 + np.abs(exact).max(axis=1, keepdims=True)) + rounding
    assert np.all(np.abs(exact - fd) < tolerance)


@pytest.mark.parametrize("name", NAMES)
def test_value_matches_the_hand_written_formula(name):
    surface = surfaces.get(name)
    points = random_points(surface, 400, seed=1)
    expected = FORMULAS[name](*points.T)
    np.testing.assert_allclose(surface.value(points), expected, rtol=1e-12, atol=1e-12)


# -- the displayed LaTeX, evaluated --------------------------------------------------

_TOKEN = re.compile(r"\s*(\\[A-Za-z]+|\\[,;:! ]|\d+(?:\.\d+)?|[A-Za-z]|[-+^(){}])")
_FUNCS = {r"\sin": np.sin, r"\cos": np.cos, r"\exp": np.exp}


def _tokens(text):
    pos, out = 0, []
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise ValueError(f"cannot read LaTeX at {text[pos:]!r}")
        if m.group(1) not in (r"\,", r"\;", r"\:", r"\!", "\\ "):
            out.append(m.group(1))
        pos = m.end()
    return out


class LatexFormula:
    """A tiny recursive-descent reader for the LaTeX subset the surfaces use.

    Sums, implicit products, ``^`` (one character or a braced group, as in TeX),
    ``\\frac``, ``\\sqrt``, ``\\sin``/``\\cos``/``\\exp``, ``\\pi``, ``e``, parentheses
    with or without ``\\left``/``\\right``. Anything else is an error, which doubles as
    a check that the string stays within what KaTeX renders plainly.
    """

    def __init__(self, text, variables):
        self.toks, self.i, self.variables = _tokens(text), 0, variables
        self.fn = self.expr()
        if self.i != len(self.toks):
            raise ValueError(f"unexpected {self.toks[self.i]!r} in {text!r}")

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self, expected=None):
        tok = self.peek()
        if tok is None or (expected is not None and tok != expected):
            raise ValueError(f"expected {expected!r}, got {tok!r}")
        self.i += 1
        return tok

    def expr(self):
        sign = 1.0
        if self.peek() in ("+", "-"):
            sign = -1.0 if self.take() == "-" else 1.0
        first = self.term()
        parts = [(sign, first)]
        while self.peek() in ("+", "-"):
            s = -1.0 if self.take() == "-" else 1.0
            parts.append((s, self.term()))
        return lambda env: sum(s * f(env) for s, f in parts)

    def starts_factor(self, tok):
        return tok is not None and (
            re.fullmatch(r"\d.*|[A-Za-z]", tok) is not None
            or tok in ("(", "{", r"\left", r"\frac", r"\sqrt", r"\pi", r"\cdot") or tok in _FUNCS
        )

    def term(self):
        factors = [self.power()]
        while self.starts_factor(self.peek()):
            if self.peek() == r"\cdot":
                self.take()
            factors.append(self.power())
        return lambda env: math.prod(f(env) for f in factors)

    def power(self):
        base = self.atom()
        if self.peek() != "^":
            return base
        self.take("^")
        tok = self.peek()
        if tok == "{":
            exponent = self.group()
        elif re.fullmatch(r"\d+(\.\d+)?", tok or ""):
            # TeX takes one character: x^12 is x^1 times 2.
            self.toks[self.i] = tok[1:]
            if not self.toks[self.i]:
                self.i += 1
            value = float(tok[0])
            exponent = lambda env: value  # noqa: E731
        else:
            exponent = self.atom()
        return lambda env: base(env) ** exponent(env)

    def group(self):
        self.take("{")
        inner = self.expr()
        self.take("}")
        return inner

    def atom(self):
        tok = self.take()
        if re.fullmatch(r"\d+(\.\d+)?", tok):
            value = float(tok)
            return lambda env: value
        if tok in self.variables:
            return lambda env: env[tok]
        if tok == "e":
            return lambda env: math.e
        if tok == r"\pi":
            return lambda env: math.pi
        if tok == "(":
            inner = self.expr()
            self.take(")")
            return inner
        if tok == r"\left":
            self.take("(")
            inner = self.expr()
            self.take(r"\right")
            self.take(")")
            return inner
        if tok == "{":
            self.i -= 1
            return self.group()
        if tok == r"\frac":
            num, den = self.group(), self.group()
            return lambda env: num(env) / den(env)
        if tok == r"\sqrt":
            inner = self.group()
            return lambda env: np.sqrt(inner(env))
        if tok in _FUNCS:
            func, arg = _FUNCS[tok], self.atom()
            return lambda env: func(arg(env))
        raise ValueError(f"unsupported LaTeX token {tok!r}")

    def __call__(self, **env):
        return self.fn(env)


def test_the_latex_reader_follows_tex_rules():
    assert LatexFormula(r"x^12", "x")(x=3.0) == 3.0 * 2
    assert LatexFormula(r"2\left(x + 1\right)^{2}y", "xy")(x=1.0, y=3.0) == 24.0
    assert LatexFormula(r"-\frac{x}{2} - 3", "x")(x=4.0) == -5.0
    with pytest.raises(ValueError):
        LatexFormula(r"x + z", "x")
    with pytest.raises(ValueError):
        LatexFormula(r"\operatorname{foo}(x)", "x")


@pytest.mark.parametrize("name", NAMES)
def test_displayed_latex_computes_the_same_function(name):
    surface = surfaces.get(name)
    lhs, rhs = surface.latex.split("=", 1)
    variables = "x" if surface.dim == 1 else "xy"
    assert lhs.replace(" ", "") == f"f({','.join(variables)})"
    formula = LatexFormula(rhs, variables)
    points = random_points(surface, 200, seed=2)
    shown = formula(**dict(zip(variables, points.T)))
    np.testing.assert_allclose(surface.value(points), shown, rtol=1e-12, atol=1e-12)


# -- critical points ------------------------------------------------------------------

def directions(surface, point):
    """Unit steps in many directions, plus the Hessian's eigenvectors (a saddle can
    fall away only inside a narrow cone when the Hessian is ill-conditioned)."""
    if surface.dim == 1:
        return np.array([[1.0], [-1.0]])
    angles = np.linspace(0, 2 * np.pi, 24, endpoint=False)
    h = 1e-6
    hessian = np.array([(surface.grad(point + h * e) - surface.grad(point - h * e)) / (2 * h) for e in np.eye(2)])
    _, vectors = np.linalg.eigh((hessian + hessian.T) / 2)
    return np.vstack([np.stack([np.cos(angles), np.sin(angles)], axis=-1), vectors.T, -vectors.T])


@pytest.mark.parametrize("name", NAMES)
def test_critical_points_have_zero_gradient_and_their_stated_value(name):
    surface = surfaces.get(name)
    assert surface.critical_points, f"{name} lists no critical point"
    locations = np.array([p.location for p in surface.critical_points])
    stated = np.array([p.value for p in surface.critical_points])
    np.testing.assert_allclose(surface.value(locations), stated, rtol=1e-10, atol=1e-8)
    assert np.abs(surface.grad(locations)).max() < 1e-8


@pytest.mark.parametrize("name", NAMES)
def test_critical_points_are_what_they_claim(name):
    surface = surfaces.get(name)
    for point in surface.critical_points:
        here = np.asarray(point.location)
        unit_steps = directions(surface, here)
        for radius in (1e-3, 1e-4):
            f0 = surface.value(here)
            around = surface.value(here + radius * unit_steps)
            slack = 1e-12 * (1.0 + abs(f0))
            if point.kind.endswith("minimum"):
                assert around.min() >= f0 - slack, (name, point)
            elif point.kind == "local maximum":
                assert around.max() <= f0 + slack, (name, point)
            else:
                assert around.min() < f0 < around.max(), (name, point)


@pytest.mark.parametrize("name", NAMES)
def test_global_minimum_is_the_lowest(name):
    surface = surfaces.get(name)
    kinds = {p.kind for p in surface.critical_points}
    assert kinds <= set(CriticalPoint.KINDS)
    globals_ = [p.value for p in surface.critical_points if p.kind == "global minimum"]
    if not surface.bounded_below:
        assert not globals_, "an unbounded surface has no global minimum"
        return
    assert globals_, f"{name} is bounded below but lists no global minimum"
    best = surface.global_minimum
    assert max(globals_) - min(globals_) < 1e-9
    assert all(p.value >= best - 1e-12 for p in surface.minima)
    *_, grid_values = surface.grid(401)
    assert grid_values.min() >= best - 1e-9


@pytest.mark.parametrize("name", NAMES)
def test_metadata_is_complete(name):
    surface = surfaces.get(name)
    assert surface.name == name
    assert surface.dim in (1, 2) and len(surface.window) == surface.dim
    assert all(lo < hi for lo, hi in surface.window)
    assert surface.starts and all(len(s) == surface.dim for s in surface.starts)
    inside = lambda p: all(lo <= c <= hi for c, (lo, hi) in zip(p, surface.window))  # noqa: E731
    assert all(inside(s) for s in surface.starts)
    assert all(len(p.location) == surface.dim and inside(p.location) for p in surface.critical_points)
    for text in (surface.title, surface.description):
        assert set(text) >= {"en", "ko"} and text["en"].strip() and text["ko"].strip()
        assert re.search("[가-힣]", text["ko"]), "the Korean text should be in Korean"
    assert isinstance(surface.log_levels, bool) and isinstance(surface.bounded_below, bool)
    assert surface.n_samples is None


def test_names_filter_by_dimension():
    one, two = surfaces.names(dim=1), surfaces.names(dim=2)
    assert set(one) | set(two) == set(NAMES) and not set(one) & set(two)
    assert all(surfaces.get(n).dim == 1 for n in one) and all(surfaces.get(n).dim == 2 for n in two)
    assert {"parabola", "cubic", "wavy", "double_well"} <= set(one)
    assert {"anisotropic", "bowl", "saddle", "monkey_saddle", "rosenbrock", "beale", "himmelblau", "rastrigin",
            "ackley", "booth", "six_hump_camel", "styblinski_tang"} <= set(two)
    assert not {"least_squares", "hinge", "dense_mse"} & set(NAMES)
    with pytest.raises(ValueError, match="Unknown surface"):
        surfaces.get("no_such_surface")


def test_known_values():
    assert surfaces.get("cubic").minima[0].location == (4 / 3,) and surfaces.get("cubic").minima[0].value == 22 / 27
    assert len(surfaces.get("himmelblau").minima) == 4
    camel = surfaces.get("six_hump_camel")
    assert sum(p.kind == "global minimum" for p in camel.minima) == 2 and len(camel.minima) == 6
    assert len(surfaces.get("styblinski_tang").minima) == 4
    assert surfaces.get("styblinski_tang").global_minimum == pytest.approx(-39.16616570377142 * 2)
    assert len(surfaces.get("rastrigin").minima) == 121 and len(surfaces.get("ackley").minima) == 121


# -- shapes and robustness ----------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_shapes(name):
    surface = surfaces.get(name)
    d = surface.dim
    batch = random_points(surface, 5, seed=3)
    assert surface.value(batch).shape == (5,) and surface.grad(batch).shape == (5, d)
    plane = random_points(surface, 12, seed=4).reshape(3, 4, d)
    assert surface.value(plane).shape == (3, 4) and surface.grad(plane).shape == (3, 4, d)
    np.testing.assert_array_equal(surface.value(plane).reshape(-1), surface.value(plane.reshape(-1, d)))
    # A batch of runs must equal the same runs done one at a time, bit for bit.
    np.testing.assert_array_equal(surface.grad(batch), [surface.grad(p[None])[0] for p in batch])
    np.testing.assert_array_equal(surface.value(batch), [surface.value(p[None])[0] for p in batch])
    single = batch[0]
    assert surface.value(single).shape == () and surface.grad(single).shape == (d,)
    assert surface.value(single.tolist()) == surface.value(batch)[0]
    with pytest.raises(ValueError):
        surface.value(np.zeros((5, d + 1)))
    with pytest.raises(ValueError):
        surface.grad(batch, rows=np.arange(2))


@pytest.mark.parametrize("name", NAMES)
def test_grid(name):
    surface = surfaces.get(name)
    out = surface.grid(30)
    if surface.dim == 1:
        xs, values = out
        assert xs.shape == values.shape == (30,)
        np.testing.assert_array_equal(values, surface.value(xs[:, None]))
    else:
        xs, ys, values = out
        assert xs.shape == ys.shape == (30,) and values.shape == (30, 30)
        assert values[4, 7] == surface.value([xs[7], ys[4]])  # rows follow y (Plotly's z)
    assert (xs[0], xs[-1]) == surface.window[0]


@pytest.mark.parametrize("name", NAMES)
def test_non_finite_and_huge_inputs_do_not_raise(name):
    surface = surfaces.get(name)
    specials = [np.inf, -np.inf, np.nan, 1e308, -1e308, 1e154, 5e-324, 0.0]
    points = np.array(np.meshgrid(*[specials] * surface.dim)).reshape(surface.dim, -1).T
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values = surface.value(points)
        grads = surface.grad(points)
    assert values.shape == (len(points),) and grads.shape == points.shape
    finite = np.isfinite(points).all(axis=1) & (np.abs(points).max(axis=1) < 1e100)
    assert np.isfinite(values[finite]).all() and np.isfinite(grads[finite]).all()


def test_ackley_gradient_at_and_near_its_kink():
    ackley = surfaces.get("ackley")
    assert ackley.kinks == ((0.0, 0.0),)
    np.testing.assert_array_equal(ackley.grad([0.0, 0.0]), [0.0, 0.0])
    tiny = ackley.grad([[1e-300, 0.0], [5e-324, 5e-324], [-1e-200, 1e-200]])
    assert np.isfinite(tiny).all()
    # Along a ray the radial part of the gradient tends to 2*sqrt(2) in the ray's direction.
    np.testing.assert_allclose(tiny[0], [2 * math.sqrt(2), 0.0], rtol=1e-12)


@pytest.mark.parametrize("name", NAMES)
def test_surfaces_pickle_by_name(name):
    surface = surfaces.get(name)
    assert pickle.loads(pickle.dumps(surface)) is surface
    narrow = dataclasses.replace(surface, window=tuple((lo / 2, hi / 2) for lo, hi in surface.window))
    again = pickle.loads(pickle.dumps(narrow))
    assert again.window == narrow.window and again.value_fn is surface.value_fn


def test_a_surface_with_unregistered_functions_refuses_to_pickle():
    stray = dataclasses.replace(surfaces.get("bowl"), value_fn=lambda p: p[..., 0])
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(stray)
