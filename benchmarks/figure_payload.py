"""Payload of the animated comparison figure: bytes of JSON against the number of steps.

Six optimizers on the anisotropic bowl, 100 / 300 / 1,000 / 3,000 steps, the figure
from plotting.compare_figure (default byte_budget 900 kB), its build time (once per scene:
best wall time and CPU time of --repeat builds, click targets on as on the compare page;
CPU time is what the build costs when other processes share the two cores), what a rerun
costs to serialize it as st.plotly_chart does (the shared dict through ``ui.charts.Prebuilt``
against the same figure as a validated go.Figure, whose ``to_dict`` deep-copies it on every
rerun), against a naive baseline
measured in the same run: one frame per step, each frame holding the whole path so
far of every optimizer and its whole loss curve (numpy float64, as plotly sends it
by default), the same static landscape. The naive JSON is built and measured
through plotly up to --naive-max steps; above that its size is counted exactly from
the base64 lengths (the estimate is checked against the real JSON where both exist).

    python benchmarks/figure_payload.py [--surface anisotropic] [--naive-max 300] [--repeat 5]
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

import numpy as np
import plotly
import plotly.graph_objects as go

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import optimizers  # noqa: E402
import plotting  # noqa: E402
import surfaces  # noqa: E402

WANTED = [("sgd", 0.05), ("momentum", 0.01), ("adagrad", 0.5), ("rmsprop", 0.01), ("adam", 0.05), ("nadam", 0.05)]


def six(surface, steps):
    have = optimizers.names()
    runs, names = [], []
    for name, lr in WANTED:
        name = name if name in have else "sgd"
        runs.append(optimizers.run(optimizers.get(name, lr=lr), surface, surface.starts[:1], steps))
        names.append(name)
    return runs, names


def rerun_seconds(spec: dict, repeat: int) -> tuple[float, float]:
    """CPU seconds of what st.plotly_chart does with the figure on a rerun (``plotly.io.to_json`` of
    what the figure's ``to_dict`` gives): shared dict (``Prebuilt``) vs validated go.Figure."""
    import plotly.io

    from ui.charts import Prebuilt

    validated = plotting.validated(spec)
    best = []
    for fig in (Prebuilt(spec), validated):
        times = []
        for _ in range(repeat):
            c0 = time.process_time()
            plotly.io.to_json(fig.to_dict(), validate=False)
            times.append(time.process_time() - c0)
        best.append(min(times))
    return best[0], best[1]


def naive_figure(fig: go.Figure, trajs, n_static: int) -> go.Figure:
    """Same static part, then one frame per recorded step with full float64 prefixes."""
    out = go.Figure(fig)
    out.frames = []
    steps = trajs[0].steps
    frames = []
    for row in range(len(steps)):
        data = []
        for tr in trajs:
            p, loss = tr.points[: row + 1, 0], tr.loss[: row + 1, 0]
            data += [go.Scatter(x=p[:, 0], y=p[:, 1]), go.Scatter(x=p[-1:, 0], y=p[-1:, 1]),
                     go.Scatter(x=steps[: row + 1].astype(np.float64), y=loss),
                     go.Scatter(x=steps[row:row + 1].astype(np.float64), y=loss[-1:])]
        frames.append(go.Frame(name=str(int(steps[row])), data=data, traces=list(range(n_static, n_static + len(data)))))
    out.frames = frames
    return out


def naive_bytes_counted(static_bytes: int, n_series: int, n_rows: int) -> int:
    """Size of the naive JSON without building it: base64 of float64 is 4*ceil(8n/3)
    characters, and plotly escapes "/" (one base64 character in 64) as \\u002f."""
    b64 = lambda n: 4 * math.ceil(8 * n / 3) * (1 + 5 / 64)  # noqa: E731
    per_array = len('"x":{"dtype":"f8","bdata":""},')
    total = static_bytes + len(',"frames":[]')
    for row in range(n_rows):
        m = row + 1
        arrays = 4 * (b64(m) + per_array) + 4 * (b64(1) + per_array)  # path, loss (m points); heads (1)
        total += n_series * (arrays + 4 * len('{"type":"scatter"},'))
        total += len(f'{{"data":[],"name":"{row}","traces":[]}},') + len(",".join(str(i) for i in range(4 * n_series)))
    return int(total)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--surface", default="anisotropic")
    ap.add_argument("--naive-max", type=int, default=300, help="build the naive JSON up to this many steps")
    ap.add_argument("--repeat", type=int, default=5, help="builds timed per size (best kept)")
    args = ap.parse_args()
    surface = surfaces.get(args.surface)
    print(f"surface: {surface.name}; budget: 900,000 bytes (compare_figure default); plotly {plotly.__version__}; "
          f"build: best of {args.repeat} (wall s, CPU s), to_json not included")
    print(f"{'steps':>6} {'optimizers':>10} {'bytes':>11} {'bytes/step':>10} {'frames':>6} {'every':>5}"
          f" {'build s':>7} {'cpu s':>6} {'rerun ms':>8} {'go.Fig ms':>9} | {'naive bytes':>13} {'naive frames':>12}"
          f" {'naive/ours':>10}")
    results = []
    plotting.compare_figure(surface, *six(surface, 20), click_targets=True)  # imports, landscape cache
    for steps in (100, 300, 1000, 3000):
        trajs, names = six(surface, steps)
        walls, cpus = [], []
        for _ in range(max(1, args.repeat)):
            t0, c0 = time.perf_counter(), time.process_time()
            fig = plotting.compare_figure(surface, trajs, names, click_targets=True)
            walls.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
        build, cpu = min(walls), min(cpus)
        rerun, rerun_validated = rerun_seconds(fig, args.repeat)
        fig = plotting.compare_figure(surface, trajs, names)
        ours = plotting.figure_bytes(fig)
        rows = np.searchsorted(trajs[0].steps, [int(f["name"]) for f in fig["frames"]])
        every = int(np.diff(rows).max()) if len(rows) > 1 else 1
        static = plotting.validated({**fig, "frames": [], "layout": {**fig["layout"], "sliders": []}})
        n_static = min(min(f["traces"]) for f in fig["frames"])
        static_bytes = plotting.figure_bytes(static.to_dict())
        counted = naive_bytes_counted(static_bytes, len(trajs), len(trajs[0].steps))
        if steps <= args.naive_max:
            naive = plotting.figure_bytes(naive_figure(static, trajs, n_static).to_dict())
            how = f"(measured; estimate {counted:,} is {abs(counted - naive) / naive:.1%} off)"
        else:
            naive, how = counted, "(estimated, a lower bound)"
        results.append((steps, ours))
        print(f"{steps:>6} {len(trajs):>10} {ours:>11,} {ours / steps:>10,.0f} {len(fig['frames']):>6} {every:>5}"
              f" {build:>7.3f} {cpu:>6.3f} {rerun * 1e3:>8.1f} {rerun_validated * 1e3:>9.1f}"
              f" | {naive:>13,} {len(trajs[0].steps):>12} {naive / ours:>9.0f}x {how}")
    b300 = dict(results)[300]
    print(f"\n6 x 300 steps: {b300:,} bytes -> {'within' if b300 <= 1_000_000 else 'OVER'} the 1 MB budget")
    b3000 = dict(results)[3000]
    print(f"6 x 3000 / 6 x 300 = {b3000 / b300:.2f} (<= 10 + const: linear at most; the byte budget holds it flat)")


if __name__ == "__main__":
    main()
