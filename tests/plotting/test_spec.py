"""The rendering path: every figure is a plain dict that plotly.py accepts as it is, and the one
animation builder fits frames to the byte budget measured on the real JSON."""

from __future__ import annotations

import base64
import json
import re

import numpy as np
import pytest

import optimizers
import plotting
import scenes
import surfaces
from plotting import animation, spec
from scenes import OptimizerConfig
from scenes import minibatch as minibatch_scene
from scenes import network as network_scene
from scenes import saddles as saddles_scene
from scenes import sweep as sweep_scene

SIX = ["sgd", "momentum", "adagrad", "rmsprop", "adam", "nadam"]


def _runs(surface, names, steps, lr=0.05, **kw):
    return [optimizers.run(optimizers.get(n, lr=lr), surface, surface.starts[:1], steps, **kw) for n in names]


def _figures():
    """One builder per kind of figure the app draws (and its variants), each a function of lang."""
    bowl = surfaces.get("anisotropic")
    rosen = surfaces.get("rosenbrock")
    six = _runs(bowl, SIX, 120)
    state = _runs(bowl, SIX[:4], 30, record_state=True)
    diverged = _runs(bowl, ["sgd"], 30, lr=50.0)
    cloud = [optimizers.run(optimizers.get("adam", lr=0.1), bowl, np.random.default_rng(0).uniform(-5, 5, (12, 2)),
                            40)]
    cubic = surfaces.get("cubic")
    one_d = scenes.descent_1d("cubic", OptimizerConfig.of("gd", lr=0.1), 2.5, 40)
    one_d_div = scenes.descent_1d("cubic", OptimizerConfig.of("gd", lr=5.0), -0.2, 40)
    regression = minibatch_scene.minibatch_runs("regression", 40, 1.0, 0, minibatch_scene.batch_sizes(40, 8), 0.05, 5,
                                                False, "constant")
    classes = minibatch_scene.minibatch_runs("classification", 40, 0.2, 0, minibatch_scene.batch_sizes(40, 8), 0.1,
                                             5, False, "constant")
    net = network_scene.network("tutorial", 0, tuple(network_scene.OPTIMIZERS), (), 30)
    net_div = network_scene.network("tutorial", 0, ("sgd",), (("sgd", 50.0),), 30)
    sweep = sweep_scene.lr_sweep("anisotropic", ("sgd", "adam"), (-7.0, 2.0), 50, 200, (1e-4, 10.0), 1e-6)
    grid = sweep_scene.lr_grid("anisotropic", "adam-beta2", (-7.0, 2.0), 50, 12, 8, (1e-4, 10.0))
    grid_lin = sweep_scene.lr_grid("anisotropic", "sgd-momentum", (-7.0, 2.0), 50, 12, 8, (1e-4, 10.0))
    saddle = saddles_scene.saddle_runs("saddle", OptimizerConfig.of("gd", lr=0.1), (1.0, 0.0), 60, 1e-6, 0.01, 0)
    basins_2d = saddles_scene.basin_maps("himmelblau", "gd", 0.01, 100, saddles_scene.RESOLUTIONS[0], None)
    basins_1d = saddles_scene.basin_maps("double_well", "gd", 0.01, 100, saddles_scene.RESOLUTIONS[0], None)
    names = [n.upper() for n in SIX]
    return {
        "compare": lambda lang: plotting.compare_figure(bowl, six, names, lang=lang, click_targets=True),
        "compare log": lambda lang: plotting.compare_figure(bowl, six[:3], names[:3], lang=lang, log_loss=True),
        "compare diverged": lambda lang: plotting.compare_figure(bowl, diverged, ["SGD"], lang=lang),
        "compare cloud": lambda lang: plotting.compare_figure(bowl, cloud, ["Adam"], run=None, lang=lang),
        "compare rosenbrock": lambda lang: plotting.compare_figure(rosen, _runs(rosen, ["adam"], 200), ["Adam"],
                                                                   lang=lang),
        "saddle": lambda lang: plotting.compare_figure(surfaces.get("saddle"), saddle.trajectories, ["a", "b", "c"],
                                                       lang=lang),
        "panels": lambda lang: plotting.panels_figure(bowl, six[:4], names[:4], lang=lang),
        "3d": lambda lang: plotting.surface_3d_figure(bowl, six[:2] + diverged, names[:2] + ["SGD!"], lang=lang),
        "loss": lambda lang: plotting.loss_figure(six + diverged, names + ["SGD!"], lang=lang),
        "loss cloud log": lambda lang: plotting.loss_figure(cloud, ["Adam"], log_loss=True, global_minimum=0.0,
                                                            lang=lang),
        "inspector": lambda lang: plotting.inspector_figure(bowl, state, names[:4], 5, lang=lang),
        "inspector 1-D": lambda lang: plotting.inspector_figure(cubic, [one_d], ["GD"], 3, lang=lang),
        "1-D": lambda lang: plotting.descent_1d_figure(cubic, one_d, lang=lang),
        "1-D diverged": lambda lang: plotting.descent_1d_figure(cubic, one_d_div, lang=lang),
        "race": lambda lang: plotting.race_figure(regression.surface, regression.trajectories, ["a", "b", "c"],
                                                  lang=lang),
        "race updates log": lambda lang: plotting.race_figure(classes.surface, classes.trajectories, ["a", "b", "c"],
                                                              x_axis="updates", log_loss=True, lang=lang),
        "fit": lambda lang: plotting.fit_figure(regression.surface, regression.trajectories, ["a", "b", "c"],
                                                lang=lang),
        "boundary": lambda lang: plotting.boundary_figure(classes.surface, classes.trajectories, ["a", "b", "c"],
                                                          lang=lang),
        "network loss": lambda lang: plotting.network_loss_figure(net, ["SGD", "Adam", "RMSprop"], lang=lang),
        "network loss log": lambda lang: plotting.network_loss_figure(net_div, ["SGD"], log_loss=True, lang=lang),
        "network outputs": lambda lang: plotting.network_outputs_figure(net_div, ["SGD"], lang=lang),
        "sweep": lambda lang: plotting.sweep_figure(sweep, ["SGD", "Adam"], lang=lang),
        "sweep steps": lambda lang: plotting.sweep_figure(sweep, ["SGD", "Adam"], metric="steps", lang=lang),
        "heatmap beta2": lambda lang: plotting.heatmap_figure(grid, label="Adam: β2", lang=lang),
        "heatmap momentum": lambda lang: plotting.heatmap_figure(grid_lin, lang=lang),
        "basins": lambda lang: plotting.basin_figure(basins_2d, lang=lang),
        "basins 1-D": lambda lang: plotting.basin_figure(basins_1d, lang=lang),
    }


