"""surfaces.custom: typed formulas become Surfaces, and nothing typed ever runs."""

import ast
import math
import pathlib
import re
import sys
import time
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import surfaces
from surfaces import ExpressionError, custom
from surfaces.custom import (MAX_DEPTH, MAX_EXPONENT, MAX_LENGTH, MAX_NODES, CustomSurface,
                             parse, to_text)

from tests.attack_corpus import ATTACKS

BUDGET = 0.5  # seconds per input, parse + build + evaluation
INF, NAN = math.inf, math.nan
ODD_POINTS = [INF, -INF, NAN, 0.0, -0.0, 1e308, -1e308, 5e-324, 1e-300]


def _exercise(surface):
    """Evaluate value and grad on ordinary and hostile points; both must not raise."""
    rng = np.random.default_rng(0)
    points = np.concatenate([
        rng.uniform(-5, 5, size=(20, surface.dim)),
        np.array([[p] * surface.dim for p in ODD_POINTS]),
    ])
    values, grads = surface.value(points), surface.grad(points)
    assert values.shape == (len(points),) and grads.shape == points.shape
    grid = surface.grid(30)
    assert grid[-1].shape == ((30,) if surface.dim == 1 else (30, 30))


# -- attack corpus ------------------------------------------------------------------------

def test_corpus_is_big_enough():
    assert len(ATTACKS) >= 40
    assert {kind for _, kind in ATTACKS} >= {"ok", "character", "unsupported", "function", "exponent",
                                             "length", "depth", "size", "constant", "number", "name"}


@pytest.mark.parametrize("text, expected", ATTACKS, ids=[f"{i}:{t[:25]!r}" for i, (t, _) in enumerate(ATTACKS)])
def test_attack_rejected_or_evaluated_safely(text, expected):
    start = time.perf_counter()
    try:
        surface = custom(text)
    except ExpressionError as err:
        outcome = err.kind
        assert str(err)
    else:
        outcome = "ok"
        assert isinstance(surface, surfaces.Surface)
        _exercise(surface)
    elapsed = time.perf_counter() - start
    assert outcome == expected, f"{text[:60]!r}: expected {expected}, got {outcome}"
    assert elapsed < BUDGET, f"{text[:60]!r} took {elapsed:.3f} s"


def test_nothing_ran(tmp_path):
    """Attacks that would write a file or import a module left no trace."""
    target = tmp_path / "pwned"
    for text in [f"open('{target}', 'w').write('x')", "__import__('antigravity')", "__import__(x)",
                 "breakpoint()", "exit()", "quit()", "input()", "help()"]:
        with pytest.raises(ExpressionError):
            custom(text)
    assert not target.exists()
    assert "antigravity" not in sys.modules


# -- valid formulas give the right numbers ----------------------------------------------

