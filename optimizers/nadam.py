"""NAdam (Adam with Nesterov momentum), as torch.optim.NAdam.

The momentum schedule ``μ_t = β1 (1 − ½·0.96^{tψ})`` and its running product
follow torch. Keras (``keras.optimizers.Nadam``, Keras 2 and 3) has no
``momentum_decay``: it uses ``0.96^t``, i.e. ``momentum_decay=1.0`` here
(Keras 1 used ``schedule_decay=0.004``, torch's default), with defaults
``learning_rate=0.001``, ``epsilon=1e-7`` added to ``sqrt(v̂)`` as in torch.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .adam import BETAS, EPS
from .base import FLOAT, HyperParam, Rule, coefficient, lerp, nonzero, output, power


class NAdamState(NamedTuple):
    step: int
    exp_avg: np.ndarray  # m_t, (n, d)
    exp_avg_sq: np.ndarray  # v_t, (n, d)
    mu_product: np.ndarray  # prod_{i<=t} mu_i, the same in every coordinate of a run, (n, d)


class NAdam(Rule):
    r"""
    \begin{aligned}
    &\textbf{input}: \gamma_t \text{ (lr)},\ \beta_1, \beta_2 \text{ (betas)},\ \theta_0 \text{ (params)},\ f(\theta) \text{ (objective)},\\
    &\qquad \lambda \text{ (weight decay)},\ \psi \text{ (momentum decay)},\ \textit{decoupled},\ \epsilon \text{ (eps)}\\
    &\textbf{initialize}: m_0 \leftarrow 0 \text{ (first moment)},\ v_0 \leftarrow 0 \text{ (second moment)}\\
    &\textbf{for}\ t = 1, 2, \ldots\ \textbf{do}\\
    &\quad g_t \leftarrow \nabla_\theta f_t(\theta_{t-1})\\
    &\quad \theta_t \leftarrow \theta_{t-1}\\
    &\quad \textbf{if}\ \lambda \neq 0:\\
    &\qquad \textbf{if}\ \textit{decoupled}:\ \theta_t \leftarrow \theta_{t-1} - \gamma \lambda \theta_{t-1}\\
    &\qquad \textbf{else}:\ g_t \leftarrow g_t + \lambda \theta_{t-1}\\
    &\quad \mu_t \leftarrow \beta_1 \big(1 - \tfrac{1}{2}\, 0.96^{t \psi}\big)\\
    &\quad \mu_{t+1} \leftarrow \beta_1 \big(1 - \tfrac{1}{2}\, 0.96^{(t+1) \psi}\big)\\
    &\quad m_t \leftarrow \beta_1 m_{t-1} + (1 - \beta_1) g_t\\
    &\quad v_t \leftarrow \beta_2 v_{t-1} + (1 - \beta_2) g_t^2\\
    &\quad \widehat{m_t} \leftarrow \mu_{t+1} m_t \big/ \big(1 - \textstyle\prod_{i=1}^{t+1} \mu_i\big) + (1 - \mu_t) g_t \big/ \big(1 - \textstyle\prod_{i=1}^{t} \mu_i\big)\\
    &\quad \widehat{v_t} \leftarrow v_t / \big(1 - \beta_2^t\big)\\
    &\quad \theta_t \leftarrow \theta_t - \gamma \widehat{m_t} \big/ \big(\sqrt{\widehat{v_t}} + \epsilon\big)\\
    &\textbf{return}\ \theta_t
    \end{aligned}
    """

    name = "nadam"
    title = {"en": "NAdam", "ko": "NAdam (네스테로프 Adam)"}
    about = {
        "en": "NAdam is Adam with Nesterov momentum: the step uses the momentum it is about to have, not the one "
              "it had, which reacts a little earlier when the gradient turns. torch also damps the momentum "
              "early on (momentum decay).",
        "ko": "NAdam은 네스테로프 모멘텀을 쓴 Adam입니다. 지금의 모멘텀이 아니라 곧 가질 모멘텀으로 움직여서, 기울기가 "
              "방향을 바꿀 때 조금 더 일찍 반응합니다. torch는 초반에 모멘텀을 줄이는 감쇠도 적용합니다.",
    }
    SPEC = (
        HyperParam("lr", 2e-3, low=0.0, log=True,
                   help={"en": "Learning rate: roughly the largest distance one coordinate moves per step.",
                         "ko": "학습률: 한 번에 각 좌표가 움직이는 거리의 대략적인 상한입니다."}),
        BETAS,
        EPS,
        HyperParam("weight_decay", 0.0, low=0.0,
                   help={"en": "Weight decay: an L2 term λθ added to the gradient, or with decoupled "
                               "weight decay a direct shrink θ ← θ − γλθ.",
                         "ko": "가중치 감쇠: 기울기에 L2 항 λθ를 더하거나, 분리형이면 θ ← θ − γλθ로 직접 줄입니다."}),
        HyperParam("momentum_decay", 4e-3, low=0.0,
                   help={"en": "ψ: how fast the momentum factor μ_t warms up towards β1.",
                         "ko": "ψ: 모멘텀 계수 μ_t가 β1에 다가가는 속도입니다."}),
        HyperParam("decoupled_weight_decay", False, kind="bool",
                   help={"en": "Shrink the parameters directly (AdamW style) instead of adding λθ to the gradient.",
                         "ko": "기울기에 λθ를 더하는 대신 매개변수를 직접 줄입니다(AdamW 방식)."}),
    )
    State = NAdamState
    writes_into = True

    def init(self, params: np.ndarray) -> NAdamState:
        zeros = self.zeros_like(params)
        return NAdamState(step=0, exp_avg=zeros, exp_avg_sq=zeros.copy(), mu_product=self.zeros_like(params, 1.0))

    def update(self, grads, state, params, lr=None, out=None):
        hp = self.coefficients()
        lr = hp["lr"] if lr is None else coefficient(lr)
        beta1, beta2 = hp["betas"]
        eps, wd, psi = hp["eps"], hp["weight_decay"], hp["momentum_decay"]
        step = state.step + 1
        g = np.asarray(grads, dtype=FLOAT)
        params = np.asarray(params, dtype=FLOAT)
        bias_correction2 = coefficient(1.0 - power(beta2, step))
        if nonzero(wd):  # torch skips weight decay when it is 0
            if hp["decoupled_weight_decay"]:
                params = params * (1.0 - lr * wd)
            else:
                g = g + wd * params
        mu = beta1 * (1.0 - 0.5 * coefficient(power(0.96, step * psi)))
        mu_next = beta1 * (1.0 - 0.5 * coefficient(power(0.96, (step + 1) * psi)))
        new_params = output(out, "params", params)
        mu_product = np.multiply(state.mu_product, mu, out=output(out, "mu_product", params))
        exp_avg = lerp(state.exp_avg, g, 1.0 - beta1, out=output(out, "exp_avg", params))
        # v = v * β2 + ((1 − β2) * g) * g; the product goes through new_params, written only at the end
        squared = np.multiply(g, 1.0 - beta2, out=new_params)
        np.multiply(squared, g, out=squared)
        exp_avg_sq = np.multiply(state.exp_avg_sq, beta2, out=output(out, "exp_avg_sq", params))
        np.add(exp_avg_sq, squared, out=exp_avg_sq)
        denom = np.divide(exp_avg_sq, bias_correction2)  # sqrt(v / (1 − β2^t)) + ε
        np.sqrt(denom, out=denom)
        np.add(denom, eps, out=denom)
        # θ + ((−γ (1 − μ_t)) / (1 − Π_t)) * g / denom
        scale = np.subtract(1.0, mu_product)
        np.divide(-lr * (1.0 - mu), scale, out=scale)
        np.multiply(scale, g, out=new_params)
        np.divide(new_params, denom, out=new_params)
        np.add(params, new_params, out=new_params)
        # θ + ((−γ μ_{t+1}) / (1 − Π_t μ_{t+1})) * m / denom
        np.multiply(mu_product, mu_next, out=scale)
        np.subtract(1.0, scale, out=scale)
        np.divide(-lr * mu_next, scale, out=scale)
        np.multiply(scale, exp_avg, out=scale)
        np.divide(scale, denom, out=scale)
        np.add(new_params, scale, out=new_params)
        return new_params, NAdamState(step=step, exp_avg=exp_avg, exp_avg_sq=exp_avg_sq, mu_product=mu_product)
