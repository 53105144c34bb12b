"""The play controls of an animated chart, as real buttons under it (``st.components.v2``: the browser plays
the chart; no server rerun per frame).

plotly.js draws its own play buttons inside the chart, where they take no keyboard focus (plotly.js#562),
are too small for a finger and crowd a phone's width. In the app they are hidden (``ui.layout``'s style;
the offline HTML export keeps them) and this row does their work, for the mouse, the keyboard, touch and
a screen reader alike: Play (at the chosen speed) and Pause do what the chart's own buttons do
(plotly.js's ``Plotly.animate`` with their arguments, read from the figure), so playback is exactly the
figure's; Start, Back, Forward and End move along the chart's step slider (``Plotly.animate`` on a slider
step's frame, the slider's own way); the step shown is read out when the chart stops. On a phone the chart
is static (a swipe over it scrolls the page) and plays all the same.

A run keeps its pace on a slow device: plotly.js redoes the defaults and the calculation of every trace of
the figure for each frame it shows (about 7 ms a trace on a phone's CPU, whatever the frame changes), so a
phone can take three to five times a frame's time. Play watches the frames as they come (plotly.js's
``plotly_animatingframe``); once they fall behind the figure's pace it goes on over every k-th step of the
chart's slider (``Plotly.animate`` with that list of frames, each shown k times as long), so the run still
lasts what it should (about 5 s at 1x) with fewer frames. The chart remembers what a frame cost it: the
next Play starts at that stride. A fast screen never skips a frame.

With ``prefers-reduced-motion`` Play shows the last step at once, unless "Animate" is ticked: nothing
moves unless the reader asks for it, and nothing ever plays by itself.
"""

from __future__ import annotations

import streamlit as st

from plotting.animation import SPEEDS

from . import i18n

_HTML = """
<div class="player" role="group">
  <button type="button" data-act="play"></button>
  <button type="button" data-act="pause"></button>
  <label class="speed"><span></span><select></select></label>
  <button type="button" data-act="first"></button>
  <button type="button" data-act="back"></button>
  <button type="button" data-act="forward"></button>
  <button type="button" data-act="last"></button>
  <label class="motion" hidden><input type="checkbox"><span></span></label>
  <span class="status" aria-live="polite"></span>
</div>
"""

_CSS = """
[hidden] { display: none !important; }
.player { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin: 2px 0 6px; font-family: inherit; }
button, select { min-width: 44px; min-height: 44px; padding: 0 12px; font: inherit; font-size: 1rem;
  display: inline-flex; align-items: center; justify-content: center; gap: 6px;
  color: #1a1a1a; background: #fff; border: 1px solid #6b6b6b; border-radius: 8px; cursor: pointer; }
button[data-act="play"] { background: #0072B2; color: #fff; border-color: #0072B2; font-weight: 600; }
button:hover, select:hover { border-color: #0072B2; }
button:focus-visible, select:focus-visible, input:focus-visible { outline: 3px solid #D55E00; outline-offset: 2px; }
button:disabled { opacity: 0.45; cursor: default; }
label { display: inline-flex; align-items: center; gap: 6px; font-size: 1rem; color: #1a1a1a; }
input { width: 22px; height: 22px; }
.status { margin-left: 6px; font-size: 1rem; color: #333; }
"""

