"""Curvature page: the Hessian, eigen-components, rates, the stability edge, a turned bowl, the edge of stability.

Figure labels are under ``curvature.fig.<figure>.<key>`` (``plotting.curvature.LABEL_KEYS``).
"""

TEXT = {
    "curvature.intro": {
        "en": "The other lessons show *what* the optimizers do: SGD zig-zags down a long valley, momentum "
              "overshoots, Adam cuts across. This one shows *why*. The reason is curvature: how fast the slope "
              "itself changes from one direction to another. The second derivatives of f, gathered in the "
              "Hessian matrix H, measure it exactly, and a handful of numbers taken from H (its eigenvalues) "
              "predict how fast gradient descent and momentum can go.",
        "ko": "다른 수업에서는 옵티마이저가 *무엇을* 하는지 보았습니다. SGD는 긴 골짜기를 지그재그로 내려가고, "
              "모멘텀은 지나쳤다 돌아오고, Adam은 가로질러 갑니다. 이번 수업은 *왜* 그런지를 봅니다. 답은 곡률, "
              "곧 기울기 자체가 방향에 따라 얼마나 빨리 바뀌는지에 있습니다. f의 2차 도함수를 모은 헤시안 "
              "행렬 H가 이것을 정확히 재고, H에서 뽑은 몇 개의 수(고윳값)만으로 경사하강법과 모멘텀이 얼마나 "
              "빨리 갈 수 있는지 미리 알 수 있습니다.",
    },
    # -- 1. the Hessian at a point ------------------------------------------------------------------
    "curvature.section_hessian": {"en": "1 · The Hessian at a point", "ko": "1 · 한 점에서의 헤시안"},
    "curvature.hessian_intro": {
        "en": "Pick a point: click the map, or type its coordinates. The Hessian there has two eigenvectors, the "
              "directions in which f curves the most and the least, at right angles to each other. The ellipse "
              "stretches each eigenvector by the size of its eigenvalue λ, so a long thin ellipse means very "
              "different curvature in different directions. The condition number κ = |λ|max / |λ|min says by how "
              "much.",
        "ko": "점을 하나 고르세요. 지도를 클릭하거나 좌표를 입력하면 됩니다. 그 점의 헤시안에는 서로 직각인 "
              "고유벡터가 두 개 있는데, f가 가장 많이 휘는 방향과 가장 적게 휘는 방향입니다. 타원은 각 "
              "고유벡터를 그 고윳값 λ의 크기만큼 늘린 모양이라서, 가늘고 길수록 방향에 따라 곡률이 크게 "
              "다르다는 뜻입니다. 조건수 κ = |λ|최대 / |λ|최소가 그 차이가 몇 배인지 알려 줍니다.",
    },
    "curvature.x": {"en": "Point x", "ko": "점 x"},
    "curvature.y": {"en": "Point y", "ko": "점 y"},
    "curvature.click_hint": {"en": "Tip: click on the map to move the point there.",
                             "ko": "팁: 지도를 클릭하면 점이 그곳으로 옮겨집니다."},
    "curvature.col_eigen": {"en": "eigenvalue λ", "ko": "고윳값 λ"},
    "curvature.col_vector": {"en": "eigenvector v", "ko": "고유벡터 v"},
    "curvature.col_curves": {"en": "along v, f", "ko": "v 방향으로 f는"},
    "curvature.col_grad": {"en": "∇f along v", "ko": "v 방향 ∇f 성분"},
    "curvature.curves_up": {"en": "curves up", "ko": "위로 휜다"},
    "curvature.curves_down": {"en": "curves down", "ko": "아래로 휜다"},
    "curvature.curves_flat": {"en": "is flat (to second order)", "ko": "(2차까지는) 평평하다"},
    "curvature.reading_minimum": {
        "en": "Both eigenvalues are positive: around this point f is a bowl. κ = {kappa}: f curves {kappa} times "
              "as much along v₂ as along v₁. One learning rate has to serve both directions, and the steep one "
              "sets its limit: gradient descent grows along v₂ unless lr < 2/λmax = {edge}. With such a step it "
              "creeps along v₁.",
        "ko": "두 고윳값이 모두 양수이므로 이 점 주변에서 f는 그릇 모양입니다. κ = {kappa}: v₂ 방향으로 v₁ "
              "방향보다 {kappa}배 더 휩니다. 학습률 하나로 두 방향을 모두 감당해야 하는데, 한계를 정하는 것은 "
              "가파른 쪽입니다. lr < 2/λ최대 = {edge}가 아니면 경사하강법은 v₂ 방향으로 점점 멀어집니다. 그만큼 "
              "작은 걸음으로는 v₁ 방향으로 기어가듯 움직입니다.",
    },
    "curvature.reading_maximum": {
        "en": "Both eigenvalues are negative: around this point f is a cap, curving down in every direction. "
              "Gradient descent slides off it whichever way it starts.",
        "ko": "두 고윳값이 모두 음수이므로 이 점 주변에서 f는 모든 방향으로 아래로 휘는 봉우리입니다. "
              "경사하강법은 어느 쪽으로 출발하든 여기서 미끄러져 내려갑니다.",
    },
    "curvature.reading_saddle": {
        "en": "One eigenvalue is positive and one negative: a saddle. Along the eigenvector with λ < 0 f curves "
              "down, so that is the way out; along the other it curves up, so gradient descent is pulled back "
              "in. κ = {kappa} compares the two sizes.",
        "ko": "고윳값 하나는 양수, 하나는 음수이므로 안장 모양입니다. λ < 0인 고유벡터 방향으로는 f가 아래로 "
              "휘어서 그쪽이 빠져나갈 길이고, 다른 방향으로는 위로 휘어서 경사하강법을 다시 끌어당깁니다. "
              "κ = {kappa}는 두 크기를 비교한 값입니다.",
    },
    "curvature.reading_degenerate": {
        "en": "An eigenvalue is zero: along its eigenvector f is flat to second order, and the Hessian alone "
              "cannot say whether it goes up or down there (κ = ∞).",
        "ko": "고윳값 하나가 0입니다. 그 고유벡터 방향으로는 f가 2차까지 평평해서, 헤시안만으로는 그쪽으로 "
              "올라가는지 내려가는지 알 수 없습니다(κ = ∞).",
    },
    "curvature.gradient_share": {
        "en": "The gradient here is ({gx}, {gy}). {share} of its length lies along the steep eigenvector v₂: "
              "the downhill direction −∇f points across the valley, not along it. That is the zig-zag.",
        "ko": "이 점의 기울기는 ({gx}, {gy})입니다. 그 길이의 {share}가 가파른 고유벡터 v₂ 방향에 있습니다. "
              "내리막 방향 −∇f는 골짜기를 따라가지 않고 가로지르는 쪽을 가리킵니다. 이것이 지그재그의 "
              "원인입니다.",
    },
    "curvature.at_critical": {
        "en": "The gradient is zero here: this is a stationary point, and the Hessian decides what kind.",
        "ko": "여기서는 기울기가 0입니다. 정류점이고, 어떤 종류인지는 헤시안이 정합니다.",
    },
    # -- 2. eigen-components -------------------------------------------------------------------------------
    "curvature.section_eigen": {"en": "2 · The error, one eigenvector at a time", "ko": "2 · 고유벡터별로 본 오차"},
    "curvature.eigen_intro": {
        "en": "On a quadratic bowl f = ½ xᵀ A x the Hessian is A everywhere, and gradient descent is simple: the "
              "error's component along each eigenvector is multiplied by 1 − lr·λ at every step, whatever the "
              "other component does. Heavy-ball momentum turns each component into a damped swing. Below, GD and "
              "momentum run on a bowl of condition number κ turned by θ; the right panel splits their error "
              "along the two eigenvectors (on a log scale, a constant factor per step is a straight line).",
        "ko": "이차 그릇 f = ½ xᵀ A x에서는 헤시안이 어디서나 A이고, 경사하강법도 단순해집니다. 고유벡터마다 "
              "오차 성분에 매 걸음 1 − lr·λ가 곱해지고, 다른 성분과는 서로 상관이 없습니다. 무거운 공 모멘텀은 "
              "각 성분을 감쇠하며 흔들리는 진동으로 바꿉니다. 아래에서는 조건수 κ인 그릇을 θ만큼 돌려 놓고 "
              "GD와 모멘텀을 돌립니다. 오른쪽 그림은 오차를 두 고유벡터 방향으로 나눈 것입니다(로그 눈금에서는 "
              "걸음마다 일정한 비율로 줄어드는 것이 직선으로 보입니다).",
    },
    "curvature.kappa": {"en": "Condition number κ = λmax / λmin", "ko": "조건수 κ = λ최대 / λ최소"},
    "curvature.kappa_help": {
        "en": "λmax is 2, λmin = 2/κ. κ = 20 is the book's bowl x²/20 + y².",
        "ko": "λ최대는 2, λ최소 = 2/κ입니다. κ = 20이 책의 그릇 x²/20 + y²입니다.",
    },
    "curvature.theta": {"en": "Bowl turned by θ (degrees)", "ko": "그릇을 돌린 각 θ (도)"},
    "curvature.theta_help": {
        "en": "The flat eigenvector points along θ. Turning the bowl mixes x and y, not the eigen-components.",
        "ko": "완만한 고유벡터가 θ 방향을 가리킵니다. 그릇을 돌리면 x와 y는 섞이지만 고유벡터 성분은 섞이지 "
              "않습니다.",
    },
    "curvature.optimal": {"en": "Optimal step sizes", "ko": "최적의 보폭"},
    "curvature.optimal_help": {
        "en": "GD: lr = 2/(λmin + λmax). Momentum: lr = (2/(√λmax + √λmin))², β = ((√κ − 1)/(√κ + 1))². "
              "Switch off to choose them yourself.",
        "ko": "GD: lr = 2/(λ최소 + λ최대). 모멘텀: lr = (2/(√λ최대 + √λ최소))², β = ((√κ − 1)/(√κ + 1))². "
              "끄면 직접 고를 수 있습니다.",
    },
    "curvature.gd_lr": {"en": "GD learning rate", "ko": "GD 학습률"},
    "curvature.momentum_lr": {"en": "Momentum learning rate", "ko": "모멘텀 학습률"},
    "curvature.beta": {"en": "Momentum β", "ko": "모멘텀 β"},
    "curvature.steps": {"en": "Steps", "ko": "반복 횟수"},
    "curvature.col_method": {"en": "method", "ko": "방법"},
    "curvature.col_lr": {"en": "learning rate", "ko": "학습률"},
    "curvature.col_beta": {"en": "momentum β", "ko": "모멘텀 β"},
    "curvature.col_predicted": {"en": "predicted rate", "ko": "예측한 수렴 비율"},
    "curvature.col_measured": {"en": "measured rate", "ko": "측정한 수렴 비율"},
    "curvature.col_steps6": {"en": "steps to shrink the error 10⁶×", "ko": "오차를 10⁶분의 1로 줄이는 걸음 수"},
    "curvature.never": {"en": "never", "ko": "줄지 않음"},
    "curvature.eigen_read": {
        "en": "**How to read it.** A rate is the factor by which the error shrinks per step (smaller is faster). "
              "At the optimal step GD shrinks both components by (κ − 1)/(κ + 1): the step is the largest the "
              "steep direction allows, and the flat direction still crawls. Momentum's components shrink by "
              "(√κ − 1)/(√κ + 1), which for a large κ is far smaller: at κ = 100, 0.98 against 0.82, about ten "
              "times fewer steps. The measured rate is the geometric mean of the per-step error ratio over the "
              "second half of the run.",
        "ko": "**읽는 법.** 수렴 비율은 걸음마다 오차에 곱해지는 수입니다(작을수록 빠릅니다). 최적 보폭의 GD는 "
              "두 성분을 모두 (κ − 1)/(κ + 1)배로 줄입니다. 가파른 방향이 허락하는 가장 큰 걸음인데도 완만한 "
              "방향으로는 기어가듯 움직이기 때문입니다. 모멘텀은 (√κ − 1)/(√κ + 1)배로 줄이는데, κ가 크면 훨씬 "
              "작은 값입니다. κ = 100이면 0.98 대 0.82로, 걸음 수가 약 10분의 1이 됩니다. 측정한 비율은 실행의 "
              "뒤쪽 절반에서 걸음마다의 오차 비율을 기하평균한 값입니다.",
    },
    # -- 3. rates ---------------------------------------------------------------------------------------
    "curvature.section_rates": {"en": "3 · Predicted and measured rates", "ko": "3 · 예측한 수렴 속도와 측정한 수렴 속도"},
    "curvature.rates_intro": {
        "en": "The same two methods at their optimal settings, on bowls of every condition number from 1 to "
              "1000. The lines are the formulas; the markers are what the runs actually did.",
        "ko": "같은 두 방법을 최적의 설정으로, 조건수 1부터 1000까지의 그릇에서 돌립니다. 선은 공식이고, 점은 "
              "실제 실행이 보인 값입니다.",
    },
    "curvature.rates_kappa": {"en": "Highlight κ", "ko": "강조할 κ"},
    "curvature.rates_caption": {
        "en": "{runs} runs ({n} values of κ × 2 methods, {steps} steps each) in one batched call.",
        "ko": "{runs}개 실행(κ {n}개 × 방법 2개, 각각 {steps}걸음)을 한 번의 일괄 호출로 돌렸습니다.",
    },
    "curvature.rates_read": {
        "en": "GD's rate creeps towards 1 as κ grows (it needs about κ/2 steps per factor e), momentum's about "
              "√κ/2. That is the whole case for momentum on an ill-conditioned problem, and why preconditioning "
              "(making κ smaller) helps every method.",
        "ko": "κ가 커지면 GD의 수렴 비율은 1에 가까워집니다(오차를 e분의 1로 줄이는 데 약 κ/2걸음). 모멘텀은 "
              "약 √κ/2걸음입니다. 조건이 나쁜 문제에서 모멘텀을 쓰는 이유가 바로 이것이고, 전처리(κ를 줄이는 "
              "것)가 모든 방법에 도움이 되는 이유이기도 합니다.",
    },
    # -- 4. the stability edge on the heatmap ------------------------------------------------------------------
    "curvature.section_edge": {"en": "4 · Where momentum blows up", "ko": "4 · 모멘텀이 폭발하는 경계"},
    "curvature.edge_intro": {
        "en": "On a quadratic, heavy-ball momentum is stable exactly while lr·λmax < 2(1 + β). The heatmap is the "
              "learning-rate sweep's: final loss of SGD for every pair of learning rate and momentum (red: "
              "diverged). The dashed line is that formula, drawn from the Hessian alone, before any run.",
        "ko": "이차함수에서 무거운 공 모멘텀은 lr·λ최대 < 2(1 + β)일 때만 안정합니다. 히트맵은 학습률 스윕 "
              "페이지의 것으로, 학습률과 모멘텀의 모든 쌍에 대한 SGD의 최종 손실입니다(빨강: 발산). 점선은 실행을 "
              "하나도 돌리지 않고 헤시안만으로 그린 이 공식입니다.",
    },
    "curvature.edge_surface": {"en": "Quadratic surface", "ko": "이차함수 곡면"},
    "curvature.edge_steps": {"en": "Steps per run", "ko": "실행마다 걸음 수"},
    "curvature.edge_caption": {
        "en": "λmax = {lam}: the edge runs from lr = {low} (β = 0, GD's 2/λmax) to lr = {high} (β = {beta}). "
              "{runs} runs in one batched call.",
        "ko": "λ최대 = {lam}: 경계는 lr = {low}(β = 0, GD의 2/λ최대)에서 lr = {high}(β = {beta})까지 "
              "이어집니다. {runs}개 실행을 한 번의 일괄 호출로 돌렸습니다.",
    },
    "curvature.edge_read": {
        "en": "Right of the line every run diverges (given enough steps; just past the edge a run grows slowly, "
              "so it may still look finite after a few hundred). Momentum buys a larger stable learning rate, up "
              "to twice GD's as β approaches 1.",
        "ko": "선 오른쪽의 실행은 모두 발산합니다(걸음이 충분하다면요. 경계를 갓 넘은 실행은 천천히 커지므로 "
              "몇백 걸음 뒤에도 유한해 보일 수 있습니다). 모멘텀을 쓰면 안정한 학습률이 커져서, β가 1에 "
              "가까우면 GD의 두 배까지 갑니다.",
    },
    "curvature.edge_name": {"en": "stability edge lr = 2(1 + β)/λmax, λmax = {lam}",
                            "ko": "안정 경계 lr = 2(1 + β)/λ최대, λ최대 = {lam}"},
    # -- 5. rotation ------------------------------------------------------------------------------------------------
    "curvature.section_rotation": {"en": "5 · Turn the bowl", "ko": "5 · 그릇을 돌리면"},
    "curvature.rotation_intro": {
        "en": "The book's bowl x²/20 + y², turned by θ together with its start (−7, 2). SGD and momentum only "
              "ever use the gradient as a whole vector, so turning the problem turns their path and changes "
              "nothing else. AdaGrad, RMSprop and Adam divide each coordinate by its own running gradient size: "
              "on the unturned bowl that undoes the difference in curvature between x and y, but once the "
              "valley runs diagonally the steep and the flat directions share both coordinates, and the "
              "advantage is gone.",
        "ko": "책의 그릇 x²/20 + y²를 시작점 (−7, 2)와 함께 θ만큼 돌립니다. SGD와 모멘텀은 기울기를 언제나 "
              "벡터 하나로 통째로 쓰기 때문에, 문제를 돌리면 경로도 그대로 돌아갈 뿐 다른 것은 바뀌지 않습니다. "
              "AdaGrad, RMSprop, Adam은 좌표마다 그 좌표의 누적 기울기 크기로 나눕니다. 돌리지 않은 그릇에서는 "
              "이것이 x와 y의 곡률 차이를 없애 주지만, 골짜기가 대각선으로 놓이면 가파른 방향과 완만한 방향이 두 "
              "좌표에 섞여서 그 이점이 사라집니다.",
    },
    "curvature.rotation_theta": {"en": "Turn by θ (degrees)", "ko": "돌리는 각 θ (도)"},
    "curvature.rotation_steps": {"en": "Steps", "ko": "반복 횟수"},
    "curvature.col_loss_unturned": {"en": "final loss, θ = 0°", "ko": "최종 손실, θ = 0°"},
    "curvature.col_loss_turned": {"en": "final loss, θ = {theta}°", "ko": "최종 손실, θ = {theta}°"},
    "curvature.col_drift": {"en": "path vs the turned θ = 0° path", "ko": "θ = 0° 경로를 돌린 것과의 차이"},
    "curvature.same_path": {"en": "the same (rounding)", "ko": "같음(반올림 오차)"},
    "curvature.rotation_read": {
        "en": "The last column compares each path with the θ = 0° path turned by θ (largest distance, relative to "
              "the start's): zero up to rounding for SGD and momentum, far from zero for the per-coordinate "
              "methods. Try θ = 45°, where the valley is most diagonal.",
        "ko": "마지막 열은 각 경로를 θ = 0°일 때의 경로를 θ만큼 돌린 것과 비교한 값입니다(가장 큰 거리를 "
              "시작점까지의 거리로 나눔). SGD와 모멘텀은 반올림 오차 수준으로 0이고, 좌표별 방법들은 0과 거리가 "
              "멉니다. 골짜기가 가장 비스듬한 θ = 45°를 해 보세요.",
    },
    # -- 6. edge of stability ---------------------------------------------------------------------------------------
    "curvature.section_eos": {"en": "6 · The edge of stability", "ko": "6 · 안정성의 경계"},
    "curvature.eos_intro": {
        "en": "Away from quadratics the curvature changes along the way. The sharpness λmax(H) at each iterate "
              "decides whether a GD step of size lr can settle there: only where λmax < 2/lr. On Rosenbrock's "
              "banana valley the floor gets sharper towards the minimum (λmax ≈ 200 at (0, 0), 1002 at (1, 1)). "
              "With a large step GD walks up the valley while the sharpness climbs, until it reaches 2/lr; there "
              "it hovers, bouncing across the valley, and cannot go on to the sharp minimum. With a small step "
              "the minimum is within reach.",
        "ko": "이차함수가 아니면 가는 길에 곡률이 바뀝니다. 각 반복점에서의 날카로움 λ최대(H)가 lr만 한 GD "
              "걸음이 거기 머물 수 있는지를 정합니다. λ최대 < 2/lr인 곳에서만 가능합니다. 로젠브록의 바나나 "
              "골짜기는 최솟값에 가까울수록 바닥이 날카로워집니다((0, 0)에서 λ최대 ≈ 200, (1, 1)에서 1002). "
              "걸음이 크면 GD는 골짜기를 따라 올라가며 날카로움도 함께 올라가다가 2/lr에 닿으면 거기서 골짜기를 "
              "가로질러 튕기며 맴돌 뿐, 날카로운 최솟값까지 가지 못합니다. 걸음이 작으면 최솟값에 닿을 수 "
              "있습니다.",
    },
    "curvature.computing": {"en": "Running GD and taking the Hessian at every step…",
                            "ko": "GD를 돌리며 걸음마다 헤시안을 구하는 중…"},
    "curvature.eos_surface": {"en": "Loss surface", "ko": "손실 함수"},
    "curvature.eos_lr": {"en": "Large learning rate", "ko": "큰 학습률"},
    "curvature.eos_lr2": {"en": "Small learning rate", "ko": "작은 학습률"},
    "curvature.eos_steps": {"en": "Steps", "ko": "반복 횟수"},
    "curvature.eos_x": {"en": "Start x", "ko": "시작점 x"},
    "curvature.eos_y": {"en": "Start y", "ko": "시작점 y"},
    "curvature.eos_climbed": {
        "en": "lr = {lr}: the sharpness came within 10 % of 2/lr = {threshold} at step {k}; over the second half "
              "of the run it stayed between {low} and {high} (mean {mean}).",
        "ko": "lr = {lr}: {k}번째 걸음에서 날카로움이 2/lr = {threshold}의 10 % 안으로 들어왔고, 실행의 뒤쪽 "
              "절반 동안 {low}에서 {high} 사이(평균 {mean})에 머물렀습니다.",
    },
    "curvature.eos_below": {
        "en": "lr = {lr}: the sharpness stayed below 2/lr = {threshold}; over the second half of the run it was "
              "between {low} and {high}.",
        "ko": "lr = {lr}: 날카로움은 2/lr = {threshold} 아래에 머물렀고, 실행의 뒤쪽 절반 동안 {low}에서 "
              "{high} 사이였습니다.",
    },
    "curvature.eos_diverged": {
        "en": "lr = {lr}: diverged at step {k}: the step was too large for the curvature it met (2/lr = {threshold}).",
        "ko": "lr = {lr}: {k}번째 걸음에서 발산했습니다. 만난 곡률에 비해 걸음이 너무 컸습니다(2/lr = "
              "{threshold}).",
    },
    "curvature.eos_read": {
        "en": "Cohen et al. (2021) saw the same in neural networks trained with full-batch GD: the sharpness rises "
              "until it meets 2/lr, then hovers there while the loss keeps falling, unevenly. Here the valley "
              "leaves nowhere flatter to go, so the loss stops falling too.",
        "ko": "Cohen 외(2021)는 전체 배치 GD로 학습하는 신경망에서 같은 현상을 보았습니다. 날카로움이 2/lr에 "
              "닿을 때까지 오르고, 그다음에는 그 근처를 맴도는 동안 손실은 오르내리며 계속 줄어듭니다. 여기서는 "
              "골짜기에 더 완만한 곳이 없어서 손실도 더 줄지 않습니다.",
    },
    # -- 7. second-order methods -------------------------------------------------------------------------------------
    "curvature.section_second_order": {"en": "7 · Newton and L-BFGS use the curvature",
                                       "ko": "7 · 곡률을 쓰는 뉴턴법과 L-BFGS"},
    "curvature.second_order_intro": {
        "en": "If the Hessian makes GD slow, why not use it? Newton's method divides the gradient by the Hessian: "
              "x ← x − H⁻¹∇f. On a quadratic that lands on the minimum in one step, whatever κ. L-BFGS builds an "
              "estimate of H⁻¹ from the last few steps and gradient changes, without ever forming H, and picks "
              "each step's length by a line search (the small crosses are the points it tried). Rosenbrock from "
              "(−1.2, 1): GD at lr 0.001, pure Newton, and L-BFGS with the strong Wolfe line search.",
        "ko": "헤시안 때문에 GD가 느리다면, 헤시안을 직접 쓰면 어떨까요? 뉴턴법은 기울기를 헤시안으로 "
              "나눕니다: x ← x − H⁻¹∇f. 이차함수라면 κ가 얼마든 한 걸음에 최솟값에 닿습니다. L-BFGS는 H를 만들지 "
              "않고 최근 몇 걸음의 이동과 기울기 변화로 H⁻¹을 추정하며, 걸음 길이는 선 탐색으로 정합니다(작은 "
              "× 표시가 시도한 점들입니다). 로젠브록 함수를 (−1.2, 1)에서: 학습률 0.001의 GD, 순수 뉴턴법, "
              "강한 울프 선 탐색을 쓰는 L-BFGS입니다.",
    },
    "curvature.second_order_steps": {"en": "Steps", "ko": "반복 횟수"},
    "curvature.col_final_loss": {"en": "final loss", "ko": "최종 손실"},
    "curvature.col_steps_to_tol": {"en": "steps to f − f* ≤ 1e-8", "ko": "f − f* ≤ 1e-8까지 걸음 수"},
    "curvature.col_evaluations": {"en": "f and ∇f evaluations", "ko": "f와 ∇f 계산 횟수"},
    "curvature.second_order_read": {
        "en": "Newton needs 5 steps, but on the way it jumps to f ≈ 1400 (the Hessian's model is only good near "
              "the point), and each step solves a d × d system with the exact Hessian: fine in 2-D, out of reach "
              "for a network with millions of weights. L-BFGS keeps a few vectors instead of a matrix and "
              "gets within 10⁻⁸ in 34 steps (42 evaluations); GD with a step that the valley's walls allow has barely "
              "started.",
        "ko": "뉴턴법은 5걸음이면 되지만 도중에 f ≈ 1400으로 튀어 오릅니다(헤시안이 만드는 모형은 그 점 "
              "근처에서만 맞기 때문입니다). 또 걸음마다 정확한 헤시안으로 d × d 연립방정식을 풉니다. 2차원에서는 "
              "괜찮지만 가중치가 수백만 개인 신경망에서는 불가능합니다. L-BFGS는 행렬 대신 벡터 몇 개만 보관하고 "
              "34걸음(계산 42번) 만에 10⁻⁸ 이내로 들어옵니다. 골짜기 벽이 허락하는 보폭의 GD는 이제 막 출발했을 뿐입니다.",
    },
    "curvature.fig.trials.trials": {"en": "L-BFGS line-search trials", "ko": "L-BFGS 선 탐색 시도점"},
    # -- 8. Newton solves ∇f = 0 ------------------------------------------------------------------------------------------
    "curvature.section_newton": {"en": "8 · Newton solves ∇f = 0, it does not descend",
                                 "ko": "8 · 뉴턴법은 ∇f = 0을 풀 뿐, 내려가지 않는다"},
    "curvature.newton_intro": {
        "en": "Newton's step goes to where the local quadratic model is flat, and a saddle or a maximum is flat "
              "too. On Himmelblau's function (four minima, four saddles and a maximum at (−0.27, −0.92)) pure "
              "Newton from (0, 0) climbs straight to the maximum. Two repairs: damping, x ← x − (H + λI)⁻¹∇f, "
              "which makes H + λI positive once λ exceeds the most negative curvature; and saddle-free Newton, "
              "which uses |H| (the eigenvalues made positive), so that negative curvature pushes away.",
        "ko": "뉴턴 걸음은 그 점의 이차 모형이 평평해지는 곳으로 가는데, 안장점과 최댓값도 평평한 곳입니다. "
              "힘멜블라우 함수(최솟값 넷, 안장점 넷, (−0.27, −0.92)의 최댓값 하나)에서 순수 뉴턴법은 (0, 0)에서 "
              "곧장 최댓값으로 올라갑니다. 고치는 방법은 둘입니다. 감쇠 x ← x − (H + λI)⁻¹∇f는 λ가 가장 음수인 "
              "곡률보다 크면 H + λI를 양의 정부호로 만들고, 안장점 회피 뉴턴법은 |H|(고윳값을 양수로 바꾼 것)를 "
              "써서 음의 곡률이 오히려 밀어내게 합니다.",
    },
    "curvature.damping": {"en": "Damping λ", "ko": "감쇠 λ"},
    "curvature.damping_help": {
        "en": "Added to the Hessian's diagonal in the damped run. At Himmelblau's maximum the curvatures are −46 "
              "and −16: above 46 every H + λI there is positive.",
        "ko": "감쇠 실행에서 헤시안의 대각에 더합니다. 힘멜블라우 함수의 최댓값에서 곡률은 −46과 −16이라, 46보다 "
              "크면 그곳의 H + λI가 모두 양의 정부호가 됩니다.",
    },
    "curvature.newton_x": {"en": "Start x", "ko": "시작점 x"},
    "curvature.newton_y": {"en": "Start y", "ko": "시작점 y"},
    "curvature.newton_pure": {"en": "Newton (pure)", "ko": "뉴턴법 (순수)"},
    "curvature.newton_damped": {"en": "Newton, damping λ = {damping}", "ko": "뉴턴법, 감쇠 λ = {damping}"},
    "curvature.newton_saddle_free": {"en": "saddle-free Newton (|H|)", "ko": "안장점 회피 뉴턴법 (|H|)"},
    "curvature.newton_gd": {"en": "GD (lr 0.01)", "ko": "GD (학습률 0.01)"},
    "curvature.col_variant": {"en": "method", "ko": "방법"},
    "curvature.col_minimum": {"en": "ends at a minimum", "ko": "최솟값에 도착"},
    "curvature.col_saddle": {"en": "at a saddle", "ko": "안장점에 도착"},
    "curvature.col_maximum": {"en": "at the maximum", "ko": "최댓값에 도착"},
    "curvature.col_elsewhere": {"en": "elsewhere", "ko": "그 밖의 곳"},
    "curvature.col_diverged": {"en": "diverged", "ko": "발산"},
    "curvature.newton_caption": {
        "en": "Where {n:,} starts on a grid over the map end after {steps} steps: pure and damped Newton in one "
              "batched call (damping per run), saddle-free Newton in another.",
        "ko": "지도 위 격자의 시작점 {n:,}개가 {steps}걸음 뒤 도착한 곳입니다. 순수 뉴턴법과 감쇠 뉴턴법은 한 번의 "
              "일괄 호출(실행마다 감쇠값이 다름)로, 안장점 회피 뉴턴법은 또 한 번의 호출로 돌렸습니다.",
    },
    # -- figure labels (plotting.curvature.LABEL_KEYS) ---------------------------------------------------------------------
    "curvature.fig.hessian.point": {"en": "chosen point", "ko": "고른 점"},
    "curvature.fig.hessian.ellipse": {"en": "Hessian ellipse: eigenvectors × |λ|", "ko": "헤시안 타원: 고유벡터 × |λ|"},
    "curvature.fig.hessian.eigen": {"en": "v{i}: λ = {lam}, {how}", "ko": "v{i}: 고윳값 λ = {lam}, {how}"},
    "curvature.fig.hessian.curves_up": {"en": "curves up", "ko": "위로 휨"},
    "curvature.fig.hessian.curves_down": {"en": "curves down (dashed)", "ko": "아래로 휨 (점선)"},
    "curvature.fig.hessian.flat": {"en": "flat", "ko": "평평함"},
    "curvature.fig.hessian.descent": {"en": "−∇f: steepest descent", "ko": "−∇f: 가장 가파른 내리막"},
    "curvature.fig.hessian.kappa": {"en": "κ = {kappa}", "ko": "κ = {kappa}"},
    "curvature.fig.hessian.kappa_inf": {"en": "κ = ∞", "ko": "κ = ∞"},
    "curvature.fig.hessian.kind_minimum": {"en": "bowl (both λ > 0)", "ko": "그릇 (두 λ > 0)"},
    "curvature.fig.hessian.kind_maximum": {"en": "cap (both λ < 0)", "ko": "봉우리 (두 λ < 0)"},
    "curvature.fig.hessian.kind_saddle": {"en": "saddle (λ of both signs)", "ko": "안장 (λ의 부호가 다름)"},
    "curvature.fig.hessian.kind_degenerate": {"en": "degenerate (a λ is 0)", "ko": "퇴화 (λ 하나가 0)"},
    "curvature.fig.hessian.click": {"en": "click: Hessian here", "ko": "클릭: 여기의 헤시안"},
    "curvature.fig.eigen.map_title": {"en": "paths on the bowl", "ko": "그릇 위의 경로"},
    "curvature.fig.eigen.components_title": {"en": "|error| along each eigenvector", "ko": "고유벡터별 |오차|"},
    "curvature.fig.eigen.along_min": {"en": "along v₁ (λ = {lam})", "ko": "v₁ 방향 (λ = {lam})"},
    "curvature.fig.eigen.along_max": {"en": "along v₂ (λ = {lam})", "ko": "v₂ 방향 (λ = {lam})"},
    "curvature.fig.eigen.predicted": {"en": "{name}: predicted rate {rate}", "ko": "{name}: 예측 비율 {rate}"},
    "curvature.fig.eigen.step": {"en": "step", "ko": "단계"},
    "curvature.fig.eigen.error": {"en": "|error component| (log scale)", "ko": "|오차 성분| (로그 눈금)"},
    "curvature.fig.eigen.direction": {"en": "eigenvector, λ = {lam}", "ko": "고유벡터, λ = {lam}"},
    "curvature.fig.eigen.gd": {"en": "GD", "ko": "GD"},
    "curvature.fig.eigen.momentum": {"en": "Momentum", "ko": "모멘텀"},
    "curvature.fig.eigen.start": {"en": "start", "ko": "시작점"},
    "curvature.fig.rates.gd_predicted": {"en": "GD, predicted (κ − 1)/(κ + 1)", "ko": "GD, 예측 (κ − 1)/(κ + 1)"},
    "curvature.fig.rates.momentum_predicted": {"en": "Momentum, predicted (√κ − 1)/(√κ + 1)",
                                               "ko": "모멘텀, 예측 (√κ − 1)/(√κ + 1)"},
    "curvature.fig.rates.gd_measured": {"en": "GD, measured", "ko": "GD, 측정"},
    "curvature.fig.rates.momentum_measured": {"en": "Momentum, measured", "ko": "모멘텀, 측정"},
    "curvature.fig.rates.kappa_axis": {"en": "condition number κ (log scale)", "ko": "조건수 κ (로그 눈금)"},
    "curvature.fig.rates.rate_axis": {"en": "rate: error factor per step", "ko": "수렴 비율: 걸음마다 오차에 곱해지는 수"},
    "curvature.fig.rates.chosen": {"en": "κ = {kappa}", "ko": "κ = {kappa}"},
    "curvature.fig.edge.map_title": {"en": "GD paths", "ko": "GD 경로"},
    "curvature.fig.edge.sharpness_title": {"en": "sharpness λmax(H) at each step", "ko": "걸음마다의 날카로움 λ최대(H)"},
    "curvature.fig.edge.loss_title": {"en": "loss f − f* (log scale)", "ko": "손실 f − f* (로그 눈금)"},
    "curvature.fig.edge.sharpness": {"en": "λmax(H)", "ko": "λ최대(H)"},
    "curvature.fig.edge.threshold": {"en": "2/lr = {threshold} (lr = {lr})", "ko": "2/lr = {threshold} (학습률 {lr})"},
    "curvature.fig.edge.loss": {"en": "f − f*", "ko": "f − f*"},
    "curvature.fig.edge.step": {"en": "step", "ko": "단계"},
    "curvature.fig.edge.run": {"en": "GD, lr = {lr}", "ko": "GD, 학습률 {lr}"},
    "curvature.fig.edge.start": {"en": "start", "ko": "시작점"},
}