VALID = [
    ("x^3 - 2*x^2 + 2", 1, lambda x, y: x ** 3 - 2 * x ** 2 + 2),
    ("x**2/20 + y**2", 2, lambda x, y: x ** 2 / 20 + y ** 2),
    ("sin(x)*cos(y)", 2, lambda x, y: np.sin(x) * np.cos(y)),
    ("(1-x)^2 + 100*(y-x^2)^2", 2, lambda x, y: (1 - x) ** 2 + 100 * (y - x ** 2) ** 2),
    ("-x", 1, lambda x, y: -x),
    ("x - -y", 2, lambda x, y: x + y),
    ("2^-1", 1, lambda x, y: np.full_like(x, 0.5)),
    ("pi*e", 1, lambda x, y: np.full_like(x, np.pi * np.e)),
    ("abs(x)", 1, lambda x, y: np.abs(x)),
    ("exp(sin(x*y)) + log(1 + x^2)", 2, lambda x, y: np.exp(np.sin(x * y)) + np.log1p(x ** 2)),
    ("sqrt(x^2 + y^2 + 1)", 2, lambda x, y: np.sqrt(x ** 2 + y ** 2 + 1)),
    ("tanh(x) * sinh(y/3) - cosh(x/4)", 2, lambda x, y: np.tanh(x) * np.sinh(y / 3) - np.cosh(x / 4)),
    ("arctan(x) + arcsin(y/6) + arccos(x/7)", 2,
     lambda x, y: np.arctan(x) + np.arcsin(y / 6) + np.arccos(x / 7)),
    ("log10(x^2 + 1) * ln(y^2 + 2)", 2, lambda x, y: np.log10(x ** 2 + 1) * np.log(y ** 2 + 2)),
    ("sigmoid(x) - tan(y/4)", 2, lambda x, y: 1 / (1 + np.exp(-x)) - np.tan(y / 4)),
    ("-x^2", 1, lambda x, y: -(x ** 2)),
    ("(-x)^2 + 2^3^2/512", 1, lambda x, y: x ** 2 + 1.0),
    ("x^y", 2, lambda x, y: np.abs(x) ** y),  # evaluated at x > 0 below
    ("e^x / (1 + e^x)", 1, lambda x, y: np.exp(x) / (1 + np.exp(x))),
    ("sin(cos(tan(x/4)))^2", 1, lambda x, y: np.sin(np.cos(np.tan(x / 4))) ** 2),
    ("x^0.5 + 1_000*x/1e3 - +x", 1, lambda x, y: np.sqrt(x)),
    ("y", 2, lambda x, y: y),
    ("  3 * (x + 1) / 4\t", 1, lambda x, y: 3 * (x + 1) / 4),
]


@pytest.mark.parametrize("text, dim, reference", VALID, ids=[t for t, _, _ in VALID])
def test_values_match_numpy(text, dim, reference):
    surface = custom(text)
    assert surface.dim == dim
    rng = np.random.default_rng(7)
    points = rng.uniform(0.05, 4.5, size=(50, dim))  # x > 0 for sqrt and x^y; inside every domain
    x = points[..., 0]
    y = points[..., 1] if dim == 2 else None
    np.testing.assert_allclose(surface.value(points), reference(x, y), rtol=1e-12, atol=1e-12)
    # batches of any shape: a (H, W, dim) grid and a single point
    grid = points[:48].reshape(6, 8, dim)
    np.testing.assert_allclose(surface.value(grid), reference(*(list(np.moveaxis(grid, -1, 0)) + [None])[:2]),
                               rtol=1e-12, atol=1e-12)
    assert surface.value(points[0]).shape == () and surface.grad(points[0]).shape == (dim,)


@pytest.mark.parametrize("text, dim, reference", VALID, ids=[t for t, _, _ in VALID])
def test_gradients_of_table_match_central_differences(text, dim, reference):
    surface = custom(text)
    rng = np.random.default_rng(3)
    points = rng.uniform(0.2, 3.0, size=(30, dim))
    assert _assert_gradient(surface, points) == len(points)  # finite everywhere here: every point compared


def _central_differences(surface, points, h=1e-6):
    out = np.empty_like(points)
    for i in range(surface.dim):
        step = np.zeros(surface.dim)
        step[i] = h
        out[..., i] = (surface.value(points + step) - surface.value(points - step)) / (2 * h)
    return out


def _assert_gradient(surface, points) -> int:
    """Exact gradient against central differences at the points where all three are finite; how many."""
    values = surface.value(points)
    grads = surface.grad(points)
    numeric = _central_differences(surface, points)
    ok = np.isfinite(values) & np.all(np.isfinite(grads), axis=-1) & np.all(np.isfinite(numeric), axis=-1)
    for p, f, g, n in zip(points[ok], values[ok], grads[ok], numeric[ok]):
        tol = 1e-5 * (1 + np.abs(g)) + 1e-8 * (1 + abs(f))
        assert np.all(np.abs(g - n) <= tol), f"{surface.expression} at {p}: exact {g}, numeric {n}"
    return int(ok.sum())


# -- the Surface itself ---------------------------------------------------------------------

