r"""Functions typed by the user, turned into Surfaces without ever running their text.

>>> import surfaces
>>> s = surfaces.custom("x^2/20 + y^2")
>>> s.value([[-3.0, 2.0]])
array([4.45])
>>> s.gradient_latex
('\\frac{\\partial f}{\\partial x} = \\frac{x}{10}', '\\frac{\\partial f}{\\partial y} = 2y')
>>> s.hess([[-3.0, 2.0]])
array([[[0.1, 0. ],
        [0. , 2. ]]])

How it stays safe
-----------------
1. The text is checked before any parser sees it: at most ``MAX_LENGTH``
   characters, only ASCII letters, digits, space, tab and ``. + - * / ^ ( ) , _``
   and the minus sign U+2212 (read as ``-``: KaTeX and the app's own texts show
   it, so a copied formula works), and no number glued to a name (``2x``; Python's
   tokenizer would warn about it). Look-alikes (``×``, ``²``, ``π``, full-width
   letters) are refused with what to type instead.
2. ``^`` becomes ``**`` and ``ast.parse(..., mode="eval")`` builds a syntax tree;
   its SyntaxError, RecursionError, MemoryError and ValueError become
   ``ExpressionError``. ``ast.parse`` only parses: nothing is compiled or run.
   After a SyntaxError the typed text is read again, token by token, to name the
   first problem where it is (``x**``: the expression ends after an operator, at
   column 4), since Python's own message often points at column 1.
3. An allow-list turns that tree into our own small immutable node classes
   (``Num``, ``Var``, ``Const``, ``Neg``, ``BinOp``, ``Call``) and ``ast`` is never
   touched again. Anything not on the list (attributes, subscripts, lambdas,
   comprehensions, comparisons, keywords, ...) is rejected with its column.
4. Every literal becomes a float64 at once (a Python ``int ** int`` can stall the
   process; float64 arithmetic cannot), and the caps below bound the work.
5. Values, gradients and Hessians come from walking our own tree with numpy
   ufuncs. They are exact: symbolic first and second derivatives of the tree,
   lightly simplified.
   Nothing here calls eval, exec, compile, sympy, numexpr or lambdify.

Limits (``ExpressionError`` beyond them)
----------------------------------------
- ``MAX_LENGTH = 200`` characters, ``MAX_NODES = 100`` tree nodes (numbers, names,
  operators and function calls each count one).
- ``MAX_DEPTH = 20`` levels of nesting: parentheses, function calls, unary signs
  and powers nest; a flat chain such as ``a + b - c + d`` or ``a*b/c`` is one level.
- Literals are finite and at most ``MAX_NUMBER = 1e6`` in magnitude (complex
  literals, hex/octal/binary literals are rejected; ``1e-300`` is fine).
- A constant exponent (one without x or y, e.g. ``2``, ``-1/2``, ``pi``) is at most
  ``MAX_EXPONENT = 100`` in magnitude. Exponents that contain x or y are allowed
  and are evaluated in float64, so ``2^(x^9)`` gives inf, never a stall.
- Every part without x or y (``1/0``, ``log(0)``, ``exp(1000)``, ``sqrt(-1)``) must
  evaluate to a finite number.

Non-finite values at points (``log(x)`` at x < 0, ``1/x`` at 0, overflow) come
back as inf/NaN like every other Surface; ``value``, ``grad`` and ``hess`` never raise.
"""

from __future__ import annotations

import ast
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Union

import numpy as np

from .base import FLOAT, Surface

__all__ = ["ExpressionError", "CustomSurface", "custom", "FUNCTIONS",
           "MAX_LENGTH", "MAX_NODES", "MAX_DEPTH", "MAX_NUMBER", "MAX_EXPONENT"]

MAX_LENGTH = 200
MAX_NODES = 100
MAX_DEPTH = 20
MAX_NUMBER = 1e6
MAX_EXPONENT = 100.0

VARIABLES = ("x", "y")
CONSTANTS = {"pi": math.pi, "e": math.e}
_ALLOWED_PUNCTUATION = frozenset(" \t.+-*/^(),_")


class ExpressionError(ValueError):
    """A custom function that cannot be accepted; the message says what and where.

    ``column`` is the 1-based column in the text as typed (None when the problem
    has no single place), ``kind`` a short code for the family of the problem:
    ``"length" "empty" "character" "syntax" "name" "function" "number"
    "exponent" "size" "depth" "constant" "unsupported"``.
    ``reason`` names the problem precisely (``"ends_after_operator"``,
    ``"unclosed"``, ``"fullwidth"``, ...; ``kind`` when there is nothing more
    precise to say) and ``params`` holds what a UI needs to say it in its own
    words: pieces of the typed text (``op``, ``name``, ``char``, ...) and numbers.
    The English message (``str(error)``) says the same.
    """

    def __init__(self, message: str, column: int | None = None, kind: str = "syntax", *,
                 reason: str | None = None, **params):
        text = message if column is None else f"{message} at column {column}"
        super().__init__(text)
        self.column = column
        self.kind = kind
        self.reason = reason or kind
        self.params = params


# -- the tree -------------------------------------------------------------------
# Plain frozen dataclasses; ``col`` (1-based column in the typed text, 0 for nodes
# made by the differentiator) is ignored by ==, so equal formulas compare equal.

@dataclass(frozen=True, slots=True)
class Num:
    value: float
    col: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Var:
    name: str
    col: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Const:
    name: str  # "pi" or "e"
    col: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Neg:
    operand: "Node"
    col: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class BinOp:
    op: str  # one of + - * / ^
    left: "Node"
    right: "Node"
    col: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Call:
    fn: str
    arg: "Node"
    col: int = field(default=0, compare=False)


Node = Union[Num, Var, Const, Neg, BinOp, Call]


# -- functions: numpy implementation, LaTeX, derivative -------------------------

def _sigmoid(u):
    # Both branches are computed; np.where keeps the one that cannot overflow.
    ez = np.exp(-np.abs(u))
    return np.where(u >= 0, 1.0 / (1.0 + ez), ez / (1.0 + ez))


def _wrap(command: str) -> Callable[[str], str]:
    return lambda arg: command + r"\left(" + arg + r"\right)"


@dataclass(frozen=True)
class _Function:
    numpy: Callable[[np.ndarray], np.ndarray]
    latex: Callable[[str], str]
    derivative: Callable[[Node], Node]  # f'(u) as a tree in u


# Filled below, once the tree builders exist. Allowed names for users: FUNCTIONS.
_FUNCTIONS: dict[str, _Function] = {}
FUNCTIONS = ("sin", "cos", "tan", "exp", "log", "ln", "log10", "sqrt", "abs",
             "tanh", "sinh", "cosh", "arctan", "arcsin", "arccos", "sigmoid")
