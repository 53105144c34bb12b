#!/usr/bin/env bash
# Docker smoke test of the project's image, from whatever state the machine is in:
#   1. installs Debian's docker.io and debootstrap when missing (apt-get, as root or through sudo);
#   2. starts dockerd (overlay2) when no engine answers, and stops it at the end, by its pid;
#   3. builds the base image python:3.11-slim-bookworm when it is missing: Docker Hub is not
#      reachable on these machines, so a stand-in is made with debootstrap (Debian bookworm with its
#      python3, pip and the host's CA certificates) and `docker import`ed under that tag, once;
#   4. builds the image (docker build, the classic builder), runs it with a non-default PORT
#      published on 127.0.0.1 only, and waits for its HEALTHCHECK to report healthy;
#   5. opens every page that app.py declares over Streamlit's websocket protocol
#      (benchmarks/load.py's Session, run with the project's .venv python): each run must finish
#      without an Exception element and show at least one chart; then asks for Streamlit's plotly
#      bundle as a phone on plain HTTP does (gzip) and as a browser on HTTPS/localhost does (brotli):
#      it must come back compressed, with the sizes the image's build wrote (serving.precompress);
#   6. checks that the server runs as a non-root user, that /app/.streamlit holds config.toml only,
#      that the server's file watcher is off (its effective settings, as Streamlit parses PID 1's
#      arguments) and that the container's log has no traceback;
#   7. removes the container and stops what it started, by id, and prints a report with timings.
# Every wait is bounded. Exits non-zero with the reason on any failure, "dockerd could not start"
# included. Logs go to test-artifacts/docker-smoke/.
#
#   bash scripts/docker_smoke.sh               # build from the work tree
#   bash scripts/docker_smoke.sh --ref HEAD    # build from a git ref (git archive), not the work tree
# Environment: DOCKER_SMOKE_PORT (9137), DOCKER_SMOKE_IMAGE (descentlab:smoke), PYTHON (.venv/bin/python).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

REF=""
while [ $# -gt 0 ]; do
  case "$1" in
    --ref) REF="${2:?--ref needs a git ref}"; shift 2 ;;
    *) echo "usage: $0 [--ref GITREF]" >&2; exit 2 ;;
  esac
done

BASE="python:3.11-slim-bookworm"   # the Dockerfile's FROM, pinned to a Debian release
SUITE="bookworm"
IMAGE="${DOCKER_SMOKE_IMAGE:-descentlab:smoke}"
PORT="${DOCKER_SMOKE_PORT:-9137}"
PYTHON="${PYTHON:-}"
[ -n "$PYTHON" ] || { [ -x .venv/bin/python ] && PYTHON=.venv/bin/python; } || PYTHON=python3
LOGS="$ROOT/test-artifacts/docker-smoke"
mkdir -p "$LOGS"
STARTED=$(date +%s)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "docker smoke: FAILED: not root and no sudo: cannot install or start Docker" >&2; exit 1; }
  SUDO="sudo"
fi
# Debian's Docker 20.10 client: the newer client that some machines carry has no buildx.
DOCKER_BIN=/usr/bin/docker
docker() { timeout "${DOCKER_TIMEOUT:-120}" $SUDO "$DOCKER_BIN" "$@"; }

