"""Animation plumbing shared by the animated figures: frame choice, controls, decimation.

Every animated figure is played with ``redraw: false``; its frames list only the
traces that change (``traces=[...]``) and the frame count is chosen so that the
whole figure fits a byte budget: each frame holds at most the full path of each
series, so the payload grows at most linearly with the number of steps.

Frame sizes are estimated, not measured: a float32 value costs
``B64_BYTES_PER_VALUE`` characters of JSON (base64, plus plotly's ``\\u002f`` for
the one character in 64 that is a "/"), and every array, trace and frame has a
fixed overhead. ``frames_fast`` attaches frames built as plain dicts without
plotly.py's per-value validation (the slow part of building a figure).
"""

from __future__ import annotations

import base64

import numpy as np

from ._labels import t

# float32 (4 bytes) in base64, where plotly escapes "/" (1 char in 64) as \u002f
B64_BYTES_PER_VALUE = 16.0 / 3.0 * (1 + 5 / 64)
ARRAY_OVERHEAD = 40  # {"dtype":"f4","bdata":""} and key
TRACE_OVERHEAD = 30  # {"type":"scatter"} and separators
FRAME_OVERHEAD = 300  # frame name, traces list, its slider step
DEFAULT_MAX_FRAMES = 400
SPEEDS = (0.5, 1.0, 2.0)
# plotly.js plays frames from requestAnimationFrame (60 Hz in Chromium): a frame starts on
# the first tick at which more than ``duration`` ms have passed since the previous one
# started (then it computes defaults and calcdata of every trace and draws: ~13 ms of
# main-thread time per frame for 6 x 300 in headless Chromium here). A 33 ms duration
# therefore gave 47 ms per frame (2-3 ticks); benchmarks/frame_rate.py measures this.
TICK_MS = 1000.0 / 60.0
# Tests set this to build frames and controls through plotly.py's validation, to check
# that the fast path gives the same JSON.
VALIDATE = False


def b64_chars(values: np.ndarray) -> np.ndarray:
    """JSON characters of each row of ``values`` (float32, 2-D) as a base64 array, the
    escaped "/" counted at their density in the whole of ``values``."""
    a = np.ascontiguousarray(values, dtype=np.float32)
    text = np.frombuffer(base64.b64encode(a.tobytes()), dtype=np.uint8)
    density = float(np.mean(text == ord("/"))) if len(text) else 0.0
    chars = 4 * np.ceil(a.shape[-1] * 4 / 3)
    return np.full(a.shape[0], chars * (1 + 5 * density))


def b64_prefix_chars(values: np.ndarray) -> np.ndarray:
    """JSON characters of the base64 float32 array of each prefix ``values[:n]``, n = 0..len+1.

    The "/" that plotly escapes as ``\\u002f`` (6 characters) are counted in the base64
    of the whole array: far from 1 in 64 for float32 (the sign and exponent bits of similar
    numbers repeat), e.g. a third more characters for Rosenbrock paths. Index ``len + 1``
    (a prefix plus one more value) is extrapolated."""
    a = np.ascontiguousarray(values, dtype=np.float32)
    text = np.frombuffer(base64.b64encode(a.tobytes()), dtype=np.uint8)
    slashes = np.r_[0, np.cumsum(text == ord("/"))]
    n = np.arange(len(a) + 2)
    chars = (4 * np.ceil(n * 4 / 3)).astype(np.int64)
    density = slashes[-1] / max(len(text), 1)
    seen = slashes[np.minimum(chars, len(text))]
    extra = np.maximum(chars - len(text), 0) * density
    return chars + 5 * (seen + extra)


def f4(values) -> dict:
    """A float32 array already in plotly's base64 form (``{"dtype": "f4", "bdata": ...}``).

    The same JSON as a numpy array gives, but Streamlit's ``to_dict`` + ``to_json`` of
    the figure (deep copy, then base64 of every array) costs a quarter as much:
    0.09 s instead of 0.32 s for 6 x 300 steps with a frame per step."""
    a = np.ascontiguousarray(values, dtype=np.float32)
    return {"dtype": "f4", "bdata": base64.b64encode(a.tobytes()).decode("ascii")}


def frame_duration(ms_per_frame: float) -> float:
    """The ``frame.duration`` after which plotly.js shows a new frame every ``ms_per_frame`` ms or sooner.

    Frames wait for the first animation tick after ``duration`` has passed, so asking for
    ``ms_per_frame`` itself lands up to a tick late. Asking for one tick less makes frames
    come on the tick at or before the wanted time: 33 ms -> 16.3 ms, a new frame every one
    or two ticks (30-60 f/s, about 45 f/s) rather than every two or three (20-30 f/s).
    """
    return float(max(0.0, np.floor((ms_per_frame - TICK_MS) * 10) / 10))