_ALIASES = {"ln": "log"}  # typed -> stored; log is the natural logarithm


# -- tree builders with light simplification ------------------------------------
# Used for derivatives (and to tidy f before differentiating). Folding happens in
# float64 and only when the result is finite; otherwise the node is kept as is.

ZERO, ONE, TWO = Num(0.0), Num(1.0), Num(2.0)


def _is_num(node, value=None) -> bool:
    return type(node) is Num and (value is None or node.value == value)


def _negative_num(node) -> bool:
    return type(node) is Num and node.value < 0


def _fold(ufunc, a: float, b: float | None = None) -> Num | None:
    with np.errstate(all="ignore"):
        r = float(ufunc(np.float64(a)) if b is None else ufunc(np.float64(a), np.float64(b)))
    return Num(r + 0.0) if math.isfinite(r) else None  # + 0.0 turns -0.0 into 0.0


def _neg(a: Node) -> Node:
    if type(a) is Num:
        return Num(-a.value + 0.0)
    if type(a) is Neg:
        return a.operand
    return Neg(a)


def _short_number(value: float) -> bool:
    """Whole, or short enough to print as it is: 0.2 and 1.5 are, 0.30000000000000004 is not."""
    return _whole(value) or len(repr(value)) <= 8


def _shift(a: Node, c: float) -> Node | None:
    """``a + c`` merged into the number that ends the sum ``a``: (u − 1) − 1 -> u − 2; None if it cannot."""
    if type(a) is BinOp and a.op in "+-" and _is_num(a.right):
        total = (a.right.value if a.op == "+" else -a.right.value) + c
        if _short_number(total):
            return _add(a.left, Num(total + 0.0))
    return None


def _add(a: Node, b: Node) -> Node:
    if _is_num(a, 0.0):
        return b
    if _is_num(b, 0.0):
        return a
    if _is_num(a) and _is_num(b) and (folded := _fold(np.add, a.value, b.value)):
        return folded
    if _is_num(b) and (shifted := _shift(a, b.value)) is not None:
        return shifted
    if type(b) is Neg:
        return _sub(a, b.operand)
    if _negative_num(b):
        return _sub(a, Num(-b.value))
    if type(a) is Neg:
        return _sub(b, a.operand)
    return BinOp("+", a, b)


def _sub(a: Node, b: Node) -> Node:
    if _is_num(b, 0.0):
        return a
    if _is_num(a, 0.0):
        return _neg(b)
    if _is_num(a) and _is_num(b) and (folded := _fold(np.subtract, a.value, b.value)):
        return folded
    if _is_num(b) and (shifted := _shift(a, -b.value)) is not None:
        return shifted
    if type(b) is Neg:
        return _add(a, b.operand)
    if _negative_num(b):
        return _add(a, Num(-b.value))
    return BinOp("-", a, b)


def _coefficient(node) -> bool:
    """A product that starts with a number: ``c*u``."""
    return type(node) is BinOp and node.op == "*" and type(node.left) is Num


def _whole_power(node: Node) -> tuple[Node, float] | None:
    """``(u, n)`` for ``u^n`` with a whole n > 0, ``(u, 1)`` for any other factor but a number or a power."""
    if type(node) is BinOp and node.op == "^":
        if _is_num(node.right) and _whole(node.right.value) and node.right.value > 0:
            return node.left, node.right.value
        return None
    return None if type(node) is Num else (node, 1.0)


def _merge_powers(a: Node, b: Node) -> Node | None:
    """``a·b`` as one power of a common base: x·x -> x^2, x^2·x -> x^3; None if they have none.

    Only whole positive exponents merge, for which u^m u^n = u^(m+n) at every u
    (x^0.5 · x^0.5 is NaN for x < 0, x is not).
    """
    pa, pb = _whole_power(a), _whole_power(b)
    if pa is None or pb is None or pa[0] != pb[0]:
        return None
    return _pow(pa[0], Num(pa[1] + pb[1]))


def _mul(a: Node, b: Node) -> Node:
    if _is_num(a, 0.0) or _is_num(b, 0.0):
        return ZERO
    if _is_num(a, 1.0):
        return b
    if _is_num(b, 1.0):
        return a
    if _is_num(a) and _is_num(b) and (folded := _fold(np.multiply, a.value, b.value)):
        return folded
    if type(a) is Neg or _negative_num(a):
        return _neg(_mul(_neg(a), b))
    if type(b) is Neg or _negative_num(b):
        return _neg(_mul(a, _neg(b)))
    if _is_num(b) and not _is_num(a):
        return _mul(b, a)  # numbers first: 2x, not x*2
    if _is_num(a) and _coefficient(b) and (folded := _fold(np.multiply, a.value, b.left.value)):
        return _mul(folded, b.right)
    if not _is_num(a):
        if _coefficient(a):
            return _mul(a.left, _mul(a.right, b))
        if _coefficient(b):
            return _mul(b.left, _mul(a, b.right))
    if (merged := _merge_powers(a, b)) is not None:
        return merged
    if type(b) is BinOp and b.op == "*" and (merged := _merge_powers(a, b.left)) is not None:
        return _mul(merged, b.right)  # y (y e^(xy)) -> y^2 e^(xy)
    if type(b) is BinOp and b.op == "/" and _is_num(b.left, 1.0):
        return _div(a, b.right)
    if _is_num(a) and type(b) is BinOp and b.op == "/":
        return _div(_mul(a, b.left), b.right)  # 2 (x/w) -> 2x/w
    if type(a) is BinOp and a.op == "/" and _is_num(a.left, 1.0):
        return _div(b, a.right)
    if type(a) not in (Num, Var, Const) and type(b) in (Var, Const):
        return _mul(b, a)  # plain letters first: x(y - x^2), not (y - x^2)x
    return BinOp("*", a, b)


def _whole(value: float) -> bool:
    return math.isfinite(value) and value == round(value) and abs(value) < 1e15


