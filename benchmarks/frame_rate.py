"""Playback frame rate in headless Chromium: standalone HTML, and the real compare page served by Streamlit.

Standalone (the figure alone, written as offline HTML, played with the play buttons' own animate
arguments, counting ``plotly_animatingframe`` events), 6 x 300 on the anisotropic bowl:

  A. plotting.compare_figure as shipped: layout image + isolines, redraw:false,
     each speed button (0.5x, 1x, 2x) and flat out (0 ms);
  A+ the same with click targets on (1,681 invisible markers, as on the compare page);
  B. the baseline: the landscape as a contour trace (200 x 200), redraw:true;
  C. the same contour with redraw:false (plotly.js#4491: does it survive?).

In-page (``--page``, on by default): ``streamlit run app.py`` from a snapshot of ``--source`` (HEAD
by default: ``git archive``, so other people's unsaved edits stay out) on a free loopback port,
Chromium at 1440 x 1000 opens ``--page`` (the home page with 6 optimizers x 300 steps), waits for
the script to finish and the chart to be drawn, clicks the chart's own buttons (real clicks:
Streamlit's React wrapper sees what a user's click does) and counts the graph div's
``plotly_animatingframe`` events from ``plotly_buttonclicked`` to ``plotly_animated``.
``--variants`` plays temporary COPIES of the app with one thing changed (see VARIANTS; the work
tree is never touched), and the page's own figure standalone at the page's chart size ("S"), with and
without what Apache Arrow's JS does when Streamlit loads it for a dataframe ("S+": it sets
``Symbol.isConcatSpreadable`` on its classes' prototypes, which makes V8 give up its fast path for
every ``Array.prototype.concat`` of the page). Variants are played in interleaved rounds
(``--rounds``), each in a fresh browser context (a fresh renderer process, so a fresh V8 isolate).

With ``--trace`` (default) one more 1x playback per variant runs under Chrome's tracing and V8's
sampling profiler: main-thread time per frame (wall and CPU: the CPU figure is what other processes on
the machine cannot inflate) by kind (script, style, layout, paint+composite, gc), the plotly.js
stages (supplyDefaults, doCalcdata and its findArrayAttributes), the hottest JS functions, and a
screenshot of the chart half-way (benchmarks/out/frame_rate_inpage_<variant>_mid.png).

Frame rates are wall-clock: other processes on the machine slow them down, so the load average is
printed before and after each round; compare variants of the same run, never across runs.

    python benchmarks/frame_rate.py                       # standalone A/A+/B/C, then the real page
    python benchmarks/frame_rate.py --variants all --rounds 2 --no-classic
    python benchmarks/frame_rate.py --no-page             # standalone only (as before)
    python benchmarks/frame_rate.py --source /some/folder --page '/?lang=en&opts=Adam&steps=300'
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _browser import IDLE, MainThreadProfile, browser, new_page, open_app, open_figure  # noqa: E402
from _server import Server, commit, out_dir, snapshot  # noqa: E402

PAGE = "/?lang=en&opts=SGD&opts=Momentum&opts=AdaGrad&opts=Adam&opts=RMSprop&opts=NAdam&steps=300"
VIEWPORT = (1440, 1000)

# ----------------------------------------------------------------------------------------------
# Standalone playback (Plotly is a global in the offline HTML)
# ----------------------------------------------------------------------------------------------
PLAY = """async ([button, ms, phase]) => {
  // phase 'reset': only back to the first frame (playing every frame at 0 ms on the way, which the
  // main-thread trace must not see); 'play': only the counted playback; default: both.
  const gd = document.querySelector('.js-plotly-plot');
  const args = JSON.parse(JSON.stringify(gd.layout.updatemenus[0].buttons[button].args[1]));  // that button's
  if (ms !== null) args.frame.duration = ms;
  if (phase !== 'play') {
    await Plotly.animate(gd, null, {frame: {duration: 0, redraw: false}, mode: 'immediate',
                                    transition: {duration: 0}}).catch(() => {});
    await Plotly.animate(gd, [gd._transitionData._frames[0].name], {frame: {duration: 0, redraw: false},
                         mode: 'immediate', transition: {duration: 0}});
  }
  if (phase === 'reset') return null;
  let n = 0;
  const onFrame = () => { n += 1; };
  gd.on('plotly_animatingframe', onFrame);
  const t0 = performance.now();
  await Plotly.animate(gd, null, args);
  const t1 = performance.now();
  gd.removeListener('plotly_animatingframe', onFrame);
  return {frames: n, ms: t1 - t0, redraw: args.frame.redraw, duration: args.frame.duration};
}"""

DOM = """() => {
  const gd = document.querySelector('.js-plotly-plot');
  const first = gd.querySelector('.cartesianlayer .subplot.xy .scatterlayer .trace');  // trace 0: isolines
  const lines = first ? Array.from(first.querySelectorAll('path.js-line')) : [];  // one path per piece
  return {
    images: Array.from(gd.querySelectorAll('image')).filter(
      (im) => (im.getAttribute('href') || im.getAttribute('xlink:href') || '').startsWith('data:image/png')).length,
    isoline_pieces: lines.length,
    isoline_chars: lines.reduce((n, p) => n + (p.getAttribute('d') || '').length, 0),
    contour_paths: gd.querySelectorAll('.contourlayer path').length,
    slider_step: gd._fullLayout.sliders[0].active,
  };
}"""

SCRUB = """async () => {
  // Slider back to its middle step (as a click on the rail does), then compare what is drawn
  // with that frame's data: each path must be cut back to the frame's length.
  const gd = document.querySelector('.js-plotly-plot');
  const steps = gd.layout.sliders[0].steps;
  const step = steps[Math.floor(steps.length / 2)];
  await Plotly.animate(gd, step.args[0], step.args[1]);
  const frame = gd._transitionData._frames.find((f) => f.name === step.args[0][0]);
  const decode = (v) => (v && v.bdata !== undefined)  // a base64 typed array, as sent
    ? Array.from(new Float32Array(Uint8Array.from(atob(v.bdata), (c) => c.charCodeAt(0)).buffer)) : v;
  let same = 0, checked = 0;
  frame.traces.forEach((i, k) => {
    const want = decode(frame.data[k].x);
    if (!want || !want.length) return;
    checked += 1;
    const have = Array.from(gd._fullData[i].x || []);
    if (have.length === want.length && have.every((v, j) => v === want[j])) same += 1;
  });
  return {name: frame.name, checked: checked, same: same};
}"""

# What Apache Arrow's JS does when it loads (arrow/recordbatch.mjs, table.mjs, vector.mjs):
# ``X.prototype[Symbol.isConcatSpreadable] = true``. One such property anywhere invalidates V8's
# "is concat spreadable" protector for the isolate: every Array.prototype.concat then takes the slow,
# generic path. Injected before any script of the standalone page ("S+").
ARROW_CONCAT_SPREADABLE = "{ class ArrowLike {}; ArrowLike.prototype[Symbol.isConcatSpreadable] = true; }"

# ----------------------------------------------------------------------------------------------
# In-page playback: real clicks on the chart's buttons, plotly's events on the graph div
# ----------------------------------------------------------------------------------------------
ARM = """(index) => {
  const gd = document.querySelectorAll('.js-plotly-plot')[index];
  const s = {t0: null, t1: null, frames: [], replots: 0, outside: 0, shifts: 0, longtasks: 0, done: false,
             gd: gd};
  window.__fr = s;
  gd.on('plotly_buttonclicked', () => { if (s.t0 === null) s.t0 = performance.now(); });
  gd.on('plotly_animatingframe', () => { s.frames.push(performance.now()); });
  gd.on('plotly_animated', () => { s.t1 = performance.now(); s.done = true; });
  gd.on('plotly_afterplot', () => { s.replots += 1; });  // Plotly.react / newPlot: a React re-render reaching plotly
  s.mo = new MutationObserver((records) => {  // DOM work of the page outside the playing chart
    for (const r of records) if (!gd.contains(r.target)) s.outside += 1;
  });
  s.mo.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
  s.po = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) { if (e.entryType === 'layout-shift') s.shifts += 1; else s.longtasks += 1; }
  });
  try { s.po.observe({entryTypes: ['layout-shift', 'longtask']}); } catch (e) {}
}"""

RESULT = """() => {
  const s = window.__fr;
  s.mo.disconnect(); s.po.disconnect();
  const gd = s.gd;
  const f = s.frames;
  const gaps = f.slice(1).map((t, i) => t - f[i]).sort((a, b) => a - b);
  return {frames: f.length, ms: (s.t1 ?? performance.now()) - (s.t0 ?? f[0]),
          median_gap: gaps.length ? gaps[Math.floor(gaps.length / 2)] : null,
          replots: s.replots, outside: s.outside, shifts: s.shifts, longtasks: s.longtasks,
          same_div: document.querySelectorAll('.js-plotly-plot')[0] === gd,
          slider: gd._fullLayout.sliders && gd._fullLayout.sliders.length ? gd._fullLayout.sliders[0].active : null};
}"""

PROBE = """() => {
  const gd = document.querySelectorAll('.js-plotly-plot')[0];
  const menu = gd._fullLayout.updatemenus[0];
  // Array.prototype.concat speed: ~0.1-0.2 us on V8's fast path; several times that once
  // anything on the page has set Symbol.isConcatSpreadable (Apache Arrow does).
  const N = 100000; let a = ['a', 'b'], t0 = performance.now();
  for (let i = 0; i < N; i++) a = a.slice(0, i % 2).concat(['x']);
  const concat_us = (performance.now() - t0) / N * 1000;
  return {
    frames: (gd._transitionData && gd._transitionData._frames || []).length,
    traces: gd.data.length,
    width: gd._fullLayout.width, height: gd._fullLayout.height,
    charts: document.querySelectorAll('.js-plotly-plot').length,
    buttons: menu.buttons.map((b) => [b.label, b.args[1] && b.args[1].frame ? b.args[1].frame.duration : null]),
    arrow: performance.getEntriesByType('resource').some((e) => /recordbatch|apache-arrow/.test(e.name)),
    dataframes: document.querySelectorAll('[data-testid="stDataFrame"], [data-testid="stTable"]').length,
    concat_us: concat_us,
    exceptions: document.querySelectorAll('[data-testid="stException"]').length,
    elements: document.getElementsByTagName('*').length,
  };
}"""


# ----------------------------------------------------------------------------------------------
# Variants: temporary copies of the app, each with one change
# ----------------------------------------------------------------------------------------------
class Edit:
    """Replace ``pattern`` (a regex) in the first of ``files`` where it matches exactly once."""

    def __init__(self, files, pattern, replacement):
        self.files, self.pattern, self.replacement = files, pattern, replacement

    def apply(self, app: Path) -> str:
        for name in self.files:
            path = app / name if name != "<page>" else compare_page_file(app)
            if not path.exists():
                continue
            text = path.read_text(encoding="utf-8")
            found = re.findall(self.pattern, text)
            if len(found) == 1:
                path.write_text(re.sub(self.pattern, self.replacement, text), encoding="utf-8")
                return str(path.relative_to(app))
        raise LookupError(f"{self.pattern!r} not found exactly once in {self.files}")


def compare_page_file(app: Path) -> Path:
    """The compare page's script, as app.py declares it (lessons/compare.py)."""
    found = re.search(r'st\.Page\(\s*"([^"]*compare\.py)"', (app / "app.py").read_text(encoding="utf-8"))
    return app / (found.group(1) if found else "lessons/compare.py")


