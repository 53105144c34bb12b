"""A small multilayer perceptron as a data objective: a few hundred parameters, one flat vector.

>>> import numpy as np, surfaces
>>> from surfaces import datasets
>>> X, y = datasets.moons(n=100, noise=0.1, seed=0)
>>> net = surfaces.mlp(X, y)                 # 2-16-16-1, tanh, sigmoid + binary cross-entropy
>>> net.dim, net.layers
(337, (2, 16, 16, 1))
>>> theta = net.init(seed=0)                 # Glorot-uniform weights, zero biases
>>> round(float(net.value(theta)), 4) > 0
True
>>> net.grad(np.stack([theta, theta]), rows=np.arange(10)).shape   # two runs, one mini-batch
(2, 337)

The network. Layer sizes ``layers = (d, h1, ..., hk, 1)``; hidden layers use tanh; the
output is one number ``z`` (a logit). Classification: ``p = sigmoid(z)`` and the loss is
the mean binary cross-entropy ``mean(softplus(z) - t z)`` with labels ``t`` in {0, 1}
(computed from ``z`` directly, so it never takes the log of 0). Regression: the output is
``z`` itself and the loss the mean squared error ``mean((z - t)^2)``.

Parameter order (the flat vector ``theta``): for each layer in turn, its weight matrix ``W``
of shape ``(fan_in, fan_out)`` flattened row-major, then its bias ``b`` ``(fan_out,)``;
a layer computes ``a @ W + b``. Column ``j`` of ``W`` holds the incoming weights of neuron
``j`` (``neurons()`` lists their flat indices; filter normalisation works on them).

``value``, ``grad`` and ``loss`` are vectorized over any leading shape of parameter
vectors ``(..., dim)`` (a batch of runs, a plotting grid), cut into chunks that hold at most
about a million activations at once; ``rows`` picks a mini-batch shared by every vector. The
gradient is exact (backpropagation). There is no exact Hessian (``hess`` refuses).
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass

import numpy as np

from .base import FLOAT, DataObjective

TASKS = ("classification", "regression")
DEFAULT_HIDDEN = (16, 16)
MAX_HIDDEN = 128  # units per hidden layer
MAX_LAYERS = 4    # hidden layers
# Largest number of (parameter vector, sample, unit) activations held at once: 128 K values (1 MB in
# float64) stay in a core's cache; larger chunks were no faster and much larger ones slower (page faults).
_CHUNK = 1 << 17


def _softplus(z):
    """log(1 + e^z) without overflow: max(z, 0) + log1p(e^-|z|)."""
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


def _sigmoid(z):
    """1 / (1 + e^-z) without overflow on either side."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _tanh_inplace(z: np.ndarray) -> np.ndarray:
    """tanh(z), written into z. float64: as sign(z) (1 - e) / (1 + e) with e = exp(-2|z|) in (0, 1], which
    never overflows and is within 2 ulps of 1 in absolute terms (NumPy's float64 tanh has no SIMD kernel on
    AVX2 machines; exp has one: twice as fast on a training step's 16,000 activations). float32 keeps
    NumPy's own tanh, which is vectorized."""
    if z.dtype != np.float64:
        return np.tanh(z, out=z)
    e = np.abs(z)
    e *= -2.0
    np.exp(e, out=e)
    sign = np.signbit(z)
    np.subtract(1.0, e, out=z)
    e += 1.0
    z /= e
    np.negative(z, out=z, where=sign)
    return z


@dataclass(frozen=True)
class _Layer:
    fan_in: int
    fan_out: int
    offset: int  # where W starts in the flat vector; b follows it

    @property
    def size(self) -> int:
        return self.fan_in * self.fan_out + self.fan_out

    def unpack(self, P: np.ndarray):
        """W ``(m, fan_in, fan_out)`` and b ``(m, fan_out)`` of parameter vectors ``P`` ``(m, dim)``."""
        end_w = self.offset + self.fan_in * self.fan_out
        W = P[:, self.offset:end_w].reshape(len(P), self.fan_in, self.fan_out)
        return np.ascontiguousarray(W), P[:, end_w:end_w + self.fan_out]  # contiguous: BLAS-friendly


