"""Engine speed: one batched run against a per-start Python loop, and the hot loop against compiled code.

Adam (torch defaults but lr=1e-2) on Rosenbrock, 4,096 starts x 1,000 steps, float64, every step
recorded. The baseline runs the very same rules start by start (optimizers.run with one start) on a
subset, scaled to 4,096. Prints the figures recorded in BENCHMARKS.md.

The hot loop (issue 11) is then raced, in the same process and in interleaved rounds (best of each),
against two contenders doing the same work:

* numba: one @njit loop fusing the Rosenbrock gradient, Adam, the loss, the divergence check (a run
  whose loss or point stops being finite or leaves the bound is frozen) and the recording of every
  point and loss; steps outside, runs inside, so that consecutive iterations are independent and the
  CPU overlaps them. Its arithmetic is torch's, like ours, and its points are checked to equal ours
  bit for bit.
* torch: torch.optim.Adam(foreach=True) on one float64 tensor of shape (4096, 2), the gradient written
  into .grad (``--torch-autograd`` adds the variant that calls backward() on the summed loss), every
  point and loss copied into preallocated arrays; it has no divergence check. One intra-op thread by
  default, as NumPy's ufuncs and the numba loop (``--torch-threads``).

Written one run at a time instead (``--numba-runs-outer``), the fused loop is slower: every step waits
for the previous one's divisions and square roots.

Ratios printed: ours / numba (target <= 2) and torch / ours (target >= 1.5). numba and torch are
benchmark-only dependencies, never in requirements*.txt; a contender whose package is missing is
skipped with a note. Their environment (the CPU torch 2.13.0 wheel is on disk; any other version
downloads gigabytes):

    python3 -m venv /work/benchenv
    /work/benchenv/bin/pip install -r requirements.txt
    /work/benchenv/bin/pip install torch==2.13.0 numba
    /work/benchenv/bin/python benchmarks/engine_speed.py [--starts 4096] [--steps 1000] [--subset 64]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import optimizers  # noqa: E402
import surfaces  # noqa: E402
from benchmarks._server import cpu_model  # noqa: E402
from optimizers.base import power  # noqa: E402

LR, BETAS, EPS = 1e-2, (0.9, 0.999), 1e-8


def starts_in_window(surface, n, seed=0):
    rng = np.random.default_rng(seed)
    return np.column_stack([rng.uniform(lo, hi, n) for lo, hi in surface.window])


# -- contenders -------------------------------------------------------------------------------------------------

def numba_contenders():
    """The fused loop compiled, steps outer and runs inner, and runs outer (None when numba is not installed)."""
    try:
        import numba
    except ImportError:
        return None

    @numba.njit(cache=False)
    def fused(x0, steps, lr, beta1, beta2, eps, bound, bias_correction1, sqrt_bias_correction2,
              points, loss, diverged_at):
        n = x0.shape[0]
        x = x0[:, 0].copy()
        y = x0[:, 1].copy()
        mx, my, vx, vy = np.zeros(n), np.zeros(n), np.zeros(n), np.zeros(n)
        f = np.empty(n)
        alive = np.ones(n, dtype=np.bool_)
        for i in range(n):
            f[i] = (1.0 - x[i]) ** 2 + 100.0 * (y[i] - x[i] ** 2) ** 2
            diverged_at[i] = -1
            points[0, i, 0], points[0, i, 1], loss[0, i] = x[i], y[i], f[i]
        w, c2 = 1.0 - beta1, 1.0 - beta2
        for t in range(1, steps + 1):
            step_size, sb = lr / bias_correction1[t], sqrt_bias_correction2[t]
            for i in range(n):
                if alive[i]:
                    xi, yi = x[i], y[i]
                    ridge = yi - xi ** 2
                    gx = -2.0 * (1.0 - xi) - 400.0 * xi * ridge
                    gy = 200.0 * ridge
                    mxi = mx[i] + w * (gx - mx[i])
                    myi = my[i] + w * (gy - my[i])
                    vxi = vx[i] * beta2 + c2 * gx * gx
                    vyi = vy[i] * beta2 + c2 * gy * gy
                    nx = xi + (-step_size * mxi) / (np.sqrt(vxi) / sb + eps)
                    ny = yi + (-step_size * myi) / (np.sqrt(vyi) / sb + eps)
                    nf = (1.0 - nx) ** 2 + 100.0 * (ny - nx ** 2) ** 2
                    if np.isfinite(nf) and abs(nx) <= bound and abs(ny) <= bound:
                        x[i], y[i], f[i] = nx, ny, nf
                        mx[i], my[i], vx[i], vy[i] = mxi, myi, vxi, vyi
                    else:
                        alive[i] = False
                        diverged_at[i] = t
                points[t, i, 0], points[t, i, 1], loss[t, i] = x[i], y[i], f[i]

    @numba.njit(cache=False)
    def fused_runs_outer(x0, steps, lr, beta1, beta2, eps, bound, bias_correction1, sqrt_bias_correction2,
                         points, loss, diverged_at):
        # the same work, one run at a time: each run's state stays in registers, but every step waits for
        # the previous one (a chain of divisions and square roots)
        n = x0.shape[0]
        w, c2 = 1.0 - beta1, 1.0 - beta2
        for i in range(n):
            x, y = x0[i, 0], x0[i, 1]
            mx = my = vx = vy = 0.0
            f = (1.0 - x) ** 2 + 100.0 * (y - x ** 2) ** 2
            points[0, i, 0], points[0, i, 1], loss[0, i] = x, y, f
            diverged_at[i] = -1
            for t in range(1, steps + 1):
                if diverged_at[i] < 0:
                    step_size, sb = lr / bias_correction1[t], sqrt_bias_correction2[t]
                    ridge = y - x ** 2
                    gx = -2.0 * (1.0 - x) - 400.0 * x * ridge
                    gy = 200.0 * ridge
                    mxi = mx + w * (gx - mx)
                    myi = my + w * (gy - my)
                    vxi = vx * beta2 + c2 * gx * gx
                    vyi = vy * beta2 + c2 * gy * gy
                    nx = x + (-step_size * mxi) / (np.sqrt(vxi) / sb + eps)
                    ny = y + (-step_size * myi) / (np.sqrt(vyi) / sb + eps)
                    nf = (1.0 - nx) ** 2 + 100.0 * (ny - nx ** 2) ** 2
                    if np.isfinite(nf) and abs(nx) <= bound and abs(ny) <= bound:
                        x, y, f, mx, my, vx, vy = nx, ny, nf, mxi, myi, vxi, vyi
                    else:
                        diverged_at[i] = t
                points[t, i, 0], points[t, i, 1], loss[t, i] = x, y, f

    def make(kernel):
        def run(starts, steps, bound):
            n = len(starts)
            t = np.arange(steps + 1, dtype=float)
        # 1 - beta^t through NumPy's pow, as the rule computes it (numba's ** by an integer multiplies)
            bc1 = 1.0 - power(BETAS[0], t)
            sbc2 = np.sqrt(1.0 - power(BETAS[1], t))
            points, loss = np.empty((steps + 1, n, 2)), np.empty((steps + 1, n))
            diverged_at = np.empty(n, dtype=np.int64)
            kernel(starts, steps, LR, BETAS[0], BETAS[1], EPS, bound, bc1, sbc2, points, loss, diverged_at)
            return points, loss

        run.version = f"numba {numba.__version__}"
        return run

    return make(fused), make(fused_runs_outer)


def torch_contender(autograd: bool, threads: int):
    """torch.optim's foreach Adam on one (n, 2) tensor (None when torch is not installed)."""
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(threads)

    def rosenbrock(p):
        x, y = p[:, 0], p[:, 1]
        return (1.0 - x) ** 2 + 100.0 * (y - x ** 2) ** 2

    def run(starts, steps, bound):
        n = len(starts)
        points, loss = np.empty((steps + 1, n, 2)), np.empty((steps + 1, n))
        points_t, loss_t = torch.from_numpy(points), torch.from_numpy(loss)
        p = torch.tensor(starts, dtype=torch.float64, requires_grad=autograd)
        opt = torch.optim.Adam([p], lr=LR, betas=BETAS, eps=EPS, foreach=True)
        with torch.no_grad():
            points_t[0].copy_(p)
        for t in range(steps + 1):
            if autograd:
                f = rosenbrock(p)
                with torch.no_grad():
                    loss_t[t].copy_(f)
                if t == steps:
                    break
                opt.zero_grad()
                f.sum().backward()
            else:
                with torch.no_grad():
                    x, y = p[:, 0], p[:, 1]
                    ridge = y - x ** 2
                    loss_t[t].copy_((1.0 - x) ** 2 + 100.0 * ridge ** 2)
                    if t == steps:
                        break
                    p.grad = torch.stack([-2.0 * (1.0 - x) - 400.0 * x * ridge, 200.0 * ridge], dim=-1)
            opt.step()
            with torch.no_grad():
                points_t[t + 1].copy_(p)
        return points, loss

    run.version = f"torch {torch.__version__}, {torch.get_num_threads()} thread" + ("s" if torch.get_num_threads() != 1 else "")
    return run


