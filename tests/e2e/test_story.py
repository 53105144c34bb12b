"""The classroom features of issue 9 in a real browser: a link opens its story step, the animation
plays at the pace a class can follow, arrow keys step through updates, and presentation mode shows a
QR code that decodes back to the scene's link."""

from __future__ import annotations

import io
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
import zxingcpp  # the test lock's QR decoder (zxing-cpp)
from PIL import Image
from playwright.sync_api import Page, expect

from plotting.animation import RUN_SECONDS, SPEEDS, frame_duration, pace
from ui import share

from .helpers import IDLE, no_exception, open_app, play


def _panel_head(page: Page) -> str:
    return page.locator("[data-testid='stMarkdownContainer'] p", has_text=re.compile(r"· \d+ / \d+")).first.inner_text()


def test_a_link_with_step_opens_that_step(page: Page, app_url, shot):
    open_app(page, f"{app_url}/learning-rate?lang=en&step=3")
    no_exception(page)
    assert "3 / 5" in _panel_head(page) and "too large" in _panel_head(page)
    expect(page.get_by_label("Learning rate", exact=True)).to_have_value("0.27")
    # the step's pill is the one selected, and the link keeps step=3
    assert dict(parse_qsl(urlsplit(page.url).query))["step"] == "3"
    shot(page, "step3")


def test_a_step_that_is_not_a_step_falls_back_to_step_1(page: Page, app_url):
    open_app(page, f"{app_url}/saddles?lang=en&step=seven")
    no_exception(page)
    assert "1 / 5" in _panel_head(page)


def test_page_down_goes_to_the_next_step_and_the_url_follows(page: Page, app_url):
    """Page Down shows the step's answer first (tests/e2e/test_teacher.py), then opens the next step."""
    open_app(page, f"{app_url}/learning-rate?lang=en")
    page.evaluate("() => document.activeElement && document.activeElement.blur()")  # keys go to the page, not an input
    page.keyboard.press("PageDown")
    page.wait_for_function("() => document.querySelector('.st-key-story_answer details').open", timeout=30_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    page.keyboard.press("PageDown")
    page.wait_for_function("() => location.search.includes('step=2')", timeout=30_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    assert "2 / 5" in _panel_head(page)
    expect(page.get_by_label("Learning rate", exact=True)).to_have_value("0.002")


def _figure(page: Page, index: int = 0) -> dict:
    return page.evaluate("""(i) => {
        const gd = document.querySelectorAll('.js-plotly-plot')[i];
        return {frames: gd._transitionData._frames.length,
                buttons: gd.layout.updatemenus[0].buttons.map(b => ({label: b.label, args: b.args}))};
    }""", index)


def test_the_play_control_follows_the_pace_rule(page: Page, app_url):
    """The compare page's race (30 steps, 31 frames): each speed's frame duration is pace(31) / speed, and
    pressing play at 1x takes about RUN_SECONDS in the page (never less; more only when the machine is busy)."""
    open_app(page, f"{app_url}/?lang=en")
    figure = _figure(page)
    assert figure["frames"] == 31
    durations = [b["args"][1]["frame"]["duration"] for b in figure["buttons"] if b["args"][0] is None]
    # each waits one animation tick less than its frame time, so that frames come on time (frame_duration)
    assert durations == pytest.approx([frame_duration(pace(31) / s) for s in SPEEDS], abs=0.05)
    assert pace(31) >= 100  # at least 100 ms a step for a run of up to 50 steps
    page.evaluate("""() => {
        const gd = document.querySelectorAll('.js-plotly-plot')[0];
        window.__played = new Promise(resolve => {
            const t0 = performance.now();
            gd.on('plotly_animated', () => resolve(performance.now() - t0));
        });
    }""")
    play(page, "map", speed=1.0)  # the play controls under the chart press its own 1x button
    elapsed = page.evaluate("() => window.__played") / 1000
    # never faster than the rule; slower only as far as a busy machine delays frames (a loose bound: this
    # is a browser on shared cores, not a benchmark; benchmarks/frame_rate.py measures playback)
    assert RUN_SECONDS * 0.9 <= elapsed <= RUN_SECONDS * 6, elapsed


def test_arrow_keys_step_through_updates_on_the_1d_page(page: Page, app_url):
    open_app(page, f"{app_url}/learning-rate?lang=en")
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.keyboard.press("PageDown")  # the step's answer: the updates one by one come with it
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length >= 2", timeout=60_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    for key, expected in (("ArrowRight", 2), ("ArrowRight", 3), ("ArrowLeft", 2)):
        page.keyboard.press(key)
        page.wait_for_function(f"() => location.search.includes('upd={expected}')", timeout=30_000)
        page.wait_for_selector(IDLE, timeout=60_000)
        page.wait_for_timeout(300)
    no_exception(page)
    # update 2's numbers: the table row of step 2
    expect(page.locator("table").filter(has_text="effective lr").locator("tbody tr").first).to_contain_text("2")


def test_presentation_mode_shows_a_qr_code_of_the_scene_link(page: Page, app_url, shot):
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_app(page, f"{app_url}/saddles?lang=ko&step=2&present=true")
    no_exception(page)
    if share.network_address() is None:
        pytest.skip("no network address on this machine: no QR code (tests/e2e/test_teacher.py checks the warning)")
    image = page.locator("[data-testid='stImage'] img").first
    expect(image).to_be_visible()
    decoded = _qr(image)
    _same_scene(decoded, page.url, "/saddles")
    assert dict(parse_qsl(urlsplit(decoded).query)) == {"lang": "ko", "step": "2"}
    # the same link is in the sidebar, with a copy button
    # (ui.copy: the link as text with a Copy link button; its script writes the text in)
    expect(page.locator("[data-testid='stSidebar'] .st-key-share_link .url").first).to_have_text(decoded)
    shot(page, "qr")
    # the next step's QR code follows (Next shows the answer first, then goes on)
    page.locator(".st-key-story_next button").first.click()
    page.wait_for_selector(IDLE, timeout=60_000)
    page.locator(".st-key-story_next button").first.click()
    page.wait_for_function("() => location.search.includes('step=3')", timeout=30_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_timeout(500)
    decoded = _qr(page.locator("[data-testid='stImage'] img").first)
    _same_scene(decoded, page.url, "/saddles")
    assert dict(parse_qsl(urlsplit(decoded).query))["step"] == "3"


def _qr(image) -> str:
    found = [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(image.screenshot())))]
    assert len(found) == 1, found
    return found[0]


def _same_scene(link: str, browser_url: str, path: str) -> None:
    """The link is the page the browser shows (at the address phones can open: the machine's network
    address, the browser being on loopback), with every query parameter but presentation mode."""
    parts, shown = urlsplit(link), urlsplit(browser_url)
    assert (parts.hostname, parts.port, parts.path) == (share.network_address(), shown.port, path)
    expected = [(k, v) for k, v in parse_qsl(shown.query) if k != "present"]
    assert sorted(parse_qsl(parts.query)) == sorted(expected), (link, browser_url)


def test_a_link_too_long_for_a_qr_code_is_said_not_raised(page: Page, app_url):
    """Found by benchmarks/load.py: junk parameters made the link longer than a QR code holds."""
    open_app(page, f"{app_url}/saddles?lang=en&present=true&junk={'x' * 3000}")
    no_exception(page)
    expect(page.get_by_text("This link is too long for a QR code")).to_be_visible()
