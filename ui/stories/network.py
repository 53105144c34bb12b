"""The tiny-network page's story: the Keras tutorial's loss curves, and what the learning rates do to them."""

from ui.story import Step, Story

KERAS = {"sgd": 0.01, "adam": 0.001, "rmsprop": 0.001}  # Keras's default learning rates


def _scene(names=("sgd", "adam", "rmsprop"), epochs: int = 100, start: str = "tutorial", seed: int = 0,
           log: bool = False, **rates: float) -> dict:
    scene = {"net_start": start, "net_seed": float(seed), "net_epochs": float(epochs), "net_opts": list(names),
             "net_log": log}
    scene.update({f"net.{name}.lr": float(rates.get(name, KERAS[name])) for name in names})
    return scene


STORY = Story((
    Step(
        title={"en": "The tutorial's three curves", "ko": "튜토리얼의 세 곡선"},
        text={"en": "One Dense layer with three outputs learns to answer (0, 1, 0) to the input 1. SGD, Adam and "
                    "RMSprop train it from the same kernel for 100 epochs, each at Keras's default learning rate.",
              "ko": "출력이 셋인 Dense 층 하나가 입력 1에 (0, 1, 0)으로 답하도록 배웁니다. SGD, Adam, RMSprop이 같은 "
                    "커널에서 출발해 각자 Keras 기본 학습률로 100 에포크 동안 학습합니다."},
        settings=_scene(),
        question={"en": "Whose loss falls fastest?", "ko": "누구의 손실이 가장 빨리 떨어질까요?"},
        choices=({"en": "SGD", "ko": "SGD"}, {"en": "Adam", "ko": "Adam"}, {"en": "RMSprop", "ko": "RMSprop"}),
        answer={"en": "SGD (0.075 after 100 epochs, against about 0.8 for the other two). Not because it is the better "
                      "method: Keras gives SGD a learning rate of 0.01 and Adam and RMSprop 0.001, ten times smaller.",
                "ko": "SGD입니다(100 에포크 뒤 0.075, 나머지 둘은 약 0.8). 더 좋은 방법이라서가 아니라, Keras가 SGD에는 "
                      "0.01, Adam과 RMSprop에는 열 배 작은 0.001을 기본 학습률로 주기 때문입니다."},
    ),
    Step(
        title={"en": "A fair start", "ko": "공정한 출발"},
        text={"en": "Now all three get the learning rate 0.01.", "ko": "이번에는 셋 모두 학습률 0.01입니다."},
        settings=_scene(adam=0.01, rmsprop=0.01),
        question={"en": "Who is fastest now?", "ko": "이제는 누가 가장 빠를까요?"},
        choices=({"en": "SGD", "ko": "SGD"}, {"en": "Adam", "ko": "Adam"}, {"en": "RMSprop", "ko": "RMSprop"}),
        answer={"en": "RMSprop (0.0008), then Adam (0.024), then SGD (0.075): dividing by the root mean square of "
                      "the gradients gives every weight a step of about the learning rate, however small its gradient "
                      "has become near the target.",
                "ko": "RMSprop(0.0008), Adam(0.024), SGD(0.075) 순서입니다. 기울기의 제곱평균제곱근으로 나누면 목표 근처에서 "
                      "기울기가 아무리 작아져도 모든 가중치가 학습률 정도의 걸음을 갑니다."},
    ),
    Step(
        title={"en": "A long run on a log scale", "ko": "로그 눈금으로 본 긴 실행"},
        text={"en": "Back to Keras's defaults, 1,000 epochs, the loss on a log scale.",
              "ko": "다시 Keras 기본값으로, 1,000 에포크 동안, 손실을 로그 눈금으로 봅니다."},
        settings=_scene(epochs=1000, log=True),
        question={"en": "Does Adam reach the others in the end?", "ko": "결국 Adam도 나머지를 따라잡을까요?"},
        choices=({"en": "yes", "ko": "예"}, {"en": "not within 1,000 epochs", "ko": "1,000 에포크 안에는 아니다"}),
        answer={"en": "Not within 1,000 epochs: SGD's loss falls to about 10⁻¹² in a straight line (on a log scale, "
                      "a constant rate of decrease) and RMSprop's to exactly zero, while Adam is still at 0.036.",
                "ko": "1,000 에포크 안에는 아닙니다. SGD의 손실은 직선을 그리며(로그 눈금에서 직선은 일정한 비율로 "
                      "줄어든다는 뜻) 약 10⁻¹²까지, RMSprop은 정확히 0까지 내려가고, Adam은 아직 0.036입니다."},
    ),
    Step(
        title={"en": "A learning rate too large", "ko": "너무 큰 학습률"},
        text={"en": "SGD alone, with learning rate 2. Each update changes every output by −(4/3)·lr times its error.",
              "ko": "SGD 혼자, 학습률 2입니다. 한 번 갱신할 때마다 각 출력이 오차의 −(4/3)·lr배만큼 바뀝니다."},
        settings=_scene(names=("sgd",), sgd=2.0),
        question={"en": "Will this learning rate converge?", "ko": "이 학습률은 수렴할까요?"},
        choices=({"en": "yes", "ko": "예"}, {"en": "no", "ko": "아니요"}),
        answer={"en": "No: the error is multiplied by 1 − (4/3)·2 = −5/3 each epoch, so it flips sign and grows by "
                      "two thirds every time, until the loss overflows (diverged at epoch 19). Any learning rate below "
                      "1.5 converges here, and 0.75 removes the whole error in one step.",
                "ko": "아니요. 오차가 에포크마다 1 − (4/3)·2 = −5/3배가 되어 부호가 바뀌며 3분의 2씩 커지다가 손실이 "
                      "넘칩니다(19번째 에포크에서 발산). 여기서는 1.5보다 작은 학습률이면 모두 수렴하고, 0.75는 한 번에 "
                      "오차를 모두 없앱니다."},
    ),
    Step(
        title={"en": "A random start", "ko": "무작위 출발"},
        text={"en": "The same three optimizers at Keras's defaults, from a kernel drawn with glorot_uniform "
                    "(seed 7) instead of the tutorial's printed one.",
              "ko": "같은 세 옵티마이저를 Keras 기본값으로, 튜토리얼에 나온 커널 대신 glorot_uniform으로 뽑은 커널(시드 7)에서 "
                    "출발시킵니다."},
        settings=_scene(start="glorot", seed=7),
        question={"en": "Does the order of the three change?", "ko": "세 곡선의 순서가 바뀔까요?"},
        choices=({"en": "yes", "ko": "예"}, {"en": "no", "ko": "아니요"}),
        answer={"en": "No: SGD is again fastest (0.013, against 0.085 for Adam and 0.076 for RMSprop). The default "
                      "learning rates, not the start, decide this race.",
                "ko": "아니요. 이번에도 SGD가 가장 빠릅니다(0.013, Adam 0.085, RMSprop 0.076). 이 경주를 가르는 것은 출발점이 "
                      "아니라 기본 학습률입니다."},
    ),
))
