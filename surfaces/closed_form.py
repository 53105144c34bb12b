"""Closed-form test surfaces with exact analytic gradients and Hessians.

Every function takes points on the last axis (``p[..., 0]`` is x, ``p[..., 1]`` is y)
and is written exactly as its ``latex`` string; the tests evaluate the LaTeX
itself against ``value`` so the two cannot drift apart. Critical points without a
closed form come from ``_tables`` (see there for how they were found).
"""

from __future__ import annotations

import math

import numpy as np

from . import _tables
from .base import CriticalPoint, Surface
from .registry import register

TWO_PI = 2.0 * np.pi


def _xy(p):
    return p[..., 0], p[..., 1]


def _stack(dx, dy):
    return np.stack([dx, dy], axis=-1)


def _sym(p, hxx, hxy, hyy):
    """The symmetric 2x2 Hessians [[hxx, hxy], [hxy, hyy]] at points ``p`` -> shape (..., 2, 2).

    Each entry may be a number or an array of the points' leading shape; the one ``hxy``
    fills both off-diagonal places, so the result is exactly symmetric.
    """
    hxx, hxy, hyy = (np.broadcast_to(h, p.shape[:-1]) for h in (hxx, hxy, hyy))
    return np.stack([np.stack([hxx, hxy], axis=-1), np.stack([hxy, hyy], axis=-1)], axis=-2)


def _diag(p, hxx, hyy):
    return _sym(p, hxx, 0.0, hyy)


def _on_x(fn):
    """Lift a function of the scalar array x to points of shape (..., 1)."""
    return lambda p: fn(p[..., 0])


def _on_x_grad(fn):
    return lambda p: fn(p[..., 0])[..., None]


def _on_x_hess(fn):
    """f''(x) as the 1x1 Hessians of points (..., 1) -> (..., 1, 1)."""
    return lambda p: np.broadcast_to(fn(p[..., 0]), p.shape[:-1])[..., None, None]


def _cp(location, value, kind="global minimum"):
    return CriticalPoint(tuple(float(c) for c in location), float(value), kind)


def _one_d(rows):
    """CriticalPoints from ``(x, f(x), "min"|"max")`` rows; the lowest minimum is global."""
    lowest = min(v for _, v, k in rows if k == "min")
    out = []
    for x, v, k in rows:
        if k == "max":
            out.append(_cp((x,), v, "local maximum"))
        else:
            out.append(_cp((x,), v, "global minimum" if v == lowest else "local minimum"))
    return tuple(sorted(out, key=_order))


_KIND_ORDER = {kind: i for i, kind in enumerate(CriticalPoint.KINDS)}


def _order(point: CriticalPoint):
    return (_KIND_ORDER[point.kind], point.value, point.location)


def _mirrored(rows, kind):
    """Expand ``(x, y, f)`` rows by the symmetries x <-> -x, y <-> -y and x <-> y."""
    seen: dict[tuple[float, float], float] = {}
    for x, y, value in rows:
        for a, b in ((x, y), (y, x)):
            for sa in (1.0, -1.0):
                for sb in (1.0, -1.0):
                    seen.setdefault((sa * a + 0.0, sb * b + 0.0), value)  # + 0.0 folds -0.0 into 0.0
    return [_cp(loc, value, kind) for loc, value in seen.items()]


# -- 1-D ----------------------------------------------------------------------

register(Surface(
    name="parabola",
    dim=1,
    value_fn=_on_x(lambda x: x ** 2),
    grad_fn=_on_x_grad(lambda x: 2.0 * x),
    hess_fn=_on_x_hess(lambda x: 2.0),
    window=((-3.0, 3.0),),
    starts=((2.5,), (-1.5,)),
    critical_points=(_cp((0.0,), 0.0),),
    latex=r"f(x) = x^2",
    title={"en": "Parabola x²", "ko": "포물선 x²"},
    description={
        "en": "The simplest bowl, and the best place to learn what the learning rate η does. "
              "One gradient step is x ← (1 − 2η)x: below η = 0.5 it slides straight in, between "
              "0.5 and 1 it overshoots and swings from side to side while settling, at η = 1 it "
              "bounces between two points forever, and above 1 it flies off.",
        "ko": "가장 단순한 그릇 모양으로, 학습률 η가 하는 일을 익히기에 딱 좋습니다. 경사하강법 한 걸음은 "
              "x ← (1 − 2η)x 입니다. η가 0.5보다 작으면 곧장 미끄러져 내려가고, 0.5와 1 사이면 최솟값을 "
              "지나쳤다가 좌우로 흔들리며 자리를 잡습니다. η = 1이면 두 점 사이를 끝없이 오가고, 1보다 크면 "
              "점점 멀리 튕겨 나갑니다.",
    },
))

