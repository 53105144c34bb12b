"""The surface in 3-D with the paths on it (static)."""

from __future__ import annotations

import numpy as np

from . import _paths, _style
from ._labels import check_lang, t
from ._series import make_series
from .landscape import ColorScale
from .spec import Spec, f4, figure, template, trace


def _inside(points: np.ndarray, window) -> np.ndarray:
    ok = np.ones(len(points), dtype=bool)
    for k, (lo, hi) in enumerate(window):
        ok &= (points[:, k] >= lo) & (points[:, k] <= hi)
    return ok


def _aspect(window) -> dict:
    spans = [hi - lo for lo, hi in window]
    top = max(spans)
    x, y = (float(np.clip(1.4 * sp / top, 0.6, 1.4)) for sp in spans)
    return dict(x=x, y=y, z=0.7)


def surface_3d_figure(surface, trajectories, names, *, lang: str = "en", run: int | None = None,
                      resolution: int = 90) -> Spec:
    """A surface trace over the window (non-finite values left as holes) and each path as a 3-D line.

    ``run=None`` draws every run of each trajectory. Paths are cut where they
    leave the window, so the scene keeps the window's ranges; a diverged run
    ends at its last finite point (a cross), with the badge in the legend.
    """
    lang = check_lang(lang)
    if surface.dim != 2:
        raise ValueError(f"surface_3d_figure draws 2-D surfaces; {surface.name} has dim {surface.dim}")
    series = make_series(trajectories, names, run)
    xs, ys, z = surface.grid(resolution)
    finite = np.isfinite(z)
    scale = ColorScale.for_values(z, surface.log_levels)
    zlo, zhi = (float(z[finite].min()), float(z[finite].max())) if finite.any() else (0.0, 1.0)
    lift = 0.01 * (zhi - zlo)
    zs = [[_style.num(v, 5) if ok else None for v, ok in zip(row, okrow)] for row, okrow in zip(z, finite)]
    color = [[_style.num(v, 3) if ok else None for v, ok in zip(row, okrow)]
             for row, okrow in zip(scale.unit(z), finite)]
    low = "rgb({}, {}, {})".format(*_style.LANDSCAPE_LOW)
    high = "rgb({}, {}, {})".format(*(c - 40 for c in _style.LANDSCAPE_HIGH))
    data = [trace(
        "surface", x=f4(xs), y=f4(ys), z=zs, surfacecolor=color, cmin=0, cmax=1,
        colorscale=[[0, low], [1, high]], showscale=False, opacity=0.92, name="f(x, y)",
        hovertemplate="x=%{x:.3g}<br>y=%{y:.3g}<br>f=%{z:.4g}<extra></extra>",
        contours=dict(z=dict(show=False)), lighting=dict(ambient=0.75, diffuse=0.5, specular=0.05),
    )]
    for s in series:
        runs = range(s.traj.n_runs) if s.cloud else [s.run]
        last = s.traj.last_valid_row()
        xs_l: list = []
        ys_l: list = []
        zs_l: list = []
        ends = []
        for r in runs:
            v = int(last[r])
            pts = s.traj.points[: v + 1, r]
            loss = s.traj.loss[: v + 1, r]
            keep = _paths.path_keep(pts, v, surface.window)
            pts, loss = pts[keep], loss[keep]
            ok = _inside(pts, surface.window) & np.isfinite(loss)
            for p, f, good in zip(pts, loss, ok):
                xs_l.append(_style.num(p[0]) if good else None)
                ys_l.append(_style.num(p[1]) if good else None)
                zs_l.append(_style.num(min(f, zhi) + lift) if good else None)
            xs_l.append(None), ys_l.append(None), zs_l.append(None)
            if s.traj.diverged_at[r] >= 0 and ok[-1]:
                ends.append((pts[-1], loss[-1]))
        data.append(trace("scatter3d", x=xs_l, y=ys_l, z=zs_l, mode="lines", name=s.legend_name(lang),
                                   legendgroup=str(s.index), line=dict(color=s.color, width=5, dash=s.dash),
                                   connectgaps=False,
                                   hovertemplate=f"{s.name}<br>(%{{x:.3g}}, %{{y:.3g}})<br>f=%{{z:.4g}}<extra></extra>"))
        starts = s.traj.points[0, list(runs)]
        data.append(trace(
            "scatter3d", x=_style.nums(starts[:, 0]), y=_style.nums(starts[:, 1]),
            z=_style.nums(np.minimum(s.traj.loss[0, list(runs)], zhi) + lift), mode="markers",
            marker=dict(size=3, color=s.color), showlegend=False, legendgroup=str(s.index),
            name=t("start", lang), hoverinfo="skip"))
        if ends:
            data.append(trace(
                "scatter3d", x=[_style.num(p[0]) for p, _ in ends], y=[_style.num(p[1]) for p, _ in ends],
                z=[_style.num(min(f, zhi) + lift) for _, f in ends], mode="markers",
                marker=dict(size=5, symbol="x", color=s.color), showlegend=False, legendgroup=str(s.index),
                name=t("diverged_short", lang), hoverinfo="name"))
    mins = [p for p in surface.minima if _inside(np.array([p.location[:2]]), surface.window)[0]]
    if mins:
        data.append(trace(
            "scatter3d", x=[p.location[0] for p in mins], y=[p.location[1] for p in mins],
            z=[p.value + lift for p in mins],
            mode="markers", marker=dict(size=5, symbol="diamond", color=_style.MINIMUM_COLOR),
            name=t("minima", lang), text=[t(p.kind, lang) for p in mins], hovertemplate="%{text}<extra></extra>"))
    (xlo, xhi), (ylo, yhi) = surface.window
    axis = dict(showbackground=False, gridcolor="#ddd", zerolinecolor="#bbb")
    layout = dict(
        scene=dict(xaxis=dict(range=[xlo, xhi], title={"text": t("x", lang)}, autorange=False, **axis),
                   yaxis=dict(range=[ylo, yhi], title={"text": t("y", lang)}, autorange=False, **axis),
                   zaxis=dict(range=[zlo, zhi + 2 * lift], title={"text": t("z", lang)}, autorange=False, **axis),
                   aspectmode="manual", aspectratio=_aspect(surface.window),
                   camera=dict(eye=dict(x=-1.4, y=-1.6, z=1.1))),
        template=template("plotly_white"), font=dict(_style.FONT), margin=dict(l=0, r=0, t=30, b=0), height=520,
        legend=dict(orientation="h", x=0, y=1.0, yanchor="bottom", font=dict(size=11)),
        uirevision="descentlab",
    )
    return figure(data, layout)
