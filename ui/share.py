"""Handing the class the current scene: its full link (copyable in the sidebar) and, in presentation
mode, a QR code of it that students scan from the projector.

The link is the page's address in the browser (``st.context.url``) with every query parameter the
page's URL-bound widgets hold now (the scene, the language, the story's step), but without
presentation mode: students open the scene on their own screens at normal size. The QR code is made
here by segno (pure Python, no web service), as a PNG.
"""

from __future__ import annotations

import functools
import io
from urllib.parse import urlencode, urlsplit

import segno
import streamlit as st

from . import i18n

# Query parameters that describe the presenter's screen, not the scene.
_NOT_SHARED = ("present",)


def link() -> str | None:
    """The current scene's full link, or None when the browser has not told its address (tests)."""
    base = st.context.url
    if not base:
        return None
    if not urlsplit(base).path:
        base += "/"
    pairs = [(key, value) for key in st.query_params if key not in _NOT_SHARED
             for value in st.query_params.get_all(key)]
    query = urlencode(pairs)
    return f"{base}?{query}" if query else base


@functools.lru_cache(maxsize=256)
def qr_png(url: str) -> bytes | None:
    """A QR code of ``url``: error correction M (readable with 15 % of it lost to glare), 4 modules of
    quiet zone, 10 pixels a module, black on white; None for a link longer than a QR code holds
    (about 2,300 characters, e.g. a link full of junk parameters)."""
    try:
        code = segno.make(url, error="m", boost_error=False)
    except segno.DataOverflowError:
        return None
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=10, border=4, dark="black", light="white")
    return buffer.getvalue()


def sidebar(url: str | None) -> None:
    """The link in the sidebar, with the code block's copy button."""
    if url is None:
        return
    with st.sidebar:
        st.subheader(i18n.t("share.title"))
        st.code(url, language=None, wrap_lines=True)
        st.caption(i18n.t("share.copy_help"))


def qr(url: str | None, width: int = 260) -> None:
    """The QR code of ``url`` (``width`` px), a line that says what it opens, and a button that shows it
    large (for the back of a classroom: a code 700 px wide on a projector is read from about 8 m)."""
    if url is None:
        return
    png = qr_png(url)
    if png is None:
        st.caption(i18n.t("share.too_long"))
        return
    code, words = st.columns([3, 2], vertical_alignment="center")
    with code:
        st.image(png, width=width, alt=i18n.t("share.qr_alt", url=url))
    with words:
        st.caption(i18n.t("share.scan"))
        if st.button(i18n.t("share.enlarge"), icon=":material/qr_code_2:", key="qr_large", width="stretch"):
            _large(url)


@st.dialog(" ", width="large")
def _large(url: str) -> None:
    st.markdown(f"**{i18n.t('share.scan')}**")
    st.image(qr_png(url), width=720, alt=i18n.t("share.qr_alt", url=url))
    st.caption(url)
