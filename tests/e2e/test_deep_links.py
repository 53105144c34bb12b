"""A shared link opened on a freshly started server shows its page inside the app's frame.

A link that is the server's very first request is the case a sleeping Cloud app meets on
wake-up. Each URL gets its own fresh server.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.app_pages import declared_pages

from .helpers import ARTIFACTS, IDLE, start_server, stop_server

DEEP_LINKS = [
    ("learning-rate?lang=en&fn=cubic", "Learning rate in 1-D"),
    ("compare?lang=ko", "옵티마이저 비교"),
    ("lr-sweep?lang=en", "Learning-rate sweep"),
    ("saddles?lang=en", "Saddle points and basins"),
    ("minibatch?lang=ko", "배치, 미니배치, SGD"),
    ("tiny-network?lang=en", "Training a tiny network"),
    ("curvature?lang=ko", "곡률: SGD가 지그재그로 가는 이유"),
    ("landscape?lang=en&data=iris", "A real network's landscape"),
]
MENU_ENTRIES = sum(not page.hidden for page in declared_pages())


def test_every_declared_path_has_a_deep_link():
    linked = {path.split("?")[0] for path, _ in DEEP_LINKS}
    assert {page.url_path for page in declared_pages() if page.url_path} <= linked


@pytest.mark.parametrize("path, heading", DEEP_LINKS)
def test_first_request_deep_link_gets_page_and_frame(page: Page, path, heading, shot):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with open(ARTIFACTS / f"fresh-server-{path.split('?')[0]}.log", "w") as log:
        try:
            proc, url = start_server(log)
        except RuntimeError as error:
            pytest.fail(f"fresh server: {error}")
        try:
            page.goto(f"{url}/{path}")
            expect(page.get_by_role("heading", name=heading).first).to_be_visible(timeout=60_000)
            page.wait_for_selector(IDLE, timeout=60_000)
            page.wait_for_timeout(1000)
            expect(page.get_by_text("Page not found")).to_have_count(0)
            expect(page.get_by_role("radiogroup", name="Language · 언어")).to_be_visible()  # the frame is there
            expect(page.locator("[data-testid='stSidebarNav'] a")).to_have_count(MENU_ENTRIES)
            expect(page.locator("[data-testid='stException']")).to_have_count(0)
            shot(page, path.split("?")[0])
        finally:
            stop_server(proc)
