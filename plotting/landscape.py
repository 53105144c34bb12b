"""The static landscape of a 2-D surface: a raster image, isolines and critical points.

The landscape is drawn as a layout image (a PNG data URI) plus isolines in one
Scatter trace, never as a Contour/Heatmap trace: plotly.js drops those when
other traces animate with ``redraw: false`` (plotly.js#4491).
"""

from __future__ import annotations

import base64
import struct
import threading
import weakref
import zlib
from dataclasses import dataclass

import contourpy
import numpy as np

from . import _paths, _style
from .spec import scatter
from ._labels import t


@dataclass(frozen=True)
class ColorScale:
    """Maps loss values to [0, 1] for colour and picks isoline levels (linear or log)."""

    lo: float
    hi: float
    log: bool
    delta: float

    @classmethod
    def for_values(cls, z: np.ndarray, log: bool) -> "ColorScale":
        finite = z[np.isfinite(z)]
        if finite.size == 0:
            return cls(0.0, 1.0, False, 1.0)
        lo = float(finite.min())
        hi = float(finite.max() if log else np.percentile(finite, 99.5))
        if not hi > lo:
            hi = lo + 1.0
        return cls(lo, hi, bool(log), (hi - lo) * 1e-4)

    def _u(self, z):
        z = np.asarray(z, dtype=np.float64)
        if self.log:
            return np.log10(np.clip(z, self.lo, None) - self.lo + self.delta)
        return z

    def unit(self, z) -> np.ndarray:
        """Position in [0, 1] of each value; NaN stays NaN (masked later)."""
        u0, u1 = self._u(self.lo), self._u(self.hi)
        with np.errstate(all="ignore"):
            out = (self._u(z) - u0) / (u1 - u0)
        return np.clip(out, 0.0, 1.0)

    def levels(self, n: int) -> np.ndarray:
        """``n`` isoline values strictly inside (lo, hi), evenly spaced in colour."""
        u0, u1 = self._u(self.lo), self._u(self.hi)
        u = u0 + (u1 - u0) * np.arange(1, n + 1) / (n + 1)
        return 10.0 ** u + self.lo - self.delta if self.log else u


# -- raster ---------------------------------------------------------------------------------
def _png(rgba: np.ndarray) -> bytes:
    """Encode an (H, W, 4) uint8 image as PNG (filter 'Sub' on every row)."""
    h, w, _ = rgba.shape
    raw = rgba.reshape(h, w * 4).astype(np.int16)
    sub = raw.copy()
    sub[:, 4:] = raw[:, 4:] - raw[:, :-4]
    rows = np.empty((h, 1 + w * 4), dtype=np.uint8)
    rows[:, 0] = 1
    rows[:, 1:] = (sub % 256).astype(np.uint8)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows.tobytes(), 9)) + chunk(b"IEND", b""))


def raster(z: np.ndarray, scale: ColorScale, n_levels: int) -> str:
    """Banded colour image of ``z`` (rows = increasing y) as a PNG data URI.

    The colour is constant between two isolines (like a filled contour plot),
    which also makes the PNG small. Non-finite values are transparent.
    """
    u = scale.unit(z)
    bands = np.floor(np.nan_to_num(u, nan=0.0) * (n_levels + 1)).clip(0, n_levels) / max(n_levels, 1)
    low, high = np.array(_style.LANDSCAPE_LOW, float), np.array(_style.LANDSCAPE_HIGH, float)
    rgb = low + bands[..., None] * (high - low)
    alpha = np.where(np.isfinite(z), 255, 0)[..., None]
    img = np.concatenate([rgb, alpha], axis=-1).round().astype(np.uint8)[::-1]  # PNG rows go top-down
    return "data:image/png;base64," + base64.b64encode(_png(img)).decode("ascii")


# -- isolines -------------------------------------------------------------------------------
def isolines(xs, ys, z, levels, window) -> tuple[list, list]:
    """Isolines at ``levels`` as x/y lists with None between pieces (rounded, short JSON)."""
    zm = np.ma.masked_invalid(z)
    gen = contourpy.contour_generator(xs, ys, zm, line_type=contourpy.LineType.Separate)
    (xlo, xhi), (ylo, yhi) = window
    span = max(xhi - xlo, yhi - ylo)
    tolerance = span / 2500.0  # well below a pixel at any sensible size
    decimals = max(0, int(np.ceil(-np.log10(span / 5000.0))))
    out_x: list = []
    out_y: list = []
    for level in levels:
        for line in gen.lines(float(level)):
            if len(line) < 2:
                continue
            pts = np.round(line[_paths.simplify(line, tolerance)], decimals)
            out_x.extend(pts[:, 0].tolist() + [None])
            out_y.extend(pts[:, 1].tolist() + [None])
    return out_x, out_y


