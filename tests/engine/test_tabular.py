"""A student's own CSV (surfaces.tabular) and the logistic-regression objective built on it."""

from __future__ import annotations

import codecs
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import surfaces
from surfaces import tabular
from surfaces.tabular import TableError
from ui.text import TEXT

GOOD = b"height,weight,kind\n1.5,50,a\n1.6,60,b\n1.7,65,a\n1.8,80,b\n1.9,85,b\n"


def _many_columns(n: int) -> bytes:
    return (",".join(f"c{i}" for i in range(n)) + "\n" + ",".join("1" for _ in range(n)) + "\n").encode()


# Each hostile file with the message it must get (its key in ui/texts/datasource.py) and where it points.
CORPUS = {
    "empty": (b"", "empty", {}),
    "only_whitespace": (b"  \n\t\n   \r\n", "blank", {}),
    "over_the_size_limit": (b"x,y\n" + b"1,2\n" * 600_000, "too_large", {}),
    "binary_png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", {}),
    "xlsx_zip": (b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)), "binary", {}),
    "latin1": ("x,y\n1,café\n".encode("latin-1"), "not_utf8", {"line": 2}),
    "utf16": ("x,y\n1,2\n".encode("utf-16"), "utf16", {}),
    "header_only": (b"x,y\n", "header_only", {}),
    "one_row": (b"x,y\n1,2\n", "too_few_rows", {"count": 1}),
    "one_column": (b"x\n1\n2\n3\n4\n", "one_column", {}),
    "missing_value": (b"x,y\n1,2\n2,\n3,4\n4,5\n", "missing", {"line": 3, "column": "y"}),
    "nan": (b"x,y\n1,2\n2,NaN\n3,4\n4,5\n", "not_finite", {"line": 3, "column": "y"}),
    "infinity": (b"x,y\n1,2\n2,3\n-inf,4\n4,5\n", "not_finite", {"line": 4, "column": "x"}),
    "text_in_numbers": (b"x,y\n1,2\n2,3\n3,4\n4,five\n5,6\n", "text_in_number", {"line": 5, "column": "y"}),
    "duplicate_names": (b"x,y,x\n1,2,3\n2,3,4\n3,4,5\n4,5,6\n", "duplicate_name", {"column": "x"}),
    "ten_thousand_columns": (_many_columns(10_000), "too_many_columns", {"count": 10_000}),
    "near_1e308": (b"x,y\n1,2\n2,1.7e308\n3,4\n4,5\n", "too_big", {"line": 3, "column": "y"}),
    "beyond_float": (b"x,y\n1,2\n2,3\n3,1e999\n4,5\n", "too_big", {"line": 4, "column": "y"}),
    "ragged_row": (b"x,y\n1,2\n2,3,4\n3,4\n4,5\n", "ragged", {"line": 3}),
    "short_row": (b"x,y,z\n1,2,3\n2,3\n3,4,5\n4,5,6\n", "missing", {"line": 3, "column": "z"}),
    "rows_behind_blank_lines": (b"x,y\n" + b"\n\n1,2\n" * (tabular.MAX_ROWS + 1), "too_many_rows", {}),
    "unclosed_quote": (b'x,y\n1,"2\n2,3\n', "not_csv", {}),
    "only_text": (b"a,b\nx,y\nz,w\nu,v\nq,r\n", "no_numbers", {}),
    "too_many_rows": (b"x,y\n" + b"1,2\n" * (tabular.MAX_ROWS + 1), "too_many_rows", {"limit": tabular.MAX_ROWS}),
}

# Files that are odd but readable, with what they must read as.
READABLE = {
    "bom": (codecs.BOM_UTF8 + GOOD, ("height", "weight", "kind")),
    "semicolons_and_decimal_commas": (b"height;weight\n1,5;50\n1,6;60,5\n1,7;65\n1,8;80\n", ("height", "weight")),
    "tabs": (b"height\tweight\n1.5\t50\n1.6\t60\n1.7\t65\n1.8\t80\n", ("height", "weight")),
    "crlf_and_blank_lines": (b"height,weight\r\n1.5,50\r\n\r\n1.6,60\r\n1.7,65\r\n1.8,80\r\n", ("height", "weight")),
    "names_that_look_like_nan": (b"name,x\nNan,1\nInf,2\nAnn,3\nBo,4\n", ("name", "x")),
    "formula_in_a_name": (b"=cmd|' /C calc'!A0,y\n1,2\n2,3\n3,4\n4,5\n", ("=cmd|' /C calc'!A0", "y")),
}


