"""Server CPU per rerun, click by click: one user, warm caches, the same clicks against two versions.

    python benchmarks/rerun_cpu.py                           # 1a9212f (before the shared charts) vs HEAD
    python benchmarks/rerun_cpu.py --sources HEAD --repeat 20

For each version (a git ref unpacked to a temporary folder, or ``worktree``) the script starts one
server on loopback as the Docker image starts it (benchmarks/_server.py's Server: the Dockerfile's
command and environment, the app's .streamlit/config.toml; ``--server-arg`` adds streamlit flags),
prints its command line, environment and effective config, opens each page once, then
repeats every click below ``--repeat`` times, alternating between two values so that both scenes are
cached after the first round, and reads the server's CPU (utime + stime, all threads, /proc) around
them. A click on a widget inside an ``st.fragment`` is sent as the browser sends it: a rerun of that
fragment only (``fragment_id`` of the widget, read from the deltas); where a version has no fragment
there, the same click is a full rerun. The column "fragment" says which it was.

Clicks: reopening a page (a full rerun of the same URL: what every click outside a fragment costs
at least), then each page's own controls: the compare page's learning rate (a new scene), log-scale
toggle, tolerance and the panels toggle; the mini-batch page's epochs/updates toggle; the sweep
page's metric toggle and heatmap grid size; the saddles page's basin learning rate; the network
page's log-scale toggle.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._server import Server, commit, snapshot  # noqa: E402
from benchmarks.load import Session  # noqa: E402

# page, label, widget query key (None: reopen the page), the two values to alternate
CLICKS = [
    ("", "reopen /", None, None),
    ("", "adam.lr (new scene)", "adam.lr", (0.1, 0.2)),
    ("", "log-scale toggle", "logloss", (True, False)),
    ("", "tolerance", "tol", (1e-3, 1e-6)),
    ("", "panels toggle", "panels", (False, True)),
    ("learning-rate", "reopen /learning-rate", None, None),
    ("minibatch", "reopen /minibatch", None, None),
    ("minibatch", "epochs/updates toggle", "per_epoch", (False, True)),
    ("lr-sweep", "reopen /lr-sweep", None, None),
    ("lr-sweep", "metric toggle", "sw_metric", (True, False)),
    ("lr-sweep", "heatmap learning rates", "sw_gx", (30, 60)),
    ("saddles", "reopen /saddles", None, None),
    ("saddles", "basin learning rate", "basin.lr", (0.02, 0.01)),
    ("tiny-network", "reopen /tiny-network", None, None),
    ("tiny-network", "log-scale toggle", "net_log", (True, False)),
]


async def measure(source: str, repeat: int, timeout: float, extra_args: list[str] = ()
                  ) -> list[tuple[str, str, float, float, bool]]:
    app_dir, folder = snapshot(source)
    server = Server(None, app_dir, name="rerun-cpu", extra_args=extra_args)
    rows = []
    try:
        await asyncio.to_thread(server.wait_healthy)
        for line in await asyncio.to_thread(server.describe):
            print(line, flush=True)
        session = Session(server.port, timeout=timeout)
        await session.connect()
        await session.rerun("", "lang=en", how="first")
        for page, label, key, values in CLICKS:
            opened = await session.rerun(page, "lang=en", how="history")
            if opened.failed:
                raise RuntimeError(f"{source}: /{page} failed: {opened.error or opened.exceptions}")
            widget = opened.widgets.get(key) if key else None
            if key and widget is None:
                rows.append((page, label, float("nan"), float("nan"), False))
                continue

            async def click(i: int):
                if widget is None:
                    return await session.rerun(page, "lang=en", how="history")
                value = values[i % 2]
                if not isinstance(value, bool):  # the protocol's int or double, as the widget declares
                    value = int(value) if widget.integer else float(value)
                return await session.rerun(page, "lang=en", how="widgets", widgets={widget.id: value},
                                           fragment=widget.fragment)

            for i in range(2):  # both scenes into the caches
                await click(i)
            cpu, walls = server.cpu(), []
            for i in range(repeat):
                started = time.perf_counter()
                run = await click(i)
                walls.append(time.perf_counter() - started)
                if run.failed:
                    raise RuntimeError(f"{source}: {label} failed: {run.error or run.exceptions}")
            rows.append((page, label, (server.cpu() - cpu) / repeat, statistics.median(walls),
                         bool(widget is not None and widget.fragment)))
        await session.close()
    finally:
        server.stop()
        if folder is not None:
            folder.cleanup()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", default="1a9212f,HEAD", help="comma-separated git refs or 'worktree'")
    parser.add_argument("--repeat", type=int, default=10, help="clicks timed per row (default 10)")
    parser.add_argument("--timeout", type=float, default=120, help="limit for one rerun, s")
    parser.add_argument("--server-arg", action="append", default=[], metavar="FLAG",
                        help="a streamlit flag added to the shipped command line (repeatable), e.g. "
                             "--server-arg=--server.fileWatcherType=auto")
    args = parser.parse_args()
    sources = [s.strip() for s in args.sources.split(",") if s.strip()]
    results = {}
    for source in sources:
        print(f"{source}: {commit(source) if source != 'worktree' else 'work tree'}", flush=True)
        results[source] = asyncio.run(measure(source, args.repeat, args.timeout, args.server_arg))
    print(f"\nserver CPU per click, ms (median wall ms); {args.repeat} clicks each, warm caches, one user")
    header = f"{'page':<14} {'click':<24}" + "".join(f" {s[:12]:>22}" for s in sources)
    if len(sources) == 2:
        header += f" {'ratio':>7}"
    print(header)
    for i, (page, label, _, _) in enumerate(CLICKS):
        line = f"{'/' + page:<14} {label:<24}"
        cpus = []
        for source in sources:
            _, _, cpu, wall, fragment = results[source][i]
            cpus.append(cpu)
            line += f" {cpu * 1e3:7.1f} ({wall * 1e3:6.0f}){' frag' if fragment else '     '}"
        if len(sources) == 2 and cpus[1] > 0:
            line += f" {cpus[0] / cpus[1]:6.1f}x"
        print(line)
    for source in sources:
        cpus = [row[2] for row in results[source] if row[2] == row[2]]
        print(f"{source}: mean {statistics.mean(cpus) * 1e3:.1f} ms of server CPU per click over {len(cpus)} clicks")


if __name__ == "__main__":
    main()
