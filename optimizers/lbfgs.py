"""L-BFGS, one step = one iteration of torch.optim.LBFGS.

A step here is what ``torch.optim.LBFGS(params, lr, max_iter=1, max_eval=26,
tolerance_grad, tolerance_change, history_size, line_search_fn)`` does on each
``step(closure)``: evaluate the loss and gradient, return at once when
``max |g| <= tolerance_grad``, otherwise store the curvature pair of the last
step (only when ``yᵀs > 1e-10``), run the two-loop recursion, scale the very
first step by ``min(1, 1/‖g‖₁)``, stop without moving when the directional
derivative ``gᵀd > -tolerance_change``, and move by ``lr`` along ``d`` or by the
step that torch's ``_strong_wolfe`` line search finds (its ``max_ls`` is
``max_eval`` minus the evaluation at the start, 25; it evaluates the first trial
and then up to ``max_ls`` more, so up to 26 trials a step). The line search is a port of
torch's ``_strong_wolfe`` and ``_cubic_interpolate`` (themselves ported from
Lua torch's ``lswolfe.lua`` and ``polyinterp.lua``), with their constants
``c1 = 1e-4``, ``c2 = 0.9`` and its own ``tolerance_change = 1e-9``: torch does
not pass the optimizer's ``tolerance_change`` to the line search, and neither
does this rule.

Every run has its own history (fixed-size arrays, oldest pair first, with a
count) and its own line search; a line search evaluates the objective only for
the runs still searching. Each step records the trial points of its line
search (``ls_points``, ``ls_loss``, ``ls_step``, ``ls_evals``) and the stored
pairs (``s_hist``, ``y_hist``, ``rho``, ``n_pairs``) in the state.

Other conventions for the same method:

* torch's default ``max_iter=20`` runs up to 20 iterations inside one
  ``step()`` call (``max_eval`` defaults to ``max_iter * 5 // 4``); here one
  step is one iteration, so that L-BFGS moves at the pace of the other rules.
* Nocedal & Wright (Algorithms 7.4 and 7.5) and SciPy's ``L-BFGS-B`` use the
  same two-loop recursion but other line searches and first step lengths, so
  their points differ from torch's.

The arithmetic follows torch's: ``add_(..., alpha=...)`` is a fused
multiply-add there (``base.fused_add`` here) and ``float / tensor`` is
``reciprocal() * float``, so most runs agree with torch bit for bit
(tests/golden/make_lbfgs_reference.py). With ``strong_wolfe`` the update needs
``objective=`` (the run loop passes it): every trial of a step sees the same
mini-batch and gradient noise, as torch's closure would.

Deviations from torch: ``lr`` must be > 0 (with ``lr = 0`` torch's line search
divides by zero), ``history_size`` lies in [1, 1000] and the number of runs
times ``history_size`` times the dimension is capped (the stored pairs take
that much memory twice).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, NamedTuple

import numpy as np

from .base import FLOAT, HyperParam, Objective, Rule, fused_add

MAX_LS = 25  # torch's max_ls = max_eval - 1 with max_eval = 26
MAX_TRIALS = MAX_LS + 1  # a line search evaluates its first trial, then up to max_ls more
C1, C2 = 1e-4, 0.9  # _strong_wolfe's sufficient-decrease and curvature constants
LS_TOLERANCE_CHANGE = 1e-9  # _strong_wolfe's own default; torch does not pass tolerance_change on
CURVATURE_EPS = 1e-10  # a pair is stored only when y's > this
MAX_HISTORY_VALUES = 10_000_000  # runs x history_size x d, for each of s and y


class LBFGSState(NamedTuple):
    step: int
    direction: np.ndarray  # d, (n, d): the last search direction
    prev_flat_grad: np.ndarray  # the gradient at the start of the last iteration, (n, d)
    step_length: np.ndarray  # t, (n,): the last step length along d
    n_iter: np.ndarray  # (n,) int: iterations made (a step that returns at once is none)
    H_diag: np.ndarray  # (n,): y's / y'y of the newest pair, the initial inverse Hessian's scale
    s_hist: np.ndarray  # (n, m, d): stored steps s, oldest first (torch's old_stps)
    y_hist: np.ndarray  # (n, m, d): stored gradient changes y (torch's old_dirs)
    rho: np.ndarray  # (n, m): 1 / y's of each stored pair (torch's ro)
    n_pairs: np.ndarray  # (n,) int: how many pairs are stored
    ls_points: np.ndarray  # (n, 26, d): where the line search of this step evaluated, in order
    ls_step: np.ndarray  # (n, 26): the step length of each trial
    ls_loss: np.ndarray  # (n, 26): the loss at each trial
    ls_evals: np.ndarray  # (n,) int: trials made this step (0 without line search)


def _dot(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-wise dot products of ``(k, d)`` arrays, summed left to right as torch's ``dot`` of a few numbers."""
    out = a[:, 0] * b[:, 0]
    for j in range(1, a.shape[1]):
        out = out + a[:, j] * b[:, j]
    return out


