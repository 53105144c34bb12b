"""End to end: the batch / mini-batch / SGD page in Chromium."""

from __future__ import annotations

import re
from urllib.parse import quote

from playwright.sync_api import Page, expect

from .helpers import IDLE, no_exception, open_app, play, plot_state


def test_page_loads_in_both_languages(page: Page, app_url, shot):
    open_app(page, f"{app_url}/minibatch?lang=en")
    expect(page.get_by_role("heading", name="Batch, mini-batch, SGD").first).to_be_visible()
    # the frame ran too: language switch, navigation
    expect(page.get_by_text("Language · 언어")).to_be_visible()
    expect(page.get_by_role("link", name="Compare optimizers")).to_be_visible()
    no_exception(page)
    race = plot_state(page, 0)
    assert race["frames"] > 10 and race["images"] >= 1 and race["imageNodes"] >= 1
    assert {"GD (k = N = 50)", "mini-batch (k = 10)", "SGD (k = 1)"} <= set(race["names"])
    fit = plot_state(page, 1)
    assert "least-squares line" in fit["names"] and fit["frames"] > 10
    shot(page, "en")
    open_app(page, f"{app_url}/minibatch?lang=ko")
    expect(page.get_by_role("heading", name="배치, 미니배치, SGD").first).to_be_visible()
    expect(page.get_by_text("미니배치 크기 k").first).to_be_visible()
    no_exception(page)
    shot(page, "ko")


def test_url_parameters_restore_the_classification_scene(page: Page, app_url, shot):
    query = "&".join(f"{k}={quote(v)}" for k, v in {
        "lang": "en", "task": "sign(w·x)", "points": "30", "batch": "6", "epochs": "3", "decay": "γ/√t",
        "noise": "0.2"}.items())
    open_app(page, f"{app_url}/minibatch?{query}")
    no_exception(page)
    expect(page.get_by_role("radio", name="sign(w·x)")).to_be_checked()
    expect(page.get_by_role("radio", name="γ/√t")).to_be_checked()
    expect(page.get_by_label("Mini-batch size k", exact=True)).to_have_value("6")
    expect(page.get_by_role("slider", name="Number of points N")).to_have_value("30")
    expect(page.get_by_role("heading", name="The decision boundary")).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Hinge loss")).first).to_be_visible()
    assert "class +1" in plot_state(page, 1)["names"]
    table = page.locator("[data-testid='stMarkdownContainer'] table").first  # the learners, as Markdown
    expect(table).to_be_visible()
    expect(table).to_contain_text("mini-batch")
    shot(page, "classification")
    # a change writes the scene back into the URL
    page.get_by_label("Mini-batch size k", exact=True).fill("5")
    page.get_by_label("Mini-batch size k", exact=True).press("Enter")
    page.wait_for_function("() => location.search.includes('batch=5')", timeout=30_000)
    assert "task=sign" in page.url


def test_play_advances_and_the_landscape_survives(page: Page, app_url, shot):
    open_app(page, f"{app_url}/minibatch?lang=en")
    before = plot_state(page, 0)
    play(page, "race", speed=0.25)
    page.wait_for_timeout(2500)
    after = plot_state(page, 0)
    assert after["slider"] is not None and after["slider"] > (before["slider"] or 0)
    assert after["images"] >= 1 and after["imageNodes"] >= 1, "landscape image vanished during playback"
    assert after["isolineChars"] > 0 and after["isolineChars"] == before["isolineChars"], "isolines vanished"
    no_exception(page)
    shot(page, "playing")


def test_a_bad_mini_batch_size_shows_a_message(page: Page, app_url):
    open_app(page, f"{app_url}/?lang=en")
    page.goto(f"{app_url}/minibatch?lang=en&points=20&batch=40")
    page.wait_for_selector(IDLE, timeout=60_000)
    expect(page.get_by_text(re.compile("between 2 and N − 1 = 19"))).to_be_visible()
    no_exception(page)
