r"""Golden runs of the 14 "frontier" rules of issue 11 from torch.optim 2.13 and optax 0.2.8 (float64).

    /work/refenv/bin/python tests/golden/make_frontier_reference.py

writes ``tests/golden/frontier_reference.json``. The references live in their own
environment, never in requirements*.txt or the project's .venv::

    python3 -m venv /work/refenv
    /work/refenv/bin/pip install torch==2.13.0 numpy
    /work/refenv/bin/pip install "optax==0.2.8" jax jaxlib

torch, jax and optax are imported only inside the functions that need them, so the
tests read the tables below (and rerun :func:`run_case` live when the references
import) without them. JAX runs with ``jax_enable_x64`` (float64 everywhere; optax's
step counters stay int32) and op by op (no ``jax.jit`` of the update; optax jits a
few helpers itself, e.g. the bias correction); torch with float64 tensors *and*
``torch.set_default_dtype(torch.float64)``, because torch keeps ASGD's ``eta``/``mu``
and every ``step`` counter in the default dtype (float32 otherwise).

Losses and gradients
--------------------
Both references are handed the gradient (and, for polyak_sgd, the loss) computed in
NumPy float64 by the formulas of ``surfaces/closed_form.py``, copied below operator for
operator (``SURFACES``; ``test_frontier_reference_file.py`` checks that they equal the
project's surfaces), so a reference and our rule see identical gradients and any
difference comes from the update rule. Each start is an independent run with its own
parameter array of shape (2,) — in optax its own params pytree, so every norm, sum and
dot product is per run; in torch its own optimizer over one 1-D tensor, so Adafactor's
second moment is unfactored.

The JSON
--------
``cases``: one per (rule, setting, surface), id ``"{rule}-{setting}-{surface}"``, with

* ``rule`` (our name), ``setting`` (0 = the reference's defaults, except the learning
  rate where the reference has none, and for asgd and schedule_free_sgd, plain gradient
  steps, whose lr is set per surface), ``surface``,
  ``starts`` (one run each), ``steps``;
* ``hyperparams``: ours, shared by the runs; ``per_start``: ours that differ per run,
  ``{name: [value of run 0, run 1, ...]}`` (tuples are JSON lists, ``None`` is null);
* ``reference``: ``library``, ``call`` (e.g. ``"optax.contrib.prodigy"``) and
  ``kwargs``, the reference's own argument names and values, one dict per run;
  ``update_kwargs`` names what ``update`` gets beyond (grads, state, params);
* ``runs``: per start ``points`` (steps+1 points, the start first), ``loss`` (the
  loss at each point) and ``state``: per-step arrays of steps+1 entries, entry k the
  state after k updates (entry 0 is the state as the reference initialises it):
  rprop ``step_size``; asgd ``ax`` (torch's average; zeros at first), ``eta``, ``mu``;
  adafactor ``variance``; schedule-free ``x`` (``optax.contrib.schedule_free_eval_params``,
  the point to read the loss at), ``x_loss`` and ``z``; prodigy ``d`` (``estim_lr``).

``defaults``: each rule's hyperparameters under our names with the reference's
defaults (``null`` where the reference requires a value); ``reference_defaults``: the
reference signature's own defaults; ``mapping``: our name -> reference argument.

Mapping and what each reference really does (read from the sources of these versions)
-------------------------------------------------------------------------------------
Notation: g = gradient, θ = params (of one run), t = update number from 1, "−lr·u"
means optax's ``scale_by_learning_rate`` (the update is multiplied by −lr) and the
new params are ``apply_updates``: θ + u, rounded once more. optax's
``update_moment(g, m, b, 1)`` is ``(1 - b) * g + b * m`` (that order), ``order=2`` uses
``g * g``; ``bias_correction(m, b, t)`` is ``m / (1 - b ** t)`` with t an int32 count.

torch.optim (hyperparameter names are torch's own; ``foreach=False``, the single-tensor code):

* ``rprop`` -> ``torch.optim.Rprop(lr=1e-2, etas=(0.5, 1.2), step_sizes=(1e-6, 50))``.
  State: prev = 0, step_size = lr (per coordinate). s = sign(g·prev); factor etaplus
  where s > 0, etaminus where s < 0, 1 where s == 0; step_size = clamp(step_size·factor,
  step_sizes[0], step_sizes[1]); where the factor was etaminus the gradient is set to 0
  (no move there, and prev = 0 so the next step uses factor 1); θ -= sign(g)·step_size;
  prev = g (after the zeroing). The first step is therefore θ -= lr·sign(g).
* ``asgd`` -> ``torch.optim.ASGD(lr=1e-2, lambd=1e-4, alpha=0.75, t0=1e6,
  weight_decay=0)``. State: eta = lr, mu = 1, ax = 0. Each step: g += weight_decay·θ
  (torch ``add(alpha=)``, one fused multiply-add on CPUs with FMA); θ *= 1 − lambd·eta;
  θ −= eta·g (``add_(alpha=-eta)``: fused); then ax = θ (copy) if mu == 1, else
  ax += (θ − ax)·mu; then, in Python floats, eta = lr / (1 + lambd·lr·t) ** alpha and
  mu = 1 / max(1, t − t0). eta and mu of step t are those computed after step t − 1:
  the first step uses eta = lr. With the default t0 = 1e6, ax is just a copy of θ.
  The trajectory is θ; ax is the state.
* ``adafactor`` -> ``torch.optim.Adafactor(lr=1e-2, beta2_decay=-0.8, eps=(None, 1e-3),
  d=1.0, weight_decay=0.0)``; a run is one 1-D tensor of n = 2 entries, so the second
  moment v is unfactored (per coordinate). eps1 = None means ``finfo(float64).eps``
  (2.220446049250313e-16). Each step, with t a float: β̂ = t ** beta2_decay (1 at t =
  1, so v starts at g²); ρ = min(lr, 1 / t ** 0.5); α = max(eps2, ‖θ‖₂ / n ** 0.5)·ρ,
  from θ *before* weight decay; θ *= 1 − lr·weight_decay (lr, not ρ); v = lerp(v, g·g,
  β̂) with torch's lerp, v + β̂·(g² − v) if β̂ < 0.5 else g² − (g² − v)·(1 − β̂);
  u = rsqrt(max(v, eps1²))·g; denom = max(1, ‖u‖₂ / (n ** 0.5·d)); θ += (−α/denom)·u
  (``add_(alpha=)``: fused). ‖·‖₂ and the max/min are Python floats from ``.item()``.

optax (every hyperparameter a Python float, so weakly typed and float64 under x64):

* ``lion``: lr -> learning_rate (no default), betas=(b1, b2) -> b1, b2 (0.9, 0.99),
  weight_decay -> weight_decay (default **1e-3**, not 0). c = (1 − b1)·g + b1·m;
  u = −lr·(sign(c) + weight_decay·θ) (sign(0) = 0; the decay is added after the sign
  and scaled by lr); then m = (1 − b2)·g + b2·m. No bias correction, m starts at 0.
* ``adabelief``: lr -> learning_rate, betas -> b1, b2 (0.9, 0.999), eps (1e-16),
  eps_root (1e-16), nesterov (False, keyword-only). m = upd_moment(g, m, b1);
  s = (1 − b2)·(g − m)² + b2·s with the *new* m, then s += eps_root — eps_root is
  stored in the state and so accumulates; m̂ = m / (1 − b1^t), ŝ = s / (1 − b2^t);
  u = −lr·m̂ / (sqrt(ŝ) + eps). nesterov: m̂ = b1·(m / (1 − b1^(t+1))) + (1 − b1)·(g /
  (1 − b1^t)) (the same formula as optax's Adam/NAdam).
* ``adan``: lr -> learning_rate, betas=(b1, b2, b3) -> b1, b2, b3 (0.98, 0.92, 0.99),
  eps (1e-8), eps_root (**1e-8** in ``optax.adan``; ``scale_by_adan`` alone has 0),
  weight_decay (0). Follow the code, not optax's docstring (whose moment formulas swap
  b and 1 − b and whose weight decay divides by 1 + λη): diff = 0 at the first step,
  else g − g_prev; m = upd(g, m, b1); v = upd(diff, v, b2); n = (1 − b3)·(g + (1 −
  b2)·diff)² + b3·n; m̂, v̂, n̂ bias-corrected with b1, b2, b3 (m, v, n start at 0);
  u = (m̂ + (1 − b2)·v̂) / (sqrt(n̂ + eps_root) + eps); update = −lr·(u + weight_decay·θ)
  (decoupled decay, ``add_decayed_weights`` on the current θ, then scaled by lr).
* ``lamb``: lr -> learning_rate, betas -> b1, b2 (0.9, 0.999), eps (1e-6), eps_root (0),
  weight_decay (0). u = Adam's m̂ / (sqrt(v̂ + eps_root) + eps); u += weight_decay·θ;
  trust ratio r = ‖θ‖ / ‖u‖ (trust coefficient 1, eps 0, ``jnp.linalg.norm`` per run),
  r = 1 where ‖θ‖ == 0 or ‖u‖ == 0; update = −lr·r·u. Every step is lr·‖θ‖ long
  (lr·‖u‖ from the origin, e.g. himmelblau's start (0, 0)).
* ``lars``: lr -> learning_rate, momentum (0.9), nesterov (False), trust_coefficient
  (**0.001**), eps (0), weight_decay (0). In this order: u = g + weight_decay·θ;
  r = trust_coefficient·‖θ‖ / (‖u‖ + eps), r = 1 where ‖θ‖ == 0 or ‖u‖ == 0 (then the
  coefficient is not applied either); u = −lr·r·u; *then* momentum on the already
  scaled u: buf = u + momentum·buf; update = buf, or u + momentum·buf with nesterov.
  The buffer holds −lr-scaled steps (matters only if lr changes during a run). From
  θ = 0 (himmelblau's start (0, 0)) the first step is a plain −lr·g: lars-0 (lr = 5)
  throws that run to (70, 110) and it ends near (254, 208), finite and kept on purpose.
* ``yogi``: lr -> learning_rate, betas -> b1, b2 (0.9, 0.999), eps (**1e-3**). Not
  exposed by ``optax.yogi``, fixed: eps_root = 0, initial_accumulator_value = 1e-6 —
  both m and v *start at 1e-6*, not 0, and are still bias-corrected.
  m = upd(g, m, b1); v = v − (1 − b2)·sign(v − g²)·g²; update = −lr·m̂ / (sqrt(v̂) + eps).
* ``novograd``: lr -> learning_rate, betas -> b1, b2 (0.9, 0.25), eps (**1e-6** in
  ``optax.novograd``; 1e-8 in ``scale_by_novograd``), eps_root (0), weight_decay (0).
  One scalar second moment per run: q = ‖g‖₂ ** 2 (``jnp.linalg.norm`` then squared,
  not a plain sum of squares); nu = q at t = 1, else (1 − b2)·q + b2·nu; a =
  g / (sqrt(nu + eps_root) + eps) + weight_decay·θ (decay inside the momentum); m = a at
  t = 1, else b1·m + a (no 1 − b1 factor, no bias correction); update = −lr·m.
* ``polyak_sgd``: lr -> **max_learning_rate** (1.0), scaling (1.0), f_min (0.0), eps (0.0);
  variant fixed at 'sps'. Needs the loss: ``update(grads, state, params, value=f(θ))``.
  It is ``chain(sgd(scaling), scale_by_polyak)``, so the norm is that of the already
  scaled u = −scaling·g: q = ‖u‖² = sum(u·u) (= scaling²·‖g‖²); step = 0 where q + eps <=
  2.220446049250313e-16, else min((f − f_min) / (q + eps), max_learning_rate); update =
  step·u. With scaling != 1 the step is therefore not the textbook scaling·Polyak step;
  a loss below f_min gives a negative step (uphill).
* ``schedule_free_sgd``: lr -> learning_rate (1.0), **momentum -> b1** (0.9),
  weight_decay (None = 0; our 0.0 maps to None), warmup_steps (None; our 0 maps to None:
  optax's own warmup_steps=0 would be a schedule constant at 0), weight_lr_power (2.0).
* ``schedule_free_adamw``: lr -> learning_rate (0.0025), betas=(b1, b2) -> b1, b2 (0.9,
  0.999), eps (1e-8), weight_decay (0.0), warmup_steps (as above), weight_lr_power (2.0).
  Both are ``schedule_free(base, learning_rate, b1, weight_lr_power)`` with base =
  ``sgd(lr_sched)`` after ``add_decayed_weights(weight_decay)`` (SGD) or
  ``scale_by_rms(b2, eps, eps_in_sqrt=False, bias_correction=True)``, then
  ``add_decayed_weights``, then −lr_sched (AdamW: Adam with b1 = 0, so u = g /
  (sqrt(v / (1 − b2^t)) + eps) with v = (1 − b2)·g² + b2·v). Weight decay is on **y**,
  the params optax holds, and is scaled by the scheduled lr. State: z = y = x = θ0,
  weight_sum = 0, max_lr = 0, step_count = **1**. Per update (grads at y):
  lr_w = sched(step_count) (the wrapper's count, from 1); max_lr = max(max_lr, lr_w);
  w = max_lr ** weight_lr_power; weight_sum += w; c = w / weight_sum (NaN -> 0);
  z += base update (whose −lr uses sched(k) with the base's own count k from **0**, so
  during warmup the z step lags the weight by one count and the very first z step is 0);
  x_prev = (y − (1 − b1)·z_old) / b1; x = (1 − c)·x_prev + c·z; y_new = b1·x + (1 − b1)·z;
  the update is y_new − y and optax's params are y + (y_new − y) (one more rounding).
  sched(k) = lr (a Python float) without warmup; with warmup W it is optax's
  ``warmup_constant_schedule(0, lr, W)``, which computes **in float32 even under x64**
  (the int32 count divided by W gives float32): sched(k) = f32(−lr)·(1 − f32(min(k, W)) /
  f32(W)) + f32(lr), every operation rounded to float32, then used as float64 — so with
  warmup the lr is f32(lr) (0.3 -> 0.30000001192092896) also after the warmup. A float64
  schedule is off by ~4e-8 relative per step, ~5e-6 on these runs. The averaged x is
  ``schedule_free_eval_params(state, y) = (y − (1 − b1)·z) / b1``, recomputed from y and
  z (not a stored x). With a constant lr, c = 1/t (up to rounding) whatever the weight_lr_power.
* ``prodigy`` (``optax.contrib.prodigy``): lr -> learning_rate (1.0), betas -> betas
  ((0.9, 0.999)), beta3 (None = betas[1] ** 0.5), eps (1e-8), estim_lr0 (1e-6),
  estim_lr_coef (1.0), weight_decay (0.0), safeguard_warmup (False). State: m = v = s
  = 0, θ0 = start, d = estim_lr0, r = 0. Per update, with d the *old* estimate:
  bc = sqrt(1 − b2^t) / (1 − b1^t) (``** 0.5``); dlr = d·lr·bc; m = b1·m + (1 − b1)·(d·g);
  v = b2·v + (1 − b2)·(d·g)·(d·g); s = b3·s + dlr·(d·g) / estim_lr0 (``d·(d·g) /
  estim_lr0`` with safeguard_warmup); r = b3·r + (d / estim_lr0)·dlr·⟨g, θ0 − θ⟩ (the
  raw g, not d·g); d_new = max(d, estim_lr_coef·r / sum|s|); update = −weight_decay·dlr·θ
  − dlr·m / (sqrt(v) + **d_new**·eps) (eps is scaled by the *new* d, the rest by the old).
  The first step has θ = θ0, so r = 0 and d stays estim_lr0 (a zero gradient there
  would give 0/0 = NaN, and ``jnp.maximum`` propagates it).

Checked: a plain NumPy loop written from the notes above (one run at a time, not part of
the project) reproduces every run of the file to <= 3e-10 relative (rprop, lion and
polyak_sgd bit for bit; most rules to ~1e-13; lamb, whose steps are normalised, 3e-10).

Default learning rates where optax has none (lion, adabelief, adan, lamb, lars, yogi,
novograd) are ``null`` in ``defaults``: the rule must pick its own.
"""

