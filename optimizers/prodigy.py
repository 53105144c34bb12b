"""Prodigy, as optax.contrib.prodigy (optax 0.2.8). Not in torch.optim.

Mishchenko & Defazio, "Prodigy: An Expeditiously Adaptive Parameter-Free Learner" (2023): Adam
whose learning rate is multiplied by an estimate d of the distance from the start to the solution,
``‖θ₀ − θ*‖``. d starts tiny (``estim_lr0``) and only grows: it is the ratio of a weighted sum of
``⟨g, θ₀ − θ⟩`` (how much the gradients have pointed back towards the start) to the size of the
weighted gradient sum. With ``lr = 1`` (the default) the learning rate is found by the method.

As optax computes it, per run, with d the *old* estimate: ``bc = √(1 − β₂^t)/(1 − β₁^t)``;
``dlr = d·lr·bc``; ``m ← β₁m + (1 − β₁)(d·g)``; ``v ← β₂v + (1 − β₂)(d·g)²``;
``s ← β₃s + dlr·(d·g)/d₀`` (``d·(d·g)/d₀`` with ``safeguard_warmup``);
``r ← β₃r + (d/d₀)·dlr·⟨g, θ₀ − θ⟩`` (the raw g); ``d_new = max(d, estim_lr_coef·r/Σ|s|)``;
``θ ← θ − λ·dlr·θ − dlr·m/(√v + d_new·eps)`` — eps is scaled by the *new* d, the rest by the old.
The first step has θ = θ₀, so r = 0 and d stays ``estim_lr0``. Where the gradient is exactly 0 at
the start, ``r/Σ|s|`` is 0/0: optax's d becomes NaN and so does the step, and the run loop stops that
run as diverged (the original PyTorch code skips such a step instead; optax is followed here).

The state keeps m, v, s and θ₀ per coordinate, and per run the estimate ``d`` (optax's
``estim_lr``) and the weighted numerator ``r`` (``EXTRA_STATE``).

Defaults are optax's: lr 1.0, β = (0.9, 0.999), eps 1e-8, estim_lr0 1e-6, estim_lr_coef 1, no
weight decay, no safeguard warmup, and ``beta3 = None``, which means ``√β₂``: a ``beta3`` that is
not given (or None) follows ``betas[1]`` as in optax; the declared default, √0.999, is what that
gives with the default betas (the app's input needs a number).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, NamedTuple

import numpy as np

from . import _moments as mo
from .base import FLOAT, HyperParam, Rule, per_run


class ProdigyState(NamedTuple):
    step: int
    exp_avg: np.ndarray  # m_t, the average of d·g, (n, d)
    exp_avg_sq: np.ndarray  # v_t, the average of (d·g)², (n, d)
    grad_sum: np.ndarray  # s_t, the weighted sum of d·g, (n, d)
    params0: np.ndarray  # θ₀, the start, (n, d)
    d: np.ndarray  # the distance estimate (optax's estim_lr), one per run, (n,)
    numerator: np.ndarray  # r_t, the weighted sum of ⟨g, θ₀ − θ⟩, one per run, (n,)


def _sqrt_beta2(beta2: Any) -> Any:
    """optax's ``beta2 ** 0.5`` in Python floats (per run if beta2 is per run)."""
    arr = np.asarray(beta2, dtype=FLOAT)
    if arr.ndim == 0:
        return np.asarray(float(arr) ** 0.5)
    return np.array([float(b) ** 0.5 for b in arr])


