"""Figures, checked on their JSON: what the browser receives."""

from __future__ import annotations

import base64
import functools
import json
import re

import numpy as np
import pytest

import optimizers
import plotting
from plotting import animation
from plotting.spec import to_json
import surfaces
from surfaces import CriticalPoint, Surface

SIX = ["sgd", "momentum", "adagrad", "rmsprop", "adam", "nadam"]
LR = {"sgd": 0.05, "momentum": 0.01, "adagrad": 0.5, "rmsprop": 0.01, "adam": 0.05, "nadam": 0.05}


def _surface(name: str, fallback: str = "anisotropic") -> Surface:
    return surfaces.get(name if name in surfaces.names() else fallback)


def _cubic() -> Surface:
    if "cubic" in surfaces.names():
        return surfaces.get("cubic")
    return Surface(  # x^3 - 2x^2 + 2, as the app's "cubic"
        name="cubic_test", dim=1, value_fn=lambda p: p[..., 0] ** 3 - 2 * p[..., 0] ** 2 + 2,
        grad_fn=lambda p: 3 * p ** 2 - 4 * p, window=((-1.5, 2.8),), starts=((2.5,),),
        critical_points=(CriticalPoint((4 / 3,), 2 - 32 / 27, "local minimum"),), latex="",
        title={"en": "cubic", "ko": "3차"}, description={"en": "", "ko": ""}, bounded_below=False)


@functools.lru_cache(maxsize=None)
def six_runs(surface_name: str, steps: int, record_every: int = 1, record_state: bool = False):
    s = _surface(surface_name)
    names = [n for n in SIX if n in optimizers.names()]
    while len(names) < 6:  # while some rules are not registered yet: SGD at other rates
        names.append("sgd")
    trajs = []
    for i, n in enumerate(names):
        lr = LR.get(n, 0.01) * (1 + 0.3 * i if n == "sgd" else 1)
        trajs.append(optimizers.run(optimizers.get(n, lr=lr), s, s.starts[:1], steps,
                                    record_every=record_every, record_state=record_state))
    return s, tuple(trajs), [f"{n}{i}" for i, n in enumerate(names)]


def with_diverged(steps: int = 60, record_state: bool = False, record_every: int = 1):
    """SGD at a sane rate and SGD that leaves every bound at update 1."""
    s = surfaces.get("anisotropic")
    good = optimizers.run(optimizers.get("sgd", lr=0.5), s, s.starts[:1], steps, record_state=record_state,
                          record_every=record_every)
    bad = optimizers.run(optimizers.get("sgd", lr=1e7), s, s.starts[:1], steps, record_state=record_state,
                         record_every=record_every)
    assert bad.diverged_at[0] == 1
    return s, [good, bad], ["sgd", "sgd huge lr"]


def as_json(fig) -> tuple[str, dict]:
    """The figure's JSON text (non-ASCII unescaped, so Korean can be searched) and its data."""
    data = json.loads(to_json(fig))
    return json.dumps(data, ensure_ascii=False), data


