"""End to end: the tiny-network page in a real browser (load, Korean, URL restore)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .helpers import IDLE, chart_state, charts, no_exception, open_app, play


def test_network_page_loads_with_the_tutorial_numbers(page: Page, app_url, shot):
    open_app(page, f"{app_url}/tiny-network?lang=en")
    expect(page.get_by_role("heading", name="Training a tiny network").first).to_be_visible()
    page.locator(".st-key-story_next button").first.click()  # the step's answer: its loss curves and log
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length >= 2", timeout=90_000)
    page.wait_for_selector(IDLE, timeout=90_000)
    no_exception(page)
    loss, bars = charts(page)[:2]
    assert {"SGD", "Adam", "RMSprop"} <= set(loss["names"])
    assert bars["types"].count("bar") == 3 and bars["frames"] >= 50
    table = page.locator("[data-testid='stMarkdownContainer'] table").first  # the log, as Markdown
    expect(table).to_be_visible()
    expect(table).to_contain_text("1.0738")
    shot(page, "tiny-network")
    # Play the bars: the slider moves and the bars stay bars.
    play(page, "net_bars")
    page.wait_for_timeout(1500)
    assert chart_state(page, "net_bars")["slider"] > 0
    shot(page, "tiny-network-playing")


def test_network_page_in_korean(page: Page, app_url, shot):
    open_app(page, f"{app_url}/tiny-network?lang=ko")
    expect(page.get_by_role("heading", name="작은 신경망 학습").first).to_be_visible()
    expect(page.get_by_text("곡선이 서로 다른 이유").first).to_be_visible()
    no_exception(page)
    shot(page, "tiny-network-ko")


def test_network_url_restores_the_scene(page: Page, app_url, shot):
    open_app(page, f"{app_url}/tiny-network?lang=en&net_opts=Adam&net_epochs=40&net.adam.lr=0.05"
                   "&net_start=glorot_uniform&net_seed=7", charts=2)
    page.wait_for_selector(IDLE)
    no_exception(page)
    expect(page.get_by_label("Epochs", exact=True)).to_have_value("40")
    expect(page.get_by_label("Random seed", exact=True)).to_have_value("7")
    expect(page.get_by_role("radio", name="glorot_uniform")).to_be_checked()
    loss = charts(page)[0]
    assert loss["names"] == ["Adam"], loss["names"]
    assert loss["xmax"] == 40.5
    assert re.search(r"net_epochs=40", page.url) and "net_opts=Adam" in page.url
    shot(page, "tiny-network-restored")
