"""What each chart shows, in words: the text alternative a screen reader reads for it (``st.plotly_chart``'s
``alt``), made from the same numbers as the figure, in Korean or English.

Each function takes what the matching figure builder takes and returns one short paragraph: what is drawn,
then the numbers a sighted student reads off the chart. A race kept secret (a story's open question) is
described before it is played, with its starts only, as the chart shows it; the outcome comes with the
answer, as it does for everyone. The full numbers are in each chart's CSV download.
"""

from __future__ import annotations

import numpy as np

from ._labels import check_lang

TEXT: dict[str, dict[str, str]] = {
    "race": {"en": "{title}: {n} runs from {start} over {steps} steps, the paths on the map and the loss per step.",
             "ko": "{title}: {start}에서 출발한 {n}개 실행의 {steps}단계. 지도 위의 경로와 단계별 손실입니다."},
    "race_secret": {"en": "Press Play to see where each one goes.", "ko": "재생을 누르면 각 실행이 어디로 가는지 보입니다."},
    "run_end": {"en": "{name} ends at {point} with loss {loss}", "ko": "{name}은(는) {point}에서 손실 {loss}로 끝납니다"},
    "run_diverged": {"en": "{name} diverges at step {k}", "ko": "{name}은(는) {k}단계에서 발산합니다"},
    "run_start": {"en": "{name} starts at {point}", "ko": "{name}은(는) {point}에서 출발합니다"},
    "curve": {"en": "{title}: the ball starts at x = {x0} (f = {f0}) with learning rate {lr}, {steps} steps.",
              "ko": "{title}: 공이 x = {x0} (f = {f0})에서 학습률 {lr}로 출발합니다. {steps}단계."},
    "curve_secret": {"en": "Press Play to see where it goes.", "ko": "재생을 누르면 공이 어디로 가는지 보입니다."},
    "curve_end": {"en": "After {k} steps it is at x = {x} with f = {f}.", "ko": "{k}단계 뒤 x = {x}, f = {f}에 있습니다."},
    "curve_diverged": {"en": "It diverges at step {k}.", "ko": "{k}단계에서 발산합니다."},
    "losses": {"en": "Loss per epoch of {names} over {epochs} epochs.", "ko": "{epochs} 에포크 동안 {names}의 에포크별 손실."},
    "loss_end": {"en": "{name} ends at loss {loss}", "ko": "{name}의 마지막 손실은 {loss}"},
    "outputs": {"en": "The layer's three outputs for each optimizer, epoch by epoch, against the target (0, 1, 0).",
                "ko": "옵티마이저마다 층의 세 출력이 에포크마다 목표 (0, 1, 0)에 다가가는 모습입니다."},
    "outputs_end": {"en": "{name} ends at ({y})", "ko": "{name}의 마지막 출력은 ({y})"},
    "sweep": {"en": "Final loss gap against {n} learning rates from {lo} to {hi}, one line per optimizer.",
              "ko": "{lo}부터 {hi}까지 학습률 {n}개에 대한 최종 손실 차이, 옵티마이저마다 선 하나입니다."},
    "sweep_row": {"en": "{name}: best rate {lr} (gap {gap}){diverged}",
                  "ko": "{name}: 가장 좋은 학습률 {lr} (차이 {gap}){diverged}"},
    "sweep_none": {"en": "{name}: every rate diverges", "ko": "{name}: 모든 학습률에서 발산"},
    "sweep_diverged": {"en": ", diverges from {lr} on", "ko": ", {lr}부터 발산"},
    "grid": {"en": "Final loss over {n_lr} learning rates from {lo} to {hi} and {n_v} values of {label}; {bad} of {runs} "
                   "runs diverged. The lowest loss, {loss}, is at learning rate {lr} and {label} {value}.",
             "ko": "{lo}부터 {hi}까지 학습률 {n_lr}개와 {label} 값 {n_v}개에 대한 최종 손실입니다. 실행 {runs}개 중 {bad}개가 "
                   "발산했습니다. 가장 낮은 손실 {loss}는 학습률 {lr}, {label} {value}에서 나옵니다."},
    "hessian": {"en": "{title} at ({x}, {y}): f = {f}, gradient ({gx}, {gy}); the Hessian's eigenvalues are {l1} and {l2}"
                      " ({kind}).",
                "ko": "{title}의 ({x}, {y}): f = {f}, 기울기 ({gx}, {gy}). 헤시안의 고윳값은 {l1}과 {l2}입니다 ({kind})."},
    "kind.min": {"en": "both positive: the surface curves up in every direction",
                 "ko": "둘 다 양수: 모든 방향으로 위로 휨"},
    "kind.max": {"en": "both negative: it curves down in every direction", "ko": "둘 다 음수: 모든 방향으로 아래로 휨"},
    "kind.saddle": {"en": "opposite signs: a saddle", "ko": "부호가 반대: 안장"},
    "kind.flat": {"en": "one of them zero: flat in one direction", "ko": "하나가 0: 한 방향으로 평평함"},
    "eigen": {"en": "GD and momentum on a bowl with κ = {kappa} turned by {deg}°: the error along each eigenvector, step by "
                    "step (log scale), with the predicted rates dashed: GD {gd}, momentum {mom} per step.",
              "ko": "κ = {kappa}인 그릇을 {deg}° 돌려 놓고 GD와 모멘텀을 돌립니다. 고유벡터마다 오차를 단계별로 보여 주며"
                    "(로그 눈금), 점선은 예측한 비율입니다: GD는 단계마다 {gd}, 모멘텀은 {mom}."},
    "rates": {"en": "Convergence rate per step against the condition number κ: the formulas as lines, the measured runs "
                    "as markers. At κ = {kappa}: GD {gd} predicted, {gd_m} measured; momentum {mom} predicted, {mom_m}"
                    " measured.",
              "ko": "조건수 κ에 대한 단계별 수렴 비율입니다. 선은 공식, 점은 측정한 값입니다. κ = {kappa}에서 GD는 예측 {gd}, 측정 "
                    "{gd_m}; 모멘텀은 예측 {mom}, 측정 {mom_m}."},
    "edge": {"en": "Gradient descent on {title} from {start}, {steps} steps: the paths, the sharpness λmax(H) at each step "
                   "with 2/lr dashed, and the loss.", "ko": "{title}에서 {start}부터 {steps}단계 경사하강법: 경로, 단계마다의 "
                   "날카로움 λ최대(H)와 점선 2/lr, 그리고 손실입니다."},
    "edge_row": {"en": "lr = {lr}: sharpness ends at {sharp} (2/lr = {threshold}), loss {loss}",
                 "ko": "lr = {lr}: 날카로움은 {sharp}에서 끝남 (2/lr = {threshold}), 손실 {loss}"},
    "basins": {"en": "Basins of attraction of {optimizer} on {title}: {n} starts on a grid, each coloured by where its run "
                     "ends. {shares}.", "ko": "{title}에서 {optimizer}의 분지: 격자 위 출발점 {n}개를 각 실행이 도착한 곳에 따라 "
                     "칠했습니다. {shares}."},
    "inspector": {"en": "Update {t}: for each optimizer the point it was at, minus the gradient and the step it took.",
                  "ko": "{t}번째 갱신: 옵티마이저마다 있던 점, 음의 기울기, 그리고 실제로 간 걸음입니다."},
    "inspector_row": {"en": "{name} moved from {before} by ({step})", "ko": "{name}은(는) {before}에서 ({step})만큼 움직였습니다"},
    "panels": {"en": "One small map per optimizer with its whole path.", "ko": "옵티마이저마다 전체 경로를 그린 작은 지도입니다."},
    "view3d": {"en": "The surface in 3-D with each optimizer's whole path.",
               "ko": "3차원 곡면과 옵티마이저마다의 전체 경로입니다."},
    "fit": {"en": "The data and each learner's current line, epoch by epoch, against the exact least-squares line.",
            "ko": "데이터와 학습자마다의 현재 직선이 에포크마다 정확한 최소제곱 직선에 다가가는 모습입니다."},
}