# -- main -------------------------------------------------------------------------------------------------------

def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=4096)
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--subset", type=int, default=64)
    parser.add_argument("--repeat", type=int, default=5, help="rounds; each contender's best is kept")
    parser.add_argument("--torch-autograd", action="store_true", help="also race torch with loss.backward()")
    parser.add_argument("--torch-threads", type=int, default=1,
                        help="torch's intra-op threads (default 1, as NumPy's ufuncs and the numba loop)")
    parser.add_argument("--numba-runs-outer", action="store_true",
                        help="also race the fused loop written one run at a time (slower: latency-bound)")
    parser.add_argument("--no-loop", action="store_true", help="skip the per-start loop (slow)")
    args = parser.parse_args(argv)

    surface = surfaces.get("rosenbrock")
    opt = optimizers.get("adam", lr=LR)
    starts = starts_in_window(surface, args.starts)
    bound = optimizers.divergence_bound(surface)

    def ours(starts, steps, bound):
        traj = optimizers.run(opt, surface, starts, steps)
        return traj.points, traj.loss

    contenders = {"ours (optimizers.run)": ours}
    notes = []
    numba_runs = numba_contenders()
    if numba_runs is None:
        notes.append("numba not installed: the fused loop is skipped (see the docstring for its environment)")
    else:
        contenders[f"numba fused loop ({numba_runs[0].version}, steps outer, runs inner)"] = numba_runs[0]
        if args.numba_runs_outer:
            contenders[f"numba fused loop ({numba_runs[1].version}, runs outer)"] = numba_runs[1]
    for autograd in (False, True) if args.torch_autograd else (False,):
        torch_run = torch_contender(autograd, args.torch_threads)
        if torch_run is None:
            notes.append("torch not installed: torch.optim's Adam is skipped (see the docstring for its environment)")
            break
        how = "loss.backward()" if autograd else "gradient into .grad"
        contenders[f"torch.optim.Adam foreach ({torch_run.version}, {how})"] = torch_run

    warm = starts[:8]
    results = {}
    for name, fn in contenders.items():
        fn(warm, 10, bound)  # imports, caches, numba's compilation
        results[name] = fn(starts, args.steps, bound)
    times = {name: [] for name in contenders}
    for _ in range(args.repeat):  # interleaved rounds: the machine's load hits every contender alike
        for name, fn in contenders.items():
            t0 = time.perf_counter()
            fn(starts, args.steps, bound)
            times[name].append(time.perf_counter() - t0)
    best = {name: min(ts) for name, ts in times.items()}
    traj = optimizers.run(opt, surface, starts, args.steps)
    t_batched = best["ours (optimizers.run)"]

    per_loop = None
    if not args.no_loop:
        t0 = time.perf_counter()
        for start in starts[: args.subset]:
            optimizers.run(opt, surface, start, args.steps)
        per_loop = (time.perf_counter() - t0) / args.subset

    tracemalloc.start()
    optimizers.run(opt, surface, starts, args.steps)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    recorded = traj.points.nbytes + traj.loss.nbytes

    per_batched = t_batched / args.starts
    print(f"machine: {platform.machine()}, {cpu_model()}, {os.cpu_count()} cores, "
          f"python {platform.python_version()}, numpy {np.__version__}, load average "
          + " ".join(f"{v:.2f}" for v in os.getloadavg()))
    print(f"workload: adam(lr=1e-2) on rosenbrock, {args.starts} starts x {args.steps} steps, float64, "
          "every step recorded")
    print(f"vectorized run: {t_batched:.3f} s (best of {args.repeat}: "
          + ", ".join(f"{t:.3f}" for t in times["ours (optimizers.run)"]) + ")")
    if per_loop is not None:
        print(f"per-start loop: {per_loop * 1e3:.2f} ms per trajectory "
              f"({args.subset} starts timed, scaled to {args.starts}: {per_loop * args.starts:.1f} s)")
        print(f"vectorized:     {per_batched * 1e6:.1f} us per trajectory")
        print(f"speed-up per trajectory: {per_loop / per_batched:.0f}x (target >= 200x)")
    print(f"peak traced memory: {peak / 2**20:.1f} MiB (recorded points + loss: {recorded / 2**20:.1f} MiB)")
    diverged = int(traj.diverged.sum())
    print(f"diverged runs: {diverged} of {args.starts}; median final loss {np.median(traj.final_loss):.3g}")

    print(f"hot loop, best of {args.repeat} interleaved rounds:")
    for name in contenders:
        print(f"  {name}: {best[name]:.3f} s (" + ", ".join(f"{t:.3f}" for t in times[name]) + ")")
    for name, (points, loss) in results.items():
        if name.startswith("ours"):
            continue
        same = np.array_equal(points, traj.points) and np.array_equal(loss, traj.loss)
        gap = float(np.max(np.abs(points - traj.points)))
        print(f"  {name}: " + ("the same points and losses as ours, bit for bit" if same
              else f"largest difference from ours of a recorded coordinate {gap:.3g}"))
    for note in notes:
        print(f"  note: {note}")
    numba_names = [n for n in contenders if n.startswith("numba")]
    torch_names = [n for n in contenders if n.startswith("torch")]
    if numba_names:
        fastest = min(numba_names, key=best.get)
        print(f"ours / numba: {t_batched / best[fastest]:.2f} (target <= 2; the faster numba loop)")
    if torch_names:
        fastest = min(torch_names, key=best.get)
        print(f"torch / ours: {best[fastest] / t_batched:.2f} (target >= 1.5; torch's faster variant)")


if __name__ == "__main__":
    main()