MINIMAL_APP = '''"""Only the compare page's map chart: the same figure, config, key and selection as the page."""
import json
from pathlib import Path

import streamlit as st

st.set_page_config(page_title="DescentLab", layout="wide")
spec = json.loads(Path(__file__).with_name("map_spec.json").read_text())
config = json.loads(Path(__file__).with_name("map_config.json").read_text())
try:
    from ui.charts import Prebuilt
    figure = Prebuilt(spec)
except ImportError:
    figure = spec
with st.sidebar:
    st.write("sidebar")
st.plotly_chart(figure, width=WIDTH, config=config, key="map", SELECT)
EXTRA
'''

def _minimal(select: bool, extra: str = "", width: str = '"stretch"'):
    def make(app: Path, spec: dict, config: dict) -> str:
        (app / "map_spec.json").write_text(json.dumps(spec))
        (app / "map_config.json").write_text(json.dumps(config))
        text = MINIMAL_APP.replace("SELECT", 'on_select=lambda: None, selection_mode="points"' if select
                                   else 'on_select="ignore"').replace("WIDTH", width).replace("EXTRA", extra)
        (app / "app.py").write_text(text, encoding="utf-8")
        return "app.py replaced"
    return make


SELECTION = r',\s*on_select=callbacks\.start_from_click,\s*selection_mode="points"'
VARIANTS = {  # name: (what changes, edits or a maker, extra query string)
    "page": ("the page as committed", [], ""),
    "no_select": ("map chart without on_select/selection_mode (no click-to-start)",
                  [Edit(["<page>"], SELECTION, "")], ""),
    "theme_none": ("map chart with theme=None",
                   [Edit(["<page>"], r"(on_select=callbacks\.start_from_click)", r"theme=None, \1")], ""),
    "fixed_width": ("map chart width=980 px (not stretch)",
                    [Edit(["ui/charts.py"], r'width="stretch"', 'width=980 if key == "map" else "stretch"')], ""),
    "no_panels": ("four-panel chart toggled off", [], "&panels=false"),
    "dataframe": ("the tables as st.dataframe again, as before ui/tables.py (Arrow's JS on the page)",
                  [Edit(["ui/tables.py"], r"\n    if height is None:\n",
                        "\n    st.dataframe(frame, hide_index=True)\n    return\n    if height is None:\n")], ""),
    "after_saddles": ("the page opened after the Saddles page in the same tab (a table there too)", [],
                      "NAV:saddles"),
    "minimal": ("an app with only st.plotly_chart(same figure, on_select, points) + a sidebar",
                _minimal(True), ""),
    "minimal_no_select": ("minimal, on_select='ignore'", _minimal(False), ""),
    "minimal_df": ("minimal + st.dataframe of 2 rows below the chart",
                   _minimal(True, 'import pandas as pd\nst.dataframe(pd.DataFrame({"a": [1, 2]}))'), ""),
}
DEFAULT_VARIANTS = ["S", "page"]
STANDALONE_PAGE = ["S", "S+"]  # the page's figure standalone, without / with Arrow's isConcatSpreadable


