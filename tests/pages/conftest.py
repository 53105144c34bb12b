"""Fixtures of the AppTest page tests (the helpers themselves are plain functions in helpers.py)."""

from __future__ import annotations

import pytest

from tests.app_pages import DeclaredPage, one_per_script
from ui import ahead


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
