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

The route exists where the app is served through ``asgi.py`` (the Docker image, ``scripts/serve.sh``);
``ROUTE_ENV`` tells the app's pages that it does. Under plain ``streamlit run app.py`` the followers poll
through a fragment instead (``ui.live``).
"""

from __future__ import annotations

import json
import logging
import os

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


async def version(path: str, client: str) -> tuple[int, dict, list[tuple[bytes, bytes]]]:
    """The answer to ``GET <path>`` (a path under ``PREFIX``) from ``client``."""
    code = live.normalize_code(path[len(PREFIX):])
    if code is None:
        return answer(None, client)
    store = live.shared()
    try:
        now = getattr(store, "version_now", None)
        found = now(code) if now is not None else await run_in_threadpool(store.version, code)
    except Exception as error:  # the store is down: the page's own run says so
        log.warning("live class store unavailable: %s", error)
        return answer(None, client, unavailable=True)
    return answer(found, client)


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
            status, body, extra = await version(scope["path"], client)
        payload = json.dumps(body).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode()),
                   _NO_STORE, *extra]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else payload})