FIGURES = _figures()


def _plain(obj, path="spec"):
    """Only JSON types (dict, list, str, int, float, bool, None): no numpy value, no plotly object."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            assert isinstance(k, str), f"{path}: key {k!r}"
            _plain(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            _plain(v, f"{path}[{i}]")
    else:
        assert obj is None or type(obj) in (str, int, float, bool), f"{path}: {type(obj).__name__}"
        if type(obj) is float:
            assert np.isfinite(obj), f"{path}: {obj}"


def _without_frame_types(data: dict) -> dict:
    for frame in data.get("frames", []):
        for entry in frame["data"]:
            entry.pop("type", None)
    return data


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("name", list(FIGURES))
def test_every_figure_is_a_plain_dict_that_plotly_validates_unchanged(name, lang):
    figure = FIGURES[name](lang)
    _plain(figure)
    ours = json.loads(spec.to_json(figure))
    validated = json.loads(plotting.validated(figure).to_json())  # every validator of plotly.py
    assert _without_frame_types(validated) == ours
    text = spec.to_json(figure)
    assert "NaN" not in text and "Infinity" not in text


@pytest.mark.parametrize("name", [n for n in FIGURES if "frames" in FIGURES[n]("en")])
def test_animated_figures_share_one_builder(name):
    figure = FIGURES[name]("en")
    frames, layout = figure["frames"], figure["layout"]
    traces = frames[0]["traces"]
    assert all(frame["traces"] == traces for frame in frames)  # the same animated traces in every frame
    assert traces == list(range(len(figure["data"]) - len(traces), len(figure["data"])))  # added last
    for i, entry in zip(traces, frames[0]["data"]):  # the figure opens on the first frame
        for key, value in entry.items():
            assert figure["data"][i][key] == value or isinstance(value, dict), (i, key)
    buttons = layout["updatemenus"][0]["buttons"]
    assert [b["args"][1]["frame"]["redraw"] for b in buttons] == [False] * (len(animation.SPEEDS) + 1)
    assert len(layout["sliders"][0]["steps"]) <= animation.SLIDER_STEPS
    assert spec.json_bytes(figure) <= animation.DEFAULT_BUDGET


def test_frames_fit_the_budget_measured_on_the_json():
    bowl = surfaces.get("rosenbrock")
    runs = [optimizers.run(optimizers.get(n, lr=lr), bowl, bowl.starts[:1], 3000)
            for n, lr in (("sgd", 0.002), ("adam", 0.05), ("momentum", 0.001))]
    for budget in (150_000, 400_000, 900_000):
        figure = plotting.compare_figure(bowl, runs, ["a", "b", "c"], byte_budget=budget)
        size = spec.json_bytes(figure)
        assert size <= budget
        names = [f["name"] for f in figure["frames"]]
        assert names[0] == "0" and names[-1] == "3000"
        # the most frames that fit, within 5 %: 5 % more frames, evenly spread, would not
        more = plotting.compare_figure(bowl, runs, ["a", "b", "c"], byte_budget=10**9,
                                       max_frames=int(len(names) * 1.05) + 1)
        assert spec.json_bytes(more) > budget


def test_builder_keeps_first_and_last_and_caps_frames():
    figure = spec.figure([spec.scatter(x=[0, 1], y=[0, 1])], {})
    track = animation.Track(spec.scatter(mode="markers"), lambda row: {"x": [row], "y": [row * row]})
    out = animation.animate(figure, [track], 1000, lang="en", max_frames=7)
    assert [f["name"] for f in out["frames"]] == ["0", "166", "333", "500", "666", "832", "999"]
    assert out["data"][1]["x"] == [0] and out["data"][1]["mode"] == "markers"
    tiny = animation.animate(spec.figure([], {}), [track], 1000, lang="en", byte_budget=1)
    assert [f["name"] for f in tiny["frames"]] == ["0", "999"]  # never fewer than the first and the last


@pytest.mark.parametrize("n_frames, ms", [(2, 1000.0), (6, 1000.0), (11, 500.0), (31, 5000 / 30), (51, 100.0),
                                          (301, 5000 / 300)])
def test_a_run_lasts_about_five_seconds_at_1x(n_frames, ms):
    """The pace rule: 5 s a run, at least 100 ms a frame up to 50 steps, at most 1 s a frame."""
    figure = animation.animate(spec.figure([], {}), [animation.Track(spec.scatter(), lambda r: {"x": [r]})],
                               n_frames, lang="en")
    buttons = figure["layout"]["updatemenus"][0]["buttons"]
    labels = [b["label"] for b in buttons]
    assert labels == ["0.25×", "0.5×", "▶ Play", "2×", "4×", "❚❚ Pause"]
    durations = [b["args"][1]["frame"]["duration"] for b in buttons[:5]]
    # each speed asks for its time per frame, one 60 Hz tick early (plotly.js starts a frame on a tick)
    for speed, duration in zip(animation.SPEEDS, durations):
        assert duration == animation.frame_duration(ms / speed)
    assert durations[2] >= ms - animation.TICK_MS - 0.1
    assert (len(figure["frames"]) - 1) * ms <= 5000 + 1e-6


def test_builder_rejects_mismatched_names():
    track = animation.Track(spec.scatter(), lambda row: {"x": [row]})
    with pytest.raises(ValueError, match="names"):
        animation.animate(spec.figure(), [track], 3, lang="en", names=["a", "b"])


def test_subplot_layout_is_make_subplots():
    from plotly.subplots import make_subplots

    layout = spec.subplot_layout(1, 2, column_widths=[0.6, 0.4], horizontal_spacing=0.09)
    expected = make_subplots(rows=1, cols=2, column_widths=[0.6, 0.4], horizontal_spacing=0.09).to_dict()["layout"]
    expected.pop("template")
    assert layout == expected
    layout["xaxis"]["domain"][0] = 0.5  # a copy: the next call is unaffected
    assert spec.subplot_layout(1, 2, column_widths=[0.6, 0.4], horizontal_spacing=0.09) == expected


def test_typed_arrays_are_what_plotly_sends():
    import plotly.graph_objects as go

    values = np.array([[1, 2, 3], [4, 5, 6]], dtype=np.int8)
    theirs = json.loads(go.Figure(go.Heatmap(z=values)).to_json())["data"][0]["z"]
    assert spec.typed(values, np.int8) == theirs
    floats = np.array([0.5, np.nan, np.inf, -1e40])
    decoded = np.frombuffer(base64.b64decode(spec.f4(floats)["bdata"]), np.float32)
    assert decoded.tolist() == np.array([0.5, 0.0, 1e30, -1e30], np.float32).tolist()


@pytest.mark.parametrize("display", ["projector", "projector-small"])
@pytest.mark.parametrize("name", ["compare", "1-D", "race", "basins"])
def test_presentation_mode_scales_text_lines_and_markers(name, display):
    figure = FIGURES[name]("en")
    before = spec.to_json(figure)
    sizing = plotting.export.SIZINGS[display]
    large = plotting.sized(figure, display)
    assert spec.to_json(figure) == before  # a copy: the shared figure is untouched
    assert plotting.sized(figure, "desktop") is figure
    assert large["layout"]["font"]["size"] == round(12 * sizing.text) > figure["layout"]["font"]["size"]
    assert large["layout"]["height"] >= figure["layout"]["height"]
    if "legend" in figure["layout"] and "size" in figure["layout"]["legend"].get("font", {}):
        assert large["layout"]["legend"]["font"]["size"] >= sizing.floor > figure["layout"]["legend"]["font"]["size"]
    for small, big in zip(figure["data"], large["data"]):
        if "width" in small.get("line", {}):
            assert big["line"]["width"] == pytest.approx(small["line"]["width"] * sizing.line, abs=0.01)
        if isinstance(small.get("marker", {}).get("size"), (int, float)) and small["marker"]["size"]:
            assert big["marker"]["size"] > small["marker"]["size"]
    for small, big in zip(figure["layout"].get("updatemenus", []), large["layout"].get("updatemenus", [])):
        assert big["font"]["size"] > small["font"]["size"]  # the play buttons too
    json.loads(plotting.validated(large).to_json())  # still a valid figure


def test_series_differ_by_shape_as_well_as_colour():
    bowl = surfaces.get("anisotropic")
    names = ["sgd", "momentum", "adagrad", "rmsprop", "adam", "nadam", "adamw", "radam"]
    figure = plotting.compare_figure(bowl, _runs(bowl, names, 20), names)
    keys = [d for d in figure["data"] if d.get("x") == [None] and d.get("mode") == "lines+markers"]
    assert [k["name"] for k in keys] == names  # one legend key per series
    assert len({k["marker"]["symbol"] for k in keys}) == len(names)
    assert len({k["line"]["color"] for k in keys}) == len(names)
    heads = [d for d in figure["data"] if d.get("mode") == "markers" and d.get("xaxis") is None
             and d.get("legendgroup") is not None and d.get("x") != [None]]
    assert [h["marker"]["symbol"] for h in heads] == [k["marker"]["symbol"] for k in keys]  # the moving points


def test_offline_html_plays_offline():
    html = plotting.offline_html(FIGURES["1-D"]("en"))
    assert not re.findall(r"<script[^>]*\bsrc=", html)  # plotly.js inlined, nothing fetched
    assert "Plotly.newPlot" in html and "Plotly.addFrames" in html