from __future__ import annotations

import importlib.metadata
import inspect
import json
import math
from pathlib import Path

import numpy as np

OUT = Path(__file__).with_name("frontier_reference.json")
STEPS = 40
BOUND = 1e3  # a reference run must stay finite and inside |coordinate| < BOUND


# -- surfaces: surfaces/closed_form.py, operator for operator -------------------------------------------------


def _xy(p):
    return p[..., 0], p[..., 1]


def _stack(dx, dy):
    return np.stack([dx, dy], axis=-1)


def rosenbrock(p):
    x, y = _xy(p)
    return (1.0 - x) ** 2 + 100.0 * (y - x ** 2) ** 2


def rosenbrock_grad(p):
    x, y = _xy(p)
    ridge = y - x ** 2
    return _stack(-2.0 * (1.0 - x) - 400.0 * x * ridge, 200.0 * ridge)


def himmelblau(p):
    x, y = _xy(p)
    return (x ** 2 + y - 11.0) ** 2 + (x + y ** 2 - 7.0) ** 2


def himmelblau_grad(p):
    x, y = _xy(p)
    u = x ** 2 + y - 11.0
    v = x + y ** 2 - 7.0
    return _stack(4.0 * x * u + 2.0 * v, 2.0 * u + 4.0 * y * v)


