"""Gradient descent on a 1-D curve: the ball, the tangent and the sign of the slope."""

from __future__ import annotations

import numpy as np

from . import _paths, _style
from ._labels import check_lang, t
from ._series import make_series
from .animation import Track, animate
from .compare import base_layout
from .spec import Spec, f4, figure, merge, scatter


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
                      run: int = 0, name: str | None = None, byte_budget: int = 600_000) -> Spec:
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
    window_x = surface.window[0]
    xs, curve_y, yrange = curve_range(surface)
    span_x, span_y = window_x[1] - window_x[0], yrange[1] - yrange[0]
    xvals = s.points[:, 0]
    fvals = s.loss
    slopes = surface.grad(xvals[:, None])[:, 0]
    keep = _paths.path_keep(np.column_stack([xvals, fvals]), s.valid, (window_x, yrange))
    text_at = (window_x[0] + 0.02 * span_x, yrange[1] - 0.02 * span_y)

    def state(row: int) -> dict:
        r = min(row, s.valid)
        x0, f0, g = float(xvals[r]), float(fvals[r]), float(slopes[r])
        direction = -np.sign(g)
        if direction:
            arrow_x = [x0, x0 + direction * 0.08 * span_x]
            text = t("slope_pos" if g > 0 else "slope_neg", lang, g=g)
        else:
            arrow_x, text = [x0, x0], t("slope_zero", lang)
        return dict(r=r, x0=x0, f0=f0, g=g, arrow_x=arrow_x, text=text)

    def trail(row: int) -> dict:
        idx = _paths.prefix(keep, min(row, s.valid))[:-1]
        return {"x": f4(xvals[idx]), "y": f4(fvals[idx])}

    def tangent(row: int) -> dict:
        st = state(row)
        tx, ty = tangent_points(st["x0"], st["f0"], st["g"], window_x, yrange)
        return {"x": _style.nums(tx, 9), "y": _style.nums(ty, 9)}

    def arrow(row: int) -> dict:
        st = state(row)
        return {"x": _style.nums(st["arrow_x"]), "y": [_style.num(st["f0"] + 0.07 * span_y)] * 2}

    def ball(row: int) -> dict:
        st = state(row)
        return {"x": [_style.num(st["x0"], 9)], "y": [_style.num(st["f0"], 9)]}

    def caption(row: int) -> dict:
        return {"x": [_style.num(text_at[0])], "y": [_style.num(text_at[1])], "text": [state(row)["text"]]}

    def pin(row: int) -> dict:
        """Where the ball is when it is out of view (an arrow pointing to it), or a cross once diverged."""
        x0, f0 = state(row)["x0"], state(row)["f0"]
        inside = window_x[0] <= x0 <= window_x[1] and yrange[0] <= f0 <= yrange[1]
        if row <= s.valid and inside:
            return {"x": [], "y": [], "text": [], "textposition": "top right", "marker": {"symbol": "x", "angle": 0}}
        bx = float(np.clip(x0, window_x[0] + 0.03 * span_x, window_x[1] - 0.03 * span_x))
        by = float(np.clip(f0, yrange[0] + 0.06 * span_y, yrange[1] - 0.12 * span_y))
        label = f"x = {x0:.4g}"
        if row > s.valid:
            label = f"{t('diverged', lang, k=s.diverged_step)} ({label})"
        angle = float(np.degrees(np.arctan2(x0 - bx, f0 - by))) if not inside else 0.0
        return {"x": [_style.num(bx)], "y": [_style.num(by)], "text": [label],
                "textposition": "top right" if bx < sum(window_x) / 2 else "top left",
                "marker": {"symbol": "x" if row > s.valid else "arrow", "angle": _style.num(angle, 4)}}

    hover = "x=%{x:.4g}<br>f=%{y:.4g}<extra></extra>"
    data = [scatter(x=f4(xs), y=curve_y, mode="lines", name=t("curve", lang),
                    line=dict(color="#555", width=2.5, simplify=False), hovertemplate=hover)]
    tracks = [
        Track(scatter(mode="markers", name=t("trail", lang), hovertemplate=hover,
                      marker=dict(size=7, color=_style.rgba(s.color, 0.35), line=dict(width=0))), trail),
        Track(scatter(mode="lines", name=t("tangent", lang), hoverinfo="skip",
                      line=dict(color=_style.PALETTE[1], width=2, dash="dash")), tangent),
        Track(scatter(mode="lines+markers", name=t("direction", lang), hoverinfo="skip",
                      line=dict(color=_style.PALETTE[2], width=3),
                      marker=dict(symbol="arrow", angleref="previous", size=[0, 16], color=_style.PALETTE[2])), arrow),
        Track(scatter(mode="markers", name=f"{s.name}: {t('ball', lang)}", hovertemplate=hover, cliponaxis=False,
                      marker=dict(size=16, color=s.color, line=dict(width=2, color="white"))), ball),
        Track(scatter(mode="text", showlegend=False, textposition="bottom right", hoverinfo="skip", cliponaxis=False,
                      textfont=dict(size=14, color="#222")), caption),
        Track(scatter(mode="markers+text", showlegend=False, hoverinfo="skip", cliponaxis=False,
                      marker=dict(symbol="x", size=13, color=s.color, angleref="up"),
                      textfont=dict(size=13, color=s.color)), pin),
    ]
    axis = dict(autorange=False, showgrid=True, gridcolor="#eee", zeroline=True, zerolinecolor="#ccc", showline=True,
                linecolor="#888")
    layout = merge(dict(xaxis=dict(range=list(window_x), title={"text": t("x", lang)}, **axis),
                        yaxis=dict(range=list(yrange), title={"text": t("curve", lang)}, **axis)),
                   base_layout(), dict(height=460, hovermode="closest"))
    return animate(figure(data, layout), tracks, len(steps), lang=lang,
                   names=[str(int(v)) for v in steps], byte_budget=byte_budget, max_frames=max_frames)
