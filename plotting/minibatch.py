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
- ``boundary_figure``: the points by class and each run's boundary ``w·x = 0``.

Frames carry only the traces that change; the frame count fits a byte budget.
"""

from __future__ import annotations

import base64

import numpy as np
import plotly.graph_objects as go
from plotly.io.json import to_json_plotly
from plotly.subplots import make_subplots

from . import _anim, _style
from ._labels import check_lang
from ._labels import t as base_t
from ._series import make_series, plotted_loss
from .compare import _badge_position, base_layout, map_axes
from .landscape import landscape

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
}

# Axis names of the parameter map, by objective.
PARAMS = {"least_squares": ("w", "b"), "hinge": ("w₁", "w₂")}
MAX_TRAIL = 600  # most points of a path drawn in one frame
MAX_LOSS_POINTS = 300  # most points of a loss curve drawn in one frame


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

    def rows(self, i: int, ticks: np.ndarray) -> np.ndarray:
        """Recorded rows of run ``i`` at the frames ``ticks`` (the last update made by then)."""
        updates = np.asarray(ticks, dtype=np.int64) * self.upe[i] // self.per_epoch
        steps = self.trajectories[i].steps
        return np.clip(np.searchsorted(steps, updates, side="right") - 1, 0, len(steps) - 1)

    def epoch(self, tick: int) -> float:
        return tick / self.per_epoch

    def controls(self, ticks, lang: str, frame_ms: float, **kw) -> dict:
        """Play/pause and a slider labelled in epochs (frame names are the ticks)."""
        out = _anim.controls([str(int(j)) for j in ticks], lang, frame_ms, **kw)
        slider = out["sliders"][0]
        slider["currentvalue"]["prefix"] = t("epoch_prefix", lang)
        for step, j in zip(slider["steps"], ticks):
            step["label"] = f"{self.epoch(int(j)):.2f}"
        return out


def _arr(values) -> dict:
    """A float32 typed array as plotly sends it (base64), built without plotly's validators."""
    return {"dtype": "f4", "bdata": base64.b64encode(_style.f32(values).tobytes()).decode("ascii")}


def _trace(x, y, **extra) -> dict:
    return {"type": "scatter", "x": x, "y": y, **extra}


def _frame(name: str, traces: list[int], data: list[dict]) -> go.Frame:
    # Frames are many and their traces are plain x/y updates built here: skip plotly's
    # per-property validation, which would cost about a second per figure.
    return go.Frame(name=name, traces=traces, data=data, _validate=False)


def _frames_bytes(frames) -> int:
    """JSON bytes of the frames and of their slider steps."""
    return len(to_json_plotly([f.to_plotly_json() for f in frames])) + 150 * len(frames)


def _trail_keep(points: np.ndarray, valid: int, window, max_points: int = MAX_TRAIL) -> np.ndarray:
    """Rows of a path to draw: pixel-level changes, thinned evenly if still too many."""
    keep = _anim.path_keep(points, valid, window)
    if len(keep) > max_points:
        keep = np.unique(np.r_[keep[np.round(np.linspace(0, len(keep) - 1, max_points)).astype(np.int64)], valid])
    return keep


def _fit_frames(n_ticks: int, build, static_bytes: int, byte_budget: int, max_frames: int | None, cost=None):
    """The most frames (ticks evenly spread, first and last kept) whose JSON fits the budget."""
    budget = max(byte_budget - static_bytes, 1)
    cap = min(n_ticks, _anim.DEFAULT_MAX_FRAMES if max_frames is None else max(2, int(max_frames)))
    ticks = (_anim.choose_frames(n_ticks, cost, budget, max_frames) if cost is not None
             else _anim.frame_rows(n_ticks, cap))
    best = None
    for _ in range(5):
        frames = build(ticks)
        actual = _frames_bytes(frames)
        if actual <= budget and (best is None or len(ticks) > len(best[0])):
            best = (ticks, frames)
        n_new = int(np.clip(int(len(ticks) * budget / max(actual, 1) * 0.97), 2, cap))
        if (actual <= budget and (n_new <= len(ticks) or len(ticks) >= cap)) or n_new == len(ticks):
            break
        if best is not None and n_new <= len(best[0]):
            break
        ticks = _anim.frame_rows(n_ticks, n_new)
    if best is None:  # even two frames are over budget: keep them anyway
        ticks = _anim.frame_rows(n_ticks, 2)
        best = (ticks, build(ticks))
    return best


