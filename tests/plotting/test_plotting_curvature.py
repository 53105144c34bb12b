"""The curvature figures and the heatmap's stability edge, read back from their JSON and validated by plotly."""

from __future__ import annotations

import base64
import json
import math

import numpy as np
import pytest

import plotting
from plotting import curvature as plots
from plotting.spec import to_json
from scenes import curvature as scene
from scenes import sweep as sweep_scene
from ui.text import text


def labels(figure: str, lang: str = "en") -> dict[str, str]:
    return {key: text(f"curvature.fig.{figure}.{key}", lang) for key in plots.LABEL_KEYS[figure]}


def spec(fig) -> dict:
    body = to_json(fig)
    assert "NaN" not in body and "Infinity" not in body
    return json.loads(body)


def values(array) -> np.ndarray:
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=np.dtype(array["dtype"])).astype(float)
    return np.array([np.nan if v is None else v for v in array], dtype=float)


def by_name(data: dict, name: str) -> dict:
    found = [t for t in data["data"] if t.get("name") == name]
    assert found, [t.get("name") for t in data["data"]]
    return found[0]


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("name, point", [("anisotropic", (-7.0, 2.0)), ("himmelblau", (0.086678, 2.884255)),
                                         ("monkey_saddle", (0.0, 0.0)), ("rosenbrock", (1.0, 1.0))])
def test_hessian_figure_draws_the_ellipse_axes_and_kappa(name, point, lang):
    result = scene.point_curvature(name, point)
    fig = plots.hessian_figure(result, labels("hessian", lang), lang=lang)
    plotting.validated(fig)
    data = spec(fig)
    ellipse = by_name(data, labels("hessian", lang)["ellipse"])
    ring = np.stack([values(ellipse["x"]), values(ellipse["y"])], axis=1) - np.array(point)
    lam = np.abs(result.eigen.values)
    if lam.max() > 0:
        # the ring is the unit circle mapped by V |Λ| Vᵀ, scaled: its semi-axes are |λ| along each eigenvector
        along = ring @ result.eigen.vectors
        extent = np.abs(along).max(axis=0)
        np.testing.assert_allclose(extent / extent.max(), lam / lam.max(), rtol=2e-3, atol=2e-3)
    annotation = data["layout"]["annotations"][-1]["text"]
    if math.isfinite(result.eigen.kappa):
        assert f"κ = {result.eigen.kappa:.4g}" in annotation
    else:
        assert "κ = ∞" in annotation
    assert labels("hessian", lang)[f"kind_{result.eigen.kind}"] in annotation
    axes = [t for t in data["data"] if t.get("mode") == "lines+markers"]
    assert len(axes) == 2
    assert {t["line"]["dash"] for t in axes} == ({"solid", "dash"} if result.eigen.kind == "saddle" else {"solid"})
    assert any(t.get("meta", {}).get("role") == "click-targets" for t in data["data"])
    assert data["layout"]["images"]  # the landscape


def test_hessian_figure_gradient_arrow_points_downhill():
    result = scene.point_curvature("anisotropic", (-7.0, 2.0))
    data = spec(plots.hessian_figure(result, labels("hessian")))
    arrow = data["layout"]["annotations"][0]
    direction = np.array([arrow["x"] - arrow["ax"], arrow["y"] - arrow["ay"]])
    g = np.array(result.gradient)
    cos = direction @ -g / (np.linalg.norm(direction) * np.linalg.norm(g))
    assert cos == pytest.approx(1.0, abs=1e-4)


def test_missing_labels_are_named():
    result = scene.point_curvature("anisotropic", (-7.0, 2.0))
    with pytest.raises(ValueError, match="ellipse"):
        plots.hessian_figure(result, {k: v for k, v in labels("hessian").items() if k != "ellipse"})


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_eigen_figure_has_four_component_curves_and_two_envelopes(lang):
    runs = scene.eigen_runs(20.0, 30.0, 100)
    fig = plots.eigen_figure(runs, labels("eigen", lang), lang=lang)
    plotting.validated(fig)
    data = spec(fig)
    curves = [t for t in data["data"] if t.get("yaxis") == "y2"]
    assert len(curves) == 6  # 2 runs x 2 eigenvectors + 2 predicted envelopes
    components = [t for t in curves if t["line"]["dash"] in ("solid", "dot")]
    assert len(components) == 4
    for t, (run, i) in zip(components, [(0, 0), (0, 1), (1, 0), (1, 1)]):
        np.testing.assert_allclose(values(t["y"]), np.abs(runs.components[:, run, i]), rtol=1e-5)
    assert data["layout"]["yaxis2"]["type"] == "log"
    names = [t.get("name") for t in data["data"]]
    assert labels("eigen", lang)["gd"] in names and labels("eigen", lang)["momentum"] in names


