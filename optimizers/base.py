"""Building blocks shared by every update rule.

An optimizer is a pure pair ``init(params) -> state`` and
``update(grads, state, params, lr=None) -> (new_params, new_state)`` over arrays
of shape ``(n, d)``: ``n`` independent runs, ``d`` coordinates. Nothing is
mutated. Every hyperparameter may be a scalar or an array with one value per
run, so a learning-rate sweep is a single batched call.

A rule that needs more than the gradient at the current point (the loss, more
evaluations inside one step such as a line search, or the Hessian) says so with
``needs_objective``; the run loop then also passes ``objective=``, an
:class:`Objective` for this update: ``objective(points) -> (loss, grad)`` and
``objective.hess(points)`` over any ``(k, d)`` points. First-order rules are
called exactly as before.
"""

from __future__ import annotations

import inspect
import math
from dataclasses import dataclass, field
from typing import Any, ClassVar, Mapping, NamedTuple

import numpy as np

FLOAT = np.float64


@dataclass(frozen=True)
class HyperParam:
    """Declaration of one hyperparameter: default, allowed range, UI hints.

    ``kind`` is ``"float"`` (scalar or one value per run), ``"bool"``
    (structural switch, scalar only), ``"int"`` (a whole number such as a
    schedule's step size, scalar only) or ``"pair"`` (two floats such as
    Adam's betas, each scalar or per-run). ``low``/``high`` bound every float, with
    ``low_open``/``high_open`` telling whether the bound itself is excluded.
    ``log`` asks the UI for a log-scaled control. ``help`` holds a short
    explanation in Korean and English.
    """

    name: str
    default: Any
    kind: str = "float"
    low: float = 0.0
    high: float = math.inf
    low_open: bool = False
    high_open: bool = False
    log: bool = False
    help: Mapping[str, str] = field(default_factory=dict)
    torch: bool = True  # False for options that torch.optim does not have

    def range_text(self) -> str:
        left = "<" if self.low_open else "<="
        right = "<" if self.high_open else "<="
        if math.isinf(self.high):
            return f"{self.name} {'>' if self.low_open else '>='} {self.low:g}"
        return f"{self.low:g} {left} {self.name} {right} {self.high:g}"

    def check(self, value: Any, label: str | None = None) -> Any:
        """Return ``value`` converted to its canonical type, or raise ValueError."""
        label = label or self.name
        if self.kind == "bool":
            if isinstance(value, (bool, np.bool_)):
                return bool(value)
            raise ValueError(f"Invalid {label}: {value!r} (allowed: True or False)")
        if self.kind == "int":
            return self._check_int(value, label)
        if self.kind == "pair":
            try:
                first, second = value
            except (TypeError, ValueError):
                raise ValueError(
                    f"Invalid {label}: {value!r} (allowed: a pair of values, each {self.range_text()})"
                ) from None
            return (
                self._check_float(first, f"{label}[0]"),
                self._check_float(second, f"{label}[1]"),
            )
        return self._check_float(value, label)

    def _check_float(self, value: Any, label: str) -> np.ndarray:
        try:
            arr = np.asarray(value, dtype=FLOAT)
        except (TypeError, ValueError):
            raise ValueError(
                f"Invalid {label}: {value!r} (allowed: a number, {self.range_text()})"
            ) from None
        if arr.ndim > 1:
            raise ValueError(
                f"Invalid {label}: shape {arr.shape} (allowed: a number or one value per run)"
            )
        flat = arr.reshape(-1)
        too_low = flat <= self.low if self.low_open else flat < self.low
        too_high = flat >= self.high if self.high_open else flat > self.high
        bad = ~np.isfinite(flat) | too_low | too_high
        if bad.any():
            shown = float(flat[np.argmax(bad)])
            raise ValueError(f"Invalid {label}: {shown!r} (allowed: {self.range_text()})")
        return arr


    def _check_int(self, value: Any, label: str) -> int:
        if isinstance(value, (bool, np.bool_)):
            ok = False
        else:
            try:
                number = float(value)
                ok = math.isfinite(number) and number == int(number)
            except (TypeError, ValueError, OverflowError):
                ok = False
        if not ok:
            raise ValueError(f"Invalid {label}: {value!r} (allowed: a whole number, {self.range_text()})")
        number = int(number)
        too_low = number <= self.low if self.low_open else number < self.low
        too_high = number >= self.high if self.high_open else number > self.high
        if too_low or too_high:
            raise ValueError(f"Invalid {label}: {number!r} (allowed: {self.range_text()})")
        return number


