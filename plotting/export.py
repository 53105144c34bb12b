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


# Presentation mode: chart text, lines and markers grow with the page's text (1.25 rem) for a projector.
TEXT_SCALE = 1.4
LINE_SCALE = 1.6
MARKER_SCALE = 1.4


def sized(spec: Spec, large: bool) -> Spec:
    """The figure for a projector when ``large``: every font, line width and marker size scaled, the
    figure taller to hold its larger controls. ``spec`` itself is not changed (it may be shared)."""
    if not large:
        return spec
    layout = _scaled_fonts(spec["layout"])
    layout["font"] = {**layout.get("font", {}), "size": PRESENTATION_FONT_SIZE}
    if "height" in layout:
        layout["height"] = round(layout["height"] * 1.12)
    if "margin" in layout:
        layout["margin"] = {**layout["margin"], **{k: round(v * 1.3) for k, v in layout["margin"].items()
                                                  if k in ("b", "t")}}
    return {**spec, "data": [_scaled_trace(trace) for trace in spec["data"]], "layout": layout}


def _scale(value, factor: float):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return round(value * factor, 2)
    if isinstance(value, list):
        return [_scale(v, factor) for v in value]
    return value


def _scaled_fonts(obj):
    """A copy of a layout (or a part of it) with every ``font.size`` scaled by ``TEXT_SCALE``."""
    if isinstance(obj, dict):
        out = {}
        for key, value in obj.items():
            if key == "template":  # shared, and its sizes are plotly.js defaults
                out[key] = value
            elif key.endswith("font") and isinstance(value, dict) and "size" in value:
                out[key] = {**_scaled_fonts(value), "size": _scale(value["size"], TEXT_SCALE)}
            else:
                out[key] = _scaled_fonts(value)
        return out
    if isinstance(obj, list):
        return [_scaled_fonts(v) for v in obj]
    return obj


def _scaled_trace(trace: dict) -> dict:
    out = dict(trace)
    if isinstance(trace.get("line"), dict) and "width" in trace["line"]:
        out["line"] = {**trace["line"], "width": _scale(trace["line"]["width"], LINE_SCALE)}
    marker = trace.get("marker")
    if isinstance(marker, dict):
        marker = dict(marker)
        if "size" in marker:
            marker["size"] = _scale(marker["size"], MARKER_SCALE)
        if isinstance(marker.get("line"), dict) and "width" in marker["line"]:
            marker["line"] = {**marker["line"], "width": _scale(marker["line"]["width"], LINE_SCALE)}
        out["marker"] = marker
    if isinstance(trace.get("textfont"), dict) and "size" in trace["textfont"]:
        out["textfont"] = {**trace["textfont"], "size": _scale(trace["textfont"]["size"], TEXT_SCALE)}
    return out
