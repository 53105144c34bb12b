"""LAMB (layer-wise adaptive moments), as optax.lamb (optax 0.2.8). Not in torch.optim.

You et al., "Large Batch Optimization for Deep Learning: Training BERT in 76 minutes" (2019):
Adam's direction, plus decoupled weight decay, rescaled per layer so that its length is the
learning rate times the layer's parameter norm — the *trust ratio* ``‖θ‖ / ‖u‖``. Here a run's
parameters are one layer (one vector), so every step has length ``lr·‖θ‖``: long far from the
origin, short near it, whatever the gradient's size. Where ``‖θ‖ = 0`` or ``‖u‖ = 0`` the ratio
is 1 (optax's rule), so a run that starts at the origin takes a first step of length ``lr·‖u‖``.

As optax computes it: ``u = m̂ / (√(v̂ + eps_root) + eps)`` (Adam's, with optax's moving averages
``(1 − β)g + βm`` and bias corrections), ``u ← u + λθ``, ``r = ‖θ‖/‖u‖`` (trust coefficient 1,
no epsilon), ``θ ← θ − lr·r·u``.

Defaults are optax's (β = (0.9, 0.999), eps = 1e-6, eps_root = 0, no weight decay), except the
learning rate, which optax requires: 0.05 here (each step moves 5 % of the distance to the
origin).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, NamedTuple

import numpy as np

from . import _moments as mo
from .base import FLOAT, Rule, per_run


class LAMBState(NamedTuple):
    step: int
    exp_avg: np.ndarray  # m_t, (n, d)
    exp_avg_sq: np.ndarray  # v_t, (n, d)


class LAMB(Rule):
    __doc__ = mo.algorithm(
        [r"\gamma \text{ (lr)},\ \beta_1, \beta_2 \text{ (betas)},\ " + mo.INPUT_THETA,
         r"\epsilon \text{ (eps)},\ \epsilon_{root} \text{ (eps root)},\ \lambda \text{ (weight decay)}"],
        [r"m_0 \leftarrow 0,\ v_0 \leftarrow 0"],
        [mo.GRAD,
         mo.FIRST_MOMENT,
         mo.SECOND_MOMENT,
         mo.DEBIAS,
         r"u_t \leftarrow \widehat{m_t} / \big(\sqrt{\widehat{v_t} + \epsilon_{root}} + \epsilon\big) "
         r"+ \lambda \theta_{t-1}",
         r"r_t \leftarrow \lVert \theta_{t-1} \rVert / \lVert u_t \rVert \quad "
         r"(1 \text{ if either norm is } 0)",
         r"\theta_t \leftarrow \theta_{t-1} - \gamma r_t u_t"],
    )

    name = "lamb"
    title: ClassVar[Mapping[str, str]] = {"en": "LAMB (layer-wise adaptive moments)", "ko": "LAMB (층별 적응 모멘트)"}
    short = "LAMB"
    in_torch = False
    about: ClassVar[Mapping[str, str]] = {
        "en": "LAMB takes Adam's direction and rescales it, layer by layer, to a length proportional to the norm of "
              "that layer's weights. It was made to train with huge batches (BERT in 76 minutes), where one "
              "learning rate cannot suit layers of very different scales. Here a run is one layer, so each step is "
              "the learning rate times the distance from the origin.",
        "ko": "LAMB는 Adam의 방향을 층마다 그 층 가중치의 노름에 비례하는 길이로 다시 맞춥니다. 아주 큰 배치로 학습하려고 "
              "만들어졌으며(BERT를 76분에 학습), 크기가 매우 다른 층들에 학습률 하나로는 맞출 수 없는 문제를 풉니다. "
              "여기서는 실행 하나가 층 하나이므로, 걸음 길이는 학습률 곱하기 원점까지의 거리입니다.",
    }
    SPEC = (
        mo.lr_param(0.05, "Learning rate: each step's length is lr·‖θ‖ (the trust ratio). optax has no default; "
                          "0.05 suits these surfaces.",
                    "학습률: 걸음 길이는 lr·‖θ‖입니다(신뢰 비율). optax에는 기본값이 없으며, 0.05는 이 곡면들에 "
                    "맞춘 값입니다."),
        mo.betas_param((0.9, 0.999)),
        mo.eps_param(1e-6),
        mo.eps_root_param(0.0),
        mo.decoupled_weight_decay_param(0.0, "Decoupled weight decay λ: λθ is added to Adam's direction before the "
                                             "trust ratio rescales it.",
                                        "분리형 가중치 감쇠 λ: 신뢰 비율로 길이를 맞추기 전에 Adam의 방향에 λθ를 "
                                        "더합니다."),
    )
    State = LAMBState

    def init(self, params: np.ndarray) -> LAMBState:
        zeros = self.zeros_like(params)
        return LAMBState(step=0, exp_avg=zeros, exp_avg_sq=zeros.copy())

    def update(self, grads, state, params, lr=None):
        hp = self.hyperparams
        lr = per_run(self.lr if lr is None else lr)
        b1, b2 = (per_run(b) for b in hp["betas"])
        eps, eps_root = per_run(hp["eps"]), per_run(hp["eps_root"])
        g = np.asarray(grads, dtype=FLOAT)
        step = state.step + 1
        m, v = mo.ema(state.exp_avg, g, b1), mo.ema_sq(state.exp_avg_sq, g, b2)
        u = mo.debias(m, b1, step) / (np.sqrt(mo.debias(v, b2, step) + eps_root) + eps)
        u = mo.add_decayed_weights(u, per_run(hp["weight_decay"]), params)
        u = u * mo.trust_ratio(params, u)
        return params + -lr * u, LAMBState(step=step, exp_avg=m, exp_avg_sq=v)