def _div(a: Node, b: Node) -> Node:
    if _is_num(a, 0.0):
        return ZERO
    if _is_num(b, 1.0):
        return a
    if _is_num(a) and _is_num(b) and b.value != 0:
        quotient = a.value / b.value
        if _short_number(quotient):  # 6/3, 1/5 fold; 2/3 stays a fraction
            return Num(quotient + 0.0)
    if type(a) is Neg or _negative_num(a):
        return _neg(_div(_neg(a), b))
    if type(b) is Neg or _negative_num(b):
        return _neg(_div(a, _neg(b)))
    if _coefficient(a) and _is_num(b) and b.value != 0:
        c, d = a.left.value, b.value
        if _whole(c / d):
            return _mul(Num(c / d), a.right)  # 4x/2 -> 2x
        if _whole(d / c):
            return _div(a.right, Num(d / c))  # 2x/20 -> x/10
    if _coefficient(a) and _coefficient(b):
        c, d = a.left.value, b.left.value
        if _whole(c / d):
            return _mul(Num(c / d), _div(a.right, b.right))  # 2x/(2w) -> x/w
        if _whole(d / c):
            return _div(a.right, _mul(Num(d / c), b.right))
    return BinOp("/", a, b)


def _pow(a: Node, b: Node) -> Node:
    if _is_num(b, 0.0):
        return ONE
    if _is_num(b, 1.0):
        return a
    if _is_num(a) and _is_num(b) and (folded := _fold(np.power, a.value, b.value)):
        return folded
    if (type(a) is BinOp and a.op == "^" and _is_num(a.right) and _is_num(b)
            and _whole(a.right.value) and _whole(b.value)):
        return _pow(a.left, Num(a.right.value * b.value))  # (u^2)^2 -> u^4; whole exponents only, as above
    return BinOp("^", a, b)


def _call(fn: str) -> Callable[[Node], Node]:
    return lambda u: Call(fn, u)


def _reciprocal(node: Node) -> Node:
    return _div(ONE, node)


_FUNCTIONS.update({
    "sin": _Function(np.sin, _wrap(r"\sin"), lambda u: Call("cos", u)),
    "cos": _Function(np.cos, _wrap(r"\cos"), lambda u: _neg(Call("sin", u))),
    "tan": _Function(np.tan, _wrap(r"\tan"), lambda u: _reciprocal(_pow(Call("cos", u), TWO))),
    "exp": _Function(np.exp, lambda a: "e^{" + a + "}", _call("exp")),
    "log": _Function(np.log, _wrap(r"\ln"), _reciprocal),
    "log10": _Function(np.log10, _wrap(r"\log_{10}"),
                       lambda u: _reciprocal(_mul(Call("log", Num(10.0)), u))),
    "sqrt": _Function(np.sqrt, lambda a: r"\sqrt{" + a + "}",
                      lambda u: _reciprocal(_mul(TWO, Call("sqrt", u)))),
    "abs": _Function(np.abs, lambda a: r"\left|" + a + r"\right|", _call("sign")),
    "tanh": _Function(np.tanh, _wrap(r"\tanh"), lambda u: _reciprocal(_pow(Call("cosh", u), TWO))),
    "sinh": _Function(np.sinh, _wrap(r"\sinh"), _call("cosh")),
    "cosh": _Function(np.cosh, _wrap(r"\cosh"), _call("sinh")),
    "arctan": _Function(np.arctan, _wrap(r"\arctan"), lambda u: _reciprocal(_add(ONE, _pow(u, TWO)))),
    "arcsin": _Function(np.arcsin, _wrap(r"\arcsin"),
                        lambda u: _reciprocal(Call("sqrt", _sub(ONE, _pow(u, TWO))))),
    "arccos": _Function(np.arccos, _wrap(r"\arccos"),
                        lambda u: _neg(_reciprocal(Call("sqrt", _sub(ONE, _pow(u, TWO)))))),
    "sigmoid": _Function(_sigmoid, _wrap(r"\sigma"),
                         lambda u: _mul(Call("sigmoid", u), _sub(ONE, Call("sigmoid", u)))),
    # Only made by the differentiator (d|u| = sign(u) du, 0 at 0); users cannot type it.
    "sign": _Function(np.sign, _wrap(r"\operatorname{sign}"), lambda u: ZERO),
})
assert set(FUNCTIONS) - set(_ALIASES) <= set(_FUNCTIONS)


# -- checking the text ------------------------------------------------------------

_NUMBER_THEN_LETTER = re.compile(
    r"[A-Za-z_][A-Za-z0-9_]*"                                   # a name: skipped
    r"|\.\.\."                                                  # Python's '...': skipped, as its tokenizer does
    r"|(?P<num>(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)(?:[eE][+-]?[0-9][0-9_]*)?)"
)


MINUS_SIGN = "\u2212"  # the typographic minus that KaTeX and the app's own texts show: read as '-'

# Characters that look like part of a formula but are not in it, and what to type instead.
_TYPE_INSTEAD = {
    "\u00d7": "*", "\u00b7": "*", "\u22c5": "*", "\u2219": "*", "\u2217": "*",  # × · ⋅ ∙ ∗
    "\u00f7": "/", "\u2215": "/",                                                # ÷ ∕
    "\u2010": "-", "\u2013": "-", "\u2014": "-", "\ufe63": "-",                 # ‐ – — ﹣
    "\u03c0": "pi", "\u221a": "sqrt(",                                            # π √
    "[": "(", "]": ")", "{": "(", "}": ")",
    **{sup: f"^{digit}" for digit, sup in enumerate("\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")},
}
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _allowed(ch: str) -> bool:
    return (ch.isascii() and (ch.isalnum() or ch in _ALLOWED_PUNCTUATION)) or ch == MINUS_SIGN


def _character_error(ch: str, column: int) -> ExpressionError:
    code = f"U+{ord(ch):04X}"
    if ch.isascii() and ch.isprintable():
        shown = f"'{ch}'"
    elif ch.isprintable():
        shown = f"'{ch}' ({code})"
    else:  # control, format (RTL override, zero-width) or surrogate: show only the code
        shown = code
    if ch == "=":
        return ExpressionError("character '=' is not allowed (type only the right-hand side: "
                               "the box already says f =)", column, kind="character", reason="equals")
    if "\uff01" <= ch <= "\uff5e":  # full-width forms of ASCII, as an East Asian keyboard types them
        ascii_ch = chr(ord(ch) - 0xFEE0)
        if _allowed(ascii_ch):
            return ExpressionError(f"full-width character {shown} is not allowed (type '{ascii_ch}', "
                                   "a half-width character)", column, kind="character", reason="fullwidth",
                                   char=ch, ascii=ascii_ch)
    if ch == "\u3000":
        return ExpressionError(f"full-width space ({code}) is not allowed (type a normal space)", column,
                               kind="character", reason="wide_space")
    if ch in _TYPE_INSTEAD:
        instead = _TYPE_INSTEAD[ch]
        return ExpressionError(f"character {shown} is not allowed (type '{instead}' instead)", column,
                               kind="character", reason="type_instead", char=ch, instead=instead)
    return ExpressionError(f"character {shown} is not allowed", column, kind="character",
                           **({"char": ch} if ch.isprintable() else {"code": code}))


