"""Animation plumbing shared by the animated figures: frame choice, controls, decimation.

Every animated figure is played with ``redraw: false``; its frames list only the
traces that change (``traces=[...]``) and the frame count is chosen so that the
whole figure fits a byte budget: each frame holds at most the full path of each
series, so the payload grows at most linearly with the number of steps.
"""

from __future__ import annotations

import numpy as np

from ._labels import t

# float32 (4 bytes) in base64, where plotly escapes "/" (1 char in 64) as \u002f
B64_BYTES_PER_VALUE = 16.0 / 3.0 * (1 + 5 / 64)
ARRAY_OVERHEAD = 40  # {"dtype":"f4","bdata":""} and key
TRACE_OVERHEAD = 30  # {"type":"scatter"} and separators
FRAME_OVERHEAD = 300  # frame name, traces list, its slider step
DEFAULT_MAX_FRAMES = 400
SPEEDS = (0.5, 1.0, 2.0)


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


def _animate_args(ms: float) -> dict:
    return {"frame": {"duration": ms, "redraw": False}, "fromcurrent": True,
            "transition": {"duration": 0}, "mode": "immediate"}


def controls(frame_names: list[str], lang: str, frame_ms: float, *, x: float = 0.0, y: float = -0.16) -> dict:
    """Play (three speeds) / pause buttons and a step slider, all with ``redraw: false``."""
    still = {"frame": {"duration": 0, "redraw": False}, "mode": "immediate", "transition": {"duration": 0}}
    buttons = []
    for s in SPEEDS:
        label = t("play", lang) if s == 1.0 else t("speed", lang, s=f"{s:g}")
        buttons.append(dict(label=label, method="animate", args=[None, _animate_args(frame_ms / s)]))
    buttons.append(dict(label=t("pause", lang), method="animate", args=[[None], still]))
    menu = dict(type="buttons", direction="left", showactive=False, x=x, y=y, xanchor="left", yanchor="top",
                pad=dict(t=0, r=6), buttons=buttons, font=dict(size=11))
    slider = dict(
        active=0, x=x + 0.37, len=1.0 - x - 0.37, y=y + 0.045, xanchor="left", yanchor="top",
        pad=dict(t=0, b=0), ticklen=0, minorticklen=0,
        font=dict(size=9, color="rgba(0,0,0,0)"),  # one label per frame would smear: hide them
        currentvalue=dict(prefix=t("step_prefix", lang), visible=True, xanchor="left", offset=4, font=dict(size=11, color="#333")),
        transition=dict(duration=0),
        steps=[dict(label=name, method="animate", args=[[name], still]) for name in frame_names],
    )
    return dict(updatemenus=[menu], sliders=[slider])
