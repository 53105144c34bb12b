"""The network-landscape page's story: what the toy surfaces got right about a real network, and what a
two-dimensional picture of 337 parameters hides. Every number in an answer is the scene's own
(tests/scenes/test_scene_landscape.py::test_story_numbers recomputes them)."""

from scenes import landscape as scene
from ui.story import Step, Story


def _scene(names=scene.OPTIMIZERS, data: str = "moons", epochs: int = 200, **rates: float) -> dict:
    settings = {"data": "generated", "ls_data": data, "ls_rows": 400.0, "ls_noise": 0.1, "ls_seed": 0.0, "ls_opts": list(names),
                "ls_epochs": float(epochs), "ls_centre": "best", "ls_init": 0.0, "ls_plane": 0.0}
    settings.update({f"ls.{name}.lr": float(rates.get(name, scene.LEARNING_RATES[name])) for name in names})
    return settings


STORY = Story((
    Step(
        title={"en": "A valley, as on the toy surfaces", "ko": "장난감 곡면에서 본 것 같은 골짜기"},
        text={"en": "Six optimizers train the network on the moons from the same starting weights, 200 epochs each. "
                    "The left picture cuts through the best trained network (RMSprop's) along two random "
                    "directions.",
              "ko": "여섯 옵티마이저가 같은 초기 가중치에서 출발해 초승달 데이터로 신경망을 200 에포크씩 학습시킵니다. "
                    "왼쪽 그림은 가장 잘 학습된 신경망(RMSprop)을 지나도록 두 무작위 방향으로 자른 단면입니다."},
        settings=_scene(),
        question={"en": "Is the trained network at the bottom of the valley in that picture?",
                  "ko": "그 그림에서 학습된 신경망은 골짜기 바닥에 있을까요?"},
        choices=({"en": "yes, exactly at the lowest point", "ko": "예, 정확히 가장 낮은 곳"},
                 {"en": "almost: the floor is flat around it", "ko": "거의: 주변 바닥이 평평하다"},
                 {"en": "no, on a slope", "ko": "아니요, 비탈에 있다"}),
        answer={"en": "Almost. Its loss is 0.0087; the lowest point of the 51 × 51 grid, 0.0086, is one grid step away "
                      "(0.04 along each direction), and on the edge of the picture the loss has climbed to between "
                      "0.12 and 2.88. A wide valley with a flat floor, like the bowls of the first pages. But this is "
                      "2 directions out of 337.",
                "ko": "거의 그렇습니다. 이 점의 손실은 0.0087이고, 51 × 51 격자에서 가장 낮은 점(0.0086)은 격자 한 칸(두 방향으로 "
                      "각각 0.04) 떨어진 곳에 있으며, 그림의 가장자리에서는 손실이 0.12에서 2.88 사이까지 올라갑니다. 처음 페이지들의 그릇처럼 바닥이 "
                      "평평하고 넓은 골짜기입니다. 다만 337개 방향 가운데 2개만 본 모습입니다."},
    ),
    Step(
        title={"en": "One plane for every path", "ko": "모든 경로를 담는 한 평면"},
        text={"en": "The right picture is fitted to the six paths: its two axes hold 78 % of how far, in total, "
                    "their points moved from the start. Look at the table under the pictures.",
              "ko": "오른쪽 그림은 여섯 경로에 맞춘 평면입니다. 두 축이 경로의 점들이 출발점에서 움직인 거리 전체의 78 %를 "
                    "담습니다. 그림 아래 표를 보세요."},
        settings=_scene(),
        question={"en": "How much of SGD's movement, step by step, does this plane leave out?",
                  "ko": "이 평면은 SGD가 한 걸음씩 움직인 것 가운데 얼마를 빠뜨릴까요?"},
        choices=({"en": "less than 20 %", "ko": "20 % 미만"}, {"en": "about half", "ko": "절반쯤"},
                 {"en": "more than 80 %", "ko": "80 % 이상"}),
        answer={"en": "About half: 48 % of the squared length of SGD's steps points off the plane (AdaGrad's: 80 %). "
                      "Where the paths ended is drawn better: only 22 % of SGD's straight line from start to end is "
                      "hidden. The plane holds where they went, not the zig-zag of how they got there.",
                "ko": "절반쯤입니다. SGD 걸음 길이의 제곱 가운데 48 %가 평면 밖을 향합니다(AdaGrad는 80 %). 도착점은 더 잘 "
                      "그려집니다. SGD가 출발점에서 끝점까지 곧게 간 선은 22 %만 숨겨집니다. 이 평면은 경로가 어디로 "
                      "갔는지는 담지만, 거기까지 지그재그로 간 모습은 담지 못합니다."},
        section="planes",
    ),
    Step(
        title={"en": "The loss the picture shows", "ko": "그림이 보여 주는 손실"},
        text={"en": "Each dotted line is the loss at the path's point flattened onto the shared plane: what the right "
                    "picture shows under the path. The solid line is the real loss.",
              "ko": "점선은 경로의 점을 공통 평면 위로 눌렀을 때의 손실, 곧 오른쪽 그림이 경로 아래에 보여 주는 값입니다. "
                    "실선은 실제 손실입니다."},
        settings=_scene(),
        question={"en": "Where Adam's path ends, is the picture's loss lower, equal or higher than the real one?",
                  "ko": "Adam의 경로가 끝나는 곳에서 그림의 손실은 실제 손실보다 낮을까요, 같을까요, 높을까요?"},
        choices=({"en": "lower", "ko": "낮다"}, {"en": "equal", "ko": "같다"}, {"en": "higher", "ko": "높다"}),
        answer={"en": "Higher: the real loss ends at 0.027, the picture shows 0.108 there. Flattening drops the part "
                      "of the path that lies off the plane (half of Adam's start-to-end line), and that part helped "
                      "bring the loss down. The same holds for all six: the picture puts every end on a slope none of "
                      "them stands on.",
                "ko": "높습니다. 실제 손실은 0.027로 끝나지만 그림은 그곳에서 0.108을 보여 줍니다. 평면 위로 누르면 경로 가운데 "
                      "평면 밖에 있는 부분(Adam이 출발점에서 끝점까지 간 선의 절반)이 빠지는데, 바로 그 부분이 손실을 "
                      "낮추는 데 한몫했습니다. 여섯 옵티마이저 모두 마찬가지라서, 그림은 모든 끝점을 아무도 서 있지 않은 "
                      "비탈 위에 그립니다."},
        section="gap",
    ),
    Step(
        title={"en": "A step too large for the curvature", "ko": "곡률에 비해 너무 큰 걸음"},
        text={"en": "SGD alone, with learning rate 5 instead of 0.5.",
              "ko": "SGD 혼자, 학습률을 0.5 대신 5로 둡니다."},
        settings=_scene(names=("sgd",), sgd=5.0),
        question={"en": "What does its loss do?", "ko": "손실은 어떻게 될까요?"},
        choices=({"en": "falls smoothly, ten times faster", "ko": "열 배 빠르게 매끄럽게 내려간다"},
                 {"en": "jumps up and down, then settles", "ko": "오르내리며 튀다가 자리 잡는다"},
                 {"en": "blows up", "ko": "발산한다"}),
        answer={"en": "It jumps: from 0.905 up to 13.7 at epoch 6, and for most of the first 75 epochs it is above where "
                      "it started, like a ball bouncing between the walls of a narrow valley. Then it finds a wider "
                      "stretch and ends below 0.02, lower than the 0.058 of learning rate 0.5. The bouncing is chaotic: "
                      "change the rate in its 13th digit and the final loss changes, not the story. And it is almost "
                      "all off the picture: about 95 % of the movement is hidden.",
                "ko": "튑니다. 0.905에서 6번째 에포크에 13.7까지 올라가고, 처음 75 에포크의 대부분 동안 출발할 때보다 손실이 "
                      "높습니다. 좁은 골짜기의 양쪽 벽 사이를 튀는 공과 같습니다. 그러다 더 넓은 곳을 찾아 0.02 아래로 끝나는데, "
                      "학습률 0.5일 때의 0.058보다 낮습니다. 이렇게 튀는 움직임은 혼돈스러워서 학습률의 13번째 자리만 바꿔도 "
                      "최종 손실은 달라지지만 이야기는 그대로입니다. 그리고 그 움직임은 거의 모두 그림 밖에 있습니다. "
                      "움직임의 약 95 %가 숨겨집니다."},
        section="gap",
    ),
    Step(
        title={"en": "A plateau, as near a saddle", "ko": "안장점 근처 같은 평지"},
        text={"en": "The spirals: the same six optimizers, the same 200 epochs. Every one starts at loss 0.670.",
              "ko": "나선 데이터입니다. 같은 여섯 옵티마이저, 같은 200 에포크입니다. 모두 손실 0.670에서 출발합니다."},
        settings=_scene(data="spirals"),
        question={"en": "Where are SGD, Momentum and Nesterov after 200 epochs?",
                  "ko": "200 에포크 뒤 SGD, Momentum, Nesterov는 어디에 있을까요?"},
        choices=({"en": "still near 0.67", "ko": "아직 0.67 근처"}, {"en": "below Adam", "ko": "Adam보다 아래"}),
        answer={"en": "Still near it: 0.663, 0.661 and 0.661, with 60 % of the points right, barely better than a "
                      "coin. Adam reached 0.39 and 81 %. Small gradients in every direction make plain steps crawl, "
                      "as gradient descent crawls near the saddle on the saddles page; rules that divide by the "
                      "gradient's size (AdaGrad, RMSprop, Adam) walk off the flat stretch.",
                "ko": "아직 근처입니다. 0.663, 0.661, 0.661이고 점의 60 %만 맞혀 동전 던지기보다 조금 나을 뿐입니다. Adam은 "
                      "0.39, 81 %에 이르렀습니다. 모든 방향의 기울기가 작으면 보통 걸음은 기어가듯 느려집니다. 안장점 "
                      "페이지에서 경사하강법이 안장점 근처에서 느려지는 것과 같습니다. 기울기 크기로 나누는 규칙(AdaGrad, "
                      "RMSprop, Adam)은 평지를 걸어 나옵니다."},
        section="boundary",
    ),
))