_JS = """
// Inline icons (no icon font reaches a component's shadow root): 24 x 24 paths, drawn in the text's colour.
const PATHS = {
  play: "M7 4 L20 12 L7 20 Z",
  pause: "M6 4 H10 V20 H6 Z M14 4 H18 V20 H14 Z",
  first: "M5 4 H8 V20 H5 Z M19 4 L9 12 L19 20 Z",
  back: "M17 4 L7 12 L17 20 Z",
  forward: "M7 4 L17 12 L7 20 Z",
  last: "M16 4 H19 V20 H16 Z M5 4 L15 12 L5 20 Z",
};
const icon = (name) => '<svg aria-hidden="true" focusable="false" width="18" height="18" viewBox="0 0 24 24">' +
  '<path fill="currentColor" d="' + PATHS[name] + '"/></svg>';

export default function ({ data: sent, parentElement }) {
  const data = sent[0];
  const root = parentElement;
  const t = data.labels;
  const chart = () => document.querySelector(".st-key-" + CSS.escape(data.chart) + " .js-plotly-plot");
  const reduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  const motion = root.querySelector(".motion");
  motion.hidden = !reduced;
  motion.querySelector("span").textContent = t.animate;
  root.querySelector(".player").setAttribute("aria-label", t.group);
  for (const button of root.querySelectorAll("button")) {
    const act = button.dataset.act;
    button.innerHTML = icon(act) + (["play", "pause"].includes(act) ? "<span></span>" : "");
    if (button.querySelector("span")) button.querySelector("span").textContent = t[act];
    button.setAttribute("aria-label", t[act]);
    button.title = t[act];
  }
  const speed = root.querySelector("select");
  root.querySelector(".speed span").textContent = t.speed;
  if (!speed.options.length) {
    data.speeds.forEach((s, i) => speed.add(new Option(s + "\\u00D7", String(i), false, i === data.play_index)));
  }

  const steps = (gd) => (gd.layout.sliders && gd.layout.sliders[0] && gd.layout.sliders[0].steps) || [];
  const active = (gd) => (gd.layout.sliders && gd.layout.sliders[0] && gd.layout.sliders[0].active) || 0;
  const press = (gd, i) => {  // what the chart's own button i does, exactly as the figure says
    const menus = gd.layout.updatemenus || [];
    const button = menus.length ? menus[0].buttons[i] : null;
    if (button && window.Plotly) {
      window.Plotly.animate(gd, button.args[0], button.args[1]);
    } else {  // no plotly.js to call: press the button itself
      const drawn = gd.querySelectorAll(".updatemenu-button");
      if (drawn[i]) drawn[i].dispatchEvent(new MouseEvent("click", { bubbles: true }));
    }
  };
  const TICK = 1000 / 60;  // plotly.js shows a frame on the first animation tick after its duration
  const paced = (gd, index) => {  // Play at speed ``index``; once the frames fall behind, every k-th step
    const menus = gd.layout.updatemenus || [];
    const button = menus.length ? menus[0].buttons[index] : null;
    const all = steps(gd);
    if (!button || !window.Plotly || all.length < 3 || !data.frames) { press(gd, index); return; }
    const run = (gd.__descentlabRun = (gd.__descentlabRun || 0) + 1);
    const args = button.args[1];
    // between two frames at this speed, as plotly.js plays them (the figure asks one tick less than its pace)
    const perFrame = args.frame.duration + TICK;
    const perStep = perFrame * Math.max(1, (data.frames - 1) / (all.length - 1));  // between two slider steps
    const names = all.map((s) => s.args[0][0]);
    const strideFor = (cost) => Math.max(1, Math.ceil((1.1 * cost) / perStep));
    let stride = 0;  // 0: every frame (the figure's own Play)
    let times = [];
    const watch = () => {  // after each frame: still on time?
      if (gd.__descentlabRun !== run) return;
      times.push(performance.now());
      if (times.length < 5) return;
      // the median of the last four intervals: one slow frame (a garbage collection) is no trend
      const gaps = times.slice(-5).map((t, i, a) => (i ? t - a[i - 1] : 0)).slice(1).sort((a, b) => a - b);
      const took = (gaps[1] + gaps[2]) / 2;
      const wanted = stride ? stride * perStep : perFrame;
      if (took > 1.25 * wanted + 4) {  // behind: what a frame costs here is about what it took
        gd.__descentlabCost = took;
        const next = Math.max(stride + 1, strideFor(took));
        if (active(gd) < all.length - 1) start(active(gd), next);
      }
    };
    const start = (from, k) => {
      stride = k;
      times = [];
      gd.__descentlabWatch = watch;
      if (!k) { press(gd, index); return; }
      const at = from >= all.length - 1 ? -k : from;  // at the end: from the start again
      const list = [];
      for (let i = at + k; i < all.length - 1; i += k) list.push(names[i]);
      list.push(names[all.length - 1]);
      window.Plotly.animate(gd, list, { ...args, fromcurrent: false,
        frame: { ...args.frame, duration: Math.max(0, k * perStep - TICK) } });
    };
    // what a frame cost last time, taken a little lower: a busy moment is not remembered for good
    const cost = 0.8 * (gd.__descentlabCost || 0);
    start(active(gd), cost > 1.25 * perFrame + 4 ? strideFor(cost) : 0);
  };
  const say = (gd) => {
    const all = steps(gd);
    if (all.length) root.querySelector(".status").textContent = t.status.replace("{k}", all[active(gd)].label)
      .replace("{n}", all[all.length - 1].label);
  };
  const go = (gd, index) => {
    const all = steps(gd);
    if (!all.length || !window.Plotly) return;
    const target = Math.max(0, Math.min(all.length - 1, index));
    window.Plotly.animate(gd, [all[target].args[0][0]], all[target].args[1]).then(() => say(gd));
  };
  const wire = (gd) => {  // plotly.js's public events: read the step out when the chart stops
    if (gd.on && !gd.__descentlabPlayer) {
      gd.__descentlabPlayer = true;
      gd.on("plotly_animatingframe", () => { if (gd.__descentlabWatch) gd.__descentlabWatch(); });
      gd.on("plotly_animated", () => say(gd));
      gd.on("plotly_sliderchange", () => say(gd));
    }
  };
  const act = (name) => {
    const gd = chart();
    if (!gd) return;
    wire(gd);
    if (name === "play") {
      if (reduced && !motion.querySelector("input").checked) { go(gd, steps(gd).length - 1); return; }
      paced(gd, Number(speed.value));
      return;
    }
    // any other control ends a paced run's watch first (it would otherwise start the run again)
    gd.__descentlabRun = (gd.__descentlabRun || 0) + 1;
    gd.__descentlabWatch = null;
    if (name === "pause") {
      press(gd, data.pause_index);
      setTimeout(() => say(gd), 50);
    } else if (name === "first") { go(gd, 0); }
    else if (name === "back") { go(gd, active(gd) - 1); }
    else if (name === "forward") { go(gd, active(gd) + 1); }
    else if (name === "last") { go(gd, steps(gd).length - 1); }
  };
  root.__act = act;
  if (!root.__wired) {
    root.__wired = true;
    root.addEventListener("click", (event) => {
      const button = event.target.closest("button");
      if (button) root.__act(button.dataset.act);
    });
  }
  const gd = chart();
  if (gd) wire(gd);
}
"""

_player = st.components.v2.component("descentlab.player", html=_HTML, css=_CSS, js=_JS)


def controls(chart_key: str, frames: int) -> None:
    """The play controls of the animated chart drawn with key ``chart_key`` (``frames``: how many it has),
    right under it."""
    t = i18n.t
    labels = {name: t(f"player.{name}") for name in
              ("play", "pause", "first", "back", "forward", "last", "speed", "animate", "group", "status")}
    # data as a one-item list: Streamlit checks each value of a dict for a data frame (~0.1 ms a value, on every run of
    # every student's page); a list goes to the browser as JSON as it is
    _player(data=[{"chart": chart_key, "labels": labels, "speeds": [f"{s:g}" for s in SPEEDS],
                   "play_index": SPEEDS.index(1.0), "pause_index": len(SPEEDS), "frames": frames}], key=f"{chart_key}_player")
