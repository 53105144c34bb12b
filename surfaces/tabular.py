"""A student's own table: an uploaded CSV (bytes) or a bundled real data set, checked and turned into (X, y).

Pure pandas/NumPy, no Streamlit. Everything that can be wrong with a file raises one exception,
``TableError``, that carries a text key (``ui/texts/datasource.py`` has its sentence in English and
Korean) and the parameters the sentence needs (row, column, value, limit), so the page says what is
wrong and where, in the student's language.

>>> table = read_csv(b"x,y\\n1,2\\n2,4.1\\n3,5.9\\n4,8.2\\n", name="mine.csv")
>>> table.columns, table.n_rows
(('x', 'y'), 4)
>>> data = prepare(table, "x", "y", "regression", standardise=False)
>>> data.X.shape, data.y.tolist()
((4, 1), [2.0, 4.1, 5.9, 8.2])

Limits (each refused with its own message): at most ``MAX_BYTES`` (1 MB) of file, ``MAX_ROWS``
(1,000) data rows and ``MAX_COLUMNS`` (50) columns; at least ``MIN_ROWS`` (4) rows; every number within
``±MAX_ABS`` (1e12). Rows are numbered as lines of the file: the header is line 1.

Reading rules: UTF-8 (a byte-order mark is accepted), comma, semicolon or tab separators (the one the
header line uses most), a decimal comma in a semicolon- or tab-separated file, blank lines skipped,
spaces around a cell ignored. A column is a number column when every cell is a number, a text column
when most cells are not numbers (a class label); a few text cells in a number column, an empty cell,
NaN or infinity anywhere are refused with the line and the column.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import re
from dataclasses import dataclass
from importlib import resources

import numpy as np
import pandas as pd

MAX_BYTES = 1_000_000  # under Streamlit's server.maxUploadSize (1 MiB, .streamlit/config.toml), so this message shows
MAX_ROWS = 1_000
MAX_COLUMNS = 50
MIN_ROWS = 4
MAX_ABS = 1e12  # beyond this a square (1e24) is still fine, but such data say "wrong units", not "data"
MAX_CLASSES = 20  # a number column with at most this many distinct values can be a class label
MAX_NAME = 60  # a column name is cut to this many characters

TASKS = ("regression", "classification")

_NUMBER = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
_COMMA_NUMBER = r"[+-]?(?:\d+,?\d*|,\d+)(?:[eE][+-]?\d+)?"
_NOT_FINITE = re.compile(r"[+-]?(?:nan|inf|infinity)", re.IGNORECASE)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class TableError(ValueError):
    """A file or a choice that cannot be used: ``key`` names the message (``datasource.err_<key>``),
    ``params`` fill it in (``line``, ``column``, ``value``, ``limit``...)."""

    def __init__(self, key: str, **params):
        self.key = key
        self.params = params
        detail = ", ".join(f"{k}={v!r}" for k, v in params.items())
        super().__init__(f"{key}" + (f" ({detail})" if detail else ""))


@dataclass(frozen=True, eq=False)
class Table:
    """A checked table: column names, each column's kind ("number" or "text") and its values
    (read-only float64 arrays for numbers, tuples of str for text). Equal and hashed by ``digest``,
    the SHA-256 of the bytes it was read from, so caches key it by content."""

    name: str
    columns: tuple[str, ...]
    kinds: tuple[str, ...]
    values: tuple
    digest: str
    line_numbers: np.ndarray  # the file line of each data row

    @property
    def n_rows(self) -> int:
        return len(self.line_numbers)

    def column(self, name: str):
        try:
            return self.values[self.columns.index(name)]
        except ValueError:
            raise TableError("no_column", column=name) from None

    def kind(self, name: str) -> str:
        self.column(name)
        return self.kinds[self.columns.index(name)]

    def number_columns(self) -> tuple[str, ...]:
        return tuple(c for c, k in zip(self.columns, self.kinds) if k == "number")

    def classes(self, name: str) -> tuple[str, ...]:
        """The distinct values of column ``name`` as text, sorted (numbers by value)."""
        values = self.column(name)
        if self.kind(name) == "number":
            return tuple(_label(v) for v in np.unique(values))
        return tuple(sorted(set(values)))

    def label_columns(self) -> tuple[str, ...]:
        """Columns that can be a class label: text columns, and number columns with few distinct values."""
        return tuple(c for c in self.columns
                     if len(set(self.column(c))) <= MAX_CLASSES)

    def __hash__(self) -> int:
        return hash(self.digest)

    def __eq__(self, other) -> bool:
        return isinstance(other, Table) and other.digest == self.digest

    def __repr__(self) -> str:
        return f"Table({self.digest})"


def _label(value: float) -> str:
    return f"{value:g}"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- reading ----------------------------------------------------------------------------------------
def _decode(data: bytes) -> str:
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TableError("not_csv")
    data = bytes(data)
    if not data:
        raise TableError("empty")
    if len(data) > MAX_BYTES:
        raise TableError("too_large", size=len(data), limit=MAX_BYTES)
    if data.startswith(_UTF16_BOMS):
        raise TableError("utf16")
    if b"\x00" in data:
        raise TableError("binary")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise TableError("not_utf8", line=data[:error.start].count(b"\n") + 1) from None
    if not text.strip():
        raise TableError("blank")
    return text


def _separator(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {sep: first.count(sep) for sep in (",", ";", "\t")}
    sep = max(counts, key=lambda s: (counts[s], s == ","))
    if counts[sep] + 1 > MAX_COLUMNS:
        raise TableError("too_many_columns", count=counts[sep] + 1, limit=MAX_COLUMNS)
    return sep


def _cells(text: str, sep: str) -> pd.DataFrame:
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, header=None, dtype=str, keep_default_na=False,
                            na_filter=False, skip_blank_lines=False, engine="c",
                            quotechar='"', on_bad_lines="error")
    except pd.errors.ParserError as error:
        match = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(error))
        if match:
            raise TableError("ragged", expected=int(match[1]), line=int(match[2]), got=int(match[3])) from None
        raise TableError("not_csv") from None
    except (pd.errors.EmptyDataError, ValueError, TypeError, OverflowError, MemoryError, RecursionError,
            UnicodeError, IndexError):
        raise TableError("not_csv") from None
    if frame.shape[1] > MAX_COLUMNS:
        raise TableError("too_many_columns", count=int(frame.shape[1]), limit=MAX_COLUMNS)
    return frame


def _names(header: list[str]) -> tuple[str, ...]:
    names = []
    for j, raw in enumerate(header):
        name = " ".join(str(raw).split())[:MAX_NAME] or f"column {j + 1}"
        if name in names:
            raise TableError("duplicate_name", column=name, first=names.index(name) + 1, second=j + 1)
        names.append(name)
    return tuple(names)


def _column(name: str, cells: pd.Series, lines: np.ndarray, sep: str):
    """One column's kind and values, or the first cell that cannot be used."""
    empty = (cells == "").to_numpy()
    if empty.any():
        raise TableError("missing", line=int(lines[np.argmax(empty)]), column=name)
    not_finite = cells.str.fullmatch(_NOT_FINITE.pattern, case=False).to_numpy(dtype=bool)
    numeric = cells.str.fullmatch(_NUMBER).to_numpy(dtype=bool)
    if not_finite.any() and (numeric | not_finite).mean() > 0.5:  # "Nan" in a column of names is a name
        i = int(np.argmax(not_finite))
        raise TableError("not_finite", line=int(lines[i]), column=name, value=str(cells.iloc[i]))
    if sep != "," and not numeric.all():
        comma = cells.str.fullmatch(_COMMA_NUMBER).to_numpy(dtype=bool)
        if comma.all() and not not_finite.any() and not cells.str.contains(".", regex=False).any():
            cells, numeric = cells.str.replace(",", ".", regex=False), comma
    if not numeric.all():
        if numeric.mean() > 0.5:  # mostly numbers: the rest are mistakes
            i = int(np.argmin(numeric))
            raise TableError("text_in_number", line=int(lines[i]), column=name, value=str(cells.iloc[i])[:40])
        return "text", tuple(str(v) for v in cells)
    with np.errstate(over="ignore"):
        values = cells.astype("float64").to_numpy(dtype=np.float64, copy=True)
    big = ~np.isfinite(values) | (np.abs(values) > MAX_ABS)
    if big.any():
        i = int(np.argmax(big))
        raise TableError("too_big", line=int(lines[i]), column=name, value=str(cells.iloc[i])[:40], limit=MAX_ABS)
    values.flags.writeable = False
    return "number", values


