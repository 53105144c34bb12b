"""scripts/serve.sh --replicas 2: two Streamlit processes behind HAProxy on loopback.

The page renders through the proxy in Chromium; protocol sessions (benchmarks/load.Session) spread
over both replicas, their websockets go where HAProxy's sticky cookie says (its own connection
counts), and a reconnect with that cookie resumes the same server-side session (the replica still
holds it); Streamlit's static files and the websocket come compressed (issue 18); a killed replica is
marked down by the health checks and traffic keeps flowing. serve.sh stops every process it started on
SIGTERM.

A live class (issue 20) spreads over both replicas through the redis-server serve.sh starts: the teacher on
one, students on both follow and answer; an answer acknowledged by the replica that is then killed is still
counted, and its student, back through the proxy on the other replica, is the same student.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

import live
from benchmarks._server import haproxy_stats
from benchmarks.load import Session

from .helpers import ARTIFACTS, ROOT, no_exception, open_app, plot_state

STICKY = "DESCENTLAB_REPLICA"


def show_stat(sock: str) -> dict[str, dict[str, str]]:
    """HAProxy's `show stat` for the replicas: {server name: {status, scur (open connections), ...}}."""
    return {r["svname"]: r for r in haproxy_stats(sock)
            if r["pxname"] == "streamlit" and r["svname"] not in ("BACKEND", "FRONTEND")}


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
    for old in (run_dir / "redis").glob("**/*"):  # a fresh store: rooms of an earlier run are not this one's
        if old.is_file():
            old.unlink()
    proc = subprocess.Popen(
        ["bash", "scripts/serve.sh", "--replicas", "2", "--port", "0", "--run-dir", str(run_dir),
         "--redis-dir", str(run_dir / "redis"), "--", "--server.disconnectedSessionTTL", "60"],
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
    started = [ready["haproxy"], *ready["pids"], int(ready["redis_pid"])]
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


LIVE: dict = {}  # the live class of the test below, for the one after the kill
VOTE = "_live_vote_learning-rate_{}"


async def _poll(session: Session, query: str, port: int, code: str):
    """What the browser does: served through asgi.py (serve.sh), it fetches the room's version from the route
    (through HAProxy, with its replica's cookie) and, when it moved, asks for a page run; returns that run, or
    None when nothing moved. (Under plain ``streamlit run app.py`` a polling fragment would rerun instead.)"""
    import json
    import urllib.request

    assert not session.auto_reruns, "served through asgi.py, the page has no polling fragment"
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/live/version/{code}",
                                     headers={"Cookie": "; ".join(f"{k}={v}" for k, v in session.cookies.items())})
    with await asyncio.to_thread(urllib.request.urlopen, request, timeout=10) as response:
        assert response.status == 200 and response.headers["Cache-Control"] == "no-store"
        version = json.loads(response.read())["version"]
    if version == POLLED.get(id(session)):
        return None
    POLLED[id(session)] = version
    return await session.rerun("learning-rate", query, how="plain")


POLLED: dict = {}


@pytest.mark.timeout(180)
def test_a_live_class_spreads_over_replicas(replicas):
    assert replicas["redis_url"].startswith("redis://127.0.0.1:"), replicas["redis_url"]
    rooms = live.Rooms(live.RedisStore(replicas["redis_url"]))
    room, secret = rooms.open("learning-rate", 1)  # as the teacher's Start button does
    port = replicas["port"]

    async def scenario():
        teacher = Session(port, timeout=60, health_timeout=30, cookies={STICKY: "r2"})
        await teacher.connect()
        run = await teacher.rerun("learning-rate", f"lang=en&present=true&room={room.code}&teacher={secret}",
                                  how="first")
        assert not run.failed and "live_end" in run.buttons, run.error or run.exceptions  # the teacher's controls
        students = {}
        for name in ("r1", "r2"):
            student = Session(port, timeout=60, health_timeout=30, cookies={STICKY: name})
            await student.connect()
            run = await student.rerun("", f"lang=en&room={room.code}", how="first")  # home page: taken to the class
            assert not run.failed, run.error or run.exceptions
            assert VOTE.format(1) in run.groups and "live_end" not in run.buttons
            students[name] = student
        for name, choice in (("r1", "B"), ("r2", "C")):  # the answer is acknowledged once the run is over
            student = students[name]
            run = await student.rerun("learning-rate", student.query_string, how="plain",
                                      widgets={student.last.groups[VOTE.format(1)]: [choice]})
            assert not run.failed, run.error or run.exceptions
        assert rooms.counts(room.code, "learning-rate", 1, 3) == [0, 1, 1]
        for _ in range(2):  # the teacher on r2 shows the answer, then goes to step 2
            run = await teacher.rerun("learning-rate", "lang=en&present=true", how="plain",
                                      triggers=(teacher.last.buttons["story_next"],))
            assert not run.failed, run.error or run.exceptions
        assert rooms.find(room.code).step == 2
        for name, student in students.items():  # each follower's next poll puts step 2 on its screen
            run = await _poll(student, student.query_string, port, room.code)
            assert run is not None and not run.failed, (name, run and (run.error, run.exceptions))
            assert "step=2" in student.query_string and VOTE.format(2) in run.groups, (name, student.query_string)
        # step 2's question: the student on r1 answers, and r1 is killed right after (the next test)
        student = students["r1"]
        run = await student.rerun("learning-rate", student.query_string, how="plain",
                                  widgets={student.last.groups[VOTE.format(2)]: ["A"]})
        assert not run.failed, run.error or run.exceptions
        LIVE.update(code=room.code, query=student.query_string, cookies=dict(student.cookies))
        for session in (teacher, *students.values()):
            await session.close()

    run_async(scenario)
    assert rooms.counts(room.code, "learning-rate", 2, 2) == [1, 0]


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


@pytest.mark.timeout(120)
def test_an_answer_acknowledged_by_a_killed_replica_is_kept(replicas):
    """After the test above: r1, which acknowledged a student's answer to step 2, was killed. The answer is
    counted, and the student, back through the proxy (on r2 now), is the same student with the same answer."""
    if not LIVE:
        pytest.skip("the live class test did not run")
    rooms = live.Rooms(live.RedisStore(replicas["redis_url"]))
    assert rooms.counts(LIVE["code"], "learning-rate", 2, 2) == [1, 0]

    async def back():
        student = Session(replicas["port"], timeout=60, health_timeout=30, cookies=LIVE["cookies"])
        await student.connect()
        run = await student.rerun("learning-rate", LIVE["query"], how="first")  # the reload of the same address
        await student.close()
        return student, run

    student, run = run_async(back)
    assert not run.failed, run.error or run.exceptions
    assert student.cookies[STICKY] == "r2" and "step=2" in student.query_string
    me = dict(part.split("=", 1) for part in LIVE["query"].split("&"))["me"]
    assert rooms.choice(LIVE["code"], me, "learning-rate", 2) == 0
