"""Playback frame rate in headless Chromium: raster landscape + redraw:false vs a real contour.

The 6 x 300 comparison figure (anisotropic bowl) is written as offline HTML and
played in Debian's Chromium (Playwright, sync API) with the Play button's own
animate arguments, counting ``plotly_animatingframe`` events. Measured in the
same run:

  A. plotting.compare_figure as shipped: layout image + isolines, redraw:false;
  B. the baseline: the landscape as a go.Contour trace (200 x 200), redraw:true;
  C. the same contour with redraw:false (plotly.js#4491: does it survive?).

Each is played at the Play button's pace (33 ms per frame) and flat out (0 ms).
Afterwards the script checks that the landscape is still in the DOM and saves a
screenshot of each figure after playback in benchmarks/out/.

    python benchmarks/frame_rate.py [--steps 300] [--surface anisotropic]
"""

from __future__ import annotations

import argparse
import copy
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

PLAY = """async (ms) => {
  const gd = document.querySelector('.js-plotly-plot');
  const args = JSON.parse(JSON.stringify(gd.layout.updatemenus[0].buttons[1].args[1]));  // the Play button's
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
        "B go.Contour,      redraw:true ": contour_variant(fig, surface, True),
        "C go.Contour,      redraw:false": contour_variant(fig, surface, False),
    }
    out = out_dir()
    print(f"{len(trajs)} optimizers x {args.steps} steps on {surface.name}: {len(fig.frames)} frames, "
          f"{plotting.figure_bytes(fig):,} bytes of JSON; Chromium headless (--disable-gpu)")
    print(f"{'variant':34s} {'pace':>9} {'frames':>6} {'seconds':>7} {'frames/s':>8} {'ms/frame':>8}")
    with tempfile.TemporaryDirectory() as tmp, browser_page(1200, 600) as page:
        for label, f in variants.items():
            html = Path(tmp) / "figure.html"
            html.write_text(plotting.offline_html(f), encoding="utf-8")
            open_figure(page, html)
            before = page.evaluate(DOM)
            for pace in (None, 0):
                r = page.evaluate(PLAY, pace)
                fps = r["frames"] / (r["ms"] / 1000)
                pace_label = f"{r['duration']:.0f} ms" if pace is None else "flat out"
                print(f"{label:34s} {pace_label:>9} {r['frames']:>6} {r['ms'] / 1000:>7.2f} {fps:>8.1f} "
                      f"{r['ms'] / max(r['frames'], 1):>8.1f}")
            after = page.evaluate(DOM)
            shot = out / f"frame_rate_{label[0]}.png"
            page.screenshot(path=str(shot), full_page=True)
            if label.startswith("A"):
                print(f"   after playback: landscape image {before['images']} -> {after['images']}, "
                      f"isolines {before['isoline_pieces']} -> {after['isoline_pieces']} paths, "
                      f"{before['isoline_chars']:,} -> {after['isoline_chars']:,} chars "
                      f"({'still drawn' if after['images'] and after['isoline_chars'] else 'LOST'}); "
                      f"slider at step index {after['slider_step']}")
            else:
                kept = after["contour_paths"] > 0
                print(f"   after playback: contour paths {before['contour_paths']} -> {after['contour_paths']} "
                      f"({'still drawn' if kept else 'LOST: the contour vanished'})")
            print(f"   screenshot: {shot.relative_to(Path.cwd()) if shot.is_relative_to(Path.cwd()) else shot}")


if __name__ == "__main__":
    main()