def test_surface_fields():
    s = custom("x**2/20 + y**2")
    assert isinstance(s, surfaces.Surface) and isinstance(s, CustomSurface)
    assert s.name == "custom" and s.dim == 2
    assert s.window == ((-5.0, 5.0), (-5.0, 5.0))
    assert s.start == (-3.0, 2.0)
    assert s.critical_points == () and s.global_minimum is None
    assert s.log_levels is False and s.bounded_below is False
    assert s.title == {"en": "Your function f(x, y) = x^2/20 + y^2", "ko": "직접 입력한 함수 f(x, y) = x^2/20 + y^2"}
    assert set(s.description) == {"en", "ko"}
    assert s.expression == "x^2/20 + y^2"
    one = custom("x^3 - 2*x^2 + 2")
    assert one.dim == 1 and one.start == (2.0,) and one.window == ((-5.0, 5.0),)


def test_starts_are_finite_points_when_there_are_any():
    s = custom("log(x) + sqrt(y)")  # finite only for x > 0, y >= 0
    assert s.starts and all(p[0] > 0 and p[1] >= 0 for p in s.starts)
    assert np.all(np.isfinite(s.value(s.starts)))
    one = custom("sqrt(-x)")
    assert one.start[0] <= 0
    never = custom("x/0")  # legal, finite nowhere: still one start inside the window
    assert len(never.starts) == 1


def test_window_argument():
    s = custom("x + y", window=(-2, 8))
    assert s.window == ((-2.0, 8.0), (-2.0, 8.0))
    assert all(-2 <= c <= 8 for p in s.starts for c in p)
    s = custom("x + y", window=((-1, 1), (0, 10)))
    assert s.window == ((-1.0, 1.0), (0.0, 10.0))
    assert custom("x", window=((-1, 1), (0, 10))).window == ((-1.0, 1.0),)  # extra axis ignored
    for bad in [(1, -1), (0, math.inf), ((0, 1),), "ab", (1, 2, 3)]:
        with pytest.raises(ValueError):
            custom("x + y", window=bad)


def test_runs_with_an_optimizer():
    import optimizers

    s = custom("x**2/20 + y**2")
    traj = optimizers.run(optimizers.get("sgd", lr=0.1), s, s.start, 50)
    assert np.all(np.isfinite(traj.points))
    assert abs(traj.points[-1, 0, 1]) < abs(s.start[1])  # y shrank towards 0


def test_cached_and_immutable():
    assert custom("sin(x)") is custom("sin(x)")
    s = custom("sin(x)")
    with pytest.raises(Exception):
        s.latex = "boom"


def test_error_is_a_value_error_with_a_column():
    with pytest.raises(ValueError) as info:
        custom("x + z")
    assert isinstance(info.value, ExpressionError)
    assert info.value.column == 5 and info.value.kind == "name"
    with pytest.raises(TypeError):
        custom(None)


MESSAGES = [
    ("x + z", "unknown name 'z' (use x, y, pi, e) at column 5"),
    ("x" * 212, "expression too long (212 > 200 characters)"),
    ("x.real", "unsupported syntax 'Attribute' (a dot can only be a decimal point, as in 0.5) at column 2"),
    ("sin(x, y)", "function 'sin' takes exactly one argument (2 given) at column 1"),
    ("2 + sin()", "function 'sin' takes exactly one argument (0 given) at column 5"),
    ("1234567", "number too large (limit 1e+06) at column 1"),
    ("x + 1e309", "number too large (limit 1e+06) at column 5"),
    ("x^200", "exponent too large (200 > 100) at column 3"),
    ("x^(2*60)", "exponent too large (120 > 100) at column 4"),
    ("x**(9**9)", "exponent too large (387420489 > 100) at column 5"),
    ("-" * 30 + "x", "nested too deeply (more than 20 levels) at column 21"),
    ("", "empty expression"),
    ("xx＿", "full-width character '＿' (U+FF3F) is not allowed (type '_', a half-width character) at column 3"),
    ("x +\x00", "character U+0000 is not allowed at column 4"),
    ("x = 1", "character '=' is not allowed (type only the right-hand side: the box already says f =) at column 3"),
    ("x + (y", "'(' is never closed at column 5"),
    ("x^^2", "two operators in a row ('^' then '^') at column 3"),  # column in the typed text, not in x****2
    ("y^2 ^^ 3", "two operators in a row ('^' then '^') at column 6"),
    ("2x", "a number cannot be followed directly by 'x' (write 2*x, not 2x) at column 2"),
    ("1/0 + x", "the constant part '1/0' is not a finite number (inf) at column 1"),
    ("x + log(0)", "the constant part 'log(0)' is not a finite number (-inf) at column 5"),
    ("foo(x)", "unknown function 'foo'"),
    ("sin + 1", "function 'sin' needs an argument"),
    ("x // 2", "unsupported operator '//' at column 3"),
    ("+".join(["x"] * 60), "expression too large (more than 100"),
]


