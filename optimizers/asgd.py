"""Averaged SGD, as torch.optim.ASGD (torch 2.13, the single-tensor code).

Plain gradient steps with a slowly decaying step size ``η_t = lr / (1 + λ·lr·t)^α`` and a
shrink ``θ ← θ(1 − λη)``, plus a running average ``ax`` of the iterates that starts after
``t0`` steps (Polyak–Ruppert averaging: Polyak & Juditsky, 1992; the schedule is Bottou's,
2012). The trajectory is the iterate θ, not the average: ``ax`` is kept in the state (until
step ``t0`` it is a copy of θ; with the default ``t0 = 1e6`` it always is). ``η`` and ``μ`` of
step t are the ones computed at the end of step t − 1 (the first step uses ``η = lr``), as in
torch; under a learning-rate schedule the new ``η`` uses the scheduled rate of the step that
computes it, so it lags one step behind, as torch's does. Both are kept per run in the state
(``eta``, ``mu``; ``EXTRA_STATE``).

torch computes ``g + λ_wd θ`` and ``θ − η g`` with ``add(alpha=)``, a fused multiply-add on
CPUs with FMA; they are fused here too (``base.fused_add``). ``η`` and ``μ`` are Python floats
in torch: here float64 per run, the same arithmetic.

Deviation from torch: torch does not check ``lambd``, ``alpha`` and ``t0``; here each must be >= 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, NamedTuple

import numpy as np

from . import _moments as mo
from .base import FLOAT, HyperParam, Rule, fused_add, per_run, power


class ASGDState(NamedTuple):
    step: int
    ax: np.ndarray  # the averaged iterate, (n, d); zeros before the first step, as torch's
    eta: np.ndarray  # η for the next step, (n,)
    mu: np.ndarray  # μ for the next step, (n,)


class ASGD(Rule):
    __doc__ = mo.algorithm(
        [r"\gamma \text{ (lr)},\ " + mo.INPUT_THETA + r",\ \lambda \text{ (lambd)},\ \alpha \text{ (alpha)},\ "
         r"t_0 \text{ (t0)},\ \lambda_{wd} \text{ (weight decay)}"],
        [r"\eta_0 \leftarrow \gamma,\ \mu_0 \leftarrow 1,\ \bar\theta_0 \leftarrow 0 \text{ (ax)}"],
        [mo.GRAD,
         r"\textbf{if}\ \lambda_{wd} \neq 0:\ g_t \leftarrow g_t + \lambda_{wd} \theta_{t-1}",
         r"\theta_t \leftarrow \theta_{t-1} (1 - \lambda \eta_{t-1}) - \eta_{t-1} g_t",
         r"\textbf{if}\ \mu_{t-1} \neq 1:\ \bar\theta_t \leftarrow \bar\theta_{t-1} + \mu_{t-1} (\theta_t - \bar\theta_{t-1})",
         r"\textbf{else}:\ \bar\theta_t \leftarrow \theta_t",
         r"\eta_t \leftarrow \gamma / (1 + \lambda \gamma t)^{\alpha},\ \mu_t \leftarrow 1 / \max(1, t - t_0)"],
    )

    name = "asgd"
    title: ClassVar[Mapping[str, str]] = {"en": "Averaged SGD", "ko": "ASGD (평균 확률적 경사 하강법)"}
    short = "ASGD"
    about: ClassVar[Mapping[str, str]] = {
        "en": "Averaged SGD takes ordinary gradient steps with a step size that decays slowly, and keeps a running "
              "average of the points visited after step t0. With noisy gradients the iterate keeps jittering "
              "around the minimum while the average settles close to it, at the best rate theory allows; the "
              "average is the answer, the iterate is how it is found.",
        "ko": "ASGD는 천천히 줄어드는 걸음 크기로 보통의 경사 하강을 하면서, t0번째 걸음 이후에 지나간 점들의 평균을 "
              "함께 기록합니다. 기울기에 잡음이 있으면 현재 점은 최솟값 주변에서 계속 흔들리지만 평균은 그 가까이에 "
              "자리 잡으며, 이론상 가장 빠른 속도로 수렴합니다. 답은 평균이고, 현재 점은 그것을 찾는 과정입니다.",
    }
    SPEC = (
        mo.lr_param(1e-2, "Learning rate γ: the first step size η₀ (later ones decay as γ/(1 + λγt)^α).",
                    "학습률 γ: 첫 걸음 크기 η₀입니다(이후 γ/(1 + λγt)^α로 줄어듭니다)."),
        HyperParam("lambd", 1e-4, low=0.0,
                   help={"en": "Decay term λ: shrinks θ by (1 − λη) every step and slows the step size's decay.",
                         "ko": "감쇠 항 λ: 매 걸음 θ를 (1 − λη)배로 줄이고, 걸음 크기가 줄어드는 속도를 정합니다."}),
        HyperParam("alpha", 0.75, low=0.0,
                   help={"en": "Power α of the step size's decay η_t = γ/(1 + λγt)^α.",
                         "ko": "걸음 크기 감소 η_t = γ/(1 + λγt)^α의 지수 α입니다."}),
        HyperParam("t0", 1e6, low=0.0,
                   help={"en": "Step after which averaging starts (before it, the average is the current point).",
                         "ko": "평균을 내기 시작하는 걸음 수입니다(그 전에는 평균이 현재 점과 같습니다)."}),
        HyperParam("weight_decay", 0.0, low=0.0,
                   help={"en": "L2 penalty added to the gradient (λθ).",
                         "ko": "기울기에 더해지는 L2 벌점(λθ)입니다."}),
    )
    State = ASGDState
    EXTRA_STATE = ("eta", "mu")

    def init(self, params: np.ndarray) -> ASGDState:
        zeros = self.zeros_like(params)
        return ASGDState(step=0, ax=zeros, eta=self.zeros_like(params, self.lr)[:, 0].copy(),
                         mu=np.ones(zeros.shape[0]))

    def update(self, grads, state, params, lr=None):
        hp = self.hyperparams
        lr = per_run(self.lr if lr is None else lr)
        lambd, alpha, t0, wd = (per_run(hp[k]) for k in ("lambd", "alpha", "t0", "weight_decay"))
        eta, mu = state.eta[:, None], state.mu[:, None]
        step = state.step + 1
        g = fused_add(grads, wd, params)
        theta = fused_add(params * (1.0 - lambd * eta), -eta, g)
        ax = np.where(mu != 1.0, state.ax + (theta - state.ax) * mu, theta)
        n = theta.shape[0]
        new_eta = lr / power(1.0 + lambd * lr * float(step), alpha)
        new_mu = 1.0 / np.maximum(1.0, float(step) - t0)
        return theta, ASGDState(step=step, ax=ax, eta=mo.column(new_eta, n)[:, 0], mu=mo.column(new_mu, n)[:, 0])
