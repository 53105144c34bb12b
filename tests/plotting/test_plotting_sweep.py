"""Sweep figures, checked on their JSON: no NaN, gaps and × for diverged runs, the heatmap's cells."""

from __future__ import annotations

import json

import numpy as np
import pytest

import plotting
from plotting.spec import to_json
from scenes import sweep as scene


@pytest.fixture(scope="module")
def result():
    return scene.lr_sweep("anisotropic", ("sgd", "adam"), (-7.0, 2.0), 100, 200, (1e-4, 10.0))


def test_sweep_lines_have_gaps_and_crosses_for_diverged_runs(result):
    fig = plotting.sweep_figure(result, ["SGD", "Adam"])
    body = to_json(fig)
    assert "NaN" not in body and "Infinity" not in body
    data = json.loads(body)["data"]
    lines = [d for d in data if d.get("mode") == "lines"]
    assert [d["name"] for d in lines] == ["SGD", "Adam"]
    sgd_y = lines[0]["y"]
    assert len(sgd_y) == 200
    diverged = result.diverged[0]
    assert [v is None for v in sgd_y] == diverged.tolist()
    strip = [d for d in data if d.get("yaxis") == "y2"]
    assert [len(d["x"]) for d in strip] == [int(diverged.sum()), 0]
    assert strip[0]["marker"]["symbol"] == "x-thin" and set(strip[0]["y"]) == {"SGD"}
    np.testing.assert_allclose(strip[0]["x"][0], result.lrs[diverged][0], rtol=1e-5)
    layout = json.loads(body)["layout"]
    assert layout["xaxis"]["type"] == "log" and layout["yaxis"]["type"] == "log"


def test_sweep_stars_at_the_best_rate(result):
    data = json.loads(to_json(plotting.sweep_figure(result, ["SGD", "Adam"], lang="ko")))["data"]
    stars = [d for d in data if d.get("marker", {}).get("symbol") == "star" and d["x"][0] is not None]
    assert len(stars) == 2
    best = result.best_index()
    np.testing.assert_allclose([s["x"][0] for s in stars], result.lrs[best], rtol=1e-5)
    assert "가장 좋은 학습률" in stars[0]["name"]


def test_steps_metric(result):
    spec = json.loads(to_json(plotting.sweep_figure(result, ["SGD", "Adam"], metric="steps")))
    lines = [d for d in spec["data"] if d.get("mode") == "lines"]
    ys = [v for v in lines[0]["y"] if v is not None]
    assert ys and max(ys) <= 100 and min(ys) >= 1
    assert spec["layout"]["yaxis"].get("type") != "log"
    with pytest.raises(ValueError):
        plotting.sweep_figure(result, ["SGD", "Adam"], metric="nope")


def test_heatmap_cells_and_diverged_colour():
    grid = scene.lr_grid("anisotropic", "sgd-momentum", (-7.0, 2.0), 100, 60, 40, (1e-4, 10.0))
    fig = plotting.heatmap_figure(grid, label="SGD: momentum")
    body = to_json(fig)
    assert "NaN" not in body and "Infinity" not in body
    data = json.loads(body)["data"]
    heat, red = data[0], data[1]
    assert heat["type"] == red["type"] == "heatmap"
    assert len(heat["z"]) == 40 and all(len(row) == 60 for row in heat["z"])
    bad = np.array([[v is not None for v in row] for row in red["z"]])
    np.testing.assert_array_equal(bad, grid.diverged)
    assert bad.any() and not bad.all()
    good = np.array([[v is not None for v in row] for row in heat["z"]])
    np.testing.assert_array_equal(good, ~grid.diverged)
    assert red["colorscale"][0][1] == red["colorscale"][1][1] == plotting.sweep.DIVERGED_COLOR
    assert any(d.get("marker", {}).get("symbol") == "star" for d in data)


def test_heatmap_beta2_axis_is_labelled_in_beta2():
    grid = scene.lr_grid("anisotropic", "adam-beta2", (-7.0, 2.0), 20, 10, 7, (1e-3, 1.0))
    layout = json.loads(to_json(plotting.heatmap_figure(grid, lang="ko")))["layout"]
    assert layout["yaxis"]["ticktext"] == ["0.9", "0.99", "0.999", "0.9999"]
