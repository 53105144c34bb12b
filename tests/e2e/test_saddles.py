"""End to end: the saddles page in Chromium, in English and Korean, and a shared URL restoring the scene."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .helpers import charts, no_exception, open_app


def test_saddles_page_in_english_and_korean(page: Page, app_url, shot):
    open_app(page, f"{app_url}/saddles?lang=en", answer=True)
    expect(page.get_by_role("heading", name="Saddle points and basins").first).to_be_visible()
    no_exception(page)
    expect(page.get_by_text(re.compile(r"ended at \(3\.52e-12, 0\).*stopped on the saddle"))).to_be_visible()
    saddle_map, basin_map = charts(page)
    assert saddle_map["frames"] > 1
    assert {"on the axis (no nudge)", "perturbed start (δ = 1e-06)", "gradient noise σ = 0.0001"} <= set(saddle_map["names"])
    assert basin_map["types"].count("heatmap") == 2
    assert any(n.startswith("min (3, 2): ") for n in basin_map["names"])
    expect(page.get_by_text(re.compile(r"10,000 starts × 400 steps, one batched call each"))).to_be_visible()
    shot(page, "en")

    open_app(page, f"{app_url}/saddles?lang=ko", answer=True)
    expect(page.get_by_role("heading", name="안장점과 분지").first).to_be_visible()
    expect(page.get_by_text(re.compile("안장점에 멈춰 섰습니다"))).to_be_visible()
    no_exception(page)
    assert len(charts(page)) == 2  # both maps drawn
    shot(page, "ko")


def test_saddles_url_restores_the_scene(page: Page, app_url, shot):
    # Bound select boxes carry their shown label in the URL: "monkey saddle" (surface_label).
    open_app(page, f"{app_url}/saddles?lang=en&sad.surface=monkey+saddle&sad.noise=0.01&sad.seed=7"
                   "&basin.surface=wavy&basin.res=150")
    no_exception(page)
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
