"""Adadelta, as torch.optim.Adadelta.

Keras (``keras.optimizers.Adadelta``) computes the same update (epsilon inside
both square roots) with defaults ``learning_rate=0.001``, ``rho=0.95``,
``epsilon=1e-7``; torch's defaults are ``lr=1.0``, ``rho=0.9``, ``eps=1e-6``
(``lr=1.0`` is the original paper's method). Keras' ``weight_decay`` is
decoupled (``θ -= η λ θ``), torch's is an L2 term added to the gradient.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .base import FLOAT, HyperParam, Rule, coefficient, nonzero, output


class AdadeltaState(NamedTuple):
    step: int
    square_avg: np.ndarray  # v_t: running average of squared gradients, (n, d)
    acc_delta: np.ndarray  # u_t: running average of squared updates, (n, d)


class Adadelta(Rule):
    r"""
    \begin{aligned}
    &\textbf{input}: \gamma \text{ (lr)},\ \theta_0 \text{ (params)},\ f(\theta) \text{ (objective)},\ \rho \text{ (decay)},\\
    &\qquad \lambda \text{ (weight decay)},\ \epsilon \text{ (eps)}\\
    &\textbf{initialize}: v_0 \leftarrow 0 \text{ (square avg)},\ u_0 \leftarrow 0 \text{ (accumulate variables)}\\
    &\textbf{for}\ t = 1, 2, \ldots\ \textbf{do}\\
    &\quad g_t \leftarrow \nabla_\theta f_t(\theta_{t-1})\\
    &\quad \textbf{if}\ \lambda \neq 0:\ g_t \leftarrow g_t + \lambda \theta_{t-1}\\
    &\quad v_t \leftarrow v_{t-1} \rho + g_t^2 (1 - \rho)\\
    &\quad \Delta x_t \leftarrow \frac{\sqrt{u_{t-1} + \epsilon}}{\sqrt{v_t + \epsilon}}\, g_t\\
    &\quad u_t \leftarrow u_{t-1} \rho + \Delta x_t^2 (1 - \rho)\\
    &\quad \theta_t \leftarrow \theta_{t-1} - \gamma \Delta x_t\\
    &\textbf{return}\ \theta_t
    \end{aligned}
    """

    name = "adadelta"
    title = {"en": "Adadelta", "ko": "Adadelta"}
    short = "AdaDelta"
    about = {
        "en": "AdaDelta fixes AdaGrad's ever-shrinking steps by averaging squared gradients over a recent window, "
              "and sets the step's size from a running average of past squared steps, so that the update has the "
              "units of the parameters. Its learning rate is only a final multiplier (1 by default).",
        "ko": "AdaDelta는 기울기 제곱을 최근 구간에서만 평균해 AdaGrad의 걸음이 끝없이 줄어드는 문제를 고치고, 지난 "
              "걸음 제곱의 이동 평균으로 걸음 크기를 정해 갱신량이 매개변수와 같은 단위를 갖게 합니다. 학습률은 "
              "마지막에 곱하는 값일 뿐입니다(기본값 1).",
    }
    SPEC = (
        HyperParam("lr", 1.0, low=0.0, log=True,
                   help={"en": "Scales the computed update; 1.0 is the original method.",
                         "ko": "계산된 이동량에 곱하는 계수입니다. 1.0이 원래 방법입니다."}),
        HyperParam("rho", 0.9, low=0.0, high=1.0,
                   help={"en": "Decay of the running averages: closer to 1 remembers longer.",
                         "ko": "이동 평균의 감쇠율: 1에 가까울수록 과거를 오래 기억합니다."}),
        HyperParam("eps", 1e-6, low=0.0, log=True,
                   help={"en": "Added inside both square roots; it also sets the size of the first steps.",
                         "ko": "두 제곱근 안에 더해지는 작은 수로, 첫 이동의 크기도 정합니다."}),
        HyperParam("weight_decay", 0.0, low=0.0,
                   help={"en": "L2 penalty added to the gradient (λθ).",
                         "ko": "기울기에 더해지는 L2 벌점(λθ)입니다."}),
    )
    State = AdadeltaState
    writes_into = True

    def init(self, params: np.ndarray) -> AdadeltaState:
        zeros = self.zeros_like(params)
        return AdadeltaState(step=0, square_avg=zeros, acc_delta=zeros.copy())

    def update(self, grads, state, params, lr=None, out=None):
        hp = self.coefficients()
        lr = hp["lr"] if lr is None else coefficient(lr)
        rho, eps, wd = hp["rho"], hp["eps"], hp["weight_decay"]
        g = np.asarray(grads, dtype=FLOAT)
        params = np.asarray(params, dtype=FLOAT)
        if nonzero(wd):  # torch skips weight decay when it is 0
            g = g + wd * params
        new_params = output(out, "params", params)
        # v = v * ρ + ((1 − ρ) * g) * g
        squared = np.multiply(g, 1.0 - rho, out=new_params)  # new_params is written only at the end
        np.multiply(squared, g, out=squared)
        square_avg = np.multiply(state.square_avg, rho, out=output(out, "square_avg", params))
        np.add(square_avg, squared, out=square_avg)
        std = np.add(square_avg, eps)  # sqrt(v + ε)
        np.sqrt(std, out=std)
        delta = np.add(state.acc_delta, eps)  # sqrt(u + ε) / std * g
        np.sqrt(delta, out=delta)
        np.divide(delta, std, out=delta)
        np.multiply(delta, g, out=delta)
        # u = u * ρ + ((1 − ρ) * Δ) * Δ, after Δ has read the old u
        np.multiply(delta, 1.0 - rho, out=std)
        np.multiply(std, delta, out=std)
        acc_delta = np.multiply(state.acc_delta, rho, out=output(out, "acc_delta", params))
        np.add(acc_delta, std, out=acc_delta)
        np.multiply(delta, -lr, out=new_params)  # θ + (−γ) Δ
        np.add(new_params, params, out=new_params)
        new_state = AdadeltaState(step=state.step + 1, square_avg=square_avg, acc_delta=acc_delta)
        return new_params, new_state
