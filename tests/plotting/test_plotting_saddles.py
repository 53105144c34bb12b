"""The basin figure, read back from its JSON."""

from __future__ import annotations

import json

import numpy as np
import pytest

import plotting
from plotting.spec import to_json
from plotting import saddles as basin_plot
from scenes import saddles as scene


@pytest.fixture(scope="module")
def himmelblau():
    return scene.basin_maps("himmelblau", "gd", 0.01, 400, 100)


def spec(fig) -> dict:
    return json.loads(to_json(fig))


def decode(array) -> np.ndarray:
    """A plotly typed array (base64) or a plain list, as numpy."""
    import base64

    if isinstance(array, dict) and "bdata" in array:
        raw = np.frombuffer(base64.b64decode(array["bdata"]), dtype=np.dtype(array["dtype"]))
        if "shape" in array:
            shape = array["shape"]
            shape = [int(v) for v in shape.split(",")] if isinstance(shape, str) else shape
            return raw.reshape(shape)
        return raw
    return np.asarray(array)


def test_two_heatmaps_with_the_labels_of_every_start(himmelblau):
    data = spec(plotting.basin_figure(himmelblau))
    heatmaps = [t for t in data["data"] if t["type"] == "heatmap"]
    assert len(heatmaps) == 2
    convex, chosen = (decode(h["z"]) for h in heatmaps)
    assert convex.shape == chosen.shape == (100, 100)
    assert set(np.unique(convex)) == {0}
    assert set(np.unique(chosen)) == {0, 1, 2, 3}
    assert np.bincount(chosen.ravel().astype(int), minlength=4)[:4].tolist() == list(himmelblau.chosen.counts[:4])
    assert heatmaps[0]["xaxis"] == "x" and heatmaps[1]["xaxis"] == "x2"


def test_legends_count_the_starts_per_basin(himmelblau):
    data = spec(plotting.basin_figure(himmelblau))
    names = [t.get("name", "") for t in data["data"] if t.get("showlegend") is not False and t["type"] == "scatter"]
    left = [t["name"] for t in data["data"] if t.get("legend") in (None, "legend") and "10,000" in t.get("name", "")]
    assert left == ["min (0, 0): 10,000 (100.0%)"]
    right = [t["name"] for t in data["data"] if t.get("legend") == "legend2" and ": " in t.get("name", "")]
    assert len(right) == 4
    assert sum(int(n.split(": ")[1].split(" ")[0].replace(",", "")) for n in right) == 10_000
    assert any("(3, 2)" in n for n in names)
    titles = [a["text"] for a in data["layout"]["annotations"]]
    assert any("convex: one basin" in s for s in titles) and any("4 basins reached" in s for s in titles)
    assert "legend2" in data["layout"]


def test_korean_labels_and_no_nan(himmelblau):
    text = json.dumps(spec(plotting.basin_figure(himmelblau, lang="ko")), ensure_ascii=False)
    assert "볼록: 분지 하나" in text and "최솟값 (3, 2)" in text
    assert "NaN" not in text and "Infinity" not in text


def test_none_and_diverged_get_their_own_colours():
    maps = scene.basin_maps("himmelblau", "gd", 0.1, 50, 100)
    data = spec(plotting.basin_figure(maps))
    names = [t.get("name", "") for t in data["data"]]
    assert any(n.startswith("diverged: ") for n in names)
    colors = basin_plot.basin_colors(4)
    assert colors[-1] == basin_plot.DIVERGED_COLOR and colors[-2] == basin_plot.NONE_COLOR
    heat = [t for t in data["data"] if t["type"] == "heatmap"][1]
    assert decode(heat["z"]).max() == 5  # DIVERGED code = K + 1
    assert heat["zmin"] == -0.5 and heat["zmax"] == 5.5


def test_one_d_functions_draw_the_curve_coloured_by_basin():
    maps = scene.basin_maps("wavy", "gd", 0.05, 200, 100)
    data = spec(plotting.basin_figure(maps))
    assert not any(t["type"] == "heatmap" for t in data["data"])
    markers = [t for t in data["data"] if t.get("legend") == "legend2" and t.get("mode") == "markers"
               and ": " in t.get("name", "")]
    assert len(markers) == 6  # five minima and "no listed minimum" (right edge, falling out of the window)
    shown = sum(len(decode(t["x"])) for t in markers)
    assert shown <= basin_plot.MAX_CURVE_MARKERS + 10
    assert any(n["name"].startswith("no listed minimum: 179") for n in markers)
    assert len(to_json(plotting.basin_figure(maps))) < 300_000
