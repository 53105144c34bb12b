"""Rprop (resilient backpropagation), as torch.optim.Rprop (torch 2.13, the single-tensor code).

Each coordinate keeps its own step size and moves by it against the sign of its gradient; the
gradient's size is never used. The step size grows (``etaplus``) while the gradient keeps its
sign and shrinks (``etaminus``) when it flips, and a coordinate whose gradient just flipped does
not move at that step (torch sets its gradient to 0, so the next step leaves the step size as it
is). ``lr`` is only the initial step size: as in torch, a learning-rate schedule changes nothing
(``update(..., lr=)`` is ignored). The first step is ``θ ← θ − lr·sign(g)``.

Riedmiller & Braun, "A direct adaptive method for faster backpropagation learning: the RPROP
algorithm" (1993). This is their variant without weight backtracking (often called Rprop−),
which is what torch implements.

Deviation from torch: torch does not check ``step_sizes``; here both must be >= 0 with
``step_sizes[0] <= step_sizes[1]`` (torch's clamp with min > max would pin every step size at max).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, NamedTuple

import numpy as np

from . import _moments as mo
from .base import FLOAT, HyperParam, Rule, per_run


class RpropState(NamedTuple):
    step: int
    prev: np.ndarray  # the previous gradient, zeroed where it flipped sign, (n, d)
    step_size: np.ndarray  # η_t per coordinate, (n, d)


class Rprop(Rule):
    __doc__ = mo.algorithm(
        [r"\theta_0 \text{ (params)},\ f(\theta) \text{ (objective)},\ \eta_{+/-} \text{ (etaplus, etaminus)},\ "
         r"\Gamma_{max/min} \text{ (step sizes)},\ \eta \text{ (lr)}"],
        [r"g^{prev}_0 \leftarrow 0,\ \eta_0 \leftarrow \eta \text{ (lr)}"],
        [mo.GRAD,
         r"\textbf{for}\ i = 1, \ldots, d\ \textbf{do}",
         r"\quad \textbf{if}\ g^{prev}_{i,t-1} g_{i,t} > 0:\ \eta_{i,t} \leftarrow \min(\eta_{i,t-1} \eta_{+}, \Gamma_{max})",
         r"\quad \textbf{else if}\ g^{prev}_{i,t-1} g_{i,t} < 0:\ "
         r"\eta_{i,t} \leftarrow \max(\eta_{i,t-1} \eta_{-}, \Gamma_{min}),\ g_{i,t} \leftarrow 0",
         r"\quad \textbf{else}:\ \eta_{i,t} \leftarrow \eta_{i,t-1}",
         r"\theta_t \leftarrow \theta_{t-1} - \eta_t \cdot \text{sign}(g_t),\ g^{prev}_t \leftarrow g_t"],
    )

    name = "rprop"
    title: ClassVar[Mapping[str, str]] = {"en": "Rprop (resilient backpropagation)",
                                          "ko": "Rprop (탄력적 역전파)"}
    short = "Rprop"
    about: ClassVar[Mapping[str, str]] = {
        "en": "Rprop ignores how large the gradient is and looks only at its sign: every coordinate has its own "
              "step size, which grows while the slope keeps its direction and shrinks when the slope flips (the "
              "step overshot a valley). It is made for full-batch training, where signs are reliable, and crosses "
              "plateaus and steep walls at the same pace.",
        "ko": "Rprop은 기울기의 크기를 무시하고 부호만 봅니다. 좌표마다 걸음 크기를 따로 두고, 기울기 방향이 유지되면 "
              "키우고 뒤집히면(골짜기를 지나쳤으면) 줄입니다. 부호가 믿을 만한 전체 배치 학습을 위한 방법이며, "
              "평탄한 곳과 가파른 벽을 같은 속도로 지나갑니다.",
    }
    SPEC = (
        mo.lr_param(1e-2, "Initial step size of every coordinate (later steps adapt; a schedule has no effect).",
                    "모든 좌표의 처음 걸음 크기입니다(이후에는 스스로 조정되며, 학습률 스케줄은 효과가 없습니다)."),
        HyperParam("etas", (0.5, 1.2), kind="pair", low=0.0, low_open=True,
                   help={"en": "(etaminus, etaplus): the step size is multiplied by etaminus (< 1) when the gradient "
                               "flips sign and by etaplus (> 1) when it keeps it.",
                         "ko": "(etaminus, etaplus): 기울기 부호가 바뀌면 걸음 크기에 etaminus(< 1)를, 유지되면 "
                               "etaplus(> 1)를 곱합니다."}),
        HyperParam("step_sizes", (1e-6, 50.0), kind="pair", low=0.0,
                   help={"en": "(minimal, maximal) allowed step size.",
                         "ko": "걸음 크기의 (최솟값, 최댓값)입니다."}),
    )
    State = RpropState

    def _validate(self, hp):
        minus, plus = hp["etas"]
        if np.any(minus >= 1.0):
            raise ValueError(f"Invalid etas[0]: {float(np.max(minus))!r} (allowed: 0 < etas[0] < 1 < etas[1])")
        if np.any(plus <= 1.0):
            raise ValueError(f"Invalid etas[1]: {float(np.min(plus))!r} (allowed: 0 < etas[0] < 1 < etas[1])")
        low, high = hp["step_sizes"]
        if np.any(low > high):
            raise ValueError("Invalid step_sizes: the minimum exceeds the maximum "
                             "(allowed: step_sizes[0] <= step_sizes[1])")

    def init(self, params: np.ndarray) -> RpropState:
        zeros = self.zeros_like(params)
        return RpropState(step=0, prev=zeros, step_size=self.zeros_like(params, self.lr))

    def update(self, grads, state, params, lr=None):
        hp = self.hyperparams
        minus, plus = (per_run(v) for v in hp["etas"])
        low, high = (per_run(v) for v in hp["step_sizes"])
        g = np.asarray(grads, dtype=FLOAT)
        sign = np.sign(g * state.prev)
        factor = np.where(sign > 0, plus, np.where(sign < 0, minus, np.where(sign == 0, 1.0, sign)))
        step_size = np.clip(state.step_size * factor, low, high)
        g = np.where(factor == minus, 0.0, g)
        new_params = params - np.sign(g) * step_size
        return new_params, RpropState(step=state.step + 1, prev=g, step_size=step_size)
