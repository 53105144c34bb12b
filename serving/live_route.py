"""A live class's version, over plain HTTP: what a following student's browser polls (issue 20).

``GET /api/live/version/<CODE>`` answers ``{"version": n}`` (200) for a live room, 404 when there is no such
room (ended, expired, or never was), 429 when this client has asked about too many unknown rooms. One read of
one small record: no Streamlit session, no script run. A student's page (``ui/live.py``) polls it from the
browser and asks its Streamlit session for a page run only when the version moved; 40 idle followers then
cost the server a few hundred HTTP answers a minute instead of as many fragment runs (BENCHMARKS.md, "A live
class of 40").

- It is answered by an ASGI middleware at the front of the app (``VersionRoute``, first in asgi.py's list),
  before Streamlit's own middleware and router: a poll costs the server about a third of what it cost as a
  route behind them (BENCHMARKS.md, "The followers poll over HTTP"). The embedded store's read runs on the event
  loop (``SqliteStore.version_now``: a read-only connection that never waits on the writers' lock); a
  networked store's (Redis) in a worker thread, so that a slow network never holds up the websockets.
- Nothing lists rooms: a code gives its version or nothing, and a client that misses (unknown codes) more
  than ``MISS_BURST`` times is held to one miss per ``MISS_INTERVAL`` seconds (behind a proxy every client is
  the proxy: the bound is then for the whole server, and a class whose room just ended misses once each).
  Guessing one live room among 31**6 codes at that pace takes months.
- The code is normalized as the app does (``live.normalize_code``); anything else is a 404 without a read.
  ``GET`` and ``HEAD`` only (405 otherwise).
- ``Cache-Control: no-store``: no proxy or browser keeps an old version.
- ``?seen=N`` (the version the page shows) makes it a long poll: while the room is still at version N the
  answer waits, up to ``WAIT_S`` seconds, for the teacher to move it (then it is the same N, and the browser
  asks again at once). However many students wait on a room, this process reads its version once every
  ``CHECK_S`` seconds (``_Watch``): a following class costs the server a few reads a second, and a move
  reaches every waiting phone within ``CHECK_S``, not a poll period later. A request that goes (the tab
  closed) stops waiting; past ``MAX_WAITING`` waiting requests the answer is given at once (the browser then
  asks again after its poll period, as without ``seen``).

The route exists where the app is served through ``asgi.py`` (the Docker image, ``scripts/serve.sh``);
``ROUTE_ENV`` tells the app's pages that it does. Under plain ``streamlit run app.py`` the followers poll
through a fragment instead (``ui.live``).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool

import live

PREFIX = "/api/live/version/"
ROUTE_ENV = "DESCENTLAB_LIVE_ROUTE"  # set to the route's prefix in the server process that serves it
MISS_BURST = 200
MISS_INTERVAL = 0.05  # after the burst: 20 misses a second per client at most

log = logging.getLogger(__name__)
_misses = live.RateLimit(burst=MISS_BURST, interval=MISS_INTERVAL, max_keys=10_000)
_NO_STORE = (b"cache-control", b"no-store")


def answer(found: int | None, client: str, unavailable: bool = False) -> tuple[int, dict, list[tuple[bytes, bytes]]]:
    """(status, JSON body, extra headers) for a read that found ``found`` (None: no such room)."""
    if unavailable:
        return 503, {"error": "unavailable"}, []
    if found is None:
        if not _misses.allow(client):
            return 429, {"error": "too many"}, [(b"retry-after", b"1")]
        return 404, {"error": "no such room"}, []
    return 200, {"version": found}, []


async def _read(code: str) -> int | None:
    """The room's version from the store: on the event loop when the store can (SQLite), else in a thread."""
    store = live.shared()
    now = getattr(store, "version_now", None)
    return now(code) if now is not None else await run_in_threadpool(store.version, code)


_UNAVAILABLE = object()  # what the watch hands its waiters when the store cannot be read


