"""A real Streamlit server on loopback and Debian's Chromium driven by pytest-playwright."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.app_pages import DeclaredPage, declared_pages

from .helpers import ARTIFACTS, start_server, stop_server

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def app_url():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with open(ARTIFACTS / "streamlit-server.log", "w") as log:
        try:
            proc, url = start_server(log)
        except RuntimeError as error:
            pytest.fail(str(error))
        yield url
        stop_server(proc)


@pytest.fixture(params=declared_pages(), ids=lambda page: page.url_path or "root")
def declared_page(request) -> DeclaredPage:
    """Once for every url_path declared in app.py ("" is the page served at the root)."""
    return request.param


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (scripts/test.sh does)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "en-US", "viewport": {"width": 1400, "height": 1000}}


@pytest.fixture
def shot(request):
    """Save a full-page screenshot under test-artifacts/e2e/<test>-<name>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = ARTIFACTS / f"{request.node.name}-{name}.png".replace("/", "_")
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
