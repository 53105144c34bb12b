"""Classroom: one class of students working through the lessons against ONE local Streamlit server.

    python benchmarks/classroom.py                          # 1 student alone, then a class of 40 (~4 min here)
    python benchmarks/classroom.py --students 1,40,100      # and a class of 100 (1a9212f: ~12 min in all)
    python benchmarks/classroom.py --source 1a9212f --report benchmarks/out/classroom-1a9212f.txt
    python benchmarks/classroom.py --students 1,3 --arrive 2 --think 0.5,1 --phase-timeout 120  # smoke run (~1 min)
    python benchmarks/classroom.py --target http://127.0.0.1:8501 --server-pids 101,102 --proxy-pid 103
        # a front end that is already running (scripts/serve.sh --replicas 2; benchmarks/replicas.py does this)
    python benchmarks/classroom.py --docker descentlab:bench --docker-build
        # the Docker image, built from HEAD, run at Community Cloud's smallest envelope (1 CPU, 690 MB)
    python benchmarks/classroom.py --docker descentlab:bench --cloud    # and with Cloud's config overrides

What it simulates (issue #8, item 6): one ``streamlit run app.py`` on this machine and a class of N
students who arrive within ``--arrive`` seconds (20 by default; seeded random arrival times) and then
work through the lessons, thinking ``--think`` seconds (3-8, seeded) before each action:

1. open ``/`` (the compare page; a new session's first run);
2. change Adam's learning rate on it (the number input ``adam.lr`` through ``widget_states``, with the
   widget id read from the previous run's deltas), to one of a few values: a class follows its
   teacher, so most students produce the same few scenes;
3. go to ``/learning-rate`` (an in-app navigation: ``page_script_hash`` of the page, an empty query
   string as the browser sends after a sidebar click, ``is_history_navigation`` false), then press
   one of the four presets (``lrbtn_*``: a rerun whose ``widget_states`` carries the button's id,
   read from the deltas, with ``trigger_value = True``);
4. go to ``/saddles``;
5. go to ``/lr-sweep``;
6. open ``/`` in a new tab (a NEW websocket session) with a different optimizer set in the URL
   (``?opts=SGD&opts=Adam&opts=RMSprop`` and the like, from a small set).

Every choice and wait comes from ``--seed``; student i makes the same choices in every phase, so the
student measured alone is the class's first student. Each action's latency is the time from sending
its ``BackMsg`` to ``script_finished`` (a run that the app ends early for its own rerun continues).
Opening a websocket is timed apart ("connect").

Phases: by default each class size of ``--students`` (``1,40``) gets a freshly started server (cold
caches alike; ``--reuse-server`` keeps one), then a "teacher" session that opens the four lesson
pages in their default scenes (``--warmup default``; ``all`` also plays every scene the students can
produce, ``none`` leaves the caches cold), then the class. For each phase it prints:

- per action and over all actions: count, p50, p95, max latency; errors as benchmarks/load.py
  counts them (``Exception`` elements, a ``script_finished`` other than success, ``page_not_found``,
  timeouts, connection errors) plus tracebacks in the server's log;
- server CPU: utime + stime of the server process (all threads) from /proc/<pid>/stat before and
  after the class, divided by the reruns the clients asked for (runs that the app itself restarted,
  ``FINISHED_EARLY_FOR_RERUN``, are counted and shown apart); the phase's wall time, CPU/wall (cores
  busy), this client's own CPU and the other processes' CPU on the machine meanwhile (from
  /proc/stat). Alone, each action's server CPU is also read around the action itself;
- server RSS before the class (after the teacher), peak (sampled every 0.5 s), after (settled), and
  after the disconnected sessions expired (the server's ``server.disconnectedSessionTTL``: Streamlit's
  120 s as shipped, ``--session-ttl`` shortens it); growth = expired - before;
- for every class (N > 1) a line against the issue's goals: p95 <= 1.5 s, 0 errors, server CPU
  <= 0.05 s per client rerun, RSS growth < 150 MB (MiB here). The exit status follows the class of
  40 (or the largest class when 40 is not run).

The server is started as users start it (issue 22): the Docker image's command and environment,
read from the Dockerfile (``streamlit run asgi.py --server.port=$PORT --server.address=0.0.0.0
--server.headless=true``, ``MALLOC_ARENA_MAX=2``; app.py for a ref from before issue 18), with a free port on 127.0.0.1 instead of 0.0.0.0;
every other setting from the app's .streamlit/config.toml (the file watcher off among them). By
default the app is the committed HEAD unpacked in a temporary folder (``--source`` takes any git ref,
or ``worktree``). ``--server-arg`` adds streamlit flags (e.g. ``--server-arg=--server.fileWatcherType=auto``),
``--cloud`` adds Streamlit Community Cloud's documented config overrides, ``--session-ttl`` and
``--malloc-arena-max`` change those two settings. Every phase prints what it measured: the server's
command line, its environment and its effective config (Streamlit's own parser, run on the live
process's arguments in its folder and environment, says each value and where it was set).

``--docker IMAGE`` measures the Docker image instead: every phase starts ``docker run -d -e PORT=<free
port> -p 127.0.0.1:<port>:<port> --cpus 1 --memory 690m IMAGE [--server-arg ...]`` (Community Cloud's
smallest envelope by default; ``--docker-cpus 0 --docker-memory 0`` for no limits), reads the
server's CPU and RSS at the container's main pid on the host (``docker inspect -f '{{.State.Pid}}'``;
the server is PID 1 in it), its log from ``docker logs -f``, the cgroup's CPU throttling and memory
high-water mark, and removes it after the phase. ``--docker-build`` first builds IMAGE from
``--source`` as scripts/docker_smoke.sh builds it (classic builder; the base image must be there:
scripts/docker_smoke.sh makes a stand-in once). A Docker engine must answer.

Everything is
bounded in time: each rerun (``--rerun-timeout``), each phase (``--phase-timeout``: students start no
action after it, unfinished actions count as errors) and the whole run (``--timeout``). The machine's
load average is printed at the start and the end of each phase: other people's jobs on the same
cores stretch the wall-clock latencies, while server CPU per rerun is the robust figure.

``--target URL --server-pids PID,PID`` drives a front end that runs already (loopback only), e.g.
``scripts/serve.sh``'s HAProxy in front of replicas, for every phase instead of starting a server:
CPU and RSS are summed over those pids, ``--proxy-pid`` shows the proxy's CPU apart and
``--server-logs`` are searched for tracebacks. The teacher warm-up then runs once per server pid
(through the proxy: new sessions land on each replica in turn), and every phase also prints the
actions per replica, read from HAProxy's sticky cookie. Every phase prints its throughput: completed
actions per second of the phase's wall time (students start within ``--arrive`` s).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._server import (CLOUD_OVERRIDES, HOST, Container, Running, Server, commit, cpu_model,  # noqa: E402
                                docker_build, docker_ready, loadavg, out_dir, snapshot)
from benchmarks.load import Rerun, Session, percentile  # noqa: E402

LRS = (0.1, 0.05, 0.2)                # adam.lr values a class is told to try (its default is 0.3)
PRESETS = ("too_small", "good", "too_large", "divergent")
OPT_SETS = (("SGD", "Adam", "RMSprop"), ("SGD", "Momentum", "Adam"), ("AdaGrad", "RMSprop", "Adam"))
LESSON_PAGES = ("", "learning-rate", "saddles", "lr-sweep")   # url_pathname; "" is the default page (compare)
ACTIONS = ("1 open /", "2 change adam.lr", "3a go /learning-rate", "3b press preset", "4 go /saddles",
           "5 go /lr-sweep", "6 new tab /?opts=")
GOAL_P95, GOAL_CPU, GOAL_RSS = 1.5, 0.05, 150.0
STICKY = "DESCENTLAB_REPLICA"         # HAProxy's cookie in front of scripts/serve.sh replicas (deploy/)


@dataclasses.dataclass
class Action:
    name: str
    run: Rerun | None = None  # None: skipped after a timeout or a lost connection in this tab
    cpu: float = float("nan")  # server CPU during this action (meaningful only when the student is alone)
    connect: float | None = None
    skipped: str = ""
    applied: bool | None = None  # did the input reach the server (the value it shows back)?
    replica: str = ""  # behind scripts/serve.sh: the replica HAProxy's sticky cookie names

    @property
    def failed(self) -> bool:
        return self.run is None or self.run.failed


@dataclasses.dataclass
class Plan:
    """One student's seeded choices and waits."""
    lr: float
    preset: str
    opts: tuple[str, ...]
    thinks: tuple[float, ...]

    @classmethod
    def of(cls, seed: int, student: int, think: tuple[float, float]) -> "Plan":
        r = random.Random(f"classroom-{seed}-{student}")
        return cls(lr=r.choice(LRS), preset=r.choice(PRESETS), opts=r.choice(OPT_SETS),
                   thinks=tuple(r.uniform(*think) for _ in range(len(ACTIONS) - 1)))


