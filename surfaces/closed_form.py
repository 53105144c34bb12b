"""Closed-form test surfaces with exact analytic gradients."""

from __future__ import annotations

import numpy as np

from .base import CriticalPoint, Surface
from .registry import register


def _xy(p):
    return p[..., 0], p[..., 1]


def _stack(dx, dy):
    return np.stack([dx, dy], axis=-1)


register(Surface(
    name="anisotropic",
    dim=2,
    value_fn=lambda p: p[..., 0] ** 2 / 20.0 + p[..., 1] ** 2,
    grad_fn=lambda p: _stack(p[..., 0] / 10.0, 2.0 * p[..., 1]),
    window=((-10.0, 10.0), (-5.0, 5.0)),
    starts=((-7.0, 2.0),),
    critical_points=(CriticalPoint((0.0, 0.0), 0.0),),
    latex=r"f(x, y) = \frac{x^2}{20} + y^2",
    title={"en": "Anisotropic bowl x²/20 + y²", "ko": "비등방성 그릇 x²/20 + y²"},
    description={
        "en": "A long, shallow valley: twenty times steeper across (y) than along (x). "
              "The gradient mostly points across the valley, so plain SGD zig-zags.",
        "ko": "길고 얕은 골짜기입니다. y 방향이 x 방향보다 훨씬 가파르기 때문에 기울기는 "
              "골짜기를 가로지르는 쪽을 주로 가리키고, 단순한 SGD는 지그재그로 움직입니다.",
    },
))
