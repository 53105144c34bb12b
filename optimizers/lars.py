"""LARS (layer-wise adaptive rate scaling), as optax.lars (optax 0.2.8). Not in torch.optim.

You, Gitman & Ginsburg, "Large Batch Training of Convolutional Networks" (2017): momentum SGD
whose step, per layer, is rescaled by the *trust ratio* ``η·‖θ‖ / ‖g + λθ‖`` (η the trust
coefficient), so its length is ``lr·η·‖θ‖`` whatever the gradient's size. A run's parameters
here are one layer (one vector).

As optax computes it, in this order: ``u = g + λθ``; ``r = η‖θ‖ / (‖u‖ + eps)``, or r = 1 where
``‖θ‖ = 0`` or ``‖u‖ = 0`` (the coefficient is then not applied either: from the origin the first
step is a plain ``−lr·g``); ``u ← −lr·r·u``; and only *then* momentum on the scaled step,
``b ← u + μb``, the update being b (or ``u + μb`` with ``nesterov``). The buffer (``trace``,
optax's name) therefore holds steps already scaled by −lr: it points downhill, unlike SGD's
momentum buffer, and remembers the learning rates it was made with under a schedule.

Defaults are optax's (momentum 0.9, trust coefficient **0.001**, eps 0, no weight decay, no
Nesterov), except the learning rate, which optax requires: 1.0 here, so that a step is 0.1 % of
the distance to the origin, about 1 % once momentum has built up.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, NamedTuple

import numpy as np

from . import _moments as mo
from .base import FLOAT, HyperParam, Rule, per_run


class LARSState(NamedTuple):
    step: int
    trace: np.ndarray  # b_t, the momentum of the already scaled steps (downhill), (n, d)


class LARS(Rule):
    __doc__ = mo.algorithm(
        [r"\gamma \text{ (lr)},\ \mu \text{ (momentum)},\ \eta \text{ (trust coefficient)},\ " + mo.INPUT_THETA,
         r"\epsilon \text{ (eps)},\ \lambda \text{ (weight decay)},\ \textit{nesterov}"],
        [r"b_0 \leftarrow 0"],
        [mo.GRAD,
         r"u_t \leftarrow g_t + \lambda \theta_{t-1}",
         r"r_t \leftarrow \eta \lVert \theta_{t-1} \rVert / \big(\lVert u_t \rVert + \epsilon\big) \quad "
         r"(1 \text{ if } \lVert \theta_{t-1} \rVert = 0 \text{ or } \lVert u_t \rVert = 0)",
         r"u_t \leftarrow -\gamma r_t u_t",
         r"b_t \leftarrow u_t + \mu b_{t-1}",
         r"\textbf{if}\ \textit{nesterov}:\ \theta_t \leftarrow \theta_{t-1} + u_t + \mu b_t",
         r"\textbf{else}:\ \theta_t \leftarrow \theta_{t-1} + b_t"],
    )

    name = "lars"
    title: ClassVar[Mapping[str, str]] = {"en": "LARS (layer-wise adaptive rate scaling)",
                                          "ko": "LARS (층별 적응 학습률 조정)"}
    short = "LARS"
    in_torch = False
    about: ClassVar[Mapping[str, str]] = {
        "en": "LARS is momentum SGD with one learning rate per layer, proportional to the ratio of the layer's "
              "weight norm to its gradient norm. It made training image classifiers with batches of tens of "
              "thousands possible, where a single learning rate makes some layers diverge. Here a run is one "
              "layer, so the step length follows the distance from the origin, not the slope.",
        "ko": "LARS는 층마다 학습률을 따로 두는 모멘텀 SGD로, 그 학습률은 층 가중치 노름과 기울기 노름의 비에 "
              "비례합니다. 학습률 하나로는 일부 층이 발산하는 수만 개 크기의 배치로도 이미지 분류기를 학습할 수 있게 "
              "했습니다. 여기서는 실행 하나가 층 하나이므로, 걸음 길이가 기울기가 아니라 원점까지의 거리를 따릅니다.",
    }
    SPEC = (
        mo.lr_param(1.0, "Learning rate: with the trust ratio each step's length is lr·η·‖θ‖ (before momentum). "
                         "optax has no default; 1.0 suits these surfaces.",
                    "학습률: 신뢰 비율 때문에 걸음 길이는 (모멘텀 전) lr·η·‖θ‖입니다. optax에는 기본값이 없으며, "
                    "1.0은 이 곡면들에 맞춘 값입니다."),
        HyperParam("momentum", 0.9, low=0.0,
                   help={"en": "Momentum factor μ of the (already scaled) steps.",
                         "ko": "(이미 크기가 조정된) 걸음에 적용하는 모멘텀 계수 μ입니다."}),
        mo.nesterov_param("Nesterov momentum: step by u + μb instead of b.",
                          "네스테로프 모멘텀: b 대신 u + μb만큼 움직입니다."),
        HyperParam("trust_coefficient", 1e-3, low=0.0, log=True,
                   help={"en": "Trust coefficient η: the step is lr·η·‖θ‖ long (before momentum).",
                         "ko": "신뢰 계수 η: (모멘텀 전) 걸음 길이는 lr·η·‖θ‖입니다."}),
        mo.eps_param(0.0, "Added to the update's norm in the trust ratio's denominator.",
                     "신뢰 비율의 분모인 갱신량 노름에 더하는 작은 수입니다."),
        HyperParam("weight_decay", 0.0, low=0.0,
                   help={"en": "Weight decay λ: λθ is added to the gradient before the trust ratio.",
                         "ko": "가중치 감쇠 λ: 신뢰 비율을 구하기 전에 기울기에 λθ를 더합니다."}),
    )
    State = LARSState

    def init(self, params: np.ndarray) -> LARSState:
        return LARSState(step=0, trace=self.zeros_like(params))

    def update(self, grads, state, params, lr=None):
        hp = self.hyperparams
        lr = per_run(self.lr if lr is None else lr)
        momentum = per_run(hp["momentum"])
        g = np.asarray(grads, dtype=FLOAT)
        u = mo.add_decayed_weights(g, per_run(hp["weight_decay"]), params)
        u = u * mo.trust_ratio(params, u, per_run(hp["trust_coefficient"]), per_run(hp["eps"]))
        u = -lr * u
        trace = u + momentum * state.trace
        step = u + momentum * trace if hp["nesterov"] else trace
        return params + step, LARSState(step=state.step + 1, trace=trace)
