"""End to end: a real Streamlit server, a real Chromium, what a user sees and clicks."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from ui.text import TEXT

from .helpers import IDLE, no_exception, open_app, play, plot_state

ANIMATED = {"", "compare", "learning-rate"}  # url paths whose first chart is an animation


def test_every_page_loads(page: Page, app_url, shot, declared_page):
    path = declared_page.url_path
    open_app(page, f"{app_url}/{path}?lang=en")  # fails unless a .js-plotly-plot appears
    expect(page.get_by_role("heading", name=TEXT[declared_page.title_key]["en"]).first).to_be_visible()
    expect(page.get_by_text("Page not found")).to_have_count(0)
    no_exception(page)
    # No Arrow table anywhere: its JS slows every plotly animation in the tab (ui/tables.py)
    expect(page.locator("[data-testid='stDataFrame'], [data-testid='stTable']")).to_have_count(0)
    if path in ANIMATED:
        assert plot_state(page)["frames"] > 1
    shot(page, path or "root")


def test_play_advances_and_landscape_survives(page: Page, app_url, shot):
    open_app(page, f"{app_url}/?lang=en")
    before = plot_state(page)
    assert before["images"] >= 1 and before["imageNodes"] >= 1
    play(page, "map", speed=0.25)
    page.wait_for_timeout(2500)
    after = plot_state(page)
    assert after["slider"] is not None and after["slider"] > (before["slider"] or 0)
    assert after["images"] >= 1 and after["imageNodes"] >= 1, "landscape image vanished during playback"
    assert after["isolineChars"] > 0 and after["isolineChars"] == before["isolineChars"], "contour lines vanished"
    assert after["traces"] == before["traces"]
    shot(page, "after-play")


def test_url_parameters_restore_the_scene(page: Page, app_url, shot):
    # Select boxes carry their shown (language-neutral) label in the URL: opts=Adam.
    open_app(page, f"{app_url}/?lang=en&surface=rosenbrock&steps=50&opts=Adam&adam.lr=0.05")
    no_exception(page)
    expect(page.get_by_role("combobox", name="Loss surface")).to_have_value("rosenbrock")
    expect(page.get_by_role("heading", name=re.compile("Rosenbrock")).first).to_be_visible()
    steps = page.get_by_label("Steps", exact=True)
    expect(steps).to_have_value("50")
    lr = page.get_by_label("lr", exact=True)
    expect(lr).to_have_value(re.compile(r"0\.05"))
    state = plot_state(page)
    assert any("Adam" in name for name in state["names"])
    assert not any(name.startswith("SGD") for name in state["names"]), state["names"]
    assert "opts=Adam" in page.url and "steps=50" in page.url
    shot(page, "restored")


def test_language_switch_changes_labels(page: Page, app_url, shot):
    open_app(page, f"{app_url}/?lang=en")
    expect(page.get_by_role("heading", name="Compare optimizers").first).to_be_visible()
    page.get_by_role("radiogroup", name="Language · 언어").get_by_text("ko", exact=True).click()
    expect(page.get_by_role("heading", name="옵티마이저 비교").first).to_be_visible(timeout=20_000)
    page.wait_for_selector(IDLE)
    assert "lang=ko" in page.url
    no_exception(page)
    shot(page, "korean")


def test_diverging_learning_rate_shows_the_badge(page: Page, app_url, shot):
    open_app(page, f"{app_url}/learning-rate?lang=en&lr=5")
    no_exception(page)
    expect(page.get_by_text(re.compile(r"diverged at step \d+")).first).to_be_visible()
    shot(page, "diverged-1d")
    open_app(page, f"{app_url}/?lang=en&opts=SGD&sgd.lr=50")
    no_exception(page)
    expect(page.get_by_text(re.compile(r"diverged at step \d+")).first).to_be_visible()
    shot(page, "diverged-compare")
