"""The learning-rate sweep page."""

TEXT = {
    "sweep.intro": {
        "en": "One learning rate tells you little; hundreds of them side by side show the whole story. Each "
              "optimizer below is run with every learning rate on the axis at once, from the same start for "
              "the same number of steps, and we plot how well each run ended.",
        "ko": "학습률 하나만 보면 알 수 있는 게 별로 없지만, 수백 개를 나란히 놓으면 전체 그림이 보입니다. "
              "아래의 각 옵티마이저는 가로축의 모든 학습률로 같은 시작점에서 같은 횟수만큼 한꺼번에 실행되고, "
              "그래프는 각 실행이 어디까지 내려갔는지를 보여 줍니다.",
    },
    "sweep.surface_help": {
        "en": "Surfaces with a known lowest value, 2-D then 1-D. Saddles and the cubic are left out: they have "
              "no bottom, so a run sliding away forever would look like the best one.",
        "ko": "최솟값이 알려진 곡면만 (2차원, 그다음 1차원 순으로) 보여 줍니다. 안장점 곡면과 삼차함수는 바닥이 "
              "없어서, 끝없이 미끄러져 내려가는 실행이 가장 좋은 것처럼 보이므로 뺐습니다.",
    },
    "sweep.optimizers": {"en": "Optimizers", "ko": "옵티마이저"},
    "sweep.none_selected": {"en": "Choose at least one optimizer in the sidebar.",
                            "ko": "사이드바에서 옵티마이저를 하나 이상 고르세요."},
    "sweep.n_lrs": {"en": "Number of learning rates", "ko": "학습률 개수"},
    "sweep.lr_lo": {"en": "Smallest learning rate", "ko": "가장 작은 학습률"},
    "sweep.lr_hi": {"en": "Largest learning rate", "ko": "가장 큰 학습률"},
    "sweep.range_help": {"en": "The learning rates are spaced evenly on a log scale between these two values.",
                         "ko": "두 값 사이에서 로그 눈금으로 고르게 학습률을 배치합니다."},
    "sweep.tol": {"en": "Tolerance for 'reached'", "ko": "'도달' 판정 허용 오차"},
    "sweep.metric": {"en": "Show steps to reach the tolerance instead of the final loss",
                     "ko": "최종 손실 대신 허용 오차까지 걸린 단계 보기"},
    "sweep.running": {"en": "Running every learning rate in one batched run…",
                      "ko": "모든 학습률을 한 번의 일괄 실행으로 계산하는 중…"},
    "sweep.running_grid": {"en": "Running the whole grid in one batched run…",
                           "ko": "격자 전체를 한 번의 일괄 실행으로 계산하는 중…"},
    "sweep.chart_title": {"en": "Outcome against the learning rate", "ko": "학습률에 따른 결과"},
    "sweep.timing": {
        "en": "One batched run per optimizer ({n} learning rates × {steps} steps each): {times}.",
        "ko": "옵티마이저마다 한 번의 일괄 실행(각각 학습률 {n}개 × {steps} 단계): {times}.",
    },
    "sweep.floor": {
        "en": "A star marks each optimizer's best learning rate (lowest final loss; gaps below {floor} count as "
              "equal and go to the run that reached the tolerance first). Gaps below {floor} are drawn at {floor}.",
        "ko": "별은 옵티마이저마다 가장 좋은 학습률입니다(최종 손실이 가장 낮은 곳이며, {floor}보다 작은 차이는 "
              "같다고 보고 허용 오차에 먼저 도달한 실행을 고릅니다). {floor}보다 작은 차이는 {floor}에 그립니다.",
    },
    "sweep.timing_note": {
        "en": "Times are measured when a result is first computed; a cached result shows the time it took then.",
        "ko": "시간은 결과를 처음 계산할 때 잰 값입니다. 저장된 결과를 다시 보여 줄 때도 그때의 시간이 표시됩니다.",
    },
    "sweep.summary": {"en": "Per optimizer", "ko": "옵티마이저별 요약"},
    "sweep.col_optimizer": {"en": "Optimizer", "ko": "옵티마이저"},
    "sweep.col_best_lr": {"en": "Best learning rate", "ko": "가장 좋은 학습률"},
    "sweep.col_best_loss": {"en": "Its final loss", "ko": "그때의 최종 손실"},
    "sweep.col_first_diverged_lr": {"en": "Smallest diverging rate", "ko": "발산하는 가장 작은 학습률"},
    "sweep.col_n_diverged": {"en": "Diverged runs", "ko": "발산한 실행 수"},
    "sweep.col_seconds": {"en": "Batched run (s)", "ko": "일괄 실행 시간(초)"},
    "sweep.none": {"en": "none", "ko": "없음"},
    "sweep.read_title": {"en": "How to read the sweep", "ko": "스윕 그래프 읽는 법"},
    "sweep.read": {
        "en": "Read each line from left to right. With tiny learning rates the runs barely move in the given "
              "number of steps, so the final loss stays high. As the rate grows the line drops into a valley: "
              "the sweet spot, marked with a star at its lowest point. Past it the steps overshoot the bottom; "
              "the runs first bounce from side to side (the line climbs again, often jaggedly), and beyond a "
              "threshold every step lands farther away than the last and the run diverges (× in the strip "
              "above the chart).\n\n"
              "Plain SGD and momentum have a sharp edge: their step is the learning rate times the gradient, "
              "so once that product is too large for the steepest direction, they blow up. Adaptive methods "
              "such as Adam, RMSprop and AdaGrad divide by the gradient's size, so a step is never much longer "
              "than the learning rate itself. They may wobble for large rates but rarely blow up, and their "
              "valley is usually wider: they are more forgiving when you do not know a good learning rate.",
        "ko": "각 선을 왼쪽에서 오른쪽으로 읽어 보세요. 학습률이 아주 작으면 주어진 단계 안에 거의 움직이지 "
              "못해 최종 손실이 높게 남습니다. 학습률이 커지면 선이 골짜기로 내려가는데, 이 구간이 알맞은 "
              "학습률이며 가장 낮은 점에 별이 표시됩니다. 그보다 커지면 걸음이 바닥을 지나쳐 버립니다. 처음에는 "
              "양쪽을 오가며 튀고(선이 다시 올라가며 들쭉날쭉해집니다), 어떤 경계를 넘으면 걸음마다 더 멀리 "
              "떨어져 발산합니다(그래프 위쪽 띠의 ×).\n\n"
              "일반 SGD와 모멘텀은 경계가 뚜렷합니다. 걸음이 '학습률 × 기울기'이므로 이 값이 가장 가파른 방향에 "
              "비해 너무 커지면 바로 발산합니다. Adam, RMSprop, AdaGrad 같은 적응형 방법은 기울기를 그 크기로 "
              "나누기 때문에 한 걸음이 학습률보다 크게 길어지지 않습니다. 큰 학습률에서는 흔들릴 수 있어도 "
              "발산하는 일이 드물고, 골짜기도 대개 더 넓습니다. 좋은 학습률을 모를 때 더 너그러운 셈입니다.",
    },
    "sweep.heatmap_title": {"en": "Learning rate × a second hyperparameter", "ko": "학습률 × 두 번째 하이퍼파라미터"},
    "sweep.pair": {"en": "Optimizer and hyperparameter", "ko": "옵티마이저와 하이퍼파라미터"},
    "sweep.grid_lrs": {"en": "Learning rates in the grid", "ko": "격자의 학습률 개수"},
    "sweep.grid_values": {"en": "Values of the second hyperparameter", "ko": "두 번째 하이퍼파라미터 값 개수"},
    "sweep.grid_timing": {
        "en": "{runs} runs ({n_lrs} learning rates × {n_values} values) × {steps} steps in one batched run, "
              "{seconds:.3f} s; {diverged} diverged.",
        "ko": "실행 {runs}개(학습률 {n_lrs}개 × 값 {n_values}개) × {steps} 단계를 한 번의 일괄 실행으로 "
              "{seconds:.3f}초에 계산했습니다. 발산한 실행은 {diverged}개입니다.",
    },
    "sweep.heatmap_read": {
        "en": "Each cell is one run: its column is the learning rate (log scale), its row the value of the second "
              "hyperparameter. The colour is the final loss on a log scale, dark purple for low (good) and yellow for "
              "high; red cells diverged and the white star marks the best cell.\n\n"
              "With SGD, momentum lets small learning rates get further (the step grows to about lr / (1 − μ)), "
              "so the dark band slides to smaller rates as μ grows. The divergence edge does not move left with it: "
              "on a quadratic bowl heavy-ball momentum stays stable up to lr × curvature < 2(1 + μ), so the red "
              "region even starts a little later; but with μ close to 1 the runs keep swinging and end worse. "
              "Adam's β1 and β2 and RMSprop's α rarely make a run diverge: they change how quickly and how "
              "smoothly it settles. A β1 very close to 1 makes Adam overshoot and wobble.",
        "ko": "칸 하나가 실행 하나입니다. 열은 학습률(로그 눈금), 행은 두 번째 하이퍼파라미터의 값입니다. 색은 "
              "최종 손실을 로그 눈금으로 나타내며 짙은 보라색일수록 낮고(좋음) 노란색일수록 높습니다. 빨간 칸은 발산한 실행이고 "
              "흰 별은 가장 좋은 칸입니다.\n\n"
              "SGD에서 모멘텀은 작은 학습률로도 더 멀리 가게 해 줍니다(걸음이 대략 lr / (1 − μ)로 커집니다). 그래서 "
              "μ가 커질수록 짙은 띠가 작은 학습률 쪽으로 옮겨 갑니다. 하지만 발산 경계는 따라서 왼쪽으로 오지 "
              "않습니다. 이차 함수 그릇에서 모멘텀(heavy ball)은 lr × 곡률 < 2(1 + μ)까지 안정하므로 빨간 영역이 "
              "오히려 조금 늦게 시작합니다. 다만 μ가 1에 아주 가까우면 계속 출렁이다가 더 나쁜 곳에서 끝납니다. "
              "Adam의 β1, β2와 RMSprop의 α는 발산을 거의 일으키지 않고, 얼마나 빨리 그리고 얼마나 매끄럽게 "
              "자리를 잡는지를 바꿉니다. β1이 1에 아주 가까우면 Adam이 지나치고 흔들립니다.",
    },
    "sweep.f_star_unknown": {
        "en": "This surface has no known lowest value, so the loss is compared with the lowest loss any run "
              "reached without diverging.",
        "ko": "이 곡면은 알려진 최솟값이 없으므로, 발산하지 않은 실행이 도달한 가장 낮은 손실과 비교합니다.",
    },
}
