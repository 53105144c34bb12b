"""Standalone HTML, payload size, presentation sizing and the chart config."""

from __future__ import annotations

from .spec import Spec, json_bytes

PRESENTATION_FONT_SIZE = 17


def chart_config(filename: str = "descentlab") -> dict:
    """Config for ``st.plotly_chart(fig, config=...)`` and the offline HTML."""
    return {
        "displaylogo": False,
        "responsive": True,
        "scrollZoom": False,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
    }


config = chart_config()


def offline_html(spec: Spec, *, filename: str = "descentlab") -> str:
    """A self-contained HTML page: plotly.js inlined (no CDN), playback not started."""
    import plotly.io

    height = spec.get("layout", {}).get("height") or 520
    return plotly.io.to_html(spec, validate=False, include_plotlyjs=True, full_html=True, auto_play=False,
                             config=chart_config(filename), default_width="100%", default_height=f"{height}px")


def figure_bytes(spec: Spec) -> int:
    """Length of the figure's JSON: what the browser receives."""
    return json_bytes(spec)


def sized(spec: Spec, large: bool) -> Spec:
    """The figure with larger text for a projector (presentation mode); ``spec`` itself is not changed."""
    if not large:
        return spec
    layout = spec["layout"]
    return {**spec, "layout": {**layout, "font": {**layout.get("font", {}), "size": PRESENTATION_FONT_SIZE}}}
