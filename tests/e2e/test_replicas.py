"""scripts/serve.sh --replicas 2: two Streamlit processes behind HAProxy on loopback.

The page renders through the proxy in Chromium; protocol sessions (benchmarks/load.Session) spread
over both replicas, their websockets go where HAProxy's sticky cookie says (its own connection
counts), and a reconnect with that cookie resumes the same server-side session (the replica still
holds it); Streamlit's static files and the websocket come compressed (issue 18); a killed replica is
marked down by the health checks and traffic keeps flowing. serve.sh stops every process it started on
SIGTERM.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from benchmarks.load import Session

from .helpers import ARTIFACTS, ROOT, no_exception, open_app, plot_state

STICKY = "DESCENTLAB_REPLICA"


def show_stat(sock: str) -> dict[str, dict[str, str]]:
    """HAProxy's `show stat` for the replicas: {server name: {status, scur (open connections), ...}}."""
    with socket.socket(socket.AF_UNIX) as s:
        s.settimeout(5)
        s.connect(sock)
        s.sendall(b"show stat\n")
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    lines = data.decode().splitlines()
    header = lines[0].lstrip("# ").split(",")
    rows = [dict(zip(header, line.split(","))) for line in lines[1:] if line]
    return {r["svname"]: r for r in rows if r["pxname"] == "streamlit" and r["svname"] not in ("BACKEND", "FRONTEND")}


