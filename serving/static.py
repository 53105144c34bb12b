"""Streamlit's static files, precompressed, served before Streamlit's own route.

Streamlit 1.67 sends its frontend bundles uncompressed on purpose
(``streamlit/web/server/starlette/starlette_gzip_middleware.py``: compressing on every request costs the
server's CPU; it leaves that to a proxy or a CDN). A phone's first visit then downloads ~9 MB of JS. Here
the bundles are compressed ONCE (``python -m serving.precompress``: brotli quality 11 and gzip level 9,
into a cache folder with a manifest) and this ASGI middleware answers ``GET``/``HEAD /static/<file>`` with
the variant the browser accepts:

- brotli when ``Accept-Encoding`` allows ``br`` (browsers send it over HTTPS and to localhost), else gzip
  (what a phone sends to a classroom server at ``http://192.168.x.y``); neither, or a ``Range`` request:
  Streamlit's own route answers, uncompressed;
- the same headers as Streamlit's route (``Cache-Control: public, immutable, max-age=31536000``: the file
  names carry a content hash) plus ``Content-Encoding``, ``Vary: Accept-Encoding`` and an ``ETag``
  (``If-None-Match`` gets a 304);
- only paths listed in the manifest, matched as exact strings (no file-system path is ever built from a
  request), and only while the file Streamlit serves is the one that was compressed (same size and
  modification time: an upgraded Streamlit falls back to its own route until the cache is rebuilt);
- each variant is read from disk once, on its first request, and kept in memory (at most the cache's
  size, ~15 MB for every file in both encodings; a class loads about a dozen files).

A page document (a browser's GET for HTML: ``/``, ``/minibatch``, Streamlit's index.html) gets one more line in
its ``<head>``: ``<link rel="modulepreload">`` for the plotly bundle (``PRELOAD``), which every page of this app
needs. Streamlit fetches it only once the first chart's message has arrived over the websocket; preloaded, a
phone downloads it from the start, alongside the main bundle (on the emulated phone of benchmarks/phone.py the
cold visit's bundle arrived at 15.8 s instead of 19.8 s). The document is gzipped (8 KB -> 3 KB).

Everything else (the websocket, health checks, media, components) goes to Streamlit untouched.
"""

from __future__ import annotations

import gzip
import json
import mimetypes
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CACHE_ENV = "DESCENTLAB_STATIC_CACHE"
MANIFEST = "manifest.json"
# Only the hashed bundles: index.html (8 KB, no-cache) and the rest of the static root are left to Streamlit.
SUBTREE = "static/"
ENCODINGS = ("br", "gzip")  # preferred first
SUFFIX = {"br": ".br", "gzip": ".gz"}
IMMUTABLE = "public, immutable, max-age=31536000"  # what Streamlit's route sends for these files
# Bundles every page of this app needs (each draws a plotly chart), preloaded from the page's <head>.
PRELOAD = ("PlotlyChart.",)


def cache_dir() -> Path:
    """Where the precompressed files are: ``$DESCENTLAB_STATIC_CACHE``, else ``.static-cache`` beside app.py."""
    return Path(os.environ.get(CACHE_ENV) or ROOT / ".static-cache")


def static_dir() -> Path:
    """The folder Streamlit serves its frontend from (``index.html``, ``static/js/...``)."""
    from streamlit import file_util

    return Path(file_util.get_static_dir())


def accepted(header: str) -> set[str]:
    """The content codings an ``Accept-Encoding`` value accepts (q > 0; ``*`` accepts both of ours)."""
    out: set[str] = set()
    refused: set[str] = set()
    for item in header.lower().split(","):
        name, _, params = item.strip().partition(";")
        name = name.strip()
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        (out if q > 0 else refused).add(name)
    if "*" in out:
        out |= set(ENCODINGS) - refused
    return out


