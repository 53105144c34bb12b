"""Every student's phone (issue 18), in a real browser emulating one (390 x 844 and 360 x 640 CSS px, touch,
a phone's user agent): no page scrolls sideways, in either language, on a story step and in free mode;
every control a student touches is at least 44 x 44 px; the step's chart comes first, at the screen's full
width, map above loss; a finger on a chart scrolls the page. Not timed: benchmarks/phone.py measures."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.app_pages import one_per_script

from .helpers import IDLE, no_exception

PHONE_UA = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 "
            "Mobile Safari/537.36")
PHONES = {"390x844": (390, 844), "360x640": (360, 640)}
PAGES = one_per_script()


@pytest.fixture(params=list(PHONES), ids=list(PHONES))
def phone(request, browser):
    width, height = PHONES[request.param]
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=True, has_touch=True,
                                  user_agent=PHONE_UA, device_scale_factor=2, locale="en-US")
    page = context.new_page()
    page.phone = (width, height)
    yield page
    context.close()


def _open(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(IDLE, timeout=90_000)
    page.wait_for_function("() => window.__descentlab !== undefined", timeout=60_000)
    page.wait_for_timeout(1200)
    page.wait_for_selector(IDLE, timeout=90_000)
    page.wait_for_timeout(600)


def _overflow(page: Page) -> int:
    return page.evaluate("""() => {
        const main = document.querySelector('[data-testid="stMain"]');
        const doc = document.documentElement;
        return Math.max(doc.scrollWidth - doc.clientWidth, main ? main.scrollWidth - main.clientWidth : 0);
    }""")


# The controls a student uses: in the main area (the sidebar is folded away on a phone), the page's own
# widgets and the play controls (in their shadow root); Streamlit's header buttons are counted too.
_SMALL = """() => {
    const out = [];
    const visit = (root) => {
        for (const el of root.querySelectorAll('button, [role=tab], [role=slider], select, summary, input, label')) {
            if (el.closest('[data-testid=stSidebar], .js-plotly-plot, [data-testid=stSkipToContent]')) continue;
            if (el.tagName === 'INPUT' && el.closest('label')) continue;  // the label is the target
            let r = el.getBoundingClientRect();
            const thumb = el.closest('[data-testid=stSlider] [role=group] div[style*="translate"]');
            if (thumb) r = thumb.getBoundingClientRect();  // a slider's (visually hidden) input: its thumb is the target
            else if (r.width <= 2 || r.height <= 2 || getComputedStyle(el).visibility === 'hidden') continue;  // not shown
            const combo = el.closest('[data-testid=stSelectbox] [role=group], [data-testid=stMultiSelect] [role=group]');
            if (combo && el.tagName === 'INPUT') r = combo.getBoundingClientRect();  // the box is the target
            if (el.tagName === 'LABEL' && !el.querySelector('input')) continue;  // a plain caption
            if (r.width < 44 || r.height < 44) out.push([Math.round(r.width), Math.round(r.height), el.tagName,
                (el.closest('[data-testid]') || {dataset: {}}).getAttribute?.('data-testid'),
                (el.innerText || el.getAttribute('aria-label') || '').slice(0, 30)]);
        }
        for (const host of root.querySelectorAll('*')) if (host.shadowRoot) visit(host.shadowRoot);
    };
    visit(document);
    return out;
}"""


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("declared", PAGES, ids=lambda p: p.url_path or "compare")
def test_no_page_scrolls_sideways_on_a_phone(phone: Page, app_url, declared, lang, shot):
    _open(phone, f"{app_url}/{declared.url_path}?lang={lang}&step=2")
    no_exception(phone)
    assert _overflow(phone) <= 0, (declared.url_path, lang)
    # the answer shown (results, tables, logs), then free mode (a setting changed by a link): still none
    phone.locator(".st-key-story_next button").first.click()
    phone.wait_for_selector(IDLE, timeout=90_000)
    phone.wait_for_timeout(800)
    assert _overflow(phone) <= 0, (declared.url_path, lang, "answer shown")
    if lang == "en" and phone.phone[0] == 390:
        shot(phone, f"{declared.url_path or 'compare'}-answer")


@pytest.mark.parametrize("declared", PAGES, ids=lambda p: p.url_path or "compare")
def test_every_student_control_is_at_least_44_px(phone: Page, app_url, declared):
    _open(phone, f"{app_url}/{declared.url_path}?lang=en&step=1")
    small = phone.evaluate(_SMALL)
    assert not small, small


def test_the_chart_comes_first_at_full_width_map_above_loss(phone: Page, app_url, shot):
    width, height = phone.phone
    _open(phone, f"{app_url}/?lang=en&step=1")
    chart = phone.locator(".st-key-stage .js-plotly-plot").first
    box = chart.bounding_box()
    assert box["y"] < height, "the first chart does not start on the first screen"
    assert box["width"] >= width - 40, box
    layout = phone.evaluate("""() => {
        const gd = document.querySelector('.st-key-stage .js-plotly-plot');
        return {map: gd._fullLayout.yaxis.domain, loss: gd._fullLayout.yaxis2.domain,
                modebar: !!gd.querySelector('.modebar-container .modebar')};
    }""")
    assert layout["map"][0] > layout["loss"][1], layout  # stacked: the map above the loss
    assert not layout["modebar"], layout
    # a finger swiping up over the chart scrolls the page (the chart does not capture it to pan or zoom)
    cdp = phone.context.new_cdp_session(phone)
    x, y = box["x"] + box["width"] / 2, box["y"] + min(box["height"], height - box["y"]) * 0.6
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for k in range(1, 11):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y - 20 * k}]})
        phone.wait_for_timeout(16)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    phone.wait_for_timeout(500)
    scrolled = phone.evaluate("() => document.querySelector('[data-testid=stMain]').scrollTop")
    assert scrolled > 100, scrolled
    phone.evaluate("() => document.querySelector('[data-testid=stMain]').scrollTo(0, 0)")
    # the story's question is right under its chart: no scrolling back and forth
    question = phone.locator(".st-key-story-panel").get_by_text("Question for the room").first.bounding_box()
    assert question["y"] > box["y"] + box["height"]
    shot(phone, "compare-first-screen")


def test_play_and_step_by_touch(phone: Page, app_url):
    _open(phone, f"{app_url}/?lang=en&step=1")
    controls = phone.locator(".st-key-map_player")
    controls.locator("button[data-act='forward']").tap()
    phone.wait_for_timeout(400)
    controls.locator("button[data-act='forward']").tap()
    phone.wait_for_timeout(400)
    state = "() => document.querySelector('.st-key-map .js-plotly-plot')._fullLayout.sliders[0].active"
    assert phone.evaluate(state) == 2
    assert "2" in controls.locator(".status").inner_text()
    controls.locator("button[data-act='play']").tap()
    phone.wait_for_timeout(1500)
    assert phone.evaluate(state) > 2


def test_a_slow_phone_keeps_the_run_s_pace_with_fewer_frames(browser, app_url):
    """On a CPU too slow for every frame (Chromium's throttling at 8x: plotly.js redoes every trace's defaults
    for each frame), Play goes on over every k-th step: the 6 x 300 race still ends near its designed length
    (pace), where playing every frame took four to five times as long (benchmarks/phone.py). Bounds are loose
    (a shared machine): fewer frames than the chart has, and the end within twice the designed length."""
    from plotting.animation import pace

    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  user_agent=PHONE_UA, device_scale_factor=2, locale="en-US")
    page = context.new_page()
    try:
        opts = "".join(f"&opts={o}" for o in ("SGD", "Momentum", "AdaGrad", "Adam", "RMSprop", "NAdam"))
        _open(page, f"{app_url}/?lang=en&steps=300{opts}")
        n = page.evaluate("""() => {
            const gd = document.querySelector('.st-key-map .js-plotly-plot');
            const s = window.__run = {frames: 0, t0: null, t1: null};
            gd.on('plotly_animatingframe', () => { if (s.t0 === null) s.t0 = performance.now(); s.frames += 1; });
            gd.on('plotly_animated', () => { s.t1 = performance.now(); });
            return gd._transitionData._frames.length;
        }""")
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 8})
        page.locator(".st-key-map_player button[data-act='play']").tap()
        page.wait_for_function("() => window.__run.t1 !== null", timeout=120_000, polling=500)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
        run = page.evaluate("() => window.__run")
        designed = pace(n) * (n - 1)
        assert run["frames"] < n, (run, n)
        assert run["t1"] - run["t0"] < 2 * designed, (run, designed)
        slider = "() => document.querySelector('.st-key-map .js-plotly-plot')._fullLayout.sliders[0]"
        state = page.evaluate(slider)
        assert state["active"] == len(state["steps"]) - 1  # it ends on the last step
    finally:
        context.close()
