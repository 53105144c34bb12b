"""Batch sizes side by side on a data objective, on a shared clock of epochs.

Runs with different batch sizes make different numbers of updates in the same
number of epochs (GD one per epoch, SGD one per sample), so every figure here
animates on a common clock: frame ``j`` is epoch ``j / S``, ``S`` being the most
updates per epoch of any run, and shows each run after the updates it had made
by then. Every run therefore ends at the last frame.

- ``race_figure``: the full-data loss as a map (raster + isolines, as
  ``landscape`` draws it) with each run's path, and the loss against epochs or
  updates;
- ``fit_figure``: the data points and each run's regression line;
- ``boundary_figure``: the points by class and each run's boundary ``w·x = 0``;
- ``sigmoid_figure``: 0/1 labels against one feature and each run's probability curve ``σ(w x + b)``.

Axis titles given by the caller (a student's column names) are shown as text: HTML-escaped, so that
plotly.js reads no tag in them.

Frames carry only the traces that change; ``animation.animate`` fits them to a byte budget.
"""

from __future__ import annotations

import html

import numpy as np

from . import _paths, _style
from ._labels import check_lang
from ._labels import t as base_t
from ._series import make_series, plotted_loss
from .animation import DEFAULT_BUDGET, Track, animate
from .compare import AXIS_STYLE, badge, badge_position, base_layout, legend_key, map_axes
from .landscape import landscape
from .spec import Spec, f4, figure, merge, scatter, subplot_layout

X_AXES = ("epochs", "updates")

LABELS = {
    "epoch": {"en": "epoch", "ko": "에포크"},
    "epoch_prefix": {"en": "epoch ", "ko": "에포크 "},
    "updates": {"en": "updates", "ko": "갱신 횟수"},
    "update": {"en": "update", "ko": "갱신"},
    "loss": {"en": "full-data loss", "ko": "전체 데이터 손실"},
    "data": {"en": "data", "ko": "데이터"},
    "lstsq": {"en": "least-squares line", "ko": "최소제곱 직선"},
    "best_boundary": {"en": "max-margin boundary", "ko": "최대 마진 경계"},
    "class_pos": {"en": "class +1", "ko": "클래스 +1"},
    "class_neg": {"en": "class −1", "ko": "클래스 −1"},
    "feature": {"en": "x", "ko": "x"},
    "target": {"en": "y", "ko": "y"},
    "x1": {"en": "x₁", "ko": "x₁"},
    "x2": {"en": "x₂", "ko": "x₂"},
    "best_curve": {"en": "lowest-loss curve", "ko": "손실이 가장 낮은 곡선"},
    "label_1": {"en": "label 1", "ko": "레이블 1"},
    "label_0": {"en": "label 0", "ko": "레이블 0"},
    "probability": {"en": "P(y = 1)", "ko": "P(y = 1)"},
}
SIGMOID_SAMPLES = 81  # points along each probability curve

# Axis names of the parameter map, by objective.
PARAMS = {"least_squares": ("w", "b"), "logistic": ("w", "b"), "hinge": ("w₁", "w₂")}
PIXELS = 500  # the map's width the paths are drawn for, by default: a path keeps a point per pixel it moves
MAX_TRAIL = 600  # most points of a path drawn in one frame (at PIXELS; in proportion on a narrower map)
MAX_LOSS_POINTS = 300  # most points of a loss curve drawn in one frame (at PIXELS; in proportion)


def t(key: str, lang: str, **fmt) -> str:
    text = LABELS[key][lang]
    return text.format(**fmt) if fmt else text


