"""Helpers of the browser tests: a Streamlit server on loopback, opening a page, reading plotly.js state."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(log, env: dict[str, str] | None = None, script: str = "app.py") -> tuple[subprocess.Popen, str]:
    """``streamlit run app.py`` (or ``script``: asgi.py, as the classroom deployments serve it) on a free port,
    logging to ``log`` (``env``: variables added to the environment); returns once it is healthy. It listens as the README's command does (every interface:
    the browser opens it at 127.0.0.1, and its QR codes hold the machine's network address); every other
    setting (the file watcher off, no usage statistics) comes from .streamlit/config.toml, as in every
    deployment."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
         "--server.port", str(port)],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})},
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.3)
    stop_server(proc)
    raise RuntimeError("Streamlit server did not become healthy in 60 s")


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def open_app(page: Page, url: str, charts: int = 1, answer: bool = False) -> None:
    """Open ``url`` and wait until the script run is over and ``charts`` plotly charts are on the page.
    ``answer``: show the story step's answer first (until then the page keeps back what answers the
    question: results tables, finished figures), for a test of everything the page draws."""
    page.goto(url)
    page.wait_for_selector(IDLE, timeout=90_000)
    if answer:
        show_answer(page)
    page.wait_for_selector(".js-plotly-plot", timeout=90_000)
    if charts > 1:
        page.wait_for_function("(n) => document.querySelectorAll('.js-plotly-plot').length >= n", arg=charts,
                               timeout=90_000)
    page.wait_for_timeout(500)  # let plotly finish its first draw


def show_answer(page: Page) -> None:
    """Open the story step's answer (its expander), if the step has one that is closed, and wait for the rerun."""
    answer = page.locator(".st-key-story_answer details")
    if answer.count() and not answer.first.evaluate("(d) => d.open"):
        answer.first.locator("summary").click()
        page.wait_for_timeout(300)
        page.wait_for_selector(IDLE, timeout=90_000)


def no_exception(page: Page) -> None:
    expect(page.locator("[data-testid='stException']")).to_have_count(0)


def plot_state(page: Page, index: int = 0) -> dict:
    """What plotly.js currently holds for the index-th chart on the page."""
    return page.evaluate(
        """(i) => {
            const gd = document.querySelectorAll('.js-plotly-plot')[i];
            const full = gd._fullLayout;
            return {
                slider: full.sliders && full.sliders.length ? full.sliders[0].active : null,
                images: (full.images || []).length,
                imageNodes: Array.from(gd.querySelectorAll('image')).filter(
                    (im) => (im.getAttribute('href') || im.getAttribute('xlink:href') || '').startsWith('data:image/png')).length,
                traces: gd.data.length,
                isolineChars: Array.from(gd.querySelectorAll('.cartesianlayer .subplot.xy .scatterlayer .trace'))
                    .slice(0, 1).flatMap(t => Array.from(t.querySelectorAll('path.js-line')))
                    .reduce((n, p) => n + (p.getAttribute('d') || '').length, 0),
                frames: (gd._transitionData && gd._transitionData._frames || []).length,
                annotations: (full.annotations || []).map(a => a.text),
                names: gd.data.map(t => t.name || ''),
            };
        }""",
        index,
    )


def charts(page: Page) -> list[dict]:
    """Every plotly chart on the page (each scrolled into view so that it is drawn): trace names and types,
    frame count, its line traces with their lengths, heatmap row counts, x-axis end and y-axis title."""
    out = []
    for i in range(page.locator("[data-testid='stPlotlyChart']").count()):
        page.locator("[data-testid='stPlotlyChart']").nth(i).scroll_into_view_if_needed()
        page.wait_for_function("(i) => { const g = document.querySelectorAll('.js-plotly-plot')[i];"
                               " return g && g._fullLayout; }", arg=i, timeout=30_000)
        out.append(page.evaluate(
            """(i) => {
                const gd = document.querySelectorAll('.js-plotly-plot')[i];
                const full = gd._fullLayout;
                return {
                    names: gd.data.map((t) => t.name || ''),
                    types: gd.data.map((t) => t.type),
                    frames: (gd._transitionData && gd._transitionData._frames || []).length,
                    lines: gd.data.filter((t) => t.mode === 'lines').map((t) => ({name: t.name, n: (t.y || []).length})),
                    heatRows: gd.data.filter((t) => t.type === 'heatmap').map((t) => t.z.length),
                    xmax: full.xaxis && full.xaxis.range ? full.xaxis.range[1] : null,
                    yTitle: full.yaxis && full.yaxis.title ? full.yaxis.title.text : null,
                };
            }""",
            i,
        ))
    return out


def play(page: Page, chart_key: str, speed: float | None = None) -> None:
    """Press Play (at ``speed``, one of plotting.animation.SPEEDS, if given) in the play controls under the
    chart drawn with ``chart_key`` (ui/player.py: the app's own buttons; plotly.js's are hidden)."""
    from plotting.animation import SPEEDS

    controls = page.locator(f".st-key-{chart_key}_player").first
    if speed is not None:
        controls.locator("select").select_option(str(SPEEDS.index(speed)))
    controls.locator("button[data-act='play']").click()


def chart_state(page: Page, chart_key: str) -> dict:
    """The slider position and frame count of the chart drawn with ``chart_key``."""
    return page.evaluate("""(key) => {
        const gd = document.querySelector('.st-key-' + key + ' .js-plotly-plot');
        return {slider: gd._fullLayout.sliders[0].active, frames: gd._transitionData._frames.length};
    }""", chart_key)
