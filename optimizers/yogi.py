"""Yogi, as optax.yogi (optax 0.2.8). Not in torch.optim.

Zaheer et al., "Adaptive Methods for Nonconvex Optimization" (NeurIPS 2018): Adam whose second
moment moves towards g² by an *additive* step of size ``(1 − β₂)g²``, in the direction of
``sign(g² − v)``, instead of Adam's multiplicative average. When a large gradient is followed by
small ones, v shrinks slowly, so the effective learning rate cannot jump up suddenly.

As optax computes it: ``m ← (1 − β₁)g + β₁m``; ``v ← v − (1 − β₂)·sign(v − g²)·g²``; both
bias-corrected with ``1 − β^t``; ``θ ← θ − lr·m̂ / (√v̂ + eps)``. ``optax.yogi`` fixes two values it
does not expose: eps_root = 0 and ``initial_accumulator_value = 1e-6`` — both m and v *start at
1e-6* in every coordinate (the paper's initialisation), not 0, and are still bias-corrected. So
Yogi creeps (by about lr·5e-4 per step) even where the gradient is exactly 0.

Defaults are optax's (β = (0.9, 0.999), eps = **1e-3**), except the learning rate, which optax
requires: 0.1 here (the paper's default is 1e-2).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, NamedTuple

import numpy as np

from . import _moments as mo
from .base import FLOAT, Rule, per_run

INITIAL_ACCUMULATOR = 1e-6  # optax.yogi's fixed initial value of both moments


class YogiState(NamedTuple):
    step: int
    exp_avg: np.ndarray  # m_t, (n, d); 1e-6 at the start
    exp_avg_sq: np.ndarray  # v_t, (n, d); 1e-6 at the start


class Yogi(Rule):
    __doc__ = mo.algorithm(
        [r"\gamma \text{ (lr)},\ \beta_1, \beta_2 \text{ (betas)},\ \epsilon \text{ (eps)},\ " + mo.INPUT_THETA],
        [r"m_0 \leftarrow 10^{-6},\ v_0 \leftarrow 10^{-6} \text{ (optax's initial accumulator)}"],
        [mo.GRAD,
         mo.FIRST_MOMENT,
         r"v_t \leftarrow v_{t-1} - (1 - \beta_2)\, \text{sign}\big(v_{t-1} - g_t^2\big)\, g_t^2",
         mo.DEBIAS,
         r"\theta_t \leftarrow \theta_{t-1} - \gamma \widehat{m_t} / \big(\sqrt{\widehat{v_t}} + \epsilon\big)"],
    )

    name = "yogi"
    title: ClassVar[Mapping[str, str]] = {"en": "Yogi", "ko": "Yogi (덧셈형 2차 모멘트)"}
    short = "Yogi"
    in_torch = False
    about: ClassVar[Mapping[str, str]] = {
        "en": "Yogi is Adam with a more cautious second moment: instead of averaging the squared gradients, it "
              "moves the estimate towards the new squared gradient by a fixed fraction of it. After a burst of "
              "large gradients the estimate falls slowly, so the steps do not suddenly become huge, a failure of "
              "Adam on problems with rare large gradients.",
        "ko": "Yogi는 2차 모멘트를 더 조심스럽게 다루는 Adam입니다. 기울기 제곱을 평균하는 대신, 추정값을 새 기울기 "
              "제곱 쪽으로 그 값의 일정 비율만큼만 옮깁니다. 큰 기울기가 몰려온 뒤에도 추정값이 천천히 줄어들어, "
              "드물게 큰 기울기가 나오는 문제에서 Adam의 걸음이 갑자기 커지는 실패를 막습니다.",
    }
    SPEC = (
        mo.lr_param(0.1, "Learning rate: roughly the largest distance one coordinate moves per step. optax has no "
                          "default; 0.1 suits these surfaces.",
                    "학습률: 한 번에 각 좌표가 움직이는 거리의 대략적인 상한입니다. optax에는 기본값이 없으며, "
                    "0.1은 이 곡면들에 맞춘 값입니다."),
        mo.betas_param((0.9, 0.999)),
        mo.eps_param(1e-3),
    )
    State = YogiState

    def init(self, params: np.ndarray) -> YogiState:
        start = self.zeros_like(params, INITIAL_ACCUMULATOR)
        return YogiState(step=0, exp_avg=start, exp_avg_sq=start.copy())

    def update(self, grads, state, params, lr=None):
        hp = self.hyperparams
        lr = per_run(self.lr if lr is None else lr)
        b1, b2 = (per_run(b) for b in hp["betas"])
        g = np.asarray(grads, dtype=FLOAT)
        step = state.step + 1
        m = mo.ema(state.exp_avg, g, b1)
        g2 = g * g
        v = state.exp_avg_sq - (1 - b2) * np.sign(state.exp_avg_sq - g2) * g2
        u = mo.debias(m, b1, step) / (np.sqrt(mo.debias(v, b2, step)) + per_run(hp["eps"]))
        return params + -lr * u, YogiState(step=step, exp_avg=m, exp_avg_sq=v)
