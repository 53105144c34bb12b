"""Headless Chromium (Debian's) for the benchmarks: Playwright cannot download browsers here.

Also: opening a page of the app that benchmarks/_server.py serves, and a main-thread profile of a
page (Chrome's trace events and JS sampling profiler over CDP).
"""

from __future__ import annotations

import collections
import contextlib
import time
from pathlib import Path

try:  # as benchmarks._browser (the scripts that put the project's root on sys.path)
    from benchmarks._server import out_dir
except ImportError:  # as _browser (frame_rate.py puts benchmarks/ itself on sys.path)
    from _server import out_dir

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
OUT = Path(__file__).resolve().parent / "out"
ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"  # loopback only
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


@contextlib.contextmanager
def browser(**launch):
    """One headless Chromium; open pages with ``new_page`` (a fresh context, so a fresh renderer)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True, **launch)
        try:
            yield chromium
        finally:
            chromium.close()


def new_page(chromium, width: int, height: int):
    """A page in its own browser context: its own renderer process, so its own V8 isolate (what one
    page's scripts did to the engine, e.g. a protector they invalidated, does not carry over)."""
    context = chromium.new_context(viewport={"width": width, "height": height}, locale="en-US")
    return context.new_page()


@contextlib.contextmanager
def browser_page(width: int = 1200, height: int = 640):
    with browser() as chromium:
        yield new_page(chromium, width, height)


def open_figure(page, html_path: Path, timeout_ms: int = 30_000) -> None:
    page.goto(html_path.as_uri())
    page.wait_for_function("() => document.querySelector('.js-plotly-plot') && "
                           "document.querySelector('.js-plotly-plot')._fullLayout", timeout=timeout_ms)
    page.wait_for_timeout(300)


def screenshot(fig, name: str, width: int = 1200, height: int = 640) -> Path:
    """Render ``fig`` offline in Chromium and save a PNG in benchmarks/out/."""
    import plotting

    out = out_dir()
    html = out / f"{name}.html"
    html.write_text(plotting.offline_html(fig), encoding="utf-8")
    png = out / f"{name}.png"
    with browser_page(width, height) as page:
        open_figure(page, html)
        page.screenshot(path=str(png), full_page=True)
    return png


# ----------------------------------------------------------------------------------------------
# The app, served by Streamlit (benchmarks/_server.py starts it)
# ----------------------------------------------------------------------------------------------
def open_app(page, url: str, timeout_ms: int = 120_000) -> None:
    """Load a Streamlit page and wait until its script has finished and the first chart is drawn."""
    page.goto(url)
    page.wait_for_selector(IDLE, timeout=timeout_ms)
    page.wait_for_function("() => { const gd = document.querySelector('.js-plotly-plot');"
                           " return gd && gd._fullLayout && gd.querySelector('.main-svg'); }", timeout=timeout_ms)
    page.wait_for_selector(IDLE, timeout=timeout_ms)
    page.wait_for_timeout(1000)  # the last deltas and plotly's first draw settle


# ----------------------------------------------------------------------------------------------
# Where the renderer's main thread spends its time
# ----------------------------------------------------------------------------------------------
TRACE_CATEGORIES = ",".join(["devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "blink",
                             "toplevel", "disabled-by-default-v8.gc"])
TOP_LEVEL = {"RunTask", "ThreadControllerImpl::RunTask"}
KINDS = [  # (kind, trace event names): each event's own time goes to its nearest named ancestor's kind
    ("script", {"FunctionCall", "EvaluateScript", "v8.callFunction", "v8.run", "V8.Execute", "TimerFire",
                "FireAnimationFrame", "EventDispatch", "RunMicrotasks", "V8.RunMicrotasks", "v8.compile",
                "RequestAnimationFrame", "XHRReadyStateChange", "FireIdleCallback"}),
    ("style", {"UpdateLayoutTree", "RecalculateStyles", "Document::recalcStyle"}),
    ("layout", {"Layout", "LocalFrameView::performLayout", "UpdateLayerTree"}),
    ("paint+composite", {"Paint", "PrePaint", "Layerize", "UpdateLayer", "CompositeLayers", "Commit",
                         "PaintArtifactCompositor::Update", "PaintImage", "Decode Image", "ImageDecodeTask",
                         "Blink.Paint.UpdateTime", "Blink.PrePaint.UpdateTime"}),
    ("hit test", {"HitTest"}),
]


def _kind(name: str) -> str | None:
    for kind, names in KINDS:
        if name in names:
            return kind
    if "GC" in name or name.startswith("BlinkGC") or name.endswith("Sweep"):
        return "gc"
    return None


def summarize_trace(events: list[dict]) -> dict:
    """Main-thread time of the busiest renderer (``CrRendererMain``) in a Chrome trace: wall time
    (``dur``) and CPU time (``tdur``, thread time: what the other processes on the machine cannot
    inflate) of its top-level tasks, and the wall time by kind (script, style, layout, paint and
    composite, hit test, gc; "other": the rest, e.g. task overhead) and by event name."""
    names = {(e["pid"], e["tid"]): e["args"]["name"] for e in events
             if e.get("ph") == "M" and e.get("name") == "thread_name"}
    threads = collections.defaultdict(list)
    for e in events:
        key = (e.get("pid"), e.get("tid"))
        if e.get("ph") == "X" and "dur" in e and names.get(key) == "CrRendererMain":
            threads[key].append(e)
    if not threads:
        return {}
    busy = {k: sum(e["dur"] for e in v if e["name"] in TOP_LEVEL) for k, v in threads.items()}
    evs = sorted(threads[max(busy, key=busy.get)], key=lambda e: (e["ts"], -e["dur"]))
    parent, child_time, stack = {}, collections.Counter(), []
    for i, e in enumerate(evs):
        while stack and stack[-1][1] <= e["ts"]:
            stack.pop()
        if stack:
            parent[i] = stack[-1][0]
            child_time[stack[-1][0]] += e["dur"]
        stack.append((i, e["ts"] + e["dur"]))
    by_kind, by_name = collections.Counter(), collections.Counter()
    wall = cpu = 0
    for i, e in enumerate(evs):
        if i not in parent:
            wall += e["dur"]
            cpu += e.get("tdur", e["dur"])
        own = max(e["dur"] - child_time[i], 0)
        j, kind = i, None
        while j is not None and kind is None:
            kind = _kind(evs[j]["name"])
            j = parent.get(j)
        by_kind[kind or "other"] += own
        by_name[e["name"]] += own
    ms = lambda c: {k: v / 1000 for k, v in c.most_common()}  # noqa: E731
    return {"wall_ms": wall / 1000, "cpu_ms": cpu / 1000, "kinds": ms(by_kind), "names": ms(by_name)}


def summarize_profile(profile: dict, top: int = 8) -> dict:
    """JS sampling profile: self time by function (name, script, position) and inclusive time of
    plotly.js's per-frame stages, in ms."""
    nodes = {n["id"]: n for n in profile["nodes"]}
    parent = {c: n["id"] for n in profile["nodes"] for c in n.get("children", [])}
    counts = collections.Counter(profile["samples"])
    dt = (profile["endTime"] - profile["startTime"]) / max(len(profile["samples"]), 1) / 1000
    own, inclusive = collections.Counter(), collections.Counter()

    def label(node):
        f = node["callFrame"]
        script = f["url"].rsplit("/", 1)[-1].split("?")[0]
        return f"{f['functionName'] or '(anonymous)'} {script}:{f['lineNumber'] + 1}:{f['columnNumber'] + 1}".strip()

    for node_id, n in counts.items():
        own[label(nodes[node_id])] += n * dt
        seen, x = set(), node_id
        while x is not None:
            name = nodes[x]["callFrame"]["functionName"].rsplit(".", 1)[-1]
            if name not in seen:
                inclusive[name] += n * dt
                seen.add(name)
            x = parent.get(x)
    stages = {k: inclusive.get(k, 0.0) for k in ("supplyDefaults", "doCalcdata", "findArrayAttributes", "plot")}
    idle = sum(v for k, v in own.items() if k.startswith(("(idle)", "(program)", "(garbage collector)")))
    return {"own": [(k, v) for k, v in own.most_common() if not k.startswith(("(idle)", "(program)"))][:top],
            "stages": stages, "idle_program_gc": idle}


class MainThreadProfile:
    """Chrome tracing (CDP ``Tracing``) and, optionally, V8's sampling profiler on one page, between
    ``start()`` and ``stop()``; ``stop()`` returns ``(summarize_trace(...), summarize_profile(...) or None)``."""

    def __init__(self, page, js_profile: bool = True, sampling_us: int = 250):
        self.page = page
        self.cdp = page.context.new_cdp_session(page)
        self.js_profile = js_profile
        self.sampling_us = sampling_us
        self.events: list[dict] = []
        self._done = False
        self.cdp.on("Tracing.dataCollected", lambda p: self.events.extend(p["value"]))
        self.cdp.on("Tracing.tracingComplete", lambda p: setattr(self, "_done", True))

    def start(self) -> None:
        if self.js_profile:
            self.cdp.send("Profiler.enable")
            self.cdp.send("Profiler.setSamplingInterval", {"interval": self.sampling_us})
        self.cdp.send("Tracing.start", {"categories": TRACE_CATEGORIES, "transferMode": "ReportEvents"})
        if self.js_profile:
            self.cdp.send("Profiler.start")

    def stop(self, timeout_s: float = 60.0) -> tuple[dict, dict | None]:
        profile = self.cdp.send("Profiler.stop")["profile"] if self.js_profile else None
        self.cdp.send("Tracing.end")
        deadline = time.monotonic() + timeout_s
        while not self._done and time.monotonic() < deadline:
            self.page.wait_for_timeout(100)
        if self.js_profile:
            self.cdp.send("Profiler.disable")
        self.cdp.detach()
        return summarize_trace(self.events), (summarize_profile(profile) if profile else None)