@dataclass
class Entry:
    """One static file with its compressed variants: {coding: (path, size)}."""

    url: str
    content_type: str
    etag_base: str
    variants: dict[str, tuple[Path, int]]
    body: dict[str, bytes] = field(default_factory=dict)


def load(cache: Path | None = None, source: Path | None = None) -> tuple[dict[str, Entry], str]:
    """The manifest's files that still match what Streamlit serves, by URL path relative to the app's base
    (``/static/js/x.js``), and a line saying what was found."""
    cache = cache or cache_dir()
    source = source or static_dir()
    try:
        manifest = json.loads((cache / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        return {}, f"no precompressed static files ({cache / MANIFEST}: {error.__class__.__name__}); " \
                   "run `python -m serving.precompress`"
    entries: dict[str, Entry] = {}
    stale = 0
    for rel, info in manifest.get("files", {}).items():
        if not rel.startswith(SUBTREE) or ".." in rel.split("/"):
            continue
        try:
            stat = (source / rel).stat()
        except OSError:
            stale += 1
            continue
        if stat.st_size != info.get("size") or stat.st_mtime_ns != info.get("mtime_ns"):
            stale += 1
            continue
        variants = {}
        for coding in ENCODINGS:
            size = info.get(SUFFIX[coding][1:])  # the manifest's keys: br, gz
            path = cache / (rel + SUFFIX[coding])
            if size and path.is_file() and path.stat().st_size == size:
                variants[coding] = (path, size)
        if not variants:
            continue
        kind = mimetypes.guess_type(rel)[0] or "application/octet-stream"
        if kind.startswith("text/"):
            kind += "; charset=utf-8"
        entries["/" + rel] = Entry("/" + rel, kind, f"{info['mtime_ns']:x}-{info['size']:x}", variants)
    note = (f"{len(entries)} precompressed static files ({', '.join(ENCODINGS)}) from {cache}"
            + (f"; {stale} stale (Streamlit changed since: rerun `python -m serving.precompress`)" if stale else ""))
    return entries, note


class PrecompressedStatic:
    """ASGI middleware: ``/static/...`` from the precompressed cache (see the module's docstring).

    ``cache``/``source`` default to ``cache_dir()`` and Streamlit's static folder; ``base_url`` to Streamlit's
    ``server.baseUrlPath``."""

    def __init__(self, app: Any, cache: str | Path | None = None, source: str | Path | None = None,
                 base_url: str | None = None, quiet: bool = False, preload: tuple[str, ...] = PRELOAD):
        self.app = app
        self.entries, note = load(Path(cache) if cache else None, Path(source) if source else None)
        if base_url is None:
            try:
                from streamlit import config

                base_url = config.get_option("server.baseUrlPath") or ""
            except Exception:  # noqa: BLE001 - outside a Streamlit server
                base_url = ""
        self.prefix = "/" + base_url.strip("/") if base_url.strip("/") else ""
        # <link rel="modulepreload"> for the bundles named in ``preload`` (by file name prefix), put in every page
        # document (see ``_page``): a bundle that every page needs is fetched from the start instead of after
        # the first chart's message arrives.
        names = [url for url in self.entries if url.startswith("/static/js/")
                 and any(url.rsplit("/", 1)[-1].startswith(p) for p in preload)]
        self.preload = "".join(f'<link rel="modulepreload" href="{self.prefix}{url}">' for url in sorted(names)).encode()
        if not quiet:
            print(f"descentlab: {note}", file=sys.stderr, flush=True)

    def _entry(self, scope: dict) -> Entry | None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD") or not self.entries:
            return None
        path = scope.get("path", "")
        root = scope.get("root_path", "")
        if root and path.startswith(root + "/"):
            path = path[len(root):]
        if self.prefix:
            if not path.startswith(self.prefix + "/"):
                return None
            path = path[len(self.prefix):]
        return self.entries.get(path)

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        entry = self._entry(scope)
        if entry is None:
            if self.preload and _is_page_request(scope):
                await self._page(scope, receive, send)
            else:
                await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", ())}
        codings = accepted(headers.get("accept-encoding", ""))
        coding = next((c for c in ENCODINGS if c in codings and c in entry.variants), None)
        if coding is None or "range" in headers:
            await self.app(scope, receive, _add_vary(send))
            return
        path, size = entry.variants[coding]
        etag = f'"{entry.etag_base}-{SUFFIX[coding][1:]}"'
        common = [(b"cache-control", IMMUTABLE.encode()), (b"vary", b"Accept-Encoding"), (b"etag", etag.encode())]
        if etag in [t.strip() for t in headers.get("if-none-match", "").split(",")]:
            await send({"type": "http.response.start", "status": 304, "headers": common})
            await send({"type": "http.response.body", "body": b""})
            return
        body = b""
        if scope["method"] == "GET":
            body = entry.body.get(coding)
            if body is None:
                import anyio.to_thread

                body = await anyio.to_thread.run_sync(path.read_bytes)
                entry.body[coding] = body
        await send({"type": "http.response.start", "status": 200, "headers": [
            (b"content-type", entry.content_type.encode()), (b"content-encoding", coding.encode()),
            (b"content-length", str(size).encode()), *common]})
        await send({"type": "http.response.body", "body": body})


    async def _page(self, scope: dict, receive: Any, send: Any) -> None:
        """A page document (``/``, ``/minibatch``: Streamlit's index.html) with the preload links added at the
        end of its ``<head>``, gzip-compressed when the browser accepts it (8 KB -> 3 KB). Streamlit is asked
        for it uncompressed; any other answer (not HTML, no ``</head>``, encoded) passes on unchanged."""
        accepts = ""
        headers = []
        for key, value in scope.get("headers", ()):
            if key.lower() == b"accept-encoding":
                accepts = value.decode("latin-1")
            else:
                headers.append((key, value))
        start: dict = {}
        chunks: list[bytes] = []
        passing = False

        async def capture(message: dict) -> None:
            nonlocal start, passing
            if message["type"] == "http.response.start":
                kinds = {k.lower(): v for k, v in message.get("headers", [])}
                if (not kinds.get(b"content-type", b"").startswith(b"text/html") or b"content-encoding" in kinds
                        or message.get("status") != 200):
                    passing = True
                    await send(message)
                else:
                    start = message
                return
            if passing:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(chunks)
            if b"</head>" in body:
                body = body.replace(b"</head>", self.preload + b"</head>", 1)
            # Streamlit's validators describe its own file: this representation (its link, its coding) has none
            # (the document is no-cache anyway: 3 KB each time)
            out = [(k, v) for k, v in start.get("headers", [])
                   if k.lower() not in (b"content-length", b"vary", b"etag", b"last-modified")]
            if "gzip" in accepted(accepts):
                body = gzip.compress(body, compresslevel=6, mtime=0)
                out.append((b"content-encoding", b"gzip"))
            out += [(b"content-length", str(len(body)).encode()), (b"vary", b"Accept-Encoding")]
            await send({**start, "headers": out})
            await send({"type": "http.response.body", "body": body})

        await self.app({**scope, "headers": headers}, receive, capture)


def _is_page_request(scope: dict) -> bool:
    """A browser asking for a page (a GET for HTML outside Streamlit's own routes)."""
    if scope["type"] != "http" or scope["method"] != "GET":
        return False
    path = scope.get("path", "")
    if any(f"/{route}" in path for route in ("static/", "_stcore/", "media/", "component/", "app/static/")):
        return False
    accept = next((v for k, v in scope.get("headers", ()) if k.lower() == b"accept"), b"")
    return b"text/html" in accept


def _add_vary(send: Any) -> Any:
    """``send`` that adds ``Vary: Accept-Encoding`` to Streamlit's own answer for a file we hold compressed."""
    async def wrapped(message: dict) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), (b"vary", b"Accept-Encoding")]}
        await send(message)
    return wrapped
