"""Streamlit's static files served compressed (issue 18): ``python -m serving.precompress`` and the
middleware that ``asgi.py`` puts in front of Streamlit (``serving/static.py``), first on a small tree of
files, then through a real ``streamlit run asgi.py`` server with Streamlit's own plotly bundle."""

from __future__ import annotations

import asyncio
import concurrent.futures
import gzip
import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import brotli
import pytest

from serving import precompress as pre
from serving import static

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def tree(tmp_path):
    """A static folder like Streamlit's (``static/js``, ``static/media``, ``index.html``) and its cache."""
    source = tmp_path / "src"
    (source / "static" / "js").mkdir(parents=True)
    (source / "static" / "media").mkdir()
    (source / "index.html").write_text("<html>" + "x" * 5000)
    (source / "static" / "js" / "big.abc123.js").write_text("function f(a){return a+1}\n" * 4000)
    (source / "static" / "css").mkdir()
    (source / "static" / "css" / "index.def.css").write_text(".a{color:red}\n" * 500)
    (source / "static" / "media" / "font.woff2").write_bytes(os.urandom(2000))
    cache = tmp_path / "cache"
    pre.precompress(cache, source, workers=1, log=lambda *_: None, quality=5)
    return source, cache


def call(app, path: str, headers: dict[str, str] | None = None, method: str = "GET", kind: str = "http"):
    """One request through ``app``: (status, headers, body) of what it sent."""
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {"type": kind, "method": method, "path": path, "root_path": "", "query_string": b"",
             "headers": [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]}
    # in a thread of its own: a browser test's Playwright may keep an event loop running in this one
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, app(scope, receive, send)).result()
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, body


async def streamlit_stand_in(scope, receive, send):
    """What Streamlit's own route would answer: the file, uncompressed."""
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"uncompressed " + scope["path"].encode()})


def test_precompress_writes_both_variants_of_text_files_only(tree):
    source, cache = tree
    original = (source / "static" / "js" / "big.abc123.js").read_bytes()
    assert brotli.decompress((cache / "static" / "js" / "big.abc123.js.br").read_bytes()) == original
    assert gzip.decompress((cache / "static" / "js" / "big.abc123.js.gz").read_bytes()) == original
    assert (cache / "static" / "css" / "index.def.css.br").is_file()
    assert not (cache / "static" / "media" / "font.woff2.br").exists(), "fonts are compressed already"
    assert not (cache / "index.html.br").exists(), "only the hashed bundles under static/"
    # a second run compresses nothing; a changed file is compressed again
    lines = []
    pre.precompress(cache, source, workers=1, log=lines.append, quality=5)
    assert lines[-1].startswith("precompressed 0 of 2 files")
    (source / "static" / "css" / "index.def.css").write_text(".b{color:blue}\n" * 500)
    pre.precompress(cache, source, workers=1, log=lines.append, quality=5)
    assert lines[-1].startswith("precompressed 1 of 2 files")


