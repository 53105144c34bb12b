"""The app served by ``streamlit run`` on loopback for the benchmarks, and facts about the machine.

A snapshot of a git ref (``HEAD`` by default: other people's unsaved edits in a shared work tree do
not leak into the figures), a copy of a folder, or the work tree itself is served on 127.0.0.1 at a
free port. The server is started as the shipped ones are (issue 22: a benchmark measures what users
run): the command line and the environment are read from the Dockerfile's ENTRYPOINT and ENV (since issue
18 ``streamlit run asgi.py``, app.py with its static files served precompressed, plus the port, the
address and ``--server.headless``; a ref without asgi.py runs app.py, as its own Dockerfile did), every
other setting comes from the app's own .streamlit/config.toml; only the address is loopback instead of
0.0.0.0 and the port a free one. A snapshot has no precompressed static files (``.static-cache``): its
server sends them uncompressed, which changes nothing that these benchmarks measure over the websocket. ``extra_args`` (a benchmark's flag) may add to it, and
``describe_server`` prints what was measured: the command line, the environment and the effective
config, read from the running process itself. ``Container`` runs the Docker image instead.
Only loopback addresses are ever used.
"""

from __future__ import annotations

import http.client
import io
import json
import os
import platform
import re
import shlex
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
DOCKER = "/usr/bin/docker"  # Debian's client (the newer one some machines carry has no classic builder)

# Streamlit Community Cloud's documented overrides ("The following configuration options are set
# within Community Cloud and will override any contrary setting in your config.toml file"):
# https://docs.streamlit.io/deploy/streamlit-community-cloud/status#configuration
CLOUD_OVERRIDES = ("--client.showErrorDetails=false", "--runner.fastReruns=true", "--server.runOnSave=true",
                   "--server.enableXsrfProtection=true", "--browser.gatherUsageStats=true")

# The settings that change what a rerun costs or what a class sees, printed with every report.
CONFIG_KEYS = ("server.fileWatcherType", "server.runOnSave", "runner.postScriptGC", "runner.fastReruns",
               "server.disconnectedSessionTTL", "server.headless", "server.address", "server.port",
               "browser.gatherUsageStats", "client.showErrorDetails", "server.enableXsrfProtection",
               "server.enableWebsocketCompression")
ENV_PREFIXES = ("STREAMLIT_", "MALLOC_", "PYTHON", "OPENBLAS_", "OMP_", "NPY_", "PORT")


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



def haproxy_stats(sock: str) -> list[dict[str, str]]:
    """HAProxy's ``show stat`` on its stats socket ``sock``: one dict per frontend, backend and server row
    (``pxname``, ``svname``, ``status``, ``scur``, ``bout``...). Raises OSError when the socket does not answer."""
    with socket.socket(socket.AF_UNIX) as s:
        s.settimeout(5)
        s.connect(sock)
        s.sendall(b"show stat\n")
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    lines = data.decode().splitlines()
    header = lines[0].lstrip("# ").split(",")
    return [dict(zip(header, line.split(","))) for line in lines[1:] if line]


def wait_for_health(port: int, gone, what: str, log_path, timeout: float) -> None:
    """Poll ``/_stcore/health`` on ``port`` until it answers 200; ``gone()`` says why the server can no longer
    answer (None while it runs)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        reason = gone()
        if reason:
            raise RuntimeError(f"{reason}; see {log_path}")
        try:
            if http_get(port, "/_stcore/health", timeout=2)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{what} not healthy in {timeout:.0f} s; see {log_path}")

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


def _logical_lines(text: str) -> list[str]:
    """A Dockerfile's instructions: continuation lines joined, comments and blank lines dropped."""
    lines, current = [], ""
    for raw in text.splitlines():
        line = raw.strip()
        if not current and (not line or line.startswith("#")):
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        lines.append(current + line)
        current = ""
    return lines


