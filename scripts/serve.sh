#!/usr/bin/env bash
# Serves the app from N Streamlit processes behind HAProxy: one process uses about one core.
#
#   scripts/serve.sh --replicas 2                     # http://127.0.0.1:8501, Ctrl-C stops everything
#   scripts/serve.sh --replicas 4 --host 0.0.0.0 --port 80
#   scripts/serve.sh --replicas 2 --port 0 -- --server.disconnectedSessionTTL 10   # free port, extra
#                                                     # streamlit options after --
#   scripts/serve.sh --replicas 2 --check             # start, verify, stop: exit status 0 when it works
#   scripts/serve.sh --backends 10.0.0.2:8501,10.0.0.3:8501 --host 0.0.0.0 --port 80
#                                                     # only the proxy, in front of replicas on other hosts
#
# Options:
#   --replicas N     app processes (default 2), each `streamlit run asgi.py` on a free 127.0.0.1 port
#   --port P         the proxy's port (default 8501; 0 = a free one)
#   --host H         the proxy's address (default 127.0.0.1; the replicas always listen on 127.0.0.1)
#   --app-dir DIR    folder holding app.py and .streamlit/ (default: this repository)
#   --run-dir DIR    where the generated haproxy.cfg, the stats socket and the logs go
#                    (default: a new folder under ${TMPDIR:-/tmp})
#   --backends LIST  host:port,... of replicas started elsewhere (then no local replica is started)
#   --redis-dir DIR  where the live classes' redis-server keeps its append-only file (default:
#                    $DESCENTLAB_LIVE_DIR/redis, else <app dir>/.live/redis: a restart finds the rooms again)
#   --check          exit once everything answers (after stopping it) instead of serving
#
# Live classes (issue 20): a class spreads over replicas, so they share one store. Unless REDIS_URL names
# one already, serve.sh starts Debian's redis-server (installed like haproxy when missing) on a free
# 127.0.0.1 port, every write fsynced to its append-only file before it is acknowledged, and hands the
# replicas REDIS_URL.
#
# What it does: installs Debian's haproxy when it is missing (as root or through sudo, as
# scripts/test.sh installs chromium); compresses Streamlit's static JS/CSS once (`python -m
# serving.precompress` into $DESCENTLAB_STATIC_CACHE, else <app dir>/.static-cache: ~50 s the first time,
# a second after, until Streamlit changes); starts the replicas (`streamlit run asgi.py`: app.py with the
# precompressed files served brotli/gzip, as in the Docker image) headless with MALLOC_ARENA_MAX=2 and one
# server.cookieSecret for all of them (STREAMLIT_SERVER_COOKIE_SECRET: taken from the environment,
# else generated for this run; everything else, the file watcher being off included, comes from
# the app's .streamlit/config.toml, as in the Docker image), waits
# for each one's /_stcore/health, writes haproxy.cfg from deploy/haproxy.cfg.template (websockets,
# a sticky cookie per replica, health checks on /_stcore/health) and runs `haproxy -db` in the
# background. Once the proxy answers it prints one line for scripts:
#   ready <url> haproxy_pid=<pid> replica_pids=<pid,...> replica_ports=<port,...> stats_socket=<path> run_dir=<dir>
#         redis_url=<url|none> redis_pid=<pid|none>
# and serves until Ctrl-C / SIGTERM, then stops every process it started, by pid. If haproxy exits,
# everything stops; a replica that dies is marked down by the health checks and its visitors go to
# the others.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

REPLICAS=2
PORT=8501
HOST=127.0.0.1
APP_DIR="$ROOT"
RUN_DIR=""
BACKENDS=""
REDIS_DIR=""
CHECK=0
EXTRA=()
usage() { sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --replicas) REPLICAS="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --host) HOST="$2"; shift 2 ;;
    --app-dir) APP_DIR="$(cd "$2" && pwd)"; shift 2 ;;
    --run-dir) RUN_DIR="$2"; shift 2 ;;
    --backends) BACKENDS="$2"; shift 2 ;;
    --redis-dir) REDIS_DIR="$2"; shift 2 ;;
    --check) CHECK=1; shift ;;
    -h|--help) usage; exit 0 ;;
    --) shift; EXTRA=("$@"); break ;;
    *) echo "serve.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
case "$REPLICAS" in ''|*[!0-9]*) echo "serve.sh: --replicas takes a number" >&2; exit 2 ;; esac
[ -n "$BACKENDS" ] || [ "$REPLICAS" -ge 1 ] || { echo "serve.sh: --replicas must be >= 1" >&2; exit 2; }
[ -f "$APP_DIR/app.py" ] || { echo "serve.sh: no app.py in $APP_DIR" >&2; exit 2; }

if ! command -v haproxy >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "installing Debian's haproxy ..." >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq haproxy >/dev/null
fi
if [ -z "$BACKENDS" ] && [ -z "${REDIS_URL:-}" ] && ! command -v redis-server >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "installing Debian's redis-server ..." >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server >/dev/null
fi
if [ -x "$ROOT/.venv/bin/streamlit" ]; then
  STREAMLIT="$ROOT/.venv/bin/streamlit"
  PYTHON="$ROOT/.venv/bin/python"
