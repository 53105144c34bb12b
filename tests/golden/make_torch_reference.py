"""Reference trajectories and learning rates from torch (float64) for tests/engine/test_optimizers.py.

    /work/venv/bin/python tests/golden/make_torch_reference.py

writes ``tests/golden/torch_reference.json``. torch is imported only inside the
functions that need it, so the tests can read the case tables below without
torch; ``test_optimizers.py`` also reruns :func:`build_reference` live when
torch is importable.

Every gradient is written with arithmetic operators only, so the same function
evaluates identically on NumPy arrays (our side) and torch tensors.
"""

from __future__ import annotations

import inspect
import json
import math
from pathlib import Path

OUT = Path(__file__).with_name("torch_reference.json")
STEPS = 50


def anisotropic_grad(x, y):  # f = x²/20 + y²
    return x / 10.0, 2.0 * y


def shifted_quadratic_grad(x, y):  # f = ½ [2(x-1)² + 1.8(x-1)(y+½) + (y+½)²]
    u, v = x - 1.0, y + 0.5
    return 2.0 * u + 0.9 * v, 0.9 * u + v


def rosenbrock_grad(x, y):  # f = (1-x)² + 100(y-x²)²
    w = y - x * x
    return -2.0 * (1.0 - x) - 400.0 * x * w, 200.0 * w


# name -> (gradient, start, learning-rate scale per rule; "*" for the rest)
FUNCTIONS = {
    "anisotropic": (anisotropic_grad, (-7.0, 2.0), {"*": 1.0}),
    "shifted_quadratic": (shifted_quadratic_grad, (-1.5, 2.0), {"*": 0.5}),
    # SGD and RAdam's first (un-rectified) steps move by lr·|gradient|: keep them small here.
    "rosenbrock": (rosenbrock_grad, (-1.2, 1.0), {"sgd": 0.005, "radam": 0.002, "*": 0.1}),
}

# (rule, hyperparameters for lr scale 1, schedule or None); schedules as (name, params)
CASES = [
    ("sgd", {"lr": 0.1}, None),
    ("sgd", {"lr": 0.1, "momentum": 0.9}, None),
    ("sgd", {"lr": 0.05, "momentum": 0.9, "nesterov": True}, None),
    ("sgd", {"lr": 0.1, "momentum": 0.5, "dampening": 0.3, "weight_decay": 0.1}, None),
    ("sgd", {"lr": 0.1, "weight_decay": 0.05, "momentum": 0.8, "nesterov": True}, ("cosine", {"T_max": 20, "eta_min": 1e-4})),
    ("adagrad", {"lr": 0.5}, None),
    ("adagrad", {"lr": 0.5, "lr_decay": 0.1, "weight_decay": 0.05}, None),
    ("adagrad", {"lr": 0.5, "initial_accumulator_value": 0.3, "eps": 1e-3}, ("exponential", {"gamma": 0.97})),
    ("adadelta", {"lr": 1.0}, None),
    ("adadelta", {"lr": 2.0, "rho": 0.5, "eps": 1e-3, "weight_decay": 0.05}, None),
    ("adadelta", {"lr": 5.0, "rho": 0.95, "eps": 1e-4}, ("step", {"step_size": 10, "gamma": 0.5})),
    ("rmsprop", {"lr": 0.05}, None),
    ("rmsprop", {"lr": 0.05, "centered": True}, None),
    ("rmsprop", {"lr": 0.02, "momentum": 0.8}, None),
    ("rmsprop", {"lr": 0.02, "momentum": 0.5, "centered": True, "weight_decay": 0.1, "alpha": 0.9, "eps": 1e-4}, None),
    ("rmsprop", {"lr": 0.05, "momentum": 0.5}, ("exponential", {"gamma": 0.95})),
    ("adam", {"lr": 0.1}, None),
    ("adam", {"lr": 0.1, "amsgrad": True}, None),
    ("adam", {"lr": 0.1, "weight_decay": 0.1}, None),
    ("adam", {"lr": 0.1, "weight_decay": 0.1, "decoupled_weight_decay": True, "amsgrad": True, "betas": [0.5, 0.9]}, None),
    ("adam", {"lr": 0.1, "betas": [0.3, 0.8], "eps": 1e-3}, None),
    ("adam", {"lr": 0.2, "weight_decay": 0.05, "decoupled_weight_decay": True}, ("step", {"step_size": 10, "gamma": 0.5})),
    ("adamw", {"lr": 0.1}, None),
    ("adamw", {"lr": 0.1, "weight_decay": 0.2, "amsgrad": True}, None),
    ("adamw", {"lr": 0.1, "weight_decay": 0.1}, ("cosine", {"T_max": 30, "eta_min": 0.0})),
    ("nadam", {"lr": 0.1}, None),
    ("nadam", {"lr": 0.1, "momentum_decay": 0.05, "weight_decay": 0.1}, None),
    ("nadam", {"lr": 0.1, "weight_decay": 0.1, "decoupled_weight_decay": True, "betas": [0.8, 0.99]}, None),
    ("nadam", {"lr": 0.1, "momentum_decay": 1.0, "eps": 1e-7}, ("inverse_sqrt", {})),
    ("radam", {"lr": 0.1}, None),
    ("radam", {"lr": 0.1, "weight_decay": 0.1}, None),
    ("radam", {"lr": 0.1, "weight_decay": 0.1, "decoupled_weight_decay": True, "betas": [0.9, 0.9]}, None),
    ("radam", {"lr": 0.2, "betas": [0.7, 0.95], "eps": 1e-4}, ("inverse_sqrt", {})),
    ("adamax", {"lr": 0.1}, None),
    ("adamax", {"lr": 0.1, "weight_decay": 0.1, "betas": [0.5, 0.9], "eps": 1e-3}, None),
    ("adamax", {"lr": 0.2}, ("step", {"step_size": 7, "gamma": 0.7})),
]