def array_bytes(n) -> np.ndarray:
    return np.asarray(n) * B64_BYTES_PER_VALUE + ARRAY_OVERHEAD


def frame_rows(n_rows: int, n_frames: int) -> np.ndarray:
    """``n_frames`` recorded rows evenly spread over 0..n_rows-1, first and last included."""
    n_frames = max(1, min(int(n_frames), n_rows))
    if n_frames == 1:
        return np.array([n_rows - 1]) if n_rows == 1 else np.array([0, n_rows - 1])
    return np.unique(np.round(np.linspace(0, n_rows - 1, n_frames)).astype(np.int64))


def choose_frames(n_rows: int, frame_cost, budget: float, max_frames: int | None) -> np.ndarray:
    """The most frames (rows) whose summed ``frame_cost(rows)`` fits ``budget``.

    ``frame_cost`` maps an array of rows to the bytes of each frame. At least the
    first and the last row are always kept, whatever the budget.
    """
    cap = min(n_rows, DEFAULT_MAX_FRAMES if max_frames is None else max(2, int(max_frames)))
    lo, hi = 2, max(2, cap)
    if float(np.sum(frame_cost(frame_rows(n_rows, hi)))) <= budget:
        return frame_rows(n_rows, hi)
    while hi - lo > 1:  # cost grows with the frame count: bisect
        mid = (lo + hi) // 2
        if float(np.sum(frame_cost(frame_rows(n_rows, mid)))) <= budget:
            lo = mid
        else:
            hi = mid
    return frame_rows(n_rows, lo)


def simplify(line: np.ndarray, tolerance: float) -> np.ndarray:
    """Indices kept by Ramer-Douglas-Peucker: the polyline moves by less than ``tolerance``.

    Row 0 and the last row are always kept."""
    keep = np.zeros(len(line), dtype=bool)
    if len(line) == 0:
        return np.flatnonzero(keep)
    keep[[0, -1]] = True
    stack = [(0, len(line) - 1)]
    while stack:
        a, b = stack.pop()
        if b - a < 2:
            continue
        seg = line[b] - line[a]
        rel = line[a + 1:b] - line[a]
        norm = np.hypot(*seg)
        if norm > 0:
            dist = np.abs(seg[0] * rel[:, 1] - seg[1] * rel[:, 0]) / norm
        else:
            dist = np.hypot(rel[:, 0], rel[:, 1])
        k = int(np.argmax(dist))
        if dist[k] > tolerance:
            m = a + 1 + k
            keep[m] = True
            stack += [(a, m), (m, b)]
    return np.flatnonzero(keep)


def trail_keep(points: np.ndarray, valid: int, window, tolerance: float = 1 / 2000) -> np.ndarray:
    """Rows of a 2-D path worth drawing: ``path_keep`` (one row per pixel cell), then
    Ramer-Douglas-Peucker in window units (each axis divided by its span) with
    ``tolerance`` (1/2000 of the window: a quarter of a pixel on a 500-px map).

    Drawn up to any row ``r`` as ``prefix(keep, r)``, the path differs from the
    full-resolution one by less than the tolerance, except on the piece between
    the last kept row before ``r`` and ``r`` itself (drawn straight).
    """
    keep = path_keep(points, valid, window)
    spans = np.array([hi - lo for lo, hi in window], dtype=np.float64)
    spans[~(spans > 0)] = 1.0
    with np.errstate(all="ignore"):
        unit = np.nan_to_num(points[keep, :2] / spans[:2], nan=0.0, posinf=1e18, neginf=-1e18)
    return keep[simplify(unit, tolerance)]


def path_keep(points: np.ndarray, valid: int, window) -> np.ndarray:
    """Rows of a path worth drawing: a row is dropped when it stays in the same
    cell (1/500 of the window, about a pixel) as the row before it. Row 0 and the
    last valid row are always kept."""
    pts = points[: valid + 1]
    spans = np.array([hi - lo for lo, hi in window], dtype=np.float64)
    lows = np.array([lo for lo, _ in window], dtype=np.float64)
    with np.errstate(all="ignore"):
        cells = np.floor((pts - lows) / (spans / 500.0))
    cells = np.nan_to_num(cells, nan=0.0, posinf=1e18, neginf=-1e18)
    moved = np.ones(len(pts), dtype=bool)
    moved[1:] = (cells[1:] != cells[:-1]).any(axis=1)
    moved[-1] = True
    return np.flatnonzero(moved)


