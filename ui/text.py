"""Every visible string of the app, in Korean and English (pure data, no Streamlit).

Keys are grouped by page. Explanations are written for this app; they teach the
lessons of the seed texts in our own words.
"""

TEXT: dict[str, dict[str, str]] = {
    # -- frame ------------------------------------------------------------------
    "app.title": {"en": "DescentLab", "ko": "DescentLab"},
    "app.tagline": {
        "en": "Watch gradient-descent optimizers move across a loss surface, step by step.",
        "ko": "경사 하강법 옵티마이저가 손실 지형 위를 한 걸음씩 움직이는 모습을 살펴보세요.",
    },
    "app.language": {"en": "Language", "ko": "언어"},
    "app.presentation": {"en": "Presentation mode", "ko": "발표 모드"},
    "app.presentation_help": {
        "en": "Larger text and fewer controls, for a projector in class.",
        "ko": "수업 중 프로젝터로 보여 주기 좋게 글자를 키우고 조작 항목을 줄입니다.",
    },
    "nav.lessons": {"en": "Lessons", "ko": "수업"},
    "nav.compare": {"en": "Compare optimizers", "ko": "옵티마이저 비교"},
    "nav.lr1d": {"en": "Learning rate in 1-D", "ko": "1차원에서 본 학습률"},
    "nav.saddles": {"en": "Saddle points and basins", "ko": "안장점과 분지"},
    "nav.minibatch": {"en": "Batch, mini-batch, SGD", "ko": "배치, 미니배치, SGD"},
    "nav.network": {"en": "Training a tiny network", "ko": "작은 신경망 학습"},
    "nav.sweep": {"en": "Learning-rate sweep", "ko": "학습률 스윕"},
    "common.error_prefix": {"en": "Cannot use this value", "ko": "이 값은 사용할 수 없습니다"},
    "common.download_csv": {"en": "Download trajectories (CSV)", "ko": "경로 데이터 내려받기 (CSV)"},
    "common.download_html": {"en": "Download animation (HTML, works offline)",
                             "ko": "애니메이션 내려받기 (HTML, 오프라인 재생)"},
    "common.diverged_at": {"en": "diverged at step {k}", "ko": "{k} 단계에서 발산"},
    "common.steps": {"en": "Steps", "ko": "반복 횟수"},
    "common.start_x": {"en": "Start x", "ko": "시작점 x"},
    "common.start_y": {"en": "Start y", "ko": "시작점 y"},
    "common.surface": {"en": "Loss surface", "ko": "손실 함수"},
    "common.function": {"en": "Function", "ko": "함수"},
    "common.schedule": {"en": "Learning-rate schedule", "ko": "학습률 스케줄"},
    "common.log_loss": {"en": "Log scale for the loss", "ko": "손실을 로그 눈금으로"},
    "common.lr": {"en": "Learning rate", "ko": "학습률"},
    "common.settings": {"en": "Scene", "ko": "장면 설정"},
    "common.click_hint": {"en": "Tip: click on the map to move the start point.",
                          "ko": "팁: 지도를 클릭하면 시작점이 그곳으로 옮겨집니다."},

    # -- compare page -------------------------------------------------------------
    "compare.intro": {
        "en": "Pick a surface and a few optimizers, press ▶ and watch them race to the bottom. "
              "Every optimizer starts from the same point with its own settings.",
        "ko": "손실 함수와 옵티마이저 몇 개를 고른 뒤 ▶ 버튼을 눌러 누가 먼저 바닥에 닿는지 보세요. "
              "모든 옵티마이저는 같은 시작점에서 각자의 설정으로 출발합니다.",
    },
    "compare.preset": {"en": "Preset", "ko": "프리셋"},
    "compare.preset_help": {
        "en": "Fill every setting at once: PyTorch's defaults, Keras's defaults, or the book's chapter-6 comparison.",
        "ko": "설정을 한 번에 채웁니다: PyTorch 기본값, Keras 기본값, 또는 책 6장의 비교 실험.",
    },
    "compare.optimizers": {"en": "Optimizers", "ko": "옵티마이저"},
    "compare.none_selected": {"en": "Choose at least one optimizer in the sidebar.",
                              "ko": "사이드바에서 옵티마이저를 하나 이상 고르세요."},
    "compare.hyperparams": {"en": "{name} settings", "ko": "{name} 설정"},
    "compare.tab_map": {"en": "Map and loss", "ko": "지도와 손실"},
    "compare.tab_3d": {"en": "3-D view", "ko": "3차원 보기"},
    "compare.tab_inspector": {"en": "State inspector", "ko": "상태 들여다보기"},
    "compare.tab_rules": {"en": "Update rules", "ko": "갱신 규칙"},
    "compare.summary": {"en": "Results", "ko": "결과"},
    "compare.tolerance": {"en": "Tolerance for 'reached'", "ko": "'도달' 판정 허용 오차"},
    "compare.col_optimizer": {"en": "Optimizer", "ko": "옵티마이저"},
    "compare.col_final_loss": {"en": "Final loss", "ko": "최종 손실"},
    "compare.col_final_point": {"en": "Final point", "ko": "최종 위치"},
    "compare.col_steps_to_tol": {"en": "Steps to tolerance", "ko": "허용 오차 도달 단계"},
    "compare.col_diverged_at": {"en": "Diverged at step", "ko": "발산한 단계"},
    "compare.never": {"en": "not reached", "ko": "도달 못 함"},
    "compare.inspector_step": {"en": "Inspect update number", "ko": "살펴볼 갱신 번호"},
    "compare.inspector_help": {
        "en": "Arrows start at the point before the chosen update: the negative gradient, the step actually taken, "
              "and the optimizer's memory (velocity or first moment). The table lists the numbers, including the "
              "effective learning rate per coordinate (step ÷ −gradient).",
        "ko": "화살표는 선택한 갱신 직전의 위치에서 출발합니다. 음의 기울기, 실제로 이동한 걸음, 그리고 "
              "옵티마이저가 기억하는 값(속도 또는 1차 모멘트)을 보여 줍니다. 표에는 좌표별 실효 학습률"
              "(이동량 ÷ (−기울기))을 포함한 숫자가 있습니다.",
    },
    "compare.rules_intro": {
        "en": "The update rules below are the algorithms as PyTorch's torch.optim documents them; the app computes "
              "exactly these in float64.",
        "ko": "아래 갱신 규칙은 PyTorch의 torch.optim 문서에 적힌 알고리즘 그대로이며, 앱은 이 식을 float64로 계산합니다.",
    },
    "compare.book_note": {
        "en": "Book preset: the four panels of 'Deep Learning from Scratch' ch. 6 (SGD, Momentum, AdaGrad, Adam on "
              "x²/20 + y² from (−7, 2), 30 steps). Its Adam puts ε outside the bias correction (Keras's 'epsilon hat').",
        "ko": "책 프리셋: 『밑바닥부터 시작하는 딥러닝』 6장의 네 그림(SGD, 모멘텀, AdaGrad, Adam을 x²/20 + y²에서 "
              "(−7, 2)부터 30번)을 그대로 재현합니다. 책의 Adam은 ε을 편향 보정 바깥에 둡니다(Keras의 'epsilon hat' 방식).",
    },
    "compare.noise": {"en": "Gradient noise (std)", "ko": "기울기 잡음 (표준편차)"},
    "compare.seed": {"en": "Random seed", "ko": "난수 시드"},

    # -- 1-D learning-rate page ------------------------------------------------------
    "lr1d.intro": {
        "en": "In one dimension the gradient is just the slope. A positive slope sends the ball left, a negative "
              "slope sends it right, and the learning rate decides how far it jumps.",
        "ko": "1차원에서 기울기는 곧 접선의 기울기입니다. 기울기가 양수이면 공은 왼쪽으로, 음수이면 오른쪽으로 "
              "움직이고, 학습률은 한 번에 얼마나 멀리 뛸지를 정합니다.",
    },
    "lr1d.preset": {"en": "Learning rate", "ko": "학습률"},
    "lr1d.too_small": {"en": "too small: creeps, still far after many steps",
                       "ko": "너무 작음: 느릿느릿, 한참 지나도 멀리 있음"},
    "lr1d.good": {"en": "good: settles quickly", "ko": "적당함: 금세 자리를 잡음"},
    "lr1d.too_large": {"en": "too large: overshoots and oscillates", "ko": "너무 큼: 지나쳐서 왔다 갔다 함"},
    "lr1d.divergent": {"en": "divergent: every jump lands farther away", "ko": "발산: 뛸 때마다 더 멀어짐"},
    "lr1d.custom": {"en": "custom (type it below)", "ko": "직접 입력 (아래에 입력)"},
    "lr1d.custom_lr": {"en": "Custom learning rate", "ko": "직접 정한 학습률"},
    "lr1d.start": {"en": "Start x", "ko": "시작점 x"},
    "lr1d.optimizer": {"en": "Optimizer", "ko": "옵티마이저"},
    "lr1d.result_min": {"en": "Reached x = {x:.6f} with f(x) = {f:.6f} after {k} steps.",
                        "ko": "{k}번 갱신 후 x = {x:.6f}, f(x) = {f:.6f}에 도착했습니다."},
    "lr1d.result_diverged": {
        "en": "The run left the picture: it diverged at step {k} (last finite x = {x:.4g}).",
        "ko": "공이 그림 밖으로 달아났습니다: {k} 단계에서 발산했습니다 (마지막 유한한 x = {x:.4g}).",
    },
    "lr1d.cubic_note": {
        "en": "On x³ − 2x² + 2 the only valley is the local minimum at x = 4/3. Start right of the hump at x = 0 to "
              "roll into it; start left of it and the ball rolls downhill forever, because the cubic has no bottom.",
        "ko": "x³ − 2x² + 2에서 골짜기는 x = 4/3의 극솟값 하나뿐입니다. x = 0의 언덕 오른쪽에서 출발하면 그 골짜기로 "
              "굴러 들어가지만, 왼쪽에서 출발하면 바닥이 없는 쪽으로 끝없이 굴러 내려갑니다.",
    },
}


def text(key: str, lang: str, **fmt) -> str:
    """The string for ``key`` in ``lang`` (English if missing), formatted with ``fmt``."""
    entry = TEXT[key]
    value = entry.get(lang) or entry["en"]
    return value.format(**fmt) if fmt else value
