"""RMSprop, as torch.optim.RMSprop.

Other conventions for the same method:

* Keras (``keras.optimizers.RMSprop``): defaults ``learning_rate=0.001``,
  ``rho=0.9`` (torch's ``alpha``), ``epsilon=1e-7``. Keras puts epsilon inside
  the square root, ``θ -= η g / sqrt(v + ε)`` (torch: ``sqrt(v) + ε``), and its
  momentum buffer accumulates the already scaled step, ``b = μ b + η g / sqrt(v + ε);
  θ -= b``, where torch keeps η outside (``θ -= η b``): the two agree for a
  constant learning rate but not under a schedule.
* "Deep Learning from Scratch" (ch. 6, ``common/optimizer.py``):
  ``decay_rate=0.99, lr=0.01``; ``h = 0.99 h + 0.01 g²; θ -= lr g / (sqrt(h) + 1e-7)``,
  i.e. this rule with ``alpha=0.99`` (torch's default) and ``eps=1e-7``.

Deviation from torch: torch accepts any ``alpha >= 0``; ``alpha > 1`` makes the
average of squares negative, so here ``alpha`` must lie in [0, 1].
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .base import FLOAT, HyperParam, Rule, coefficient, lerp, nonzero, output


class RMSpropState(NamedTuple):
    step: int
    square_avg: np.ndarray  # v_t, (n, d)
    grad_avg: np.ndarray  # g^ave_t, (n, d); zeros unless centered
    momentum_buffer: np.ndarray  # b_t, (n, d); zeros where momentum = 0


class RMSprop(Rule):
    r"""
    \begin{aligned}
    &\textbf{input}: \alpha \text{ (alpha)},\ \gamma \text{ (lr)},\ \theta_0 \text{ (params)},\ f(\theta) \text{ (objective)},\\
    &\qquad \lambda \text{ (weight decay)},\ \mu \text{ (momentum)},\ \textit{centered},\ \epsilon \text{ (eps)}\\
    &\textbf{initialize}: v_0 \leftarrow 0 \text{ (square average)},\ \textbf{b}_0 \leftarrow 0 \text{ (buffer)},\ g^{ave}_0 \leftarrow 0\\
    &\textbf{for}\ t = 1, 2, \ldots\ \textbf{do}\\
    &\quad g_t \leftarrow \nabla_\theta f_t(\theta_{t-1})\\
    &\quad \textbf{if}\ \lambda \neq 0:\ g_t \leftarrow g_t + \lambda \theta_{t-1}\\
    &\quad v_t \leftarrow \alpha v_{t-1} + (1 - \alpha) g_t^2\\
    &\quad \tilde{v}_t \leftarrow v_t\\
    &\quad \textbf{if}\ \textit{centered}:\\
    &\qquad g^{ave}_t \leftarrow \alpha g^{ave}_{t-1} + (1 - \alpha) g_t\\
    &\qquad \tilde{v}_t \leftarrow \tilde{v}_t - \big(g^{ave}_t\big)^2\\
    &\quad \textbf{if}\ \mu > 0:\\
    &\qquad \textbf{b}_t \leftarrow \mu \textbf{b}_{t-1} + g_t / \big(\sqrt{\tilde{v}_t} + \epsilon\big)\\
    &\qquad \theta_t \leftarrow \theta_{t-1} - \gamma \textbf{b}_t\\
    &\quad \textbf{else}:\\
    &\qquad \theta_t \leftarrow \theta_{t-1} - \gamma g_t / \big(\sqrt{\tilde{v}_t} + \epsilon\big)\\
    &\textbf{return}\ \theta_t
    \end{aligned}
    """

    name = "rmsprop"
    title = {"en": "RMSprop", "ko": "RMSprop"}
    about = {
        "en": "RMSprop divides each coordinate's gradient by the root of a moving average of its recent squared "
              "gradients. Like AdaGrad it evens out steep and flat directions, but it forgets old gradients, so "
              "its steps do not die out. Optional momentum and centring (subtracting the mean gradient) follow "
              "torch.",
        "ko": "RMSprop은 각 좌표의 기울기를 최근 기울기 제곱의 이동 평균의 제곱근으로 나눕니다. AdaGrad처럼 가파른 "
              "방향과 평평한 방향의 차이를 줄이지만 오래된 기울기는 잊기 때문에 걸음이 사라지지 않습니다. 선택할 수 "
              "있는 모멘텀과 중심화(평균 기울기 빼기)는 torch를 따릅니다.",
    }
    SPEC = (
        HyperParam("lr", 1e-2, low=0.0, log=True,
                   help={"en": "Learning rate before the per-coordinate scaling.",
                         "ko": "좌표별 조정 전에 곱해지는 학습률입니다."}),
        HyperParam("alpha", 0.99, low=0.0, high=1.0,
                   help={"en": "Smoothing constant of the average of squared gradients.",
                         "ko": "기울기 제곱 이동 평균의 평활 계수입니다."}),
        HyperParam("eps", 1e-8, low=0.0, log=True,
                   help={"en": "Added to the square root so the denominator never vanishes.",
                         "ko": "분모가 0이 되지 않도록 제곱근에 더하는 작은 수입니다."}),
        HyperParam("weight_decay", 0.0, low=0.0,
                   help={"en": "L2 penalty added to the gradient (λθ).",
                         "ko": "기울기에 더해지는 L2 벌점(λθ)입니다."}),
        HyperParam("momentum", 0.0, low=0.0,
                   help={"en": "Momentum factor applied to the scaled steps.",
                         "ko": "조정된 이동량에 적용하는 모멘텀 계수입니다."}),
        HyperParam("centered", False, kind="bool",
                   help={"en": "Divide by an estimate of the variance (subtract the squared mean gradient).",
                         "ko": "평균 기울기의 제곱을 빼서 분산 추정값으로 나눕니다."}),
    )
    State = RMSpropState
    writes_into = True

    def init(self, params: np.ndarray) -> RMSpropState:
        zeros = self.zeros_like(params)
        return RMSpropState(step=0, square_avg=zeros, grad_avg=zeros.copy(), momentum_buffer=zeros.copy())

    def update(self, grads, state, params, lr=None, out=None):
        hp = self.coefficients()
        lr = hp["lr"] if lr is None else coefficient(lr)
        alpha, eps, wd, momentum = hp["alpha"], hp["eps"], hp["weight_decay"], hp["momentum"]
        g = np.asarray(grads, dtype=FLOAT)
        params = np.asarray(params, dtype=FLOAT)
        if nonzero(wd):  # torch skips weight decay when it is 0
            g = g + wd * params
        new_params = output(out, "params", params)
        # v = v * α + ((1 − α) * g) * g; the product goes through new_params, written only at the end
        squared = np.multiply(g, 1.0 - alpha, out=new_params)
        np.multiply(squared, g, out=squared)
        square_avg = np.multiply(state.square_avg, alpha, out=output(out, "square_avg", params))
        np.add(square_avg, squared, out=square_avg)
        if hp["centered"]:
            grad_avg = lerp(state.grad_avg, g, 1.0 - alpha, out=output(out, "grad_avg", params))
            avg = np.multiply(grad_avg, grad_avg)
            np.subtract(square_avg, avg, out=avg)
            np.sqrt(avg, out=avg)
        else:
            grad_avg = state.grad_avg
            avg = np.sqrt(square_avg)
        np.add(avg, eps, out=avg)
        if not isinstance(momentum, float):  # one momentum per run: torch's formula for each, as one expression
            has_momentum = momentum > 0
            # torch keeps no buffer without momentum; zeros keep the state inspector honest.
            buf = np.where(has_momentum, state.momentum_buffer * momentum + g / avg, 0.0)
            np.copyto(new_params, np.where(has_momentum, params + (-lr) * buf, params + (-lr * g) / avg))
            if out is not None:
                np.copyto(output(out, "momentum_buffer", params), buf)
                buf = output(out, "momentum_buffer", params)
        elif momentum > 0.0:  # b = μ b + g / avg; θ + (−γ) b
            buf = output(out, "momentum_buffer", params)
            np.divide(g, avg, out=avg)
            np.multiply(state.momentum_buffer, momentum, out=buf)
            np.add(buf, avg, out=buf)
            np.multiply(buf, -lr, out=new_params)
            np.add(new_params, params, out=new_params)
        else:  # θ + (−γ g) / avg; torch keeps no buffer: the state's stays zero (new zeros when called directly)
            buf = np.zeros_like(params) if out is None else state.momentum_buffer
            np.multiply(g, -lr, out=new_params)
            np.divide(new_params, avg, out=new_params)
            np.add(new_params, params, out=new_params)
        new_state = RMSpropState(step=state.step + 1, square_avg=square_avg, grad_avg=grad_avg, momentum_buffer=buf)
        return new_params, new_state
