"""Widget helpers of the learning-rate sweep page (no maths)."""

from __future__ import annotations

import streamlit as st

import surfaces


def reset_start() -> None:
    """A new surface starts from its suggested start point."""
    surface = surfaces.get(st.session_state["sw_surface"])
    st.session_state["x0"] = float(surface.start[0])
    if surface.dim > 1:
        st.session_state["y0"] = float(surface.start[1])
