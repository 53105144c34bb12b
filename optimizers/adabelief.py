"""AdaBelief, as optax.adabelief (optax 0.2.8). Not in torch.optim.

Zhuang et al., "AdaBelief Optimizer: Adapting Stepsizes by the Belief in Observed Gradients"
(2020): Adam with the second moment replaced by the moving average of ``(g − m)²``, the squared
distance between the gradient and its prediction, the momentum. Where gradients agree with the
momentum (a smooth slope) the denominator is small and the step large; where they scatter, the
step is small.

As optax computes it (the order matters): ``m ← (1 − β₁)g + β₁m``; ``s ← (1 − β₂)(g − m)² + β₂s``
with the *new* m; then ``s ← s + eps_root`` — eps_root is stored in the state and so accumulates
over the steps; bias corrections with ``1 − β^t``; ``θ ← θ − lr·m̂ / (√ŝ + eps)``. ``nesterov``
(optax's keyword-only option) uses ``m̂ = β₁m/(1 − β₁^{t+1}) + (1 − β₁)g/(1 − β₁^t)``, the same
formula as optax's NAdam.

Defaults are optax's (β = (0.9, 0.999), eps = 1e-16, eps_root = 1e-16), except the learning rate,
which optax requires: 0.1 here, a step of about 0.1 per coordinate on these surfaces. The
paper's own defaults (its PyTorch code) are lr 1e-3 and eps 1e-16.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, NamedTuple

import numpy as np

from . import _moments as mo
from .base import FLOAT, Rule, per_run


class AdaBeliefState(NamedTuple):
    step: int
    exp_avg: np.ndarray  # m_t, (n, d)
    exp_avg_var: np.ndarray  # s_t, the "belief": average of (g − m)² plus the accumulated eps_root, (n, d)


class AdaBelief(Rule):
    __doc__ = mo.algorithm(
        [r"\gamma \text{ (lr)},\ \beta_1, \beta_2 \text{ (betas)},\ " + mo.INPUT_THETA,
         r"\epsilon \text{ (eps)},\ \epsilon_{root} \text{ (eps root)},\ \textit{nesterov}"],
        [r"m_0 \leftarrow 0,\ s_0 \leftarrow 0"],
        [mo.GRAD,
         mo.FIRST_MOMENT,
         r"s_t \leftarrow (1 - \beta_2) (g_t - m_t)^2 + \beta_2 s_{t-1} + \epsilon_{root}",
         r"\textbf{if}\ \textit{nesterov}:\ \widehat{m_t} \leftarrow \beta_1 m_t / \big(1 - \beta_1^{t+1}\big) "
         r"+ (1 - \beta_1) g_t / \big(1 - \beta_1^t\big)",
         r"\textbf{else}:\ \widehat{m_t} \leftarrow m_t / \big(1 - \beta_1^t\big)",
         r"\widehat{s_t} \leftarrow s_t / \big(1 - \beta_2^t\big)",
         r"\theta_t \leftarrow \theta_{t-1} - \gamma \widehat{m_t} / \big(\sqrt{\widehat{s_t}} + \epsilon\big)"],
    )

    name = "adabelief"
    title: ClassVar[Mapping[str, str]] = {"en": "AdaBelief", "ko": "AdaBelief (믿음에 맞춘 적응 학습률)"}
    short = "AdaBelief"
    in_torch = False
    about: ClassVar[Mapping[str, str]] = {
        "en": "AdaBelief is Adam that divides by how much the gradient deviates from its running average instead "
              "of by its size. On a long smooth slope the gradient is well predicted, so the steps grow like "
              "momentum SGD's; where it jumps around, they shrink like Adam's. It aims at Adam's fast start with "
              "SGD's good final results.",
        "ko": "AdaBelief는 Adam에서 기울기의 크기 대신, 기울기가 이동 평균(예측)에서 얼마나 벗어났는지로 나눕니다. "
              "길고 매끄러운 비탈에서는 기울기가 잘 예측되므로 모멘텀 SGD처럼 걸음이 커지고, 기울기가 들쭉날쭉한 "
              "곳에서는 Adam처럼 작아집니다. Adam의 빠른 출발과 SGD의 좋은 최종 결과를 함께 노립니다.",
    }
    SPEC = (
        mo.lr_param(0.1, "Learning rate: roughly the largest distance one coordinate moves per step. optax has no "
                          "default; 0.1 suits these surfaces.",
                    "학습률: 한 번에 각 좌표가 움직이는 거리의 대략적인 상한입니다. optax에는 기본값이 없으며, "
                    "0.1은 이 곡면들에 맞춘 값입니다."),
        mo.betas_param((0.9, 0.999), "Decay rates of the running average of the gradient and of its squared "
                                     "deviation from that average.",
                       "기울기 이동 평균과, 그 평균에서 벗어난 정도의 제곱 이동 평균의 감쇠율입니다."),
        mo.eps_param(1e-16),
        mo.eps_root_param(1e-16, "Added to the belief s every step (it accumulates in the state), inside the "
                                 "square root.",
                          "매 걸음 s에 더해져(상태에 누적됩니다) 제곱근 안에 들어가는 작은 수입니다."),
        mo.nesterov_param("Nesterov momentum: mix the new gradient into the bias-corrected momentum (as NAdam).",
                          "네스테로프 모멘텀: 편향 보정된 모멘텀에 새 기울기를 섞습니다(NAdam과 같은 방식)."),
    )
    State = AdaBeliefState

    def init(self, params: np.ndarray) -> AdaBeliefState:
        zeros = self.zeros_like(params)
        return AdaBeliefState(step=0, exp_avg=zeros, exp_avg_var=zeros.copy())

    def update(self, grads, state, params, lr=None):
        hp = self.hyperparams
        lr = per_run(self.lr if lr is None else lr)
        b1, b2 = (per_run(b) for b in hp["betas"])
        eps, eps_root = per_run(hp["eps"]), per_run(hp["eps_root"])
        g = np.asarray(grads, dtype=FLOAT)
        step = state.step + 1
        m = mo.ema(state.exp_avg, g, b1)
        s = mo.ema_sq(state.exp_avg_var, g - m, b2) + eps_root
        if hp["nesterov"]:
            m_hat = b1 * mo.debias(m, b1, step + 1) + (1 - b1) * mo.debias(g, b1, step)
        else:
            m_hat = mo.debias(m, b1, step)
        u = m_hat / (np.sqrt(mo.debias(s, b2, step)) + eps)
        return params + -lr * u, AdaBeliefState(step=step, exp_avg=m, exp_avg_var=s)