@pytest.mark.parametrize("text, message", MESSAGES, ids=[m[:30] for _, m in MESSAGES])
def test_messages_say_what_and_where(text, message):
    with pytest.raises(ExpressionError) as info:
        custom(text)
    assert str(info.value).startswith(message)


# What a student types wrong, and what the error says: its kind (the family), its reason (the problem, which
# the UI words in both languages) and the column where the problem is (None: no single place).
BAD_INPUTS = [
    ("x**", "syntax", "ends_after_operator", 4),     # the end, right after the operator (Python says column 1)
    ("x**   ", "syntax", "ends_after_operator", 4),  # trailing blanks do not move it
    ("2*", "syntax", "ends_after_operator", 3),
    ("(x+1", "syntax", "unclosed", 1),                # the '(' that is never closed
    ("x + (y", "syntax", "unclosed", 5),
    ("x+1)", "syntax", "unmatched", 4),
    ("sin(", "syntax", "unclosed", 4),
    ("(x+)", "syntax", "nothing_after", 4),
    ("x y", "syntax", "missing_operator", 3),
    ("2 x", "syntax", "missing_operator", 3),
    ("2(x+1)", "unsupported", "missing_operator", 2),  # Python reads a call; a student means 2*(x+1)
    ("(x+1)(x-1)", "unsupported", "missing_operator", 6),
    ("1e", "syntax", "number_e", 2),
    ("2x", "syntax", "number_letter", 2),
    ("x^^2", "syntax", "two_operators", 3),
    ("x***2", "syntax", "two_operators", 4),
    ("**x", "syntax", "nothing_before", 1),
    ("", "empty", "empty", None),
    ("   ", "empty", "empty", None),
    ("x = 2", "character", "equals", 3),
    ("import os", "name", "unknown_name", 1),
    ("__class__", "name", "unknown_name", 1),
    ("True", "name", "unknown_name", 1),
    ("sin x", "function", "function_bare", 1),
    ("sin()", "function", "arity", 1),
    ("x(2)", "function", "not_function", 1),
    ("x, y", "unsupported", "comma", 2),
    ("x.real", "unsupported", "dot", 2),
    ("0123", "number", "leading_zero", 1),
    ("ｘ + 1", "character", "fullwidth", 1),          # a Korean keyboard in full-width mode
    ("x\u3000+ 1", "character", "wide_space", 2),
    ("x²", "character", "type_instead", 2),           # refused, with what to type: ^2
    ("π*x", "character", "type_instead", 1),
    ("x × y", "character", "type_instead", 3),
    ("x\u200b", "character", "character", 2),         # invisible: only its code is shown
]


@pytest.mark.parametrize("text, kind, reason, column", BAD_INPUTS, ids=[repr(t) for t, *_ in BAD_INPUTS])
def test_bad_input_names_its_problem_and_column(text, kind, reason, column):
    with pytest.raises(ExpressionError) as info:
        custom(text)
    error = info.value
    assert (error.kind, error.reason, error.column) == (kind, reason, column), str(error)
    if column is not None:
        assert str(error).endswith(f" at column {column}")
        assert 1 <= column <= len(text) + 1


