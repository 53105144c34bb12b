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


def _upload(page: Page, name: str, data: bytes) -> None:
    """Give the sidebar's file uploader a file, as a student's file dialog does, and wait for the rerun."""
    page.locator("[data-testid='stSidebar'] input[type='file']").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": data}])
    page.wait_for_timeout(500)
    page.wait_for_selector(IDLE, timeout=60_000)


def test_uploading_a_csv_races_on_it_and_hostile_files_get_their_messages(page: Page, app_url, shot):
    page.goto(f"{app_url}/minibatch?lang=en&data=CSV")
    page.wait_for_selector(IDLE, timeout=90_000)
    expect(page.get_by_text("Choose a CSV file above").first).to_be_visible()
    assert page.locator(".js-plotly-plot").count() == 0
    no_exception(page)

    rows = "\n".join(f"{0.1 * i:.1f},{2 + 0.5 * i + (i % 3) * 0.2:.2f}" for i in range(40))
    _upload(page, "study.csv", ("hours <b>studied</b>,score\n" + rows + "\n").encode())
    page.wait_for_selector(".js-plotly-plot", timeout=90_000)
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length >= 2", timeout=90_000)
    no_exception(page)
    expect(page.get_by_text("study.csv: 40 rows, 2 columns.")).to_be_visible()
    fit = plot_state(page, 1)
    assert {"GD (k = N = 40)", "least-squares line"} <= set(fit["names"])
    # the column name is shown as text on the axis, never as markup
    title = page.locator(".js-plotly-plot").nth(1).locator(".xtitle").first
    expect(title).to_have_text("hours <b>studied</b> (standardised)")
    shot(page, "good-upload")

    _upload(page, "typo.csv", b"x,y\n1,2\n2,3\n3,oops\n4,5\n5,6\n")
    expect(page.get_by_text('Line 4, column "y": "oops" is not a number, but the rest of the column is.')) \
        .to_be_visible(timeout=30_000)
    expect(page.locator(".js-plotly-plot")).to_have_count(0)
    expect(page.get_by_text("The charts appear once the data in the sidebar can be used")).to_be_visible()
    no_exception(page)
    shot(page, "text-in-numbers")

    _upload(page, "wide.csv", (",".join(f"c{i}" for i in range(10_000)) + "\n").encode())
    expect(page.get_by_text("The file has 10,000 columns; at most 50 are read.", exact=False)) \
        .to_be_visible(timeout=30_000)
    no_exception(page)

    _upload(page, "study.csv", ("hours <b>studied</b>,score\n" + rows + "\n").encode())
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length >= 2", timeout=90_000)
    no_exception(page)


def test_a_bundled_data_set_by_link_in_korean(page: Page, app_url, shot):
    open_app(page, f"{app_url}/minibatch?lang=ko&data=iris&positive=versicolor&feature=sepal_width", charts=2)
    no_exception(page)
    expect(page.get_by_role("heading", name=re.compile("로지스틱 회귀")).first).to_be_visible()
    expect(page.get_by_text(re.compile("Fisher\\(1936\\)"))).to_be_visible()
    curve = plot_state(page, 1)
    assert "손실이 가장 낮은 곡선" in curve["names"] and curve["frames"] > 10
    shot(page, "iris-ko")
