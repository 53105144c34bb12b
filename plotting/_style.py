"""Colours, number formatting and the float32 packing shared by every figure."""

from __future__ import annotations

import numpy as np

# Okabe-Ito (safe for the common colour-vision deficiencies), reordered so that the colours that
# read best on a light landscape and a washed-out projector come first; yellow is last (weak on
# white). Each series also has its own marker shape, so no two differ by colour alone.
PALETTE = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow
)
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "pentagon", "triangle-down", "hexagon", "star-square")

# Landscape: light greys, low loss lightest, so coloured paths stand out.
LANDSCAPE_LOW = (250, 250, 247)
LANDSCAPE_HIGH = (168, 174, 184)
ISOLINE_COLOR = "rgba(80, 86, 96, 0.55)"
MINIMUM_COLOR = "#111111"
FONT = dict(family="Noto Sans, Noto Sans CJK KR, Malgun Gothic, Apple SD Gothic Neo, sans-serif", size=12)

# Anything plotted is clipped to this magnitude before float32 packing, so a
# finite float64 (up to 1.8e308) never turns into inf in float32 (max 3.4e38).
CLIP = 1e30


def color(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def symbol(i: int) -> str:
    """The marker shape of the ``i``-th series (with ``color(i)``)."""
    return SYMBOLS[i % len(SYMBOLS)]


def rgba(hex_color: str, alpha: float) -> str:
    h = hex_color.lstrip("#")
    r, g, b = (int(h[k:k + 2], 16) for k in (0, 2, 4))
    return f"rgba({r}, {g}, {b}, {alpha:g})"


def f32(values) -> np.ndarray:
    """Finite float32 array (plotly sends it as a base64 typed array)."""
    arr = np.asarray(values, dtype=np.float64)
    arr = np.nan_to_num(arr, nan=0.0, posinf=CLIP, neginf=-CLIP)
    return np.clip(arr, -CLIP, CLIP).astype(np.float32)


def num(value: float, digits: int = 6) -> float:
    """A short, finite Python float for JSON (single values: a list beats base64)."""
    v = float(value)
    if not np.isfinite(v):
        v = CLIP if v > 0 else -CLIP if v < 0 else 0.0
    v = max(-CLIP, min(CLIP, v))
    return float(f"{v:.{digits}g}")


def nums(values, digits: int = 6) -> list[float]:
    return [num(v, digits) for v in np.ravel(values)]
