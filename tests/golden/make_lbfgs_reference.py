"""Reference L-BFGS runs from torch.optim.LBFGS (float64) for tests/engine/test_lbfgs.py.

    /work/torchenv/bin/python tests/golden/make_lbfgs_reference.py

writes ``tests/golden/lbfgs_reference.json``. One of our steps is one torch
``step(closure)`` of ``LBFGS(params, lr, max_iter=1, max_eval=26, tolerance_grad,
tolerance_change, history_size, line_search_fn)``. The closure evaluates the
project's own surfaces (``surfaces.get(name).value`` / ``.grad``, NumPy), so torch
and our rule see bit-identical losses and gradients and any difference comes
from the algorithm. Every closure call is recorded: the first of a step is the
point itself, the others are the line search's trials.

Our rule follows torch's arithmetic: fused multiply-adds where torch calls
``add_(..., alpha=...)``, ``reciprocal(x) * y`` where torch divides a float by a
0-d tensor. Almost every run agrees bit for bit; the exception is torch's float64
``sqrt`` on 0-d tensors, which is not always correctly rounded (1 ulp off for
about 1.5 % of inputs on the machine that wrote the file), and cases that steer
through many interpolations (rosenbrock at lr = 500) then agree to ~1e-10. torch is imported only
inside the functions that need it, so the tests can read the case table without
torch; ``test_lbfgs.py`` also reruns :func:`build_reference` live when torch is
importable.
"""

from __future__ import annotations

import inspect
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np

import surfaces

OUT = Path(__file__).with_name("lbfgs_reference.json")
STEPS = 30
MAX_ITER, MAX_EVAL = 1, 26

# (surface, starts, hyperparameters with torch's names, steps). Every start of a case runs in one batched
# call on our side; an "lr" list gives each start its own learning rate (one torch optimizer per start).
# The line-search cases reach every branch of _strong_wolfe: bracketing that finds a Wolfe point, that
# brackets on an Armijo failure or an uphill slope, or that runs out of evaluations (cubic and monkey
# saddle, descending without end: 26 trials, one step); zooming with insufficient progress moved off
# either end of the bracket (rastrigin, beale), the bracket swap, and the bracket grown too small (ackley).
CASES = [
    ("rosenbrock", [(-1.2, 1.0), (-1.5, 2.0), (0.5, -0.5)], {}, STEPS),
    ("rosenbrock", [(-1.2, 1.0), (-1.5, 2.0), (0.5, -0.5)], {"line_search_fn": "strong_wolfe"}, STEPS),
    ("rosenbrock", [(-1.2, 1.0), (1.5, 1.0)], {"lr": 0.5, "history_size": 3, "line_search_fn": "strong_wolfe"}, STEPS),
    ("rosenbrock", [(-1.2, 1.0), (0.0, 2.5)], {"lr": 0.2, "history_size": 2}, STEPS),
    ("rosenbrock", [(2.0, 2.5)], {"lr": 500.0, "line_search_fn": "strong_wolfe"}, STEPS),
    ("himmelblau", [(0.0, 0.0), (-4.0, 0.0), (0.0, -4.0), (1.0, 1.0)], {"line_search_fn": "strong_wolfe"}, STEPS),
    ("himmelblau", [(0.0, 0.0), (-4.0, 0.0), (0.0, -4.0)], {"lr": 0.1, "history_size": 5}, STEPS),
    ("himmelblau", [(-0.27, -0.92), (4.0, 4.0)], {"lr": 2.0, "history_size": 4, "line_search_fn": "strong_wolfe"},
     STEPS),
    ("beale", [(1.0, 1.5), (-1.0, -1.0), (2.0, 0.0)], {"line_search_fn": "strong_wolfe"}, STEPS),
    ("beale", [(1.5, -2.0), (-1.0, 1.0)], {"lr": [5.0, 20.0], "line_search_fn": "strong_wolfe"}, STEPS),
    ("beale", [(1.0, 1.5), (2.0, 0.0)], {"lr": 0.05, "history_size": 10}, STEPS),
    ("anisotropic", [(-7.0, 2.0), (5.0, -3.0)], {}, STEPS),
    ("anisotropic", [(-7.0, 2.0), (5.0, -3.0)], {"line_search_fn": "strong_wolfe"}, STEPS),
    ("anisotropic", [(-7.0, 2.0), (9.0, 4.0)],
     {"lr": 0.7, "history_size": 1, "tolerance_grad": 1e-4, "tolerance_change": 1e-6}, STEPS),
    ("anisotropic", [(-7.0, 2.0), (9.0, 4.0)],
     {"lr": 3.0, "history_size": 1, "tolerance_grad": 1e-5, "line_search_fn": "strong_wolfe"}, STEPS),
    ("rastrigin", [(-2.5, -0.5), (2.0, -1.5)], {"lr": [1.0, 20.0], "line_search_fn": "strong_wolfe"}, STEPS),
    ("ackley", [(0.5, 0.5), (-2.0, 1.5)], {"line_search_fn": "strong_wolfe"}, STEPS),
    ("cubic", [(-0.5,), (2.5,)], {"lr": 1e-6, "line_search_fn": "strong_wolfe"}, 1),
    ("monkey_saddle", [(0.5, 1.0)], {"lr": 1e-6, "line_search_fn": "strong_wolfe"}, 1),
]


