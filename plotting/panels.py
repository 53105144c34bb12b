"""One small map per optimizer, side by side: the book's chapter-6 figure ("Deep Learning from Scratch")."""

from __future__ import annotations

import math

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from . import _style
from ._labels import check_lang, t
from .landscape import landscape


def panels_figure(surface, trajectories, names, *, lang: str = "en", run: int = 0, cols: int = 2) -> go.Figure:
    """A static grid of maps, one per optimizer, each with its whole path (start to last finite point).

    Static on purpose (no frames), so every panel reads at a glance like a printed figure.
    """
    lang = check_lang(lang)
    if surface.dim != 2:
        raise ValueError(f"panels_figure draws 2-D surfaces; {surface.name} has dim {surface.dim}")
    if len(trajectories) != len(names) or not trajectories:
        raise ValueError("panels_figure needs one name per trajectory, and at least one")
    cols = max(1, min(cols, len(trajectories)))
    rows = math.ceil(len(trajectories) / cols)
    titles = []
    for name, traj in zip(names, trajectories):
        k = int(traj.diverged_at[run])
        titles.append(name if k < 0 else f"{name} — {t('diverged', lang, k=k)}")
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=titles, horizontal_spacing=0.06,
                        vertical_spacing=0.12 if rows > 1 else 0.0)
    (xlo, xhi), (ylo, yhi) = surface.window
    for i, (name, traj) in enumerate(zip(names, trajectories)):
        r, c = divmod(i, cols)
        axis = "" if i == 0 else str(i + 1)
        land = landscape(surface, lang, resolution=160, xref=f"x{axis}", yref=f"y{axis}")
        fig.add_layout_image(land.image)
        for trace in land.traces:
            fig.add_trace(trace, row=r + 1, col=c + 1)
        last = int(traj.last_valid_row()[run])
        path = traj.points[: last + 1, run]
        colour = _style.color(i)
        fig.add_trace(go.Scatter(
            x=_style.f32(path[:, 0]), y=_style.f32(path[:, 1]), mode="lines+markers", name=name, showlegend=False,
            line=dict(color=colour, width=1.6), marker=dict(size=4, color=colour),
            hovertemplate=f"{name}<br>{t('step', lang)} %{{customdata}}<br>(%{{x:.4g}}, %{{y:.4g}})<extra></extra>",
            customdata=traj.steps[: last + 1].astype(int)), row=r + 1, col=c + 1)
        fig.update_xaxes(range=[xlo, xhi], autorange=False, showgrid=False, zeroline=False, row=r + 1, col=c + 1)
        fig.update_yaxes(range=[ylo, yhi], autorange=False, showgrid=False, zeroline=False, row=r + 1, col=c + 1)
    fig.update_layout(height=300 * rows + 40, margin=dict(l=10, r=10, t=40, b=10), font=_style.FONT,
                      plot_bgcolor="white", hovermode="closest")
    return fig