def _t(key: str, lang: str, **fmt) -> str:
    return TEXT[key][lang].format(**fmt)


def num(value: float) -> str:
    """A number as a student reads it off the chart: three significant digits."""
    value = float(value)
    if not np.isfinite(value):
        return "∞" if value > 0 else "−∞" if value < 0 else "?"
    return f"{value:.3g}".replace("-", "−")


def point(values) -> str:
    return "(" + ", ".join(num(v) for v in np.ravel(values)) + ")"


def _join(parts: list[str], lang: str) -> str:
    return ("; " if lang == "en" else "; ").join(parts) + "."


def runs(title: str, names, trajectories, *, lang: str = "en", secret: bool = False, run: int = 0) -> str:
    """A race of optimizers (or runs) on a surface: where each starts, and (unless ``secret``) where it ends
    or when it diverged."""
    lang = check_lang(lang)
    trajectories = list(trajectories)
    first = trajectories[0]
    steps = int(first.steps[-1])
    text = _t("race", lang, title=title, n=len(trajectories), start=point(first.points[0, run]), steps=steps)
    if secret:
        return text + " " + _t("race_secret", lang)
    parts = []
    for name, traj in zip(names, trajectories):
        k = int(traj.diverged_at[run])
        if k >= 0:
            parts.append(_t("run_diverged", lang, name=name, k=k))
        else:
            parts.append(_t("run_end", lang, name=name, point=point(traj.points[-1, run]), loss=num(traj.loss[-1, run])))
    return text + " " + _join(parts, lang)