def dockerfile_server(dockerfile: Path | None = None) -> tuple[list[str], dict[str, str]]:
    """What the Docker image runs, read from the Dockerfile: the ``streamlit`` arguments of its
    ENTRYPOINT (``run app.py --server.port=$PORT ...``, without the ``"$@"`` that passes
    ``docker run`` arguments on) and the variables its ENV instructions set."""
    text = (dockerfile or ROOT / "Dockerfile").read_text()
    env: dict[str, str] = {}
    entrypoint: list[str] = []
    for line in _logical_lines(text):
        word, _, rest = line.partition(" ")
        if word.upper() == "ENV":
            env.update(item.split("=", 1) for item in shlex.split(rest))
        elif word.upper() == "ENTRYPOINT":
            entrypoint = json.loads(rest)
    if entrypoint[:2] == ["sh", "-c"]:  # a shell form: exec streamlit run app.py ... "$@"
        entrypoint = shlex.split(entrypoint[2])
    if entrypoint and entrypoint[0] == "exec":
        entrypoint = entrypoint[1:]
    if not entrypoint or Path(entrypoint[0]).name != "streamlit":
        raise ValueError(f"the Dockerfile's ENTRYPOINT does not run streamlit: {entrypoint}")
    return [a for a in entrypoint[1:] if a != "$@"], env


def server_command(port: int, extra_args: list[str] | tuple[str, ...] = ()) -> list[str]:
    """The benchmark's server command: the Docker image's, with a free loopback port and address."""
    args, _ = dockerfile_server()
    out = []
    for arg in args:
        arg = arg.replace("${PORT}", str(port)).replace("$PORT", str(port))
        if arg.startswith("--server.address="):
            arg = f"--server.address={HOST}"  # loopback only, never 0.0.0.0 on a shared machine
        out.append(arg)
    if not any(a.startswith("--server.port") for a in out) or not any(a.startswith("--server.address") for a in out):
        raise ValueError(f"the Dockerfile's command sets no port or address: {args}")
    return [sys.executable, "-m", "streamlit", *out, *extra_args]


def server_env(malloc_arena_max: int | None = None, port: int | None = None) -> dict[str, str]:
    """This process's environment plus the Dockerfile's ENV (PORT set to ``port``); ``malloc_arena_max``
    None keeps the Dockerfile's MALLOC_ARENA_MAX, 0 removes it, a number replaces it."""
    _, image_env = dockerfile_server()
    env = {**os.environ, **image_env}
    if port is not None:
        env["PORT"] = str(port)
    if malloc_arena_max == 0:
        env.pop("MALLOC_ARENA_MAX", None)
    elif malloc_arena_max is not None:
        env["MALLOC_ARENA_MAX"] = str(malloc_arena_max)
    return env


# Run with the server's own Python, in its folder and environment, with the arguments after "run":
# Streamlit's own parser says what the server's settings are and where each was set.
_CONFIG_SCRIPT = """
import json, platform, sys
import streamlit
from streamlit import config
from streamlit.web import bootstrap, cli
ctx = cli.main_run.make_context("run", sys.argv[2:])
bootstrap.load_config_options({k: v for k, v in ctx.params.items() if k not in ("target", "args")})
print(json.dumps({"python": platform.python_version(), "streamlit": streamlit.__version__,
                  "options": {k: [config.get_option(k), config.get_where_defined(k)]
                              for k in json.loads(sys.argv[1])}}))
"""


