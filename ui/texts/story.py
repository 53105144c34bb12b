"""The story panel's own words (the steps' texts live in ui/stories/)."""

TEXT = {
    "story.label": {"en": "Guided story", "ko": "따라가는 수업"},
    "story.steps": {"en": "Step", "ko": "단계"},
    "story.prev_label": {"en": "Back", "ko": "이전"},
    "story.next_label": {"en": "Next", "ko": "다음"},
    "story.back": {"en": "Previous step (Page Up)", "ko": "이전 단계 (Page Up)"},
    "story.next": {"en": "Next step (Page Down)", "ko": "다음 단계 (Page Down)"},
    "story.question": {"en": "Question for the room:", "ko": "함께 생각해 볼 질문:"},
    "story.answer": {"en": "Answer (play the animation first)", "ko": "답 (먼저 애니메이션을 재생해 보세요)"},
    "story.free": {
        "en": "You have changed this step's settings: you are exploring freely. The story waits here.",
        "ko": "이 단계의 설정을 바꾸어 자유 탐색 중입니다. 수업은 이 단계에서 기다립니다.",
    },
    "story.back_to": {"en": "Back to step {k}", "ko": "{k}단계로 돌아가기"},
}
