"""The one animation builder: a figure declares its traces and what changes per frame; this decides the rest.

A figure hands ``animate`` its static spec (landscape, axes, static traces) and a list of
``Track``: a trace's fixed properties and a function from a row (a recorded step, an epoch
tick...) to the properties that change at that row. ``animate`` alone decides

- which rows become frames: the most (evenly spread, first and last always kept, at most
  ``max_frames``, within 5 %) whose figure fits ``byte_budget``, measured on the JSON plotly
  writes for the frames themselves, not estimated;
- the initial state (every track at the first frame);
- the pace: at 1x a run lasts about ``RUN_SECONDS`` whatever its length (at least 100 ms a
  frame for up to 50 frames, never more than ``MAX_FRAME_MS``), from 0.25x to 4x;
- the play / pause / speed buttons and the step slider.

Every frame lists only the animated traces and is played with ``redraw: false``: plotly.js
then moves those traces without re-laying out the figure. (Contour and Heatmap traces vanish
under ``redraw: false``, plotly.js#4491: landscapes are drawn as a layout image and isolines.)
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Callable

import numpy as np

from . import spec as _spec
from ._labels import t

DEFAULT_MAX_FRAMES = 400
DEFAULT_BUDGET = 900_000  # bytes of JSON for the whole figure
SLIDER_STEPS = 100  # at most this many slider steps (see _controls)
PROBE = 64  # frames measured first, to estimate how many fit
TOLERANCE = 0.05  # the frame count found is within 5 % of the most that fit
SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0)
RUN_SECONDS = 5.0  # a run at 1x, whatever its length: 100 ms a frame for 50 frames, 17 ms for 300
MAX_FRAME_MS = 1000.0  # a run of a few steps still moves every second
MIN_STEP_MS = 100.0  # at 1x a run of up to 50 steps gives every step at least this long (pace(51))
# plotly.js starts a frame on the first requestAnimationFrame tick (60 Hz in Chromium) after
# ``duration`` ms have passed since the previous one: asking for ``ms`` itself lands up to a
# tick late (33 ms gave 47 ms per frame). benchmarks/frame_rate.py measures this.
TICK_MS = 1000.0 / 60.0
CONTROLS = ("updatemenus", "sliders")  # the layout keys of the play buttons and the step slider


@dataclass(frozen=True)
class Track:
    """An animated trace: ``trace`` holds what never changes (type, name, style, axes);
    ``at(row)`` returns what changes at ``row`` (e.g. ``{"x": ..., "y": ...}``)."""

    trace: dict
    at: Callable[[int], dict]


def frame_rows(n_rows: int, n_frames: int) -> np.ndarray:
    """``n_frames`` rows evenly spread over 0..n_rows-1, first and last included."""
    n_frames = max(1, min(int(n_frames), n_rows))
    if n_frames == 1:
        return np.array([n_rows - 1]) if n_rows == 1 else np.array([0, n_rows - 1])
    return np.unique(np.round(np.linspace(0, n_rows - 1, n_frames)).astype(np.int64))


def frame_duration(ms_per_frame: float) -> float:
    """The ``frame.duration`` after which plotly.js shows a new frame every ``ms_per_frame`` ms or sooner:
    one animation tick less, so frames come on the tick at or before the wanted time.

    A wanted time of ``MIN_STEP_MS`` or more is never cut below ``MIN_STEP_MS``: plotly.js starts the next
    frame once ``Date.now()`` (whole milliseconds) has moved on by *more* than the duration, so
    ``MIN_STEP_MS - 0.5`` holds every frame at least ``MIN_STEP_MS`` on any screen (one tick less, the
    100 ms of a 50-step run asked for 83.3 ms, which a 60 Hz screen played in 83 or 100 ms, a 144 Hz one
    in 83)."""
    early = float(max(0.0, np.floor((ms_per_frame - TICK_MS) * 10) / 10))
    return max(early, MIN_STEP_MS - 0.5) if ms_per_frame >= MIN_STEP_MS else early


def pace(n_frames: int, seconds: float = RUN_SECONDS) -> float:
    """Milliseconds a frame at 1x: the run lasts ``seconds`` (at most ``MAX_FRAME_MS`` a frame)."""
    return float(min(MAX_FRAME_MS, 1000.0 * seconds / max(n_frames - 1, 1)))


def animate(spec: _spec.Spec, tracks: list[Track], n_rows: int, *, lang: str, seconds: float = RUN_SECONDS,
            names: list[str] | None = None, labels: list[str] | None = None, prefix: str | None = None,
            byte_budget: int = DEFAULT_BUDGET, max_frames: int | None = None, max_steps: int = SLIDER_STEPS,
            x: float = 0.0, y: float = -0.16) -> _spec.Spec:
    """Add ``tracks`` to ``spec`` (after its traces) with frames over ``n_rows`` rows and the controls.

    ``names[row]`` names a row's frame (default: the row number), ``labels[row]`` is its slider label
    (default: its name) and ``prefix`` the slider's caption (default "step "). At 1x the frames chosen
    play in ``seconds`` (``pace``). Returns ``spec`` (changed in place).
    """
    if n_rows < 1:
        raise ValueError(f"Invalid n_rows: {n_rows} (at least one row)")
    names = [str(r) for r in range(n_rows)] if names is None else [str(n) for n in names]
    labels = names if labels is None else [str(v) for v in labels]
    if len(names) != n_rows or len(labels) != n_rows:
        raise ValueError(f"Invalid names or labels: one per row ({n_rows})")
    first = len(spec["data"])
    indices = list(range(first, first + len(tracks)))
    spec["data"] += [_spec.merge(copy.deepcopy(track.trace), track.at(0)) for track in tracks]
    layout = spec["layout"]
    layout.pop("updatemenus", None)
    layout.pop("sliders", None)

    frames: dict[int, dict] = {}
    sizes: dict[int, int] = {}

    def frame(row: int) -> dict:
        if row not in frames:
            frames[row] = {"name": names[row], "traces": indices, "data": [track.at(row) for track in tracks]}
            sizes[row] = _spec.json_bytes(frames[row]) + 1  # and its comma
        return frames[row]

    def controls(rows) -> dict:
        return _controls([names[r] for r in rows], [labels[r] for r in rows], lang, pace(len(rows), seconds),
                         x=x, y=y, prefix=prefix, max_steps=max_steps)

    def total(rows) -> int:
        for r in rows:
            frame(int(r))
        static = _spec.json_bytes(_spec.merge({**spec, "layout": dict(layout)}, {"layout": controls(rows)}))
        return static + len(',"frames":[]') + sum(sizes[int(r)] for r in rows) - 1

    cap = min(n_rows, DEFAULT_MAX_FRAMES if max_frames is None else max(2, int(max_frames)))
    rows = _choose(n_rows, cap, total, sizes, byte_budget)
    _spec.merge(layout, controls(rows))
    spec["frames"] = [frame(int(r)) for r in rows]
    return spec


def _choose(n_rows: int, cap: int, total, sizes: dict[int, int], budget: int) -> np.ndarray:
    """The rows of the most evenly spread frames (at most ``cap``) whose figure fits ``budget``.

    ``total(rows)`` builds and measures a candidate; the next count to try comes from the frame
    sizes measured so far (interpolated between their rows), kept between the most frames known
    to fit and the fewest known not to, until they are within ``TOLERANCE`` of each other. The
    first candidate is a sample of ``PROBE`` frames, so a long run is not built whole to learn that
    it does not fit. Two frames (the first and the last) always stay."""
    fits, too_many = 2, cap + 1
    count = min(cap, PROBE)
    for _ in range(8):
        rows = frame_rows(n_rows, count)
        size = total(rows)
        if size <= budget:
            fits = count
        else:
            too_many = count
        if too_many - fits <= max(1, TOLERANCE * fits):
            break
        known = np.array(sorted(sizes))
        per_row = np.interp(np.arange(n_rows), known, [sizes[int(r)] for r in known])
        rest = size - float(per_row[rows].sum())  # the figure without its frames
        lo, hi = fits + 1, too_many - 1
        while lo < hi:  # the most frames whose estimate fits, strictly between the two bounds
            mid = (lo + hi + 1) // 2
            if rest + float(per_row[frame_rows(n_rows, mid)].sum()) <= budget:
                lo = mid
            else:
                hi = mid - 1
        count = lo
    return frame_rows(n_rows, fits)


def _animate_args(ms: float) -> dict:
    return {"frame": {"duration": frame_duration(ms), "redraw": False}, "fromcurrent": True,
            "transition": {"duration": 0}, "mode": "immediate"}


def _controls(names: list[str], labels: list[str], lang: str, frame_ms: float, *, x: float, y: float,
              prefix: str | None, max_steps: int) -> dict:
    """Play (five speeds) / pause buttons and a step slider, all with ``redraw: false``.

    plotly.js recomputes the defaults of every slider step on every frame it plays, so a long
    slider slows playback down: at most ``max_steps`` steps (evenly spread frames, first and last
    included); during playback the slider follows the frames that have a step."""
    still = {"frame": {"duration": 0, "redraw": False}, "mode": "immediate", "transition": {"duration": 0}}
    buttons = [{"label": t("play", lang) if s == 1.0 else t("speed", lang, s=f"{s:g}"), "method": "animate",
                "args": [None, _animate_args(frame_ms / s)]} for s in SPEEDS]
    buttons.append({"label": t("pause", lang), "method": "animate", "args": [[None], still]})
    menu = {"type": "buttons", "direction": "left", "showactive": False, "x": x, "y": y, "xanchor": "left",
            "yanchor": "top", "pad": {"t": 0, "r": 6}, "buttons": buttons, "font": {"size": 11}}
    shown = range(len(names)) if len(names) <= max_steps else frame_rows(len(names), max_steps)
    slider = {
        "active": 0, "x": x + 0.5, "len": 0.5 - x, "y": y + 0.045, "xanchor": "left", "yanchor": "top",
        "pad": {"t": 0, "b": 0}, "ticklen": 0, "minorticklen": 0,
        "font": {"size": 9, "color": "rgba(0,0,0,0)"},  # one label per frame would smear: hide them
        "currentvalue": {"prefix": t("step_prefix", lang) if prefix is None else prefix, "visible": True,
                         # at the slider's right end: its left end sits under the middle of the figure, where
                         # the bottom axis's title is
                         "xanchor": "right", "offset": 4, "font": {"size": 11, "color": "#333"}},
        "transition": {"duration": 0},
        "steps": [{"label": labels[int(i)], "method": "animate", "args": [[names[int(i)]], still]} for i in shown],
    }
    return {"updatemenus": [menu], "sliders": [slider]}


def _plot_height(layout: dict) -> float | None:
    """The height in px of the plotting area (the figure less its top and bottom margins), if known."""
    margin = layout.get("margin", {})
    if "height" not in layout:
        return None
    return max(1.0, layout["height"] - margin.get("t", 100) - margin.get("b", 80))


def place_controls(layout: dict, original: dict, text_scale: float) -> None:
    """Move the play buttons and the step slider of ``layout`` (a resized copy of ``original``) below its
    plot, as far below it in px as in ``original`` times ``text_scale`` (the text grew by that much),
    whatever the new height, and grow the bottom margin to hold them. Their positions are fractions of the
    plotting area's height, which changes with the figure's height and margins."""
    before = _plot_height(original)
    if before is None or "height" not in layout:
        return
    offsets = {key: [-item.get("y", 1.0) * before * text_scale if item.get("y", 1.0) < 0 else None
                     for item in layout.get(key, [])] for key in CONTROLS}
    known = [o for values in offsets.values() for o in values if o is not None]
    if not known:
        return
    margin = layout.setdefault("margin", {})
    margin["b"] = max(margin.get("b", 80), round(max(known) + 36 * text_scale + 8))  # and the controls' height
    after = _plot_height(layout)
    for key, values in offsets.items():
        if key in layout:
            layout[key] = [item if offset is None else {**item, "y": round(-offset / after, 4)}
                           for item, offset in zip(layout[key], values)]
