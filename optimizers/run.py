"""The one time loop: schedules, mini-batches, gradient noise, divergence and recording."""

from __future__ import annotations

import math
import operator
from typing import Any

import numpy as np

from .base import FLOAT, Objective, Rule
from .registry import label
from .trajectory import Trajectory

# Hard limits, enforced here so that no caller (UI, URL, script) can get around them.
MAX_STEPS = 100_000
MAX_RUNS = 250_000
MAX_WORK = 50_000_000  # runs x steps
MAX_RECORDED = 40_000_000  # float64 values kept in memory across all recorded arrays
DIVERGENCE_FACTOR = 1e3  # a run that gets this many window sizes away from the origin has diverged


def divergence_bound(surface) -> float:
    """|coordinate| beyond which a run counts as diverged: 1000x the plotting window, at least 1e4."""
    window = np.abs(np.asarray(getattr(surface, "window", ()), dtype=FLOAT))
    reach = float(window.max()) if window.size else 1.0
    return DIVERGENCE_FACTOR * max(reach, 10.0)


def _freeze(alive: np.ndarray, new_state, old_state, fields: list[str]):
    """``new_state`` with the fields of frozen runs (``~alive``) taken from ``old_state``.

    Each field has one entry per run on axis 0. A field the rule kept as it was (``new is old``)
    needs nothing; a fresh array the rule made for this field alone is patched in place, so that
    large per-run state such as L-BFGS's history is not copied once more every step.
    """
    frozen = ~alive
    counts: dict[int, int] = {}
    for name in fields:
        counts[id(getattr(new_state, name))] = counts.get(id(getattr(new_state, name)), 0) + 1
    out = {}
    for name in fields:
        new, old = getattr(new_state, name), getattr(old_state, name)
        if new is old:
            continue
        if (counts[id(new)] == 1 and new.flags.writeable and new.flags.owndata
                and not np.may_share_memory(new, old)):
            np.copyto(new, old, where=frozen.reshape((-1,) + (1,) * (new.ndim - 1)))
            out[name] = new
        else:
            out[name] = np.where(alive.reshape((-1,) + (1,) * (new.ndim - 1)), new, old)
    return new_state._replace(**out)


def _evaluators(surface):
    """``(value, grad)`` of the points ``(n, d)`` for the time loop.

    A closed-form surface (``surfaces.Surface``, or a subclass that keeps its ``value`` and
    ``grad``) is evaluated through its own ``value_fn``/``grad_fn``: ``Surface.value``/``grad``
    add only an array conversion, a shape check and ``np.errstate(all="ignore")``, which the
    loop already guarantees, and cost about 3 us a call, 5 % of a 4,096-run Adam step.
    Any other objective (data objectives, mini-batches) goes through its methods.
    """
    base = next((k for k in type(surface).__mro__
                 if k.__name__ == "Surface" and k.__module__ == "surfaces.base"), None)
    value_fn, grad_fn = getattr(surface, "value_fn", None), getattr(surface, "grad_fn", None)
    if (base is None or type(surface).value is not base.value or type(surface).grad is not base.grad
            or not callable(value_fn) or not callable(grad_fn)):
        return surface.value, surface.grad

    def value(points):
        return np.asarray(value_fn(points), dtype=FLOAT)

    def grad(points):
        return np.asarray(grad_fn(points), dtype=FLOAT)

    return value, grad


def _as_int(value: Any, name: str, low: int, high: int) -> int:
    try:
        out = operator.index(value)
    except TypeError:
        if isinstance(value, float) and value.is_integer():
            out = int(value)
        else:
            raise ValueError(f"Invalid {name}: {value!r} (allowed: an integer, {low} <= {name} <= {high})") from None
    if not low <= out <= high:
        raise ValueError(f"Invalid {name}: {out} (allowed: {low} <= {name} <= {high})")
    return out