# ----------------------------------------------------------------------------------------------
# Standalone figures
# ----------------------------------------------------------------------------------------------
def contour_variant(spec: dict, surface, redraw: bool) -> dict:
    """The same figure with the landscape as a real contour trace (in place of the isolines)."""
    import numpy as np

    out = copy.deepcopy(spec)
    xs, ys, z = surface.grid(200)
    zz = np.log10(z - np.nanmin(z) + 1e-3) if surface.log_levels else z
    out["data"][0] = {"type": "contour", "x": np.asarray(xs).tolist(), "y": np.asarray(ys).tolist(),
                      "z": np.asarray(zz).tolist(), "colorscale": "Greys", "reversescale": True,
                      "showscale": False, "ncontours": 15, "line": {"width": 0.6}, "opacity": 0.8,
                      "xaxis": "x", "yaxis": "y", "hoverinfo": "skip"}
    out["layout"]["images"] = []
    for b in out["layout"]["updatemenus"][0]["buttons"]:
        b["args"][1]["frame"]["redraw"] = redraw
    for st in out["layout"]["sliders"][0]["steps"]:
        st["args"][1]["frame"]["redraw"] = redraw
    return out


def fixed_size_html(spec: dict, width: int, height: int) -> str:
    """Offline HTML of ``spec`` at a fixed size (the in-page chart's), with the app's chart config."""
    import plotly.io

    import plotting

    return plotly.io.to_html(spec, validate=False, include_plotlyjs=True, full_html=True, auto_play=False,
                             config=plotting.chart_config("descentlab-compare"), default_width=f"{width}px",
                             default_height=f"{height}px")