def _initial_state(fig: go.Figure, dynamic, frame: go.Frame) -> None:
    for (i, *_), trace in zip(dynamic, frame.to_plotly_json()["data"]):
        fig.data[i].update({k: v for k, v in trace.items() if k != "type"})


# -- map and loss ----------------------------------------------------------------------------
def race_figure(surface, trajectories, names, *, x_axis: str = "epochs", lang: str = "en", log_loss: bool = False,
                byte_budget: int = 900_000, max_frames: int | None = None, frame_ms: float = 60) -> go.Figure:
    """Map of the full-data loss with each run's path (left), its loss (right), animated in epochs.

    ``x_axis`` ("epochs" or "updates") is the loss chart's horizontal axis; the
    animation clock is epochs either way, so all runs finish together.
    """
    lang = check_lang(lang)
    if x_axis not in X_AXES:
        raise ValueError(f"Invalid x_axis: {x_axis!r} (allowed: {', '.join(X_AXES)})")
    if surface.dim != 2:
        raise ValueError(f"race_figure draws 2-D objectives; {surface.name} has dim {surface.dim}")
    series = make_series(trajectories, names, 0)
    clock = Clock(trajectories)
    loss_values, loss_range, floor, _ = plotted_loss(series, log_loss, surface.global_minimum)
    xs = [np.asarray(s.traj.steps, np.float64) / (s.traj.updates_per_epoch if x_axis == "epochs" else 1)
          for s in series]

    fig = make_subplots(rows=1, cols=2, column_widths=[0.56, 0.44], horizontal_spacing=0.1)
    land = landscape(surface, lang)
    for trace in land.traces:
        fig.add_trace(trace, row=1, col=1)
    fig.add_layout_image(land.image)
    start = series[0].points[0]
    fig.add_trace(go.Scatter(x=[_style.num(start[0])], y=[_style.num(start[1])], mode="markers",
                             marker=dict(symbol="circle-open", size=12, color="#333", line=dict(width=2)),
                             name=base_t("start", lang), showlegend=False, hoverinfo="name"), row=1, col=1)

    dynamic: list[tuple[int, int, callable]] = []  # trace index, run, row -> frame trace
    parts = []
    for i, (s, lv, x) in enumerate(zip(series, loss_values, xs)):
        group = str(s.index)
        hover = f"{s.name}<br>(%{{x:.4g}}, %{{y:.4g}})<extra></extra>"
        trail_keep = _trail_keep(s.points, s.valid, surface.window)
        loss_keep = _anim.envelope_keep(lv, s.valid, max_points=MAX_LOSS_POINTS)
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines", name=s.legend_name(lang), legendgroup=group,
                                 line=dict(color=s.color, width=1.6 if s.traj.updates_per_epoch > 1 else 2.4),
                                 opacity=0.9, hovertemplate=hover), row=1, col=1)
        dynamic.append((len(fig.data) - 1, i, lambda r, s=s, k=trail_keep: _path(s.points, k, min(r, s.valid))))
        fig.add_trace(go.Scatter(x=[], y=[], mode="markers", showlegend=False, legendgroup=group, name=s.name,
                                 marker=dict(size=11, color=s.color, line=dict(width=1.5, color="white")),
                                 hovertemplate=hover), row=1, col=1)
        dynamic.append((len(fig.data) - 1, i, lambda r, s=s: _point(s.points[min(r, s.valid)])))
        xlabel = t("epoch" if x_axis == "epochs" else "update", lang)
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines", showlegend=False, legendgroup=group, name=s.name,
                                 line=dict(color=s.color, width=1.6),
                                 hovertemplate=f"{s.name}<br>{xlabel} %{{x:.4g}}<br>%{{y:.4g}}<extra></extra>"),
                      row=1, col=2)
        dynamic.append((len(fig.data) - 1, i, lambda r, s=s, k=loss_keep, v=lv, x=x: _curve(x, v, k, min(r, s.valid))))
        fig.add_trace(go.Scatter(x=[], y=[], mode="markers", showlegend=False, legendgroup=group, name=s.name,
                                 marker=dict(size=8, color=s.color, line=dict(width=1, color="white")),
                                 hoverinfo="skip", cliponaxis=False), row=1, col=2)
        dynamic.append((len(fig.data) - 1, i, lambda r, s=s, v=lv, x=x: _xy(x[min(r, s.valid)], v[min(r, s.valid)])))
        if s.diverged_step is not None:
            bx, by, pos = _badge_position(s.points[s.valid], surface.window)
            text = base_t("diverged", lang, k=s.diverged_step)
            fig.add_trace(go.Scatter(x=[], y=[], mode="markers+text", showlegend=False, legendgroup=group, name=text,
                                     marker=dict(symbol="x", size=12, color=s.color, line=dict(width=2, color=s.color)),
                                     textposition=pos, textfont=dict(color=s.color, size=12), hoverinfo="skip",
                                     cliponaxis=False), row=1, col=1)
            dynamic.append((len(fig.data) - 1, i, lambda r, s=s, b=(bx, by), text=text: _badge(s, b, text, r)))
        parts.append((i, s, trail_keep, loss_keep))

    n_dyn = len(dynamic)

    def cost(ticks):
        total = np.full(len(ticks), _anim.FRAME_OVERHEAD + n_dyn * (_anim.TRACE_OVERHEAD + 2 * _anim.ARRAY_OVERHEAD),
                        dtype=np.float64)
        for i, s, trail_keep, loss_keep in parts:
            r = np.minimum(clock.rows(i, ticks), s.valid)
            total += 2 * (_anim.prefix_len(trail_keep, r) + _anim.prefix_len(loss_keep, r)) * _anim.B64_BYTES_PER_VALUE
            total += 80
        return total

    def build(ticks):
        rows = [clock.rows(i, ticks) for i in range(len(series))]
        return [_frame(str(int(j)), [d for d, _, _ in dynamic], [make(int(rows[i][f])) for _, i, make in dynamic])
                for f, j in enumerate(ticks)]

    ticks, frames = _fit_frames(clock.n_ticks, build, len(fig.to_json()), byte_budget, max_frames, cost)
    _initial_state(fig, dynamic, frames[0])
    fig.frames = frames

    map_axes(fig, surface, lang, row=1, col=1)
    px, py = PARAMS.get(surface.name, ("θ₁", "θ₂"))
    fig.update_xaxes(title_text=px, row=1, col=1)
    fig.update_yaxes(title_text=py, row=1, col=1)
    x_max = max(float(x[-1]) for x in xs)
    fig.update_xaxes(range=[0.0, max(x_max, 1e-9)], autorange=False, row=1, col=2,
                     title_text=t("epoch" if x_axis == "epochs" else "updates", lang), showgrid=True,
                     gridcolor="#eee", zeroline=False, showline=True, linecolor="#888", ticks="outside", ticklen=3)
    fig.update_yaxes(range=loss_range, autorange=False, type="log" if log_loss else "linear",
                     title_text=base_t("loss_gap", lang) if log_loss else t("loss", lang), row=1, col=2,
                     showgrid=True, gridcolor="#eee", zeroline=False, showline=True, linecolor="#888",
                     ticks="outside", ticklen=3, exponentformat="power" if log_loss else "B", title_standoff=4)
    if log_loss:
        fig.add_annotation(text=base_t("loss_gap_note", lang, floor=floor), xref="x2 domain", yref="y2 domain",
                           x=1.0, y=1.0, xanchor="right", yanchor="top", showarrow=False,
                           font=dict(size=10, color="#555"), bgcolor="rgba(255,255,255,0.7)")
    fig.update_layout(**clock.controls(ticks, lang, frame_ms, y=-0.19), **base_layout(bottom=105), height=520,
                      hovermode="closest")
    return fig