REPORT=()
say() { REPORT+=("$*"); echo "docker smoke: $*"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

DOCKERD_PID=""
CONTAINER=""
RESULT="FAILED"
REASON=""

print_report() {
  echo
  echo "=== docker smoke report ==="
  for line in "${REPORT[@]}"; do echo "  $line"; done
  echo "  total $(( $(date +%s) - STARTED )) s"
  if [ "$RESULT" = PASS ]; then
    echo "RESULT: PASS"
  else
    echo "RESULT: FAILED: $REASON"
  fi
}

cleanup() {
  local code=$?
  trap - EXIT INT TERM
  if [ -n "$CONTAINER" ]; then
    docker logs "$CONTAINER" >"$LOGS/container.log" 2>&1 || true
    if DOCKER_TIMEOUT=60 docker rm -f "$CONTAINER" >/dev/null 2>&1; then
      say "cleanup: container ${CONTAINER:0:12} removed"
    else
      say "cleanup: could not remove container ${CONTAINER:0:12}"
    fi
  fi
  if [ -n "$DOCKERD_PID" ]; then
    $SUDO kill -TERM "$DOCKERD_PID" 2>/dev/null || true
    local waited=0
    while $SUDO kill -0 "$DOCKERD_PID" 2>/dev/null && [ "$waited" -lt 60 ]; do sleep 1; waited=$((waited + 1)); done
    if $SUDO kill -0 "$DOCKERD_PID" 2>/dev/null; then
      $SUDO kill -KILL "$DOCKERD_PID" 2>/dev/null || true
      say "cleanup: dockerd pid $DOCKERD_PID killed (did not stop within 60 s of SIGTERM)"
    else
      say "cleanup: dockerd pid $DOCKERD_PID (started here) stopped after ${waited} s"
    fi
  fi
  [ "$code" -eq 0 ] || [ -n "$REASON" ] || REASON="exit code $code"
  print_report
  exit "$code"
}
trap cleanup EXIT
trap 'REASON="interrupted"; exit 130' INT TERM

fail() { REASON="$*"; echo "docker smoke: FAILED: $*" >&2; exit 1; }

# ------------------------------------------------------------------------------------------------
# 1. Tools
# ------------------------------------------------------------------------------------------------
t=$(now)
missing=()
[ -x "$DOCKER_BIN" ] || missing+=(docker.io)
command -v dockerd >/dev/null || [ -x /usr/sbin/dockerd ] || missing+=(docker.io)
command -v debootstrap >/dev/null || [ -x /usr/sbin/debootstrap ] || missing+=(debootstrap)
if [ ${#missing[@]} -gt 0 ]; then
  echo "docker smoke: installing docker.io debootstrap with apt-get"
  { timeout 300 $SUDO apt-get update -qq \
      && DEBIAN_FRONTEND=noninteractive timeout 600 $SUDO apt-get install -y -qq --no-install-recommends \
           docker.io debootstrap; } >"$LOGS/apt.log" 2>&1 \
    || fail "apt-get install docker.io debootstrap failed: $(tail -n 5 "$LOGS/apt.log" | tr '\n' ' ')"
  say "tools: installed docker.io and debootstrap with apt-get in $(since "$t") s"
fi
[ -x "$DOCKER_BIN" ] || fail "$DOCKER_BIN missing after installing docker.io"
DOCKERD_BIN=$(command -v dockerd || echo /usr/sbin/dockerd)
DEBOOTSTRAP_BIN=$(command -v debootstrap || echo /usr/sbin/debootstrap)
say "tools: $("$DOCKER_BIN" --version), debootstrap $(dpkg-query -W -f '${Version}' debootstrap 2>/dev/null || echo '?')"

# ------------------------------------------------------------------------------------------------
# 2. The engine
# ------------------------------------------------------------------------------------------------
t=$(now)
if DOCKER_TIMEOUT=15 docker info >/dev/null 2>&1; then
  say "dockerd: already running (left running at the end)"
else
  : >"$LOGS/dockerd.log"
  # $! is dockerd's own pid (through sudo: sudo's pid, which passes signals on to dockerd).
  $SUDO "$DOCKERD_BIN" --storage-driver=overlay2 </dev/null >>"$LOGS/dockerd.log" 2>&1 &
  DOCKERD_PID=$!
  for _ in $(seq 1 60); do
    if ! $SUDO kill -0 "$DOCKERD_PID" 2>/dev/null; then
      pid=$DOCKERD_PID; DOCKERD_PID=""
      fail "dockerd could not start: it exited (pid $pid): $(grep -E 'level=(error|fatal)|failed' "$LOGS/dockerd.log" | tail -n 3 | tr '\n' ' ')"
    fi
    DOCKER_TIMEOUT=5 docker info >/dev/null 2>&1 && break
    sleep 1
  done
  DOCKER_TIMEOUT=5 docker info >/dev/null 2>&1 \
    || fail "dockerd could not start: no answer within 60 s: $(tail -n 3 "$LOGS/dockerd.log" | tr '\n' ' ')"
  say "dockerd: started here, pid $DOCKERD_PID, answering after $(since "$t") s (log $LOGS/dockerd.log)"
fi

# ------------------------------------------------------------------------------------------------
# 3. The base image (a debootstrap stand-in when it is missing and cannot be pulled)
# ------------------------------------------------------------------------------------------------
t=$(now)
if docker image inspect "$BASE" >/dev/null 2>&1; then
  kind=$(docker image inspect --format '{{ index .Config.Labels "org.descentlab.standin" }}' "$BASE" 2>/dev/null || true)
  say "base $BASE: cached${kind:+ (stand-in: $kind)}"
elif DOCKER_TIMEOUT=120 docker pull -q "$BASE" >"$LOGS/pull.log" 2>&1; then
  say "base $BASE: pulled in $(since "$t") s"
else
  echo "docker smoke: $BASE cannot be pulled ($(tail -n 1 "$LOGS/pull.log")); building a stand-in with debootstrap"
  ROOTFS=$(mktemp -d /tmp/descentlab-base.XXXXXX)
  # Packages as in the official image: Python 3.11 (bookworm's), pip, venv, CA certificates.
  timeout 900 $SUDO "$DEBOOTSTRAP_BIN" --variant=minbase --include=python3,python3-venv,python3-pip,ca-certificates \
      "$SUITE" "$ROOTFS" http://deb.debian.org/debian >"$LOGS/debootstrap.log" 2>&1 \
    || { $SUDO rm -rf "$ROOTFS"; fail "debootstrap $SUITE failed: $(tail -n 3 "$LOGS/debootstrap.log" | tr '\n' ' ')"; }
  # python and pip where the official image has them; pip installs system-wide as there (no
  # EXTERNALLY-MANAGED marker); the host's CA certificates, so that pip in a build reaches the
  # package index as the host does.
  $SUDO ln -sf /usr/bin/python3 "$ROOTFS/usr/local/bin/python"
  $SUDO ln -sf /usr/bin/pip3 "$ROOTFS/usr/local/bin/pip"
  $SUDO rm -f "$ROOTFS"/usr/lib/python3*/EXTERNALLY-MANAGED
  if compgen -G "/usr/local/share/ca-certificates/*" >/dev/null; then
    $SUDO cp -r /usr/local/share/ca-certificates/. "$ROOTFS/usr/local/share/ca-certificates/"
  fi
  $SUDO cp /etc/ssl/certs/ca-certificates.crt "$ROOTFS/etc/ssl/certs/ca-certificates.crt"
  $SUDO rm -rf "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/cache/apt/archives/*.deb
  $SUDO tar -C "$ROOTFS" -c . | DOCKER_TIMEOUT=300 docker import \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'ENV LANG=C.UTF-8' \
      --change 'LABEL org.descentlab.standin=debootstrap-'"$SUITE" \
      --change 'CMD ["python3"]' - "$BASE" >/dev/null \
    || { $SUDO rm -rf "$ROOTFS"; fail "docker import of the stand-in base failed"; }
  $SUDO rm -rf "$ROOTFS"
  say "base $BASE: stand-in built (debootstrap $SUITE minbase + python3, pip, host CAs) and imported in $(since "$t") s"
fi

# ------------------------------------------------------------------------------------------------
# 4. The image, and a container on a non-default PORT
# ------------------------------------------------------------------------------------------------
t=$(now)
if [ -n "$REF" ]; then
  commit=$(git rev-parse --short "$REF^{commit}") || fail "unknown git ref $REF"
  git archive --format=tar "$REF" | DOCKER_BUILDKIT=0 DOCKER_TIMEOUT=900 docker build -t "$IMAGE" - \
      >"$LOGS/build.log" 2>&1 || fail "docker build (git $REF) failed: $(tail -n 5 "$LOGS/build.log" | tr '\n' ' ')"
  source_text="git $REF ($commit)"
else
  DOCKER_BUILDKIT=0 DOCKER_TIMEOUT=900 docker build -t "$IMAGE" . >"$LOGS/build.log" 2>&1 \
    || fail "docker build failed: $(tail -n 5 "$LOGS/build.log" | tr '\n' ' ')"
  source_text="the work tree"
fi
cached=$(grep -c -- '---> Using cache' "$LOGS/build.log" || true)
steps=$(grep -c '^Step ' "$LOGS/build.log" || true)
size=$(docker image inspect --format '{{.Size}}' "$IMAGE" | awk '{ printf "%.0f", $1 / 1e6 }')
say "image $IMAGE: built from $source_text in $(since "$t") s ($steps steps, $cached from cache, $size MB)"
[ "$(docker image inspect --format '{{if .Config.Healthcheck}}yes{{end}}' "$IMAGE")" = yes ] \
  || fail "the image has no HEALTHCHECK"

[ "$PORT" != 8501 ] || fail "DOCKER_SMOKE_PORT must differ from the image's default 8501"
# Free unless something listens there (SO_REUSEADDR, as docker-proxy: the last run's TIME_WAITs don't count).
if ! "$PYTHON" -c "import socket, sys; s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1', int(sys.argv[1]))); s.listen()" "$PORT" 2>/dev/null; then
  PORT=$("$PYTHON" -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
  echo "docker smoke: port ${DOCKER_SMOKE_PORT:-9137} is busy on 127.0.0.1, using $PORT"
fi

t=$(now)
CONTAINER=$(docker run -d --name "descentlab-smoke-$$" -e PORT="$PORT" -p "127.0.0.1:$PORT:$PORT" "$IMAGE") \
  || fail "docker run failed"
health=""
for _ in $(seq 1 180); do
  state=$(docker inspect --format '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}' "$CONTAINER")
  health=${state#* }
  case "$state" in
    "running healthy") break ;;
    running*unhealthy) fail "the container turned unhealthy: $(docker inspect --format '{{json .State.Health.Log}}' "$CONTAINER" | tail -c 600)" ;;
    running*) sleep 1 ;;
    *) fail "the container stopped ($state): $(docker logs --tail 20 "$CONTAINER" 2>&1 | tr '\n' ' ')" ;;
  esac
done
[ "$health" = healthy ] || fail "the container was not healthy within 180 s (status: $health)"
probe=$(docker inspect --format '{{range .State.Health.Log}}{{.ExitCode}}:{{printf "%q" .Output}} {{end}}' "$CONTAINER" | awk '{ print $NF }')
say "container ${CONTAINER:0:12}: PORT=$PORT published on 127.0.0.1:$PORT, healthy after $(since "$t") s (last probe exit:output $probe)"

# ------------------------------------------------------------------------------------------------
# 5. Every page through Streamlit's websocket protocol
# ------------------------------------------------------------------------------------------------
t=$(now)
pages_out=$(timeout 900 "$PYTHON" - "$PORT" <<'PY' 2>&1
"""Open every page that app.py declares in a fresh session, as a browser tab opening its URL."""
import asyncio
import hashlib
import sys

sys.path.insert(0, ".")
from benchmarks.load import Session, app_url_paths  # noqa: E402

NO_CHART = hashlib.sha1().hexdigest()[:12]  # Rerun.charts of a run that drew no plotly chart


async def main(port: int) -> int:
    paths = app_url_paths()
    bad = 0
    for path in paths:
        session = Session(port, timeout=180, health_timeout=15)
        try:
            await session.connect()
            run = await session.rerun(path, "", how="first")
        finally:
            await session.close()
        problems = []
        if run.failed:
            problems.append(run.error or "exception: " + "; ".join(run.exceptions))
        if run.charts == NO_CHART:
            problems.append("no chart")
        if run.early:
            problems.append(f"{run.early} early finish(es)")
        bad += bool(problems)
        print(f"  /{path:<14} {run.seconds:5.1f} s {run.bytes / 1e6:6.2f} MB  charts {run.charts}  "
              f"alerts {run.alerts}  {'FAIL: ' + '; '.join(problems) if problems else 'ok'}")
    print(f"pages: {len(paths) - bad} of {len(paths)} ok")
    return 1 if bad or not paths else 0


sys.exit(asyncio.run(main(int(sys.argv[1]))))
PY
) && pages_ok=1 || pages_ok=0
say "pages (app.py's url_paths, websocket protocol, one new session each) in $(since "$t") s:"
while IFS= read -r line; do REPORT+=("$line"); done <<<"$pages_out"
echo "$pages_out"
[ "$pages_ok" = 1 ] || fail "a page failed over the websocket protocol (see above)"

# ------------------------------------------------------------------------------------------------
# 5b. Static files compressed (issue 18): the plotly bundle, as a phone on the classroom's plain HTTP asks
#     for it (gzip) and as a browser on HTTPS or localhost does (brotli), with the sizes the image's build wrote
# ------------------------------------------------------------------------------------------------
static_info=$(docker exec "$CONTAINER" python -c '
import json
from serving.static import cache_dir, load
entries, note = load()
rel = next(u for u in entries if u.rsplit("/", 1)[-1].startswith("PlotlyChart."))
files = json.loads((cache_dir() / "manifest.json").read_text())["files"]
info = files[rel.lstrip("/")]
print(rel, info["size"], info["gz"], info["br"], len(entries))
') || fail "no precompressed plotly bundle in the image (python -m serving.precompress at build time)"
static_out=$("$PYTHON" - "$PORT" $static_info <<'PY' 2>&1
import http.client
import sys

port, rel, size, gz, br, count = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:])
bad = 0
for accept, coding, expected in (("gzip, deflate", "gzip", gz), ("gzip, deflate, br, zstd", "br", br),
                                 ("identity", None, size)):
    conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)
    conn.request("GET", rel, headers={"Accept-Encoding": accept})
    response = conn.getresponse()
    body = response.read()
    got = response.getheader("Content-Encoding")
    ok = response.status == 200 and got == coding and len(body) == expected
    bad += not ok
    print(f"  {rel} Accept-Encoding: {accept}: {response.status} {got or 'uncompressed'} {len(body) / 1e6:.2f} MB "
          f"({100 * len(body) / size:.0f} % of {size / 1e6:.2f} MB) {'ok' if ok else 'FAIL: expected ' + str(coding)}")
    conn.close()