def play(page, button: int, ms, phase: str = "both") -> dict:
    r = page.evaluate(PLAY, [button, ms, phase])
    if r is None:  # reset only
        return {}
    r["fps"] = r["frames"] / (r["ms"] / 1000)
    return r


def row(label: str, name: str, duration, frames: int, ms: float) -> str:
    fps = frames / (ms / 1000) if ms else 0.0
    dur = f"{duration:>5.1f} ms" if duration is not None else "     ? ms"
    return (f"{label:34s} {name:>8} {dur} {frames:>6} {ms / 1000:>7.2f} {fps:>8.1f} "
            f"{ms / max(frames, 1):>8.1f}")


HEADER = f"{'variant':34s} {'button':>8} {'duration':>8} {'frames':>6} {'seconds':>7} {'frames/s':>8} {'ms/frame':>8}"


def load() -> str:
    return f"{os.getloadavg()[0]:.2f}"


def classic(args, out: Path, tmp: Path) -> None:
    """The standalone measurements A, A+, B, C (the six-optimizer figure of figure_payload.six)."""
    import plotting
    import surfaces
    from figure_payload import six

    surface = surfaces.get(args.surface)
    trajs, names = six(surface, args.steps)
    fig = plotting.compare_figure(surface, trajs, names)
    variants = {
        "A raster+isolines, redraw:false": fig,
        "A+ same, click targets (page)": plotting.compare_figure(surface, trajs, names, click_targets=True),
        "B go.Contour,      redraw:true ": contour_variant(fig, surface, True),
        "C go.Contour,      redraw:false": contour_variant(fig, surface, False),
    }
    buttons = [b["label"] for b in fig["layout"]["updatemenus"][0]["buttons"][:3]]
    print(f"{len(trajs)} optimizers x {args.steps} steps on {surface.name}: {len(fig['frames'])} frames, "
          f"{plotting.figure_bytes(fig):,} bytes of JSON; Chromium headless (--disable-gpu); "
          f"load average {load()} on {os.cpu_count()} CPUs")
    print(HEADER)
    with browser() as chromium:
        page = new_page(chromium, 1200, 600)
        for label, f in variants.items():
            html = tmp / "figure.html"
            html.write_text(plotting.offline_html(f), encoding="utf-8")
            open_figure(page, html)
            before = page.evaluate(DOM)
            runs = [(i, None, buttons[i]) for i in range(3)] if label.startswith("A") else [(1, None, buttons[1])]
            for button, pace, name in runs + [(1, 0, "flat out")]:
                r = play(page, button, pace)
                print(row(label, name, r["duration"], r["frames"], r["ms"]), flush=True)
            after = page.evaluate(DOM)
            shot = out / f"frame_rate_{label.split()[0].replace('+', 'plus')}.png"
            page.screenshot(path=str(shot), full_page=True)
            if label.startswith("A"):
                print(f"   after playback: landscape image {before['images']} -> {after['images']}, "
                      f"isolines {before['isoline_pieces']} -> {after['isoline_pieces']} paths, "
                      f"{before['isoline_chars']:,} -> {after['isoline_chars']:,} chars "
                      f"({'still drawn' if after['images'] and after['isoline_chars'] else 'LOST'}); "
                      f"slider at step index {after['slider_step']}")
                scrub = page.evaluate(SCRUB)
                mid = page.evaluate(DOM)
                print(f"   slider back to step {scrub['name']}: {scrub['same']}/{scrub['checked']} animated traces "
                      f"cut back to that frame; landscape {'still drawn' if mid['images'] and mid['isoline_chars'] == before['isoline_chars'] else 'LOST'}")
                if label.startswith("A "):
                    page.screenshot(path=str(out / "compare_mid_en.png"), full_page=True)
            else:
                kept = after["contour_paths"] > 0
                print(f"   after playback: contour paths {before['contour_paths']} -> {after['contour_paths']} "
                      f"({'still drawn' if kept else 'LOST: the contour vanished'})")
            print(f"   screenshot: {out.name}/{shot.name}")
        # Korean, mid-way
        ko = plotting.compare_figure(surface, trajs, names, lang="ko", log_loss=True, click_targets=True)
        html = tmp / "ko.html"
        html.write_text(plotting.offline_html(ko), encoding="utf-8")
        open_figure(page, html)
        page.evaluate(SCRUB)
        page.screenshot(path=str(out / "compare_mid_ko.png"), full_page=True)
        print(f"   screenshots: {out.name}/compare_mid_en.png, {out.name}/compare_mid_ko.png (log loss, Korean)")
    print(f"load average after: {load()}")