# ----------------------------------------------------------------------------------------------
# Machine facts
# ----------------------------------------------------------------------------------------------
def mem_total_gib() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 2**20
    return float("nan")


def machine_busy() -> float:
    """CPU seconds the whole machine has been busy (all cores; /proc/stat, idle and iowait excluded)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    busy = sum(fields[:8]) - fields[3] - fields[4]  # user nice system idle iowait irq softirq steal
    return busy / os.sysconf("SC_CLK_TCK")


def self_cpu() -> float:
    t = os.times()
    return t.user + t.system




# ----------------------------------------------------------------------------------------------
# One student
# ----------------------------------------------------------------------------------------------
class Clock:
    """The phase deadline, shared by every student."""

    def __init__(self, seconds: float, rerun_timeout: float):
        self.deadline = time.monotonic() + seconds
        self.rerun_timeout = rerun_timeout

    def left(self) -> float:
        return self.deadline - time.monotonic()

    def timeout(self) -> float:
        return max(1.0, min(self.rerun_timeout, self.left()))


async def timed(session: Session, server: Server, clock: Clock, name: str, page: str, query: str,
                **kwargs) -> Action:
    session.timeout = clock.timeout()
    before = server.cpu()
    run = await session.rerun(page, query, **kwargs)
    return Action(name, run, cpu=server.cpu() - before, replica=session.cookies.get(STICKY, ""))


async def open_session(port: int, clock: Clock, cookies: dict[str, str] | None = None
                       ) -> tuple[Session, float | None, str]:
    """A new tab: the health check (waited for as long as a rerun: a browser retries it) and the websocket.
    ``cookies``: the browser's cookies so far (another tab of the same browser sends them too)."""
    session = Session(port, timeout=clock.timeout(), health_timeout=clock.timeout(), cookies=cookies)
    started = time.perf_counter()
    try:
        await asyncio.wait_for(session.connect(), clock.timeout())
    except Exception as error:  # refused, reset, timed out
        return session, None, f"connect: {type(error).__name__}: {error}"[:200]
    return session, time.perf_counter() - started, ""


