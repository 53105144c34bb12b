"""The 1-D learning-rate page."""

TEXT = {
    "lr1d.intro": {
        "en": "In one dimension the gradient is just the slope. A positive slope sends the ball left, a negative "
              "slope sends it right, and the learning rate decides how far it jumps.",
        "ko": "1차원에서 기울기는 곧 접선의 기울기입니다. 기울기가 양수이면 공은 왼쪽으로, 음수이면 오른쪽으로 "
              "움직이고, 학습률은 한 번에 얼마나 멀리 뛸지를 정합니다.",
    },
    "lr1d.preset": {"en": "Learning-rate presets", "ko": "학습률 프리셋"},
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
    "lr1d.steps_title": {"en": "Step by step", "ko": "한 걸음씩"},
    "lr1d.steps_help": {
        "en": "One update at a time, with the ← and → keys or the buttons: where the ball was, the slope there, the "
              "step the optimizer took and where it landed. The arrow on the chart is the step to scale.",
        "ko": "←, → 키나 버튼으로 갱신을 하나씩 봅니다. 공이 있던 곳, 그곳의 기울기, 최적화 기법이 내디딘 걸음, 도착한 곳이 "
              "나옵니다. 차트의 화살표는 실제 크기의 걸음입니다.",
    },
    "lr1d.step_label": {"en": "Update number", "ko": "갱신 번호"},
    "lr1d.cubic_note": {
        "en": "On x³ − 2x² + 2 the only valley is the local minimum at x = 4/3. Start right of the hump at x = 0 to "
              "roll into it; start left of it and the ball rolls downhill forever, because the cubic has no bottom.",
        "ko": "x³ − 2x² + 2에서 골짜기는 x = 4/3의 극솟값 하나뿐입니다. x = 0의 언덕 오른쪽에서 출발하면 그 골짜기로 "
              "굴러 들어가지만, 왼쪽에서 출발하면 바닥이 없는 쪽으로 끝없이 굴러 내려갑니다.",
    },
}