def read_csv(data: bytes, *, name: str = "upload.csv") -> Table:
    """Read and check an uploaded CSV's bytes; raises ``TableError`` for anything it cannot use."""
    text = _decode(data)
    sep = _separator(text)
    if sum(1 for line in text.splitlines() if line.strip()) > MAX_ROWS + 1:  # before pandas holds every cell
        raise TableError("too_many_rows", limit=MAX_ROWS)
    frame = _cells(text, sep)
    frame = frame.fillna("").astype(str).apply(lambda col: col.str.strip())  # a short row's missing cells: ""
    blank = (frame == "").all(axis=1).to_numpy()
    lines = np.flatnonzero(~blank) + 1  # 1-based line of the file (exact unless a quoted cell spans lines)
    frame = frame[~blank]
    if frame.empty:
        raise TableError("blank")
    columns = _names(list(frame.iloc[0]))
    body, lines = frame.iloc[1:], lines[1:]
    if len(body) == 0:
        raise TableError("header_only")
    if len(body) > MAX_ROWS:
        raise TableError("too_many_rows", limit=MAX_ROWS)
    if len(body) < MIN_ROWS:
        raise TableError("too_few_rows", count=len(body), limit=MIN_ROWS)
    if len(columns) < 2:
        raise TableError("one_column")
    kinds, values = [], []
    for j, column in enumerate(columns):
        kind, vals = _column(column, body.iloc[:, j].astype(str), lines, sep)
        kinds.append(kind)
        values.append(vals)
    if "number" not in kinds:
        raise TableError("no_numbers")
    lines = lines.astype(np.int64)
    lines.flags.writeable = False
    return Table(str(name)[:MAX_NAME], columns, tuple(kinds), tuple(values), _digest(bytes(data)), lines)