class _Network:
    """Forward and backward passes of the MLP over a chunk of parameter vectors ``(m, dim)``."""

    def __init__(self, layers: tuple[int, ...], task: str):
        self.layers = layers
        self.task = task
        self.parts = []
        offset = 0
        for fan_in, fan_out in zip(layers[:-1], layers[1:]):
            self.parts.append(_Layer(fan_in, fan_out, offset))
            offset += self.parts[-1].size
        self.dim = offset
        self.width = max(layers[1:])

    def forward(self, P: np.ndarray, X: np.ndarray):
        """Activations of every hidden layer ``(m, n, h)`` and the outputs ``z`` ``(m, n)``, in P's dtype."""
        acts = []
        a = X.astype(P.dtype, copy=False)  # (n, d): shared by every parameter vector
        for k, part in enumerate(self.parts):
            W, b = part.unpack(P)
            z = np.matmul(a, W)  # (m, n, fan_out)
            z += b[:, None, :]
            if k < len(self.parts) - 1:
                a = _tanh_inplace(z)
                acts.append(a)
        return acts, z[..., 0]

    def _loss(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        if self.task == "classification":
            return (_softplus(z) - t * z).mean(axis=-1)
        return ((z - t) ** 2).mean(axis=-1)

    def value(self, P: np.ndarray, X: np.ndarray, t: np.ndarray, forward=None) -> np.ndarray:
        return self._loss((forward or self.forward)(P, X)[1], t.astype(P.dtype, copy=False))

    def grad(self, P: np.ndarray, X: np.ndarray, t: np.ndarray, forward=None) -> np.ndarray:
        m, n = len(P), len(X)
        acts, z = (forward or self.forward)(P, X)
        if self.task == "classification":
            delta = (_sigmoid(z) - t) / n     # d loss / d z, (m, n)
        else:
            delta = 2.0 * (z - t) / n
        delta = delta[..., None]              # (m, n, 1): the output layer's fan_out
        out = np.empty((m, self.dim), dtype=FLOAT)
        for k in range(len(self.parts) - 1, -1, -1):
            part = self.parts[k]
            inputs = acts[k - 1] if k > 0 else X
            end_w = part.offset + part.fan_in * part.fan_out
            if k > 0:
                dW = np.matmul(np.swapaxes(inputs, 1, 2), delta)   # (m, fan_in, fan_out)
            else:
                dW = np.einsum("ni,mnj->mij", X, delta)
            out[:, part.offset:end_w] = dW.reshape(m, -1)
            out[:, end_w:end_w + part.fan_out] = delta.sum(axis=1)
            if k > 0:
                W, _ = part.unpack(P)
                delta = np.matmul(delta, np.swapaxes(W, 1, 2)) * (1.0 - inputs ** 2)  # through tanh
        return out

    def chunked(self, fn, P: np.ndarray, n_rows: int) -> np.ndarray:
        """``fn`` over the leading vectors of ``P`` ``(..., dim)``, a memory-bounded chunk at a time."""
        lead = P.shape[:-1]
        flat = P.reshape(-1, self.dim)
        step = max(1, _CHUNK // max(1, n_rows * self.width))
        if len(flat) <= step:
            out = fn(flat)
        else:
            out = np.concatenate([fn(flat[i:i + step]) for i in range(0, len(flat), step)], axis=0)
        return np.asarray(out).reshape(lead + np.shape(out)[1:])


def glorot_init(layers: tuple[int, ...], seed: int = 0) -> np.ndarray:
    """A flat parameter vector for ``layers``: each ``W`` uniform on ±sqrt(6 / (fan_in + fan_out))
    (Glorot-uniform, Keras's default and suited to tanh), biases zero, drawn from
    ``np.random.default_rng(seed)`` layer by layer."""
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"Invalid seed: {seed!r} (allowed: an integer >= 0)")
    rng = np.random.default_rng(int(seed))
    net = _Network(tuple(layers), "classification")
    theta = np.zeros(net.dim)
    for part in net.parts:
        limit = math.sqrt(6.0 / (part.fan_in + part.fan_out))
        theta[part.offset:part.offset + part.fan_in * part.fan_out] = rng.uniform(
            -limit, limit, part.fan_in * part.fan_out)
    return theta


def _finite_matrix(name: str, value) -> np.ndarray:
    try:
        arr = np.asarray(value, dtype=FLOAT)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be numeric") from None
    if arr.ndim == 1:
        arr = arr[:, None]
    if arr.ndim != 2 or arr.shape[0] < 1 or arr.shape[1] < 1:
        raise ValueError(f"{name} must be 2-D (samples, features) with at least one of each, got shape {arr.shape}")
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} must be finite (no NaN or inf)")
    if np.abs(arr).max() > 1e100:
        raise ValueError(f"{name} must stay within ±1e100")
    return arr