# ----------------------------------------------------------------------------------------------
# The page's own figure (what the server sends for --page), via Streamlit's AppTest
# ----------------------------------------------------------------------------------------------
def page_figure(app: Path, query: str) -> tuple[dict, dict]:
    """The map chart's spec and config as the app sends them for ``query`` (first plotly chart)."""
    from urllib.parse import parse_qs, urlsplit

    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(app / "app.py"), default_timeout=180)
    for key, values in parse_qs(urlsplit(query).query).items():
        at.query_params[key] = values if len(values) > 1 else values[0]
    at.run()
    if at.exception:
        raise RuntimeError(f"the app raised: {at.exception}")
    chart = at.get("plotly_chart")[0].proto
    return json.loads(chart.spec), json.loads(chart.config or "{}")


# ----------------------------------------------------------------------------------------------
# One measurement: a fresh page, two real-click playbacks (+ a traced one)
# ----------------------------------------------------------------------------------------------
def click_play(page, button: int, timeout_ms: int = 300_000, mid_shot: Path | None = None) -> dict:
    page.evaluate(ARM, 0)
    page.locator(".js-plotly-plot").first.locator(".updatemenu-button").nth(button).click()
    if mid_shot is not None:
        total = page.evaluate("() => window.__fr.gd._transitionData._frames.length")
        page.wait_for_function(f"() => window.__fr.frames.length >= {total // 2} || window.__fr.done",
                               timeout=timeout_ms, polling=50)
        page.locator("[data-testid='stPlotlyChart'], .js-plotly-plot").first.screenshot(path=str(mid_shot))
    page.wait_for_function("() => window.__fr.done", timeout=timeout_ms, polling=200)
    page.wait_for_timeout(300)
    return page.evaluate(RESULT)