def typed_arrays(obj):
    """Every base64 typed array in plotly's JSON ({"dtype": ..., "bdata": ...}), decoded."""
    if isinstance(obj, dict):
        if "bdata" in obj and "dtype" in obj:
            arr = np.frombuffer(base64.b64decode(obj["bdata"]), dtype=np.dtype(obj["dtype"]))
            yield arr
            return
        for v in obj.values():
            yield from typed_arrays(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from typed_arrays(v)


def values(v) -> np.ndarray:
    """A trace's x or y as floats (typed array or list; None -> NaN)."""
    if isinstance(v, dict):
        return next(typed_arrays(v)).astype(np.float64)
    return np.array([np.nan if e is None else e for e in (v or [])], dtype=np.float64)


def map_trail_index(data: dict, name: str) -> int:
    """Index of the animated path of ``name`` on the map (its loss curve, on x2, has the same name)."""
    return next(i for i, tr in enumerate(data["data"]) if tr.get("xaxis", "x") == "x" and tr.get("mode") == "lines"
                and (tr.get("name") or "").startswith(name) and i > 0)


def distance_to_polyline(points: np.ndarray, line: np.ndarray) -> np.ndarray:
    """Distance of each point to the nearest segment of ``line``."""
    a, b = line[:-1][None], line[1:][None]
    p = points[:, None]
    ab = b - a
    denom = np.maximum((ab ** 2).sum(-1), 1e-300)
    u = np.clip(((p - a) * ab).sum(-1) / denom, 0, 1)
    return np.sqrt(((a + u[..., None] * ab - p) ** 2).sum(-1)).min(axis=1)


def assert_clean(text: str, data: dict) -> None:
    assert "NaN" not in text and "Infinity" not in text
    for arr in typed_arrays(data):
        assert np.isfinite(arr).all()


# -- compare figure -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def compare_300():
    s, trajs, names = six_runs("anisotropic", 300)
    return trajs, as_json(plotting.compare_figure(s, list(trajs), names))


def test_landscape_is_a_raster_image_plus_isolines(compare_300):
    _, (_, data) = compare_300
    types = {tr.get("type", "scatter") for tr in data["data"]}
    assert types == {"scatter"}  # no contour / heatmap trace anywhere
    image = data["layout"]["images"][0]
    assert image["source"].startswith("data:image/png;base64,")
    assert base64.b64decode(image["source"].split(",", 1)[1])[:8] == b"\x89PNG\r\n\x1a\n"
    assert image["layer"] == "below" and image["xref"] == "x" and image["yref"] == "y"
    isolines = data["data"][0]
    assert isolines["mode"] == "lines" and None in isolines["x"]  # pieces separated by gaps


def test_frames_carry_only_the_traces_that_change(compare_300):
    trajs, (_, data) = compare_300
    frames = data["frames"]
    assert len(frames) >= 20
    # isolines, and the whole loss curves (static, right panel, drawn once)
    static = {0} | {i for i, tr in enumerate(data["data"]) if tr.get("xaxis") == "x2" and tr.get("fill") is None
                    and tr.get("mode") == "lines"}
    assert len(static) == 1 + len(trajs)
    for frame in frames:
        assert len(frame["traces"]) == len(frame["data"])
        assert not static & set(frame["traces"])
        assert all(0 <= i < len(data["data"]) for i in frame["traces"])
    assert frames[0]["name"] == "0"
    assert frames[-1]["name"] == str(int(trajs[0].steps[-1]))
    steps = [int(f["name"]) for f in frames]
    assert steps == sorted(steps)


def test_animation_uses_redraw_false(compare_300):
    _, (_, data) = compare_300
    layout = data["layout"]
    steps = layout["sliders"][0]["steps"]
    args = [b["args"][1] for b in layout["updatemenus"][0]["buttons"]]
    args += [st["args"][1] for st in steps]
    assert len(args) == len(animation.SPEEDS) + 1 + len(steps)  # the speeds, pause, the slider's steps
    assert all(a["frame"]["redraw"] is False for a in args)
    # The slider has at most 100 steps (plotly.js recomputes them on every frame), each names
    # a frame, the first and the last included; playback goes through every frame.
    names = [f["name"] for f in data["frames"]]
    assert len(steps) == min(100, len(names))
    assert [st["args"][0][0] for st in steps] == [st["label"] for st in steps]
    assert set(st["label"] for st in steps) <= set(names)
    assert steps[0]["label"] == names[0] and steps[-1]["label"] == names[-1]
    # The pace: 301 frames in 5 s at 1x (16.7 ms a frame), each duration one animation tick short of
    # the wanted time per frame (plotly.js waits for the first tick after the duration).
    durations = [b["args"][1]["frame"]["duration"] for b in layout["updatemenus"][0]["buttons"][:5]]
    assert animation.pace(len(names)) == pytest.approx(5000 / 300)
    assert durations == [50.0, 16.6, 0.0, 0.0, 0.0]


def test_axes_are_fixed_to_the_window(compare_300):
    _, (_, data) = compare_300
    (xlo, xhi), (ylo, yhi) = surfaces.get("anisotropic").window
    assert data["layout"]["xaxis"]["range"] == [xlo, xhi] and data["layout"]["yaxis"]["range"] == [ylo, yhi]
    assert data["layout"]["xaxis"]["autorange"] is False and data["layout"]["yaxis2"]["autorange"] is False


def test_frames_use_float32_typed_arrays(compare_300):
    _, (_, data) = compare_300
    arrays = list(typed_arrays(data["frames"]))
    assert arrays and all(a.dtype == np.float32 for a in arrays)


def test_trail_is_the_full_path_so_far_within_a_quarter_pixel(compare_300):
    """Every recorded point up to the frame's step lies within 1/2000 of the window of the
    drawn path (simplified, not subsampled), which ends at the current point."""
    trajs, (_, data) = compare_300
    (xlo, xhi), (ylo, yhi) = surfaces.get("anisotropic").window
    span = np.array([xhi - xlo, yhi - ylo])
    for k, traj in enumerate(trajs):
        index = map_trail_index(data, six_runs("anisotropic", 300)[2][k])
        for frame in data["frames"][::37] + data["frames"][-1:]:
            row = int(np.searchsorted(traj.steps, int(frame["name"])))
            trail = frame["data"][frame["traces"].index(index)]
            drawn = np.column_stack([values(trail["x"]), values(trail["y"])])
            np.testing.assert_allclose(drawn[-1], traj.points[row, 0], rtol=1e-5)
            np.testing.assert_allclose(drawn[0], traj.points[0, 0], rtol=1e-6)
            if row == 0:
                continue
            full = traj.points[: row + 1, 0]
            last_kept = 0  # the piece after the last simplification point is drawn straight
            kept = np.flatnonzero((np.abs(full[:, None] - drawn[None, :-1]) <= 1e-5 * np.abs(full[:, None]) + 1e-6)
                                  .all(axis=-1).any(axis=1))
            last_kept = int(kept.max()) if kept.size else 0
            d = distance_to_polyline(full[: last_kept + 1] / span, drawn / span)
            assert d.max() <= 1 / 2000 + 1e-5, (k, frame["name"], d.max())
        assert len(values(trail["x"])) < len(traj.steps) // 3  # simplified: far fewer points than steps


def test_loss_curves_are_static_and_frames_move_only_markers(compare_300):
    trajs, (_, data) = compare_300
    names = six_runs("anisotropic", 300)[2]
    curves = {i: tr for i, tr in enumerate(data["data"]) if tr.get("xaxis") == "x2" and tr.get("mode") == "lines"
              and tr.get("fill") is None}
    assert [tr["name"] for tr in curves.values()] == names
    for (i, tr), traj in zip(curves.items(), trajs):  # whole curve, x implied by x0/dx
        assert tr["x0"] == 0 and tr["dx"] == 1 and "x" not in tr
        np.testing.assert_allclose(values(tr["y"]), traj.loss[:, 0], rtol=1e-6)
    veil = next(i for i, tr in enumerate(data["data"]) if tr.get("fill") == "toself")
    heads = [i for i, tr in enumerate(data["data"]) if tr.get("xaxis") == "x2" and tr.get("mode") == "markers"]
    assert len(heads) == len(trajs)
    for frame in data["frames"]:
        by = dict(zip(frame["traces"], frame["data"]))
        assert not set(curves) & set(by)
        step = int(frame["name"])
        assert by[veil]["x"][0] == step and by[veil]["x"][-1] == step  # the veil starts at the current step
        for i, traj in zip(heads, trajs):
            assert by[i]["x"] == [step]
            np.testing.assert_allclose(by[i]["y"], [traj.loss[step, 0]], rtol=1e-5)


@pytest.mark.parametrize("surface_name", ["anisotropic", "rosenbrock"])
def test_payload_of_six_optimizers_by_300_steps_fits_1_mb(surface_name):
    s, trajs, names = six_runs(surface_name, 300)
    fig = plotting.compare_figure(s, list(trajs), names)
    assert plotting.figure_bytes(fig) <= 1_000_000
    assert len(fig["frames"]) >= 100  # every third step or better (in fact every step)
    rows = np.searchsorted(trajs[0].steps, [int(f["name"]) for f in fig["frames"]])
    assert np.diff(rows).max() <= 3


def test_payload_is_bounded_as_steps_grow():
    s, trajs300, names = six_runs("anisotropic", 300)
    _, trajs3000, _ = six_runs("anisotropic", 3000)
    small = plotting.figure_bytes(plotting.compare_figure(s, list(trajs300), names))
    big_fig = plotting.compare_figure(s, list(trajs3000), names)
    big = plotting.figure_bytes(big_fig)
    assert big <= 10 * small + 100_000  # at most linear ...
    assert big <= 1_000_000  # ... and in fact held by the byte budget
    assert big_fig["frames"][0]["name"] == "0" and big_fig["frames"][-1]["name"] == "3000"
    # with no budget at all the frame count is still bounded
    capped = plotting.compare_figure(s, list(trajs300), names, max_frames=25)
    assert len(capped["frames"]) <= 25
    assert len(plotting.compare_figure(s, list(trajs3000), names, byte_budget=10**9)["frames"]) <= 400


@pytest.mark.parametrize("budget", [150_000, 400_000])
def test_frames_fill_a_smaller_budget(budget):
    s, trajs, names = six_runs("rosenbrock", 1000)
    fig = plotting.compare_figure(s, list(trajs), names, byte_budget=budget)
    size = plotting.figure_bytes(fig)
    assert size <= budget  # measured on the JSON ...
    assert size >= 0.9 * budget  # ... and filled
    assert fig["frames"][0]["name"] == "0" and fig["frames"][-1]["name"] == "1000"


def test_click_targets_are_static():
    s, trajs, names = with_diverged(20)
    _, data = as_json(plotting.compare_figure(s, trajs, names, click_targets=True))
    index = next(i for i, tr in enumerate(data["data"]) if (tr.get("meta") or {}).get("role") == "click-targets")
    assert len(values(data["data"][index]["x"])) == 41 * 41
    assert all(index not in f["traces"] for f in data["frames"])


def test_no_nan_or_infinity_anywhere_even_with_divergence():
    s, trajs, names = with_diverged()
    for lang in ("en", "ko"):
        for log_loss in (False, True):
            text, data = as_json(plotting.compare_figure(s, trajs, names, lang=lang, log_loss=log_loss))
            assert_clean(text, data)


def test_diverged_run_ends_at_its_last_valid_point_with_a_badge():
    s, trajs, names = with_diverged()
    bad = trajs[1]
    last = bad.points[bad.last_valid_row()[0], 0]
    for lang, badge in (("en", "diverged at step 1"), ("ko", "1 단계에서 발산")):
        text, data = as_json(plotting.compare_figure(s, trajs, names, lang=lang))
        assert badge in text
        legend = [tr.get("name", "") for tr in data["data"] if tr.get("showlegend") is not False]
        assert any(badge in n for n in legend)
        final = data["frames"][-1]
        by_index = dict(zip(final["traces"], final["data"]))
        trail = by_index[map_trail_index(data, "sgd huge lr")]
        np.testing.assert_allclose([values(trail["x"])[-1], values(trail["y"])[-1]], last, rtol=1e-6)
        badge_traces = [tr for tr in final["data"] if tr.get("text") == [badge]]
        assert len(badge_traces) == 1
        first = data["frames"][0]
        assert not any(tr.get("text") for tr in first["data"])  # no badge before it happens
    assert data["layout"]["xaxis"]["range"] == list(s.window[0])


def test_log_loss_plots_a_positive_gap_to_the_minimum():
    s, trajs, names = six_runs("anisotropic", 300)
    text, data = as_json(plotting.compare_figure(s, list(trajs), names, log_loss=True))
    assert data["layout"]["yaxis2"]["type"] == "log"
    assert "gap to the minimum" in data["layout"]["yaxis2"]["title"]["text"]
    curves = [tr for tr in data["data"] if tr.get("xaxis") == "x2" and tr.get("mode") == "lines"]
    heads = [i for i, tr in enumerate(data["data"]) if tr.get("xaxis") == "x2" and tr.get("mode") == "markers"]
    assert len(curves) == 6 + 1 and len(heads) == 6  # the curves and the veil
    for tr in curves:
        assert (values(tr["y"]) > 0).all()
    for frame in data["frames"]:
        by = dict(zip(frame["traces"], frame["data"]))
        assert all(by[i]["y"][0] > 0 for i in heads)


def test_korean_labels():
    s, trajs, names = with_diverged()
    _, data = as_json(plotting.compare_figure(s, trajs, names, lang="ko"))
    layout = data["layout"]
    assert layout["xaxis2"]["title"]["text"] == "단계"
    assert "손실" in layout["yaxis2"]["title"]["text"]
    assert "재생" in layout["updatemenus"][0]["buttons"][2]["label"]  # 0.25x, 0.5x, then 1x
    assert "일시정지" in layout["updatemenus"][0]["buttons"][-1]["label"]
    assert layout["sliders"][0]["currentvalue"]["prefix"] == "단계 "
    with pytest.raises(ValueError, match="lang"):
        plotting.compare_figure(s, trajs, names, lang="fr")


def test_clouds_record_every_and_single_run_input():
    s = surfaces.get("anisotropic")
    rng = np.random.default_rng(0)
    starts = np.column_stack([rng.uniform(-9, 9, 20), rng.uniform(-4, 4, 20)])
    trajs = [optimizers.run(optimizers.get("sgd", lr=lr), s, starts, 200, record_every=7) for lr in (0.1, 1.05)]
    text, data = as_json(plotting.compare_figure(s, trajs, ["a", "b"], run=None))
    assert_clean(text, data)
    assert data["frames"][-1]["name"] == "200" and data["frames"][0]["name"] == "0"
    index = next(i for i, tr in enumerate(data["data"]) if tr.get("name", "").startswith("a (20"))
    final = data["frames"][-1]
    cloud = final["data"][final["traces"].index(index)]
    assert len(values(cloud["x"])) == 20
    np.testing.assert_allclose(values(cloud["x"]), trajs[0].points[-1, :, 0], rtol=1e-6)
    # one run of many
    text, data = as_json(plotting.compare_figure(s, trajs, ["a", "b"], run=3))
    assert_clean(text, data)
    with pytest.raises(ValueError, match="run"):
        plotting.compare_figure(s, trajs, ["a", "b"], run=20)


# -- 1-D ------------------------------------------------------------------------------------
def _trace_by_name(data, name):
    return next(i for i, tr in enumerate(data["data"]) if tr.get("name") == name)


def test_1d_tangent_slope_is_the_derivative_at_the_ball_in_every_frame():
    s = _cubic()
    traj = optimizers.run(optimizers.get("sgd", lr=0.05), s, [[0.4]], 80, record_every=2)
    text, data = as_json(plotting.descent_1d_figure(s, traj))
    assert_clean(text, data)
    tangent = _trace_by_name(data, "tangent (slope f′(x))")
    ball = _trace_by_name(data, "sgd: current point")
    assert data["frames"][0]["name"] == "0" and data["frames"][-1]["name"] == "80"
    for frame in data["frames"]:
        by = dict(zip(frame["traces"], frame["data"]))
        tx, ty = values(by[tangent]["x"]), values(by[tangent]["y"])
        x0 = values(by[ball]["x"])[0]
        slope = (ty[1] - ty[0]) / (tx[1] - tx[0])
        np.testing.assert_allclose(slope, s.grad([[x0]])[0, 0], rtol=1e-4, atol=1e-6)
        row = int(np.searchsorted(traj.steps, int(frame["name"])))
        np.testing.assert_allclose(x0, traj.points[row, 0, 0], rtol=1e-6)
    assert 0 not in data["frames"][0]["traces"]  # the curve is static


def test_1d_diverged_run_stops_at_its_last_finite_point_and_keeps_a_readable_view():
    s = _cubic()
    traj = optimizers.run(optimizers.get("sgd", lr=0.3), s, [[-0.5]], 40)
    assert traj.diverged_at[0] > 0
    k = int(traj.diverged_at[0])
    for lang, badge in (("en", f"diverged at step {k}"), ("ko", f"{k} 단계에서 발산")):
        text, data = as_json(plotting.descent_1d_figure(s, traj, lang=lang))
        assert_clean(text, data)
        assert badge in text
        ball = next(i for i, tr in enumerate(data["data"]) if ":" in (tr.get("name") or ""))
        final = dict(zip(data["frames"][-1]["traces"], data["frames"][-1]["data"]))
        np.testing.assert_allclose(values(final[ball]["x"])[0], traj.points[traj.last_valid_row()[0], 0, 0],
                                   rtol=1e-6)
    ylo, yhi = data["layout"]["yaxis"]["range"]
    _, curve = s.grid(400)
    assert yhi - ylo < 2 * (np.nanmax(curve) - np.nanmin(curve))
    assert data["layout"]["xaxis"]["range"] == list(s.window[0])


# -- inspector ------------------------------------------------------------------------------
def test_inspector_table_equals_the_trajectory_arrays():
    s, trajs, names = six_runs("anisotropic", 30, record_every=3, record_state=True)
    table = plotting.inspector_table(list(trajs), names, 9)
    assert len(table) == 6 * 2
    for traj, name in zip(trajs, names):
        r = int(np.flatnonzero(traj.steps == 9)[0])
        part = table[table["optimizer"] == name]
        assert list(part["coordinate"]) == ["x", "y"] and (part["step"] == 9).all()
        np.testing.assert_array_equal(part["gradient"], traj.state["grad"][r, 0])
        np.testing.assert_array_equal(part["update"], traj.state["update"][r, 0])
        np.testing.assert_array_equal(part["effective lr"], traj.state["effective_lr"][r, 0])
        np.testing.assert_array_equal(part["new point"], traj.points[r, 0])
        np.testing.assert_allclose(part["point"], traj.points[r, 0] - traj.state["update"][r, 0])
        for field in traj.state:
            if field not in ("grad", "update", "effective_lr"):
                np.testing.assert_array_equal(part[field], traj.state[field][r, 0])
    ko = plotting.inspector_table(list(trajs), names, 9, lang="ko")
    assert "기울기" in ko.columns and "옵티마이저" in ko.columns
    with pytest.raises(ValueError, match="record_state"):
        plotting.inspector_table(list(six_runs("anisotropic", 30)[1]), names, 3)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_inspector_tables_one_per_optimizer_with_only_its_own_fields(lang):
    """Issue 17: one table per optimizer (a single one of every field was 1,249 px wide at 1366 px): its
    coordinates and its own state, the same numbers as the full table, nothing that repeats one value."""
    s, trajs, names = six_runs("anisotropic", 30, record_every=3, record_state=True)
    full = plotting.inspector_table(list(trajs), names, 9, lang=lang)
    split = plotting.inspector_tables(list(trajs), names, 9, lang=lang)
    assert [title for title, _ in split] == list(names)
    name_col = full.columns[0]
    for (title, table), traj in zip(split, trajs):
        assert len(table) == 2 and not table.isna().any().any()
        assert name_col not in table.columns and full.columns[1] not in table.columns  # optimizer, run
        own = full[full[name_col] == title].dropna(axis=1, how="all")
        assert list(table.columns) == [c for c in own.columns if c not in full.columns[:3]]
        for column in table.columns:
            assert list(table[column]) == list(own[column]), column
        state = [f for f in traj.state if f not in ("grad", "update", "effective_lr")]
        assert len(table.columns) == 6 + len(state)  # coordinate, point, gradient, update, new point, lr + state


def test_inspector_figure_draws_gradient_step_and_velocity():
    s = surfaces.get("anisotropic")
    trajs = [optimizers.run(optimizers.get(n, lr=0.1), s, s.starts[:1], 20, record_state=True)
             for n in ("sgd", "momentum")]
    text, data = as_json(plotting.inspector_figure(s, trajs, ["sgd", "momentum"], 5, lang="en"))
    assert_clean(text, data)
    assert data["layout"]["images"][0]["source"].startswith("data:image/png")
    names = [tr.get("name") for tr in data["data"]]
    assert names.count("step taken") >= 2 and names.count("−gradient (direction, scaled)") >= 2
    assert any((n or "").startswith("−momentum_buffer") for n in names)
    step = [tr for tr in data["data"] if tr.get("name") == "step taken" and tr.get("showlegend") is False][1]
    np.testing.assert_allclose(values(step["x"]), [trajs[1].points[4, 0, 0], trajs[1].points[5, 0, 0]], rtol=1e-5)
    np.testing.assert_allclose(values(step["y"]), [trajs[1].points[4, 0, 1], trajs[1].points[5, 0, 1]], rtol=1e-5)
    text_ko, _ = as_json(plotting.inspector_figure(s, trajs, ["sgd", "momentum"], 5, lang="ko"))
    assert "실제 이동" in text_ko
    s2, bad, bnames = with_diverged(10, record_state=True)
    text, data = as_json(plotting.inspector_figure(s2, bad, bnames, 1))
    assert_clean(text, data)
    assert "diverged at step 1" in text


# -- static figures -------------------------------------------------------------------------
def test_surface_3d_and_loss_figures():
    s, trajs, names = with_diverged()
    text, data = as_json(plotting.surface_3d_figure(s, trajs, names, lang="ko"))
    assert_clean(text, data)
    assert data["data"][0]["type"] == "surface"
    assert any(tr["type"] == "scatter3d" for tr in data["data"])
    assert data["layout"]["scene"]["xaxis"]["range"] == list(s.window[0])
    assert "1 단계에서 발산" in text
    for log_loss in (False, True):
        text, data = as_json(plotting.loss_figure(trajs, names, log_loss=log_loss, global_minimum=0.0))
        assert_clean(text, data)
        assert "diverged at step 1" in text
    rng = np.random.default_rng(1)
    many = optimizers.run(optimizers.get("sgd", lr=0.1), s, rng.uniform(-4, 4, (10, 2)), 50, record_every=5)
    text, data = as_json(plotting.loss_figure([many], ["sgd"], lang="ko", log_loss=True))
    assert_clean(text, data)
    assert "10개 실행의 중앙값" in text


def test_surface_3d_masks_non_finite_values():
    s = Surface(name="hole", dim=2, value_fn=lambda p: np.where(np.hypot(p[..., 0], p[..., 1]) < 1, np.nan,
                                                                p[..., 0] ** 2 + p[..., 1] ** 2),
                grad_fn=lambda p: 2 * p, window=((-3, 3), (-3, 3)), starts=((2.5, 2.5),), critical_points=(),
                latex="", title={"en": "", "ko": ""}, description={"en": "", "ko": ""})
    traj = optimizers.run(optimizers.get("sgd", lr=0.1), s, s.starts, 5)
    text, data = as_json(plotting.surface_3d_figure(s, [traj], ["sgd"]))
    assert_clean(text, data)
    z = data["data"][0]["z"]
    assert any(v is None for row in z for v in row)
    text, data = as_json(plotting.compare_figure(s, [traj], ["sgd"]))
    assert_clean(text, data)


# -- export ---------------------------------------------------------------------------------
def test_offline_html_is_self_contained():
    s, trajs, names = with_diverged(20)
    html = plotting.offline_html(plotting.compare_figure(s, trajs, names))
    srcs = re.findall(r"<script[^>]*\bsrc=[\"']([^\"']+)", html)
    assert srcs == []  # plotly.js inlined: no CDN, nothing fetched
    assert "cdn.plot.ly" not in html.split("<body>")[0]  # no CDN link or preload in the head either
    assert len(html) > 3_000_000 and "Plotly.newPlot" in html
    assert "Plotly.animate" not in html  # auto_play=False
    assert '"displaylogo": false' in html


def test_chart_config():
    assert plotting.config["displaylogo"] is False
    assert plotting.config["toImageButtonOptions"]["format"] == "png"
    assert plotting.chart_config("rosenbrock_adam")["toImageButtonOptions"]["filename"] == "rosenbrock_adam"