def per_run(value: np.ndarray) -> np.ndarray:
    """Lift a scalar or per-run ``(n,)`` array so it broadcasts against ``(n, d)``."""
    value = np.asarray(value, dtype=FLOAT)
    return value[..., None] if value.ndim == 1 else value


def coefficient(value: Any) -> float | np.ndarray:
    """A hyperparameter (or a number derived from one) for the arithmetic of the hot loop: a Python
    float when it is one number, else the per-run column ``(n, 1)`` of :func:`per_run`.

    Python floats and NumPy float64 round ``+ - * /`` and ``sqrt`` identically (IEEE 754), so this
    changes no result; it only saves the cost of NumPy's 0-d arithmetic, which is about a
    microsecond per operation against tens of nanoseconds.
    """
    if isinstance(value, float):
        return value
    value = np.asarray(value, dtype=FLOAT)
    if value.ndim == 0:
        return float(value)
    return value[..., None] if value.ndim == 1 else value


def nonzero(value: float | np.ndarray) -> bool:
    """False when a coefficient (a float or per-run array) is 0 for every run: torch skips a term such as
    weight decay then."""
    return value != 0.0 if isinstance(value, float) else bool(np.any(value != 0.0))


def output(out: tuple | None, name: str, like: np.ndarray) -> np.ndarray:
    """The array an update writes its new ``name`` into (``"params"`` or a state field).

    ``out`` is what the run loop passes to a rule that ``writes_into``: ``(params, state)``. The
    params array aliases none of the update's inputs; a state field's array is either a fresh
    buffer or the input state's own array for that field (the state is then updated in place, so
    the update reads each field before it writes it). Without ``out`` (a direct call) the array is
    a new one shaped like ``like``, so ``update`` stays pure.
    """
    if out is None:
        return np.empty(np.shape(like), dtype=FLOAT)
    return out[0] if name == "params" else getattr(out[1], name)


def power(base: Any, exponent: Any) -> np.ndarray:
    """``base ** exponent`` through NumPy's array loop, even for scalars.

    NumPy evaluates ``pow`` on arrays with SIMD code and on scalars with the C
    library, and the two can differ in the last bit; going through the array
    loop always makes a per-run array give exactly the values of its runs made
    one at a time.
    """
    return np.power(np.asarray(base, dtype=FLOAT)[None], np.asarray(exponent, dtype=FLOAT)[None])[0]


