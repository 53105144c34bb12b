"""Optimizers side by side: the path on the map and the loss per step, animated together."""

from __future__ import annotations

import json

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from . import _anim, _style
from ._labels import check_lang, t
from ._series import Series, make_series, plotted_loss
from .landscape import landscape


def _equal_aspect(window) -> bool:
    (xlo, xhi), (ylo, yhi) = window
    ratio = (xhi - xlo) / (yhi - ylo)
    return 0.25 <= ratio <= 4.0


def map_axes(fig, surface, lang: str, row: int | None = None, col: int | None = None, anchor: str = "x") -> None:
    """Fix the map's ranges to the window (nothing that diverges can move them)."""
    (xlo, xhi), (ylo, yhi) = surface.window
    kw = dict(row=row, col=col) if row else {}
    fig.update_xaxes(range=[xlo, xhi], autorange=False, title_text=t("x", lang), showgrid=False, zeroline=False,
                     constrain="domain", ticks="outside", ticklen=3, mirror=True, showline=True,
                     linecolor="#888", **kw)
    fig.update_yaxes(range=[ylo, yhi], autorange=False, title_text=t("y", lang), showgrid=False, zeroline=False,
                     constrain="domain", ticks="outside", ticklen=3, mirror=True, showline=True,
                     linecolor="#888", title_standoff=2, constraintoward="top", **kw)
    if _equal_aspect(surface.window):
        fig.update_yaxes(scaleanchor=anchor, scaleratio=1, **kw)


def _badge_position(point, window) -> tuple[float, float, str]:
    """The badge sits at the last valid point, pulled back inside the window if needed."""
    (xlo, xhi), (ylo, yhi) = window
    x = float(np.clip(point[0], xlo + 0.03 * (xhi - xlo), xhi - 0.03 * (xhi - xlo)))
    y = float(np.clip(point[1], ylo + 0.04 * (yhi - ylo), yhi - 0.04 * (yhi - ylo)))
    vert = "top" if y < (ylo + yhi) / 2 else "bottom"  # the text points into the map
    horiz = "right" if x < (xlo + xhi) / 2 else "left"
    return x, y, f"{vert} {horiz}"