@pytest.mark.parametrize("name", CORPUS)
def test_each_hostile_file_gets_its_message(name):
    data, key, where = CORPUS[name]
    with pytest.raises(TableError) as raised:
        tabular.read_csv(data)
    assert raised.value.key == key, raised.value
    for param, value in where.items():
        assert raised.value.params[param] == value
    # the message exists in both languages and takes exactly these parameters
    for lang in ("en", "ko"):
        TEXT[f"datasource.err_{key}"][lang].format(**raised.value.params)


@pytest.mark.parametrize("name", READABLE)
def test_odd_but_readable_files(name):
    data, columns = READABLE[name]
    table = tabular.read_csv(data)
    assert table.columns == columns and table.n_rows >= 4
    numbers = table.column(table.number_columns()[0])
    assert numbers.dtype == np.float64 and np.isfinite(numbers).all()


def test_decimal_commas_are_read_as_numbers():
    table = tabular.read_csv(READABLE["semicolons_and_decimal_commas"][0])
    np.testing.assert_array_equal(table.column("height"), [1.5, 1.6, 1.7, 1.8])
    np.testing.assert_array_equal(table.column("weight"), [50, 60.5, 65, 80])


def test_table_is_keyed_by_its_content():
    a, b = tabular.read_csv(GOOD, name="a.csv"), tabular.read_csv(GOOD, name="b.csv")
    assert a == b and hash(a) == hash(b) and a.digest in repr(a)
    assert tabular.read_csv(GOOD + b"2.0,90,a\n") != a
    assert not a.column("height").flags.writeable


@pytest.mark.parametrize("call, key", [
    (lambda t: tabular.prepare(t, "height", "height", "regression"), "same_column"),
    (lambda t: tabular.prepare(t, "kind", "weight", "regression"), "feature_text"),
    (lambda t: tabular.prepare(t, "height", "kind", "regression"), "target_text"),
    (lambda t: tabular.prepare(t, "height", "kind", "classification", "c"), "no_positive"),
    (lambda t: tabular.prepare(t, "height", "nope", "regression"), "no_column"),
    (lambda t: tabular.prepare(t, "height", "weight", "clustering"), "bad_task"),
])
def test_bad_choices(call, key):
    with pytest.raises(TableError) as raised:
        call(tabular.read_csv(GOOD))
    assert raised.value.key == key
    TEXT[f"datasource.err_{key}"]["ko"].format(**raised.value.params)


def test_constant_column_and_single_class_are_refused_when_chosen():
    table = tabular.read_csv(b"x,c,label\n1,7,a\n2,7,a\n3,7,a\n4,7,a\n")
    with pytest.raises(TableError) as raised:
        tabular.prepare(table, "c", "x", "regression")
    assert raised.value.key == "constant" and raised.value.params["column"] == "c"
    with pytest.raises(TableError) as raised:
        tabular.prepare(table, "x", "label", "classification", "a")
    assert raised.value.key == "one_class" and raised.value.params["column"] == "label"


def test_prepare_standardises_and_labels():
    table = tabular.read_csv(GOOD)
    data = tabular.prepare(table, "height", "kind", "classification", "b", standardise=True)
    assert data.X.shape == (5, 1) and data.y.tolist() == [0, 1, 0, 1, 1]
    # mean 0 and (population) standard deviation 1, to rounding of five numbers
    assert abs(data.X.mean()) < 1e-15 and data.X.std() == pytest.approx(1.0, rel=1e-14)
    raw = tabular.prepare(table, "height", "weight", "regression", standardise=False)
    np.testing.assert_array_equal(raw.X[:, 0], [1.5, 1.6, 1.7, 1.8, 1.9])
    assert raw != data and hash(raw) == hash(tabular.prepare(table, "height", "weight", "regression", None, False))