def failed_action(name: str, why: str) -> Action:
    return Action(name, Rerun(page="", query="", how="client", error=why))


async def student(port: int, server: Server, plan: Plan, arrival: float, clock: Clock) -> list[Action]:
    """Actions 1-6 of one student, in order; those that the phase deadline cut off are missing."""
    actions: list[Action] = []
    await asyncio.sleep(arrival)

    async def think(i: int) -> bool:
        await asyncio.sleep(plan.thinks[i])
        return clock.left() > 0

    session, connect_s, why = await open_session(port, clock)
    try:
        if why:
            actions.append(failed_action(ACTIONS[0], why))
        else:
            a = await timed(session, server, clock, ACTIONS[0], "", "", how="first")
            a.connect = connect_s
            actions.append(a)
        for i, name in enumerate(ACTIONS[1:6]):
            last = session.last  # widget and button ids come from the run before, as a browser knows them
            if last is None or (last.error and "page not found" not in last.error):
                # connection lost, or a rerun timed out: its late messages would be read as the next
                # action's, so the student leaves this tab (the new tab of action 6 still comes)
                actions.append(Action(name, None, skipped="timeout" if last and "timeout" in last.error else "lost"))
                continue
            if not await think(i):
                break
            if name == ACTIONS[1]:
                widget = last.widgets.get("adam.lr")
                if widget is None:
                    actions.append(failed_action(name, "no adam.lr input in the previous run"))
                    continue
                a = await timed(session, server, clock, name, "", "", how="widgets", widgets={widget.id: plan.lr})
                # the server does not echo a value the client set: the chart must change instead
                a.applied = bool(a.run.charts) and a.run.charts != last.charts
            elif name == ACTIONS[3]:
                button = last.buttons.get(f"lrbtn_{plan.preset}")
                if button is None:
                    actions.append(failed_action(name, f"no button lrbtn_{plan.preset} in the previous run"))
                    continue
                a = await timed(session, server, clock, name, "learning-rate", "", how="plain", triggers=(button,))
                before, after = last.widgets.get("lr"), a.run.widgets.get("lr")
                # the click copies the preset into the lr input ("good" is also its default value)
                a.applied = before is not None and after is not None and (
                    after.value != before.value or plan.preset == "good")
            else:  # an in-app navigation: the page's hash, no query string (the browser drops it)
                page = {ACTIONS[2]: "learning-rate", ACTIONS[4]: "saddles", ACTIONS[5]: "lr-sweep"}[name]
                a = await timed(session, server, clock, name, page, "", how="plain")
            actions.append(a)
    except Exception as error:  # a bug in this client: counted as an error too
        actions.append(failed_action("client", f"client: {type(error).__name__}: {error}"[:200]))
    finally:
        await session.close()
    if len(actions) < 6 or not await think(5):
        return actions
    # 6: a new tab, a new session, another optimizer set in the URL; the same browser sends the cookies
    # it holds (behind scripts/serve.sh: the tab reaches the same replica)
    tab, connect_s, why = await open_session(port, clock, session.cookies)
    try:
        if why:
            actions.append(failed_action(ACTIONS[6], why))
        else:
            query = "&".join(f"opts={o}" for o in plan.opts)
            a = await timed(tab, server, clock, ACTIONS[6], "", query, how="first")
            shown = {k.split(".")[0] for k in a.run.widgets if k.endswith(".lr")}
            a.applied = shown == {o.lower() for o in plan.opts}
            a.connect = connect_s
            actions.append(a)
    finally:
        await tab.close()
    return actions