def _starts(starts: Any, dim: int, n_hyper: int | None) -> np.ndarray:
    try:
        pts = np.array(starts, dtype=FLOAT)
    except (TypeError, ValueError):
        raise ValueError(f"Invalid starts: {starts!r} (allowed: points with {dim} coordinate(s))") from None
    if pts.ndim == 1 and dim > 1 or pts.ndim == 0:
        pts = pts.reshape(1, -1) if pts.ndim == 1 else pts.reshape(1, 1)
    if pts.ndim == 1:  # 1-D surface, a list of scalars
        pts = pts[:, None]
    if pts.ndim != 2 or pts.shape[1] != dim or pts.shape[0] == 0:
        raise ValueError(f"Invalid starts: shape {pts.shape} (allowed: (n, {dim}) with n >= 1)")
    if not np.isfinite(pts).all():
        raise ValueError("Invalid starts: every coordinate must be a finite number")
    if n_hyper is not None and pts.shape[0] != n_hyper:
        if pts.shape[0] != 1:
            raise ValueError(
                f"Invalid starts: {pts.shape[0]} start points for {n_hyper} per-run hyperparameter values "
                "(give one start, or one per value)"
            )
        pts = np.repeat(pts, n_hyper, axis=0)
    return pts


class _Batches:
    """Seeded mini-batch row indices, shared by every run in the call."""

    def __init__(self, n_samples: int, batch_size: int, replace: bool, rng: np.random.Generator):
        self.n, self.k, self.replace, self.rng = n_samples, batch_size, replace, rng
        self.order = np.empty(0, dtype=np.intp)
        self.pos = n_samples  # forces a shuffle before the first batch

    @property
    def per_epoch(self) -> int:
        return math.ceil(self.n / self.k)

    def next(self) -> np.ndarray:
        if self.replace:
            return self.rng.integers(0, self.n, size=self.k)
        if self.pos >= self.n:  # new epoch: reshuffle; the last batch of an epoch may be smaller
            self.order, self.pos = self.rng.permutation(self.n), 0
        rows = self.order[self.pos:self.pos + self.k]
        self.pos += self.k
        return rows


