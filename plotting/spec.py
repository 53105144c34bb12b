"""Figures as plain dicts: what plotly.js reads, built without plotly.py's per-property validation.

Every figure of ``plotting`` is a plain dict ``{"data": [...], "layout": {...}, "frames": [...]}``
in plotly's JSON schema. Building it costs what the numbers cost, nothing more; validation is paid
once, in the tests, which construct ``plotly.graph_objects.Figure(spec)`` from every figure the app
can produce (``validated``). A figure is built once per scene and shared read-only by every session
that shows it: nothing here or downstream may mutate a finished spec.

Arrays go out in plotly's own base64 typed-array form (``f4``), which is what plotly.py would send
for a numpy array, minus the work of converting it on every serialization.
"""

from __future__ import annotations

import base64
import copy
import functools
from typing import Any

import numpy as np

from . import _style

Spec = dict[str, Any]


_DTYPES = {np.dtype(np.float32): "f4", np.dtype(np.int32): "i4", np.dtype(np.int8): "i1", np.dtype(np.uint8): "u1"}


def typed(values, dtype) -> dict:
    """An array in plotly's base64 typed-array form (``{"dtype", "bdata"}``, and ``"shape"`` for 2-D)."""
    a = np.ascontiguousarray(np.asarray(values, dtype=dtype))
    out = {"dtype": _DTYPES[a.dtype], "bdata": base64.b64encode(a.tobytes()).decode("ascii")}
    if a.ndim > 1:
        out["shape"] = ", ".join(str(n) for n in a.shape)
    return out


def f4(values) -> dict:
    """A finite float32 array in plotly's base64 form: ``{"dtype": "f4", "bdata": ...}``.

    Values are clipped to ``_style.CLIP`` and NaN becomes 0 (``_style.f32``), unless they are
    float32 and finite already (the per-frame slices of an array packed once)."""
    a = np.asarray(values)
    if a.dtype != np.float32 or not np.isfinite(a).all():
        a = _style.f32(a)
    return typed(a, np.float32)


def i4(values) -> dict:
    """An int32 array in plotly's base64 form."""
    return typed(values, np.int32)


def trace(kind: str = "scatter", **props) -> dict:
    """A trace dict of type ``kind``; properties given as None are left out (plotly's defaults apply)."""
    return {"type": kind, **{k: v for k, v in props.items() if v is not None}}


def scatter(**props) -> dict:
    return trace("scatter", **props)


def merge(target: dict, *updates: dict) -> dict:
    """Deep-merge ``updates`` into ``target`` (nested dicts merged, everything else replaced); returns it."""
    for update in updates:
        for key, value in update.items():
            if isinstance(value, dict) and isinstance(target.get(key), dict):
                merge(target[key], value)
            else:
                target[key] = value
    return target


def axis_ids(index: int) -> tuple[str, str]:
    """Trace references of the ``index``-th subplot (1-based): ("x", "y"), ("x2", "y2"), ..."""
    suffix = "" if index == 1 else str(index)
    return f"x{suffix}", f"y{suffix}"


def axis_keys(index: int) -> tuple[str, str]:
    """Layout keys of the ``index``-th subplot's axes: ("xaxis", "yaxis"), ("xaxis2", "yaxis2"), ..."""
    suffix = "" if index == 1 else str(index)
    return f"xaxis{suffix}", f"yaxis{suffix}"


@functools.lru_cache(maxsize=64)
def _grid(rows: int, cols: int, items: tuple) -> dict:
    from plotly.subplots import make_subplots

    kwargs = {k: list(v) if isinstance(v, tuple) else v for k, v in items}
    return make_subplots(rows=rows, cols=cols, **kwargs).to_dict()["layout"]


def subplot_layout(rows: int = 1, cols: int = 2, **kwargs) -> dict:
    """The layout of a subplot grid (axis domains and anchors, subplot titles), as
    ``plotly.subplots.make_subplots`` computes it. Keyword arguments are make_subplots's
    (lists given as tuples or lists). Kept per arguments; each call returns a fresh copy."""
    items = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in kwargs.items()))
    layout = copy.deepcopy(_grid(int(rows), int(cols), items))
    layout.pop("template", None)
    return layout


@functools.lru_cache(maxsize=8)
def template(name: str) -> dict:
    """A plotly template's JSON (plotly.js needs the whole template, not its name). Shared: read only."""
    import plotly.io

    return plotly.io.templates[name].to_plotly_json()


def figure(data: list | None = None, layout: dict | None = None, frames: list | None = None) -> Spec:
    spec: Spec = {"data": list(data or []), "layout": dict(layout or {})}
    if frames:
        spec["frames"] = frames
    return spec


def to_json(spec) -> str:
    """The JSON the browser receives: plotly's own serializer, as Streamlit calls it."""
    import plotly.io

    return plotly.io.to_json(spec, validate=False)


def json_bytes(obj) -> int:
    """Bytes of ``obj`` (a figure, a frame, a list of them) in plotly's JSON."""
    from plotly.io.json import to_json_plotly

    return len(to_json_plotly(obj).encode())


def validated(spec: Spec):
    """``plotly.graph_objects.Figure`` of ``spec``, through every validator (tests, downloads).

    A frame's entry names no trace type (plotly.js takes it from the trace it updates), so it is
    validated as that trace's type."""
    import plotly.graph_objects as go

    data = spec.get("data", [])
    frames = []
    for frame in spec.get("frames", []):
        entries = []
        for index, entry in zip(frame.get("traces", range(len(data))), frame.get("data", [])):
            kind = data[index].get("type", "scatter") if index < len(data) else "scatter"
            entries.append({"type": kind, **entry} if "type" not in entry else entry)
        frames.append({**frame, "data": entries})
    return go.Figure({**spec, "frames": frames} if frames else spec)