async def teacher(port: int, server: Server, clock: Clock, how: str) -> list[Action]:
    """The warm-up before the class: the lesson pages in their default scenes (``all``: and every
    scene the students can produce)."""
    if how == "none":
        return []
    actions: list[Action] = []
    session, _, why = await open_session(port, clock)
    if why:
        return [failed_action("teacher", why)]
    try:
        actions.append(await timed(session, server, clock, "open /", "", "", how="first"))
        for page in LESSON_PAGES[1:]:
            actions.append(await timed(session, server, clock, f"go /{page}", page, "", how="plain"))
        if how == "all":
            first = await timed(session, server, clock, "open /", "", "", how="history")
            actions.append(first)
            for lr in LRS:
                widget = first.run.widgets["adam.lr"]
                actions.append(await timed(session, server, clock, "change adam.lr", "", "", how="widgets",
                                           widgets={widget.id: lr}))
            lesson = await timed(session, server, clock, "go /learning-rate", "learning-rate", "", how="plain")
            actions.append(lesson)
            for preset in PRESETS:
                actions.append(await timed(session, server, clock, "press preset", "learning-rate", "", how="plain",
                                           triggers=(lesson.run.buttons[f"lrbtn_{preset}"],)))
            for opts in OPT_SETS:
                actions.append(await timed(session, server, clock, "open /?opts=", "",
                                           "&".join(f"opts={o}" for o in opts), how="history"))
    except Exception as error:
        actions.append(failed_action("teacher", f"client: {type(error).__name__}: {error}"[:200]))
    finally:
        await session.close()
    return actions


# ----------------------------------------------------------------------------------------------
# One phase
# ----------------------------------------------------------------------------------------------
def stats(values: list[float]) -> str:
    if not values:
        return "     -      -      -"
    return f"{percentile(values, 50):6.2f} {percentile(values, 95):6.2f} {max(values):6.2f}"


@dataclasses.dataclass
class Outcome:
    students: int
    p95: float
    errors: int
    cpu_per_rerun: float
    rss_growth: float

    def goals(self) -> tuple[bool, str]:
        checks = [(self.p95 <= GOAL_P95, f"p95 {self.p95:.2f} s (<= {GOAL_P95})"),
                  (self.errors == 0, f"errors {self.errors} (0)"),
                  (self.cpu_per_rerun <= GOAL_CPU, f"server CPU {self.cpu_per_rerun:.3f} s/rerun (<= {GOAL_CPU})"),
                  (self.rss_growth < GOAL_RSS, f"RSS growth {self.rss_growth:+.0f} MiB (< {GOAL_RSS:.0f})")]
        ok = all(c for c, _ in checks)
        return ok, ", ".join(("" if c else "FAILED ") + text for c, text in checks)


def server_args(args) -> list[str]:
    """Streamlit flags added to the shipped command: --server-arg, then Cloud's overrides (--cloud)."""
    return list(args.server_arg) + (list(CLOUD_OVERRIDES) if args.cloud else [])


def start_server(args, app_dir: Path) -> Server | Container:
    if args.docker:
        ttl = ["--server.disconnectedSessionTTL", str(args.session_ttl)] if args.session_ttl is not None else []
        return Container(args.docker, args.docker_cpus, args.docker_memory, ttl + server_args(args), name="classroom")
    return Server(args.session_ttl, app_dir, args.malloc_arena_max, name="classroom", extra_args=server_args(args))


