"""Standalone HTML, payload size, presentation sizing and the chart config."""

from __future__ import annotations

from typing import NamedTuple

from .animation import CONTROLS, place_controls
from .spec import Spec, json_bytes


def chart_config(filename: str = "descentlab", touch: bool = False) -> dict:
    """Config for ``st.plotly_chart(fig, config=...)`` and the offline HTML; ``touch`` (a phone): a static
    chart, which a swipe scrolls past (plotly.js takes every touch on an interactive chart for itself, even
    with its axes fixed: seen in Chromium's touch emulation), and no mode bar (it would sit on the legend,
    its buttons too small for a finger). It still plays: the play controls animate it (ui/player.py)."""
    config = {
        "displaylogo": False,
        "responsive": True,
        "scrollZoom": False,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
        # a few buttons: each is a keyboard stop (the PNG, zoom to a box, and back to the whole chart)
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d", "pan2d", "zoomIn2d", "zoomOut2d"],
    }
    if touch:
        config["displayModeBar"] = False
        config["staticPlot"] = True
    return config


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


class Sizing(NamedTuple):
    """How a figure is scaled for a display: its fonts (``text``, and at least ``floor`` px for the text a
    room reads: ticks, legend, play buttons, the step caption), line widths, marker sizes, height."""

    text: float
    floor: float
    line: float
    marker: float
    height: float


# The displays of ``ui.layout``. Desktop figures are drawn as built (12 px text). On a 1920 x 1080 projector
# the text a room must read is at least 20 px (readable from the back of a classroom); a smaller projector
# (1280 x 720) gets the same share of its screen: 14 px. Lines and markers grow with the text.
SIZINGS = {
    "desktop": None,
    "projector": Sizing(text=20 / 12, floor=20, line=1.7, marker=1.5, height=1.12),
    "projector-small": Sizing(text=14 / 12, floor=14, line=1.4, marker=1.3, height=1.0),
    "phone": Sizing(text=1.0, floor=12, line=1.0, marker=1.0, height=1.0),
}
# Displays of touch screens, where a finger on a chart must scroll the page (chart_config(touch=True)).
TOUCH = ("phone",)
PRESENTATION_FONT_SIZE = 20  # the projector's base font (ticks and titles without a size of their own)
# kept for the figures built before the displays had their own sizing: the projector's
TEXT_SCALE, LINE_SCALE, MARKER_SCALE = (SIZINGS["projector"].text, SIZINGS["projector"].line,
                                        SIZINGS["projector"].marker)
# Where a font is text the room must read (the floor applies): layout keys and, inside them, font keys.
_READ = {"legend", CONTROLS[0], CONTROLS[1], "xaxis", "yaxis"}


def sized(spec: Spec, display: str, height: int | None = None) -> Spec:
    """The figure for ``display`` (``SIZINGS``: "desktop" gives ``spec`` itself): every font, line width and
    marker size scaled, the figure taller to hold its larger controls (or ``height`` px tall, when given).
    ``spec`` itself is not changed (it may be shared)."""
    if display not in SIZINGS:
        raise ValueError(f"Invalid display: {display!r} (allowed: {', '.join(SIZINGS)})")
    sizing = SIZINGS[display]
    if sizing is None:
        return spec if height is None else {**spec, "layout": {**spec["layout"], "height": height}}
    if display in TOUCH:  # drawn as on a laptop (a phone's CSS px are as large); chart_config(touch=True) makes
        return spec if height is None else {**spec, "layout": {**spec["layout"], "height": height}}  # it static
    layout = {key: _scaled_fonts(value, sizing, key.rstrip("0123456789") in _READ)
              for key, value in spec["layout"].items()}
    layout["font"] = {**layout.get("font", {}), "size": round(12 * sizing.text)}
    for key, axis in layout.items():  # tick labels and axis titles: never left to a theme's smaller default
        if key.rstrip("0123456789") in ("xaxis", "yaxis") and isinstance(axis, dict):
            tickfont = axis.get("tickfont", {})
            axis = {**axis, "tickfont": {**tickfont, "size": max(tickfont.get("size", sizing.floor), sizing.floor)}}
            if isinstance(axis.get("title"), dict):
                title_font = axis["title"].get("font", {})
                axis["title"] = {**axis["title"], "font": {**title_font, "size": max(title_font.get("size", sizing.floor),
                                                                                    sizing.floor)}}
                if "standoff" in axis["title"]:  # the gap to the (larger) tick labels grows with them
                    axis["title"]["standoff"] = round(max(axis["title"]["standoff"], 4) * sizing.text, 2)
            layout[key] = axis
    if height is not None:
        layout["height"] = height
    elif "height" in layout:
        layout["height"] = round(layout["height"] * sizing.height)
    if "margin" in layout:
        grow = 1 + (sizing.text - 1) * 0.75
        layout["margin"] = {**layout["margin"], **{k: round(v * grow) for k, v in layout["margin"].items()
                                                  if k in ("b", "t", "l")}}
    place_controls(layout, spec["layout"], sizing.text)
    return {**spec, "data": [_scaled_trace(trace, sizing) for trace in spec["data"]], "layout": layout}


