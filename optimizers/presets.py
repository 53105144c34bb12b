"""Named sets of optimizers with the hyperparameters of a library or a textbook.

A preset lists ``(optimizer name, hyperparameters)`` entries and, optionally,
the surface, start and number of steps of the experiment it reproduces. Every
entry builds with :func:`optimizers.get`.

* ``pytorch``: every rule torch.optim has, with its defaults (SGD's ``lr=1e-3``;
  L-BFGS's ``lr=1`` with one iteration per step).
* ``keras``: Keras 3 defaults mapped onto these rules. Where Keras computes a
  slightly different formula the nearest option is used and the difference is
  documented in the rule's module: Adam/AdamW use ``epsilon_hat=True`` (exactly
  Keras); Adagrad and RMSprop add epsilon outside the square root (Keras:
  inside); Adamax adds epsilon inside the maximum (Keras: to the denominator);
  Keras' Nadam is ``momentum_decay=1.0``. Keras has no RAdam.
* ``papers``: frontier rules with the settings their papers recommend where they differ from the
  reference's defaults: Lion against AdamW with a learning rate 10x smaller and a weight decay 10x
  larger (Chen et al., 2023, section 5: lr 3-10x smaller, decay 3-10x larger, keeping lr·λ);
  Adafactor's ε₁ = 1e-30 (Shazeer & Stern, 2018; torch's default is machine epsilon); Adan's weight
  decay 0.02 (Xie et al., 2022, its ViT recipe); LAMB's 0.01 (You et al., 2019, BERT); LARS's 5e-4
  with trust coefficient 0.001 and momentum 0.9 (You et al., 2017, ImageNet).
* ``book``: "Deep Learning from Scratch" (Saito), chapter 6 figure comparing
  SGD, Momentum, AdaGrad and Adam on ``f = x²/20 + y²`` from (-7, 2) for 30
  steps (``ch06/optimizer_compare_naive.py``), with the book's epsilon ``1e-7``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from .base import Rule
from .registry import get as get_optimizer


@dataclass(frozen=True)
class Preset:
    name: str
    title: Mapping[str, str]
    description: Mapping[str, str]
    entries: tuple[tuple[str, Mapping[str, Any]], ...]
    surface: str | None = None
    start: tuple[float, ...] | None = None
    steps: int | None = None

    def build(self) -> list[Rule]:
        """One optimizer per entry (raises ValueError if an entry is invalid)."""
        return [get_optimizer(name, **dict(hyperparams)) for name, hyperparams in self.entries]


PRESETS: dict[str, Preset] = {}


def _add(preset: Preset) -> None:
    PRESETS[preset.name] = preset


_add(Preset(
    name="pytorch",
    title={"en": "PyTorch defaults", "ko": "PyTorch 기본값"},
    description={
        "en": "Every rule with the default hyperparameters of torch.optim. Note that SGD's default "
              "learning rate (1e-3) is tiny: on most surfaces it barely moves.",
        "ko": "모든 규칙을 torch.optim의 기본 하이퍼파라미터로 실행합니다. SGD의 기본 학습률(1e-3)은 "
              "매우 작아서 대부분의 곡면에서 거의 움직이지 않습니다.",
    },
    entries=(
        ("sgd", {}),
        ("adagrad", {}),
        ("adadelta", {}),
        ("rmsprop", {}),
        ("adam", {}),
        ("adamw", {}),
        ("nadam", {}),
        ("radam", {}),
        ("adamax", {}),
        ("lbfgs", {}),
        ("rprop", {}),
        ("asgd", {}),
        ("adafactor", {}),
    ),
))

_add(Preset(
    name="keras",
    title={"en": "Keras defaults", "ko": "Keras 기본값"},
    description={
        "en": "Keras 3 default hyperparameters mapped onto the torch rules: learning rate 0.001 almost "
              "everywhere (SGD 0.01) and epsilon 1e-7. Adam and AdamW use Keras' 'epsilon hat'. "
              "Adagrad, RMSprop and Adamax place epsilon slightly differently in Keras; "
              "Keras has no RAdam.",
        "ko": "Keras 3의 기본 하이퍼파라미터를 torch 규칙에 옮겼습니다: 학습률은 대부분 0.001(SGD는 0.01), "
              "epsilon은 1e-7입니다. Adam과 AdamW는 Keras의 'epsilon hat' 방식을 씁니다. "
              "Adagrad, RMSprop, Adamax는 Keras에서 epsilon의 위치가 조금 다르고, Keras에는 RAdam이 없습니다.",
    },
    entries=(
        ("sgd", {"lr": 0.01}),
        ("adagrad", {"lr": 0.001, "initial_accumulator_value": 0.1, "eps": 1e-7}),
        ("adadelta", {"lr": 0.001, "rho": 0.95, "eps": 1e-7}),
        ("rmsprop", {"lr": 0.001, "alpha": 0.9, "eps": 1e-7}),
        ("adam", {"lr": 0.001, "betas": (0.9, 0.999), "eps": 1e-7, "epsilon_hat": True}),
        ("adamw", {"lr": 0.001, "betas": (0.9, 0.999), "eps": 1e-7, "weight_decay": 0.004, "epsilon_hat": True}),
        ("nadam", {"lr": 0.001, "betas": (0.9, 0.999), "eps": 1e-7, "momentum_decay": 1.0}),
        ("adamax", {"lr": 0.001, "betas": (0.9, 0.999), "eps": 1e-7}),
    ),
))

_add(Preset(
    name="papers",
    title={"en": "As their papers recommend", "ko": "논문이 권하는 설정"},
    description={
        "en": "Newer rules with the settings their papers recommend where they differ from the reference "
              "implementation's defaults: Lion beside AdamW with a 10x smaller learning rate and a 10x larger "
              "weight decay (the Lion paper's rule), Adafactor's eps1 = 1e-30, weight decay 0.02 for Adan, 0.01 "
              "for LAMB (BERT) and 5e-4 for LARS (ImageNet). Learning rates other than Lion's are this app's.",
        "ko": "새로운 규칙들을 논문이 권하는 설정(참조 구현의 기본값과 다른 것만)으로 실행합니다: AdamW 옆에 학습률은 "
              "10배 작고 가중치 감쇠는 10배 큰 Lion(Lion 논문의 규칙), Adafactor의 eps1 = 1e-30, Adan의 가중치 감쇠 "
              "0.02, LAMB의 0.01(BERT), LARS의 5e-4(ImageNet). Lion을 뺀 학습률은 이 앱의 기본값입니다.",
    },
    entries=(
        ("adamw", {"lr": 0.1, "weight_decay": 0.01}),
        ("lion", {"lr": 0.01, "betas": (0.9, 0.99), "weight_decay": 0.1}),
        ("adafactor", {"eps": (1e-30, 1e-3)}),
        ("adan", {"betas": (0.98, 0.92), "beta3": 0.99, "weight_decay": 0.02}),
        ("lamb", {"weight_decay": 0.01}),
        ("lars", {"momentum": 0.9, "trust_coefficient": 1e-3, "weight_decay": 5e-4}),
    ),
))

_add(Preset(
    name="book",
    title={"en": "Deep Learning from Scratch, ch. 6", "ko": "밑바닥부터 시작하는 딥러닝 6장"},
    description={
        "en": "The book's comparison of update rules on f(x, y) = x²/20 + y² from (-7, 2), 30 steps: "
              "SGD (lr 0.95), Momentum (lr 0.1, momentum 0.9), AdaGrad (lr 1.5) and Adam (lr 0.3), "
              "with the book's epsilon 1e-7 and its 'epsilon hat' Adam.",
        "ko": "책의 갱신 방법 비교를 재현합니다: f(x, y) = x²/20 + y², 시작점 (-7, 2), 30번 갱신. "
              "SGD(학습률 0.95), 모멘텀(학습률 0.1, 모멘텀 0.9), AdaGrad(학습률 1.5), Adam(학습률 0.3)이며 "
              "책과 같은 epsilon 1e-7과 'epsilon hat' 방식의 Adam을 씁니다.",
    },
    entries=(
        ("sgd", {"lr": 0.95}),
        ("momentum", {"lr": 0.1, "momentum": 0.9}),
        ("adagrad", {"lr": 1.5, "eps": 1e-7}),
        ("adam", {"lr": 0.3, "betas": (0.9, 0.999), "eps": 1e-7, "epsilon_hat": True}),
    ),
    surface="anisotropic",
    start=(-7.0, 2.0),
    steps=30,
))


def names() -> list[str]:
    return list(PRESETS)


def get(name: str) -> Preset:
    try:
        return PRESETS[name.lower()]
    except (KeyError, AttributeError):
        raise ValueError(f"Unknown preset {name!r} (allowed: {', '.join(PRESETS)})") from None
