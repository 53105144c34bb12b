"""The app served by ``streamlit run`` on loopback for the benchmarks, and facts about the machine.

A snapshot of a git ref (``HEAD`` by default: other people's unsaved edits in a shared work tree do
not leak into the figures), a copy of a folder, or the work tree itself is served on 127.0.0.1 at a
free port, with the project's .streamlit/config.toml and ``MALLOC_ARENA_MAX=2`` as in the Docker image.
Only loopback addresses are ever used.
"""

from __future__ import annotations

import http.client
import io
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = Path(__file__).resolve().parent / "out"
HOST = "127.0.0.1"  # loopback only: never point these scripts anywhere else


def out_dir() -> Path:
    """benchmarks/out/, kept out of git by its own .gitignore."""
    OUT.mkdir(exist_ok=True)
    ignore = OUT / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n")
    return OUT


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def loadavg() -> str:
    return "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` in MiB (VmRSS from /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def cpu_s(pid: int) -> float:
    """CPU seconds (user + system, all threads) that ``pid`` has used so far, from /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime (fields 14, 15)


def http_get(port: int, path: str, timeout: float = 5.0, headers: dict[str, str] | None = None
             ) -> tuple[int, list[str]]:
    """GET http://127.0.0.1:<port><path>: the status and the Set-Cookie header lines."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        response.read()
        return response.status, response.headers.get_all("Set-Cookie") or []
    finally:
        conn.close()


def snapshot(source: str) -> tuple[Path, tempfile.TemporaryDirectory | None]:
    """The app to serve and the temporary folder holding it (None for the work tree itself):
    ``worktree``, a folder (copied), or a git ref unpacked with ``git archive``."""
    if source == "worktree":
        return ROOT, None
    if Path(source).is_dir():
        folder = tempfile.TemporaryDirectory(prefix="descentlab-app-")
        shutil.copytree(source, folder.name, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns(".git", ".venv", "__pycache__", "out", "test-artifacts"))
        return Path(folder.name), folder
    try:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", source],
                                 capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"cannot unpack {source} ({error}); serving the work tree", flush=True)
        return ROOT, None
    folder = tempfile.TemporaryDirectory(prefix="descentlab-load-")
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder.name, filter="data")
    return Path(folder.name), folder


class Server:
    """``streamlit run app.py`` on 127.0.0.1:<free port>, logging to benchmarks/out/<name>-server-<port>.log."""

    def __init__(self, session_ttl: int | None, app_dir: Path = ROOT, malloc_arena_max: int = 2,
                 name: str = "load"):
        self.app_dir = app_dir
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.log_path = out_dir() / f"{name}-server-{self.port}.log"
        self._log = open(self.log_path, "w")
        args = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
                "--server.address", HOST, "--server.port", str(self.port),
                "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
        if session_ttl is not None:
            args += ["--server.disconnectedSessionTTL", str(session_ttl)]
        env = dict(os.environ)
        if malloc_arena_max > 0:  # as the Docker image sets it: fewer glibc malloc arenas, less resident memory
            env["MALLOC_ARENA_MAX"] = str(malloc_arena_max)
        self.proc = subprocess.Popen(args, cwd=app_dir, stdout=self._log, stderr=subprocess.STDOUT, env=env)

    def wait_healthy(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}; see {self.log_path}")
            try:
                if http_get(self.port, "/_stcore/health", timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"server not healthy in {timeout:.0f} s; see {self.log_path}")

    @property
    def pids(self) -> list[int]:
        return [self.proc.pid]

    def rss(self) -> float:
        return rss_mb(self.proc.pid)

    def cpu(self) -> float:
        return cpu_s(self.proc.pid)

    def log_errors(self) -> list[str]:
        """Lines of the server log that start a traceback or report an error."""
        self._log.flush()
        text = self.log_path.read_text(errors="replace")
        return [line for line in text.splitlines()
                if "Traceback" in line or re.search(r"\b(ERROR|CRITICAL)\b", line)]

    def log_exceptions(self) -> dict[str, int]:
        """Tracebacks in the server log, grouped by their last frame in the app and their exception line."""
        self._log.flush()
        return self.log_exceptions_in(self.log_path.read_text(errors="replace"))

    @staticmethod
    def log_exceptions_in(text: str) -> dict[str, int]:
        groups: dict[str, int] = {}
        for block in text.split("Traceback (most recent call last):")[1:]:
            lines = block.splitlines()
            frames = [l.strip() for l in lines if l.strip().startswith("File ") and "site-packages" not in l]
            last = next((l for l in lines if re.match(r"^[\w.]+(Error|Exception|Warning)\b", l)), "?")
            where = re.sub(r'^File "(?:[^"]*?/)?([^/"]+/[^/"]+)", line (\d+).*', r"\1:\2", frames[-1]) if frames else "?"
            key = f"{where}: {last[:150]}"
            groups[key] = groups.get(key, 0) + 1
        return dict(sorted(groups.items(), key=lambda item: -item[1]))

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        self._log.close()


def commit(ref: str) -> str:
    """``<short hash> <subject>`` of a git ref, or what a folder source is."""
    if ref != "worktree" and Path(ref).is_dir():
        return f"folder {ref}"
    out = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%h %s", ref], capture_output=True, text=True)
    return out.stdout.strip()[:60]


class Running:
    """Servers started by someone else, e.g. ``scripts/serve.sh`` replicas behind HAProxy, seen as one:
    the front end's loopback URL, CPU and RSS summed over ``pids``, errors from their ``logs``.
    ``proxy_pid`` (the proxy's own process) is measured apart. ``stop`` leaves them running."""

    def __init__(self, url: str, pids: list[int], logs: list[Path] = (), proxy_pid: int | None = None):
        from urllib.parse import urlsplit
        parts = urlsplit(url)
        if parts.hostname not in (HOST, "localhost") or not parts.port:
            raise ValueError(f"{url}: only http://{HOST}:<port> (loopback) may be driven")
        self.url = f"http://{HOST}:{parts.port}"
        self.port = parts.port
        self.pids = list(pids)
        self.proxy_pid = proxy_pid
        self.logs = [Path(p) for p in logs]
        self.log_path = ", ".join(map(str, self.logs)) or "(no logs given)"
        self._offsets = {p: (p.stat().st_size if p.exists() else 0) for p in self.logs}  # only what follows

    def wait_healthy(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if http_get(self.port, "/_stcore/health", timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"{self.url} not healthy in {timeout:.0f} s")

    def rss(self) -> float:
        return sum(rss_mb(pid) for pid in self.pids)

    def cpu(self) -> float:
        return sum(cpu_s(pid) for pid in self.pids)

    def proxy_cpu(self) -> float:
        return cpu_s(self.proxy_pid) if self.proxy_pid else 0.0

    def _text(self) -> str:
        parts = []
        for path in self.logs:
            with open(path, errors="replace") as log:
                log.seek(self._offsets[path])
                parts.append(log.read())
        return "\n".join(parts)

    def log_errors(self) -> list[str]:
        return [line for line in self._text().splitlines()
                if "Traceback" in line or re.search(r"\b(ERROR|CRITICAL)\b", line)]

    def log_exceptions(self) -> dict[str, int]:
        return Server.log_exceptions_in(self._text())

    def stop(self) -> None:
        pass
