"""The network landscape's figures: two planes side by side, the real against the drawn loss, the boundaries.

Each plane's loss is drawn like every other landscape in the app: a raster layout image plus isolines in a
Scatter trace (plotly.js#4491 drops Contour/Heatmap traces beside animated ones; these figures are static,
but they look like the others). Colours, shapes and dashes are the optimizers' own (``_style.styles``).
Inputs are ``scenes.landscape.LandscapeResult`` and the optimizers' display labels.
"""

from __future__ import annotations

import contourpy
import numpy as np

from . import _style
from ._labels import check_lang
from .compare import base_layout
from .landscape import ColorScale, isolines, raster
from .spec import Spec, f4, figure, merge, scatter, subplot_layout

LABELS = {
    # Two short lines each: side by side on a projector's column, one line would run into the other title.
    "random_title": {"en": "Random plane through<br>{name}'s trained weights", "ko": "{name}의 학습된 가중치를<br>지나는 무작위 평면"},
    "pca_title": {"en": "One plane for every path<br>(PCA, through the start)", "ko": "모든 경로를 담는 한 평면<br>(PCA, 출발점을 지남)"},
    "alpha": {"en": "direction 1 (filter-normalised)", "ko": "방향 1 (필터 정규화)"},
    "beta": {"en": "direction 2 (filter-normalised)", "ko": "방향 2 (필터 정규화)"},
    "pc": {"en": "PC{k} ({share:.0%} of the paths' spread)", "ko": "PC{k} (경로 퍼짐의 {share:.0%})"},
    "trained": {"en": "{name}, trained (loss {loss:.4g})", "ko": "{name}, 학습 후 (손실 {loss:.4g})"},
    "start": {"en": "shared start", "ko": "공통 출발점"},
    "epoch": {"en": "epoch", "ko": "에포크"},
    "real": {"en": "{name}: real loss", "ko": "{name}: 실제 손실"},
    "drawn": {"en": "{name}: loss the plane shows", "ko": "{name}: 평면이 보여 주는 손실"},
    "real_key": {"en": "solid: the real loss", "ko": "실선: 실제 손실"},
    "drawn_key": {"en": "dotted: the loss the plane shows", "ko": "점선: 평면이 보여 주는 손실"},
    "loss": {"en": "loss (binary cross-entropy)", "ko": "손실 (이진 교차 엔트로피)"},
    "loss_mse": {"en": "loss (mean squared error)", "ko": "손실 (평균제곱오차)"},
    "hover_path": {"en": "{name}<br>epoch %{{customdata[0]}}<br>real loss %{{customdata[1]:.4g}}<br>"
                         "drawn loss %{{customdata[2]:.4g}}<extra></extra>",
                   "ko": "{name}<br>에포크 %{{customdata[0]}}<br>실제 손실 %{{customdata[1]:.4g}}<br>"
                         "그려진 손실 %{{customdata[2]:.4g}}<extra></extra>"},
    "class0": {"en": "class 0", "ko": "클래스 0"},
    "class1": {"en": "class 1", "ko": "클래스 1"},
    "boundary": {"en": "{name}: boundary (p = 0.5)", "ko": "{name}: 경계 (p = 0.5)"},
    "x1": {"en": "x₁", "ko": "x₁"},
    "x2": {"en": "x₂", "ko": "x₂"},
    "contours": {"en": "contour lines", "ko": "등고선"},
}
N_LEVELS = 14
MAX_POINTS = 1000  # data points drawn in the boundary figure (a seeded subsample beyond)
AXIS = dict(showgrid=False, zeroline=False, showline=True, linecolor="#888", mirror=True)


def _t(key: str, lang: str, **fmt) -> str:
    text = LABELS[key][lang]
    return text.format(**fmt) if fmt else text