_SPLIT = 134217729.0  # 2**27 + 1: Dekker's split of a double into two halves


def _halves(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    c = _SPLIT * a
    high = c - (c - a)
    return high, a - high


def _fma(alpha, alpha_halves, b, b_halves, c):
    """``c + alpha * b`` rounded once, for columns ``(k,)`` (see ``base.fused_add``), with the
    Dekker halves of ``alpha`` and ``b`` computed beforehand."""
    a_hi, a_lo = alpha_halves
    b_hi, b_lo = b_halves
    prod = alpha * b
    err = a_hi * b_hi
    err -= prod
    err += a_hi * b_lo
    err += a_lo * b_hi
    err += a_lo * b_lo
    total = prod + c
    virtual = total - prod
    out = total - virtual
    np.subtract(prod, out, out=out)
    out += c - virtual
    out += err
    out += total
    if not np.isfinite(out).all():  # a split overflowed (huge numbers): the plain formula there
        out = np.where(np.isfinite(out), out, prod + c)
    return out


def two_loop(g, s_hist, y_hist, rho, n_pairs, h) -> np.ndarray:
    """L-BFGS's two-loop recursion as torch writes it: ``-H g`` for each run, ``(k, d)``.

    ``s_hist``, ``y_hist`` ``(k, m, d)`` and ``rho`` ``(k, m)`` hold each run's first
    ``n_pairs`` pairs, oldest first; ``h`` ``(k,)`` scales the initial inverse Hessian.
    ``q.add_(y, alpha=-a)`` and ``r.add_(s, alpha=a - b)`` are fused multiply-adds in torch,
    so they are here. The pairs in use are laid out once per call as contiguous columns
    ``(d, pairs, k)`` with their Dekker halves, so the sequential loop over pairs does little.
    """
    k, dim = g.shape
    K = int(n_pairs.max()) if n_pairs.size else 0
    S = np.ascontiguousarray(s_hist[:, :K].transpose(2, 1, 0))
    Y = np.ascontiguousarray(y_hist[:, :K].transpose(2, 1, 0))
    R = np.ascontiguousarray(rho[:, :K].T)
    S_halves, Y_halves = _halves(S), _halves(Y)
    q = [-g[:, j] for j in range(dim)]
    al = np.empty((K, k))
    valid = [n_pairs > i for i in range(K)]
    everyone = [bool(v.all()) for v in valid]
    for i in range(K - 1, -1, -1):
        dot = S[0, i] * q[0]
        for j in range(1, dim):
            dot = dot + S[j, i] * q[j]
        a = dot * R[i]
        al[i] = a
        minus_a = -a
        halves = _halves(minus_a)
        for j in range(dim):
            new = _fma(minus_a, halves, Y[j, i], (Y_halves[0][j, i], Y_halves[1][j, i]), q[j])
            q[j] = new if everyone[i] else np.where(valid[i], new, q[j])
    r = [q[j] * h for j in range(dim)]
    for i in range(K):
        dot = Y[0, i] * r[0]
        for j in range(1, dim):
            dot = dot + Y[j, i] * r[j]
        coef = al[i] - dot * R[i]
        halves = _halves(coef)
        for j in range(dim):
            new = _fma(coef, halves, S[j, i], (S_halves[0][j, i], S_halves[1][j, i]), r[j])
            r[j] = new if everyone[i] else np.where(valid[i], new, r[j])
    return np.stack(r, axis=1) if dim else np.zeros((k, 0))


def _pymax(a, b):
    """Python's ``max(a, b)``: ``b`` only if ``b > a`` (so a NaN second argument loses)."""
    return np.where(b > a, b, a)


def _pymin(a, b):
    """Python's ``min(a, b)``: ``b`` only if ``b < a``."""
    return np.where(b < a, b, a)


def cubic_interpolate(x1, f1, g1, x2, f2, g2, bounds=None, *, tensors=(True, True), bound_tensors=None):
    """torch's ``_cubic_interpolate``, elementwise: the minimiser of the cubic through two points
    with their values and slopes, clipped to ``bounds`` (default: between the two points);
    the middle of the bounds when the cubic has no minimum.

    Returns ``(value, is_tensor)``. In torch the step lengths are sometimes Python floats and
    sometimes 0-d tensors, and ``float / tensor`` is computed as ``tensor.reciprocal() * float``,
    which rounds differently from a division. ``tensors`` says which of ``x1``, ``x2`` are
    tensors and ``bound_tensors`` which bounds are (boolean arrays); the losses are always
    floats and the slopes always tensors. ``is_tensor`` tells the same of the value returned.
    """
    with np.errstate(all="ignore"):
        return _cubic(x1, f1, g1, x2, f2, g2, bounds, tensors, bound_tensors)


def _cubic(x1, f1, g1, x2, f2, g2, bounds, tensors, bound_tensors):
    x1_t, x2_t = (np.asarray(v, dtype=bool) for v in tensors)
    if bounds is None:
        ordered = x1 <= x2
        lo, hi = np.where(ordered, x1, x2), np.where(ordered, x2, x1)
        lo_t, hi_t = np.where(ordered, x1_t, x2_t), np.where(ordered, x2_t, x1_t)
    else:
        lo, hi = bounds
        lo_t, hi_t = (np.asarray(v, dtype=bool) for v in bound_tensors)
    numerator = 3 * (f1 - f2)
    span = x1 - x2
    d1 = g1 + g2 - np.where(x1_t | x2_t, (1.0 / span) * numerator, numerator / span)
    d2_square = d1 ** 2 - g1 * g2
    real = d2_square >= 0
    d2 = np.sqrt(np.where(real, d2_square, 0.0))
    min_pos = np.where(
        x1 <= x2,
        x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2)),
        x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2)),
    )
    # min(max(min_pos, lo), hi) with Python's semantics, keeping track of which object wins
    raised = lo > min_pos
    clipped, clipped_t = np.where(raised, lo, min_pos), np.where(raised, lo_t, True)
    lowered = hi < clipped
    clipped, clipped_t = np.where(lowered, hi, clipped), np.where(lowered, hi_t, clipped_t)
    return np.where(real, clipped, (lo + hi) / 2.0), np.where(real, clipped_t, lo_t | hi_t)


