"""The page's settings (its sidebar), drawn, or left undrawn for a student who follows a live class.

A following student's screen shows what the teacher's step shows: the step's own settings are written into the
session state when the class moves (``ui.story.go``), and the page only reads them. Drawing twenty-odd widgets
that nobody touches was ~40 % of each follower's page run, and a class makes forty of those at once on the
teacher's every Next (benchmarks/live_class.py). So in ``sidebar()``, while the student follows, the widget
functions of this module draw nothing and return what the widget would: the value held under its key (a step's
setting, or the last value the student chose, which Streamlit keeps for a widget bound to the URL while it is
not drawn), else the widget's default. The sidebar says that the teacher's step sets the scene, with one button
to change the settings (exploring on one's own, where every widget is drawn with the values in force).

Elements that are not widgets (a caption) are still made, in a container the page hides (``ui/layout.py``:
``.st-key-settings_quiet``); headings, frames that would hold only widgets and the places of the widgets' messages
are not (``header``, ``columns``, ``expander``, ``slot`` here): every element is some of the cost of each of forty
page runs. A page whose data is the student's own upload draws its settings as usual (a file upload is not kept
while its widget is not drawn).
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import Any

import streamlit as st

from . import i18n, live

_QUIET: contextvars.ContextVar[bool] = contextvars.ContextVar("descentlab_quiet_settings", default=False)
QUIET_KEY = "settings_quiet"  # the container of the undrawn settings (hidden by ui/layout.py's CSS)


def quiet() -> bool:
    """Whether this run leaves the settings' widgets undrawn (inside ``sidebar()``, for a following student)."""
    return _QUIET.get()


def _follower_view() -> bool:
    from . import datasource  # (which makes its widgets through this module)

    return live.following() and st.session_state.get(datasource.SOURCE_KEY) != datasource.UPLOAD


@contextlib.contextmanager
def sidebar(heading: str | None = None) -> Iterator[None]:
    """The page's settings: ``with settings.sidebar(heading):`` in place of ``with st.sidebar:`` and its
    ``st.header(heading)``, the widgets made through this module (or ``ui.controls``, which uses it). A
    following student's sidebar has neither the heading nor the widgets: a line and the button to them."""
    with st.sidebar:
        if not _follower_view():
            if heading is not None:
                st.header(heading)
            yield
            return
        st.caption(i18n.t("settings.following"))
        st.button(i18n.t("settings.explore"), icon=":material/tune:", key="settings_explore", on_click=live.explore,
                  width="stretch")
        with st.container(key=QUIET_KEY), undrawn():
            yield


@contextlib.contextmanager
def undrawn() -> Iterator[None]:
    """Inside it, this module's widgets are not drawn: each returns the value the widget would."""
    token = _QUIET.set(True)
    try:
        yield
    finally:
        _QUIET.reset(token)


def _held(key: str | None, default: Any) -> Any:
    if key is not None and key in st.session_state:
        return st.session_state[key]
    return default


def _pick(options, index: int | None, key: str | None) -> Any:
    options = list(options)
    return _held(key, options[index] if index is not None and options else None)


def markdown(body: str) -> None:
    """A line of text among the settings (``st.markdown``), not drawn where the settings are not."""
    if not quiet():
        st.markdown(body)


def header(label: str) -> None:
    """A heading among the settings (``st.header``), not drawn where the settings are not."""
    if not quiet():
        st.header(label)


def slot() -> Any:
    """A place for a setting's message (``st.empty()``, beside the control). Where the settings are not drawn it
    is no element: a message then goes where the page is (a follower's settings are the story's, which need none),
    and forty followers' runs send one element fewer each."""
    return contextlib.nullcontext() if quiet() else st.empty()


def columns(spec, **kwargs) -> list:
    """``st.columns`` of some of the settings; where they are not drawn, as many empty frames that make nothing."""
    if quiet():
        return [contextlib.nullcontext() for _ in range(spec if isinstance(spec, int) else len(spec))]
    return st.columns(spec, **kwargs)


def expander(label: str, **kwargs) -> Any:
    """``st.expander`` around some of the settings; where they are not drawn, nothing (what is written in it goes
    in the hidden container)."""
    return contextlib.nullcontext() if quiet() else st.expander(label, **kwargs)


# The widgets a page's settings use, with Streamlit's own signatures (what is not named passes through).
def selectbox(label: str, options, index: int | None = 0, **kwargs) -> Any:
    if quiet():
        return _pick(options, index, kwargs.get("key"))
    return st.selectbox(label, options, index=index, **kwargs)


def radio(label: str, options, index: int | None = 0, **kwargs) -> Any:
    if quiet():
        return _pick(options, index, kwargs.get("key"))
    return st.radio(label, options, index=index, **kwargs)


def multiselect(label: str, options, default=None, **kwargs) -> list:
    if quiet():
        return list(_held(kwargs.get("key"), list(default) if default is not None else []))
    return st.multiselect(label, options, default=default, **kwargs)


def slider(label: str, min_value=None, max_value=None, value=None, **kwargs) -> Any:
    if quiet():
        return _held(kwargs.get("key"), value if value is not None else min_value)
    return st.slider(label, min_value, max_value, value, **kwargs)


def number_input(label: str, value: Any = "min", **kwargs) -> Any:
    if quiet():
        return _held(kwargs.get("key"), kwargs.get("min_value") if value == "min" else value)
    return st.number_input(label, value=value, **kwargs)


def toggle(label: str, value: bool = False, **kwargs) -> bool:
    if quiet():
        return _held(kwargs.get("key"), value)
    return st.toggle(label, value=value, **kwargs)


def checkbox(label: str, value: bool = False, **kwargs) -> bool:
    if quiet():
        return _held(kwargs.get("key"), value)
    return st.checkbox(label, value=value, **kwargs)


def text_input(label: str, value: str = "", **kwargs) -> str:
    if quiet():
        return _held(kwargs.get("key"), value)
    return st.text_input(label, value=value, **kwargs)


def button(label: str, **kwargs) -> bool:
    """A button (never pressed while quiet)."""
    if quiet():
        return False
    return st.button(label, **kwargs)
