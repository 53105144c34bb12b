"""The batch / mini-batch / SGD page."""

TEXT = {
    "minibatch.intro": {
        "en": "Three learners fit the same small data set from the same starting guess with the same learning rate. "
              "They differ only in how many samples each step looks at: all of them (batch gradient descent), a "
              "handful (mini-batch) or a single one (SGD). Give them the same number of passes over the data and "
              "watch who gets closer, and how smoothly.",
        "ko": "세 학습자가 같은 작은 데이터를, 같은 출발점과 같은 학습률로 맞춰 갑니다. 다른 점은 한 번 움직일 때 "
              "살펴보는 샘플 수뿐입니다. 전부를 보면 배치 경사 하강법, 몇 개만 보면 미니배치, 딱 하나만 보면 SGD입니다. "
              "데이터를 훑는 횟수를 똑같이 주고, 누가 더 가까이 가는지, 얼마나 매끄럽게 가는지 비교해 보세요.",
    },
    "minibatch.data": {"en": "Data", "ko": "데이터"},
    "minibatch.training": {"en": "Training", "ko": "학습"},
    "minibatch.kind": {"en": "Task", "ko": "문제 유형"},
    "minibatch.kind_help": {
        "en": "y = w·x + b: linear regression with the mean squared error, parameters (w, b). "
              "sign(w·x): a linear classifier with the hinge loss, parameters (w₁, w₂).",
        "ko": "y = w·x + b: 평균제곱오차를 쓰는 선형 회귀이며 매개변수는 (w, b)입니다. "
              "sign(w·x): 힌지 손실을 쓰는 선형 분류기이며 매개변수는 (w₁, w₂)입니다.",
    },
    "minibatch.n_points": {"en": "Number of points N", "ko": "데이터 개수 N"},
    "minibatch.noise": {"en": "Noise", "ko": "잡음"},
    "minibatch.noise_help": {
        "en": "Regression: spread of the points around the line. Classification: jitter that lets the classes overlap.",
        "ko": "회귀에서는 점들이 직선에서 벗어나는 정도, 분류에서는 두 클래스가 서로 섞이게 만드는 흔들림입니다.",
    },
    "minibatch.seed": {"en": "Random seed", "ko": "난수 시드"},
    "minibatch.seed_help": {
        "en": "Fixes both the data and the order in which samples are drawn: the same seed gives the same paths.",
        "ko": "데이터와 샘플을 뽑는 순서를 함께 고정합니다. 시드가 같으면 경로도 똑같이 나옵니다.",
    },
    "minibatch.batch": {"en": "Mini-batch size k", "ko": "미니배치 크기 k"},
    "minibatch.batch_help": {
        "en": "Samples per update of the middle learner. The other two always use k = N (GD) and k = 1 (SGD).",
        "ko": "가운데 학습자가 한 번 갱신할 때 쓰는 샘플 수입니다. 나머지 둘은 항상 k = N(GD)과 k = 1(SGD)을 씁니다.",
    },
    "minibatch.lr_help": {
        "en": "The same step size for all three learners.",
        "ko": "세 학습자 모두에게 같은 보폭을 줍니다.",
    },
    "minibatch.epochs": {"en": "Epochs (passes over the data)", "ko": "에포크 (데이터를 훑는 횟수)"},
    "minibatch.epochs_help": {
        "en": "The shared budget. Each learner's number of updates follows from it: epochs × ⌈N / k⌉.",
        "ko": "세 학습자에게 똑같이 주는 예산입니다. 갱신 횟수는 여기서 정해집니다: 에포크 × ⌈N / k⌉.",
    },
    "minibatch.replace": {"en": "Draw samples with replacement", "ko": "복원 추출로 샘플 뽑기"},
    "minibatch.replace_help": {
        "en": "Off: shuffle the data once per epoch and walk through it, so every sample is used exactly once. "
              "On: every mini-batch is drawn afresh from all N samples.",
        "ko": "끄면 에포크마다 데이터를 한 번 섞어 차례로 쓰므로 모든 샘플이 정확히 한 번씩 쓰입니다. "
              "켜면 미니배치마다 N개 전체에서 새로 뽑습니다.",
    },
    "minibatch.schedule": {"en": "Learning rate over time", "ko": "시간에 따른 학습률"},
    "minibatch.schedule_help": {
        "en": "γ: the same rate at every update. γ/√t: the rate shrinks with the update count t.",
        "ko": "γ: 매번 같은 학습률을 씁니다. γ/√t: 갱신 횟수 t가 늘수록 학습률이 줄어듭니다.",
    },
    "minibatch.x_epochs": {"en": "Loss against epochs (off: against updates)",
                           "ko": "손실을 에포크 기준으로 (끄면 갱신 횟수 기준)"},
    "minibatch.bad_batch": {
        "en": "The mini-batch size must lie between 2 and N − 1 = {high}: k = N is already the GD learner and "
              "k = 1 the SGD learner. Lower k or add points.",
        "ko": "미니배치 크기는 2 이상 N − 1 = {high} 이하여야 합니다. k = N은 이미 GD, k = 1은 SGD 학습자입니다. "
              "k를 줄이거나 데이터 개수를 늘려 보세요.",
    },
    "minibatch.name_full": {"en": "GD (k = N = {k})", "ko": "전체 배치 GD (k = N = {k})"},
    "minibatch.name_mini": {"en": "mini-batch (k = {k})", "ko": "미니배치 (k = {k})"},
    "minibatch.name_single": {"en": "SGD (k = 1)", "ko": "SGD (k = 1)"},
    "minibatch.budget": {
        "en": "Budget: {epochs} epochs. One epoch is ⌈N / k⌉ updates, so the learners make very different numbers "
              "of steps while looking at the same number of samples.",
        "ko": "예산: {epochs} 에포크. 한 에포크는 ⌈N / k⌉번의 갱신이므로, 세 학습자는 같은 수의 샘플을 보면서도 "
              "움직이는 횟수는 크게 다릅니다.",
    },
    "minibatch.col_learner": {"en": "learner", "ko": "학습자"},
    "minibatch.col_batch": {"en": "batch size k", "ko": "배치 크기 k"},
    "minibatch.col_per_epoch": {"en": "updates per epoch", "ko": "에포크당 갱신"},
    "minibatch.col_updates": {"en": "updates in total", "ko": "전체 갱신 횟수"},
    "minibatch.col_loss": {"en": "final full-data loss", "ko": "마지막 전체 손실"},
    "minibatch.col_distance": {"en": "distance to minimum", "ko": "최솟점까지 거리"},
    "minibatch.col_status": {"en": "status", "ko": "상태"},
    "minibatch.ok": {"en": "finished", "ko": "완료"},
    "minibatch.map_caption": {
        "en": "Left: the loss on all N points as a map over the parameters (★ = exact minimum), with each "
              "learner's path. Right: that loss as training goes on. The animation runs on epochs, so all three "
              "finish together; press ▶ Play.",
        "ko": "왼쪽은 N개 전체 데이터에 대한 손실을 매개변수 평면 위에 그린 지도(★ = 정확한 최솟점)와 각 학습자의 "
              "경로입니다. 오른쪽은 학습이 진행되며 그 손실이 어떻게 변하는지 보여 줍니다. 애니메이션의 시계는 "
              "에포크라서 세 학습자가 동시에 끝납니다. ▶ 재생을 눌러 보세요.",
    },
    "minibatch.fit_title": {"en": "The fitted line", "ko": "맞춰지는 직선"},
    "minibatch.fit_caption": {
        "en": "Each learner's current line y = w·x + b over the data; the dashed line is the exact least-squares fit.",
        "ko": "데이터 위에 각 학습자의 현재 직선 y = w·x + b를 그렸습니다. 점선은 정확한 최소제곱 직선입니다.",
    },
    "minibatch.boundary_title": {"en": "The decision boundary", "ko": "결정 경계"},
    "minibatch.boundary_caption": {
        "en": "Filled dots are class +1, rings class −1. Each learner predicts +1 on one side of its line w·x = 0 "
              "(through the origin, perpendicular to w); the dashed line is the max-margin boundary.",
        "ko": "채워진 점은 클래스 +1, 빈 원은 클래스 −1입니다. 각 학습자는 원점을 지나고 w에 수직인 직선 w·x = 0의 "
              "한쪽을 +1로 예측합니다. 점선은 마진이 가장 큰 경계입니다.",
    },
    "minibatch.curve_title": {"en": "The fitted probability", "ko": "맞춰지는 확률"},
    "minibatch.curve_caption": {
        "en": "Filled dots have label 1 (the chosen class), rings label 0. Each learner's current curve σ(w·x + b) is "
              "the probability it gives label 1; the dashed curve has the lowest loss (none when the classes can be "
              "split by a threshold: the curve then only gets steeper).",
        "ko": "채워진 점은 레이블 1(고른 클래스), 빈 원은 레이블 0입니다. 각 학습자의 현재 곡선 σ(w·x + b)는 레이블 1일 "
              "확률입니다. 점선 곡선이 손실이 가장 낮은 곡선입니다(한 경계값으로 두 클래스를 나눌 수 있으면 그런 곡선이 "
              "없고, 곡선은 점점 가팔라지기만 합니다).",
    },
    "minibatch.explain": {"en": "What is going on", "ko": "무슨 일이 일어나는가"},
    "minibatch.explain_sizes_title": {"en": "Batch, mini-batch, SGD", "ko": "배치, 미니배치, SGD"},
    "minibatch.explain_sizes": {
        "en": "Every update needs a gradient. Batch gradient descent averages the gradient over all N samples: "
              "the direction is exact, but one step costs N sample-gradients. SGD takes the gradient of one random "
              "sample: a step costs almost nothing, but its direction is only right on average, so the path wanders. "
              "A mini-batch of k samples sits in between: it costs k, and averaging k noisy directions shrinks the "
              "scatter roughly by √k. In practice k is chosen so the hardware is kept busy.",
        "ko": "갱신할 때마다 기울기가 필요합니다. 배치 경사 하강법은 N개 샘플 전부의 기울기를 평균 냅니다. 방향은 "
              "정확하지만 한 걸음에 샘플 기울기 N개가 듭니다. SGD는 무작위로 고른 샘플 하나의 기울기를 씁니다. 한 걸음이 "
              "거의 공짜지만 방향은 평균적으로만 맞아서 경로가 이리저리 흔들립니다. k개짜리 미니배치는 그 중간입니다. "
              "비용은 k이고, 흔들리는 방향 k개를 평균 내면 흩어짐이 대략 √k배 줄어듭니다. 실제로는 하드웨어를 놀리지 "
              "않을 만큼 k를 고릅니다.",
    },
    "minibatch.explain_jiggle_title": {"en": "Why SGD never sits still, and how γ/√t calms it",
                                       "ko": "SGD가 가만히 있지 못하는 이유와 γ/√t가 잠재우는 방법"},
    "minibatch.explain_jiggle": {
        "en": "At the minimum of the full loss the average gradient is zero, but the gradient of a single sample "
              "is not: each sample would rather have its own line. With a constant learning rate SGD keeps taking "
              "steps of about the same size in those random directions, so it ends up circling in a cloud around "
              "the minimum whose width grows with the learning rate and the noise in the data. Shrinking the rate "
              "as γ/√t makes the kicks smaller and smaller, and the path settles down. GD has no such noise: its "
              "gradient really is zero at the minimum.",
        "ko": "전체 손실의 최솟점에서 평균 기울기는 0이지만, 샘플 하나의 기울기는 0이 아닙니다. 샘플마다 자기에게 "
              "맞는 직선을 원하기 때문입니다. 학습률이 고정이면 SGD는 그 제각각의 방향으로 비슷한 크기의 걸음을 계속 "
              "내딛고, 결국 최솟점 둘레의 구름 안에서 맴돕니다. 구름의 폭은 학습률과 데이터의 잡음이 클수록 넓어집니다. "
              "학습률을 γ/√t로 줄여 가면 흔들림이 점점 작아져 경로가 가라앉습니다. GD에는 이런 잡음이 없어서, "
              "최솟점에서는 기울기가 정말로 0입니다.",
    },
    "minibatch.explain_replace_title": {"en": "With or without replacement", "ko": "복원 추출과 비복원 추출"},
    "minibatch.explain_replace": {
        "en": "Without replacement the data are shuffled at the start of each epoch and cut into consecutive "
              "batches: within an epoch every sample is seen exactly once (the last batch may be smaller). With "
              "replacement every batch is a fresh random draw, so in one epoch some samples come up twice and "
              "others not at all. Shuffling is what most training loops do; drawing with replacement is what the "
              "textbook analysis of SGD usually assumes. GD uses every sample at every step, so the switch does "
              "not affect it.",
        "ko": "비복원 추출에서는 에포크가 시작될 때 데이터를 섞고 차례로 잘라 배치를 만듭니다. 그래서 한 에포크 안에서 "
              "모든 샘플이 정확히 한 번씩 쓰입니다(마지막 배치는 더 작을 수 있습니다). 복원 추출에서는 배치마다 새로 "
              "무작위로 뽑으므로, 한 에포크 동안 두 번 뽑히는 샘플도, 한 번도 안 뽑히는 샘플도 생깁니다. 실제 학습 "
              "코드는 대개 섞어서 차례로 쓰고, SGD의 이론적 분석은 주로 복원 추출을 가정합니다. GD는 매번 모든 샘플을 "
              "쓰므로 이 설정과 상관이 없습니다.",
    },
    "minibatch.explain_epochs_title": {"en": "Epochs versus updates", "ko": "에포크와 갱신 횟수"},
    "minibatch.explain_epochs": {
        "en": "An update is one step of the parameters; an epoch is one pass over all N samples. GD makes one "
              "update per epoch, SGD makes N, a mini-batch of size k makes ⌈N / k⌉. Counted in updates GD looks "
              "best, since each of its steps is the most accurate, but each also costs the most. Counted in epochs, "
              "that is in samples read, the cheap noisy steps usually get much further for the same work. Switch "
              "the loss chart's axis to see both views of the same runs.",
        "ko": "갱신은 매개변수가 한 번 움직이는 것이고, 에포크는 N개 샘플을 한 번 다 훑는 것입니다. GD는 에포크마다 "
              "한 번, SGD는 N번, 크기 k의 미니배치는 ⌈N / k⌉번 갱신합니다. 갱신 횟수로 세면 한 걸음 한 걸음이 가장 "
              "정확한 GD가 앞서 보이지만, 그 한 걸음이 가장 비쌉니다. 에포크, 곧 읽은 샘플 수로 세면 값싸고 시끄러운 "
              "걸음들이 같은 일을 하고도 대개 훨씬 멀리 갑니다. 손실 그래프의 가로축을 바꿔 같은 실행을 두 관점으로 "
              "비교해 보세요.",
    },
}
