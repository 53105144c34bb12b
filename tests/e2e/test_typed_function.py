"""A typed function in a real browser: chosen and typed as a student does, drawn where the map can show it,
its formulas shown as typed, and a bad formula named next to the box while the charts keep the last good one."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Page, expect

from .helpers import IDLE, no_exception, open_app

# The map's paths as the figure holds them (gd.data; numbers may travel as base64 typed arrays) and its ranges.
MAP_PATHS = """() => {
    const types = {f8: Float64Array, f4: Float32Array, i4: Int32Array, i2: Int16Array, i1: Int8Array,
                   u4: Uint32Array, u2: Uint16Array, u1: Uint8Array};
    const numbers = (a) => {
        if (!a) return [];
        if (a.bdata === undefined) return Array.from(a);
        const bytes = Uint8Array.from(atob(a.bdata), (c) => c.charCodeAt(0));
        return Array.from(new types[a.dtype](bytes.buffer));
    };
    const gd = document.querySelectorAll('.js-plotly-plot')[0];
    const paths = gd.data.filter((t) => (t.xaxis || 'x') === 'x' && t.mode === 'lines' && t.name !== 'contour lines')
        .map((t) => ({name: t.name, x: numbers(t.x), y: numbers(t.y)}));
    return {x: gd.layout.xaxis.range, y: gd.layout.yaxis.range, paths: paths};
}"""


def _settle(page: Page) -> None:
    page.wait_for_timeout(800)
    page.wait_for_selector(IDLE, timeout=90_000)
    page.wait_for_timeout(800)


def _type_formula(page: Page, text: str) -> None:
    box = page.locator("[data-testid='stSidebar'] [data-testid='stTextInput']").filter(has_text="Your function")
    box.locator("input").fill(text)
    box.locator("input").press("Enter")
    _settle(page)


def test_a_typed_function_is_drawn_from_a_start_inside_its_window_and_a_bad_one_is_named(page: Page, app_url, shot):
    open_app(page, app_url + "/?lang=en")  # the book's scene: the anisotropic bowl from (-7, 2)
    picker = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").filter(has_text="Loss surface")
    picker.click()
    page.keyboard.type("custom")
    page.keyboard.press("Enter")
    _settle(page)
    _type_formula(page, "sin(x)*cos(y)")
    no_exception(page)

    drawn = page.evaluate(MAP_PATHS)
    assert drawn["x"] == [-5, 5] and drawn["y"] == [-5, 5]
    assert {path["name"] for path in drawn["paths"]} == {"SGD", "Momentum", "AdaGrad", "Adam"}
    for path in drawn["paths"]:  # at step 0 each path is its start: on the map
        assert (path["x"][0], path["y"][0]) == (-3, 2), path
    # Shown as typed: the heading and the examples keep their asterisks (Markdown would make them emphasis).
    expect(page.get_by_role("heading", name="Your function f(x, y) = sin(x)*cos(y)")).to_be_visible()
    examples = page.locator("[data-testid='stSidebar'] [data-testid='stCaptionContainer']").filter(has_text="Examples")
    assert "x**2/20 + y**2 · sin(x)*cos(y)" in examples.inner_text()
    shot(page, "typed")

    _type_formula(page, "x**")
    no_exception(page)
    error = page.locator("[data-testid='stSidebar'] [data-testid='stAlertContentError']")
    expect(error).to_have_text(re.compile(r"\(column 4\).*after the operator \*\*"))
    notes = page.locator("[data-testid='stAlertContentWarning']")
    expect(notes.filter(has_text="the last valid function, f(x, y) = sin(x)*cos(y)")).to_have_count(2)  # box, charts
    assert parse_qs(urlsplit(page.url).query)["surface_expr"] == ["x**"]  # the link keeps what was typed
    assert page.evaluate(MAP_PATHS)["paths"], "the charts still show the last valid function"
    shot(page, "bad")