register(Surface(
    name="cubic",
    dim=1,
    value_fn=_on_x(lambda x: x ** 3 - 2.0 * x ** 2 + 2.0),
    grad_fn=_on_x_grad(lambda x: 3.0 * x ** 2 - 4.0 * x),
    hess_fn=_on_x_hess(lambda x: 6.0 * x - 4.0),
    window=((-1.5, 2.8),),
    starts=((2.5,), (-0.5,)),
    critical_points=(
        _cp((4.0 / 3.0,), 22.0 / 27.0, "local minimum"),  # f'(x) = x(3x - 4)
        _cp((0.0,), 2.0, "local maximum"),
    ),
    latex=r"f(x) = x^3 - 2x^2 + 2",
    title={"en": "Cubic x³ − 2x² + 2", "ko": "삼차함수 x³ − 2x² + 2"},
    description={
        "en": "A favourite first example of gradient descent. It has a valley (local minimum) at "
              "x = 4/3 and a hump (local maximum) at x = 0. Start right of the hump and you settle "
              "in the valley; start left of it and the function keeps falling forever, so the run "
              "never stops.",
        "ko": "경사하강법 입문 예제로 자주 나오는 함수입니다. x = 4/3에 골짜기(지역 최솟값)가, x = 0에 "
              "언덕(지역 최댓값)이 있습니다. 언덕 오른쪽에서 출발하면 골짜기에 자리를 잡지만, 왼쪽에서 "
              "출발하면 함수가 한없이 내려가기 때문에 멈추지 않고 계속 달려갑니다.",
    },
    bounded_below=False,
))

register(Surface(
    name="wavy",
    dim=1,
    value_fn=_on_x(lambda x: x ** 2 / 10.0 + np.sin(3.0 * x)),
    grad_fn=_on_x_grad(lambda x: x / 5.0 + 3.0 * np.cos(3.0 * x)),
    hess_fn=_on_x_hess(lambda x: 0.2 - 9.0 * np.sin(3.0 * x)),
    window=((-5.0, 5.0),),
    starts=((4.2,), (-3.2,), (2.2,)),
    critical_points=_one_d((
        (-4.608298882423005, 1.1720033155244851, "min"),
        (-3.7494045139671184, 2.3740595068749593, "max"),
        (-2.560806938073543, -0.32954628593577723, "min"),
        (-1.6065664148622716, 1.2523533412882748, "max"),
        (-0.5122140283561128, -0.9731804794973067, "min"),
        (0.5355013344612186, 1.0280387165728424, "max"),
        (1.53658988014775, -0.7586284086132372, "min"),
        (2.6778217297366194, 1.701008942091854, "max"),
        (3.5847518173037196, 0.3140209196591906, "min"),
        (4.821469176745737, 3.271589410748827, "max"),
    )),
    latex=r"f(x) = \frac{x^2}{10} + \sin(3x)",
    title={"en": "Wavy bowl x²/10 + sin 3x", "ko": "물결 그릇 x²/10 + sin 3x"},
    description={
        "en": "A gentle bowl with ripples on it. Five valleys fit in the window and only the one "
              "near x ≈ −0.51 is the lowest. Plain gradient descent stays in whichever valley it "
              "starts in; with momentum a run can sometimes roll over a ridge into a deeper one.",
        "ko": "완만한 그릇 위에 물결이 얹힌 모양입니다. 창 안에 골짜기가 다섯 개 있고, x ≈ −0.51 근처의 "
              "골짜기만 가장 낮습니다. 단순한 경사하강법은 출발한 골짜기에 그대로 머물고, 모멘텀을 쓰면 "
              "가끔 능선을 넘어 더 깊은 골짜기로 굴러가기도 합니다.",
    },
))

