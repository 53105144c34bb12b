"""Lion (EvoLved Sign Momentum), as optax.lion (optax 0.2.8). Not in torch.optim.

Chen et al., "Symbolic Discovery of Optimization Algorithms" (2023): found by a program search,
Lion steps by the *sign* of an interpolation between the momentum and the new gradient, so every
coordinate moves by exactly ``lr`` (plus weight decay), and keeps its momentum with a second,
slower rate β₂. No second moment, no bias correction; the momentum starts at 0.

As optax computes it: ``c = (1 − β₁)g + β₁m``; ``u = sign(c) + λθ`` (sign(0) = 0; the decoupled
decay is added after the sign); ``θ ← θ − lr·u``; then ``m ← (1 − β₂)g + β₂m``.

Defaults are optax's (β = (0.9, 0.99), weight decay **1e-3**, not 0), except the learning rate,
which optax requires: 0.03 here. The paper advises a learning rate 3–10x smaller than AdamW's
with a weight decay 3–10x larger (the ``lion`` preset). With the default decay, Lion drifts
towards the origin even where the gradient vanishes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, NamedTuple

import numpy as np

from . import _moments as mo
from .base import FLOAT, Rule, per_run


class LionState(NamedTuple):
    step: int
    exp_avg: np.ndarray  # m_t, the momentum, (n, d)


class Lion(Rule):
    __doc__ = mo.algorithm(
        [r"\gamma \text{ (lr)},\ \beta_1, \beta_2 \text{ (betas)},\ " + mo.INPUT_THETA + r",\ "
         r"\lambda \text{ (weight decay)}"],
        [r"m_0 \leftarrow 0 \text{ (momentum)}"],
        [mo.GRAD,
         r"c_t \leftarrow (1 - \beta_1) g_t + \beta_1 m_{t-1}",
         r"\theta_t \leftarrow \theta_{t-1} - \gamma \big(\text{sign}(c_t) + \lambda \theta_{t-1}\big)",
         r"m_t \leftarrow (1 - \beta_2) g_t + \beta_2 m_{t-1}"],
    )

    name = "lion"
    title: ClassVar[Mapping[str, str]] = {"en": "Lion (evolved sign momentum)", "ko": "Lion (진화 탐색으로 찾은 부호 모멘텀)"}
    short = "Lion"
    in_torch = False
    about: ClassVar[Mapping[str, str]] = {
        "en": "Lion was found by a computer search over update rules. It keeps one momentum and moves every "
              "coordinate by exactly the learning rate, in the direction of the sign of a blend of momentum and "
              "gradient, so it needs less memory than Adam and every step has the same size. It is used for large "
              "vision and language models, with a smaller learning rate and a larger weight decay than AdamW.",
        "ko": "Lion은 컴퓨터가 갱신 규칙을 탐색해 찾아낸 방법입니다. 모멘텀 하나만 두고, 모멘텀과 기울기를 섞은 값의 "
              "부호 방향으로 모든 좌표를 정확히 학습률만큼 움직입니다. 그래서 Adam보다 메모리가 적게 들고 걸음 크기가 "
              "늘 같습니다. 큰 비전·언어 모델 학습에 쓰이며, AdamW보다 작은 학습률과 큰 가중치 감쇠를 씁니다.",
    }
    SPEC = (
        mo.lr_param(0.03, "Learning rate: every coordinate moves by exactly this much per step (plus weight decay). "
                          "optax has no default; 0.03 suits these surfaces.",
                    "학습률: 모든 좌표가 한 걸음에 정확히 이만큼 움직입니다(가중치 감쇠 별도). optax에는 기본값이 "
                    "없으며, 0.03은 이 곡면들에 맞춘 값입니다."),
        mo.betas_param((0.9, 0.99), "(β₁, β₂): β₁ blends momentum and gradient for the step's sign; β₂ is the "
                                    "momentum's own decay rate.",
                       "(β₁, β₂): β₁은 걸음의 부호를 정할 때 모멘텀과 기울기를 섞는 비율, β₂는 모멘텀 자체의 "
                       "감쇠율입니다."),
        mo.decoupled_weight_decay_param(1e-3),
    )
    State = LionState

    def init(self, params: np.ndarray) -> LionState:
        return LionState(step=0, exp_avg=self.zeros_like(params))

    def update(self, grads, state, params, lr=None):
        hp = self.hyperparams
        lr = per_run(self.lr if lr is None else lr)
        b1, b2 = (per_run(b) for b in hp["betas"])
        g = np.asarray(grads, dtype=FLOAT)
        u = mo.add_decayed_weights(np.sign(mo.ema(state.exp_avg, g, b1)), per_run(hp["weight_decay"]), params)
        return params + -lr * u, LionState(step=state.step + 1, exp_avg=mo.ema(state.exp_avg, g, b2))
