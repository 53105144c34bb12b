"""Replicas: the same class against 1 and then 2 Streamlit replicas behind HAProxy (scripts/serve.sh).

    python benchmarks/replicas.py                                   # 1 vs 2 replicas, 200 students (~4 min)
    python benchmarks/replicas.py --replicas 1,2 --rounds 2         # 1, 2, 1, 2: other jobs' noise shows
    python benchmarks/replicas.py --students 20 --think 0.5,1 --replicas 1,2 --timeout 300   # smoke run

For each entry of ``--replicas`` (in ``--rounds`` rounds) it starts ``scripts/serve.sh --replicas N
--port 0`` afresh (replicas and proxy on loopback, the app of ``--source``: a git ref unpacked to a
temporary folder, HEAD by default, or ``worktree``; ``server.disconnectedSessionTTL`` 10 s), waits for
its ``ready`` line, runs ``benchmarks/classroom.py --target <proxy> --server-pids <replicas>
--proxy-pid <haproxy>`` with one class (the same seed every time: the same students, choices and
waits), prints classroom's report, stops serve.sh (SIGTERM: it stops what it started), and at the
end prints one line per run and the throughput ratio of N replicas to 1.

The default class is meant to saturate one replica: 200 students who arrive within 2 s and think
0.5-1.5 s before each of their 7 actions ask for ~200 reruns/s, far more than one process serves
(~0.03 s of server CPU per rerun, so at most ~30/s on one core). Throughput is then what the
servers can deliver: completed actions per second of the class's wall time. The client (this
machine's one Python process speaking the websocket protocol for all students) and HAProxy need CPU
too; their CPU and the load average from other people's jobs are printed next to each figure.
Errors as classroom.py counts them (none are expected); the exit status is 0 when every run had 0.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._server import commit, cpu_model, loadavg, out_dir, snapshot  # noqa: E402


def start(replicas: int, app_dir: Path, run_dir: Path, timeout: float = 180) -> tuple[subprocess.Popen, dict]:
    """scripts/serve.sh --replicas N on a free loopback port; returns it and its ready line's fields."""
    run_dir.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(
        ["bash", str(ROOT / "scripts" / "serve.sh"), "--replicas", str(replicas), "--port", "0",
         "--host", "127.0.0.1", "--app-dir", str(app_dir), "--run-dir", str(run_dir),
         "--", "--server.disconnectedSessionTTL", "10"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=open(run_dir / "serve.log", "w"), text=True)
    deadline = time.monotonic() + timeout
    for line in proc.stdout:
        if line.startswith("ready "):
            fields = dict(part.split("=", 1) for part in line.split()[2:])
            fields["url"] = line.split()[1]
            return proc, fields
        if time.monotonic() > deadline:
            break
    stop(proc)
    raise RuntimeError(f"serve.sh --replicas {replicas} did not get ready; see {run_dir / 'serve.log'}")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def grab(pattern: str, text: str, default: str = "nan") -> str:
    match = re.search(pattern, text, re.M)
    return match.group(1) if match else default


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--replicas", default="1,2", help="replica counts to compare, in order (default 1,2)")
    parser.add_argument("--rounds", type=int, default=1, help="repeat the whole list this many times (default 1)")
    parser.add_argument("--students", type=int, default=200, help="class size (default 200)")
    parser.add_argument("--arrive", default="2", help="students arrive within this many s (default 2)")
    parser.add_argument("--think", default="0.5,1.5", help="think time before each action: min,max s (default 0.5,1.5)")
    parser.add_argument("--seed", type=int, default=1, help="classroom seed (default 1; the same for every run)")
    parser.add_argument("--warmup", default="default", choices=("default", "all", "none"),
                        help="classroom's teacher warm-up, once per replica (default: default)")
    parser.add_argument("--source", default="HEAD",
                        help="app to serve: a git ref unpacked to a temporary folder (default HEAD) or 'worktree'")
    parser.add_argument("--timeout", type=float, default=600, help="limit per classroom run in s (default 600)")
    parser.add_argument("--report", help="also write the printed report to this file")
    args = parser.parse_args(argv)
    counts = [int(v) for v in args.replicas.split(",") if v.strip()]
    if not counts or min(counts) < 1 or args.rounds < 1:
        parser.error("--replicas takes counts >= 1 like 1,2; --rounds >= 1")

    lines: list[str] = []

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    app_dir, folder = snapshot(args.source)
    say(f"machine: {os.cpu_count()} cores ({cpu_model()}); load average at start {loadavg()}; app: "
        + ("work tree" if folder is None else f"{args.source} ({commit(args.source)})"))
    say(f"class: {args.students} students arriving within {args.arrive} s, thinking {args.think} s, seed {args.seed}; "
        f"replicas {', '.join(map(str, counts))} x {args.rounds} round(s), each a fresh scripts/serve.sh")
    results = []
    try:
        for round_no in range(args.rounds):
            for n in counts:
                run_dir = out_dir() / f"replicas-{n}-{round_no + 1}"
                proc, ready = start(n, app_dir, run_dir)
                pids = ready["replica_pids"]
                logs = ",".join(str(run_dir / f"replica-r{i + 1}.log") for i in range(n))
                say()
                say(f"##### {n} replica(s) behind HAProxy: {ready['url']}, replica pids {pids}, "
                    f"haproxy pid {ready['haproxy_pid']}; load average {loadavg()}")
                try:
                    run = subprocess.run(
                        [sys.executable, str(ROOT / "benchmarks" / "classroom.py"), "--students", str(args.students),
                         "--arrive", args.arrive, "--think", args.think, "--seed", str(args.seed),
                         "--warmup", args.warmup, "--target", ready["url"], "--server-pids", pids,
                         "--server-logs", logs, "--proxy-pid", ready["haproxy_pid"],
                         "--timeout", str(args.timeout), "--phase-timeout", str(args.timeout - 60)],
                        cwd=ROOT, capture_output=True, text=True, timeout=args.timeout + 60)
                finally:
                    stop(proc)
                text = run.stdout + run.stderr
                for line in text.splitlines():
                    say("  " + line if line else "")
                results.append({
                    "replicas": n,
                    "rate": float(grab(r"^throughput: \d+ completed actions in [\d.]+ s = ([\d.]+) reruns/s", text)),
                    "done": grab(r"^throughput: (\d+) completed", text),
                    "p50": grab(r"^all actions\s+\d+\s+([\d.]+)", text),
                    "p95": grab(r"^all actions\s+\d+\s+[\d.]+\s+([\d.]+)", text),
                    "errors": int(grab(r"^actions: .*?; errors (\d+)", text, "-1")),
                    "cores": grab(r"^server CPU: .*? = ([\d.]+) cores busy", text),
                    "per_rerun": grab(r"^server CPU: .*?: ([\d.]+) s per client rerun", text),
                    "client": grab(r"this client ([\d.]+)", text),
                    "proxy": grab(r"proxy ([\d.]+),", text, "0"),
                    "other": grab(r"other processes ([\d.]+)\)", text),
                    "wall": grab(r"^throughput: \d+ completed actions in ([\d.]+) s", text),
                    "load": grab(r"load average ([\d. ]+ -> [\d. ]+) \(", text, "?"),
                    "spread": grab(r"^actions per replica \(sticky cookie\): (.*)$", text, "?"),
                    "status": run.returncode,
                })
    finally:
        if folder is not None:
            folder.cleanup()

    say()
    say(f"{'replicas':>8} {'reruns/s':>9} {'done':>5} {'p50 s':>6} {'p95 s':>6} {'errors':>6} {'server cores':>12} "
        f"{'CPU/rerun':>9} {'client CPU-s':>12} {'proxy CPU-s':>11} {'others CPU-s':>12}  load average (1/5/15 min)")
    for r in results:
        say(f"{r['replicas']:>8} {r['rate']:>9.1f} {r['done']:>5} {r['p50']:>6} {r['p95']:>6} {r['errors']:>6} "
            f"{r['cores']:>12} {r['per_rerun']:>9} {r['client']:>12} {r['proxy']:>11} {r['other']:>12}  {r['load']}"
            f"   [{r['spread']}; wall {r['wall']} s]")
    base = [r["rate"] for r in results if r["replicas"] == counts[0]]
    for n in counts[1:]:
        mine = [r["rate"] for r in results if r["replicas"] == n]
        if base and mine:
            say(f"throughput, {n} replicas vs {counts[0]}: x{(sum(mine) / len(mine)) / (sum(base) / len(base)):.2f} "
                f"(mean over {len(mine)} and {len(base)} runs)")
    say(f"load average at end: {loadavg()}")
    ok = all(r["errors"] == 0 for r in results) and len(results) == len(counts) * args.rounds
    say("RESULT: " + ("0 errors in every run" if ok else "FAIL: errors (or a run without figures) above"))
    if args.report:
        Path(args.report).write_text("\n".join(lines) + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
