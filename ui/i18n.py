"""Language choice (defaults to the browser's locale) and the t() helper."""

from __future__ import annotations

import streamlit as st

from .text import text

LANGUAGES = {"ko": "한국어", "en": "English"}


def browser_language() -> str:
    locale = (st.context.locale or "").lower()
    return "ko" if locale.startswith("ko") else "en"


def current() -> str:
    return st.session_state.get("lang") or browser_language()


def t(key: str, **fmt) -> str:
    return text(key, current(), **fmt)


def language_switch() -> str:
    """The language radio (in the URL as ?lang=); returns the chosen code."""
    # Options are the codes themselves: a bound widget writes its shown label into the URL.
    st.radio(
        "Language · 언어",
        options=list(LANGUAGES),
        index=list(LANGUAGES).index(browser_language()),
        captions=list(LANGUAGES.values()),
        horizontal=True,
        key="lang",
        bind="query-params",
    )
    return current()