def _check_text(text: str) -> None:
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"expression too long ({len(text)} > {MAX_LENGTH} characters)", kind="length",
                              length=len(text), limit=MAX_LENGTH)
    if not text.strip(" \t"):
        raise ExpressionError("empty expression", kind="empty")
    for i, ch in enumerate(text):
        if not _allowed(ch):
            raise _character_error(ch, i + 1)
    for m in _NUMBER_THEN_LETTER.finditer(text):
        end = m.end()
        if m.group("num") and end < len(text) and (text[end].isalpha() or text[end] == "_"):
            number, name = m.group("num"), _NAME.match(text, end).group()
            if text[end] in "jJ":
                raise ExpressionError("complex numbers are not supported", end + 1, kind="number",
                                      reason="complex")
            if name in ("e", "E"):  # 1e, 2e+: an unfinished power of ten, or a product with e
                raise ExpressionError(f"a number cannot be followed directly by '{name}' (write {number}e3 "
                                      f"for {number} times 1000, or {number}*e for {number} times e)",
                                      end + 1, kind="syntax", reason="number_e", number=number,
                                      ten=f"{number}e3", times=f"{number}*e")
            raise ExpressionError(
                f"a number cannot be followed directly by '{_short(name)}' (write {number}*{_short(name)}, "
                f"not {number}{_short(name)})", end + 1, kind="syntax", reason="number_letter",
                product=f"{number}*{_short(name)}", glued=f"{number}{_short(name)}")


class _Source:
    """The text handed to ast.parse and the way back to the columns the user typed."""

    def __init__(self, text: str):
        lead = len(text) - len(text.lstrip(" \t"))  # leading blanks are an 'indent' to Python
        parsed, origin = [], []
        for i in range(lead, len(text)):
            if text[i] == "^":
                parsed.append("**")
                origin += [i, i]
            elif text[i] == MINUS_SIGN:
                parsed.append("-")
                origin.append(i)
            else:
                parsed.append(text[i])
                origin.append(i)
        origin.append(len(text))
        self.text = "".join(parsed)
        self._origin = origin

    def column(self, index: int) -> int:
        """1-based column in the typed text of 0-based ``index`` into ``self.text``."""
        index = min(max(index, 0), len(self._origin) - 1)
        return self._origin[index] + 1


# -- syntax errors in the words of the formula -----------------------------------------
# Python's own SyntaxError often points at the start of the text ("x**": column 1,
# "invalid syntax"). When ast.parse refuses a text, ``_diagnose`` reads the typed text
# again, token by token (only the characters ``_check_text`` allows can be there), and
# names the first problem where it is. It only explains; it never accepts anything.

_TOKEN = re.compile(
    r"(?P<space>[ \t]+)"
    r"|(?P<num>(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)(?:[eE][+-]?[0-9][0-9_]*)?)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op>\*\*|[-+*/^" + MINUS_SIGN + r"])"
    r"|(?P<open>\()|(?P<close>\))|(?P<comma>,)|(?P<dot>\.)"
)
_LEADING_ZERO = re.compile(r"0[0_]*[1-9][0-9_]*")  # 0123: Python refuses it (it once meant octal)


def _shown_op(op: str) -> str:
    return "-" if op == MINUS_SIGN else op


def _diagnose(text: str) -> ExpressionError | None:
    """The first reason, left to right, why ``text`` is no formula; None if none is found here."""
    tokens = [(m.lastgroup, m.group(), m.start() + 1) for m in _TOKEN.finditer(text) if m.lastgroup != "space"]
    expect_operand = True
    prev: tuple[str, str, int] | None = None
    opened: list[tuple[int, str | None]] = []  # column of each '(' still open, and the function it calls
    for i, (kind, tok, col) in enumerate(tokens):
        following = tokens[i + 1][0] if i + 1 < len(tokens) else None
        if kind == "comma":
            return ExpressionError("a comma is not part of a formula (every function takes one argument)", col,
                                   kind="syntax", reason="comma")
        if kind == "dot":
            return ExpressionError("a dot can only be a decimal point, as in 0.5", col, kind="syntax", reason="dot")
        if expect_operand:
            if kind == "num":
                if _LEADING_ZERO.fullmatch(tok):
                    return ExpressionError(f"a whole number cannot start with 0 ('{_short(tok)}')", col,
                                           kind="number", reason="leading_zero", number=_short(tok))
                expect_operand = False
            elif kind == "name":
                if tok in FUNCTIONS:
                    if following != "open":
                        return ExpressionError(f"function '{tok}' needs an argument, e.g. {tok}(x),", col,
                                               kind="function", reason="function_bare", name=tok, call=f"{tok}(x)")
                elif tok in VARIABLES or tok in CONSTANTS:
                    if following == "open":
                        return ExpressionError(f"'{tok}' is not a function (write {tok}*(...) for a product)",
                                               col, kind="function", reason="not_function", name=tok,
                                               product=f"{tok}*(...)")
                    expect_operand = False
                else:
                    return ExpressionError(f"unknown name '{_short(tok)}' (use x, y, pi, e)", col, kind="name",
                                           reason="unknown_name", name=_short(tok))
            elif kind == "op":
                if tok not in ("+", "-", MINUS_SIGN):  # a sign may start an operand; *, /, ** and ^ may not
                    if prev is not None and prev[0] == "op":
                        return ExpressionError(f"two operators in a row ('{_shown_op(prev[1])}' then '{tok}')", col,
                                               kind="syntax", reason="two_operators",
                                               first=_shown_op(prev[1]), op=tok)
                    return ExpressionError(f"the operator '{tok}' has nothing before it", col, kind="syntax",
                                           reason="nothing_before", op=tok)
            elif kind == "open":
                calls = prev[1] if prev is not None and prev[0] == "name" else None
                opened.append((col, calls))
            elif kind == "close":
                if not opened:
                    return ExpressionError("')' has no matching '('", col, kind="syntax", reason="unmatched")
                if prev[0] == "open":
                    if opened[-1][1] is not None:
                        name = opened[-1][1]
                        return ExpressionError(f"function '{name}' needs an argument, e.g. {name}(x),", prev[2],
                                               kind="function", reason="function_bare", name=name,
                                               call=f"{name}(x)")
                    return ExpressionError("empty parentheses", prev[2], kind="syntax", reason="empty_parens")
                op = _shown_op(prev[1])
                return ExpressionError(f"the operator '{op}' has nothing after it", col, kind="syntax",
                                       reason="nothing_after", op=op)
        else:
            if kind == "op":
                expect_operand = True
            elif kind == "close":
                if not opened:
                    return ExpressionError("')' has no matching '('", col, kind="syntax", reason="unmatched")
                opened.pop()
            else:  # a number, a name or '(' right after an operand
                left = ")" if prev[0] == "close" else _short(prev[1])
                right = "(" if kind == "open" else _short(tok)
                example = ("(...)" if left == ")" else left) + "*" + ("(...)" if right == "(" else right)
                return ExpressionError(f"nothing joins '{left}' and '{right}' (write {example})", col,
                                       kind="syntax", reason="missing_operator", left=left, right=right,
                                       example=example)
        prev = (kind, tok, col)
    if prev is not None and prev[0] == "op":
        op = _shown_op(prev[1])
        return ExpressionError(f"the expression ends after the operator '{op}'", prev[2] + len(prev[1]),
                               kind="syntax", reason="ends_after_operator", op=op)
    if opened:
        return ExpressionError("'(' is never closed", opened[-1][0], kind="syntax", reason="unclosed")
    return None