def _beale_terms(p):
    x, y = _xy(p)
    return x, y, 1.5 - x + x * y, 2.25 - x + x * y ** 2, 2.625 - x + x * y ** 3


def beale(p):
    _, _, a, b, c = _beale_terms(p)
    return a ** 2 + b ** 2 + c ** 2


def beale_grad(p):
    x, y, a, b, c = _beale_terms(p)
    dx = 2.0 * a * (y - 1.0) + 2.0 * b * (y ** 2 - 1.0) + 2.0 * c * (y ** 3 - 1.0)
    dy = 2.0 * a * x + 4.0 * b * x * y + 6.0 * c * x * y ** 2
    return _stack(dx, dy)


def anisotropic(p):  # the bowl x²/20 + y²
    return p[..., 0] ** 2 / 20.0 + p[..., 1] ** 2


def anisotropic_grad(p):
    return _stack(p[..., 0] / 10.0, 2.0 * p[..., 1])


# name -> (value, gradient, starts); a function takes points on the last axis, like the project's surfaces.
SURFACES = {
    "rosenbrock": (rosenbrock, rosenbrock_grad, [(-1.2, 1.0), (-1.5, 2.0), (0.5, -0.5), (1.5, 1.0)]),
    "himmelblau": (himmelblau, himmelblau_grad, [(0.0, 0.0), (-4.0, 0.0), (0.0, -4.0), (1.0, 1.0)]),
    "beale": (beale, beale_grad, [(1.0, 1.5), (-1.0, -1.0), (2.0, 0.0), (-0.5, 2.0)]),
    "anisotropic": (anisotropic, anisotropic_grad, [(-7.0, 2.0), (5.0, -3.0), (9.0, 4.0), (-2.0, -4.5)]),
}


