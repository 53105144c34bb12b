"""Adagrad, as torch.optim.Adagrad.

Other conventions for the same method:

* Keras (``keras.optimizers.Adagrad``): defaults ``learning_rate=0.001``,
  ``initial_accumulator_value=0.1``, ``epsilon=1e-7``. Keras 3 puts epsilon
  inside the square root, ``θ -= η g / sqrt(sum + ε)``; Keras 2 (``optimizer_v2``)
  and torch add it outside, ``θ -= η g / (sqrt(sum) + ε)``. Keras has no
  ``lr_decay``; its ``weight_decay`` is decoupled (``θ -= η λ θ``), not an L2 term.
* "Deep Learning from Scratch" (ch. 6, ``common/optimizer.py``): ``h += g*g;
  θ -= lr * g / (sqrt(h) + 1e-7)``, i.e. this rule with
  ``initial_accumulator_value=0`` and ``eps=1e-7``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .base import FLOAT, HyperParam, Rule, coefficient, nonzero, output


class AdagradState(NamedTuple):
    step: int
    sum: np.ndarray  # running sum of squared gradients, shape (n, d)


class Adagrad(Rule):
    r"""
    \begin{aligned}
    &\textbf{input}: \gamma \text{ (lr)},\ \theta_0 \text{ (params)},\ f(\theta) \text{ (objective)},\ \lambda \text{ (weight decay)},\\
    &\qquad \tau \text{ (initial accumulator value)},\ \eta \text{ (lr decay)},\ \epsilon \text{ (eps)}\\
    &\textbf{initialize}: \mathit{sum}_0 \leftarrow \tau\\
    &\textbf{for}\ t = 1, 2, \ldots\ \textbf{do}\\
    &\quad g_t \leftarrow \nabla_\theta f_t(\theta_{t-1})\\
    &\quad \tilde{\gamma} \leftarrow \gamma / \big(1 + (t - 1)\eta\big)\\
    &\quad \textbf{if}\ \lambda \neq 0:\ g_t \leftarrow g_t + \lambda \theta_{t-1}\\
    &\quad \mathit{sum}_t \leftarrow \mathit{sum}_{t-1} + g_t^2\\
    &\quad \theta_t \leftarrow \theta_{t-1} - \tilde{\gamma} \frac{g_t}{\sqrt{\mathit{sum}_t} + \epsilon}\\
    &\textbf{return}\ \theta_t
    \end{aligned}
    """

    name = "adagrad"
    title = {"en": "Adagrad", "ko": "Adagrad (적응적 학습률)"}
    short = "AdaGrad"
    about = {
        "en": "AdaGrad gives every coordinate its own learning rate: the base rate divided by the root of the sum "
              "of all its past squared gradients. Steep directions get small steps and flat ones large steps, "
              "which suits sparse features; but the sum only grows, so the steps keep shrinking and can stall a "
              "long run.",
        "ko": "AdaGrad는 좌표마다 학습률을 따로 둡니다. 기본 학습률을 그 좌표의 지난 기울기 제곱 합의 제곱근으로 "
              "나눕니다. 가파른 방향은 작게, 평평한 방향은 크게 움직여 희소한 특징에 잘 맞지만, 합이 계속 커지기만 "
              "해서 걸음이 점점 줄어들고 긴 학습에서는 멈춰 버릴 수 있습니다.",
    }
    SPEC = (
        HyperParam("lr", 1e-2, low=0.0, log=True,
                   help={"en": "Learning rate before the per-coordinate scaling.",
                         "ko": "좌표별 조정 전에 곱해지는 학습률입니다."}),
        HyperParam("lr_decay", 0.0, low=0.0,
                   help={"en": "Learning-rate decay: the step t uses lr / (1 + (t-1)·lr_decay).",
                         "ko": "학습률 감쇠: t번째 갱신은 lr / (1 + (t-1)·lr_decay)를 씁니다."}),
        HyperParam("weight_decay", 0.0, low=0.0,
                   help={"en": "L2 penalty added to the gradient (λθ).",
                         "ko": "기울기에 더해지는 L2 벌점(λθ)입니다."}),
        HyperParam("initial_accumulator_value", 0.0, low=0.0,
                   help={"en": "Starting value of the sum of squared gradients.",
                         "ko": "기울기 제곱 누적합의 초깃값입니다."}),
        HyperParam("eps", 1e-10, low=0.0, log=True,
                   help={"en": "Added to the denominator so it never vanishes.",
                         "ko": "분모가 0이 되지 않도록 더하는 작은 수입니다."}),
    )
    State = AdagradState
    writes_into = True

    def init(self, params: np.ndarray) -> AdagradState:
        return AdagradState(step=0, sum=self.zeros_like(params, self.hyperparams["initial_accumulator_value"]))

    def update(self, grads, state, params, lr=None, out=None):
        hp = self.coefficients()
        lr = hp["lr"] if lr is None else coefficient(lr)
        lr_decay, wd, eps = hp["lr_decay"], hp["weight_decay"], hp["eps"]
        step = state.step + 1
        g = np.asarray(grads, dtype=FLOAT)
        params = np.asarray(params, dtype=FLOAT)
        if nonzero(wd):  # torch skips weight decay when it is 0
            g = g + wd * params
        clr = lr / (1.0 + (step - 1) * lr_decay)
        new_params = output(out, "params", params)
        squared = np.multiply(g, g, out=new_params)  # new_params is written only at the end
        total = np.add(state.sum, squared, out=output(out, "sum", params))
        std = np.sqrt(total)
        np.add(std, eps, out=std)
        np.multiply(g, -clr, out=new_params)  # θ + (−clr g) / std
        np.divide(new_params, std, out=new_params)
        np.add(new_params, params, out=new_params)
        return new_params, AdagradState(step=step, sum=total)
