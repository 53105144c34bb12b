"""The book's four-panel figure: one static map per optimizer."""

import json

import numpy as np

import optimizers
import plotting
from plotting.spec import to_json
import surfaces
from optimizers import presets


def book_panels(lang="en"):
    surface = surfaces.get("anisotropic")
    book = presets.get("book")
    trajectories = [optimizers.run(optimizers.get(name, **hp), surface, [book.start], book.steps)
                    for name, hp in book.entries]
    names = [name for name, _ in book.entries]
    return trajectories, json.loads(to_json(plotting.panels_figure(surface, trajectories, names, lang=lang)))


def decode(arr):
    import base64

    if isinstance(arr, dict):
        return np.frombuffer(base64.b64decode(arr["bdata"]), dtype=np.dtype(arr["dtype"]))
    return np.asarray(arr, dtype=float)


def test_book_preset_gives_four_panels_with_each_whole_path():
    trajectories, spec = book_panels()
    assert "frames" not in spec or not spec["frames"]
    assert len(spec["layout"]["images"]) == 4  # one landscape per panel
    titles = [a["text"] for a in spec["layout"]["annotations"]]
    assert titles == ["sgd", "momentum", "adagrad", "adam"]
    paths = [trace for trace in spec["data"] if trace.get("mode") == "lines+markers"]
    assert len(paths) == 4
    for trace, traj in zip(paths, trajectories):
        xs = decode(trace["x"])
        assert len(xs) == 31  # start + 30 steps, as in the book
        np.testing.assert_allclose(xs, traj.points[:, 0, 0], rtol=1e-6, atol=1e-6)


def test_diverged_panel_says_so_in_korean():
    surface = surfaces.get("anisotropic")
    traj = optimizers.run(optimizers.get("sgd", lr=5.0), surface, [(-7.0, 2.0)], 30)
    spec = json.loads(to_json(plotting.panels_figure(surface, [traj], ["SGD"], lang="ko")))
    assert f"{traj.diverged_at[0]} 단계에서 발산" in spec["layout"]["annotations"][0]["text"]
