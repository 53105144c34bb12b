"""Every student's phone (issue 18): the app on an emulated phone, over a slow network, with a slow CPU.

    python benchmarks/phone.py                                   # scripts/serve.sh --replicas 1, as a class runs it
    python benchmarks/phone.py --servers serve,plain             # and the README's `streamlit run app.py`
    python benchmarks/phone.py --source main --servers serve     # another git ref (serve.sh --app-dir)
    python benchmarks/phone.py --target http://127.0.0.1:8501    # a server that is already running
    python benchmarks/phone.py --pages compare,minibatch --profiles 390 --no-playback --report out.txt

Debian's Chromium through Playwright, one phone per ``--profiles`` (390: 390 x 844, 360: 360 x 640; touch,
``is_mobile``, device scale 3, an Android Chrome user agent), the network of a crowded school Wi-Fi
(CDP ``Network.emulateNetworkConditions``: 1.6 Mbit/s down, 750 kbit/s up, 150 ms latency) and a phone's
CPU (``Emulation.setCPUThrottlingRate`` 4). For each profile:

- a **cold** visit of the first of ``--pages`` (empty cache), then **warm** visits of the others in the
  same browser context (the static files cached: a student following a link to the next lesson; each is
  a new page load and a new Streamlit session);
- requests say ``Accept-Encoding: gzip, deflate`` (``--encoding lan``, the default): what a phone sends to a
  classroom server over plain HTTP (Chromium offers brotli to secure origins only; loopback counts as one,
  ``--encoding browser`` keeps what it sends there);
- **bytes on the wire** by kind (CDP ``Network.loadingFinished.encodedDataLength``: what crossed the
  network, headers included; JS, CSS, fonts, images, the document, other HTTP) and how many of them came
  compressed (``Content-Encoding``), with the decoded size beside; the **websocket**'s frames
  (``Network.webSocketFrameReceived``/``Sent`` payloads, as the page sees them: a permessage-deflate
  extension, when negotiated, is shown, and its wire size is smaller than this); through scripts/serve.sh
  also what HAProxy's frontend sent meanwhile (``show stat`` ``bout`` on its stats socket: every byte to the
  browser, the websocket as compressed), which is the figure the targets are checked against there;
- then (``--no-navigation`` skips it) **nav** visits: the same pages reached from the first through the
  app's own menu (the sidebar's button, then the page's link, tapped), as a student moves on in the app
  already open: no page load, the frontend and the plotly bundle already in memory; bytes are the
  websocket's payloads (HAProxy counts a websocket's bytes when it closes), first chart from the tap;
- **time to the first drawn chart**: from the navigation's start to the first ``.js-plotly-plot`` with
  ``_fullLayout`` and a drawn main svg (then one animation frame);
- **horizontal overflow**: ``scrollWidth - clientWidth`` of the document and of the main container, with
  the elements that stick out the most;
- the **smallest student control**: the bounding boxes of every visible button, pill, tab, slider thumb,
  select box, input, expander summary and checkbox/radio/toggle label in the main area (the story panel is at
  its top), component shadow roots included, measured as tests/e2e/test_phone.py does; the smallest (by its
  shorter side) and which;
- **playback** (``--no-playback`` skips it): on the first profile's viewport, the compare page's
  default race and a 6-optimizer 300-step race, at CPU x1 and x4 (no network throttling: the page is
  loaded first): the chart's own Play (the app's play controls, ``.st-key-<chart>_player
  button[data-act='play']``, at 1x), ``plotly_animatingframe`` events counted until ``plotly_animated``,
  beside how long the run is designed to last (``plotting.animation.pace``; the player keeps to it on a slow
  device by showing fewer frames).

The issue's targets (through ``scripts/serve.sh --replicas 1``): first visit <= 3 MB and first chart
<= 15 s; later pages first chart <= 3 s and <= 300 KB; overflow 0 at 390 and 360; smallest control >=
44 x 44; playback 6 x 300 at CPU x4 >= 15 f/s. Each line says PASS or FAIL against them.

Servers (``--servers``, loopback only): ``serve`` = ``bash scripts/serve.sh --replicas 1 --port 0`` (HAProxy
in front of ``streamlit run asgi.py``; with ``--source`` other than ``worktree`` a snapshot of that git ref is
served with ``--app-dir``; its precompressed static files come from this work tree's ``.static-cache``);
``plain`` = the README's ``streamlit run app.py``. Both get ``DESCENTLAB_PUBLIC_URL`` (a made-up address that
is never contacted) so the sidebar shows the share link as it does in a class.
Wall-clock figures move with the machine's load (printed); bytes do not.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks._browser import IDLE, browser  # noqa: E402
from benchmarks._server import (HOST, cpu_model, free_port, haproxy_stats, http_get, loadavg,  # noqa: E402
                                out_dir, snapshot)
from plotting.animation import pace  # noqa: E402

PROFILES = {"390": (390, 844), "360": (360, 640)}
USER_AGENT = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
              "Chrome/156.0.0.0 Mobile Safari/537.36")
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
CPU_RATE = 4
PAGES = {"compare": "", "learning-rate": "learning-rate", "saddles": "saddles", "minibatch": "minibatch",
         "tiny-network": "tiny-network", "lr-sweep": "lr-sweep", "curvature": "curvature", "landscape": "landscape"}
RACE_300 = "?lang=en&steps=300" + "".join(f"&opts={o}" for o in ("SGD", "Momentum", "AdaGrad", "Adam", "RMSprop",
                                                                    "NAdam"))
PUBLIC_URL = "http://descentlab.example:8501"  # only ever written into the page's share link
TARGETS = {"cold_bytes": 3e6, "cold_chart": 15.0, "warm_bytes": 300e3, "warm_chart": 3.0, "control": 44.0,
           "fps": 15.0}

FIRST_CHART = """(() => {
  const drawn = () => {
    const gd = document.querySelector('.js-plotly-plot');
    const svg = gd && gd._fullLayout && gd.querySelector('.main-svg');
    return !!(svg && svg.childElementCount);
  };
  const poll = () => {
    if (drawn()) requestAnimationFrame(() => { window.__firstChart = performance.now(); });
    else setTimeout(poll, 50);
  };
  poll();
})();"""

OVERFLOW = """() => {
  const doc = document.documentElement;
  const main = document.querySelector('[data-testid="stMain"]') || document.querySelector('section.main');
  const width = doc.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll('[data-testid="stMain"] *')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > width + 0.5) {
      const key = Array.from(el.closest('[class*="st-key-"]')?.classList || []).find((c) => c.startsWith('st-key-'));
      out.push({over: Math.round(r.right - width), what: (el.dataset.testid || el.tagName.toLowerCase()) +
                (key ? ' in .' + key : '') + (el.className && typeof el.className === 'string' ?
                ' .' + el.className.split(' ')[0] : '')});
    }
  }
  out.sort((a, b) => b.over - a.over);
  return {doc: doc.scrollWidth - doc.clientWidth,
          main: main ? main.scrollWidth - main.clientWidth : null, worst: out.slice(0, 3)};
}"""

CONTROLS = """() => {
  // What a finger presses, as tests/e2e/test_phone.py measures it: buttons (the play controls' and the copy
  // link's in their shadow roots too), tabs, slider thumbs, select boxes, inputs, expanders, the labels of
  // checkboxes, radios and toggles; in the main area (the story panel is at its top), outside the charts.
  const main = document.querySelector('[data-testid="stMain"]');
  const found = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('button, [role=tab], [role=slider], select, summary, input, label')) {
      if (el.closest('.js-plotly-plot, [data-testid=stSkipToContent]')) continue;
      if (el.tagName === 'INPUT' && el.closest('label')) continue;  // the label is the target
      let r = el.getBoundingClientRect();
      const thumb = el.closest('[data-testid=stSlider] [role=group] div[style*="translate"]');
      if (thumb) r = thumb.getBoundingClientRect();  // a slider's visually hidden input: its thumb is the target
      else if (r.width <= 2 || r.height <= 2 || getComputedStyle(el).visibility === 'hidden') continue;
      const combo = el.closest('[data-testid=stSelectbox] [role=group], [data-testid=stMultiSelect] [role=group]');
      if (combo && el.tagName === 'INPUT') r = combo.getBoundingClientRect();  // the box is the target
      if (el.tagName === 'LABEL' && !el.querySelector('input')) continue;  // a plain caption
      let host = el;
      while (host && !(host.classList && Array.from(host.classList).some((c) => c.startsWith('st-key-')))) {
        host = host.parentElement || (host.getRootNode && host.getRootNode().host);
      }
      const key = host ? Array.from(host.classList).find((c) => c.startsWith('st-key-')) : '';
      const tid = el.closest('[data-testid]');
      const text = (el.getAttribute('aria-label') || el.innerText || '').trim();
      found.push({w: Math.round(r.width * 10) / 10, h: Math.round(r.height * 10) / 10,
                  what: el.tagName.toLowerCase() + (el.dataset.act ? '[' + el.dataset.act + ']' : '') +
                        (key ? ' .' + key : (tid ? ' ' + tid.dataset.testid : '')) +
                        (text ? ' "' + text.slice(0, 30) + '"' : '')});
    }
    for (const host of root.querySelectorAll('*')) if (host.shadowRoot) walk(host.shadowRoot);
  };
  if (main) walk(main);
  found.sort((a, b) => Math.min(a.w, a.h) - Math.min(b.w, b.h));
  return {count: found.length, smallest: found.slice(0, 4)};
}"""

ARM_PLAY = """() => {
  const host = Array.from(document.querySelectorAll('[class*="st-key-"]')).find(
    (el) => Array.from(el.classList).some((c) => c.startsWith('st-key-') && c.endsWith('_player')));
  if (!host) return null;
  const cls = Array.from(host.classList).find((c) => c.startsWith('st-key-') && c.endsWith('_player'));
  const chart = cls.slice('st-key-'.length, -'_player'.length);
  const gd = document.querySelector('.st-key-' + CSS.escape(chart) + ' .js-plotly-plot');
  if (!gd) return null;
  const s = {frames: [], t0: null, t1: null, done: false};
  window.__play = s;
  gd.on('plotly_animatingframe', () => { if (s.t0 === null) s.t0 = performance.now(); s.frames.push(performance.now()); });
  gd.on('plotly_animated', () => { s.t1 = performance.now(); s.done = true; });
  return {player: cls, chart_frames: (gd._transitionData && gd._transitionData._frames || []).length};
}"""


@dataclass
class Visit:
    """What one page load sent and received, from the CDP events between ``start`` and the end."""

    page: str
    kind: str  # cold | warm
    requests: dict = field(default_factory=dict)
    ws_in: int = 0
    ws_out: int = 0
    ws_frames: int = 0
    ws_extensions: str = ""
    proxy_out: int | None = None  # bytes HAProxy sent meanwhile (scripts/serve.sh only): the websocket as sent
    first_chart: float | None = None
    plotly_js: float | None = None  # when the plotly bundle's last byte arrived (s), when this page fetched it
    overflow: dict | None = None
    controls: dict | None = None
    error: str = ""
    last_event: float = field(default_factory=time.monotonic)

    def by_kind(self) -> dict[str, dict[str, float]]:
        kinds: dict[str, dict[str, float]] = {}
        for r in self.requests.values():
            if r.get("cached") or "wire" not in r:
                continue
            k = kinds.setdefault(_kind(r), {"wire": 0, "decoded": 0, "n": 0, "compressed": 0, "compressed_n": 0})
            k["wire"] += r["wire"]
            k["decoded"] += r.get("decoded", 0)
            k["n"] += 1
            if r.get("encoding"):
                k["compressed"] += r["wire"]
                k["compressed_n"] += 1
        return kinds

    def http_bytes(self) -> int:
        return int(sum(k["wire"] for k in self.by_kind().values()))

    def total(self) -> int:
        return self.http_bytes() + self.ws_in + self.ws_out

    def wire(self) -> int:
        """The bytes a phone received: what the proxy sent when known (the websocket as compressed), else the
        HTTP bytes on the wire plus the websocket's payloads."""
        return self.proxy_out if self.proxy_out is not None else self.http_bytes() + self.ws_in


