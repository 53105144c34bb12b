"""What every deployment runs with (issue 22): the file watcher is off in ONE place,
.streamlit/config.toml, which the Docker image, scripts/serve.sh, `streamlit run app.py` and
Community Cloud all read; nothing overrides it; and the benchmarks start their server with the very
command that the Dockerfile and the README run, so that they measure what ships."""

from __future__ import annotations

import json
import re
import shlex
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import _server  # noqa: E402

CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
README = (ROOT / "README.md").read_text(encoding="utf-8")
# Files that start or configure a deployed or tested server: none may set the watcher or runOnSave
# themselves. (The benchmarks' default command is checked below; their --server-arg and --cloud add
# flags only when asked.)
LAUNCHERS = ("Dockerfile", "asgi.py", "scripts/serve.sh", "scripts/test.sh", "scripts/docker_smoke.sh", ".ci/run",
             "deploy/haproxy.cfg.template", "tests/e2e/helpers.py")


def test_config_turns_the_file_watcher_off():
    assert CONFIG["server"]["fileWatcherType"] == "none"
    assert CONFIG["server"]["runOnSave"] is False
    text = (ROOT / ".streamlit" / "config.toml").read_text()
    comment = text.split('fileWatcherType = "none"')[0].rsplit("\n\n", 1)[-1]
    assert "CPU" in comment and "issue 22" in comment, "the setting says why, next to it"


@pytest.mark.parametrize("path", LAUNCHERS)
def test_no_launcher_sets_the_watcher_itself(path):
    text = (ROOT / path).read_text()
    for setting in ("--server.fileWatcherType", "--server.runOnSave", "STREAMLIT_SERVER_FILE_WATCHER_TYPE",
                    "STREAMLIT_SERVER_RUN_ON_SAVE"):
        assert setting not in text, f"{path} sets {setting}: .streamlit/config.toml is the one place"


def dockerfile_command() -> tuple[list[str], dict[str, str]]:
    """The Dockerfile's ENTRYPOINT streamlit arguments and ENV, read here on their own (not through
    benchmarks/_server.py, whose reading this checks)."""
    text = (ROOT / "Dockerfile").read_text()
    entry = json.loads(re.search(r"^ENTRYPOINT (\[.*\])$", text, re.M).group(1))
    assert entry[:2] == ["sh", "-c"] and entry[2].startswith("exec streamlit ")
    words = shlex.split(entry[2])[2:]
    env_block = re.search(r"^ENV ((?:.*\\\n)*.*)$", text, re.M).group(1)
    env = dict(w.split("=", 1) for w in shlex.split(env_block.replace("\\\n", " ")))
    return [w for w in words if w != "$@"], env


def test_the_benchmark_server_runs_the_dockerfile_command():
    args, env = dockerfile_command()
    command = _server.server_command(12345)
    assert command[:3] == [sys.executable, "-m", "streamlit"]
    expected = [a.replace("$PORT", "12345").replace("0.0.0.0", "127.0.0.1") for a in args]
    assert command[3:] == expected, "only the port and the (loopback) address differ"
    assert not [a for a in command if "fileWatcher" in a or "runOnSave" in a or "gatherUsageStats" in a]
    served = _server.server_env(port=12345)
    assert {k: served[k] for k in env if k != "PORT"} == {k: v for k, v in env.items() if k != "PORT"}
    assert served["PORT"] == "12345"
    assert "MALLOC_ARENA_MAX" not in _server.server_env(malloc_arena_max=0)


def test_the_readme_command_is_the_same_command():
    """The README's `streamlit run app.py` is the Dockerfile's command without the port, the address
    and headless (automatic on a machine without a display), and without asgi.py (issue 18): the image
    runs `streamlit run asgi.py`, which is app.py through st.App with one middleware in front of
    Streamlit's routes (the precompressed static files), read by the same settings."""
    from streamlit.web.server.app_discovery import discover_asgi_app

    local = re.search(r"\.venv/bin/streamlit (run app\.py)\s*$", README, re.M)
    assert local, "README's first command runs the app"
    args, _ = dockerfile_command()
    assert args[:2] == ["run", "asgi.py"]
    assert all(a.split("=")[0] in ("--server.port", "--server.address", "--server.headless") for a in args[2:])
    found = discover_asgi_app(ROOT / "asgi.py")  # what `streamlit run asgi.py` itself looks for
    assert found.is_asgi_app and found.app_name == "app"
    source = (ROOT / "asgi.py").read_text()
    # the same app.py, with the precompressed static files and the live class's version route in front
    assert re.search(r'^app = st\.App\("app\.py", '
                     r'middleware=\[Middleware\(VersionRoute\), Middleware\(PrecompressedStatic\)\]\)$', source, re.M)
    assert "server." not in source.split('"""', 2)[-1], "asgi.py sets no option: config.toml is the one place"


def effective(extra: list[str], target: str = "app.py") -> dict:
    facts = _server.parse_config([target, *extra], ROOT)
    assert "error" not in facts, facts.get("error")
    return {k: v for k, (v, _) in facts["options"].items()}


def test_effective_settings_as_shipped_for_authors_and_on_cloud():
    args, _ = dockerfile_command()
    shipped = effective([a.replace("$PORT", "8501") for a in args[2:]], target=args[1])
    assert shipped["server.fileWatcherType"] == "none" and shipped["server.runOnSave"] is False
    assert shipped["runner.postScriptGC"] is False
    # issue 18: a page's first run crosses the websocket 2-4x smaller (benchmarks/ws_compression.py)
    assert shipped["server.enableWebsocketCompression"] is True

    # The README's command for someone editing a lesson turns reloading on for that run only.
    author = re.search(r"streamlit run app\.py (--server\.fileWatcherType auto --server\.runOnSave true)", README)
    assert author, "README gives authors the command that reloads on save"
    edited = effective(author.group(1).split())
    assert edited["server.fileWatcherType"] == "auto" and edited["server.runOnSave"] is True

    # Community Cloud's overrides set runOnSave but not the watcher type: it stays off there too
    # (Streamlit 1.67 registers no watcher at all when the type is "none").
    cloud = effective(list(_server.CLOUD_OVERRIDES))
    assert cloud["server.fileWatcherType"] == "none" and cloud["server.runOnSave"] is True


def test_streamlit_registers_no_watcher_when_the_type_is_none():
    """The reason runOnSave (Cloud's override) costs nothing here: AppSession only registers file
    watchers when the type is not "none" (read from the installed Streamlit's source)."""
    import inspect

    from streamlit.runtime.app_session import AppSession
    source = inspect.getsource(AppSession.__init__)
    assert re.search(r'if config\.get_option\("server\.fileWatcherType"\) != "none":\s*\n\s*self\.register_file_watchers\(\)',
                     source)


def test_the_image_holds_every_package_the_app_imports():
    """Each top-level package of the app (a folder with __init__.py, tests and benchmarks aside) is copied into
    the Docker image: one left out breaks every page there (ui imports live since issue 20)."""
    text = (ROOT / "Dockerfile").read_text()
    copied = set(re.findall(r"^COPY (\S+) \./\S+$", text, re.M))
    packages = {d.name for d in ROOT.iterdir() if (d / "__init__.py").exists()} - {"tests", "benchmarks"}
    assert packages <= copied, packages - copied
    assert "lessons" in copied
