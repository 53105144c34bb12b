"""The live class's version route (serving/live_route.py): what a following student's browser polls, answered by
an ASGI middleware in front of the app (driven here through the ASGI interface itself)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
import time

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


def _on_own_loop(coro):
    """``coro`` run on an event loop of its own, in a thread of its own (this thread may hold one already: a browser
    test's)."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def call(path: str, client: str = "10.0.0.7", method: str = "GET", query: bytes = b""):
    """(status, body, headers) of ``method path?query`` through the middleware."""
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "headers": [], "query_string": query,
             "client": (client, 5555)}
    _on_own_loop(live_route.VersionRoute(_downstream)(scope, receive, send))
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


# -- the long poll: ?seen=N waits for the room to move -----------------------------------------------------------
def _asgi_get(path: str, query: bytes, receive=None):
    """A coroutine: (status, JSON body) of a GET through the middleware, on the caller's event loop."""
    async def run():
        sent: list[dict] = []

        async def request_only():
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message):
            sent.append(message)

        scope = {"type": "http", "method": "GET", "path": path, "headers": [], "query_string": query,
                 "client": ("10.0.0.7", 5555)}
        await live_route.VersionRoute(_downstream)(scope, receive or request_only, send)
        return (sent[0]["status"], json.loads(sent[1]["body"])) if sent else None
    return run()


@pytest.fixture()
def quick(monkeypatch):
    monkeypatch.setattr(live_route, "CHECK_S", 0.02)
    monkeypatch.setattr(live_route, "WAIT_S", 2.0)


def test_a_long_poll_answers_at_once_when_the_room_is_already_elsewhere(rooms, quick):
    room, secret = rooms.open("saddles", 1)
    rooms.move(room.code, secret, "saddles", 2)
    t0 = time.monotonic()
    assert call(f"/api/live/version/{room.code}", query=b"seen=1")[:2] == (200, b'{"version": 2}')
    assert time.monotonic() - t0 < 1.0  # no wait (WAIT_S is 2 s here)
    # a seen that is not a small whole number is no long poll: the version at once
    assert call(f"/api/live/version/{room.code}", query=b"seen=two")[:2] == (200, b'{"version": 2}')


def test_a_long_poll_waits_for_the_teacher_and_many_waiters_cost_one_read_per_check(rooms, quick):
    room, secret = rooms.open("saddles", 1)
    path = f"/api/live/version/{room.code}"

    async def class_of_forty():
        reads0 = live_route._watch.reads
        polls = [asyncio.ensure_future(_asgi_get(path, b"seen=1")) for _ in range(40)]
        await asyncio.sleep(0.3)  # everyone waits: ~15 checks of the room
        assert not any(p.done() for p in polls)
        assert live_route._watch.waiting == 40
        checks = live_route._watch.reads - reads0
        assert 3 <= checks <= 30, checks  # one read per check, not one per student (40 x 15 = 600)
        await asyncio.to_thread(rooms.move, room.code, secret, "saddles", 2)  # the teacher's Next
        t0 = asyncio.get_running_loop().time()
        answers = await asyncio.gather(*polls)
        return answers, asyncio.get_running_loop().time() - t0

    answers, took = _on_own_loop(class_of_forty())
    assert answers == [(200, {"version": 2})] * 40
    assert took < 1.0  # within a few checks (0.02 s here), not a poll period
    assert live_route._watch.waiting == 0 and not live_route._watch.rooms


def test_a_long_poll_gives_the_same_version_after_its_wait_and_404_when_the_class_ends(rooms, quick, monkeypatch):
    room, secret = rooms.open("saddles", 1)
    path = f"/api/live/version/{room.code}"
    monkeypatch.setattr(live_route, "WAIT_S", 0.2)
    assert _on_own_loop(_asgi_get(path, b"seen=1")) == (200, {"version": 1})  # nothing moved: ask again
    monkeypatch.setattr(live_route, "WAIT_S", 2.0)

    async def ended():
        poll = asyncio.ensure_future(_asgi_get(path, b"seen=1"))
        await asyncio.sleep(0.1)
        await asyncio.to_thread(rooms.end, room.code, secret)
        return await poll

    assert _on_own_loop(ended())[0] == 404


def test_a_long_poll_stops_waiting_when_the_browser_goes(rooms, quick):
    room, _ = rooms.open("saddles", 1)
    path = f"/api/live/version/{room.code}"

    async def tab_closed():
        gone = asyncio.Event()
        messages = [{"type": "http.request", "body": b"", "more_body": False}]

        async def receive():
            if messages:
                return messages.pop(0)
            await gone.wait()
            return {"type": "http.disconnect"}

        poll = asyncio.ensure_future(_asgi_get(path, b"seen=1", receive))
        await asyncio.sleep(0.1)
        assert live_route._watch.waiting == 1
        gone.set()
        answered = await asyncio.wait_for(poll, 1.0)  # well before WAIT_S
        await asyncio.sleep(0.1)  # the room's watch ends with its last waiter
        return answered, live_route._watch.waiting, dict(live_route._watch.rooms)

    assert _on_own_loop(tab_closed()) == (None, 0, {})  # nothing sent to a browser that is gone


def test_a_store_that_fails_during_a_long_poll_is_a_503(rooms, quick, monkeypatch):
    room, _ = rooms.open("saddles", 1)
    path = f"/api/live/version/{room.code}"
    real = live.shared().version_now

    async def down_midway():
        poll = asyncio.ensure_future(_asgi_get(path, b"seen=1"))
        await asyncio.sleep(0.1)

        def broken(code):
            raise OSError("disk gone")

        monkeypatch.setattr(live.shared(), "version_now", broken)
        try:
            return await poll
        finally:
            monkeypatch.setattr(live.shared(), "version_now", real)

    assert _on_own_loop(down_midway()) == (503, {"error": "unavailable"})
