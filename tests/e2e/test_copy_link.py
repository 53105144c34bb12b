"""The share link's Copy link control (ui/copy.py, issue 18) and the frontend chunks the pages load.

The sidebar showed the link in ``st.code``, whose copy button came with Streamlit's 1.6 MB syntax
highlighter: every page downloaded it. The link is now text with a real button; no page may fetch the
highlighter again.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.app_pages import declared_pages
from ui import share

from .helpers import IDLE, no_exception, open_app

LINK = "[data-testid='stSidebar'] .st-key-share_link"


@pytest.fixture(autouse=True)
def _needs_a_link():
    if share.network_address() is None:
        pytest.skip("no network address on this machine: the sidebar shows a warning instead of a link")


def test_copy_link_copies_the_scene_link(page: Page, app_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app_url)
    page.set_viewport_size({"width": 1280, "height": 800})
    open_app(page, f"{app_url}/saddles?lang=en&step=2")
    no_exception(page)
    text = page.locator(f"{LINK} .url").first
    expect(text).to_contain_text("step=2")
    link = text.inner_text().strip()
    button = page.locator(f"{LINK} button").first
    expect(button).to_have_attribute("aria-label", "Copy the link to this scene")
    expect(button).to_have_text("Copy link")
    box = button.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44, box
    button.click()
    expect(page.locator(f"{LINK} .status").first).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == link


def test_without_the_clipboard_api_the_link_is_selected_and_copied(page: Page, app_url):
    """A classroom server at http://192.168.x.y is not a secure context: phones have no navigator.clipboard."""
    page.add_init_script("Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });")
    page.set_viewport_size({"width": 1280, "height": 800})
    open_app(page, f"{app_url}/?lang=ko")
    text = page.locator(f"{LINK} .url").first
    expect(text).to_contain_text("lang=ko")
    page.locator(f"{LINK} button").first.click()
    # execCommand("copy") copied the selection ("복사했습니다"), or the line says how to copy it
    expect(page.locator(f"{LINK} .status").first).to_have_text(
        re.compile("^(복사했습니다|링크를 선택했습니다.*)$"))
    selected = page.evaluate("""() => {
        const host = document.querySelector(".st-key-share_link");
        const roots = [document, ...Array.from(host.querySelectorAll("*")).map((e) => e.shadowRoot).filter(Boolean)];
        return roots.map((r) => (r.getSelection ? r.getSelection() : document.getSelection()).toString()).join("");
    }""")
    assert text.inner_text().strip() in selected


def test_no_page_loads_the_syntax_highlighter(page: Page, app_url):
    """Every declared page, opened in turn in one tab: the chunks it fetches never include Streamlit's
    syntax highlighter (st.code's), whatever else each page needs."""
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.set_viewport_size({"width": 1280, "height": 800})
    for declared in declared_pages():
        page.goto(f"{app_url}/{declared.url_path}?lang=en")
        page.wait_for_selector(IDLE, timeout=90_000)
        page.wait_for_timeout(1500)
        no_exception(page)
    scripts = [url.rsplit("/", 1)[-1] for url in fetched if "/static/js/" in url]
    assert any(name.startswith("PlotlyChart.") for name in scripts), scripts
    assert not [name for name in scripts if "SyntaxHighlighter" in name]
