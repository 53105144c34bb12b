"""End to end: the saddles page in Chromium, in English and Korean, and a shared URL restoring the scene."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def open_page(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(IDLE, timeout=90_000)
    page.wait_for_selector(".js-plotly-plot", timeout=90_000)
    page.wait_for_timeout(500)


def frame_first(page: Page, app_url: str) -> None:
    # A server whose very first script run is a URL named like a file in pages/ runs that file
    # alone (Streamlit's pages-directory mode) until app.py has called st.navigation once.
    open_page(page, f"{app_url}/?lang=en")


def charts(page: Page) -> list[dict]:
    """Trace types and names of every plotly chart (each scrolled into view so that it is drawn)."""
    out = []
    for i in range(page.locator("[data-testid='stPlotlyChart']").count()):
        page.locator("[data-testid='stPlotlyChart']").nth(i).scroll_into_view_if_needed()
        page.wait_for_function("(i) => { const g = document.querySelectorAll('.js-plotly-plot')[i];"
                               " return g && g._fullLayout; }", arg=i, timeout=30_000)
        out.append(page.evaluate("(i) => { const g = document.querySelectorAll('.js-plotly-plot')[i];"
                                 " return {types: g.data.map(t => t.type), names: g.data.map(t => t.name || ''),"
                                 " frames: (g._transitionData && g._transitionData._frames || []).length}; }", i))
    return out


def test_saddles_page_in_english_and_korean(page: Page, app_url, shot):
    frame_first(page, app_url)
    open_page(page, f"{app_url}/saddles?lang=en")
    expect(page.get_by_role("heading", name="Saddle points and basins").first).to_be_visible()
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    expect(page.get_by_text(re.compile(r"ended at \(3\.52e-12, 0\).*stopped on the saddle"))).to_be_visible()
    saddle_map, basin_map = charts(page)
    assert saddle_map["frames"] > 1
    assert {"on the axis (no nudge)", "perturbed start (δ = 1e-06)", "gradient noise σ = 0.0001"} <= set(saddle_map["names"])
    assert basin_map["types"].count("heatmap") == 2
    assert any(n.startswith("min (3, 2): ") for n in basin_map["names"])
    expect(page.get_by_text(re.compile(r"10,000 starts × 400 steps, one batched call each"))).to_be_visible()
    shot(page, "en")

    open_page(page, f"{app_url}/saddles?lang=ko")
    expect(page.get_by_role("heading", name="안장점과 분지").first).to_be_visible()
    expect(page.get_by_text(re.compile("안장점에 멈춰 섰습니다"))).to_be_visible()
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    charts(page)
    shot(page, "ko")


def test_saddles_url_restores_the_scene(page: Page, app_url, shot):
    frame_first(page, app_url)
    # Bound select boxes carry their shown label in the URL: "monkey saddle" (surface_label).
    open_page(page, f"{app_url}/saddles?lang=en&sad.surface=monkey+saddle&sad.noise=0.01&sad.seed=7"
                    "&basin.surface=wavy&basin.res=150")
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    expect(page.get_by_role("combobox", name="Loss surface")).to_have_value("monkey saddle")
    expect(page.get_by_role("combobox", name="Gradient noise σ")).to_have_value("0.01")
    expect(page.get_by_label("Noise seed", exact=True)).to_have_value("7")
    expect(page.get_by_label("Steps", exact=True).first).to_have_value("2500")
    expect(page.get_by_text(re.compile(r"still creeping toward it"))).to_be_visible()
    saddle_map, basin_map = charts(page)
    assert "gradient noise σ = 0.01" in saddle_map["names"]
    assert "heatmap" not in basin_map["types"]  # wavy is 1-D: the curve coloured by basin
    assert any(n.startswith("no listed minimum: ") for n in basin_map["names"])
    expect(page.get_by_text(re.compile(r"22,500 starts × 200 steps"))).to_be_visible()
    assert re.search(r"sad\.surface=monkey(\+|%20)saddle", page.url) and "basin.res=150" in page.url, page.url
    shot(page, "restored")