def test_the_middleware_serves_the_variant_the_browser_accepts(tree):
    source, cache = tree
    app = static.PrecompressedStatic(streamlit_stand_in, cache=cache, source=source, base_url="", quiet=True)
    url = "/static/js/big.abc123.js"
    original = (source / "static" / "js" / "big.abc123.js").read_bytes()

    status, headers, body = call(app, url, {"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert status == 200 and headers["content-encoding"] == "br" and brotli.decompress(body) == original
    assert int(headers["content-length"]) == len(body) < len(original) / 10
    assert headers["vary"] == "Accept-Encoding" and "immutable" in headers["cache-control"]
    assert headers["content-type"] == "text/javascript; charset=utf-8"

    # what a phone sends to a classroom server over plain HTTP: no br
    status, headers, body = call(app, url, {"Accept-Encoding": "gzip, deflate"})
    assert headers["content-encoding"] == "gzip" and gzip.decompress(body) == original
    assert call(app, url, {"Accept-Encoding": "br;q=0, gzip;q=0.5"})[1]["content-encoding"] == "gzip"
    assert call(app, url, {"Accept-Encoding": "*"})[1]["content-encoding"] == "br"

    # HEAD: the headers alone; a cached copy: 304
    status, headers, body = call(app, url, {"Accept-Encoding": "gzip"}, method="HEAD")
    assert status == 200 and body == b"" and int(headers["content-length"]) > 0
    status, headers, body = call(app, url, {"Accept-Encoding": "gzip", "If-None-Match": headers["etag"]})
    assert status == 304 and body == b""


@pytest.mark.parametrize("path, headers, method", [
    ("/static/js/big.abc123.js", {}, "GET"),                                   # accepts no coding of ours
    ("/static/js/big.abc123.js", {"Accept-Encoding": "identity"}, "GET"),
    ("/static/js/big.abc123.js", {"Accept-Encoding": "gzip", "Range": "bytes=0-9"}, "GET"),
    ("/static/js/big.abc123.js", {"Accept-Encoding": "gzip"}, "POST"),
    ("/static/js/other.js", {"Accept-Encoding": "gzip"}, "GET"),               # not in the manifest
    ("/static/js/../js/big.abc123.js", {"Accept-Encoding": "gzip"}, "GET"),    # exact paths only
    ("/index.html", {"Accept-Encoding": "gzip"}, "GET"),
    ("/static/media/font.woff2", {"Accept-Encoding": "gzip"}, "GET"),
])
def test_everything_else_goes_to_streamlit(tree, path, headers, method):
    source, cache = tree
    app = static.PrecompressedStatic(streamlit_stand_in, cache=cache, source=source, base_url="", quiet=True)
    status, got, body = call(app, path, headers, method=method)
    assert body == b"uncompressed " + path.encode() and "content-encoding" not in got


async def page_stand_in(scope, receive, send):
    """Streamlit's answer to a page request: index.html (gzipped when asked, as its own middleware does)."""
    html = b"<!doctype html><html><head><title>x</title></head><body>" + b"x" * 3000 + b"</body></html>"
    headers = [(b"content-type", b"text/html; charset=utf-8")]
    if any(k == b"accept-encoding" and b"gzip" in v for k, v in scope["headers"]):
        html = gzip.compress(html)
        headers.append((b"content-encoding", b"gzip"))
    await send({"type": "http.response.start", "status": 200,
                "headers": headers + [(b"content-length", str(len(html)).encode())]})
    await send({"type": "http.response.body", "body": html})


def test_page_documents_preload_the_bundle_every_page_needs(tree):
    source, cache = tree
    app = static.PrecompressedStatic(page_stand_in, cache=cache, source=source, base_url="", quiet=True,
                                     preload=("big.",))
    link = b'<link rel="modulepreload" href="/static/js/big.abc123.js"></head>'
    status, headers, body = call(app, "/minibatch", {"Accept": "text/html,*/*", "Accept-Encoding": "gzip, deflate"})
    assert status == 200 and headers["content-encoding"] == "gzip" and int(headers["content-length"]) == len(body)
    assert link in gzip.decompress(body)
    status, headers, body = call(app, "/", {"Accept": "text/html"})
    assert "content-encoding" not in headers and link in body and int(headers["content-length"]) == len(body)
    # not a page request (a script's fetch, Streamlit's routes): untouched
    assert b"modulepreload" not in gzip.decompress(call(app, "/minibatch", {"Accept-Encoding": "gzip"})[2])
    assert b"modulepreload" not in call(app, "/_stcore/host-config", {"Accept": "text/html"})[2]
    # under a base URL the link has its prefix
    app = static.PrecompressedStatic(page_stand_in, cache=cache, source=source, base_url="class", quiet=True,
                                     preload=("big.",))
    assert b'href="/class/static/js/big.abc123.js"' in call(app, "/class/saddles", {"Accept": "text/html"})[2]


def test_a_file_changed_since_it_was_compressed_is_left_to_streamlit(tree):
    source, cache = tree
    (source / "static" / "js" / "big.abc123.js").write_text("changed")
    entries, note = static.load(cache, source)
    assert "/static/js/big.abc123.js" not in entries and "1 stale" in note
    app = static.PrecompressedStatic(streamlit_stand_in, cache=cache, source=source, base_url="", quiet=True)
    assert call(app, "/static/js/big.abc123.js", {"Accept-Encoding": "gzip"})[2].startswith(b"uncompressed")


def test_no_cache_means_streamlit_serves_everything(tmp_path):
    app = static.PrecompressedStatic(streamlit_stand_in, cache=tmp_path / "none", source=tmp_path, base_url="",
                                     quiet=True)
    assert app.entries == {}
    assert call(app, "/static/js/x.js", {"Accept-Encoding": "gzip"})[2].startswith(b"uncompressed")


def test_under_a_base_url(tree):
    source, cache = tree
    app = static.PrecompressedStatic(streamlit_stand_in, cache=cache, source=source, base_url="/class/", quiet=True)
    assert call(app, "/class/static/js/big.abc123.js", {"Accept-Encoding": "gzip"})[1]["content-encoding"] == "gzip"
    assert call(app, "/static/js/big.abc123.js", {"Accept-Encoding": "gzip"})[2].startswith(b"uncompressed")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str, encoding: str | None, **headers: str) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={**({"Accept-Encoding": encoding} if encoding is not None else {}), **headers})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def test_streamlit_run_asgi_py_serves_the_plotly_bundle_compressed(tmp_path):
    """The deployments' server command (``streamlit run asgi.py``, as in the Dockerfile and serve.sh)
    answers a request for Streamlit's 4.7 MB plotly bundle with its gzip or brotli variant, and the page,
    the health check and the uncompressed file as before. Only the plotly bundle is compressed here, at a
    fast brotli quality (the real cache takes ~50 s to build)."""
    source = static.static_dir()
    cache = tmp_path / "cache"
    pre.precompress(cache, source, workers=1, log=lambda *_: None, quality=4,
                    only=lambda rel: rel.rsplit("/", 1)[-1].startswith("PlotlyChart."))
    rel = next(iter(pre.json.loads((cache / static.MANIFEST).read_text())["files"]))
    original = (source / rel).read_bytes()
    port = free_port()
    log = open(tmp_path / "server.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "asgi.py", "--server.headless=true",
                             f"--server.port={port}", "--server.address=127.0.0.1"], cwd=ROOT, stdout=log,
                            stderr=subprocess.STDOUT, env={**os.environ, static.CACHE_ENV: str(cache)})
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if _get(port, "/_stcore/health", None)[0] == 200:
                    break
            except OSError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, (tmp_path / "server.log").read_text()[-2000:]
            time.sleep(0.3)
        status, headers, body = _get(port, "/" + rel, "gzip, deflate")
        assert status == 200 and headers["content-encoding"] == "gzip"
        assert gzip.decompress(body) == original and len(body) < 0.35 * len(original)
        status, headers, body = _get(port, "/" + rel, "gzip, deflate, br, zstd")
        assert headers["content-encoding"] == "br" and brotli.decompress(body) == original
        status, headers, body = _get(port, "/" + rel, None)
        assert status == 200 and "content-encoding" not in headers and body == original
        status, _, body = _get(port, "/minibatch", None)
        assert status == 200 and b"<!doctype html>" in body.lower()
        link = f'<link rel="modulepreload" href="/{rel}">'.encode()
        assert link not in body, "only for a browser's page request"
        status, headers, body = _get(port, "/minibatch", "gzip, deflate", Accept="text/html")
        assert headers["content-encoding"] == "gzip" and link in gzip.decompress(body)
        assert "1 precompressed static files" in (tmp_path / "server.log").read_text()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