@pytest.mark.parametrize("name", tabular.BUNDLED)
def test_bundled_data_sets_read_and_train(name):
    spec = tabular.BUNDLED[name]
    table = tabular.bundled(name)
    assert spec.source["en"] and spec.source["ko"]
    data = tabular.prepare(table, spec.feature, spec.target, spec.task, spec.positive)
    build = surfaces.least_squares if spec.task == "regression" else surfaces.logistic
    objective = build(data.X, data.y)
    assert objective.dim == 2 and objective.critical_points  # each has a finite minimum
    sizes = {"tips": 244, "iris": 150, "gapminder": 142}
    assert table.n_rows == sizes[name]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_parse_or_raise_table_error(data):
    try:
        table = tabular.read_csv(data)
    except TableError:
        return
    assert table.n_rows >= tabular.MIN_ROWS


_CELL = st.one_of(st.floats(allow_nan=True, allow_infinity=True).map(repr), st.text(max_size=6),
                  st.sampled_from(["", " ", "1,5", "nan", "-inf", "1e400", '"', "=1+1", "\ufeff"]))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_CELL, min_size=1, max_size=4), min_size=1, max_size=8), st.sampled_from([",", ";", "\t"]))
def test_csv_like_text_parses_or_raises_table_error_and_numbers_are_finite(rows, sep):
    data = "\n".join(sep.join(row) for row in rows).encode("utf-8", "surrogatepass")
    try:
        table = tabular.read_csv(data)
    except TableError:
        return
    for column in table.number_columns():
        values = table.column(column)
        assert np.isfinite(values).all() and np.abs(values).max() <= tabular.MAX_ABS


# -- logistic regression ---------------------------------------------------------------------------------
def _naive_loss(X, y, w, b):
    z = X[:, 0] * w + b
    p = 1 / (1 + np.exp(-z))
    return float(np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p))))


def test_logistic_loss_matches_the_textbook_formula_where_that_is_safe():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(30, 1))
    y = (X[:, 0] + rng.normal(size=30) > 0).astype(float)
    objective = surfaces.logistic(X, y)
    for w, b in [(0.0, 0.0), (1.3, -0.4), (-2.0, 3.0)]:
        # |z| < 10 here: the naive form loses nothing worth 1e-12 relative
        assert objective.value([w, b]) == pytest.approx(_naive_loss(X, y, w, b), rel=1e-12)
    assert objective.value([0.0, 0.0]) == pytest.approx(np.log(2.0), rel=1e-15)


def test_logistic_minimum_is_newtons_and_separable_data_have_none():
    table = tabular.bundled("iris")
    overlap = tabular.prepare(table, "sepal_width", "species", "classification", "versicolor")
    objective = surfaces.logistic(overlap.X, overlap.y)
    (best,) = objective.critical_points
    # at the minimum the gradient vanishes to rounding of 150 terms of size <= 3 (about 1e-14)
    assert np.abs(objective.grad(best.location)).max() < 1e-12
    assert np.all(np.linalg.eigvalsh(objective.hess(best.location)) > 0)
    separable = tabular.prepare(table, "petal_length", "species", "classification", "setosa")
    objective = surfaces.logistic(separable.X, separable.y)
    assert objective.critical_points == ()
    assert "no lowest point" in objective.description["en"] and "★" in objective.description["ko"]
    # the loss keeps falling along a separating direction: z = -(x + 1), setosa below x = -1 (standardised)
    w = np.array([[-1.0, -1.0]]) * np.array([[1.0], [10.0], [100.0]])
    assert np.all(np.diff(objective.value(w)) < 0)


def test_logistic_has_no_overflow_far_out():
    X = np.array([[-3.0], [-1.0], [1.0], [2.0], [0.5]])
    y = np.array([0.0, 1.0, 0.0, 1.0, 1.0])
    objective = surfaces.logistic(X, y)
    far = np.array([[1e6, 1e6], [-1e6, 5.0], [800.0, -800.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values, grads, hessians = objective.value(far), objective.grad(far), objective.hess(far)
    assert np.isfinite(values).all() and np.isfinite(grads).all() and np.isfinite(hessians).all()
    # z = 1e6 x + 1e6: the sample x = -1 (label 1) sits at z = 0 and costs log 2, the sample x = 1 (label 0) at
    # z = 2e6 costs 2e6, the others cost e^-(1e6) = 0: the mean is (2e6 + log 2) / 5, to rounding
    assert values[0] == pytest.approx((2e6 + np.log(2.0)) / 5, rel=1e-15)


def test_logistic_refuses_labels_other_than_0_and_1():
    with pytest.raises(ValueError, match="0 or 1"):
        surfaces.logistic([[1.0], [2.0]], [1.0, -1.0])
