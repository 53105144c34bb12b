"""Adan (adaptive Nesterov momentum), as optax.adan (optax 0.2.8). Not in torch.optim.

Xie et al., "Adan: Adaptive Nesterov Momentum Algorithm for Faster Optimizing Deep Models" (2022):
besides Adam's two moments Adan averages the gradient *difference* ``g_t − g_{t−1}``, a cheap
look-ahead that stands in for Nesterov's extrapolated gradient, and builds its second moment from
the corrected gradient ``g + (1 − β₂)(g_t − g_{t−1})``.

Its three decay rates: optax's ``b1, b2, b3`` are ``betas = (b1, b2)`` and ``beta3`` here, the same
split as Prodigy's ``betas``/``beta3`` (the app's inputs show a pair and a number); a 3-tuple
``betas=(b1, b2, b3)``, the spelling of the paper's PyTorch code, is accepted and split.

As optax's code computes it (not its docstring, whose moment formulas swap β and 1 − β and whose
weight decay divides by 1 + λγ): the difference is 0 at the first step; ``m, v, n`` are optax
moving averages ``(1 − β)x + β·avg`` of ``g``, of the difference and of the squared corrected
gradient; each is bias-corrected; ``u = (m̂ + (1 − β₂)v̂) / (√(n̂ + eps_root) + eps)``; the
decoupled decay ``λθ`` is added and the sum scaled by −lr.

Defaults are optax's (β = (0.98, 0.92), β₃ = 0.99, eps = 1e-8, eps_root = 1e-8 — ``optax.adan``'s,
while ``scale_by_adan`` alone has 0 — and no weight decay), except the learning rate, which optax
requires: 0.1 here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, NamedTuple

import numpy as np

from . import _moments as mo
from .base import FLOAT, HyperParam, Rule, per_run


class AdanState(NamedTuple):
    step: int
    exp_avg: np.ndarray  # m_t, average of the gradients, (n, d)
    exp_avg_diff: np.ndarray  # v_t, average of the gradient differences, (n, d)
    exp_avg_sq: np.ndarray  # n_t, average of the squared corrected gradients, (n, d)
    prev_grad: np.ndarray  # g_{t}, for the next difference, (n, d)


class Adan(Rule):
    __doc__ = mo.algorithm(
        [r"\gamma \text{ (lr)},\ \beta_1, \beta_2 \text{ (betas)},\ \beta_3 \text{ (beta3)},\ " + mo.INPUT_THETA,
         r"\epsilon \text{ (eps)},\ \epsilon_{root} \text{ (eps root)},\ \lambda \text{ (weight decay)}"],
        [r"m_0, v_0, n_0 \leftarrow 0"],
        [mo.GRAD,
         r"\Delta_t \leftarrow g_t - g_{t-1} \text{ if } t > 1 \text{ else } 0",
         mo.FIRST_MOMENT,
         r"v_t \leftarrow (1 - \beta_2) \Delta_t + \beta_2 v_{t-1}",
         r"n_t \leftarrow (1 - \beta_3) \big(g_t + (1 - \beta_2) \Delta_t\big)^2 + \beta_3 n_{t-1}",
         r"\widehat{m_t}, \widehat{v_t}, \widehat{n_t} \leftarrow m_t / \big(1 - \beta_1^t\big),\ "
         r"v_t / \big(1 - \beta_2^t\big),\ n_t / \big(1 - \beta_3^t\big)",
         r"u_t \leftarrow \big(\widehat{m_t} + (1 - \beta_2) \widehat{v_t}\big) \big/ "
         r"\big(\sqrt{\widehat{n_t} + \epsilon_{root}} + \epsilon\big)",
         r"\theta_t \leftarrow \theta_{t-1} - \gamma \big(u_t + \lambda \theta_{t-1}\big)"],
    )

    name = "adan"
    title: ClassVar[Mapping[str, str]] = {"en": "Adan (adaptive Nesterov momentum)", "ko": "Adan (적응적 네스테로프 모멘텀)"}
    short = "Adan"
    in_torch = False
    about: ClassVar[Mapping[str, str]] = {
        "en": "Adan adds a third running average to Adam's two: that of the change of the gradient between steps. "
              "The change tells where the gradient is heading, which gives Nesterov's look-ahead without computing "
              "a second gradient. It was proposed for vision, language and reinforcement-learning models, often "
              "matching their tuned optimizers in fewer steps.",
        "ko": "Adan은 Adam의 두 이동 평균에 세 번째를 더합니다. 걸음 사이 기울기의 변화량의 평균입니다. 이 변화량이 "
              "기울기가 어디로 바뀌어 가는지 알려 주므로, 기울기를 한 번 더 계산하지 않고도 네스테로프의 내다보기 "
              "효과를 얻습니다. 비전·언어·강화학습 모델에서 기존 최적화기와 같은 성능을 더 적은 걸음으로 내도록 "
              "제안되었습니다.",
    }
    SPEC = (
        mo.lr_param(0.1, "Learning rate: roughly the largest distance one coordinate moves per step. optax has no "
                          "default; 0.1 suits these surfaces.",
                    "학습률: 한 번에 각 좌표가 움직이는 거리의 대략적인 상한입니다. optax에는 기본값이 없으며, "
                    "0.1은 이 곡면들에 맞춘 값입니다."),
        mo.betas_param((0.98, 0.92), "(β₁, β₂): decay rates of the averages of the gradient and of the gradient's "
                                     "change between steps (optax's b1, b2).",
                       "(β₁, β₂): 기울기와, 걸음 사이 기울기 변화량의 이동 평균 감쇠율입니다(optax의 b1, b2)."),
        HyperParam("beta3", 0.99, low=0.0, high=1.0, high_open=True,
                   help={"en": "β₃: decay rate of the average of the squared corrected gradient (optax's b3).",
                         "ko": "β₃: 보정된 기울기 제곱의 이동 평균 감쇠율입니다(optax의 b3)."}),
        mo.eps_param(1e-8),
        mo.eps_root_param(1e-8),
        mo.decoupled_weight_decay_param(0.0),
    )
    State = AdanState

    def __init__(self, **hyperparams: Any) -> None:
        betas = hyperparams.get("betas")
        if isinstance(betas, (tuple, list)) and len(betas) == 3:  # the paper's betas=(b1, b2, b3)
            if "beta3" in hyperparams:
                raise ValueError("Invalid betas: three values and beta3 as well (give beta3 once)")
            hyperparams = {**hyperparams, "betas": tuple(betas[:2]), "beta3": betas[2]}
        super().__init__(**hyperparams)

    def init(self, params: np.ndarray) -> AdanState:
        zeros = self.zeros_like(params)
        return AdanState(step=0, exp_avg=zeros, exp_avg_diff=zeros.copy(), exp_avg_sq=zeros.copy(),
                         prev_grad=zeros.copy())

    def update(self, grads, state, params, lr=None):
        hp = self.hyperparams
        lr = per_run(self.lr if lr is None else lr)
        b1, b2 = (per_run(b) for b in hp["betas"])
        b3, eps, eps_root = per_run(hp["beta3"]), per_run(hp["eps"]), per_run(hp["eps_root"])
        g = np.asarray(grads, dtype=FLOAT)
        diff = g - state.prev_grad if state.step > 0 else np.zeros_like(g)
        m = mo.ema(state.exp_avg, g, b1)
        v = mo.ema(state.exp_avg_diff, diff, b2)
        n = mo.ema_sq(state.exp_avg_sq, g + (1 - b2) * diff, b3)
        step = state.step + 1
        u = mo.debias(m, b1, step) + (1 - b2) * mo.debias(v, b2, step)
        u = u / (np.sqrt(mo.debias(n, b3, step) + eps_root) + eps)
        u = mo.add_decayed_weights(u, per_run(hp["weight_decay"]), params)
        return params + -lr * u, AdanState(step=step, exp_avg=m, exp_avg_diff=v, exp_avg_sq=n, prev_grad=g.copy())
