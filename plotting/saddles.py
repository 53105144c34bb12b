"""Basins of attraction: every start of a grid coloured by the minimum it reaches.

Static figures (no animation), so a Heatmap trace is safe here. Two panels side by
side: the convex partner (one basin) and the chosen non-convex surface. A 2-D surface
is a heatmap of the start grid with the surface's isolines and critical points on top;
a 1-D function is its curve with the starts drawn on it, coloured by basin.
"""

from __future__ import annotations

import numpy as np

from . import _style
from ._labels import check_lang
from .compare import base_layout, map_axes
from .descent_1d import curve_range
from .landscape import ColorScale, isolines
from .spec import Spec, axis_ids, axis_keys, f4, figure, merge, scatter, subplot_layout, trace, typed

NONE_COLOR = "#D4D4D4"
DIVERGED_COLOR = "#3B3B3B"
TEXT_COLOR = "#31333F"  # explicit: Streamlit's theme greys out legend2 and subplot titles otherwise
MAX_CURVE_MARKERS = 2000  # 1-D: starts drawn on the curve (the counts use every start)

TEXT = {
    "convex": {"en": "convex: one basin", "ko": "볼록: 분지 하나"},
    "nonconvex": {"en": "non-convex: {n} basins reached", "ko": "비볼록: 도달한 분지 {n}개"},
    "min": {"en": "min {at}", "ko": "최솟값 {at}"},
    "none": {"en": "no listed minimum", "ko": "알려진 최솟값에 못 감"},
    "diverged": {"en": "diverged", "ko": "발산"},
    "entry": {"en": "{name}: {n:,} ({share:.1%})", "ko": "{name}: {n:,}개 ({share:.1%})"},
    "start": {"en": "start", "ko": "시작점"},
    "minima": {"en": "minima", "ko": "최솟값"},
    "saddles": {"en": "saddle points", "ko": "안장점"},
    "x": {"en": "start x", "ko": "시작점 x"},
    "y": {"en": "start y", "ko": "시작점 y"},
    "f": {"en": "f(x)", "ko": "f(x)"},
}


def _t(key: str, lang: str, **fmt) -> str:
    text = TEXT[key][lang]
    return text.format(**fmt) if fmt else text


def basin_colors(n_minima: int) -> list[str]:
    """Colour of each minimum, then of "none", then of "diverged"."""
    return [_style.color(i) for i in range(n_minima)] + [NONE_COLOR, DIVERGED_COLOR]


def codes(result) -> np.ndarray:
    """Labels as colour indices 0..K+1 (minimum i -> i, NONE -> K, DIVERGED -> K+1), int8."""
    k = len(result.minima)
    labels = np.asarray(result.labels)
    return np.where(labels >= 0, labels, k - 1 - labels).astype(np.int8)


def _location(point) -> str:
    if len(point.location) == 1:
        return f"x = {point.location[0]:.3g}"
    return "(" + ", ".join(f"{v:.3g}" for v in point.location) + ")"


def entry_names(result, lang: str) -> list[str]:
    """Legend text of each category (minima, none, diverged) with its count and share."""
    names = [_t("min", lang, at=_location(p)) for p in result.minima] + [_t("none", lang), _t("diverged", lang)]
    n = max(result.n_starts, 1)
    return [_t("entry", lang, name=name, n=c, share=c / n) for name, c in zip(names, result.counts)]


def _discrete_scale(colors: list[str]) -> list:
    """A colour scale with one flat band per code (zmin = -0.5, zmax = len - 0.5)."""
    m = len(colors)
    scale = []
    for i, c in enumerate(colors):
        scale += [[i / m, c], [(i + 1) / m, c]]
    return scale


def _panel_title(result, convex: bool, lang: str) -> str:
    title = result.surface.title.get(lang, result.surface.title["en"])
    what = _t("convex", lang) if convex else _t("nonconvex", lang, n=result.n_basins)
    return f"{title} · {what}"


class _Panel:
    """Where one panel's traces go: its axes (``col``-th subplot) and its legend."""

    def __init__(self, data: list, layout: dict, col: int, legend: str):
        self.data, self.layout, self.col, self.legend = data, layout, col, legend
        self.xref, self.yref = axis_ids(col)
        self.xkey, self.ykey = axis_keys(col)

    def add(self, tr: dict) -> None:
        self.data.append({**tr, "xaxis": self.xref, "yaxis": self.yref})


def _legend_entries(panel: _Panel, result, lang):
    """One legend item per category that has starts (the 2-D heatmap has no legend of its own)."""
    colors = basin_colors(len(result.minima))
    for i, (name, count) in enumerate(zip(entry_names(result, lang), result.counts)):
        if count == 0:
            continue
        panel.add(scatter(x=[None], y=[None], mode="markers", name=name, legend=panel.legend,
                          marker=dict(symbol="square", size=12, color=colors[i]), hoverinfo="skip"))


def _critical_traces(panel: _Panel, surface, lang):
    (xlo, xhi), (ylo, yhi) = surface.window
    inside = [p for p in surface.critical_points
              if xlo <= p.location[0] <= xhi and ylo <= p.location[1] <= yhi]
    for key, pts, symbol in (("minima", [p for p in inside if p.kind.endswith("minimum")], "star"),
                             ("saddles", [p for p in inside if p.kind == "saddle"], "x-thin-open")):
        if not pts:
            continue
        panel.add(scatter(
            x=[_style.num(p.location[0]) for p in pts], y=[_style.num(p.location[1]) for p in pts],
            mode="markers", name=_t(key, lang), legend=panel.legend, showlegend=False,
            marker=dict(symbol=symbol, size=14 if key == "minima" else 11, color="white" if key == "minima" else "#111",
                        line=dict(width=1.5, color="#111")),
            text=[f"{_t(key, lang)} ({p.location[0]:.4g}, {p.location[1]:.4g})<br>f = {p.value:.4g}" for p in pts],
            hovertemplate="%{text}<extra></extra>"))