@dataclass(frozen=True, eq=False)
class MLPObjective(DataObjective):
    """The mean loss of an MLP on its data, over its flat parameter vector (see the module's docstring)."""

    layers: tuple[int, ...] = ()
    task: str = "classification"

    @property
    def network(self) -> _Network:
        return _Network(self.layers, self.task)

    def init(self, seed: int = 0) -> np.ndarray:
        """``glorot_init(self.layers, seed)``: the same seed gives the same vector."""
        return glorot_init(self.layers, seed)

    def unpack(self, theta) -> list[tuple[np.ndarray, np.ndarray]]:
        """``[(W, b), ...]`` of one parameter vector ``(dim,)``, W ``(fan_in, fan_out)``."""
        P = self._points(theta).reshape(1, self.dim)
        return [tuple(a[0] for a in part.unpack(P)) for part in self.network.parts]

    def neurons(self) -> list[np.ndarray]:
        """For every neuron of every layer, the flat indices of its incoming weights (a column of W)."""
        out = []
        for part in self.network.parts:
            base = part.offset + np.arange(part.fan_in) * part.fan_out
            out.extend(base + j for j in range(part.fan_out))
        return out

    def biases(self) -> np.ndarray:
        """A boolean mask ``(dim,)``: True at the biases."""
        mask = np.zeros(self.dim, dtype=bool)
        for part in self.network.parts:
            end_w = part.offset + part.fan_in * part.fan_out
            mask[end_w:end_w + part.fan_out] = True
        return mask

    def fast_value(self, points) -> np.ndarray:
        """The full-data loss at ``points`` ``(..., dim)`` computed in float32 arithmetic, returned as float64.

        For pictures only (a 51 x 51 plane of the landscape): NumPy's float64 tanh costs about
        14 ns a value here against 2.6 ns in float32 (SIMD), and the two hidden layers of a grid
        need 83 million of them for 1,000 rows. The relative error is about 1e-6 (float32's
        rounding through a few layers), far below what a colour band or an isoline shows;
        ``value`` stays exact (float64) for training and for every number the lesson quotes.
        """
        pts = self._points(points).astype(np.float32)
        net = self.network
        X, t = self.inputs.astype(np.float32), self.targets.astype(np.float32)
        with np.errstate(all="ignore"):
            return net.chunked(lambda Q: net.value(Q, X, t), pts, len(X)).astype(FLOAT)

    def probability(self, params, inputs=None) -> np.ndarray:
        """Classification: sigmoid of the output, the predicted probability of class 1."""
        return _sigmoid(self.outputs(params, inputs))


