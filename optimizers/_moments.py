"""Arithmetic and text shared by the frontier rules of issue 11 (rprop ... prodigy).

Moving averages, bias corrections, decoupled weight decay and per-run norms, each written
in the operation order of the reference that the rules follow (optax's ``update_moment`` is
``(1 - b) * g + b * m``, not torch's ``lerp``), so that a rule reads as its reference and
matches it to rounding. Every value may be a scalar or a per-run column ``(n, 1)`` (see
:func:`optimizers.base.per_run`); a run's parameters are one vector, so a norm, sum or dot
product is taken over the last axis, one per run, kept as a column.

Also the pieces the rules' docstrings share (their algorithm as LaTeX, which the app
shows), the hyperparameter declarations several rules repeat, and :class:`PerRunInt`, a
whole-number hyperparameter that may also take one value per run.

The classic rules (adam, adamw, nadam, radam, adamax, rmsprop, ...) repeat some of this
arithmetic in torch's order (``lerp``, ``v * b2 + (1 - b2) * g * g``, ``1 - beta ** t``);
they do not use this module (yet).
"""

from __future__ import annotations

from typing import Any, Iterable

import numpy as np

from .base import FLOAT, HyperParam, power

# finfo(float64).eps: torch's Adafactor eps1 = None and optax's polyak_sgd threshold.
EPS64 = float(np.finfo(np.float64).eps)


# -- moving averages and bias corrections -----------------------------------------------------------------------

def ema(average: np.ndarray, new: np.ndarray, beta: Any) -> np.ndarray:
    """``(1 - β)·new + β·average`` (optax's ``update_moment(..., order=1)``, in its order)."""
    return (1.0 - beta) * new + beta * average


def ema_sq(average: np.ndarray, new: np.ndarray, beta: Any) -> np.ndarray:
    """``(1 - β)·new² + β·average`` (optax's ``update_moment_per_elem_norm(..., order=2)``)."""
    return (1.0 - beta) * (new * new) + beta * average


def bias_correction(beta: Any, step: int) -> np.ndarray:
    """``1 − β^t`` (``power`` keeps a per-run array equal to its runs one at a time)."""
    return 1.0 - power(beta, step)


def debias(moment: np.ndarray, beta: Any, step: int) -> np.ndarray:
    """``m / (1 − β^t)``: optax's ``bias_correction``."""
    return moment / bias_correction(beta, step)


def add_decayed_weights(update: np.ndarray, weight_decay: Any, params: np.ndarray) -> np.ndarray:
    """``u + λ·θ``: optax's ``add_decayed_weights``, the decay that is later scaled by −lr with the rest of the
    update (decoupled: it never enters a moment)."""
    return update + weight_decay * params


# -- per-run reductions (one run = one parameter vector) --------------------------------------------------------

def run_sum(a: np.ndarray) -> np.ndarray:
    """Sum over each run's coordinates, as a column ``(n, 1)``."""
    return np.sum(a, axis=-1, keepdims=True)


