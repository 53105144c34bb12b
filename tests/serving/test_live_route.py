"""The live class's version route (serving/live_route.py): what a following student's browser polls."""

from __future__ import annotations

import json

import pytest
from starlette.requests import Request

import live
from serving import live_route


@pytest.fixture()
def rooms(tmp_path, monkeypatch):
    monkeypatch.setenv(live.stores.DIR_ENV, str(tmp_path))
    monkeypatch.delenv(live.stores.REDIS_ENV, raising=False)
    monkeypatch.setattr(live_route, "_misses", live.RateLimit(burst=3, interval=3600.0))
    live.shared.cache_clear()
    yield live.Rooms(live.shared())
    live.shared().close()
    live.shared.cache_clear()


def get(code: str, client: str = "10.0.0.7"):
    scope = {"type": "http", "method": "GET", "path": f"/api/live/version/{code}", "headers": [],
             "query_string": b"", "path_params": {"code": code}, "client": (client, 5555)}
    response = live_route.version(Request(scope))
    return response.status_code, json.loads(response.body), dict(response.headers)


def test_a_live_room_s_version_and_nothing_else(rooms):
    room, secret = rooms.open("saddles", 1)
    status, body, headers = get(room.code.lower())  # as typed: case does not matter
    assert (status, body) == (200, {"version": 1})
    assert headers["cache-control"] == "no-store"
    rooms.move(room.code, secret, "saddles", 2)
    assert get(room.code)[:2] == (200, {"version": 2})
    assert secret not in json.dumps(get(room.code)[1]) and room.secret_hash not in json.dumps(get(room.code)[1])


def test_an_ended_room_and_a_non_code_are_404_and_guessing_is_held_back(rooms):
    room, secret = rooms.open("saddles", 1)
    rooms.end(room.code, secret)
    assert get(room.code)[0] == 404
    assert get("../../etc")[0] == 404
    assert get("ZZZZZZ")[0] == 404
    assert get("YYYYYY")[0] == 429  # a fourth miss from this client within the hour (the test's limit: 3)
    assert get("YYYYYY", client="10.0.0.8")[0] == 404  # another client has its own allowance
    live_room, _ = rooms.open("compare", 1)
    assert get(live_room.code)[0] == 200  # a room that is there is always answered


def test_the_route_is_declared_for_st_app_and_tells_the_pages(monkeypatch):
    monkeypatch.delenv(live_route.ROUTE_ENV, raising=False)
    (route,) = live_route.routes()
    assert route.path == "/api/live/version/{code}" and route.methods >= {"GET"}
    import os
    assert os.environ[live_route.ROUTE_ENV] == "/api/live/version/"