def value_and_grad(surface: str, point: np.ndarray) -> tuple[float, np.ndarray]:
    """Loss and gradient of one run's point (shape (2,)), evaluated as a batch of one run."""
    value_fn, grad_fn, _ = SURFACES[surface]
    batch = np.asarray(point, dtype=np.float64).reshape(1, 2)
    return float(value_fn(batch)[0]), np.array(grad_fn(batch)[0], dtype=np.float64)


# -- rules: our hyperparameters -> the reference's arguments --------------------------------------------------

# rule -> (library, call, {our name: reference argument}); a tuple of arguments means our tuple is split
# over them (betas=(b1, b2) -> b1=, b2=). torch rules keep torch's names.
RULES = {
    "rprop": ("torch", "torch.optim.Rprop", {"lr": "lr", "etas": "etas", "step_sizes": "step_sizes"}),
    "asgd": ("torch", "torch.optim.ASGD",
             {"lr": "lr", "lambd": "lambd", "alpha": "alpha", "t0": "t0", "weight_decay": "weight_decay"}),
    "adafactor": ("torch", "torch.optim.Adafactor",
                  {"lr": "lr", "beta2_decay": "beta2_decay", "eps": "eps", "d": "d", "weight_decay": "weight_decay"}),
    "lion": ("optax", "optax.lion", {"lr": "learning_rate", "betas": ("b1", "b2"), "weight_decay": "weight_decay"}),
    "adabelief": ("optax", "optax.adabelief", {"lr": "learning_rate", "betas": ("b1", "b2"), "eps": "eps",
                                                "eps_root": "eps_root", "nesterov": "nesterov"}),
    "adan": ("optax", "optax.adan", {"lr": "learning_rate", "betas": ("b1", "b2", "b3"), "eps": "eps",
                                      "eps_root": "eps_root", "weight_decay": "weight_decay"}),
    "lamb": ("optax", "optax.lamb", {"lr": "learning_rate", "betas": ("b1", "b2"), "eps": "eps",
                                      "eps_root": "eps_root", "weight_decay": "weight_decay"}),
    "lars": ("optax", "optax.lars", {"lr": "learning_rate", "momentum": "momentum", "nesterov": "nesterov",
                                      "trust_coefficient": "trust_coefficient", "eps": "eps",
                                      "weight_decay": "weight_decay"}),
    "yogi": ("optax", "optax.yogi", {"lr": "learning_rate", "betas": ("b1", "b2"), "eps": "eps"}),
    "novograd": ("optax", "optax.novograd", {"lr": "learning_rate", "betas": ("b1", "b2"), "eps": "eps",
                                              "eps_root": "eps_root", "weight_decay": "weight_decay"}),
    "polyak_sgd": ("optax", "optax.polyak_sgd", {"lr": "max_learning_rate", "scaling": "scaling", "f_min": "f_min",
                                                  "eps": "eps"}),
    "schedule_free_sgd": ("optax", "optax.contrib.schedule_free_sgd",
                          {"lr": "learning_rate", "momentum": "b1", "weight_decay": "weight_decay",
                           "warmup_steps": "warmup_steps", "weight_lr_power": "weight_lr_power"}),
    "schedule_free_adamw": ("optax", "optax.contrib.schedule_free_adamw",
                            {"lr": "learning_rate", "betas": ("b1", "b2"), "eps": "eps", "weight_decay": "weight_decay",
                             "warmup_steps": "warmup_steps", "weight_lr_power": "weight_lr_power"}),
    "prodigy": ("optax", "optax.contrib.prodigy",
                {"lr": "learning_rate", "betas": "betas", "beta3": "beta3", "eps": "eps", "estim_lr0": "estim_lr0",
                 "estim_lr_coef": "estim_lr_coef", "weight_decay": "weight_decay",
                 "safeguard_warmup": "safeguard_warmup"}),
}
# Our value -> the reference's, where they differ: 0 warmup steps is optax's None (its warmup_steps=0 would be a
# schedule constant at 0); schedule_free_sgd's weight decay 0 is its default None.
NONE_FOR_ZERO = {("schedule_free_sgd", "warmup_steps"), ("schedule_free_adamw", "warmup_steps"),
                 ("schedule_free_sgd", "weight_decay")}
