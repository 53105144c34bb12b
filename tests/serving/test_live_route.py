"""The live class's version route (serving/live_route.py): what a following student's browser polls, answered by
an ASGI middleware in front of the app (driven here through the ASGI interface itself)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os

import pytest

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


async def _downstream(scope, receive, send):  # what the app behind the middleware answers
    await send({"type": "http.response.start", "status": 299, "headers": []})
    await send({"type": "http.response.body", "body": b"the app"})


def call(path: str, client: str = "10.0.0.7", method: str = "GET"):
    """(status, body, headers) of ``method path`` through the middleware."""
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "headers": [], "query_string": b"",
             "client": (client, 5555)}
    # an event loop of its own, in a thread of its own (this thread may hold one already: a browser test's)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, live_route.VersionRoute(_downstream)(scope, receive, send)).result()
    start, body = sent
    return start["status"], body["body"], {k.decode(): v.decode() for k, v in start["headers"]}


def get(code: str, client: str = "10.0.0.7"):
    status, body, headers = call(f"/api/live/version/{code}", client)
    return status, json.loads(body), headers


def test_a_live_room_s_version_and_nothing_else(rooms):
    room, secret = rooms.open("saddles", 1)
    status, body, headers = get(room.code.lower())  # as typed: case does not matter
    assert (status, body) == (200, {"version": 1})
    assert headers["cache-control"] == "no-store" and headers["content-type"] == "application/json"
    assert int(headers["content-length"]) == len(json.dumps(body))
    rooms.move(room.code, secret, "saddles", 2)
    assert get(room.code)[:2] == (200, {"version": 2})  # the loop's reader sees the writer's commit at once
    assert secret not in json.dumps(get(room.code)[1]) and room.secret_hash not in json.dumps(get(room.code)[1])


def test_an_ended_room_and_a_non_code_are_404_and_guessing_is_held_back(rooms):
    room, secret = rooms.open("saddles", 1)
    rooms.end(room.code, secret)
    assert get(room.code)[0] == 404
    assert get("../../etc")[0] == 404
    assert get("ZZZZZZ")[0] == 404
    status, _, headers = get("YYYYYY")  # a fourth miss from this client within the hour (the test's limit: 3)
    assert status == 429 and headers["retry-after"] == "1"
    assert get("YYYYYY", client="10.0.0.8")[0] == 404  # another client has its own allowance
    live_room, _ = rooms.open("compare", 1)
    assert get(live_room.code)[0] == 200  # a room that is there is always answered


def test_only_get_and_head_and_only_the_route(rooms):
    room, _ = rooms.open("saddles", 1)
    assert call(f"/api/live/version/{room.code}", method="POST")[0] == 405
    status, body, headers = call(f"/api/live/version/{room.code}", method="HEAD")
    assert status == 200 and body == b"" and int(headers["content-length"]) > 0
    assert call("/api/live/versions")[:2] == (299, b"the app")  # anything else goes to the app untouched
    assert call("/learning-rate")[:2] == (299, b"the app")


def test_a_store_that_is_down_is_a_503_not_a_traceback(rooms, monkeypatch):
    room, _ = rooms.open("saddles", 1)

    def broken(code):
        raise OSError("disk gone")

    monkeypatch.setattr(live.shared(), "version_now", broken)
    assert get(room.code)[:2] == (503, {"error": "unavailable"})


def test_a_networked_store_is_read_off_the_event_loop(monkeypatch):
    """A store without ``version_now`` (Redis) is read in a worker thread: a slow network holds up no websocket."""
    seen = []

    class Networked:
        def version(self, code):
            try:
                asyncio.get_running_loop()
                seen.append("on the event loop")
            except RuntimeError:  # no loop runs in this thread: a worker's
                seen.append("in a worker thread")
            return 7

    monkeypatch.setattr(live, "shared", lambda: Networked())
    assert get("ABC234")[:2] == (200, {"version": 7}) and seen == ["in a worker thread"]


def test_the_middleware_tells_the_pages_that_the_route_is_there(monkeypatch):
    monkeypatch.delenv(live_route.ROUTE_ENV, raising=False)
    live_route.VersionRoute(_downstream)
    assert os.environ[live_route.ROUTE_ENV] == "/api/live/version/"