def _path(points, keep, row: int) -> dict:
    idx = _anim.prefix(keep, row)
    return _trace(_arr(points[idx, 0]), _arr(points[idx, 1]))


def _curve(x, values, keep, row: int) -> dict:
    idx = _anim.prefix(keep, row)
    return _trace(_arr(x[idx]), _arr(values[idx]))


def _point(p) -> dict:
    return _trace([_style.num(p[0])], [_style.num(p[1])])


def _xy(x, y) -> dict:
    return _trace([_style.num(x)], [_style.num(y)])


def _badge(s, at, text: str, row: int) -> dict:
    if row <= s.valid:
        return _trace([], [], text=[])
    return _trace([_style.num(at[0])], [_style.num(at[1])], text=[text])


# -- the model in data space -----------------------------------------------------------------
def _data_frames(clock: Clock, series, line_of, byte_budget: int, max_frames: int | None, static_bytes: int):
    def build(ticks):
        rows = [clock.rows(s.index, ticks) for s in series]
        return [_frame(str(int(j)), [d for d, _ in line_of],
                       [make(int(min(rows[s.index][f], s.valid))) for s, (_, make) in zip(series, line_of)])
                for f, j in enumerate(ticks)]

    return _fit_frames(clock.n_ticks, build, static_bytes, byte_budget, max_frames)