def _panel_2d(panel: _Panel, result, lang):
    surface = result.surface
    xs, ys = (np.asarray(a) for a in result.axes)
    colors = basin_colors(len(result.minima))
    panel.add(trace(
        "heatmap", x=f4(xs), y=f4(ys), z=typed(codes(result), np.int8), zmin=-0.5, zmax=len(colors) - 0.5,
        colorscale=_discrete_scale(colors), showscale=False, name=_t("start", lang),
        hovertemplate=f"{_t('start', lang)} (%{{x:.3g}}, %{{y:.3g}})<extra></extra>"))
    gx, gy, z = surface.grid(160)
    scale = ColorScale.for_values(z, surface.log_levels)
    lx, ly = isolines(gx, gy, z, scale.levels(10), surface.window)
    panel.add(scatter(x=lx, y=ly, mode="lines", showlegend=False, hoverinfo="skip", name="isolines",
                      line=dict(color="rgba(20, 20, 20, 0.35)", width=0.8)))
    _critical_traces(panel, surface, lang)
    _legend_entries(panel, result, lang)
    map_axes(panel.layout, surface, lang, index=panel.col)
    panel.layout[panel.xkey]["title"]["text"] = _t("x", lang)
    panel.layout[panel.ykey]["title"]["text"] = _t("y", lang)


def _panel_1d(panel: _Panel, result, lang):
    surface = result.surface
    xs_curve, curve_y, yrange = curve_range(surface)
    panel.add(scatter(x=f4(xs_curve), y=curve_y, mode="lines", showlegend=False, hoverinfo="skip",
                      name=_t("f", lang), line=dict(color="#9A9A9A", width=1.5)))
    xs = np.asarray(result.axes[0])
    every = max(1, int(np.ceil(len(xs) / MAX_CURVE_MARKERS)))
    shown = np.arange(0, len(xs), every)
    fx = surface.value(xs[shown][:, None])
    colors = basin_colors(len(result.minima))
    code = codes(result).ravel()[shown]
    for i, (name, count) in enumerate(zip(entry_names(result, lang), result.counts)):
        if count == 0:
            continue
        pick = code == i
        panel.add(scatter(
            x=f4(xs[shown][pick]), y=f4(fx[pick]), mode="markers", name=name, legend=panel.legend,
            marker=dict(size=5, color=colors[i]),
            hovertemplate=f"{_t('start', lang)} x = %{{x:.4g}}<extra>{name}</extra>"))
    mins = [p for p in surface.minima if surface.window[0][0] <= p.location[0] <= surface.window[0][1]]
    panel.add(scatter(
        x=[_style.num(p.location[0]) for p in mins], y=[_style.num(p.value) for p in mins], mode="markers",
        name=_t("minima", lang), showlegend=False, legend=panel.legend,
        marker=dict(symbol="star", size=14, color="white", line=dict(width=1.5, color="#111")),
        hovertemplate="x = %{x:.4g}<br>f = %{y:.4g}<extra></extra>"))
    frame = dict(autorange=False, showline=True, linecolor="#888", mirror=True, ticks="outside", ticklen=3,
                 zeroline=False)
    merge(panel.layout[panel.xkey], dict(range=list(surface.window[0]), title={"text": _t("x", lang)}, **frame))
    merge(panel.layout[panel.ykey], dict(range=list(yrange), title={"text": _t("f", lang)}, **frame))


def basin_figure(comparison, *, lang: str = "en", height: int = 520) -> Spec:
    """Convex partner (left) and chosen surface (right), each start coloured by its basin.

    ``comparison`` has ``.convex`` and ``.chosen`` (scenes.saddles.BasinComparison); each
    panel's legend lists its basins with the number and share of starts.
    """
    lang = check_lang(lang)
    panels = ((comparison.convex, True), (comparison.chosen, False))
    layout = subplot_layout(1, 2, horizontal_spacing=0.1,
                            subplot_titles=[_panel_title(r, convex, lang) for r, convex in panels])
    data: list = []
    for col, (result, _) in enumerate(panels, start=1):
        panel = _Panel(data, layout, col, "legend" if col == 1 else "legend2")
        (_panel_2d if result.surface.dim == 2 else _panel_1d)(panel, result, lang)
    # One vertical legend under each panel (horizontal ones wrap and drift when entries are long).
    rows = max(sum(1 for c in r.counts if c > 0) for r, _ in panels)
    bottom = 70 + 20 * rows
    total = height + 20 * rows
    plot_height = total - 40 - bottom
    legend_style = dict(orientation="v", yanchor="top", y=-60 / plot_height, xanchor="left", xref="paper",
                        yref="paper", bgcolor="rgba(0,0,0,0)", font=dict(size=11, color=TEXT_COLOR),
                        itemsizing="constant")
    merge(layout, base_layout(top=40, bottom=bottom))
    layout["legend"] = dict(legend_style, x=layout["xaxis"]["domain"][0])
    layout["legend2"] = dict(legend_style, x=layout["xaxis2"]["domain"][0])
    layout.update(height=total, hovermode="closest")
    for annotation in layout["annotations"]:  # subplot titles
        annotation.update(font=dict(size=13, color=TEXT_COLOR), yshift=8)  # clear of the map's frame
    return figure(data, layout)
