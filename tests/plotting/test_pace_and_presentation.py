"""Issue 9 on the JSON of real figures: the pace a class can follow, presentation sizing, palette and shapes.

1. The pace (``plotting.animation``): every animated figure a page shows (compare, saddles, 1-D,
   mini-batch race / fit / boundary, tiny-network bars), for runs of 1 to 1000 steps, plays a run in
   about 5 s at 1x (at most 1 s a frame), gives every step at least 100 ms for runs of up to 50 steps,
   and offers exactly the speeds 0.25x to 4x.
2. ``plotting.sized``: presentation mode scales every font, line width and marker by the module's
   factors and changes nothing else, without touching the figure it was given.
3. Palette and shapes: each series of the compare figure (and of the mini-batch race) has its own
   Okabe-Ito colour and its own marker shape, carried by its legend key, its path and its points;
   the colours stay apart in CIE Lab (CIE76 and CIEDE2000), also under a projector's white veil.

Playback times are modelled on plotly.js's own loop (``Plotly.animate``, as in the plotly.js bundled
with the plotly package installed here)::

    var doFrame = function() {
        trans._animationRaf = window.requestAnimationFrame(doFrame);
        if(Date.now() - trans._lastFrameAt > trans._timeToNext) nextFrame();
    };

with ``_lastFrameAt = Date.now()`` when a frame starts and ``_timeToNext`` its ``frame.duration``:
a frame lasts a whole number of screen refreshes, and at least ``floor(duration) + 1`` whole
milliseconds of ``Date.now()``.
"""

from __future__ import annotations

import copy
import functools
import itertools
import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

import optimizers
import plotting
import surfaces
from plotting import _style, animation, export
from plotting.spec import to_json
from scenes import minibatch as minibatch_scene
from scenes import network as network_scene
from scenes import saddles as saddles_scene
from scenes import sweep as sweep_scene

ROOT = Path(__file__).resolve().parents[2]

RUN_LENGTHS = (1, 2, 10, 30, 50, 51, 200, 1000)  # optimizer steps (mini-batch: updates of the busiest run)
SPEED_LABELS = {"en": ["0.25×", "0.5×", "▶ Play", "2×", "4×", "❚❚ Pause"],
                "ko": ["0.25배속", "0.5배속", "▶ 재생", "2배속", "4배속", "❚❚ 일시정지"]}
TICK_60 = 1000.0 / 60.0
COMPARE_OPTIMIZERS = ("sgd", "momentum", "adagrad", "rmsprop", "adam", "nadam")  # the compare page's six
EIGHT_OPTIMIZERS = ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "nadam", "amsgrad")
# Okabe & Ito (2008), "Color Universal Design": the eight colours, as published.
PALETTE = {c.upper() for c in _style.PALETTE}


def as_json(fig) -> dict:
    """What the browser receives (plotly's serializer, numpy arrays as base64 typed arrays)."""
    return json.loads(to_json(fig))


# -- the page builders, on real runs ---------------------------------------------------------
def _compare(n_steps: int) -> dict:
    """The compare page's map + loss race: six optimizers on the anisotropic bowl, clickable map."""
    surface = surfaces.get("anisotropic")
    runs = [optimizers.run(optimizers.get(name, lr=0.05), surface, surface.starts, n_steps)
            for name in COMPARE_OPTIMIZERS]
    return plotting.compare_figure(surface, runs, list(COMPARE_OPTIMIZERS), click_targets=True)


def _saddle(n_steps: int) -> dict:
    """The saddles page: gradient descent from the saddle point, nudged, and with noise (compare_figure)."""
    surface = surfaces.get("saddle")
    rule = optimizers.get("gd", lr=0.05)
    runs = [optimizers.run(rule, surface, [(-1.5, 0.0)], n_steps),
            optimizers.run(rule, surface, [(-1.5, 1e-3)], n_steps),
            optimizers.run(rule, surface, [(-1.5, 0.0)], n_steps, noise=0.1, seed=0)]
    return plotting.compare_figure(surface, runs, ["plain", "nudged", "noisy"])


def _descent_1d(n_steps: int) -> dict:
    surface = surfaces.get("parabola")
    run = optimizers.run(optimizers.get("gd", lr=0.1), surface, surface.starts[:1], n_steps)
    return plotting.descent_1d_figure(surface, run)


# Mini-batch: the clock ticks once per update of the busiest run (batch size 1), so a run of
# ``n`` steps is ``epochs`` epochs of ``points`` samples with batch sizes ``sizes`` (n = epochs * points).
MINIBATCH_RUNS = {1: (4, (4,), 1), 2: (4, (4, 2), 1), 10: (10, (10, 5, 1), 1), 30: (10, (10, 5, 1), 3),
                  50: (10, (10, 5, 1), 5), 51: (17, (17, 4, 1), 3), 200: (10, (10, 5, 1), 20),
                  1000: (10, (10, 5, 1), 100)}


def _minibatch(kind: str, n_steps: int):
    points, sizes, epochs = MINIBATCH_RUNS[n_steps]
    result = minibatch_scene.minibatch_runs(kind, points, 0.5, 0, sizes, 0.05, epochs)
    assert max(int(t.updates_per_epoch) for t in result.trajectories) * epochs == n_steps
    return result, [f"batch {k}" for k in sizes]


def _race(n_steps: int) -> dict:
    result, names = _minibatch("regression", n_steps)
    return plotting.race_figure(result.surface, result.trajectories, names)


