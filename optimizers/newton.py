"""Newton's method with the exact Hessian, damped and saddle-free. Not in torch.optim.

Each step solves ``(H + λI) p = ∇f`` at the current point, for every run at
once (``np.linalg.solve`` over ``(n, d, d)``), and moves ``θ ← θ − lr·p``. With
``lr = 1`` and ``λ = 0`` a quadratic is solved in one step. Pure Newton solves
``∇f = 0``: it does not descend, and near a saddle point or a maximum it is
drawn to it just as to a minimum. Two standard repairs:

* ``damping`` λ > 0 (Levenberg–Marquardt style): ``H + λI`` is positive
  definite once λ exceeds ``−λ_min(H)``, and as λ grows the step turns into a
  short gradient step ``∇f / λ``.
* ``saddle_free`` (Dauphin et al., 2014, "Identifying and attacking the saddle
  point problem in high-dimensional non-convex optimization"): use ``|H|``,
  the Hessian with its eigenvalues replaced by their absolute values (through
  ``H = Q diag(μ) Qᵀ``), so that negative curvature pushes away from a saddle
  instead of towards it. This option is marked as not torch's
  (``HyperParam.torch = False``): torch has no Newton optimizer at all
  (``Newton.in_torch`` is False), and saddle-free Newton is a further variant.

A run whose system is singular (an exact zero pivot of the LU factorisation,
the one ``np.linalg.solve`` would refuse; with ``saddle_free``, a zero
``|μ| + λ``) or whose Hessian or gradient is not finite gets a NaN step: the
run loop marks it diverged and freezes it. No exception is raised for it, and
whether a run counts as singular depends on that run alone, so a batched call
equals its runs made one at a time. The Hessian comes from the objective the
run loop passes (``objective.hess``, the surface's exact ``Surface.hess``; for
a mini-batch the Hessian of the same rows as the gradient).

The state keeps, for the inspector and the curvature lesson, the step
direction ``−p``, the Hessian at the point the step was taken from, and its
eigenvalues (ascending; those of ``H``, not of ``|H|``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, NamedTuple

import numpy as np

from .base import FLOAT, HyperParam, Objective, Rule, per_run


class NewtonState(NamedTuple):
    step: int
    direction: np.ndarray  # −p = −(H + λI)⁻¹∇f (or with |H|), (n, d); NaN where the system was singular
    hessian: np.ndarray  # (n, d, d): H at the point the step was taken from
    eigenvalues: np.ndarray  # (n, d): eigenvalues of that H, ascending


def solve_each(A: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Solve ``A[i] x[i] = b[i]`` for a stack ``A`` ``(n, d, d)``, ``b`` ``(n, d)``; never raises.

    Returns ``(x, ok)``; ``ok[i]`` is False (and ``x[i]`` NaN) where ``A[i]`` is not finite or
    its LU factorisation (LAPACK getrf, as in ``np.linalg.solve``) meets an exact zero pivot.
    Each system's outcome depends on that system alone.
    """
    n, d = b.shape
    ok = np.isfinite(A).all(axis=(1, 2)) & np.isfinite(b).all(axis=1)
    safe = np.where(ok[:, None, None], A, np.eye(d))
    sign, _ = np.linalg.slogdet(safe)  # the same getrf as solve: sign 0 <=> a zero pivot
    ok &= sign != 0
    safe = np.where(ok[:, None, None], safe, np.eye(d))
    try:
        x = np.linalg.solve(safe, b[:, :, None])[:, :, 0]
    except np.linalg.LinAlgError:  # pragma: no cover - slogdet and solve disagreeing; one by one then
        x = np.empty_like(b)
        for i in range(n):
            try:
                x[i] = np.linalg.solve(safe[i], b[i])
            except np.linalg.LinAlgError:
                ok[i] = False
    return np.where(ok[:, None], x, np.nan), ok