def run_dot(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """⟨a, b⟩ per run, ``(n, 1)``."""
    return run_sum(a * b)


def run_norm(a: np.ndarray) -> np.ndarray:
    """‖a‖₂ per run, ``(n, 1)``: ``sqrt(Σ a²)`` as ``jnp.linalg.norm`` and ``torch.norm`` compute it."""
    return np.sqrt(run_dot(a, a))


def trust_ratio(params: np.ndarray, update: np.ndarray, coefficient: Any = 1.0, eps: Any = 0.0) -> np.ndarray:
    """optax's ``scale_by_trust_ratio`` factor per run, ``(n, 1)``: ``c·‖θ‖ / (‖u‖ + ε)``, or 1 where either
    norm is 0 (then the coefficient is not applied either)."""
    p, u = run_norm(params), run_norm(update)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = coefficient * p / (u + eps)
    return np.where((p == 0.0) | (u == 0.0), 1.0, ratio)


def column(value: Any, n: int) -> np.ndarray:
    """A scalar or per-run hyperparameter as a float column ``(n, 1)``."""
    return np.broadcast_to(np.asarray(value, dtype=FLOAT).reshape(-1, 1), (n, 1)).copy()


# -- hyperparameters several rules declare ----------------------------------------------------------------------

class PerRunInt(HyperParam):
    """A whole-number hyperparameter (``kind="int"``, e.g. warmup steps) that may also take one value per run.

    A scalar is checked exactly as ``HyperParam`` checks an int; a sequence gives an int64 array
    with one value per run, each checked the same way (the error names the value).
    """

    def check(self, value: Any, label: str | None = None) -> Any:
        label = label or self.name
        if isinstance(value, (list, tuple, np.ndarray)):
            arr = np.asarray(value, dtype=object)
            if arr.ndim == 0:
                return self._check_int(arr.item(), label)
            if arr.ndim > 1:
                raise ValueError(f"Invalid {label}: shape {arr.shape} (allowed: a whole number or one per run)")
            return np.array([self._check_int(v, label) for v in arr.tolist()], dtype=np.int64)
        return self._check_int(value, label)


def lr_param(default: float, en: str = "", ko: str = "") -> HyperParam:
    return HyperParam("lr", default, low=0.0, log=True, help={
        "en": en or "Learning rate: the scale of every step.",
        "ko": ko or "학습률: 모든 걸음의 크기를 정합니다."})


def betas_param(default: tuple[float, float], en: str = "", ko: str = "") -> HyperParam:
    return HyperParam("betas", default, kind="pair", low=0.0, high=1.0, high_open=True, help={
        "en": en or "Decay rates (β₁, β₂) of the running averages of the gradient and of its square.",
        "ko": ko or "기울기와 기울기 제곱 이동 평균의 감쇠율 (β₁, β₂)입니다."})


def eps_param(default: float, en: str = "", ko: str = "") -> HyperParam:
    return HyperParam("eps", default, low=0.0, log=True, help={
        "en": en or "Added to the denominator (outside the square root) so it never vanishes.",
        "ko": ko or "분모가 0이 되지 않도록 (제곱근 밖에서) 더하는 작은 수입니다."})


def eps_root_param(default: float, en: str = "", ko: str = "") -> HyperParam:
    return HyperParam("eps_root", default, low=0.0, help={
        "en": en or "Added inside the square root of the denominator (optax's eps_root).",
        "ko": ko or "분모의 제곱근 안에 더하는 작은 수입니다(optax의 eps_root)."})


def decoupled_weight_decay_param(default: float, en: str = "", ko: str = "") -> HyperParam:
    return HyperParam("weight_decay", default, low=0.0, help={
        "en": en or "Decoupled weight decay λ: λθ is added to the update, which is then scaled by the learning "
                    "rate (θ ← θ − γ(u + λθ)); it never enters the moving averages.",
        "ko": ko or "분리형 가중치 감쇠 λ: 갱신량에 λθ를 더한 뒤 학습률을 곱합니다(θ ← θ − γ(u + λθ)). "
                    "이동 평균에는 들어가지 않습니다."})


def nesterov_param(en: str, ko: str) -> HyperParam:
    return HyperParam("nesterov", False, kind="bool", help={"en": en, "ko": ko})


# -- docstring pieces (LaTeX in the style of torch.optim's documentation) ----------------------------------------

INPUT_THETA = r"\theta_0 \text{ (params)},\ f(\theta) \text{ (objective)}"
GRAD = r"g_t \leftarrow \nabla_\theta f_t(\theta_{t-1})"
FIRST_MOMENT = r"m_t \leftarrow (1 - \beta_1) g_t + \beta_1 m_{t-1}"
SECOND_MOMENT = r"v_t \leftarrow (1 - \beta_2) g_t^2 + \beta_2 v_{t-1}"
DEBIAS = (r"\widehat{m_t} \leftarrow m_t / \big(1 - \beta_1^t\big),\ "
          r"\widehat{v_t} \leftarrow v_t / \big(1 - \beta_2^t\big)")
RETURN = r"&\textbf{return}\ \theta_t"


def algorithm(inputs: Iterable[str], initialize: Iterable[str], body: Iterable[str]) -> str:
    """A rule's docstring: its algorithm as one KaTeX ``aligned`` block.

    ``inputs`` are the input lines (the first gets ``\\textbf{input}:``), ``initialize`` the
    initialisation lines, ``body`` the lines of the loop over t (each indented one ``\\quad``;
    a line may start with more ``\\quad`` of its own).
    """
    inputs, initialize = list(inputs), list(initialize)
    lines = [r"&\textbf{input}: " + inputs[0]] + [r"&\qquad " + line for line in inputs[1:]]
    if initialize:
        lines += [r"&\textbf{initialize}: " + initialize[0]] + [r"&\qquad " + line for line in initialize[1:]]
    lines.append(r"&\textbf{for}\ t = 1, 2, \ldots\ \textbf{do}")
    lines += [r"&\quad " + line for line in body]
    lines.append(RETURN)
    return "\\begin{aligned}\n" + "\\\\\n".join(lines) + "\n\\end{aligned}"