def _kind(request: dict) -> str:
    t = (request.get("type") or "").lower()
    mime = request.get("mime", "")
    if t == "script" or "javascript" in mime:
        return "js"
    if t == "stylesheet" or mime == "text/css":
        return "css"
    if t == "font" or mime.startswith("font/"):
        return "fonts"
    if t == "image" or mime.startswith("image/"):
        return "images"
    if t == "document":
        return "doc"
    return "other"


def _payload_len(response: dict) -> int:
    data = response.get("payloadData", "")
    if response.get("opcode") == 2:  # binary frames are base64 in CDP
        return len(data) * 3 // 4 - data.count("=")
    return len(data.encode())


ENCODINGS = {
    # Chromium advertises brotli (and zstd) only to secure origins, which a loopback address counts as: a phone
    # that opens a classroom server at http://192.168.x.y sends this instead.
    "lan": "gzip, deflate",
    "browser": None,  # whatever Chromium sends to this loopback address (gzip, deflate, br, zstd)
}


class Probe:
    """CDP network accounting and throttling for one page; ``visit`` is where events go."""

    accept_encoding: str | None = ENCODINGS["lan"]

    def __init__(self, page, network: bool, cpu: float):
        self.page = page
        self.cdp = page.context.new_cdp_session(page)
        self.visit: Visit | None = None
        self.cdp.send("Network.enable")
        if self.accept_encoding:
            self.cdp.send("Network.setExtraHTTPHeaders", {"headers": {"Accept-Encoding": self.accept_encoding}})
        if network:
            self.cdp.send("Network.emulateNetworkConditions", NETWORK)
        self.cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
        on = self.cdp.on
        on("Network.requestWillBeSent", self._sent)
        on("Network.responseReceived", self._response)
        on("Network.requestServedFromCache", lambda p: self._req(p).update(cached=True))
        on("Network.dataReceived", lambda p: self._req(p).__setitem__("decoded", self._req(p).get("decoded", 0)
                                                                       + p.get("dataLength", 0)))
        on("Network.loadingFinished", lambda p: self._req(p).update(wire=p.get("encodedDataLength", 0)))
        on("Network.webSocketFrameReceived", lambda p: self._ws(p, True))
        on("Network.webSocketFrameSent", lambda p: self._ws(p, False))
        on("Network.webSocketHandshakeResponseReceived", self._handshake)

    def cpu(self, rate: float) -> None:
        self.cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})

    def _req(self, params: dict) -> dict:
        if self.visit is None:
            return {}
        self.visit.last_event = time.monotonic()
        return self.visit.requests.setdefault(params["requestId"], {})

    def _sent(self, params: dict) -> None:
        self._req(params).update(url=params["request"]["url"], type=params.get("type", ""))

    def _response(self, params: dict) -> None:
        response = params["response"]
        headers = {k.lower(): v for k, v in response.get("headers", {}).items()}
        request = self._req(params)
        request.update(type=params.get("type", ""), mime=response.get("mimeType", ""),
                       encoding=headers.get("content-encoding", ""), status=response.get("status"),
                       cached=bool(request.get("cached") or response.get("fromDiskCache")
                                   or response.get("fromPrefetchCache")))

    def _ws(self, params: dict, received: bool) -> None:
        if self.visit is None:
            return
        size = _payload_len(params["response"])
        if received:
            self.visit.ws_in += size
        else:
            self.visit.ws_out += size
        self.visit.ws_frames += 1
        self.visit.last_event = time.monotonic()

    def _handshake(self, params: dict) -> None:
        if self.visit is not None:
            headers = {k.lower(): v for k, v in params["response"].get("headers", {}).items()}
            self.visit.ws_extensions = headers.get("sec-websocket-extensions", "")


