"""The update stepper's words (ui/stepper.py)."""

TEXT = {
    "stepper.prev": {"en": "Previous update (←)", "ko": "이전 갱신 (←)"},
    "stepper.next": {"en": "Next update (→)", "ko": "다음 갱신 (→)"},
    "stepper.only_one": {"en": "One update: update 1.", "ko": "갱신이 하나뿐입니다: 1번 갱신."},
}
