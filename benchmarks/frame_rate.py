"""Playback frame rate in headless Chromium: raster landscape + redraw:false vs a real contour.

The 6 x 300 comparison figure (anisotropic bowl) is written as offline HTML and
played in Debian's Chromium (Playwright, sync API) with the play buttons' own
animate arguments, counting ``plotly_animatingframe`` events. Measured in the
same run:

  A. plotting.compare_figure as shipped: layout image + isolines, redraw:false,
     each speed button (0.5x, 1x, 2x) and flat out (0 ms);
  A+ the same with click targets on (1,681 invisible markers, as on the compare page);
  B. the baseline: the landscape as a go.Contour trace (200 x 200), redraw:true;
  C. the same contour with redraw:false (plotly.js#4491: does it survive?).

Frame rates are wall-clock: other processes on the machine slow them down, so the
load average is printed before and after. Afterwards the script checks that the landscape is still in the DOM, scrubs
the slider back to the middle (the paths must be cut back there), and saves
screenshots in benchmarks/out/ (English after playback and mid-way, Korean mid-way).

    python benchmarks/frame_rate.py [--steps 300] [--surface anisotropic]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import numpy as np
import plotly.graph_objects as go

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import optimizers  # noqa: E402
import plotting  # noqa: E402
import surfaces  # noqa: E402
from _browser import browser_page, open_figure, out_dir  # noqa: E402
from figure_payload import six  # noqa: E402

PLAY = """async ([button, ms]) => {
  const gd = document.querySelector('.js-plotly-plot');
  const args = JSON.parse(JSON.stringify(gd.layout.updatemenus[0].buttons[button].args[1]));  // that button's
  if (ms !== null) args.frame.duration = ms;
  await Plotly.animate(gd, null, {frame: {duration: 0, redraw: false}, mode: 'immediate',
                                  transition: {duration: 0}}).catch(() => {});
  await Plotly.animate(gd, [gd._transitionData._frames[0].name], {frame: {duration: 0, redraw: false},
                       mode: 'immediate', transition: {duration: 0}});
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


def contour_variant(fig: go.Figure, surface, redraw: bool) -> go.Figure:
    """The same figure with the landscape as a real go.Contour trace (in place of the isolines)."""
    out = go.Figure(fig)
    xs, ys, z = surface.grid(200)
    zz = np.log10(z - np.nanmin(z) + 1e-3) if surface.log_levels else z
    out.data[0].visible = False  # keep trace indices: the contour replaces the isolines trace
    contour = go.Contour(x=xs, y=ys, z=zz, colorscale="Greys", reversescale=True, showscale=False,
                         ncontours=15, line=dict(width=0.6), opacity=0.8, xaxis="x", yaxis="y", hoverinfo="skip")
    out = go.Figure(data=[contour, *out.data[1:]], layout=out.layout, frames=out.frames)
    out.layout.images = []
    layout = out.layout.to_plotly_json()
    for b in layout["updatemenus"][0]["buttons"]:
        b["args"][1]["frame"]["redraw"] = redraw
    for st in layout["sliders"][0]["steps"]:
        st["args"][1]["frame"]["redraw"] = redraw
    out.update_layout(updatemenus=layout["updatemenus"], sliders=layout["sliders"])
    return out


def play(page, button: int, ms) -> dict:
    r = page.evaluate(PLAY, [button, ms])
    r["fps"] = r["frames"] / (r["ms"] / 1000)
    return r


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--surface", default="anisotropic")
    ap.add_argument("--steps", type=int, default=300)
    args = ap.parse_args()
    surface = surfaces.get(args.surface)
    trajs, names = six(surface, args.steps)
    fig = plotting.compare_figure(surface, trajs, names)
    variants = {
        "A raster+isolines, redraw:false": fig,
        "A+ same, click targets (page)": plotting.compare_figure(surface, trajs, names, click_targets=True),
        "B go.Contour,      redraw:true ": contour_variant(fig, surface, True),
        "C go.Contour,      redraw:false": contour_variant(fig, surface, False),
    }
    out = out_dir()
    buttons = [b["label"] for b in fig.layout.updatemenus[0].buttons[:3]]
    print(f"{len(trajs)} optimizers x {args.steps} steps on {surface.name}: {len(fig.frames)} frames, "
          f"{plotting.figure_bytes(fig):,} bytes of JSON; Chromium headless (--disable-gpu); "
          f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print(f"{'variant':34s} {'button':>8} {'duration':>8} {'frames':>6} {'seconds':>7} {'frames/s':>8} {'ms/frame':>8}")
    with tempfile.TemporaryDirectory() as tmp, browser_page(1200, 600) as page:
        for label, f in variants.items():
            html = Path(tmp) / "figure.html"
            html.write_text(plotting.offline_html(f), encoding="utf-8")
            open_figure(page, html)
            before = page.evaluate(DOM)
            runs = [(i, None, buttons[i]) for i in range(3)] if label.startswith("A") else [(1, None, buttons[1])]
            for button, pace, name in runs + [(1, 0, "flat out")]:
                r = play(page, button, pace)
                print(f"{label:34s} {name:>8} {r['duration']:>5.1f} ms {r['frames']:>6} {r['ms'] / 1000:>7.2f} "
                      f"{r['fps']:>8.1f} {r['ms'] / max(r['frames'], 1):>8.1f}")
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
            print(f"   screenshot: {shot.relative_to(Path.cwd()) if shot.is_relative_to(Path.cwd()) else shot}")
        # Korean, mid-way
        ko = plotting.compare_figure(surface, trajs, names, lang="ko", log_loss=True, click_targets=True)
        html = Path(tmp) / "ko.html"
        html.write_text(plotting.offline_html(ko), encoding="utf-8")
        open_figure(page, html)
        page.evaluate(SCRUB)
        page.screenshot(path=str(out / "compare_mid_ko.png"), full_page=True)
        print(f"   screenshots: {out.name}/compare_mid_en.png, {out.name}/compare_mid_ko.png (log loss, Korean)")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