def _fit(n_steps: int) -> dict:
    result, names = _minibatch("regression", n_steps)
    return plotting.fit_figure(result.surface, result.trajectories, names)


def _boundary(n_steps: int) -> dict:
    result, names = _minibatch("classification", n_steps)
    return plotting.boundary_figure(result.surface, result.trajectories, names)


def _sigmoid(n_steps: int) -> dict:
    """The probability curves of a student's 0/1 labels (a CSV read through surfaces.tabular), the same clock."""
    from surfaces import tabular

    points, sizes, epochs = MINIBATCH_RUNS[n_steps]
    rows = "".join(f"{i},{(i * 7) % 3 == 0:d}\n" for i in range(points))
    data = tabular.prepare(tabular.read_csv(f"x,y\n{rows}".encode()), "x", "y", "classification", positive="1")
    result = minibatch_scene.minibatch_runs("classification", points, 0.5, 0, sizes, 0.05, epochs, data=data)
    assert max(int(t.updates_per_epoch) for t in result.trajectories) * epochs == n_steps
    return plotting.sigmoid_figure(result.surface, result.trajectories, [f"batch {k}" for k in sizes])


@functools.cache
def _network(epochs: int):
    return network_scene.network("tutorial", 0, network_scene.OPTIMIZERS, (), epochs)


def _network_outputs(n_steps: int) -> dict:
    result = _network(n_steps)
    return plotting.network_outputs_figure(result, list(result.names))


ANIMATED = {"compare": _compare, "saddle": _saddle, "descent_1d": _descent_1d, "race": _race, "fit": _fit,
            "boundary": _boundary, "sigmoid": _sigmoid, "network_outputs": _network_outputs}
# The plotting builders behind those (ui/views.py), and the static ones the pages also show.
ANIMATED_BUILDERS = {"compare_figure", "descent_1d_figure", "race_figure", "fit_figure", "boundary_figure",
                     "sigmoid_figure", "network_outputs_figure"}
STATIC_BUILDERS = {"panels_figure", "surface_3d_figure", "inspector_figure", "basin_figure", "network_loss_figure",
                   "sweep_figure", "heatmap_figure", "loss_figure"}


@functools.cache
def animated(name: str, n_steps: int) -> dict:
    """The builder's figure as JSON (cached: the pace tests only read it)."""
    return as_json(ANIMATED[name](n_steps))


def play_buttons(layout: dict) -> list[dict]:
    (menu,) = layout["updatemenus"]
    return menu["buttons"]


# -- plotly.js's playback loop, modelled (see the module docstring) ---------------------------
def played(duration: float, n_frames: int, hz: float, phase: float) -> np.ndarray:
    """How long each frame after the first stays on screen (ms): a frame starts on the first screen
    refresh at which ``Date.now()`` (whole ms) has moved on by more than ``duration``."""
    tick = 1000.0 / hz
    starts, last, k = [], None, 0
    while len(starts) < n_frames:
        now = k * tick + phase
        if last is None or math.floor(now) - last > duration:
            last = math.floor(now)
            starts.append(now)
        k += 1
    return np.diff(starts)


def test_the_pace_rule_itself():
    """``pace``: 5 s a run at 1x, 1 s a frame at most; 100 ms a frame for 51 frames (50 steps)."""
    assert animation.RUN_SECONDS == 5.0 and animation.MAX_FRAME_MS == 1000.0
    assert animation.SPEEDS == (0.25, 0.5, 1.0, 2.0, 4.0)
    assert animation.pace(1) == animation.pace(2) == 1000.0  # one frame, or one step: capped
    assert animation.pace(6) == 1000.0 and animation.pace(7) == pytest.approx(5000 / 6)
    assert animation.pace(51) == 100.0 and animation.pace(52) < 100.0
    for n in range(6, 402):
        assert (n - 1) * animation.pace(n) == pytest.approx(5000.0)
    assert all(animation.pace(n) >= animation.pace(n + 1) for n in range(1, 500))