# -- the shared clock ------------------------------------------------------------------------
class Clock:
    """Frame ``j`` (0..J) is epoch ``j / S``; ``row(i, j)`` is run ``i``'s recorded row then."""

    def __init__(self, trajectories):
        upe = []
        for traj in trajectories:
            if not traj.updates_per_epoch:
                raise ValueError("Invalid trajectories: they must come from a data objective (updates_per_epoch)")
            upe.append(int(traj.updates_per_epoch))
        epochs = [float(traj.steps[-1]) / u for traj, u in zip(trajectories, upe)]
        if max(epochs) - min(epochs) > 1e-9 * max(1.0, max(epochs)):
            raise ValueError(f"Invalid trajectories: they must cover the same number of epochs, got {epochs}")
        self.trajectories = list(trajectories)
        self.upe = np.array(upe, dtype=np.int64)
        self.per_epoch = int(self.upe.max())
        self.epochs = epochs[0]
        self.n_ticks = int(round(self.epochs * self.per_epoch)) + 1

    def rows(self, i: int, ticks) -> np.ndarray:
        """Recorded rows of run ``i`` at the frames ``ticks`` (the last update made by then)."""
        updates = np.asarray(ticks, dtype=np.int64) * self.upe[i] // self.per_epoch
        steps = self.trajectories[i].steps
        return np.clip(np.searchsorted(steps, updates, side="right") - 1, 0, len(steps) - 1)

    def row(self, i: int, tick: int) -> int:
        return int(self.rows(i, [tick])[0])

    def epoch(self, tick: int) -> float:
        return tick / self.per_epoch

    def animate(self, spec: Spec, tracks: list[Track], lang: str, **kw) -> Spec:
        """Frames over the ticks, the slider labelled in epochs (frame names are the ticks)."""
        return animate(spec, tracks, self.n_ticks, lang=lang,
                       labels=[f"{self.epoch(j):.2f}" for j in range(self.n_ticks)],
                       prefix=t("epoch_prefix", lang), **kw)


def _trail_keep(points: np.ndarray, valid: int, window, max_points: int = MAX_TRAIL, pixels: int = PIXELS) -> np.ndarray:
    """Rows of a path to draw: pixel-level changes (on a map ``pixels`` wide), thinned evenly if still too many."""
    keep = _paths.path_keep(points, valid, window, cells=pixels)
    if len(keep) > max_points:
        keep = np.unique(np.r_[keep[np.round(np.linspace(0, len(keep) - 1, max_points)).astype(np.int64)], valid])
    return keep


# -- map and loss ----------------------------------------------------------------------------
def race_figure(surface, trajectories, names, *, x_axis: str = "epochs", lang: str = "en", log_loss: bool = False,
                byte_budget: int = DEFAULT_BUDGET, max_frames: int | None = None, secret: bool = False,
                stacked: bool = False, pixels: int = PIXELS) -> Spec:
    """Map of the full-data loss with each run's path (left), its loss (right), animated in epochs.

    ``x_axis`` ("epochs" or "updates") is the loss chart's horizontal axis; the
    animation clock is epochs either way, so all runs finish together. ``secret``: no outcome in the legend;
    ``stacked``: the map above the loss (a phone, a projector's column). ``pixels``: about how wide the map is
    drawn (a phone's 330 px): a path keeps a point per pixel it moves, and paths and loss curves keep at most
    1.2 and 0.6 points per pixel, so a phone's frames carry no points it could not show apart.
    """
    if not 100 <= pixels <= 4000:
        raise ValueError(f"Invalid pixels: {pixels!r} (allowed: 100 to 4000)")
    lang = check_lang(lang)
    if x_axis not in X_AXES:
        raise ValueError(f"Invalid x_axis: {x_axis!r} (allowed: {', '.join(X_AXES)})")
    if surface.dim != 2:
        raise ValueError(f"race_figure draws 2-D objectives; {surface.name} has dim {surface.dim}")
    series = make_series(trajectories, names, 0, secret)
    clock = Clock(trajectories)
    loss_values, loss_range, floor, _ = plotted_loss(series, log_loss, surface.global_minimum)
    xs = [np.asarray(s.traj.steps, np.float64) / (s.traj.updates_per_epoch if x_axis == "epochs" else 1)
          for s in series]

    layout = (subplot_layout(2, 1, row_heights=[0.64, 0.36], vertical_spacing=0.14) if stacked
              else subplot_layout(1, 2, column_widths=[0.56, 0.44], horizontal_spacing=0.1))
    land = landscape(surface, lang)
    data = land.traces
    layout["images"] = [land.image]
    start = series[0].points[0]
    data.append(scatter(x=[_style.num(start[0])], y=[_style.num(start[1])], mode="markers",
                        marker=dict(symbol="circle-open", size=12, color="#333", line=dict(width=2)),
                        name=base_t("start", lang), showlegend=False, hoverinfo="name"))
    data += [legend_key(s, lang, width=2.4) for s in series]
    tracks = []
    xlabel = t("epoch" if x_axis == "epochs" else "update", lang)
    for i, (s, lv, x) in enumerate(zip(series, loss_values, xs)):
        tracks += _race_tracks(clock, i, s, lv, x, xlabel, surface, lang, pixels)

    map_axes(layout, surface, lang)
    px, py = PARAMS.get(surface.name, ("θ₁", "θ₂"))
    layout["xaxis"]["title"]["text"] = px
    layout["yaxis"]["title"]["text"] = py
    x_max = max(float(x[-1]) for x in xs)
    merge(layout["xaxis2"], dict(range=[0.0, max(x_max, 1e-9)], autorange=False,
                                 title={"text": t("epoch" if x_axis == "epochs" else "updates", lang)}, **AXIS_STYLE))
    merge(layout["yaxis2"], dict(range=[float(v) for v in loss_range], autorange=False,
                                 type="log" if log_loss else "linear",
                                 title={"text": base_t("loss_gap", lang) if log_loss else t("loss", lang),
                                        "standoff": 4},
                                 exponentformat="power" if log_loss else "B", **AXIS_STYLE))
    if log_loss:
        layout.setdefault("annotations", []).append(dict(
            text=base_t("loss_gap_note", lang, floor=floor), xref="x2 domain", yref="y2 domain", x=1.0, y=1.0,
            xanchor="right", yanchor="top", showarrow=False, font=dict(size=10, color="#555"),
            bgcolor="rgba(255,255,255,0.7)"))
    merge(layout, base_layout(bottom=105), dict(height=520, hovermode="closest"))
    return clock.animate(figure(data, layout), tracks, lang, y=-0.23 if stacked else -0.19, byte_budget=byte_budget,
                         max_frames=max_frames)


