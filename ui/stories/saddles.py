"""The saddles page's story: a zero gradient that is not a minimum, and the basins that decide where a run ends."""

from ui.story import Step, Story

SADDLE = {"sad.surface": "saddle", "sad.opt": "gd", "sad.lr": 0.1, "sad.steps": 120.0, "sad.x0": 1.5, "sad.y0": 0.0,
          "sad.delta": 1e-6, "sad.noise": 1e-4, "sad.seed": 0.0}


def _basins(surface: str, lr: float, steps: int) -> dict:
    return {"basin.surface": surface, "basin.opt": "gd", "basin.lr": float(lr), "basin.steps": float(steps),
            "basin.res": 100}


STORY = Story((
    Step(
        title={"en": "Stuck on a saddle", "ko": "안장점에 갇히다"},
        text={"en": "f = x² − y² curves up along x and down along y, with a flat point at (0, 0). Three runs of "
                    "gradient descent start at (1.5, 0): exactly on the x-axis, nudged by 10⁻⁶ in y, and with a "
                    "little noise added to every gradient.",
              "ko": "f = x² − y²은 x 방향으로는 위로, y 방향으로는 아래로 휘고 (0, 0)이 평평한 점입니다. 경사하강법 세 "
                    "실행이 (1.5, 0)에서 출발합니다. 하나는 정확히 x축 위에서, 하나는 y로 10⁻⁶만큼 비켜서, 하나는 매 "
                    "기울기에 작은 잡음을 더해서 출발합니다."},
        settings={**SADDLE},
        question={"en": "Where does the run that starts exactly on the axis end?",
                  "ko": "정확히 축 위에서 출발한 실행은 어디에서 끝날까요?"},
        choices=({"en": "at the saddle (0, 0)", "ko": "안장점 (0, 0)"}, {"en": "far away, downhill in y",
                                                                       "ko": "y 방향 내리막으로 멀리"}),
        answer={"en": "At the saddle: on the axis the y-part of the gradient (−2y) is exactly zero at every step, so "
                      "the run slides along x into the flat point and stops there although it is no minimum. The "
                      "nudged run starts the same way, then its tiny y grows by the factor 1 + 2·lr every step and it "
                      "escapes.",
                "ko": "안장점입니다. 축 위에서는 기울기의 y 성분(−2y)이 매 단계 정확히 0이라, 실행은 x를 따라 평평한 점까지 "
                      "미끄러져 멈춥니다. 최솟값이 아닌데도요. 살짝 비킨 실행도 처음에는 같지만, 아주 작은 y가 매 단계 "
                      "1 + 2·lr배로 커져서 결국 빠져나갑니다."},
    ),
    Step(
        title={"en": "Noise as a way out", "ko": "잡음이라는 탈출구"},
        text={"en": "The same saddle, with more gradient noise (σ = 0.01), the way mini-batch gradients jiggle.",
              "ko": "같은 안장점에서 기울기 잡음을 키웁니다(σ = 0.01). 미니배치 기울기가 흔들리는 것과 같습니다."},
        settings={**SADDLE, "sad.noise": 1e-2},
        question={"en": "Does the noisy run still stop at the saddle?", "ko": "잡음이 있는 실행도 안장점에서 멈출까요?"},
        choices=({"en": "yes", "ko": "예"}, {"en": "no, it leaves quickly", "ko": "아니요, 금방 떠난다"}),
        answer={"en": "No: every noisy step pushes it off the axis, and once off the axis the downhill direction in y "
                      "takes over. Noise is one reason stochastic training rarely gets stuck on saddles.",
                "ko": "아니요. 잡음 섞인 걸음마다 축에서 조금씩 밀려나고, 일단 축을 벗어나면 y 방향의 내리막이 이끕니다. "
                      "확률적 학습이 안장점에 잘 갇히지 않는 이유 중 하나입니다."},
    ),
    Step(
        title={"en": "A flatter saddle", "ko": "더 평평한 안장점"},
        text={"en": "The monkey saddle x³ − 3xy² has three valleys around a point that is flat to second order: "
                    "gradients near it are tiny.",
              "ko": "원숭이 안장 x³ − 3xy²은 2차까지 평평한 점 주위로 골짜기가 셋 있습니다. 그 근처의 기울기는 "
                    "아주 작습니다."},
        settings={**SADDLE, "sad.surface": "monkey_saddle", "sad.lr": 0.25, "sad.steps": 2500.0, "sad.x0": 1.0},
        question={"en": "After 2,500 steps, has the run on the axis reached the flat point?",
                  "ko": "2,500단계 뒤에 축 위의 실행은 평평한 점에 닿았을까요?"},
        choices=({"en": "yes", "ko": "예"}, {"en": "not quite", "ko": "아직 아니다"}),
        answer={"en": "Not quite: the gradient 3x² shrinks like the square of the distance, so the last stretch takes "
                      "longer and longer. A flat region slows gradient descent to a crawl even when it is not a trap.",
                "ko": "아직입니다. 기울기 3x²이 거리의 제곱처럼 줄어서 마지막 구간이 점점 더 오래 걸립니다. 평평한 지역은 "
                      "함정이 아니어도 경사하강법을 기어가게 만듭니다."},
    ),
    Step(
        title={"en": "Four basins", "ko": "분지 네 개"},
        text={"en": "Below, 10,000 runs of gradient descent start from every point of a grid on Himmelblau's "
                    "function, and each start is coloured by the minimum its run reaches.",
              "ko": "아래에서는 힘멜블라우 함수 위 격자의 모든 점에서 경사하강법 10,000개가 출발하고, 각 출발점을 그 "
                    "실행이 도착한 최솟값의 색으로 칠합니다."},
        settings={**SADDLE, **_basins("himmelblau", 0.01, 400)},
        section="basins",
        question={"en": "How many different minima do the runs reach?", "ko": "실행들은 서로 다른 최솟값 몇 개에 도착할까요?"},
        choices=({"en": "one", "ko": "하나"}, {"en": "two", "ko": "둘"}, {"en": "four", "ko": "넷"}),
        answer={"en": "Four, each from about a quarter of the starts. All four are global minima (f = 0): where a run "
                      "ends depends only on where it starts. On the convex bowl beside it every start ends at the same "
                      "point.",
                "ko": "넷이고, 각각 출발점의 약 4분의 1에서 옵니다. 넷 모두 전역 최솟값(f = 0)이며, 어디에서 끝나는지는 "
                      "오직 출발점에 달려 있습니다. 옆의 볼록한 그릇에서는 모든 출발점이 같은 점에서 끝납니다."},
    ),
    Step(
        title={"en": "Not every basin is the lowest", "ko": "모든 분지가 가장 낮지는 않다"},
        text={"en": "The six-hump camel function has two global minima and four local ones.",
              "ko": "여섯 혹 낙타 함수에는 전역 최솟값 둘과 지역 최솟값 넷이 있습니다."},
        settings={**SADDLE, **_basins("six_hump_camel", 0.05, 200)},
        section="basins",
        question={"en": "What share of the starts find a global minimum?", "ko": "출발점 중 몇 퍼센트가 전역 최솟값을 찾을까요?"},
        choices=({"en": "all of them", "ko": "전부"}, {"en": "about 60 %", "ko": "약 60 %"},
                 {"en": "under 10 %", "ko": "10 % 미만"}),
        answer={"en": "About 60 % (2 × 29.7 % of the grid); the rest settle in local minima. Gradient descent finds "
                      "the bottom of the basin it starts in, not the lowest point of the landscape.",
                "ko": "약 60 %(격자의 29.7 % × 2)이고 나머지는 지역 최솟값에 머뭅니다. 경사하강법은 지형 전체의 가장 낮은 "
                      "곳이 아니라 자기가 출발한 분지의 바닥을 찾습니다."},
    ),
))
