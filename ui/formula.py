"""A typed function in the page's words: what is wrong with a formula and what the charts show instead.

Pure functions (no Streamlit): a ``surfaces.ExpressionError`` and the page's language in, Markdown out.
Every piece of typed text goes out as a code span (``markup.code``): shown exactly as typed, never read
as Markdown.
"""

from __future__ import annotations

import string

from surfaces import ExpressionError

from .markup import code, escape
from .text import TEXT, text

DEFAULT_EXPRESSION = {2: "sin(x)*cos(y) + (x^2 + y^2)/20", 1: "x^4/4 - x^2 + x/3"}


def default_expression(dim: int | None) -> str:
    """The formula a picker's box starts with: in x only on a 1-D page, in x and y otherwise."""
    return DEFAULT_EXPRESSION[1 if dim == 1 else 2]


def lhs(dim: int) -> str:
    return "f(x, y)" if dim == 2 else "f(x)"


def _fields(key: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(TEXT[key]["en"]) if field}


def _reason_key(error: ExpressionError) -> str | None:
    """The text that says ``error.reason`` in the UI's words, if there is one and the error has its parts."""
    reason = error.reason
    if reason == "character" and "code" in error.params:
        reason = "invisible"  # a control or format character: only its code can be shown
    key = f"custom.reason.{reason}"
    if key in TEXT and _fields(key) <= set(error.params):
        return key
    return None


def reason(error: ExpressionError, lang: str) -> str:
    """What is wrong, in ``lang``: precise when the UI has words for ``error.reason``, else its family's."""
    key = _reason_key(error)
    if key is not None:
        params = {name: code(value) if isinstance(value, str) else value for name, value in error.params.items()}
        return text(key, lang, **params)
    family = f"custom.kind.{error.kind}"
    return text(family, lang) if family in TEXT else escape(str(error))


def error_message(error: ExpressionError, lang: str) -> str:
    """The message shown under the formula box: what is wrong, and at which column of the typed text."""
    if error.column is None:
        return text("custom.error", lang, reason=reason(error, lang))
    return text("custom.error_at", lang, column=error.column, reason=reason(error, lang))


def detail(error: ExpressionError, lang: str) -> str | None:
    """The parser's own English message, when the UI has no precise words for the problem; else None."""
    if _reason_key(error) is not None:
        return None
    return text("custom.detail", lang, message=code(str(error)))


def where(typed: str, column: int | None, lang: str) -> str | None:
    """The typed text cut where the problem starts ("Where: `x^` ▶ `^2`"); None without a column."""
    if column is None or not typed.strip():
        return None
    index = min(max(column - 1, 0), len(typed))
    after = code(typed[index:]) if typed[index:].strip() else text("custom.where_end", lang)
    return text("custom.where", lang, before=code(typed[:index].rstrip()), after=after).strip()


def picker_note(lang: str, *, last_valid: str | None, dim: int, fallback: str) -> str:
    """Next to the box: what the charts show until the formula is fixed."""
    if last_valid is not None:
        return text("custom.last_valid", lang, lhs=lhs(dim), formula=code(last_valid))
    return text("custom.fallback", lang, name=code(fallback))


def chart_note(lang: str, *, typed: str, last_valid: str | None, dim: int, fallback: str) -> str:
    """Above the charts: the formula typed cannot be used, and what they show instead."""
    shown = code(typed) or '""'
    if last_valid is not None:
        return text("custom.chart_last_valid", lang, typed=shown, lhs=lhs(dim), formula=code(last_valid))
    return text("custom.chart_fallback", lang, typed=shown, name=code(fallback))