# Reference arguments that are not hyperparameters of ours (flags, masks, dtypes), left at their defaults.
NOT_OURS = {"params", "self", "foreach", "maximize", "capturable", "differentiable", "mask", "mu_dtype",
            "weight_decay_mask", "trust_ratio_mask", "state_dtype", "variant"}


def reference_kwargs(rule: str, ours: dict) -> dict:
    """One run's hyperparameters under our names -> the reference call's keyword arguments."""
    mapping = RULES[rule][2]
    kwargs = {}
    for name, value in ours.items():
        target = mapping[name]
        if isinstance(target, tuple):
            if len(value) != len(target):
                raise ValueError(f"{rule}: {name} needs {len(target)} values")
            kwargs.update(zip(target, value))
        else:
            if (rule, name) in NONE_FOR_ZERO and value == 0:
                value = None
            kwargs[target] = list(value) if isinstance(value, tuple) else value
    return kwargs


# -- cases ----------------------------------------------------------------------------------------------------

# Learning rates of plain gradient steps (asgd, schedule_free_sgd), by surface: their steps scale with the
# gradient, which is ~100x larger on rosenbrock and beale than on the bowl.
SGD_LR = {"rosenbrock": 5e-4, "himmelblau": 0.005, "beale": 0.002, "anisotropic": 0.3}


def sgd_lr(scale: float) -> dict:
    return {surface: scale * lr for surface, lr in SGD_LR.items()}