def test_eigen_figure_leaves_exact_zeros_as_gaps():
    runs = scene.eigen_runs(1.0, 0.0, 20)  # κ = 1: one optimal step reaches the minimum exactly
    data = spec(plots.eigen_figure(runs, labels("eigen")))
    gd = next(t for t in data["data"] if t.get("yaxis") == "y2")
    y = gd["y"]
    assert y[0] is not None and None in y


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_rates_figure_lines_are_the_formulas_markers_the_runs(lang):
    rates = scene.rates(100.0)
    fig = plots.rates_figure(rates, labels("rates", lang), lang=lang)
    plotting.validated(fig)
    data = spec(fig)
    words = labels("rates", lang)
    gd_line = by_name(data, words["gd_predicted"])
    kappa = values(gd_line["x"])
    np.testing.assert_allclose(values(gd_line["y"]), (kappa - 1) / (kappa + 1), rtol=1e-6, atol=1e-7)
    mom_line = by_name(data, words["momentum_predicted"])
    root = np.sqrt(values(mom_line["x"]))
    np.testing.assert_allclose(values(mom_line["y"]), (root - 1) / (root + 1), rtol=1e-6, atol=1e-7)
    measured = by_name(data, words["momentum_measured"])
    np.testing.assert_allclose(values(measured["y"]), rates.momentum["measured"], rtol=1e-5, atol=1e-12)
    assert by_name(data, words["chosen"].format(kappa="100"))["x"] == [100.0, 100.0]
    assert data["layout"]["xaxis"]["type"] == "log"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_edge_figure_sharpness_threshold_and_loss(lang):
    result = scene.edge_of_stability("rosenbrock", (0.0025, 0.001), (0.0, 0.0), 1500)
    fig = plots.edge_figure(result, labels("edge", lang), lang=lang)
    plotting.validated(fig)
    data = spec(fig)
    words = labels("edge", lang)
    threshold = by_name(data, words["threshold"].format(lr="0.0025", threshold="800"))
    assert threshold["y"] == [800.0, 800.0] and threshold["yaxis"] == "y2"
    sharp = [t for t in data["data"] if t.get("yaxis") == "y2" and t.get("line", {}).get("dash") != "dash"]
    assert len(sharp) == 2
    drawn = values(sharp[0]["y"])
    assert drawn.max() == pytest.approx(result.sharpness[:, 0].max(), rel=1e-5)  # the envelope keeps the peaks
    assert data["layout"]["yaxis3"]["type"] == "log"
    assert data["layout"]["yaxis2"]["range"][1] >= 1.12 * 800 - 1e-9
    assert len(data["layout"]["annotations"]) == 3  # the three panel titles


def test_edge_figure_without_nan_when_a_run_diverges():
    result = scene.edge_of_stability("rosenbrock", (0.01, 0.001), (-1.2, 1.0), 300)
    assert result.trajectory.diverged[0]
    spec(plots.edge_figure(result, labels("edge")))  # no NaN, no Infinity


def test_figures_scale_for_presentation():
    runs = scene.eigen_runs(20.0, 30.0, 50)
    fig = plots.eigen_figure(runs, labels("eigen"))
    big = plotting.sized(fig, "projector")
    assert big["layout"]["height"] > fig["layout"]["height"]
    assert big["data"][-1]["line"]["width"] > fig["data"][-1]["line"]["width"]


# -- the stability edge over the sweep's heatmap -----------------------------------------------------------------
def test_heatmap_draws_the_edge_over_sgd_momentum_on_a_quadratic():
    grid = sweep_scene.lr_grid("anisotropic", "sgd-momentum", (-7.0, 2.0), 100, 30, 20, (1e-2, 10.0))
    edge = scene.heavy_ball_edge("anisotropic", "sgd-momentum", grid.values)
    overlay = {"lrs": edge.lrs, "values": edge.betas, "name": "edge"}
    fig = plotting.heatmap_figure(grid, overlay=overlay)
    plotting.validated(fig)
    data = spec(fig)
    lines = [t for t in data["data"] if t.get("name") == "edge" and t.get("hovertemplate")]
    assert len(lines) == 1
    x, y = values(lines[0]["x"]), values(lines[0]["y"])
    np.testing.assert_allclose(10 ** x, 1 + y, rtol=1e-5)  # λmax = 2: lr = 1 + β
    np.testing.assert_allclose(y, grid.values, rtol=1e-5, atol=1e-6)
    # the runs agree: cells well right of the line diverged, cells well left of it did not
    for r, beta in enumerate(grid.values):
        right = grid.lrs > 1.3 * (1 + beta)
        left = grid.lrs < 0.7 * (1 + beta)
        assert grid.diverged[r, right].all() and not grid.diverged[r, left].any()
    plain = spec(plotting.heatmap_figure(grid))
    assert len(plain["data"]) == len(data["data"]) - 2


def test_edge_outside_the_learning_rate_axis_is_cut():
    grid = sweep_scene.lr_grid("anisotropic", "sgd-momentum", (-7.0, 2.0), 20, 10, 10, (1e-4, 1.0))
    edge = scene.heavy_ball_edge("anisotropic", "sgd-momentum", grid.values)
    data = spec(plotting.heatmap_figure(grid, overlay={"lrs": edge.lrs, "values": edge.betas, "name": "edge"}))
    x = next(t for t in data["data"] if t.get("name") == "edge")["x"]
    assert x[0] is not None and x[-1] is None  # lr = 1.99 at β = 0.99 lies beyond the axis


def test_line_search_trials_are_drawn_statically_on_the_race_map():
    race = scene.second_order_race(steps=20)
    base = plotting.compare_figure(race.surface, race.trajectories, ["GD", "Newton", "L-BFGS"])
    lbfgs = plotting.series_style(race.names, "lbfgs")
    fig = plots.with_trials(base, race.trials, labels("trials"), lbfgs.color)
    plotting.validated(fig)
    data = spec(fig)
    trials = data["data"][-1]
    assert trials["name"] == labels("trials")["trials"] and len(values(trials["x"])) == len(race.trials)
    assert trials["marker"]["color"] == lbfgs.color == plotting.optimizer_style("lbfgs").color
    last = len(data["data"]) - 1
    assert all(last not in frame["traces"] for frame in data["frames"])  # static: no frame moves it
    assert len(base["data"]) == last  # the race itself is unchanged
