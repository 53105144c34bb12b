"""End to end: the learning-rate sweep page in a real browser (load, Korean, URL restore)."""

from __future__ import annotations

from urllib.parse import quote

from playwright.sync_api import Page, expect

from .helpers import IDLE, charts, no_exception, open_app


def test_sweep_page_loads_with_timing(page: Page, app_url, shot):
    open_app(page, f"{app_url}/lr-sweep?lang=en", charts=2, answer=True)
    expect(page.get_by_role("heading", name="Learning-rate sweep").first).to_be_visible()
    no_exception(page)
    sweep, heat = charts(page)[:2]
    assert [line["n"] for line in sweep["lines"]] == [300] * 5
    assert heat["heatRows"] == [40, 40]
    expect(page.get_by_text("One batched run per optimizer (300 learning rates × 100 steps each)")).to_be_visible()
    expect(page.get_by_text("2400 runs (60 learning rates × 40 values)", exact=False)).to_be_visible()
    shot(page, "lr-sweep")


def test_sweep_page_in_korean(page: Page, app_url, shot):
    open_app(page, f"{app_url}/lr-sweep?lang=ko", charts=2, answer=True)
    expect(page.get_by_role("heading", name="학습률 스윕").first).to_be_visible()
    expect(page.get_by_text("스윕 그래프 읽는 법").first).to_be_visible()
    no_exception(page)
    shot(page, "lr-sweep-ko")


def test_sweep_url_restores_the_scene(page: Page, app_url, shot):
    pair = quote("Adam: β1")
    open_app(page, f"{app_url}/lr-sweep?lang=en&sw_surface=bowl&sw_opts=Adam&sw_opts=SGD&sw_n=500"
                   f"&sw_metric=true&sw_pair={pair}&sw_gy=12", charts=2)
    page.wait_for_selector(IDLE)
    no_exception(page)
    expect(page.get_by_role("combobox", name="Loss surface")).to_have_value("bowl")
    expect(page.get_by_label("Number of learning rates", exact=True)).to_have_value("500")
    sweep, heat = charts(page)[:2]
    assert sorted(line["name"] for line in sweep["lines"]) == ["Adam", "SGD"]
    assert all(line["n"] == 500 for line in sweep["lines"])
    assert "steps until" in sweep["yTitle"]
    assert heat["heatRows"] == [12, 12] and heat["yTitle"] == "Adam: β1"
    assert "sw_n=500" in page.url and "sw_surface=bowl" in page.url
    shot(page, "lr-sweep-restored")
