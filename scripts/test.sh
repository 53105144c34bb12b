#!/usr/bin/env bash
# Installs what the tests need and runs every test, browser and Docker tests included.
#   - Debian's Chromium (apt) for the end-to-end tests, and Debian's redis-server for the live classes' shared
#     store (tests/live, the replica tests), when they are missing;
#   - a virtual environment .venv with the test lock requirements-dev.txt (hashes checked);
#   - then pytest over tests/ (extra arguments are passed to pytest). The Docker test
#     (tests/docker, marker docker) runs scripts/docker_smoke.sh, which installs and starts Docker
#     itself when the machine has none; `-m "not docker"` leaves it out.
#   - then, once that passed, the numerical recheck (about a minute and a half): NumPy and OpenBLAS pick their kernels
#     by CPU, so a check that holds only with this CPU's last bits would fail on the next machine. Twice more:
#       1. tests/engine and tests/golden with NumPy's SIMD dispatch narrowed to its baseline
#          (NPY_DISABLE_CPU_FEATURES = every dispatch target this NumPy build has beyond its baseline: X86_V3
#          (AVX2, FMA3), X86_V4 and the other AVX-512 targets on x86-64; a target the CPU lacks is simply not
#          used, and a baseline feature is never named, since NumPy refuses to import then), and on x86-64 with
#          OpenBLAS on its Nehalem kernels (OPENBLAS_CORETYPE; SSE only, so they run on any x86-64 NumPy runs on);
#       2. the comparisons with golden files from another machine (tests/golden, and the engine tests that read
#          them) with every pow/exp/sin/BLAS result of NumPy moved by an ulp (benchmarks/ulp_noise.py): what a
#          CPU with other kernels (SVML on AVX-512) does, simulated on any CPU.
#     The recheck runs when no test is named: bare (as CI runs it) or with options only (`-m "not e2e"`, `-x`);
#     a path, a node id or `-k` skips it. NUMERIC_RECHECK=1 forces it, NUMERIC_RECHECK=0 leaves it out.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/redis-server ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-cjk redis-server >/dev/null
fi

PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt

recheck="${NUMERIC_RECHECK:-}"
if [ -z "$recheck" ]; then
  recheck=1
  for arg in "$@"; do
    case "$arg" in
      -k*) recheck=0 ;;
      -*) ;;
      *) if [ -e "${arg%%::*}" ]; then recheck=0; fi ;;
    esac
  done
fi

.venv/bin/python -m pytest "$@"
[ "$recheck" = 1 ] || exit 0

narrowed="$(.venv/bin/python -c '
from numpy._core._multiarray_umath import __cpu_baseline__ as baseline, __cpu_dispatch__ as dispatch
print(" ".join(target for target in dispatch if target not in baseline))')"
narrow=(NPY_DISABLE_CPU_FEATURES="$narrowed")
[ "$(uname -m)" = x86_64 ] && narrow+=(OPENBLAS_CORETYPE=Nehalem)
echo "numerical recheck 1/2: tests/engine tests/golden with ${narrow[*]}"
env "${narrow[@]}" .venv/bin/python -m pytest tests/engine tests/golden
echo "numerical recheck 2/2: the golden comparisons with every pow/exp/BLAS result moved by an ulp (benchmarks/ulp_noise.py)"
.venv/bin/python -m pytest -p benchmarks.ulp_noise tests/golden tests/engine/test_frontier_parity.py \
  tests/engine/test_frontier_live.py tests/engine/test_lbfgs.py tests/engine/test_optimizers.py
