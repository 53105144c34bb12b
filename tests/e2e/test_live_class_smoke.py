"""Smoke run of benchmarks/live_class.py: a real server on loopback, 3 students following a teacher's 2 clicks."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.e2e
@pytest.mark.timeout(150)
def test_live_class_smoke():
    run = subprocess.run(
        [sys.executable, "benchmarks/live_class.py", "--students", "3", "--idle", "3", "--moves", "2", "--gap", "4",
         "--timeout", "120"],
        cwd=ROOT, capture_output=True, text=True, timeout=140,
    )
    report = run.stdout + run.stderr
    assert "joined: 3/3" in report, report
    assert re.search(r"clicks: 6 page runs of students", report), report  # every student reached on each click
    assert "errors: 0 []; server log tracebacks: {}" in report, report
    assert run.returncode == 0, report
