"""Typed functions on the pages: valid ones drive every view, hostile ones only produce a message."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

import surfaces
from tests.attack_corpus import ATTACKS
from ui.text import TEXT

from .helpers import chart, fresh, open_page, values


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


# -- a typed function gets a start inside its window, and a bad formula says what the charts show ---------------


def _map_paths(spec) -> dict[str, np.ndarray]:
    """Each optimizer's path on the map, as far as the animation's last frame draws it: {name: (n, 2) points}."""
    last = spec["frames"][-1]
    paths = {}
    for index, trace in zip(last["traces"], last["data"]):
        declared = spec["data"][index]
        if declared.get("xaxis", "x") == "x" and declared.get("mode") == "lines" and "x" in trace:
            paths[declared["name"]] = np.column_stack([values(trace["x"]), values(trace["y"])])
    return paths


def _inside(points, window) -> np.ndarray:
    (xlo, xhi), (ylo, yhi) = window
    return (points[:, 0] >= xlo) & (points[:, 0] <= xhi) & (points[:, 1] >= ylo) & (points[:, 1] <= yhi)


def test_a_typed_function_starts_inside_its_window_and_its_paths_are_drawn_there():
    """The README's sin(x)*cos(y) after the book's scene: the start (-7, 2) of the anisotropic bowl lay outside the
    typed function's ±5 window and the map was empty. Choosing custom, and typing, start from the function's own."""
    at = open_page()
    assert (at.number_input(key="x0").value, at.number_input(key="y0").value) == (-7.0, 2.0)
    at.selectbox(key="surface").set_value("custom").run()
    window = surfaces.custom(at.text_input(key="surface_expr").value).window
    assert _inside(np.array([[at.number_input(key="x0").value, at.number_input(key="y0").value]]), window).all()
    at.number_input(key="x0").set_value(1.0).run()  # a start of one's own, then a new formula: its own start again
    at.text_input(key="surface_expr").set_value("sin(x)*cos(y)").run()
    assert not at.exception and not at.error
    surface = surfaces.custom("sin(x)*cos(y)")
    start = (at.number_input(key="x0").value, at.number_input(key="y0").value)
    assert start == surface.start and _inside(np.array([start]), surface.window).all()
    assert not at.warning, [w.value for w in at.warning]  # nothing to say: the start is on the map
    spec = chart(at)
    assert spec["layout"]["xaxis"]["range"] == [-5.0, 5.0] and spec["layout"]["yaxis"]["range"] == [-5.0, 5.0]
    paths = _map_paths(spec)
    assert set(paths) == {"SGD", "Momentum", "AdaGrad", "Adam"}
    for name, points in paths.items():
        np.testing.assert_allclose(points[0], start, err_msg=name)
        inside = _inside(points, surface.window)  # momentum may swing out for a few steps and come back
        assert len(points) > 2 and inside.mean() > 0.5, (name, inside)


def test_a_start_outside_the_window_is_said():
    at = open_page(surface="custom", surface_expr="sin(x)*cos(y)")
    assert not at.warning
    at.number_input(key="x0").set_value(-7.0).run()
    assert not at.exception
    (warning,) = [w.value for w in at.warning]
    assert warning == TEXT["common.start_outside"]["en"].format(point="(-7, 2)", window="x ∈ [-5, 5], y ∈ [-5, 5]")


def test_the_one_d_page_starts_a_typed_function_inside_its_window():
    at = open_page("lessons/learning-rate.py")
    at.number_input(key="x").set_value(2.7).run()
    at.selectbox(key="fn").set_value("custom").run()
    at.text_input(key="fn_expr").set_value("x^3 - 2*x^2 + 2").run()
    assert not at.exception and not at.error and not at.warning
    assert at.number_input(key="x").value == surfaces.custom("x^3 - 2*x^2 + 2").start[0]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_bad_formula_keeps_the_last_valid_function_and_says_so(lang):
    at = open_page(lang=lang)
    at.selectbox(key="surface").set_value("custom").run()
    at.text_input(key="surface_expr").set_value("sin(x)*cos(y)").run()
    good = chart(at)
    at.text_input(key="surface_expr").set_value("x**").run()
    assert not at.exception
    assert at.text_input(key="surface_expr").value == "x**"  # the box (and the URL bound to it) keeps the text
    (error,) = [e.value for e in at.error]
    assert error == TEXT["custom.error_at"][lang].format(
        column=4, reason=TEXT["custom.reason.ends_after_operator"][lang].format(op="`**`"))
    where = TEXT["custom.where"][lang].format(before="`x**`", after=TEXT["custom.where_end"][lang])
    assert where in [c.value for c in at.caption]
    notes = [w.value for w in at.warning]
    assert TEXT["custom.last_valid"][lang].format(lhs="f(x, y)", formula="`sin(x)*cos(y)`") in notes
    assert TEXT["custom.chart_last_valid"][lang].format(typed="`x**`", lhs="f(x, y)",
                                                         formula="`sin(x)*cos(y)`") in notes
    shown = chart(at)  # still drawn: the same map of the last valid function
    assert shown["data"][0] == good["data"][0] and _map_paths(shown).keys() == _map_paths(good).keys()
    at.text_input(key="surface_expr").set_value("x^2/20 + y^2").run()  # fixed: the notes go
    assert not at.exception and not at.error and not at.warning


def test_a_bad_formula_in_a_link_shows_the_default_surface_and_says_which():
    at = open_page(surface="custom", surface_expr="x**")
    assert at.text_input(key="surface_expr").value == "x**"
    assert any("(column 4)" in e.value for e in at.error)
    notes = [w.value for w in at.warning]
    assert TEXT["custom.fallback"]["en"].format(name="`anisotropic`") in notes
    assert TEXT["custom.chart_fallback"]["en"].format(typed="`x**`", name="`anisotropic`") in notes
    assert chart(at)["data"]


def test_each_page_with_a_formula_box_says_what_its_charts_show():
    """Every picker key on every page: a bad formula is named next to its box, with the function shown instead."""
    cases = [("lessons/learning-rate.py", "fn", "x^2/10 + sin(3*x)"), ("lessons/lr-sweep.py", "sw_surface", "x^2 + y^2"),
             ("lessons/curvature.py", "cv.surface", "x^2 + y^2"), ("lessons/saddles.py", "basin.surface", "x^2 - y^2")]
    for page, key, good in cases:
        at = open_page(page)
        at.selectbox(key=key).set_value("custom").run()
        at.text_input(key=f"{key}_expr").set_value(good).run()
        at.text_input(key=f"{key}_expr").set_value(good + " +").run()
        assert not at.exception, page
        assert any(e.value.startswith("Cannot use this formula (column") for e in at.error), page
        assert any(f"`{good}`" in w.value for w in at.warning), (page, [w.value for w in at.warning])
        assert at.get("plotly_chart"), page


def test_the_examples_under_the_box_are_code_and_each_one_works():
    """The caption and the help are Markdown: formulas in them are code spans, shown exactly as typed."""
    for lang in ("en", "ko"):
        for key, dim in (("custom.examples_2d", 2), ("custom.examples_1d", 1)):
            caption = TEXT[key][lang]
            examples = re.findall(r"`([^`]+)`", caption)
            assert len(examples) >= 3
            assert "*" not in re.sub(r"`[^`]+`", "", caption)  # no asterisk outside a code span
            for example in examples:
                assert surfaces.custom(example).dim == dim, example
        assert "**" not in re.sub(r"`[^`]+`", "", TEXT["custom.help"][lang])
    at = open_page(surface="custom")
    assert TEXT["custom.examples_2d"]["en"] in [c.value for c in at.caption]
    assert at.text_input(key="surface_expr").proto.help == TEXT["custom.help"]["en"]


def _readme_examples() -> dict[int, list[str]]:
    """The formulas of the README's "Your own function" list, by number of variables."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Your own function", 1)[1].split("\n#", 1)[0]
    found: dict[int, list[str]] = {}
    for bullet in re.findall(r"^- (.*?)(?=^- |^$)", section, flags=re.M | re.S):
        for span in re.findall(r"`([^`]+)`", bullet.split(":", 1)[1]):
            found.setdefault(surfaces.custom(span).dim, []).append(span)
    return found