@pytest.mark.parametrize("n_steps", RUN_LENGTHS)
@pytest.mark.parametrize("name", list(ANIMATED))
def test_every_animated_figure_follows_the_pace(name, n_steps):
    fig = animated(name, n_steps)
    frames, layout = fig["frames"], fig["layout"]

    # Frames: the first and the last step, evenly spread over the run; short runs show every step.
    rows = [int(f["name"]) for f in frames]
    n_frames = len(rows)
    assert rows[0] == 0 and rows[-1] == n_steps
    gaps = np.diff(rows)
    assert gaps.min() >= 1 and gaps.max() - gaps.min() <= 1, "frames evenly spread over the run"
    if n_steps <= 50:
        assert rows == list(range(n_steps + 1)), "a short run shows every step"

    # Exactly the five speeds, then pause.
    buttons = play_buttons(layout)
    assert [b["label"] for b in buttons] == SPEED_LABELS["en"]
    assert all(b["method"] == "animate" for b in buttons)
    durations = [b["args"][1]["frame"]["duration"] for b in buttons[:5]]

    # At 1x the run lasts 5 s (a frame at most 1 s): pace(number of frames).
    ms = min(1000.0, 5000.0 / (n_frames - 1))
    assert animation.pace(n_frames) == pytest.approx(ms)
    if ms < 1000.0:
        assert (n_frames - 1) * ms == pytest.approx(5000.0)
    else:
        assert n_frames - 1 <= 5 and (n_frames - 1) * ms <= 5000.0

    # Each speed asks plotly.js for its time a frame (pace / speed), at most one 60 Hz tick less
    # (a frame starts on a tick), and for no more than that time.
    for speed, duration in zip(animation.SPEEDS, durations):
        wanted = ms / speed
        assert duration == animation.frame_duration(wanted)
        assert max(0.0, wanted - TICK_60 - 0.1) <= duration <= wanted
    assert durations == sorted(durations, reverse=True)

    # At least 100 ms a step for runs of up to 50 steps: plotly.js holds a frame for at least
    # floor(duration) + 1 whole ms, whatever the screen's refresh rate.
    shortest_run = (n_frames - 1) * (math.floor(durations[2]) + 1)
    if n_steps <= 50:
        assert shortest_run / n_steps >= 100.0, f"{shortest_run / n_steps:.1f} ms a step at 1x"

    # Transitions: none (redraw: false moves the traces), every play button from the current frame.
    for button in buttons[:5]:
        frames_arg, args = button["args"]
        assert frames_arg is None  # every frame, in order
        assert args["frame"]["redraw"] is False and args["transition"]["duration"] == 0
        assert args["mode"] == "immediate" and args["fromcurrent"] is True
    pause = buttons[5]["args"]
    assert pause[0] == [None] and pause[1]["frame"]["duration"] == 0 and pause[1]["mode"] == "immediate"
    (slider,) = layout["sliders"]
    assert slider["transition"]["duration"] == 0
    shown = [step["args"][0][0] for step in slider["steps"]]
    assert shown[0] == frames[0]["name"] and shown[-1] == frames[-1]["name"]
    assert set(shown) <= {f["name"] for f in frames}
    assert [int(s) for s in shown] == sorted(int(s) for s in shown)
    for step in slider["steps"]:
        args = step["args"][1]
        assert args["frame"] == {"duration": 0, "redraw": False} and args["transition"]["duration"] == 0


@pytest.mark.parametrize("n_steps", [n for n in RUN_LENGTHS if n <= 50] + [5, 6, 20, 42, 43, 45, 49])
def test_played_at_60_and_144_hz_a_short_run_gives_every_step_100_ms(n_steps):
    """The pace as played by plotly.js's loop (the 1x button ``animate`` gives every figure): at least 100 ms a step
    up to 50 steps on a 60 Hz and a 144 Hz screen, whatever the clock's phase, and a 60 Hz run of
    6 to 50 steps lasting 4.2 to 5.1 s (frames come on whole ticks)."""
    n_frames = n_steps + 1
    duration = play_buttons(_frame_controls(n_frames))[2]["args"][1]["frame"]["duration"]
    for hz in (60.0, 144.0):
        for phase in np.linspace(0.0, 0.95, 20):
            frames = played(duration, n_frames, hz, phase)
            if n_steps <= 50:
                assert frames.min() >= 100.0 - 1e-9, f"{hz:g} Hz: a frame of {frames.min():.1f} ms"
            if hz == 60.0 and 6 <= n_steps <= 50:
                assert 4200.0 <= frames.sum() <= 5100.0
            elif hz == 60.0 and n_steps < 6:  # 1 s a frame (on the tick at or before it)
                assert 1000.0 * n_steps - TICK_60 * n_steps - 1e-9 <= frames.sum() <= 1000.0 * n_steps + 1e-9


def _frame_controls(n_rows: int) -> dict:
    """The controls ``animate`` gives a run of ``n_rows`` rows (what every builder above gets)."""
    track = animation.Track(plotting.spec.scatter(mode="markers"), lambda row: {"x": [row], "y": [row]})
    fig = animation.animate(plotting.spec.figure([], {}), [track], n_rows, lang="en")
    assert len(fig["frames"]) == n_rows
    return fig["layout"]


def test_speed_buttons_in_korean():
    fig = as_json(plotting.descent_1d_figure(
        surfaces.get("parabola"),
        optimizers.run(optimizers.get("gd", lr=0.1), surfaces.get("parabola"), surfaces.get("parabola").starts[:1],
                       30), lang="ko"))
    buttons = play_buttons(fig["layout"])
    assert [b["label"] for b in buttons] == SPEED_LABELS["ko"]
    assert [b["args"][1]["frame"]["duration"] for b in buttons[:5]] == [
        animation.frame_duration(5000 / 30 / s) for s in animation.SPEEDS]


def test_every_animated_page_figure_goes_through_animate():
    """No figure makes its own frames or play controls, and every figure a page draws is one of the
    animated builders checked above or a static one (a new builder has to be added to one of them)."""
    for path in sorted((ROOT / "plotting").glob("*.py")):
        if path.name in ("animation.py", "spec.py"):
            continue
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"""["'](updatemenus|sliders|frames)["']|frames\s*=\s*\[""", source), path.name
        assert "duration" not in source.replace("frame_duration", ""), path.name
    views = (ROOT / "ui" / "views.py").read_text(encoding="utf-8")
    used = set(re.findall(r"plotting\.(\w+_figure)\b", views))
    assert used and used <= ANIMATED_BUILDERS | STATIC_BUILDERS, used - ANIMATED_BUILDERS - STATIC_BUILDERS
    assert ANIMATED_BUILDERS <= used
    assert not ANIMATED_BUILDERS & STATIC_BUILDERS