def test_what_to_type_instead_is_in_the_error():
    assert custom_error("x²").params == {"char": "²", "instead": "^2"}
    assert custom_error("ｘ + 1").params == {"char": "ｘ", "ascii": "x"}
    assert custom_error("x y").params == {"left": "x", "right": "y", "example": "x*y"}
    assert custom_error("2(x+1)").params["example"] == "2*(...)"
    assert custom_error("x**").params == {"op": "**"}
    assert custom_error("x^^2").params == {"first": "^", "op": "^"}
    assert "type '^2' instead" in str(custom_error("x²"))


def custom_error(text):
    with pytest.raises(ExpressionError) as info:
        custom(text)
    return info.value


def test_the_minus_sign_is_read_as_minus():
    """U+2212, as KaTeX and the app's texts show it: a copied formula works, columns stay those typed."""
    typed = custom("x \u2212 1 + y^2")
    plain = custom("x - 1 + y^2")
    assert typed.expression == plain.expression == "x - 1 + y^2"
    np.testing.assert_array_equal(typed.value([[2.0, 3.0]]), plain.value([[2.0, 3.0]]))
    assert custom_error("x \u2212").column == 4 and custom_error("x \u2212").params == {"op": "-"}


@given(st.text(alphabet="xy12().+-*/^ ,e", max_size=12))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_every_refusal_points_inside_the_text(text):
    try:
        custom(text)
    except ExpressionError as error:
        assert error.reason and str(error)
        assert error.column is None or 1 <= error.column <= len(text) + 1, (text, str(error))


def test_limits_are_the_documented_ones():
    assert (MAX_LENGTH, MAX_NODES, MAX_DEPTH, MAX_EXPONENT) == (200, 100, 20, 100)
    custom("x" + "+x" * 49)  # 99 nodes
    with pytest.raises(ExpressionError):
        custom("x" + "+x" * 50)  # 101 nodes
    custom("-" * 19 + "x")  # 20 levels
    custom("x^100 + x^-100 + 2^(-100)")
    custom("1000000*x + 0.000001")


# -- LaTeX ----------------------------------------------------------------------------------

LATEX = [
    ("x**2/20 + y**2", r"f(x, y) = \frac{x^2}{20} + y^2"),
    ("x^3 - 2*x^2 + 2", r"f(x) = x^3 - 2x^2 + 2"),
    ("sin(x)*cos(y)", r"f(x, y) = \sin\left(x\right)\cos\left(y\right)"),
    ("(1-x)^2 + 100*(y-x^2)^2", r"f(x, y) = \left(1 - x\right)^2 + 100\left(y - x^2\right)^2"),
    ("exp(-x^2)", r"f(x) = e^{-x^2}"),
    ("2^-1", r"f(x) = 2^{-1}"),
    ("(-x)^2 - -x^2", r"f(x) = \left(-x\right)^2 - \left(-x^2\right)"),
    ("abs(x)/sqrt(y)", r"f(x, y) = \frac{\left|x\right|}{\sqrt{y}}"),
    ("pi*x + e", r"f(x) = \pi x + e"),
    ("1e-5*x", r"f(x) = 1 \cdot 10^{-5}x"),
    ("2*3", r"f(x) = 2 \cdot 3"),
    ("x^(1/2) * exp(x)^2", r"f(x) = x^{\frac{1}{2}}\left(e^{x}\right)^2"),
    ("log(x) + log10(x) + sigmoid(y)", r"f(x, y) = \ln\left(x\right) + \log_{10}\left(x\right) + \sigma\left(y\right)"),
]


@pytest.mark.parametrize("text, latex", LATEX, ids=[t for t, _ in LATEX])
def test_latex(text, latex):
    assert custom(text).latex == latex