def lerp(start: np.ndarray, end: np.ndarray, weight: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """``start + weight * (end - start)``, evaluated the way ``torch.lerp`` does.

    torch switches formula at ``weight = 0.5`` so that both ends are exact;
    following it keeps exponential moving averages within rounding of torch.
    When every weight is on one side only that formula is evaluated, into ``out``
    if given: an array of the result's shape that is ``start`` itself (an update
    in place, as torch's ``lerp_``) or aliases neither input.
    """
    if not isinstance(weight, float):
        weight = np.asarray(weight, dtype=FLOAT)
        small = np.abs(weight) < 0.5
        if weight.ndim == 0:
            weight = float(weight)
        elif not (small.all() or not small.any()):  # some weights on each side: both formulas
            diff = end - start
            result = np.where(small, start + weight * diff, end - diff * (1.0 - weight))
            if out is None:
                return result
            np.copyto(out, result)
            return out
        else:
            small = bool(small.flat[0]) if small.size else True
    else:
        small = abs(weight) < 0.5
    diff = np.subtract(end, start, out=None if out is start else out)
    if out is None and not isinstance(weight, float) and np.broadcast_shapes(diff.shape, weight.shape) != diff.shape:
        diff = np.broadcast_to(diff, np.broadcast_shapes(diff.shape, weight.shape)).copy()
    if small:
        np.multiply(diff, weight, out=diff)  # weight * diff
        return np.add(diff, start, out=diff if out is None else out)  # start + weight * diff
    np.multiply(diff, 1.0 - weight, out=diff)
    return np.subtract(end, diff, out=diff if out is None else out)


def fused_add(start: np.ndarray, alpha: Any, other: np.ndarray) -> np.ndarray:
    """``start + alpha * other`` rounded once, as a fused multiply-add.

    This is what torch's ``start.add_(other, alpha=alpha)`` computes on CPUs with
    FMA (L-BFGS's two-loop recursion and its steps use it). NumPy has no fma, so
    the product is split exactly (Dekker's TwoProduct) and the three parts summed
    with a compensated addition; where the split would overflow the plain formula
    is used.
    """
    a = np.asarray(alpha, dtype=FLOAT)
    b = np.asarray(other, dtype=FLOAT)
    c = np.asarray(start, dtype=FLOAT)
    with np.errstate(all="ignore"):
        prod = a * b
        split = 134217729.0  # 2**27 + 1
        ca, cb = split * a, split * b
        a_hi = ca - (ca - a)
        b_hi = cb - (cb - b)
        a_lo, b_lo = a - a_hi, b - b_hi
        prod_err = ((a_hi * b_hi - prod) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo
        total = prod + c
        virtual = total - prod
        sum_err = (prod - (total - virtual)) + (c - virtual)
        out = total + (sum_err + prod_err)
        return np.where(np.isfinite(out), out, prod + c)


class Objective:
    """The function one update may evaluate, handed to rules that set ``needs_objective``.

    ``objective(points)`` returns ``(loss, grad)`` and ``objective.hess(points)``
    the exact Hessian, for points of shape ``(k, d)`` (any ``k``: a line search
    evaluates only the runs still searching). Within one update the function is
    fixed, as a torch closure that reuses its mini-batch: every evaluation sees
    the same ``rows`` (a mini-batch of a data objective, None = all data) and
    the same gradient noise vector ``noise`` (added to every gradient, not to
    the loss). ``known`` is an optional ``(points, loss)`` pair already computed
    by the caller: asking for the loss of that very array returns it without
    evaluating again.
    """

    __slots__ = ("_known", "noise", "rows", "surface")

    def __init__(self, surface, rows=None, noise=None, known=None) -> None:
        self.surface = surface
        self.rows = rows
        self.noise = noise
        self._known = known

    def loss(self, points: np.ndarray) -> np.ndarray:
        if self._known is not None and points is self._known[0]:
            return self._known[1]
        if self.rows is not None:
            return self.surface.loss(points, self.rows)
        return self.surface.value(points)

    def grad(self, points: np.ndarray) -> np.ndarray:
        g = self.surface.grad(points, self.rows) if self.rows is not None else self.surface.grad(points)
        return g if self.noise is None else g + self.noise

    def __call__(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return self.loss(points), self.grad(points)

    def hess(self, points: np.ndarray) -> np.ndarray:
        """``(k, d, d)``; raises ValueError when the surface has no exact Hessian."""
        hess = getattr(self.surface, "hess", None)
        try:
            if hess is None:
                raise NotImplementedError
            return hess(points, self.rows) if self.rows is not None else hess(points)
        except NotImplementedError:
            raise ValueError(f"{self.surface.name} has no exact Hessian (needed by second-order rules)") from None


class Rule:
    """Base class of an update rule.

    A subclass declares ``SPEC`` (its hyperparameters, with torch.optim's names
    and defaults), a ``State`` NamedTuple whose array fields have shape
    ``(n, d)``, and ``init``/``update``. Its docstring is the algorithm as LaTeX
    pseudo-code and is what the app shows.

    State fields named in ``EXTRA_STATE`` are arrays with one entry per run
    (leading axis ``n``) but another shape, such as L-BFGS's stored pairs
    ``(n, m, d)``; the run loop freezes and records them like the ``(n, d)``
    fields, in ``Trajectory.extra_state``. ``in_torch`` is False for a rule
    that torch.optim does not have.
    """

    name: ClassVar[str]
    title: ClassVar[Mapping[str, str]] = {}
    # The short, language-neutral name legends, menus and URLs-as-read show ("AdaGrad"); "" = title["en"].
    short: ClassVar[str] = ""
    # Work of one step of one run, in first-order steps (measured: benchmarks/engine_speed.py); the run
    # loop's work limit (optimizers.MAX_WORK) counts runs x steps x cost.
    cost: ClassVar[float] = 1.0
    SPEC: ClassVar[tuple[HyperParam, ...]] = ()
    State: ClassVar[type]
    EXTRA_STATE: ClassVar[tuple[str, ...]] = ()
    in_torch: ClassVar[bool] = True
    # True when ``update`` also takes ``out=(params, state)``: arrays to write the new params and the new
    # ``(n, d)`` state fields into, each state field's either a fresh buffer or the input's own (an update
    # in place; see :func:`output`); a field the update leaves as it was is returned as the input's own
    # array. The run loop then passes its recording rows and its state buffers, and updates allocate
    # (almost) nothing per step. Results are the same, bit for bit.
    writes_into: ClassVar[bool] = False

    @property
    def needs_objective(self) -> bool:
        """True if ``update`` needs ``objective=`` (an :class:`Objective`), not only the gradient."""
        return False

    def __init__(self, **hyperparams: Any) -> None:
        known = {p.name: p for p in self.SPEC}
        unknown = sorted(set(hyperparams) - set(known))
        if unknown:
            raise ValueError(
                f"Unknown hyperparameter {unknown[0]!r} for {self.name} "
                f"(allowed: {', '.join(known)})"
            )
        values = {}
        for name, spec in known.items():
            values[name] = spec.check(hyperparams.get(name, spec.default))
        self.hyperparams: dict[str, Any] = values
        self._validate(values)

    def _validate(self, hp: Mapping[str, Any]) -> None:
        """Cross-parameter checks (e.g. nesterov needs momentum > 0)."""

    def coefficients(self) -> dict[str, Any]:
        """The hyperparameters as the update's arithmetic takes them: each float (and each entry of a
        pair) through :func:`coefficient`, the others as they are. Made once per rule, not per step."""
        try:
            return self.__dict__["_coefficients"]
        except KeyError:
            pass
        kinds = {p.name: p.kind for p in self.SPEC}
        out = {}
        for name, value in self.hyperparams.items():
            kind = kinds.get(name)
            if kind == "float":
                out[name] = coefficient(value)
            elif kind == "pair":
                out[name] = tuple(v if v is None else coefficient(v) for v in value)
            else:
                out[name] = value
        self.__dict__["_coefficients"] = out
        return out

    # -- public API -------------------------------------------------------
    @property
    def n_runs(self) -> int | None:
        """Number of runs implied by per-run hyperparameter arrays, or None."""
        sizes = set()
        for value in self.hyperparams.values():
            for part in value if isinstance(value, tuple) else (value,):
                if isinstance(part, np.ndarray) and part.ndim == 1:
                    sizes.add(part.shape[0])
        if len(sizes) > 1:
            raise ValueError(f"Per-run hyperparameters of {self.name} have different lengths: {sorted(sizes)}")
        return sizes.pop() if sizes else None

    @property
    def lr(self) -> np.ndarray:
        return self.hyperparams["lr"]

    @classmethod
    def algorithm(cls) -> str:
        """The update rule as LaTeX (the class docstring)."""
        return inspect.cleandoc(cls.__doc__ or "")

    def zeros_like(self, params: np.ndarray, fill: Any = 0.0) -> np.ndarray:
        """A state array shaped like ``params`` ``(n, d)`` holding ``fill`` (scalar or per-run).

        Also checks that per-run hyperparameter arrays have one value per run.
        """
        params = np.asarray(params, dtype=FLOAT)
        if params.ndim != 2:
            raise ValueError(f"Invalid params: shape {params.shape} (allowed: (n runs, d coordinates))")
        n_runs = self.n_runs
        if n_runs is not None and n_runs != params.shape[0]:
            raise ValueError(
                f"Invalid params: {params.shape[0]} runs, but the per-run hyperparameters of "
                f"{self.name} have {n_runs} values (allowed: one value per run)"
            )
        return np.broadcast_to(per_run(fill), params.shape).astype(FLOAT)

    def init(self, params: np.ndarray) -> NamedTuple:  # pragma: no cover - abstract
        raise NotImplementedError

    def update(
        self, grads: np.ndarray, state: NamedTuple, params: np.ndarray, lr: np.ndarray | None = None
    ) -> tuple[np.ndarray, NamedTuple]:  # pragma: no cover - abstract
        raise NotImplementedError

    def describe(self) -> dict[str, Any]:
        """Hyperparameters as plain Python values (for tables and CSV)."""
        out = {}
        for name, value in self.hyperparams.items():
            if isinstance(value, tuple):
                out[name] = tuple(_plain(v) for v in value)
            else:
                out[name] = _plain(value)
        return out

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.describe().items())
        return f"{type(self).__name__}({args})"


def _plain(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return value.item() if value.ndim == 0 else value.tolist()
    return value
