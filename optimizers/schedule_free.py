"""Schedule-free SGD and AdamW, as optax.contrib.schedule_free_sgd / schedule_free_adamw (optax 0.2.8).
Not in torch.optim.

Defazio et al., "The Road Less Scheduled" (2024): instead of decaying the learning rate, keep
three sequences — z, the base optimizer's iterate (plain SGD or AdamW without momentum); x, the
running average of the z's, where the loss is meant to be read; and y = β₁x + (1 − β₁)z, an
interpolation between them where the gradient is taken. β₁ (``momentum`` for SGD, ``betas[0]``
for AdamW) plays the part of momentum. The average weighs step t by ``max_lr_t^weight_lr_power``
(max_lr the largest learning rate so far), so steps taken during warmup count less.

The trajectory is y, what optax holds as the params. The state keeps ``z`` and ``x`` per
coordinate (the app draws x as a second marker); ``x`` is
``optax.contrib.schedule_free_eval_params``: ``(y − (1 − β₁)z)/β₁``, recomputed from the new y and
z after every update (it is what the next update starts from). ``weight_sum`` and ``max_lr`` are
kept per run (``EXTRA_STATE``).

As optax computes it (z = y = x = θ₀, weight_sum = max_lr = 0 at the start), with the wrapper's
count c = t (from 1) and the base optimizer's own count k = t − 1 (from 0):

* ``lr_c = sched(c)``; ``max_lr ← max(max_lr, lr_c)``; ``w = max_lr^p``; ``weight_sum += w``;
  ``c_t = w / weight_sum`` (0 where that is 0/0);
* base step at y (weight decay on **y**, scaled by the scheduled rate with the *base's* count k):
  SGD ``z ← z − sched(k)·(g + λy)``; AdamW ``v ← (1 − β₂)g² + β₂v``,
  ``z ← z − sched(k)·(g/(√(v/(1 − β₂^t)) + eps) + λy)``;
* ``x ← (1 − c_t)·(y − (1 − β₁)z_old)/β₁ + c_t·z``; ``y ← β₁x + (1 − β₁)z``.

Without warmup sched is the constant lr, and with a constant lr ``c_t = 1/t`` whatever the power.
With ``warmup_steps`` W > 0 it is optax's ``warmup_constant_schedule(0, lr, W)``, which computes
**in float32 even under float64** (the int32 count divided by W gives float32):
``sched(k) = f32(−lr)·(1 − f32(min(k, W))/f32(W)) + f32(lr)``, every operation rounded to float32
— so the rate is f32(lr) also after the warmup (0.3 becomes 0.30000001192092896), and it is done
the same way here. During warmup the z step lags the averaging weight by one count, and the very
first z step is 0 (sched(0) = 0). A learning rate passed to ``update`` (a schedule of the app)
replaces lr, the warmup's peak, for that update.

Defaults are optax's: SGD lr 1.0, β₁ 0.9, no weight decay (optax's None; 0 here), no warmup
(optax's None; 0 here — optax's own ``warmup_steps=0`` would be a schedule stuck at 0),
weight_lr_power 2; AdamW lr 0.0025, β = (0.9, 0.999), eps 1e-8, the rest the same. β₁ must be > 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, NamedTuple

import numpy as np

from . import _moments as mo
from .base import FLOAT, HyperParam, Rule, per_run, power


class ScheduleFreeState(NamedTuple):
    step: int
    z: np.ndarray  # the base optimizer's iterate, (n, d)
    x: np.ndarray  # the averaged point, where the loss is read: (y − (1 − β₁)z)/β₁, (n, d)
    exp_avg_sq: np.ndarray  # AdamW's v_t, (n, d); zeros for SGD
    weight_sum: np.ndarray  # Σ w of the average, one per run, (n,)
    max_lr: np.ndarray  # the largest scheduled learning rate so far, one per run, (n,)


WARMUP = mo.PerRunInt(
    "warmup_steps", 0, kind="int", low=0, high=1e6,
    help={"en": "Linear warmup of the learning rate from 0 over this many steps (0 = none). As optax's "
                "schedule, it computes in float32.",
          "ko": "학습률을 0에서부터 이 걸음 수 동안 선형으로 올립니다(0이면 없음). optax의 스케줄처럼 float32로 "
                "계산합니다."})
WEIGHT_LR_POWER = HyperParam(
    "weight_lr_power", 2.0, low=0.0,
    help={"en": "Step t counts in the average with weight max_lr^p: steps taken during warmup count less.",
          "ko": "t번째 걸음은 평균에서 max_lr^p의 가중치를 받습니다. 워밍업 중의 걸음은 덜 반영됩니다."})


def scheduled_lr(lr: np.ndarray, warmup: np.ndarray | int, count: int) -> np.ndarray:
    """optax's learning rate at ``count``: ``lr`` without warmup; with warmup W > 0,
    ``warmup_constant_schedule(0, lr, W)(count)``, every operation in float32 as optax computes it."""
    warmup = per_run(warmup)
    if not np.any(warmup > 0):
        return lr
    f32 = np.float32
    peak = np.asarray(lr, dtype=FLOAT).astype(f32)
    w = np.asarray(warmup).astype(f32)
    with np.errstate(divide="ignore", invalid="ignore"):
        frac = f32(1) - np.minimum(np.asarray(count).astype(f32), w) / w
        ramp = (-peak) * frac + peak
    value = np.where(count < warmup, ramp, peak).astype(FLOAT)
    return np.where(warmup > 0, value, lr)


def schedule_free_step(rule: Rule, state: ScheduleFreeState, params, lr, b1, base_update):
    """The schedule-free wrapper around ``base_update(base_lr) -> (z step, exp_avg_sq)``; both rules use it."""
    hp = rule.hyperparams
    lr = per_run(rule.lr if lr is None else lr)
    warmup, power_ = hp["warmup_steps"], per_run(hp["weight_lr_power"])
    n = params.shape[0]
    lr_w = scheduled_lr(lr, warmup, state.step + 1)
    max_lr = np.maximum(state.max_lr[:, None], lr_w)
    weight = power(max_lr, power_)
    weight_sum = state.weight_sum[:, None] + weight
    with np.errstate(divide="ignore", invalid="ignore"):
        ck = np.where(np.isnan(weight) | np.isnan(weight_sum), np.nan,
                      np.nan_to_num(weight / weight_sum, nan=0.0, posinf=np.inf))
    step, exp_avg_sq = base_update(scheduled_lr(lr, warmup, state.step))
    z = state.z + step
    prev_x = (params - (1.0 - b1) * state.z) / b1
    x = (1.0 - ck) * prev_x + ck * z
    y = params + ((b1 * x + (1.0 - b1) * z) - params)
    new_state = ScheduleFreeState(step=state.step + 1, z=z, x=(y - (1.0 - b1) * z) / b1, exp_avg_sq=exp_avg_sq,
                                  weight_sum=mo.column(weight_sum, n)[:, 0], max_lr=mo.column(max_lr, n)[:, 0])
    return y, new_state


class _ScheduleFree(Rule):
    State = ScheduleFreeState
    EXTRA_STATE = ("weight_sum", "max_lr")
    in_torch = False

    def _validate(self, hp):
        b1 = self.b1_of(hp)
        if np.any(b1 <= 0):
            raise ValueError(f"Invalid {self.b1_name}: {float(np.min(b1))!r} (allowed: > 0, as optax requires)")

    def init(self, params: np.ndarray) -> ScheduleFreeState:
        y = self.zeros_like(params)
        y[...] = params
        b1 = per_run(self.b1_of(self.hyperparams))
        zeros = y[:, 0] * 0.0
        return ScheduleFreeState(step=0, z=y.copy(), x=(y - (1.0 - b1) * y) / b1, exp_avg_sq=np.zeros_like(y),
                                 weight_sum=zeros, max_lr=zeros.copy())


class ScheduleFreeSGD(_ScheduleFree):
    __doc__ = mo.algorithm(
        [r"\gamma \text{ (lr)},\ \beta_1 \text{ (momentum)},\ \lambda \text{ (weight decay)},\ "
         r"W \text{ (warmup steps)},\ p \text{ (weight lr power)},\ " + mo.INPUT_THETA],
        [r"z_0 \leftarrow \theta_0,\ x_0 \leftarrow \theta_0,\ y_0 \leftarrow \theta_0,\ S_0 \leftarrow 0,\ "
         r"\gamma^{max}_0 \leftarrow 0"],
        [r"\gamma_t \leftarrow \gamma \min(1, (t - 1) / W) \text{ (warmup; } \gamma \text{ without)}",
         r"g_t \leftarrow \nabla_\theta f_t(y_{t-1})",
         r"\gamma^{max}_t \leftarrow \max\big(\gamma^{max}_{t-1}, \gamma \min(1, t / W)\big),\ "
         r"w_t \leftarrow (\gamma^{max}_t)^p,\ S_t \leftarrow S_{t-1} + w_t,\ c_t \leftarrow w_t / S_t",
         r"z_t \leftarrow z_{t-1} - \gamma_t \big(g_t + \lambda y_{t-1}\big)",
         r"x_t \leftarrow (1 - c_t) x_{t-1} + c_t z_t",
         r"y_t \leftarrow \beta_1 x_t + (1 - \beta_1) z_t",
         r"\theta_t \leftarrow y_t \text{ (the trajectory; the loss is read at } x_t \text{)}"],
    )

    name = "schedule_free_sgd"
    title: ClassVar[Mapping[str, str]] = {"en": "Schedule-free SGD", "ko": "스케줄 없는 SGD"}
    short = "Schedule-free SGD"
    about: ClassVar[Mapping[str, str]] = {
        "en": "Schedule-free SGD needs no decaying learning-rate schedule and no stopping time: it takes plain "
              "gradient steps (z), averages the points it visits (x, where the loss is read) and evaluates the "
              "gradient between the two (y), which acts like momentum. It matches tuned cosine and linear decay "
              "schedules without knowing in advance how long training will run.",
        "ko": "스케줄 없는 SGD는 줄어드는 학습률 스케줄도, 미리 정한 종료 시점도 필요 없습니다. 보통의 경사 하강(z)을 "
              "하면서 지나온 점들을 평균하고(x, 손실을 읽는 곳), 그 둘 사이(y)에서 기울기를 구하며, 이것이 모멘텀처럼 "
              "작동합니다. 학습이 얼마나 길지 모르고도 잘 조정된 코사인·선형 감소 스케줄과 같은 성능을 냅니다.",
    }
    SPEC = (
        mo.lr_param(1.0, "Learning rate of the base SGD steps (constant; optax's default 1.0).",
                    "기본 SGD 걸음의 학습률입니다(일정하며, optax의 기본값 1.0)."),
        HyperParam("momentum", 0.9, low=0.0, high=1.0, low_open=True, high_open=True,
                   help={"en": "β₁ (optax's b1): the gradient point y = β₁x + (1 − β₁)z lies this close to the "
                               "average x; it acts as momentum.",
                         "ko": "β₁(optax의 b1): 기울기를 구하는 점 y = β₁x + (1 − β₁)z가 평균 x에 가까운 정도로, "
                               "모멘텀 역할을 합니다."}),
        HyperParam("weight_decay", 0.0, low=0.0,
                   help={"en": "Weight decay λ: λy is added to the gradient, scaled by the learning rate.",
                         "ko": "가중치 감쇠 λ: 기울기에 λy를 더하고 학습률을 곱합니다."}),
        WARMUP,
        WEIGHT_LR_POWER,
    )
    b1_name = "momentum"

    @staticmethod
    def b1_of(hp):
        return hp["momentum"]

    def update(self, grads, state, params, lr=None):
        hp = self.hyperparams
        g = np.asarray(grads, dtype=FLOAT)
        wd = per_run(hp["weight_decay"])

        def base(base_lr):
            return -base_lr * mo.add_decayed_weights(g, wd, params), state.exp_avg_sq

        return schedule_free_step(self, state, params, lr, per_run(hp["momentum"]), base)


class ScheduleFreeAdamW(_ScheduleFree):
    __doc__ = mo.algorithm(
        [r"\gamma \text{ (lr)},\ \beta_1, \beta_2 \text{ (betas)},\ \epsilon \text{ (eps)},\ "
         r"\lambda \text{ (weight decay)},\ W \text{ (warmup steps)},\ p \text{ (weight lr power)},\ " + mo.INPUT_THETA],
        [r"z_0 \leftarrow \theta_0,\ x_0 \leftarrow \theta_0,\ y_0 \leftarrow \theta_0,\ v_0 \leftarrow 0,\ "
         r"S_0 \leftarrow 0,\ \gamma^{max}_0 \leftarrow 0"],
        [r"\gamma_t \leftarrow \gamma \min(1, (t - 1) / W) \text{ (warmup; } \gamma \text{ without)}",
         r"g_t \leftarrow \nabla_\theta f_t(y_{t-1})",
         r"\gamma^{max}_t \leftarrow \max\big(\gamma^{max}_{t-1}, \gamma \min(1, t / W)\big),\ "
         r"w_t \leftarrow (\gamma^{max}_t)^p,\ S_t \leftarrow S_{t-1} + w_t,\ c_t \leftarrow w_t / S_t",
         mo.SECOND_MOMENT,
         r"z_t \leftarrow z_{t-1} - \gamma_t \Big(g_t \big/ \big(\sqrt{v_t / (1 - \beta_2^t)} + \epsilon\big) "
         r"+ \lambda y_{t-1}\Big)",
         r"x_t \leftarrow (1 - c_t) x_{t-1} + c_t z_t",
         r"y_t \leftarrow \beta_1 x_t + (1 - \beta_1) z_t",
         r"\theta_t \leftarrow y_t \text{ (the trajectory; the loss is read at } x_t \text{)}"],
    )

    name = "schedule_free_adamw"
    title: ClassVar[Mapping[str, str]] = {"en": "Schedule-free AdamW", "ko": "스케줄 없는 AdamW"}
    short = "Schedule-free AdamW"
    about: ClassVar[Mapping[str, str]] = {
        "en": "Schedule-free AdamW replaces Adam's momentum and the learning-rate schedule with averaging: an "
              "AdamW step without momentum moves z, the loss is read at the running average x of the z's, and the "
              "gradient is taken between them. It won the 2024 AlgoPerf self-tuning track, matching tuned schedules "
              "without being told the length of training.",
        "ko": "스케줄 없는 AdamW는 Adam의 모멘텀과 학습률 스케줄을 평균으로 대신합니다. 모멘텀 없는 AdamW 걸음이 z를 "
              "움직이고, 손실은 z들의 이동 평균 x에서 읽으며, 기울기는 그 둘 사이에서 구합니다. 학습 길이를 모른 채로 "
              "잘 조정된 스케줄과 같은 성능을 내어 2024년 AlgoPerf 자체 조정 부문에서 우승했습니다.",
    }
    SPEC = (
        mo.lr_param(0.0025, "Learning rate of the base AdamW steps (optax's default 0.0025).",
                    "기본 AdamW 걸음의 학습률입니다(optax의 기본값 0.0025)."),
        mo.betas_param((0.9, 0.999), "(β₁, β₂): β₁ places the gradient point y = β₁x + (1 − β₁)z (it acts as "
                                     "momentum; > 0); β₂ is the decay rate of the average of squared gradients.",
                       "(β₁, β₂): β₁은 기울기를 구하는 점 y = β₁x + (1 − β₁)z의 위치(모멘텀 역할, 0보다 큼), β₂는 "
                       "기울기 제곱 이동 평균의 감쇠율입니다."),
        mo.eps_param(1e-8),
        mo.decoupled_weight_decay_param(0.0, "Weight decay λ: λy is added to the Adam direction, scaled by the "
                                             "learning rate.",
                                        "가중치 감쇠 λ: Adam 방향에 λy를 더하고 학습률을 곱합니다."),
        WARMUP,
        WEIGHT_LR_POWER,
    )
    b1_name = "betas[0]"

    @staticmethod
    def b1_of(hp):
        return hp["betas"][0]

    def update(self, grads, state, params, lr=None):
        hp = self.hyperparams
        b1, b2 = (per_run(b) for b in hp["betas"])
        eps, wd = per_run(hp["eps"]), per_run(hp["weight_decay"])
        g = np.asarray(grads, dtype=FLOAT)
        step = state.step + 1

        def base(base_lr):
            v = mo.ema_sq(state.exp_avg_sq, g, b2)
            u = 1 / (np.sqrt(mo.debias(v, b2, step)) + eps) * g
            return -base_lr * mo.add_decayed_weights(u, wd, params), v

        return schedule_free_step(self, state, params, lr, b1, base)
