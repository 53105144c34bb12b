"""Every visible string of the figures, in English and Korean."""

from __future__ import annotations

LANGS = ("en", "ko")

LABELS: dict[str, dict[str, str]] = {
    "x": {"en": "x", "ko": "x"},
    "y": {"en": "y", "ko": "y"},
    "step": {"en": "step", "ko": "단계"},
    "step_prefix": {"en": "step ", "ko": "단계 "},
    "loss": {"en": "loss f(θ)", "ko": "손실 f(θ)"},
    "loss_gap": {"en": "gap to the minimum f(θ) − f*", "ko": "최솟값과의 차이 f(θ) − f*"},
    "loss_gap_note": {
        "en": "log scale: f* = {floor:.4g} (smallest known value)",
        "ko": "로그 눈금: f* = {floor:.4g} (알려진 가장 작은 값)",
    },
    "map": {"en": "path on the loss surface", "ko": "손실 지형 위의 경로"},
    "click_start": {"en": "click: start here", "ko": "클릭: 여기서 출발"},
    "loss_chart": {"en": "loss per step", "ko": "단계별 손실"},
    "play": {"en": "▶ Play", "ko": "▶ 재생"},
    "pause": {"en": "❚❚ Pause", "ko": "❚❚ 일시정지"},
    "speed": {"en": "{s}×", "ko": "{s}배속"},
    "global minimum": {"en": "global minimum", "ko": "전역 최솟값"},
    "local minimum": {"en": "local minimum", "ko": "지역 최솟값"},
    "saddle": {"en": "saddle point", "ko": "안장점"},
    "local maximum": {"en": "local maximum", "ko": "지역 최댓값"},
    "minima": {"en": "minima", "ko": "최솟값"},
    "saddles": {"en": "saddle points", "ko": "안장점"},
    "contours": {"en": "contour lines", "ko": "등고선"},
    "diverged": {"en": "diverged at step {k}", "ko": "{k} 단계에서 발산"},
    "diverged_short": {"en": "diverged", "ko": "발산"},
    "runs_cloud": {"en": "{n} runs", "ko": "{n}개 실행"},
    "median": {"en": "median of {n} runs", "ko": "{n}개 실행의 중앙값"},
    "start": {"en": "start", "ko": "시작점"},
    "current": {"en": "current point", "ko": "현재 위치"},
    "curve": {"en": "f(x)", "ko": "f(x)"},
    "tangent": {"en": "tangent (slope f′(x))", "ko": "접선 (기울기 f′(x))"},
    "trail": {"en": "previous points", "ko": "지나온 점"},
    "ball": {"en": "current point", "ko": "현재 위치"},
    "direction": {"en": "direction of the step", "ko": "이동 방향"},
    "slope_pos": {
        "en": "f′(x) = {g:+.3g} > 0 → move left",
        "ko": "f′(x) = {g:+.3g} > 0 → 왼쪽으로 이동",
    },
    "slope_neg": {
        "en": "f′(x) = {g:+.3g} < 0 → move right",
        "ko": "f′(x) = {g:+.3g} < 0 → 오른쪽으로 이동",
    },
    "slope_zero": {
        "en": "f′(x) = 0 → stay",
        "ko": "f′(x) = 0 → 제자리",
    },
    "neg_grad": {"en": "−gradient (direction, scaled)", "ko": "−기울기 (방향, 축척 조정)"},
    "update": {"en": "step taken", "ko": "실제 이동"},
    "velocity": {"en": "−{field} (direction, scaled)", "ko": "−{field} (방향, 축척 조정)"},
    "before": {"en": "point before the update", "ko": "업데이트 전 위치"},
    "after": {"en": "point after the update", "ko": "업데이트 후 위치"},
    "inspector_title": {"en": "update {t}", "ko": "{t}번째 업데이트"},
    "averaged_point": {"en": "{name}: averaged point x (where its loss is read)",
                       "ko": "{name}: 평균 지점 x (손실을 읽는 곳)"},
    "ls_trials": {"en": "line-search trials", "ko": "선 탐색 시도점"},
    "ls_trial": {"en": "trial {k}: t = {step:.4g}, f = {loss:.4g}", "ko": "시도 {k}: t = {step:.4g}, f = {loss:.4g}"},
    "extra_scalars": {"en": "{name}: values kept once per run, after update {t}",
                      "ko": "{name}: 실행마다 하나씩 두는 값, {t}번째 업데이트 뒤"},
    "extra_ls": {"en": "{name}: the line search of update {t} (evaluations: {k})",
                 "ko": "{name}: {t}번째 업데이트의 선 탐색 (평가 {k}번)"},
    "extra_pairs": {"en": "{name}: stored curvature pairs after update {t} ({k} of at most {m}; newest last{shown})",
                    "ko": "{name}: {t}번째 업데이트 뒤 저장된 곡률 쌍 ({k}개, 최대 {m}개, 마지막이 가장 최근{shown})"},
    "extra_pairs_shown": {"en": "; the last {k} shown", "ko": "; 마지막 {k}개만 표시"},
    "extra_hessian": {"en": "{name}: the Hessian at the point of update {t}, and its eigenvalues",
                      "ko": "{name}: {t}번째 업데이트 지점의 헤세 행렬과 고윳값"},
    "z": {"en": "f(x, y)", "ko": "f(x, y)"},
}

# Column headers of inspector_table (keys are the English column names).
COLUMNS: dict[str, dict[str, str]] = {
    "optimizer": {"en": "optimizer", "ko": "옵티마이저"},
    "run": {"en": "run", "ko": "실행"},
    "step": {"en": "step", "ko": "단계"},
    "coordinate": {"en": "coordinate", "ko": "좌표"},
    "point": {"en": "point", "ko": "위치"},
    "gradient": {"en": "gradient", "ko": "기울기"},
    "update": {"en": "update", "ko": "이동량"},
    "new point": {"en": "new point", "ko": "새 위치"},
    "effective lr": {"en": "effective lr", "ko": "실효 학습률"},
    "trial": {"en": "trial", "ko": "시도"},
    "quantity": {"en": "quantity", "ko": "값 이름"},
    "value": {"en": "value", "ko": "값"},
    "step length t": {"en": "step length t", "ko": "걸음 길이 t"},
    "loss": {"en": "loss", "ko": "손실"},
    "pair": {"en": "pair", "ko": "쌍"},
    "row": {"en": "row", "ko": "행"},
    "eigenvalue": {"en": "eigenvalues (ascending)", "ko": "고윳값 (오름차순)"},
}


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"Invalid lang: {lang!r} (allowed: {', '.join(LANGS)})")
    return lang


def t(key: str, lang: str, **fmt) -> str:
    text = LABELS[key][lang]
    return text.format(**fmt) if fmt else text
