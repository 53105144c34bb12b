"""Smoke run of benchmarks/load.py: a real server on loopback, 3 sessions x 2 hostile reruns, 0 errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.e2e
@pytest.mark.timeout(90)
def test_load_smoke():
    run = subprocess.run(
        [sys.executable, "benchmarks/load.py", "--sessions", "3", "--reruns", "2", "--rounds", "1", "--solo", "2",
         "--session-ttl", "2", "--settle", "0.5", "--timeout", "58", "--source", "worktree"],
        cwd=ROOT, capture_output=True, text=True, timeout=80,
    )
    report = run.stdout + run.stderr
    assert "errors: 0 (" in report, report
    assert "server log error lines: 0" in report, report
    assert "changes and reproduces" in report, report
    assert run.returncode == 0, report