# -- presentation mode -----------------------------------------------------------------------
@functools.cache
def _sized_inputs() -> dict:
    anis, parabola = surfaces.get("anisotropic"), surfaces.get("parabola")
    return {
        "anis": anis, "parabola": parabola,
        "runs": [optimizers.run(optimizers.get(n, lr=0.05), anis, anis.starts, 40, record_state=True)
                 for n in ("sgd", "momentum", "adam")],
        "run_1d": optimizers.run(optimizers.get("gd", lr=0.1), parabola, parabola.starts[:1], 20, record_state=True),
        "diverging": optimizers.run(optimizers.get("gd", lr=1.2), parabola, parabola.starts[:1], 20),
        "regression": _minibatch("regression", 30), "classification": _minibatch("classification", 30),
        "net": _network(30),
    }


def _sized_case(name: str) -> dict:
    """A figure of every kind that ui/views.py passes to ``sized`` (small runs: it is the sizes that matter)."""
    inputs = _sized_inputs()
    anis, parabola, runs, net = inputs["anis"], inputs["parabola"], inputs["runs"], inputs["net"]
    (regression, names), (classification, _) = inputs["regression"], inputs["classification"]
    run_1d, diverging = inputs["run_1d"], inputs["diverging"]
    cases = {
        "compare": lambda: plotting.compare_figure(anis, runs, ["SGD", "Momentum", "Adam"], log_loss=True,
                                                   click_targets=True),
        "saddle": lambda: ANIMATED["saddle"](30),
        "compare_inspector": lambda: plotting.inspector_figure(anis, runs, ["SGD", "Momentum", "Adam"], 5),
        "descent_1d": lambda: plotting.descent_1d_figure(parabola, diverging),
        "inspector_1d": lambda: plotting.inspector_figure(parabola, [run_1d], ["GD"], 3),
        "basins": lambda: plotting.basin_figure(saddles_scene.basin_maps("himmelblau", "gd", 0.01, 30, 100)),
        "race": lambda: plotting.race_figure(regression.surface, regression.trajectories, names, log_loss=True),
        "fit": lambda: plotting.fit_figure(regression.surface, regression.trajectories, names),
        "boundary": lambda: plotting.boundary_figure(classification.surface, classification.trajectories, names),
        "network_loss": lambda: plotting.network_loss_figure(net, list(net.names)),
        "network_outputs": lambda: plotting.network_outputs_figure(net, list(net.names)),
        "sweep": lambda: plotting.sweep_figure(sweep_scene.lr_sweep("anisotropic", ("sgd", "adam"), (-7.0, 2.0), 20,
                                                                    200, (1e-3, 1.0)), ["SGD", "Adam"]),
        "heatmap": lambda: plotting.heatmap_figure(sweep_scene.lr_grid("anisotropic", "sgd-momentum", (-7.0, 2.0),
                                                                       20, 8, 5, (1e-3, 1.0))),
    }
    return cases[name]()


SIZED = ("compare", "saddle", "compare_inspector", "descent_1d", "inspector_1d", "basins", "race", "fit", "boundary",
         "network_loss", "network_outputs", "sweep", "heatmap")


DISPLAYS = ("projector", "projector-small")


def _scale_of(path: tuple, sizing) -> float | None:
    """The factor ``sized`` promises for the value at ``path`` (None: left alone)."""
    keys = [k for k in path if isinstance(k, str)]
    if keys[0] == "layout" and "template" in keys:
        return None  # plotly's defaults, shared
    if keys[-1] == "size" and len(keys) >= 2 and keys[-2].endswith("font"):
        return sizing.text
    if keys[0] != "data":
        return None
    if keys[-2:] == ["line", "width"]:
        return sizing.line
    if keys[-2:] == ["marker", "size"]:
        return sizing.marker
    return None


def _leaves(obj, path=()):
    if isinstance(obj, dict):
        for key, value in obj.items():
            yield from _leaves(value, path + (key,))
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            yield from _leaves(value, path + (i,))
    else:
        yield path, obj


def _get(obj, path):
    for key in path:
        obj = obj[key]
    return obj


def _read_fonts(layout: dict) -> dict[str, float]:
    """The sizes of the text a room must read: tick labels and titles of every axis, the legend, the play
    buttons and the slider's step caption."""
    sizes = {}
    for key, axis in layout.items():
        if key.rstrip("0123456789") in ("xaxis", "yaxis"):
            sizes[f"{key}.tickfont"] = axis["tickfont"]["size"]
            if isinstance(axis.get("title"), dict):
                sizes[f"{key}.title"] = axis["title"]["font"]["size"]
    if "legend" in layout:
        sizes["legend"] = layout["legend"].get("font", {}).get("size", layout["font"]["size"])
    for i, menu in enumerate(layout.get("updatemenus", [])):
        sizes[f"updatemenus{i}"] = menu.get("font", {}).get("size", layout["font"]["size"])
    for i, slider in enumerate(layout.get("sliders", [])):
        sizes[f"sliders{i}.currentvalue"] = slider["currentvalue"].get("font", {}).get("size", layout["font"]["size"])
    return sizes


