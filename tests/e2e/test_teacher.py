"""The teacher's desk (issue 17) in a real browser: a lesson run from a laptop to a projector.

- each step opens with its answer closed; Page Down shows the answer, then goes to the next step;
- the QR code holds an address a phone can open when the teacher's browser is on 127.0.0.1;
- in presentation mode the story and its chart share one screen, at 1920 x 1080 and 1280 x 720;
- an optimizer has one colour and shape on every step;
- no page or tab scrolls sideways on a 1366 x 768 laptop.
"""

from __future__ import annotations

import io
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Page, expect

from tests.app_pages import one_per_script
from ui import share
from ui.text import text

from .helpers import ARTIFACTS, IDLE, no_exception, open_app, start_server, stop_server


def settled(page: Page) -> None:
    """Wait until the page script has reported the screen and the rerun that may follow is over."""
    page.wait_for_function("() => window.__descentlab !== undefined", timeout=60_000)
    page.wait_for_selector(IDLE, timeout=90_000)
    page.wait_for_timeout(1200)
    page.wait_for_selector(IDLE, timeout=90_000)
    page.wait_for_timeout(500)


def _answer_open(page: Page) -> bool:
    return page.locator(".st-key-story_answer details").first.evaluate("(d) => d.open")


def _kept_back(page: Page) -> int:
    return page.get_by_text(re.compile("shown with the answer")).count()