# (rule, our hyperparameters shared by the runs, our hyperparameters per start or None). Setting 0 is the
# reference's defaults but for the learning rate where it has none, and for asgd and schedule_free_sgd. An "lr"
# dict gives the learning rate by surface. Non-default settings cover weight decay and nesterov where a rule
# has them, and per-run values (per_start) of one hyperparameter in a few rules.
CASES = [
    ("rprop", {}, None),
    ("rprop", {"lr": 0.1, "etas": (0.3, 1.5), "step_sizes": (1e-3, 0.5)}, None),
    ("rprop", {"etas": (0.6, 1.1), "step_sizes": (1e-4, 1.0)}, {"lr": [0.001, 0.01, 0.05, 0.2]}),
    ("asgd", {"lr": sgd_lr(1.0)}, None),
    ("asgd", {"lr": sgd_lr(1.0), "lambd": 0.05, "alpha": 0.6, "t0": 10.0, "weight_decay": 0.1}, None),
    ("asgd", {"lr": sgd_lr(0.8), "lambd": 1e-3, "alpha": 1.0}, {"t0": [0.0, 3.0, 20.0, 1e6]}),
    ("adafactor", {}, None),
    ("adafactor", {"lr": 0.1, "beta2_decay": -0.5, "eps": (1e-30, 1e-2), "d": 2.0, "weight_decay": 0.05}, None),
    ("adafactor", {"lr": 0.3, "eps": (0.5, 1e-3), "d": 1.0}, None),
    ("lion", {"lr": 0.01}, None),
    ("lion", {"lr": 0.03, "betas": (0.95, 0.98), "weight_decay": 0.1}, None),
    ("lion", {"betas": (0.5, 0.9), "weight_decay": 0.0}, {"lr": [0.003, 0.01, 0.02, 0.05]}),
    ("adabelief", {"lr": 0.05}, None),
    ("adabelief", {"lr": 0.1, "betas": (0.8, 0.99), "eps": 1e-8, "eps_root": 1e-10, "nesterov": True}, None),
    ("adabelief", {"lr": 0.1, "betas": (0.9, 0.9), "eps": 1e-4, "eps_root": 0.0}, None),
    ("adan", {"lr": 0.05}, None),
    ("adan", {"lr": 0.1, "betas": (0.9, 0.8, 0.95), "eps": 1e-6, "eps_root": 0.0, "weight_decay": 0.05}, None),
    ("adan", {"lr": 0.02}, {"weight_decay": [0.0, 0.01, 0.1, 0.5]}),
    ("lamb", {"lr": 0.02}, None),
    ("lamb", {"lr": 0.05, "betas": (0.8, 0.99), "eps": 1e-3, "eps_root": 1e-8, "weight_decay": 0.1}, None),
    ("lars", {"lr": 5.0}, None),
    ("lars", {"lr": 0.05, "momentum": 0.5, "nesterov": True, "trust_coefficient": 0.5, "eps": 1e-3,
              "weight_decay": 0.01}, None),
    ("lars", {"lr": 0.02, "momentum": 0.0, "trust_coefficient": 1.0, "weight_decay": 0.1}, None),
    ("yogi", {"lr": 0.05}, None),
    ("yogi", {"lr": 0.1, "betas": (0.5, 0.9), "eps": 1e-6}, None),
    ("novograd", {"lr": 0.01}, None),
    ("novograd", {"lr": 0.005, "betas": (0.5, 0.9), "eps": 1e-3, "eps_root": 1e-6, "weight_decay": 0.1}, None),
    ("polyak_sgd", {}, None),
    ("polyak_sgd", {"lr": 0.01, "scaling": 0.5, "f_min": -1.0, "eps": 1e-3}, None),
    ("polyak_sgd", {"scaling": 2.0}, {"f_min": [0.0, 0.5, -1.0, 2.0]}),
    ("schedule_free_sgd", {"lr": sgd_lr(1.0)}, None),
    ("schedule_free_sgd", {"lr": sgd_lr(1.0), "momentum": 0.7, "weight_decay": 0.05, "warmup_steps": 10,
                           "weight_lr_power": 1.0}, None),
    ("schedule_free_sgd", {"lr": sgd_lr(0.5), "momentum": 0.95, "warmup_steps": 5, "weight_lr_power": 0.0}, None),
    ("schedule_free_adamw", {}, None),
    ("schedule_free_adamw", {"lr": 0.05, "betas": (0.8, 0.99), "eps": 1e-6, "weight_decay": 0.1, "warmup_steps": 10,
                             "weight_lr_power": 1.0}, None),
    ("schedule_free_adamw", {"lr": 0.1, "betas": (0.95, 0.999)}, {"warmup_steps": [0, 5, 10, 20]}),
    ("prodigy", {}, None),
    ("prodigy", {"lr": 0.5, "betas": (0.8, 0.99), "beta3": 0.9, "eps": 1e-6, "estim_lr0": 1e-3, "estim_lr_coef": 2.0,
                 "weight_decay": 0.05, "safeguard_warmup": True}, None),
    ("prodigy", {}, {"estim_lr0": [1e-6, 1e-4, 1e-2, 1e-1]}),
]