def case_id(index: int) -> str:
    surface, _, hp, _ = CASES[index]
    search = "wolfe" if hp.get("line_search_fn") else "fixed"
    return f"{index}-{surface}-{search}"


def ours(hyperparams: dict) -> dict:
    """The same hyperparameters under this project's names."""
    hp = dict(hyperparams)
    hp["strong_wolfe"] = hp.pop("line_search_fn", None) == "strong_wolfe"
    return hp


def for_start(hyperparams: dict, i: int) -> dict:
    """The hyperparameters of start ``i`` (an "lr" list holds one learning rate per start)."""
    hp = dict(hyperparams)
    if isinstance(hp.get("lr"), list):
        hp["lr"] = hp["lr"][i]
    return hp


def torch_run(torch, surface_name: str, start, hyperparams: dict, steps: int = STEPS) -> dict:
    surface = surfaces.get(surface_name)
    p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([p], max_iter=MAX_ITER, max_eval=MAX_EVAL, **hyperparams)
    calls: list[list[float]] = []

    def closure():
        point = p.detach().numpy().copy()
        calls.append(point.tolist())
        p.grad = torch.from_numpy(surface.grad(point[None])[0].copy())
        return torch.tensor(float(surface.value(point[None])[0]), dtype=torch.float64)

    points, trials = [], []
    for _ in range(steps):
        calls.clear()
        opt.step(closure)
        points.append([float(v) for v in p.detach()])
        trials.append(calls[1:])  # calls[0] is the point the step starts from
    if not all(math.isfinite(v) and abs(v) < 1e3 for point in points for v in point):
        raise RuntimeError(f"L-BFGS {hyperparams} on {surface_name} from {start} diverges")
    state = opt.state[p]
    return {
        "points": points,
        "trials": trials,
        # the stored pairs after the last step, oldest first
        "s": [[float(v) for v in s] for s in state.get("old_stps", [])],
        "y": [[float(v) for v in y] for y in state.get("old_dirs", [])],
        "n_iter": int(state.get("n_iter", 0)),
    }


def torch_defaults(torch) -> dict:
    sig = inspect.signature(torch.optim.LBFGS.__init__)
    return {name: p.default for name, p in sig.parameters.items() if name not in {"self", "params"}}


def build_reference() -> dict:
    import torch

    runs = {}
    for index, (surface, starts, hp, steps) in enumerate(CASES):
        runs[case_id(index)] = [torch_run(torch, surface, start, for_start(hp, i), steps)
                                for i, start in enumerate(starts)]
    return {
        "torch_version": torch.__version__,
        "numpy_version": np.__version__,
        "defaults": torch_defaults(torch),
        "runs": runs,
    }


def main() -> None:
    reference = build_reference()
    OUT.write_text(json.dumps(reference, separators=(",", ":")) + "\n")
    n_trials = sum(len(t) for runs in reference["runs"].values() for run in runs for t in run["trials"])
    print(f"wrote {OUT} ({OUT.stat().st_size / 1024:.0f} KB, {len(reference['runs'])} cases, {n_trials} trials)")


if __name__ == "__main__":
    main()