print(f"static: {count} files precompressed in the image")
sys.exit(1 if bad else 0)
PY
) && static_ok=1 || static_ok=0
say "static files, compressed by the image's build (serving.precompress) and served by asgi.py:"
while IFS= read -r line; do REPORT+=("$line"); done <<<"$static_out"
echo "$static_out"
[ "$static_ok" = 1 ] || fail "a static JS bundle did not come back compressed (see above)"

# ------------------------------------------------------------------------------------------------
# 6. User, files, log
# ------------------------------------------------------------------------------------------------
uid=$(docker exec "$CONTAINER" id -u) || fail "docker exec id -u failed"
user=$(docker exec "$CONTAINER" id -un)
[ "$uid" != 0 ] || fail "the server runs as root"
server_uid=$(docker exec "$CONTAINER" sh -c 'stat -c %u /proc/1')
[ "$server_uid" != 0 ] || fail "the server process (pid 1) runs as root"
say "user: $user (uid $uid); pid 1 (streamlit) runs as uid $server_uid: not root"

streamlit_files=$(docker exec "$CONTAINER" ls -A /app/.streamlit | tr '\n' ' ')
[ "$streamlit_files" = "config.toml " ] || fail "/app/.streamlit holds more than config.toml: $streamlit_files"
secrets=$(docker exec "$CONTAINER" sh -c 'find / -xdev -name secrets.toml 2>/dev/null | head -n 3')
[ -z "$secrets" ] || fail "secrets.toml found in the image: $secrets"
say "files: /app/.streamlit holds config.toml only; no secrets.toml anywhere in the image"