def _race_tracks(clock: Clock, i: int, s, loss: np.ndarray, x: np.ndarray, xlabel: str, surface, lang: str,
                 pixels: int = PIXELS):
    """Run ``i``'s path and point on the map, its loss curve and point, and its divergence badge."""
    group = str(s.index)
    hover = f"{s.name}<br>(%{{x:.4g}}, %{{y:.4g}})<extra></extra>"
    trail_keep = _trail_keep(s.points, s.valid, surface.window, max_points=MAX_TRAIL * pixels // PIXELS,
                             pixels=pixels)
    loss_keep = _paths.envelope_keep(loss, s.valid, max_points=MAX_LOSS_POINTS * pixels // PIXELS)

    def row(tick: int) -> int:
        return min(clock.row(i, tick), s.valid)

    def path(tick: int) -> dict:
        idx = _paths.prefix(trail_keep, row(tick))
        return {"x": f4(s.points[idx, 0]), "y": f4(s.points[idx, 1])}

    def curve(tick: int) -> dict:
        idx = _paths.prefix(loss_keep, row(tick))
        return {"x": f4(x[idx]), "y": f4(loss[idx])}

    tracks = [
        Track(scatter(mode="lines", name=s.legend_name(lang), legendgroup=group, opacity=0.9, hovertemplate=hover,
                      showlegend=False,
                      line=dict(color=s.color, width=1.6 if s.traj.updates_per_epoch > 1 else 2.4, dash=s.dash)),
              path),
        Track(scatter(mode="markers", showlegend=False, legendgroup=group, name=s.name, hovertemplate=hover,
                      marker=dict(size=11, color=s.color, symbol=s.symbol, line=dict(width=1.5, color="white"))),
              lambda tick: _xy(*s.points[row(tick)])),
        Track(scatter(mode="lines", showlegend=False, legendgroup=group, name=s.name,
                      line=dict(color=s.color, width=1.6, dash=s.dash), xaxis="x2", yaxis="y2",
                      hovertemplate=f"{s.name}<br>{xlabel} %{{x:.4g}}<br>%{{y:.4g}}<extra></extra>"), curve),
        Track(scatter(mode="markers", showlegend=False, legendgroup=group, name=s.name, hoverinfo="skip",
                      cliponaxis=False,
                      marker=dict(size=8, color=s.color, symbol=s.symbol, line=dict(width=1, color="white")),
                      xaxis="x2", yaxis="y2"),
              lambda tick: _xy(x[row(tick)], loss[row(tick)])),
    ]
    if s.diverged_step is not None:
        bx, by, pos = badge_position(s.points[s.valid], surface.window)
        text = base_t("diverged", lang, k=s.diverged_step)
        tracks.append(Track(
            scatter(mode="markers+text", showlegend=False, legendgroup=group, name=text, hoverinfo="skip",
                    marker=dict(symbol="x", size=12, color=s.color, line=dict(width=2, color=s.color)),
                    textposition=pos, textfont=dict(color=s.color, size=12), cliponaxis=False),
            lambda tick: badge(clock.row(i, tick) > s.valid, (bx, by), text)))
    return tracks


def _xy(x, y) -> dict:
    return {"x": [_style.num(x)], "y": [_style.num(y)]}


# -- the model in data space -----------------------------------------------------------------
def _data_figure(clock: Clock, series, data: list, line: callable, axes: dict, lang: str,
                 height: int, byte_budget: int, max_frames: int | None) -> Spec:
    """Each run's line (``line(params)`` gives its x/y) over static ``data``, moving with the epochs."""
    tracks = [Track(scatter(mode="lines", name=s.legend_name(lang), line=dict(color=s.color, width=2.5, dash=s.dash),
                            hoverinfo="name"),
                    lambda tick, s=s: line(s.points[min(clock.row(s.index, tick), s.valid)]))
              for s in series]
    layout = merge(axes, base_layout(bottom=100), dict(height=height, hovermode="closest", legend=dict(y=1.02)))
    return clock.animate(figure(data, layout), tracks, lang, y=-0.2, byte_budget=byte_budget,
                         max_frames=max_frames)


def _data_axes(xr, yr, xtitle, ytitle, equal: bool) -> dict:
    style = dict(showgrid=True, gridcolor="#eee", zeroline=True, zerolinecolor="#ccc", showline=True,
                 linecolor="#888", ticks="outside", ticklen=3, autorange=False)
    axes = dict(xaxis=dict(range=xr, title={"text": xtitle}, constrain="domain", **style),
                yaxis=dict(range=yr, title={"text": ytitle}, **style))
    if equal:
        axes["yaxis"].update(scaleanchor="x", scaleratio=1)
    return axes


def axis_text(text: str) -> str:
    """User text (a column name) as plotly.js shows it literally: HTML-escaped, on one line."""
    return html.escape(" ".join(str(text).split()), quote=True)


def _one_feature(surface, refusal: str) -> tuple[np.ndarray, np.ndarray, list[float]]:
    """A one-feature model's inputs ``x``, targets ``y`` and the x range to draw (5 % padding); ``refusal`` is
    raised for any other surface."""
    X = np.asarray(surface.inputs, np.float64)
    if X.ndim != 2 or X.shape[1] != 1 or surface.dim != 2:
        raise ValueError(refusal)
    x, y = X[:, 0], np.asarray(surface.targets, np.float64).reshape(-1)
    pad_x = 0.05 * (x.max() - x.min() or 1.0)
    return x, y, [float(x.min() - pad_x), float(x.max() + pad_x)]


def fit_figure(surface, trajectories, names, *, lang: str = "en", byte_budget: int = 500_000,
               max_frames: int | None = None, x_title: str | None = None, y_title: str | None = None) -> Spec:
    """The regression data as points and each run's line ``y = w x + b``, moving with the epochs.

    The exact least-squares line is drawn dashed. Frames carry only the moving lines. ``x_title`` and
    ``y_title`` (e.g. a student's column names; shown as plain text) replace "x" and "y".
    """
    lang = check_lang(lang)
    x, y, xr = _one_feature(surface, "fit_figure draws a straight-line fit: one feature, parameters (w, b)")
    series = make_series(trajectories, names, 0)
    clock = Clock(trajectories)
    pad_y = 0.15 * (y.max() - y.min() or 1.0)
    yr = [float(y.min() - pad_y), float(y.max() + pad_y)]
    ends = np.array(xr)

    data = [scatter(x=f4(x), y=f4(y), mode="markers", name=t("data", lang),
                    marker=dict(size=7, color="rgba(60, 60, 60, 0.55)", line=dict(width=0.5, color="white")),
                    hovertemplate="(%{x:.3g}, %{y:.3g})<extra></extra>")]
    if surface.minima:
        w, b = surface.minima[0].location
        data.append(scatter(x=_style.nums(ends), y=_style.nums(w * ends + b), mode="lines", name=t("lstsq", lang),
                            line=dict(color="#111", width=1.5, dash="dash"), hoverinfo="name"))
    return _data_figure(clock, series, data, lambda params: _line(params, ends),
                        _data_axes(xr, yr, axis_text(x_title) if x_title is not None else t("feature", lang),
                                   axis_text(y_title) if y_title is not None else t("target", lang), equal=False),
                        lang, 430, byte_budget, max_frames)


def _line(params, ends) -> dict:
    w, b = float(params[0]), float(params[1])
    return {"x": _style.nums(ends), "y": _style.nums(w * ends + b)}


def boundary_figure(surface, trajectories, names, *, lang: str = "en", byte_budget: int = 500_000,
                    max_frames: int | None = None) -> Spec:
    """The classification data by class and each run's boundary ``w·x = 0``, moving with the epochs.

    The boundary passes through the origin, perpendicular to ``w``; while ``w = 0``
    there is none and nothing is drawn. The max-margin boundary is dashed.
    """
    lang = check_lang(lang)
    X = np.asarray(surface.inputs, np.float64)
    if X.ndim != 2 or X.shape[1] != 2 or surface.dim != 2:
        raise ValueError("boundary_figure draws a linear classifier on 2-D inputs")
    labels = np.asarray(surface.targets, np.float64).reshape(-1)
    series = make_series(trajectories, names, 0)
    clock = Clock(trajectories)
    reach = 1.1 * float(np.abs(X).max() or 1.0)
    box = [-reach, reach]

    data = []
    for value, key, marker in ((1.0, "class_pos", dict(symbol="circle", color="rgba(40, 40, 40, 0.7)")),
                               (-1.0, "class_neg", dict(symbol="circle-open", color="rgba(40, 40, 40, 0.8)"))):
        pts = X[labels == value]
        data.append(scatter(x=f4(pts[:, 0]), y=f4(pts[:, 1]), mode="markers", name=t(key, lang),
                            marker=dict(size=8, line=dict(width=1.2, color=marker["color"]), **marker),
                            hovertemplate=t(key, lang) + " (%{x:.3g}, %{y:.3g})<extra></extra>"))
    if surface.minima:
        data.append(scatter(**_boundary(surface.minima[0].location, 2 * reach), mode="lines",
                            name=t("best_boundary", lang), line=dict(color="#111", width=1.5, dash="dash"),
                            hoverinfo="name"))
    return _data_figure(clock, series, data, lambda params: _boundary(params, 2 * reach),
                        _data_axes(box, box, t("x1", lang), t("x2", lang), equal=True), lang, 520,
                        byte_budget, max_frames)


def _boundary(w, length: float) -> dict:
    """End points of the line w·x = 0 (through the origin), or nothing while w = 0."""
    w = np.asarray(w, np.float64)
    norm = float(np.hypot(w[0], w[1]))
    if not (np.isfinite(norm) and norm > 1e-12):
        return dict(x=[], y=[])
    d = np.array([-w[1], w[0]]) / norm * length
    return dict(x=_style.nums([-d[0], d[0]]), y=_style.nums([-d[1], d[1]]))


def sigmoid_figure(surface, trajectories, names, *, lang: str = "en", byte_budget: int = 500_000,
                   max_frames: int | None = None, x_title: str | None = None, y_title: str | None = None) -> Spec:
    """Logistic regression on one feature: the 0/1 labels as points and each run's probability curve
    ``σ(w x + b)``, moving with the epochs; the lowest-loss curve dashed when the loss has a minimum.
    ``x_title``/``y_title`` (plain text) replace "x" and "P(y = 1)"."""
    lang = check_lang(lang)
    x, y, xr = _one_feature(surface, "sigmoid_figure draws a logistic regression on one feature: parameters (w, b)")
    series = make_series(trajectories, names, 0)
    clock = Clock(trajectories)
    grid = np.linspace(xr[0], xr[1], SIGMOID_SAMPLES)

    data = []
    for value, key, marker in ((1.0, "label_1", dict(symbol="circle", color="rgba(40, 40, 40, 0.55)")),
                               (0.0, "label_0", dict(symbol="circle-open", color="rgba(40, 40, 40, 0.7)"))):
        pts = x[y == value]
        data.append(scatter(x=f4(pts), y=f4(np.full(len(pts), value)), mode="markers", name=t(key, lang),
                            marker=dict(size=8, line=dict(width=1.2, color=marker["color"]), **marker),
                            hovertemplate=t(key, lang) + " (%{x:.3g})<extra></extra>"))
    if surface.minima:
        data.append(scatter(**_curve(surface.minima[0].location, grid), mode="lines", name=t("best_curve", lang),
                            line=dict(color="#111", width=1.5, dash="dash"), hoverinfo="name"))
    axes = _data_axes(xr, [-0.08, 1.08], axis_text(x_title) if x_title is not None else t("feature", lang),
                      axis_text(y_title) if y_title is not None else t("probability", lang), equal=False)
    return _data_figure(clock, series, data, lambda params: _curve(params, grid), axes, lang, 430,
                        byte_budget, max_frames)


def _curve(params, grid) -> dict:
    """σ(w x + b) along ``grid``, without overflow."""
    w, b = float(params[0]), float(params[1])
    z = np.clip(w * grid + b, -700.0, 700.0)
    return {"x": f4(grid), "y": f4(1.0 / (1.0 + np.exp(-z)))}