def compare_figure(surface, trajectories, names, *, run: int | None = 0, lang: str = "en",
                   log_loss: bool = False, max_frames: int | None = None, byte_budget: int = 900_000,
                   frame_ms: float = 33, show_minima: bool = True, click_targets: bool = False) -> go.Figure:
    """Animated comparison on a 2-D surface: map (left) and loss per step (right).

    ``run`` picks the run drawn of each trajectory; ``run=None`` draws every run
    of a multi-run trajectory as a cloud of points (its loss: the median over the
    runs that have not diverged).

    Static (sent once): the landscape, the whole loss curve of each series, a veil
    over the loss panel. Each frame carries only what moves: the path so far on
    the map (every recorded step, simplified to a quarter of a pixel), the current
    point on the map and on its loss curve, the veil's left edge (it dims the loss
    curves after the current step), and the divergence badges. The number of frames
    is the largest whose estimated JSON keeps the figure within ``byte_budget``
    (at most ``max_frames``, default 400; the first and the last recorded step are
    always frames), so the payload never grows faster than linearly with the steps.
    ``frame_ms`` is the time per frame of the 1x Play button.
    """
    lang = check_lang(lang)
    if surface.dim != 2:
        raise ValueError(f"compare_figure draws 2-D surfaces; {surface.name} has dim {surface.dim} "
                         "(use descent_1d_figure)")
    series = make_series(trajectories, names, run)
    n_rows = {len(s.traj.steps) for s in series}
    if len(n_rows) != 1 or len({tuple(s.traj.steps) for s in series}) != 1:
        raise ValueError("Invalid trajectories: they must share the same recorded steps (same steps and record_every)")
    steps = np.asarray(series[0].traj.steps)
    R = len(steps)
    uniform = R > 1 and bool(np.all(np.diff(steps) == steps[1] - steps[0]))
    loss_values, loss_range, floor, _ = plotted_loss(series, log_loss, surface.global_minimum)
    if log_loss:
        loss_range = [float(v) for v in loss_range]
        veil_y = [10.0 ** loss_range[0], 10.0 ** loss_range[1]]
    else:
        veil_y = [float(v) for v in loss_range]

    fig = make_subplots(rows=1, cols=2, column_widths=[0.6, 0.4], horizontal_spacing=0.09)
    land = landscape(surface, lang, show_critical=show_minima)
    for trace in land.traces:
        fig.add_trace(trace, row=1, col=1)
    fig.add_layout_image(land.image)
    if click_targets:
        fig.add_trace(click_target_trace(surface, lang), row=1, col=1)

    # Clouds: faint start markers (static).
    for s in series:
        if s.cloud:
            p0 = s.traj.points[0]
            fig.add_trace(go.Scatter(x=_style.f32(p0[:, 0]), y=_style.f32(p0[:, 1]), mode="markers",
                                     marker=dict(size=4, color=_style.rgba(s.color, 0.35)), showlegend=False,
                                     legendgroup=str(s.index), hoverinfo="skip", name=t("start", lang)),
                          row=1, col=1)

    # Loss curves, whole and static; the veil drawn over them hides what is still to come.
    for s, lv in zip(series, loss_values):
        keep = _anim.envelope_keep(lv, s.valid)
        implicit_x = uniform and len(keep) == s.valid + 1  # evenly spaced and whole: x from x0/dx
        fig.add_trace(go.Scatter(
            x=None if implicit_x else _style.f32(steps[keep]), y=_style.f32(lv[keep]),
            x0=0 if implicit_x else None, dx=int(steps[1] - steps[0]) if implicit_x else None,
            mode="lines", showlegend=False, legendgroup=str(s.index), name=s.name,
            line=dict(color=s.color, width=2),
            hovertemplate=f"{s.name}<br>{t('step', lang)} %{{x}}<br>%{{y:.4g}}<extra></extra>"), row=1, col=2)

    # Dynamic traces: each added with its state at row 0 (the first frame), with a function
    # row -> frame data and the estimated JSON characters of that data at every row.
    dynamic: list[tuple[int, callable]] = []
    cost = np.zeros(R)
    rows_all = np.arange(R)

    def add(make, col: int, **kw) -> None:
        fig.add_trace(go.Scatter(**make(0), **kw), row=1, col=col)
        dynamic.append((len(fig.data) - 1, make))

    veil_right = float(steps[-1]) + max(1.0, 0.02 * float(steps[-1] - steps[0]))
    add(lambda row: {"x": [int(steps[row]), veil_right, veil_right, int(steps[row])]}, 2,
        y=[veil_y[0], veil_y[0], veil_y[1], veil_y[1]], mode="lines", fill="toself",
        fillcolor="rgba(255, 255, 255, 0.72)", line=dict(width=0), showlegend=False, hoverinfo="skip",
        name=t("step", lang), meta={"role": "veil"})
    cost += 2 * (len(str(int(steps[-1]))) + len(repr(veil_right))) + len('{"x":[,,,]},')

    for s, lv in zip(series, loss_values):
        group = str(s.index)
        legend = s.legend_name(lang)
        hover = f"{s.name}<br>(%{{x:.4g}}, %{{y:.4g}})<extra></extra>"
        capped = np.minimum(rows_all, s.valid)
        if s.cloud:
            pts = _style.f32(s.traj.points)
            add(lambda row, pts=pts: {"x": _anim.f4(pts[row, :, 0]), "y": _anim.f4(pts[row, :, 1])}, 1,
                mode="markers", name=legend, legendgroup=group, hovertemplate=hover,
                marker=dict(size=6, color=_style.rgba(s.color, 0.75), line=dict(width=0.5, color="white")))
            cost += sum(_anim.b64_chars(pts[..., k].reshape(R, -1)) for k in (0, 1)) + 2 * _ARRAY + _ENTRY
        else:
            keep = _anim.trail_keep(s.points, s.valid, surface.window)
            xy = _style.f32(s.points)
            add(lambda row, s=s, k=keep, xy=xy: _trail(xy, k, min(row, s.valid)), 1,
                mode="lines", name=legend, legendgroup=group, line=dict(color=s.color, width=2), opacity=0.9,
                hovertemplate=hover)
            n = _anim.prefix_len(keep, capped)  # values per axis at each row: kept rows before it, then it
            cost += sum(_anim.b64_prefix_chars(xy[keep, k])[n] for k in (0, 1)) + 2 * _ARRAY + _ENTRY
            add(lambda row, s=s: _head(s.points, min(row, s.valid)), 1,
                mode="markers", showlegend=False, legendgroup=group, name=s.name, hovertemplate=hover,
                marker=dict(size=10, color=s.color, line=dict(width=1.5, color="white")))
            cost += _NUMBERS_OVERHEAD
        add(lambda row, s=s, v=lv: {"x": [int(steps[min(row, s.valid)])], "y": [_style.num(v[min(row, s.valid)])]},
            2, mode="markers", showlegend=False, legendgroup=group, name=s.name, hoverinfo="skip",
            cliponaxis=False, marker=dict(size=8, color=s.color, line=dict(width=1, color="white")))
        cost += _NUMBERS_OVERHEAD
        if s.diverged_step is not None:
            bx, by, pos = _badge_position(s.points[s.valid], surface.window)
            text = t("diverged", lang, k=s.diverged_step)
            add(lambda row, s=s, b=(bx, by), text=text: _badge(s, b, text, row), 1,
                mode="markers+text", showlegend=False, legendgroup=group, name=text,
                marker=dict(symbol="x", size=12, color=s.color, line=dict(width=2, color=s.color)),
                textposition=pos, textfont=dict(color=s.color, size=12), hoverinfo="skip", cliponaxis=False)
            cost += _NUMBERS_OVERHEAD + len(json.dumps(text)) + len(',"text":[]')

    # Frame count from the estimated size; frames built once.
    traces = [i for i, _ in dynamic]
    name_chars = np.array([len(str(int(v))) for v in steps])
    cost += _frame_overhead(lang, frame_ms) + len(",".join(map(str, traces))) + 3 * name_chars  # name: frame, step
    # (every frame is counted with a slider step: at most SLIDER_STEPS have one, an upper bound)
    static_bytes = len(fig.to_json()) + _CONTROLS_OVERHEAD
    rows = _anim.choose_frames(R, lambda r: cost[r], byte_budget - static_bytes, max_frames)
    frames = [{"name": str(int(steps[row])), "traces": traces, "data": [make(int(row)) for _, make in dynamic]}
              for row in rows]
    _anim.frames_fast(fig, frames)

    map_axes(fig, surface, lang, row=1, col=1)
    fig.update_xaxes(range=[float(steps[0]), float(steps[-1])], autorange=False, title_text=t("step", lang),
                     row=1, col=2, showgrid=True, gridcolor="#eee", zeroline=False, showline=True, linecolor="#888",
                     ticks="outside", ticklen=3)
    ytitle = t("loss_gap", lang) if log_loss else t("loss", lang)
    fig.update_yaxes(range=loss_range, autorange=False, type="log" if log_loss else "linear", title_text=ytitle,
                     row=1, col=2, showgrid=True, gridcolor="#eee", zeroline=False, showline=True, linecolor="#888",
                     ticks="outside", ticklen=3, exponentformat="power" if log_loss else "B", title_standoff=4)
    if log_loss:
        fig.add_annotation(text=t("loss_gap_note", lang, floor=floor), xref="x2 domain", yref="y2 domain",
                           x=1.0, y=1.0, xanchor="right", yanchor="top", showarrow=False,
                           font=dict(size=10, color="#555"), bgcolor="rgba(255,255,255,0.7)")
    fig.update_layout(**base_layout(), height=500, hovermode="closest")
    _anim.layout_fast(fig, **_anim.controls([f["name"] for f in frames], lang, frame_ms, paced=True,
                                            max_steps=SLIDER_STEPS))
    return fig


