"""The network-landscape page (a 2-16-16-1 MLP trained by several optimizers, seen on two planes)."""

TEXT = {
    "nav.landscape": {"en": "A real network's landscape", "ko": "진짜 신경망의 손실 지형"},
    "landscape.intro": {
        "en": "Every other page draws a surface with two parameters. A real network has hundreds. Here a small "
              "network (two inputs, two hidden layers of 16 tanh units, one output: 337 parameters) learns to "
              "separate two classes of points. Several optimizers train it from the very same starting weights, "
              "and we look at the loss through two flat windows cut through its 337-dimensional space. Each window "
              "shows something true, and each leaves something out: the page tells you how much.",
        "ko": "다른 페이지는 모두 매개변수가 둘뿐인 곡면을 그립니다. 실제 신경망의 매개변수는 수백 개입니다. 여기서는 작은 "
              "신경망(입력 2개, tanh 유닛 16개짜리 은닉층 2개, 출력 1개: 매개변수 337개)이 두 종류의 점을 가르는 법을 "
              "배웁니다. 여러 옵티마이저가 똑같은 초기 가중치에서 출발해 학습하고, 우리는 337차원 공간을 자른 두 개의 "
              "평평한 창으로 손실을 들여다봅니다. 두 창 모두 사실을 보여 주지만 무언가를 빠뜨리며, 얼마나 빠뜨리는지도 "
              "이 페이지가 알려 줍니다.",
    },
    "landscape.data": {"en": "Data", "ko": "데이터"},
    "landscape.data_help": {
        "en": "Two classes of points in the plane, made on the spot from the seed below. moons: two interlocking "
              "half circles. circles: a ring around a disc. spirals: two arms wound around each other, the hardest.",
        "ko": "아래 시드로 그 자리에서 만드는 평면 위 두 종류의 점입니다. moons(초승달): 서로 맞물린 반원 두 개. "
              "circles(동심원): 작은 원을 둘러싼 큰 고리. spirals(나선): 서로 감긴 두 팔로, 가장 어렵습니다.",
    },
    "landscape.rows": {"en": "Number of points", "ko": "점의 개수"},
    "landscape.noise": {"en": "Noise (standard deviation)", "ko": "잡음 (표준편차)"},
    "landscape.data_seed": {"en": "Data seed", "ko": "데이터 시드"},
    "landscape.optimizers": {"en": "Optimizers", "ko": "옵티마이저"},
    "landscape.epochs": {"en": "Epochs (full batch: one update each)", "ko": "에포크 (전체 배치: 에포크마다 갱신 한 번)"},
    "landscape.centre": {"en": "Random plane through", "ko": "무작위 평면이 지나는 곳"},
    "landscape.centre_help": {
        "en": "Whose trained weights sit at the centre of the random plane; ★ min L: the optimizer with the lowest "
              "final loss, which also stands in for an optimizer that is not racing.",
        "ko": "무작위 평면의 한가운데에 놓을 학습된 가중치입니다. ★ min L은 최종 손실이 가장 낮은 옵티마이저이며, 경주에 "
              "없는 옵티마이저를 고른 경우에도 이것으로 대신합니다.",
    },
    "landscape.init_seed": {"en": "Initial weights seed", "ko": "초기 가중치 시드"},
    "landscape.init_seed_help": {
        "en": "One draw of Glorot-uniform weights (biases zero), shared by every optimizer.",
        "ko": "Glorot 균등분포로 한 번 뽑은 가중치(편향은 0)이며, 모든 옵티마이저가 함께 씁니다.",
    },
    "landscape.plane_seed": {"en": "Random plane seed", "ko": "무작위 평면 시드"},
    "landscape.plane_seed_help": {
        "en": "Which two random directions the left picture uses. Try a few: the picture changes, the network "
              "does not.",
        "ko": "왼쪽 그림이 쓰는 두 무작위 방향을 정합니다. 몇 가지로 바꿔 보세요. 그림은 바뀌어도 신경망은 그대로입니다.",
    },
    "landscape.lrs": {"en": "Learning rates", "ko": "학습률"},
    "landscape.lr": {"en": "{name} learning rate", "ko": "{name} 학습률"},
    "landscape.none_selected": {"en": "Choose at least one optimizer in the sidebar.",
                                "ko": "사이드바에서 옵티마이저를 하나 이상 고르세요."},
    "landscape.model_title": {"en": "The network", "ko": "신경망"},
    "landscape.model_regression": {
        "en": "Each hidden unit takes a weighted sum of the layer below, adds its bias and squashes the result with "
              "tanh; the output z is the predicted value itself. The loss is the mean squared error over the {rows} "
              "rows. All {dim} weights and biases form one point θ, and every optimizer moves that point for "
              "{epochs} epochs, one full-batch update per epoch.",
        "ko": "각 은닉 유닛은 아래층 값의 가중합에 편향을 더한 뒤 tanh로 눌러 줍니다. 출력 z가 곧 예측값입니다. 손실은 "
              "행 {rows}개에 대한 평균제곱오차입니다. 가중치와 편향 {dim}개 전체가 점 θ 하나를 이루고, 옵티마이저마다 "
              "이 점을 {epochs} 에포크 동안(에포크마다 전체 배치 갱신 한 번) 움직입니다.",
    },
    "landscape.own_data": {
        "en": "Trained on {name}: one input column, so the network is 1-16-16-1 ({dim} parameters) and there is "
              "no 2-D map of its decisions. The questions of the guided story are about the generated shapes; its "
              "steps bring them back.",
        "ko": "{name} 데이터로 학습합니다. 입력 열이 하나라서 신경망은 1-16-16-1(매개변수 {dim}개)이고, 결정을 보여 주는 2차원 "
              "지도는 없습니다. 안내 이야기의 질문은 생성한 모양 데이터에 대한 것이며, 이야기의 단계를 고르면 그 데이터로 "
              "돌아갑니다.",
    },
    "landscape.model": {
        "en": "Each hidden unit takes a weighted sum of the layer below, adds its bias and squashes the result with "
              "tanh; the output z is a score whose sigmoid is the predicted probability of class 1. The loss is the "
              "binary cross-entropy averaged over the {rows} points. All {dim} weights and biases form one point θ, "
              "and every optimizer moves that point for {epochs} epochs, one full-batch update per epoch.",
        "ko": "각 은닉 유닛은 아래층 값의 가중합에 편향을 더한 뒤 tanh로 눌러 줍니다. 출력 z는 점수이고, 여기에 시그모이드를 "
              "씌운 값이 클래스 1일 확률의 예측입니다. 손실은 점 {rows}개에 대해 평균 낸 이진 교차 엔트로피입니다. "
              "가중치와 편향 {dim}개 전체가 점 θ 하나를 이루고, 옵티마이저마다 이 점을 {epochs} 에포크 동안 "
              "(에포크마다 전체 배치 갱신 한 번) 움직입니다.",
    },
    "landscape.planes_title": {"en": "Two windows on {dim} dimensions", "ko": "{dim}차원을 들여다보는 두 개의 창"},
    "landscape.planes_caption": {
        "en": "Left: the plane through one trained network along two random directions, each rescaled neuron by "
              "neuron to the size of that neuron's weights (Li et al., 2018). It shows the shape of the valley the "
              "network ended in, but no path: a random direction is almost perpendicular to any path. Right: the "
              "plane that holds as much of all the paths as one plane can (their two principal directions, through "
              "the shared start). Every path is drawn there, but flattened onto it: the table says how much of each "
              "path is left out. Lighter is lower loss; the colour scale is logarithmic.",
        "ko": "왼쪽: 학습을 마친 신경망 하나를 지나고, 두 무작위 방향으로 펼친 평면입니다. 방향은 뉴런마다 그 뉴런의 "
              "가중치 크기에 맞춰 다시 조정했습니다(Li 외, 2018). 신경망이 도착한 골짜기의 모양은 보이지만 경로는 보이지 "
              "않습니다. 무작위 방향은 어떤 경로와도 거의 수직이기 때문입니다. 오른쪽: 모든 경로를 한 평면이 담을 수 "
              "있는 만큼 담은 평면입니다(경로들의 두 주성분 방향, 공통 출발점을 지남). 모든 경로가 여기에 그려지지만 "
              "평면 위로 눌려 납작해진 모습입니다. 각 경로에서 얼마나 빠졌는지는 표에 있습니다. 밝을수록 손실이 낮고, "
              "색 눈금은 로그입니다.",
    },
    "landscape.table_title": {"en": "What each path looks like, and what the plane leaves out",
                              "ko": "각 경로의 결과, 그리고 평면이 빠뜨린 것"},
    "landscape.table_caption": {
        "en": "Hidden movement: of the squared lengths of all the path's steps, the share that points off the "
              "shared plane. Hidden end: the same share for the straight line from the start to where the path "
              "ended. Largest gap: the largest difference, along the path, between the real loss and the loss the "
              "plane shows at the flattened point.",
        "ko": "숨은 움직임: 경로의 모든 걸음 길이의 제곱을 더한 것 가운데 공통 평면 밖을 향한 몫입니다. 숨은 도착점: "
              "출발점에서 경로가 끝난 곳까지 곧게 이은 선에 대해 같은 몫을 잰 것입니다. 가장 큰 차이: 경로를 따라 실제 "
              "손실과, 평면 위로 눌린 점에서 평면이 보여 주는 손실이 가장 많이 다른 값입니다.",
    },
    "landscape.col_optimizer": {"en": "Optimizer", "ko": "옵티마이저"},
    "landscape.col_lr": {"en": "Learning rate", "ko": "학습률"},
    "landscape.col_final_loss": {"en": "Final loss", "ko": "최종 손실"},
    "landscape.col_accuracy": {"en": "Accuracy", "ko": "정확도"},
    "landscape.col_hidden_movement": {"en": "Hidden movement", "ko": "숨은 움직임"},
    "landscape.col_hidden_final": {"en": "Hidden end", "ko": "숨은 도착점"},
    "landscape.col_max_gap": {"en": "Largest gap", "ko": "가장 큰 차이"},
    "landscape.col_diverged_at": {"en": "Diverged", "ko": "발산"},
    "landscape.diverged_cell": {"en": "at epoch {k}", "ko": "{k}번째 에포크"},
    "landscape.gap_title": {"en": "The real loss against the loss the picture shows",
                            "ko": "실제 손실과 그림이 보여 주는 손실"},
    "landscape.gap_caption": {
        "en": "Solid: the loss the network really has along each path. Dotted: the loss at the same point "
              "flattened onto the shared plane, which is what the right-hand picture shows under the path. Where "
              "the two part, the picture is telling a different story from the training.",
        "ko": "실선: 각 경로를 따라 신경망이 실제로 갖는 손실입니다. 점선: 같은 점을 공통 평면 위로 눌렀을 때의 손실로, "
              "오른쪽 그림이 경로 아래에 보여 주는 값입니다. 두 선이 벌어지는 곳에서는 그림이 학습과 다른 이야기를 "
              "하고 있습니다.",
    },
    "landscape.boundary_title": {"en": "What each trained network learned", "ko": "학습을 마친 신경망이 배운 것"},
    "landscape.boundary_alt": {
        "en": "The data points of both classes and, for each optimizer, the curve where its trained network's "
              "predicted probability is one half.",
        "ko": "두 클래스의 데이터 점들과, 옵티마이저마다 학습된 신경망의 예측 확률이 2분의 1이 되는 곡선입니다.",
    },
    "landscape.hides_title": {"en": "What a two-dimensional picture hides", "ko": "2차원 그림이 숨기는 것"},
    "landscape.hides": {
        "en": "The toy surfaces got a lot right: networks do train down long valleys, a step too large for the "
              "curvature still bounces or blows up, and flat stretches near the start slow everyone down as a "
              "saddle does. What no plane can show is everything else: {others} more directions in which the loss "
              "can curve, and in which the paths keep moving. A plane through trained weights shows the valley "
              "but not how we got there; a plane fitted to the paths shows the paths, flattened, over a loss "
              "that is not the one they walked on. Always ask how much the picture leaves out.",
        "ko": "장난감 곡면이 맞힌 것도 많습니다. 신경망도 긴 골짜기를 따라 학습되고, 곡률에 비해 너무 큰 걸음은 여기서도 "
              "튀거나 발산하며, 출발점 근처의 평평한 구간은 안장점처럼 모두를 느리게 만듭니다. 어떤 평면도 보여 줄 수 "
              "없는 것은 그 나머지 전부입니다. 손실이 휘어질 수 있고 경로가 계속 움직이는 방향이 {others}개 더 있습니다. 학습된 "
              "가중치를 지나는 평면은 골짜기를 보여 주지만 어떻게 거기 왔는지는 보여 주지 않고, 경로에 맞춘 평면은 경로를 "
              "보여 주지만 납작하게 눌린 모습으로, 경로가 실제로 걸은 곳과는 다른 손실 위에 보여 줍니다. 그림이 얼마나 "
              "빠뜨렸는지 늘 물어보세요.",
    },
}