@pytest.mark.parametrize("display", DISPLAYS)
@pytest.mark.parametrize("name", SIZED)
def test_presentation_sizing_scales_every_size_and_nothing_else(name, display):
    """On a projector every font, line width and marker size grows by the display's factors; the text the
    room reads is at least the display's floor (20 px on a 1920 x 1080 projector, issue 17); the play
    controls move below the larger axis text; nothing else changes, and the shared figure stays as it was."""
    sizing = export.SIZINGS[display]
    fig = _sized_case(name)
    before = as_json(fig)
    assert plotting.sized(fig, "desktop") is fig  # a laptop: the very same dict
    sized = plotting.sized(fig, display)
    assert as_json(fig) == before, "sized must not change the figure it is given (it may be shared)"
    small, big = before, as_json(sized)
    assert big["layout"]["font"]["size"] == round(12 * sizing.text)

    read = _read_fonts(big["layout"])
    assert read and min(read.values()) >= sizing.floor, {k: v for k, v in read.items() if v < sizing.floor}

    scaled = 0
    for path, value in _leaves(small):
        new = _get(big, path)
        factor = _scale_of(path, sizing)
        if path in (("layout", "font", "size"), ("layout", "height")) or path[:2] == ("layout", "margin"):
            continue  # the base font (above), the height and the margins (below)
        if path[:1] == ("layout",) and path[1] in ("updatemenus", "sliders") and path[-1] == "y":
            assert new < 0 and (value < 0) == (new < 0)  # still below the plot (moved: see below)
        elif path[-2:] == ("title", "standoff") and "template" not in path:
            assert new == pytest.approx(max(value, 4) * sizing.text, abs=0.01)  # the gap grows with the text
        elif factor is not None and isinstance(value, (int, float)) and not isinstance(value, bool):
            expected = value * factor
            read = path[0] == "layout" and str(path[1]).rstrip("0123456789") in ("legend", "updatemenus", "sliders",
                                                                                 "xaxis", "yaxis")
            if read and _get(small, path[:-1]).get("color") != "rgba(0,0,0,0)":
                expected = max(expected, sizing.floor)  # the text the room reads: at least the floor
            assert new == pytest.approx(expected, abs=0.0051), (path, value, new)
            scaled += value != 0
        else:
            assert new == value, f"{path}: {value!r} -> {new!r} (only sizes may change)"
    assert scaled > 0, "something to scale"
    if "height" in small["layout"]:
        assert big["layout"]["height"] == round(small["layout"]["height"] * sizing.height)

    # The controls sit as far below the plot as before, grown with the text, inside the bottom margin.
    lay, old = big["layout"], small["layout"]
    plot_new = lay["height"] - lay["margin"]["t"] - lay["margin"]["b"] if "height" in lay else None
    plot_old = old["height"] - old["margin"]["t"] - old["margin"]["b"] if "height" in old else None
    for key in ("updatemenus", "sliders"):
        for before_item, after_item in zip(old.get(key, []), lay.get(key, [])):
            if plot_old and before_item.get("y", 1) < 0:
                grown = -before_item["y"] * plot_old * sizing.text
                assert -after_item["y"] * plot_new == pytest.approx(grown, abs=1.0)
                assert lay["margin"]["b"] >= grown + 36 * sizing.text

    # Frames are shared as they are and carry no size (playback would put the small one back).
    if "frames" in small:
        assert big["frames"] == small["frames"]
        sizes = [p for p, _ in _leaves(small["frames"]) if p[-1] in ("size", "width")]
        assert not sizes, sizes[:5]

    # Sizing twice from the shared figure gives the same figure (nothing accumulates).
    assert as_json(plotting.sized(fig, display)) == big


def test_presentation_figure_is_still_valid_plotly():
    """The scaled numbers are still what plotly accepts (its validators, as ``go.Figure`` applies them)."""
    for display in DISPLAYS:
        for name in ("compare", "descent_1d", "network_outputs"):
            plotting.validated(plotting.sized(_sized_case(name), display))


def test_a_given_height_is_kept_and_the_controls_still_fit():
    fig = _sized_case("compare")
    big = as_json(plotting.sized(fig, "projector", height=820))
    assert big["layout"]["height"] == 820
    plot = 820 - big["layout"]["margin"]["t"] - big["layout"]["margin"]["b"]
    lowest = max(-item["y"] * plot for key in ("updatemenus", "sliders") for item in big["layout"][key])
    assert lowest + 36 * export.SIZINGS["projector"].text <= big["layout"]["margin"]["b"]
    assert plotting.sized(fig, "desktop", height=600)["layout"]["height"] == 600
    with pytest.raises(ValueError, match="Invalid display"):
        plotting.sized(fig, "tv")