@dataclass(frozen=True)
class Landscape:
    image: dict  # layout image
    traces: list  # isolines, then critical-point markers (trace dicts)
    scale: ColorScale


_CACHE: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()
_CACHE_LOCK = threading.Lock()


def landscape(surface, lang: str, *, resolution: int = 220, n_levels: int = 14,
              xref: str = "x", yref: str = "y", show_critical: bool = True) -> Landscape:
    """Raster + isolines + markers of a 2-D surface over its window.

    Kept per surface object (surfaces are frozen; weak keys, so a surface that is
    dropped takes its landscapes with it): the grid, isolines and PNG cost 30-50 ms,
    and several figures of a scene draw the same landscape. Callers get their own
    image dict and trace dicts (shallow copies: the coordinate lists are shared and
    must not be changed)."""
    key = (lang, resolution, n_levels, xref, yref, show_critical)
    try:
        with _CACHE_LOCK:
            hit = _CACHE.get(surface, {}).get(key)
    except TypeError:  # not weak-referenceable: no cache
        return _landscape(surface, lang, resolution, n_levels, xref, yref, show_critical)
    if hit is None:
        hit = _landscape(surface, lang, resolution, n_levels, xref, yref, show_critical)
        with _CACHE_LOCK:
            per_surface = _CACHE.setdefault(surface, {})
            if len(per_surface) >= 16:
                per_surface.clear()
            per_surface[key] = hit
    return Landscape(image=dict(hit.image), traces=[dict(trace) for trace in hit.traces], scale=hit.scale)


def _landscape(surface, lang, resolution, n_levels, xref, yref, show_critical) -> Landscape:
    xs, ys, z = surface.grid(resolution)
    scale = ColorScale.for_values(z, surface.log_levels)
    dx, dy = xs[1] - xs[0], ys[1] - ys[0]
    image = dict(
        source=raster(z, scale, n_levels), xref=xref, yref=yref,
        x=float(xs[0] - dx / 2), y=float(ys[-1] + dy / 2),
        sizex=float(xs[-1] - xs[0] + dx), sizey=float(ys[-1] - ys[0] + dy),
        sizing="stretch", xanchor="left", yanchor="top", layer="below",
    )
    lx, ly = isolines(xs, ys, z, scale.levels(n_levels), surface.window)
    traces = [scatter(
        x=lx, y=ly, mode="lines", name=t("contours", lang), showlegend=False,
        line=dict(color=_style.ISOLINE_COLOR, width=0.8), hoverinfo="skip",
        xaxis=xref, yaxis=yref,
    )]
    if show_critical:
        traces += critical_point_traces(surface, lang, xref=xref, yref=yref)
    return Landscape(image=image, traces=traces, scale=scale)


_SYMBOL = {"global minimum": "star", "local minimum": "star-open", "saddle": "x-thin-open",
           "local maximum": "triangle-up-open"}


def critical_point_traces(surface, lang: str, *, xref: str = "x", yref: str = "y") -> list:
    """One marker trace for the minima and one for the other critical points (inside the window)."""
    (xlo, xhi), (ylo, yhi) = surface.window
    groups = {"minima": [], "saddles": []}
    for p in surface.critical_points:
        x, y = p.location[:2]
        if xlo <= x <= xhi and ylo <= y <= yhi:
            groups["minima" if p.kind.endswith("minimum") else "saddles"].append(p)
    traces = []
    for key, pts in groups.items():
        if not pts:
            continue
        traces.append(scatter(
            x=[_style.num(p.location[0]) for p in pts], y=[_style.num(p.location[1]) for p in pts],
            mode="markers", name=t(key, lang), showlegend=False,
            marker=dict(symbol=[_SYMBOL.get(p.kind, "circle") for p in pts], size=13 if key == "minima" else 11,
                        color=_style.MINIMUM_COLOR, line=dict(width=1.5, color=_style.MINIMUM_COLOR)),
            text=[f"{t(p.kind, lang)}<br>({p.location[0]:.4g}, {p.location[1]:.4g})<br>f = {p.value:.4g}"
                  for p in pts],
            hovertemplate="%{text}<extra></extra>", xaxis=xref, yaxis=yref,
        ))
    return traces
