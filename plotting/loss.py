"""The loss per step, static (for pages that want just this chart)."""

from __future__ import annotations

import numpy as np

from . import _paths
from ._labels import check_lang, t
from ._series import make_series, plotted_loss
from ._style import num, rgba
from .compare import base_layout
from .spec import Spec, f4, figure, merge, scatter


def loss_figure(trajectories, names, *, lang: str = "en", log_loss: bool = False, run: int | None = None,
                global_minimum: float | None = None) -> Spec:
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
    data = []
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
            keep = _paths.envelope_keep(v, s.valid)
            data.append(scatter(x=f4(steps[keep]), y=f4(transform(band[0])[keep]), mode="lines",
                                line=dict(width=0), showlegend=False, legendgroup=group, hoverinfo="skip"))
            data.append(scatter(x=f4(steps[keep]), y=f4(transform(band[1])[keep]), mode="lines",
                                line=dict(width=0), fill="tonexty", fillcolor=rgba(s.color, 0.18),
                                showlegend=False, legendgroup=group, hoverinfo="skip"))
            name = f"{s.name} ({t('median', lang, n=s.traj.n_runs)})"
            if s.n_diverged:
                name += f" · {s.n_diverged} {t('diverged_short', lang)}"
        else:
            keep = _paths.envelope_keep(v, s.valid)
            name = s.legend_name(lang)
        data.append(scatter(
            x=f4(steps[keep]), y=f4(v[keep]), mode="lines", name=name, legendgroup=group,
            line=dict(color=s.color, width=2, dash=s.dash),
            hovertemplate=f"{s.name}<br>{t('step', lang)} %{{x}}<br>%{{y:.4g}}<extra></extra>"))
        if s.diverged_step is not None:
            data.append(scatter(
                x=[int(steps[s.valid])], y=[num(v[s.valid])], mode="markers", legendgroup=group,
                showlegend=False, marker=dict(symbol="x", size=11, color=s.color),
                name=t("diverged", lang, k=s.diverged_step), hovertemplate="%{fullData.name}<extra></extra>",
                cliponaxis=False))
    grid = dict(showgrid=True, gridcolor="#eee", zeroline=False, showline=True, linecolor="#888")
    layout = dict(xaxis=dict(range=[0, max(last_step, 1)], autorange=False, title={"text": t("step", lang)}, **grid),
                  yaxis=dict(range=[float(v) for v in yrange], autorange=False, type="log" if log_loss else "linear",
                             title={"text": t("loss_gap" if log_loss else "loss", lang)},
                             exponentformat="power" if log_loss else "B", **grid))
    if log_loss:
        layout["annotations"] = [dict(text=t("loss_gap_note", lang, floor=floor), xref="paper", yref="paper", x=1, y=1,
                                      xanchor="right", yanchor="top", showarrow=False,
                                      font=dict(size=10, color="#555"))]
    merge(layout, base_layout(bottom=45), dict(height=380, hovermode="x unified"))
    return figure(data, layout)
