"""Typed functions on the pages: valid ones drive every view, hostile ones only produce a message."""

from __future__ import annotations

import pytest

from tests.attack_corpus import ATTACKS

from .helpers import chart, fresh, open_page


def test_custom_function_drives_the_compare_page():
    at = open_page()
    at.selectbox(key="surface").set_value("custom").run()
    at.text_input(key="surface_expr").set_value("x^2/20 + y^2").run()
    assert not at.exception
    assert not at.error
    spec = chart(at)
    assert len(spec["frames"]) > 2
    latex = [element.value for element in at.get("latex")]
    assert any("\\frac{x}{10}" in formula for formula in latex), latex  # the exact ∂f/∂x
    assert any("2y" in formula for formula in latex), latex


def test_custom_function_from_the_url():
    at = open_page(surface="custom", surface_expr="sin(x)*cos(y)")
    assert not at.exception and not at.error
    assert at.text_input(key="surface_expr").value == "sin(x)*cos(y)"


@pytest.mark.parametrize("text", ["__import__('os').system('id')", "9**9**9", "x.real", "(" * 300 + "x" + ")" * 300,
                                  "ｘ + 1", "lambda: 1", "z + 1"])
def test_hostile_text_shows_an_error_and_the_page_keeps_working(text):
    at = open_page()
    at.selectbox(key="surface").set_value("custom").run()
    at.text_input(key="surface_expr").set_value(text[:200]).run()
    assert not at.exception
    assert at.error, "a bad formula must say why"
    assert at.get("plotly_chart"), "the rest of the page keeps working (fallback surface)"


def test_whole_attack_corpus_through_the_url_never_raises():
    at = fresh(timeout=120, lang="ko", surface="custom").run()
    for entry in ATTACKS[:40]:
        text = entry[0] if isinstance(entry, tuple) else entry
        at.text_input(key="surface_expr").set_value(str(text)[:200]).run()
        assert not at.exception, text


def test_custom_function_on_the_one_d_page():
    at = open_page("lessons/learning-rate.py")
    at.selectbox(key="fn").set_value("custom").run()
    at.text_input(key="fn_expr").set_value("x^3 - 2*x^2 + 2").run()
    at.number_input(key="x").set_value(2.5).run()
    assert not at.exception
    assert chart(at)["frames"]


def test_two_variable_formula_on_the_one_d_page_is_refused_clearly():
    at = open_page("lessons/learning-rate.py")
    at.selectbox(key="fn").set_value("custom").run()
    at.text_input(key="fn_expr").set_value("x + y").run()
    assert not at.exception
    assert any("variable" in e.value for e in at.error)


def test_custom_function_on_the_sweep_page():
    at = open_page("lessons/lr-sweep.py")
    at.selectbox(key="sw_surface").set_value("custom").run()
    at.text_input(key="sw_surface_expr").set_value("x^2/20 + y^2").run()
    assert not at.exception
    assert len(at.get("plotly_chart")) >= 2  # the sweep and the heatmap


def test_custom_function_on_the_basin_map_finds_its_own_minima():
    import scenes.saddles as scene

    result = scene.basins("custom", "gd", 0.01, 400, 100, expression="(x^2 + y - 11)^2 + (x + y^2 - 7)^2")
    assert len(result.minima) == 4  # Himmelblau typed by hand: four basins, found by the runs
    assert sum(result.counts[:4]) == 10_000
    at = open_page("lessons/saddles.py")
    at.selectbox(key="basin.surface").set_value("custom").run()
    at.text_input(key="basin.surface_expr").set_value("x^2/10 + sin(3*x)").run()
    assert not at.exception
