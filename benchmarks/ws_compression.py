"""Websocket compression (Streamlit's ``server.enableWebsocketCompression``): bytes saved against server CPU.

    python benchmarks/ws_compression.py                 # every page, 8 openings each, compression off then on
    python benchmarks/ws_compression.py --pages minibatch,"" --repeat 20 --source worktree

Two servers are started side by side as the deployments start them (the Dockerfile's command, read by
benchmarks/_server.py, with ``--server.enableWebsocketCompression=false`` and ``=true``), their caches are
warmed (each page opened once), then every page is opened ``--repeat`` times on each, alternately (so the
machine's other load weighs on both alike), each time in a NEW session (a student
opening a link: the page's whole first run crosses the websocket) whose client offers permessage-deflate as
browsers do. Per page: the messages' bytes, the bytes read off the socket, and the server's CPU per opening
(utime + stime of the server process around the opening, in 10 ms ticks: the mean of the repeats). uvicorn's
permessage-deflate (websockets' ``ServerPerMessageDeflateFactory``: 12-bit windows, memLevel 5, zlib's
default level) compresses every message the server sends.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._server import Server, loadavg, snapshot  # noqa: E402
from benchmarks.load import Session, app_url_paths  # noqa: E402


async def open_page(server: Server, page: str) -> tuple[int, int, float, str]:
    session = Session(server.port, timeout=120, health_timeout=15)
    await session.connect()
    try:
        before = server.cpu()
        run = await session.rerun(page, "lang=en", how="first")
        cpu = server.cpu() - before
    finally:
        await session.close()
    return run.bytes, run.wire, cpu, run.error or (run.exceptions[0] if run.exceptions else "")


async def measure(servers: dict[str, Server], pages: list[str], repeat: int) -> dict[str, dict[str, dict]]:
    """Both servers side by side, their openings interleaved (off, on, off, on, ...): the machine's other load
    weighs on both alike."""
    for server in servers.values():  # warm the caches: every later opening builds nothing new
        for page in pages:
            await open_page(server, page)
    runs: dict[str, dict[str, list]] = {s: {p: [] for p in pages} for s in servers}
    for _ in range(repeat):
        for page in pages:
            for setting, server in servers.items():
                runs[setting][page].append(await open_page(server, page))
    out: dict[str, dict[str, dict]] = {}
    for setting, by_page in runs.items():
        out[setting] = {page: {"bytes": statistics.median(r[0] for r in rs), "wire": statistics.median(r[1] for r in rs),
                               "cpu": statistics.fmean(r[2] for r in rs), "errors": [r[3] for r in rs if r[3]]}
                        for page, rs in by_page.items()}
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", default=None, help="url paths, comma-separated (default: every page of app.py)")
    parser.add_argument("--repeat", type=int, default=8)
    parser.add_argument("--source", default="HEAD", help="git ref (default HEAD), a folder or worktree")
    args = parser.parse_args()
    Session.compression = "deflate"  # what browsers offer
    app_dir, folder = snapshot(args.source)
    pages = args.pages.split(",") if args.pages is not None else app_url_paths(app_dir)
    servers: dict[str, Server] = {}
    try:
        for setting in ("off", "on"):
            servers[setting] = Server(None, app_dir=app_dir, name=f"ws-{setting}", extra_args=[
                f"--server.enableWebsocketCompression={'true' if setting == 'on' else 'false'}"])
        for server in servers.values():
            server.wait_healthy(90)
        print(f"both servers up (compression off and on); load average {loadavg()}", flush=True)
        results = asyncio.run(measure(servers, pages, args.repeat))
    finally:
        for server in servers.values():
            server.stop()
        if folder is not None:
            folder.cleanup()
    print(f"\nper page opening (a new session's first run; bytes: median, CPU: mean of {args.repeat}); "
          f"load average {loadavg()}")
    print(f"{'page':<14} {'messages':>10} {'wire off':>10} {'wire on':>10} {'ratio':>6} {'CPU off':>9} {'CPU on':>9} {'+CPU':>8}")
    for page in pages:
        off, on = results["off"][page], results["on"][page]
        print(f"/{page:<13} {off['bytes'] / 1e3:8.0f} KB {off['wire'] / 1e3:8.0f} KB {on['wire'] / 1e3:8.0f} KB "
              f"{on['wire'] / max(1, off['wire']):6.2f} {1000 * off['cpu']:7.1f} ms {1000 * on['cpu']:7.1f} ms "
              f"{1000 * (on['cpu'] - off['cpu']):+6.1f} ms" + (f"  errors: {off['errors'] + on['errors']}"
                                                               if off["errors"] or on["errors"] else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