# -- ast -> our tree (the allow-list) ---------------------------------------------

_BINARY = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "^"}
_OPERATOR_TEXT = {ast.FloorDiv: "//", ast.Mod: "%", ast.MatMult: "@", ast.LShift: "<<",
                  ast.RShift: ">>", ast.BitOr: "|", ast.BitXor: "^", ast.BitAnd: "&",
                  ast.Not: "not", ast.Invert: "~"}
_LEVEL = {"+": 1, "-": 1, "*": 2, "/": 2, "^": 4}


class _Converter:
    def __init__(self, source: _Source):
        self.source = source
        self.nodes = 0

    def col(self, node: ast.AST) -> int:
        return self.source.column(node.col_offset)

    def operator_col(self, node: ast.BinOp) -> int:
        """Column of a binary operator: the first operator character after the left operand."""
        return self.after(node.left)

    def after(self, node: ast.AST) -> int:
        """Column of the first character after ``node`` that is not a blank or a ')'."""
        text = self.source.text
        i = node.end_col_offset or 0
        while i < len(text) and text[i] in " \t)":
            i += 1
        return self.source.column(i)

    def count(self, node: ast.AST) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise ExpressionError(f"expression too large (more than {MAX_NODES} numbers, names and operators)",
                                  kind="size", limit=MAX_NODES)

    def convert(self, node: ast.AST, depth: int) -> Node:
        if depth > MAX_DEPTH:
            raise ExpressionError(f"nested too deeply (more than {MAX_DEPTH} levels)", self.col(node), kind="depth",
                                  limit=MAX_DEPTH)
        kind = type(node)
        if kind is ast.Constant:
            return self.number(node)
        if kind is ast.Name:
            return self.name(node)
        if kind is ast.UnaryOp:
            if type(node.op) is ast.UAdd:
                return self.convert(node.operand, depth + 1)
            if type(node.op) is ast.USub:
                self.count(node)
                return Neg(self.convert(node.operand, depth + 1), self.col(node))
            op = _OPERATOR_TEXT.get(type(node.op), "?")
            raise ExpressionError(f"unsupported operator '{op}'", self.col(node), kind="unsupported",
                                  reason="operator", op=op)
        if kind is ast.BinOp:
            op = _BINARY.get(type(node.op))
            if op is None:
                text = _OPERATOR_TEXT.get(type(node.op), "?")
                raise ExpressionError(f"unsupported operator '{text}'", self.operator_col(node), kind="unsupported",
                                      reason="operator", op=text)
            self.count(node)
            # A flat chain (a + b - c, a*b/c) stays at one level; everything else nests.
            left_chain = (op != "^" and type(node.left) is ast.BinOp
                          and _LEVEL.get(_BINARY.get(type(node.left.op)), 0) == _LEVEL[op])
            left = self.convert(node.left, depth if left_chain else depth + 1)
            right = self.convert(node.right, depth + 1)
            return BinOp(op, left, right, self.operator_col(node))
        if kind is ast.Call:
            return self.call(node, depth)
        column = self.col(node)
        if kind is ast.Attribute:  # point at the dot, not at what comes before it
            i = node.end_col_offset - len(node.attr) - 1
            while i > 0 and self.source.text[i] in " \t":
                i -= 1
            raise ExpressionError("unsupported syntax 'Attribute' (a dot can only be a decimal point, as in 0.5)",
                                  self.source.column(i), kind="unsupported", reason="dot")
        if kind is ast.Tuple:
            if not node.elts:
                raise ExpressionError("empty parentheses", column, kind="unsupported", reason="empty_parens")
            raise ExpressionError("a comma is not part of a formula (every function takes one argument)",
                                  self.after(node.elts[0]), kind="unsupported", reason="comma")
        raise ExpressionError(f"unsupported syntax '{kind.__name__}'", column, kind="unsupported",
                              what=kind.__name__)

    def number(self, node: ast.Constant) -> Num:
        value = node.value
        if value is None or isinstance(value, bool):  # None, True, False: words Python knows, not ours
            raise ExpressionError(f"unknown name '{value}' (use x, y, pi, e)", self.col(node), kind="name",
                                  reason="unknown_name", name=str(value))
        if value is Ellipsis:  # '...'
            raise ExpressionError("a dot can only be a decimal point, as in 0.5", self.col(node), kind="unsupported",
                                  reason="dot")
        if not isinstance(value, (int, float, complex)):
            raise ExpressionError(f"unsupported syntax '{type(value).__name__}'", self.col(node), kind="unsupported",
                                  what=type(value).__name__)
        if isinstance(value, complex):
            raise ExpressionError("complex numbers are not supported", self.col(node), kind="number",
                                  reason="complex")
        # Compare before converting: a huge int stays exact here and never meets float().
        if not (-MAX_NUMBER <= value <= MAX_NUMBER):  # also catches inf and nan
            raise ExpressionError(f"number too large (limit {MAX_NUMBER:g})", self.col(node), kind="number",
                                  reason="number_large", limit=MAX_NUMBER)
        self.count(node)
        return Num(float(value) + 0.0, self.col(node))

    def name(self, node: ast.Name) -> Node:
        name = node.id
        if name in VARIABLES:
            self.count(node)
            return Var(name, self.col(node))
        if name in CONSTANTS:
            self.count(node)
            return Const(name, self.col(node))
        if name in FUNCTIONS:
            raise ExpressionError(f"function '{name}' needs an argument, e.g. {name}(x),", self.col(node),
                                  kind="function", reason="function_bare", name=name, call=f"{name}(x)")
        raise ExpressionError(f"unknown name '{_short(name)}' (use x, y, pi, e)", self.col(node), kind="name",
                              reason="unknown_name", name=_short(name))

    def call(self, node: ast.Call, depth: int) -> Call:
        func = node.func
        if type(func) is not ast.Name:  # 2(x + 1), (x)(y): a product without its '*'
            text = self.source.text
            between = text[func.end_col_offset:].split("(", 1)[0]  # blanks and the ')' closing the left part
            left = ")" if ")" in between else _short(text[func.col_offset:func.end_col_offset])
            paren = self.after(func)
            example = ("(...)" if left == ")" else left) + "*(...)"
            raise ExpressionError(f"nothing joins '{left}' and '(' (write {example})", paren,
                                  kind="unsupported", reason="missing_operator", left=left, right="(",
                                  example=example)
        name = func.id
        if name not in FUNCTIONS:
            if name in VARIABLES or name in CONSTANTS:
                raise ExpressionError(f"'{name}' is not a function (write {name}*(...) for a product)",
                                      self.col(func), kind="function", reason="not_function", name=name,
                                      product=f"{name}*(...)")
            raise ExpressionError(f"unknown function '{_short(name)}' (allowed: {', '.join(FUNCTIONS)})",
                                  self.col(func), kind="function", reason="unknown_function", name=_short(name),
                                  allowed=", ".join(FUNCTIONS))
        if node.keywords:
            raise ExpressionError(f"function '{name}' takes no keyword arguments", self.col(node), kind="function",
                                  reason="arity", name=name, given=len(node.args) + len(node.keywords))
        if len(node.args) != 1:
            raise ExpressionError(f"function '{name}' takes exactly one argument ({len(node.args)} given)",
                                  self.col(func), kind="function", reason="arity", name=name, given=len(node.args))
        (arg,) = node.args
        if type(arg) is ast.Starred:
            raise ExpressionError("unsupported syntax 'Starred'", self.col(arg), kind="unsupported", what="Starred")
        self.count(node)
        return Call(_ALIASES.get(name, name), self.convert(arg, depth + 1), self.col(func))


