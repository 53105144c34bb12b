"""A live class of N students following one teacher, on ONE local Streamlit server: its CPU, and how long a
teacher's click takes to reach every student's screen.

    python benchmarks/live_class.py                      # 40 students, SQLite, the work tree (~2 min)
    python benchmarks/live_class.py --store redis        # the shared store (starts Debian's redis-server)
    python benchmarks/live_class.py --students 3 --idle 5 --moves 2   # smoke run
    python benchmarks/live_class.py --replicas 2         # scripts/serve.sh: 2 replicas, HAProxy, redis-server

The server is started as shipped (benchmarks/_server.py) on 127.0.0.1, its rooms in a fresh folder (or a fresh
redis-server); with ``--replicas N``, ``scripts/serve.sh --replicas N --app-dir`` serves the app (the work tree, or ``--source``'s) behind HAProxy with
its own redis-server, and the server's CPU is the sum of the replicas' and redis-server's. The room is opened in this process through ``live`` (as the teacher's Start button does); the
teacher's session is the teacher's re-entry link (``?room=CODE&teacher=SECRET&present=true``) and each student
opens ``?room=CODE`` on the home page, which takes them to the class's page. Every session speaks Streamlit's
websocket protocol (``benchmarks/load.py``'s ``Session``) and does what the browser does. Served as shipped
(asgi.py), the page mounts the browser's poll of the version route (``serving/live_route.py``): each student
asks ``/api/live/version/CODE?seen=V`` over a keep-alive connection (a long poll: the answer comes when the room
moves, or after 4 s, and the next request goes at once; a server that answers at once, an older version, is
asked every 0.5 s, each student at its own phase), and asks for a page run when the version moved. Served by plain ``streamlit run app.py`` (``--server-script app.py``... or
an older commit), the page has an ``st.fragment(run_every=...)``: the student asks for a rerun of that fragment
at the interval the server announced (``auto_rerun``); when the room moved, the fragment reruns the whole page.

1. ``--idle`` seconds of following without a click: the server's CPU per second, and per poll.
2. ``--moves`` clicks of the teacher's Next (``--gap`` seconds apart; on a step with a question the first click
   shows the answer): for each click and each student, the time from the click to the end of the student's
   page run that shows it (the browser draws it after that). The server's CPU per page run of a student is all
   of the phase's CPU (following's own included: polls pause while a student's page runs, so the idle rate is
   only an upper bound of its share, printed beside) over the number of page runs.

Every session talks as a browser does (since issue 20's stop 28): it offers permessage-deflate (the server's
``enableWebsocketCompression`` takes it) and keeps the browser's cache of large messages (each rerun names the
messages it holds; the server sends a reference for those); ``--plain-client`` measures as before that (neither),
to compare with the figures recorded earlier. Each rerun carries the address bar's query string as the server last
set it (the step, the student's id; before 2026-12-08, the link first opened, which made the server set the address
again: two messages more in every student's page run). The students' browsers are phones (``--screen phone``, the default since
issue 20's stop 29: a phone's User-Agent, so that the page is laid out for a phone, as a student who scans the QR code
gets it); ``--screen laptop`` sends none, the layout every figure before that was measured with. Also printed: this
process's own CPU (the simulated browsers share the machine with the server: on a 2-core machine their CPU is taken
from the server's) and how busy the whole machine was.

Only loopback addresses are used; every loop is bounded and the run has a ``--timeout``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._server import Server, commit, cpu_model, cpu_s, loadavg, snapshot  # noqa: E402
from benchmarks.load import Session  # noqa: E402

PAGE = "learning-rate"  # the class's page (--page)


def machine_busy() -> float:
    """Seconds of CPU the whole machine has spent busy (all cores: /proc/stat, not idle nor iowait)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))] if ordered else float("nan")