def mlp(X, y, hidden=DEFAULT_HIDDEN, task: str = "classification", *, seed: int = 0) -> MLPObjective:
    """An MLP ``(features, *hidden, 1)`` with tanh hidden layers on the data ``X`` ``(n, f)``, ``y`` ``(n,)``.

    ``task`` "classification" (labels 0/1, sigmoid output, mean binary cross-entropy) or
    "regression" (identity output, mean squared error). ``starts`` holds ``init(seed)``: every
    optimizer trains from that one initialisation. ``predict`` gives ±1 for a classifier
    (a logit of 0 counts as +1, i.e. class 1), the output itself for regression.
    """
    X = _finite_matrix("X", X)
    t = np.asarray(y, dtype=FLOAT)
    if t.ndim == 2 and t.shape[1] == 1:
        t = t[:, 0]
    if t.shape != (len(X),):
        raise ValueError(f"y must have shape ({len(X)},) to match X, got {t.shape}")
    if not np.isfinite(t).all():
        raise ValueError("y must be finite (no NaN or inf)")
    if task not in TASKS:
        raise ValueError(f"Invalid task: {task!r} (allowed: {', '.join(TASKS)})")
    if task == "classification" and not np.isin(t, (0.0, 1.0)).all():
        bad = np.unique(t[~np.isin(t, (0.0, 1.0))])[:5]
        raise ValueError(f"labels y must be 0 or 1 for classification, got {bad.tolist()}")
    try:
        hidden = tuple(int(h) for h in hidden)
    except (TypeError, ValueError):
        raise ValueError(f"Invalid hidden: {hidden!r} (allowed: a tuple of layer widths)") from None
    if not 1 <= len(hidden) <= MAX_LAYERS or not all(1 <= h <= MAX_HIDDEN for h in hidden):
        raise ValueError(f"Invalid hidden: {hidden!r} (allowed: 1 to {MAX_LAYERS} layers of 1 to {MAX_HIDDEN} units)")
    layers = (X.shape[1], *hidden, 1)
    net = _Network(layers, task)

    memo = threading.local()

    def full_forward(P, inputs):
        """The forward pass on all the data, remembered for the last few vectors: the run loop asks for the
        loss at the new point, then for the gradient there; the second call reuses the first's pass."""
        if len(P) > 8:  # a grid, not a few runs: nothing to reuse
            return net.forward(P, inputs)
        last = getattr(memo, "last", None)
        if last is not None and last[0].shape == P.shape and last[0].dtype == P.dtype and np.array_equal(last[0], P):
            return last[1]
        out = net.forward(P, inputs)
        memo.last = (P.copy(), out)
        return out

    def batch_value(P, rows):
        if rows is None:
            return net.chunked(lambda Q: net.value(Q, X, t, full_forward), P, len(X))
        return net.chunked(lambda Q: net.value(Q, X[rows], t[rows]), P, len(rows))

    def batch_grad(P, rows):
        if rows is None:
            return net.chunked(lambda Q: net.grad(Q, X, t, full_forward), P, len(X))
        return net.chunked(lambda Q: net.grad(Q, X[rows], t[rows]), P, len(rows))

    def outputs(P, inputs):
        return net.chunked(lambda Q: net.forward(Q, inputs)[1], P, len(inputs))

    shape = "-".join(str(k) for k in layers)
    loss_en, loss_ko = (("binary cross-entropy", "이진 교차 엔트로피") if task == "classification"
                        else ("mean squared error", "평균제곱오차"))
    theta0 = glorot_init(layers, seed)
    return MLPObjective(
        name="mlp",
        dim=net.dim,
        value_fn=lambda P: batch_value(P, None),
        grad_fn=lambda P: batch_grad(P, None),
        window=((-10.0, 10.0),) * net.dim,  # no picture of all dimensions; sets the divergence bound (1e4)
        starts=(tuple(float(v) for v in theta0),),
        critical_points=(),
        latex=(r"L(\theta) = \frac{1}{n}\sum_{i=1}^{n} \left[\log\left(1 + e^{z_i}\right) - t_i z_i\right]"
               if task == "classification" else r"L(\theta) = \frac{1}{n}\sum_{i=1}^{n} (z_i - t_i)^2"),
        title={"en": f"A {shape} network ({loss_en})", "ko": f"{shape} 신경망 ({loss_ko})"},
        description={
            "en": f"A multilayer perceptron with layers {shape}, tanh in the hidden layers and {net.dim} parameters, "
                  f"trained on {len(X)} samples with the {loss_en}.",
            "ko": f"층 구성이 {shape}이고 은닉층에 tanh를 쓰는 다층 퍼셉트론입니다. 매개변수 {net.dim}개를 "
                  f"샘플 {len(X)}개로 {loss_ko} 손실에 맞춰 학습합니다.",
        },
        log_levels=True,
        inputs=X,
        targets=t,
        batch_value_fn=batch_value,
        batch_grad_fn=batch_grad,
        output_fn=outputs,
        classifier=task == "classification",
        recipe=(mlp, (X, t, hidden, task), {"seed": seed}),
        layers=layers,
        task=task,
    )
