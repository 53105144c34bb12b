"""Page-wide look: presentation mode and shared page header."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from . import i18n

# Static CSS written by us (never user text): larger type for projectors.
_PRESENTATION_CSS = """
<style>
html, body, [data-testid="stAppViewContainer"] { font-size: 1.25rem; }
[data-testid="stMarkdownContainer"] p, [data-testid="stCaptionContainer"] { font-size: 1.25rem; }
h1 { font-size: 2.6rem !important; }
</style>
"""


def require_frame() -> None:
    """Hand over to app.py when Streamlit ran this page file on its own.

    With a ``pages/`` folder, the first request after the server starts is served in
    Streamlit's old multipage mode: a deep link (``/learning-rate?...``) runs the
    matching ``pages/*.py`` file directly, without app.py (no language switch, no
    navigation), until some run calls ``st.navigation``. Page files are named after
    their ``url_path`` so that link finds its page (no "Page not found" dialog), and
    this call switches the old mode off and reruns, so app.py draws the frame.
    Every page calls it first. (Streamlit 1.67: ``PagesManager.uses_pages_directory``.)
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def apply_presentation_mode(on: bool) -> None:
    if on:
        st.html(_PRESENTATION_CSS)


def presentation() -> bool:
    return bool(st.session_state.get("present", False))


def sized(figure):
    """Larger chart text in presentation mode (the figure is otherwise untouched)."""
    if presentation():
        figure.update_layout(font=dict(size=17))
    return figure


def header(title_key: str, intro_key: str) -> None:
    st.title(i18n.t(title_key))
    st.write(i18n.t(intro_key))
