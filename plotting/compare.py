"""Optimizers side by side: the path on the map and the loss per step, animated together."""

from __future__ import annotations

import numpy as np

from . import _paths, _style
from ._labels import check_lang, t
from ._series import Series, make_series, plotted_loss
from .animation import DEFAULT_BUDGET, Track, animate
from .landscape import landscape
from .spec import Spec, axis_keys, f4, figure, merge, scatter, subplot_layout, template

AXIS_STYLE = dict(showgrid=True, gridcolor="#eee", zeroline=False, showline=True, linecolor="#888", ticks="outside",
                  ticklen=3)


def _equal_aspect(window) -> bool:
    (xlo, xhi), (ylo, yhi) = window
    ratio = (xhi - xlo) / (yhi - ylo)
    return 0.25 <= ratio <= 4.0


def map_axes(layout: dict, surface, lang: str, index: int = 1) -> dict:
    """Fix the ``index``-th subplot's ranges to the window (nothing that diverges can move them)."""
    (xlo, xhi), (ylo, yhi) = surface.window
    xkey, ykey = axis_keys(index)
    common = dict(autorange=False, showgrid=False, zeroline=False, constrain="domain", ticks="outside", ticklen=3,
                  mirror=True, showline=True, linecolor="#888")
    merge(layout.setdefault(xkey, {}), dict(range=[xlo, xhi], title={"text": t("x", lang)}, **common))
    merge(layout.setdefault(ykey, {}), dict(range=[ylo, yhi], title={"text": t("y", lang), "standoff": 2},
                                            constraintoward="top", **common))
    if _equal_aspect(surface.window):
        merge(layout[ykey], {"scaleanchor": "x" if index == 1 else f"x{index}", "scaleratio": 1})
    return layout


def badge_position(point, window) -> tuple[float, float, str]:
    """The badge sits at the last valid point, pulled back inside the window if needed."""
    (xlo, xhi), (ylo, yhi) = window
    x = float(np.clip(point[0], xlo + 0.03 * (xhi - xlo), xhi - 0.03 * (xhi - xlo)))
    y = float(np.clip(point[1], ylo + 0.04 * (yhi - ylo), yhi - 0.04 * (yhi - ylo)))
    vert = "top" if y < (ylo + yhi) / 2 else "bottom"  # the text points into the map
    horiz = "right" if x < (xlo + xhi) / 2 else "left"
    return x, y, f"{vert} {horiz}"