# -- the bundled data sets ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Bundled:
    """A real data set shipped by plotly (``plotly/package_data/datasets``), with the page's defaults."""

    name: str
    file: str
    task: str
    feature: str
    target: str
    positive: str | None
    source: dict[str, str]  # where the data come from, and under which licence, in both languages


BUNDLED = {
    "tips": Bundled(
        "tips", "tips.csv.gz", "regression", "total_bill", "tip", None,
        {"en": "244 restaurant bills recorded by one waiter (Bryant & Smith 1995, *Practical Data Analysis: Case "
               "Studies in Business Statistics*), as R's reshape2 package and plotly ship them (both under the MIT "
               "licence).",
         "ko": "웨이터 한 명이 기록한 식당 계산서 244건입니다(Bryant & Smith 1995, 《Practical Data Analysis: Case "
               "Studies in Business Statistics》). R의 reshape2 패키지와 plotly가 담아 배포하는 그대로입니다(둘 다 MIT "
               "라이선스)."}),
    "iris": Bundled(
        "iris", "iris.csv.gz", "classification", "petal_length", "species", "virginica",
        {"en": "Fisher's (1936) iris flowers: 150 flowers of three species measured by Edgar Anderson; the UCI "
               "Machine Learning Repository's copy (doi:10.24432/C56C76) is under CC BY 4.0. Shipped by plotly.",
         "ko": "Fisher(1936)의 붓꽃 데이터입니다. Edgar Anderson이 잰 세 품종의 꽃 150송이이며, UCI 머신러닝 "
               "저장소의 사본(doi:10.24432/C56C76)은 CC BY 4.0입니다. plotly에 들어 있습니다."}),
    "gapminder": Bundled(
        "gapminder", "gapminder.csv.gz", "regression", "log10_gdpPercap", "lifeExp", None,
        {"en": "Gapminder (gapminder.org, data under CC BY 4.0): 142 countries in 2007, life expectancy against the "
               "base-10 logarithm of GDP per person, from the excerpt in Jennifer Bryan's gapminder R package (CC0) "
               "that plotly ships.",
         "ko": "Gapminder(gapminder.org, 데이터는 CC BY 4.0): 2007년 142개 나라의 기대 수명과 1인당 GDP의 상용로그입니다. "
               "Jennifer Bryan의 gapminder R 패키지(CC0)에 담긴 발췌본을 plotly가 배포하는 그대로 씁니다."}),
}
GAPMINDER_YEAR = 2007


def bundled_bytes(name: str) -> bytes:
    """The CSV bytes of bundled data set ``name``, read from the installed plotly package."""
    if name not in BUNDLED:
        raise TableError("unknown_dataset", name=str(name)[:40])
    raw = gzip.decompress(resources.files("plotly").joinpath("package_data", "datasets", BUNDLED[name].file)
                          .read_bytes())
    if name == "gapminder":
        frame = pd.read_csv(io.BytesIO(raw))
        frame = frame[frame["year"] == GAPMINDER_YEAR]
        frame = frame.assign(log10_gdpPercap=np.log10(frame["gdpPercap"]).round(6))
        raw = frame[["country", "continent", "log10_gdpPercap", "gdpPercap", "lifeExp", "pop"]] \
            .to_csv(index=False).encode()
    return raw


