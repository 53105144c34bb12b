"""The compare page."""

TEXT = {
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
    "compare.non_torch": {
        "en": "This run also uses {name} = {value}, an option torch.optim does not have: {help}",
        "ko": "이 실행은 torch.optim에 없는 옵션 {name} = {value}도 씁니다: {help}",
    },
    "compare.panels": {"en": "One panel per optimizer (like the book's figure)",
                       "ko": "옵티마이저마다 그림 하나씩 (책의 그림처럼)"},
    "compare.noise": {"en": "Gradient noise (std)", "ko": "기울기 잡음 (표준편차)"},
    "compare.seed": {"en": "Random seed", "ko": "난수 시드"},
}