register(Surface(
    name="double_well",
    dim=1,
    value_fn=_on_x(lambda x: (x ** 2 - 1.0) ** 2 + x / 2.0),
    grad_fn=_on_x_grad(lambda x: 4.0 * x * (x ** 2 - 1.0) + 0.5),
    hess_fn=_on_x_hess(lambda x: 12.0 * x ** 2 - 4.0),
    window=((-2.0, 2.0),),
    starts=((1.8,), (-1.8,)),
    critical_points=_one_d((
        (-1.057453770738378, -0.5147536412757056, "min"),
        (0.1270508441825262, 1.0315021495609549, "max"),
        (0.9304029265558517, 0.48325149171475085, "min"),
    )),
    latex=r"f(x) = (x^2 - 1)^2 + \frac{x}{2}",
    title={"en": "Tilted double well", "ko": "기울어진 이중 우물"},
    description={
        "en": "Two valleys with a hump between them, tilted so that the left one is deeper. Which "
              "valley you end up in depends on where you start: from the right, plain gradient "
              "descent gets stuck in the shallower local minimum.",
        "ko": "가운데 언덕을 사이에 두고 골짜기가 두 개 있는데, 살짝 기울어져 있어서 왼쪽 골짜기가 더 "
              "깊습니다. 어느 골짜기에 도착할지는 출발점이 정합니다. 오른쪽에서 출발한 경사하강법은 "
              "얕은 지역 최솟값에 갇히고 맙니다.",
    },
))

# -- 2-D bowls and saddles ----------------------------------------------------

