"""Language choice (defaults to the browser's locale) and the t() helper."""

from __future__ import annotations

import contextvars

import streamlit as st

from .text import text

LANGUAGES = {"ko": "한국어", "en": "English"}


def browser_language() -> str:
    locale = (st.context.locale or "").lower()
    return "ko" if locale.startswith("ko") else "en"


# The language of this run, once the frame's switch has settled it (``language_switch``): a page run asks for it
# some seventy times (every ``t``), and each read of the session state costs ~20 µs. A script run is one thread
# of its session's own, and each full run sets it again (a fragment's run in a new thread finds it unset and reads
# the session state); the language changes only through a full run.
_RUN_LANG: contextvars.ContextVar[str | None] = contextvars.ContextVar("descentlab_lang", default=None)


def current() -> str:
    settled = _RUN_LANG.get()
    if settled is not None:
        return settled
    return st.session_state.get("lang") or browser_language()


def t(key: str, **fmt) -> str:
    return text(key, current(), **fmt)


def language_switch() -> str:
    """The language radio (in the URL as ?lang=); returns the chosen code."""
    _RUN_LANG.set(None)  # a new run: nothing settled yet
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
    chosen = current()
    _RUN_LANG.set(chosen)
    return chosen