def settings() -> list[tuple[str, int, dict, dict | None]]:
    """CASES numbered per rule: (rule, setting, hyperparameters, per_start)."""
    count: dict[str, int] = {}
    out = []
    for rule, hp, per_start in CASES:
        out.append((rule, count.get(rule, 0), hp, per_start))
        count[rule] = count.get(rule, 0) + 1
    return out


def case_id(rule: str, setting: int, surface: str) -> str:
    return f"{rule}-{setting}-{surface}"


def resolve(hyperparams: dict, surface: str) -> dict:
    """Concrete hyperparameters on ``surface`` (an "lr" dict holds one learning rate per surface)."""
    return {k: v[surface] if isinstance(v, dict) else v for k, v in hyperparams.items()}


def runs_hyperparams(hyperparams: dict, per_start: dict | None, n: int) -> list[dict]:
    per_start = per_start or {}
    return [{**hyperparams, **{k: v[i] for k, v in per_start.items()}} for i in range(n)]


def as_tuples(hyperparams: dict) -> dict:
    """JSON lists back to the tuples the rules take."""
    return {k: tuple(v) if isinstance(v, list) else v for k, v in hyperparams.items()}


# -- the references -------------------------------------------------------------------------------------------


def _check(points, label):
    if not all(math.isfinite(v) and abs(v) < BOUND for point in points for v in point):
        raise RuntimeError(f"{label} leaves the surface")


def torch_run(torch, rule: str, kwargs: dict, surface: str, start, steps: int) -> dict:
    """One start with torch.optim (the default dtype must be float64)."""
    p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    cls = getattr(torch.optim, RULES[rule][1].rsplit(".", 1)[1])
    opt = cls([p], foreach=False, **{k: tuple(v) if isinstance(v, list) else v for k, v in kwargs.items()})
    n, lr = len(start), float(opt.param_groups[0]["lr"])
    points, loss = [list(map(float, start))], []
    # the state as torch's _init_group creates it at the first step
    if rule == "rprop":
        state_log = {"step_size": [[lr] * n]}
    elif rule == "asgd":
        state_log = {"ax": [[0.0] * n], "eta": [lr], "mu": [1.0]}
    else:
        state_log = {"variance": [[0.0] * n]}
    for _ in range(steps):
        value, grad = value_and_grad(surface, p.detach().numpy())
        loss.append(value)
        p.grad = torch.from_numpy(grad.copy())
        opt.step()
        points.append([float(v) for v in p.detach()])
        st = opt.state[p]
        if rule == "rprop":
            state_log["step_size"].append([float(v) for v in st["step_size"]])
        elif rule == "asgd":
            state_log["ax"].append([float(v) for v in st["ax"]])
            state_log["eta"].append(float(st["eta"]))
            state_log["mu"].append(float(st["mu"]))
        else:
            state_log["variance"].append([float(v) for v in st["variance"]])
    loss.append(value_and_grad(surface, np.array(points[-1]))[0])
    return {"points": points, "loss": loss, "state": state_log}


def optax_run(jax, optax, rule: str, kwargs: dict, surface: str, start, steps: int) -> dict:
    """One start with optax, op by op, float64 (jax_enable_x64 must be on)."""
    jnp = jax.numpy
    fn = optax
    for part in RULES[rule][1].split(".")[1:]:
        fn = getattr(fn, part)
    opt = fn(**{k: tuple(v) if isinstance(v, list) else v for k, v in kwargs.items()})
    params = jnp.asarray(start, dtype=jnp.float64)
    state = opt.init(params)
    schedule_free = rule.startswith("schedule_free")
    points, loss = [list(map(float, start))], []
    state_log: dict[str, list] = {}

    def log_state():
        if schedule_free:
            x = np.asarray(optax.contrib.schedule_free_eval_params(state, params), dtype=np.float64)
            state_log.setdefault("x", []).append([float(v) for v in x])
            state_log.setdefault("x_loss", []).append(value_and_grad(surface, x)[0])
            state_log.setdefault("z", []).append([float(v) for v in np.asarray(state.z)])
        elif rule == "prodigy":
            state_log.setdefault("d", []).append(float(state.estim_lr))

    log_state()
    for _ in range(steps):
        value, grad = value_and_grad(surface, np.asarray(params, dtype=np.float64))
        loss.append(value)
        extra = {"value": jnp.asarray(value, dtype=jnp.float64)} if rule == "polyak_sgd" else {}
        updates, state = opt.update(jnp.asarray(grad), state, params, **extra)
        params = optax.apply_updates(params, updates)
        points.append([float(v) for v in np.asarray(params, dtype=np.float64)])
        log_state()
    loss.append(value_and_grad(surface, np.array(points[-1]))[0])
    return {"points": points, "loss": loss, "state": state_log}