def standalone_page(chromium, html: Path, poison: bool, trace: bool) -> dict:
    """The page's figure as offline HTML; ``poison``: with Arrow's isConcatSpreadable first."""
    page = new_page(chromium, *VIEWPORT)
    try:
        if poison:
            page.add_init_script(ARROW_CONCAT_SPREADABLE)
        open_figure(page, html)
        probe = page.evaluate(PROBE)
        runs = []
        for button in (1, 2):
            runs.append((button, play(page, button, None)))
        traced = None
        if trace:
            play(page, 1, None, "reset")
            prof = MainThreadProfile(page)
            prof.start()
            r = play(page, 1, None, "play")
            traced = (r, *prof.stop())
        return {"probe": probe, "runs": runs, "traced": traced}
    finally:
        page.context.close()


def in_page(chromium, server: Server, query: str, nav: str | None, trace: bool, shot: Path | None) -> dict:
    page = new_page(chromium, *VIEWPORT)
    try:
        if nav:  # another page of the app first (with its tables), then this one as a history navigation
            open_app(page, f"{server.url}/{nav}?lang=en")  # (no reload: the same JS realm, as a user's Back)
            page.wait_for_selector("[data-testid='stDataFrame'], [data-testid='stMarkdownContainer'] table",
                                   timeout=120_000)
            page.wait_for_timeout(1000)
            page.evaluate("(q) => { history.pushState({}, '', q); window.dispatchEvent(new PopStateEvent('popstate', {state: {}})); }",
                          query)
            page.wait_for_timeout(1000)
            page.wait_for_selector(IDLE, timeout=120_000)
            page.wait_for_function("() => { const gd = document.querySelector('.js-plotly-plot');"
                                   " return gd && gd._fullLayout && gd._transitionData && gd._transitionData._frames.length > 1; }",
                                   timeout=120_000)
            page.wait_for_selector(IDLE, timeout=120_000)
            page.wait_for_timeout(1000)
        else:
            open_app(page, server.url + query)
        probe = page.evaluate(PROBE)
        runs = [(b, click_play(page, b)) for b in (1, 2)]
        traced = None
        if trace:
            prof = MainThreadProfile(page)
            prof.start()
            r = click_play(page, 1, mid_shot=shot)
            traced = (r, *prof.stop())
        if shot is not None:
            page.screenshot(path=str(shot.with_name(shot.stem.replace("_mid", "_after") + ".png")))
        return {"probe": probe, "runs": runs, "traced": traced}
    finally:
        page.context.close()


def describe_trace(result: dict) -> list[str]:
    r, trace, prof = result["traced"]
    n = max(r["frames"], 1)
    lines = []
    if trace:
        kinds = ", ".join(f"{k} {v / n:.1f}" for k, v in trace["kinds"].items() if v / n >= 0.05)
        lines.append(f"   main thread (traced 1x run, {r['frames']} frames at {r['frames'] / (r['ms'] / 1000):.1f} f/s):"
                     f" {trace['wall_ms'] / n:.1f} ms/frame busy, {trace['cpu_ms'] / n:.1f} ms/frame CPU; by kind"
                     f" (ms/frame): {kinds}")
    if prof:
        st = prof["stages"]
        lines.append(f"   plotly.js per frame (sampled): supplyDefaults {st['supplyDefaults'] / n:.1f} ms, doCalcdata "
                     f"{st['doCalcdata'] / n:.1f} ms (findArrayAttributes {st['findArrayAttributes'] / n:.1f}), "
                     f"plot {st['plot'] / n:.1f}; hottest: "
                     + "; ".join(f"{name.split(' ')[0]} {v / n:.1f}" for name, v in prof["own"][:4]))
    return lines


