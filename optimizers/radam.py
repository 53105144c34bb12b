"""RAdam (rectified Adam), as torch.optim.RAdam.

While the approximated simple-moving-average length ``ρ_t`` is at most 5 the
variance of the adaptive step is not trusted and RAdam takes a plain
bias-corrected momentum step ``γ m̂_t``; afterwards it takes Adam's step scaled
by the rectification ``r_t``. Keras has no RAdam.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .adam import BETAS, EPS, LR
from .base import FLOAT, HyperParam, Rule, coefficient, lerp, nonzero, output, power


class RAdamState(NamedTuple):
    step: int
    exp_avg: np.ndarray  # m_t, (n, d)
    exp_avg_sq: np.ndarray  # v_t, (n, d)


class RAdam(Rule):
    r"""
    \begin{aligned}
    &\textbf{input}: \gamma \text{ (lr)},\ \beta_1, \beta_2 \text{ (betas)},\ \theta_0 \text{ (params)},\ f(\theta) \text{ (objective)},\\
    &\qquad \lambda \text{ (weight decay)},\ \textit{decoupled},\ \epsilon \text{ (eps)}\\
    &\textbf{initialize}: m_0 \leftarrow 0 \text{ (first moment)},\ v_0 \leftarrow 0 \text{ (second moment)},\\
    &\qquad \rho_{\infty} \leftarrow 2 / (1 - \beta_2) - 1\\
    &\textbf{for}\ t = 1, 2, \ldots\ \textbf{do}\\
    &\quad g_t \leftarrow \nabla_\theta f_t(\theta_{t-1})\\
    &\quad \theta_t \leftarrow \theta_{t-1}\\
    &\quad \textbf{if}\ \lambda \neq 0:\\
    &\qquad \textbf{if}\ \textit{decoupled}:\ \theta_t \leftarrow \theta_t - \gamma \lambda \theta_t\\
    &\qquad \textbf{else}:\ g_t \leftarrow g_t + \lambda \theta_t\\
    &\quad m_t \leftarrow \beta_1 m_{t-1} + (1 - \beta_1) g_t\\
    &\quad v_t \leftarrow \beta_2 v_{t-1} + (1 - \beta_2) g_t^2\\
    &\quad \widehat{m_t} \leftarrow m_t / \big(1 - \beta_1^t\big)\\
    &\quad \rho_t \leftarrow \rho_{\infty} - 2 t \beta_2^t / \big(1 - \beta_2^t\big)\\
    &\quad \textbf{if}\ \rho_t > 5:\\
    &\qquad l_t \leftarrow \frac{\sqrt{1 - \beta_2^t}}{\sqrt{v_t} + \epsilon}\\
    &\qquad r_t \leftarrow \sqrt{\frac{(\rho_t - 4)(\rho_t - 2)\rho_{\infty}}{(\rho_{\infty} - 4)(\rho_{\infty} - 2)\rho_t}}\\
    &\qquad \theta_t \leftarrow \theta_t - \gamma \widehat{m_t} r_t l_t\\
    &\quad \textbf{else}:\\
    &\qquad \theta_t \leftarrow \theta_t - \gamma \widehat{m_t}\\
    &\textbf{return}\ \theta_t
    \end{aligned}
    """

    name = "radam"
    title = {"en": "RAdam", "ko": "RAdam (정류 Adam)"}
    about = {
        "en": "RAdam (rectified Adam) checks whether the variance of Adam's adaptive step can yet be trusted: in "
              "the first steps, when too few gradients have been seen, it takes plain momentum steps, and it "
              "switches on the adaptive scaling, rectified, once it can. It works like a built-in warm-up.",
        "ko": "RAdam(정류 Adam)은 Adam의 적응형 걸음의 분산을 믿을 수 있는지 먼저 확인합니다. 본 기울기가 적은 처음 "
              "몇 걸음은 단순한 모멘텀 걸음을 쓰고, 믿을 만해지면 보정한 적응형 크기 조정을 켭니다. 내장된 워밍업처럼 "
              "작동합니다.",
    }
    SPEC = (
        LR,
        BETAS,
        EPS,
        HyperParam("weight_decay", 0.0, low=0.0,
                   help={"en": "Weight decay: an L2 term λθ added to the gradient, or with decoupled "
                               "weight decay a direct shrink θ ← θ − γλθ.",
                         "ko": "가중치 감쇠: 기울기에 L2 항 λθ를 더하거나, 분리형이면 θ ← θ − γλθ로 직접 줄입니다."}),
        HyperParam("decoupled_weight_decay", False, kind="bool",
                   help={"en": "Shrink the parameters directly (AdamW style, as in the RAdam authors' code).",
                         "ko": "매개변수를 직접 줄입니다(AdamW 방식, RAdam 저자 구현과 같음)."}),
    )
    State = RAdamState
    writes_into = True

    def init(self, params: np.ndarray) -> RAdamState:
        zeros = self.zeros_like(params)
        return RAdamState(step=0, exp_avg=zeros, exp_avg_sq=zeros.copy())

    def update(self, grads, state, params, lr=None, out=None):
        hp = self.coefficients()
        lr = hp["lr"] if lr is None else coefficient(lr)
        beta1, beta2 = hp["betas"]
        eps, wd = hp["eps"], hp["weight_decay"]
        step = state.step + 1
        g = np.asarray(grads, dtype=FLOAT)
        params = np.asarray(params, dtype=FLOAT)
        if nonzero(wd):  # torch skips weight decay when it is 0
            if hp["decoupled_weight_decay"]:
                params = params * (1.0 - lr * wd)
            else:
                g = g + wd * params
        new_params = output(out, "params", params)
        exp_avg = lerp(state.exp_avg, g, 1.0 - beta1, out=output(out, "exp_avg", params))
        # v = v * β2 + ((1 − β2) * g) * g; the product goes through new_params, written only at the end
        squared = np.multiply(g, 1.0 - beta2, out=new_params)
        np.multiply(squared, g, out=squared)
        exp_avg_sq = np.multiply(state.exp_avg_sq, beta2, out=output(out, "exp_avg_sq", params))
        np.add(exp_avg_sq, squared, out=exp_avg_sq)
        bias_correction1 = coefficient(1.0 - power(beta1, step))
        bias_correction2 = coefficient(1.0 - power(beta2, step))
        rho_inf = 2.0 / (1.0 - beta2) - 1.0
        rho_t = rho_inf - 2.0 * step * coefficient(power(beta2, step)) / bias_correction2
        # Both branches are evaluated for one rectification per run; the untaken one may be NaN and is discarded.
        with np.errstate(invalid="ignore", divide="ignore"):
            rect = np.sqrt(np.divide((rho_t - 4.0) * (rho_t - 2.0) * rho_inf, (rho_inf - 4.0) * (rho_inf - 2.0) * rho_t))
        if not isinstance(rho_t, float):  # β2 per run: torch's formula for each, as one expression
            bias_corrected_exp_avg = exp_avg / bias_correction1
            with np.errstate(invalid="ignore", divide="ignore"):
                adaptive_lr = np.sqrt(bias_correction2) / (np.sqrt(exp_avg_sq) + eps)
                step_rectified = bias_corrected_exp_avg * lr * adaptive_lr * rect
            update = np.where(rho_t > 5.0, step_rectified, bias_corrected_exp_avg * lr)
            np.subtract(params, update, out=new_params)
        else:
            np.divide(exp_avg, bias_correction1, out=new_params)  # m̂
            np.multiply(new_params, lr, out=new_params)
            if rho_t > 5.0:  # θ − m̂ γ l r, l = sqrt(1 − β2^t) / (sqrt(v) + ε)
                adaptive_lr = np.sqrt(exp_avg_sq)
                np.add(adaptive_lr, eps, out=adaptive_lr)
                np.divide(np.sqrt(bias_correction2), adaptive_lr, out=adaptive_lr)
                np.multiply(new_params, adaptive_lr, out=new_params)
                np.multiply(new_params, rect, out=new_params)
            np.subtract(params, new_params, out=new_params)  # else θ − m̂ γ
        return new_params, RAdamState(step=step, exp_avg=exp_avg, exp_avg_sq=exp_avg_sq)