def _plane(xs, ys, z, xref: str, yref: str, lang: str) -> tuple[dict, dict]:
    """The layout image and the isoline trace of one plane's loss grid ``z`` (rows = ys)."""
    scale = ColorScale.for_values(z, log=True)
    dx, dy = xs[1] - xs[0], ys[1] - ys[0]
    image = dict(source=raster(z, scale, N_LEVELS), xref=xref, yref=yref, x=float(xs[0] - dx / 2),
                 y=float(ys[-1] + dy / 2), sizex=float(xs[-1] - xs[0] + dx), sizey=float(ys[-1] - ys[0] + dy),
                 sizing="stretch", xanchor="left", yanchor="top", layer="below")
    lx, ly = isolines(xs, ys, z, scale.levels(N_LEVELS), ((xs[0], xs[-1]), (ys[0], ys[-1])))
    lines = scatter(x=lx, y=ly, mode="lines", name=_t("contours", lang), showlegend=False,
                    line=dict(color=_style.ISOLINE_COLOR, width=0.8), hoverinfo="skip", xaxis=xref, yaxis=yref)
    return image, lines


def planes_figure(result, labels, *, lang: str = "en", stacked: bool = False) -> Spec:
    """Left (top when ``stacked``): the loss on the random plane through the centre optimizer's trained
    weights, the trained point at (0, 0). Right (bottom): the loss on the PCA plane of all paths through
    the shared start, every path projected on it in its optimizer's style, its end marked."""
    lang = check_lang(lang)
    centre = labels[result.index(result.centre)]
    titles = (_t("random_title", lang, name=centre), _t("pca_title", lang))
    # stacked: room between the plots for the first one's axis title and the second one's two-line title
    layout = (subplot_layout(2, 1, vertical_spacing=0.2, subplot_titles=titles) if stacked
              else subplot_layout(1, 2, horizontal_spacing=0.1, subplot_titles=titles))
    image1, lines1 = _plane(result.random_axis, result.random_axis, result.random_loss, "x", "y", lang)
    image2, lines2 = _plane(result.pca_alphas, result.pca_betas, result.pca_loss, "x2", "y2", lang)
    layout["images"] = [image1, image2]
    data = [lines1, lines2,
            scatter(x=[0.0], y=[0.0], mode="markers", name=_t("trained", lang, name=centre, loss=result.centre_loss),
                    marker=dict(symbol="star", size=15, color=_style.MINIMUM_COLOR, line=dict(width=1, color="white")),
                    hovertemplate="%{fullData.name}<extra></extra>", xaxis="x", yaxis="y", showlegend=False),
            scatter(x=[0.0], y=[0.0], mode="markers", name=_t("start", lang),
                    marker=dict(symbol="circle-open", size=13, color=_style.MINIMUM_COLOR, line=dict(width=2)),
                    hovertemplate="%{fullData.name}<extra></extra>", xaxis="x2", yaxis="y2")]
    looks = _style.styles(result.names)
    epochs = np.arange(result.epochs + 1)
    for i, label in enumerate(labels):
        look, xy = looks[i], result.coords[i]
        custom = np.column_stack([epochs, result.real_loss[:, i], result.drawn_loss[:, i]])
        data.append(scatter(x=f4(xy[:, 0]), y=f4(xy[:, 1]), mode="lines", name=label, legendgroup=label,
                            line=dict(color=look.color, width=2.5, dash=look.dash),
                            customdata=[[int(e), _style.num(r), _style.num(d)] for e, r, d in custom],
                            hovertemplate=_t("hover_path", lang, name=label), xaxis="x2", yaxis="y2"))
        data.append(scatter(x=[_style.num(xy[-1, 0])], y=[_style.num(xy[-1, 1])], mode="markers", name=label,
                            legendgroup=label, showlegend=False, hoverinfo="skip",
                            marker=dict(symbol=look.symbol, size=11, color=look.color, line=dict(width=1, color="white")),
                            xaxis="x2", yaxis="y2"))
    ends = [float(v) for v in (result.random_axis[0], result.random_axis[-1])]
    merge(layout["xaxis"], dict(range=ends, autorange=False, title={"text": _t("alpha", lang)}, **AXIS))
    merge(layout["yaxis"], dict(range=ends, autorange=False, title={"text": _t("beta", lang)}, **AXIS))
    share1, share2 = result.pca.explained
    merge(layout["xaxis2"], dict(range=[float(result.pca_alphas[0]), float(result.pca_alphas[-1])], autorange=False,
                                 title={"text": _t("pc", lang, k=1, share=share1)}, **AXIS))
    merge(layout["yaxis2"], dict(range=[float(result.pca_betas[0]), float(result.pca_betas[-1])], autorange=False,
                                 title={"text": _t("pc", lang, k=2, share=share2)}, **AXIS))
    # The legend goes under the plots: above them it would cover the subplot titles.
    merge(layout, base_layout(top=60, bottom=120 if stacked else 100),
          dict(height=880 if stacked else 520, hovermode="closest",
               legend=dict(y=-0.1 if stacked else -0.2, yanchor="top")))
    for note in layout.get("annotations", []):  # the subplot titles, clear of the frame below them
        note["font"] = dict(size=13)
        note["yshift"] = 6
    return figure(data, layout)