def test_gradient_latex():
    s = custom("x**2/20 + y**2")
    assert s.gradient_latex == (r"\frac{\partial f}{\partial x} = \frac{x}{10}",
                                r"\frac{\partial f}{\partial y} = 2y")
    assert custom("x^3 - 2*x^2 + 2").gradient_latex == ("f'(x) = 3x^2 - 4x",)
    assert custom("(1-x)^2 + 100*(y-x^2)^2").gradient_latex == (
        r"\frac{\partial f}{\partial x} = -2\left(1 - x\right) - 400x \left(y - x^2\right)",
        r"\frac{\partial f}{\partial y} = 200\left(y - x^2\right)",
    )
    assert custom("sin(x)*cos(y)").gradient_latex[1].endswith(r"= -\sin\left(x\right)\sin\left(y\right)")
    assert custom("abs(x)").gradient_latex == (r"f'(x) = \operatorname{sign}\left(x\right)",)
    assert custom("sqrt(x^2 + y^2)").gradient_latex[0].endswith(r"= \frac{x}{\sqrt{x^2 + y^2}}")


def test_abs_gradient_is_zero_at_the_kink():
    assert custom("abs(x)").grad([[0.0]]).tolist() == [[0.0]]
    assert custom("abs(x)").grad([[-2.0]]).tolist() == [[-1.0]]


# -- the source never runs user text -------------------------------------------------------

