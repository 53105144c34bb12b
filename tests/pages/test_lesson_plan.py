"""The lesson plan's button (ui/handout_ui.py): in the sidebar of a lesson page, it downloads the
printable handouts (ui/handout.py) in the page's language, with links on the app's own address."""

from __future__ import annotations

import streamlit

from tests.pages.helpers import fresh, open_page
from ui import handout, handout_ui
from ui.text import text


def _spy(monkeypatch) -> list[dict]:
    """Every st.download_button call of a run, by its arguments (the button's data is a callable that
    makes the file on a click)."""
    calls, real = [], streamlit.download_button

    def download_button(label, data, *args, **kwargs):
        calls.append({"label": label, "data": data, **kwargs})
        return real(label, data, *args, **kwargs)

    monkeypatch.setattr(streamlit, "download_button", download_button)
    return calls


def _lesson_plan(calls: list[dict]) -> dict:
    """The lesson plan's button of the last run."""
    found = [call for call in calls if call.get("key") == handout_ui.KEY]
    assert found, calls
    return found[-1]


def test_the_sidebar_button_downloads_the_lesson_plan_of_the_page_language(monkeypatch):
    calls = _spy(monkeypatch)
    at = open_page("lessons/saddles.py", lang="ko")
    button = [b for b in at.sidebar.get("download_button") if b.label == text("handout.download", "ko")]
    assert len(button) == 1
    call = _lesson_plan(calls)
    assert call["file_name"] == "descentlab-lesson-plan-ko.html" and call["mime"] == "text/html"
    assert call["on_click"] == "ignore"
    data = call["data"]()
    assert data == handout.html_document("ko").encode("utf-8")
    assert data is call["data"]()  # made once, then cached

    calls.clear()
    at.query_params["lang"] = "en"
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    call = _lesson_plan(calls)
    assert call["label"] == text("handout.download", "en")
    assert call["file_name"] == "descentlab-lesson-plan-en.html"
    assert call["data"]() == handout.html_document("en").encode("utf-8")


def test_the_links_of_the_download_are_on_the_app_address(monkeypatch):
    calls = _spy(monkeypatch)
    at = fresh(lang="en")
    at.context = {"url": "https://class.example:8501/saddles"}
    at.run()
    assert not at.exception
    data = _lesson_plan(calls)["data"]().decode("utf-8")
    assert data == handout.html_document("en", "https://class.example:8501")
    assert 'href="https://class.example:8501/saddles?step=1&amp;lang=en"' in data
