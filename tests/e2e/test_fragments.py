"""Reruns that redo only what changed, seen on the wire: a real server, Streamlit's own protocol
(benchmarks/load.py's client), the messages a browser sends when a widget inside a fragment changes."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
from urllib.parse import urlparse

import pytest

from benchmarks.load import FRAGMENT_SUCCESS, SUCCESS, Session


def run(coro):
    """Run ``coro`` on an event loop of its own thread (Playwright's sync API keeps one running in this one)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, asyncio.wait_for(coro, 120)).result()


async def _open(url: str, page: str = "", query: str = "lang=en"):
    session = Session(urlparse(url).port, timeout=90)
    await session.connect()
    first = await session.rerun(page, query, how="first")
    assert not first.failed, (first.error, first.exceptions)
    return session, first


# Free exploring (a setting that differs from the story step's, steps=40): a story step keeps its results
# (the summary and its tolerance) back until its answer is shown.
@pytest.mark.parametrize("page, key, value", [
    ("", "logloss", True),            # compare: the map's log scale
    ("", "tol", 1e-3),                # compare: the summary's tolerance
    ("minibatch", "per_epoch", False),
    ("lr-sweep", "sw_metric", True),
    ("tiny-network", "net_log", True),
])
def test_a_control_inside_a_chart_section_reruns_only_that_section(app_url, page, key, value):
    async def scenario():
        session, first = await _open(app_url, page, "lang=en&steps=40" if key == "tol" else "lang=en")
        try:
            widget = first.widgets[key]
            assert widget.fragment, f"{key} is not inside a fragment"
            again = await session.rerun(page, "lang=en", how="widgets", widgets={widget.id: value},
                                        fragment=widget.fragment)
            assert not again.failed, (again.error, again.exceptions)
            assert again.status == FRAGMENT_SUCCESS
            # only the section was sent again: its own control, none of the sidebar's
            assert key in again.widgets and "lang" not in again.widgets
            assert len(again.widgets) < len(first.widgets) / 2
            return first, again
        finally:
            await session.close()

    first, again = run(scenario())
    if key != "tol":  # the tolerance changes a table, the others a chart
        assert again.charts != first.charts


def test_a_click_on_the_map_moves_the_start_and_reruns_the_page(app_url):
    """The map sits in a fragment; a click there is a new scene, so the whole page reruns."""
    async def scenario():
        session, first = await _open(app_url, query="lang=en&opts=Adam")
        try:
            chart = first.widgets["map"]
            assert chart.fragment
            click = {"selection": {"points": [{"x": 3.0, "y": -1.5, "curve_number": 0, "point_number": 0}],
                                   "point_indices": [0], "box": [], "lasso": []}}
            moved = await session.rerun("", "lang=en&opts=Adam", how="widgets", widgets={chart.id: json.dumps(click)},
                                        fragment=chart.fragment)
            assert not moved.failed, (moved.error, moved.exceptions)
            return first, moved
        finally:
            await session.close()

    first, moved = run(scenario())
    assert moved.status == SUCCESS and moved.early >= 1  # the fragment asked for a full rerun
    assert moved.widgets["x0"].value == 3.0 and moved.widgets["y0"].value == -1.5
    assert moved.charts != first.charts