def test_custom_module_has_no_dynamic_execution():
    source = (pathlib.Path(surfaces.__file__).parent / "custom.py").read_text()
    tree = ast.parse(source)
    banned = {"eval", "exec", "compile", "__import__", "getattr", "setattr", "globals", "locals", "vars",
              "sympify", "parse_expr", "lambdify", "numexpr", "sympy", "evaluate_expr"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            assert node.id not in banned, f"{node.id} at line {node.lineno}"
        if isinstance(node, ast.Attribute):
            assert node.attr not in banned - {"compile"}, f".{node.attr} at line {node.lineno}"
            if node.attr == "compile":
                assert isinstance(node.value, ast.Name) and node.value.id == "re"  # re.compile of our own pattern
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
            assert not any(m.split(".")[0] in {"sympy", "numexpr", "asteval", "simpleeval"} for m in modules)


# -- properties ------------------------------------------------------------------------------

def _parse_or_reject(text):
    """custom(text) must return a Surface or raise ExpressionError, fast and without warnings."""
    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            surface = custom(text)
        except ExpressionError:
            surface = None
    assert not caught, [str(w.message) for w in caught]
    assert time.perf_counter() - start < BUDGET
    if surface is not None:
        assert isinstance(surface, surfaces.Surface)
        _exercise(surface)
        # the normalised text reads back as the same formula (when it still fits the length cap)
        if len(surface.expression) <= MAX_LENGTH:
            assert parse(surface.expression) == surface.tree
    return surface


@settings(max_examples=300, deadline=500)
@given(st.text(max_size=250))
def test_any_text_is_a_surface_or_an_expression_error(text):
    _parse_or_reject(text)


TOKENS = ["x", "y", "pi", "e", "1", "2", "0", "9", "10", "1e5", "1e400", ".5", "1.", "_", "__class__",
          "sin", "cos", "exp", "log", "sqrt", "abs", "tanh", "sigmoid", "foo", "lambda", "if", "else",
          "for", "in", "not", "and", "or", "is", "yield", "await",
          "(", ")", ",", ".", "+", "-", "*", "/", "**", "^", " ", "\t", "//", "j"]


@settings(max_examples=600, deadline=500)
@given(st.lists(st.sampled_from(TOKENS), max_size=40).map("".join))
def test_token_soup_is_a_surface_or_an_expression_error(text):
    _parse_or_reject(text)


_OPERANDS = st.one_of(
    st.sampled_from(["x", "y", "pi", "e", "2", "0", "9", "1e5", "0.5", "-x", "(x)", "z", "x.real"]),
    st.builds("{}({})".format, st.sampled_from(["sin", "exp", "log", "sqrt", "abs", "sigmoid", "foo", "sign"]),
              st.sampled_from(["x", "y", "0", "-1", "x*y", "", "x, y", "9^9"])),
)
_OPERATORS = st.sampled_from(["+", "-", "*", "/", "^", "**", " - -", "^-", "//", " if ", ", ", "^9^"])


@settings(max_examples=600, deadline=500)
@given(_OPERANDS, st.lists(st.tuples(_OPERATORS, _OPERANDS), max_size=12), st.booleans())
def test_formula_like_text_is_a_surface_or_an_expression_error(first, rest, wrap):
    text = first + "".join(op + operand for op, operand in rest)
    _parse_or_reject(f"({text})^2" if wrap else text)


_LEAVES = st.sampled_from(["x", "y", "0.5", "2", "3", "pi", "e", "1.5"])
_UNARY = ["sin({})", "cos({})", "tanh({})", "arctan({})", "sqrt(1 + ({})^2)", "log(1 + ({})^2)",
          "({})^2", "({})^3", "sigmoid({})", "exp(({})/4)", "-({})", "sinh(({})/3)", "cosh(({})/3)",
          "(1 + ({})^2)^0.5", "e^(({})/5)", "2^(({})/5)", "abs(({}))^3"]
_BINARY = ["({}) + ({})", "({}) - ({})", "({}) * ({})", "({}) / (1 + ({})^2)"]


def _smooth():
    return st.recursive(
        _LEAVES,
        lambda inner: st.one_of(
            st.tuples(st.sampled_from(_UNARY), inner).map(lambda t: t[0].format(t[1])),
            st.tuples(st.sampled_from(_BINARY), inner, inner).map(lambda t: t[0].format(t[1], t[2])),
        ),
        max_leaves=6,
    )


def _build_or_skip(text):
    try:
        return custom(text)
    except ExpressionError as err:
        # only the caps may refuse a generated formula: its depth, size or length, a constant part that overflows
        # (exp(((abs(3)^3)^3)/4) = inf, found by hypothesis) and a constant exponent over MAX_EXPONENT
        # (e^((abs((abs((2))^3))^3)/5) = e^102.4, found by hypothesis in a fresh clone's numerical recheck)
        assume(err.kind not in ("depth", "size", "length", "constant", "exponent"))
        raise


@settings(max_examples=200, deadline=500, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(_smooth(), st.lists(st.tuples(st.floats(-2, 2), st.floats(-2, 2)), min_size=1, max_size=5))
def test_exact_gradient_matches_central_differences(text, coords):
    surface = _build_or_skip(text)
    points = np.array(coords)[:, : surface.dim]
    values = surface.value(points)
    keep = np.isfinite(values) & (np.abs(values) < 1e3)  # well-conditioned points only
    assume(keep.any())
    _assert_gradient(surface, points[keep])


@settings(max_examples=200, deadline=500, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.one_of(_smooth(), st.sampled_from([t for t, _, _ in VALID] + [t for t, k in ATTACKS if k == "ok"])),
       st.lists(st.tuples(st.sampled_from(ODD_POINTS) | st.floats(), st.sampled_from(ODD_POINTS) | st.floats()),
                min_size=1, max_size=6))
def test_value_and_grad_never_raise_on_odd_points(text, coords):
    surface = _build_or_skip(text)
    points = np.array(coords, dtype=float)[:, : surface.dim]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # not even a RuntimeWarning escapes
        values, grads = surface.value(points), surface.grad(points)
    assert values.shape == (len(points),) and grads.shape == points.shape
    assert values.dtype == np.float64 and grads.dtype == np.float64


@settings(max_examples=200, deadline=500, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(_smooth())
def test_latex_is_well_formed(text):
    surface = _build_or_skip(text)
    allowed = set("abcdefghijklmnopqrstuvwxyz0123456789{}()|\\^_+-., '=")
    for latex in (surface.latex, *surface.gradient_latex):
        assert set(latex) <= allowed, latex
        depth = 0
        for ch in latex:
            depth += {"{": 1, "}": -1}.get(ch, 0)
            assert depth >= 0
        assert depth == 0
        assert latex.count(r"\left") == latex.count(r"\right")
        assert not re.search(r"\^(\{[^{}]*\}|[^{\\])\^", latex), latex  # no double superscript
    assert parse(to_text(surface.tree)) == surface.tree