def _finish(fig, clock, ticks, frames, line_of, lang, frame_ms, height):
    for (i, _), trace in zip(line_of, frames[0].to_plotly_json()["data"]):
        fig.data[i].update(x=trace["x"], y=trace["y"])
    fig.frames = frames
    fig.update_layout(**clock.controls(ticks, lang, frame_ms, y=-0.2), **base_layout(bottom=100), height=height,
                      hovermode="closest")
    fig.update_layout(legend=dict(y=1.02))
    return fig


def _data_axes(fig, xr, yr, xtitle, ytitle, equal: bool) -> None:
    style = dict(showgrid=True, gridcolor="#eee", zeroline=True, zerolinecolor="#ccc", showline=True,
                 linecolor="#888", ticks="outside", ticklen=3, autorange=False)
    fig.update_xaxes(range=xr, title_text=xtitle, constrain="domain", **style)
    fig.update_yaxes(range=yr, title_text=ytitle, **style)
    if equal:
        fig.update_yaxes(scaleanchor="x", scaleratio=1)


def fit_figure(surface, trajectories, names, *, lang: str = "en", byte_budget: int = 500_000,
               max_frames: int | None = None, frame_ms: float = 60) -> go.Figure:
    """The regression data as points and each run's line ``y = w x + b``, moving with the epochs.

    The exact least-squares line is drawn dashed. Frames carry only the moving lines.
    """
    lang = check_lang(lang)
    X = np.asarray(surface.inputs, np.float64)
    if X.ndim != 2 or X.shape[1] != 1 or surface.dim != 2:
        raise ValueError("fit_figure draws a straight-line fit: one feature, parameters (w, b)")
    x, y = X[:, 0], np.asarray(surface.targets, np.float64).reshape(-1)
    series = make_series(trajectories, names, 0)
    clock = Clock(trajectories)
    pad_x = 0.05 * (x.max() - x.min() or 1.0)
    xr = [float(x.min() - pad_x), float(x.max() + pad_x)]
    pad_y = 0.15 * (y.max() - y.min() or 1.0)
    yr = [float(y.min() - pad_y), float(y.max() + pad_y)]
    ends = np.array(xr)

    fig = go.Figure()
    fig.add_trace(go.Scatter(x=_style.f32(x), y=_style.f32(y), mode="markers", name=t("data", lang),
                             marker=dict(size=7, color="rgba(60, 60, 60, 0.55)", line=dict(width=0.5, color="white")),
                             hovertemplate="(%{x:.3g}, %{y:.3g})<extra></extra>"))
    if surface.minima:
        w, b = surface.minima[0].location
        fig.add_trace(go.Scatter(x=_style.nums(ends), y=_style.nums(w * ends + b), mode="lines", name=t("lstsq", lang),
                                 line=dict(color="#111", width=1.5, dash="dash"), hoverinfo="name"))
    line_of = []
    for s in series:
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines", name=s.legend_name(lang), line=dict(color=s.color, width=2.5),
                                 hoverinfo="name"))
        line_of.append((len(fig.data) - 1, lambda r, s=s: _line(s.points[r], ends)))
    ticks, frames = _data_frames(clock, series, line_of, byte_budget, max_frames, len(fig.to_json()))
    _data_axes(fig, xr, yr, t("feature", lang), t("target", lang), equal=False)
    return _finish(fig, clock, ticks, frames, line_of, lang, frame_ms, height=430)


