"""Optimizers side by side: the path on the map and the loss per step, animated together."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from _plotly_utils.utils import convert_to_base64
from plotly.io.json import to_json_plotly
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
    runs that have not diverged). The number of frames is the largest that keeps
    ``len(fig.to_json())`` near ``byte_budget`` (at most ``max_frames``; the first
    and the last recorded step are always frames).
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

    # Dynamic traces, and for each a function row -> frame trace.
    dynamic: list[tuple[int, callable]] = []
    keeps = []
    for s, lv in zip(series, loss_values):
        group = str(s.index)
        legend = s.legend_name(lang)
        if s.cloud:
            pts = np.asarray(s.traj.points)
            fig.add_trace(go.Scatter(
                x=[], y=[], mode="markers", name=legend, legendgroup=group,
                marker=dict(size=6, color=_style.rgba(s.color, 0.75), line=dict(width=0.5, color="white")),
                hovertemplate=f"{s.name}<br>(%{{x:.4g}}, %{{y:.4g}})<extra></extra>"), row=1, col=1)
            dynamic.append((len(fig.data) - 1, lambda row, pts=pts: go.Scatter(
                x=_style.f32(pts[row, :, 0]), y=_style.f32(pts[row, :, 1]))))
            trail_keep = None
        else:
            trail_keep = _anim.path_keep(s.points, s.valid, surface.window)
            fig.add_trace(go.Scatter(
                x=[], y=[], mode="lines", name=legend, legendgroup=group,
                line=dict(color=s.color, width=2), opacity=0.9,
                hovertemplate=f"{s.name}<br>(%{{x:.4g}}, %{{y:.4g}})<extra></extra>"), row=1, col=1)
            dynamic.append((len(fig.data) - 1, lambda row, s=s, k=trail_keep: _trail(s, k, row)))
            fig.add_trace(go.Scatter(
                x=[], y=[], mode="markers", showlegend=False, legendgroup=group, name=s.name,
                marker=dict(size=10, color=s.color, line=dict(width=1.5, color="white")),
                hovertemplate=f"{s.name}<br>(%{{x:.4g}}, %{{y:.4g}})<extra></extra>"), row=1, col=1)
            dynamic.append((len(fig.data) - 1, lambda row, s=s: _head(s, row)))
        loss_keep = _anim.envelope_keep(lv, s.valid)
        # Evenly spaced steps drawn whole: x is implied (x0, dx), frames carry y only.
        implicit_x = uniform and len(loss_keep) == s.valid + 1
        fig.add_trace(go.Scatter(
            x=None if implicit_x else [], y=[], mode="lines", showlegend=False, legendgroup=group, name=s.name,
            x0=0 if implicit_x else None, dx=int(steps[1] - steps[0]) if implicit_x else None,
            line=dict(color=s.color, width=2),
            hovertemplate=f"{s.name}<br>{t('step', lang)} %{{x}}<br>%{{y:.4g}}<extra></extra>"), row=1, col=2)
        dynamic.append((len(fig.data) - 1, lambda row, s=s, k=loss_keep, v=lv, ix=implicit_x:
                        _loss_prefix(s, k, v, None if ix else steps, row)))
        fig.add_trace(go.Scatter(
            x=[], y=[], mode="markers", showlegend=False, legendgroup=group, name=s.name,
            marker=dict(size=8, color=s.color, line=dict(width=1, color="white")), hoverinfo="skip",
            cliponaxis=False),
            row=1, col=2)
        dynamic.append((len(fig.data) - 1, lambda row, s=s, v=lv: _loss_head(s, v, steps, row)))
        if s.diverged_step is not None:
            bx, by, pos = _badge_position(s.points[s.valid], surface.window)
            text = t("diverged", lang, k=s.diverged_step)
            fig.add_trace(go.Scatter(
                x=[], y=[], mode="markers+text", showlegend=False, legendgroup=group, name=text,
                marker=dict(symbol="x", size=12, color=s.color, line=dict(width=2, color=s.color)),
                textposition=pos, textfont=dict(color=s.color, size=12), hoverinfo="skip",
                cliponaxis=False), row=1, col=1)
            dynamic.append((len(fig.data) - 1, lambda row, s=s, b=(bx, by), text=text: _badge(s, b, text, row)))
        keeps.append((s, trail_keep, loss_keep))

    # Frame count from the byte budget.
    static_bytes = len(fig.to_json())
    n_dyn = len(dynamic)

    def frame_cost(rows):
        cost = np.full(len(rows), _anim.FRAME_OVERHEAD + n_dyn * (_anim.TRACE_OVERHEAD + 2 * _anim.ARRAY_OVERHEAD),
                       dtype=np.float64)
        for s, trail_keep, loss_keep in keeps:
            r = np.minimum(rows, s.valid)
            if s.cloud:
                cost += 2 * s.traj.n_runs * _anim.B64_BYTES_PER_VALUE
            else:
                cost += 2 * _anim.prefix_len(trail_keep, r) * _anim.B64_BYTES_PER_VALUE + 40
            cost += 2 * _anim.prefix_len(loss_keep, r) * _anim.B64_BYTES_PER_VALUE + 40
        return cost

    def build(rows):
        return [go.Frame(name=str(int(steps[row])), traces=[i for i, _ in dynamic],
                         data=[make(int(row)) for _, make in dynamic]) for row in rows]

    # Estimate, then measure: frames cost about proportionally to their count, so rescale
    # the count by budget / actual a few times and keep the largest set that fits.
    budget = byte_budget - static_bytes
    cap = min(R, _anim.DEFAULT_MAX_FRAMES if max_frames is None else max(2, int(max_frames)))
    rows = _anim.choose_frames(R, frame_cost, budget, max_frames)
    best = None
    for _ in range(4):
        frames = build(rows)
        actual = _frames_bytes(frames)
        if actual <= budget and (best is None or len(rows) > len(best[0])):
            best = (rows, frames)
        n_new = int(np.clip(int(len(rows) * budget / max(actual, 1) * 0.97), 2, cap))
        if (actual <= budget and (n_new <= len(rows) or len(rows) >= cap)) or n_new == len(rows):
            break
        if best is not None and n_new <= len(best[0]):
            break
        rows = _anim.frame_rows(R, n_new)
    if best is not None:
        rows, frames = best
    # Initial state = first frame.
    for (i, _), trace in zip(dynamic, frames[0].data):
        fig.data[i].update(y=trace.y)
        if trace.x is not None:
            fig.data[i].update(x=trace.x)
        if trace.text is not None:
            fig.data[i].update(text=trace.text)
    fig.frames = frames

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
    fig.update_layout(
        **_anim.controls([f.name for f in frames], lang, frame_ms),
        **base_layout(),
        height=500,
        hovermode="closest",
    )
    return fig


def click_target_trace(surface, lang: str, n: int = 41) -> go.Scatter:
    """Invisible markers on a grid over the window: a click on the map selects the nearest one.

    Streamlit reports clicks on points only, so this is what makes "click to move the
    start point" work anywhere on the map. Static: never part of a frame.
    """
    (xlo, xhi), (ylo, yhi) = surface.window
    xx, yy = np.meshgrid(np.linspace(xlo, xhi, n), np.linspace(ylo, yhi, n))
    return go.Scatter(x=_style.f32(xx.ravel()), y=_style.f32(yy.ravel()), mode="markers",
                      marker=dict(size=14, color="rgba(0,0,0,0)"), showlegend=False, name=t("click_start", lang),
                      meta={"role": "click-targets"},
                      hovertemplate=f"{t('click_start', lang)} (%{{x:.3g}}, %{{y:.3g}})<extra></extra>")


def base_layout(top: int = 36, bottom: int = 90) -> dict:
    return dict(
        template="plotly_white", font=_style.FONT, margin=dict(l=55, r=15, t=top, b=bottom),
        legend=dict(orientation="h", x=0.0, xanchor="left", y=1.01, yanchor="bottom", bgcolor="rgba(0,0,0,0)",
                    font=dict(size=11), itemsizing="constant"),
        plot_bgcolor="white", paper_bgcolor="white", uirevision="descentlab",
    )


def _frames_bytes(frames) -> int:
    """JSON bytes of the frames and of their slider steps."""
    frames = [f.to_plotly_json() for f in frames]
    convert_to_base64(frames)  # as Figure.to_json does
    return len(to_json_plotly(frames)) + 150 * len(frames)


def _trail(s: Series, keep, row: int) -> go.Scatter:
    idx = _anim.prefix(keep, min(row, s.valid))
    pts = s.points[idx]
    return go.Scatter(x=_style.f32(pts[:, 0]), y=_style.f32(pts[:, 1]))


def _head(s: Series, row: int) -> go.Scatter:
    p = s.points[min(row, s.valid)]
    return go.Scatter(x=[_style.num(p[0])], y=[_style.num(p[1])])


def _loss_prefix(s: Series, keep, values, steps, row: int) -> go.Scatter:
    idx = _anim.prefix(keep, min(row, s.valid))
    if steps is None:  # x implied by x0/dx
        return go.Scatter(y=_style.f32(values[idx]))
    return go.Scatter(x=_style.f32(steps[idx]), y=_style.f32(values[idx]))


def _loss_head(s: Series, values, steps, row: int) -> go.Scatter:
    r = min(row, s.valid)
    return go.Scatter(x=[int(steps[r])], y=[_style.num(values[r])])


def _badge(s: Series, at, text: str, row: int) -> go.Scatter:
    if row <= s.valid:
        return go.Scatter(x=[], y=[], text=[])
    return go.Scatter(x=[_style.num(at[0])], y=[_style.num(at[1])], text=[text])
