"""One way to put a chart on the page: a finished figure, shown as it is.

``st.plotly_chart`` turns whatever it is given into a plain dict before writing its JSON: a dict
goes through every plotly.py validator (``go.Figure(**spec)``, about 0.5 s for an animated
figure), a ``go.Figure`` through ``to_dict()`` (a deep copy, about 0.07 s). Our figures are plain
dicts already, built once per scene and validated in the tests (``plotting.validated``), so they
are handed over as a ``Figure`` whose ``to_dict()`` is that dict: the public method Streamlit
calls, answered without copying. Nothing may change the dict afterwards: it is shared by every
session showing the scene.

An animated chart gets its play controls under it (``ui.player``: real buttons, for the keyboard, touch
and a screen reader), and a "larger view" button: Streamlit's own full-screen view redraws the chart
without its frames, so ▶ stays at step 0 there (its button is hidden on animated charts by
``ui.layout``'s style); the larger view is the same figure in a wide dialog, frames and all.
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

import plotting

from . import i18n, layout, player

LARGE_HEIGHT = 900  # the larger view's figure height at most (px)


class Prebuilt(go.Figure):
    """A figure whose JSON dict is final (``to_dict()`` returns it, shared and unchanged).

    plotly's own ``__init__`` is not called: it builds an empty figure with its default template and
    validators (about 1 ms, 5 % of a following student's page run) that ``to_dict`` never reads. What
    ``st.plotly_chart`` asks of the object is that it is a plotly Figure and its ``to_dict()``
    (tests/pages/test_charts.py checks that the chart shown is the dict itself)."""

    def __init__(self, spec: plotting.Spec):  # noqa: no super().__init__(), on purpose (above)
        object.__setattr__(self, "_spec", spec)

    def to_dict(self) -> plotting.Spec:
        return self._spec


def show(spec: plotting.Spec, key: str, filename: str, alt: str | None = None, **kwargs):
    """``st.plotly_chart`` of ``spec`` across the page's width, with the app's chart config
    (``filename``: the name of the PNG its toolbar saves), and ``alt``, what it shows in words (for a
    screen reader: ``views.alt_*``). ``kwargs`` go to ``st.plotly_chart`` (``on_select``,
    ``selection_mode``); its return value is returned.

    The ``Prebuilt`` wrapper is made anew on each call (a few microseconds: one attribute) rather than
    cached, so that nothing keeps an evicted figure's dict alive."""
    touch = layout.display() == layout.PHONE
    shown = st.plotly_chart(Prebuilt(spec), width="stretch", config=plotting.chart_config(filename, touch=touch),
                            key=key, alt=alt, **kwargs)
    if spec.get("frames"):
        player.controls(key, len(spec["frames"]))
        if st.button(i18n.t("chart.larger"), icon=":material/open_in_full:", key=f"{key}_larger", type="tertiary"):
            _larger(spec, key, filename, alt)
    return shown


@st.dialog(" ", width="large")
def _larger(spec: plotting.Spec, key: str, filename: str, alt: str | None) -> None:
    height = spec.get("layout", {}).get("height") or 500
    bigger = {**spec, "layout": {**spec["layout"], "height": min(LARGE_HEIGHT, round(height * 1.3))}}
    st.plotly_chart(Prebuilt(bigger), width="stretch", config=plotting.chart_config(filename), key=f"{key}_large",
                    alt=alt)
    player.controls(f"{key}_large", len(spec["frames"]))
