"""Adamax (Adam with an infinity norm), as torch.optim.Adamax.

torch adds epsilon inside the maximum, ``u_t = max(β2 u_{t-1}, |g_t| + ε)``.
Keras (``keras.optimizers.Adamax``) takes ``u_t = max(β2 u_{t-1}, |g_t|)`` and
adds epsilon to the denominator, ``θ -= η m_t / ((1 − β1^t)(u_t + ε))``, with
defaults ``learning_rate=0.001``, ``epsilon=1e-7`` (torch: ``lr=2e-3``,
``eps=1e-8``). The two agree up to how ε enters.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .adam import BETAS, EPS
from .base import FLOAT, HyperParam, Rule, coefficient, lerp, nonzero, output, power


class AdamaxState(NamedTuple):
    step: int
    exp_avg: np.ndarray  # m_t, (n, d)
    exp_inf: np.ndarray  # u_t, exponentially weighted infinity norm, (n, d)


class Adamax(Rule):
    r"""
    \begin{aligned}
    &\textbf{input}: \gamma \text{ (lr)},\ \beta_1, \beta_2 \text{ (betas)},\ \theta_0 \text{ (params)},\ f(\theta) \text{ (objective)},\\
    &\qquad \lambda \text{ (weight decay)},\ \epsilon \text{ (eps)}\\
    &\textbf{initialize}: m_0 \leftarrow 0 \text{ (first moment)},\ u_0 \leftarrow 0 \text{ (infinity norm)}\\
    &\textbf{for}\ t = 1, 2, \ldots\ \textbf{do}\\
    &\quad g_t \leftarrow \nabla_\theta f_t(\theta_{t-1})\\
    &\quad \textbf{if}\ \lambda \neq 0:\ g_t \leftarrow g_t + \lambda \theta_{t-1}\\
    &\quad m_t \leftarrow \beta_1 m_{t-1} + (1 - \beta_1) g_t\\
    &\quad u_t \leftarrow \max\big(\beta_2 u_{t-1}, |g_t| + \epsilon\big)\\
    &\quad \theta_t \leftarrow \theta_{t-1} - \frac{\gamma m_t}{\big(1 - \beta_1^t\big) u_t}\\
    &\textbf{return}\ \theta_t
    \end{aligned}
    """

    name = "adamax"
    title = {"en": "Adamax", "ko": "Adamax (무한 노름 Adam)"}
    about = {
        "en": "Adamax is Adam with the infinity norm: instead of a moving average of squared gradients it keeps "
              "the largest recent gradient size (decayed by β2), so a single huge gradient sets the scale for a "
              "while and the step is bounded by the learning rate.",
        "ko": "Adamax는 무한 노름을 쓰는 Adam입니다. 기울기 제곱의 이동 평균 대신 최근 가장 큰 기울기 크기(β2로 "
              "감쇠)를 두어, 큰 기울기 하나가 한동안 크기를 정하고 걸음은 학습률로 묶입니다.",
    }
    SPEC = (
        HyperParam("lr", 2e-3, low=0.0, log=True,
                   help={"en": "Learning rate: the largest distance one coordinate moves per step (after warm-up).",
                         "ko": "학습률: 초기 구간 이후 한 번에 각 좌표가 움직이는 최대 거리입니다."}),
        BETAS,
        EPS,
        HyperParam("weight_decay", 0.0, low=0.0,
                   help={"en": "L2 penalty added to the gradient (λθ).",
                         "ko": "기울기에 더해지는 L2 벌점(λθ)입니다."}),
    )
    State = AdamaxState
    writes_into = True

    def init(self, params: np.ndarray) -> AdamaxState:
        zeros = self.zeros_like(params)
        return AdamaxState(step=0, exp_avg=zeros, exp_inf=zeros.copy())

    def update(self, grads, state, params, lr=None, out=None):
        hp = self.coefficients()
        lr = hp["lr"] if lr is None else coefficient(lr)
        beta1, beta2 = hp["betas"]
        eps, wd = hp["eps"], hp["weight_decay"]
        step = state.step + 1
        g = np.asarray(grads, dtype=FLOAT)
        params = np.asarray(params, dtype=FLOAT)
        if nonzero(wd):  # torch skips weight decay when it is 0
            g = g + wd * params
        new_params = output(out, "params", params)
        exp_avg = lerp(state.exp_avg, g, 1.0 - beta1, out=output(out, "exp_avg", params))
        # u = max(u * β2, |g| + ε)
        norm = np.abs(g, out=new_params)  # new_params is written only at the end
        np.add(norm, eps, out=norm)
        exp_inf = np.multiply(state.exp_inf, beta2, out=output(out, "exp_inf", params))
        np.maximum(exp_inf, norm, out=exp_inf)
        clr = lr / coefficient(1.0 - power(beta1, step))
        np.multiply(exp_avg, -clr, out=new_params)  # θ + (−clr m) / u
        np.divide(new_params, exp_inf, out=new_params)
        np.add(new_params, params, out=new_params)
        return new_params, AdamaxState(step=step, exp_avg=exp_avg, exp_inf=exp_inf)