# The settings the server runs with, as Streamlit itself parses them from PID 1's own arguments in
# /app: the file watcher must be off (.streamlit/config.toml; issue 22: on, it cost 2.4x the CPU).
settings=$(docker exec "$CONTAINER" python -c '
import sys
argv = [a for a in open("/proc/1/cmdline", "rb").read().decode().split("\0") if a]
from streamlit import config
from streamlit.web import bootstrap, cli
ctx = cli.main_run.make_context("run", argv[argv.index("run") + 1:])
bootstrap.load_config_options({k: v for k, v in ctx.params.items() if k not in ("target", "args")})
print(" ".join(f"{k}={config.get_option(k)}" for k in ("server.fileWatcherType", "server.runOnSave", "runner.postScriptGC")))
') || fail "could not read the server's settings in the container"
case " $settings " in
  *" server.fileWatcherType=none "*) ;;
  *) fail "the server's file watcher is not off: $settings" ;;
esac
say "settings (Streamlit's parser on PID 1's arguments): $settings"

docker logs "$CONTAINER" >"$LOGS/container.log" 2>&1
tracebacks=$(grep -c Traceback "$LOGS/container.log" || true)
[ "$tracebacks" = 0 ] || fail "the container log has $tracebacks traceback(s): $(grep -A 8 -m 1 Traceback "$LOGS/container.log" | tr '\n' ' ')"
say "log: $(wc -l <"$LOGS/container.log") lines, no traceback (saved to $LOGS/container.log)"

RESULT=PASS
