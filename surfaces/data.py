"""Data objectives: a model's mean loss on a small data set, seen as a surface over its parameters.

>>> import surfaces
>>> from surfaces import datasets
>>> X, y = datasets.regression(n=50, seed=0)
>>> ls = surfaces.least_squares(X, y)          # params (w, b)
>>> ls.dim, ls.n_samples
(2, 50)
>>> ls.grad([[0.0, 0.0]], rows=[3, 14, 15]).shape  # gradient of one mini-batch
(1, 2)

``value(points)`` is always the full-data loss; ``grad(points, rows)``,
``hess(points, rows)`` and ``loss(points, rows)`` use the rows of one mini-batch,
shared by all points, so a batch of runs sees the same sample at each step.
Everything is vectorized over points of shape ``(..., dim)``; ``hess`` returns
``(..., dim, dim)``.
"""

from __future__ import annotations

import numpy as np

from .base import FLOAT, CriticalPoint, DataObjective

# Largest number of (point, sample, output) residuals held at once; bigger requests
# (say a 200x200 plotting grid over a thousand samples) are cut into chunks of points.
_CHUNK = 1 << 20

# A hinge margin this close to 1 counts as lying on the kink, so that rounding at a
# minimiser (margins of exactly 1 computed as 1 - 1e-16) does not switch a sample on.
_KINK_TOL = 1e-12

# Above this many samples the exact hinge minimiser search (O(n^3)) is skipped.
_HINGE_EXACT_MAX = 400

# Data and starts beyond this magnitude are refused: their squared errors would overflow.
_MAX_ABS = 1e100


# -- validation -------------------------------------------------------------------

def _finite(name: str, value) -> np.ndarray:
    try:
        arr = np.asarray(value, dtype=FLOAT)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be numeric, got {type(value).__name__}: {exc}") from None
    if arr.size and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite (no NaN or inf)")
    if arr.size and np.abs(arr).max() > _MAX_ABS:
        raise ValueError(f"{name} must stay within ±{_MAX_ABS:g} (squares of larger values overflow)")
    return arr


def _matrix(name: str, value, columns: int | None = None) -> np.ndarray:
    """A 2-D (n, c) array with n >= 1; a 1-D array means one column."""
    arr = _finite(name, value)
    if arr.ndim == 1:
        arr = arr[:, None]
    if arr.ndim != 2:
        raise ValueError(f"{name} must be 1-D or 2-D (samples, columns), got shape {arr.shape}")
    if arr.shape[0] < 1:
        raise ValueError(f"{name} needs at least one sample, got shape {arr.shape}")
    if arr.shape[1] < 1:
        raise ValueError(f"{name} needs at least one column, got shape {arr.shape}")
    if columns is not None and arr.shape[1] != columns:
        raise ValueError(f"{name} must have {columns} column(s), got shape {arr.shape}")
    return arr


def _vector(name: str, value, n: int) -> np.ndarray:
    arr = _finite(name, value)
    if arr.ndim == 2 and arr.shape[1:] == (1,):
        arr = arr[:, 0]
    if arr.shape != (n,):
        raise ValueError(f"{name} must have shape ({n},) to match the inputs, got {arr.shape}")
    return arr


def _starts(value, dim: int, name: str) -> tuple[tuple[float, ...], ...]:
    arr = _finite("starts", value)
    if arr.ndim == 1:
        arr = arr[None, :]
    if arr.ndim != 2 or arr.shape[1] != dim or arr.shape[0] < 1:
        raise ValueError(f"starts for {name} must have shape (k, {dim}), got {arr.shape}")
    return tuple(tuple(float(c) for c in row) for row in arr)


# -- shared machinery ----------------------------------------------------------------

