"""AdamW, as torch.optim.AdamW: Adam whose weight decay shrinks the parameters directly.

torch's AdamW is ``Adam(..., decoupled_weight_decay=True)`` with a default
``weight_decay`` of ``1e-2``. Keras (``keras.optimizers.AdamW``) uses the same
decoupled decay with defaults ``learning_rate=0.001``, ``weight_decay=0.004``,
``epsilon=1e-7`` and Keras' "epsilon hat" (``epsilon_hat=True`` here; see
:mod:`optimizers.adam`).
"""

from __future__ import annotations

from .adam import AMSGRAD, BETAS, EPS, EPSILON_HAT, LR, Adam, AdamState, adam_update
from .base import HyperParam

DECOUPLED_WD = HyperParam("weight_decay", 1e-2, low=0.0,
                          help={"en": "Decoupled weight decay: every step shrinks θ by γλθ, outside the moments.",
                                "ko": "분리형 가중치 감쇠: 모멘트와 별개로 매 단계 θ를 γλθ만큼 줄입니다."})


class AdamW(Adam):
    r"""
    \begin{aligned}
    &\textbf{input}: \gamma \text{ (lr)},\ \beta_1, \beta_2 \text{ (betas)},\ \theta_0 \text{ (params)},\ f(\theta) \text{ (objective)},\ \epsilon \text{ (eps)},\\
    &\qquad \lambda \text{ (weight decay)},\ \textit{amsgrad}\\
    &\textbf{initialize}: m_0 \leftarrow 0 \text{ (first moment)},\ v_0 \leftarrow 0 \text{ (second moment)},\ v_0^{max} \leftarrow 0\\
    &\textbf{for}\ t = 1, 2, \ldots\ \textbf{do}\\
    &\quad g_t \leftarrow \nabla_\theta f_t(\theta_{t-1})\\
    &\quad \theta_t \leftarrow \theta_{t-1} - \gamma \lambda \theta_{t-1}\\
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

    name = "adamw"
    title = {"en": "AdamW", "ko": "AdamW (분리형 가중치 감쇠 Adam)"}
    about = {
        "en": "AdamW is Adam with decoupled weight decay: the parameters shrink towards zero by lr × λ each step, "
              "apart from the gradient, instead of adding λθ to the gradient where Adam's scaling would weaken "
              "it. That makes the decay behave the same in every coordinate.",
        "ko": "AdamW는 가중치 감쇠를 분리한 Adam입니다. 감쇠 λθ를 기울기에 더하면 Adam의 크기 조정이 그것을 약하게 "
              "만들기 때문에, 대신 매 걸음 기울기와 따로 매개변수를 lr × λ만큼 0 쪽으로 줄입니다. 그래서 감쇠가 모든 "
              "좌표에서 똑같이 작동합니다.",
    }
    SPEC = (LR, BETAS, EPS, DECOUPLED_WD, AMSGRAD, EPSILON_HAT)
    State = AdamState

    @property
    def decoupled(self) -> bool:
        return True

    def update(self, grads, state, params, lr=None, out=None):
        return adam_update(self, grads, state, params, lr, True, out)
