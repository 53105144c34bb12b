"""Which points of a path or curve are worth drawing: one per pixel cell, then Ramer-Douglas-Peucker.

Paths drawn up to a row (``prefix``) use the rows kept for the whole path, so that an animated
path never wiggles from one frame to the next.
"""

from __future__ import annotations

import numpy as np


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


def path_keep(points: np.ndarray, valid: int, window, cells: int = 500) -> np.ndarray:
    """Rows of a path worth drawing: a row is dropped when it stays in the same
    cell (1/``cells`` of the window: about a pixel on a map ``cells`` pixels wide) as
    the row before it. Row 0 and the last valid row are always kept."""
    pts = points[: valid + 1]
    spans = np.array([hi - lo for lo, hi in window], dtype=np.float64)
    lows = np.array([lo for lo, _ in window], dtype=np.float64)
    with np.errstate(all="ignore"):
        at = np.floor((pts - lows) / (spans / float(cells)))
    at = np.nan_to_num(at, nan=0.0, posinf=1e18, neginf=-1e18)
    moved = np.ones(len(pts), dtype=bool)
    moved[1:] = (at[1:] != at[:-1]).any(axis=1)
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
    return np.append(keep[: np.searchsorted(keep, row)], row)


def prefix_len(keep: np.ndarray, rows: np.ndarray) -> np.ndarray:
    return np.searchsorted(keep, rows) + 1