def _settle_and_measure(page, visit: Visit, timeout_s: float, quiet_s: float) -> None:
    """Wait for the script's end and a quiet network, then measure the page's overflow and controls."""
    page.wait_for_selector(IDLE, timeout=timeout_s * 1000)
    deadline = time.monotonic() + 60
    while time.monotonic() - visit.last_event < quiet_s and time.monotonic() < deadline:
        page.wait_for_timeout(250)
    visit.overflow = page.evaluate(OVERFLOW)
    visit.controls = page.evaluate(CONTROLS)


def load_page(probe: Probe, url: str, visit: Visit, timeout_s: float = 240.0, quiet_s: float = 2.0) -> Visit:
    """Navigate, wait for the first drawn chart, the script's end and a quiet network; then measure the page."""
    probe.visit = visit
    page = probe.page
    try:
        page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
        page.wait_for_function("() => window.__firstChart !== undefined", timeout=timeout_s * 1000, polling=200)
        visit.first_chart = page.evaluate("() => window.__firstChart") / 1000
        visit.plotly_js = page.evaluate("() => { const e = performance.getEntriesByType('resource').find("
                                        "(r) => /PlotlyChart\\.[^/]*\\.js$/.test(r.name)); return e ? e.responseEnd / 1000 : null; }")
        _settle_and_measure(page, visit, timeout_s, quiet_s)
    except Exception as error:  # noqa: BLE001 - a page that never drew a chart is a result too
        visit.error = f"{error.__class__.__name__}: {str(error).splitlines()[0][:160]}"
    probe.visit = None
    return visit


