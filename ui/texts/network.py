"""The tiny-network page (Keras Dense(3) trained with SGD, Adam and RMSprop)."""

TEXT = {
    "network.intro": {
        "en": "The smallest network there is: one Dense layer with a single input and three outputs, and no "
              "activation. We feed it the number 1 and ask for the answer (0, 1, 0). Each epoch sees that one "
              "example once, so each epoch is exactly one update. Pick the optimizers and watch the loss fall "
              "and the three outputs walk towards their targets.",
        "ko": "가장 작은 신경망입니다. 입력 하나, 출력 셋, 활성화 함수 없는 Dense 층 하나뿐입니다. 입력으로 1을 "
              "넣고 (0, 1, 0)이 나오기를 기대합니다. 한 에포크에 이 예제를 딱 한 번 보므로, 에포크 하나가 곧 "
              "갱신 한 번입니다. 옵티마이저를 골라 손실이 줄어드는 모습과 세 출력값이 목표값을 향해 움직이는 "
              "모습을 살펴보세요.",
    },
    "network.start": {"en": "Initial weights", "ko": "초기 가중치"},
    "network.start_help": {
        "en": "'Keras tutorial': the kernel the tutorial printed after setting its random seed, bias 0. "
              "'glorot_uniform': a fresh draw from Keras's default initialiser (uniform within ±√(6/(1+3))), "
              "bias 0, made with NumPy from the seed below.",
        "ko": "'Keras tutorial': 튜토리얼이 랜덤 시드를 고정한 뒤 출력한 커널 값, 편향은 0입니다. "
              "'glorot_uniform': Keras의 기본 초기화 규칙(±√(6/(1+3)) 범위의 균등분포)으로 새로 뽑은 값이며, "
              "편향은 0이고 아래 시드로 NumPy가 뽑습니다.",
    },
    "network.seed": {"en": "Random seed", "ko": "랜덤 시드"},
    "network.seed_help": {
        "en": "Used only with glorot_uniform. NumPy draws the numbers, so the same seed in TensorFlow gives "
              "different weights.",
        "ko": "glorot_uniform을 고른 경우에만 쓰입니다. 숫자는 NumPy가 뽑으므로 TensorFlow에서 같은 시드를 "
              "써도 다른 가중치가 나옵니다.",
    },
    "network.epochs": {"en": "Epochs", "ko": "에포크 수"},
    "network.optimizers": {"en": "Optimizers", "ko": "옵티마이저"},
    "network.lrs": {"en": "Learning rates (Keras defaults)", "ko": "학습률 (Keras 기본값)"},
    "network.lr": {"en": "{name} learning rate", "ko": "{name} 학습률"},
    "network.none_selected": {"en": "Choose at least one optimizer in the sidebar.",
                              "ko": "사이드바에서 옵티마이저를 하나 이상 고르세요."},
    "network.model_title": {"en": "What the layer computes", "ko": "이 층이 하는 계산"},
    "network.model": {
        "en": "The layer multiplies its input x by a 1×3 weight matrix K (the kernel) and adds a bias b: three "
              "outputs, one per column of K. With x = 1 each output is just its weight plus its bias, so the "
              "layer has six numbers to learn and every one of them only affects its own output.",
        "ko": "이 층은 입력 x에 1×3 가중치 행렬 K(커널)를 곱하고 편향 b를 더합니다. K의 열마다 출력이 하나씩, "
              "모두 세 개가 나옵니다. x = 1이므로 각 출력은 자기 가중치와 편향을 더한 값일 뿐이고, 배워야 할 "
              "숫자 여섯 개는 각자 자기 출력에만 영향을 줍니다.",
    },
    "network.mse": {
        "en": "The loss 'mse' squares the gap between each output and its target and averages the three squares "
              "(Keras takes the mean over the outputs too, not the sum). From these initial weights the outputs "
              "are {y}, so the first loss is {loss}.",
        "ko": "손실 'mse'는 각 출력과 목표값의 차이를 제곱한 뒤 세 값을 평균 냅니다(Keras는 출력들에 대해서도 "
              "합이 아니라 평균을 씁니다). 지금의 초기 가중치에서 출력은 {y}이므로 첫 손실은 {loss}입니다.",
    },
    "network.loss_title": {"en": "Loss per epoch", "ko": "에포크별 손실"},
    "network.log_loss": {"en": "Log scale for the loss", "ko": "손실을 로그 눈금으로"},
    "network.outputs_title": {"en": "The three outputs, epoch by epoch", "ko": "에포크마다 바뀌는 세 출력값"},
    "network.outputs_help": {
        "en": "Press ▶ to replay training. Bars are the outputs after each epoch's update; the dashed marks are "
              "the targets 0, 1, 0.",
        "ko": "▶를 누르면 학습 과정이 다시 재생됩니다. 막대는 각 에포크의 갱신 뒤 출력값이고, 점선 표시는 "
              "목표값 0, 1, 0입니다.",
    },
    "network.log_title": {"en": "Training log (first epochs)", "ko": "학습 기록 (처음 몇 에포크)"},
    "network.log_caption": {
        "en": "Like Keras's fit() log: the loss of an epoch is measured on its forward pass, before its update, "
              "so epoch 1 shows the loss of the initial weights.",
        "ko": "Keras의 fit() 기록과 같은 방식입니다. 한 에포크의 손실은 갱신 전 순전파에서 잰 값이므로, "
              "에포크 1에는 초기 가중치의 손실이 나옵니다.",
    },
    "network.col_epoch": {"en": "Epoch", "ko": "에포크"},
    "network.final_title": {"en": "After the last epoch", "ko": "마지막 에포크 뒤"},
    "network.col_optimizer": {"en": "Optimizer", "ko": "옵티마이저"},
    "network.col_lr": {"en": "Learning rate", "ko": "학습률"},
    "network.col_last_loss": {"en": "Last reported loss", "ko": "마지막으로 출력된 손실"},
    "network.col_y1": {"en": "Output y1", "ko": "출력 y1"},
    "network.col_y2": {"en": "Output y2", "ko": "출력 y2"},
    "network.col_y3": {"en": "Output y3", "ko": "출력 y3"},
    "network.col_diverged_at": {"en": "Diverged", "ko": "발산"},
    "network.why_title": {"en": "Why the curves differ", "ko": "곡선이 서로 다른 이유"},
    "network.why": {
        "en": "SGD moves each weight by the learning rate times its gradient. Here the gradients are sizeable "
              "(the outputs start far from their targets), so SGD at 0.01 makes visible progress every epoch "
              "and slows down only as the errors shrink.\n\n"
              "Adam and RMSprop divide each gradient by a running estimate of its own size. In the first "
              "epochs that ratio is close to ±1, so every weight moves by about the learning rate no matter how "
              "large its gradient is. At Keras's default of 0.001 that is a thousandth per epoch (an output, being a weight "
              "plus a bias, moves about twice that): after 100 epochs the outputs have travelled only about 0.2, "
              "and the loss is still far above SGD's. This "
              "is not a weakness of the adaptive methods, just a learning rate chosen for large networks; raise "
              "their learning rate to 0.01 and both end below SGD after 100 epochs.\n\n"
              "RMSprop starts a little faster than Adam: its average of squared gradients begins at zero and is "
              "not bias-corrected, so the first steps are about √10 ≈ 3 times the learning rate. Adam corrects "
              "that bias and its momentum builds up gradually.",
        "ko": "SGD는 각 가중치를 '학습률 × 기울기'만큼 옮깁니다. 여기서는 출력이 목표값에서 멀리 떨어져 있어 "
              "기울기가 꽤 크므로, 학습률 0.01의 SGD도 에포크마다 눈에 띄게 나아가고 오차가 줄어들수록 "
              "천천히 움직입니다.\n\n"
              "Adam과 RMSprop은 기울기를 그 기울기 크기의 이동 평균으로 나눕니다. 처음 몇 에포크 동안 이 비율은 "
              "±1에 가까워서, 기울기가 크든 작든 모든 가중치가 대략 학습률만큼만 움직입니다. Keras 기본값 0.001이면 "
              "에포크마다 천분의 일씩이라(출력은 가중치와 편향의 합이므로 그 두 배쯤) 100 에포크가 지나도 출력은 "
              "0.2 정도밖에 움직이지 못하고, 손실도 "
              "SGD보다 한참 높습니다. 적응형 방법이 나빠서가 아니라 큰 신경망에 맞춰 정한 학습률이기 때문입니다. "
              "학습률을 0.01로 올리면 100 에포크 뒤 둘 다 SGD보다 낮은 손실에 도달합니다.\n\n"
              "RMSprop이 Adam보다 조금 빨리 출발하는 이유는, 기울기 제곱의 평균이 0에서 시작하는데 편향 보정을 "
              "하지 않아 첫 걸음이 학습률의 약 √10 ≈ 3배가 되기 때문입니다. Adam은 이 편향을 보정하고, "
              "모멘텀도 서서히 쌓입니다.",
    },
    "network.keras_note": {
        "en": "How close this is to Keras: SGD and Adam compute Keras's formulas (Adam with Keras's 'epsilon hat'), "
              "in float64 where Keras uses float32, so the printed losses agree to four decimals. Our RMSprop "
              "follows PyTorch and adds ε = 1e-7 after the square root, √v + ε, whereas Keras adds it inside, "
              "√(v + ε); with gradients of this size the two differ by less than one part in a million.",
        "ko": "Keras와 얼마나 같은가: SGD와 Adam은 Keras의 식 그대로 계산하며(Adam은 Keras의 'epsilon hat' 방식), "
              "Keras가 float32를 쓰는 곳에서 float64를 쓰므로 출력되는 손실이 소수점 넷째 자리까지 같습니다. "
              "RMSprop은 PyTorch 방식을 따라 ε = 1e-7을 제곱근 바깥에 더하고(√v + ε), Keras는 안쪽에 더합니다"
              "(√(v + ε)). 이 정도 크기의 기울기에서는 두 방식의 차이가 백만분의 일보다 작습니다.",
    },
    "network.diverged_cell": {"en": "at epoch {k}", "ko": "{k}번째 에포크"},
    "network.diverged_note": {
        "en": "{name} diverged at epoch {k}: its learning rate is too large for this layer.",
        "ko": "{name}이(가) {k}번째 에포크에서 발산했습니다. 이 층에는 학습률이 너무 큽니다.",
    },
}
