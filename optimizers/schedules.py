"""Learning-rate schedules, matching torch.optim.lr_scheduler stepped once per update.

A schedule is a small frozen dataclass: ``schedule(base_lr, t)`` returns the
learning rate of update ``t`` (1-based), for a scalar ``base_lr`` or one value
per run. Update ``t`` of a torch loop that calls ``scheduler.step()`` after every
``optimizer.step()`` sees ``last_epoch = t - 1``, hence the ``t - 1`` below.
Every schedule declares its parameters (``PARAMS``), a bilingual ``title`` and
its ``formula`` in LaTeX, so the app can build widgets and show the maths.
Schedule parameters are single numbers (the base learning rate may be per run).

Deviation from torch: torch accepts any ``gamma``; here a decay factor must lie
in (0, 1].

>>> from optimizers import schedules
>>> schedules.get("step", step_size=10, gamma=0.5)(0.1, 11)
np.float64(0.05)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import Any, ClassVar, Mapping

import numpy as np

from .base import FLOAT, HyperParam

GAMMA_HELP = {"en": "Factor the learning rate is multiplied by at each decay.",
              "ko": "감쇠할 때마다 학습률에 곱하는 계수입니다."}


@dataclass(frozen=True)
class Schedule:
    """Base class: validates the declared parameters when built."""

    name: ClassVar[str]
    title: ClassVar[Mapping[str, str]]
    formula: ClassVar[str]
    PARAMS: ClassVar[tuple[HyperParam, ...]] = ()

    def __post_init__(self) -> None:
        for spec in self.PARAMS:
            value = spec.check(getattr(self, spec.name))
            if isinstance(value, np.ndarray):
                if value.ndim != 0:
                    raise ValueError(
                        f"Invalid {spec.name}: shape {value.shape} (allowed: a single number, {spec.range_text()})"
                    )
                value = float(value)
            object.__setattr__(self, spec.name, value)
        self._validate()

    def _validate(self) -> None:
        """Cross-parameter checks."""

    def factor(self, t: int) -> float:  # pragma: no cover - abstract
        raise NotImplementedError

    def __call__(self, base_lr: Any, t: int) -> np.ndarray:
        """Learning rate of update ``t`` (1-based) for ``base_lr`` (scalar or per run)."""
        return np.asarray(base_lr, dtype=FLOAT) * self.factor(_check_t(t))

    def describe(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class Constant(Schedule):
    name = "constant"
    title = {"en": "Constant", "ko": "고정"}
    formula = r"\gamma_t = \gamma"

    def factor(self, t: int) -> float:
        return 1.0


@dataclass(frozen=True)
class InverseSqrt(Schedule):
    """``lr / sqrt(t)``: the decay under which SGD's convergence proofs are usually stated.

    torch: ``LambdaLR(opt, lambda epoch: 1 / math.sqrt(epoch + 1))``.
    """

    name = "inverse_sqrt"
    title = {"en": "Inverse square root (γ/√t)", "ko": "역제곱근 감쇠 (γ/√t)"}
    formula = r"\gamma_t = \frac{\gamma}{\sqrt{t}}"

    def __call__(self, base_lr: Any, t: int) -> np.ndarray:
        return np.asarray(base_lr, dtype=FLOAT) / math.sqrt(_check_t(t))

    def factor(self, t: int) -> float:
        return 1.0 / math.sqrt(t)


@dataclass(frozen=True)
class Step(Schedule):
    """torch ``StepLR(step_size, gamma)``: multiply by ``gamma`` every ``step_size`` updates."""

    step_size: int = 10
    gamma: float = 0.1

    name = "step"
    title = {"en": "Step decay (StepLR)", "ko": "계단식 감쇠 (StepLR)"}
    formula = r"\gamma_t = \gamma \cdot \text{gamma}^{\left\lfloor (t - 1) / \text{step\_size} \right\rfloor}"
    PARAMS = (
        HyperParam("step_size", 10, kind="int", low=1,
                   help={"en": "Number of updates between two decays.",
                         "ko": "두 번의 감쇠 사이의 갱신 횟수입니다."}),
        HyperParam("gamma", 0.1, low=0.0, high=1.0, low_open=True, help=GAMMA_HELP),
    )

    def factor(self, t: int) -> float:
        return self.gamma ** ((t - 1) // self.step_size)


@dataclass(frozen=True)
class Exponential(Schedule):
    """torch ``ExponentialLR(gamma)``: multiply by ``gamma`` after every update."""

    gamma: float = 0.95

    name = "exponential"
    title = {"en": "Exponential decay (ExponentialLR)", "ko": "지수 감쇠 (ExponentialLR)"}
    formula = r"\gamma_t = \gamma \cdot \text{gamma}^{\,t - 1}"
    PARAMS = (HyperParam("gamma", 0.95, low=0.0, high=1.0, low_open=True, help=GAMMA_HELP),)

    def factor(self, t: int) -> float:
        return self.gamma ** (t - 1)


@dataclass(frozen=True)
class Cosine(Schedule):
    """torch ``CosineAnnealingLR(T_max, eta_min)`` (without restarts).

    After ``T_max`` updates torch does not stop at ``eta_min``: its recursive
    rule keeps following the cosine, which rises back to the base learning
    rate at ``t - 1 = 2 T_max`` (period ``2 T_max``). The closed form below
    does the same.
    """

    T_max: int = 50
    eta_min: float = 0.0

    name = "cosine"
    title = {"en": "Cosine annealing (CosineAnnealingLR)", "ko": "코사인 감쇠 (CosineAnnealingLR)"}
    formula = (r"\gamma_t = \eta_{min} + \frac{1}{2}\left(\gamma - \eta_{min}\right)"
               r"\left(1 + \cos\left(\pi \frac{t - 1}{T_{max}}\right)\right)")
    PARAMS = (
        HyperParam("T_max", 50, kind="int", low=1,
                   help={"en": "Updates from the base learning rate down to eta_min (half a cosine period).",
                         "ko": "기본 학습률에서 eta_min까지 내려가는 갱신 횟수(코사인 반주기)입니다."}),
        HyperParam("eta_min", 0.0, low=0.0,
                   help={"en": "Smallest learning rate, reached after T_max updates.",
                         "ko": "T_max번 갱신 후 도달하는 가장 작은 학습률입니다."}),
    )

    def __call__(self, base_lr: Any, t: int) -> np.ndarray:
        t = _check_t(t)
        base_lr = np.asarray(base_lr, dtype=FLOAT)
        return self.eta_min + (base_lr - self.eta_min) * (1 + math.cos(math.pi * (t - 1) / self.T_max)) / 2

    def factor(self, t: int) -> float:
        """Fraction of the way from eta_min to the base learning rate."""
        return (1 + math.cos(math.pi * (_check_t(t) - 1) / self.T_max)) / 2


SCHEDULES: dict[str, type[Schedule]] = {
    cls.name: cls for cls in (Constant, InverseSqrt, Step, Exponential, Cosine)
}


def names() -> list[str]:
    """Schedule names, ``"constant"`` first."""
    return list(SCHEDULES)


def schedule_class(name: str) -> type[Schedule]:
    try:
        return SCHEDULES[name.lower()]
    except (KeyError, AttributeError):
        raise ValueError(f"Unknown schedule {name!r} (allowed: {', '.join(SCHEDULES)})") from None


def spec(name: str) -> tuple[HyperParam, ...]:
    """Declared parameters of schedule ``name`` (what the UI builds widgets from)."""
    return schedule_class(name).PARAMS


def label(name: str, lang: str = "en") -> str:
    """Display name of schedule ``name`` in ``lang`` ("en" or "ko")."""
    title = schedule_class(name).title
    return title.get(lang, title["en"])


def get(name: str, **params: Any) -> Schedule:
    """Build a schedule by name, e.g. ``get("cosine", T_max=100, eta_min=1e-3)``."""
    cls = schedule_class(name)
    known = [spec.name for spec in cls.PARAMS]
    unknown = sorted(set(params) - set(known))
    if unknown:
        raise ValueError(
            f"Unknown schedule parameter {unknown[0]!r} for {cls.name} (allowed: {', '.join(known) or 'none'})"
        )
    return cls(**params)


def _check_t(t: Any) -> int:
    if isinstance(t, (bool, np.bool_)) or not isinstance(t, (int, np.integer)) or t < 1:
        raise ValueError(f"Invalid t: {t!r} (allowed: the update number, an integer >= 1)")
    return int(t)