NAV_ARM = """() => {
  const old = new Set(Array.from(document.querySelectorAll('.js-plotly-plot')).map((gd) => gd.data));
  window.__navChart = undefined;
  const t0 = performance.now();
  const poll = () => {  // a chart drawn with a figure that was not on the page before the tap
    const gd = Array.from(document.querySelectorAll('.js-plotly-plot')).find((g) => g.data && !old.has(g.data)
      && g._fullLayout && g.querySelector('.main-svg') && g.querySelector('.main-svg').childElementCount);
    if (gd) requestAnimationFrame(() => { window.__navChart = (performance.now() - t0) / 1000; });
    else setTimeout(poll, 50);
  };
  setTimeout(poll, 0);
}"""


def navigate(probe: Probe, path: str, visit: Visit, timeout_s: float = 240.0, quiet_s: float = 2.0) -> Visit:
    """In the app already open: the menu (the sidebar's expand button on a phone), then the page's link, as a
    student's finger does; from the tap to the new page's first drawn chart. No page load: the frontend and
    the plotly bundle are in memory, the websocket stays; the bytes are the websocket's payloads."""
    probe.visit = visit
    page = probe.page
    try:
        expand = page.locator("[data-testid='stExpandSidebarButton']")
        if expand.count() and expand.first.is_visible():
            expand.first.tap()
        link = page.locator(f"[data-testid='stSidebarNavLink'][href$='/{path}']").first
        link.wait_for(state="visible", timeout=30_000)
        page.wait_for_timeout(600)  # the sidebar's slide-in
        visit.ws_in = visit.ws_out = visit.ws_frames = 0
        page.evaluate(NAV_ARM)
        link.tap()
        page.wait_for_function("() => window.__navChart !== undefined", timeout=timeout_s * 1000, polling=100)
        visit.first_chart = page.evaluate("() => window.__navChart")
        _settle_and_measure(page, visit, timeout_s, quiet_s)
    except Exception as error:  # noqa: BLE001
        visit.error = f"{error.__class__.__name__}: {str(error).splitlines()[0][:160]}"
    probe.visit = None
    return visit


