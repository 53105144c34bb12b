"""SGD with the Polyak step size, as optax.polyak_sgd (optax 0.2.8, variant 'sps'). Not in torch.optim.

Polyak's step (1987) for a function whose minimum value f* is known: step by
``(f(θ) − f*) / ‖g‖²``, the step that would reach f* if f were linear. Loizou et al. ("Stochastic
Polyak Step-size for SGD", 2021) cap it at a maximal learning rate (here ``lr``) for stochastic
gradients. It needs the loss at the current point: the rule sets ``needs_objective`` and reads it
from the :class:`~optimizers.base.Objective` the run loop passes (where it has already been
computed, so nothing is evaluated twice; with a mini-batch, the loss of the same rows as the
gradient).

As optax computes it, ``chain(sgd(scaling), scale_by_polyak(...))``: the gradient is first scaled,
``u = −scaling·g``, and the norm is that of u, ``q = ‖u‖² (= scaling²‖g‖²)``; the step is
``γ = min((f − f_min)/(q + eps), lr)``, or 0 where ``q + eps <= 2.2e-16`` (float64's machine
epsilon); ``θ ← θ + γ·u``. So with ``scaling ≠ 1`` the step is *not* scaling times Polyak's step
(it is Polyak's step divided by scaling), and a loss below ``f_min`` gives a negative step, uphill
(optax's 'sps+' variant would clip it at 0; not offered). ``f_min = 0`` is right for every
surface of the app whose minimum value is 0 (Rosenbrock, Himmelblau, Beale, the bowls, ...).
The step γ of the last update is kept per run in the state (``step_size``, ``EXTRA_STATE``).

Defaults are optax's: ``lr`` (optax's ``max_learning_rate``) 1.0, scaling 1.0, f_min 0, eps 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, NamedTuple

import numpy as np

from . import _moments as mo
from .base import FLOAT, HyperParam, Objective, Rule, per_run


class PolyakSGDState(NamedTuple):
    step: int
    step_size: np.ndarray  # γ_t, the Polyak step of the last update, one per run, (n,)


class PolyakSGD(Rule):
    __doc__ = mo.algorithm(
        [r"\gamma_{max} \text{ (lr)},\ s \text{ (scaling)},\ f^{*} \text{ (f min)},\ \epsilon \text{ (eps)},\ "
         + mo.INPUT_THETA],
        [],
        [mo.GRAD,
         r"u_t \leftarrow -s\, g_t,\ q_t \leftarrow \lVert u_t \rVert^2",
         r"\textbf{if}\ q_t + \epsilon \le 2.2 \cdot 10^{-16}:\ \gamma_t \leftarrow 0",
         r"\textbf{else}:\ \gamma_t \leftarrow \min\big((f(\theta_{t-1}) - f^{*}) / (q_t + \epsilon),\ \gamma_{max}\big)",
         r"\theta_t \leftarrow \theta_{t-1} + \gamma_t u_t"],
    )

    name = "polyak_sgd"
    title: ClassVar[Mapping[str, str]] = {"en": "SGD with the Polyak step size", "ko": "폴랴크 걸음 크기 SGD"}
    short = "Polyak SGD"
    in_torch = False
    about: ClassVar[Mapping[str, str]] = {
        "en": "The Polyak step uses what gradient descent usually ignores: how far the loss still is from its "
              "lowest possible value. It steps by (f − f*)/‖∇f‖², long when far from the goal and on gentle slopes, "
              "short near it, with no learning rate to tune — provided f* is known, as it is for models that can fit "
              "their data exactly (f* = 0). A cap keeps the step finite where the gradient is tiny.",
        "ko": "폴랴크 걸음은 경사 하강이 보통 쓰지 않는 정보, 즉 손실이 가능한 최솟값에서 아직 얼마나 떨어져 있는지를 "
              "씁니다. (f − f*)/‖∇f‖²만큼 움직이므로 목표에서 멀고 비탈이 완만하면 길게, 가까우면 짧게 가며, 조정할 "
              "학습률이 없습니다. 단, 데이터를 정확히 맞출 수 있는 모델(f* = 0)처럼 f*를 알아야 합니다. 기울기가 아주 "
              "작은 곳에서는 상한이 걸음을 유한하게 지킵니다.",
    }
    SPEC = (
        mo.lr_param(1.0, "Maximal step size γ_max (optax's max_learning_rate): caps the Polyak step.",
                    "최대 걸음 크기 γ_max(optax의 max_learning_rate): 폴랴크 걸음의 상한입니다."),
        HyperParam("scaling", 1.0, low=0.0,
                   help={"en": "The gradient is multiplied by this before the Polyak step is computed from it "
                               "(optax's order: the step ends up divided by scaling).",
                         "ko": "폴랴크 걸음을 구하기 전에 기울기에 곱하는 값입니다(optax의 순서라서 걸음은 scaling으로 "
                               "나뉩니다)."}),
        HyperParam("f_min", 0.0, low=-np.inf,
                   help={"en": "The minimum value f* of the loss (a lower bound); 0 for most surfaces here.",
                         "ko": "손실의 최솟값 f*(하한)입니다. 여기 있는 곡면 대부분은 0입니다."}),
        HyperParam("eps", 0.0, low=0.0, log=True,
                   help={"en": "Added to ‖u‖² in the step's denominator.",
                         "ko": "걸음 분모의 ‖u‖²에 더하는 작은 수입니다."}),
    )
    State = PolyakSGDState
    EXTRA_STATE = ("step_size",)

    @property
    def needs_objective(self) -> bool:
        return True

    def init(self, params: np.ndarray) -> PolyakSGDState:
        return PolyakSGDState(step=0, step_size=self.zeros_like(params)[:, 0].copy())

    def update(self, grads, state, params, lr=None, objective: Objective | None = None):
        if objective is None:
            raise ValueError("polyak_sgd needs the loss: pass objective= (optimizers.run does)")
        hp = self.hyperparams
        lr = per_run(self.lr if lr is None else lr)
        eps = per_run(hp["eps"])
        value = np.asarray(objective.loss(params), dtype=FLOAT).reshape(-1, 1)
        u = -per_run(hp["scaling"]) * np.asarray(grads, dtype=FLOAT)
        q = mo.run_dot(u, u)
        gap = value - per_run(hp["f_min"])
        with np.errstate(divide="ignore", invalid="ignore"):
            step_size = np.where(q + eps <= mo.EPS64, 0.0, np.minimum(gap / (q + eps), lr))
        n = u.shape[0]
        return params + step_size * u, PolyakSGDState(step=state.step + 1, step_size=mo.column(step_size, n)[:, 0])