NOTE_ICON, OUTSIDE_ICON = ":material/history:", ":material/crop_free:"  # the charts show another function; a start
FORMULA_ERRORS = (TEXT["custom.error"]["en"].split(":")[0], TEXT["custom.wrong_dim"]["en"].split(" {")[0])
PICKERS = {2: [("lessons/compare.py", "surface"), ("lessons/lr-sweep.py", "sw_surface"),
               ("lessons/curvature.py", "cv.surface"), ("lessons/curvature.py", "cv.eos_surface"),
               ("lessons/saddles.py", "basin.surface")],
           1: [("lessons/learning-rate.py", "fn"), ("lessons/lr-sweep.py", "sw_surface"),
               ("lessons/saddles.py", "basin.surface")]}


@pytest.mark.parametrize("dim", [2, 1])
def test_the_readme_examples_work_as_written_wherever_a_function_can_be_typed(dim):
    examples = _readme_examples()[dim]
    assert len(examples) >= 3 and "sin(x)*cos(y)" in _readme_examples()[2]
    for page, key in PICKERS[dim]:
        at = open_page(page, timeout=180)
        at.selectbox(key=key).set_value("custom").run()
        for example in examples:
            at.text_input(key=f"{key}_expr").set_value(example).run()
            assert not at.exception, (page, key, example)
            # A page may warn of its own (a run that diverges is a lesson): none of these is about the formula.
            refused = [e.value for e in at.error if e.value.startswith(FORMULA_ERRORS)]
            ours = [w.value for w in at.warning if w.icon in (NOTE_ICON, OUTSIDE_ICON)]
            assert not refused and not ours, (page, key, example, refused, ours)
            assert at.get("plotly_chart"), (page, key, example)
