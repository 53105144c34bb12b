"""The learning-rate sweep's story: where each optimizer's learning rate works, and why it stops working."""

from ui.story import Step, Story

ALL = ["sgd", "momentum", "adagrad", "rmsprop", "adam"]


def _scene(optimizers, surface: str = "anisotropic", start=(-7.0, 2.0), metric: bool = False, **more) -> dict:
    return {"sw_surface": surface, "x0": float(start[0]), "y0": float(start[1]), "sw_steps": 100.0,
            "sw_opts": list(optimizers), "sw_n": 300.0, "sw_lo": 1e-4, "sw_hi": 10.0, "sw_tol": 1e-6,
            "sw_metric": metric, **more}


STORY = Story((
    Step(
        title={"en": "Three hundred learning rates at once", "ko": "학습률 300개를 한꺼번에"},
        text={"en": "Five optimizers on the book's bowl x²/20 + y², from (−7, 2), 100 steps each, for 300 learning "
                    "rates from 0.0001 to 10 on a log scale. Each point of a curve is one whole run: its final loss.",
              "ko": "책의 그릇 x²/20 + y² 위에서 다섯 가지 최적화 기법을 (−7, 2)에서 100단계씩 돌립니다. 학습률은 "
                    "0.0001부터 10까지 로그 눈금으로 300개입니다. 곡선의 점 하나가 실행 하나이고, 그 값은 마지막 손실입니다."},
        settings=_scene(ALL),
        question={"en": "Which of them diverge somewhere in this range?",
                  "ko": "이 범위 어딘가에서 발산하는 것은 어느 것일까요?"},
        choices=({"en": "all five", "ko": "다섯 모두"}, {"en": "only SGD and momentum", "ko": "SGD와 모멘텀만"},
                 {"en": "none", "ko": "하나도 없다"}),
        answer={"en": "Only SGD and momentum. AdaGrad, RMSprop and Adam divide the gradient by the root of its own "
                      "running square, so a coordinate moves by about lr at most per step whatever the slope: a "
                      "large lr makes them wander, not explode. The summary table lists each one's best "
                      "learning rate and the first that diverged.",
                "ko": "SGD와 모멘텀뿐입니다. AdaGrad, RMSprop, Adam은 기울기를 그 제곱의 누적 평균의 제곱근으로 나누므로, "
                      "기울기가 어떻든 한 좌표가 한 걸음에 대략 lr 이상 움직이지 않습니다. 큰 lr은 이들을 헤매게 할 뿐 "
                      "폭발시키지 않습니다. 요약 표에 각자의 가장 좋은 학습률과 처음 발산한 학습률이 있습니다."},
    ),
    Step(
        title={"en": "Where plain SGD breaks", "ko": "기본 SGD가 무너지는 곳"},
        text={"en": "Plain SGD alone, the same bowl, start and learning rates.",
              "ko": "기본 SGD만, 같은 그릇, 같은 출발점, 같은 학습률들입니다."},
        settings=_scene(["sgd"]),
        question={"en": "Above which learning rate exactly does SGD blow up on this bowl?",
                  "ko": "이 그릇에서 SGD는 어떤 학습률부터 발산할까요?"},
        choices=({"en": "about 0.1", "ko": "약 0.1"}, {"en": "about 1", "ko": "약 1"},
                 {"en": "it never does", "ko": "발산하지 않는다"}),
        answer={"en": "About 1. Along y the bowl's curvature is 2, and a step multiplies the y-error by 1 − 2·lr: "
                      "past lr = 2/2 = 1 that factor is larger than 1 in size, so every step makes y worse. The "
                      "best learning rate sits just below the edge (about 0.9); very small ones barely move in "
                      "100 steps.",
                "ko": "약 1입니다. y 방향 곡률이 2라서 한 걸음마다 y 오차에 1 − 2·lr이 곱해집니다. lr이 2/2 = 1을 넘으면 "
                      "이 인수의 크기가 1보다 커져서 걸음마다 y가 나빠집니다. 가장 좋은 학습률은 경계 바로 아래(약 0.9)에 "
                      "있고, 아주 작은 학습률은 100단계 동안 거의 움직이지 못합니다."},
    ),
    Step(
        title={"en": "Momentum moves the edge", "ko": "모멘텀은 경계를 옮긴다"},
        text={"en": "Add SGD with momentum 0.9 (a heavy ball) to the same sweep.",
              "ko": "같은 스윕에 모멘텀 0.9인 SGD(무거운 공)를 더합니다."},
        settings=_scene(["sgd", "momentum"]),
        question={"en": "Can the heavy ball take larger learning rates than plain SGD before it blows up?",
                  "ko": "무거운 공은 기본 SGD보다 큰 학습률에서도 발산하지 않을까요?"},
        choices=({"en": "yes", "ko": "예"}, {"en": "no, smaller", "ko": "아니요, 더 작은 학습률까지만"}),
        answer={"en": "Yes: heavy-ball momentum stays stable up to lr·curvature < 2(1 + β), here lr < 1.9, and the "
                      "sweep shows the edge there. Its best learning rate is smaller, though (about 0.4): the "
                      "velocity already multiplies each step by up to 1/(1 − β) = 10.",
                "ko": "예. 무거운 공 모멘텀은 lr·곡률 < 2(1 + β), 여기서는 lr < 1.9까지 안정하고 스윕의 경계도 그곳에 "
                      "있습니다. 다만 가장 좋은 학습률은 더 작습니다(약 0.4). 속도가 이미 한 걸음을 최대 1/(1 − β) = 10배로 "
                      "키우기 때문입니다."},
    ),
    Step(
        title={"en": "Counting steps instead of loss", "ko": "손실 대신 걸음 수"},
        text={"en": "The same five, now measured by the number of steps each run needs to get within 10⁻⁶ of the "
                    "minimum (the toggle above the chart).",
              "ko": "같은 다섯 가지를, 이번에는 최솟값에서 10⁻⁶ 이내로 들어오는 데 걸린 걸음 수로 잽니다(차트 위의 "
                    "토글)."},
        settings=_scene(ALL, metric=True),
        question={"en": "At its best learning rate, which optimizer needs the fewest steps?",
                  "ko": "각자 가장 좋은 학습률에서, 걸음 수가 가장 적은 것은?"},
        choices=({"en": "Adam", "ko": "Adam"}, {"en": "SGD with momentum", "ko": "모멘텀 SGD"},
                 {"en": "RMSprop", "ko": "RMSprop"}),
        answer={"en": "RMSprop, in a handful of steps, then AdaGrad; SGD, Adam and momentum need 80 to 100. On an "
                      "axis-aligned bowl, dividing each coordinate by its own gradient size undoes the difference "
                      "in curvature between x and y. Adam's momentum (β1 = 0.9) makes it overshoot and circle, which "
                      "costs it steps here.",
                "ko": "RMSprop이 몇 걸음 만에, 그다음이 AdaGrad입니다. SGD, Adam, 모멘텀은 80~100걸음이 필요합니다. 축에 "
                      "나란한 그릇에서는 좌표마다 자기 기울기 크기로 나누는 것이 x와 y의 곡률 차이를 없애 줍니다. Adam은 "
                      "모멘텀(β1 = 0.9) 때문에 지나쳤다가 돌아오느라 여기서는 걸음을 더 씁니다."},
    ),
    Step(
        title={"en": "Learning rate and momentum together", "ko": "학습률과 모멘텀을 함께"},
        text={"en": "Scroll to the heatmap: SGD for every pair of learning rate (across) and momentum (up), "
                    "60 × 40 runs in one batch.",
              "ko": "히트맵으로 내려가 보세요. 학습률(가로)과 모멘텀(세로)의 모든 쌍에 대한 SGD, 60 × 40 실행을 한 번에 "
                    "돌립니다."},
        settings=_scene(ALL, sw_pair="sgd-momentum", sw_gx=60.0, sw_gy=40.0),
        section="heatmap",
        question={"en": "As momentum grows, does the largest stable learning rate grow or shrink?",
                  "ko": "모멘텀이 커지면 안정한 가장 큰 학습률은 커질까요, 작아질까요?"},
        choices=({"en": "it grows", "ko": "커진다"}, {"en": "it shrinks", "ko": "작아진다"}),
        answer={"en": "It grows, from about 1 with no momentum to about 1.7 at momentum 0.75: the edge follows "
                      "lr < 1 + β, the same rule as in step 3. Near the edge the runs still converge, just slowly "
                      "and with wide swings.",
                "ko": "커집니다. 모멘텀이 없을 때 약 1에서 모멘텀 0.75일 때 약 1.7까지요. 경계는 3단계와 같은 규칙 "
                      "lr < 1 + β를 따릅니다. 경계 근처의 실행도 수렴은 하지만 느리고 크게 흔들립니다."},
    ),
    Step(
        title={"en": "A narrow curved valley", "ko": "좁고 휜 골짜기"},
        text={"en": "Rosenbrock's banana valley from (−1.5, 2), SGD and Adam.",
              "ko": "로젠브록의 바나나 골짜기를 (−1.5, 2)에서, SGD와 Adam으로."},
        settings=_scene(["sgd", "adam"], surface="rosenbrock", start=(-1.5, 2.0)),
        question={"en": "Does the learning rate that worked on the bowl (about 0.9) work here?",
                  "ko": "그릇에서 잘 되던 학습률(약 0.9)이 여기서도 될까요?"},
        choices=({"en": "yes", "ko": "예"}, {"en": "no, SGD needs a far smaller one", "ko": "아니요, SGD는 훨씬 작아야 한다"}),
        answer={"en": "No. Across Rosenbrock's valley the curvature is in the thousands, so SGD diverges above a "
                      "learning rate of about 0.002, five hundred times below the bowl's edge. Adam, whose steps are "
                      "bounded by its learning rate, does not diverge at all; it is the surface, not the optimizer, "
                      "that sets the safe learning rate.",
                "ko": "아니요. 로젠브록 골짜기를 가로지르는 곡률이 수천이라, SGD는 학습률 약 0.002 위에서 발산합니다. "
                      "그릇의 경계보다 500배 작습니다. 걸음이 학습률로 묶인 Adam은 전혀 발산하지 않습니다. 안전한 학습률을 "
                      "정하는 것은 최적화 기법이 아니라 곡면입니다."},
    ),
))