def _chunked(fn, params: np.ndarray, per_point: int) -> np.ndarray:
    """fn over the leading points of ``params`` in chunks that keep memory bounded."""
    lead = params.shape[:-1]
    count = int(np.prod(lead, dtype=np.int64))
    if count * per_point <= _CHUNK or count <= 1:
        return fn(params)
    flat = params.reshape(count, params.shape[-1])
    step = max(1, _CHUNK // per_point)
    parts = [fn(flat[i:i + step]) for i in range(0, count, step)]
    out = np.concatenate(parts, axis=0)
    return out.reshape(lead + out.shape[1:])


def _window(center, half_widths, starts, scale=1.5):
    """Box around ``center``: ``scale`` x the half-widths, floored, and padded to hold every start."""
    half = scale * np.asarray(half_widths, dtype=FLOAT)
    half = np.where(np.isfinite(half), half, 0.0)
    top = half.max(initial=0.0)
    half = np.maximum(half, 0.1 * top) if top > 0 else np.ones_like(half)
    lo, hi = center - half, center + half
    for s in np.atleast_2d(np.asarray(starts, dtype=FLOAT)):
        lo = np.minimum(lo, s - 0.1 * half)
        hi = np.maximum(hi, s + 0.1 * half)
    return tuple((float(a), float(b)) for a, b in zip(lo, hi)), half


def _second_start(center, half):
    """A start on the far side of the window: alternate the sign per coordinate."""
    signs = np.where(np.arange(len(center)) % 2 == 0, -1.0, 1.0)
    return tuple(float(c) for c in center + 0.75 * signs * half)


def _rows_data(arrays, rows):
    return arrays if rows is None else tuple(a[rows] for a in arrays)


# -- linear model, mean squared error (least squares and the Keras Dense layer) ---------

class _LinearMSE:
    """outputs = inputs @ K (+ b); loss = mean over samples and outputs of (outputs - T)^2.

    Parameters are K (features x outputs) flattened row-major, then b: the same order
    as the rows of the augmented matrix [K; b], which is what ``lstsq`` returns.
    """

    def __init__(self, X: np.ndarray, T: np.ndarray, use_bias: bool):
        self.X, self.T, self.use_bias = X, T, use_bias
        self.n, self.f = X.shape
        self.m = T.shape[1]
        self.n_kernel = self.f * self.m
        self.dim = self.n_kernel + (self.m if use_bias else 0)

    def outputs(self, params, inputs):  # (..., dim), (k, f) -> (..., k, m)
        kernel = params[..., : self.n_kernel].reshape(params.shape[:-1] + (self.f, self.m))
        # Elementwise sums rather than matmul: BLAS may round a batch of runs differently
        # from a single run, and a batched run must equal its runs done one at a time.
        out = params[..., None, self.n_kernel:] if self.use_bias else 0.0
        for i in range(self.f):
            out = out + inputs[:, i, None] * kernel[..., None, i, :]
        return np.broadcast_to(out, params.shape[:-1] + (len(inputs), self.m))

    def value(self, params, rows):
        X, T = _rows_data((self.X, self.T), rows)
        return _chunked(lambda q: np.mean((self.outputs(q, X) - T) ** 2, axis=(-2, -1)), params, T.size)

    def grad(self, params, rows):
        X, T = _rows_data((self.X, self.T), rows)

        def one_chunk(q):
            residual = self.outputs(q, X) - T                                   # (..., k, m)
            by_output = np.ascontiguousarray(np.swapaxes(residual, -1, -2))     # (..., m, k)
            scale = 2.0 / T.size
            g_kernel = np.stack([(by_output * X[:, i]).sum(axis=-1) for i in range(self.f)], axis=-2)
            parts = [g_kernel.reshape(q.shape[:-1] + (self.n_kernel,)) * scale]  # rows of K, row-major
            if self.use_bias:
                parts.append(by_output.sum(axis=-1) * scale)
            return np.concatenate(parts, axis=-1)

        return _chunked(one_chunk, params, T.size)

    def hess(self, params, rows):
        """The exact Hessian, the same at every point: (2 / (k m)) ZᵀZ ⊗ I_m, Z = [X 1] on the k rows.

        Parameter (row a of [K; b], output j) sits at index a·m + j, and output j depends only
        on column j, so the loss is m copies of one quadratic form in the rows of [K; b].
        """
        X, T = _rows_data((self.X, self.T), rows)
        Z = self.augmented(X)
        G = np.einsum("si,sj->ij", Z, Z)  # ZᵀZ, the same for every point
        return np.kron(G, np.eye(self.m)) * (2.0 / T.size)

    def augmented(self, X):
        return np.hstack([X, np.ones((len(X), 1))]) if self.use_bias else X

    def optimum(self) -> np.ndarray:
        """The least-squares parameters (minimum norm if the data do not pin them down)."""
        W, *_ = np.linalg.lstsq(self.augmented(self.X), self.T, rcond=None)
        return W.reshape(-1)

    def half_widths(self, excess: float) -> np.ndarray:
        """Per-coordinate reach of the level set {loss <= loss* + excess}.

        Loss - loss* = vec(Δ)ᵀ (G ⊗ I_m) vec(Δ) / m with G = ZᵀZ / n, so the ellipse
        reaches sqrt(excess · m · G⁺_ii) along each coordinate of row i.
        """
        Z = self.augmented(self.X)
        G_pinv = np.linalg.pinv(Z.T @ Z / self.n)
        return np.repeat(np.sqrt(max(excess, 0.0) * self.m * np.clip(np.diag(G_pinv), 0.0, None)), self.m)


def _linear_mse_objective(model: _LinearMSE, *, name, starts, latex, title, description, squeeze, targets,
                          recipe):
    theta = model.optimum()
    best = float(model.value(theta, None))
    start_list = [np.zeros(model.dim)] if starts is None else [np.array(s) for s in starts]
    excess = float(model.value(np.array([np.zeros(model.dim)] + start_list), None).max()) - best
    if not excess > 1e-12 * max(best, 1.0):  # every start already optimal: fall back to the targets' scale
        excess = max(float(np.mean(model.T ** 2)), 1.0)
    window, half = _window(theta, model.half_widths(excess), start_list)
    if starts is None:
        start_list.append(np.array(_second_start(theta, half)))

    def output_fn(params, inputs):
        out = model.outputs(params, inputs)
        return out[..., 0] if squeeze else out

    return DataObjective(
        name=name,
        dim=model.dim,
        value_fn=lambda p: model.value(p, None),
        grad_fn=lambda p: model.grad(p, None),
        hess_fn=lambda p: model.hess(p, None),
        window=window,
        starts=tuple(tuple(float(c) for c in s) for s in start_list),
        critical_points=(CriticalPoint(tuple(float(c) + 0.0 for c in theta), best, "global minimum"),),
        latex=latex,
        title=title,
        description=description,
        inputs=model.X,
        targets=targets,
        batch_value_fn=model.value,
        batch_grad_fn=model.grad,
        batch_hess_fn=model.hess,
        output_fn=output_fn,
        recipe=recipe,
    )


def least_squares(X, y, *, starts=None) -> DataObjective:
    """Linear regression ``y ≈ X w + b`` with the mean squared error ``mean((X w + b − y)²)``.

    ``X`` is ``(n, f)`` (a 1-D array is one feature), ``y`` is ``(n,)``. Parameters are
    the ``f`` weights then the bias, so one feature gives the 2-D surface ``(w, b)``.
    ``hess`` is the constant ``(2/n) [X 1]ᵀ[X 1]`` (over the mini-batch's rows when given).
    The global minimum is the ``np.linalg.lstsq`` solution; the window is centred on it
    and reaches out to the origin and to every start. ``starts`` defaults to the origin
    (weights initialised to zero) and a point on the far side of the valley.
    ``predict(params, X)`` gives ``X w + b`` with shape ``(..., m)``.
    """
    X = _matrix("X", X)
    y = _vector("y", y, len(X))
    model = _LinearMSE(X, y[:, None], use_bias=True)
    f = X.shape[1]
    if f == 1:
        latex = r"L(w, b) = \frac{1}{n}\sum_{i=1}^{n} \left(w x_i + b - y_i\right)^2"
        params_en, params_ko = "(w, b)", "(w, b)"
    else:
        latex = (r"L(\mathbf{w}, b) = \frac{1}{n}\sum_{i=1}^{n} "
                 r"\left(\mathbf{w}^\top \mathbf{x}_i + b - y_i\right)^2")
        params_en, params_ko = f"the {f} weights and the bias", f"가중치 {f}개와 편향"
    return _linear_mse_objective(
        model,
        name="least_squares",
        starts=None if starts is None else _starts(starts, model.dim, "least_squares"),
        latex=latex,
        title={"en": "Least squares (linear regression)", "ko": "최소제곱 (선형 회귀)"},
        description={
            "en": f"The mean squared error of a straight-line fit, as a function of {params_en}. "
                  "It is a quadratic bowl whose lowest point is the ordinary least-squares fit. "
                  "A mini-batch gradient points roughly, not exactly, downhill, so stochastic runs wobble.",
            "ko": f"직선으로 데이터를 맞출 때의 평균제곱오차를 {params_ko}에 대한 함수로 본 것입니다. "
                  "모양은 이차 그릇이고, 가장 낮은 곳이 최소제곱 해입니다. 미니배치로 구한 기울기는 대략 "
                  "내리막을 가리킬 뿐 정확하지 않아서, 확률적 경사하강법의 경로는 흔들립니다.",
        },
        squeeze=True,
        targets=y,
        recipe=(least_squares, (X, y), {"starts": starts}),
    )


def dense_mse(inputs, targets, use_bias: bool = True, *, starts=None) -> DataObjective:
    """A Keras ``Dense(units=out)`` layer without activation, compiled with ``loss="mse"``.

    ``inputs`` is ``(n, in)`` and ``targets`` is ``(n, out)`` (1-D arrays mean one column).
    The loss is Keras' mse: the mean over samples *and* outputs of ``(x K + b − t)²``.
    Parameters are the kernel ``K`` of shape ``(in, out)`` flattened row-major, then the
    bias ``b`` (left out when ``use_bias`` is False): ``dim = in*out + out``.
    ``outputs(params, inputs)`` gives ``x K + b`` with shape ``(..., m, out)``. ``hess`` is
    constant: ``(2 / (n·out)) ZᵀZ ⊗ I_out`` with ``Z = [inputs 1]``, in the parameter order above.

    >>> from surfaces import datasets
    >>> inputs, targets, start = datasets.keras_dense_example()
    >>> layer = dense_mse(inputs, targets, starts=[start])
    >>> round(float(layer.value(start)), 4)
    1.0738
    """
    X = _matrix("inputs", inputs)
    T = _matrix("targets", targets)
    if len(T) != len(X):
        raise ValueError(f"inputs and targets need the same number of samples, got {len(X)} and {len(T)}")
    model = _LinearMSE(X, T, use_bias=bool(use_bias))
    bias = r" + \mathbf{b}" if use_bias else ""
    return _linear_mse_objective(
        model,
        name="dense_mse",
        starts=None if starts is None else _starts(starts, model.dim, "dense_mse"),
        latex=(r"L(K" + (r", \mathbf{b}" if use_bias else "") + r") = \frac{1}{n\,m}\sum_{i=1}^{n}\sum_{j=1}^{m}"
               r" \left((\mathbf{x}_i K" + bias + r")_j - t_{ij}\right)^2"),
        title={"en": "Dense layer with MSE (Keras)", "ko": "Dense 층 + MSE (Keras)"},
        description={
            "en": f"A Keras Dense layer with {X.shape[1]} input(s), {T.shape[1]} output(s) and no activation, "
                  "trained with loss='mse': the squared error averaged over samples and outputs. "
                  f"With {model.dim} parameters there is no single picture of the surface, so watch "
                  "the loss curve and the outputs move towards the targets.",
            "ko": f"입력 {X.shape[1]}개, 출력 {T.shape[1]}개에 활성화 함수가 없는 Keras Dense 층을 loss='mse'로 "
                  "학습시킬 때의 손실입니다. 제곱오차를 샘플과 출력 모두에 대해 평균 냅니다. 매개변수가 "
                  f"{model.dim}개라서 곡면을 한 장의 그림으로 그릴 수는 없으니, 손실 곡선과 출력값이 목표값에 "
                  "다가가는 모습을 지켜보세요.",
        },
        squeeze=False,
        targets=T,
        recipe=(dense_mse, (X, T, bool(use_bias)), {"starts": starts}),
    )


# -- hinge loss -------------------------------------------------------------------------

def _hinge_minimiser(A: np.ndarray) -> tuple[np.ndarray, float] | None:
    """A minimiser of mean(max(0, 1 − A w)) over w in R², with A = y x row by row.

    The loss is convex and piecewise linear on the arrangement of the lines a_i·w = 1,
    so some vertex of that arrangement (or the foot of the perpendicular from the
    origin to one line) attains the minimum. Among the tied minimisers we return the
    shortest: for separable data that is the maximum-margin (hard SVM) direction.
    """
    n = len(A)
    if n > _HINGE_EXACT_MAX:
        return None
    i, j = np.triu_indices(n, k=1)
    det = A[i, 0] * A[j, 1] - A[i, 1] * A[j, 0]
    ok = np.abs(det) > 1e-12 * (np.abs(A[i]).max(axis=1) * np.abs(A[j]).max(axis=1) + 1e-300)
    i, j, det = i[ok], j[ok], det[ok]
    vertices = np.stack([(A[j, 1] - A[i, 1]) / det, (A[i, 0] - A[j, 0]) / det], axis=-1)
    norms = np.einsum("ij,ij->i", A, A)
    feet = A[norms > 0] / norms[norms > 0, None]
    candidates = np.vstack([np.zeros((1, 2)), feet, vertices])
    losses = np.concatenate([
        np.maximum(0.0, 1.0 - chunk @ A.T).mean(axis=1)
        for chunk in np.array_split(candidates, max(1, candidates.size * n // _CHUNK + 1))
    ])
    best = losses.min()
    tied = np.flatnonzero(losses <= best + 1e-12 * max(1.0, best))
    pick = tied[np.argmin(np.einsum("ij,ij->i", candidates[tied], candidates[tied]))]
    return candidates[pick], float(best)


def hinge(X, y, *, starts=None) -> DataObjective:
    """Linear classifier through the origin, ``sign(w·x)``, with the mean hinge loss.

    ``L(w) = mean(max(0, 1 − y_i w·x_i))`` over ``w = (w1, w2)``; ``X`` is ``(n, 2)``
    and the labels ``y`` are −1 or +1. At a kink (margin exactly 1, or within 1e-12
    of it) the sample contributes the subgradient 0, so a sample counts only while
    its margin is strictly below 1. At a minimiser on a kink of non-separable data
    this subgradient need not be 0, although 0 is in the subdifferential.

    The loss is piecewise linear and has no regulariser, so its Hessian is 0 wherever it
    exists, i.e. everywhere off the kinks; ``hess`` returns 0 there too (a kink's
    curvature is a Dirac spike that no matrix holds), and NaN at non-finite points.

    The global minimum is found exactly for up to 400 samples (the shortest
    minimiser, i.e. the max-margin direction for separable data). ``predict(params,
    X)`` gives ±1 labels (a score of 0 counts as +1); ``outputs`` gives the scores w·x.
    """
    X = _matrix("X", X, columns=2)
    y = _vector("y", y, len(X))
    if not np.all(np.isin(y, (-1.0, 1.0))):
        bad = np.unique(y[~np.isin(y, (-1.0, 1.0))])[:5]
        raise ValueError(f"labels y must be -1 or +1, got {bad.tolist()}")
    A = y[:, None] * X

    def scores(params, inputs):  # w·x for every point and input: (..., 2), (k, 2) -> (..., k)
        return params[..., 0, None] * inputs[:, 0] + params[..., 1, None] * inputs[:, 1]

    def batch_value(params, rows):
        Ab = A if rows is None else A[rows]
        return _chunked(lambda q: np.maximum(0.0, 1.0 - scores(q, Ab)).mean(axis=-1), params, len(Ab))

    def batch_grad(params, rows):
        Ab = A if rows is None else A[rows]

        def one_chunk(q):
            active = (scores(q, Ab) < 1.0 - _KINK_TOL).astype(FLOAT)   # (..., k)
            g = np.stack([0.0 - (active * Ab[:, j]).mean(axis=-1) for j in (0, 1)], axis=-1)  # 0.0 - keeps +0
            return np.where(np.isfinite(q).all(axis=-1, keepdims=True), g, np.nan)

        return _chunked(one_chunk, params, len(Ab))

    def batch_hess(params, rows):
        return np.zeros(params.shape[:-1] + (2, 2))  # piecewise linear: no curvature off the kinks

    found = _hinge_minimiser(A)
    norms = np.linalg.norm(X, axis=1)
    radius = 2.0 / float(np.median(norms[norms > 0])) if np.any(norms > 0) else 1.0
    if found is not None and np.any(found[0] != 0):
        w_star, best = found
        radius = max(1.5 * float(np.abs(w_star).max()), radius / 2)
        direction = w_star / np.linalg.norm(w_star)
        critical = (CriticalPoint(tuple(float(c) for c in w_star), float(batch_value(w_star, None)),
                                  "global minimum"),)
    else:
        direction = np.array([1.0, 0.0])
        critical = () if found is None else (CriticalPoint((0.0, 0.0), 1.0, "global minimum"),)

    def rotated(angle_deg, length):
        a = np.deg2rad(angle_deg)
        c, s = np.cos(a), np.sin(a)
        return (length * (c * direction[0] - s * direction[1]), length * (s * direction[0] + c * direction[1]))

    if starts is None:
        start_list = (rotated(150, 0.8 * radius), rotated(-110, 0.6 * radius))
    else:
        start_list = _starts(starts, 2, "hinge")
    window, _ = _window(np.zeros(2), np.full(2, radius), start_list, scale=1.0)
    return DataObjective(
        name="hinge",
        dim=2,
        value_fn=lambda p: batch_value(p, None),
        grad_fn=lambda p: batch_grad(p, None),
        hess_fn=lambda p: batch_hess(p, None),
        window=window,
        starts=tuple(tuple(float(c) for c in s) for s in start_list),
        critical_points=critical,
        latex=r"L(\mathbf{w}) = \frac{1}{n}\sum_{i=1}^{n} \max\left(0,\ 1 - y_i\,\mathbf{w}^\top \mathbf{x}_i\right)",
        title={"en": "Hinge loss (linear classifier)", "ko": "힌지 손실 (선형 분류기)"},
        description={
            "en": "The average hinge loss of the classifier sign(w·x), whose boundary passes through "
                  "the origin. Points on the right side with room to spare (margin at least 1) cost "
                  "nothing, so the surface is made of flat pieces joined along creases; on a crease "
                  "we take the gradient of that point to be 0.",
            "ko": "경계선이 원점을 지나는 선형 분류기 sign(w·x)의 평균 힌지 손실입니다. 여유 있게(마진 1 이상) "
                  "맞힌 점은 손실이 0이라서, 곡면은 평평한 조각들이 접힌 선을 따라 이어진 모양이 됩니다. "
                  "접힌 선 위에서는 그 점의 기울기를 0으로 둡니다.",
        },
        log_levels=False,
        inputs=X,
        targets=y,
        batch_value_fn=batch_value,
        batch_grad_fn=batch_grad,
        batch_hess_fn=batch_hess,
        output_fn=scores,
        classifier=True,
        recipe=(hinge, (X, y), {"starts": starts}),
    )


# -- logistic regression (mean binary cross-entropy) ---------------------------------------------------

# Newton's method for the minimiser: iterations, and the gradient norm (relative to the data's scale) that
# counts as zero.
_NEWTON_ITERATIONS = 100
_NEWTON_TOL = 1e-15


def _softplus(z: np.ndarray) -> np.ndarray:
    """log(1 + e^z) without overflow: max(z, 0) + log1p(e^-|z|)."""
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


def _sigmoid(z: np.ndarray) -> np.ndarray:
    """1 / (1 + e^-z) without overflow: e^-|z| is at most 1."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _sigmoid_slope(z: np.ndarray) -> np.ndarray:
    """σ(z)(1 − σ(z)) = e^-|z| / (1 + e^-|z|)², exact in both tails."""
    e = np.exp(-np.abs(z))
    return e / (1.0 + e) ** 2


def _separable_1d(x: np.ndarray, y: np.ndarray) -> bool:
    """One feature: a threshold splits the classes (touching allowed), so the loss has no finite minimum."""
    pos, neg = x[y == 1], x[y == 0]
    if not len(pos) or not len(neg):
        return True
    return bool(pos.min() >= neg.max() or neg.min() >= pos.max())


def logistic(X, y, *, starts=None) -> DataObjective:
    """Logistic regression ``P(y = 1 | x) = σ(w·x + b)`` with the mean binary cross-entropy.

    ``L(w, b) = mean(log(1 + e^{z_i}) − y_i z_i)``, ``z_i = w·x_i + b``; ``X`` is ``(n, f)`` (a 1-D
    array is one feature), the labels ``y`` are 0 or 1. Parameters are the ``f`` weights then the bias,
    so one feature gives the 2-D surface ``(w, b)``. Gradient ``mean((σ(z) − y) [x 1])`` and Hessian
    ``mean(σ(z)(1 − σ(z)) [x 1][x 1]ᵀ)``, exact, in forms that neither overflow nor lose the tails
    (``log1p``, ``e^{-|z|}``).

    The loss is convex. Its minimiser, found by Newton's method, exists unless the classes can be split
    by a hyperplane (touching allowed): then the loss keeps falling as ``|w|`` grows and there is no
    critical point (``critical_points`` is empty, and the description says so). ``outputs`` gives the
    scores ``z``; ``predict`` ±1 labels (``z >= 0`` is class 1).
    """
    X = _matrix("X", X)
    y = _vector("y", y, len(X))
    if not np.all(np.isin(y, (0.0, 1.0))):
        bad = np.unique(y[~np.isin(y, (0.0, 1.0))])[:5]
        raise ValueError(f"labels y must be 0 or 1, got {bad.tolist()}")
    n, f = X.shape
    dim = f + 1

    def scores(params, inputs):  # (..., dim), (k, f) -> (..., k); elementwise sums, as _LinearMSE
        z = params[..., f, None] + 0.0 * inputs[:, 0]
        for i in range(f):
            z = z + params[..., i, None] * inputs[:, i]
        return z

    def batch_value(params, rows):
        Xb, yb = _rows_data((X, y), rows)
        return _chunked(lambda q: (_softplus(scores(q, Xb)) - yb * scores(q, Xb)).mean(axis=-1), params, len(yb))

    def batch_grad(params, rows):
        Xb, yb = _rows_data((X, y), rows)

        def one_chunk(q):
            r = _sigmoid(scores(q, Xb)) - yb                                     # (..., k)
            parts = [(r * Xb[:, i]).mean(axis=-1) for i in range(f)] + [r.mean(axis=-1)]
            return np.stack(parts, axis=-1)

        return _chunked(one_chunk, params, len(yb))

    def batch_hess(params, rows):
        Xb, yb = _rows_data((X, y), rows)
        Z = np.hstack([Xb, np.ones((len(Xb), 1))])

        def one_chunk(q):
            s = _sigmoid_slope(scores(q, Xb))                                    # (..., k)
            out = np.empty(q.shape[:-1] + (dim, dim))
            for i in range(dim):  # one mean per entry, mirrored: exactly symmetric, the same for any batch
                for j in range(i, dim):
                    out[..., i, j] = out[..., j, i] = (s * (Z[:, i] * Z[:, j])).mean(axis=-1)
            return out

        return _chunked(one_chunk, params, len(yb) * dim * dim)

    value = lambda p: batch_value(p, None)  # noqa: E731
    separable = _separable_1d(X[:, 0], y) if f == 1 else None
    theta = None
    if not separable:
        theta = np.zeros(dim)
        scale = 1.0 + float(np.abs(X).max())
        for _ in range(_NEWTON_ITERATIONS):
            g = batch_grad(theta, None)
            if np.linalg.norm(g) <= _NEWTON_TOL * scale:
                break
            H = batch_hess(theta, None)
            try:
                step = np.linalg.solve(H, g)
            except np.linalg.LinAlgError:
                theta = None
                break
            t, before = 1.0, float(value(theta))
            while t > 1e-12 and not float(value(theta - t * step)) <= before:  # backtracking keeps it monotone
                t *= 0.5
            theta = theta - t * step
            if not np.all(np.isfinite(theta)) or np.abs(theta).max() > 1e8:
                theta = None
                break
        # Newton halves the digits lost each step: a gradient still above 1e-8 after 100 steps means no
        # finite minimum (f > 1 and separable data, where the weights run off)
        if theta is not None and np.linalg.norm(batch_grad(theta, None)) > 1e-8 * scale:
            theta = None
    has_minimum = theta is not None

    start_list = [np.zeros(dim)] if starts is None else [np.array(s) for s in _starts(starts, dim, "logistic")]
    if has_minimum:
        best = float(value(theta))
        excess = max(float(value(np.array(start_list)).max()) - best, 1e-3)
        H_inv = np.linalg.pinv(batch_hess(theta, None))
        center = theta
        half = np.sqrt(2.0 * excess * np.clip(np.diag(H_inv), 0.0, None))
        # Far from the minimum the loss grows linearly, not quadratically: the quadratic model's reach
        # overshoots, so keep the box near the span from the starts to the minimum.
        reach = np.abs(np.array(start_list) - theta).max(axis=0)
        half = np.minimum(half, np.maximum(reach, 0.5 * reach.max(initial=0.0)) + 0.5)
        critical = (CriticalPoint(tuple(float(c) + 0.0 for c in theta), best, "global minimum"),)
    else:
        center = np.zeros(dim)
        H0 = batch_hess(center, None)
        half = 3.0 * np.sqrt(2.0 * np.log(2.0) * np.clip(np.diag(np.linalg.pinv(H0)), 0.0, None))
        critical = ()
    window, half = _window(center, half, start_list)
    if starts is None:
        start_list.append(np.array(_second_start(center, half)))

    if f == 1:
        latex = (r"L(w, b) = \frac{1}{n}\sum_{i=1}^{n} \left[\log\left(1 + e^{w x_i + b}\right)"
                 r" - y_i\,(w x_i + b)\right]")
        params_en, params_ko = "(w, b)", "(w, b)"
    else:
        latex = (r"L(\mathbf{w}, b) = \frac{1}{n}\sum_{i=1}^{n} \left[\log\left(1 + e^{z_i}\right) - y_i z_i\right],"
                 r"\ z_i = \mathbf{w}^\top \mathbf{x}_i + b")
        params_en, params_ko = f"the {f} weights and the bias", f"가중치 {f}개와 편향"
    description = {
        "en": f"The mean cross-entropy of the probability σ(w·x + b) that a point is in class 1, as a function of "
              f"{params_en}. The surface is convex: a single valley with no local traps, curved most where "
              "the model is unsure.",
        "ko": f"점이 클래스 1일 확률 σ(w·x + b)의 평균 교차 엔트로피를 {params_ko}에 대한 함수로 본 것입니다. "
              "곡면은 볼록해서 지역 함정 없이 골짜기 하나뿐이고, 모델이 확신하지 못하는 곳에서 가장 많이 휩니다.",
    }
    if not has_minimum:
        description = {
            "en": description["en"] + " These classes can be split by a threshold, so the loss keeps falling as |w| "
                  "grows: there is no lowest point (no ★), and the runs never stop moving outwards.",
            "ko": description["ko"] + " 이 데이터는 한 경계값으로 두 클래스를 완전히 나눌 수 있어서 |w|가 커질수록 "
                  "손실이 계속 줄어듭니다. 가장 낮은 점(★)이 없고, 경로는 바깥으로 끝없이 나아갑니다.",
        }
    return DataObjective(
        name="logistic",
        dim=dim,
        value_fn=value,
        grad_fn=lambda p: batch_grad(p, None),
        hess_fn=lambda p: batch_hess(p, None),
        window=window,
        starts=tuple(tuple(float(c) for c in s) for s in start_list),
        critical_points=critical,
        latex=latex,
        title={"en": "Logistic regression (cross-entropy)", "ko": "로지스틱 회귀 (교차 엔트로피)"},
        description=description,
        inputs=X,
        targets=y,
        batch_value_fn=batch_value,
        batch_grad_fn=batch_grad,
        batch_hess_fn=batch_hess,
        output_fn=scores,
        classifier=True,
        recipe=(logistic, (X, y), {"starts": starts}),
    )
