"""The Docker image, end to end: scripts/docker_smoke.sh builds it (and, on a machine without an
engine, installs and starts Docker and a stand-in base image), runs it on a non-default PORT, waits
for its HEALTHCHECK, opens every page over Streamlit's websocket protocol, checks that a static JS
bundle comes back compressed (gzip and brotli), and checks the user and the log. It never skips: when Docker cannot run here, it fails with the script's reason."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUDGET = 1500  # s: apt + debootstrap base (~2-3 min) + build (~1 min) on a fresh machine, with room


@pytest.mark.docker
@pytest.mark.timeout(BUDGET + 180)
def test_docker_image_smoke():
    # A session of its own, so that on a timeout the script and what it started (dockerd) get
    # SIGTERM together and the script's cleanup still runs.
    proc = subprocess.Popen(["bash", "scripts/docker_smoke.sh"], cwd=ROOT, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHON": sys.executable}, start_new_session=True)
    try:
        report, _ = proc.communicate(timeout=BUDGET)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            report, _ = proc.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            report, _ = proc.communicate()
        pytest.fail(f"scripts/docker_smoke.sh did not finish within {BUDGET} s:\n{report}")
    assert proc.returncode == 0, report
    assert "RESULT: PASS" in report, report
