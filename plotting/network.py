"""The tiny-network lesson: loss per epoch (static) and the layer's three outputs as animated bars."""

from __future__ import annotations

import numpy as np

from . import _style
from ._labels import check_lang
from .animation import Track, animate
from .compare import base_layout
from .spec import Spec, f4, figure, i4, merge, scatter, trace

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


def network_loss_figure(result, labels, *, lang: str = "en", log_loss: bool = False) -> Spec:
    """Loss per epoch of each optimizer, epoch ``e`` showing the loss before its update (Keras's log).

    A run that diverged stops at the last epoch with a finite loss, marked by a cross and
    "diverged at epoch k" in its legend entry.
    """
    lang = check_lang(lang)
    epochs = np.arange(1, result.epochs + 1)
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
    data = []
    looks = _style.styles(result.names)
    for i, name in enumerate(labels):
        color = looks[i].color
        last, k = shown_until[i]
        values = result.loss[:last, i]
        if log_loss:
            values = np.maximum(values, floor)
        legend = name if k is None else f"{name} ({_t('diverged', lang, k=k)})"
        data.append(scatter(
            x=i4(epochs[:last]), y=f4(values), mode="lines", name=legend, line=dict(color=color, width=2.5, dash=looks[i].dash),
            hovertemplate=f"{name}<br>{_t('epoch', lang)} %{{x}}<br>loss %{{y:.4f}}<extra></extra>"))
        if k is not None:
            mark = float(values[-1]) if log_loss else min(float(values[-1]), top)
            data.append(scatter(
                x=[int(last)], y=[_style.num(mark)], mode="markers", showlegend=False,
                marker=dict(symbol="x", size=12, color=color), name=_t("diverged", lang, k=k),
                hovertemplate="%{fullData.name}<extra></extra>", cliponaxis=False))
    grid = dict(showgrid=True, gridcolor="#eee", zeroline=False, showline=True, linecolor="#888")
    yaxis = (dict(type="log", autorange=True, title={"text": _t("loss_log", lang)}, exponentformat="power") if log_loss
             else dict(range=[0, top], autorange=False, title={"text": _t("loss", lang)}))
    layout = merge(dict(xaxis=dict(range=[0.5, max(result.epochs, 1) + 0.5], autorange=False,
                                   title={"text": _t("epoch", lang)}, **grid),
                        yaxis=dict(yaxis, **grid)),
                   base_layout(bottom=50), dict(height=400, hovermode="x unified"))
    return figure(data, layout)


def network_outputs_figure(result, labels, *, lang: str = "en", max_frames: int = 201) -> Spec:
    """The layer's outputs y1, y2, y3 as grouped bars (one colour per optimizer), targets marked.

    Animated over epochs with ``redraw: false``: frames carry only the bars and the
    epoch caption. Frame ``e`` shows the outputs after ``e`` updates (0 = before training).
    Outputs of a diverging run are clipped to the chart and labelled.
    """
    lang = check_lang(lang)
    n_out = result.outputs.shape[2]
    nodes = np.arange(n_out).tolist()
    lo = max(-MAX_OUTPUT_RANGE, min(OUTPUT_RANGE[0], float(result.outputs.min(initial=0.0)) - 0.1))
    hi = min(MAX_OUTPUT_RANGE, max(OUTPUT_RANGE[1], float(result.outputs.max(initial=0.0)) + 0.1))
    # Static: the targets as a short dashed line over each group of bars.
    tx, ty = [], []
    for j, target in enumerate(result.targets):
        tx += [j - 0.45, j + 0.45, None]
        ty += [float(target), float(target), None]
    data = [
        scatter(x=tx, y=ty, mode="lines", name=_t("target", lang), line=dict(color="#111", width=3, dash="dash"),
                hoverinfo="skip"),
        scatter(x=nodes, y=[_style.num(v) for v in result.targets], mode="markers", showlegend=False,
                marker=dict(symbol="diamond", size=9, color="#111"),
                hovertemplate=f"{_t('target', lang)} %{{y}}<extra></extra>"),
    ]

    def bars(i: int):
        def at(row: int) -> dict:
            values = result.outputs[row, i]
            clipped = np.clip(values, lo, hi)
            return {"y": [_style.num(v, 6) for v in clipped],
                    "text": [_t("off_chart", lang) if v != c else "" for v, c in zip(values, clipped)]}
        return at

    looks = _style.styles(result.names)
    tracks = [Track(trace("bar", x=nodes, name=name, marker=dict(color=looks[i].color), offsetgroup=str(i),
                          cliponaxis=True, textposition="outside",
                          hovertemplate=f"{name}<br>%{{x}}: %{{y:.4f}}<extra></extra>"), bars(i))
              for i, name in enumerate(labels)]
    tracks.append(Track(scatter(x=[-0.45], y=[hi - 0.05 * (hi - lo)], mode="text", showlegend=False,
                                textposition="middle right", textfont=dict(size=15, color="#222"), hoverinfo="skip"),
                        lambda row: {"text": [_t("frame_text", lang, k=row)]}))
    ticks = [f"{_t('node', lang)} y{j + 1}" for j in range(n_out)]
    layout = merge(dict(xaxis=dict(tickvals=nodes, ticktext=ticks, range=[-0.6, n_out - 0.4], autorange=False,
                                   showline=True, linecolor="#888"),
                        yaxis=dict(range=[lo, hi], autorange=False, title={"text": _t("output", lang)}, showgrid=True,
                                   gridcolor="#eee", zeroline=True, zerolinecolor="#888")),
                   base_layout(), dict(height=440, barmode="group", bargap=0.25, hovermode="closest"))
    return animate(figure(data, layout), tracks, result.outputs.shape[0], lang=lang,
                   prefix=_t("epoch_prefix", lang), max_frames=max_frames)