def _scale(value, factor: float):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return round(value * factor, 2)
    if isinstance(value, list):
        return [_scale(v, factor) for v in value]
    return value


def _scaled_fonts(obj, sizing: Sizing, read: bool = False):
    """A copy of a layout part with every ``font.size`` scaled by ``sizing.text`` (at least ``sizing.floor``
    where ``read``: text the room reads). A font drawn transparent (the slider's hidden step labels) is
    left as it is."""
    if isinstance(obj, dict):
        out = {}
        for key, value in obj.items():
            if key == "template":  # shared, and its sizes are plotly.js defaults
                out[key] = value
            elif key.endswith("font") and isinstance(value, dict) and "size" in value:
                size = _scale(value["size"], sizing.text)
                if read and value.get("color") != "rgba(0,0,0,0)":
                    size = max(size, sizing.floor)
                out[key] = {**_scaled_fonts(value, sizing, read), "size": size}
            else:
                out[key] = _scaled_fonts(value, sizing, read)
        return out
    if isinstance(obj, list):
        return [_scaled_fonts(v, sizing, read) for v in obj]
    return obj


def _scaled_trace(trace: dict, sizing: Sizing) -> dict:
    out = dict(trace)
    if isinstance(trace.get("line"), dict) and "width" in trace["line"]:
        out["line"] = {**trace["line"], "width": _scale(trace["line"]["width"], sizing.line)}
    marker = trace.get("marker")
    if isinstance(marker, dict):
        marker = dict(marker)
        if "size" in marker:
            marker["size"] = _scale(marker["size"], sizing.marker)
        if isinstance(marker.get("line"), dict) and "width" in marker["line"]:
            marker["line"] = {**marker["line"], "width": _scale(marker["line"]["width"], sizing.line)}
        out["marker"] = marker
    if isinstance(trace.get("textfont"), dict) and "size" in trace["textfont"]:
        out["textfont"] = {**trace["textfont"], "size": _scale(trace["textfont"]["size"], sizing.text)}
    return out


# A spreadsheet opening a CSV runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _plain_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return text.strip() == text and text.lower().lstrip("+-") not in ("nan", "inf", "infinity")


def neutralise_formulas(frame):
    """A copy of ``frame`` (pandas) where every text cell that a spreadsheet would run as a formula (it starts
    with =, +, -, @, a tab or a carriage return) begins with a single quote; column names too. Numeric columns
    are left alone, and so is a text cell that is a plain number ("-1.5")."""
    import pandas as pd

    def safe(value):
        if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _plain_number(value):
            return "'" + value
        return value

    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if not (pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series)
                or pd.api.types.is_datetime64_any_dtype(series)):
            out[column] = series.map(safe)
    out.columns = [safe(c) for c in out.columns]
    return out


def csv_text(frame) -> str:
    """``frame`` as CSV text for a download, with spreadsheet formulas neutralised."""
    return neutralise_formulas(frame).to_csv(index=False)
