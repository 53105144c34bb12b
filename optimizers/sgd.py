"""Stochastic gradient descent with optional (Nesterov) momentum, as torch.optim.SGD.

torch keeps a buffer of raw gradients and multiplies by the learning rate at
the end (``b = μ b + g; θ -= γ b``). Other conventions for the same method:

* Keras (``keras.optimizers.SGD``, default ``learning_rate=0.01``) and
  "Deep Learning from Scratch" (``Momentum(lr=0.01, momentum=0.9)``) keep a
  velocity that already contains the learning rate: ``v = μ v − η g; θ += v``.
  With a constant learning rate ``v = −η b`` and both give the same points;
  under a schedule they differ, because Keras' velocity remembers the old
  learning rates while torch rescales the whole buffer by the current one.
  Keras' Nesterov step ``θ += μ v − η g`` likewise equals ``nesterov=True`` for
  a constant learning rate.
* The book's ``Nesterov`` class updates ``v`` first and then applies
  ``θ += μ² v − (1 + μ) η g``; that is not torch's Nesterov step (it would be
  with the ``v`` from before the update).

Deviation from torch: torch does not validate ``dampening``; here it must lie
in [0, 1] (values above 1 would flip the sign of new gradients in the buffer).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .base import FLOAT, HyperParam, Rule, coefficient, nonzero, output


class SGDState(NamedTuple):
    step: int
    momentum_buffer: np.ndarray  # b_t, shape (n, d); zeros until the first step


class SGD(Rule):
    r"""
    \begin{aligned}
    &\textbf{input}: \gamma \text{ (lr)},\ \theta_0 \text{ (params)},\ f(\theta) \text{ (objective)},\ \lambda \text{ (weight decay)},\\
    &\hspace{13mm} \mu \text{ (momentum)},\ \tau \text{ (dampening)},\ \textit{nesterov}\\
    &\textbf{for}\ t = 1, 2, \ldots\ \textbf{do}\\
    &\quad g_t \leftarrow \nabla_\theta f_t(\theta_{t-1})\\
    &\quad \textbf{if}\ \lambda \neq 0:\ g_t \leftarrow g_t + \lambda \theta_{t-1}\\
    &\quad \textbf{if}\ \mu \neq 0:\\
    &\qquad \textbf{if}\ t > 1:\ b_t \leftarrow \mu b_{t-1} + (1 - \tau) g_t\\
    &\qquad \textbf{else}:\ b_t \leftarrow g_t\\
    &\qquad \textbf{if}\ \textit{nesterov}:\ g_t \leftarrow g_t + \mu b_t\\
    &\qquad \textbf{else}:\ g_t \leftarrow b_t\\
    &\quad \theta_t \leftarrow \theta_{t-1} - \gamma g_t\\
    &\textbf{return}\ \theta_t
    \end{aligned}
    """

    name = "sgd"
    title = {"en": "SGD", "ko": "SGD (확률적 경사 하강법)"}
    about = {
        "en": "Stochastic gradient descent steps against the gradient, scaled by the learning rate. With "
              "momentum it keeps a velocity, a running sum of past gradients, so steps that agree add up and "
              "steps that alternate cancel: a heavy ball rolling down the valley instead of bouncing across it. "
              "Nesterov's variant looks ahead along the velocity before taking the gradient.",
        "ko": "확률적 경사 하강법은 기울기의 반대 방향으로 학습률만큼 움직입니다. 모멘텀을 쓰면 지난 기울기를 누적한 "
              "속도를 두어, 같은 방향의 걸음은 쌓이고 번갈아 바뀌는 걸음은 상쇄됩니다. 골짜기를 가로질러 튀는 대신 "
              "골짜기를 따라 굴러 내려가는 무거운 공과 같습니다. 네스테로프 방식은 속도 방향으로 미리 가 본 자리에서 "
              "기울기를 봅니다.",
    }
    SPEC = (
        HyperParam("lr", 1e-3, low=0.0, log=True,
                   help={"en": "Learning rate: the length of each step along the negative gradient.",
                         "ko": "학습률: 음의 기울기 방향으로 한 번에 움직이는 거리입니다."}),
        HyperParam("momentum", 0.0, low=0.0,
                   help={"en": "Momentum factor: how much of the previous step carries over.",
                         "ko": "모멘텀 계수: 이전 이동이 다음 이동에 얼마나 이어지는지 정합니다."}),
        HyperParam("dampening", 0.0, low=0.0, high=1.0,
                   help={"en": "Dampening: shrinks the new gradient's share of the momentum buffer.",
                         "ko": "감쇠: 모멘텀 버퍼에 새 기울기가 들어가는 비율을 줄입니다."}),
        HyperParam("weight_decay", 0.0, low=0.0,
                   help={"en": "L2 penalty added to the gradient (λθ).",
                         "ko": "기울기에 더해지는 L2 벌점(λθ)입니다."}),
        HyperParam("nesterov", False, kind="bool",
                   help={"en": "Nesterov momentum: look ahead along the momentum before stepping.",
                         "ko": "네스테로프 모멘텀: 모멘텀 방향으로 미리 내다본 기울기를 씁니다."}),
    )
    State = SGDState
    writes_into = True

    def _validate(self, hp):
        if hp["nesterov"]:
            if np.any(hp["momentum"] <= 0) or np.any(hp["dampening"] != 0):
                raise ValueError(
                    "Invalid nesterov: True (allowed only with momentum > 0 and dampening = 0)"
                )

    def init(self, params: np.ndarray) -> SGDState:
        return SGDState(step=0, momentum_buffer=self.zeros_like(params))

    def update(self, grads, state, params, lr=None, out=None):
        hp = self.coefficients()
        lr = hp["lr"] if lr is None else coefficient(lr)
        momentum, dampening, wd = hp["momentum"], hp["dampening"], hp["weight_decay"]
        step = state.step + 1
        g = np.asarray(grads, dtype=FLOAT)
        params = np.asarray(params, dtype=FLOAT)
        if nonzero(wd):  # torch skips weight decay when it is 0
            g = g + wd * params
        new_params = output(out, "params", params)
        if not isinstance(momentum, float):  # one momentum per run: torch's formula for each, as one expression
            if step > 1:
                buf = momentum * state.momentum_buffer + (1.0 - dampening) * g
            else:
                buf = g
            # With momentum = 0 the buffer is unused: torch keeps no buffer then.
            buf = np.where(momentum != 0, buf, 0.0)
            if hp["nesterov"]:
                direction = g + momentum * buf
            else:
                direction = np.where(momentum != 0, buf, g)
            np.subtract(params, lr * direction, out=new_params)
            if out is not None:
                np.copyto(output(out, "momentum_buffer", params), buf)
                buf = output(out, "momentum_buffer", params)
            return new_params, SGDState(step=step, momentum_buffer=buf)
        if momentum == 0.0:
            # torch keeps no buffer: the state's stays zero (a new zero array when called directly)
            buf = np.zeros_like(params) if out is None else state.momentum_buffer
            direction = g
        else:
            buf = output(out, "momentum_buffer", params)
            if step > 1:  # b = μ b + (1 − τ) g
                scaled = g if not nonzero(dampening) else np.multiply(g, 1.0 - dampening)  # 1.0 * g is g
                np.multiply(state.momentum_buffer, momentum, out=buf)
                np.add(buf, scaled, out=buf)
            else:
                np.copyto(buf, g)
            if hp["nesterov"]:
                direction = np.multiply(buf, momentum)  # g + μ b
                np.add(direction, g, out=direction)
            else:
                direction = buf
        np.multiply(direction, lr, out=new_params)  # θ − γ d
        np.subtract(params, new_params, out=new_params)
        return new_params, SGDState(step=step, momentum_buffer=buf)