register(Surface(
    name="anisotropic",
    dim=2,
    value_fn=lambda p: p[..., 0] ** 2 / 20.0 + p[..., 1] ** 2,
    grad_fn=lambda p: _stack(p[..., 0] / 10.0, 2.0 * p[..., 1]),
    hess_fn=lambda p: _diag(p, 0.1, 2.0),  # condition number κ = 2 / 0.1 = 20
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

register(Surface(
    name="bowl",
    dim=2,
    value_fn=lambda p: p[..., 0] ** 2 + p[..., 1] ** 2,
    grad_fn=lambda p: 2.0 * p,
    hess_fn=lambda p: _diag(p, 2.0, 2.0),
    window=((-5.0, 5.0), (-5.0, 5.0)),
    starts=((-4.0, 3.0), (3.0, -2.0)),
    critical_points=(_cp((0.0, 0.0), 0.0),),
    latex=r"f(x, y) = x^2 + y^2",
    title={"en": "Round bowl x² + y²", "ko": "둥근 그릇 x² + y²"},
    description={
        "en": "A perfectly round bowl. The gradient always points straight away from the centre, "
              "so every method walks in a straight line to the minimum. A good baseline before the "
              "trickier surfaces.",
        "ko": "완전히 둥근 그릇입니다. 기울기가 늘 중심에서 바깥쪽을 곧게 가리키므로 어떤 방법이든 "
              "최솟값까지 직선으로 걸어갑니다. 까다로운 곡면을 보기 전에 기준으로 삼기 좋습니다.",
    },
))

register(Surface(
    name="saddle",
    dim=2,
    value_fn=lambda p: p[..., 0] ** 2 - p[..., 1] ** 2,
    grad_fn=lambda p: _stack(2.0 * p[..., 0], -2.0 * p[..., 1]),
    hess_fn=lambda p: _diag(p, 2.0, -2.0),
    window=((-2.0, 2.0), (-2.0, 2.0)),
    starts=((-1.8, 0.05), (-1.8, 0.0)),
    critical_points=(_cp((0.0, 0.0), 0.0, "saddle"),),
    latex=r"f(x, y) = x^2 - y^2",
    title={"en": "Saddle x² − y²", "ko": "안장 x² − y²"},
    description={
        "en": "A horse saddle: uphill along x, downhill along y. The centre has zero gradient but "
              "is not a minimum. Start exactly on the x-axis and gradient descent walks into the "
              "saddle and stops there; nudge the start a little in y and it slides away, slowly at "
              "first and then faster and faster.",
        "ko": "말안장 모양입니다. x 방향으로는 오르막, y 방향으로는 내리막이라서 가운데는 기울기가 0이지만 "
              "최솟값이 아닙니다. x축 위에서 정확히 출발하면 경사하강법은 안장점까지 걸어가 그대로 멈추고, "
              "y를 조금만 비켜 출발하면 처음에는 느리게, 그다음에는 점점 빠르게 미끄러져 나갑니다.",
    },
    bounded_below=False,
))

register(Surface(
    name="monkey_saddle",
    dim=2,
    value_fn=lambda p: p[..., 0] ** 3 - 3.0 * p[..., 0] * p[..., 1] ** 2,
    grad_fn=lambda p: _stack(3.0 * p[..., 0] ** 2 - 3.0 * p[..., 1] ** 2, -6.0 * p[..., 0] * p[..., 1]),
    hess_fn=lambda p: _sym(p, 6.0 * p[..., 0], -6.0 * p[..., 1], -6.0 * p[..., 0]),
    window=((-1.5, 1.5), (-1.5, 1.5)),
    starts=((1.2, 0.05), (0.9, -0.6)),
    critical_points=(_cp((0.0, 0.0), 0.0, "saddle"),),  # degenerate: the Hessian is zero there
    latex=r"f(x, y) = x^3 - 3xy^2",
    title={"en": "Monkey saddle x³ − 3xy²", "ko": "원숭이 안장 x³ − 3xy²"},
    description={
        "en": "A saddle with three valleys instead of two (one more for a monkey's tail). At the "
              "centre both the gradient and the curvature vanish, so gradient descent crawls past it "
              "very slowly before it picks a valley. The surface falls without end in three directions.",
        "ko": "골짜기가 두 개가 아니라 세 개인 안장입니다(원숭이 꼬리 자리가 하나 더 있다는 뜻의 이름). "
              "가운데에서는 기울기뿐 아니라 곡률까지 0이라서, 경사하강법은 아주 느리게 그 곁을 지나간 뒤에야 "
              "골짜기 하나를 고릅니다. 세 방향으로는 끝없이 내려갑니다.",
    },
    bounded_below=False,
))

# -- classic benchmark functions ----------------------------------------------


def _rosenbrock(p):
    x, y = _xy(p)
    return (1.0 - x) ** 2 + 100.0 * (y - x ** 2) ** 2


def _rosenbrock_grad(p):
    x, y = _xy(p)
    ridge = y - x ** 2
    return _stack(-2.0 * (1.0 - x) - 400.0 * x * ridge, 200.0 * ridge)


def _rosenbrock_hess(p):
    x, y = _xy(p)
    return _sym(p, 2.0 - 400.0 * (y - x ** 2) + 800.0 * x ** 2, -400.0 * x, 200.0)


register(Surface(
    name="rosenbrock",
    dim=2,
    value_fn=_rosenbrock,
    grad_fn=_rosenbrock_grad,
    hess_fn=_rosenbrock_hess,
    window=((-2.0, 2.0), (-1.0, 3.0)),
    starts=((-1.5, 2.0), (-1.2, 1.0)),
    critical_points=(_cp((1.0, 1.0), 0.0),),
    latex=r"f(x, y) = (1 - x)^2 + 100(y - x^2)^2",
    title={"en": "Rosenbrock's banana valley", "ko": "로젠브록 바나나 골짜기"},
    description={
        "en": "Finding the curved valley is easy; following it to the minimum at (1, 1) is hard, "
              "because its floor is almost flat while its walls are very steep. A classic test for "
              "momentum and adaptive methods.",
        "ko": "휘어진 골짜기를 찾기는 쉽지만, 바닥은 거의 평평하고 벽은 매우 가팔라서 (1, 1)의 최솟값까지 "
              "골짜기를 따라가기는 어렵습니다. 모멘텀과 적응형 방법을 시험하는 고전적인 예제입니다.",
    },
    log_levels=True,
))


def _beale_terms(p):
    x, y = _xy(p)
    return x, y, 1.5 - x + x * y, 2.25 - x + x * y ** 2, 2.625 - x + x * y ** 3


def _beale(p):
    _, _, a, b, c = _beale_terms(p)
    return a ** 2 + b ** 2 + c ** 2


def _beale_grad(p):
    x, y, a, b, c = _beale_terms(p)
    dx = 2.0 * a * (y - 1.0) + 2.0 * b * (y ** 2 - 1.0) + 2.0 * c * (y ** 3 - 1.0)
    dy = 2.0 * a * x + 4.0 * b * x * y + 6.0 * c * x * y ** 2
    return _stack(dx, dy)


def _beale_hess(p):
    # f = a² + b² + c², so ∇²f = 2 Σ (∇t ∇tᵀ + t ∇²t) over the three terms t.
    x, y, a, b, c = _beale_terms(p)
    y2 = y * y
    hxx = 2.0 * ((y - 1.0) ** 2 + (y2 - 1.0) ** 2 + (y2 * y - 1.0) ** 2)
    hxy = 2.0 * ((y - 1.0) * x + a + (y2 - 1.0) * 2.0 * x * y + 2.0 * y * b + (y2 * y - 1.0) * 3.0 * x * y2
                 + 3.0 * y2 * c)
    hyy = 2.0 * (x * x * (1.0 + 4.0 * y2 + 9.0 * y2 * y2) + 2.0 * x * b + 6.0 * x * y * c)
    return _sym(p, hxx, hxy, hyy)


register(Surface(
    name="beale",
    dim=2,
    value_fn=_beale,
    grad_fn=_beale_grad,
    hess_fn=_beale_hess,
    window=((-4.5, 4.5), (-4.5, 4.5)),
    starts=((1.0, 1.5), (-1.0, -1.0)),
    critical_points=(
        _cp((3.0, 0.5), 0.0),
        _cp((0.10053793732415836, -2.644513585023125), 9.86451228475556, "saddle"),
        _cp((0.0, 1.0), 14.203125, "saddle"),  # on the line x = 0, where f is constant
    ),
    latex=r"f(x, y) = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2",
    title={"en": "Beale function", "ko": "빌(Beale) 함수"},
    description={
        "en": "A flat plateau in the middle, very steep walls towards the corners, and the minimum "
              "at (3, 0.5) at the end of a narrow valley. The huge gradients near the edges punish "
              "a large learning rate.",
        "ko": "가운데는 평평한 고원이고 모서리 쪽 벽은 매우 가파르며, 최솟값 (3, 0.5)는 좁은 골짜기 끝에 "
              "숨어 있습니다. 가장자리의 기울기가 워낙 커서 학습률이 크면 금세 튕겨 나갑니다.",
    },
    log_levels=True,
))


def _himmelblau(p):
    x, y = _xy(p)
    return (x ** 2 + y - 11.0) ** 2 + (x + y ** 2 - 7.0) ** 2


def _himmelblau_grad(p):
    x, y = _xy(p)
    u = x ** 2 + y - 11.0
    v = x + y ** 2 - 7.0
    return _stack(4.0 * x * u + 2.0 * v, 2.0 * u + 4.0 * y * v)


def _himmelblau_hess(p):
    x, y = _xy(p)
    return _sym(p, 12.0 * x ** 2 + 4.0 * y - 42.0, 4.0 * (x + y), 4.0 * x + 12.0 * y ** 2 - 26.0)


register(Surface(
    name="himmelblau",
    dim=2,
    value_fn=_himmelblau,
    grad_fn=_himmelblau_grad,
    hess_fn=_himmelblau_hess,
    window=((-5.0, 5.0), (-5.0, 5.0)),
    starts=((0.0, 0.0), (-4.0, 0.0), (0.0, -4.0)),
    critical_points=(
        _cp((3.0, 2.0), 0.0),
        _cp((-2.805118086952745, 3.131312518250573), 0.0),
        _cp((-3.779310253377747, -3.2831859912861696), 0.0),
        _cp((3.5844283403304917, -1.8481265269644036), 0.0),
        _cp((3.385154183607021, 0.07385187983774928), 13.31192627040559, "saddle"),
        _cp((0.08667750455539636, 2.884254701174776), 67.71915008752615, "saddle"),
        _cp((-3.0730257507643897, -0.08135304428796751), 104.0151629175581, "saddle"),
        _cp((-0.12796134673068008, -1.9537149802445763), 178.33723920192747, "saddle"),
        _cp((-0.2708445906673476, -0.9230385564799815), 181.6165215225827, "local maximum"),
    ),
    latex=r"f(x, y) = (x^2 + y - 11)^2 + (x + y^2 - 7)^2",
    title={"en": "Himmelblau function", "ko": "힘멜블라우 함수"},
    description={
        "en": "Four minima, all equally deep (f = 0), with one peak and four saddle points between "
              "them. Start from different places and you land in different minima: there is no "
              "single right answer.",
        "ko": "깊이가 똑같은(f = 0) 최솟값이 네 개 있고, 그 사이에 봉우리 하나와 안장점 네 개가 있습니다. "
              "출발점이 다르면 도착하는 최솟값도 달라집니다. 정답이 하나만 있는 게 아닌 셈입니다.",
    },
    log_levels=True,
))


def _rastrigin_points():
    minima = sorted({s * t + 0.0: g for t, g in _tables.RASTRIGIN_1D_MINIMA for s in (1.0, -1.0)}.items())
    maxima = sorted({s * t: g for t, g in _tables.RASTRIGIN_1D_MAXIMA for s in (1.0, -1.0)}.items())
    points = []
    for xs, x_is_min in ((minima, True), (maxima, False)):
        for ys, y_is_min in ((minima, True), (maxima, False)):
            for x, gx in xs:
                for y, gy in ys:
                    if x_is_min and y_is_min:
                        kind = "global minimum" if x == y == 0.0 else "local minimum"
                    elif x_is_min or y_is_min:
                        kind = "saddle"
                    else:
                        kind = "local maximum"
                    points.append(_cp((x, y), gx + gy, kind))
    return tuple(sorted(points, key=_order))


register(Surface(
    name="rastrigin",
    dim=2,
    value_fn=lambda p: 20.0 + np.sum(p ** 2 - 10.0 * np.cos(TWO_PI * p), axis=-1),
    grad_fn=lambda p: 2.0 * p + 10.0 * TWO_PI * np.sin(TWO_PI * p),
    hess_fn=lambda p: _diag(p, *np.moveaxis(2.0 + 10.0 * TWO_PI ** 2 * np.cos(TWO_PI * p), -1, 0)),
    window=((-5.12, 5.12), (-5.12, 5.12)),
    starts=((3.3, -2.2), (-1.3, 0.7)),
    critical_points=_rastrigin_points(),
    latex=r"f(x, y) = 20 + x^2 - 10\cos(2\pi x) + y^2 - 10\cos(2\pi y)",
    title={"en": "Rastrigin function", "ko": "라스트리긴 함수"},
    description={
        "en": "An egg crate: a bowl covered with a regular grid of bumps, so there is a local "
              "minimum near every point with whole-number coordinates. Only the one at the origin is "
              "global, and gradient descent almost always stops in the nearest dip.",
        "ko": "그릇 위에 혹이 바둑판처럼 빽빽하게 덮인 달걀판 모양입니다. 좌표가 정수인 점 근처마다 "
              "지역 최솟값이 있고, 그중 원점의 것만 전역 최솟값입니다. 경사하강법은 거의 언제나 가장 가까운 "
              "웅덩이에서 멈춥니다.",
    },
))

SQRT2 = math.sqrt(2.0)


def _ackley(p):
    x, y = _xy(p)
    r = np.hypot(x, y) / SQRT2  # sqrt((x² + y²)/2) without underflow for tiny x, y
    return (-20.0 * np.exp(-0.2 * r) - np.exp(0.5 * (np.cos(TWO_PI * x) + np.cos(TWO_PI * y)))
            + np.e + 20.0)


def _ackley_grad(p):
    x, y = _xy(p)
    h = np.hypot(x, y)
    r = h / SQRT2
    # d/dx of -20 exp(-0.2 r) is 2 exp(-0.2 r) x / r; the cone's tip at the origin is a
    # kink, where we return the subgradient 0 instead of 0/0.
    safe_h = np.where(h > 0, h, 1.0)
    ux, uy = np.where(h > 0, x / safe_h, 0.0), np.where(h > 0, y / safe_h, 0.0)  # unit vector, even for subnormals
    radial = 2.0 * SQRT2 * np.exp(-0.2 * r)
    ripple = np.pi * np.exp(0.5 * (np.cos(TWO_PI * x) + np.cos(TWO_PI * y)))
    return _stack(radial * ux + ripple * np.sin(TWO_PI * x), radial * uy + ripple * np.sin(TWO_PI * y))


def _times(a, w):
    """a·w, but 0 where the weight w is exactly 0 (an infinite a must not make 0·inf = NaN)."""
    return np.where(w == 0.0, 0.0, a * w)


def _ackley_hess(p):
    x, y = _xy(p)
    h = np.hypot(x, y)
    safe_h = np.where(h > 0, h, 1.0)
    ux, uy = np.where(h > 0, x / safe_h, 0.0), np.where(h > 0, y / safe_h, 0.0)
    # The cone -20 exp(-k h), k = 0.2/√2, is a function g of h = |(x, y)| alone:
    # ∇²g = g''(h) u uᵀ + g'(h)/h (I − u uᵀ), with g' = 20k e^(-kh) and g'' = −20k² e^(-kh).
    # At its tip h = 0 it has no second derivative (g'/h grows like 1/h); as the gradient
    # takes the subgradient 0 there, the Hessian leaves the cone out at that one point.
    decay = np.exp(-0.2 * h / SQRT2)
    along = -0.4 * decay                                                     # g''(h); 20k² = 0.4
    across = np.where(h > 0, 2.0 * SQRT2 * decay / safe_h, 0.0)             # g'(h)/h; 20k = 2√2
    cone_xx = _times(along, ux * ux) + _times(across, uy * uy)
    cone_xy = _times(along - across, ux * uy)
    cone_yy = _times(along, uy * uy) + _times(across, ux * ux)
    # The ripple −exp((cos 2πx + cos 2πy)/2) = −E: ∂x(π sin(2πx) E) = π² (2 cos 2πx − sin² 2πx) E.
    sx, sy, cx, cy = np.sin(TWO_PI * x), np.sin(TWO_PI * y), np.cos(TWO_PI * x), np.cos(TWO_PI * y)
    e = np.pi ** 2 * np.exp(0.5 * (cx + cy))
    return _sym(p, cone_xx + e * (2.0 * cx - sx * sx), cone_xy - e * sx * sy, cone_yy + e * (2.0 * cy - sy * sy))


register(Surface(
    name="ackley",
    dim=2,
    value_fn=_ackley,
    grad_fn=_ackley_grad,
    hess_fn=_ackley_hess,
    window=((-5.0, 5.0), (-5.0, 5.0)),
    starts=((3.2, 2.4), (-0.8, 0.6)),
    critical_points=tuple(sorted(
        [_cp((0.0, 0.0), 0.0)]
        + _mirrored(_tables.ACKLEY_MINIMA, "local minimum")
        + _mirrored(_tables.ACKLEY_SADDLES, "saddle")
        + _mirrored(_tables.ACKLEY_MAXIMA, "local maximum"),
        key=_order,
    )),
    latex=(r"f(x, y) = -20\exp\left(-0.2\sqrt{\frac{x^2 + y^2}{2}}\right)"
           r" - \exp\left(\frac{\cos(2\pi x) + \cos(2\pi y)}{2}\right) + e + 20"),
    title={"en": "Ackley function", "ko": "애클리 함수"},
    description={
        "en": "A bumpy, nearly flat plain with one deep funnel at the origin. Far out, the small "
              "bumps trap gradient descent; close in, the funnel is so sharp that its tip is a kink "
              "with no derivative (we use gradient 0 at that single point).",
        "ko": "울퉁불퉁하고 거의 평평한 들판 한가운데에 깊은 깔때기가 하나 뚫린 모양입니다. 멀리서는 작은 "
              "혹들이 경사하강법을 붙잡고, 가까이에서는 깔때기 끝이 뾰족해서 원점에서는 미분할 수 없습니다"
              "(그 한 점에서는 기울기를 0으로 둡니다).",
    },
    kinks=((0.0, 0.0),),
))


def _booth_grad(p):
    x, y = _xy(p)
    u = x + 2.0 * y - 7.0
    v = 2.0 * x + y - 5.0
    return _stack(2.0 * u + 4.0 * v, 4.0 * u + 2.0 * v)


register(Surface(
    name="booth",
    dim=2,
    value_fn=lambda p: (p[..., 0] + 2.0 * p[..., 1] - 7.0) ** 2 + (2.0 * p[..., 0] + p[..., 1] - 5.0) ** 2,
    grad_fn=_booth_grad,
    hess_fn=lambda p: _sym(p, 10.0, 8.0, 10.0),  # 2(∇u∇uᵀ + ∇v∇vᵀ), ∇u = (1, 2), ∇v = (2, 1): eigenvalues 18 and 2
    window=((-10.0, 10.0), (-10.0, 10.0)),
    starts=((-8.0, -6.0), (8.0, -7.0)),
    critical_points=(_cp((1.0, 3.0), 0.0),),
    latex=r"f(x, y) = (x + 2y - 7)^2 + (2x + y - 5)^2",
    title={"en": "Booth function", "ko": "부스 함수"},
    description={
        "en": "A tilted, stretched bowl: a plain quadratic with a single minimum at (1, 3). Its "
              "valley runs diagonally, nine times flatter along than across, so steps that are too "
              "large bounce between the walls.",
        "ko": "비스듬히 눕고 길게 늘어난 그릇 모양의 이차함수로, (1, 3)에 최솟값이 하나 있습니다. 골짜기가 "
              "대각선으로 놓여 있고 가로지르는 방향이 아홉 배 가파르기 때문에, 보폭이 너무 크면 양쪽 벽 "
              "사이를 튕겨 다닙니다.",
    },
    log_levels=True,
))


# Odd powers as products: numpy's ``x ** 3`` calls pow() per element, about 3x slower than x*x*x,
# and the basin map evaluates these on 40,000 starts at every step.
def _camel(p):
    x, y = _xy(p)
    x2, y2 = x * x, y * y
    return (4.0 - 2.1 * x2 + x2 * x2 / 3.0) * x2 + x * y + (-4.0 + 4.0 * y2) * y2


def _camel_grad(p):
    x, y = _xy(p)
    x2 = x * x
    return _stack(8.0 * x - 8.4 * x2 * x + 2.0 * x2 * x2 * x + y, x - 8.0 * y + 16.0 * y * y * y)


def _camel_hess(p):
    x, y = _xy(p)
    x2 = x * x
    return _sym(p, 8.0 - 25.2 * x2 + 10.0 * x2 * x2, 1.0, -8.0 + 48.0 * y * y)


register(Surface(
    name="six_hump_camel",
    dim=2,
    value_fn=_camel,
    grad_fn=_camel_grad,
    hess_fn=_camel_hess,
    window=((-2.0, 2.0), (-1.0, 1.0)),
    starts=((-1.8, 0.9), (1.0, 0.2), (0.5, -1.0)),
    critical_points=(
        _cp((-0.08984201310031806, 0.7126564030207396), -1.0316284534898774),
        _cp((0.08984201310031806, -0.7126564030207396), -1.0316284534898774),
        _cp((-1.703606714969981, 0.7960835686726251), -0.21546382438371764, "local minimum"),
        _cp((1.703606714969981, -0.7960835686726251), -0.21546382438371764, "local minimum"),
        _cp((-1.6071047529201972, -0.5686514548841314), 2.1042503103112584, "local minimum"),
        _cp((1.6071047529201972, 0.5686514548841314), 2.1042503103112584, "local minimum"),
        _cp((0.0, 0.0), 0.0, "saddle"),
        _cp((-1.1092053368047865, 0.7682680925095399), 0.5437186009781851, "saddle"),
        _cp((1.1092053368047865, -0.7682680925095399), 0.5437186009781851, "saddle"),
        _cp((1.6380679841897785, 0.22867406904439408), 2.2293571975307147, "saddle"),
        _cp((-1.6380679841897785, -0.22867406904439408), 2.2293571975307147, "saddle"),
        _cp((-1.2960702671671092, -0.6050843880386585), 2.22947081802986, "saddle"),
        _cp((1.2960702671671092, 0.6050843880386585), 2.22947081802986, "saddle"),
        _cp((-1.2302298765166526, -0.16233458445899496), 2.496295351023577, "local maximum"),
        _cp((1.2302298765166526, 0.16233458445899496), 2.496295351023577, "local maximum"),
    ),
    latex=r"f(x, y) = \left(4 - 2.1x^2 + \frac{x^4}{3}\right)x^2 + xy + \left(-4 + 4y^2\right)y^2",
    title={"en": "Six-hump camel", "ko": "여섯 혹 낙타 등 함수"},
    description={
        "en": "Six valleys: two mirror-image ones share the global minimum f ≈ −1.0316, and the "
              "other four are shallower. Seven saddle points and two peaks sit between them, so "
              "where you start decides a lot.",
        "ko": "골짜기가 여섯 개 있습니다. 서로 대칭인 두 골짜기가 전역 최솟값(f ≈ −1.0316)을 나눠 갖고, "
              "나머지 넷은 더 얕습니다. 그 사이에 안장점 일곱 개와 봉우리 두 개가 있어서 출발점에 따라 "
              "결과가 크게 달라집니다.",
    },
))

_ST_WELLS = (  # critical points (t, g(t)) of g(t) = (t^4 - 16 t^2 + 5 t) / 2
    (-2.903534027771177, -39.16616570377141, "min"),
    (0.1567312567803401, 0.19561235905535806, "max"),
    (2.746802770990837, -25.02944665528394, "min"),
)


def _styblinski_tang_points():
    points = []
    for x, gx, kx in _ST_WELLS:
        for y, gy, ky in _ST_WELLS:
            if kx == ky == "max":
                kind = "local maximum"
            elif kx != ky:
                kind = "saddle"
            elif x == y == _ST_WELLS[0][0]:
                kind = "global minimum"
            else:
                kind = "local minimum"
            points.append(_cp((x, y), gx + gy, kind))
    return tuple(sorted(points, key=_order))


register(Surface(
    name="styblinski_tang",
    dim=2,
    value_fn=lambda p: 0.5 * np.sum((p * p) * (p * p) - 16.0 * p * p + 5.0 * p, axis=-1),
    grad_fn=lambda p: 2.0 * p * p * p - 16.0 * p + 2.5,
    hess_fn=lambda p: _diag(p, *np.moveaxis(6.0 * p * p - 16.0, -1, 0)),
    window=((-5.0, 5.0), (-5.0, 5.0)),
    starts=((4.0, 4.0), (-1.0, 4.5)),
    critical_points=_styblinski_tang_points(),
    latex=r"f(x, y) = \frac{1}{2}\left(x^4 - 16x^2 + 5x + y^4 - 16y^2 + 5y\right)",
    title={"en": "Styblinski–Tang function", "ko": "스티블린스키–탕 함수"},
    description={
        "en": "Each coordinate has its own pair of wells, one deeper than the other. In 2-D that "
              "makes four minima, and only (−2.90, −2.90), where both coordinates sit in the deeper "
              "well, is global.",
        "ko": "좌표마다 깊이가 다른 우물이 두 개씩 있습니다. 2차원에서는 최솟값이 네 개가 되고, 두 좌표가 "
              "모두 깊은 우물에 들어간 (−2.90, −2.90)만 전역 최솟값입니다.",
    },
))