async def phase(n: int, args, app_dir: Path, server: Server | Container | Running | None, say,
                overall_deadline: float) -> tuple[Outcome | None, Server | Container | Running | None]:
    fresh = server is None
    if fresh:
        server = start_server(args, app_dir)
        try:
            await asyncio.to_thread(server.wait_healthy)
        except BaseException:
            server.stop()
            raise
    log_before = len(server.log_errors())
    say()
    if isinstance(server, Running):
        where = (f"servers (pids {','.join(map(str, server.pids))}) behind {server.url}, already running"
                 + (f", proxy pid {server.proxy_pid}" if server.proxy_pid else ""))
    elif isinstance(server, Container):
        where = (f"container {server.id[:12]} of {server.image} ({server.limits}), server pid {server.pid} on "
                 f"{HOST}:{server.port}, {'freshly started' if fresh else 'reused'}")
    else:
        where = f"server pid {server.proc.pid} on {HOST}:{server.port}, {'freshly started' if fresh else 'reused'}"
    say(f"=== {n} student{'s' if n > 1 else ''} ({'alone' if n == 1 else 'a class'}); {where}; "
        f"load average {loadavg()}")
    if fresh:
        for line in await asyncio.to_thread(server.describe):
            say(line)
    ttl = server.setting("server.disconnectedSessionTTL", args.session_ttl)
    seconds = min(args.phase_timeout, overall_deadline - time.monotonic())
    clock = Clock(seconds, args.rerun_timeout)

    # The teacher's warm-up (timed alone: cold runs, and their CPU)
    # Behind a proxy, one teacher per server process: each new session goes to the replica with the
    # fewest open connections, so with no class yet they land on every replica in turn.
    warms = [await teacher(server.port, server, clock, args.warmup) for _ in server.pids]
    for warm in warms:
        if not warm:
            continue
        via = next((a.replica for a in warm if a.replica), "")
        say(f"teacher warm-up ({args.warmup})" + (f" via {via}" if via else "") + ": " + "; ".join(
            f"{a.name} {a.run.seconds:.2f} s/{a.cpu:.2f} CPU" + (" ERROR" if a.failed else "")
            for a in warm if a.run is not None))
    if not any(warms):
        say("teacher warm-up: none (cold caches)")

    # The class
    rng = random.Random(f"arrival-{args.seed}-{n}")
    arrivals = [0.0] if n == 1 else [rng.uniform(0, args.arrive) for _ in range(n)]
    plans = [Plan.of(args.seed, i, args.think) for i in range(n)]
    rss_before = server.rss()
    peak = rss_before
    load_peak = os.getloadavg()[0]
    done = asyncio.Event()

    async def sample():
        nonlocal peak, load_peak
        while not done.is_set():
            load_peak = max(load_peak, os.getloadavg()[0])
            try:
                peak = max(peak, server.rss())
            except OSError:
                return
            await asyncio.sleep(0.5)

    sampler = asyncio.create_task(sample())
    load_start = loadavg()
    proxy_cpu = getattr(server, "proxy_cpu", lambda: 0.0)
    cgroup = getattr(server, "cgroup", dict)
    cgroup0 = cgroup()
    cpu0, busy0, me0, proxy0, wall0 = server.cpu(), machine_busy(), self_cpu(), proxy_cpu(), time.perf_counter()
    try:
        results = await asyncio.gather(*(student(server.port, server, plans[i], arrivals[i], clock)
                                         for i in range(n)))
    finally:
        done.set()
        await sampler
    wall = time.perf_counter() - wall0
    cpu, busy, me, proxy = server.cpu() - cpu0, machine_busy() - busy0, self_cpu() - me0, proxy_cpu() - proxy0
    cgroup1 = cgroup()
    load_end = loadavg()
    await asyncio.sleep(args.settle)
    rss_after = server.rss()
    rss_expired = float("nan")
    if n > 1 and ttl is not None and clock.left() > ttl + 5:
        # Streamlit keeps a closed tab's session for reconnects; after the TTL, one short visit makes
        # the session store drop the expired ones (this run is not in the CPU figures above)
        await asyncio.sleep(ttl + 1)
        for _ in server.pids:  # behind a proxy: one visit per replica (they land on each in turn)
            extra, _, why = await open_session(server.port, clock)
            if not why:
                extra.timeout = clock.timeout()
                await extra.rerun("saddles", "", how="first")
                await extra.close()
        await asyncio.sleep(args.settle)
        rss_expired = server.rss()

    # Figures
    actions = [a for batch in results for a in batch]
    planned = n * len(ACTIONS)
    ran = [a for a in actions if a.run is not None]
    ok = [a.run.seconds for a in ran if not a.run.failed]
    failed = [a for a in ran if a.run.failed]
    skipped = [a for a in actions if a.run is None]
    missing = planned - sum(a.name in ACTIONS for a in actions)  # not started before the phase deadline
    client_reruns = sum(1 for a in ran if a.run.how != "client")
    early = sum(a.run.early for a in ran)
    log_errors = server.log_errors()[log_before:]
    errors = len(failed) + len(skipped) + max(0, missing) + len(log_errors)

    say(f"arrivals within {args.arrive:g} s, thinking {args.think[0]:g}-{args.think[1]:g} s before each action; "
        f"wall time {wall:.0f} s (last student done); load average {load_start} -> {load_end} "
        f"(1-min peak {load_peak:.2f})")
    say(f"{'action':<22} {'count':>5} {'p50 s':>6} {'p95 s':>6} {'max s':>6}" + (" server CPU s" if n == 1 else ""))
    for name in ACTIONS:
        mine = [a for a in ran if a.name == name and not a.run.failed]
        line = f"{name:<22} {len(mine):>5} {stats([a.run.seconds for a in mine])}"
        if n == 1 and mine:
            line += f" {statistics.fmean(a.cpu for a in mine):12.2f}"
        say(line)
    say(f"{'all actions':<22} {len(ok):>5} {stats(ok)}" + (f" {cpu:12.2f}" if n == 1 else ""))
    connects = [a.connect for a in actions if a.connect is not None]
    say(f"{'(connect websocket)':<22} {len(connects):>5} {stats(connects)}")
    say(f"throughput: {len(ok)} completed actions in {wall:.1f} s = {len(ok) / wall:.1f} reruns/s")
    replicas = sorted({a.replica for a in ran if a.replica})
    if replicas:
        say("actions per replica (sticky cookie): " + ", ".join(
            f"{r} {sum(a.replica == r for a in ran)}" for r in replicas))
    say(f"actions: {len(actions) - len(skipped)} of {planned} planned ran; errors {errors} (failed reruns "
        f"{len(failed)}, skipped after a timeout {sum(a.skipped == 'timeout' for a in skipped)} or a lost "
        f"connection {sum(a.skipped == 'lost' for a in skipped)}, not started before the phase deadline "
        f"{max(0, missing)}, server log error lines {len(log_errors)})")
    applied = [a for a in ran if a.applied is not None and not a.run.failed]
    say("inputs that reached the server (new chart / lr shown back / inputs shown for the set): " + ", ".join(
        f"{name.split(' ', 1)[1]} {sum(a.applied for a in applied if a.name == name)}/"
        f"{sum(a.name == name for a in applied)}" for name in (ACTIONS[1], ACTIONS[3], ACTIONS[6])))
    groups: dict[str, list[Action]] = {}
    for a in failed:
        groups.setdefault(a.run.error or "exception element: " + a.run.exceptions[0][:80], []).append(a)
    for kind, items in sorted(groups.items(), key=lambda item: -len(item[1])):
        say(f"  {len(items)} x {kind[:120]} (e.g. {items[0].name})")
    for where, count in list(server.log_exceptions().items())[:8]:
        say(f"  server log: {count} x {where}")
    per_rerun = cpu / client_reruns if client_reruns else float("nan")
    message_bytes = sum(a.run.bytes for a in ran)
    wire_bytes = sum(a.run.wire for a in ran)
    say(f"websocket: {message_bytes / 1e6:.1f} MB of messages, {wire_bytes / 1e6:.1f} MB read off the sockets "
        f"({100 * wire_bytes / max(1, message_bytes):.0f} %; clients offer "
        f"{Session.compression or 'no compression'}, the server's enableWebsocketCompression decides)")
    say(f"server CPU: {cpu:.1f} s over {wall:.0f} s wall = {cpu / wall:.2f} cores busy; "
        f"{client_reruns} client reruns (+{early} runs that ended early for the app's own rerun): "
        f"{per_rerun:.3f} s per client rerun ({cpu / max(1, client_reruns + early):.3f} s per script run)")
    say(f"machine meanwhile: {busy:.1f} CPU-s busy of {wall * (os.cpu_count() or 1):.1f} "
        f"(server {cpu:.1f}, " + (f"proxy {proxy:.1f}, " if proxy else "") + f"this client {me:.1f}, "
        f"other processes {max(0.0, busy - cpu - me - proxy):.1f})")
    growth = (rss_expired if rss_expired == rss_expired else rss_after) - rss_before
    say(f"server RSS: before the class {rss_before:.0f} MiB, peak {peak:.0f}, after {rss_after:.0f} "
        f"(settled {args.settle:g} s), after the sessions expired {rss_expired:.0f} (session TTL {ttl} s"
        + ("" if rss_expired == rss_expired else ": not waited for") + f"); growth {growth:+.0f} MiB "
        f"(peak {peak - rss_before:+.0f})")
    if cgroup1:
        periods = cgroup1.get("periods", 0) - cgroup0.get("periods", 0)
        throttled = cgroup1.get("throttled_periods", 0) - cgroup0.get("throttled_periods", 0)
        say(f"container cgroup ({server.limits}): "
            + (f"CPU throttled in {throttled:.0f} of {periods:.0f} periods "
               f"({cgroup1.get('throttled_s', 0) - cgroup0.get('throttled_s', 0):.1f} s) during the class; "
               if periods else "no CPU quota; ")
            + "its memory high-water mark (what --memory limits; page cache included, shared libraries charged "
              f"elsewhere not) {cgroup1.get('memory_peak_mib', float('nan')):.0f} MiB")
    if missing > 0:
        say(f"phase deadline: {missing} actions never started (phase limit {seconds:.0f} s)")
    outcome = Outcome(n, percentile(ok, 95) if ok else float("inf"), errors, per_rerun, growth)
    if n > 1:
        passed, text = outcome.goals()
        say(f"goals for {n} students: {'PASS' if passed else 'FAIL'}: {text}")
    if fresh and not args.reuse_server:
        server.stop()
        say(f"server log: {server.log_path}" + (" (the container was OOM-killed)" if getattr(server, "oom_killed", False)
                                                 else ""))
        return outcome, None
    return outcome, server


