"""How our runs are compared with golden runs recorded on another machine (tests/golden/*.json).

The golden files were written by torch 2.13, optax 0.2.8 and our own generators on one CPU; the tests run
on any other. NumPy, torch and OpenBLAS pick their kernels by CPU: on AVX-512 NumPy's float64 ``pow``,
``exp``, ``sin``, ``cos``... are SVML's (within 1 ulp, not always glibc's ulp), BLAS kernels use FMA or
not. So a golden number and ours may differ in the last bits even where the rule is the same, and two rules
of thumb follow:

- Never bit equality between a recorded number and one computed here: a relative tolerance (``rtol``) of a
  few ulps per operation chain, times the steps where errors compound.
- A path that amplifies rounding (a bouncing Polyak step on Beale, a line search deciding on a difference
  of two nearly equal losses) turns a last-bit difference into any difference at all after some step, on
  every machine. Such a path is compared up to its *horizon*: the steps on which our own run, with the
  surface's values and gradients moved by ``PROBE_ULPS`` ulps (four probes), stays within a tenth of the
  relative tolerance of itself. ``PROBE_ULPS`` = 256 (5.7e-14 relative) is far above what a CPU's kernels
  change in one evaluation, and covers what the rules' own cancellations do with a last-bit change (an ulp of
  0.999^t is ~1000 ulps of the bias correction 1 - 0.999^t); L-BFGS, which has none, uses 16. Runs that never
  amplify rounding are compared to the last step. A run is compared up to the smaller of its horizon found here
  and the one recorded in tests/golden/horizons.json on a machine where our runs reproduce the golden files
  (bit for bit for most numbers): a decision that sat on a threshold there (a line search on two nearly equal
  losses) may sit clear of it here, and the other way round. Checked with benchmarks/ulp_noise.py: with every
  NumPy pow/exp/BLAS result moved by 1 or 4 ulps (several seeds), every comparison inside the horizons holds.
  Rewrite horizons.json with ``python benchmarks/parity.py --write-horizons`` when a golden file changes.

Bit-for-bit comparisons stay where both sides are computed in the same process: a batch against its runs one
at a time, the hot loop against the pure update, a copy against its source inside one golden file.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np

HORIZONS = Path(__file__).resolve().parent / "golden" / "horizons.json"

PROBE_ULPS = 256
# Four probes in two antithetic pairs: the sign of each value's move is a hash of its bits and |salt|, flipped for a
# negative salt, so that whatever a decision depends on moves both ways.
PROBE_SALTS = (1, -1, 2, -2)


def nudge(values, salt: int, ulps: int = PROBE_ULPS) -> np.ndarray:
    """``values`` each moved by ``ulps`` ulps up or down, the direction a hash of its bits and ``salt``.

    Deterministic, as a CPU's kernel is: the same input gives the same output, so a batch and its runs one at
    a time still agree; zeros and non-finite values stay as they are."""
    values = np.asarray(values, dtype=np.float64)
    bits = np.ascontiguousarray(values).view(np.uint64)
    with np.errstate(over="ignore"):
        up = ((bits * np.uint64(0x9E3779B97F4A7C15) + np.uint64(abs(salt)) * np.uint64(0xBF58476D1CE4E5B9))
              >> np.uint64(63)).astype(bool)
    step = np.where(np.isfinite(values) & (values != 0), ulps * np.spacing(np.abs(values)), 0.0)
    return (values + np.where(up == (salt > 0), step, -step)).reshape(values.shape)


def probe(fn, salt: int, ulps: int = PROBE_ULPS):
    """``fn`` with its results nudged."""
    return lambda *args: nudge(fn(*args), salt, ulps)


def probe_surface(surface, salt: int, ulps: int = PROBE_ULPS):
    """A project Surface whose values and gradients are nudged (for runs through ``optimizers.run``)."""
    return dataclasses.replace(surface, value_fn=probe(surface.value_fn, salt, ulps),
                               grad_fn=probe(surface.grad_fn, salt, ulps))


def within(a, b, rtol: float, atol: float) -> np.ndarray:
    """``assert_allclose``'s test, elementwise: |a - b| <= atol + rtol |b| (NaN only where both are NaN)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    with np.errstate(invalid="ignore"):
        return (np.abs(a - b) <= atol + rtol * np.abs(b)) | (np.isnan(a) & np.isnan(b)) | (a == b)


def horizon(clean, probes, rtol: float, atol: float) -> np.ndarray:
    """Per run, how many leading steps of ``clean`` every probe reproduces within (rtol, atol): pass a tenth of the
    comparison's relative tolerance, so that what another CPU does (a few ulps, against the probes' many) stays
    ten times inside it.

    ``clean`` and each probe are (steps, runs, ...); returns an int array of shape (runs,), ``steps`` for a
    run no probe departs from."""
    clean = np.asarray(clean, dtype=float)
    ok = np.ones(clean.shape[:2], dtype=bool)
    for other in probes:
        close = within(other, clean, rtol, atol)
        ok &= close.reshape(clean.shape[:2] + (-1,)).all(axis=2)
    bad = ~ok
    return np.where(bad.any(axis=0), bad.argmax(axis=0), clean.shape[0])


def relative_error(ours, reference, floor: float = 1e-6) -> np.ndarray:
    """|ours - reference| / max(|reference|, floor), elementwise (0 where equal). ``floor``: coordinates cross 0
    on surfaces of scale 1, where a relative error means nothing."""
    ours, reference = np.asarray(ours, dtype=float), np.asarray(reference, dtype=float)
    diff = np.abs(ours - reference)
    return np.where(diff == 0, 0.0, diff / np.maximum(np.abs(reference), floor))


def recorded_horizons(name: str) -> dict:
    """The horizons recorded for one golden file (``frontier``, ``lbfgs``): case id -> one entry per run ({} before
    the file is written)."""
    return json.loads(HORIZONS.read_text())[name] if HORIZONS.exists() else {}
