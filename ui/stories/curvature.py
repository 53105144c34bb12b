"""The curvature page's story: the Hessian that makes SGD zig-zag, the rates it predicts, and where its
predictions stop at a turned bowl and a curved valley."""

from ui.story import Step, Story

STORY = Story((
    Step(
        title={"en": "Why the gradient points across the valley", "ko": "기울기가 골짜기를 가로지르는 이유"},
        text={"en": "The book's bowl x²/20 + y² at its start (−7, 2). The Hessian is diag(0.1, 2) everywhere: f "
                    "curves 20 times as much along y as along x, so κ = 20. The green arrow is −∇f.",
              "ko": "책의 그릇 x²/20 + y²의 시작점 (−7, 2)입니다. 헤시안은 어디서나 diag(0.1, 2)입니다. y 방향으로 "
                    "x 방향보다 20배 더 휘므로 κ = 20입니다. 초록 화살표가 −∇f입니다."},
        settings={"cv.surface": "anisotropic", "cv.x": -7.0, "cv.y": 2.0},
        section="hessian",
        question={"en": "The minimum is at (0, 0), mostly to the right. Which way does −∇f point?",
                  "ko": "최솟값은 (0, 0), 주로 오른쪽에 있습니다. −∇f는 어느 쪽을 가리킬까요?"},
        choices=({"en": "mostly right, towards the minimum", "ko": "주로 오른쪽, 최솟값 쪽"},
                 {"en": "mostly down, across the valley", "ko": "주로 아래쪽, 골짜기를 가로질러"}),
        answer={"en": "Mostly down: ∇f = (−0.7, 4), and 98.5 % of its length lies along the steep eigenvector. "
                      "Each coordinate's slope is its curvature times its distance, and the steep direction's "
                      "curvature is 20 times larger. A step along −∇f crosses the valley and overshoots; the "
                      "next one comes back: the zig-zag.",
                "ko": "주로 아래쪽입니다. ∇f = (−0.7, 4)이고 길이의 98.5 %가 가파른 고유벡터 방향에 있습니다. 각 좌표의 "
                      "기울기는 곡률 곱하기 거리인데, 가파른 방향의 곡률이 20배 크기 때문입니다. −∇f를 따라 한 걸음 "
                      "가면 골짜기를 건너 지나치고, 다음 걸음에 되돌아옵니다. 이것이 지그재그입니다."},
    ),
    Step(
        title={"en": "A flat point that is not a minimum", "ko": "평평하지만 최솟값이 아닌 점"},
        text={"en": "Himmelblau's function at one of its four saddle points, (0.0867, 2.8843). The gradient is "
                    "zero there.",
              "ko": "힘멜블라우 함수의 안장점 네 개 중 하나인 (0.0867, 2.8843)입니다. 여기서는 기울기가 0입니다."},
        settings={"cv.surface": "himmelblau", "cv.x": 0.086678, "cv.y": 2.884255},
        section="hessian",
        question={"en": "What does the Hessian say about this point?", "ko": "헤시안은 이 점에 대해 무엇을 말할까요?"},
        choices=({"en": "both eigenvalues positive: a minimum", "ko": "두 고윳값 모두 양수: 최솟값"},
                 {"en": "one positive, one negative: a saddle", "ko": "하나는 양수, 하나는 음수: 안장점"},
                 {"en": "both negative: a maximum", "ko": "두 고윳값 모두 음수: 최댓값"}),
        answer={"en": "A saddle: λ ≈ −31.7 along v₁ (nearly along x) and 75.5 along v₂. Gradient descent that "
                      "arrives along v₂ is pulled in; any deviation along v₁ grows by |1 − lr·λ₁| > 1 per step "
                      "and carries it away.",
                "ko": "안장점입니다. v₁ 방향(거의 x 방향)으로 λ ≈ −31.7, v₂ 방향으로 75.5입니다. v₂ 방향으로 다가오는 "
                      "경사하강법은 끌려 들어오지만, v₁ 방향으로 조금이라도 벗어나면 걸음마다 |1 − lr·λ₁| > 1배로 "
                      "커져서 빠져나갑니다."},
    ),
    Step(
        title={"en": "One eigenvector at a time", "ko": "고유벡터 하나씩"},
        text={"en": "GD and momentum on a bowl with κ = 20 turned by 30°, both at their optimal step sizes. "
                    "The right panel splits each run's error along the two eigenvectors.",
              "ko": "κ = 20인 그릇을 30° 돌려 놓고, GD와 모멘텀을 각자 최적의 보폭으로 돌립니다. 오른쪽 그림은 각 "
                    "실행의 오차를 두 고유벡터 방향으로 나눈 것입니다."},
        settings={"cv.kappa": 20, "cv.theta": 30, "cv.optimal": True, "cv.steps": 100.0},
        section="eigen",
        question={"en": "At GD's optimal step, which component of its error shrinks faster?",
                  "ko": "최적 보폭의 GD에서 오차의 어느 성분이 더 빨리 줄어들까요?"},
        choices=({"en": "the steep one (v₂)", "ko": "가파른 성분 (v₂)"}, {"en": "the flat one (v₁)", "ko": "완만한 성분 (v₁)"},
                 {"en": "both at the same rate", "ko": "둘 다 같은 비율로"}),
        answer={"en": "Both, by 19/21 ≈ 0.905 per step: lr = 2/(λmin + λmax) makes 1 − lr·λmin = 0.905 and "
                      "1 − lr·λmax = −0.905. The minus sign is the zig-zag across the valley. Momentum's two "
                      "components shrink by 0.63 per step, as the dashed lines predict.",
                "ko": "둘 다 걸음마다 19/21 ≈ 0.905배입니다. lr = 2/(λ최소 + λ최대)이면 1 − lr·λ최소 = 0.905, "
                      "1 − lr·λ최대 = −0.905가 됩니다. 음의 부호가 골짜기를 가로지르는 지그재그입니다. 모멘텀의 두 "
                      "성분은 점선이 예측한 대로 걸음마다 0.63배로 줄어듭니다."},
    ),
    Step(
        title={"en": "A hundred times more curved", "ko": "곡률이 100배 다르면"},
        text={"en": "The rates chart, with κ = 100 highlighted: the lines are the formulas, the markers the runs.",
              "ko": "κ = 100을 강조한 수렴 비율 그래프입니다. 선은 공식, 점은 실제 실행입니다."},
        settings={"cv.rkappa": 100},
        section="rates",
        question={"en": "At κ = 100, how many times fewer steps than GD does momentum need?",
                  "ko": "κ = 100에서 모멘텀은 GD보다 몇 분의 1의 걸음이면 될까요?"},
        choices=({"en": "about 2", "ko": "약 2분의 1"}, {"en": "about 10", "ko": "약 10분의 1"},
                 {"en": "about 100", "ko": "약 100분의 1"}),
        answer={"en": "About 10, that is √κ: to shrink the error a million times GD needs 691 steps (rate 0.980), "
                      "momentum 69 (rate 0.818). The measured markers sit on the lines.",
                "ko": "약 10분의 1, 곧 √κ배입니다. 오차를 백만분의 1로 줄이는 데 GD는 691걸음(비율 0.980), 모멘텀은 "
                      "69걸음(비율 0.818)이 필요합니다. 측정한 점들이 선 위에 놓입니다."},
    ),
    Step(
        title={"en": "Turn the bowl by 45°", "ko": "그릇을 45° 돌리면"},
        text={"en": "The book's race on x²/20 + y², turned by 45° with its start.",
              "ko": "x²/20 + y² 위의 책의 경주를, 시작점과 함께 45° 돌렸습니다."},
        settings={"cv.rot": 45, "cv.rot_steps": 30.0},
        section="rotation",
        question={"en": "Which optimizers end exactly as well as on the unturned bowl?",
                  "ko": "돌리기 전과 똑같이 끝나는 옵티마이저는 어느 것일까요?"},
        choices=({"en": "all five", "ko": "다섯 모두"}, {"en": "SGD and momentum", "ko": "SGD와 모멘텀"},
                 {"en": "AdaGrad, RMSprop and Adam", "ko": "AdaGrad, RMSprop, Adam"}),
        answer={"en": "SGD and momentum: their paths are the unturned ones, turned (see the table's last column). "
                      "RMSprop, which reached 10⁻¹² in 30 steps on the unturned bowl, ends at 0.04, worse than SGD; "
                      "Adam goes from 0.10 to 0.62. Per-coordinate scaling only helps when the valley lies along the "
                      "axes.",
                "ko": "SGD와 모멘텀입니다. 경로가 돌리기 전 경로를 그대로 돌린 것입니다(표의 마지막 열). 돌리기 전에는 "
                      "30걸음 만에 10⁻¹²에 닿던 RMSprop이 0.04에서 끝나 SGD보다 못하고, Adam은 0.10에서 0.62가 "
                      "됩니다. 좌표별로 나누는 방법은 골짜기가 축과 나란할 때만 도움이 됩니다."},
    ),
    Step(
        title={"en": "The edge of stability", "ko": "안정성의 경계"},
        text={"en": "GD on Rosenbrock from (0, 0), 3,000 steps, with lr = 0.0025 (2/lr = 800) and lr = 0.001 "
                    "(2/lr = 2000). The top right panel is the sharpness λmax(H) at every step.",
              "ko": "로젠브록 함수에서 (0, 0)부터 3,000걸음 동안 lr = 0.0025(2/lr = 800)와 lr = 0.001(2/lr = 2000)로 "
                    "GD를 돌립니다. 오른쪽 위 그림이 걸음마다의 날카로움 λ최대(H)입니다."},
        settings={"cv.eos_surface": "rosenbrock", "cv.eos_lr": 0.0025, "cv.eos_lr2": 0.001, "cv.eos_x": 0.0,
                  "cv.eos_y": 0.0, "cv.eos_steps": 3000.0},
        section="eos",
        question={"en": "Where does the sharpness of the lr = 0.0025 run end up?",
                  "ko": "lr = 0.0025 실행의 날카로움은 어디에 자리 잡을까요?"},
        choices=({"en": "at the minimum's 1002", "ko": "최솟값의 1002"}, {"en": "around 2/lr = 800", "ko": "2/lr = 800 근처"},
                 {"en": "it keeps growing", "ko": "계속 커진다"}),
        answer={"en": "Around 800. It climbs from 200 as GD walks up the valley, reaches 2/lr near step 730 and then "
                      "hovers between about 670 and 940, bouncing across the valley: GD cannot stay anywhere sharper "
                      "than 2/lr, so the minimum (1002) is out of its reach. The lr = 0.001 run stays below its own "
                      "2/lr and keeps creeping towards the minimum.",
                "ko": "800 근처입니다. GD가 골짜기를 올라가는 동안 200에서 올라가다가 730걸음쯤에 2/lr에 닿고, 그 뒤로는 "
                      "골짜기를 가로질러 튕기며 약 670과 940 사이를 맴돕니다. GD는 2/lr보다 날카로운 곳에 머물 수 없어서 "
                      "최솟값(1002)에 닿지 못합니다. lr = 0.001 실행은 자기 2/lr 아래에 머물며 최솟값 쪽으로 계속 "
                      "기어갑니다."},
    ),
    Step(
        title={"en": "Newton climbs to the maximum", "ko": "최댓값으로 올라가는 뉴턴법"},
        text={"en": "Himmelblau's function from (0, 0): pure Newton, Newton damped by λ = 50, saddle-free Newton and "
                    "GD. The table counts where 1,600 starts over the whole map end.",
              "ko": "힘멜블라우 함수를 (0, 0)에서: 순수 뉴턴법, λ = 50으로 감쇠한 뉴턴법, 안장점 회피 뉴턴법, GD입니다. "
                    "표는 지도 전체에 깔린 시작점 1,600개가 어디에 도착하는지 셉니다."},
        settings={"cv.damping": 50.0, "cv.newton_x": 0.0, "cv.newton_y": 0.0},
        section="newton",
        question={"en": "From how many of the 1,600 starts does pure Newton end somewhere other than a minimum?",
                  "ko": "1,600개의 시작점 가운데 순수 뉴턴법이 최솟값이 아닌 곳에 도착하는 것은 몇 개쯤일까요?"},
        choices=({"en": "none", "ko": "하나도 없다"}, {"en": "about 10 %", "ko": "약 10 %"},
                 {"en": "about 40 %", "ko": "약 40 %"}),
        answer={"en": "About 40 %: 572 starts end at a saddle and 96 at the maximum. Newton jumps to the flat point of "
                      "its quadratic model, whatever its kind. With λ = 50 (more than the maximum's −46) or with |H| "
                      "every start reaches a minimum, and from (0, 0) the damped run goes to (3, 2).",
                "ko": "약 40 %입니다. 572개는 안장점에, 96개는 최댓값에 도착합니다. 뉴턴법은 종류를 가리지 않고 이차 모형이 "
                      "평평한 점으로 뜁니다. λ = 50(최댓값의 −46보다 큼)이나 |H|를 쓰면 모든 시작점이 최솟값에 닿고, "
                      "(0, 0)에서 감쇠 실행은 (3, 2)로 갑니다."},
    ),
))
