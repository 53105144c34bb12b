"""The mini-batch page's story: GD, mini-batch and SGD on one data set, for the same number of epochs."""

from ui.story import Step, Story


def _scene(**changes) -> dict:
    scene = {"data": "generated", "task": "regression", "points": 50, "noise": 1.0, "seed": 0.0, "batch": 10.0, "rate": 0.05,
             "epochs": 20, "replace": False, "decay": "constant", "per_epoch": True}
    return {**scene, **changes}


STORY = Story((
    Step(
        title={"en": "Same data, same epochs", "ko": "같은 데이터, 같은 에포크"},
        text={"en": "Three learners fit a line to 50 noisy points, each for 20 epochs (20 passes over the data). "
                    "Batch gradient descent averages all 50 points before each step, mini-batch uses 10, SGD just one.",
              "ko": "세 학습자가 잡음 섞인 점 50개에 직선을 맞춥니다. 모두 20 에포크(데이터 20바퀴) 동안입니다. 배치 "
                    "경사하강법은 50개 전부를 평균 내고 한 걸음, 미니배치는 10개, SGD는 하나만 보고 한 걸음 갑니다."},
        settings=_scene(),
        question={"en": "Who makes the most updates in those 20 epochs?", "ko": "20 에포크 동안 누가 가장 많이 갱신할까요?"},
        choices=({"en": "batch GD", "ko": "배치 GD"}, {"en": "mini-batch", "ko": "미니배치"}, {"en": "SGD", "ko": "SGD"}),
        answer={"en": "SGD: 1,000 updates, against 100 for mini-batch and 20 for batch GD (see the table). Each of its "
                      "steps is cheap and noisy; batch GD's steps are exact but few.",
                "ko": "SGD입니다. 1,000번을 갱신하고, 미니배치는 100번, 배치 GD는 20번입니다(표 참고). SGD의 한 걸음은 "
                      "싸고 흔들리며, 배치 GD의 걸음은 정확하지만 적습니다."},
    ),
    Step(
        title={"en": "A short budget", "ko": "짧은 예산"},
        text={"en": "Only 3 epochs.", "ko": "에포크를 3으로 줄입니다."},
        settings=_scene(epochs=3),
        question={"en": "Who is closest to the best line after 3 epochs?", "ko": "3 에포크 뒤에 최적 직선에 가장 가까운 것은?"},
        choices=({"en": "batch GD", "ko": "배치 GD"}, {"en": "mini-batch", "ko": "미니배치"}, {"en": "SGD", "ko": "SGD"}),
        answer={"en": "Mini-batch: batch GD has made only 3 steps, and SGD's 150 steps are too noisy to settle. Many "
                      "cheap but not too noisy steps is the bargain that makes mini-batches the usual choice.",
                "ko": "미니배치입니다. 배치 GD는 겨우 3걸음을 갔고, SGD의 150걸음은 너무 흔들려 자리 잡지 못합니다. 싸면서도 "
                      "너무 흔들리지 않는 걸음을 많이 가는 것, 그래서 미니배치가 흔히 쓰입니다."},
    ),
    Step(
        title={"en": "The jiggle at the bottom", "ko": "바닥에서의 흔들림"},
        text={"en": "Back to 20 epochs, with the loss drawn against updates. Watch SGD's path near the star and "
                    "the end of its loss curve.",
              "ko": "다시 20 에포크이고, 이번에는 손실을 갱신 횟수에 따라 그립니다. 별 근처에서의 SGD 경로와 손실 곡선의 "
                    "끝부분을 보세요."},
        settings=_scene(per_epoch=False),
        question={"en": "With a constant learning rate, does SGD come to rest at the minimum?",
                  "ko": "학습률이 일정할 때 SGD는 최솟값에서 멈출까요?"},
        choices=({"en": "yes", "ko": "예"}, {"en": "no, it keeps wandering around it", "ko": "아니요, 그 주위를 계속 맴돈다"}),
        answer={"en": "No: one point's gradient is not zero at the minimum of the average, so every step kicks it "
                      "away again. It hovers in a cloud whose size grows with the learning rate (its distance to the "
                      "minimum stays near 0.4 here).",
                "ko": "아니요. 평균의 최솟값에서도 점 하나의 기울기는 0이 아니어서 매 걸음이 다시 밀어냅니다. 학습률에 "
                      "비례하는 크기의 구름 안에서 맴돕니다(여기서는 최솟값까지 거리가 0.4 근처에 머뭅니다)."},
    ),
    Step(
        title={"en": "Decay the learning rate", "ko": "학습률 줄이기"},
        text={"en": "The same race with the learning rate shrinking as γ/√t.", "ko": "같은 경주에서 학습률을 γ/√t로 줄여 갑니다."},
        settings=_scene(decay="inverse_sqrt"),
        question={"en": "What happens to SGD's jiggle now?", "ko": "이제 SGD의 흔들림은 어떻게 될까요?"},
        choices=({"en": "it dies down", "ko": "잦아든다"}, {"en": "it stays", "ko": "그대로다"}),
        answer={"en": "It dies down: the steps shrink, so the cloud shrinks, and SGD ends 0.013 from the minimum, "
                      "closer than the other two, which now move too slowly.",
                "ko": "잦아듭니다. 걸음이 줄어드니 구름도 줄어서, SGD는 최솟값에서 0.013 떨어진 곳에서 끝납니다. 이번에는 "
                      "너무 느려진 다른 둘보다 가깝습니다."},
    ),
    Step(
        title={"en": "Classification", "ko": "분류"},
        text={"en": "Two classes of points and a linear classifier trained with the hinge loss (a linear SVM without "
                    "its margin penalty).",
              "ko": "두 클래스의 점들과 힌지 손실로 학습하는 선형 분류기입니다(마진 벌점을 뺀 선형 SVM)."},
        settings=_scene(task="classification", noise=0.2, rate=0.1),
        question={"en": "Which learner's loss reaches zero first?", "ko": "누구의 손실이 가장 먼저 0이 될까요?"},
        choices=({"en": "batch GD", "ko": "배치 GD"}, {"en": "mini-batch", "ko": "미니배치"}, {"en": "SGD", "ko": "SGD"}),
        answer={"en": "SGD, and its loss stays at zero: once every point is on the right side with margin, every "
                      "point's gradient is zero and the jiggle stops by itself. Mini-batch ends near zero; batch GD, "
                      "with 20 steps, is still on its way.",
                "ko": "SGD이고, 손실이 0에 머뭅니다. 모든 점이 마진을 두고 올바른 쪽에 오면 점마다 기울기가 0이 되어 흔들림이 "
                      "저절로 멈춥니다. 미니배치는 0 가까이에서 끝나고, 20걸음뿐인 배치 GD는 아직 가는 중입니다."},
    ),
))
