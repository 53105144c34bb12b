"""Adafactor, as torch.optim.Adafactor (torch 2.13, the single-tensor code).

Adafactor (Shazeer & Stern, 2018) saves memory on matrices by keeping only the row and column
means of the squared gradients. A run's parameters here are one vector, so — as torch does for a
1-D tensor — the second moment is kept per coordinate (unfactored). What remains distinctive:

* no learning rate in the usual sense: the step is *relative*, ``α_t = max(ε₂, RMS(θ))·ρ_t`` with
  ``ρ_t = min(lr, 1/√t)``, so a parameter vector of size 1 moves about ``lr`` of its size;
* the second-moment decay follows the step, ``β̂_t = t^{beta2_decay}`` (1 at t = 1, so v starts at
  g²; −0.8 by default), instead of a constant β₂, and there is no first moment;
* update clipping: the update ``g/√v`` is scaled down when its RMS exceeds ``d``.

``eps = (eps1, eps2)``: eps1 = None (torch's default) means machine epsilon of float64,
2.220446049250313e-16, which is also this rule's default value (the app's inputs need a
number); any number >= 0 may be given. Weight decay shrinks θ by ``1 − lr·λ`` (lr, not ρ_t), with
RMS(θ) taken before it. torch's ``lerp`` of v switches formula at weight 0.5 and its final
``add_(alpha=)`` is a fused multiply-add; both are followed here (``base.lerp``, ``base.fused_add``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, NamedTuple

import numpy as np

from . import _moments as mo
from .base import FLOAT, HyperParam, Rule, fused_add, lerp, per_run, power


class AdafactorState(NamedTuple):
    step: int
    variance: np.ndarray  # v_t, the unfactored second moment, (n, d)


class Adafactor(Rule):
    __doc__ = mo.algorithm(
        [r"\gamma \text{ (lr)},\ \tau \text{ (beta2 decay)},\ " + mo.INPUT_THETA + r",\ "
         r"\epsilon_1, \epsilon_2 \text{ (eps)},\ d \text{ (clipping)},\ \lambda \text{ (weight decay)}"],
        [r"v_0 \leftarrow 0 \text{ (second moment, one per coordinate: a run is a vector)}"],
        [mo.GRAD,
         r"\widehat{\beta}_{2_t} \leftarrow t^{\tau},\ \rho_t \leftarrow \min(\gamma, 1/\sqrt{t})",
         r"\alpha_t \leftarrow \max\big(\epsilon_2, \text{RMS}(\theta_{t-1})\big) \rho_t",
         r"\theta_t \leftarrow \theta_{t-1} - \gamma \lambda \theta_{t-1}",
         r"v_t \leftarrow \widehat{\beta}_{2_t} g_t^2 + (1 - \widehat{\beta}_{2_t}) v_{t-1}",
         r"U_t \leftarrow g_t / \sqrt{\max(v_t, \epsilon_1^2)}",
         r"\theta_t \leftarrow \theta_t - \alpha_t U_t / \max\big(1, \text{RMS}(U_t) / d\big)"],
    )

    name = "adafactor"
    title: ClassVar[Mapping[str, str]] = {"en": "Adafactor", "ko": "Adafactor (분해형 적응 학습률)"}
    short = "Adafactor"
    about: ClassVar[Mapping[str, str]] = {
        "en": "Adafactor was made to train very large models with little memory: it keeps no momentum, stores "
              "only row and column averages of the squared gradients of a matrix, and takes steps relative to the "
              "size of the parameters instead of a fixed learning rate, with the update's size clipped. On these "
              "two-coordinate surfaces the memory saving does not apply; the relative step and the step-dependent "
              "averaging still show.",
        "ko": "Adafactor는 아주 큰 모델을 적은 메모리로 학습하려고 만들어졌습니다. 모멘텀을 두지 않고, 행렬 기울기 "
              "제곱의 행 평균과 열 평균만 저장하며, 고정된 학습률 대신 매개변수 크기에 비례하는 걸음을 갖고, 갱신량의 "
              "크기를 잘라 냅니다. 좌표가 둘뿐인 이 곡면들에서는 메모리 절약이 드러나지 않지만, 상대적인 걸음과 걸음 "
              "수에 따라 달라지는 평균은 그대로 볼 수 있습니다.",
    }
    SPEC = (
        mo.lr_param(1e-2, "Relative step size: the step is at most lr times the parameters' RMS (and 1/√t).",
                    "상대적인 걸음 크기: 걸음은 매개변수 RMS의 lr배(그리고 1/√t배)를 넘지 않습니다."),
        HyperParam("beta2_decay", -0.8, low=-np.inf, high=0.0,
                   help={"en": "Exponent τ of the second moment's averaging weight t^τ (<= 0; 0 keeps only the "
                               "newest squared gradient).",
                         "ko": "2차 모멘트 평균 가중치 t^τ의 지수 τ입니다(0 이하, 0이면 최신 기울기 제곱만 "
                               "남깁니다)."}),
        HyperParam("eps", (mo.EPS64, 1e-3), kind="pair", low=0.0, log=True,
                   help={"en": "(eps1, eps2): eps1 bounds the second moment from below (None = machine epsilon); "
                               "eps2 is the smallest parameter RMS a step is relative to.",
                         "ko": "(eps1, eps2): eps1은 2차 모멘트의 하한(None이면 기계 엡실론), eps2는 걸음의 "
                               "기준이 되는 매개변수 RMS의 최솟값입니다."}),
        HyperParam("d", 1.0, low=1.0,
                   help={"en": "Clipping threshold: the update is scaled down when its RMS exceeds d.",
                         "ko": "자르기 임계값: 갱신량의 RMS가 d를 넘으면 줄입니다."}),
        HyperParam("weight_decay", 0.0, low=0.0,
                   help={"en": "Weight decay λ: θ shrinks by the factor 1 − lr·λ each step.",
                         "ko": "가중치 감쇠 λ: 매 걸음 θ에 1 − lr·λ를 곱합니다."}),
    )
    State = AdafactorState

    def __init__(self, **hyperparams: Any) -> None:
        eps = hyperparams.get("eps")
        if isinstance(eps, (tuple, list)) and len(eps) == 2 and eps[0] is None:  # torch's None: machine epsilon
            hyperparams["eps"] = (mo.EPS64, eps[1])
        super().__init__(**hyperparams)

    def init(self, params: np.ndarray) -> AdafactorState:
        return AdafactorState(step=0, variance=self.zeros_like(params))

    def update(self, grads, state, params, lr=None):
        hp = self.hyperparams
        lr = per_run(self.lr if lr is None else lr)
        decay, d, wd = per_run(hp["beta2_decay"]), per_run(hp["d"]), per_run(hp["weight_decay"])
        eps1, eps2 = (per_run(e) for e in hp["eps"])
        g = np.asarray(grads, dtype=FLOAT)
        theta = np.asarray(params, dtype=FLOAT)
        step = state.step + 1
        t = float(step)
        root_n = theta.shape[1] ** 0.5
        beta2 = power(t, decay)
        rho = np.minimum(lr, 1 / (t ** 0.5))
        alpha = np.maximum(eps2, mo.run_norm(theta) / root_n) * rho
        theta = theta * (1 - lr * wd)
        variance = lerp(state.variance, g * g, beta2)
        update = 1.0 / np.sqrt(np.maximum(variance, eps1 * eps1)) * g
        denom = np.maximum(1.0, mo.run_norm(update) / (root_n * d))
        return fused_add(theta, -alpha / denom, update), AdafactorState(step=step, variance=variance)
