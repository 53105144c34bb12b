"""Widget helpers of the learning-rate sweep page (no maths)."""

from __future__ import annotations

import streamlit as st

from .callbacks import picked_surface


def reset_start() -> None:
    """A new surface starts from its suggested start point."""
    surface = picked_surface("sw_surface")
    if surface is None:  # a formula still being typed: keep the start
        return
    st.session_state["x0"] = float(surface.start[0])
    if surface.dim > 1:
        st.session_state["y0"] = float(surface.start[1])
