"""The compare page's story: the book's race on x²/20 + y², one optimizer at a time."""

from ui.callbacks import apply_preset
from ui.story import Step, Story

BOOK = ("sgd", "momentum", "adagrad", "adam")
# The book's learning rates (preset "book"): the story leaves the others to the preset.
RATES = {"sgd.lr": 0.95, "momentum.lr": 0.1, "adagrad.lr": 1.5, "adam.lr": 0.3}


def _race(*names: str) -> dict:
    return {"preset": "book", "surface": "anisotropic", "x0": -7.0, "y0": 2.0, "steps": 30.0, "opts": list(names),
            **{key: value for key, value in RATES.items() if key.split(".")[0] in names}}


STORY = Story((
    Step(
        title={"en": "The book's race", "ko": "책의 경주"},
        text={"en": "Four optimizers start from (−7, 2) on f = x²/20 + y², a long valley twenty times steeper across "
                    "(y) than along it (x), with the learning rates of \"Deep Learning from Scratch\", chapter 6. "
                    "Press ▶ and watch both panels: the paths on the map and the loss per step.",
              "ko": "네 옵티마이저가 f = x²/20 + y² 위의 (−7, 2)에서 출발합니다. 가로(x)보다 세로(y)로 20배 가파른 "
                    "긴 골짜기이고, 학습률은 《밑바닥부터 시작하는 딥러닝》 6장의 값입니다. ▶를 누르고 지도 위의 경로와 "
                    "단계별 손실을 함께 보세요."},
        settings=_race(*BOOK),
        question={"en": "Which optimizer reaches the bottom first?", "ko": "어느 옵티마이저가 가장 먼저 바닥에 닿을까요?"},
        choices=({"en": "SGD", "ko": "SGD"}, {"en": "Momentum", "ko": "Momentum"}, {"en": "AdaGrad", "ko": "AdaGrad"},
                 {"en": "Adam", "ko": "Adam"}),
        answer={"en": "AdaGrad: it divides each coordinate's step by that coordinate's gradient history, so it takes "
                      "the steep direction carefully and the shallow one boldly. The next steps take them one by one.",
                "ko": "AdaGrad입니다. 좌표마다 지금까지의 기울기 크기로 걸음을 나누기 때문에 가파른 방향은 조심스럽게, "
                      "완만한 방향은 과감하게 갑니다. 다음 단계부터 하나씩 살펴봅니다."},
    ),
    Step(
        title={"en": "SGD zig-zags", "ko": "SGD의 지그재그"},
        text={"en": "Plain gradient descent alone. The gradient points where the surface is steepest, which here is "
                    "almost straight across the valley, not along it towards the minimum.",
              "ko": "기본 경사하강법만 봅니다. 기울기는 가장 가파른 방향을 가리키는데, 여기서는 최솟값 쪽(골짜기를 따라)이 "
                    "아니라 거의 골짜기를 가로지르는 방향입니다."},
        settings=_race("sgd"),
        question={"en": "Why does the path bounce from wall to wall?", "ko": "경로는 왜 벽에서 벽으로 튈까요?"},
        choices=({"en": "the learning rate is too small", "ko": "학습률이 너무 작아서"},
                 {"en": "the gradient points across the valley", "ko": "기울기가 골짜기를 가로지르는 방향이라서"},
                 {"en": "random noise", "ko": "무작위 잡음 때문에"}),
        answer={"en": "The gradient (x/10, 2y) is twenty times larger in y for the same distance, so each step is "
                      "mostly a jump across; with lr = 0.95 it overshoots to the other wall, while the progress along "
                      "x stays slow.",
                "ko": "기울기 (x/10, 2y)는 같은 거리라도 y 방향이 20배 큽니다. 그래서 매 걸음이 주로 골짜기를 가로지르고, "
                      "lr = 0.95에서는 반대편 벽까지 넘어가며, x 방향으로는 느리게만 나아갑니다."},
    ),
    Step(
        title={"en": "Momentum: a heavy ball", "ko": "모멘텀: 무거운 공"},
        text={"en": "Momentum adds each gradient to a velocity (here keeping 90 % of it) and moves by the velocity, "
                    "like a heavy ball rolling down the valley.",
              "ko": "모멘텀은 매 기울기를 속도에 더하고(여기서는 속도의 90 %를 유지) 그 속도만큼 움직입니다. 골짜기를 "
                    "굴러 내려가는 무거운 공과 같습니다."},
        settings=_race("sgd", "momentum"),
        question={"en": "What does the velocity do to the zig-zag?", "ko": "속도는 지그재그를 어떻게 바꿀까요?"},
        choices=({"en": "cancels the back-and-forth, keeps the drift along the valley",
                  "ko": "왔다 갔다 하는 성분은 상쇄하고 골짜기를 따라가는 성분은 쌓는다"},
                 {"en": "makes it wilder", "ko": "더 심하게 만든다"}),
        answer={"en": "The across-the-valley pushes alternate in sign and largely cancel in the velocity, while the "
                      "pushes along the valley add up. The ball builds speed, rolls past the minimum, and swings back.",
                "ko": "골짜기를 가로지르는 힘은 방향이 번갈아 바뀌어 속도 안에서 대부분 상쇄되고, 골짜기를 따르는 힘은 "
                      "쌓입니다. 공은 속도를 얻어 최솟값을 지나쳤다가 되돌아옵니다."},
    ),
    Step(
        title={"en": "AdaGrad: shrinking steps", "ko": "AdaGrad: 줄어드는 걸음"},
        text={"en": "AdaGrad keeps, for each coordinate, the sum of its squared gradients and divides the step by its "
                    "square root. Steep coordinates get small steps, and every step shrinks as the sums grow.",
              "ko": "AdaGrad는 좌표마다 기울기 제곱의 합을 쌓아 두고, 걸음을 그 제곱근으로 나눕니다. 가파른 좌표는 작게 "
                    "움직이고, 합이 커질수록 모든 걸음이 줄어듭니다."},
        settings=_race("sgd", "adagrad"),
        question={"en": "Late in the run, are AdaGrad's steps larger or smaller than at the start?",
                  "ko": "실행 후반에 AdaGrad의 걸음은 처음보다 클까요, 작을까요?"},
        choices=({"en": "larger", "ko": "크다"}, {"en": "smaller", "ko": "작다"}),
        answer={"en": "Smaller: the sums only grow, so the effective learning rate only falls. That tames the steep "
                      "direction at once, and on long runs it can also stop the optimizer before the end.",
                "ko": "작습니다. 합은 커지기만 하므로 실효 학습률은 줄어들기만 합니다. 가파른 방향은 곧바로 길들지만, "
                      "긴 실행에서는 끝에 닿기 전에 멈춰 버릴 수도 있습니다."},
    ),
    Step(
        title={"en": "Adam: momentum plus RMS scaling", "ko": "Adam: 모멘텀과 RMS 스케일링"},
        text={"en": "Adam keeps a moving average of the gradients (momentum's velocity) and a moving average of their "
                    "squares (a forgetting version of AdaGrad's sums), and divides the first by the square root of "
                    "the second. Open the state inspector tab to read both, update by update.",
              "ko": "Adam은 기울기의 이동 평균(모멘텀의 속도)과 기울기 제곱의 이동 평균(AdaGrad의 합을 서서히 잊는 "
                    "버전)을 함께 두고, 앞의 것을 뒤의 것의 제곱근으로 나눕니다. 상태 들여다보기 탭에서 갱신마다 두 값을 "
                    "읽어 보세요."},
        settings=_race("momentum", "adagrad", "adam"),
        question={"en": "Whose path does Adam's resemble more?", "ko": "Adam의 경로는 누구를 더 닮았을까요?"},
        choices=({"en": "Momentum's", "ko": "Momentum"}, {"en": "AdaGrad's", "ko": "AdaGrad"}),
        answer={"en": "Both, in turn: early on the scaling makes it head straight for the valley floor like AdaGrad; "
                      "then the averaged velocity carries it past the minimum and back, like the heavy ball.",
                "ko": "번갈아 둘 다 닮습니다. 처음에는 스케일링 덕분에 AdaGrad처럼 골짜기 바닥으로 곧게 향하고, 그다음에는 "
                      "평균 낸 속도가 무거운 공처럼 최솟값을 지나쳤다 돌아오게 합니다."},
    ),
), before=apply_preset)
