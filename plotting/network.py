"""The tiny-network lesson: loss per epoch (static) and the layer's three outputs as animated bars."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from . import _anim, _style
from ._labels import check_lang
from .compare import base_layout

LABELS = {
    "epoch": {"en": "epoch", "ko": "에포크"},
    "epoch_prefix": {"en": "after epoch ", "ko": "에포크 다음: "},
    "loss": {"en": "loss (mse)", "ko": "손실 (mse)"},
    "loss_log": {"en": "loss (mse, log scale)", "ko": "손실 (mse, 로그 눈금)"},
    "output": {"en": "output", "ko": "출력값"},
    "node": {"en": "output node", "ko": "출력 노드"},
    "target": {"en": "target", "ko": "목표값"},
    "diverged": {"en": "diverged at epoch {k}", "ko": "{k}번째 에포크에서 발산"},
    "frame_text": {"en": "after {k} epoch(s)", "ko": "에포크 {k}번 후"},
    "off_chart": {"en": "off the chart", "ko": "그래프 밖"},
}

OUTPUT_RANGE = (-1.2, 1.2)  # the bars' y-range: the targets 0 and 1 with some room
MAX_OUTPUT_RANGE = 3.0  # outputs beyond this (a diverging run) are clipped and marked


def _t(key: str, lang: str, **fmt) -> str:
    text = LABELS[key][lang]
    return text.format(**fmt) if fmt else text


def _diverged_epoch(traj) -> int | None:
    """The last epoch whose reported loss is finite: the update of that epoch blew up."""
    k = int(traj.diverged_at[0])
    return k if k >= 0 else None


def network_loss_figure(result, labels, *, lang: str = "en", log_loss: bool = False) -> go.Figure:
    """Loss per epoch of each optimizer, epoch ``e`` showing the loss before its update (Keras's log).

    A run that diverged stops at the last epoch with a finite loss, marked by a cross and
    "diverged at epoch k" in its legend entry.
    """
    lang = check_lang(lang)
    epochs = np.arange(1, result.epochs + 1)
    fig = go.Figure()
    shown_until = []  # per optimizer: how many epochs to draw, and the epoch it diverged at (or None)
    for traj in result.trajectories:
        k = _diverged_epoch(traj)
        k = k if k is not None and k <= result.epochs else None
        shown_until.append((result.epochs if k is None else k, k))
    # Linear scale: room for every run that did not diverge; a diverging curve leaves through the top.
    calm = [result.loss[:last, i].max() for i, (last, k) in enumerate(shown_until) if k is None]
    top = 1.08 * max([float(result.loss[0].max(initial=0.0)), *map(float, calm)]) or 1.0
    positive = result.loss[result.loss > 0]
    floor = float(positive.min()) if positive.size else 1e-12
    for i, name in enumerate(labels):
        color = _style.color(i)
        last, k = shown_until[i]
        values = result.loss[:last, i]
        if log_loss:
            values = np.maximum(values, floor)
        legend = name if k is None else f"{name} ({_t('diverged', lang, k=k)})"
        fig.add_trace(go.Scatter(
            x=epochs[:last].astype(np.int32), y=_style.f32(values), mode="lines", name=legend,
            line=dict(color=color, width=2.5),
            hovertemplate=f"{name}<br>{_t('epoch', lang)} %{{x}}<br>loss %{{y:.4f}}<extra></extra>"))
        if k is not None:
            mark = float(values[-1]) if log_loss else min(float(values[-1]), top)
            fig.add_trace(go.Scatter(
                x=[int(last)], y=[_style.num(mark)], mode="markers", showlegend=False,
                marker=dict(symbol="x", size=12, color=color), name=_t("diverged", lang, k=k),
                hovertemplate="%{fullData.name}<extra></extra>", cliponaxis=False))
    fig.update_xaxes(range=[0.5, max(result.epochs, 1) + 0.5], autorange=False, title_text=_t("epoch", lang),
                     showgrid=True, gridcolor="#eee", zeroline=False, showline=True, linecolor="#888")
    if log_loss:
        fig.update_yaxes(type="log", autorange=True, title_text=_t("loss_log", lang), exponentformat="power")
    else:
        fig.update_yaxes(range=[0, top], autorange=False, title_text=_t("loss", lang))
    fig.update_yaxes(showgrid=True, gridcolor="#eee", zeroline=False, showline=True, linecolor="#888")
    fig.update_layout(**base_layout(bottom=50), height=400, hovermode="x unified")
    return fig


def network_outputs_figure(result, labels, *, lang: str = "en", max_frames: int = 201,
                           frame_ms: float = 80) -> go.Figure:
    """The layer's outputs y1, y2, y3 as grouped bars (one colour per optimizer), targets marked.

    Animated over epochs with ``redraw: false``: frames carry only the bars and the
    epoch caption. Frame ``e`` shows the outputs after ``e`` updates (0 = before training).
    Outputs of a diverging run are clipped to the chart and labelled.
    """
    lang = check_lang(lang)
    n_out = result.outputs.shape[2]
    nodes = np.arange(n_out)
    n = len(labels)
    lo = max(-MAX_OUTPUT_RANGE, min(OUTPUT_RANGE[0], float(result.outputs.min(initial=0.0)) - 0.1))
    hi = min(MAX_OUTPUT_RANGE, max(OUTPUT_RANGE[1], float(result.outputs.max(initial=0.0)) + 0.1))
    fig = go.Figure()
    # Static: the targets as a short dashed line over each group of bars.
    tx, ty = [], []
    for j, target in enumerate(result.targets):
        tx += [j - 0.45, j + 0.45, None]
        ty += [float(target), float(target), None]
    fig.add_trace(go.Scatter(x=tx, y=ty, mode="lines", name=_t("target", lang),
                             line=dict(color="#111", width=3, dash="dash"), hoverinfo="skip"))
    fig.add_trace(go.Scatter(
        x=nodes.tolist(), y=[_style.num(v) for v in result.targets], mode="markers", showlegend=False,
        marker=dict(symbol="diamond", size=9, color="#111"),
        hovertemplate=f"{_t('target', lang)} %{{y}}<extra></extra>"))
    static = len(fig.data)
    for i, name in enumerate(labels):
        fig.add_trace(go.Bar(x=nodes.tolist(), y=[0.0] * n_out, name=name, marker_color=_style.color(i),
                             offsetgroup=str(i), cliponaxis=True, textposition="outside",
                             hovertemplate=f"{name}<br>%{{x}}: %{{y:.4f}}<extra></extra>"))
    fig.add_trace(go.Scatter(x=[-0.45], y=[hi - 0.05 * (hi - lo)], mode="text", text=[""], showlegend=False,
                             textposition="middle right", textfont=dict(size=15, color="#222"), hoverinfo="skip"))
    dyn = list(range(static, len(fig.data)))

    def frame_data(row: int) -> list:
        out = []
        for i in range(n):
            values = result.outputs[row, i]
            clipped = np.clip(values, lo, hi)
            text = [_t("off_chart", lang) if v != c else "" for v, c in zip(values, clipped)]
            out.append(go.Bar(y=[_style.num(v, 6) for v in clipped], text=text))
        out.append(go.Scatter(text=[_t("frame_text", lang, k=row)]))
        return out

    rows = _anim.frame_rows(result.outputs.shape[0], max_frames)
    frames = [go.Frame(name=str(int(r)), traces=dyn, data=frame_data(int(r))) for r in rows]
    for i, trace in zip(dyn, frames[0].data):
        fig.data[i].update(trace)
    fig.frames = frames
    ticks = [f"{_t('node', lang)} y{j + 1}" for j in range(n_out)]
    fig.update_xaxes(tickvals=nodes.tolist(), ticktext=ticks, range=[-0.6, n_out - 0.4], autorange=False,
                     showline=True, linecolor="#888")
    fig.update_yaxes(range=[lo, hi], autorange=False, title_text=_t("output", lang), showgrid=True,
                     gridcolor="#eee", zeroline=True, zerolinecolor="#888")
    layout = _anim.controls([f.name for f in frames], lang, frame_ms)
    layout["sliders"][0]["currentvalue"]["prefix"] = _t("epoch_prefix", lang)
    fig.update_layout(**layout, **base_layout(), height=440, barmode="group", bargap=0.25, hovermode="closest")
    return fig