def compare_figure(surface, trajectories, names, *, run: int | None = 0, lang: str = "en",
                   log_loss: bool = False, max_frames: int | None = None, byte_budget: int = DEFAULT_BUDGET,
                   show_minima: bool = True, click_targets: bool = False, secret: bool = False,
                   stacked: bool = False) -> Spec:
    """Animated comparison on a 2-D surface: map (left) and loss per step (right); ``stacked``: the map
    above the loss, each the figure's full width (a phone, or a projector's column beside the story).

    ``run`` picks the run drawn of each trajectory; ``run=None`` draws every run
    of a multi-run trajectory as a cloud of points (its loss: the median over the
    runs that have not diverged).

    Static (sent once): the landscape, the whole loss curve of each series, a veil
    over the loss panel. Each frame carries only what moves: the path so far on
    the map (every recorded step, simplified to a quarter of a pixel), the current
    point on the map and on its loss curve, the veil's left edge (it dims the loss
    curves after the current step; with ``secret`` it hides them, and the legend names no outcome: the
    room predicts before it plays), and the divergence badges. ``animate`` picks the
    frames that fit ``byte_budget`` and the pace (a run lasts about 5 s at 1x).
    """
    lang = check_lang(lang)
    if surface.dim != 2:
        raise ValueError(f"compare_figure draws 2-D surfaces; {surface.name} has dim {surface.dim} "
                         "(use descent_1d_figure)")
    series = make_series(trajectories, names, run, secret)
    n_rows = {len(s.traj.steps) for s in series}
    if len(n_rows) != 1 or len({tuple(s.traj.steps) for s in series}) != 1:
        raise ValueError("Invalid trajectories: they must share the same recorded steps (same steps and record_every)")
    steps = np.asarray(series[0].traj.steps)
    uniform = len(steps) > 1 and bool(np.all(np.diff(steps) == steps[1] - steps[0]))
    loss_values, loss_range, floor, _ = plotted_loss(series, log_loss, surface.global_minimum)
    loss_range = [float(v) for v in loss_range]
    veil_y = [10.0 ** loss_range[0], 10.0 ** loss_range[1]] if log_loss else loss_range

    layout = (subplot_layout(2, 1, row_heights=[0.64, 0.36], vertical_spacing=0.14) if stacked
              else subplot_layout(1, 2, column_widths=[0.6, 0.4], horizontal_spacing=0.09))
    land = landscape(surface, lang, show_critical=show_minima)
    data = land.traces
    layout["images"] = [land.image]
    if click_targets:
        data.append(click_target_trace(surface, lang))
    for s in series:  # clouds: faint start markers
        if s.cloud:
            p0 = s.traj.points[0]
            data.append(scatter(x=f4(p0[:, 0]), y=f4(p0[:, 1]), mode="markers",
                                marker=dict(size=4, color=_style.rgba(s.color, 0.35)), showlegend=False,
                                legendgroup=str(s.index), hoverinfo="skip", name=t("start", lang)))
    # Loss curves, whole and static; the veil drawn over them hides what is still to come.
    for s, lv in zip(series, loss_values):
        keep = _paths.envelope_keep(lv, s.valid)
        implicit_x = uniform and len(keep) == s.valid + 1  # evenly spaced and whole: x from x0/dx
        data.append(scatter(
            x=None if implicit_x else f4(steps[keep]), y=f4(lv[keep]),
            x0=0 if implicit_x else None, dx=int(steps[1] - steps[0]) if implicit_x else None,
            mode="lines", showlegend=False, legendgroup=str(s.index), name=s.name,
            line=dict(color=s.color, width=2, dash=s.dash),
            hovertemplate=f"{s.name}<br>{t('step', lang)} %{{x}}<br>%{{y:.4g}}<extra></extra>",
            xaxis="x2", yaxis="y2"))

    data += [legend_key(s, lang) for s in series if not s.cloud]
    veil_right = float(steps[-1]) + max(1.0, 0.02 * float(steps[-1] - steps[0]))
    tracks = [Track(scatter(y=[veil_y[0], veil_y[0], veil_y[1], veil_y[1]], mode="lines", fill="toself",
                            fillcolor="white" if secret else "rgba(255, 255, 255, 0.72)", line=dict(width=0), showlegend=False,
                            hoverinfo="skip", name=t("step", lang), meta={"role": "veil"}, xaxis="x2", yaxis="y2"),
                    lambda row: {"x": [int(steps[row]), veil_right, veil_right, int(steps[row])]})]
    for s, lv in zip(series, loss_values):
        tracks += _series_tracks(s, lv, steps, surface, lang)

    map_axes(layout, surface, lang)
    merge(layout["xaxis2"], dict(range=[float(steps[0]), float(steps[-1])], autorange=False,
                                 title={"text": t("step", lang)}, **AXIS_STYLE))
    merge(layout["yaxis2"], dict(range=loss_range, autorange=False, type="log" if log_loss else "linear",
                                 title={"text": t("loss_gap" if log_loss else "loss", lang), "standoff": 4},
                                 exponentformat="power" if log_loss else "B", **AXIS_STYLE))
    if log_loss:
        layout.setdefault("annotations", []).append(dict(
            text=t("loss_gap_note", lang, floor=floor), xref="x2 domain", yref="y2 domain", x=1.0, y=1.0,
            xanchor="right", yanchor="top", showarrow=False, font=dict(size=10, color="#555"),
            bgcolor="rgba(255,255,255,0.7)"))
    merge(layout, base_layout(), dict(height=500, hovermode="closest"))
    # stacked, the controls go further below the loss: its axis title sits in the middle, where the slider's
    # caption would be
    return animate(figure(data, layout), tracks, len(steps), lang=lang, y=-0.2 if stacked else -0.16,
                   names=[str(int(v)) for v in steps], byte_budget=byte_budget, max_frames=max_frames)


# A rule whose iterate is not where its loss is meant to be read (schedule-free SGD and AdamW: the
# gradient is taken at y, the trajectory; x, an average, is the answer) records that point in its
# state under this name. The map draws it as a second, hollow marker of the same shape.
AVERAGED_FIELD = "x"


def _averaged_points(s: Series) -> np.ndarray | None:
    """The averaged point of each recorded row of a single-run series (row 0: the start), or None."""
    state = getattr(s.traj, "state", {}) or {}
    if s.cloud or AVERAGED_FIELD not in state:
        return None
    points = np.array(state[AVERAGED_FIELD][:, s.run], dtype=float)
    points[0] = s.points[0]  # state rows start at the first update; before it x is the start
    return points


