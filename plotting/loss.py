"""The loss per step, static (for pages that want just this chart)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from . import _anim, _style
from ._labels import check_lang, t
from ._series import make_series, plotted_loss
from .compare import base_layout


def loss_figure(trajectories, names, *, lang: str = "en", log_loss: bool = False, run: int | None = None,
                global_minimum: float | None = None) -> go.Figure:
    """Loss per step of each optimizer.

    One line per trajectory: its run ``run``, or with ``run=None`` and several
    runs, the median over the runs still alive with a 10-90 % band. With
    ``log_loss`` the y-axis is the gap ``loss - f* + tiny`` on a log scale,
    ``f*`` being the smaller of ``global_minimum`` and the least loss seen.
    A diverged run stops at its last finite value, marked with a cross and
    "diverged at step k" in the legend.
    """
    lang = check_lang(lang)
    series = make_series(trajectories, names, run)
    values, yrange, floor, transform = plotted_loss(series, log_loss, global_minimum)
    fig = go.Figure()
    last_step = 0
    for s, v in zip(series, values):
        steps = np.asarray(s.traj.steps)
        last_step = max(last_step, int(steps[-1]))
        group = str(s.index)
        if s.cloud:
            last = s.traj.last_valid_row()
            alive = np.arange(len(steps))[:, None] <= last[None, :]
            with np.errstate(all="ignore"):
                band = np.nanpercentile(np.where(alive, s.traj.loss, np.nan), [10, 90], axis=1)
            band = np.where(np.isfinite(band), band, s.loss[None, :])
            keep = _anim.envelope_keep(v, s.valid)
            fig.add_trace(go.Scatter(x=_style.f32(steps[keep]), y=_style.f32(transform(band[0])[keep]), mode="lines",
                                     line=dict(width=0), showlegend=False, legendgroup=group, hoverinfo="skip"))
            fig.add_trace(go.Scatter(x=_style.f32(steps[keep]), y=_style.f32(transform(band[1])[keep]), mode="lines",
                                     line=dict(width=0), fill="tonexty", fillcolor=_style.rgba(s.color, 0.18),
                                     showlegend=False, legendgroup=group, hoverinfo="skip"))
            name = f"{s.name} ({t('median', lang, n=s.traj.n_runs)})"
            if s.n_diverged:
                name += f" · {s.n_diverged} {t('diverged_short', lang)}"
        else:
            keep = _anim.envelope_keep(v, s.valid)
            name = s.legend_name(lang)
        fig.add_trace(go.Scatter(
            x=_style.f32(steps[keep]), y=_style.f32(v[keep]), mode="lines", name=name, legendgroup=group,
            line=dict(color=s.color, width=2),
            hovertemplate=f"{s.name}<br>{t('step', lang)} %{{x}}<br>%{{y:.4g}}<extra></extra>"))
        if s.diverged_step is not None:
            fig.add_trace(go.Scatter(
                x=[int(steps[s.valid])], y=[_style.num(v[s.valid])], mode="markers", legendgroup=group,
                showlegend=False, marker=dict(symbol="x", size=11, color=s.color),
                name=t("diverged", lang, k=s.diverged_step), hovertemplate="%{fullData.name}<extra></extra>",
                cliponaxis=False))
    fig.update_xaxes(range=[0, max(last_step, 1)], autorange=False, title_text=t("step", lang), showgrid=True,
                     gridcolor="#eee", zeroline=False, showline=True, linecolor="#888")
    fig.update_yaxes(range=yrange, autorange=False, type="log" if log_loss else "linear",
                     title_text=t("loss_gap" if log_loss else "loss", lang), showgrid=True, gridcolor="#eee",
                     zeroline=False, showline=True, linecolor="#888", exponentformat="power" if log_loss else "B")
    if log_loss:
        fig.add_annotation(text=t("loss_gap_note", lang, floor=floor), xref="paper", yref="paper", x=1, y=1,
                           xanchor="right", yanchor="top", showarrow=False, font=dict(size=10, color="#555"))
    fig.update_layout(**base_layout(bottom=45), height=380, hovermode="x unified")
    return fig