class LineSearch(NamedTuple):
    step: np.ndarray  # (k,) the step length chosen
    evals: np.ndarray  # (k,) evaluations made
    points: np.ndarray  # (k, max_ls + 1, d) trial points, zeros after the last
    steps: np.ndarray  # (k, max_ls + 1) trial step lengths
    losses: np.ndarray  # (k, max_ls + 1) trial losses


def strong_wolfe(objective, x, t, d, f, g, gtd, *, t_tensor=True, c1=C1, c2=C2,
                 tolerance_change=LS_TOLERANCE_CHANGE, max_ls=MAX_LS) -> LineSearch:
    """torch's ``_strong_wolfe`` for ``k`` runs at once: ``x``, ``d``, ``g`` are ``(k, dim)``, the rest ``(k,)``.

    Each run follows torch's sequence exactly (bracketing, then zooming with cubic
    interpolation); every round evaluates ``objective`` once for the runs still searching.
    ``t_tensor`` says for which runs torch's initial step length is a tensor rather than a
    Python float (see :func:`cubic_interpolate`).
    """
    with np.errstate(all="ignore"):
        return _strong_wolfe(objective, x, t, d, f, g, gtd, t_tensor, c1, c2, tolerance_change, max_ls)


def _strong_wolfe(objective, x, t, d, f, g, gtd, t_tensor, c1, c2, tolerance_change, max_ls) -> LineSearch:
    k, dim = x.shape
    t = np.array(t, dtype=FLOAT)
    t_t = np.broadcast_to(np.asarray(t_tensor, dtype=bool), (k,)).copy()
    d_norm = np.abs(d).max(axis=1)
    points = np.zeros((k, max_ls + 1, dim))
    steps = np.zeros((k, max_ls + 1))
    losses = np.zeros((k, max_ls + 1))
    evals = np.zeros(k, dtype=np.int64)

    def evaluate(rows):
        trial = fused_add(x[rows], t[rows, None], d[rows])  # torch: x.add_(d, alpha=t)
        f_e, g_e = objective(trial)
        slot = evals[rows]
        points[rows, slot], steps[rows, slot], losses[rows, slot] = trial, t[rows], f_e
        evals[rows] += 1
        return f_e, g_e, _dot(g_e, d[rows])

    everyone = np.arange(k)
    f_new, g_new, gtd_new = evaluate(everyone) if max_ls > 0 else (f.copy(), g.copy(), gtd.copy())
    t_prev, f_prev, g_prev, gtd_prev = np.zeros(k), f.copy(), g.copy(), gtd.copy()
    t_prev_t = np.zeros(k, dtype=bool)  # torch starts from the int 0
    ls_iter = np.zeros(k, dtype=np.int64)
    # phase 0: bracketing; 1: zooming; 2: finished
    phase = np.zeros(k, dtype=np.int8)
    done = np.zeros(k, dtype=bool)
    insuf_progress = np.zeros(k, dtype=bool)
    b, bf, bgtd = np.zeros((k, 2)), np.zeros((k, 2)), np.zeros((k, 2))
    b_t = np.zeros((k, 2), dtype=bool)
    bg = np.zeros((k, 2, dim))
    low = np.zeros(k, dtype=np.int64)

    def set_bracket(rows, left, right):
        """bracket = [left, right], each (t, is_tensor, f, g, gtd) for ``rows``; then the lower end."""
        for side, (bt, btt, bft, bgt, bgtdt) in enumerate((left, right)):
            b[rows, side], b_t[rows, side], bf[rows, side], bg[rows, side] = bt, btt, bft, bgt
            if bgtdt is not None:
                bgtd[rows, side] = bgtdt
        low[rows] = np.where(bf[rows, 0] <= bf[rows, 1], 0, 1)
        phase[rows] = 1

    def out_of_evaluations(rows):
        """The bracketing loop ran out: bracket = [0, t] (torch leaves bracket_gtd unset, and unused)."""
        set_bracket(rows, (0.0, False, f[rows], g[rows], None), (t[rows], t_t[rows], f_new[rows], g_new[rows], None))

    if max_ls <= 0:
        out_of_evaluations(everyone)

    while True:
        # -- bracketing: decide for the runs whose newest trial is unjudged
        B = np.flatnonzero(phase == 0)
        cont = B[:0]
        if B.size:
            fn, gtdn = f_new[B], gtd_new[B]
            armijo_fails = (fn > (f[B] + c1 * t[B] * gtd[B])) | ((ls_iter[B] > 1) & (fn >= f_prev[B]))
            curvature = ~armijo_fails & (np.abs(gtdn) <= -c2 * gtd[B])
            uphill = ~armijo_fails & ~curvature & (gtdn >= 0)
            br = B[armijo_fails | uphill]
            set_bracket(br, (t_prev[br], t_prev_t[br], f_prev[br], g_prev[br], gtd_prev[br]),
                        (t[br], t_t[br], f_new[br], g_new[br], gtd_new[br]))
            ok = B[curvature]
            newest = (t[ok], t_t[ok], f_new[ok], g_new[ok], gtd_new[ok])
            set_bracket(ok, newest, newest)
            done[ok] = True
            cont = B[~(armijo_fails | uphill | curvature)]
            if cont.size:  # extrapolate
                tc, tc_t, tp, tp_t = t[cont], t_t[cont], t_prev[cont], t_prev_t[cont]
                min_step = tc + 0.01 * (tc - tp)
                max_step = tc * 10
                t[cont], t_t[cont] = cubic_interpolate(
                    tp, f_prev[cont], gtd_prev[cont], tc, f_new[cont], gtd_new[cont], bounds=(min_step, max_step),
                    tensors=(tp_t, tc_t), bound_tensors=(tc_t | tp_t, tc_t))
                t_prev[cont], t_prev_t[cont] = tc, tc_t
                f_prev[cont], g_prev[cont], gtd_prev[cont] = f_new[cont], g_new[cont], gtd_new[cont]

        # -- zooming: the runs with a bracket pick their next trial, or finish
        Z = np.flatnonzero(phase == 1)
        zoom = Z[:0]
        if Z.size:
            finished = done[Z] | (ls_iter[Z] >= max_ls)
            finished |= ~finished & (np.abs(b[Z, 1] - b[Z, 0]) * d_norm[Z] < tolerance_change)
            phase[Z[finished]] = 2
            zoom = Z[~finished]
            if zoom.size:
                b0, b1 = b[zoom, 0], b[zoom, 1]
                tz, tz_t = cubic_interpolate(b0, bf[zoom, 0], bgtd[zoom, 0], b1, bf[zoom, 1], bgtd[zoom, 1],
                                             tensors=(b_t[zoom, 0], b_t[zoom, 1]))
                bmax, bmin = _pymax(b0, b1), _pymin(b0, b1)
                eps = 0.1 * (bmax - bmin)
                near = _pymin(bmax - tz, tz - bmin) < eps
                move = near & (insuf_progress[zoom] | (tz >= bmax) | (tz <= bmin))
                tz = np.where(move, np.where(np.abs(tz - bmax) < np.abs(tz - bmin), bmax - eps, bmin + eps), tz)
                t_t[zoom] = np.where(move, b_t[zoom, 0] | b_t[zoom, 1], tz_t)
                insuf_progress[zoom] = near & ~move
                t[zoom] = tz

        rows = np.concatenate([cont, zoom])
        if rows.size == 0:
            break
        f_e, g_e, gtd_e = evaluate(rows)
        ls_iter[rows] += 1
        f_new[rows], g_new[rows], gtd_new[rows] = f_e, g_e, gtd_e

        # bracketing runs that used their last evaluation
        spent = cont[ls_iter[cont] == max_ls]
        if spent.size:
            out_of_evaluations(spent)

        # zooming runs: shrink the bracket around the new trial
        if zoom.size:
            fz, gz, gtdz, tz, tz_t = f_new[zoom], g_new[zoom], gtd_new[zoom], t[zoom], t_t[zoom]
            lo, hi = low[zoom], 1 - low[zoom]
            higher = (fz > (f[zoom] + c1 * tz * gtd[zoom])) | (fz >= bf[zoom, lo])
            r, h = zoom[higher], hi[higher]
            b[r, h], b_t[r, h], bf[r, h], bg[r, h], bgtd[r, h] = (
                tz[higher], tz_t[higher], fz[higher], gz[higher], gtdz[higher])
            low[r] = np.where(bf[r, 0] <= bf[r, 1], 0, 1)
            lower = ~higher
            r, lo_r, hi_r = zoom[lower], lo[lower], hi[lower]
            wolfe = np.abs(gtdz[lower]) <= -c2 * gtd[r]
            done[r] |= wolfe
            flip = ~wolfe & (gtdz[lower] * (b[r, hi_r] - b[r, lo_r]) >= 0)
            rf, hf, lf = r[flip], hi_r[flip], lo_r[flip]
            b[rf, hf], b_t[rf, hf], bf[rf, hf], bg[rf, hf], bgtd[rf, hf] = (
                b[rf, lf], b_t[rf, lf], bf[rf, lf], bg[rf, lf], bgtd[rf, lf])
            b[r, lo_r], b_t[r, lo_r], bf[r, lo_r], bg[r, lo_r], bgtd[r, lo_r] = (
                tz[lower], tz_t[lower], fz[lower], gz[lower], gtdz[lower])

    return LineSearch(step=b[everyone, low], evals=evals, points=points, steps=steps, losses=losses)