def _short(name: str) -> str:
    return name if len(name) <= 30 else name[:27] + "..."


# -- semantic checks: constant parts and exponents -------------------------------

def _check_constants(node: Node) -> float | None:
    """Value of ``node`` if it has no x or y (after checking it), else None."""
    kind = type(node)
    if kind is Num:
        return node.value
    if kind is Const:
        return CONSTANTS[node.name]
    if kind is Var:
        return None
    if kind is Neg:
        inner = _check_constants(node.operand)
        return None if inner is None else -inner
    if kind is Call:
        inner = _check_constants(node.arg)
        value = None if inner is None else _constant(_FUNCTIONS[node.fn].numpy, inner)
    else:
        left, right = _check_constants(node.left), _check_constants(node.right)
        if node.op == "^" and right is not None and not abs(right) <= MAX_EXPONENT:
            raise ExpressionError(f"exponent too large ({_plain_number(right)} > {MAX_EXPONENT:g})",
                                  _first_col(node.right), kind="exponent", value=_plain_number(right),
                                  limit=MAX_EXPONENT)
        value = None if left is None or right is None else _constant(_UFUNC[node.op], left, right)
    if value is not None and not math.isfinite(value):
        shown = "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
        raise ExpressionError(f"the constant part '{_short(to_text(node))}' is not a finite number ({shown})",
                              _first_col(node), kind="constant", part=_short(to_text(node)), value=shown)
    return value


def _constant(fn, *args: float) -> float:
    with np.errstate(all="ignore"):
        return float(fn(*(np.float64(a) for a in args)))


def _first_col(node: Node) -> int:
    """Column where the text of ``node`` starts (its leftmost leaf)."""
    while type(node) is BinOp:  # a Neg or Call starts at its own column
        node = node.left
    return node.col


_UFUNC = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide, "^": np.power}


# -- parsing ----------------------------------------------------------------------

def parse(text: str) -> Node:
    """Check ``text`` and return its tree, or raise ExpressionError."""
    if not isinstance(text, str):
        raise TypeError(f"expression must be a str, got {type(text).__name__}")
    return _parse(text)


@lru_cache(maxsize=256)
def _parse(text: str) -> Node:
    _check_text(text)
    source = _Source(text)
    try:
        tree = ast.parse(source.text, mode="eval")
    except SyntaxError as err:
        found = _diagnose(text)
        if found is not None:
            raise found from None
        column = source.column((err.offset or 1) - 1)
        raise ExpressionError(f"syntax error ({err.msg})", column, kind="syntax", detail=err.msg) from None
    except (RecursionError, MemoryError):
        raise ExpressionError(f"nested too deeply (more than {MAX_DEPTH} levels)", kind="depth",
                              limit=MAX_DEPTH) from None
    except Exception as err:  # ValueError (null bytes), anything else the parser may raise
        raise ExpressionError(f"cannot read the expression ({type(err).__name__})", kind="syntax") from None
    node = _Converter(source).convert(tree.body, 1)
    _check_constants(node)
    return node


def _variables(node: Node, found: set[str] | None = None) -> set[str]:
    found = set() if found is None else found
    kind = type(node)
    if kind is Var:
        found.add(node.name)
    elif kind is Neg:
        _variables(node.operand, found)
    elif kind is Call:
        _variables(node.arg, found)
    elif kind is BinOp:
        _variables(node.left, found)
        _variables(node.right, found)
    return found


# -- evaluation -------------------------------------------------------------------

_CONSTANT_VALUES = {name: np.float64(v) for name, v in CONSTANTS.items()}


def evaluate(node: Node, env: dict[str, np.ndarray], memo: dict[int, np.ndarray] | None = None):
    """``node`` at the arrays in ``env`` (float64 throughout). Call under np.errstate.

    ``memo`` (keyed by node identity) lets shared subtrees, which derivatives
    have plenty of, be computed once per call.
    """
    memo = {} if memo is None else memo
    key = id(node)
    if key in memo:
        return memo[key]
    kind = type(node)
    if kind is Num:
        result = np.float64(node.value)
    elif kind is Var:
        result = env[node.name]
    elif kind is Const:
        result = _CONSTANT_VALUES[node.name]
    elif kind is Neg:
        result = np.negative(evaluate(node.operand, env, memo))
    elif kind is BinOp:
        result = _UFUNC[node.op](evaluate(node.left, env, memo), evaluate(node.right, env, memo))
    else:
        result = _FUNCTIONS[node.fn].numpy(evaluate(node.arg, env, memo))
    memo[key] = result
    return result


# -- differentiation ----------------------------------------------------------------