def test_presentation_scaling_on_a_hand_made_figure():
    """The factors themselves, on every place a size can sit, and an input that stays untouched."""
    fig = {
        "data": [{"type": "scatter", "line": {"width": 2, "color": "#000"},
                  "marker": {"size": [0, 10], "symbol": "circle", "line": {"width": 1}},
                  "textfont": {"size": 10, "color": "#111"}}],
        "layout": {"font": {"size": 12, "family": "x"}, "title": {"text": "t", "font": {"size": 20}},
                   "xaxis": {"title": {"text": "x", "font": {"size": 10}}, "tickfont": {"size": 9}},
                   "legend": {"font": {"size": 11}}, "annotations": [{"text": "a", "font": {"size": 10}}],
                   "sliders": [{"font": {"size": 9, "color": "rgba(0,0,0,0)"}, "currentvalue": {"font": {"size": 11}}}],
                   "updatemenus": [{"font": {"size": 11}}], "height": 500, "margin": {"l": 50, "t": 40, "b": 90}},
        "frames": [{"name": "0", "data": [{"x": [1]}]}],
    }
    original = copy.deepcopy(fig)
    big = plotting.sized(fig, "projector")
    assert fig == original
    sizing = export.SIZINGS["projector"]
    t, ln, mk = sizing.text, sizing.line, sizing.marker
    assert (round(12 * t), sizing.floor) == (20, 20)  # 20 px on a 1920 x 1080 projector
    (trace,) = big["data"]
    assert trace["line"] == {"width": round(2 * ln, 2), "color": "#000"}
    assert trace["marker"] == {"size": [0, round(10 * mk, 2)], "symbol": "circle", "line": {"width": round(1 * ln, 2)}}
    assert trace["textfont"] == {"size": round(10 * t, 2), "color": "#111"}
    lay = big["layout"]
    assert lay["font"] == {"size": 20, "family": "x"}
    assert lay["title"]["font"]["size"] == pytest.approx(20 * t, abs=0.01)  # the chart's title: scaled
    assert lay["xaxis"]["title"]["font"]["size"] == 20 and lay["xaxis"]["tickfont"]["size"] == 20  # the floor
    assert lay["legend"]["font"]["size"] == 20 and lay["updatemenus"][0]["font"]["size"] == 20
    assert lay["annotations"][0]["font"]["size"] == pytest.approx(10 * t, abs=0.01)  # a note: scaled, no floor
    assert lay["sliders"][0]["font"]["size"] == pytest.approx(9 * t, abs=0.01)  # hidden labels: no floor
    assert lay["sliders"][0]["currentvalue"]["font"]["size"] == 20
    assert lay["height"] == 560
    assert big["frames"] == original["frames"]
    small = plotting.sized(fig, "projector-small")
    assert small["layout"]["font"]["size"] == 14 and small["layout"]["legend"]["font"]["size"] == 14


# -- palette and shapes ----------------------------------------------------------------------
def _srgb_to_lab(hex_color: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB colour (IEC 61966-2-1 transfer curve, CIE 1976 Lab)."""
    r, g, b = (int(hex_color[i:i + 2], 16) / 255.0 for i in (1, 3, 5))
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    m = ((0.4124564, 0.3575761, 0.1804375), (0.2126729, 0.7151522, 0.0721750), (0.0193339, 0.1191920, 0.9503041))
    xyz = [sum(k * c for k, c in zip(row, lin)) for row in m]
    white = (0.95047, 1.0, 1.08883)

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = (f(v / w) for v, w in zip(xyz, white))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def _delta_e76(lab1, lab2) -> float:
    return math.dist(lab1, lab2)


def _delta_e2000(lab1, lab2) -> float:
    """CIEDE2000 (Sharma, Wu & Dalal 2005)."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar ** 7 / (c_bar ** 7 + 25 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dlp, dcp = l2 - l1, c2p - c1p
    dhp = 0.0
    if c1p * c2p:
        dhp = h2p - h1p
        dhp = dhp - 360 if dhp > 180 else dhp + 360 if dhp < -180 else dhp
    dhp_big = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dhp / 2))
    l_bar, cp_bar = (l1 + l2) / 2, (c1p + c2p) / 2
    if not c1p * c2p:
        h_bar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_bar = (h1p + h2p) / 2
    else:
        h_bar = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(h_bar - 30)) + 0.24 * math.cos(math.radians(2 * h_bar))
         + 0.32 * math.cos(math.radians(3 * h_bar + 6)) - 0.20 * math.cos(math.radians(4 * h_bar - 63)))
    d_theta = 30 * math.exp(-(((h_bar - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(cp_bar ** 7 / (cp_bar ** 7 + 25 ** 7))
    s_l = 1 + 0.015 * (l_bar - 50) ** 2 / math.sqrt(20 + (l_bar - 50) ** 2)
    s_c, s_h = 1 + 0.045 * cp_bar, 1 + 0.015 * cp_bar * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    return math.sqrt((dlp / s_l) ** 2 + (dcp / s_c) ** 2 + (dhp_big / s_h) ** 2 + r_t * (dcp / s_c) * (dhp_big / s_h))


def _washed(hex_color: str, veil: float) -> str:
    """The colour under a white veil: a projector in a lit room adds ``veil`` of white to every pixel."""
    rgb = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * veil):02X}" for c in rgb)


@pytest.mark.parametrize("lab1, lab2, expected", [  # Sharma, Wu & Dalal's test data, pairs 1, 2, 7, 17, 25
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, -1.3802, -84.2814), (50.0, 0.0, -82.7485), 1.0000),
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
])
def test_ciede2000_matches_the_published_test_data(lab1, lab2, expected):
    assert _delta_e2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)
    assert _delta_e2000(lab2, lab1) == pytest.approx(expected, abs=1e-4)


def test_srgb_to_lab_known_values():
    assert _srgb_to_lab("#FFFFFF") == pytest.approx((100.0, 0.0, 0.0), abs=0.01)
    assert _srgb_to_lab("#000000") == pytest.approx((0.0, 0.0, 0.0), abs=1e-9)
    assert _srgb_to_lab("#FF0000") == pytest.approx((53.24, 80.09, 67.20), abs=0.02)
    assert _srgb_to_lab("#0000FF") == pytest.approx((32.30, 79.19, -107.86), abs=0.02)


