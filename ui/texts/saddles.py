"""Saddle points and basins of attraction page."""

TEXT = {
    "saddles.intro": {
        "en": "A zero gradient does not mean you have arrived. Gradient descent only ever asks which way is "
              "downhill right here, so a saddle point (flat, but with a way down) can hold it forever, and "
              "on a landscape with several valleys the start alone decides which valley it ends in.",
        "ko": "기울기가 0이라고 해서 목적지에 도착했다는 뜻은 아닙니다. 경사하강법은 지금 서 있는 자리에서 "
              "어느 쪽이 내리막인지만 묻기 때문에, 평평하지만 내려갈 길이 남아 있는 안장점에 영영 붙잡힐 수 "
              "있습니다. 골짜기가 여러 개인 지형에서는 어디서 출발했느냐 하나로 어느 골짜기에 닿을지가 정해집니다.",
    },
    "saddles.sidebar": {"en": "Saddle scene", "ko": "안장점 장면"},
    "saddles.optimizer": {"en": "Optimizer", "ko": "옵티마이저"},
    "saddles.delta": {"en": "Nudge δ added to start y", "ko": "시작점 y에 더할 작은 변화 δ"},
    "saddles.delta_help": {
        "en": "The second run starts at (x₀, y₀ + δ): the same start, pushed off the axis by a hair.",
        "ko": "두 번째 실행은 (x₀, y₀ + δ)에서 출발합니다. 같은 출발점을 축에서 아주 조금만 밀어낸 것입니다.",
    },
    "saddles.noise": {"en": "Gradient noise σ", "ko": "기울기 잡음 σ"},
    "saddles.noise_help": {
        "en": "The third run adds a random number drawn from N(0, σ²) to every gradient component at every "
              "step, a stand-in for the noise of mini-batch gradients.",
        "ko": "세 번째 실행은 매 단계 기울기의 각 성분에 N(0, σ²)에서 뽑은 난수를 더합니다. 미니배치 기울기가 "
              "지닌 잡음을 흉내 낸 것입니다.",
    },
    "saddles.seed": {"en": "Noise seed", "ko": "잡음 시드"},
    "saddles.seed_help": {
        "en": "Same seed, same noise: the run can be repeated exactly.",
        "ko": "시드가 같으면 잡음도 같아서 실행을 그대로 다시 재현할 수 있습니다.",
    },
    "saddles.section_saddle": {"en": "1 · Stuck on a saddle", "ko": "1 · 안장점에 갇히다"},
    "saddles.why_stall": {
        "en": "**Why gradient descent stops here.** At a saddle the gradient is exactly zero, so the update "
              "−lr·∇f is zero too and nothing moves. Near the saddle, only one direction can carry the point "
              "away: the one in which the surface curves downward (the *unstable* direction). Gradient "
              "descent grows a deviation along that direction, but it cannot create one. If the start has "
              "*exactly zero* component along it, that component stays zero at every step, and the run "
              "slides into the saddle along the other, uphill-curving directions.",
        "ko": "**경사하강법이 여기서 멈추는 이유.** 안장점에서는 기울기가 정확히 0이므로 이동량 −lr·∇f도 0이 "
              "되어 아무것도 움직이지 않습니다. 안장점 근처에서 점을 밀어낼 수 있는 방향은 곡면이 아래로 휘는 "
              "방향(*불안정한* 방향) 하나뿐입니다. 경사하강법은 그 방향으로 이미 벗어난 만큼을 키워 줄 수는 "
              "있어도, 없던 벗어남을 만들어 내지는 못합니다. 출발점의 그 방향 성분이 *정확히 0*이면 모든 "
              "단계에서 0으로 남고, 점은 위로 휘는 나머지 방향을 따라 안장점 속으로 미끄러져 들어갑니다.",
    },
    "saddles.axis_saddle": {
        "en": "For f = x² − y² the gradient is (2x, −2y). On the x-axis (y = 0) its y-part is exactly 0, so "
              "gradient descent does x ← (1 − 2·lr)·x and y stays 0: the x-axis leads straight into the saddle "
              "at (0, 0). Off the axis, y ← (1 + 2·lr)·y grows by the same factor every step, so even "
              "δ = 10⁻⁶ becomes large after about a hundred steps.",
        "ko": "f = x² − y²의 기울기는 (2x, −2y)입니다. x축(y = 0) 위에서는 y 성분이 정확히 0이라서 경사하강법은 "
              "x ← (1 − 2·lr)·x만 계산하고 y는 0에 머뭅니다. 그래서 x축은 곧장 (0, 0)의 안장점으로 이어집니다. "
              "축을 조금이라도 벗어나면 y ← (1 + 2·lr)·y가 매 단계 같은 비율로 커지므로, δ = 10⁻⁶이라도 백 "
              "단계쯤 지나면 커다란 값이 됩니다.",
    },
    "saddles.axis_monkey": {
        "en": "For f = x³ − 3xy² the gradient is (3x² − 3y², −6xy); its y-part is again exactly 0 on the x-axis. "
              "There the update is x ← x − 3·lr·x². From x > 0 the point moves *toward* the saddle, but ever "
              "more slowly, roughly x ≈ 1/(3·lr·k) after k steps, because the surface is flat to second order "
              "at the centre: it never quite arrives, it creeps. From x < 0 the same rule pushes x further "
              "negative: that half of the axis is a valley falling to −∞, and the run diverges. In polar "
              "form f = r³·cos 3θ, so the three rays θ = 0°, 120°, 240° lead in (we start on the first one, "
              "the only one that is exact in floating point) and the three rays between them are valleys. "
              "Off the axis the escape is slow too: the deviation grows only as the point gets close to "
              "the centre, so a nudge of 10⁻⁶ takes a few hundred steps.",
        "ko": "f = x³ − 3xy²의 기울기는 (3x² − 3y², −6xy)이고, 여기서도 x축 위에서는 y 성분이 정확히 0입니다. "
              "x축에서의 업데이트는 x ← x − 3·lr·x²입니다. x > 0에서 출발하면 점은 안장점 *쪽으로* 가지만 "
              "갈수록 느려져서, k 단계 뒤에는 대략 x ≈ 1/(3·lr·k)입니다. 가운데가 2차까지 평평하기 때문에 "
              "끝내 도착하지 못하고 기어가기만 합니다. x < 0에서 출발하면 같은 규칙이 x를 더 음수 쪽으로 "
              "밀어냅니다. 축의 그쪽 절반은 −∞까지 떨어지는 골짜기라서 실행이 발산합니다. 극좌표로 쓰면 "
              "f = r³·cos 3θ이므로, θ = 0°, 120°, 240°의 세 반직선은 안쪽으로 이끌고(부동소수점에서 정확히 "
              "유지되는 것은 첫 번째뿐이라 그 위에서 출발합니다) 그 사이의 세 반직선은 골짜기입니다. 축을 "
              "벗어난 경우에도 탈출은 느립니다. 점이 가운데에 가까워질수록 벗어남이 커지기 때문에 10⁻⁶만큼 "
              "밀린 점은 몇백 단계가 걸립니다.",
    },
    "saddles.off_axis": {
        "en": "Your start has y₀ = {y:g}, so it is not on the attracting axis y = 0: even the run without a "
              "nudge has something to grow.",
        "ko": "시작점의 y₀ = {y:g}라서 끌어당기는 축 y = 0 위에 있지 않습니다. 그래서 밀지 않은 실행에도 "
              "키울 만한 벗어남이 이미 있습니다.",
    },
    "saddles.run_unperturbed": {"en": "on the axis (no nudge)", "ko": "축 위 (그대로)"},
    "saddles.run_perturbed": {"en": "perturbed start (δ = {delta:g})", "ko": "살짝 민 출발점 (δ = {delta:g})"},
    "saddles.run_noise": {"en": "gradient noise σ = {sigma:g}", "ko": "기울기 잡음 σ = {sigma:g}"},
    "saddles.final_title": {"en": "Where each run ended", "ko": "각 실행이 끝난 곳"},
    "saddles.col_run": {"en": "run", "ko": "실행"},
    "saddles.col_start": {"en": "start", "ko": "시작점"},
    "saddles.col_final": {"en": "final point", "ko": "마지막 위치"},
    "saddles.col_distance": {"en": "distance to the saddle", "ko": "안장점까지 거리"},
    "saddles.col_grad": {"en": "|∇f| there", "ko": "그곳의 |∇f|"},
    "saddles.col_status": {"en": "outcome", "ko": "결과"},
    "saddles.status_at_saddle": {"en": "stopped at the saddle", "ko": "안장점에서 멈춤"},
    "saddles.status_approaching": {"en": "still creeping toward the saddle", "ko": "아직 안장점 쪽으로 기어가는 중"},
    "saddles.status_escaped": {"en": "escaped", "ko": "탈출"},
    "saddles.status_unmoved": {"en": "did not move", "ko": "움직이지 않음"},
    "saddles.status_diverged": {"en": "escaped, then diverged at step {k}", "ko": "탈출한 뒤 {k} 단계에서 발산"},
    "saddles.result_at_saddle": {
        "en": "Without a nudge the run ended at ({x}, {y}), {d:.1e} from the saddle, where |∇f| = {g:.1e}: "
              "it stopped on the saddle.",
        "ko": "밀지 않은 실행은 ({x}, {y})에서 끝났습니다. 안장점까지 {d:.1e}, 그곳의 |∇f| = {g:.1e}로, "
              "안장점에 멈춰 섰습니다.",
    },
    "saddles.result_approaching": {
        "en": "Without a nudge the run ended at ({x}, {y}), {d:.2g} from the saddle, where |∇f| = {g:.1e}: "
              "still creeping toward it and hardly moving.",
        "ko": "밀지 않은 실행은 ({x}, {y})에서 끝났습니다. 안장점까지 {d:.2g}, 그곳의 |∇f| = {g:.1e}로, "
              "여전히 안장점 쪽으로 기어가고 있지만 거의 움직이지 않습니다.",
    },
    "saddles.result_unmoved": {
        "en": "Without a nudge the run did not move from ({x}, {y}): with lr = 0 no rule takes a step.",
        "ko": "밀지 않은 실행이 ({x}, {y})에서 움직이지 않았습니다. lr = 0이면 어떤 규칙도 한 걸음을 내딛지 않습니다.",
    },
    "saddles.result_left": {
        "en": "Even the run without a nudge left the saddle: it ended at ({x}, {y}).",
        "ko": "밀지 않은 실행도 안장점을 떠났습니다. ({x}, {y})에서 끝났습니다.",
    },
    "saddles.result_noise_escaped": {
        "en": "With gradient noise σ = {sigma:g} the run escaped: last point ({x}, {y}), {d:.3g} from the saddle.",
        "ko": "기울기 잡음 σ = {sigma:g}를 넣은 실행은 탈출했습니다. 마지막 위치 ({x}, {y}), 안장점까지 {d:.3g}.",
    },
    "saddles.result_noise_stuck": {
        "en": "With gradient noise σ = {sigma:g} the run has not escaped within {steps} steps (last point "
              "({x}, {y})). Give it more steps or more noise.",
        "ko": "기울기 잡음 σ = {sigma:g}를 넣은 실행이 {steps} 단계 안에 탈출하지 못했습니다(마지막 위치 "
              "({x}, {y})). 반복 횟수나 잡음을 늘려 보세요.",
    },
    "saddles.why_noise": {
        "en": "**Why noise gets you out.** The stall needs the unstable component to be *exactly* zero at every "
              "step. Any random kick gives it a small nonzero value, and from then on each gradient step "
              "multiplies that value instead of shrinking it. Stochastic and mini-batch gradients are noisy "
              "by nature, since each batch sees slightly different data, which is one reason why training "
              "with them rarely ends on a saddle. Noise does not make the escape instant, though: on a flat "
              "(degenerate) saddle such as the monkey saddle it takes many steps, and how many depends on the seed.",
        "ko": "**잡음이 탈출을 돕는 이유.** 멈추려면 불안정한 방향의 성분이 매 단계 *정확히* 0이어야 합니다. "
              "무작위로 한 번만 툭 건드려도 그 성분이 0이 아닌 작은 값이 되고, 그다음부터는 경사하강법이 그 값을 "
              "줄이는 대신 매번 몇 배씩 키웁니다. 확률적 경사나 미니배치 경사는 배치마다 보는 데이터가 조금씩 "
              "달라서 원래 잡음을 품고 있고, 이것이 그런 학습이 안장점에서 끝나는 일이 드문 까닭 중 하나입니다. "
              "다만 잡음이 있다고 곧바로 빠져나오는 것은 아닙니다. 원숭이 안장처럼 평평한(퇴화한) 안장점에서는 "
              "여러 단계가 걸리고, 몇 단계가 걸릴지는 시드에 따라 달라집니다.",
    },
    "saddles.section_basins": {"en": "2 · Basins of attraction", "ko": "2 · 끌개 분지"},
    "saddles.basins_intro": {
        "en": "Start gradient descent at every point of a grid and colour each start by the minimum it ends "
              "in. The set of starts that end in the same minimum is that minimum's **basin of attraction**. "
              "Basins meet along ridges, and saddle points sit on those borders: a start exactly on a border "
              "behaves like the stalled run above, sliding along the border into the saddle.",
        "ko": "격자의 모든 점에서 경사하강법을 출발시키고, 각 출발점을 그 실행이 도착한 최솟값의 색으로 "
              "칠합니다. 같은 최솟값에 도착하는 출발점들의 모임이 그 최솟값의 **끌개 분지**입니다. 분지끼리는 "
              "능선을 따라 맞닿고, 그 경계 위에 안장점이 놓입니다. 경계 위에서 정확히 출발하면 위에서 본 "
              "멈춘 실행처럼 경계를 따라 안장점으로 미끄러져 들어갑니다.",
    },
    "saddles.basin_surface": {"en": "Non-convex surface", "ko": "비볼록 함수"},
    "saddles.resolution": {"en": "Starts per side", "ko": "한 변의 출발점 수"},
    "saddles.resolution_help": {
        "en": "n means n × n starts on a 2-D surface, or n² starts along x for a 1-D function.",
        "ko": "n이면 2차원 함수에서는 n × n개, 1차원 함수에서는 x축을 따라 n²개의 출발점을 씁니다.",
    },
    "saddles.computing": {"en": "Running every start in one batched call…", "ko": "모든 출발점을 한 번의 일괄 호출로 실행하는 중…"},
    "saddles.timing": {
        "en": "{n:,} starts × {steps} steps, one batched call each: {chosen:.2f} s for {name}, "
              "{convex:.2f} s for {partner} (wall time measured when this result was computed).",
        "ko": "출발점 {n:,}개 × {steps} 단계를 각각 한 번의 일괄 호출로 실행: {name} {chosen:.2f}초, "
              "{partner} {convex:.2f}초 (이 결과를 계산할 때 잰 실제 경과 시간).",
    },
    "saddles.counts_title": {"en": "Starts per basin: {name}", "ko": "분지별 출발점 수: {name}"},
    "saddles.col_basin": {"en": "basin", "ko": "분지"},
    "saddles.col_value": {"en": "f at the minimum", "ko": "최솟값의 f"},
    "saddles.col_kind": {"en": "kind", "ko": "종류"},
    "saddles.col_starts": {"en": "starts", "ko": "출발점 수"},
    "saddles.col_share": {"en": "share", "ko": "비율"},
    "saddles.kind_global": {"en": "global minimum", "ko": "전역 최솟값"},
    "saddles.kind_local": {"en": "local minimum", "ko": "지역 최솟값"},
    "saddles.kind_none": {"en": "no listed minimum", "ko": "알려진 최솟값 아님"},
    "saddles.kind_diverged": {"en": "diverged", "ko": "발산"},
    "saddles.none_note": {
        "en": "\"No listed minimum\": the run ended farther than {tol:g} from every known minimum (still "
              "moving, stuck near a saddle, or headed for a valley outside the window).",
        "ko": "\"알려진 최솟값 아님\"은 실행이 알려진 어떤 최솟값에서도 {tol:g}보다 멀리 떨어진 곳에서 "
              "끝났다는 뜻입니다(아직 움직이는 중이거나, 안장점 근처에 걸렸거나, 창 밖의 골짜기로 가는 중).",
    },
    "saddles.convex": {
        "en": "**Convex vs non-convex.** A convex function curves upward everywhere: the straight line between "
              "any two points of its graph never dips below it. It has no saddles and at most one valley, so "
              "the whole plane is one basin and the start does not matter (left). A non-convex function can "
              "have many valleys; gradient descent then finds *a* minimum, the one whose basin the start "
              "happens to lie in, not necessarily the lowest (right). Compare the values in the table: on the "
              "six-hump camel or the 1-D functions, many starts settle in a local minimum.",
        "ko": "**볼록과 비볼록.** 볼록 함수는 어디서나 위로 휘어 있어서, 그래프 위의 두 점을 잇는 선분이 "
              "그래프 아래로 내려가는 일이 없습니다. 안장점이 없고 골짜기도 많아야 하나라서 평면 전체가 "
              "분지 하나이고, 어디서 출발하든 결과가 같습니다(왼쪽). 비볼록 함수에는 골짜기가 여럿 있을 수 "
              "있습니다. 그러면 경사하강법은 *어떤* 최솟값, 곧 출발점이 속한 분지의 최솟값을 찾을 뿐이고, "
              "그것이 가장 낮은 최솟값이라는 보장은 없습니다(오른쪽). 표의 f 값을 비교해 보세요. 여섯 혹 낙타 등 "
              "함수나 1차원 함수에서는 많은 출발점이 지역 최솟값에 자리를 잡습니다.",
    },
}