class Served:
    """``scripts/serve.sh --replicas N`` on a free port (the work tree), as a ``Server``: port, cpu(), log."""

    def __init__(self, replicas: int, run_dir: Path, app_dir: Path = ROOT):
        import subprocess

        self.run_dir = run_dir
        self.proc = subprocess.Popen(
            ["bash", str(ROOT / "scripts/serve.sh"), "--replicas", str(replicas), "--port", "0", "--run-dir",
             str(run_dir), "--redis-dir", str(run_dir / "redis"), "--app-dir", str(app_dir)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=open(run_dir / "serve.log", "w"), text=True)
        for line in self.proc.stdout:
            if line.startswith("ready "):
                ready = dict(part.split("=", 1) for part in line.split()[2:])
                self.port = int(line.split()[1].rsplit(":", 1)[1])
                self.pids = [int(p) for p in ready["replica_pids"].split(",")] + [int(ready["redis_pid"])]
                os.environ["REDIS_URL"] = ready["redis_url"]
                break
        else:
            raise RuntimeError("serve.sh did not get ready: " + (run_dir / "serve.log").read_text()[-1000:])

    def wait_healthy(self) -> None:
        pass

    def describe(self) -> list[str]:
        return [f"scripts/serve.sh: replicas and redis-server pids {self.pids}, proxy port {self.port}"]

    def cpu(self) -> float:
        return sum(cpu_s(pid) for pid in self.pids)

    def log_exceptions(self) -> dict[str, int]:
        text = "".join(path.read_text() for path in self.run_dir.glob("replica-*.log"))
        return Server.log_exceptions_in(text)


ROUTE = "/api/live/version/"  # serving/live_route.py: what a follower's browser polls where asgi.py serves the app
ROUTE_POLL_S = 0.5  # ui/live.py BROWSER_POLL_S


class VersionPoll:
    """A browser's keep-alive HTTP/1.1 connection to the version route: ``get()`` -> (status, version or None)."""

    def __init__(self, port: int, code: str):
        self.port, self.path = port, f"{ROUTE}{code}"
        self.reader = self.writer = None
        self.seen: int | None = None  # the version the page shows: the request waits while the room is there

    async def get(self) -> tuple[int, int | None]:
        """One poll; a kept-alive connection the server has closed meanwhile (uvicorn closes one idle for 5 s,
        e.g. while this student's page run took that long) is opened again once, as a browser does."""
        reused = self.writer is not None
        try:
            return await self._get()
        except (OSError, asyncio.IncompleteReadError):
            await self.close()
            self.writer = None
            if not reused:
                raise
            return await self._get()

    async def _get(self) -> tuple[int, int | None]:
        import json

        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        query = "" if self.seen is None else f"?seen={self.seen}"
        self.writer.write(f"GET {self.path}{query} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n\r\n".encode())
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        length = next(int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length:"))
        body = json.loads(await self.reader.readexactly(length))
        return status, body.get("version")

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


# A phone's browser says "Mobile" (the app reads "Mobi" as a phone until the page's script reports the screen)
PHONE_AGENT = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
               "Mobile Safari/537.36")


class Student:
    def __init__(self, port: int, code: str, rng: random.Random, phone: bool = True):
        self.session = Session(port, timeout=60)
        self.session.user_agent = PHONE_AGENT if phone else None
        self.query = f"lang=en&room={code}"
        self.rng = rng
        self.polls: list[float] = []  # seconds per poll that found nothing new
        self.page_runs: list[tuple[float, float]] = []  # (when the page run ended, its seconds)
        self.errors: list[str] = []
        self.fragment = ""
        self.route: VersionPoll | None = None  # the app served through asgi.py: the browser polls the route
        self.port, self.code, self.seen = port, code, None
        self.cached = 0  # messages of its page runs read from the browser's cache (a reference came)

    async def join(self) -> None:
        await self.session.connect()
        run = await self.session.rerun("", self.query, how="first")
        if run.failed:
            self.errors.append(run.error or run.exceptions[0])
        polls = [fid for fid in self.session.auto_reruns]
        if not polls:  # no polling fragment: the page mounted the browser's poll of the version route
            self.route = VersionPoll(self.port, self.code)
            status, self.seen = await self.route.get()
            if status != 200:
                self.errors.append(f"the version route answered {status}")
            return
        if len(polls) != 1:
            self.errors.append(f"expected one polling fragment, found {polls}")
        self.fragment = polls[0] if polls else ""

    @property
    def url(self) -> str:
        """The query string a browser sends with a rerun: its address bar's, as the server last set it (the step,
        the student's id), else the link it opened."""
        return self.session.query_string or self.query

    @property
    def interval(self) -> float:
        return ROUTE_POLL_S if self.route else self.session.auto_reruns.get(self.fragment, 1.0)

    async def follow(self, stop: asyncio.Event, until: float) -> None:
        if self.route:  # the page's script (ui/live.py _POLL_JS): a long poll, or a poll every 0.5 s where the
            # server answers at once (a version without the long poll)
            await asyncio.sleep(self.rng.uniform(0, ROUTE_POLL_S))
            while not stop.is_set() and time.monotonic() < until:
                if not await self._poll_route() and not stop.is_set():
                    await asyncio.sleep(ROUTE_POLL_S)
            return
        interval = self.interval
        next_at = time.monotonic() + self.rng.uniform(0, interval)
        while not stop.is_set() and time.monotonic() < until and self.fragment:
            await asyncio.sleep(max(0.0, next_at - time.monotonic()))
            next_at += interval  # the browser's timer keeps its period
            run = await self.session.rerun(PAGE, self.url, how="plain", fragment=self.fragment)
            if run.failed:
                self.errors.append(run.error or run.exceptions[0])
            elif run.early:  # the fragment saw the room move: the page ran again
                self.page_runs.append((time.monotonic(), run.seconds))
            else:
                self.polls.append(run.seconds)

    async def _poll_route(self) -> bool:
        """What the page's script does (ui/live.py _POLL_JS): ask for the version (with the one shown: the answer
        waits for a move); when it moved, one page run (the component's trigger value reruns the page). True when
        the answer took over a second (a long poll's: the next request goes at once)."""
        started = time.perf_counter()
        self.route.seen = self.seen
        try:
            status, version = await self.route.get()
        except (OSError, asyncio.IncompleteReadError, ValueError) as error:
            self.errors.append(f"version route: {error!r}")
            return False
        waited = time.perf_counter() - started > 1.0
        if status != 200:
            self.errors.append(f"the version route answered {status}")
            return waited
        if version == self.seen:
            self.polls.append(time.perf_counter() - started)
            return waited
        run = await self.session.rerun(PAGE, self.url, how="plain")
        if run.failed:
            self.errors.append(run.error or run.exceptions[0])
        else:
            self.seen = version
            self.page_runs.append((time.monotonic(), run.seconds))
            self.cached += run.cached
        return waited


async def main_async(args) -> int:
    say = print
    folder = tempfile.TemporaryDirectory(prefix="descentlab-live-")
    redis_server = None
    if args.replicas:
        args.store = "redis"
    elif args.store == "redis":
        from tests.redis_server import RedisServer, available

        if not available():
            say("redis-server or the redis client is missing")
            return 2
        redis_server = RedisServer(Path(folder.name) / "redis").start()
        os.environ["REDIS_URL"] = redis_server.url
    elif not args.replicas:
        os.environ["REDIS_URL"] = ""
    os.environ["DESCENTLAB_LIVE_DIR"] = folder.name
    import live

    app_dir, snap = (ROOT, None) if args.source == "worktree" else snapshot(args.source)
    server = Served(args.replicas, Path(folder.name), app_dir) if args.replicas else Server(None, app_dir, name="live-class")
    try:
        server.wait_healthy()
        for line in server.describe():
            say(line)
        say(f"commit {commit('HEAD')} ({args.source}); {cpu_model()}; load {loadavg()}; store {args.store}; "
            f"{args.students} students on /{PAGE}" + (f"; {args.replicas} replicas behind HAProxy" if args.replicas else "")
            + ("; clients: plain (no compression, no message cache)" if args.plain_client
               else "; clients as browsers (permessage-deflate, message cache)") + f"; students' screens: {args.screen}")
        rooms = live.Rooms(live.open_store())
        room, secret = rooms.open(PAGE, 1)
        teacher = Session(server.port, timeout=60)
        await teacher.connect()
        first = await teacher.rerun(PAGE, f"lang=en&present=true&room={room.code}&teacher={secret}", how="first")
        if first.failed or "story_next" not in first.buttons:
            say(f"the teacher's page failed: {first.error} {first.exceptions[:1]}")
            return 1
        rng = random.Random(20)
        students = [Student(server.port, room.code, rng, phone=args.screen == "phone") for _ in range(args.students)]
        for chunk in range(0, len(students), 10):  # a class arrives over a few seconds
            await asyncio.gather(*(s.join() for s in students[chunk:chunk + 10]))
        say(f"joined: {sum(not s.errors for s in students)}/{len(students)}; poll every {students[0].interval} s "
            + ("(the browser's HTTP poll of the version route)" if students[0].route else "(a fragment's rerun)"))

        # 1. following, no click
        start = time.monotonic()
        stop = asyncio.Event()
        followers = [asyncio.create_task(s.follow(stop, start + args.timeout)) for s in students]
        # every student's timer running, and the background jobs the joins asked for done (ui/ahead.py: they wait
        # for a quiet process, so they would otherwise fall in the measured idle seconds)
        await asyncio.sleep(args.settle)
        cpu0, t0, polls0 = server.cpu(), time.monotonic(), sum(len(s.polls) for s in students)
        await asyncio.sleep(args.idle)
        cpu1, t1, polls1 = server.cpu(), time.monotonic(), sum(len(s.polls) for s in students)
        idle_cpu_s = (cpu1 - cpu0) / (t1 - t0)
        poll_cpu = (cpu1 - cpu0) / max(1, polls1 - polls0)
        say(f"idle following: {polls1 - polls0} polls in {t1 - t0:.1f} s; server CPU {idle_cpu_s:.3f} s/s, "
            f"{poll_cpu * 1000:.2f} ms per poll; poll p50 {pct(students[0].polls, 50) * 1000:.1f} ms "
            f"(one client's wall clock; a long poll's is its wait)")

        # 2. the teacher's clicks
        delays: list[float] = []
        runs_before = sum(len(s.page_runs) for s in students)
        cpu2, t2, polls2 = server.cpu(), time.monotonic(), sum(len(s.polls) for s in students)
        own2, busy2 = time.process_time(), machine_busy()
        for move in range(args.moves):
            clicked = time.monotonic()
            result = await teacher.rerun(PAGE, teacher.query_string or "lang=en&present=true", how="plain",
                                         triggers=(teacher.last.buttons["story_next"],))
            if result.failed:
                say(f"click {move + 1} failed: {result.error} {result.exceptions[:1]}")
            await asyncio.sleep(args.gap)
            reached = [next((end for end, _ in s.page_runs if end >= clicked), None) for s in students]
            missed = sum(r is None for r in reached)
            these = [r - clicked for r in reached if r is not None]
            delays += these
            say(f"click {move + 1}: teacher's run {result.seconds:.2f} s; students reached in p50 "
                f"{pct(these, 50):.2f} s, p95 {pct(these, 95):.2f} s, max {max(these or [float('nan')]):.2f} s"
                + (f"; {missed} not reached" if missed else ""))
        cpu3, t3, polls3 = server.cpu(), time.monotonic(), sum(len(s.polls) for s in students)
        own3, busy3 = time.process_time(), machine_busy()
        page_runs = sum(len(s.page_runs) for s in students) - runs_before
        # everything the server did in the phase, over the students' page runs: what following itself costs (polls,
        # a long poll's watch of the room) is in it, as it is in the class's time; the idle phase gives its share
        page_cpu = (cpu3 - cpu2) / max(1, page_runs)
        walls = [sec for s in students for _, sec in s.page_runs]
        say(f"clicks: {page_runs} page runs of students; server CPU {(cpu3 - cpu2) / (t3 - t2):.3f} s/s, "
            f"{page_cpu:.3f} s per student page run (all the server's CPU in the phase, following included; "
            f"following alone at the idle rate: {idle_cpu_s * (t3 - t2) / max(1, page_runs):.3f} s of it)")
        say(f"the simulated browsers (this process): {sum(s.cached for s in students)} messages of the page runs "
            f"from the browser's cache; {own3 - own2:.2f} s of CPU in the phase, "
            f"{(own3 - own2) / (t3 - t2):.3f} s/s; the machine: {(busy3 - busy2) / (t3 - t2):.2f} of its "
            f"{os.cpu_count()} cores busy")
        say(f"follow delay (click -> student's page run done), {len(delays)} samples: p50 {pct(delays, 50):.2f} s, "
            f"p95 {pct(delays, 95):.2f} s, max {max(delays or [float('nan')]):.2f} s; a student's page run "
            f"p50 {pct(walls, 50):.2f} s wall")
        stop.set()
        for follower in followers:  # a long poll would hold its student up to 4 s more
            follower.cancel()
        await asyncio.gather(*followers, return_exceptions=True)
        errors = [e for s in students for e in s.errors]
        say(f"errors: {len(errors)} {errors[:3]}; server log tracebacks: {server.log_exceptions()}")
        for s in [teacher, *(s.session for s in students)]:
            await s.close()
        for s in students:
            if s.route:
                await s.route.close()
        return 1 if errors or server.log_exceptions() else 0
    finally:
        server.proc.terminate()
        server.proc.wait(timeout=30)
        if redis_server is not None:
            redis_server.stop()
        if snap is not None:
            snap.cleanup()
        folder.cleanup()


def main(argv: list[str] | None = None) -> int:
    global PAGE
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--idle", type=float, default=20.0, help="seconds of following without a click")
    parser.add_argument("--moves", type=int, default=6, help="clicks of the teacher's Next")
    parser.add_argument("--settle", type=float, default=5.0,
                        help="seconds after the class joined before the idle phase is measured")
    parser.add_argument("--gap", type=float, default=6.0, help="seconds between two clicks")
    parser.add_argument("--store", choices=("sqlite", "redis"), default="sqlite")
    parser.add_argument("--source", default="worktree", help="worktree, or a git ref to serve (a snapshot)")
    parser.add_argument("--replicas", type=int, default=0, help="serve with scripts/serve.sh --replicas N")
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--page", default=PAGE, help="the class's page (a url path: learning-rate, curvature, ...)")
    parser.add_argument("--screen", choices=("phone", "laptop"), default="phone",
                        help="the students' browsers: phones (a phone's User-Agent) or laptops (none: before stop 29)")
    parser.add_argument("--plain-client", action="store_true",
                        help="no websocket compression, no message cache (the clients before stop 28)")
    args = parser.parse_args(argv)
    PAGE = args.page
    if not args.plain_client:  # what a browser does
        Session.compression = "deflate"
        Session.message_cache = True
    try:
        return asyncio.run(asyncio.wait_for(main_async(args), args.timeout))
    except asyncio.TimeoutError:
        print(f"timed out after {args.timeout:.0f} s")
        return 1


if __name__ == "__main__":
    sys.exit(main())
