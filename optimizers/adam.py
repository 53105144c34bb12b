"""Adam (with AMSGrad and decoupled weight decay), as torch.optim.Adam.

The AMSGrad maximum is taken over the raw second moment ``v_t`` and bias
correction is applied afterwards, exactly as torch does.

Other conventions for the same method:

* Keras (``keras.optimizers.Adam``): defaults ``learning_rate=0.001``,
  ``beta_1=0.9``, ``beta_2=0.999``, ``epsilon=1e-7``, and epsilon is the
  "epsilon hat" of Kingma & Ba (the formula just before their section 2.1)::

      lr_t = lr * sqrt(1 - beta2**t) / (1 - beta1**t)
      theta -= lr_t * m / (sqrt(v) + eps)

  Choose ``epsilon_hat=True`` for this form (not a torch option). It equals
  torch's update with ``eps / sqrt(1 - beta2**t)`` in place of ``eps``, so the
  two differ only while ``eps`` is comparable to ``sqrt(v)``. Keras'
  ``weight_decay`` is decoupled, i.e. ``decoupled_weight_decay=True`` here.
* "Deep Learning from Scratch" (ch. 6, ``common/optimizer.py``) uses the same
  epsilon-hat form with a fixed ``1e-7``: ``epsilon_hat=True, eps=1e-7``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .base import FLOAT, HyperParam, Rule, coefficient, lerp, nonzero, output, power


class AdamState(NamedTuple):
    step: int
    exp_avg: np.ndarray  # m_t, first moment, (n, d)
    exp_avg_sq: np.ndarray  # v_t, second moment, (n, d)
    max_exp_avg_sq: np.ndarray  # v_t^max, (n, d); zeros unless amsgrad


LR = HyperParam("lr", 1e-3, low=0.0, log=True,
                help={"en": "Learning rate: roughly the largest distance one coordinate moves per step.",
                      "ko": "학습률: 한 번에 각 좌표가 움직이는 거리의 대략적인 상한입니다."})
BETAS = HyperParam("betas", (0.9, 0.999), kind="pair", low=0.0, high=1.0, high_open=True,
                   help={"en": "Decay rates of the running averages of the gradient and of its square.",
                         "ko": "기울기와 기울기 제곱의 이동 평균 감쇠율입니다."})
EPS = HyperParam("eps", 1e-8, low=0.0, log=True,
                 help={"en": "Added to the denominator so it never vanishes.",
                       "ko": "분모가 0이 되지 않도록 더하는 작은 수입니다."})
L2 = HyperParam("weight_decay", 0.0, low=0.0,
                help={"en": "Weight decay: an L2 term λθ added to the gradient, or with decoupled "
                            "weight decay a direct shrink θ ← θ − γλθ.",
                      "ko": "가중치 감쇠: 기울기에 L2 항 λθ를 더하거나, 분리형이면 θ ← θ − γλθ로 직접 줄입니다."})
AMSGRAD = HyperParam("amsgrad", False, kind="bool",
                     help={"en": "AMSGrad: divide by the largest second moment seen so far.",
                           "ko": "AMSGrad: 지금까지의 가장 큰 2차 모멘트로 나눕니다."})
DECOUPLED = HyperParam("decoupled_weight_decay", False, kind="bool",
                       help={"en": "Shrink the parameters directly (AdamW) instead of adding λθ to the gradient.",
                             "ko": "기울기에 λθ를 더하는 대신 매개변수를 직접 줄입니다(AdamW 방식)."})
EPSILON_HAT = HyperParam("epsilon_hat", False, kind="bool", torch=False,
                         help={"en": "Keras / 'Deep Learning from Scratch' form: bias corrections folded into "
                                     "the learning rate, eps added to sqrt(v) (not a torch option).",
                               "ko": "Keras / 『밑바닥부터 시작하는 딥러닝』 방식: 편향 보정을 학습률에 넣고 "
                                     "eps를 sqrt(v)에 더합니다(torch에는 없는 옵션)."})


def adam_update(rule: Rule, grads, state: AdamState, params, lr, decoupled: bool, out=None):
    """One Adam step shared by Adam and AdamW.

    Every operation is torch's, in torch's order, each one a single NumPy call that writes into
    an array of the step (``out``'s, see :func:`optimizers.base.output`); the two square roots, the
    divisions and the multiplications by a hyperparameter are each rounded exactly as in
    ``m / (1 - β1^t)`` written out, so the step equals the textbook formula evaluated naively.
    """
    hp = rule.coefficients()
    lr = hp["lr"] if lr is None else coefficient(lr)
    beta1, beta2 = hp["betas"]
    eps, wd = hp["eps"], hp["weight_decay"]
    step = state.step + 1
    g = np.asarray(grads, dtype=FLOAT)
    params = np.asarray(params, dtype=FLOAT)
    new_params = output(out, "params", params)
    if nonzero(wd):  # torch skips weight decay when it is 0
        if decoupled:
            params = params * (1.0 - lr * wd)
        else:
            g = g + wd * params
    exp_avg = lerp(state.exp_avg, g, 1.0 - beta1, out=output(out, "exp_avg", params))
    # v = v * β2 + ((1 - β2) * g) * g; the product goes through new_params, written only at the end
    squared = np.multiply(g, 1.0 - beta2, out=new_params)
    np.multiply(squared, g, out=squared)
    exp_avg_sq = np.multiply(state.exp_avg_sq, beta2, out=output(out, "exp_avg_sq", params))
    np.add(exp_avg_sq, squared, out=exp_avg_sq)
    bias_correction1 = coefficient(1.0 - power(beta1, step))
    bias_correction2 = coefficient(1.0 - power(beta2, step))
    if hp["amsgrad"]:
        max_exp_avg_sq = np.maximum(state.max_exp_avg_sq, exp_avg_sq, out=output(out, "max_exp_avg_sq", params))
        second = max_exp_avg_sq
    else:
        max_exp_avg_sq = state.max_exp_avg_sq
        second = exp_avg_sq
    denom = np.sqrt(second)
    if hp["epsilon_hat"]:
        step_size = lr * np.sqrt(bias_correction2) / bias_correction1
    else:
        step_size = lr / bias_correction1
        np.divide(denom, np.sqrt(bias_correction2), out=denom)
    np.add(denom, eps, out=denom)
    # params + (-step_size * m) / denom
    np.multiply(exp_avg, -step_size, out=new_params)
    np.divide(new_params, denom, out=new_params)
    np.add(new_params, params, out=new_params)
    return new_params, AdamState(step=step, exp_avg=exp_avg, exp_avg_sq=exp_avg_sq, max_exp_avg_sq=max_exp_avg_sq)


class Adam(Rule):
    r"""
    \begin{aligned}
    &\textbf{input}: \gamma \text{ (lr)},\ \beta_1, \beta_2 \text{ (betas)},\ \theta_0 \text{ (params)},\ f(\theta) \text{ (objective)},\\
    &\qquad \lambda \text{ (weight decay)},\ \textit{amsgrad},\ \textit{decoupled},\ \epsilon \text{ (eps)}\\
    &\textbf{initialize}: m_0 \leftarrow 0 \text{ (first moment)},\ v_0 \leftarrow 0 \text{ (second moment)},\ v_0^{max} \leftarrow 0\\
    &\textbf{for}\ t = 1, 2, \ldots\ \textbf{do}\\
    &\quad g_t \leftarrow \nabla_\theta f_t(\theta_{t-1})\\
    &\quad \theta_t \leftarrow \theta_{t-1}\\
    &\quad \textbf{if}\ \lambda \neq 0:\\
    &\qquad \textbf{if}\ \textit{decoupled}:\ \theta_t \leftarrow \theta_{t-1} - \gamma \lambda \theta_{t-1}\\
    &\qquad \textbf{else}:\ g_t \leftarrow g_t + \lambda \theta_{t-1}\\
    &\quad m_t \leftarrow \beta_1 m_{t-1} + (1 - \beta_1) g_t\\
    &\quad v_t \leftarrow \beta_2 v_{t-1} + (1 - \beta_2) g_t^2\\
    &\quad \widehat{m_t} \leftarrow m_t / \big(1 - \beta_1^t\big)\\
    &\quad \textbf{if}\ \textit{amsgrad}:\\
    &\qquad v_t^{max} \leftarrow \max\big(v_{t-1}^{max}, v_t\big)\\
    &\qquad \widehat{v_t} \leftarrow v_t^{max} / \big(1 - \beta_2^t\big)\\
    &\quad \textbf{else}:\\
    &\qquad \widehat{v_t} \leftarrow v_t / \big(1 - \beta_2^t\big)\\
    &\quad \textbf{if}\ \textit{epsilon\_hat}\ \text{(Keras, not torch)}:\\
    &\qquad \theta_t \leftarrow \theta_t - \gamma \widehat{m_t} \big/ \big(\sqrt{\widehat{v_t}} + \epsilon / \sqrt{1 - \beta_2^t}\big)\\
    &\quad \textbf{else}:\\
    &\qquad \theta_t \leftarrow \theta_t - \gamma \widehat{m_t} \big/ \big(\sqrt{\widehat{v_t}} + \epsilon\big)\\
    &\textbf{return}\ \theta_t
    \end{aligned}
    """

    name = "adam"
    title = {"en": "Adam", "ko": "Adam (적응적 모멘트 추정)"}
    about = {
        "en": "Adam combines momentum (a moving average of gradients) with RMSprop's scaling (a moving average of "
              "squared gradients), both corrected for starting at zero. Each coordinate moves by about the "
              "learning rate in the direction the recent gradients agree on; the default of most deep-learning "
              "code. AMSGrad keeps the largest second moment seen, so the steps never grow back.",
        "ko": "Adam은 모멘텀(기울기의 이동 평균)과 RMSprop의 크기 조정(기울기 제곱의 이동 평균)을 합치고, 둘 다 0에서 "
              "시작하는 치우침을 보정합니다. 각 좌표는 최근 기울기들이 일치하는 방향으로 대략 학습률만큼 움직입니다. "
              "대부분의 딥러닝 코드의 기본값입니다. AMSGrad는 지금까지의 가장 큰 2차 모멘트를 유지해 걸음이 다시 "
              "커지지 않게 합니다.",
    }
    SPEC = (LR, BETAS, EPS, L2, AMSGRAD, DECOUPLED, EPSILON_HAT)
    State = AdamState
    writes_into = True

    @property
    def decoupled(self) -> bool:
        return self.hyperparams["decoupled_weight_decay"]

    def init(self, params: np.ndarray) -> AdamState:
        zeros = self.zeros_like(params)
        return AdamState(step=0, exp_avg=zeros, exp_avg_sq=zeros.copy(), max_exp_avg_sq=zeros.copy())

    def update(self, grads, state, params, lr=None, out=None):
        return adam_update(self, grads, state, params, lr, self.decoupled, out)