def describe_probe(p: dict, injected: bool = False) -> str:
    arrow = "no, but its Symbol.isConcatSpreadable injected" if injected else ("yes" if p["arrow"] else "no")
    return (f"   chart {p['width']}x{p['height']}, {p['traces']} traces, {p['frames']} frames, {p['charts']} plotly "
            f"chart(s), {p['elements']:,} DOM elements; Arrow loaded: {arrow} "
            f"({p['dataframes']} dataframe/table); Array.prototype.concat {p['concat_us']:.2f} us"
            + (f"; {p['exceptions']} EXCEPTION(S) on the page" if p["exceptions"] else ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--surface", default="anisotropic")
    ap.add_argument("--steps", type=int, default=300)
    ap.add_argument("--source", default="HEAD",
                    help="git ref (unpacked with git archive), a folder (copied) or worktree")
    ap.add_argument("--page", default=PAGE, help=f"path and query of the in-page run (default {PAGE})")
    ap.add_argument("--no-page", action="store_true", help="standalone only")
    ap.add_argument("--no-classic", action="store_true", help="skip the standalone A/A+/B/C figures")
    ap.add_argument("--variants", default=",".join(DEFAULT_VARIANTS),
                    help="comma-separated, or 'all': " + ", ".join(["S", "S+", *VARIANTS]))
    ap.add_argument("--rounds", type=int, default=1, help="interleaved rounds over the variants")
    ap.add_argument("--no-trace", action="store_true", help="no traced playback (main-thread breakdown)")
    args = ap.parse_args()
    names = [*STANDALONE_PAGE, *VARIANTS] if args.variants == "all" else [v.strip() for v in args.variants.split(",")]
    unknown = [v for v in names if v not in VARIANTS and v not in STANDALONE_PAGE]
    if unknown:
        ap.error(f"unknown variants {unknown}")
    out = out_dir()
    # a copy even of the work tree: the variants copy the snapshot again, without .venv and .git
    source, snapshot_folder = snapshot(str(HERE.parent) if args.source == "worktree" else args.source)
    with snapshot_folder, tempfile.TemporaryDirectory(prefix="descentlab-frame-rate-") as tmp_name:
        tmp = Path(tmp_name)
        sys.path.insert(0, str(source))  # product modules (plotting, surfaces...) from the snapshot
        import optimizers  # noqa: F401  (before figure_payload, which puts the work tree on the path)
        import plotting  # noqa: F401
        import surfaces  # noqa: F401
        import figure_payload  # noqa: F401
        sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE.parent]
        print(f"source: {args.source} ({commit(args.source)}), served and imported from a snapshot; "
              f"Chromium headless (--disable-gpu), {os.cpu_count()} CPUs")
        if not args.no_classic:
            classic(args, out, tmp)
        if args.no_page:
            return
        run_page(args, names, source, tmp, out)


def run_page(args, names: list[str], source: Path, tmp: Path, out: Path) -> None:
    print()
    print(f"In-page: {args.page} at {VIEWPORT[0]}x{VIEWPORT[1]}; load average {load()}")
    spec, config = page_figure(source, args.page)
    height = spec["layout"].get("height") or 500
    servers: dict[str, Server] = {}
    apps: dict[str, Path] = {}
    notes: dict[str, str] = {}
    try:
        for name in names:
            if name in STANDALONE_PAGE:
                continue
            what, change, _ = VARIANTS[name]
            base = change if isinstance(change, str) else name  # a variant of another variant's app
            if base not in apps:
                app = tmp / f"app-{base}"
                shutil.copytree(source, app)
                base_change = VARIANTS[base][1]
                try:
                    done = (base_change(app, spec, config) if callable(base_change)
                            else ", ".join(e.apply(app) for e in base_change))
                except LookupError as error:
                    print(f"   {name}: cannot build this variant from {args.source} ({error}); skipped")
                    continue
                apps[base], notes[base] = app, done or "unchanged"
                servers[base] = Server(None, app, name=f"frame-rate-{base}")
            servers[name] = servers[base]
            notes[name] = f"{what} [{notes[base]}]"
        for server in set(servers.values()):
            server.wait_healthy()
        results: dict[str, list[dict]] = {n: [] for n in names}
        width = None
        with browser() as chromium:
            for rnd in range(args.rounds):
                print(f"round {rnd + 1}/{args.rounds}: load average {load()}")
                print(HEADER)
                for name in names:
                    if name not in STANDALONE_PAGE and name not in servers:
                        continue
                    trace = not args.no_trace and rnd == args.rounds - 1
                    if name in STANDALONE_PAGE:
                        if width is None:  # the in-page chart's size, from the first in-page result (or a guess)
                            width = next((r["probe"]["width"] for n in names if n not in STANDALONE_PAGE
                                          for r in results[n]), 980)
                        html = tmp / f"page-figure-{width}.html"
                        if not html.exists():
                            html.write_text(fixed_size_html(spec, width, height), encoding="utf-8")
                        res = standalone_page(chromium, html, name == "S+", trace)
                        label = f"{name} page's figure, standalone" + (" + Arrow" if name == "S+" else "")
                    else:
                        nav = VARIANTS[name][2][4:] if VARIANTS[name][2].startswith("NAV:") else None
                        query = args.page + ("" if nav else VARIANTS[name][2])
                        shot = out / f"frame_rate_inpage_{name}_mid.png" if trace else None
                        res = in_page(chromium, servers[name], query, nav, trace, shot)
                        label = f"{name} (in page)"
                    results[name].append(res)
                    buttons = res["probe"]["buttons"]
                    for button, r in res["runs"]:
                        print(row(label, buttons[button][0], buttons[button][1], r["frames"], r["ms"]), flush=True)
                    if rnd == 0:
                        if name in notes:
                            print(f"   {notes[name]}")
                        print(describe_probe(res["probe"], name == "S+"))
                    if "replots" in res["runs"][0][1]:
                        r = res["runs"][0][1]
                        print(f"   during 1x: {r['replots']} re-plots (plotly_afterplot), {r['outside']} DOM mutations "
                              f"outside the chart, {r['shifts']} layout shifts, {r['longtasks']} long tasks; "
                              f"median frame gap {r['median_gap']:.1f} ms; same graph div after: {r['same_div']}, "
                              f"slider at {r['slider']}")
                    if res["traced"]:
                        for line in describe_trace(res):
                            print(line)
                        if name not in STANDALONE_PAGE:
                            print(f"   screenshots: {out.name}/frame_rate_inpage_{name}_mid.png (chart half-way), "
                                  f"{out.name}/frame_rate_inpage_{name}_after.png")
                    sys.stdout.flush()
                print(f"load average after round {rnd + 1}: {load()}")
        summary(names, results)
    finally:
        for server in set(servers.values()):
            server.stop()


def summary(names: list[str], results: dict[str, list[dict]]) -> None:
    print()
    print("Summary (frames/s: median over rounds; main-thread ms/frame: the traced 1x run of the last round):")
    print(f"{'variant':24s} {'1x f/s':>7} {'2x f/s':>7} {'busy ms/f':>9} {'CPU ms/f':>8}  what")
    for name in names:
        rs = results[name]
        if not rs:
            continue
        fps = [statistics.median(r["runs"][k][1]["frames"] / (r["runs"][k][1]["ms"] / 1000) for r in rs) for k in (0, 1)]
        traced = next((r["traced"] for r in rs if r["traced"]), None)
        busy = cpu = float("nan")
        if traced and traced[1]:
            n = max(traced[0]["frames"], 1)
            busy, cpu = traced[1]["wall_ms"] / n, traced[1]["cpu_ms"] / n
        what = VARIANTS[name][0] if name in VARIANTS else (
            "the page's figure as offline HTML at the page's chart size" + (
                ", after Arrow's Symbol.isConcatSpreadable" if name == "S+" else ""))
        print(f"{name:24s} {fps[0]:>7.1f} {fps[1]:>7.1f} {busy:>9.1f} {cpu:>8.1f}  {what}")


if __name__ == "__main__":
    main()
