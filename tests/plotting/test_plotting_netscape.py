"""Figures of the network-landscape page (plotting/netscape.py), checked on the JSON the browser receives."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest

from plotting import _style, netscape
from plotting.spec import to_json, validated
from scenes import landscape as scene

NAMES = ("sgd", "momentum", "adam")
LABELS = ["SGD", "Momentum", "Adam"]


def spec(fig) -> dict:
    return json.loads(to_json(fig))


def values(arr) -> np.ndarray:
    if isinstance(arr, dict):
        return np.frombuffer(base64.b64decode(arr["bdata"]), dtype=np.dtype(arr["dtype"])).astype(float)
    return np.asarray([np.nan if v is None else v for v in arr], dtype=float)


@pytest.fixture(scope="module")
def result():
    return scene.landscape(scene.generated("circles", 150, 0.1, 2), NAMES, 30)


@pytest.mark.parametrize("stacked", [False, True])
def test_planes_two_rasters_and_the_paths_on_the_pca_plane(result, stacked):
    fig = netscape.planes_figure(result, LABELS, stacked=stacked)
    validated(fig)
    s = spec(fig)
    layout = s["layout"]
    assert [im["xref"] for im in layout["images"]] == ["x", "x2"]
    assert all(im["source"].startswith("data:image/png;base64,") for im in layout["images"])
    assert not [d for d in s["data"] if d["type"] in ("contour", "heatmap")]  # plotly.js#4491
    paths = [d for d in s["data"] if d.get("name") in LABELS and d.get("mode") == "lines"]
    assert [d["name"] for d in paths] == LABELS
    looks = _style.styles(NAMES)
    for i, d in enumerate(paths):
        assert d["xaxis"] == "x2" and d["line"]["color"] == looks[i].color and d["line"]["dash"] == looks[i].dash
        np.testing.assert_allclose(values(d["x"]), result.coords[i, :, 0], rtol=1e-6, atol=1e-6)  # float32
        np.testing.assert_allclose(values(d["y"]), result.coords[i, :, 1], rtol=1e-6, atol=1e-6)
    if stacked:  # one column: the second plane below the first
        assert layout["xaxis2"]["domain"] == layout["xaxis"]["domain"]
        assert layout["yaxis2"]["domain"][1] < layout["yaxis"]["domain"][0]
    else:
        assert layout["xaxis"]["domain"][1] < layout["xaxis2"]["domain"][0]
    assert layout["xaxis"]["range"] == [-1.0, 1.0]
    assert "PC1" in layout["xaxis2"]["title"]["text"]
    body = to_json(fig)
    assert "NaN" not in body and "Infinity" not in body


def test_planes_in_korean(result):
    s = spec(netscape.planes_figure(result, LABELS, lang="ko"))
    titles = [a["text"] for a in s["layout"]["annotations"]]
    assert any("무작위 평면" in t for t in titles) and any("PCA" in t for t in titles)
    assert all(t.count("<br>") == 1 for t in titles)  # two short lines: side by side they must not collide


def test_gap_figure_real_solid_drawn_dotted(result):
    s = spec(netscape.gap_figure(result, LABELS))
    validated(s)
    assert len(s["data"]) == 2 * len(LABELS) + 2  # and the two keys: solid real, dotted drawn
    real, drawn = s["data"][0], s["data"][1]
    assert real["name"] == "SGD" and drawn["showlegend"] is False
    assert [d["line"]["dash"] for d in s["data"][-2:]] == ["solid", "dot"]
    assert real["line"]["color"] == drawn["line"]["color"] and drawn["line"]["dash"] == "dot"
    np.testing.assert_allclose(values(real["y"]), result.real_loss[:, 0], rtol=1e-6)
    np.testing.assert_allclose(values(drawn["y"]), result.drawn_loss[:, 0], rtol=1e-6)
    assert values(real["y"])[0] == values(drawn["y"])[0]  # both start at the shared start
    assert s["layout"]["yaxis"]["type"] == "log"


def test_decision_figure_boundaries_separate_the_classes(result):
    s = spec(netscape.decision_figure(result, LABELS))
    validated(s)
    boundaries = s["data"][2:]
    assert len(boundaries) == 3 and all(b["x"] for b in boundaries)
    # Every drawn boundary point is where that network's output is 0 (contour of the logit grid).
    b = boundaries[2]
    x, y = values(b["x"]), values(b["y"])
    ok = ~np.isnan(x)
    out = result.objective.outputs(result.trajectories[2].points[-1, 0], np.column_stack([x[ok], y[ok]]))
    # linear interpolation on an 81 x 81 grid: the output there is small next to its range
    assert np.abs(out).max() < 0.05 * np.abs(result.logits[2]).max()


def test_describe_in_both_languages(result):
    en = netscape.describe(result, LABELS)
    assert "random plane" in en and "Adam" in en and f"{result.hidden_movement[2]:.0%}" in en
    assert "무작위 평면" in netscape.describe(result, LABELS, lang="ko")
    gap = netscape.describe_gap(result, LABELS)
    assert "dotted" in gap and f"{result.drawn_loss[-1, 0]:.3g}" in gap
    assert "점선" in netscape.describe_gap(result, LABELS, lang="ko")
