"""Learning-rate sweep figures (static): outcome against the learning rate, and an lr x hyperparameter heatmap."""

from __future__ import annotations

import math

import numpy as np
from plotly.colors import get_colorscale

from . import _style
from ._labels import check_lang
from .compare import base_layout
from .spec import Spec, figure, merge, scatter, trace

LABELS = {
    "lr": {"en": "learning rate (log scale)", "ko": "학습률 (로그 눈금)"},
    "gap": {"en": "final loss − f* (log scale)", "ko": "최종 손실 − f* (로그 눈금)"},
    "gap_best": {"en": "final loss − lowest loss reached (log scale)",
                 "ko": "최종 손실 − 도달한 가장 낮은 손실 (로그 눈금)"},
    "steps": {"en": "steps until loss − f* ≤ {tol:g}", "ko": "손실 − f* ≤ {tol:g}까지 걸린 단계"},
    "diverged": {"en": "diverged", "ko": "발산"},
    "diverged_strip": {"en": "diverged (strip above)", "ko": "발산 (위쪽 띠)"},
    "best": {"en": "{name}: best lr = {lr:.3g}", "ko": "{name}: 가장 좋은 학습률 = {lr:.3g}"},
    "best_legend": {"en": "best learning rate", "ko": "가장 좋은 학습률"},
    "log_final": {"en": "log₁₀(final loss − f*)", "ko": "log₁₀(최종 손실 − f*)"},
    "best_cell": {"en": "lowest final loss", "ko": "최종 손실이 가장 낮은 칸"},
    "never": {"en": "not reached", "ko": "도달 못 함"},
}

FLOOR = 1e-16  # gaps below this are drawn at it (float64 rounding lives there); = scenes.sweep.FLOOR
DIVERGED_COLOR = "#E41A1C"


def _t(key: str, lang: str, **fmt) -> str:
    text = LABELS[key][lang]
    return text.format(**fmt) if fmt else text


def _nullable(values, ok) -> list:
    """Finite numbers as short floats, None (a gap, never NaN) where ``ok`` is False."""
    return [_style.num(v) if good and math.isfinite(v) else None for v, good in zip(np.ravel(values), np.ravel(ok))]


def _log_ticks(lo: float, hi: float) -> tuple[list[float], list[str]]:
    exps = list(range(math.floor(lo), math.ceil(hi) + 1))
    return [float(e) for e in exps], [f"1e{e}" if e not in (0, 1) else str(10 ** e) for e in exps]