def import_references(libraries=("torch", "optax")) -> dict:
    """The reference modules, configured for float64."""
    mods = {}
    if "torch" in libraries:
        import torch

        mods["torch"] = torch
    if "optax" in libraries:
        import jax

        jax.config.update("jax_enable_x64", True)
        import optax

        mods["jax"], mods["optax"] = jax, optax
    return mods


def run_case(mods: dict, rule: str, surface: str, starts, steps: int, hyperparams: dict,
             per_start: dict | None) -> tuple[list[dict], list[dict]]:
    """Every start of one case -> (reference kwargs per run, runs). ``hyperparams`` is concrete (resolved)."""
    library = RULES[rule][0]
    kwargs = [reference_kwargs(rule, as_tuples(hp)) for hp in runs_hyperparams(hyperparams, per_start, len(starts))]
    runs = []
    for i, start in enumerate(starts):
        label = f"{rule} {kwargs[i]} on {surface} from {start}"
        if library == "torch":
            torch = mods["torch"]
            previous = torch.get_default_dtype()
            torch.set_default_dtype(torch.float64)  # ASGD's eta/mu and the step counters use the default dtype
            try:
                run = torch_run(torch, rule, kwargs[i], surface, tuple(start), steps)
            finally:
                torch.set_default_dtype(previous)
        else:
            run = optax_run(mods["jax"], mods["optax"], rule, kwargs[i], surface, tuple(start), steps)
        _check(run["points"], label)
        runs.append(run)
    return kwargs, runs


def _jsonable(value):
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, float) and math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return value


def reference_defaults(mods: dict) -> dict:
    """Each rule's reference signature: {argument: default} (null where it has none), ours left out."""
    out = {}
    for rule, (library, call, _) in RULES.items():
        if library == "torch":
            fn = getattr(mods["torch"].optim, call.rsplit(".", 1)[1]).__init__
        else:
            fn = mods["optax"]
            for part in call.split(".")[1:]:
                fn = getattr(fn, part)
        sig = inspect.signature(fn)
        out[rule] = {
            name: None if p.default is inspect.Parameter.empty else _jsonable(p.default)
            for name, p in sig.parameters.items() if name not in NOT_OURS
        }
    return out


def our_defaults(ref_defaults: dict) -> dict:
    """The reference defaults under our names (a split tuple joined back; None -> 0 where 0 means None)."""
    out = {}
    for rule, (_, _, mapping) in RULES.items():
        ref = ref_defaults[rule]
        ours = {}
        for name, target in mapping.items():
            if isinstance(target, tuple):
                ours[name] = [ref[t] for t in target]
            else:
                value = ref[target]
                if (rule, name) in NONE_FOR_ZERO and value is None:
                    value = 0 if name == "warmup_steps" else 0.0
                ours[name] = value
        out[rule] = ours
    return out


def mapping_table() -> dict:
    return {rule: {ours: list(ref) if isinstance(ref, tuple) else ref for ours, ref in mapping.items()}
            for rule, (_, _, mapping) in RULES.items()}


def build_reference() -> dict:
    mods = import_references()
    cases = {}
    for rule, setting, hp, per_start in settings():
        library, call, _ = RULES[rule]
        for surface, (_, _, starts) in SURFACES.items():
            hyperparams = resolve(hp, surface)
            kwargs, runs = run_case(mods, rule, surface, starts, STEPS, hyperparams, per_start)
            cases[case_id(rule, setting, surface)] = {
                "rule": rule,
                "setting": setting,
                "surface": surface,
                "starts": [list(s) for s in starts],
                "steps": STEPS,
                "hyperparams": {k: _jsonable(v) for k, v in hyperparams.items()},
                "per_start": {k: [_jsonable(x) for x in v] for k, v in (per_start or {}).items()},
                "reference": {
                    "library": library,
                    "call": call,
                    "kwargs": [{k: _jsonable(v) for k, v in kw.items()} for kw in kwargs],
                    "update_kwargs": ["value"] if rule == "polyak_sgd" else [],
                },
                "runs": runs,
            }
    ref_defaults = reference_defaults(mods)
    return {
        "versions": {
            "torch": mods["torch"].__version__,
            "optax": mods["optax"].__version__,
            "jax": mods["jax"].__version__,
            "jaxlib": importlib.metadata.version("jaxlib"),
            "numpy": np.__version__,
        },
        "steps": STEPS,
        "rules": {rule: {"library": library, "call": call} for rule, (library, call, _) in RULES.items()},
        "surfaces": {name: [list(s) for s in starts] for name, (_, _, starts) in SURFACES.items()},
        "mapping": mapping_table(),
        "defaults": our_defaults(ref_defaults),
        "reference_defaults": ref_defaults,
        "cases": cases,
    }


def main() -> None:
    reference = build_reference()
    OUT.write_text(json.dumps(reference, separators=(",", ":")) + "\n")
    n_runs = sum(len(c["runs"]) for c in reference["cases"].values())
    print(f"wrote {OUT} ({OUT.stat().st_size / 1024:.0f} KB, {len(reference['cases'])} cases, {n_runs} runs)")


if __name__ == "__main__":
    main()
