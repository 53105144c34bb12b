"""Widget callbacks: they only move values between widgets' session state (no maths)."""

from __future__ import annotations

import streamlit as st

import optimizers
import scenes
import surfaces
from optimizers import presets

from . import engine, formula
from .controls import hyperparam_keys, preset_defaults

DEFAULT_OPTIMIZERS = ("sgd", "momentum", "adagrad", "adam")


def _set_start(point) -> None:
    if len(point) == 1:  # the 1-D page's start
        st.session_state["x"] = float(point[0])
        return
    st.session_state["x0"], st.session_state["y0"] = float(point[0]), float(point[1])


def picked_surface(key: str, dim: int | None = None):
    """The surface a picker (``controls.surface_picker`` under ``key``, for ``dim`` variables) names now, or
    None while a typed formula is invalid.

    Called from the picker's callbacks, before the page runs: when "custom" has just been chosen, its
    formula box has not been drawn yet, and the formula is the one the box will start with.
    """
    name = st.session_state[key]
    expression = st.session_state.get(f"{key}_expr", formula.default_expression(dim))
    try:
        return scenes.surface_for(name, expression if name == scenes.CUSTOM else None)
    except ValueError:
        return None


def reset_start(key: str = "surface") -> None:
    """A new surface (picked under ``key``, or a new formula typed there) starts from its suggested start:
    the x0/y0 inputs."""
    surface = picked_surface(key)
    if surface is None:  # a formula still being typed: keep the start
        return
    st.session_state["x0"] = float(surface.start[0])
    if surface.dim > 1:
        st.session_state["y0"] = float(surface.start[1])


def apply_preset() -> None:
    """Fill the hyperparameters (and the scene, if the preset names one) from the chosen preset.

    The chosen optimizers' values are set; every other optimizer's are forgotten, and its widgets start from the
    preset's values when it is chosen (their default is ``controls.preset_defaults`` of the preset in force).
    Setting all thirty-odd optimizers' values kept ~170 more keys in the session, and Streamlit walks the whole
    session state on every page run and in every number input (a laptop's compare run: 38 -> 27 ms of CPU).
    """
    preset = presets.get(st.session_state["preset"])
    if preset.surface:
        st.session_state["surface"] = preset.surface
        _set_start(preset.start or surfaces.get(preset.surface).start)
    if preset.steps:
        st.session_state["steps"] = int(preset.steps)
    if preset.name == "book":
        st.session_state["opts"] = [name for name, _ in preset.entries]
    chosen = set(st.session_state.get("opts", DEFAULT_OPTIMIZERS))
    for name in optimizers.names():
        keys = hyperparam_keys(name)
        if name in chosen:
            for key, value in zip(keys, _flatten(name, preset_defaults(preset.name, name))):
                st.session_state[key] = value
            continue
        for key in keys:
            if key in st.session_state:
                del st.session_state[key]


def _flatten(name: str, values: dict) -> list:
    out = []
    for spec in optimizers.rule_class(name).SPEC:
        value = values[spec.name]
        if spec.kind == "pair":
            out += [float(value[0]), float(value[1])]
        elif spec.kind == "bool":
            out.append(bool(value))
        else:
            out.append(float(value))
    return out


_CLICKED = "_start_clicked"


def start_from_click() -> None:
    """A click on the map moves the start point there (``follow_click`` then reruns the page)."""
    event = st.session_state.get("map")
    points = getattr(getattr(event, "selection", None), "points", None) or []
    if points:
        _set_start((points[0]["x"], points[0]["y"]))
        st.session_state[_CLICKED] = True


def follow_click() -> None:
    """In the map's fragment: a click has moved the start (``start_from_click``), so the scene is a
    new one and the whole page reruns (``st.rerun`` from a fragment's body reruns the app)."""
    if st.session_state.pop(_CLICKED, False):
        st.rerun()


def reset_start_1d() -> None:
    """A new function starts from its suggested start with a good learning rate."""
    surface = picked_surface("fn", dim=1)
    if surface is None or surface.dim != 1:
        return
    _set_start(surface.start)
    expression = st.session_state.get("fn_expr", formula.default_expression(1)) \
        if st.session_state["fn"] == scenes.CUSTOM else None
    st.session_state["lr"] = engine.lr_presets(st.session_state["fn"], surface.start[0], expression=expression)["good"]


def set_value(key: str, value) -> None:
    st.session_state[key] = value
