"""A typed function's exact second derivatives, printed under its gradient (ui.controls.gradient_formulas)."""

from __future__ import annotations

from ui.text import TEXT

from .helpers import open_page


def _latex(at) -> list[str]:
    """The formulas as given to st.latex (which wraps each in $$ ... $$)."""
    return [str(element.value).strip().removeprefix("$$").removesuffix("$$").strip() for element in at.get("latex")]


def _captions(at) -> list[str]:
    return [element.value for element in at.caption]


def test_second_derivatives_follow_the_gradient_in_both_languages():
    for lang in ("en", "ko"):
        at = open_page(surface="custom", surface_expr="x^2/20 + y^2", lang=lang)
        assert not at.error
        latex = _latex(at)
        second = [r"\frac{\partial^2 f}{\partial x^2} = 0.1", r"\frac{\partial^2 f}{\partial x \partial y} = 0",
                  r"\frac{\partial^2 f}{\partial y^2} = 2"]
        first = r"\frac{\partial f}{\partial y} = 2y"
        assert all(formula in latex for formula in second + [first]), latex
        assert latex.index(first) < latex.index(second[0])  # beside the gradient, after it
        assert TEXT["custom.hessian"][lang] in _captions(at)


def test_registered_surfaces_show_no_formulas():
    at = open_page(surface="rosenbrock")
    assert not any("partial" in formula for formula in _latex(at))
    assert TEXT["custom.hessian"]["en"] not in _captions(at)


def test_second_derivatives_too_long_to_show_say_so():
    """Here the gradient fits (about 600 characters of LaTeX) and the second derivatives (about 4,900) do not."""
    at = open_page(surface="custom", surface_expr="sin(x*y)^(x^y)^(y^x)")
    assert not at.error
    captions = _captions(at)
    too_long = TEXT["custom.hessian_long"]["en"].split("(")[0]
    assert any(c.startswith(too_long) for c in captions), captions
    assert TEXT["custom.gradient"]["en"] in captions
    assert any(r"\partial f" in formula for formula in _latex(at))
    assert not any(r"\partial^2" in formula for formula in _latex(at))
