#!/usr/bin/env bash
# Installs what the tests need and runs every test, browser and Docker tests included.
#   - Debian's Chromium (apt) for the end-to-end tests, when it is missing;
#   - a virtual environment .venv with the test lock requirements-dev.txt (hashes checked);
#   - then pytest over tests/ (extra arguments are passed to pytest). The Docker test
#     (tests/docker, marker docker) runs scripts/docker_smoke.sh, which installs and starts Docker
#     itself when the machine has none; `-m "not docker"` leaves it out.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi

PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
exec .venv/bin/python -m pytest "$@"