_BUNDLED_TABLES: dict[str, Table] = {}


def bundled(name: str) -> Table:
    """Bundled data set ``name`` as a checked ``Table`` (read once per process)."""
    if name not in _BUNDLED_TABLES:
        _BUNDLED_TABLES[name] = read_csv(bundled_bytes(name), name=name)
    return _BUNDLED_TABLES[name]


# -- choosing the feature and the target ---------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class Dataset:
    """What the optimizers train on: ``X`` (n, 1) and ``y`` (n,) (0/1 labels for classification), with
    the choices that made them. Equal and hashed by those choices and the table's digest."""

    digest: str  # the table's content hash
    name: str  # the table's name (a bundled data set's, or the uploaded file's)
    feature: str
    target: str
    task: str
    positive: str | None
    standardise: bool
    X: np.ndarray
    y: np.ndarray
    mean: float  # the feature's mean and standard deviation (0 and 1 when not standardised)
    scale: float

    @property
    def key(self) -> tuple:
        return (self.digest, self.feature, self.target, self.task, self.positive, self.standardise)

    @property
    def n(self) -> int:
        return len(self.y)

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other) -> bool:
        return isinstance(other, Dataset) and other.key == self.key

    def __repr__(self) -> str:
        return "Dataset" + repr(self.key)


def prepare(table: Table, feature: str, target: str, task: str, positive: str | None = None,
            standardise: bool = True) -> Dataset:
    """``X`` (n, 1) from column ``feature`` (standardised to mean 0 and standard deviation 1 when
    ``standardise``) and ``y`` (n,) from column ``target``: its numbers for regression, 1 where it equals
    ``positive`` and 0 elsewhere for classification. Raises ``TableError`` for a choice that cannot train."""
    if task not in TASKS:
        raise TableError("bad_task", task=str(task)[:40])
    if feature == target:
        raise TableError("same_column", column=feature)
    if table.kind(feature) != "number":
        raise TableError("feature_text", column=feature)
    x = np.array(table.column(feature), dtype=np.float64)
    if np.ptp(x) == 0:
        raise TableError("constant", column=feature, value=_label(x[0]))
    if task == "regression":
        if table.kind(target) != "number":
            raise TableError("target_text", column=target)
        y = np.array(table.column(target), dtype=np.float64)
        if np.ptp(y) == 0:
            raise TableError("constant", column=target, value=_label(y[0]))
    else:
        classes = table.classes(target)
        if len(classes) < 2:
            raise TableError("one_class", column=target, value=classes[0])
        if positive not in classes:
            raise TableError("no_positive", column=target, value=str(positive)[:40])
        labels = table.column(target)
        labels = [_label(v) for v in labels] if table.kind(target) == "number" else labels
        y = (np.asarray(labels, dtype=object) == positive).astype(np.float64)
    mean, scale = 0.0, 1.0
    if standardise:
        mean, scale = float(x.mean()), float(x.std())
        if not scale > 0:  # rounding of a nearly constant column
            raise TableError("constant", column=feature, value=_label(x[0]))
        x = (x - mean) / scale
    X = x[:, None]
    for arr in (X, y):
        arr.flags.writeable = False
    return Dataset(table.digest, table.name, feature, target, task, positive if task == "classification" else None, bool(standardise),
                   X, y, mean, scale)


def defaults(table: Table, task: str | None = None) -> dict:
    """Sensible first choices for ``table``: feature, target, task and positive class."""
    numbers = table.number_columns()
    feature = numbers[0]
    labels = [c for c in table.label_columns() if c != feature]
    others = [c for c in numbers if c != feature]
    if task is None:
        task = "regression" if others else "classification"
    if task == "regression":
        target = others[0] if others else (labels[0] if labels else table.columns[-1])
    else:
        target = next((c for c in labels if table.kind(c) == "text"), labels[0] if labels else table.columns[-1])
    positive = None
    if task == "classification":
        classes = table.classes(target) if target in table.columns else ()
        positive = classes[-1] if classes else None
    return {"feature": feature, "target": target, "task": task, "positive": positive}
