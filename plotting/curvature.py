"""Curvature figures (static): the Hessian's ellipse at a point, the error along the eigenvectors,
predicted against measured rates, and the sharpness along a run next to 2 / lr.

Every function takes a scene result from ``scenes.curvature`` and ``labels``: the figure's visible
text in one language, keyed as listed in ``LABEL_KEYS`` (the page's text catalogue supplies them,
``ui/texts/curvature.py``; placeholders such as ``{kappa}`` are filled here). Nothing is computed
here but where to draw: the maths lives in the scene.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from . import _paths, _style
from ._labels import check_lang
from .compare import AXIS_STYLE, base_layout, click_target_trace, map_axes
from .landscape import landscape
from .spec import Spec, f4, figure, merge, scatter, subplot_layout

# The labels each figure reads (``labels[key]``), for the caller that supplies them.
LABEL_KEYS = {
    "hessian": ("point", "ellipse", "eigen", "curves_up", "curves_down", "flat", "descent", "kappa", "kappa_inf",
                "kind_minimum", "kind_maximum", "kind_saddle", "kind_degenerate", "click"),
    "eigen": ("map_title", "components_title", "along_min", "along_max", "predicted", "step", "error", "direction",
              "gd", "momentum", "start"),
    "rates": ("gd_predicted", "momentum_predicted", "gd_measured", "momentum_measured", "kappa_axis", "rate_axis",
              "chosen"),
    "trials": ("trials",),
    "edge": ("map_title", "sharpness_title", "loss_title", "sharpness", "threshold", "loss", "step", "run", "start"),
}

TEXT_COLOR = "#31333F"  # explicit: Streamlit's theme greys out subplot titles otherwise
FLOOR = 1e-300  # smallest error drawn on a log axis; exact zeros leave a gap
_DASHES = ("solid", "dot")  # along λmin's eigenvector, along λmax's


def _need(labels: Mapping[str, str], figure_name: str) -> Mapping[str, str]:
    missing = [k for k in LABEL_KEYS[figure_name] if k not in labels]
    if missing:
        raise ValueError(f"Invalid labels: {figure_name} figure needs {', '.join(missing)}")
    return labels


def _number(value: float) -> str:
    if not math.isfinite(value):
        return "∞" if value > 0 else "−∞"
    return f"{value:.4g}".replace("-", "−")


def _log_values(values) -> list:
    """Positive values as short floats for a log axis; zeros and non-finite values become gaps (None)."""
    out = []
    for v in np.ravel(values):
        v = abs(float(v))
        out.append(_style.num(max(v, FLOOR)) if math.isfinite(v) and v > 0 else None)
    return out


def _values(values) -> list | dict:
    """A float32 typed array when every value is finite, else short floats with None for the others."""
    arr = np.asarray(values, dtype=float)
    if np.isfinite(arr).all():
        return f4(arr)
    return [_style.num(v) if math.isfinite(v) else None for v in arr.ravel()]


# -- the Hessian's ellipse at a point ----------------------------------------------------------------
def hessian_figure(result, labels: Mapping[str, str], *, lang: str = "en", click_targets: bool = True,
                   n_ellipse: int = 97) -> Spec:
    """The map of the surface with, at the chosen point: the ellipse {p + s·E u : |u| = 1} with
    E = V |Λ| Vᵀ (its semi-axes are the eigenvectors scaled by |λ|), both eigenvector axes (drawn
    dashed where f curves down), the direction of steepest descent −∇f at the same scale, and κ.
    ``click_targets``: invisible markers that let a click choose the point."""
    lang = check_lang(lang)
    labels = _need(labels, "hessian")
    surface, p, decomposition = result.surface, np.asarray(result.point, dtype=float), result.eigen
    (xlo, xhi), (ylo, yhi) = surface.window
    mags = np.abs(decomposition.values)
    biggest = float(mags.max())
    scale = 0.18 * min(xhi - xlo, yhi - ylo) / biggest if biggest > 0 else 0.0
    land = landscape(surface, lang)
    data = list(land.traces)
    if click_targets:
        target = click_target_trace(surface, lang)
        target["name"] = labels["click"]
        target["hovertemplate"] = f"{labels['click']} (%{{x:.3g}}, %{{y:.3g}})<extra></extra>"
        data.append(target)
    t = np.linspace(0.0, 2.0 * np.pi, n_ellipse)
    v = decomposition.vectors
    ring = p[None, :] + scale * (np.cos(t)[:, None] * mags[0] * v[:, 0] + np.sin(t)[:, None] * mags[1] * v[:, 1])
    data.append(scatter(x=_style.nums(ring[:, 0]), y=_style.nums(ring[:, 1]), mode="lines", name=labels["ellipse"],
                        line={"color": "#222222", "width": 2}, fill="toself", fillcolor="rgba(0, 0, 0, 0.06)",
                        hoverinfo="skip"))
    guide = 0.3 * min(xhi - xlo, yhi - ylo)  # each eigenvector's direction, whatever the size of its λ
    for i in range(2):
        ends = np.array([p - guide * v[:, i], p + guide * v[:, i]])
        data.append(scatter(x=_style.nums(ends[:, 0]), y=_style.nums(ends[:, 1]), mode="lines", showlegend=False,
                            hoverinfo="skip", name=f"v{i + 1}", opacity=0.8,
                            line={"color": _style.color(i), "width": 1, "dash": "dot"}))
    for i in range(2):
        lam = float(decomposition.values[i])
        half = scale * mags[i] * v[:, i]
        ends = np.array([p - half, p + half])
        how = labels["curves_up"] if lam > 0 else labels["curves_down"] if lam < 0 else labels["flat"]
        name = labels["eigen"].format(i=i + 1, lam=_number(lam), how=how)
        data.append(scatter(
            x=_style.nums(ends[:, 0]), y=_style.nums(ends[:, 1]), mode="lines+markers", name=name,
            line={"color": _style.color(i), "width": 3, "dash": "solid" if lam >= 0 else "dash"},
            marker={"symbol": _style.symbol(i), "size": 9, "color": _style.color(i), "line": {"width": 1, "color": "white"}},
            hovertemplate=f"{name}<br>v = ({v[0, i]:.3f}, {v[1, i]:.3f})<extra></extra>"))
    gradient = np.asarray(result.gradient, dtype=float)
    norm = float(np.hypot(*gradient))
    annotations = []
    if norm > 0 and scale > 0:
        tip = p - gradient / norm * scale * biggest
        data.append(scatter(x=[None], y=[None], mode="lines", name=labels["descent"],
                            line={"color": _style.color(2), "width": 3}, hoverinfo="skip"))
        annotations.append({"x": _style.num(tip[0]), "y": _style.num(tip[1]), "ax": _style.num(p[0]), "ay": _style.num(p[1]),
                                "xref": "x", "yref": "y", "axref": "x", "ayref": "y", "showarrow": True, "arrowhead": 3,
                                "arrowsize": 1.2, "arrowwidth": 3, "arrowcolor": _style.color(2), "text": ""})
    data.append(scatter(x=[_style.num(p[0])], y=[_style.num(p[1])], mode="markers", name=labels["point"],
                        marker={"symbol": "circle", "size": 12, "color": "#111111", "line": {"width": 2, "color": "white"}},
                        hovertemplate=f"{labels['point']} (%{{x:.4g}}, %{{y:.4g}})<extra></extra>"))
    kappa = labels["kappa"].format(kappa=_number(decomposition.kappa)) if math.isfinite(decomposition.kappa) \
        else labels["kappa_inf"]
    annotations.append({"text": f"<b>{kappa}</b> · {labels['kind_' + decomposition.kind]}", "xref": "x domain",
                            "yref": "y domain", "x": 0.01, "y": 0.99, "xanchor": "left", "yanchor": "top", "showarrow": False,
                            "font": {"size": 15, "color": "#111111"}, "bgcolor": "rgba(255, 255, 255, 0.85)"})
    layout = {"images": [land.image], "annotations": annotations}
    map_axes(layout, surface, lang)
    merge(layout, base_layout(bottom=50), {"height": 560, "hovermode": "closest"})
    return figure(data, layout)


# -- GD and momentum, error along the eigenvectors ------------------------------------------------------
def eigen_figure(runs, labels: Mapping[str, str], *, lang: str = "en") -> Spec:
    """Left: the bowl with both paths and its eigenvector axes. Right (log scale): |error| along each
    eigenvector, step by step, for GD (solid colour 0) and momentum (colour 1), λmin's direction solid
    and λmax's dotted, with each run's predicted envelope ‖e₀‖·rateᵏ (thin, dashed)."""
    lang = check_lang(lang)
    labels = _need(labels, "eigen")
    surface = runs.surface
    traj = runs.trajectory
    steps = np.asarray(traj.steps)
    layout = subplot_layout(1, 2, column_widths=[0.45, 0.55], horizontal_spacing=0.1,
                            subplot_titles=(labels["map_title"], labels["components_title"]))
    for title in layout.get("annotations", []):
        title["font"] = {**title.get("font", {}), "color": TEXT_COLOR}
    land = landscape(surface, lang)
    data = list(land.traces)
    layout["images"] = [land.image]
    (xlo, xhi), _ = surface.window
    reach = 2.0 * (xhi - xlo)
    for i in range(2):
        v = runs.eigenvectors[:, i]
        data.append(scatter(x=_style.nums([-reach * v[0], reach * v[0]]), y=_style.nums([-reach * v[1], reach * v[1]]),
                            mode="lines", showlegend=False, hoverinfo="skip",
                            name=labels["direction"].format(lam=_number(runs.eigenvalues[i])),
                            line={"color": "#555555", "width": 1, "dash": _DASHES[i]}))
    names = (labels["gd"], labels["momentum"])
    looks = _style.styles(("gd", "momentum"))  # the two runs in the colours the optimizers have everywhere
    for run in range(2):
        valid = int(traj.last_valid_row()[run])
        points = traj.points[: valid + 1, run]
        keep = _paths.trail_keep(points, valid, surface.window)
        color, symbol = looks[run].color, looks[run].symbol
        data.append(scatter(x=f4(points[keep, 0]), y=f4(points[keep, 1]), mode="lines+markers", name=names[run],
                            legendgroup=str(run), line={"color": color, "width": 2},
                            marker={"size": 5, "color": color, "symbol": symbol},
                            hovertemplate=f"{names[run]}<br>(%{{x:.4g}}, %{{y:.4g}})<extra></extra>"))
    start = surface.starts[0]
    data.append(scatter(x=[_style.num(start[0])], y=[_style.num(start[1])], mode="markers", name=labels["start"],
                        showlegend=False, marker={"size": 10, "color": "#111111", "symbol": "circle-open",
                                                      "line": {"width": 2}}))
    e0 = float(np.hypot(*traj.points[0, 0]))
    lowest = []
    for run in range(2):
        color = looks[run].color
        for i, along in enumerate((labels["along_min"], labels["along_max"])):
            values = np.abs(runs.components[:, run, i])
            lowest += [v for v in values if v > 0 and math.isfinite(v)]
            name = f"{names[run]} · {along.format(lam=_number(runs.eigenvalues[i]))}"
            data.append(scatter(x=f4(steps), y=_log_values(values), mode="lines", name=name, legendgroup=str(run),
                                line={"color": color, "width": 2.5 if i == 0 else 2, "dash": _DASHES[i]},
                                connectgaps=False, xaxis="x2", yaxis="y2",
                                hovertemplate=f"{name}<br>{labels['step']} %{{x}}<br>%{{y:.3g}}<extra></extra>"))
        rate = float(runs.predicted[run])
        if rate > 0 and math.isfinite(rate):
            with np.errstate(all="ignore"):
                envelope = e0 * np.exp(steps * math.log(rate))
            name = labels["predicted"].format(name=names[run], rate=_number(rate))
            data.append(scatter(x=f4(steps), y=_log_values(envelope), mode="lines", name=name, legendgroup=str(run),
                                line={"color": _style.rgba(color, 0.55), "width": 1.2, "dash": "dash"}, xaxis="x2",
                                yaxis="y2", hovertemplate=f"{name}<br>{labels['step']} %{{x}}<extra></extra>"))
    map_axes(layout, surface, lang)
    low = max(min(lowest) if lowest else 1e-16, FLOOR)
    high = max(e0, max(lowest) if lowest else 1.0)
    merge(layout["xaxis2"], dict(range=[float(steps[0]), float(steps[-1])], autorange=False,
                                 title={"text": labels["step"]}, **AXIS_STYLE))
    merge(layout["yaxis2"], dict(type="log", range=[math.log10(low) - 0.3, math.log10(high) + 0.3], autorange=False,
                                 exponentformat="power", title={"text": labels["error"], "standoff": 4}, **AXIS_STYLE))
    merge(layout, base_layout(top=70, bottom=50), {"height": 540, "hovermode": "closest"})
    layout["legend"] = dict(layout["legend"], y=-0.14, yanchor="top", orientation="h")
    return figure(data, layout)


# -- predicted against measured rates ------------------------------------------------------------------
def rates_figure(rates, labels: Mapping[str, str], *, lang: str = "en") -> Spec:
    """Rate per step against κ (log x): the predicted (κ − 1)/(κ + 1) and (√κ − 1)/(√κ + 1) as lines,
    the measured rates of the runs as markers, the chosen κ as a vertical line."""
    lang = check_lang(lang)
    labels = _need(labels, "rates")
    data = []
    parts = ((rates.curve_gd, rates.gd, "gd"), (rates.curve_momentum, rates.momentum, "momentum"))
    looks = _style.styles([key for _, _, key in parts])
    for i, (curve, part, key) in enumerate(parts):
        color = looks[i].color
        data.append(scatter(x=f4(rates.curve_kappas), y=f4(curve), mode="lines", name=labels[f"{key}_predicted"],
                            line={"color": color, "width": 2.5}, legendgroup=key,
                            hovertemplate=f"{labels[f'{key}_predicted']}<br>κ %{{x:.4g}}<br>%{{y:.4f}}<extra></extra>"))
        data.append(scatter(x=_style.nums(rates.kappas), y=_style.nums(part["measured"]), mode="markers",
                            name=labels[f"{key}_measured"], legendgroup=key,
                            marker={"size": 11, "color": color, "symbol": looks[i].symbol, "line": {"width": 1.5,
                                                                                                    "color": "white"}},
                            hovertemplate=f"{labels[f'{key}_measured']}<br>κ %{{x:.4g}}<br>%{{y:.4f}}<extra></extra>"))
    chosen = float(rates.chosen)
    data.append(scatter(x=[_style.num(chosen), _style.num(chosen)], y=[0.0, 1.0], mode="lines",
                        name=labels["chosen"].format(kappa=_number(chosen)),
                        line={"color": "#555555", "width": 1.5, "dash": "dot"}, hoverinfo="skip"))
    top = max(rates.curve_kappas.max(), rates.kappas.max())
    layout = {
        "xaxis": dict(type="log", range=[0.0, math.log10(top) + 0.05], autorange=False, exponentformat="power",
                   title={"text": labels["kappa_axis"]}, **AXIS_STYLE),
        "yaxis": dict(range=[0.0, 1.02], autorange=False, title={"text": labels["rate_axis"]}, **AXIS_STYLE),
    }
    merge(layout, base_layout(top=40, bottom=50), {"height": 460, "hovermode": "closest"})
    return figure(data, layout)


def _title(text: str, x: float, y: float) -> dict:
    return {"text": text, "xref": "paper", "yref": "paper", "x": x, "y": y, "xanchor": "center", "yanchor": "bottom",
            "showarrow": False, "font": {"size": 14, "color": TEXT_COLOR}}


def _map_and_two_panels(titles: tuple[str, str, str]) -> dict:
    """A map on the left over the full height, two panels stacked on the right (axes x/y, x2/y2, x3/y3)."""
    return {
        "xaxis": {"domain": [0.0, 0.40], "anchor": "y"}, "yaxis": {"domain": [0.0, 1.0], "anchor": "x"},
        "xaxis2": {"domain": [0.49, 1.0], "anchor": "y2"}, "yaxis2": {"domain": [0.57, 1.0], "anchor": "x2"},
        "xaxis3": {"domain": [0.49, 1.0], "anchor": "y3"}, "yaxis3": {"domain": [0.0, 0.43], "anchor": "x3"},
        "annotations": [_title(titles[0], 0.20, 1.0), _title(titles[1], 0.745, 1.0), _title(titles[2], 0.745, 0.43)],
    }


# -- edge of stability --------------------------------------------------------------------------------------
def edge_figure(result, labels: Mapping[str, str], *, lang: str = "en") -> Spec:
    """Left: the runs on the map. Right, top: the sharpness λmax(H) at each iterate, with 2 / lr dashed in
    the run's colour; bottom: the loss (log scale)."""
    lang = check_lang(lang)
    labels = _need(labels, "edge")
    surface, traj = result.surface, result.trajectory
    steps = np.asarray(traj.steps)
    layout = _map_and_two_panels((labels["map_title"], labels["sharpness_title"], labels["loss_title"]))
    land = landscape(surface, lang)
    data = list(land.traces)
    layout["images"] = [land.image]
    data.append(scatter(x=[_style.num(result.start[0])], y=[_style.num(result.start[1])], mode="markers",
                        name=labels["start"], showlegend=False,
                        marker={"size": 10, "color": "#111111", "symbol": "circle-open", "line": {"width": 2}}))
    top = 0.0
    finite_loss = []
    for run, lr in enumerate(result.lrs):
        color, symbol = _style.color(run), _style.symbol(run)
        name = labels["run"].format(lr=_number(lr), threshold=_number(result.thresholds[run]))
        valid = int(traj.last_valid_row()[run])
        points = traj.points[: valid + 1, run]
        keep = _paths.trail_keep(points, valid, surface.window)
        data.append(scatter(x=f4(points[keep, 0]), y=f4(points[keep, 1]), mode="lines", name=name,
                            legendgroup=str(run), line={"color": color, "width": 1.5}, showlegend=False,
                            hovertemplate=f"{name}<br>(%{{x:.4g}}, %{{y:.4g}})<extra></extra>"))
        data.append(scatter(x=[_style.num(points[-1, 0])], y=[_style.num(points[-1, 1])], mode="markers",
                            name=name, legendgroup=str(run), showlegend=False, hoverinfo="skip",
                            marker={"size": 10, "color": color, "symbol": symbol, "line": {"width": 1.5, "color": "white"}}))
        sharp = np.asarray(result.sharpness[:, run], dtype=float)
        keep = _paths.envelope_keep(np.nan_to_num(sharp, nan=0.0), len(sharp) - 1)
        data.append(scatter(x=f4(steps[keep]), y=_values(sharp[keep]), mode="lines", name=name, legendgroup=str(run),
                            line={"color": color, "width": 2}, xaxis="x2", yaxis="y2", connectgaps=False,
                            hovertemplate=f"{name}<br>{labels['step']} %{{x}}<br>λmax %{{y:.4g}}<extra></extra>"))
        threshold = float(result.thresholds[run])
        data.append(scatter(x=[int(steps[0]), int(steps[-1])], y=[_style.num(threshold)] * 2, mode="lines",
                            name=labels["threshold"].format(lr=_number(lr), threshold=_number(threshold)),
                            legendgroup=str(run), line={"color": color, "width": 1.5, "dash": "dash"}, xaxis="x2",
                            yaxis="y2", hoverinfo="name"))
        finite = sharp[np.isfinite(sharp)]
        top = max(top, threshold, float(finite.max()) if finite.size else 0.0)
        loss = np.asarray(traj.loss[:, run], dtype=float) - (surface.global_minimum or 0.0)
        keep = _paths.envelope_keep(np.nan_to_num(loss, nan=0.0), len(loss) - 1)
        shown = _log_values(loss[keep])
        finite_loss += [v for v in shown if v is not None]
        data.append(scatter(x=f4(steps[keep]), y=shown, mode="lines", name=name, legendgroup=str(run),
                            showlegend=False, line={"color": color, "width": 1.5}, xaxis="x3", yaxis="y3",
                            connectgaps=False,
                            hovertemplate=f"{name}<br>{labels['step']} %{{x}}<br>%{{y:.3g}}<extra></extra>"))
    map_axes(layout, surface, lang)
    for axis in ("xaxis2", "xaxis3"):
        merge(layout[axis], dict(range=[float(steps[0]), float(steps[-1])], autorange=False, **AXIS_STYLE))
    layout["xaxis3"]["title"] = {"text": labels["step"]}
    merge(layout["yaxis2"], dict(range=[0.0, 1.12 * top if top > 0 else 1.0], autorange=False,
                                 title={"text": labels["sharpness"], "standoff": 4}, **AXIS_STYLE))
    low = min(finite_loss) if finite_loss else 1e-16
    high = max(finite_loss) if finite_loss else 1.0
    merge(layout["yaxis3"], dict(type="log", range=[math.log10(low) - 0.2, math.log10(high) + 0.2], autorange=False,
                                 exponentformat="power", title={"text": labels["loss"], "standoff": 4}, **AXIS_STYLE))
    merge(layout, base_layout(top=40, bottom=50), {"height": 640, "hovermode": "closest"})
    layout["legend"] = {**layout["legend"], "y": -0.1, "yanchor": "top"}
    return figure(data, layout)


# -- L-BFGS's line search on a race map -----------------------------------------------------------------------
def with_trials(spec: Spec, trials, labels: Mapping[str, str], color: str) -> Spec:
    """``spec`` (a race from ``compare_figure``, unchanged) with every point a line search tried drawn on its
    map as small crosses in ``color`` (L-BFGS's). Static: the frames animate the traces before it."""
    labels = _need(labels, "trials")
    points = np.asarray(trials, dtype=float).reshape(-1, 2)
    trace = scatter(x=f4(points[:, 0]), y=f4(points[:, 1]), mode="markers", name=labels["trials"],
                    marker={"symbol": "x-thin", "size": 7, "color": color, "line": {"width": 1.5, "color": color}},
                    hovertemplate=f"{labels['trials']}<br>(%{{x:.4g}}, %{{y:.4g}})<extra></extra>")
    return {**spec, "data": [*spec["data"], trace]}
