"""The 1-D page's story: what the learning rate does to one ball on x³ − 2x² + 2."""

from ui.story import Step, Story


def _scene(lr: float, x: float = 2.5, steps: int = 30) -> dict:
    return {"fn": "cubic", "x": float(x), "lr": float(lr), "opt": "gd", "iters": float(steps)}


STORY = Story((
    Step(
        title={"en": "Follow the slope", "ko": "기울기를 따라서"},
        text={"en": "The ball starts at x = 2.5. At every step it reads the slope under it and moves the other "
                    "way, by the slope times the learning rate (here 0.0486, the page's \"good\" preset).",
              "ko": "공은 x = 2.5에서 출발합니다. 매 단계 발밑의 기울기를 읽고 그 반대쪽으로, 기울기에 학습률(여기서는 "
                    "이 페이지의 '좋음' 프리셋인 0.0486)을 곱한 만큼 움직입니다."},
        settings=_scene(0.0486),
        question={"en": "Where will the ball stop?", "ko": "공은 어디에서 멈출까요?"},
        choices=({"en": "on the hump at x = 0", "ko": "x = 0의 언덕 꼭대기"},
                 {"en": "in the valley at x = 4/3", "ko": "x = 4/3의 골짜기"},
                 {"en": "it never stops", "ko": "멈추지 않는다"}),
        answer={"en": "In the valley at x = 4/3 ≈ 1.333, where the slope 3x² − 4x is zero and the curve bends up. "
                      "The steps shrink on the way because the slope flattens.",
                "ko": "x = 4/3 ≈ 1.333의 골짜기입니다. 그곳에서 기울기 3x² − 4x가 0이 되고 곡선이 위로 휩니다. "
                      "내려갈수록 기울기가 완만해져서 걸음도 점점 작아집니다."},
    ),
    Step(
        title={"en": "A learning rate too small", "ko": "너무 작은 학습률"},
        text={"en": "Same start, learning rate 0.002: every step is 25 times shorter.",
              "ko": "출발점은 같고 학습률은 0.002입니다. 한 걸음이 25배 짧아집니다."},
        settings=_scene(0.002),
        question={"en": "After 30 steps, has the ball reached the valley?", "ko": "30단계 뒤에 공은 골짜기에 닿았을까요?"},
        choices=({"en": "yes", "ko": "예"}, {"en": "no, it is still on the slope", "ko": "아니요, 아직 비탈 위에 있다"}),
        answer={"en": "No: it is still near x = 2.1. A tiny learning rate is safe but slow; it would need hundreds "
                      "of steps.",
                "ko": "아니요. 아직 x = 2.1 근처입니다. 아주 작은 학습률은 안전하지만 느려서 수백 단계가 필요합니다."},
    ),
    Step(
        title={"en": "A learning rate too large", "ko": "너무 큰 학습률"},
        text={"en": "Learning rate 0.27. The slope at x = 2.5 is steep, so the first jump is huge.",
              "ko": "학습률 0.27입니다. x = 2.5의 기울기가 가팔라서 첫 도약이 아주 큽니다."},
        settings=_scene(0.27),
        question={"en": "Will the ball still end in the valley?", "ko": "그래도 공은 골짜기에 도착할까요?"},
        choices=({"en": "yes", "ko": "예"}, {"en": "no", "ko": "아니요"}),
        answer={"en": "Yes, but only just: the first jump lands at x ≈ 0.14, a hair right of the hump, and the ball "
                      "climbs back. It overshoots, and a little more would have thrown it over the top.",
                "ko": "예, 하지만 아슬아슬합니다. 첫 도약이 언덕 꼭대기 바로 오른쪽 x ≈ 0.14에 떨어졌다가 다시 "
                      "올라옵니다. 목표를 지나쳐 버리는 것이고, 조금만 더 컸어도 언덕을 넘어갔을 겁니다."},
    ),
    Step(
        title={"en": "Over the hump", "ko": "언덕 너머로"},
        text={"en": "Learning rate 0.3, barely larger.", "ko": "학습률 0.3, 아주 조금 더 큽니다."},
        settings=_scene(0.3),
        question={"en": "Will this learning rate converge?", "ko": "이 학습률은 수렴할까요?"},
        choices=({"en": "yes, to x = 4/3", "ko": "예, x = 4/3으로"}, {"en": "no", "ko": "아니요"}),
        answer={"en": "No. The first jump lands left of the hump, where every slope points further left; the cubic "
                      "has no bottom, so the run diverges within a few steps.",
                "ko": "아니요. 첫 도약이 언덕 왼쪽에 떨어지는데, 그쪽 기울기는 모두 더 왼쪽을 가리킵니다. 3차 함수에는 "
                      "바닥이 없어서 몇 단계 만에 발산합니다."},
    ),
    Step(
        title={"en": "Where the slope is zero", "ko": "기울기가 0인 곳"},
        text={"en": "Now start exactly on the hump, x = 0, with the good learning rate 0.05.",
              "ko": "이번에는 언덕 꼭대기 x = 0에서 좋은 학습률 0.05로 출발합니다."},
        settings=_scene(0.05, x=0.0),
        question={"en": "What does gradient descent do here?", "ko": "여기서 경사하강법은 어떻게 될까요?"},
        choices=({"en": "rolls to the valley", "ko": "골짜기로 굴러간다"},
                 {"en": "stays where it is", "ko": "그 자리에 머문다"},
                 {"en": "runs away", "ko": "멀리 달아난다"}),
        answer={"en": "It stays: the slope at x = 0 is exactly zero, so every step is zero. A zero gradient says "
                      "\"flat here\", not \"lowest here\".",
                "ko": "머뭅니다. x = 0에서 기울기가 정확히 0이라 모든 걸음이 0입니다. 기울기 0은 '여기가 평평하다'는 "
                      "뜻이지 '여기가 가장 낮다'는 뜻이 아닙니다."},
    ),
))