def gap_figure(result, labels, *, lang: str = "en", log_loss: bool = True) -> Spec:
    """Along each path: the real loss (solid) and the loss the PCA plane shows at the projected point
    (dotted, same colour), per epoch."""
    lang = check_lang(lang)
    looks = _style.styles(result.names)
    epochs = np.arange(result.epochs + 1)
    data = []
    for i, label in enumerate(labels):  # one legend entry per optimizer; the two keys below say which is which
        look = looks[i]
        data.append(scatter(x=f4(epochs), y=f4(result.real_loss[:, i]), mode="lines", legendgroup=label,
                            name=label, line=dict(color=look.color, width=2.5),
                            hovertemplate=_t("real", lang, name=label) + "<br>%{x}: %{y:.4g}<extra></extra>"))
        data.append(scatter(x=f4(epochs), y=f4(result.drawn_loss[:, i]), mode="lines", legendgroup=label,
                            name=_t("drawn", lang, name=label), showlegend=False,
                            line=dict(color=look.color, width=2, dash="dot"),
                            hovertemplate="%{fullData.name}<br>%{x}: %{y:.4g}<extra></extra>"))
    for key, dash in (("real_key", "solid"), ("drawn_key", "dot")):
        data.append(scatter(x=[None], y=[None], mode="lines", name=_t(key, lang), hoverinfo="skip",
                            line=dict(color="#555555", width=2, dash=dash)))
    loss_key = "loss" if result.data.task == "classification" else "loss_mse"
    layout = merge(dict(xaxis=dict(range=[0, max(result.epochs, 1)], autorange=False, title={"text": _t("epoch", lang)},
                                   showgrid=True, gridcolor="#eee", zeroline=False, showline=True, linecolor="#888"),
                        yaxis=dict(type="log" if log_loss else "linear", autorange=True, title={"text": _t(loss_key, lang)},
                                   showgrid=True, gridcolor="#eee", showline=True, linecolor="#888",
                                   exponentformat="power" if log_loss else "B")),
                   base_layout(bottom=50), dict(height=420, hovermode="x unified"))
    return figure(data, layout)


def _zero_lines(xs, ys, z) -> tuple[list, list]:
    gen = contourpy.contour_generator(xs, ys, np.ma.masked_invalid(z), line_type=contourpy.LineType.Separate)
    out_x: list = []
    out_y: list = []
    for line in gen.lines(0.0):
        if len(line) >= 2:
            out_x.extend(_style.nums(line[:, 0], 5) + [None])
            out_y.extend(_style.nums(line[:, 1], 5) + [None])
    return out_x, out_y