# (schedule name, params, base lr, updates) for the schedule table
SCHEDULE_CASES = [
    ("constant", {}, 0.1, 30),
    ("inverse_sqrt", {}, 0.3, 30),
    ("step", {"step_size": 7, "gamma": 0.5}, 0.1, 40),
    ("step", {"step_size": 1, "gamma": 0.9}, 1.0, 20),
    ("exponential", {"gamma": 0.9}, 0.5, 40),
    ("cosine", {"T_max": 20, "eta_min": 0.01}, 0.1, 70),
    ("cosine", {"T_max": 7, "eta_min": 0.0}, 1.0, 40),
    ("cosine", {"T_max": 1, "eta_min": 0.001}, 0.1, 6),
]

TORCH_NAMES = {
    "sgd": "SGD", "adagrad": "Adagrad", "adadelta": "Adadelta", "rmsprop": "RMSprop", "adam": "Adam",
    "adamw": "AdamW", "nadam": "NAdam", "radam": "RAdam", "adamax": "Adamax",
}
# torch constructor flags that these NumPy rules deliberately leave out
SKIPPED_FLAGS = {"params", "maximize", "foreach", "capturable", "differentiable", "fused"}


def case_id(index: int, function: str) -> str:
    rule, _, schedule = CASES[index]
    return f"{rule}-{index}-{function}" + (f"-{schedule[0]}" if schedule else "")


def scaled(rule: str, hyperparams: dict, function: str) -> dict:
    scale = FUNCTIONS[function][2]
    hp = dict(hyperparams)
    hp["lr"] = hp["lr"] * scale.get(rule, scale["*"])
    return hp


def torch_scheduler(torch, optimizer, name: str, params: dict):
    sched = torch.optim.lr_scheduler
    if name == "constant":
        return None
    if name == "inverse_sqrt":
        return sched.LambdaLR(optimizer, lambda epoch: 1.0 / math.sqrt(epoch + 1))
    if name == "step":
        return sched.StepLR(optimizer, step_size=params["step_size"], gamma=params["gamma"])
    if name == "exponential":
        return sched.ExponentialLR(optimizer, gamma=params["gamma"])
    if name == "cosine":
        return sched.CosineAnnealingLR(optimizer, T_max=params["T_max"], eta_min=params["eta_min"])
    raise ValueError(f"Unknown schedule {name!r}")


def torch_trajectory(torch, rule: str, hyperparams: dict, function: str, schedule) -> list[list[float]]:
    grad_fn, start, _ = FUNCTIONS[function]
    hp = {k: tuple(v) if isinstance(v, list) else v for k, v in hyperparams.items()}
    p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    opt = getattr(torch.optim, TORCH_NAMES[rule])([p], foreach=False, **hp)
    scheduler = torch_scheduler(torch, opt, *schedule) if schedule else None
    points = []
    for _ in range(STEPS):
        with torch.no_grad():
            gx, gy = grad_fn(p[0].clone(), p[1].clone())
            p.grad = torch.stack([gx, gy])
        opt.step()
        if scheduler is not None:
            scheduler.step()
        points.append([float(v) for v in p.detach()])
    # A diverging reference would only test how rounding errors grow.
    if not all(math.isfinite(v) and abs(v) < 100 for point in points for v in point):
        raise RuntimeError(f"{rule} {hyperparams} on {function} diverges")
    return points


def torch_schedule_values(torch, name: str, params: dict, base_lr: float, updates: int) -> list[float]:
    p = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([p], lr=base_lr)
    scheduler = torch_scheduler(torch, opt, name, params)
    values = []
    for _ in range(updates):
        values.append(float(opt.param_groups[0]["lr"]))
        p.grad = torch.zeros_like(p)
        opt.step()
        if scheduler is not None:
            scheduler.step()
    return values


def torch_defaults(torch) -> dict:
    out = {}
    for rule, cls_name in TORCH_NAMES.items():
        sig = inspect.signature(getattr(torch.optim, cls_name).__init__)
        out[rule] = {
            name: list(p.default) if isinstance(p.default, tuple) else p.default
            for name, p in sig.parameters.items()
            if name != "self" and name not in SKIPPED_FLAGS
        }
    return out


def build_reference() -> dict:
    import torch

    previous = torch.get_default_dtype()
    # torch keeps step counters and NAdam's mu_product in the default dtype.
    torch.set_default_dtype(torch.float64)
    try:
        trajectories = {}
        for index, (rule, hyperparams, schedule) in enumerate(CASES):
            for function in FUNCTIONS:
                hp = scaled(rule, hyperparams, function)
                trajectories[case_id(index, function)] = torch_trajectory(torch, rule, hp, function, schedule)
        schedules = [
            {"name": name, "params": params, "base_lr": base_lr,
             "lr": torch_schedule_values(torch, name, params, base_lr, updates)}
            for name, params, base_lr, updates in SCHEDULE_CASES
        ]
        return {
            "torch_version": torch.__version__,
            "steps": STEPS,
            "defaults": torch_defaults(torch),
            "trajectories": trajectories,
            "schedules": schedules,
        }
    finally:
        torch.set_default_dtype(previous)


def main() -> None:
    reference = build_reference()
    OUT.write_text(json.dumps(reference, separators=(",", ":")) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size / 1024:.0f} KB, {len(reference['trajectories'])} trajectories)")


if __name__ == "__main__":
    main()
