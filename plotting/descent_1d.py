"""Gradient descent on a 1-D curve: the ball, the tangent and the sign of the slope."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from . import _anim, _style
from ._labels import check_lang, t
from ._series import make_series
from .compare import base_layout


def curve_range(surface, resolution: int = 400):
    """The curve over the window, non-finite values masked (None), and a readable y-range."""
    xs, ys = surface.grid(resolution)
    finite = np.isfinite(ys)
    if not finite.any():
        raise ValueError(f"{surface.name} has no finite value in its window")
    lo, hi = float(ys[finite].min()), float(ys[finite].max())
    pad = 0.08 * (hi - lo) if hi > lo else 1.0
    curve_y = [_style.num(v) if ok else None for v, ok in zip(ys, finite)]
    return xs, curve_y, (lo - pad, hi + pad)


def tangent_points(x0: float, f0: float, slope: float, window_x, yrange) -> tuple[list, list]:
    """Two points of the tangent at ``x0``: long enough to read, short enough to stay in view."""
    span_x = window_x[1] - window_x[0]
    span_y = yrange[1] - yrange[0]
    h = 0.12 * span_x
    if slope != 0 and np.isfinite(slope):
        h = min(h, 0.3 * span_y / abs(slope))
    xs = [x0 - h, x0 + h]
    return xs, [f0 + slope * (x - x0) for x in xs]


def descent_1d_figure(surface, trajectory, *, lang: str = "en", max_frames: int | None = None,
                      run: int = 0, name: str | None = None, byte_budget: int = 600_000,
                      frame_ms: float = 120) -> go.Figure:
    """Animated descent on a 1-D surface: curve (static), ball, tangent, direction arrow, trail.

    Each frame shows the point after a recorded step, the tangent there (slope
    f′(x)), an arrow pointing to -sign(f′(x)) and the text of the rule. A diverged
    run stops at its last finite point with a "diverged at step k" badge.
    """
    lang = check_lang(lang)
    if surface.dim != 1:
        raise ValueError(f"descent_1d_figure draws 1-D surfaces; {surface.name} has dim {surface.dim}")
    (s,) = make_series([trajectory], [name or trajectory.optimizer], run)
    steps = np.asarray(trajectory.steps)
    R = len(steps)
    window_x = surface.window[0]
    xs, curve_y, yrange = curve_range(surface)
    span_x, span_y = window_x[1] - window_x[0], yrange[1] - yrange[0]
    xvals = s.points[:, 0]
    fvals = s.loss
    slopes = surface.grad(xvals[:, None])[:, 0]

    fig = go.Figure()
    fig.add_trace(go.Scatter(x=_style.f32(xs), y=curve_y, mode="lines", name=t("curve", lang),
                             line=dict(color="#555", width=2.5, simplify=False), hovertemplate="x=%{x:.4g}<br>f=%{y:.4g}<extra></extra>"))
    static = len(fig.data)
    fig.add_trace(go.Scatter(x=[], y=[], mode="markers", name=t("trail", lang),
                             marker=dict(size=7, color=_style.rgba(s.color, 0.35), line=dict(width=0)),
                             hovertemplate="x=%{x:.4g}<br>f=%{y:.4g}<extra></extra>"))
    fig.add_trace(go.Scatter(x=[], y=[], mode="lines", name=t("tangent", lang),
                             line=dict(color=_style.PALETTE[1], width=2, dash="dash"), hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=[], y=[], mode="lines+markers", name=t("direction", lang),
                             line=dict(color=_style.PALETTE[2], width=3),
                             marker=dict(symbol="arrow", angleref="previous", size=[0, 16], color=_style.PALETTE[2]),
                             hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=[], y=[], mode="markers", name=f"{s.name}: {t('ball', lang)}",
                             marker=dict(size=16, color=s.color, line=dict(width=2, color="white")),
                             hovertemplate="x=%{x:.4g}<br>f=%{y:.4g}<extra></extra>", cliponaxis=False))
    fig.add_trace(go.Scatter(x=[], y=[], mode="text", showlegend=False, textposition="bottom right",
                             textfont=dict(size=14, color="#222"), hoverinfo="skip", cliponaxis=False))
    # Where the ball is when it is out of view (and the divergence badge): pinned inside the view.
    fig.add_trace(go.Scatter(x=[], y=[], mode="markers+text", showlegend=False,
                             marker=dict(symbol="x", size=13, color=s.color, angleref="up"),
                             textfont=dict(size=13, color=s.color), hoverinfo="skip", cliponaxis=False))
    dyn = list(range(static, len(fig.data)))

    keep = _anim.path_keep(np.column_stack([xvals, fvals]), s.valid, (window_x, yrange))
    text_at = (window_x[0] + 0.02 * span_x, yrange[1] - 0.02 * span_y)

    def frame_data(row: int) -> list:
        r = min(row, s.valid)
        x0, f0, g = float(xvals[r]), float(fvals[r]), float(slopes[r])
        idx = _anim.prefix(keep, r)[:-1]
        tx, ty = tangent_points(x0, f0, g, window_x, yrange)
        direction = -np.sign(g)
        arrow_y = f0 + 0.07 * span_y
        if direction:
            ax = [x0, x0 + direction * 0.08 * span_x]
            text = t("slope_pos" if g > 0 else "slope_neg", lang, g=g)
        else:
            ax, text = [x0, x0], t("slope_zero", lang)
        out = [
            go.Scatter(x=_style.f32(xvals[idx]), y=_style.f32(fvals[idx])),
            go.Scatter(x=_style.nums(tx, 9), y=_style.nums(ty, 9)),
            go.Scatter(x=_style.nums(ax), y=[_style.num(arrow_y)] * 2),
            go.Scatter(x=[_style.num(x0, 9)], y=[_style.num(f0, 9)]),
            go.Scatter(x=[_style.num(text_at[0])], y=[_style.num(text_at[1])], text=[text]),
        ]
        inside = window_x[0] <= x0 <= window_x[1] and yrange[0] <= f0 <= yrange[1]
        if row > s.valid or not inside:
            bx = float(np.clip(x0, window_x[0] + 0.03 * span_x, window_x[1] - 0.03 * span_x))
            by = float(np.clip(f0, yrange[0] + 0.06 * span_y, yrange[1] - 0.12 * span_y))
            pos = "top right" if bx < sum(window_x) / 2 else "top left"
            label = f"x = {x0:.4g}"
            if row > s.valid:
                label = f"{t('diverged', lang, k=s.diverged_step)} ({label})"
            # Off the view: an arrow pointing to where the ball is; diverged: a cross.
            angle = float(np.degrees(np.arctan2(x0 - bx, f0 - by))) if not inside else 0.0
            symbol = "x" if row > s.valid else "arrow"
            out.append(go.Scatter(x=[_style.num(bx)], y=[_style.num(by)], textposition=pos, text=[label],
                                  marker=dict(symbol=symbol, angle=_style.num(angle, 4))))
        else:
            out.append(go.Scatter(x=[], y=[], text=[], textposition="top right", marker=dict(symbol="x", angle=0)))
        return out

    def frame_cost(rows):
        return (_anim.FRAME_OVERHEAD + len(dyn) * 150
                + 2 * _anim.prefix_len(keep, np.minimum(rows, s.valid)) * _anim.B64_BYTES_PER_VALUE)

    rows = _anim.choose_frames(R, frame_cost, byte_budget - len(fig.to_json()), max_frames)
    frames = [go.Frame(name=str(int(steps[r])), traces=dyn, data=frame_data(int(r))) for r in rows]
    for i, trace in zip(dyn, frames[0].data):
        fig.data[i].update(trace)
    fig.frames = frames
    fig.update_xaxes(range=list(window_x), autorange=False, title_text=t("x", lang), showgrid=True,
                     gridcolor="#eee", zeroline=True, zerolinecolor="#ccc", showline=True, linecolor="#888")
    fig.update_yaxes(range=list(yrange), autorange=False, title_text=t("curve", lang), showgrid=True,
                     gridcolor="#eee", zeroline=True, zerolinecolor="#ccc", showline=True, linecolor="#888")
    fig.update_layout(**_anim.controls([f.name for f in frames], lang, frame_ms), **base_layout(), height=460,
                      hovermode="closest")
    return fig