def phone_context(chromium, width: int, height: int):
    context = chromium.new_context(viewport={"width": width, "height": height}, device_scale_factor=3,
                                   is_mobile=True, has_touch=True, user_agent=USER_AGENT, locale="en-US")
    context.add_init_script(FIRST_CHART)
    return context


def run_profile(chromium, base: str, name: str, pages: list[str], stats_socket: str = "",
                navigate_too: bool = True) -> list[Visit]:
    width, height = PROFILES[name]
    context = phone_context(chromium, width, height)
    try:
        page = context.new_page()
        probe = Probe(page, network=True, cpu=CPU_RATE)
        visits = []
        for i, key in enumerate(pages):
            url = f"{base}/{PAGES[key]}?lang=en"
            before = proxy_bytes_out(stats_socket) if stats_socket else None
            visits.append(load_page(probe, url, Visit(key, "cold" if i == 0 else "warm")))
            # HAProxy adds a websocket's bytes to its counters when the connection ends: leave the page first
            # (the next visit is a new page load anyway; the cache stays)
            page.goto("about:blank")
            page.wait_for_timeout(1000)
            after = proxy_bytes_out(stats_socket) if stats_socket else None
            if before is not None and after is not None:
                visits[-1].proxy_out = after - before
            print(f"  {name} {visits[-1].kind:4} {key:13} {describe_visit(visits[-1])}", flush=True)
        if navigate_too and len(pages) > 1:
            # the same pages again, reached through the app's own menu from the first (no page load)
            load_page(probe, f"{base}/{PAGES[pages[0]]}?lang=en", Visit(pages[0], "warm"))
            for key in pages[1:]:
                # the websocket of the page load above carries on: its extensions are that handshake's
                visits.append(navigate(probe, PAGES[key], Visit(key, "nav", ws_extensions=visits[0].ws_extensions)))
                print(f"  {name} {visits[-1].kind:4} {key:13} {describe_visit(visits[-1])}", flush=True)
        return visits
    finally:
        context.close()


