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
        "en": "The update rules below are the algorithms the app computes, exactly and in float64: as PyTorch's "
              "torch.optim documents them where torch has the rule, otherwise as its reference implementation "
              "(optax for the newer rules) computes it; each is checked against its reference in the tests.",
        "ko": "아래 갱신 규칙은 앱이 float64로 정확히 계산하는 알고리즘입니다. torch.optim에 있는 규칙은 PyTorch 문서 그대로, "
              "없는 규칙은 참조 구현(새 규칙들은 optax)이 계산하는 그대로이며, 테스트에서 각 참조와 맞춰 봅니다.",
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
    "tune.button": {"en": "Tune the learning rates", "ko": "학습률 맞추기"},
    "tune.help": {
        "en": "A fair race: each optimizer tries {n} learning rates from {lo} to {hi} on this surface, from this "
              "start, with this number of steps, in one batched run; the best one becomes its learning rate.",
        "ko": "공정한 경주: 각 옵티마이저가 이 곡면, 이 시작점, 이 단계 수로 {lo}부터 {hi}까지 학습률 {n}개를 한 번의 "
              "일괄 실행으로 시험하고, 가장 좋은 값을 학습률로 씁니다.",
    },
    "tune.title": {"en": "A tuned race", "ko": "학습률을 맞춘 경주"},
    "tune.grid": {
        "en": "Each optimizer ran {n} learning rates log-spaced from {lo} to {hi}, with its other settings as set, "
              "on this surface from this start for {steps} steps (the race's budget): one batched run each, "
              "{seconds} s in all.",
        "ko": "각 옵티마이저는 {lo}부터 {hi}까지 로그 간격의 학습률 {n}개를, 다른 설정은 그대로 두고 이 곡면과 시작점에서 "
              "{steps}단계(경주의 예산) 동안 돌렸습니다. 옵티마이저마다 한 번의 일괄 실행, 모두 {seconds}초.",
    },
    "tune.rule": {
        "en": "Candidates: the grid and the rate each had. Best = the lowest final loss; ties go to the fewest steps "
              "to 1e-6, then to the smaller rate. A rate whose run diverged never wins. \"edge\": the best rate is at the end of the grid, so a rate "
              "outside it might do better still.",
        "ko": "후보는 격자와 원래 학습률입니다. 가장 좋은 값 = 최종 손실이 가장 낮은 값. 같으면 1e-6에 가장 빨리 도달한 값, 그다음 더 작은 학습률. 발산한 "
              "학습률은 뽑히지 않습니다. '끝'은 가장 좋은 값이 격자의 끝에 있다는 뜻으로, 격자 밖에 더 좋은 값이 있을 수 "
              "있습니다.",
    },
    "tune.col_optimizer": {"en": "Optimizer", "ko": "옵티마이저"},
    "tune.col_before": {"en": "Learning rate before", "ko": "이전 학습률"},
    "tune.col_loss_before": {"en": "Final loss before", "ko": "이전 최종 손실"},
    "tune.col_tuned": {"en": "Tuned learning rate", "ko": "맞춘 학습률"},
    "tune.col_loss_tuned": {"en": "Final loss tuned", "ko": "맞춘 뒤 최종 손실"},
    "tune.col_diverged": {"en": "Grid rates that diverged", "ko": "발산한 격자 학습률"},
    "tune.diverged": {"en": "diverged", "ko": "발산"},
    "tune.none": {"en": "none (every rate diverged)", "ko": "없음 (모두 발산)"},
    "tune.edge": {"en": "edge", "ko": "끝"},
    "compare.not_in_torch": {
        "en": "Not in torch.optim.",
        "ko": "torch.optim에는 없는 규칙입니다.",
    },
}