def _series_traces(fig: dict, group: str) -> dict:
    """The traces of one series (its legend group): legend key, path, moving point, loss curve, loss dot."""
    animated_ = set(fig["frames"][0]["traces"])
    traces = [(i, d) for i, d in enumerate(fig["data"]) if d.get("legendgroup") == group]
    keys = [d for _, d in traces if d.get("x") == [None]]
    on_map = [(i, d) for i, d in traces if d.get("xaxis") in (None, "x") and d.get("x") != [None]]
    on_loss = [(i, d) for i, d in traces if d.get("xaxis") == "x2"]
    (key,) = keys
    (path,) = [d for i, d in on_map if d["mode"] == "lines" and i in animated_]
    (point,) = [d for i, d in on_map if d["mode"] == "markers" and i in animated_]
    curves = [d for _, d in on_loss if d["mode"] == "lines"]
    (dot,) = [d for i, d in on_loss if d["mode"] == "markers" and i in animated_]
    return {"key": key, "path": path, "point": point, "curves": curves, "dot": dot}


def _base_shape(symbol: str) -> str:
    return re.sub(r"-(open|dot|open-dot)$", "", symbol)


@functools.cache
def _eight_series() -> dict:
    surface = surfaces.get("anisotropic")
    runs = [optimizers.run(optimizers.get(n, lr=0.05), surface, surface.starts, 20) for n in EIGHT_OPTIMIZERS]
    return as_json(plotting.compare_figure(surface, runs, [n.upper() for n in EIGHT_OPTIMIZERS]))


def _check_series_styles(fig: dict, names: list[str]) -> list[str]:
    """Each series: one legend entry (its key) with the colour and shape of its path and points; all
    colours and shapes distinct, colours from Okabe-Ito. Returns the colours in series order."""
    colors, symbols = [], []
    for i, name in enumerate(names):
        s = _series_traces(fig, str(i))
        key = s["key"]
        assert key["name"] == name and key.get("showlegend", True) is not False
        assert key["mode"] == "lines+markers"
        color, symbol = key["line"]["color"], key["marker"]["symbol"]
        assert key["marker"]["color"] == color
        assert s["path"]["line"]["color"] == color and s["path"]["showlegend"] is False
        assert s["point"]["marker"]["color"] == color and s["point"]["marker"]["symbol"] == symbol
        assert s["dot"]["marker"]["color"] == color and s["dot"]["marker"]["symbol"] == symbol
        assert all(c["line"]["color"] == color and c["showlegend"] is False for c in s["curves"])
        colors.append(color.upper())
        symbols.append(symbol)
    legend = [d["name"] for d in fig["data"] if d.get("showlegend", True) is not False and "legendgroup" in d]
    assert legend == names, "exactly one legend entry per series: its key"
    assert len(set(colors)) == len(names), colors
    assert len(set(symbols)) == len(names), symbols
    assert len({_base_shape(s) for s in symbols}) == len(names), "shapes differ by more than fill"
    assert set(colors) <= PALETTE, set(colors) - PALETTE
    return colors


def test_compare_series_differ_by_colour_and_shape_for_eight_optimizers():
    fig = _eight_series()
    colors = _check_series_styles(fig, [n.upper() for n in EIGHT_OPTIMIZERS])
    assert set(colors) == PALETTE  # eight series use the whole palette
    # Frames move the traces without restyling them: colours and shapes stay what the legend shows.
    for frame in fig["frames"]:
        for data in frame["data"]:
            assert not {"line", "marker", "legendgroup", "name"} & set(data)


@pytest.mark.parametrize("n_series", [1, 2, 3, 6])
def test_compare_series_styles_for_fewer_optimizers(n_series):
    surface = surfaces.get("anisotropic")
    names = list(COMPARE_OPTIMIZERS[:n_series])
    runs = [optimizers.run(optimizers.get(n, lr=0.05), surface, surface.starts, 10) for n in names]
    colors = _check_series_styles(as_json(plotting.compare_figure(surface, runs, names)), names)
    assert colors == [look.color.upper() for look in _style.styles(names)]
    for name, color in zip(names, colors):
        if name in _style.LESSON_ORDER[:8]:  # the lesson's eight always have their own colour
            assert color == plotting.optimizer_style(name).color.upper(), name


@pytest.mark.parametrize("names", [("sgd", "momentum", "adagrad", "adam"), ("adam", "sgd"), ("adagrad", "rmsprop", "adam"),
                                   ("rmsprop", "adam", "adadelta", "adagrad", "momentum", "sgd", "nesterov", "gd")])
def test_each_lesson_optimizer_keeps_its_style_whatever_races_with_it(names):
    """AdaGrad is the same green diamond on every step and page, whoever it races (issue 17, item 4)."""
    surface = surfaces.get("anisotropic")
    runs = [optimizers.run(optimizers.get(n, lr=0.05), surface, surface.starts, 5) for n in names]
    fig = as_json(plotting.compare_figure(surface, runs, list(names)))
    for i, name in enumerate(names):
        own = plotting.optimizer_style(name)
        key = _series_traces(fig, str(i))["key"]
        assert (key["line"]["color"], key["marker"]["symbol"], key["line"]["dash"]) == tuple(own), name