async def main_async(args) -> int:
    started = time.monotonic()
    overall_deadline = started + args.timeout - 20  # time to stop the server and print
    app_dir, folder = (ROOT, None) if args.target else snapshot(args.source)
    if args.docker and args.docker_build:
        log = out_dir() / f"classroom-docker-build-{args.docker.replace('/', '_').replace(':', '_')}.log"
        print(f"building {args.docker} from {args.source} (docker build, classic builder; log {log}) ...", flush=True)
        built = await asyncio.to_thread(docker_build, args.docker, app_dir, log)
        print(f"built {args.docker} ({built})", flush=True)
    if args.docker and (why := docker_ready(args.docker)):
        print(f"RESULT: FAIL ({why})", flush=True)
        if folder is not None:
            folder.cleanup()
        return 2
    lines: list[str] = []

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    import plotly
    import streamlit
    say(f"machine: {platform.machine()}, {os.cpu_count()} cores ({cpu_model()}), {mem_total_gib():.1f} GiB; "
        f"python {platform.python_version()}, streamlit {streamlit.__version__}, plotly {plotly.__version__}")
    say(f"load average at start: {loadavg()}; app: "
        + ("what --target serves" if args.target else "work tree" if folder is None
           else f"{args.source} ({commit(args.source)})")
        + (f" in the image {args.docker}" + (" (built from it)" if args.docker_build else "") if args.docker else "")
        + f"; seed {args.seed}; warm-up: {args.warmup}; "
          f"{'one server for all phases' if args.reuse_server else 'a fresh server per phase'}")
    say(f"lr values {', '.join(map(str, LRS))}; presets {', '.join(PRESETS)}; optimizer sets "
        + "; ".join("+".join(s) for s in OPT_SETS))
    server: Server | Running | None = None
    if args.target:
        server = Running(args.target, args.server_pids, args.server_logs, args.proxy_pid)
        await asyncio.to_thread(server.wait_healthy)
        say(f"target: {server.url} (already running; not started by this script), server pids "
            f"{','.join(map(str, server.pids))}" + (f", proxy pid {server.proxy_pid}" if server.proxy_pid else "")
            + "; --source, --session-ttl and --malloc-arena-max are the target's business")
        for line in await asyncio.to_thread(server.describe):
            say(line)
    outcomes: list[Outcome] = []
    try:
        for n in args.students:
            if time.monotonic() > overall_deadline - 30:
                say(f"\n=== {n} students: skipped, overall timeout reached")
                outcomes.append(Outcome(n, float("inf"), 1, float("nan"), float("nan")))
                continue
            outcome, server = await phase(n, args, app_dir, server, say, overall_deadline)
            outcomes.append(outcome)
    finally:
        if server is not None:
            server.stop()
            say(f"server log: {server.log_path}")
        say()
        say(f"load average at end: {loadavg()}; total time {time.monotonic() - started:.0f} s")
        classes = [o for o in outcomes if o.students > 1]
        judged = next((o for o in classes if o.students == 40), max(classes, key=lambda o: o.students, default=None))
        result = 0
        if judged is not None:
            passed, text = judged.goals()
            say(f"RESULT ({judged.students} students): {'PASS' if passed else 'FAIL'}: {text}")
            result = 0 if passed else 1
        if args.report:
            Path(args.report).write_text("\n".join(lines) + "\n")
        if folder is not None:
            folder.cleanup()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", default="1,40",
                        help="class sizes, one phase each, e.g. 1,40,100 (default 1,40: ~4 min here)")
    parser.add_argument("--arrive", type=float, default=20.0, help="students arrive within this many s (default 20)")
    parser.add_argument("--think", default="3,8", help="seconds a student waits before each action: min,max (default 3,8)")
    parser.add_argument("--warmup", choices=("default", "all", "none"), default="default",
                        help="teacher before the class: the lesson pages' default scenes (default), every scene the "
                             "students can produce (all), or nothing (none: cold caches)")
    parser.add_argument("--reuse-server", action="store_true",
                        help="one server for all phases (default: a freshly started server per phase)")
    parser.add_argument("--seed", type=int, default=1, help="random seed for arrivals, waits and choices (default 1)")
    parser.add_argument("--timeout", type=float, default=1800, help="hard overall time limit in s (default 1800)")
    parser.add_argument("--phase-timeout", type=float, default=600,
                        help="students start no action after this many s of a phase (default 600)")
    parser.add_argument("--rerun-timeout", type=float, default=120,
                        help="client-side limit for one rerun in s (default 120)")
    parser.add_argument("--session-ttl", type=int, default=None,
                        help="server.disconnectedSessionTTL for the server under test (default: as shipped, "
                             "Streamlit's 120 s; the RSS after expiry is read that long after a class)")
    parser.add_argument("--source", default="HEAD",
                        help="app to serve: any git ref unpacked to a temporary folder (default HEAD) or 'worktree'")
    parser.add_argument("--settle", type=float, default=2.0, help="pause before reading RSS after a class (s)")
    parser.add_argument("--malloc-arena-max", type=int, default=None,
                        help="MALLOC_ARENA_MAX for the native server (default: the Dockerfile's; 0: unset, as the "
                             "README's bare `streamlit run app.py`)")
    parser.add_argument("--server-arg", action="append", default=[], metavar="FLAG",
                        help="a streamlit flag added to the shipped command line (repeatable), e.g. "
                             "--server-arg=--server.fileWatcherType=auto")
    parser.add_argument("--cloud", action="store_true",
                        help="add Streamlit Community Cloud's documented config overrides: " + " ".join(CLOUD_OVERRIDES))
    parser.add_argument("--docker", metavar="IMAGE",
                        help="measure this Docker image instead of a native server (a container per phase)")
    parser.add_argument("--docker-build", action="store_true", help="with --docker: build IMAGE from --source first")
    parser.add_argument("--docker-cpus", type=float, default=1.0,
                        help="with --docker: docker run --cpus (default 1, Community Cloud's smallest; 0: no limit)")
    parser.add_argument("--docker-memory", default="690m",
                        help="with --docker: docker run --memory (default 690m, Community Cloud's smallest; 0: no limit)")
    parser.add_argument("--ws-deflate", action="store_true",
                        help="clients offer permessage-deflate, as browsers do (the server takes it when "
                             "--server-arg=--server.enableWebsocketCompression=true or config.toml turns it on)")
    parser.add_argument("--report", help="also write the printed report to this file")
    parser.add_argument("--target", help="drive this already-running front end (http://127.0.0.1:PORT, e.g. "
                                         "scripts/serve.sh's proxy) instead of starting a server per phase")
    parser.add_argument("--server-pids", default="",
                        help="with --target: the server processes (comma-separated) whose CPU and RSS are summed")
    parser.add_argument("--server-logs", default="",
                        help="with --target: their log files (comma-separated), searched for tracebacks")
    parser.add_argument("--proxy-pid", type=int, help="with --target: the proxy's pid (its CPU is shown apart)")
    args = parser.parse_args(argv)
    if args.ws_deflate:
        Session.compression = "deflate"
    try:
        args.students = [int(v) for v in args.students.split(",") if v.strip()]
        args.think = tuple(float(v) for v in args.think.split(","))
    except ValueError:
        parser.error("--students takes integers like 1,40,100 and --think two numbers like 3,8")
    try:
        args.server_pids = [int(v) for v in args.server_pids.split(",") if v.strip()]
    except ValueError:
        parser.error("--server-pids takes pids like 123,456")
    args.server_logs = [v for v in args.server_logs.split(",") if v.strip()]
    if args.target and not args.server_pids:
        parser.error("--target needs --server-pids (whose CPU and memory to measure)")
    if args.target and (args.docker or args.server_arg or args.cloud):
        parser.error("--docker, --server-arg and --cloud start servers: not with --target")
    if args.docker and args.malloc_arena_max is not None:
        parser.error("--malloc-arena-max is the image's business (its ENV) with --docker")
    if args.target:
        args.reuse_server = True
    if not args.students or min(args.students) < 1 or len(args.think) != 2 or not 0 <= args.think[0] <= args.think[1]:
        parser.error("--students must be >= 1 and --think min,max with 0 <= min <= max")
    try:
        return asyncio.run(asyncio.wait_for(main_async(args), args.timeout))
    except asyncio.TimeoutError:
        print(f"RESULT: FAIL (overall timeout {args.timeout:.0f} s)", flush=True)
        return 2


if __name__ == "__main__":
    sys.exit(main())
