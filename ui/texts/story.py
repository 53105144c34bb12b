"""The story panel's own words (the steps' texts live in ui/stories/)."""

TEXT = {
    "story.label": {"en": "Guided story", "ko": "따라가는 수업"},
    "story.steps": {"en": "Step", "ko": "단계"},
    "story.prev_label": {"en": "Back", "ko": "이전"},
    "story.next_label": {"en": "Next", "ko": "다음"},
    "story.back": {"en": "Previous step (Page Up)", "ko": "이전 단계 (Page Up)"},
    "story.next": {"en": "Next step (Page Down)", "ko": "다음 단계 (Page Down)"},
    "story.reveal_label": {"en": "Show answer", "ko": "답 보기"},
    "story.reveal": {"en": "Show the answer and the results (Page Down); the next press goes to the next step",
                     "ko": "답과 결과를 보여 줍니다 (Page Down). 한 번 더 누르면 다음 단계로 갑니다"},
    "story.kept_back": {"en": "{what}: shown with the answer. Predict first, then press **Show answer** (Page Down).",
                        "ko": "{what}: 답과 함께 보입니다. 먼저 예측한 다음 **답 보기**(Page Down)를 누르세요."},
    "story.go_to_section": {"en": "Go to this step's chart", "ko": "이 단계의 그림으로 가기"},
    "story.question": {"en": "Question for the room:", "ko": "함께 생각해 볼 질문:"},
    "story.answer": {"en": "Answer", "ko": "답"},
    "story.free": {
        "en": "You have changed this step's settings: you are exploring freely. The story waits here.",
        "ko": "이 단계의 설정을 바꾸어 자유 탐색 중입니다. 수업은 이 단계에서 기다립니다.",
    },
    "story.back_to": {"en": "Back to step {k}", "ko": "{k}단계로 돌아가기"},
    # what a step keeps back until its answer is shown ("{what}: shown with the answer")
    "kept.results": {"en": "The results", "ko": "결과"},
    "kept.table": {"en": "The results table", "ko": "결과 표"},
    "kept.panels": {"en": "The finished paths", "ko": "완성된 경로"},
    "kept.outcome": {"en": "The outcome", "ko": "결과 메시지"},
    "kept.chart": {"en": "The chart and its numbers", "ko": "그림과 수치"},
    "kept.steps": {"en": "The updates one by one", "ko": "한 걸음씩 보기"},
    "kept.view3d": {"en": "The finished paths in 3-D", "ko": "3차원으로 본 완성된 경로"},
}