class Prodigy(Rule):
    __doc__ = mo.algorithm(
        [r"\gamma \text{ (lr)},\ \beta_1, \beta_2 \text{ (betas)},\ \beta_3 \text{ (beta3)},\ "
         r"d_0 \text{ (estim lr0)},\ \kappa \text{ (estim lr coef)},\ " + mo.INPUT_THETA,
         r"\epsilon \text{ (eps)},\ \lambda \text{ (weight decay)},\ \textit{safeguard\_warmup}"],
        [r"m_0, v_0, s_0 \leftarrow 0,\ r_0 \leftarrow 0,\ d \leftarrow d_0"],
        [mo.GRAD,
         r"\eta_t \leftarrow d_{t-1} \gamma \sqrt{1 - \beta_2^t} / \big(1 - \beta_1^t\big)",
         r"m_t \leftarrow \beta_1 m_{t-1} + (1 - \beta_1) d_{t-1} g_t,\ "
         r"v_t \leftarrow \beta_2 v_{t-1} + (1 - \beta_2) d_{t-1}^2 g_t^2",
         r"s_t \leftarrow \beta_3 s_{t-1} + \eta_t d_{t-1} g_t / d_0 \quad "
         r"(d_{t-1}^2 g_t / d_0 \text{ with } \textit{safeguard\_warmup})",
         r"r_t \leftarrow \beta_3 r_{t-1} + (d_{t-1} / d_0) \eta_t \big(g_t \cdot (\theta_0 - \theta_{t-1})\big)",
         r"d_t \leftarrow \max\big(d_{t-1}, \kappa r_t / \lVert s_t \rVert_1\big)",
         r"\theta_t \leftarrow \theta_{t-1} - \lambda \eta_t \theta_{t-1} - \eta_t m_t / \big(\sqrt{v_t} + d_t \epsilon\big)"],
    )

    name = "prodigy"
    title: ClassVar[Mapping[str, str]] = {"en": "Prodigy", "ko": "Prodigy (학습률 자동 추정)"}
    short = "Prodigy"
    in_torch = False
    about: ClassVar[Mapping[str, str]] = {
        "en": "Prodigy is Adam that sets its own learning rate. It estimates how far the solution is from the start, "
              "from how strongly the gradients keep pointing back along the way already travelled, and scales the "
              "steps by that distance; the estimate starts tiny and only grows. It is meant to remove learning-rate "
              "tuning: leave lr at 1.",
        "ko": "Prodigy는 학습률을 스스로 정하는 Adam입니다. 기울기가 지금까지 온 길을 얼마나 강하게 가리키는지로 시작점에서 "
              "해까지의 거리를 추정하고, 그 거리로 걸음 크기를 맞춥니다. 추정값은 아주 작게 시작해 커지기만 합니다. "
              "학습률 조정을 없애려는 방법이므로 lr은 1로 두면 됩니다.",
    }
    SPEC = (
        mo.lr_param(1.0, "Multiplier of the estimated learning rate d (leave at 1; optax's default).",
                    "추정된 학습률 d에 곱하는 값입니다(1로 두면 됩니다. optax의 기본값)."),
        mo.betas_param((0.9, 0.999)),
        HyperParam("beta3", 0.999 ** 0.5, low=0.0, high=1.0,
                   help={"en": "Decay rate β₃ of the sums behind the distance estimate; optax's default (None) "
                               "is √β₂.",
                         "ko": "거리 추정에 쓰는 합들의 감쇠율 β₃입니다. optax의 기본값(None)은 √β₂입니다."}),
        mo.eps_param(1e-8, "Added to the denominator, scaled by the estimate d.",
                     "분모에 더하는 작은 수로, 추정값 d를 곱해서 씁니다."),
        HyperParam("estim_lr0", 1e-6, low=0.0, low_open=True, log=True,
                   help={"en": "Initial distance estimate d₀ (tiny: the estimate only grows).",
                         "ko": "처음 거리 추정값 d₀입니다(아주 작게: 추정값은 커지기만 합니다)."}),
        HyperParam("estim_lr_coef", 1.0, low=0.0,
                   help={"en": "Multiplier of each new distance estimate.",
                         "ko": "새로 구한 거리 추정값에 곱하는 값입니다."}),
        mo.decoupled_weight_decay_param(0.0, "Weight decay λ: θ shrinks by λ times the adapted step size.",
                                        "가중치 감쇠 λ: θ를 적응된 걸음 크기의 λ배만큼 줄입니다."),
        HyperParam("safeguard_warmup", False, kind="bool",
                   help={"en": "Leave the learning rate out of the gradient sum s (steadier estimates while a "
                               "schedule warms up).",
                         "ko": "기울기 합 s에서 학습률을 빼고 더합니다(스케줄 워밍업 중에 추정이 안정됩니다)."}),
    )
    State = ProdigyState
    EXTRA_STATE = ("d", "numerator")

    def __init__(self, **hyperparams: Any) -> None:
        follow = hyperparams.get("beta3") is None
        if follow:
            hyperparams.pop("beta3", None)
        super().__init__(**hyperparams)
        if follow:  # optax's beta3=None: √β₂ of the betas given
            self.hyperparams["beta3"] = _sqrt_beta2(self.hyperparams["betas"][1])

    def init(self, params: np.ndarray) -> ProdigyState:
        zeros = self.zeros_like(params)
        params0 = zeros.copy()
        params0[...] = params
        return ProdigyState(step=0, exp_avg=zeros, exp_avg_sq=zeros.copy(), grad_sum=zeros.copy(), params0=params0,
                            d=self.zeros_like(params, self.hyperparams["estim_lr0"])[:, 0].copy(),
                            numerator=zeros[:, 0].copy())

    def update(self, grads, state, params, lr=None):
        hp = self.hyperparams
        lr = per_run(self.lr if lr is None else lr)
        b1, b2 = (per_run(b) for b in hp["betas"])
        b3, eps, d0 = per_run(hp["beta3"]), per_run(hp["eps"]), per_run(hp["estim_lr0"])
        g = np.asarray(grads, dtype=FLOAT)
        step = state.step + 1
        n = g.shape[0]
        d = state.d[:, None]
        bc = np.sqrt(mo.bias_correction(b2, step)) / mo.bias_correction(b1, step)
        dlr = d * lr * bc
        dg = d * g
        numerator_acc = mo.run_dot(g, state.params0 - params)
        m = b1 * state.exp_avg + (1 - b1) * dg
        v = b2 * state.exp_avg_sq + (1 - b2) * dg * dg
        s = b3 * state.grad_sum + ((d if hp["safeguard_warmup"] else dlr) * dg) / d0
        r = b3 * state.numerator[:, None] + (d / d0) * dlr * numerator_acc
        with np.errstate(divide="ignore", invalid="ignore"):
            d_new = np.maximum(d, per_run(hp["estim_lr_coef"]) * r / mo.run_sum(np.abs(s)))
            new_params = params + (-per_run(hp["weight_decay"]) * dlr * params - dlr * m / (np.sqrt(v) + d_new * eps))
        return new_params, ProdigyState(step=step, exp_avg=m, exp_avg_sq=v, grad_sum=s, params0=state.params0,
                                        d=mo.column(d_new, n)[:, 0], numerator=mo.column(r, n)[:, 0])
