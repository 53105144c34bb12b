"""AppTest helpers shared by the page tests: open app.py (on a page), read charts back from their JSON."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def ok(at: AppTest) -> AppTest:
    """``at`` after a run that raised nothing."""
    assert not at.exception, at.exception
    return at


def fresh(*, timeout: float = 90, **query) -> AppTest:
    """app.py with these URL query parameters, not run yet."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in query.items():
        at.query_params[key] = value
    return at


def open_page(page: str | None = None, /, *, timeout: float = 90, reveal: bool = True, **query) -> AppTest:
    """app.py run once (in English unless ``lang`` is given), then switched to ``page``
    ("lessons/x.py") if one is given; the page ran without an exception. With ``reveal`` (the default) the
    story step's answer is shown, so the page shows everything it keeps back before (``reveal``)."""
    at = fresh(timeout=timeout, **{"lang": "en", **query}).run()
    if page is not None:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return revealed(at) if reveal else at


def revealed(at: AppTest) -> AppTest:
    """``at`` with its story step's answer shown (the Next button's first press), when it was not."""
    from ui.text import text

    if at.button(key="story_next").label in (text("story.reveal_label", lang) for lang in ("en", "ko")):
        at.button(key="story_next").click().run()
        assert not at.exception, at.exception
    return at


def charts(at: AppTest) -> list[dict]:
    """Every plotly chart of the page, as the JSON the browser receives."""
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def chart(at: AppTest) -> dict:
    """The page's first chart."""
    found = charts(at)
    assert found, "no chart on the page"
    return found[0]


def tables(at: AppTest) -> list[pd.DataFrame]:
    """Every table of the page (the app writes them as Markdown: ui/tables.py), read back into
    DataFrames; columns that are all numbers become numbers."""
    found = []
    for block in (m.value for m in at.markdown):
        lines = [line for line in str(block).splitlines() if line.startswith("|")]
        if len(lines) < 2 or not set(lines[1]) <= set("|-: "):
            continue
        header, *rows = [[_unescape(c.strip()) for c in _cells(line)] for line in [lines[0], *lines[2:]]]
        frame = pd.DataFrame(rows, columns=header)
        for column in frame.columns:
            try:
                frame[column] = pd.to_numeric(frame[column])
            except (ValueError, TypeError):
                pass
        found.append(frame)
    return found


def _cells(line: str) -> list[str]:
    """The cells of a Markdown table row, split on the "|" that are not escaped."""
    return re.split(r"(?<!\\)\|", line.strip())[1:-1]


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def frames(spec: dict) -> list:
    return spec.get("frames", [])


def values(array) -> np.ndarray:
    """A JSON array as floats: a plain list or plotly's base64 typed array."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=np.dtype(array["dtype"])).astype(np.float64)
    return np.asarray(array, dtype=np.float64)


def texts(at: AppTest) -> str:
    """The page's text (for assertion messages)."""
    parts = [m.value for m in at.markdown] + [e.value for e in at.error] + [s.value for s in at.success]
    parts += [c.value for c in at.caption] + [i.value for i in at.info] + [h.value for h in at.title]
    return "\n".join(str(p) for p in parts)
