"""Standalone HTML, payload size and the st.plotly_chart config."""

from __future__ import annotations

import plotly.graph_objects as go


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


def offline_html(fig: go.Figure, *, filename: str = "descentlab") -> str:
    """A self-contained HTML page: plotly.js inlined (no CDN), playback not started."""
    return fig.to_html(include_plotlyjs=True, full_html=True, auto_play=False,
                       config=chart_config(filename), default_width="100%", default_height=f"{fig.layout.height or 520}px")


def figure_bytes(fig: go.Figure) -> int:
    """Length of the figure's JSON: what the browser receives."""
    return len(fig.to_json())
