"""One small map per optimizer, side by side: the book's chapter-6 figure ("Deep Learning from Scratch")."""

from __future__ import annotations

import math

from . import _style
from ._series import trajectory_styles
from ._labels import check_lang, t
from .landscape import landscape
from .spec import Spec, axis_ids, axis_keys, f4, figure, i4, merge, scatter, subplot_layout, template


def panels_figure(surface, trajectories, names, *, lang: str = "en", run: int = 0, cols: int = 2) -> Spec:
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
    # about 70 px between rows whatever their number (a fraction of the whole height; plotly refuses
    # more than 1 / (rows - 1))
    layout = subplot_layout(rows, cols, subplot_titles=titles, horizontal_spacing=0.06,
                            vertical_spacing=min(0.12, 70 / (300 * rows + 40)) if rows > 1 else 0.0)
    layout["images"] = []
    data = []
    (xlo, xhi), (ylo, yhi) = surface.window
    looks = trajectory_styles(trajectories)
    for i, (name, traj) in enumerate(zip(names, trajectories)):
        xref, yref = axis_ids(i + 1)
        land = landscape(surface, lang, resolution=160, xref=xref, yref=yref)
        layout["images"].append(land.image)
        data += land.traces
        last = int(traj.last_valid_row()[run])
        path = traj.points[: last + 1, run]
        colour = looks[i].color
        data.append(scatter(
            x=f4(path[:, 0]), y=f4(path[:, 1]), mode="lines+markers", name=name, showlegend=False,
            line=dict(color=colour, width=1.6, dash=looks[i].dash), marker=dict(size=5, color=colour, symbol=looks[i].symbol),
            hovertemplate=f"{name}<br>{t('step', lang)} %{{customdata}}<br>(%{{x:.4g}}, %{{y:.4g}})<extra></extra>",
            customdata=i4(traj.steps[: last + 1]), xaxis=xref, yaxis=yref))
        xkey, ykey = axis_keys(i + 1)
        merge(layout[xkey], dict(range=[xlo, xhi], autorange=False, showgrid=False, zeroline=False))
        merge(layout[ykey], dict(range=[ylo, yhi], autorange=False, showgrid=False, zeroline=False))
    merge(layout, dict(template=template("plotly"), height=300 * rows + 40, margin=dict(l=10, r=10, t=40, b=10),
                       font=dict(_style.FONT),
                       plot_bgcolor="white", hovermode="closest"))
    return figure(data, layout)