else
  STREAMLIT="$(command -v streamlit)" || { echo "serve.sh: no .venv/bin/streamlit and no streamlit on PATH" >&2; exit 2; }
  PYTHON="$(command -v python3)"
fi

free_port() { "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
healthy() { curl -fsS --max-time 2 -o /dev/null "http://$1/_stcore/health" 2>/dev/null; }

[ -n "$RUN_DIR" ] || RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/descentlab-serve.XXXXXX")"
mkdir -p "$RUN_DIR"
RUN_DIR="$(cd "$RUN_DIR" && pwd)"
[ "$PORT" != 0 ] || PORT="$(free_port)"
# The address students open (the app's share link and QR code): the operator's DESCENTLAB_PUBLIC_URL, else
# the proxy's own address when it listens beyond loopback (0.0.0.0: this machine's network address).
if [ -z "${DESCENTLAB_PUBLIC_URL:-}" ] && [ "$HOST" != 127.0.0.1 ] && [ "$HOST" != localhost ]; then
  PUBLIC_HOST="$HOST"
  [ "$HOST" != 0.0.0.0 ] || PUBLIC_HOST="$("$PYTHON" -c 'import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
try:
    s.connect(("8.8.8.8", 80)); print(s.getsockname()[0])
except OSError:
    pass')"
  [ -z "$PUBLIC_HOST" ] || export DESCENTLAB_PUBLIC_URL="http://$PUBLIC_HOST:$PORT"
fi
SECRET="${STREAMLIT_SERVER_COOKIE_SECRET:-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')}"

PIDS=()        # every process this script started: redis-server, replicas, then haproxy
REPLICA_PIDS=()
REDIS_PID=""
ADDRESSES=()   # host:port of each replica
HAPROXY_PID=""
stop_all() {
  trap - EXIT INT TERM
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 100); do
    local alive=0
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 1 ] || break
    sleep 0.1
  done
  for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  rm -f "$RUN_DIR/haproxy.sock"
}
trap stop_all EXIT
trap 'echo "stopping (pids ${PIDS[*]})" >&2; exit 130' INT
trap 'exit 143' TERM

# 0. The live classes' shared store (unless REDIS_URL names one, or the replicas run elsewhere)
if [ -z "$BACKENDS" ] && [ -z "${REDIS_URL:-}" ]; then
  [ -n "$REDIS_DIR" ] || REDIS_DIR="${DESCENTLAB_LIVE_DIR:-$APP_DIR/.live}/redis"
  mkdir -p "$REDIS_DIR"
  REDIS_DIR="$(cd "$REDIS_DIR" && pwd)"
  redis_port="$(free_port)"
  redis-server --port "$redis_port" --bind 127.0.0.1 --protected-mode yes --dir "$REDIS_DIR" --save "" \
    --appendonly yes --appendfsync always --daemonize no >"$RUN_DIR/redis.log" 2>&1 &
  REDIS_PID="$!"
  PIDS+=("$REDIS_PID")
  deadline=$((SECONDS + 20))
  until [ "$(redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null)" = PONG ]; do
    kill -0 "$REDIS_PID" 2>/dev/null || { echo "serve.sh: redis-server exited; see $RUN_DIR/redis.log" >&2; tail -5 "$RUN_DIR/redis.log" >&2; exit 1; }
    [ "$SECONDS" -lt "$deadline" ] || { echo "serve.sh: redis-server did not answer in 20 s" >&2; exit 1; }
    sleep 0.2
  done
  export REDIS_URL="redis://127.0.0.1:$redis_port/0"
  echo "redis-server: $REDIS_URL (pid $REDIS_PID, data $REDIS_DIR, log $RUN_DIR/redis.log)" >&2
fi

# 1. The replicas: app.py behind asgi.py's middleware, which serves Streamlit's static files precompressed
#    (an app folder without asgi.py, e.g. an older git ref's, runs app.py as it is).
ENTRY=app.py
if [ -z "$BACKENDS" ] && [ -f "$APP_DIR/asgi.py" ]; then
  ENTRY=asgi.py
  export DESCENTLAB_STATIC_CACHE="${DESCENTLAB_STATIC_CACHE:-$APP_DIR/.static-cache}"
  (cd "$APP_DIR" && "$PYTHON" -m serving.precompress --out "$DESCENTLAB_STATIC_CACHE") >&2 \
    || { echo "serve.sh: python -m serving.precompress failed" >&2; exit 1; }
fi
if [ -n "$BACKENDS" ]; then
  IFS=, read -r -a ADDRESSES <<<"$BACKENDS"
else
  for i in $(seq "$REPLICAS"); do
    port="$(free_port)"
    (cd "$APP_DIR" && MALLOC_ARENA_MAX=2 STREAMLIT_SERVER_COOKIE_SECRET="$SECRET" exec "$STREAMLIT" run "$ENTRY" \
       --server.headless true --server.address 127.0.0.1 --server.port "$port" \
       "${EXTRA[@]}") \
      >"$RUN_DIR/replica-r$i.log" 2>&1 &
    PIDS+=("$!")
    REPLICA_PIDS+=("$!")
    ADDRESSES+=("127.0.0.1:$port")
  done
