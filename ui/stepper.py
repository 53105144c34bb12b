"""One update at a time: a slider over a run's updates with buttons (and the Left/Right arrow keys) for
the previous and the next update. The chosen update is in the URL under the slider's key."""

from __future__ import annotations

import streamlit as st

from . import browser, i18n


def _move(key: str, count: int, delta: int) -> None:
    st.session_state[key] = min(count, max(1, int(st.session_state.get(key, 1)) + delta))


def update_stepper(label: str, key: str, count: int) -> int:
    """The update shown (1..count). A value left from a longer run is brought back into range."""
    count = max(1, int(count))
    held = st.session_state.get(key)
    if isinstance(held, (int, float)) and not 1 <= held <= count:
        st.session_state[key] = min(count, max(1, int(held)))
    back, middle, forward = st.columns([1, 8, 1], vertical_alignment="bottom")
    with middle:
        if count == 1:  # a slider needs two values; one update is simply update 1
            st.caption(i18n.t("stepper.only_one"))
            return 1
        step = st.slider(label, 1, count, 1, key=key, bind="query-params")
    with back:
        st.button("", icon=":material/chevron_left:", key=f"{key}_prev", on_click=_move, args=(key, count, -1),
                  disabled=step <= 1, help=i18n.t("stepper.prev"), width="stretch")
    with forward:
        st.button("", icon=":material/chevron_right:", key=f"{key}_next", on_click=_move, args=(key, count, 1),
                  disabled=step >= count, help=i18n.t("stepper.next"), width="stretch")
    browser.bind("ArrowLeft", f"{key}_prev")  # the keys, without Streamlit's faint shortcut hints
    browser.bind("ArrowRight", f"{key}_next")
    return int(step)
