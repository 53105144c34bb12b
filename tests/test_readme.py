"""The README's commands and engine example stay true."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_engine_example_runs():
    blocks = re.findall(r"```python\n(.*?)```", README, flags=re.S)
    assert blocks, "README has no python example"
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})  # our own README text, not user input


def test_ci_runs_exactly_the_readme_test_command():
    commands = re.findall(r"```bash\n(.*?)```", README, flags=re.S)
    assert "bash scripts/test.sh" in [c.strip() for c in commands]
    assert "bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text()


def test_requirements_pin_the_runtime():
    pins = dict(line.split("==") for line in (ROOT / "requirements.txt").read_text().splitlines()
                if "==" in line and not line.startswith("#"))
    assert pins["streamlit"].startswith("1.67.")
    assert pins["plotly"].startswith("7.")
    assert pins["numpy"].startswith("2.")
    assert pins["pandas"].startswith("3.")