def envelope_keep(values: np.ndarray, valid: int, max_points: int = 500) -> np.ndarray:
    """Rows of a curve to draw: all of them, or for long curves the first, the last
    and the min and max of each bucket (so oscillations stay visible)."""
    n = valid + 1
    if n <= max_points:
        return np.arange(n)
    buckets = np.array_split(np.arange(n), max_points // 2)
    keep = [0, n - 1]
    v = values[:n]
    for b in buckets:
        keep += [b[np.argmin(v[b])], b[np.argmax(v[b])]]
    return np.unique(keep)


def prefix(keep: np.ndarray, row: int) -> np.ndarray:
    """Rows of ``keep`` before ``row``, then ``row`` itself (the path drawn up to ``row``)."""
    return np.r_[keep[: np.searchsorted(keep, row)], row]


def prefix_len(keep: np.ndarray, rows: np.ndarray) -> np.ndarray:
    return np.searchsorted(keep, rows) + 1


def frames_fast(fig, frames: list[dict]) -> None:
    """Attach ``frames`` (plain dicts: name, traces, data as dicts of numpy arrays or
    lists) to ``fig`` without plotly.py's validation of every value, which costs about
    5 ms per frame. The JSON is the same as through ``fig.frames = frames`` but for the
    ``"type"`` of each frame entry, which plotly.js does not need (tested)."""
    if VALIDATE or not hasattr(fig, "_frame_objs"):  # or plotly.py changed: take the validated path
        fig.frames = frames
        return
    fig._frame_objs = tuple(_Frame(name=f["name"], traces=f["traces"], data=f["data"], _validate=False)
                            for f in frames)


def _frame_class():
    import plotly.graph_objects as go

    class Frame(go.Frame):
        """A go.Frame holding plain dicts; ``frame.data`` builds validated traces when read."""

        def __getitem__(self, prop):
            if prop == "data":
                return tuple(_trace(d) for d in self._props.get("data") or ())
            return super().__getitem__(prop)

    def _trace(d):
        cls = {"scatter": go.Scatter}.get(d.get("type", "scatter"))
        if cls is None:
            return go.Figure({"data": [d]}).data[0]
        return cls(d)

    return Frame


class _LazyFrame:
    def __call__(self, *args, **kwargs):
        global _Frame
        _Frame = _frame_class()
        return _Frame(*args, **kwargs)


_Frame = _LazyFrame()


def layout_fast(fig, **props) -> None:
    """Set top-level layout properties (the slider's steps: one per frame) without
    plotly.py's validation, as plotly.py does for templates. Same JSON (tested)."""
    layout = fig.layout
    if VALIDATE or not hasattr(layout, "_validate"):
        fig.update_layout(**props)
        return
    layout._validate = False
    try:
        for key, value in props.items():
            layout[key] = value
    finally:
        layout._validate = True


def _animate_args(ms: float, paced: bool = False) -> dict:
    return {"frame": {"duration": frame_duration(ms) if paced else ms, "redraw": False}, "fromcurrent": True,
            "transition": {"duration": 0}, "mode": "immediate"}


def controls(frame_names: list[str], lang: str, frame_ms: float, *, x: float = 0.0, y: float = -0.16,
             paced: bool = False, max_steps: int | None = None) -> dict:
    """Play (three speeds) / pause buttons and a step slider, all with ``redraw: false``.

    ``frame_ms`` is the time per frame of the 1x button (the others: ``frame_ms / speed``). With
    ``paced`` the durations sent to plotly.js are shorter by what it adds itself (``frame_duration``),
    so that the frames really come every ``frame_ms``; without, ``frame_ms`` is sent as it is.

    ``max_steps`` caps the slider's steps (evenly spread frames, first and last included):
    plotly.js recomputes the defaults of every step on every frame it plays, so a long
    slider slows playback down; during playback the slider follows the frames that have
    a step."""
    still = {"frame": {"duration": 0, "redraw": False}, "mode": "immediate", "transition": {"duration": 0}}
    buttons = []
    for s in SPEEDS:
        label = t("play", lang) if s == 1.0 else t("speed", lang, s=f"{s:g}")
        buttons.append(dict(label=label, method="animate", args=[None, _animate_args(frame_ms / s, paced)]))
    buttons.append(dict(label=t("pause", lang), method="animate", args=[[None], still]))
    menu = dict(type="buttons", direction="left", showactive=False, x=x, y=y, xanchor="left", yanchor="top",
                pad=dict(t=0, r=6), buttons=buttons, font=dict(size=11))
    slider = dict(
        active=0, x=x + 0.37, len=1.0 - x - 0.37, y=y + 0.045, xanchor="left", yanchor="top",
        pad=dict(t=0, b=0), ticklen=0, minorticklen=0,
        font=dict(size=9, color="rgba(0,0,0,0)"),  # one label per frame would smear: hide them
        currentvalue=dict(prefix=t("step_prefix", lang), visible=True, xanchor="left", offset=4, font=dict(size=11, color="#333")),
        transition=dict(duration=0),
        steps=[dict(label=frame_names[i], method="animate", args=[[frame_names[i]], still])
               for i in (range(len(frame_names)) if max_steps is None or len(frame_names) <= max_steps
                         else frame_rows(len(frame_names), max_steps))],
    )
    return dict(updatemenus=[menu], sliders=[slider])