def _per_run(value: Any, n: int) -> np.ndarray:
    return np.broadcast_to(np.asarray(value, dtype=FLOAT), (n,))


LR = HyperParam("lr", 1.0, low=0.0, low_open=True, log=True,
                help={"en": "Learning rate: the step length tried along the L-BFGS direction (the whole step "
                            "without line search, the first trial with it).",
                      "ko": "학습률: L-BFGS 방향으로 시도하는 걸음 길이입니다(선 탐색이 없으면 그대로 이동하고, "
                            "있으면 첫 시도 길이가 됩니다)."})


class LBFGS(Rule):
    r"""
    \begin{aligned}
    &\textbf{input}: \gamma \text{ (lr)},\ \theta_0 \text{ (params)},\ f(\theta) \text{ (objective)},\ m \text{ (history size)},\\
    &\hspace{13mm} \epsilon_g \text{ (tolerance\_grad)},\ \epsilon_f \text{ (tolerance\_change)},\ \textit{strong\_wolfe}\\
    &\textbf{initialize}: k \leftarrow 0 \text{ (iterations)},\ h \leftarrow 1,\ \text{no stored pairs}\\
    &\textbf{for}\ t = 1, 2, \ldots\ \textbf{do}\\
    &\quad g_t \leftarrow \nabla_\theta f(\theta_{t-1}),\ \theta_t \leftarrow \theta_{t-1}\\
    &\quad \textbf{if}\ \max_i |g_{t,i}| \le \epsilon_g:\ \textbf{next}\ t \quad \text{(converged: stay)}\\
    &\quad k \leftarrow k + 1\\
    &\quad \textbf{if}\ k = 1:\ d \leftarrow -g_t\\
    &\quad \textbf{else}:\\
    &\qquad y \leftarrow g_t - g_{prev},\ s \leftarrow \alpha d \quad \text{(the previous step)}\\
    &\qquad \textbf{if}\ y^\top s > 10^{-10}:\ \text{store}\ \big(s, y, \rho = 1 / y^\top s\big) \text{, dropping the oldest beyond } m;\ h \leftarrow y^\top s / y^\top y\\
    &\qquad q \leftarrow -g_t;\ \textbf{for}\ i = \text{newest}, \ldots, \text{oldest}:\ a_i \leftarrow \rho_i s_i^\top q,\ q \leftarrow q - a_i y_i\\
    &\qquad d \leftarrow h q;\ \textbf{for}\ i = \text{oldest}, \ldots, \text{newest}:\ b_i \leftarrow \rho_i y_i^\top d,\ d \leftarrow d + (a_i - b_i) s_i\\
    &\quad g_{prev} \leftarrow g_t\\
    &\quad \textbf{if}\ k = 1:\ \alpha \leftarrow \min\big(1, 1 / \lVert g_t \rVert_1\big)\, \gamma\ \ \textbf{else}:\ \alpha \leftarrow \gamma\\
    &\quad \textbf{if}\ g_t^\top d > -\epsilon_f:\ \textbf{next}\ t \quad \text{(no descent left: stay)}\\
    &\quad \textbf{if}\ \textit{strong\_wolfe}:\ \text{search from } \alpha \text{ for } \alpha \text{ with } \phi(\alpha) = f(\theta_{t-1} + \alpha d) \text{ (at most 26 trials)}:\\
    &\qquad \phi(\alpha) \le \phi(0) + 10^{-4} \alpha \phi'(0) \ \text{ and } \ |\phi'(\alpha)| \le 0.9\, |\phi'(0)|\\
    &\qquad \text{(bracketing, then zooming by cubic interpolation; the lowest trial if none qualifies)}\\
    &\quad \theta_t \leftarrow \theta_{t-1} + \alpha d\\
    &\textbf{return}\ \theta_t
    \end{aligned}
    """

    name = "lbfgs"
    title: ClassVar[Mapping[str, str]] = {"en": "L-BFGS", "ko": "L-BFGS (제한 메모리 준뉴턴법)"}
    about = {
        "en": "L-BFGS builds a picture of the curvature from the last few steps and gradient changes, without ever "
              "forming a Hessian, and turns the gradient into a quasi-Newton direction with the two-loop recursion. "
              "With a strong-Wolfe line search it picks each step length so that the loss falls enough and the "
              "slope flattens; it is torch.optim.LBFGS, one iteration per step.",
        "ko": "L-BFGS는 헤세 행렬을 만들지 않고, 최근 몇 걸음의 이동과 기울기 변화로 곡률을 추정해 두 번의 반복 계산으로 "
              "기울기를 준뉴턴 방향으로 바꿉니다. strong Wolfe 선 탐색을 쓰면 손실이 충분히 줄고 기울기가 완만해지도록 "
              "걸음 길이를 고릅니다. torch.optim.LBFGS의 한 반복이 한 단계입니다.",
    }
    # the two-loop recursion and up to 26 evaluations: 10,000 runs x 100 steps on Rosenbrock take ~100x SGD's time
    cost = 100
    SPEC = (
        LR,
        HyperParam("history_size", 100, kind="int", low=1, high=1000,
                   help={"en": "How many recent (step, gradient change) pairs are kept to estimate the curvature.",
                         "ko": "곡률을 추정하려고 보관하는 최근 (이동, 기울기 변화) 쌍의 개수입니다."}),
        HyperParam("tolerance_grad", 1e-7, low=0.0, log=True,
                   help={"en": "Stop (stay put) once every gradient coordinate is at most this large.",
                         "ko": "기울기의 모든 성분이 이 값 이하가 되면 멈춥니다(제자리에 머뭅니다)."}),
        HyperParam("tolerance_change", 1e-9, low=0.0, log=True,
                   help={"en": "Stay put when the slope along the search direction, gᵀd, is above −tolerance_change "
                               "(no descent left).",
                         "ko": "탐색 방향의 기울기 gᵀd가 −tolerance_change보다 크면(더 내려갈 곳이 없으면) "
                               "제자리에 머뭅니다."}),
        HyperParam("strong_wolfe", False, kind="bool",
                   help={"en": "Strong Wolfe line search (torch's line_search_fn='strong_wolfe'): try several step "
                               "lengths each step, up to 26 trials, until the loss drops enough and the slope "
                               "flattens.",
                         "ko": "강한 울프(Strong Wolfe) 선 탐색(torch의 line_search_fn='strong_wolfe'): 한 걸음마다 "
                               "손실이 충분히 줄고 기울기가 완만해질 때까지 최대 26번 걸음 길이를 바꿔 봅니다."}),
    )
    State = LBFGSState
    EXTRA_STATE = ("step_length", "n_iter", "H_diag", "s_hist", "y_hist", "rho", "n_pairs",
                   "ls_points", "ls_step", "ls_loss", "ls_evals")

    def __init__(self, **hyperparams: Any) -> None:
        if "line_search_fn" in hyperparams:  # torch's spelling
            fn = hyperparams.pop("line_search_fn")
            if not (fn is None or (isinstance(fn, str) and fn == "strong_wolfe")):
                raise ValueError(f"Invalid line_search_fn: {fn!r} (allowed: None or 'strong_wolfe')")
            wolfe = fn is not None
            if hyperparams.setdefault("strong_wolfe", wolfe) is not wolfe:
                raise ValueError(f"Invalid line_search_fn: {fn!r} contradicts strong_wolfe="
                                 f"{hyperparams['strong_wolfe']!r}")
        super().__init__(**hyperparams)

    @property
    def needs_objective(self) -> bool:
        return self.hyperparams["strong_wolfe"]

    def init(self, params: np.ndarray) -> LBFGSState:
        zeros = self.zeros_like(params)
        n, d = zeros.shape
        m = self.hyperparams["history_size"]
        if n * m * d > MAX_HISTORY_VALUES:
            raise ValueError(
                f"Invalid history_size: {m} ({n} runs x {m} pairs x {d} coordinates = {n * m * d:,} values to store; "
                f"allowed: at most {MAX_HISTORY_VALUES:,}: use fewer runs or a smaller history_size)"
            )
        return LBFGSState(
            step=0, direction=zeros, prev_flat_grad=zeros.copy(), step_length=np.zeros(n),
            n_iter=np.zeros(n, dtype=np.int64), H_diag=np.ones(n), s_hist=np.zeros((n, m, d)),
            y_hist=np.zeros((n, m, d)), rho=np.zeros((n, m)), n_pairs=np.zeros(n, dtype=np.int64),
            ls_points=np.zeros((n, MAX_TRIALS, d)), ls_step=np.zeros((n, MAX_TRIALS)),
            ls_loss=np.zeros((n, MAX_TRIALS)),
            ls_evals=np.zeros(n, dtype=np.int64),
        )

    def update(self, grads, state: LBFGSState, params, lr=None, objective: Objective | None = None):
        hp = self.hyperparams
        g = np.asarray(grads, dtype=FLOAT)
        x = np.asarray(params, dtype=FLOAT)
        n = x.shape[0]
        m = hp["history_size"]
        lr = _per_run(self.lr if lr is None else lr, n)
        with np.errstate(all="ignore"):
            # torch returns before anything else when the gradient is already small
            active = ~(np.abs(g).max(axis=1) <= _per_run(hp["tolerance_grad"], n))
            n_iter = state.n_iter + active
            first = active & (n_iter == 1)
            later = active & (n_iter > 1)

            # the curvature pair of the previous step
            y = g - state.prev_flat_grad
            s = state.direction * state.step_length[:, None]
            ys = _dot(y, s)
            accept = later & (ys > CURVATURE_EPS)
            s_hist, y_hist, rho, n_pairs, H_diag = state.s_hist, state.y_hist, state.rho, state.n_pairs, state.H_diag
            if accept.any():
                s_hist, y_hist, rho = s_hist.copy(), y_hist.copy(), rho.copy()
                full = np.flatnonzero(accept & (n_pairs == m))
                if full.size:  # drop the oldest pair
                    s_hist[full, :-1], y_hist[full, :-1], rho[full, :-1] = s_hist[full, 1:], y_hist[full, 1:], rho[full, 1:]
                rows = np.flatnonzero(accept)
                slot = np.minimum(n_pairs[rows], m - 1)
                s_hist[rows, slot], y_hist[rows, slot], rho[rows, slot] = s[rows], y[rows], 1.0 / ys[rows]
                n_pairs = np.where(accept, np.minimum(n_pairs + 1, m), n_pairs)
                H_diag = np.where(accept, ys / _dot(y, y), H_diag)
            H_diag = np.where(first, 1.0, H_diag)

            # the two-loop recursion: d = -H g
            direction = np.where(first[:, None], -g, state.direction)
            rows = np.flatnonzero(later)
            if rows.size:
                every = rows.size == n  # no gather (a copy of the history) when every run iterates
                pick = slice(None) if every else rows
                direction[pick] = two_loop(g[pick], s_hist[pick], y_hist[pick], rho[pick], n_pairs[pick],
                                           H_diag[pick])
            prev_flat_grad = np.where(active[:, None], g, state.prev_flat_grad)

            # the step length
            inverse_l1 = 1.0 / np.abs(g).sum(axis=1)
            scale = _pymin(1.0, inverse_l1)
            t = np.where(first, scale * lr, np.where(active, lr, state.step_length))
            gtd = _dot(g, direction)
            moving = active & ~(gtd > -_per_run(hp["tolerance_change"], n))

            ls_points = np.zeros_like(state.ls_points)
            ls_step, ls_loss = np.zeros_like(state.ls_step), np.zeros_like(state.ls_loss)
            ls_evals = np.zeros_like(state.ls_evals)
            rows = np.flatnonzero(moving)
            if hp["strong_wolfe"] and rows.size:
                if objective is None:
                    raise ValueError("lbfgs with strong_wolfe=True evaluates the loss: pass objective=")
                f = np.asarray(objective.loss(params), dtype=FLOAT)
                # torch's first step length is a tensor when min(1, 1/|g|_1) picks the tensor
                t_tensor = first[rows] & (inverse_l1[rows] < 1.0)
                found = strong_wolfe(objective, x[rows], t[rows], direction[rows], f[rows], g[rows], gtd[rows],
                                     t_tensor=t_tensor)
                t[rows] = found.step
                ls_points[rows], ls_step[rows], ls_loss[rows] = found.points, found.steps, found.losses
                ls_evals[rows] = found.evals
            new_params = np.where(moving[:, None], fused_add(x, t[:, None], direction), x)
        return new_params, LBFGSState(
            step=state.step + 1, direction=direction, prev_flat_grad=prev_flat_grad, step_length=t,
            n_iter=n_iter, H_diag=H_diag, s_hist=s_hist, y_hist=y_hist, rho=rho, n_pairs=n_pairs,
            ls_points=ls_points, ls_step=ls_step, ls_loss=ls_loss, ls_evals=ls_evals,
        )
