"""Handing the class the current scene: its full link (copyable in the sidebar) and, in presentation
mode, a QR code of it that students scan from the projector.

The link is the page's address with every query parameter the page's URL-bound widgets hold now (the
scene, the language, the story's step), but without presentation mode: students open the scene on their
own screens at normal size. Its address must be one the students' phones can open, which the browser's
own address often is not: a teacher who runs the app on a laptop opens it at 127.0.0.1. The address is,
in this order (``public_base``):

1. the one the server's operator set: ``DESCENTLAB_PUBLIC_URL`` in the environment (a proxy, a school
   server's name, Streamlit Community Cloud), or Streamlit's own ``browser.serverAddress`` option;
2. the one the teacher typed in the sidebar ("Address students open"), for this session only. It is never
   taken from the URL: a link could otherwise send a whole class's QR code to a stranger's site;
3. the browser's own address, when it is not loopback;
4. on loopback, this machine's network address (as Streamlit prints it at start-up), with the page's
   port, and a line that says which address it is and that students must be on the same network; unless
   the server listens on loopback only, or runs in a container (whose address the phones cannot reach):
   then no QR code, and a warning that says what to set.

The QR code is made here by segno (pure Python, no web service), as a PNG.
"""

from __future__ import annotations

import functools
import io
import ipaddress
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

import segno
import streamlit as st

from . import copy, i18n

ENV = "DESCENTLAB_PUBLIC_URL"
CONTAINER_ENV = "DESCENTLAB_CONTAINER"  # set to 1 by the Dockerfile
TEACHER_KEY = "public_address"  # the sidebar's text input (session only)
# Query parameters that describe the presenter's screen or a live class's member (ui/live.py), not the scene.
_NOT_SHARED = ("present", "room", "me", "teacher")
_LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


@dataclass(frozen=True)
class Link:
    """The scene's link for the class: ``url`` (None when no address a phone can open is known) and a line
    to show with it (``note``; ``warning`` when the class cannot use the link)."""

    url: str | None
    note: str | None = None
    warning: bool = False


def is_loopback(host: str | None) -> bool:
    host = (host or "").strip("[]").lower()
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def parse_base(text: str) -> str | None:
    """``text`` as the base address of the app (``http(s)://host[:port][/path]``), without a trailing slash,
    query or fragment; None if it is not one."""
    text = (text or "").strip()
    if not text or any(c.isspace() for c in text) or len(text) > 300:
        return None
    try:
        parts = urlsplit(text)
        port = parts.port  # raises on a port that is not a number or out of range
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username or parts.password:
        return None
    netloc = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    netloc += f":{port}" if port else ""
    return f"{parts.scheme}://{netloc}{parts.path.rstrip('/')}"


@functools.lru_cache(maxsize=1)
def network_address() -> str | None:
    """This machine's address on its network (the interface of its default route, as Streamlit finds its
    "Network URL": a UDP socket "connected" to a public address sends nothing), or None."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("8.8.8.8", 80))
            address = probe.getsockname()[0]
    except OSError:
        return None
    return None if is_loopback(address) or address == "0.0.0.0" else address


def in_container() -> bool:
    """Whether the app runs in the project's Docker image, which says so (``CONTAINER_ENV``): files such as
    /.dockerenv are also found on machines that are not containers, and cannot tell."""
    return os.environ.get(CONTAINER_ENV) == "1"


def _operator_base() -> tuple[str | None, str]:
    """The operator's public address and where it came from ("env", "option"), or (None, "")."""
    configured = parse_base(os.environ.get(ENV, ""))
    if configured:
        return configured, "env"
    host = str(st.get_option("browser.serverAddress") or "")
    if host and not is_loopback(host):
        port = st.get_option("browser.serverPort")
        return parse_base(f"http://{host}" + (f":{port}" if port and int(port) not in (80, 443) else "")), "option"
    return None, ""