def run_async(make_coroutine):
    """asyncio.run in a thread of its own: Playwright's sync API keeps an event loop running in this one."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(make_coroutine())).result()


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (not yet reaped by its parent) is gone too
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.fixture(scope="module")
def replicas():
    run_dir = ARTIFACTS / "replicas"
    run_dir.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(
        ["bash", "scripts/serve.sh", "--replicas", "2", "--port", "0", "--run-dir", str(run_dir),
         "--", "--server.disconnectedSessionTTL", "60"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=open(run_dir / "serve.log", "w"), text=True)
    ready = None
    for line in proc.stdout:  # serve.sh gives up by itself (120 s per replica) and then closes stdout
        if line.startswith("ready "):
            ready = dict(part.split("=", 1) for part in line.split()[2:])
            ready["url"] = line.split()[1]
            break
    if ready is None:
        proc.kill()
        pytest.fail("serve.sh did not get ready: " + (run_dir / "serve.log").read_text()[-2000:])
    ready["port"] = int(ready["url"].rsplit(":", 1)[1])
    ready["pids"] = [int(p) for p in ready["replica_pids"].split(",")]
    ready["haproxy"] = int(ready["haproxy_pid"])
    yield ready
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)
    started = [ready["haproxy"], *ready["pids"]]
    deadline = time.monotonic() + 15
    while any(alive(pid) for pid in started) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in started if alive(pid)], "serve.sh left processes running after SIGTERM"


@pytest.mark.timeout(300)  # the first test also waits for serve.sh: ~50 s to compress the static files once
def test_page_renders_through_the_proxy(page: Page, replicas, shot):
    open_app(page, f"{replicas['url']}/?lang=en")
    no_exception(page)
    expect(page.get_by_role("heading", name="Compare optimizers").first).to_be_visible()
    assert plot_state(page)["frames"] > 1
    cookie = next(c for c in page.context.cookies() if c["name"] == STICKY)
    assert cookie["value"] in ("r1", "r2") and cookie["httpOnly"]
    shot(page, "through-haproxy")


@pytest.mark.timeout(120)
def test_static_files_and_the_websocket_come_compressed(replicas):
    """Issue 18: through the proxy, Streamlit's 4.7 MB plotly bundle comes gzip-compressed to a phone on the
    classroom's plain HTTP (brotli where the browser offers it), the page preloads it, and the websocket
    negotiates permessage-deflate."""
    import gzip
    import http.client
    import json

    import brotli

    from serving import static

    manifest = json.loads((static.cache_dir() / static.MANIFEST).read_text())  # as serve.sh wrote it
    rel = next(r for r in manifest["files"] if r.rsplit("/", 1)[-1].startswith("PlotlyChart."))
    original = (static.static_dir() / rel).read_bytes()

    def get(path: str, **headers: str):
        conn = http.client.HTTPConnection("127.0.0.1", replicas["port"], timeout=30)
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            return {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            conn.close()

    headers, body = get("/" + rel, **{"Accept-Encoding": "gzip, deflate"})
    assert headers["content-encoding"] == "gzip" and gzip.decompress(body) == original
    assert len(body) == manifest["files"][rel]["gz"] < 0.35 * len(original)
    headers, body = get("/" + rel, **{"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert headers["content-encoding"] == "br" and brotli.decompress(body) == original
    assert len(body) < 0.25 * len(original)
    headers, body = get("/saddles", Accept="text/html", **{"Accept-Encoding": "gzip"})
    assert f'<link rel="modulepreload" href="/{rel}">'.encode() in gzip.decompress(body)

    async def extensions():
        session = Session(replicas["port"], timeout=60, health_timeout=30)
        session.compression = "deflate"  # as browsers offer it
        await session.connect()
        try:
            run = await session.rerun("", "", how="first")
            assert not run.failed, run.error or run.exceptions
            return session.ws.response.headers.get("Sec-WebSocket-Extensions", ""), run.bytes, run.wire
        finally:
            await session.close()

    offered, messages, wire = run_async(extensions)
    assert offered.startswith("permessage-deflate") and wire < 0.5 * messages, (offered, messages, wire)


@pytest.mark.timeout(120)
def test_sessions_spread_and_reconnects_stick(replicas):
    port, sock = replicas["port"], replicas["stats_socket"]
    deadline = time.monotonic() + 15  # the browser test's websocket may take a moment to close
    while any(int(r["scur"]) for r in show_stat(sock).values()) and time.monotonic() < deadline:
        time.sleep(0.2)

    async def scenario():
        sessions = [Session(port, timeout=60, health_timeout=30) for _ in range(4)]
        for s in sessions:
            await s.connect()
            run = await s.rerun("", "", how="first")
            assert not run.failed, run.error or run.exceptions
        where = [s.cookies[STICKY] for s in sessions]
        stat = show_stat(sock)
        for s in sessions:
            await s.close()
        # A browser's reconnect: the same cookies, its last session id; the replica still holds the
        # session (disconnectedSessionTTL 60 s) only if the proxy brought it back there.
        resumed = []
        for s in sessions:
            again = Session(port, timeout=60, cookies=s.cookies, resume=s.session_id)
            await again.connect()
            run = await again.rerun("", "", how="plain")
            assert not run.failed, run.error or run.exceptions
            resumed.append((again.cookies[STICKY], again.session_id == s.session_id))
            await again.close()
        # Control: the other replica's cookie cannot resume the session (it lives on one replica only)
        first = sessions[0]
        other = {"r1": "r2", "r2": "r1"}[first.cookies[STICKY]]
        wrong = Session(port, timeout=60, cookies={**first.cookies, STICKY: other}, resume=first.session_id)
        await wrong.connect()
        run = await wrong.rerun("", "", how="plain")
        assert not run.failed, run.error or run.exceptions
        await wrong.close()
        return where, stat, resumed, wrong.session_id != first.session_id

    where, stat, resumed, control = run_async(scenario)
    assert sorted(set(where)) == ["r1", "r2"], where  # new sessions spread over both replicas
    # each websocket is an open connection on the replica its cookie names (HAProxy's own count)
    assert {name: int(stat[name]["scur"]) for name in ("r1", "r2")} == \
        {name: where.count(name) for name in ("r1", "r2")}, (where, {n: stat[n]["scur"] for n in stat})
    assert resumed == [(name, True) for name in where], resumed  # same replica, same session
    assert control, "a session was resumed through the other replica: the check above proves nothing"


@pytest.mark.timeout(120)
def test_killed_replica_is_marked_down_and_traffic_goes_on(replicas):
    port, sock = replicas["port"], replicas["stats_socket"]
    assert {name: row["status"] for name, row in show_stat(sock).items()} == {"r1": "UP", "r2": "UP"}
    os.kill(replicas["pids"][0], signal.SIGKILL)  # r1
    deadline = time.monotonic() + 20
    while show_stat(sock)["r1"]["status"] != "DOWN" and time.monotonic() < deadline:
        time.sleep(0.2)
    stat = show_stat(sock)
    assert stat["r1"]["status"] == "DOWN" and stat["r2"]["status"] == "UP", {n: r["status"] for n, r in stat.items()}
    assert stat["r1"]["check_status"] in ("L4CON", "L4TOUT", "L7TOUT"), stat["r1"]  # the health check said so

    async def visits():
        out = []
        for cookies in ({}, {STICKY: "r1"}):  # a new visitor, and one whose replica died
            s = Session(port, timeout=60, health_timeout=30, cookies=cookies)
            await s.connect()
            run = await s.rerun("", "", how="first")
            await s.close()
            out.append((s.cookies.get(STICKY), run.failed, run.error))
        return out

    assert run_async(visits) == [("r2", False, None), ("r2", False, None)]
