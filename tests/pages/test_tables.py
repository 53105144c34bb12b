"""ui.tables.markdown: a frame as a Markdown table, row by row as pandas iterates it.

The rows are read with one conversion to Python objects (``to_numpy(dtype=object)``), not with
``itertuples`` (~15 times slower, on every following student's page run): the tables must be the same
text either way, whatever the columns' types and missing values.
"""

from __future__ import annotations

import math

import hypothesis.strategies as hs
import numpy as np
import pandas as pd
from hypothesis import given, settings

from ui import tables


def _reference(frame: pd.DataFrame, formats=None) -> str:
    """The table as pandas' own row iteration gives it (the definition the fast path must match)."""
    formats = formats or {}
    header = "| " + " | ".join(tables.cell(c) for c in frame.columns) + " |"
    align = "|" + "|".join("---:" if pd.api.types.is_numeric_dtype(frame[c]) else "---" for c in frame.columns) + "|"
    rows = ["| " + " | ".join(tables.cell(v, formats.get(c)) for c, v in zip(frame.columns, row)) + " |"
            for row in frame.itertuples(index=False, name=None)]
    return "\n".join([header, align, *rows])


_floats = hs.one_of(hs.floats(allow_nan=True, allow_infinity=True, width=64), hs.integers(-10**6, 10**6).map(float))
_texts = hs.one_of(hs.none(), hs.text(alphabet="ab|*_$<>() \n가나", max_size=6))
_COLUMN_KINDS = {
    "float": _floats,
    "int": hs.integers(-2**40, 2**40),
    "text": _texts,
    "bool": hs.booleans(),
}


@hs.composite
def frames(draw):
    kinds = draw(hs.lists(hs.sampled_from(sorted(_COLUMN_KINDS)), min_size=1, max_size=5))
    n = draw(hs.integers(0, 4))
    data = {f"{kind} {i} | *x*": draw(hs.lists(_COLUMN_KINDS[kind], min_size=n, max_size=n))
            for i, kind in enumerate(kinds)}
    return pd.DataFrame(data)


@settings(max_examples=150, deadline=None)
@given(frames())
def test_markdown_is_the_table_row_by_row(frame):
    assert tables.markdown(frame) == _reference(frame)


@settings(max_examples=60, deadline=None)
@given(frames(), hs.sampled_from([".4g", ".1%", lambda v: f"<{v}>"]))
def test_markdown_applies_each_columns_format(frame, fmt):
    numeric = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c]) and not c.startswith("bool")]
    formats = {c: fmt for c in numeric}
    assert tables.markdown(frame, formats) == _reference(frame, formats)


def test_a_table_of_the_app_reads_as_expected():
    frame = pd.DataFrame({"optimizer": ["GD", "Adam"], "step": [3, 4], "loss": [0.5, math.nan],
                          "point": [np.float64(1.25), -2e-7]})
    assert tables.markdown(frame, {"loss": ".3f"}).splitlines() == [
        "| optimizer | step | loss | point |",
        "|---|---:|---:|---:|",
        "| GD | 3 | 0.500 | 1.25 |",
        "| Adam | 4 | — | -2e-07 |",
    ]