def _tidy(node: Node) -> Node:
    """``node`` rebuilt with the simplifying builders (folds 1/2 into 0.5 and so on)."""
    kind = type(node)
    if kind is Neg:
        return _neg(_tidy(node.operand))
    if kind is Call:
        return Call(node.fn, _tidy(node.arg))
    if kind is BinOp:
        return _BUILD[node.op](_tidy(node.left), _tidy(node.right))
    return node


_BUILD = {"+": _add, "-": _sub, "*": _mul, "/": _div, "^": _pow}


def derivative(node: Node, var: str) -> Node:
    """∂node/∂var as a simplified tree (exact; no finite differences)."""
    return _derive(_tidy(node), var, {})


def _derive(node: Node, var: str, free: dict[int, frozenset]) -> Node:
    if var not in _free(node, free):
        return ZERO
    kind = type(node)
    if kind is Var:
        return ONE
    if kind is Neg:
        return _neg(_derive(node.operand, var, free))
    if kind is Call:
        inner = _derive(node.arg, var, free)
        return _mul(inner, _FUNCTIONS[node.fn].derivative(node.arg))
    u, v = node.left, node.right
    du, dv = _derive(u, var, free), _derive(v, var, free)
    op = node.op
    if op == "+":
        return _add(du, dv)
    if op == "-":
        return _sub(du, dv)
    if op == "*":
        return _add(_mul(du, v), _mul(u, dv))
    if op == "/":
        if _is_num(dv, 0.0):
            return _div(du, v)
        return _div(_sub(_mul(du, v), _mul(u, dv)), _pow(v, TWO))
    # op == "^"
    if var not in _free(v, free):  # u^c -> c u^(c-1) u'
        return _mul(_mul(v, _pow(u, _sub(v, ONE))), du)
    if var not in _free(u, free):  # c^v -> ln(c) c^v v'
        log_u = ONE if type(u) is Const and u.name == "e" else Call("log", u)
        return _mul(_mul(log_u, node), dv)
    # u^v -> u^v (v' ln u + v u'/u)
    return _mul(node, _add(_mul(dv, Call("log", u)), _div(_mul(v, du), u)))


def _free(node: Node, free: dict[int, frozenset]) -> frozenset:
    key = id(node)
    if key not in free:
        free[key] = frozenset(_variables(node))
    return free[key]


# -- printing -------------------------------------------------------------------------

def _level(node: Node) -> int:
    """Binding strength: 1 sums, 2 products, 3 unary minus, 4 powers, 5 atoms."""
    kind = type(node)
    if kind is BinOp:
        return _LEVEL[node.op]
    if kind is Neg or _negative_num(node):
        return 3
    return 5


def _plain_number(value: float) -> str:
    if _whole(value):
        return str(int(value))
    return repr(float(value))


def to_text(node: Node) -> str:
    """Plain text that parses back to the same tree (``^`` for powers)."""
    kind = type(node)
    if kind is Num:
        return _plain_number(node.value)
    if kind in (Var, Const):
        return node.name
    if kind is Call:
        return f"{node.fn}({to_text(node.arg)})"
    if kind is Neg:
        inner = to_text(node.operand)
        return "-" + (f"({inner})" if _level(node.operand) < 4 else inner)
    left, right = to_text(node.left), to_text(node.right)
    level, lleft, lright = _LEVEL[node.op], _level(node.left), _level(node.right)
    if node.op == "^":
        left = f"({left})" if lleft <= 4 else left
        right = f"({right})" if lright < 3 else right
        return f"{left}^{right}"
    left = f"({left})" if lleft < level else left
    right = f"({right})" if lright <= level or lright == 3 else right
    return f"{left} {node.op} {right}" if level == 1 else f"{left}{node.op}{right}"


def _latex_number(value: float) -> str:
    text = _plain_number(abs(value))
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = rf"{mantissa} \cdot 10^{{{int(exponent)}}}"
    return ("-" if value < 0 else "") + text


def _paren(text: str) -> str:
    return r"\left(" + text + r"\right)"


def to_latex(node: Node) -> str:
    """KaTeX for ``node``. Only fixed templates, numbers and x/y: no user text."""
    kind = type(node)
    if kind is Num:
        return _latex_number(node.value)
    if kind is Var:
        return node.name
    if kind is Const:
        return r"\pi" if node.name == "pi" else "e"
    if kind is Call:
        return _FUNCTIONS[node.fn].latex(to_latex(node.arg))
    if kind is Neg:
        inner = to_latex(node.operand)
        return "-" + (_paren(inner) if _level(node.operand) in (1, 3) else inner)
    left, right = to_latex(node.left), to_latex(node.right)
    lleft, lright = _level(node.left), _level(node.right)
    if node.op == "/":
        return r"\frac{" + left + "}{" + right + "}"
    if node.op == "^":
        base = node.left
        if lleft <= 4 or (type(base) is Call and base.fn == "exp") or r"\cdot" in left:
            left = _paren(left)
        return left + "^" + (right if len(right) == 1 else "{" + right + "}")
    if node.op == "*":
        left = _paren(left) if lleft < 2 else left
        right = _paren(right) if lright < 2 or lright == 3 else right
        if right[0].isdigit() or right[0] in "-." or (left[-1].isdigit() and right.startswith(r"\frac")):
            return left + r" \cdot " + right
        return left + (" " if left[-1].isalpha() else "") + right
    right = _paren(right) if lright <= 1 or lright == 3 else right
    return f"{left} {node.op} {right}"


# -- the Surface ------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class CustomSurface(Surface):
    """A Surface built by ``custom``; adds the formula in a few forms.

    ``expression`` is the normalised text (parses back to the same formula, though
    its added spaces and parentheses can take it past ``MAX_LENGTH``: keep the typed
    text, not this, in URLs),
    ``formula_latex`` the right-hand side of ``latex``, ``gradient_latex`` one
    display-ready equation per partial derivative, and ``hessian_latex`` one per
    second derivative in the upper triangle of the Hessian, row by row: ∂²f/∂x²,
    ∂²f/∂x∂y, ∂²f/∂y² (just f''(x) in 1-D). ``hessian_trees`` are the same, as trees.
    """

    expression: str = ""
    formula_latex: str = ""
    gradient_latex: tuple[str, ...] = ()
    tree: Node | None = None
    gradient_trees: tuple[Node, ...] = ()
    hessian_latex: tuple[str, ...] = ()
    hessian_trees: tuple[Node, ...] = ()


def _size(node: Node) -> int:
    """Nodes in ``node`` counted as printed (a shared subtree counts every time it appears)."""
    kind = type(node)
    if kind is BinOp:
        return 1 + _size(node.left) + _size(node.right)
    if kind is Neg:
        return 1 + _size(node.operand)
    if kind is Call:
        return 1 + _size(node.arg)
    return 1


