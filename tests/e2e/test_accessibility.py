"""Accessible to every student (issue 19), in a real browser:

- axe-core 4.12 (axe-playwright-python): no critical or serious violation on any page, in English and Korean,
  in normal and presentation mode, on a story step (its answer kept back), with the answer shown and in free
  mode, and on a phone (the upstream allow-list, tests/e2e/axe_allowlist.py, is empty);
- the page's language: <html lang="ko"> on a Korean page, "en" on an English one;
- the lesson by keyboard alone: Tab, Shift+Tab, Enter and Space through a whole story, playing the animation
  once, with a visible focus ring at every stop.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.app_pages import one_per_script
from ui.story import Story

from .axe_allowlist import ALLOWED
from .helpers import IDLE, no_exception

PAGES = one_per_script()
AXE = Axe()


def _settled(page: Page) -> None:
    page.wait_for_selector(IDLE, timeout=90_000)
    page.wait_for_function("() => window.__descentlab !== undefined", timeout=60_000)
    page.wait_for_timeout(1200)
    page.wait_for_selector(IDLE, timeout=90_000)
    page.wait_for_timeout(500)


def _violations(page: Page) -> list[str]:
    """The critical and serious violations axe-core finds, less the upstream allow-list, once no element is
    stale (Streamlit fades what a rerun is about to replace)."""
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')", timeout=60_000)
    results = AXE.run(page, options={"resultTypes": ["violations"]})
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] not in ("critical", "serious"):
            continue
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            if any(a["rule"] == violation["id"] and a["selector"] in target for a in ALLOWED):
                continue
            found.append(f"{violation['impact']} {violation['id']}: {target} ({node.get('failureSummary', '')[:160]})")
    return found


@pytest.mark.parametrize("mode", ["normal", "present"])
@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("declared", PAGES, ids=lambda p: p.url_path or "compare")
def test_no_critical_or_serious_axe_violation(page: Page, app_url, declared, lang, mode):
    if mode == "present":
        page.set_viewport_size({"width": 1920, "height": 1080})
    query = f"lang={lang}&step=2" + ("&present=true" if mode == "present" else "")
    page.goto(f"{app_url}/{declared.url_path}?{query}")
    _settled(page)
    no_exception(page)
    assert page.evaluate("() => document.documentElement.lang") == lang  # read with the right language's rules
    assert not _violations(page), _violations(page)
    # the answer shown: the results, tables and charts that were kept back
    page.locator(".st-key-story_next button").first.click()
    page.wait_for_selector(IDLE, timeout=90_000)
    page.wait_for_timeout(800)
    assert not _violations(page), "answer shown: " + "; ".join(_violations(page))  # with Next's tooltip shown
    page.mouse.move(1, 1)
    page.wait_for_timeout(300)
    assert not _violations(page), "answer shown: " + "; ".join(_violations(page))


def test_no_violation_in_free_mode_and_on_a_phone(browser, app_url):
    # free mode: a link that changes a setting of the step (the panel says so and offers the way back)
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="en-US")
    page = context.new_page()
    page.goto(f"{app_url}/learning-rate?lang=en&step=3&lr=0.1")
    _settled(page)
    assert page.locator(".st-key-story_return").count() == 1
    assert not _violations(page), _violations(page)
    context.close()
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                user_agent="Mozilla/5.0 (Linux; Android 14) Mobile Safari/537.36", locale="ko-KR")
    page = phone.new_page()
    page.goto(f"{app_url}/?lang=ko&step=1")
    _settled(page)
    assert not _violations(page), _violations(page)
    phone.close()


# -- the lesson by keyboard ---------------------------------------------------------------------------------------
_FOCUSED = """() => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
    const holder = el.closest('[class*="st-key-"]');
    const key = holder ? Array.from(holder.classList).find((c) => c.startsWith('st-key-')) : null;
    const act = el.dataset ? el.dataset.act : null;
    return {tag: el.tagName, key, act, ring, label: (el.getAttribute('aria-label') || el.innerText || '').slice(0, 40)};
}"""


def _tab_to(page: Page, want, limit: int = 40, back: bool = False) -> list[dict]:
    """Press Tab (Shift+Tab with ``back``) until ``want(focused)``; every stop on the way must show its ring."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        page.wait_for_timeout(40)
        focused = page.evaluate(_FOCUSED)
        if focused is None:
            continue
        stops.append(focused)
        assert focused["ring"], f"no visible focus at {focused}"
        if want(focused):
            return stops
    raise AssertionError(f"not reached in {limit} stops: {stops[-5:]}")


def _settle_after_key(page: Page) -> None:
    page.wait_for_timeout(300)
    page.wait_for_selector(IDLE, timeout=90_000)
    page.wait_for_timeout(500)


def test_a_whole_story_by_keyboard(page: Page, app_url, shot):
    """Tab to the story (through the skip link), Enter through every step (the answer, then the next step),
    Tab to the chart's Play and press Space; the focus stays where the keyboard is after every rerun."""
    from ui.stories import lr1d

    story: Story = lr1d.STORY
    page.goto(f"{app_url}/learning-rate?lang=en")
    _settled(page)
    page.keyboard.press("Tab")
    assert page.evaluate(_FOCUSED)["label"].startswith("Skip to main content")
    page.keyboard.press("Enter")  # straight to the page, past the sidebar
    stops = _tab_to(page, lambda f: f["key"] == "st-key-story_next", limit=8)
    assert len(stops) <= 4, stops  # the title has no link stop; the step pills, then Next
    for k in range(1, len(story.steps) + 1):
        assert re.search(rf"step={k}\b", page.url) or k == 1
        page.keyboard.press("Enter")  # the answer
        _settle_after_key(page)
        assert page.locator(".st-key-story_answer details").first.evaluate("(d) => d.open"), k
        # on the last step Next is done (disabled): the focus goes on to the answer just opened
        where = "st-key-story_next" if k < len(story.steps) else "st-key-story_answer"
        assert (page.evaluate(_FOCUSED) or {}).get("key") == where, f"step {k}: the focus left the story"
        if k == 2:  # play this step's animation, from the keyboard, then come back to the story
            _tab_to(page, lambda f: f["act"] == "play")
            page.keyboard.press("Space")
            page.wait_for_timeout(1500)
            active = "() => document.querySelector('.st-key-curve .js-plotly-plot')._fullLayout.sliders[0].active"
            assert page.evaluate(active) > 0, "Space on Play did not play"
            _tab_to(page, lambda f: f["act"] == "pause")
            page.keyboard.press("Enter")
            _tab_to(page, lambda f: f["key"] == "st-key-story_next", back=True)
        if k < len(story.steps):
            page.keyboard.press("Enter")  # the next step
            page.wait_for_function(f"() => location.search.includes('step={k + 1}')", timeout=30_000)
            _settle_after_key(page)
            assert page.evaluate(_FOCUSED)["key"] == "st-key-story_next"
    no_exception(page)
    shot(page, "last-step-by-keyboard")


def test_settings_change_by_keyboard(page: Page, app_url):
    """A setting in the sidebar, by keyboard: the steps box takes a new value and the chart follows."""
    page.goto(f"{app_url}/learning-rate?lang=en&step=1")
    _settled(page)
    _tab_to(page, lambda f: f["key"] == "st-key-iters", limit=40)
    page.keyboard.press("Control+A")
    page.keyboard.type("12")
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.search.includes('iters=12')", timeout=30_000)
    _settle_after_key(page)
    no_exception(page)
