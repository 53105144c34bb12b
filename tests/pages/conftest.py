"""Fixtures of the AppTest page tests (the helpers themselves are plain functions in helpers.py)."""

from __future__ import annotations

import pytest

import live
from tests.app_pages import DeclaredPage, one_per_script
from ui import ahead
from ui import live as live_ui


@pytest.fixture(autouse=True)
def nothing_made_ahead(monkeypatch):
    """No step made ready in the background (ui/ahead.py) during a page test, but in tests/pages/test_ahead.py: a
    job left running would build figures during the next test."""
    monkeypatch.setattr(ahead, "ENABLED", False)


@pytest.fixture(params=one_per_script(), ids=lambda page: page.file.removeprefix("lessons/").removesuffix(".py"))
def declared_page(request) -> DeclaredPage:
    """Once for every page script declared in app.py."""
    return request.param


@pytest.fixture(params=["en", "ko"])
def lang(request) -> str:
    return request.param


@pytest.fixture()
def store(tmp_path, monkeypatch):
    """The live classes' store of a test: SQLite in its own folder (no Redis); the rooms' handle."""
    monkeypatch.setenv(live.stores.DIR_ENV, str(tmp_path))
    monkeypatch.delenv(live.stores.REDIS_ENV, raising=False)
    live.shared.cache_clear()
    live_ui.rooms.cache_clear()
    yield live_ui.rooms()
    live.shared().close()
    live.shared.cache_clear()
    live_ui.rooms.cache_clear()
