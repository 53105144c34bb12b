"""NovoGrad, as optax.novograd (optax 0.2.8). Not in torch.optim.

Ginsburg et al., "Stochastic Gradient Methods with Layer-wise Adaptive Moments for Training of
Deep Networks" (2019): Adam's second moment shrunk to *one number per layer*, the moving average
of ``‖g‖²``; the gradient is normalised by it before it enters the momentum, and the weight decay
is added there too. A run's parameters here are one layer, so ν is one number per run
(``nu``, in ``EXTRA_STATE``) and every coordinate is divided by the same √ν.

As optax computes it: ``q = ‖g‖²`` (``jnp.linalg.norm`` then squared); ``ν = q`` at the first
step, else ``(1 − β₂)q + β₂ν``; ``a = g / (√(ν + eps_root) + eps) + λθ``; ``m = a`` at the first
step, else ``β₁m + a`` (no 1 − β₁ factor and no bias correction: the momentum sums up to
1/(1 − β₁) normalised gradients); ``θ ← θ − lr·m``.

Defaults are optax's (β = (0.9, 0.25), eps = 1e-6 — ``optax.novograd``'s; ``scale_by_novograd``
alone has 1e-8 —, eps_root = 0, no weight decay), except the learning rate, which optax requires:
0.03 here (with the momentum summing to about 10 normalised gradients, a step of about 0.3).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, NamedTuple

import numpy as np

from . import _moments as mo
from .base import FLOAT, Rule, per_run


class NovoGradState(NamedTuple):
    step: int
    exp_avg: np.ndarray  # m_t, the momentum of normalised gradients (+ weight decay), (n, d)
    nu: np.ndarray  # ν_t, the average of ‖g‖², one per run, (n,)


class NovoGrad(Rule):
    __doc__ = mo.algorithm(
        [r"\gamma \text{ (lr)},\ \beta_1, \beta_2 \text{ (betas)},\ " + mo.INPUT_THETA,
         r"\epsilon \text{ (eps)},\ \epsilon_{root} \text{ (eps root)},\ \lambda \text{ (weight decay)}"],
        [r"m_0 \leftarrow 0,\ \nu_0 \leftarrow 0 \text{ (one number per run)}"],
        [mo.GRAD,
         r"\nu_t \leftarrow \lVert g_t \rVert^2 \text{ if } t = 1 \text{ else } "
         r"(1 - \beta_2) \lVert g_t \rVert^2 + \beta_2 \nu_{t-1}",
         r"a_t \leftarrow g_t / \big(\sqrt{\nu_t + \epsilon_{root}} + \epsilon\big) + \lambda \theta_{t-1}",
         r"m_t \leftarrow a_t \text{ if } t = 1 \text{ else } \beta_1 m_{t-1} + a_t",
         r"\theta_t \leftarrow \theta_{t-1} - \gamma m_t"],
    )

    name = "novograd"
    title: ClassVar[Mapping[str, str]] = {"en": "NovoGrad", "ko": "NovoGrad (층별 정규화 모멘텀)"}
    short = "NovoGrad"
    in_torch = False
    about: ClassVar[Mapping[str, str]] = {
        "en": "NovoGrad keeps one second-moment number per layer instead of one per weight: the running average of "
              "the squared gradient norm. Each gradient is divided by its root before it enters the momentum, "
              "which makes the method insensitive to the scale of the gradient and saves memory. It was designed "
              "for speech and language models trained with large batches.",
        "ko": "NovoGrad는 2차 모멘트를 가중치마다가 아니라 층마다 하나만 둡니다. 기울기 노름 제곱의 이동 평균입니다. "
              "각 기울기를 그 제곱근으로 나눈 뒤 모멘텀에 넣으므로, 기울기 크기에 둔감하고 메모리도 아낍니다. 큰 "
              "배치로 학습하는 음성·언어 모델을 위해 설계되었습니다.",
    }
    SPEC = (
        mo.lr_param(0.03, "Learning rate: the momentum sums normalised gradients, so a step is up to about "
                          "lr/(1 − β₁) long. optax has no default; 0.03 suits these surfaces.",
                    "학습률: 모멘텀이 정규화된 기울기를 더해 가므로 걸음 길이는 최대 약 lr/(1 − β₁)입니다. optax에는 "
                    "기본값이 없으며, 0.03은 이 곡면들에 맞춘 값입니다."),
        mo.betas_param((0.9, 0.25), "(β₁, β₂): the momentum factor and the decay rate of the average of ‖g‖².",
                       "(β₁, β₂): 모멘텀 계수와 ‖g‖² 이동 평균의 감쇠율입니다."),
        mo.eps_param(1e-6),
        mo.eps_root_param(0.0),
        mo.decoupled_weight_decay_param(0.0, "Weight decay λ: λθ is added to the normalised gradient, inside the "
                                             "momentum.",
                                        "가중치 감쇠 λ: 정규화된 기울기에 λθ를 더해 모멘텀 안에 넣습니다."),
    )
    State = NovoGradState
    EXTRA_STATE = ("nu",)

    def init(self, params: np.ndarray) -> NovoGradState:
        zeros = self.zeros_like(params)
        return NovoGradState(step=0, exp_avg=zeros, nu=zeros[:, 0].copy())

    def update(self, grads, state, params, lr=None):
        hp = self.hyperparams
        lr = per_run(self.lr if lr is None else lr)
        b1, b2 = (per_run(b) for b in hp["betas"])
        g = np.asarray(grads, dtype=FLOAT)
        norm = mo.run_norm(g)
        q = norm * norm
        nu = q if state.step == 0 else mo.ema(state.nu[:, None], q, b2)
        a = g / (np.sqrt(nu + per_run(hp["eps_root"])) + per_run(hp["eps"]))
        a = mo.add_decayed_weights(a, per_run(hp["weight_decay"]), params)
        m = a if state.step == 0 else b1 * state.exp_avg + a
        return params + -lr * m, NovoGradState(step=state.step + 1, exp_avg=m, nu=nu[:, 0].copy())
