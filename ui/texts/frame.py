"""Frame, navigation and strings shared by every page."""

TEXT = {
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
    "nav.curvature": {"en": "Curvature: why SGD zig-zags", "ko": "곡률: SGD가 지그재그로 가는 이유"},
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
    "common.start_outside": {
        "en": "The start {point} lies outside the drawn window ({window}), so the chart cannot show it or the "
              "path near it. Pick a start inside the window.",
        "ko": "시작점 {point}이(가) 그림의 범위({window}) 밖에 있어서 그래프에 시작점과 그 근처의 경로가 "
              "보이지 않습니다. 범위 안의 시작점을 고르세요.",
    },
    "common.point_outside": {
        "en": "The point {point} lies outside the drawn window ({window}), so the chart cannot show it.",
        "ko": "점 {point}이(가) 그림의 범위({window}) 밖에 있어서 그래프에 보이지 않습니다.",
    },
    "chart.larger": {"en": "Larger view", "ko": "크게 보기"},
}
