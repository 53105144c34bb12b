"""Page-wide look: presentation mode and shared page header."""

from __future__ import annotations

import streamlit as st

from . import i18n

# Static CSS written by us (never user text): larger type for projectors.
_PRESENTATION_CSS = """
<style>
html, body, [data-testid="stAppViewContainer"] { font-size: 1.25rem; }
[data-testid="stMarkdownContainer"] p, [data-testid="stCaptionContainer"] { font-size: 1.25rem; }
h1 { font-size: 2.6rem !important; }
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem; }
</style>
"""


def apply_presentation_mode(on: bool) -> None:
    if on:
        st.html(_PRESENTATION_CSS)


def presentation() -> bool:
    return bool(st.session_state.get("present", False))


def header(title_key: str, intro_key: str) -> None:
    """The page's title and introduction (in presentation mode the title only: the story panel below it
    tells the room what the step is about, and the chart stays closer to the top of the screen)."""
    st.title(i18n.t(title_key))
    if not presentation():
        st.write(i18n.t(intro_key))