fi
for i in "${!ADDRESSES[@]}"; do
  address="${ADDRESSES[$i]}"
  deadline=$((SECONDS + 120))
  until healthy "$address"; do
    if [ -z "$BACKENDS" ] && ! kill -0 "${REPLICA_PIDS[$i]}" 2>/dev/null; then
      echo "serve.sh: replica r$((i + 1)) exited; see $RUN_DIR/replica-r$((i + 1)).log" >&2
      tail -5 "$RUN_DIR/replica-r$((i + 1)).log" >&2
      exit 1
    fi
    [ "$SECONDS" -lt "$deadline" ] || { echo "serve.sh: $address not healthy in 120 s" >&2; exit 1; }
    sleep 0.3
  done
  echo "replica r$((i + 1)): http://$address healthy" \
    "$([ -z "$BACKENDS" ] && echo "(pid ${REPLICA_PIDS[$i]}, log $RUN_DIR/replica-r$((i + 1)).log)")" >&2
done

# 2. The proxy
SERVERS=""
for i in "${!ADDRESSES[@]}"; do
  SERVERS+="    server r$((i + 1)) ${ADDRESSES[$i]} cookie r$((i + 1))"$'\n'
done
CFG="$RUN_DIR/haproxy.cfg"
BIND="$HOST:$PORT" SOCKET="$RUN_DIR/haproxy.sock" SERVERS="$SERVERS" awk '
  /^@SERVERS@$/ { printf "%s", ENVIRON["SERVERS"]; next }
  { gsub(/@BIND@/, ENVIRON["BIND"]); gsub(/@STATS_SOCKET@/, ENVIRON["SOCKET"]); print }
' "$ROOT/deploy/haproxy.cfg.template" >"$CFG"
haproxy -c -q -f "$CFG" || { haproxy -c -f "$CFG" >&2; exit 1; }
haproxy -f "$CFG" -db >"$RUN_DIR/haproxy.log" 2>&1 &
HAPROXY_PID="$!"
PIDS+=("$HAPROXY_PID")
URL_HOST="$HOST"
[ "$HOST" != 0.0.0.0 ] || URL_HOST=127.0.0.1
URL="http://$URL_HOST:$PORT"
deadline=$((SECONDS + 30))
until healthy "$URL_HOST:$PORT"; do
  if ! kill -0 "$HAPROXY_PID" 2>/dev/null; then
    echo "serve.sh: haproxy exited; see $RUN_DIR/haproxy.log" >&2
    tail -5 "$RUN_DIR/haproxy.log" >&2
    exit 1
  fi
  [ "$SECONDS" -lt "$deadline" ] || { echo "serve.sh: the proxy did not answer in 30 s" >&2; exit 1; }
  sleep 0.2
done
echo "haproxy: $URL -> ${ADDRESSES[*]} (pid $HAPROXY_PID, config $CFG, log $RUN_DIR/haproxy.log)" >&2

if [ "$CHECK" = 1 ]; then
  # Every replica must be UP in HAProxy's own view: its first health checks passed ("UP 1/2", the
  # state it starts in, is one failed check away from DOWN). And the page must load.
  states="$("$PYTHON" - "$RUN_DIR/haproxy.sock" <<'PY'
import socket, sys, time
def show_stat():
    with socket.socket(socket.AF_UNIX) as s:
        s.connect(sys.argv[1])
        s.sendall(b"show stat\n")
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    return {row[1]: row[17] for row in (line.split(",") for line in data.decode().splitlines())
            if row[0] == "streamlit" and row[1] != "BACKEND"}
deadline = time.monotonic() + 15
while (states := show_stat()) and any(v != "UP" for v in states.values()) and time.monotonic() < deadline:
    time.sleep(0.2)
print(" ".join(f"{k}={v.replace(' ', '_')}" for k, v in states.items()))
PY
)"
  echo "health checks: $states" >&2
  curl -fsS --max-time 10 -o /dev/null "$URL/" || { echo "serve.sh: $URL/ did not load" >&2; exit 1; }
  case " $states " in *DOWN*|*MAINT*|"  ") echo "serve.sh: check FAILED" >&2; exit 1 ;; esac
  echo "check: OK" >&2
  exit 0
fi

PIDLIST="$(IFS=,; echo "${REPLICA_PIDS[*]}")"
PORTLIST="$(IFS=,; echo "${ADDRESSES[*]##*:}")"
echo "ready $URL haproxy_pid=$HAPROXY_PID replica_pids=$PIDLIST replica_ports=$PORTLIST" \
  "stats_socket=$RUN_DIR/haproxy.sock run_dir=$RUN_DIR redis_url=${REDIS_URL:-none} redis_pid=${REDIS_PID:-none}"
echo "serving $URL with ${#ADDRESSES[@]} replica(s); Ctrl-C stops them" >&2
set +e
wait "$HAPROXY_PID"
status=$?
echo "serve.sh: haproxy exited ($status); stopping the replicas" >&2
exit 1
