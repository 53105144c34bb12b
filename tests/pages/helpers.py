"""AppTest helpers shared by the page tests: open app.py (on a page), read charts back from their JSON."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def fresh(*, timeout: float = 90, **query) -> AppTest:
    """app.py with these URL query parameters, not run yet."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in query.items():
        at.query_params[key] = value
    return at


def open_page(page: str | None = None, /, *, timeout: float = 90, **query) -> AppTest:
    """app.py run once (in English unless ``lang`` is given), then switched to ``page``
    ("lessons/x.py") if one is given; the page ran without an exception."""
    at = fresh(timeout=timeout, **{"lang": "en", **query}).run()
    if page is not None:
        at.switch_page(page).run()
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
