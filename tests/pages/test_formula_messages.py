"""What the formula box says about a bad formula, in both languages, as Markdown that shows typed text as typed.

Pure functions (ui.formula, ui.markup): no AppTest needed.
"""

from __future__ import annotations

import re
import string

import pytest

from surfaces import ExpressionError, custom
from tests.attack_corpus import ATTACKS
from tests.engine.test_custom_surface import BAD_INPUTS
from ui import formula, markup
from ui.text import TEXT


def _code_span(markdown: str) -> str:
    """The text a Markdown code span shows (CommonMark: one blank on each side is dropped if both are there)."""
    fence = re.match(r"`+", markdown).group()
    assert markdown.endswith(fence) and len(markdown) > 2 * len(fence)
    inner = markdown[len(fence):-len(fence)]
    assert fence not in inner and not inner.startswith("`") and not inner.endswith("`")
    if inner.startswith(" ") and inner.endswith(" ") and inner.strip(" "):
        inner = inner[1:-1]
    return inner


@pytest.mark.parametrize("text", ["x**2/20 + y**2", "__class__", "a`b", "``", "`x", "x` ", " x", "$x$", "*", "x\ny"])
def test_a_code_span_shows_the_text_as_it_is(text):
    assert _code_span(markup.code(text)) == text.replace("\n", " ")


def test_escaped_text_has_no_markup_left():
    text = r"x**2 _y_ `z` [a](b) $c$ <d> # :red[e] \ ^ ~ |"
    escaped = markup.escape(text)
    assert re.sub(r"\\(.)", r"\1", escaped) == text
    assert not re.search(r"(?<!\\)[*_`\[\]$<>#:~^|]", escaped.replace("\\\\", ""))


def _error(text: str) -> ExpressionError:
    with pytest.raises(ExpressionError) as info:
        custom(text)
    return info.value


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("text, kind, reason, column", BAD_INPUTS, ids=[repr(t) for t, *_ in BAD_INPUTS])
def test_every_mistake_in_the_table_is_said_precisely_with_its_column(text, kind, reason, column, lang):
    error = _error(text)
    message = formula.error_message(error, lang)
    assert formula.detail(error, lang) is None  # the UI has its own words for each of these
    key = "custom.reason.invisible" if error.params.get("code") else f"custom.reason.{reason}"
    fields = {f for _, f, _, _ in string.Formatter().parse(TEXT[key][lang]) if f}
    params = {name: markup.code(value) if isinstance(value, str) else value for name, value in error.params.items()}
    reason_text = TEXT[key][lang].format(**{name: params[name] for name in fields})
    if column is None:
        assert message == TEXT["custom.error"][lang].format(reason=reason_text)
        assert formula.where(text, column, lang) is None
    else:
        assert message == TEXT["custom.error_at"][lang].format(column=column, reason=reason_text)
        assert formula.where(text, column, lang).startswith(TEXT["custom.where"][lang].split("{")[0])
    for value in error.params.values():  # every piece of typed text is a code span, never bare Markdown
        if isinstance(value, str):
            assert markup.code(value) in message


def test_the_message_for_x_starstar():
    error = _error("x**")
    assert formula.error_message(error, "en") == ("Cannot use this formula (column 4): the formula ends after the "
                                                  "operator `**`: type what comes after it")
    assert formula.error_message(error, "ko") == ("이 식은 쓸 수 없습니다 (4번째 글자): 식이 연산자 `**`에서 "
                                                  "끝났습니다. 그 뒤에 올 값을 입력하세요")
    assert formula.where("x**", 4, "en") == "Where: `x**` **▶** (the end)"
    assert formula.where("x^^2", 3, "en") == "Where: `x^` **▶** `^2`"


def test_every_refusal_in_the_attack_corpus_has_words_in_both_languages():
    """Only syntax the app never teaches (generators, comparisons, ...) falls back to its family's words."""
    for text, expected in ATTACKS:
        if expected == "ok":
            continue
        error = _error(text)
        for lang in ("en", "ko"):
            message = formula.error_message(error, lang)
            assert "{" not in message and "}" not in message.replace("`}`", ""), (text, message)
        if formula.detail(error, "en") is not None:
            assert error.reason in ("unsupported", "syntax"), (text, error.reason)


def test_notes_name_what_the_charts_show():
    assert formula.picker_note("en", last_valid="sin(x)*cos(y)", dim=2, fallback="anisotropic") == (
        "Until the formula is fixed, the charts show the last valid function, f(x, y) = `sin(x)*cos(y)`.")
    assert formula.chart_note("ko", typed="x**", last_valid=None, dim=2, fallback="anisotropic") == (
        TEXT["custom.chart_fallback"]["ko"].format(typed="`x**`", name="`anisotropic`"))
    assert formula.default_expression(1) != formula.default_expression(None) == formula.default_expression(2)
