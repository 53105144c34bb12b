"""A shared link opened on a freshly started server shows its page inside the app's frame.

A link that is the server's very first request is the case a sleeping Cloud app meets on
wake-up. Each URL gets its own fresh server.
"""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request

import pytest
from playwright.sync_api import Page, expect

from .conftest import ARTIFACTS, ROOT, _free_port

IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
DEEP_LINKS = [
    ("learning-rate?lang=en&fn=cubic", "Learning rate in 1-D"),
    ("compare?lang=ko", "옵티마이저 비교"),
    ("lr-sweep?lang=en", "Learning-rate sweep"),
    ("saddles?lang=en", "Saddle points and basins"),
    ("minibatch?lang=ko", "배치, 미니배치, SGD"),
    ("tiny-network?lang=en", "Training a tiny network"),
]


def fresh_server():
    port = _free_port()
    log = open(ARTIFACTS / f"fresh-server-{port}.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2):
                return proc, url, log
        except OSError:
            time.sleep(0.3)
    proc.kill()
    pytest.fail("fresh server did not start")


@pytest.mark.parametrize("path, heading", DEEP_LINKS)
def test_first_request_deep_link_gets_page_and_frame(page: Page, path, heading, shot):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    proc, url, log = fresh_server()
    try:
        page.goto(f"{url}/{path}")
        expect(page.get_by_role("heading", name=heading).first).to_be_visible(timeout=60_000)
        page.wait_for_selector(IDLE, timeout=60_000)
        page.wait_for_timeout(1000)
        expect(page.get_by_text("Page not found")).to_have_count(0)
        expect(page.get_by_role("radiogroup", name="Language · 언어")).to_be_visible()  # the frame is there
        expect(page.locator("[data-testid='stSidebarNav'] a")).to_have_count(6)
        expect(page.locator("[data-testid='stException']")).to_have_count(0)
        shot(page, path.split("?")[0])
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()