def _line(params, ends) -> dict:
    w, b = float(params[0]), float(params[1])
    return _trace(_style.nums(ends), _style.nums(w * ends + b))


def boundary_figure(surface, trajectories, names, *, lang: str = "en", byte_budget: int = 500_000,
                    max_frames: int | None = None, frame_ms: float = 60) -> go.Figure:
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

    fig = go.Figure()
    for value, key, marker in ((1.0, "class_pos", dict(symbol="circle", color="rgba(40, 40, 40, 0.7)")),
                               (-1.0, "class_neg", dict(symbol="circle-open", color="rgba(40, 40, 40, 0.8)"))):
        pts = X[labels == value]
        fig.add_trace(go.Scatter(x=_style.f32(pts[:, 0]), y=_style.f32(pts[:, 1]), mode="markers", name=t(key, lang),
                                 marker=dict(size=8, line=dict(width=1.2, color=marker["color"]), **marker),
                                 hovertemplate=t(key, lang) + " (%{x:.3g}, %{y:.3g})<extra></extra>"))
    if surface.minima:
        fig.add_trace(go.Scatter(**_boundary(surface.minima[0].location, 2 * reach), mode="lines",
                                 name=t("best_boundary", lang), line=dict(color="#111", width=1.5, dash="dash"),
                                 hoverinfo="name"))
    line_of = []
    for s in series:
        fig.add_trace(go.Scatter(x=[], y=[], mode="lines", name=s.legend_name(lang), line=dict(color=s.color, width=2.5),
                                 hoverinfo="name"))
        line_of.append((len(fig.data) - 1, lambda r, s=s: _trace(**_boundary(s.points[r], 2 * reach))))
    ticks, frames = _data_frames(clock, series, line_of, byte_budget, max_frames, len(fig.to_json()))
    _data_axes(fig, box, box, t("x1", lang), t("x2", lang), equal=True)
    return _finish(fig, clock, ticks, frames, line_of, lang, frame_ms, height=520)


def _boundary(w, length: float) -> dict:
    """End points of the line w·x = 0 (through the origin), or nothing while w = 0."""
    w = np.asarray(w, np.float64)
    norm = float(np.hypot(w[0], w[1]))
    if not (np.isfinite(norm) and norm > 1e-12):
        return dict(x=[], y=[])
    d = np.array([-w[1], w[0]]) / norm * length
    return dict(x=_style.nums([-d[0], d[0]]), y=_style.nums([-d[1], d[1]]))