def test_page_down_shows_the_answer_then_the_next_step_opens_closed(page: Page, app_url, shot):
    open_app(page, f"{app_url}/learning-rate?lang=en&step=1")
    settled(page)
    assert not _answer_open(page) and _kept_back(page) >= 1
    expect(page.locator(".st-key-story_next button").first).to_contain_text(text("story.reveal_label", "en"))
    page.evaluate("() => document.activeElement && document.activeElement.blur()")  # keys go to the page
    page.keyboard.press("PageDown")  # a presenter's clicker: first the answer
    page.wait_for_function("() => document.querySelector('.st-key-story_answer details').open", timeout=30_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    assert "step=2" not in page.url
    assert _kept_back(page) == 0  # the outcome is shown with the answer
    expect(page.locator(".st-key-story_next button").first).to_contain_text(text("story.next_label", "en"))
    shot(page, "answer-shown")
    page.keyboard.press("PageDown")  # then the next step, its answer closed again
    page.wait_for_function("() => location.search.includes('step=2')", timeout=30_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_timeout(500)
    assert not _answer_open(page), "the answer arrived open on the next step"
    assert _kept_back(page) >= 1
    page.keyboard.press("PageUp")
    page.wait_for_function("() => !location.search.includes('step=2')", timeout=30_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    assert not _answer_open(page)
    no_exception(page)


def test_an_answer_opened_by_mouse_closes_on_the_next_step(page: Page, app_url):
    open_app(page, f"{app_url}/?lang=en&step=2")
    settled(page)
    page.locator(".st-key-story_answer summary").first.click()
    page.wait_for_selector(IDLE, timeout=60_000)
    assert _answer_open(page)
    page.locator(".st-key-story_next button").first.click()  # open already: Next goes on
    page.wait_for_function("() => location.search.includes('step=3')", timeout=30_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_timeout(500)
    assert not _answer_open(page)


def _qr(image) -> str:
    found = [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(image.screenshot())))]
    assert len(found) == 1, found
    return found[0]


def test_the_qr_code_of_a_teacher_on_loopback_is_the_machine_s_network_address(page: Page, app_url, shot):
    """Opened at 127.0.0.1 (as the README's command prints it), the QR code must not send phones there."""
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_app(page, f"{app_url}/saddles?lang=ko&step=2&present=true")
    settled(page)
    no_exception(page)
    address = share.network_address()  # this machine's, as the server (on this machine) finds it
    if address is None:  # a machine with no network: no QR code, and the warning says what to do
        expect(page.get_by_text(re.compile("QR 코드가 없습니다"))).to_be_visible()
        return
    decoded = _qr(page.locator("[data-testid='stImage'] img").first)
    parts = urlsplit(decoded)
    assert parts.hostname == address and not share.is_loopback(parts.hostname)
    assert parts.port == urlsplit(app_url).port and parts.path == "/saddles"
    assert dict(parse_qsl(parts.query)) == {"lang": "ko", "step": "2"}
    expect(page.get_by_text(address).first).to_be_visible()  # the line that says which address it is
    shot(page, "qr-network-address")
    # the enlarged code, one click away, holds the same link
    page.locator(".st-key-qr_large button").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    assert _qr(dialog.locator("img").first) == decoded
    assert dialog.locator("img").first.bounding_box()["width"] >= 600
    expect(dialog.locator(".st-key-share_link_large .url")).to_have_text(decoded)  # and under it, to copy
    shot(page, "qr-large")


@pytest.fixture(scope="module")
def public_url_app():
    """A second server, started as an operator would behind a proxy: DESCENTLAB_PUBLIC_URL set."""
    with open(ARTIFACTS / "streamlit-server-public.log", "w") as log:
        proc, url = start_server(log, env={share.ENV: "https://descentlab.example.kr/class"})
        try:
            yield url
        finally:
            stop_server(proc)


def test_the_operator_s_public_address_wins(page: Page, public_url_app):
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_app(page, f"{public_url_app}/?lang=en&step=3&present=true")
    settled(page)
    decoded = _qr(page.locator("[data-testid='stImage'] img").first)
    parts = urlsplit(decoded)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://descentlab.example.kr/class/"
    assert dict(parse_qsl(parts.query))["step"] == "3"
    # (ui.copy: the link as text with a Copy link button; its script writes the text in)
    expect(page.locator("[data-testid='stSidebar'] .st-key-share_link .url").first).to_have_text(decoded)


# -- one screen --------------------------------------------------------------------------------------------
SLIDES = [("", 1), ("learning-rate", 3), ("saddles", 1), ("minibatch", 2), ("curvature", 5)]


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("slide", SLIDES, ids=lambda s: f"{s[0] or 'compare'}-{s[1]}")
def test_story_and_its_chart_share_one_projector_screen(page: Page, app_url, shot, slide, size):
    path, step = slide
    width, height = size
    page.set_viewport_size({"width": width, "height": height})
    open_app(page, f"{app_url}/{path}?lang=en&step={step}&present=true")
    settled(page)
    no_exception(page)
    head = page.locator(".st-key-story-panel").get_by_text(re.compile(r"· \d+ / \d+")).first.bounding_box()
    question = page.locator(".st-key-story-panel").get_by_text(text("story.question", "en")).first.bounding_box()
    chart = page.locator(".st-key-stage .js-plotly-plot .main-svg").first.bounding_box()
    play = page.locator(".st-key-stage [class*='_player'] button[data-act='play']").first.bounding_box()
    for name, box in (("story", head), ("question", question), ("chart", chart), ("play", play)):
        assert box is not None, name
        assert box["y"] >= 0 and box["y"] + box["height"] <= height + 1, (name, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, (name, box)
    shot(page, f"slide-{path or 'compare'}-{step}-{width}")


def test_chart_text_on_a_1920_projector_is_at_least_20_px(page: Page, app_url):
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_app(page, f"{app_url}/?lang=en&step=1&present=true")
    settled(page)
    sizes = page.evaluate("""() => {
        const gd = document.querySelector('.st-key-stage .js-plotly-plot');
        const px = (sel) => Array.from(gd.querySelectorAll(sel)).map((el) => parseFloat(getComputedStyle(el).fontSize));
        return {ticks: px('.xtick text, .ytick text'), legend: px('.legendtext'),
                step: px('.slider-group > text.slider-label')};
    }""")
    for kind, values in sizes.items():
        assert values and min(values) >= 20, (kind, values)


# -- one colour per optimizer --------------------------------------------------------------------------------
def _styles(page: Page) -> dict[str, tuple[str, str]]:
    """name -> (colour, marker shape) of every legend key of the page's charts."""
    return page.evaluate("""() => {
        const out = {};
        for (const gd of document.querySelectorAll('.js-plotly-plot')) {
            for (const t of gd.data) {
                if (t.x && t.x.length === 1 && t.x[0] === null && t.line && t.marker) {
                    out[t.name] = [t.line.color, t.marker.symbol];
                }
            }
        }
        return out;
    }""")


def test_each_optimizer_keeps_its_colour_and_shape_on_every_step(page: Page, app_url):
    seen: dict[str, set] = {}
    for step in range(1, 6):
        open_app(page, f"{app_url}/?lang=en&step={step}")
        for name, style in _styles(page).items():
            seen.setdefault(name, set()).add(tuple(style))
    assert {"SGD", "Momentum", "AdaGrad", "Adam"} <= set(seen)
    assert all(len(styles) == 1 for styles in seen.values()), seen
    colours = [next(iter(styles))[0] for styles in seen.values()]
    assert len(set(colours)) == len(colours), seen


# -- a laptop ------------------------------------------------------------------------------------------------
def _overflow(page: Page) -> int:
    """How far the page scrolls sideways (px): the document's and the main area's."""
    return page.evaluate("""() => {
        const main = document.querySelector('[data-testid="stMain"]');
        const doc = document.documentElement;
        return Math.max(doc.scrollWidth - doc.clientWidth, main ? main.scrollWidth - main.clientWidth : 0);
    }""")


@pytest.mark.parametrize("declared", one_per_script(), ids=lambda p: p.url_path or "compare")
def test_no_page_scrolls_sideways_on_a_laptop(page: Page, app_url, declared):
    page.set_viewport_size({"width": 1366, "height": 768})
    open_app(page, f"{app_url}/{declared.url_path}?lang=en&step=1")
    settled(page)
    assert _overflow(page) <= 0, declared.url_path
    if declared.url_path == "":  # every tab of the compare page, the state inspector's tables included
        for tab in page.get_by_role("tab").all():
            tab.click()
            page.wait_for_selector(IDLE, timeout=90_000)
            page.wait_for_timeout(800)
            assert _overflow(page) <= 0, tab.inner_text()


def test_the_larger_view_plays_and_the_broken_full_screen_is_gone(page: Page, app_url, shot):
    """Streamlit's full-screen view drops a chart's frames (▶ stayed at step 0): animated charts offer a
    larger view instead, which plays."""
    open_app(page, f"{app_url}/?lang=en&step=1")
    settled(page)
    chart = page.locator("[data-testid='stPlotlyChart']").first
    chart.hover()
    expect(chart.locator(".modebar-btn[data-title='Fullscreen']")).to_be_hidden()
    page.locator(".st-key-map_larger button").first.click()
    dialog = page.get_by_role("dialog")
    expect(dialog.locator(".js-plotly-plot")).to_have_count(1, timeout=30_000)
    page.wait_for_timeout(800)
    state = "() => { const gd = document.querySelector('[role=dialog] .js-plotly-plot'); " \
            "return [gd._transitionData._frames.length, gd._fullLayout.sliders[0].active, gd._fullLayout.width]; }"
    frames, active, width = page.evaluate(state)
    assert frames > 1 and active == 0 and width > 1000
    dialog.locator("button[data-act='play']").click()  # ▶ at 1x, under the larger chart
    page.wait_for_timeout(2000)
    assert page.evaluate(state)[1] > 0, "the larger view's ▶ did not play"
    shot(page, "larger-view")