def click_target_trace(surface, lang: str, n: int = 41) -> go.Scatter:
    """Invisible markers on a grid over the window: a click on the map selects the nearest one.

    Streamlit reports clicks on points only, so this is what makes "click to move the
    start point" work anywhere on the map. Static: never part of a frame. Only one
    marker is drawn (``maxdisplayed``): plotly.js finds hovered and clicked points in
    its data, not in the page, and 1,681 invisible SVG markers cost 3 ms of painting on
    every animation frame (benchmarks/frame_rate.py).
    """
    (xlo, xhi), (ylo, yhi) = surface.window
    xx, yy = np.meshgrid(np.linspace(xlo, xhi, n), np.linspace(ylo, yhi, n))
    return go.Scatter(x=_style.f32(xx.ravel()), y=_style.f32(yy.ravel()), mode="markers",
                      marker=dict(size=14, color="rgba(0,0,0,0)", maxdisplayed=1), showlegend=False,
                      name=t("click_start", lang),
                      meta={"role": "click-targets"},
                      hovertemplate=f"{t('click_start', lang)} (%{{x:.3g}}, %{{y:.3g}})<extra></extra>")


def base_layout(top: int = 36, bottom: int = 90) -> dict:
    return dict(
        template="plotly_white", font=_style.FONT, margin=dict(l=55, r=15, t=top, b=bottom),
        legend=dict(orientation="h", x=0.0, xanchor="left", y=1.01, yanchor="bottom", bgcolor="rgba(0,0,0,0)",
                    font=dict(size=11), itemsizing="constant"),
        plot_bgcolor="white", paper_bgcolor="white", uirevision="descentlab",
    )