def playback(chromium, base: str, query: str, cpu: float, timeout_s: float = 180.0) -> dict:
    width, height = PROFILES["390"]
    context = phone_context(chromium, width, height)
    try:
        page = context.new_page()
        probe = Probe(page, network=False, cpu=1)
        page.goto(f"{base}/{query}", timeout=timeout_s * 1000)
        page.wait_for_function("() => window.__firstChart !== undefined", timeout=timeout_s * 1000)
        page.wait_for_selector(IDLE, timeout=timeout_s * 1000)
        page.wait_for_timeout(1500)
        armed = page.evaluate(ARM_PLAY)
        if armed is None:
            return {"error": "no play controls (.st-key-<chart>_player) next to a chart"}
        probe.cpu(cpu)
        page.locator(f".{armed['player']} button[data-act='play']").first.click()
        page.wait_for_function("() => window.__play.done", timeout=timeout_s * 1000, polling=250)
        result = page.evaluate("() => ({frames: window.__play.frames.length,"
                               " ms: window.__play.t1 - (window.__play.t0 ?? window.__play.t1)})")
        probe.cpu(1)
        result.update(armed)
        result["fps"] = result["frames"] / (result["ms"] / 1000) if result["ms"] else None
        return result
    except Exception as error:  # noqa: BLE001
        return {"error": f"{error.__class__.__name__}: {str(error).splitlines()[0][:160]}"}
    finally:
        context.close()


# ----------------------------------------------------------------------------------------------
# Servers
# ----------------------------------------------------------------------------------------------
class Served:
    """A server to measure: ``url``; ``stop()`` ends what this script started (by pid)."""

    def __init__(self, kind: str, source: str):
        self.kind = kind
        self.stats_socket = ""  # serve.sh's HAProxy: its frontend's bytes out are the bytes on the wire
        self.proc = None
        self.folder = None
        self.url = ""
        self.note = ""
        app_dir, self.folder = snapshot(source) if source != "worktree" else (ROOT, None)
        env = {**os.environ, "DESCENTLAB_PUBLIC_URL": PUBLIC_URL,
               "DESCENTLAB_STATIC_CACHE": str(ROOT / ".static-cache")}
        log = open(out_dir() / f"phone-{kind}-{os.getpid()}.log", "w")
        if kind == "serve":
            args = ["bash", str(ROOT / "scripts" / "serve.sh"), "--replicas", "1", "--port", "0"]
            if app_dir != ROOT:
                args += ["--app-dir", str(app_dir)]
            self.proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=log, text=True, env=env,
                                         start_new_session=True)
            deadline = time.monotonic() + 300
            for line in self.proc.stdout:  # serve.sh gives up by itself (precompress, then 120 s a replica)
                if line.startswith("ready "):
                    self.url = line.split()[1]
                    self.stats_socket = dict(p.split("=", 1) for p in line.split()[2:])["stats_socket"]
                    break
                if time.monotonic() > deadline:
                    break
            if not self.url:
                self.stop()
                raise RuntimeError(f"serve.sh did not get ready; see {log.name}")
            entry = "asgi.py" if (app_dir / "asgi.py").exists() else "app.py"
            self.note = f"scripts/serve.sh --replicas 1 (HAProxy -> streamlit run {entry})"
        else:
            port = free_port()
            self.proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless",
                                          "true", "--server.port", str(port), "--server.address", HOST],
                                         cwd=app_dir, stdout=log, stderr=subprocess.STDOUT, env=env,
                                         start_new_session=True)
            self.url = f"http://{HOST}:{port}"
            deadline = time.monotonic() + 90
            while True:
                try:
                    if http_get(port, "/_stcore/health", timeout=2)[0] == 200:
                        break
                except OSError:
                    pass
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"streamlit run app.py did not start; see {log.name}")
                time.sleep(0.3)
            self.note = "streamlit run app.py (README)"
        self.note += f", source {source}"

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # serve.sh stops its replicas and haproxy by pid
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if self.folder is not None:
            self.folder.cleanup()
            self.folder = None