def run(
    optimizer: Rule,
    surface,
    starts,
    steps: int,
    *,
    schedule=None,
    batch_size: int | None = None,
    replace: bool = False,
    noise: float = 0.0,
    seed: int = 0,
    record_every: int = 1,
    record_state: bool = False,
    bound: float | None = None,
) -> Trajectory:
    """Run ``optimizer`` on ``surface`` from every start at once.

    ``starts`` is ``(n, d)`` (or one point). If the optimizer has per-run
    hyperparameter arrays of length ``m``, one start is repeated ``m`` times.
    ``batch_size`` (data objectives only): None = full batch (GD), 1 = SGD,
    k = mini-batch; rows are shuffled each epoch, or drawn with replacement
    when ``replace``. ``noise`` adds N(0, noise²) to every gradient coordinate
    (closed-form surfaces). Batches and noise are drawn once per update and
    shared by all runs, so a batched call equals its runs made one at a time.
    A run whose point or loss stops being finite, or leaves ``|coord| <= bound``
    (default: ``divergence_bound(surface)``), is frozen at its last finite point
    and marked in ``diverged_at``. The rule gets read-only inputs, so an update
    that mutates its arguments fails loudly instead of corrupting frozen runs.
    A rule with ``needs_objective`` (L-BFGS's line search, Newton) also gets an
    ``Objective`` per update: the same mini-batch and noise draw as the
    gradient, for every evaluation it makes. With ``record_state`` its
    ``EXTRA_STATE`` fields are recorded in ``Trajectory.extra_state``.
    """
    steps = _as_int(steps, "steps", 0, MAX_STEPS)
    record_every = _as_int(record_every, "record_every", 1, MAX_STEPS)
    seed = _as_int(seed, "seed", 0, 2**63 - 1)
    noise = float(noise)
    if not (math.isfinite(noise) and noise >= 0):
        raise ValueError(f"Invalid noise: {noise!r} (allowed: noise >= 0)")
    if bound is None:
        bound = divergence_bound(surface)
    if not (bound > 0):
        raise ValueError(f"Invalid bound: {bound!r} (allowed: bound > 0)")
    x = _starts(starts, surface.dim, optimizer.n_runs)
    n, d = x.shape
    if n > MAX_RUNS:
        raise ValueError(f"Too many runs: {n} (allowed: at most {MAX_RUNS})")
    cost = float(getattr(optimizer, "cost", 1.0))  # a second-order or line-search step costs many first-order ones
    if n * steps * cost > MAX_WORK:
        if cost == 1.0:
            raise ValueError(
                f"Too much work: {n} runs x {steps} steps = {n * steps:,} (allowed: at most {MAX_WORK:,})")
        raise ValueError(
            f"Too much work for {label(getattr(optimizer, 'label', optimizer.name))}: {n:,} runs x {steps:,} steps = {n * steps:,}, and each of its "
            f"steps costs about {cost:g} first-order ones (allowed: runs x steps at most {int(MAX_WORK / cost):,}; "
            f"fewer starts or steps)")

    n_samples = getattr(surface, "n_samples", None)
    batches = None
    if batch_size is not None:
        if n_samples is None:
            raise ValueError(f"Invalid batch_size: {batch_size!r} ({surface.name} is not a data objective)")
        batch_size = _as_int(batch_size, "batch_size", 1, n_samples)
        if batch_size < n_samples or replace:
            batches = _Batches(n_samples, batch_size, bool(replace), np.random.default_rng([seed, 0]))
    noise_rng = np.random.default_rng([seed, 1])

    recorded_steps = np.unique(np.r_[np.arange(0, steps + 1, record_every), steps])
    R = len(recorded_steps)
    state = optimizer.init(x)
    extra_fields = [f for f in getattr(optimizer, "EXTRA_STATE", ()) if f in state._fields]
    state_fields = [f for f, v in state._asdict().items()
                    if isinstance(v, np.ndarray) and v.shape == x.shape and f not in extra_fields]
    frozen_fields = state_fields + extra_fields
    n_arrays = 1 + (3 + len(state_fields) if record_state else 0)
    extra_values = sum(getattr(state, f).size for f in extra_fields) if record_state else 0
    if R * (n * d * n_arrays + extra_values) > MAX_RECORDED:
        raise ValueError(
            f"Too much to record: {R} rows x {n} runs x {d} coordinates x {n_arrays} arrays"
            + (f" + {extra_values:,} values of optimizer state per row" if extra_values else "")
            + f" (allowed: {MAX_RECORDED:,} values; raise record_every)"
        )
    needs_objective = bool(getattr(optimizer, "needs_objective", False))
    if needs_objective and getattr(optimizer, "needs_hessian", False):
        Objective(surface).hess(x[:1])  # a surface without an exact Hessian: ValueError now, not mid-run

    points = np.empty((R, n, d), dtype=FLOAT)
    loss = np.empty((R, n), dtype=FLOAT)
    records, extras = {}, {}
    if record_state:
        records = {name: np.zeros((R, n, d), dtype=FLOAT) for name in ["grad", "update", "effective_lr", *state_fields]}
        extras = {name: np.zeros((R, *getattr(state, name).shape), dtype=getattr(state, name).dtype)
                  for name in extra_fields}
        for name in extra_fields:
            extras[name][0] = getattr(state, name)

    f = surface.value(x)
    if not np.isfinite(f).all():
        bad = int(np.argmax(~np.isfinite(f)))
        raise ValueError(f"Invalid starts: the loss is not finite at start {bad} {tuple(x[bad].tolist())}")
    points[0], loss[0] = x, f
    diverged_at = np.full(n, -1, dtype=np.int64)
    alive = np.ones(n, dtype=bool)
    all_alive = True
    base_lr = optimizer.lr
    row = 1
    recorded = recorded_steps.tolist()
    next_recorded = recorded[1] if R > 1 else -1
    # |coord| <= within holds exactly for the finite coordinates within the bound (NaN compares false).
    within = min(float(bound), float(np.finfo(FLOAT).max))
    magnitude = np.empty((n, d), dtype=FLOAT)  # scratch for |x| in the divergence check
    maximum, minimum, add = np.maximum.reduce, np.minimum.reduce, np.add.reduce

    # A rule that ``writes_into`` gets the arrays to write its results into: the new point goes straight
    # into its recorded row (or one of two spare buffers). Its new state overwrites the old one in place,
    # unless the state is recorded: then each field has a pair of buffers and the update writes into the
    # one the current state does not use, so that a frozen run's last state is there to restore and
    # record. (Unrecorded, a frozen run's state is never read: its point is restored every step.)
    into = (bool(getattr(optimizer, "writes_into", False)) and not needs_objective and not extra_fields)
    pairs = {}
    value_of, grad_of = _evaluators(surface)
    if into:
        for name in state_fields:
            own = np.array(getattr(state, name), dtype=FLOAT)  # a copy: no two fields share a buffer
            pairs[name] = (own, np.empty_like(own))
        state = state._replace(**{name: pair[0] for name, pair in pairs.items()})
        if not record_state:
            pairs = {}
        # the new point of a step that is not recorded (none when every step is)
        spare = np.empty((2 if R <= steps else 0, n, d), dtype=FLOAT)
        # Read-only views made once: the rule reads the current point through their rows.
        points_ro, spare_ro = points.view(), spare.view()
        points_ro.flags.writeable = spare_ro.flags.writeable = False
        spare_index = -1  # which spare row holds the current point (-1: none)
        x = points_ro[0]

    with np.errstate(all="ignore"):
        for t in range(1, steps + 1):
            rows = batches.next() if batches is not None else None
            g = surface.grad(x, rows) if rows is not None else grad_of(x)
            shift = None
            if noise:
                shift = noise * noise_rng.standard_normal(d)
                g = g + shift
            lr = schedule(base_lr, t) if schedule is not None else None
            if not into:
                x.flags.writeable = False
            g.flags.writeable = False
            at_row = t == next_recorded
            if into:
                dest = points[row] if at_row else spare[1 if spare_index == 0 else 0]
                out_state = state._replace(**{
                    name: (second if getattr(state, name) is first else first)
                    for name, (first, second) in pairs.items()}) if pairs else state
                x_new, new_state = optimizer.update(g, state, x, lr=lr, out=(dest, out_state))
                if x_new is not dest:
                    np.copyto(dest, x_new)
                    x_new = dest
            elif needs_objective:
                objective = Objective(surface, rows, shift, known=None if rows is not None else (x, f))
                x_new, new_state = optimizer.update(g, state, x, lr=lr, objective=objective)
            else:
                x_new, new_state = optimizer.update(g, state, x, lr=lr)
            f_new = value_of(x_new)
            # One reduction each screens the whole batch (max and min propagate NaN, which fails the
            # comparison; an overflowing sum only sends the batch to the exact check): runs are checked
            # one by one only when the screen fails or some run is frozen.
            if not (all_alive and maximum(x_new, axis=None) <= within and minimum(x_new, axis=None) >= -within
                    and math.isfinite(add(f_new, axis=None))):
                ok = np.isfinite(f_new)
                np.abs(x_new, out=magnitude)
                if d <= 8:
                    for j in range(d):
                        ok &= magnitude[:, j] <= within
                else:
                    ok &= (magnitude <= within).all(axis=1)
                if not (all_alive and ok.all()):  # freeze runs that diverge now or did before
                    newly = alive & ~ok
                    diverged_at[newly] = t
                    alive &= ok
                    all_alive = False
                    keep = alive[:, None]
                    if into:
                        np.copyto(x_new, x, where=~keep)
                    else:
                        x_new = np.where(keep, x_new, x)
                    f_new = np.where(alive, f_new, f)
                    if record_state:
                        g = np.where(keep, g, 0.0)
                    if pairs or not into:
                        new_state = _freeze(alive, new_state, state, frozen_fields)
            if record_state and at_row:
                step_taken = x_new - x
                records["grad"][row] = g
                records["update"][row] = step_taken
                nz = g != 0
                records["effective_lr"][row] = np.where(nz, -step_taken / np.where(nz, g, 1.0), 0.0)
                for name in state_fields:
                    records[name][row] = getattr(new_state, name)
                for name in extra_fields:
                    extras[name][row] = getattr(new_state, name)
            if into:  # the rule sees the new point through a read-only view of its buffer
                if at_row:
                    x, spare_index = points_ro[row], -1
                else:
                    spare_index = 1 if spare_index == 0 else 0
                    x = spare_ro[spare_index]
            else:
                x = x_new
            f, state = f_new, new_state
            if at_row:
                if not into:
                    points[row] = x
                loss[row] = f
                row += 1
                next_recorded = recorded[row] if row < R else -1
            if not all_alive and not alive.any():
                break
    # Every run stopped early: the remaining rows repeat the frozen point and state,
    # with no gradient and no step, exactly as a frozen run inside a live batch records.
    if row < R:
        points[row:], loss[row:] = x, f
        for name in state_fields if record_state else ():
            records[name][row:] = getattr(state, name)
        for name in extra_fields if record_state else ():
            extras[name][row:] = getattr(state, name)

    if record_state:
        for arr in (*records.values(), *extras.values()):
            if arr.dtype.kind == "f":
                np.nan_to_num(arr, copy=False, nan=0.0, posinf=0.0, neginf=0.0)

    return Trajectory(
        optimizer=getattr(optimizer, "label", optimizer.name),
        surface=surface.name,
        points=points,
        loss=loss,
        steps=recorded_steps,
        diverged_at=diverged_at,
        hyperparams=optimizer.describe(),
        state=records,
        extra_state=extras,
        updates_per_epoch=(batches.per_epoch if batches is not None else (1 if n_samples else None)),
    )