def _series_tracks(s: Series, loss: np.ndarray, steps: np.ndarray, surface, lang: str) -> list[Track]:
    """What moves for one series: its path (or cloud), its current point (and its averaged point, for
    a rule that records one), its dot on the loss curve and, if it diverged, the badge."""
    group = str(s.index)
    hover = f"{s.name}<br>(%{{x:.4g}}, %{{y:.4g}})<extra></extra>"
    tracks = []
    if s.cloud:
        pts = s.traj.points
        tracks.append(Track(
            scatter(mode="markers", name=s.legend_name(lang), legendgroup=group, hovertemplate=hover,
                    marker=dict(size=6, color=_style.rgba(s.color, 0.75), line=dict(width=0.5, color="white"))),
            lambda row: {"x": f4(pts[row, :, 0]), "y": f4(pts[row, :, 1])}))
    else:
        keep = _paths.trail_keep(s.points, s.valid, surface.window)
        xy = _style.f32(s.points)

        def trail(row: int) -> dict:
            idx = _paths.prefix(keep, min(row, s.valid))
            return {"x": f4(xy[idx, 0]), "y": f4(xy[idx, 1])}

        tracks.append(Track(scatter(mode="lines", name=s.legend_name(lang), legendgroup=group, showlegend=False,
                                    line=dict(color=s.color, width=2, dash=s.dash), opacity=0.9, hovertemplate=hover),
                            trail))
        tracks.append(Track(scatter(mode="markers", showlegend=False, legendgroup=group, name=s.name,
                                    hovertemplate=hover, marker=dict(size=10, color=s.color, symbol=s.symbol,
                                                                     line=dict(width=1.5, color="white"))),
                            lambda row: _point(s.points[min(row, s.valid)])))
        averaged = _averaged_points(s)
        if averaged is not None:
            text = t("averaged_point", lang, name=s.name)
            tracks.append(Track(scatter(mode="markers", showlegend=False, legendgroup=group, name=text,
                                        hovertemplate=f"{text}<br>(%{{x:.4g}}, %{{y:.4g}})<extra></extra>",
                                        marker=dict(size=13, color=s.color, symbol=f"{s.symbol}-open",
                                                    line=dict(width=2.5, color=s.color))),
                                lambda row: _point(averaged[min(row, s.valid)])))
    tracks.append(Track(
        scatter(mode="markers", showlegend=False, legendgroup=group, name=s.name, hoverinfo="skip", cliponaxis=False,
                marker=dict(size=8, color=s.color, symbol=s.symbol, line=dict(width=1, color="white")), xaxis="x2",
                yaxis="y2"),
        lambda row: {"x": [int(steps[min(row, s.valid)])], "y": [_style.num(loss[min(row, s.valid)])]}))
    if s.diverged_step is not None:
        bx, by, pos = badge_position(s.points[s.valid], surface.window)
        text = t("diverged", lang, k=s.diverged_step)
        tracks.append(Track(
            scatter(mode="markers+text", showlegend=False, legendgroup=group, name=text,
                    marker=dict(symbol="x", size=12, color=s.color, line=dict(width=2, color=s.color)),
                    textposition=pos, textfont=dict(color=s.color, size=12), hoverinfo="skip", cliponaxis=False),
            lambda row: badge(row > s.valid, (bx, by), text)))
    return tracks


def legend_key(s: Series, lang: str, width: float = 2) -> dict:
    """The legend entry of a series: its colour, line and marker shape (the trail and the moving point
    it stands for share its legend group, so a click on it hides them all). Static, drawn nowhere."""
    return scatter(x=[None], y=[None], mode="lines+markers", name=s.legend_name(lang), legendgroup=str(s.index),
                   line=dict(color=s.color, width=width, dash=s.dash), hoverinfo="skip",
                   marker=dict(size=9, color=s.color, symbol=s.symbol, line=dict(width=1, color="white")))


def click_target_trace(surface, lang: str, n: int = 41) -> dict:
    """Invisible markers on a grid over the window: a click on the map selects the nearest one.

    Streamlit reports clicks on points only, so this is what makes "click to move the
    start point" work anywhere on the map. Static: never part of a frame. Only one
    marker is drawn (``maxdisplayed``): plotly.js finds hovered and clicked points in
    its data, not in the page, and 1,681 invisible SVG markers cost 3 ms of painting on
    every animation frame (benchmarks/frame_rate.py).
    """
    (xlo, xhi), (ylo, yhi) = surface.window
    xx, yy = np.meshgrid(np.linspace(xlo, xhi, n), np.linspace(ylo, yhi, n))
    return scatter(x=f4(xx.ravel()), y=f4(yy.ravel()), mode="markers",
                   marker=dict(size=14, color="rgba(0,0,0,0)", maxdisplayed=1), showlegend=False,
                   name=t("click_start", lang), meta={"role": "click-targets"},
                   hovertemplate=f"{t('click_start', lang)} (%{{x:.3g}}, %{{y:.3g}})<extra></extra>")


def base_layout(top: int = 36, bottom: int = 90) -> dict:
    return dict(
        template=template("plotly_white"), font=dict(_style.FONT), margin=dict(l=55, r=15, t=top, b=bottom),
        legend=dict(orientation="h", x=0.0, xanchor="left", y=1.01, yanchor="bottom", bgcolor="rgba(0,0,0,0)",
                    font=dict(size=11), itemsizing="constant"),
        plot_bgcolor="white", paper_bgcolor="white", uirevision="descentlab",
    )


def _point(p) -> dict:
    return {"x": [_style.num(p[0])], "y": [_style.num(p[1])]}


def badge(shown: bool, at, text: str) -> dict:
    """A divergence badge's frame data: at ``at`` once ``shown``, empty before."""
    if not shown:
        return {"x": [], "y": [], "text": []}
    return {"x": [_style.num(at[0])], "y": [_style.num(at[1])], "text": [text]}