def proxy_bytes_out(sock: str) -> int | None:
    """HAProxy's ``bout`` of the frontend (every byte it sent to browsers: HTTP and websocket, as sent)."""
    try:
        rows = haproxy_stats(sock)
    except OSError:
        return None
    return next((int(r["bout"]) for r in rows if r.get("svname") == "FRONTEND"), None)


# ----------------------------------------------------------------------------------------------
# Report
# ----------------------------------------------------------------------------------------------
def kb(n: float) -> str:
    return f"{n / 1e6:.2f} MB" if n >= 1e6 else f"{n / 1e3:.0f} KB"


def describe_visit(v: Visit) -> str:
    if v.error:
        return f"ERROR {v.error}"
    kinds = v.by_kind()
    compressed = sum(k["compressed"] for k in kinds.values())
    http = v.http_bytes()
    parts = [(f"proxy sent {kb(v.proxy_out)}; " if v.proxy_out is not None else "")
             + f"{kb(v.total())} http + ws (http {kb(http)}, {100 * compressed / max(http, 1):.0f} % of it compressed;"
             f" decoded {kb(sum(k['decoded'] for k in kinds.values()))})",
             " ".join(f"{k} {kb(kinds[k]['wire'])}" for k in ("js", "css", "fonts", "images", "doc", "other")
                      if k in kinds),
             f"ws {kb(v.ws_in)} in / {kb(v.ws_out)} out as the page reads them ({v.ws_frames} frames"
             + (", permessage-deflate" if "deflate" in v.ws_extensions else ", no deflate") + ")",
             (f"first chart {v.first_chart:.1f} s" if v.first_chart is not None else "no chart")
             + (f" (plotly bundle in at {v.plotly_js:.1f} s)" if v.plotly_js else "")]
    if v.overflow is not None:
        worst = v.overflow["worst"][0] if v.overflow["worst"] else None
        parts.append(f"overflow doc {v.overflow['doc']} px, main {v.overflow['main']} px"
                     + (f" (worst +{worst['over']} px: {worst['what']})" if worst and (v.overflow['doc'] or v.overflow['main']) else ""))
    if v.controls and v.controls["smallest"]:
        s = v.controls["smallest"][0]
        parts.append(f"smallest control {s['w']:g} x {s['h']:g}: {s['what']} ({v.controls['count']} controls)")
    return "; ".join(parts)