class _Watch:
    """The rooms that requests of this process wait on (``?seen=N``): one read of each every ``CHECK_S``
    seconds, however many wait, and each waiter answered when the version is no longer the one it saw."""

    def __init__(self):
        self.rooms: dict[str, dict[asyncio.Future, int]] = {}  # code -> {waiter: the version it saw}
        self.tasks: dict[str, asyncio.Task] = {}
        self.waiting = 0
        self.reads = 0  # store reads made by the watch (tests, benchmarks)

    def wait(self, code: str, seen: int) -> asyncio.Future:
        loop = asyncio.get_running_loop()
        waiter = loop.create_future()
        self.rooms.setdefault(code, {})[waiter] = seen
        self.waiting += 1
        if code not in self.tasks:
            self.tasks[code] = loop.create_task(self._watch(code))
        return waiter

    def leave(self, code: str, waiter: asyncio.Future) -> None:
        waiters = self.rooms.get(code)
        if waiters is not None and waiters.pop(waiter, None) is not None:
            self.waiting -= 1

    async def _watch(self, code: str) -> None:
        try:
            while True:
                await asyncio.sleep(CHECK_S)
                waiters = self.rooms.get(code)
                if not waiters:
                    break
                self.reads += 1
                try:
                    found = await _read(code)
                except Exception as error:
                    log.warning("live class store unavailable: %s", error)
                    found = _UNAVAILABLE
                for waiter, seen in list(waiters.items()):
                    if found is _UNAVAILABLE or found != seen:
                        self.leave(code, waiter)
                        if not waiter.done():
                            waiter.set_result(found)
        finally:  # no waiter left (none can come between the last check and here: no await)
            self.tasks.pop(code, None)
            if not self.rooms.get(code):
                self.rooms.pop(code, None)


# The longest a long poll waits. Proxies wait longer (deploy/haproxy.cfg.template: 60 s); the bound is the server's
# stop: uvicorn lets the requests in flight finish first (SIGTERM with one waiting took 7 s to exit at 8 s, where
# Docker's stop kills after 10 s). A student then asks every 4 s while nothing moves, 8 times less than a 0.5 s poll.
WAIT_S = 4.0
CHECK_S = 0.1  # how often a watched room is read while requests wait on it
MAX_WAITING = 5000  # requests waiting at once in one process; beyond, the answer comes at once
_watch = _Watch()


def _seen(query: bytes) -> int | None:
    """The ``seen`` version of the query string, or None (none, or not a small whole number)."""
    values = parse_qs(query.decode("latin-1"), max_num_fields=4).get("seen") if query else None
    text = values[0] if values else ""
    return int(text) if text.isdigit() and len(text) < 16 else None


async def _disconnected(receive) -> None:
    """Returns when the client goes away (ASGI: after the request's body comes ``http.disconnect``)."""
    message = await receive()
    while message["type"] == "http.request" and message.get("more_body"):
        message = await receive()
    if message["type"] != "http.disconnect":
        message = await receive()
    if message["type"] != "http.disconnect":
        await asyncio.Event().wait()  # never spin on a server that says something else: the wait's timeout ends it


async def version(path: str, client: str, seen: int | None,
                  receive) -> tuple[int, dict, list[tuple[bytes, bytes]]] | None:
    """The answer to ``GET <path>`` (a path under ``PREFIX``) from ``client``; with ``seen``, once the room is no
    longer at that version or after ``WAIT_S`` seconds (``receive``: the request's ASGI channel, which says when
    the client goes); None when the client went away while it waited."""
    code = live.normalize_code(path[len(PREFIX):])
    if code is None:
        return answer(None, client)
    try:
        found = await _read(code)
    except Exception as error:  # the store is down: the page's own run says so
        log.warning("live class store unavailable: %s", error)
        return answer(None, client, unavailable=True)
    if seen is None or found != seen or _watch.waiting >= MAX_WAITING:
        return answer(found, client)
    waiter = _watch.wait(code, seen)
    gone = asyncio.ensure_future(_disconnected(receive))
    try:
        done, _ = await asyncio.wait({waiter, gone}, timeout=WAIT_S, return_when=asyncio.FIRST_COMPLETED)
    finally:
        _watch.leave(code, waiter)
        gone.cancel()
    if gone in done:
        return None
    if waiter not in done:
        return answer(found, client)  # nothing moved: the same version, and the browser asks again
    moved = waiter.result()
    return answer(None, client, unavailable=True) if moved is _UNAVAILABLE else answer(moved, client)


class VersionRoute:
    """ASGI middleware: answers ``GET /api/live/version/<CODE>`` itself and passes everything else on."""

    def __init__(self, app):
        self.app = app
        os.environ[ROUTE_ENV] = PREFIX  # the pages of this process know that the route is there

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not scope["path"].startswith(PREFIX):
            await self.app(scope, receive, send)
            return
        if scope["method"] not in ("GET", "HEAD"):
            status, body, extra = 405, {"error": "GET only"}, [(b"allow", b"GET, HEAD")]
        else:
            client = scope["client"][0] if scope.get("client") else "-"
            seen = _seen(scope.get("query_string", b"")) if scope["method"] == "GET" else None
            answered = await version(scope["path"], client, seen, receive)
            if answered is None:  # the browser went away while it waited
                return
            status, body, extra = answered
        payload = json.dumps(body).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode()),
                   _NO_STORE, *extra]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else payload})