def sweep_figure(result, labels, *, lang: str = "en", metric: str = "final") -> Spec:
    """One line per optimizer over the learning rates (log x): the final loss gap, or with
    ``metric="steps"`` the steps to tolerance. Diverged runs leave a gap in their line and
    get a × in a strip above the chart, one row per optimizer."""
    lang = check_lang(lang)
    if metric not in ("final", "steps"):
        raise ValueError(f"Invalid metric: {metric!r} (allowed: final, steps)")
    lrs = np.asarray(result.lrs)
    data = []
    gaps = np.asarray(result.final_loss) - result.f_star
    ok_all = ~result.diverged & np.isfinite(gaps)
    best = result.best_index()
    looks = _style.styles(result.names)
    for i, name in enumerate(labels):
        color, dash = looks[i].color, looks[i].dash
        ok = ok_all[i]
        if metric == "final":
            y = np.maximum(gaps[i], FLOOR)
            hover = f"{name}<br>lr %{{x:.4g}}<br>f − f* %{{y:.3g}}<extra></extra>"
        else:
            y = result.steps_to[i].astype(float)
            ok = ok & (result.steps_to[i] >= 0)
            hover = f"{name}<br>lr %{{x:.4g}}<br>%{{y}}<extra></extra>"
        data.append(scatter(x=_style.nums(lrs), y=_nullable(y, ok), mode="lines", name=name,
                            line=dict(color=color, width=2, dash=dash), connectgaps=False, hovertemplate=hover))
        j = int(best[i])
        if j >= 0 and ok[j]:
            data.append(scatter(x=[_style.num(lrs[j])], y=[_style.num(y[j])], mode="markers", showlegend=False,
                                marker=dict(symbol="star", size=13, color=color, line=dict(width=1, color="white")),
                                name=_t("best", lang, name=name, lr=lrs[j]),
                                hovertemplate="%{fullData.name}<extra></extra>"))
    # Legend keys for the markers: star = best rate, x = diverged (in the strip).
    data.append(scatter(x=[None], y=[None], mode="markers", name=_t("best_legend", lang),
                        marker=dict(symbol="star", size=11, color="#555")))
    data.append(scatter(x=[None], y=[None], mode="markers", name=_t("diverged_strip", lang),
                        marker=dict(symbol="x-thin", size=9, line=dict(width=2, color="#555"))))
    # The divergence strip: its own small y-axis above the chart, one row per optimizer.
    for i, name in enumerate(labels):
        bad = np.flatnonzero(result.diverged[i])
        data.append(scatter(
            x=_style.nums(lrs[bad]), y=[name] * len(bad), yaxis="y2", mode="markers", showlegend=False,
            marker=dict(symbol="x-thin", size=7, color=looks[i].color, line=dict(width=1.5, color=looks[i].color)),
            name=f"{name}: {_t('diverged', lang)}",
            hovertemplate=f"{name}: {_t('diverged', lang)}<br>lr %{{x:.4g}}<extra></extra>"))
    layout = dict(xaxis=dict(type="log", range=[math.log10(lrs[0]), math.log10(lrs[-1])], autorange=False,
                             title={"text": _t("lr", lang)}, showgrid=True, gridcolor="#eee", showline=True,
                             linecolor="#888", exponentformat="power"))
    if metric == "final":
        shown = np.maximum(gaps[ok_all], FLOOR) if ok_all.any() else np.array([FLOOR, 1.0])
        lo = math.log10(float(shown.min())) - 0.3
        hi = math.log10(float(shown.max())) + 0.3
        title = _t("gap" if result.f_star_known else "gap_best", lang)
        layout["yaxis"] = dict(type="log", range=[lo, hi], autorange=False, title={"text": title},
                               exponentformat="power")
    else:
        layout["yaxis"] = dict(range=[0, result.steps * 1.04], autorange=False,
                               title={"text": _t("steps", lang, tol=result.tol)})
    strip = min(0.32, 0.045 * len(labels) + 0.02)
    merge(layout["yaxis"], dict(domain=[0, 1 - strip - 0.04], showgrid=True, gridcolor="#eee", showline=True,
                                linecolor="#888"))
    layout["yaxis2"] = dict(domain=[1 - strip, 1.0], type="category", categoryorder="array",
                            categoryarray=list(labels)[::-1], range=[-0.6, len(labels) - 0.4], showgrid=True,
                            gridcolor="#f3f3f3", tickfont=dict(size=10), anchor="x", fixedrange=True)
    merge(layout, base_layout(top=40, bottom=50), dict(height=560, hovermode="closest"))
    return figure(data, layout)


def _overlay(overlay: dict, second, x_range: tuple[float, float]) -> list[dict]:
    """The overlay curve in the heatmap's coordinates (log10 lr across, the second value up as the
    heatmap spreads it), left out where it runs beyond the learning-rate axis; an outline below it
    keeps it readable on any colour."""
    lrs = np.asarray(overlay["lrs"], dtype=float)
    values = np.asarray(overlay["values"], dtype=float)
    with np.errstate(all="ignore"):
        x = np.log10(lrs)
        y = -np.log10(1.0 - values) if second.log_gap else values
    inside = np.isfinite(x) & np.isfinite(y) & (x >= x_range[0]) & (x <= x_range[1])
    xs = [_style.num(v) if ok else None for v, ok in zip(x, inside)]
    ys = [_style.num(v) if ok else None for v, ok in zip(y, inside)]
    name = str(overlay["name"])
    return [
        scatter(x=xs, y=ys, mode="lines", showlegend=False, hoverinfo="skip", connectgaps=False, name=name,
                line={"color": "white", "width": 5}),
        scatter(x=xs, y=ys, mode="lines", name=name, connectgaps=False,
                line={"color": "#111111", "width": 2.5, "dash": "dash"},
                hovertemplate=f"{name}<br>lr %{{customdata:.4g}}<br>{second.symbol} %{{y:.4g}}<extra></extra>",
                customdata=[_style.num(v) if ok else None for v, ok in zip(lrs, inside)]),
    ]