def verdicts(visits: list[Visit]) -> list[str]:
    out = []
    for v in visits:
        if v.error or v.first_chart is None:
            out.append(f"FAIL {v.kind} {v.page}: {v.error or 'no chart'}")
            continue
        limit_b, limit_t = (TARGETS["cold_bytes"], TARGETS["cold_chart"]) if v.kind == "cold" else \
            (TARGETS["warm_bytes"], TARGETS["warm_chart"])
        sent = v.wire()
        ok_b, ok_t = sent <= limit_b, v.first_chart <= limit_t
        overflow = max(v.overflow["doc"], v.overflow["main"] or 0) if v.overflow else None
        small = v.controls["smallest"][0] if v.controls and v.controls["smallest"] else None
        ok_c = small is None or min(small["w"], small["h"]) >= TARGETS["control"]
        out.append(f"{'PASS' if ok_b else 'FAIL'} bytes {kb(sent)} (<= {kb(limit_b)}), "
                   f"{'PASS' if ok_t else 'FAIL'} first chart {v.first_chart:.1f} s (<= {limit_t:g}), "
                   f"{'PASS' if overflow == 0 else 'FAIL'} overflow {overflow} px, "
                   f"{'PASS' if ok_c else 'FAIL'} smallest control "
                   + (f"{small['w']:g} x {small['h']:g}" if small else "-") + f"  [{v.kind} {v.page}]")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", default=",".join(PAGES), help=f"first = cold visit, then warm ({','.join(PAGES)})")
    parser.add_argument("--profiles", default="390,360", help="phone sizes: 390 (390 x 844), 360 (360 x 640)")
    parser.add_argument("--servers", default="serve", help="serve (scripts/serve.sh --replicas 1) and/or plain "
                        "(streamlit run app.py)")
    parser.add_argument("--source", default="worktree", help="worktree (default) or a git ref to serve")
    parser.add_argument("--target", help="measure this running server instead (http://127.0.0.1:PORT)")
    parser.add_argument("--encoding", choices=tuple(ENCODINGS), default="lan",
                        help="Accept-Encoding: lan (default) = 'gzip, deflate', what a phone sends to a classroom "
                             "server at http://192.168.x.y; browser = what Chromium sends to loopback (br too)")
    parser.add_argument("--no-playback", action="store_true", help="skip the frame-rate measurements")
    parser.add_argument("--no-navigation", action="store_true",
                        help="skip the visits through the app's menu (no page load)")
    parser.add_argument("--report", help="also write the printed report to this file")
    args = parser.parse_args()
    pages = args.pages.split(",")
    for key in pages:
        if key not in PAGES:
            parser.error(f"unknown page {key}: one of {', '.join(PAGES)}")
    profiles = args.profiles.split(",")
    Probe.accept_encoding = ENCODINGS[args.encoding]
    lines: list[str] = []

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    say(f"machine: {cpu_model()}, {os.cpu_count()} cores; load average {loadavg()}")
    say(f"phone: {', '.join(f'{p} = {PROFILES[p][0]} x {PROFILES[p][1]}' for p in profiles)}, touch, mobile, "
        f"device scale 3; network {NETWORK['downloadThroughput'] * 8 / 1e6:g} Mbit/s down, "
        f"{NETWORK['uploadThroughput'] * 8 / 1e3:g} kbit/s up, {NETWORK['latency']} ms; CPU x{CPU_RATE}; "
        f"Accept-Encoding: {Probe.accept_encoding or 'as Chromium sends it to loopback'} ({args.encoding})")
    servers = [("target", args.target)] if args.target else [(s, None) for s in args.servers.split(",")]
    results = {}
    with browser() as chromium:
        say(f"chromium {chromium.version}")
        for kind, url in servers:
            served = None
            try:
                if url is None:
                    served = Served(kind, args.source)
                    url = served.url
                say()
                say(f"=== {served.note if served else url} at {url}; load average {loadavg()}")
                visits = []
                for name in profiles:
                    visits += run_profile(chromium, url, name, pages, served.stats_socket if served else "",
                                          navigate_too=not args.no_navigation)
                for v in visits:
                    lines.append(f"  {v.kind:4} {v.page:13} {describe_visit(v)}")
                for line in verdicts(visits):
                    say("  " + line)
                plays = {}
                if not args.no_playback:
                    for label, query in (("default race", "?lang=en"), ("6 x 300", RACE_300)):
                        for cpu in (1, CPU_RATE):
                            r = playback(chromium, url, query, cpu)
                            plays[f"{label} cpu x{cpu}"] = r
                            if "error" in r:
                                say(f"  playback {label:12} CPU x{cpu}: ERROR {r['error']}")
                            else:
                                target = (f" ({'PASS' if r['fps'] >= TARGETS['fps'] else 'FAIL'} >= {TARGETS['fps']:g})"
                                          if label == "6 x 300" and cpu == CPU_RATE else "")
                                designed = pace(r["chart_frames"]) * max(r["chart_frames"] - 1, 1) / 1000
                                say(f"  playback {label:12} CPU x{cpu}: {r['frames']} frames in {r['ms'] / 1000:.1f} s = "
                                    f"{r['fps']:.1f} f/s{target} (the chart has {r['chart_frames']} frames, designed "
                                    f"to play in {designed:.1f} s; {r['player']})")
                results[kind] = {"url": url, "visits": [v.__dict__ | {"by_kind": v.by_kind(), "total": v.total(), "wire": v.wire()}
                                                        for v in visits], "playback": plays}
                say(f"  load average {loadavg()}")
            finally:
                if served is not None:
                    served.stop()
    out = out_dir() / f"phone-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(results, indent=1, default=str))
    say(f"details: {out}")
    if args.report:
        Path(args.report).write_text("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
