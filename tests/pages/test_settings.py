"""ui/settings.py: undrawn, each widget function returns what the widget drawn would, with or without a value
held under its key (a story step's setting, or the last value chosen)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

# (widget, positional arguments, keyword arguments, a value held under the key before the run, or None)
CASES = [
    ("selectbox", ("pick", ["a", "b", "c"]), {"index": 1}, None),
    ("selectbox", ("pick", ["a", "b", "c"]), {"index": 1}, "c"),
    ("selectbox", ("pick", ("x", "y")), {}, None),
    ("selectbox", ("pick", ["a", "b"]), {"index": None}, None),
    ("radio", ("pick", ["a", "b", "c"]), {"index": 2}, None),
    ("radio", ("pick", ["a", "b", "c"]), {}, "b"),
    ("multiselect", ("pick", ["a", "b", "c"]), {"default": ["c", "a"]}, None),
    ("multiselect", ("pick", ["a", "b", "c"]), {}, None),
    ("multiselect", ("pick", ["a", "b", "c"]), {"default": ["a"]}, ["b"]),
    ("slider", ("n", 1, 100, 20), {}, None),
    ("slider", ("n", 0.0, 3.0, 1.0), {"step": 0.1}, 2.5),
    ("slider", ("n", 1, 9), {}, None),
    ("number_input", ("x",), {"value": 0.5, "min_value": 0.0, "max_value": 2.0}, None),
    ("number_input", ("x",), {"value": 30.0, "step": 1.0, "format": "%.0f"}, 120.0),
    ("number_input", ("x",), {"min_value": 3.0}, None),
    ("toggle", ("t",), {}, None),
    ("toggle", ("t",), {"value": True}, False),
    ("checkbox", ("c",), {"value": True}, None),
    ("checkbox", ("c",), {}, True),
    ("text_input", ("f",), {"value": "x**2"}, None),
    ("text_input", ("f",), {"value": "x**2"}, "sin(x)"),
]


def _script(kind, args, kwargs, held):
    import streamlit as st

    from ui import settings

    for key in ("drawn", "undrawn"):
        if held is not None and f"_set_{key}" not in st.session_state:
            st.session_state[key] = held
            st.session_state[f"_set_{key}"] = True
    st.session_state["out_drawn"] = getattr(settings, kind)(*args, key="drawn", **kwargs)
    with settings.undrawn():
        st.session_state["out_undrawn"] = getattr(settings, kind)(*args, key="undrawn", **kwargs)


@pytest.mark.parametrize("kind, args, kwargs, held", CASES)
def test_an_undrawn_widget_returns_what_the_drawn_one_does(kind, args, kwargs, held):
    at = AppTest.from_function(_script, args=(kind, args, kwargs, held), default_timeout=30).run()
    assert not at.exception, at.exception
    assert at.session_state["out_undrawn"] == at.session_state["out_drawn"]
    assert type(at.session_state["out_undrawn"]) is type(at.session_state["out_drawn"])
    drawn = [w.key for name in ("selectbox", "radio", "multiselect", "slider", "number_input", "toggle", "checkbox",
                                "text_input") for w in getattr(at, name)]
    assert drawn == ["drawn"]  # the undrawn one made no element


def test_an_undrawn_button_is_never_pressed():
    def script():
        import streamlit as st

        from ui import settings

        with settings.undrawn():
            st.session_state["pressed"] = settings.button("go", key="go")

    at = AppTest.from_function(script, default_timeout=30).run()
    assert not at.exception and at.session_state["pressed"] is False and not at.button