def heatmap_figure(grid, *, lang: str = "en", label: str | None = None, overlay: dict | None = None) -> Spec:
    """Colour = log10(final loss − f*) over (learning rate, second hyperparameter); diverged cells red.

    ``overlay``: an optional curve over the grid, ``{"lrs": ..., "values": ..., "name": ...}`` (one
    learning rate per value of the second hyperparameter), e.g. the stability edge of heavy-ball
    momentum on a quadratic (``scenes.curvature.heavy_ball_edge``); drawn as a white-edged black
    line, cut to the grid's learning-rate range."""
    lang = check_lang(lang)
    second = grid.second
    x = np.log10(np.asarray(grid.lrs))
    if second.log_gap:  # beta2-like: spread by -log10(1 - value)
        y = -np.log10(1.0 - np.asarray(grid.values))
        tick_y = [v for v in range(math.ceil(y.min() - 1e-9), math.floor(y.max() + 1e-9) + 1)]
        ticktext = [f"{1 - 10.0 ** -v:g}" for v in tick_y]
        yaxis = dict(tickvals=[float(v) for v in tick_y], ticktext=ticktext)
    else:
        y = np.asarray(grid.values)
        yaxis = dict()
    gap = np.asarray(grid.final_loss) - grid.f_star
    ok = ~grid.diverged & np.isfinite(gap)
    z = np.log10(np.maximum(np.where(ok, gap, 1.0), FLOOR))
    rows = [_nullable(z[r], ok[r]) for r in range(z.shape[0])]
    bad = [[1 if b else None for b in row] for row in ~ok]
    data = [
        trace("heatmap", x=_style.nums(x), y=_style.nums(y), z=rows, colorscale=get_colorscale("Viridis"),
              zsmooth=False, colorbar=dict(title=dict(text=_t("log_final", lang), side="right"), len=0.9),
              hovertemplate="lr 10^%{x:.3g}<br>" + second.symbol + " %{y:.4g}<br>log₁₀ gap %{z:.3g}<extra></extra>"),
        trace("heatmap", x=_style.nums(x), y=_style.nums(y), z=bad,
              colorscale=[[0, DIVERGED_COLOR], [1, DIVERGED_COLOR]], showscale=False, zsmooth=False,
              name=_t("diverged", lang),
              hovertemplate="lr 10^%{x:.3g}<br>" + second.symbol + " %{y:.4g}<br>" + _t("diverged", lang)
                            + "<extra></extra>"),
        # Legend entries for the red cells and the best cell.
        scatter(x=[None], y=[None], mode="markers", name=_t("diverged", lang),
                marker=dict(symbol="square", size=12, color=DIVERGED_COLOR)),
    ]
    if ok.any():
        # Ties below FLOOR (rounding) go to the smallest second value, then the smallest rate.
        r, c = np.unravel_index(np.argmin(np.where(ok, np.maximum(gap, FLOOR), np.inf)), gap.shape)
        data.append(scatter(x=[_style.num(x[c])], y=[_style.num(y[r])], mode="markers", name=_t("best_cell", lang),
                            marker=dict(symbol="star", size=15, color="white", line=dict(width=1.5, color="#111")),
                            hovertemplate=f"lr {grid.lrs[c]:.3g}, {second.symbol} {grid.values[r]:.4g}<extra></extra>"))
    ticks, ticktext = _log_ticks(float(x.min()), float(x.max()))
    half = float(x[1] - x[0]) / 2 if len(x) > 1 else 0.5
    if overlay is not None:
        data += _overlay(overlay, second, (float(x.min()) - half, float(x.max()) + half))
    layout = dict(xaxis=dict(tickvals=ticks, ticktext=ticktext, range=[float(x.min()) - half, float(x.max()) + half],
                             autorange=False, title={"text": _t("lr", lang)}, showline=True, linecolor="#888"),
                  yaxis=dict(title={"text": label or second.symbol}, showline=True, linecolor="#888", **yaxis))
    merge(layout, base_layout(top=40, bottom=50), dict(height=480, hovermode="closest"))
    return figure(data, layout)
