"""plotting.minibatch: the figures' JSON (frames carry only what moves, no NaN, bounded payload)."""

from __future__ import annotations

import base64
import json
import math

import numpy as np
import pytest

import optimizers
import plotting
from plotting.spec import to_json
import surfaces
from scenes import minibatch as scene

NAMES = ["GD", "mini", "SGD"]


def result(kind="regression", n=40, k=8, epochs=6, lr=0.05, noise=1.0):
    return scene.minibatch_runs(kind, n, noise, 0, (n, k, 1), lr, epochs, False, "constant")


def spec_of(fig) -> dict:
    def refuse(value):
        raise AssertionError(f"non-finite number in the figure JSON: {value}")

    return json.loads(to_json(fig), parse_constant=refuse)


def values(array) -> np.ndarray:
    """A JSON array: a list, or plotly's base64 typed array."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=np.dtype(array["dtype"])).astype(np.float64)
    return np.array([np.nan if v is None else v for v in array], dtype=np.float64)


def named(spec, name):
    """Drawn traces of the run called ``name`` (its legend name may carry a divergence note; its legend
    key, drawn nowhere, is left out)."""
    return [i for i, d in enumerate(spec["data"]) if d.get("x") != [None]
            and (d.get("name", "") == name or d.get("name", "").startswith(name + " ·"))]


@pytest.mark.parametrize("x_axis", ["epochs", "updates"])
def test_race_frames_carry_only_the_moving_traces(x_axis):
    r = result()
    spec = spec_of(plotting.race_figure(r.surface, r.trajectories, NAMES, x_axis=x_axis))
    frames = spec["frames"]
    assert len(frames) >= 2
    static = [i for i, d in enumerate(spec["data"]) if d.get("name") in ("contour lines", "minima", "start")]
    assert static, "landscape isolines, minimum and start are static traces"
    for frame in frames:
        assert not set(frame["traces"]) & set(static)
        assert len(frame["data"]) == len(frame["traces"]) == 12  # path, head, loss, loss head x 3
        for trace in frame["data"]:
            assert set(trace) <= {"type", "x", "y", "text"}
    # the landscape is the raster image + isolines, never a contour or heatmap trace
    assert len(spec["layout"]["images"]) == 1 and spec["layout"]["images"][0]["source"].startswith("data:image/png")
    assert {d["type"] for d in spec["data"]} == {"scatter"}
    assert spec["layout"]["xaxis"]["range"] == pytest.approx(list(r.surface.window[0]))
    assert spec["layout"]["yaxis"]["range"] == pytest.approx(list(r.surface.window[1]))
    assert spec["layout"]["xaxis"]["title"]["text"] == "w"


def test_race_clock_is_epochs_and_every_run_ends_at_the_last_frame():
    r = result()
    fig = plotting.race_figure(r.surface, r.trajectories, NAMES, x_axis="updates")
    spec = spec_of(fig)
    last = spec["frames"][-1]
    heads = {idx: data for idx, data in zip(last["traces"], last["data"])}
    for name, traj in zip(NAMES, r.trajectories):
        path, head, loss, loss_head = named(spec, name)[:4]
        point = np.r_[values(heads[head]["x"]), values(heads[head]["y"])]
        np.testing.assert_allclose(point, traj.final_points[0], rtol=1e-5)
        assert values(heads[loss]["x"])[-1] == traj.steps[-1]  # updates on the loss chart's axis
    assert spec["layout"]["xaxis2"]["range"] == pytest.approx([0, r.updates[-1]])
    slider = spec["layout"]["sliders"][0]
    assert slider["currentvalue"]["prefix"] == "epoch "
    assert slider["steps"][-1]["label"] == f"{r.epochs:.2f}"
    # the middle frame: each run has made the same fraction of its updates
    middle = spec["frames"][len(spec["frames"]) // 2]
    epoch = int(middle["name"]) / r.n_points
    for name, traj in zip(NAMES, r.trajectories):
        loss = named(spec, name)[2]
        x = values(dict(zip(middle["traces"], middle["data"]))[loss]["x"])
        assert x[-1] == math.floor(epoch * traj.updates_per_epoch + 1e-9)


def test_race_in_epochs_runs_from_zero_to_the_budget():
    r = result()
    spec = spec_of(plotting.race_figure(r.surface, r.trajectories, NAMES, x_axis="epochs", lang="ko"))
    assert spec["layout"]["xaxis2"]["range"] == pytest.approx([0, r.epochs])
    assert spec["layout"]["xaxis2"]["title"]["text"] == "에포크"
    last = spec["frames"][-1]
    for name in NAMES:
        loss = named(spec, name)[2]
        assert values(dict(zip(last["traces"], last["data"]))[loss]["x"])[-1] == pytest.approx(r.epochs)


def test_race_payload_stays_within_a_megabyte_for_the_largest_scene():
    r = result(n=scene.MAX_POINTS, k=10, epochs=scene.MAX_EPOCHS)
    for x_axis in ("epochs", "updates"):
        fig = plotting.race_figure(r.surface, r.trajectories, NAMES, x_axis=x_axis)
        assert plotting.figure_bytes(fig) <= 1_000_000
        assert len(fig["frames"]) >= 20
    for figure in (plotting.fit_figure,):
        assert plotting.figure_bytes(figure(r.surface, r.trajectories, NAMES)) <= 1_000_000


def test_a_diverged_run_is_drawn_to_its_last_finite_point_with_a_badge():
    r = result(lr=5.0)
    spec = spec_of(plotting.race_figure(r.surface, r.trajectories, NAMES, log_loss=True))
    texts = [t for f in spec["frames"] for d in f["data"] for t in (d.get("text") or [])]
    assert any(t.startswith("diverged at step") for t in texts)
    for frame in spec["frames"]:
        for trace in frame["data"]:
            for axis in ("x", "y"):
                assert np.isfinite(values(trace[axis])).all()


def test_fit_figure_moves_only_the_lines_to_each_runs_parameters():
    r = result()
    spec = spec_of(plotting.fit_figure(r.surface, r.trajectories, NAMES))
    data = spec["data"]
    assert data[0]["mode"] == "markers" and len(values(data[0]["x"])) == r.n_points
    assert data[1]["line"]["dash"] == "dash"  # the exact least-squares line
    lines = [named(spec, name)[0] for name in NAMES]
    for frame in spec["frames"]:
        assert frame["traces"] == lines
    last = dict(zip(spec["frames"][-1]["traces"], spec["frames"][-1]["data"]))
    for line, traj in zip(lines, r.trajectories):
        w, b = traj.final_points[0]
        x, y = values(last[line]["x"]), values(last[line]["y"])
        np.testing.assert_allclose(y, w * x + b, rtol=1e-4, atol=1e-4)
    w, b = r.optimum
    np.testing.assert_allclose(values(data[1]["y"]), w * values(data[1]["x"]) + b, rtol=1e-4, atol=1e-4)


def test_boundary_figure_draws_w_dot_x_equals_zero_for_each_run():
    r = result(kind="classification", noise=0.2, lr=0.1)
    spec = spec_of(plotting.boundary_figure(r.surface, r.trajectories, NAMES, lang="en"))
    assert [d["name"] for d in spec["data"][:2]] == ["class +1", "class −1"]
    total = len(values(spec["data"][0]["x"])) + len(values(spec["data"][1]["x"]))
    assert total == r.n_points
    lines = [named(spec, name)[0] for name in NAMES]
    for frame in spec["frames"]:
        assert frame["traces"] == lines
    last = dict(zip(spec["frames"][-1]["traces"], spec["frames"][-1]["data"]))
    for line, traj in zip(lines, r.trajectories):
        w = traj.final_points[0]
        ends = np.column_stack([values(last[line]["x"]), values(last[line]["y"])])
        assert len(ends) == 2
        np.testing.assert_allclose(ends @ w, 0.0, atol=1e-3 * np.abs(ends).max() * np.linalg.norm(w))
    assert spec["layout"]["yaxis"]["scaleanchor"] == "x"


def test_boundary_is_empty_while_w_is_zero():
    X = np.array([[1.0, 0.5], [-1.0, -0.2], [0.5, 1.0], [-0.3, -1.0]])
    y = np.array([1.0, -1.0, 1.0, -1.0])
    surface = surfaces.hinge(X, y, starts=[(0.0, 0.0)])
    traj = optimizers.run(optimizers.get("sgd", lr=0.0), surface, [(0.0, 0.0)], 2, batch_size=4)
    spec = spec_of(plotting.boundary_figure(surface, [traj], ["GD"]))
    frame = spec["frames"][-1]["data"][0]
    assert values(frame["x"]).size == 0 and values(frame["y"]).size == 0


def test_figures_refuse_what_they_cannot_draw():
    s = surfaces.get("anisotropic")
    traj = optimizers.run(optimizers.get("sgd", lr=0.1), s, [s.starts[0]], 5)
    with pytest.raises(ValueError, match="data objective"):
        plotting.race_figure(s, [traj], ["SGD"])
    r = result()
    with pytest.raises(ValueError, match="x_axis"):
        plotting.race_figure(r.surface, r.trajectories, NAMES, x_axis="seconds")
    with pytest.raises(ValueError, match="same number of epochs"):
        other = result(epochs=3)
        plotting.race_figure(r.surface, [r.trajectories[0], other.trajectories[1]], NAMES[:2])
    with pytest.raises(ValueError):
        plotting.boundary_figure(r.surface, r.trajectories, NAMES)
    c = result(kind="classification", noise=0.2)
    with pytest.raises(ValueError):
        plotting.fit_figure(c.surface, c.trajectories, NAMES)


def test_offline_html_of_the_race_plays_without_a_cdn():
    r = result()
    html = plotting.offline_html(plotting.race_figure(r.surface, r.trajectories, NAMES))
    assert 'src="https://cdn.plot.ly' not in html and "Plotly.newPlot" in html and len(html) > 1_000_000


# -- a student's data: the logistic probability curve, column names as axis titles ---------------------------
from surfaces import tabular  # noqa: E402


def data_result(feature="petal_length", positive="virginica", lr=1.0, epochs=4):
    data = tabular.prepare(tabular.bundled("iris"), feature, "species", "classification", positive)
    return scene.minibatch_runs("classification", 0, 0.0, 0, scene.batch_sizes(data.n, 10), lr, epochs, False,
                                "constant", data)


def test_sigmoid_figure_draws_labels_the_lowest_loss_curve_and_each_runs_probabilities():
    r = data_result()
    spec = spec_of(plotting.sigmoid_figure(r.surface, r.trajectories, NAMES, x_title="petal_length",
                                           y_title="P(species = virginica)"))
    names = [d.get("name") for d in spec["data"]]
    assert names[:3] == ["label 1", "label 0", "lowest-loss curve"] and set(NAMES) <= set(names)
    assert spec["layout"]["yaxis"]["range"] == [-0.08, 1.08]
    ones = values(spec["data"][0]["y"])
    assert (ones == 1).all() and len(ones) == 50  # 50 virginica flowers
    w, b = r.surface.minima[0].location
    curve = spec["data"][2]
    x, p = values(curve["x"]), values(curve["y"])
    # float32 in the JSON: within 1e-6 of σ(w x + b)
    np.testing.assert_allclose(p, 1 / (1 + np.exp(-(w * x + b))), atol=1e-6)
    # every frame's curves are probabilities
    for frame in spec["frames"]:
        for trace in frame["data"]:
            y = values(trace["y"])
            assert ((y >= 0) & (y <= 1)).all()


def test_separable_classes_draw_no_lowest_loss_curve_and_stay_finite():
    r = data_result(positive="setosa", lr=5.0, epochs=20)
    spec = spec_of(plotting.sigmoid_figure(r.surface, r.trajectories, NAMES))
    assert "lowest-loss curve" not in [d.get("name") for d in spec["data"]]
    spec_of(plotting.race_figure(r.surface, r.trajectories, NAMES))  # no NaN on the map either


def test_column_names_are_shown_as_text_never_as_markup():
    r = data_result()
    hostile = '<a href="javascript:alert(1)">x</a> %{x} <b>'
    spec = spec_of(plotting.sigmoid_figure(r.surface, r.trajectories, NAMES, x_title=hostile, y_title="a\nb"))
    title = spec["layout"]["xaxis"]["title"]["text"]
    assert "<" not in title and ">" not in title and "&lt;a href=&quot;javascript:alert(1)&quot;&gt;" in title
    assert spec["layout"]["yaxis"]["title"]["text"] == "a b"
    reg = result()
    spec = spec_of(plotting.fit_figure(reg.surface, reg.trajectories, NAMES, x_title="<i>x</i>", y_title="tip"))
    assert spec["layout"]["xaxis"]["title"]["text"] == "&lt;i&gt;x&lt;/i&gt;"
    assert spec["layout"]["yaxis"]["title"]["text"] == "tip"


def test_a_race_drawn_for_a_phones_width_keeps_fewer_points_and_the_same_ends():
    """``pixels``: a path keeps a point per pixel it moves on a map that wide, and at most 1.2 (paths) and 0.6
    (loss curves) points a pixel. At 330 px (a phone) SGD's 1,200 updates keep fewer points than at 500, and
    every frame still ends on the run's point at that frame, exactly (the head marker's position)."""
    r = result(n=60, k=6, epochs=20)
    wide, narrow = (spec_of(plotting.race_figure(r.surface, r.trajectories, NAMES, pixels=px, max_frames=12))
                    for px in (500, 330))
    sgd_path = named(wide, "SGD")[0]
    assert [f["name"] for f in wide["frames"]] == [f["name"] for f in narrow["frames"]]
    for f_wide, f_narrow in zip(wide["frames"], narrow["frames"]):
        at = f_wide["traces"].index(sgd_path)
        path_wide, path_narrow, head = (values(f["data"][k]["x"]) for f, k in
                                        ((f_wide, at), (f_narrow, at), (f_narrow, at + 1)))
        assert len(path_narrow) <= len(path_wide)
        # the same point: the path in float32 (~6e-8 relative), the head written with 6 significant digits (5e-6)
        assert path_narrow[-1] == pytest.approx(head[0], rel=1e-5)
        assert path_narrow[0] == path_wide[0]
    last = wide["frames"][-1]["traces"].index(sgd_path)
    kept = len(values(narrow["frames"][-1]["data"][last]["x"]))
    assert kept <= 1.2 * 330 + 1 < len(values(wide["frames"][-1]["data"][last]["x"]))
    for bad in (0, 99, 5000):
        with pytest.raises(ValueError, match="pixels"):
            plotting.race_figure(r.surface, r.trajectories, NAMES, pixels=bad)