def second_derivatives(gradients: tuple[Node, ...], names: tuple[str, ...]) -> tuple[Node, ...]:
    """The upper triangle of the Hessian, row by row, from the gradient's trees.

    ∂²f/∂a∂b is derived both ways, as ∂/∂b of ∂f/∂a and as ∂/∂a of ∂f/∂b. The two
    trees are equal as functions wherever f is twice continuously differentiable
    (Schwarz), but not always as trees; the shorter one is kept, for both places
    of the matrix, so the Hessian is symmetric to the last bit.
    """
    out = []
    for i, a in enumerate(names):
        for j in range(i, len(names)):
            tree = derivative(gradients[i], names[j])
            if j != i:
                other = derivative(gradients[j], a)
                if _size(other) < _size(tree):
                    tree = other
            out.append(tree)
    return tuple(out)


def _start_candidates(window, dim):
    """Points at fixed fractions of the window; (-3, 2) and (2,) for the default one."""
    fractions = ([(-0.6, 0.4), (0.6, 0.4), (-0.4, -0.6), (0.4, -0.4), (0.2, 0.3), (-0.3, 0.1), (0.0, 0.0)]
                 if dim == 2 else [(0.4,), (-0.6,), (0.8,), (-0.3,), (0.1,), (0.0,)])
    centre = [(lo + hi) / 2 for lo, hi in window]
    half = [(hi - lo) / 2 for lo, hi in window]
    return [tuple(float(c + f * h) for c, f, h in zip(centre, fr, half)) for fr in fractions]


def _window(window, dim: int) -> tuple[tuple[float, float], ...]:
    if window is None:
        return ((-5.0, 5.0),) * dim
    try:
        pairs = np.asarray(window, dtype=FLOAT)
    except (TypeError, ValueError):
        raise ValueError(f"window must be (low, high) or one (low, high) per axis, got {window!r}") from None
    if pairs.shape == (2,):
        pairs = np.tile(pairs, (dim, 1))
    if pairs.ndim != 2 or pairs.shape[1] != 2 or len(pairs) < dim:
        raise ValueError(f"window must be (low, high) or one (low, high) per axis, got {window!r}")
    pairs = pairs[:dim]  # a 2-D window also serves a formula in x only
    if not np.all(np.isfinite(pairs)) or not np.all(pairs[:, 0] < pairs[:, 1]):
        raise ValueError(f"window needs finite bounds with low < high on every axis, got {window!r}")
    return tuple((float(lo), float(hi)) for lo, hi in pairs)


def custom(text: str, window=None) -> CustomSurface:
    """The Surface of a typed formula in x (1-D) or x and y (2-D).

    ``window`` is ``(low, high)`` for every axis or one pair per axis (extra axes are
    ignored); the default is (-5, 5). Raises ExpressionError (a ValueError) for text
    that is not an allowed formula, ValueError for a bad window. Results are cached.
    """
    tree = parse(text)
    dim = 2 if "y" in _variables(tree) else 1
    return _build(tree, dim, _window(window, dim))


@lru_cache(maxsize=128)
def _build(tree: Node, dim: int, window: tuple[tuple[float, float], ...]) -> CustomSurface:
    names = VARIABLES[:dim]
    grads = tuple(derivative(tree, v) for v in names)
    hessians = second_derivatives(grads, names)
    upper = [(i, j) for i in range(dim) for j in range(i, dim)]  # the places of ``hessians``

    def env_of(pts):
        return {name: pts[..., i] for i, name in enumerate(names)}

    def value_fn(pts):
        return np.broadcast_to(evaluate(tree, env_of(pts)), pts.shape[:-1]).copy()

    def grad_fn(pts):
        memo: dict[int, np.ndarray] = {}
        env = env_of(pts)
        parts = [np.broadcast_to(evaluate(g, env, memo), pts.shape[:-1]) for g in grads]
        return np.stack(parts, axis=-1)

    def hess_fn(pts):
        memo: dict[int, np.ndarray] = {}  # second derivatives share many subtrees with each other
        env = env_of(pts)
        out = np.empty(pts.shape[:-1] + (dim, dim), dtype=FLOAT)
        for (i, j), h in zip(upper, hessians):
            out[..., i, j] = out[..., j, i] = np.broadcast_to(evaluate(h, env, memo), pts.shape[:-1])
        return out

    expression = to_text(tree)
    lhs = "f(x, y)" if dim == 2 else "f(x)"
    body = to_latex(tree)
    if dim == 2:
        grad_lhs = [rf"\frac{{\partial f}}{{\partial {v}}}" for v in names]
        hess_lhs = [r"\frac{\partial^2 f}{\partial x^2}", r"\frac{\partial^2 f}{\partial x \partial y}",
                    r"\frac{\partial^2 f}{\partial y^2}"]
    else:
        grad_lhs = ["f'(x)"]
        hess_lhs = ["f''(x)"]
    surface = CustomSurface(
        name="custom",
        dim=dim,
        value_fn=value_fn,
        grad_fn=grad_fn,
        hess_fn=hess_fn,
        window=window,
        starts=(),
        critical_points=(),
        latex=f"{lhs} = {body}",
        title={"en": f"Your function {lhs} = {expression}", "ko": f"직접 입력한 함수 {lhs} = {expression}"},
        description={
            "en": "A function you typed in. Its gradient is worked out exactly by symbolic "
                  "differentiation, so every optimizer follows the true slope. Where its minima "
                  "lie is not known, so none are marked.",
            "ko": "직접 입력한 함수입니다. 기울기는 기호 미분으로 정확하게 계산하므로 모든 최적화 "
                  "알고리즘이 실제 기울기를 따라 움직입니다. 최솟값의 위치는 알 수 없으므로 "
                  "표시하지 않습니다.",
        },
        log_levels=False,
        bounded_below=False,
        expression=expression,
        formula_latex=body,
        gradient_latex=tuple(f"{l} = {to_latex(g)}" for l, g in zip(grad_lhs, grads)),
        tree=tree,
        gradient_trees=grads,
        hessian_latex=tuple(f"{l} = {to_latex(h)}" for l, h in zip(hess_lhs, hessians)),
        hessian_trees=hessians,
    )
    candidates = _start_candidates(window, dim)
    values, gradients = surface.value(candidates), surface.grad(candidates)
    finite = [c for c, v, g in zip(candidates, values, gradients) if np.isfinite(v) and np.all(np.isfinite(g))]
    object.__setattr__(surface, "starts", tuple(finite[:3]) or (candidates[0],))
    return surface
