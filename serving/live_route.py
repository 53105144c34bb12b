"""A live class's version, over plain HTTP: what a following student's browser polls (issue 20).

``GET /api/live/version/<CODE>`` answers ``{"version": n}`` (200) for a live room, 404 when there is no such
room (ended, expired, or never was), 429 when this client has asked about too many unknown rooms. One read of
one small record: no Streamlit session, no script run. A student's page (``ui/live.py``) polls it from the
browser and asks its Streamlit session for a page run only when the version moved; 40 idle followers then
cost the server a few hundred HTTP answers a minute instead of as many fragment runs (BENCHMARKS.md, "A live
class of 40").

- Nothing lists rooms: a code gives its version or nothing, and a client that misses (unknown codes) more
  than ``MISS_BURST`` times is held to one miss per ``MISS_INTERVAL`` seconds (behind a proxy every client is
  the proxy: the bound is then for the whole server, and a class whose room just ended misses once each).
  Guessing one live room among 31**6 codes at that pace takes months.
- The code is normalized as the app does (``live.normalize_code``); anything else is a 404 without a read.
- ``Cache-Control: no-store``: no proxy or browser keeps an old version.

The route exists where the app is served through ``asgi.py`` (the Docker image, ``scripts/serve.sh``);
``ROUTE_ENV`` tells the app's pages that it does. Under plain ``streamlit run app.py`` the followers poll
through a fragment instead (``ui.live``).
"""

from __future__ import annotations

import logging
import os

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

import live

PATH = "/api/live/version/{code}"
ROUTE_ENV = "DESCENTLAB_LIVE_ROUTE"  # set to the route's prefix in the server process that serves it
PREFIX = PATH.split("{")[0]
MISS_BURST = 200
MISS_INTERVAL = 0.05  # after the burst: 20 misses a second per client at most

log = logging.getLogger(__name__)
_misses = live.RateLimit(burst=MISS_BURST, interval=MISS_INTERVAL, max_keys=10_000)
_HEADERS = {"Cache-Control": "no-store"}


def version(request: Request) -> JSONResponse:
    """The room's version (a sync endpoint: Starlette runs it in its thread pool, off the event loop)."""
    code = live.normalize_code(request.path_params.get("code"))
    client = request.client.host if request.client else "-"
    found = None
    if code is not None:
        try:
            found = live.shared().version(code)
        except Exception as error:  # the store is down: the page's own run says so
            log.warning("live class store unavailable: %s", error)
            return JSONResponse({"error": "unavailable"}, status_code=503, headers=_HEADERS)
    if found is None:
        if not _misses.allow(client):
            return JSONResponse({"error": "too many"}, status_code=429, headers={**_HEADERS, "Retry-After": "1"})
        return JSONResponse({"error": "no such room"}, status_code=404, headers=_HEADERS)
    return JSONResponse({"version": found}, headers=_HEADERS)


def routes() -> list[Route]:
    """The route for ``st.App(routes=...)``; tells this process's pages that it is there."""
    os.environ[ROUTE_ENV] = PREFIX
    return [Route(PATH, version, methods=["GET"])]