SLIDER_STEPS = 100  # at most this many slider steps (see _anim.controls)

# JSON characters of a frame's parts (plotly writes compact JSON; a frame entry has no "type"):
_ARRAY = len('"x":{"dtype":"f4","bdata":""},')  # a float32 array, its key and a separator
_ENTRY = len("{},")  # one trace's entry in a frame's data
_NUMBER = 12  # a number from _style.num: sign, 6 digits, point, exponent ("-1.23457e-05")
_NUMBERS_OVERHEAD = len('{"x":[],"y":[]},') + 2 * _NUMBER  # a marker: one number per axis
_CONTROLS_OVERHEAD = 2_000  # play/pause buttons and the slider, without its steps


def _frame_overhead(lang: str, frame_ms: float) -> int:
    """Characters of an empty frame and of its slider step, without the name and traces."""
    frame = {"data": [], "name": "", "traces": []}
    step = _anim.controls([""], lang, frame_ms, paced=True)["sliders"][0]["steps"][0]
    return len(json.dumps([frame, step], separators=(",", ":"), ensure_ascii=False).encode()) + 4


def _trail(xy: np.ndarray, keep: np.ndarray, row: int) -> dict:
    idx = _anim.prefix(keep, row)
    return {"x": _anim.f4(xy[idx, 0]), "y": _anim.f4(xy[idx, 1])}


def _head(points: np.ndarray, row: int) -> dict:
    p = points[row]
    return {"x": [_style.num(p[0])], "y": [_style.num(p[1])]}


def _badge(s: Series, at, text: str, row: int) -> dict:
    if row <= s.valid:
        return {"x": [], "y": [], "text": []}
    return {"x": [_style.num(at[0])], "y": [_style.num(at[1])], "text": [text]}
