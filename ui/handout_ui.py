"""The lesson plan in the app: a sidebar button that downloads the printable handouts (ui/handout.py) in
the current language, with links to this server's pages.

The file is made only when the button is clicked (deferred ``data``), once per language and server
address (``document``, cached), and the click does not rerun the page.
"""

from __future__ import annotations

import functools
from urllib.parse import urlsplit

import streamlit as st

from . import handout, i18n, share

KEY = "dl_lesson_plan"


@functools.lru_cache(maxsize=16)
def document(lang: str, base_url: str = "") -> bytes:
    """The lesson plan in ``lang`` as an HTML file, its links on ``base_url`` (built once per pair)."""
    return handout.html_document(lang, base_url).encode("utf-8")


def server() -> str:
    """The app's address as students open it (``share.public_base``: not the teacher's loopback address
    when another one is known; else as the browser sees it), with the server's base path, for the
    handouts' links; "" when the browser has not told it (tests) or it is not a web address."""
    parts = urlsplit(st.context.url or "")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    prefix = str(st.get_option("server.baseUrlPath") or "").strip("/")
    seen = f"{parts.scheme}://{parts.netloc}" + (f"/{prefix}" if prefix else "")
    base = (share.public_base(seen + "/").url or seen).rstrip("/")
    try:
        handout.link(handout.PAGES[0], 1, "en", base)
    except ValueError:
        return ""
    return base


def sidebar() -> None:
    """The download button, in the sidebar."""
    lang = i18n.current()
    with st.sidebar:
        st.download_button(i18n.t("handout.download"), data=functools.partial(document, lang, server()),
                           file_name=f"descentlab-lesson-plan-{lang}.html", mime="text/html",
                           key=KEY, help=i18n.t("handout.download_help"), on_click="ignore",
                           icon=":material/print:", width="stretch")