def curve(title: str, trajectory, lr: float, *, lang: str = "en", secret: bool = False) -> str:
    """The ball on a 1-D curve."""
    lang = check_lang(lang)
    text = _t("curve", lang, title=title, x0=num(trajectory.points[0, 0, 0]), f0=num(trajectory.loss[0, 0]), lr=num(lr),
              steps=int(trajectory.steps[-1]))
    if secret:
        return text + " " + _t("curve_secret", lang)
    if trajectory.diverged[0]:
        return text + " " + _t("curve_diverged", lang, k=int(trajectory.diverged_at[0]))
    row = int(trajectory.last_valid_row()[0])
    return text + " " + _t("curve_end", lang, k=int(trajectory.steps[row]), x=num(trajectory.points[row, 0, 0]),
                           f=num(trajectory.loss[row, 0]))


def losses(names, loss: np.ndarray, *, lang: str = "en") -> str:
    """Loss curves per epoch (``loss``: (epochs + 1, n))."""
    lang = check_lang(lang)
    text = _t("losses", lang, names=", ".join(names), epochs=loss.shape[0] - 1)
    return text + " " + _join([_t("loss_end", lang, name=n, loss=num(loss[-1, i])) for i, n in enumerate(names)], lang)


def outputs(names, outputs_: np.ndarray, *, lang: str = "en", secret: bool = False) -> str:
    """The tiny network's outputs per epoch (``outputs_``: (epochs + 1, n, 3))."""
    lang = check_lang(lang)
    text = _t("outputs", lang)
    if secret:
        return text + " " + _t("race_secret", lang)
    ends = [_t("outputs_end", lang, name=n, y=", ".join(num(v) for v in outputs_[-1, i])) for i, n in enumerate(names)]
    return text + " " + _join(ends, lang)


def sweep(result, labels, *, lang: str = "en") -> str:
    lang = check_lang(lang)
    text = _t("sweep", lang, n=len(result.lrs), lo=num(result.lrs[0]), hi=num(result.lrs[-1]))
    parts = []
    for label, row in zip(labels, result.best()):
        if row["best_lr"] is None:
            parts.append(_t("sweep_none", lang, name=label))
            continue
        diverged = _t("sweep_diverged", lang, lr=num(row["first_diverged_lr"])) if row["first_diverged_lr"] else ""
        parts.append(_t("sweep_row", lang, name=label, lr=num(row["best_lr"]),
                        gap=num(max(row["best_loss"] - result.f_star, 0.0)), diverged=diverged))
    return text + " " + _join(parts, lang)