def parse_config(run_args: list[str], cwd: Path | str, env: dict[str, str] | None = None,
                 python: str = sys.executable) -> dict:
    """What ``streamlit run <run_args>`` started in ``cwd`` with ``env`` would run with: Streamlit's own
    parser (click's, then the config files) in a fresh ``python``. Keys: python, streamlit, options
    ({key: [value, where it was set]} for CONFIG_KEYS)."""
    out = subprocess.run([python, "-c", _CONFIG_SCRIPT, json.dumps(CONFIG_KEYS), *run_args], capture_output=True,
                         text=True, timeout=60, cwd=cwd, env=env)
    try:
        return json.loads(out.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return {"python": "?", "streamlit": "?", "options": {}, "error": (out.stderr or out.stdout)[-300:]}


def _proc_list(pid: int, name: str) -> list[str]:
    try:
        raw = Path(f"/proc/{pid}/{name}").read_bytes()
    except PermissionError:  # another user's environ
        return []
    return [v for v in raw.decode(errors="replace").split("\0") if v]


def effective_config(pid: int, container: str | None = None) -> dict:
    """The running server's command line, environment (the variables that matter) and effective
    config: read from /proc/<pid> (cmdline, environ, cwd), then Streamlit's own config parser run on
    the same arguments in the same folder and environment (``docker exec`` for a container)."""
    argv = _proc_list(pid, "cmdline")
    env = dict(item.split("=", 1) for item in _proc_list(pid, "environ") if "=" in item)
    run_args = argv[argv.index("run") + 1:]
    if container:
        cwd = docker("inspect", "-f", "{{.Config.WorkingDir}}", container) or "/"
        out = subprocess.run([DOCKER, "exec", "-w", cwd, container, "python", "-c", _CONFIG_SCRIPT,
                              json.dumps(CONFIG_KEYS), *run_args], capture_output=True, text=True, timeout=60)
        try:
            facts = json.loads(out.stdout.strip().splitlines()[-1])
        except (IndexError, ValueError):
            facts = {"python": "?", "streamlit": "?", "options": {}, "error": (out.stderr or out.stdout)[-300:]}
    else:
        cwd = os.readlink(f"/proc/{pid}/cwd")
        python = argv[0] if "python" in Path(argv[0]).name else sys.executable
        facts = parse_config(run_args, cwd, env or None, python)
    facts.update(argv=argv, cwd=cwd, env={k: v for k, v in sorted(env.items()) if k.startswith(ENV_PREFIXES)})
    return facts


def safe_config(pid: int, container: str | None = None) -> dict:
    """effective_config, or {"error": why} when the process cannot be read."""
    try:
        return effective_config(pid, container)
    except (OSError, ValueError, RuntimeError, subprocess.SubprocessError) as error:
        return {"error": str(error)}


def describe_server(pid: int, container: str | None = None, app_dir: Path | None = None,
                    facts: dict | None = None) -> list[str]:
    """Report lines: the server's command line, environment and effective config (see effective_config)."""
    facts = facts or safe_config(pid, container)
    if "argv" not in facts:
        return [f"server pid {pid}: command line and config not readable ({facts.get('error')})"]
    env = " ".join(f"{k}={'<redacted>' if re.search('SECRET|TOKEN|PASSWORD|KEY', k) else v}"
                   for k, v in facts["env"].items()) or "(none of " + ", ".join(ENV_PREFIXES) + "*)"
    config_toml = f"{facts['cwd'].rstrip('/')}/.streamlit/config.toml"
    def where(source: str) -> str:
        if source == config_toml or (app_dir and source == str(app_dir / ".streamlit" / "config.toml")):
            return "config.toml"
        return {"<default>": "default"}.get(source, source)
    options = ", ".join(f"{k}={v!r}" if isinstance(v, str) else f"{k}={v}" for k, (v, _) in facts["options"].items())
    sources = {}
    for key, (_, source) in facts["options"].items():
        sources.setdefault(where(source), []).append(key.split(".", 1)[1])
    lines = [f"server command: {shlex.join(facts['argv'])}  (pid {pid}"
             + (f", PID 1 of container {container[:12]}" if container else "") + f", cwd {facts['cwd']})",
             f"server environment: {env}",
             f"server python {facts['python']}, streamlit {facts['streamlit']}; effective config: {options}",
             "  set by: " + "; ".join(f"{s}: {', '.join(keys)}" for s, keys in sources.items())]
    if facts.get("error"):
        lines.append(f"  (config not read: {facts['error']})")
    return lines


class _Logged:
    """Tracebacks and error lines in ``self.log_path``."""

    log_path: Path

    def _flush(self) -> None:
        pass

    def log_errors(self) -> list[str]:
        """Lines of the server log that start a traceback or report an error."""
        self._flush()
        text = self.log_path.read_text(errors="replace")
        return [line for line in text.splitlines()
                if "Traceback" in line or re.search(r"\b(ERROR|CRITICAL)\b", line)]

    def log_exceptions(self) -> dict[str, int]:
        """Tracebacks in the server log, grouped by their last frame in the app and their exception line."""
        self._flush()
        return Server.log_exceptions_in(self.log_path.read_text(errors="replace"))


class Server(_Logged):
    """The shipped server command (``server_command``) on 127.0.0.1:<free port>, in ``app_dir``, logging
    to benchmarks/out/<name>-server-<port>.log. ``session_ttl`` None keeps Streamlit's
    ``server.disconnectedSessionTTL`` (120 s, as shipped); ``malloc_arena_max`` None keeps the
    Dockerfile's; ``extra_args`` are added to the command line."""

    def __init__(self, session_ttl: int | None, app_dir: Path = ROOT, malloc_arena_max: int | None = None,
                 name: str = "load", extra_args: list[str] | tuple[str, ...] = ()):
        self.app_dir = app_dir
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.log_path = out_dir() / f"{name}-server-{self.port}.log"
        self._log = open(self.log_path, "w")
        args = server_command(self.port)
        if "asgi.py" in args and not (Path(app_dir) / "asgi.py").exists():
            args[args.index("asgi.py")] = "app.py"  # a ref from before issue 18 ran app.py itself
        if session_ttl is not None:
            args += ["--server.disconnectedSessionTTL", str(session_ttl)]
        args += list(extra_args)
        self.command = args
        env = server_env(malloc_arena_max, self.port)
        self.proc = subprocess.Popen(args, cwd=app_dir, stdout=self._log, stderr=subprocess.STDOUT, env=env)

    def describe(self) -> list[str]:
        """Report lines on the running server; also keeps its effective config in ``self.facts``."""
        self.facts = safe_config(self.proc.pid)
        return describe_server(self.proc.pid, app_dir=self.app_dir, facts=self.facts)

    def setting(self, key: str, default=None):
        """An effective config value of the running server (``describe`` reads them)."""
        return getattr(self, "facts", {}).get("options", {}).get(key, [default])[0]

    def _flush(self) -> None:
        self._log.flush()

    def wait_healthy(self, timeout: float = 60.0) -> None:
        def gone() -> str | None:
            return f"server exited with {self.proc.returncode}" if self.proc.poll() is not None else None

        wait_for_health(self.port, gone, "server", self.log_path, timeout)

    @property
    def pids(self) -> list[int]:
        return [self.proc.pid]

    def rss(self) -> float:
        return rss_mb(self.proc.pid)

    def cpu(self) -> float:
        return cpu_s(self.proc.pid)

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


def docker(*args: str, timeout: float = 120, check: bool = True) -> str:
    """Run Debian's docker client; its stdout, stripped."""
    out = subprocess.run([DOCKER, *args], capture_output=True, text=True, timeout=timeout)
    if check and out.returncode != 0:
        raise RuntimeError(f"docker {' '.join(args[:2])} failed: {(out.stderr or out.stdout).strip()[-400:]}")
    return out.stdout.strip()


def docker_ready(image: str) -> str | None:
    """None when an engine answers and has ``image``, else what is missing and how to get it."""
    if not Path(DOCKER).exists():
        return f"{DOCKER} missing: `bash scripts/docker_smoke.sh` installs Debian's docker.io"
    try:
        docker("info", timeout=15)
    except (RuntimeError, subprocess.TimeoutExpired):
        return ("no Docker engine answers: start one (`dockerd --storage-driver=overlay2 &`), then build the "
                "image (`--docker-build`, or `DOCKER_SMOKE_IMAGE=<image> bash scripts/docker_smoke.sh`)")
    if subprocess.run([DOCKER, "image", "inspect", image], capture_output=True).returncode != 0:
        return f"no image {image}: build it with --docker-build, or `DOCKER_SMOKE_IMAGE={image} bash scripts/docker_smoke.sh`"
    return None


def docker_build(image: str, app_dir: Path, log: Path) -> str:
    """``docker build -t image`` of ``app_dir`` with the classic builder, as scripts/docker_smoke.sh builds
    the image (its Dockerfile, its .dockerignore; the base image python:3.11-slim-bookworm must be
    there: scripts/docker_smoke.sh makes a stand-in once where Docker Hub is out of reach)."""
    with open(log, "w") as out:
        done = subprocess.run([DOCKER, "build", "-t", image, str(app_dir)], stdout=out, stderr=subprocess.STDOUT,
                              env={**os.environ, "DOCKER_BUILDKIT": "0"}, timeout=1800)
    if done.returncode != 0:
        raise RuntimeError(f"docker build of {image} failed; see {log}")
    return docker("image", "inspect", "-f", "{{.Id}}", image)[7:19]


def cgroup_stats(pid: int) -> dict[str, float]:
    """CPU throttling and the memory high-water mark of ``pid``'s cgroup (a container's), cgroup v1 or v2:
    ``throttled_periods``, ``periods``, ``throttled_s``, ``memory_peak_mib`` (page cache included), where readable."""
    stats: dict[str, float] = {}
    try:
        lines = Path(f"/proc/{pid}/cgroup").read_text().splitlines()
    except OSError:
        return stats
    dirs = {}  # controller -> its cgroup folder (v1: one hierarchy per mount, e.g. cpu or cpu,cpuacct)
    for line in lines:
        _, controllers, path = line.split(":", 2)
        for c in (controllers.split(",") if controllers else ["unified"]):
            mount = next((m for m in (Path("/sys/fs/cgroup") / controllers, Path("/sys/fs/cgroup") / c)
                          if controllers and m.is_dir()), Path("/sys/fs/cgroup"))
            dirs[c] = mount / path.lstrip("/")
    def read(path: Path) -> dict[str, int]:
        try:
            return {k: int(v) for k, v in (l.split() for l in path.read_text().splitlines() if len(l.split()) == 2)}
        except (OSError, ValueError):
            return {}
    if "cpu" in dirs:  # v1
        cpu = read(dirs["cpu"] / "cpu.stat")
        if cpu:
            stats.update(periods=cpu.get("nr_periods", 0), throttled_periods=cpu.get("nr_throttled", 0),
                         throttled_s=cpu.get("throttled_time", 0) / 1e9)
        try:
            peak = dirs["memory"] / "memory.max_usage_in_bytes"
            stats["memory_peak_mib"] = int(peak.read_text()) / 2**20
        except (KeyError, OSError, ValueError):
            pass
    elif "unified" in dirs:  # v2
        base = dirs["unified"]
        cpu = read(base / "cpu.stat")
        if cpu:
            stats.update(periods=cpu.get("nr_periods", 0), throttled_periods=cpu.get("nr_throttled", 0),
                         throttled_s=cpu.get("throttled_usec", 0) / 1e6)
        try:
            stats["memory_peak_mib"] = int((base / "memory.peak").read_text()) / 2**20
        except (OSError, ValueError):
            pass
    return stats


class Container(_Logged):
    """The Docker image as its README section runs it (``docker run IMAGE``, nothing else but ``-e PORT``
    and the port published on 127.0.0.1 only), optionally inside limits (``cpus``, ``memory``: e.g.
    Community Cloud's smallest envelope, 1 CPU and 690 MB), plus ``extra_args`` for streamlit.
    The server is the container's PID 1 (the ENTRYPOINT ``exec``s streamlit): its CPU and RSS are
    read from the host's /proc at the pid ``docker inspect`` gives (root can read it). Its log is
    ``docker logs -f`` into benchmarks/out/<name>-container-<port>.log. ``stop`` removes it."""

    def __init__(self, image: str, cpus: float | None = None, memory: str | None = None,
                 extra_args: list[str] | tuple[str, ...] = (), name: str = "docker"):
        self.image = image
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.log_path = out_dir() / f"{name}-container-{self.port}.log"
        self.oom_killed = False
        limits = (["--cpus", f"{cpus:g}"] if cpus else []) + (["--memory", memory] if memory and memory != "0" else [])
        self.limits = " ".join(limits) or "no limits"
        self.command = [DOCKER, "run", "-d", "--name", f"descentlab-bench-{self.port}", "-e", f"PORT={self.port}",
                        "-p", f"{HOST}:{self.port}:{self.port}", *limits, image, *extra_args]
        self.id = docker(*self.command[1:])
        self.pid = int(docker("inspect", "-f", "{{.State.Pid}}", self.id))
        self._log = open(self.log_path, "w")
        self._logs = subprocess.Popen([DOCKER, "logs", "-f", self.id], stdout=self._log, stderr=subprocess.STDOUT)
        self.proxy_pid = self._docker_proxy()

    def _docker_proxy(self) -> int | None:
        """The host's docker-proxy that carries 127.0.0.1:<port> into the container (Docker's userland
        proxy: loopback traffic to a published port goes through it), if there is one."""
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                argv = _proc_list(int(entry.name), "cmdline")
            except OSError:
                continue
            if argv and Path(argv[0]).name == "docker-proxy" and "-host-port" in argv \
                    and argv[argv.index("-host-port") + 1] == str(self.port):
                return int(entry.name)
        return None

    def proxy_cpu(self) -> float:
        """CPU seconds of the docker-proxy so far (0 without one): spent outside the container."""
        try:
            return cpu_s(self.proxy_pid) if self.proxy_pid else 0.0
        except OSError:
            return 0.0

    @property
    def pids(self) -> list[int]:
        return [self.pid]

    def describe(self) -> list[str]:
        """Report lines on the container and its server; also keeps the effective config in ``self.facts``."""
        created = docker("image", "inspect", "-f", "{{.Id}} {{.Created}}", self.image, check=False)
        self.facts = safe_config(self.pid, self.id)
        return [f"container: {shlex.join(self.command)}",
                f"  image {self.image} ({created[7:19]}, built {created.split(' ', 1)[-1][:19]}), limits: {self.limits}; "
                + (f"docker-proxy pid {self.proxy_pid} carries 127.0.0.1:{self.port} (its CPU: 'proxy' below)"
                   if self.proxy_pid else "no docker-proxy (published through iptables alone)")
                ] + describe_server(self.pid, container=self.id, facts=self.facts)

    setting = Server.setting

    def wait_healthy(self, timeout: float = 120.0) -> None:
        def gone() -> str | None:
            running = docker("inspect", "-f", "{{.State.Running}}", self.id, check=False) == "true"
            return None if running else f"container {self.id[:12]} stopped"

        wait_for_health(self.port, gone, f"container {self.id[:12]}", self.log_path, timeout)

    def rss(self) -> float:
        return rss_mb(self.pid)

    def cpu(self) -> float:
        return cpu_s(self.pid)

    def cgroup(self) -> dict[str, float]:
        return cgroup_stats(self.pid)

    def _flush(self) -> None:
        self._log.flush()

    def stop(self) -> None:
        self.oom_killed = docker("inspect", "-f", "{{.State.OOMKilled}}", self.id, check=False) == "true"
        docker("rm", "-f", self.id, check=False, timeout=60)
        try:
            self._logs.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._logs.kill()
            self._logs.wait(timeout=5)
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

    def describe(self) -> list[str]:
        lines = []
        for pid in self.pids:
            self.facts = safe_config(pid)
            lines += describe_server(pid, facts=self.facts)
        return lines

    setting = Server.setting

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