class Newton(Rule):
    r"""
    \begin{aligned}
    &\textbf{input}: \gamma \text{ (lr)},\ \theta_0 \text{ (params)},\ f(\theta) \text{ (objective)},\ \lambda \text{ (damping)},\ \textit{saddle\_free}\\
    &\textbf{for}\ t = 1, 2, \ldots\ \textbf{do}\\
    &\quad g_t \leftarrow \nabla_\theta f(\theta_{t-1}),\ H_t \leftarrow \nabla^2_\theta f(\theta_{t-1})\\
    &\quad \textbf{if}\ \textit{saddle\_free}\ \text{(not torch)}:\ H_t = Q\, \text{diag}(\mu)\, Q^\top,\ H_t \leftarrow Q\, \text{diag}(|\mu|)\, Q^\top\\
    &\quad \text{solve}\ (H_t + \lambda I)\, p_t = g_t \quad \text{(singular or not finite: the run has diverged)}\\
    &\quad \theta_t \leftarrow \theta_{t-1} - \gamma p_t\\
    &\textbf{return}\ \theta_t
    \end{aligned}
    """

    name = "newton"
    title: ClassVar[Mapping[str, str]] = {"en": "Newton's method", "ko": "뉴턴법"}
    about = {
        "en": "Newton's method divides the gradient by the curvature: it solves H p = ∇f and steps by p, which on a "
              "quadratic lands on the stationary point in one step whatever its condition number. It needs the "
              "exact Hessian, costs a linear solve per step, and heads for any point where the gradient vanishes, "
              "saddles and maxima included, unless the Hessian is damped (H + λI) or made positive (|H|).",
        "ko": "뉴턴법은 기울기를 곡률로 나눕니다. H p = ∇f를 풀어 p만큼 움직이므로, 이차 함수에서는 조건수와 상관없이 한 "
              "걸음에 정지점에 도착합니다. 정확한 헤세 행렬과 매 걸음 연립방정식 풀이가 필요하고, 기울기가 0인 곳이면 "
              "안장점이나 극대점으로도 향합니다. 헤세 행렬에 감쇠(H + λI)를 주거나 양수로 바꾸면(|H|) 이를 막습니다.",
    }
    short = "Newton"
    cost = 12  # a d x d solve per run: 10,000 runs x 100 steps on Rosenbrock take ~11x SGD's time
    in_torch = False
    SPEC = (
        HyperParam("lr", 1.0, low=0.0, log=True,
                   help={"en": "Step size: the fraction of the Newton step taken (1 = the whole step, which "
                               "solves a quadratic at once).",
                         "ko": "걸음 크기: 뉴턴 걸음 중 실제로 가는 비율입니다(1이면 한 번에 이차함수의 해에 "
                               "도달하는 온전한 걸음)."}),
        HyperParam("damping", 0.0, low=0.0,
                   help={"en": "Damping λ added to the Hessian's diagonal (H + λI): larger values make the step "
                               "shorter and closer to a gradient step, and keep it away from saddles and maxima.",
                         "ko": "헤세 행렬의 대각에 더하는 감쇠 λ(H + λI)입니다. 클수록 걸음이 짧아지고 경사 "
                               "하강 걸음에 가까워지며, 안장점과 극댓값으로 끌려가지 않게 됩니다."}),
        HyperParam("saddle_free", False, kind="bool", torch=False,
                   help={"en": "Saddle-free Newton: use |H| (the Hessian's eigenvalues made positive), so that "
                               "negative curvature pushes away from saddle points (not a torch option).",
                         "ko": "안장점 회피 뉴턴법: 헤세 행렬의 고윳값을 절댓값으로 바꾼 |H|를 써서, 음의 곡률이 "
                               "안장점에서 밀어내도록 합니다(torch에는 없는 옵션)."}),
    )
    State = NewtonState
    EXTRA_STATE = ("hessian", "eigenvalues")

    @property
    def needs_objective(self) -> bool:
        return True

    @property
    def needs_hessian(self) -> bool:
        return True

    def init(self, params: np.ndarray) -> NewtonState:
        zeros = self.zeros_like(params)
        n, d = zeros.shape
        return NewtonState(step=0, direction=zeros, hessian=np.zeros((n, d, d)), eigenvalues=np.zeros((n, d)))

    def update(self, grads, state: NewtonState, params, lr=None, objective: Objective | None = None):
        if objective is None:
            raise ValueError("newton needs the Hessian: pass objective= (optimizers.run does)")
        g = np.asarray(grads, dtype=FLOAT)
        x = np.asarray(params, dtype=FLOAT)
        n, d = x.shape
        lr = per_run(self.lr if lr is None else lr)
        damping = np.broadcast_to(np.asarray(self.hyperparams["damping"], dtype=FLOAT), (n,))
        H = np.asarray(objective.hess(x), dtype=FLOAT).reshape(n, d, d)
        with np.errstate(all="ignore"):
            finite = np.isfinite(H).all(axis=(1, 2))
            safe = np.where(finite[:, None, None], H, np.eye(d))
            if self.hyperparams["saddle_free"]:
                mu, Q = np.linalg.eigh(safe)
                denom = np.abs(mu) + damping[:, None]
                coef = np.einsum("nji,nj->ni", Q, g) / denom  # Qᵀg / (|μ| + λ)
                p = np.einsum("nij,nj->ni", Q, coef)
                ok = finite & (denom != 0).all(axis=1) & np.isfinite(p).all(axis=1)
                p = np.where(ok[:, None], p, np.nan)
            else:
                mu = np.linalg.eigvalsh(safe)
                A = safe + damping[:, None, None] * np.eye(d)
                p, _ = solve_each(np.where(finite[:, None, None], A, np.nan), g)
            eigenvalues = np.where(finite[:, None], mu, np.nan)
            new_params = x - lr * p
        return new_params, NewtonState(step=state.step + 1, direction=-p, hessian=H, eigenvalues=eigenvalues)
