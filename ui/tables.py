"""Tables as Markdown, never as st.dataframe or st.table.

Both of Streamlit's table elements load Apache Arrow's JavaScript in the browser, which sets
``Symbol.isConcatSpreadable`` on its classes' prototypes. From then on V8 gives up its fast path for
every ``Array.prototype.concat`` in the tab, and plotly.js, which concatenates on every animation
frame, plays the compare page's 6 x 300 race at 24 instead of 40 frames per second
(benchmarks/frame_rate.py). Arrow stays loaded until the tab is reloaded, so one table on any page
would slow every animation after it: the app shows its (small) tables as Markdown.
"""

from __future__ import annotations

import math
import re
from typing import Callable

import pandas as pd
import streamlit as st

# CommonMark punctuation that could start emphasis, code, links, HTML or a table cell, and "$" (LaTeX
# in Streamlit's Markdown): each is shown as itself.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|$~])")
Format = str | Callable[[object], str]


def cell(value, fmt: Format | None = None) -> str:
    """One value as Markdown text: formatted by ``fmt`` (a format spec such as ``".4g"`` or a
    function), missing values as "—", special characters escaped."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        text = "—"
    elif callable(fmt):
        text = fmt(value)
    elif fmt is not None:
        text = format(value, fmt)
    elif isinstance(value, float):
        text = f"{value:.6g}"
    else:
        text = str(value)
    return _SPECIAL.sub(r"\\\1", text.replace("\n", " "))


def markdown(frame: pd.DataFrame, formats: dict[str, Format] | None = None) -> str:
    """``frame`` (its columns as headers, no index) as a Markdown table; numeric columns right-aligned."""
    formats = formats or {}
    columns = list(frame.columns)
    header = "| " + " | ".join(cell(c) for c in columns) + " |"
    align = "|" + "|".join("---:" if pd.api.types.is_numeric_dtype(dtype) else "---" for dtype in frame.dtypes) + "|"
    # the rows as lists of Python values: a following student's page run makes its tables anew, and pandas'
    # itertuples (or a Series per column) takes ~0.6 ms for a one-row table, this ~0.04 ms
    fmts = [formats.get(c) for c in columns]
    rows = ["| " + " | ".join(cell(v, fmt) for fmt, v in zip(fmts, row)) + " |"
            for row in frame.to_numpy(dtype=object).tolist()]
    return "\n".join([header, align, *rows])


def show(frame: pd.DataFrame, formats: dict[str, Format] | None = None, *, height: int | None = None) -> None:
    """The table on the page; with ``height`` (pixels) it scrolls inside a box of that height."""
    if height is None:
        st.markdown(markdown(frame, formats))
        return
    with st.container(height=height):
        st.markdown(markdown(frame, formats))


def show_titled(items: list[tuple[str, pd.DataFrame]]) -> None:
    """Several tables, each under its bold title."""
    for title, frame in items:
        st.markdown(f"**{title}**")
        show(frame)