def decision_figure(result, labels, *, lang: str = "en") -> Spec:
    """The 2-D data by class and each trained network's decision boundary (output 0, p = 0.5) in its
    optimizer's style."""
    lang = check_lang(lang)
    if result.logits is None:
        raise ValueError("decision_figure draws 2-D inputs only")
    X, y = result.data.X, result.data.y
    keep = np.arange(len(y))
    if len(keep) > MAX_POINTS:
        keep = np.sort(np.random.default_rng(0).choice(len(y), MAX_POINTS, replace=False))
    data = []
    for value, key, marker in ((0.0, "class0", dict(symbol="circle-open", color="rgba(40, 40, 40, 0.75)")),
                               (1.0, "class1", dict(symbol="circle", color="rgba(40, 40, 40, 0.55)"))):
        pts = X[keep][y[keep] == value]
        data.append(scatter(x=f4(pts[:, 0]), y=f4(pts[:, 1]), mode="markers", name=_t(key, lang),
                            marker=dict(size=6, line=dict(width=1, color=marker["color"]), **marker),
                            hovertemplate=_t(key, lang) + " (%{x:.3g}, %{y:.3g})<extra></extra>"))
    looks = _style.styles(result.names)
    for i, label in enumerate(labels):
        lx, ly = _zero_lines(result.boundary_x, result.boundary_y, result.logits[i])
        data.append(scatter(x=lx, y=ly, mode="lines", name=_t("boundary", lang, name=label),
                            line=dict(color=looks[i].color, width=2.5, dash=looks[i].dash), hoverinfo="name"))
    box_x = [float(result.boundary_x[0]), float(result.boundary_x[-1])]
    box_y = [float(result.boundary_y[0]), float(result.boundary_y[-1])]
    layout = merge(dict(xaxis=dict(range=box_x, autorange=False, title={"text": _t("x1", lang)}, **AXIS),
                        yaxis=dict(range=box_y, autorange=False, title={"text": _t("x2", lang)}, scaleanchor="x",
                                   scaleratio=1, **AXIS)),
                   base_layout(bottom=50), dict(height=460, hovermode="closest"))
    return figure(data, layout)


def describe(result, labels, *, lang: str = "en") -> str:
    """A text alternative for the planes and the gap chart, from the same numbers."""
    lang = check_lang(lang)
    centre = labels[result.index(result.centre)]
    share1, share2 = result.pca.explained
    if lang == "ko":
        head = (f"왼쪽: {centre}의 학습된 가중치(손실 {result.centre_loss:.3g})를 지나는 무작위 평면의 손실 지도. "
                f"오른쪽: 공통 출발점을 지나는 PCA 평면(두 축이 경로 퍼짐의 {share1 + share2:.0%})과 그 위에 투영한 경로. ")
        rows = [f"{name}: 최종 손실 {result.real_loss[-1, i]:.3g}, 평면이 보여 주지 못하는 움직임 "
                f"{result.hidden_movement[i]:.0%}" for i, name in enumerate(labels)]
    else:
        head = (f"Left: the loss on a random plane through {centre}'s trained weights (loss {result.centre_loss:.3g}). "
                f"Right: the PCA plane through the shared start (its two axes hold {share1 + share2:.0%} of the "
                "paths' spread) with every path projected on it. ")
        rows = [f"{name}: final loss {result.real_loss[-1, i]:.3g}, movement the plane does not show "
                f"{result.hidden_movement[i]:.0%}" for i, name in enumerate(labels)]
    return head + "; ".join(rows) + "."


def describe_gap(result, labels, *, lang: str = "en") -> str:
    """A text alternative for the real-against-drawn loss chart."""
    lang = check_lang(lang)
    gaps = np.abs(result.real_loss - result.drawn_loss).max(axis=0)
    if lang == "ko":
        head = f"에포크 {result.epochs}개에 걸친 옵티마이저별 실제 손실(실선)과 평면이 보여 주는 손실(점선). "
        rows = [f"{name}: 실제 {result.real_loss[-1, i]:.3g}, 그림 {result.drawn_loss[-1, i]:.3g}, 가장 큰 차이 {gaps[i]:.3g}"
                for i, name in enumerate(labels)]
    else:
        head = (f"The real loss (solid) and the loss the plane shows (dotted) of each optimizer over {result.epochs} "
                "epochs. ")
        rows = [f"{name}: real {result.real_loss[-1, i]:.3g}, drawn {result.drawn_loss[-1, i]:.3g}, largest gap "
                f"{gaps[i]:.3g}" for i, name in enumerate(labels)]
    return head + "; ".join(rows) + "."