def test_two_optimizers_whose_own_colours_clash_still_differ_in_one_figure():
    own = [plotting.optimizer_style(n) for n in ("adagrad", "adamw")]
    assert own[0].color == own[1].color  # the palette has eight colours: the ninth rule repeats one
    looks = _style.styles(["adagrad", "adamw"])
    assert looks[0] == own[0]  # the lesson's rule keeps its own
    assert looks[1].color != looks[0].color and looks[1].symbol != looks[0].symbol


def test_race_legend_keys_match_their_paths():
    result, names = _minibatch("regression", 30)
    fig = as_json(plotting.race_figure(result.surface, result.trajectories, names))
    _check_series_styles(fig, names)


def test_legend_key_of_a_diverged_series_keeps_its_style():
    surface = surfaces.get("anisotropic")
    runs = [optimizers.run(optimizers.get("sgd", lr=0.05), surface, surface.starts, 30),
            optimizers.run(optimizers.get("sgd", lr=5.0), surface, surface.starts, 30)]
    fig = as_json(plotting.compare_figure(surface, runs, ["calm", "wild"]))
    wild = _series_traces(fig, "1")
    assert wild["key"]["name"].startswith("wild · ")  # "diverged at step k" in its legend entry
    assert wild["key"]["line"]["color"] == wild["point"]["marker"]["color"] == _style.PALETTE[1]
    assert wild["key"]["marker"]["symbol"] == wild["point"]["marker"]["symbol"] == _style.SYMBOLS[1]


def _pairs(colors):
    return [(a, b, _srgb_to_lab(a), _srgb_to_lab(b)) for a, b in itertools.combinations(colors, 2)]


def test_series_colours_are_far_apart_in_lab():
    """Every pair of the (up to eight) series colours, as drawn: CIE76 ΔE > 20 and CIEDE2000 > 20
    (the closest pair, brown / grey, is at ΔE00 22.2)."""
    fig = _eight_series()
    colors = [_series_traces(fig, str(i))["key"]["line"]["color"].upper() for i in range(8)]
    for a, b, la, lb in _pairs(colors):
        assert _delta_e76(la, lb) > 20.0, (a, b, _delta_e76(la, lb))
        assert _delta_e2000(la, lb) > 20.0, (a, b, _delta_e2000(la, lb))


def test_series_colours_stay_apart_on_a_washed_out_projector():
    """Under a 30 % white veil (a projector in a lit room) every pair stays at CIEDE2000 > 10 (readily
    told apart) and CIE76 > 15 (the closest pair is at ΔE00 17.0 there); no two series share a marker shape
    either."""
    fig = _eight_series()
    colors = [_series_traces(fig, str(i))["key"]["line"]["color"].upper() for i in range(8)]
    for a, b, la, lb in _pairs([_washed(c, 0.3) for c in colors]):
        assert _delta_e2000(la, lb) > 10.0, (a, b, _delta_e2000(la, lb))
        assert _delta_e76(la, lb) > 15.0, (a, b, _delta_e76(la, lb))


def _contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two sRGB colours."""
    def luminance(hex_color):
        c = np.array([int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5)])
        c = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
        return float(c @ [0.2126, 0.7152, 0.0722])
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_series_colours_have_3_to_1_contrast_on_the_chart_background():
    """WCAG 1.4.11 (non-text contrast): every series colour against the white of a chart and of the map's
    lowest ground (issue 19)."""
    ground = "#" + "".join(f"{c:02X}" for c in _style.LANDSCAPE_LOW)
    for color in _style.PALETTE:
        assert _contrast(color, "#FFFFFF") >= 3.0, color
        assert _contrast(color, ground) >= 3.0, (color, ground)


# Machado, Oliveira & Fernandes (2009), full severity, in linear RGB
_CVD = {"protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
        "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
        "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]}


def _seen_with(hex_color: str, kind: str) -> str:
    c = np.array([int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5)])
    c = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    c = np.clip(np.array(_CVD[kind]) @ c, 0.0, 1.0)
    c = np.where(c <= 0.0031308, 12.92 * c, 1.055 * c ** (1 / 2.4) - 0.055)
    return "#" + "".join(f"{round(v * 255):02X}" for v in c)


@pytest.mark.parametrize("kind", list(_CVD))
def test_series_colours_stay_apart_for_colour_blind_students(kind):
    """As a student with protanopia, deuteranopia or tritanopia sees them (simulated): every pair of series
    colours at CIEDE2000 > 11 (the closest, blue / reddish purple under protanopia, 12.3); with the marker
    shapes and line dashes no two series look alike."""
    seen = [_seen_with(c.upper(), kind) for c in _style.PALETTE]
    for (a, sa), (b, sb) in itertools.combinations(zip(_style.PALETTE, seen), 2):
        assert _delta_e2000(_srgb_to_lab(sa), _srgb_to_lab(sb)) > 11.0, (kind, a, b)


def test_series_colours_stand_out_from_the_landscape():
    """The map's greys run from LANDSCAPE_LOW (lowest loss) to LANDSCAPE_HIGH: every series colour is at
    CIE76 ΔE > 20 from both ends, so a path is never drawn in the colour of the ground under it."""
    ground = ["#" + "".join(f"{c:02X}" for c in rgb) for rgb in (_style.LANDSCAPE_LOW, _style.LANDSCAPE_HIGH)]
    for color in _style.PALETTE:
        for g in ground:
            assert _delta_e76(_srgb_to_lab(color.upper()), _srgb_to_lab(g)) > 20.0, (color, g)