def grid(result, label: str, *, lang: str = "en") -> str:
    """The learning rate x second hyperparameter heatmap."""
    lang = check_lang(lang)
    final = np.where(result.diverged, np.inf, result.final_loss)
    r, c = np.unravel_index(int(np.argmin(final)), final.shape)
    return _t("grid", lang, n_lr=len(result.lrs), lo=num(result.lrs[0]), hi=num(result.lrs[-1]), n_v=len(result.values),
              label=label, bad=int(result.diverged.sum()), runs=int(result.diverged.size), loss=num(final[r, c]),
              lr=num(result.lrs[c]), value=num(result.values[r]))


def hessian(title: str, result, *, lang: str = "en") -> str:
    lang = check_lang(lang)
    l1, l2 = (float(v) for v in result.eigen.values)
    kind = ("min" if min(l1, l2) > 0 else "max" if max(l1, l2) < 0 else "flat" if l1 * l2 == 0 else "saddle")
    return _t("hessian", lang, title=title, x=num(result.point[0]), y=num(result.point[1]), f=num(result.value),
              gx=num(result.gradient[0]), gy=num(result.gradient[1]), l1=num(l1), l2=num(l2), kind=_t(f"kind.{kind}", lang))


def eigen(result, *, lang: str = "en") -> str:
    lang = check_lang(lang)
    return _t("eigen", lang, kappa=num(result.kappa), deg=num(result.degrees), gd=num(result.predicted[0]),
              mom=num(result.predicted[1]))


def rates(result, *, lang: str = "en") -> str:
    lang = check_lang(lang)
    i = int(np.argmin(np.abs(np.asarray(result.kappas, dtype=float) - result.chosen)))
    return _t("rates", lang, kappa=num(result.chosen), gd=num(result.gd["predicted"][i]), gd_m=num(result.gd["measured"][i]),
              mom=num(result.momentum["predicted"][i]), mom_m=num(result.momentum["measured"][i]))


def edge(title: str, result, *, lang: str = "en") -> str:
    lang = check_lang(lang)
    traj = result.trajectory
    text = _t("edge", lang, title=title, start=point(result.start), steps=int(traj.steps[-1]))
    parts = []
    for run, lr in enumerate(result.lrs):
        sharp = np.asarray(result.sharpness[:, run], dtype=float)
        finite = sharp[np.isfinite(sharp)]
        row = int(traj.last_valid_row()[run])
        parts.append(_t("edge_row", lang, lr=num(lr), sharp=num(finite[-1] if finite.size else np.nan),
                        threshold=num(result.thresholds[run]), loss=num(traj.loss[row, run])))
    return text + " " + _join(parts, lang)


def basins(title: str, optimizer: str, n_starts: int, shares: dict[str, float], *, lang: str = "en") -> str:
    """``shares``: what the runs reach (a minimum's name, "none", "diverged") -> fraction of the starts."""
    lang = check_lang(lang)
    listed = ", ".join(f"{name} {share:.0%}" for name, share in shares.items() if share > 0)
    return _t("basins", lang, optimizer=optimizer, title=title, n=n_starts, shares=listed)


def inspector(names, trajectories, step: int, *, lang: str = "en", run: int = 0) -> str:
    from .inspector import update_row  # the row of update ``step``, as the inspector figure finds it

    lang = check_lang(lang)
    parts, shown = [], step
    for name, traj in zip(names, trajectories):
        r = update_row(traj, step)
        shown = int(traj.steps[r])
        after = traj.points[r, run]
        update = traj.state["update"][r, run]
        parts.append(_t("inspector_row", lang, name=name, before=point(after - update),
                        step=", ".join(num(v) for v in update)))
    return _t("inspector", lang, t=shown) + " " + _join(parts, lang)


def fixed(key: str, *, lang: str = "en") -> str:
    """A chart whose words do not depend on the scene beyond what its neighbours say (panels, 3-D, fit)."""
    return _t(key, check_lang(lang))
