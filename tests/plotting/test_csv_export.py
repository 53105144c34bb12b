"""CSV downloads neutralise spreadsheet formulas (CSV injection): plotting.neutralise_formulas / csv_text."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

import plotting


@pytest.mark.parametrize("cell", ["=1+1", "+SUM(A1:A9)", "-2+3", "@cmd", "\tx", "\rx", "=HYPERLINK(\"http://x\")",
                                  "-nan", "+inf"])
def test_formula_cells_get_a_quote(cell):
    out = plotting.neutralise_formulas(pd.DataFrame({"label": [cell, "ok"]}))
    assert out["label"].tolist() == ["'" + cell, "ok"]


@pytest.mark.parametrize("cell", ["-1.5", "+3", "-2e-5", "plain", "a=b", "", "'=already quoted"])
def test_plain_numbers_and_ordinary_text_stay(cell):
    out = plotting.neutralise_formulas(pd.DataFrame({"label": [cell]}))
    assert out["label"].tolist() == [cell]


def test_numeric_columns_and_the_original_frame_are_untouched():
    frame = pd.DataFrame({"x": [-1.0, 2.0, np.nan], "n": [-3, 0, 5], "ok": [True, False, True],
                          "name": ["=evil()", "-", "GD"]})
    out = plotting.neutralise_formulas(frame)
    pd.testing.assert_series_equal(out["x"], frame["x"])
    pd.testing.assert_series_equal(out["n"], frame["n"])
    pd.testing.assert_series_equal(out["ok"], frame["ok"])
    assert out["name"].tolist() == ["'=evil()", "'-", "GD"]
    assert frame["name"].tolist() == ["=evil()", "-", "GD"]  # a copy


def test_column_names_are_neutralised_too_and_the_csv_reads_back():
    frame = pd.DataFrame({"=cmd|' /C calc'!A0": ["@x"], "w": [-0.5]})
    text = plotting.csv_text(frame)
    back = pd.read_csv(io.StringIO(text))
    assert list(back.columns) == ["'=cmd|' /C calc'!A0", "w"]
    assert back.iloc[0].tolist() == ["'@x", -0.5]
    assert not any(line.startswith(("=", "+", "@")) for line in text.splitlines())
