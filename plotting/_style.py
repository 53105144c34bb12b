"""Colours, number formatting and the float32 packing shared by every figure."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

# Eight series colours, each at least 3:1 against the white a chart is drawn on (WCAG 1.4.11, non-text
# contrast): Okabe-Ito's blue, vermillion, bluish green and reddish purple (safe for the common colour-vision
# deficiencies) and black; Okabe-Ito's orange, sky blue and yellow (1.3-2.3:1 on white) make way for brown,
# navy and grey, picked to stay apart from the others under simulated protanopia, deuteranopia and tritanopia
# too (CIEDE2000 >= 12 in each, >= 22 with normal vision). No two series differ by colour alone: each also
# has its own marker shape and, the first six, its own line dash.
PALETTE = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#573105",  # brown
    "#000099",  # navy
    "#000000",  # black
    "#555555",  # grey
)
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "pentagon", "triangle-down", "hexagon", "star-square")

# Landscape: light greys, low loss lightest, so coloured paths stand out.
LANDSCAPE_LOW = (255, 255, 255)  # white, as the plot: a series keeps its 3:1 where the loss is lowest
LANDSCAPE_HIGH = (168, 174, 184)
ISOLINE_COLOR = "rgba(80, 86, 96, 0.55)"
MINIMUM_COLOR = "#111111"
FONT = dict(family="Noto Sans, Noto Sans CJK KR, Malgun Gothic, Apple SD Gothic Neo, sans-serif", size=12)

# Anything plotted is clipped to this magnitude before float32 packing, so a
# finite float64 (up to 1.8e308) never turns into inf in float32 (max 3.4e38).
CLIP = 1e30


DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")


class Style(NamedTuple):
    """How one series is drawn: its colour, marker shape and line dash."""

    color: str
    symbol: str
    dash: str


def color(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def symbol(i: int) -> str:
    """The marker shape of the ``i``-th series (with ``color(i)``)."""
    return SYMBOLS[i % len(SYMBOLS)]


def positional(i: int) -> Style:
    """The style of the ``i``-th of several series that are not distinct optimizers (runs of one rule,
    batch sizes): colour, shape and dash by position."""
    return Style(color(i), symbol(i), DASHES[i % len(DASHES)])


# The optimizers a lesson shows side by side come first, so that any few of them differ in colour
# (the book's four: SGD, Momentum, AdaGrad, Adam; then RMSprop, Nesterov, GD, AdaDelta); the rest
# follow in the registry's order. Past the eighth, colours repeat with another shape and dash.
LESSON_ORDER = ("sgd", "momentum", "adagrad", "adam", "rmsprop", "nesterov", "gd", "adadelta",
                "newton", "lbfgs", "adamw", "nadam", "radam", "adamax", "amsgrad")


def _optimizer_order() -> tuple[str, ...]:
    from optimizers import registry  # pure NumPy, as plotting is

    return LESSON_ORDER + tuple(name for name in registry.names() if name not in LESSON_ORDER)


def optimizer_style(name: str) -> Style | None:
    """The one style of optimizer ``name`` (a registry name or alias) on every page and step, or None for
    a name the registry does not know."""
    order = _optimizer_order()
    key = name.lower()
    if key not in order:
        return None
    i = order.index(key)
    turn = i // len(PALETTE)
    return Style(PALETTE[i % len(PALETTE)], SYMBOLS[(i + turn) % len(SYMBOLS)], DASHES[i % len(DASHES)])


def styles(keys: Sequence[str | None]) -> list[Style]:
    """The styles of series keyed by ``keys`` (optimizer names).

    Distinct optimizers each get their own style (``optimizer_style``), the same on every page and step;
    the lesson's first eight always differ in colour. Up to eight series never share a colour or a shape:
    where two would (say AdaGrad and AdamW, whose own colours are the same green), the one later in
    ``LESSON_ORDER`` takes the first colour (and shape) that no other series has. Series that are not
    distinct optimizers (three runs of one rule, batch sizes, names the registry does not know) are
    styled by position."""
    found = [optimizer_style(key) if key else None for key in keys]
    if not all(found) or len({k.lower() for k in keys}) != len(keys):
        return [positional(i) for i in range(len(keys))]
    if len(keys) > len(PALETTE):
        return found
    order = _optimizer_order()
    out: list[Style | None] = [None] * len(keys)
    used_colors: set[str] = set()
    used_symbols: set[str] = set()
    for i in sorted(range(len(keys)), key=lambda i: order.index(keys[i].lower())):
        own = found[i]
        chosen_color = own.color if own.color not in used_colors else next(c for c in PALETTE if c not in used_colors)
        chosen_symbol = (own.symbol if own.symbol not in used_symbols
                         else next(m for m in SYMBOLS if m not in used_symbols))
        used_colors.add(chosen_color)
        used_symbols.add(chosen_symbol)
        out[i] = Style(chosen_color, chosen_symbol, own.dash)
    return out


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


def series_style(keys: Sequence[str], key: str) -> Style:
    """The style series ``key`` has among series ``keys`` (``styles``)."""
    return styles(keys)[list(keys).index(key)]
