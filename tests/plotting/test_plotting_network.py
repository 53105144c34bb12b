"""Figures of the tiny-network page, checked on their JSON."""

from __future__ import annotations

import json

import numpy as np
import pytest

import plotting
from plotting.spec import to_json
from scenes import network as scene


def spec(fig) -> dict:
    return json.loads(to_json(fig))


def values(arr) -> np.ndarray:
    """A plotly array from the JSON: a list or a base64 typed array."""
    if isinstance(arr, dict):
        import base64

        return np.frombuffer(base64.b64decode(arr["bdata"]), dtype=np.dtype(arr["dtype"]))
    return np.asarray(arr, dtype=float)


@pytest.fixture(scope="module")
def tutorial():
    return scene.network("tutorial", 0, scene.OPTIMIZERS, (), 100)


def test_loss_figure_starts_at_epoch_one_with_the_initial_loss(tutorial):
    data = spec(plotting.network_loss_figure(tutorial, ["SGD", "Adam", "RMSprop"]))["data"]
    assert [d["name"] for d in data] == ["SGD", "Adam", "RMSprop"]
    x, y = values(data[0]["x"]), values(data[0]["y"])
    assert x[0] == 1 and x[-1] == 100 and len(x) == 100
    assert np.round(y[:3].astype(float), 4).tolist() == [1.0738, 1.0453, 1.0176]


def test_loss_figure_marks_divergence_without_nan():
    result = scene.network("tutorial", 0, ("sgd", "adam"), (("sgd", 2.5),), 30)
    fig = plotting.network_loss_figure(result, ["SGD", "Adam"], lang="ko", log_loss=True)
    body = to_json(fig)
    assert "NaN" not in body and "Infinity" not in body
    names = [d.get("name", "") for d in spec(fig)["data"]]
    assert "SGD (12번째 에포크에서 발산)" in names
    assert spec(fig)["layout"]["yaxis"]["type"] == "log"


def test_bars_frames_carry_only_the_bars_and_caption(tutorial):
    fig = plotting.network_outputs_figure(tutorial, ["SGD", "Adam", "RMSprop"])
    s = spec(fig)
    types = [d["type"] for d in s["data"]]
    assert types.count("bar") == 3
    bars = [i for i, d in enumerate(s["data"]) if d["type"] == "bar"]
    frames = s["frames"]
    assert len(frames) == 101 and frames[0]["name"] == "0" and frames[-1]["name"] == "100"
    for frame in frames:
        assert frame["traces"] == bars + [bars[-1] + 1]
        assert [types[i] for i in frame["traces"]] == ["bar"] * 3 + ["scatter"]  # what each entry updates
        assert all(set(d) <= {"y", "text"} for d in frame["data"])  # only the values that change
    # The first frame shows the tutorial kernel, the last the trained outputs.
    np.testing.assert_allclose(values(frames[0]["data"][0]["y"]), [-0.5095548, -0.7187625, 0.08668923], rtol=1e-5)
    np.testing.assert_allclose(values(frames[-1]["data"][0]["y"]), tutorial.outputs[-1, 0], rtol=1e-5)
    assert frames[-1]["data"][3]["text"] == ["after 100 epoch(s)"]
    # Targets drawn once, statically.
    assert values([v for v in s["data"][1]["y"]]).tolist() == [0.0, 1.0, 0.0]
    assert s["layout"]["updatemenus"][0]["buttons"][1]["args"][1]["frame"]["redraw"] is False


def test_bars_frame_count_is_capped_and_diverged_outputs_are_clipped():
    result = scene.network("tutorial", 0, ("sgd",), (("sgd", 2.5),), 1000)
    s = spec(plotting.network_outputs_figure(result, ["SGD"], lang="ko"))
    assert len(s["frames"]) <= 201
    lo, hi = s["layout"]["yaxis"]["range"]
    last = values(s["frames"][-1]["data"][0]["y"])
    assert np.all(last >= lo) and np.all(last <= hi)
    assert "그래프 밖" in s["frames"][-1]["data"][0]["text"]
    assert "NaN" not in json.dumps(s)