def public_base(page_url: str) -> Link:
    """Where students open the page whose browser address is ``page_url`` (scheme, host, port and path,
    no query): a ``Link`` whose ``url`` is the base to put the query after, or None."""
    t = i18n.t
    parts = urlsplit(page_url)
    path = parts.path or "/"
    operator, source = _operator_base()
    if operator:
        return Link(operator + path, t("share.note_operator"))
    teacher = parse_base(st.session_state.get(TEACHER_KEY, "") or "")
    if teacher:
        return Link(teacher + path, t("share.note_teacher"))
    if not is_loopback(parts.hostname):
        return Link(page_url if parts.path else page_url + "/")
    if is_loopback(str(st.get_option("server.address") or "")):
        return Link(None, t("share.loopback_only"), warning=True)
    address = network_address()
    if address is None or in_container():
        return Link(None, t("share.no_address" if address is None else "share.container", env=ENV), warning=True)
    origin = f"{parts.scheme}://{address}" + (f":{parts.port}" if parts.port else "")
    return Link(f"{origin}{path}", t("share.note_network", address=origin))


def link() -> Link:
    """The current scene's link for the class (``Link.url`` None when the browser has not told its address,
    as in tests, or no address a phone can open is known)."""
    base = st.context.url
    if not base:
        return Link(None)
    where = public_base(base.split("?", 1)[0])
    if where.url is None:
        return where
    pairs = [(key, value) for key in st.query_params if key not in _NOT_SHARED
             for value in st.query_params.get_all(key)]
    query = urlencode(pairs)
    return Link(f"{where.url}?{query}" if query else where.url, where.note, where.warning)


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


def _say(found: Link) -> None:
    if found.note:
        (st.warning if found.warning else st.caption)(found.note)


def sidebar(found: Link) -> None:
    """The link in the sidebar, with a Copy link button (``ui.copy``: no syntax highlighter to download),
    what address it is, and the teacher's own address for the class."""
    with st.sidebar:
        st.subheader(i18n.t("share.title"))
        if found.url is not None:
            copy.link(found.url, key="share_link")
            st.caption(i18n.t("share.copy_help"))
        _say(found)
        typed = st.text_input(i18n.t("share.teacher_address"), key=TEACHER_KEY, placeholder="http://192.168.0.10:8501",
                              help=i18n.t("share.teacher_address_help", env=ENV))
        if typed and parse_base(typed) is None:
            st.error(i18n.t("share.teacher_address_bad"), icon=":material/warning:")


def qr(found: Link, width: int = 260, scan_key: str = "share.scan", alt_key: str = "share.qr_alt",
       columns: tuple[int, int] = (3, 2), heading: Callable[[], None] | None = None, compact: bool = False) -> None:
    """The QR code of the link (``width`` px), a line that says what it opens, and a button that shows it
    large (for the back of a classroom: a code 700 px wide on a projector is read from about 8 m); the
    warning instead when the class could not open the link. ``scan_key`` and ``alt_key`` name its texts (what
    scanning opens; the image's text alternative); ``columns``: the widths of the code's and the words' columns;
    ``heading`` draws what comes first in the words' column (above the warning when there is no QR code);
    ``compact`` (a small projector's slide, where every line counts): no line under the heading, which then says
    what scanning does, and a flat Enlarge button under the code."""
    png = qr_png(found.url) if found.url is not None else None
    if png is None:
        if heading is not None:
            heading()
        if found.url is None:
            _say(found)
        else:
            st.caption(i18n.t("share.too_long"))
        return
    code, words = st.columns(list(columns), vertical_alignment="center")
    with code:
        st.image(png, width=width, alt=i18n.t(alt_key, url=found.url))
        if compact:
            enlarge = st.button(i18n.t("share.enlarge"), icon=":material/qr_code_2:", key="qr_large", type="tertiary")
    with words:
        if heading is not None:
            heading()
        if not compact:
            st.caption(i18n.t(scan_key))
        if found.note:
            st.caption(found.note)
        if not compact:
            enlarge = st.button(i18n.t("share.enlarge"), icon=":material/qr_code_2:", key="qr_large", width="stretch")
    if enlarge:
        _large(found.url, scan_key, alt_key)


@st.dialog(" ", width="large")
def _large(url: str, scan_key: str = "share.scan", alt_key: str = "share.qr_alt") -> None:
    st.markdown(f"**{i18n.t(scan_key)}**")
    st.image(qr_png(url), width=720, alt=i18n.t(alt_key, url=url))
    copy.link(url, key="share_link_large")
