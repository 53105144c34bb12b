"""Simulate another CPU's math kernels: find the checks that depend on this machine's last bits.

NumPy picks its float64 ``pow``/``exp``/``sin``/``cos``... kernels by CPU (SVML's on AVX-512, the C library's
elsewhere) and OpenBLAS its BLAS/LAPACK kernels (FMA or not), so results may differ by an ulp from machine to
machine. ``NPY_DISABLE_CPU_FEATURES`` only reaches the kernels this machine has; this module makes the
difference happen here. Once installed, in this process:

* every float64 result of a transcendental ufunc (``np.power``, ``np.exp``, ``np.sin``, ... called through
  ``np.<name>``), of ``a ** b`` on arrays (``b`` not one of NumPy's exact shortcuts 0, 0.5, 1, -1, 2) and of
  ``@``, ``np.dot``, ``np.einsum``, ``np.linalg.*`` is moved by ``ULP_NOISE_ULPS`` ulps (default 1) up or down
  on a deterministic subset of elements: a hash of the value's bits and ``ULP_NOISE_SEED`` decides, so the same
  input still gives the same output (a batch and its runs one at a time still agree, as on one machine);
* results a kernel within 1 ulp must get exactly are left alone: zeros, integers, non-finite values,
  ``pow(x, 1)`` and ``pow(x, 0)``;
* ``**`` and ``@`` are reached by rewriting the project's own modules as they are imported (everything under
  the repository but tests/, whose golden generators tests/golden/make_*.py are rewritten too).

A check that fails only with the noise compares numbers that another machine computes differently: give it a
tolerance with a reason (see tests/golden_parity.py). The simulation is coarser than a CPU in one way: test
modules are not rewritten, so a test that recomputes the project's own ``**`` or ``@`` in its body and asks for
bit equality fails although on a real machine both sides run the same kernel.

    python -m pytest -p benchmarks.ulp_noise tests/golden          # as a pytest plugin
    python -m benchmarks.ulp_noise benchmarks/parity.py [args]      # around a script

``ULP_NOISE_GROUPS`` (default ``ufunc,pow,blas``) picks what is moved; ``ULP_NOISE_SEED`` (hex) another subset.
scripts/test.sh runs the golden comparisons with it after the main run.
"""

from __future__ import annotations

import ast
import builtins
import importlib.machinery
import os
import runpy
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
GROUPS = set(os.environ.get("ULP_NOISE_GROUPS", "ufunc,pow,blas").split(","))
ULPS = int(os.environ.get("ULP_NOISE_ULPS", "1"))
SEED = np.uint64(int(os.environ.get("ULP_NOISE_SEED", "9E3779B97F4A7C15"), 16) | 1)

UFUNCS = ("power", "float_power", "sin", "cos", "tan", "exp", "exp2", "expm1", "log", "log2", "log10", "log1p",
          "tanh", "sinh", "cosh", "arctan", "arctan2", "arcsin", "arccos", "arcsinh", "arccosh", "arctanh", "hypot",
          "cbrt")
BLAS = ("matmul", "dot", "einsum", "inner", "vdot", "tensordot")
LINALG = ("solve", "eigh", "eigvalsh", "lstsq", "inv", "norm", "slogdet", "det", "eig", "eigvals", "svd", "pinv",
          "cholesky", "qr")
EXACT_EXPONENTS = (0, 0.5, 1, -1, 2)  # NumPy's shortcuts for ``a ** b`` with a scalar b: exact, or sqrt


def nudge(result, keep=None):
    """``result`` with a deterministic subset of its float64 elements moved by ULPS ulps (``keep``: elements to
    leave as they are)."""
    if isinstance(result, np.float64):
        return np.float64(nudge(np.array([result]), None if keep is None else np.atleast_1d(keep))[0])
    if not (isinstance(result, np.ndarray) and result.dtype == np.float64 and result.size):
        return result
    values = np.ascontiguousarray(result)
    with np.errstate(all="ignore"):
        pick = (values.view(np.uint64) * SEED) >> np.uint64(62)  # 0..3: down, up, or (half the time) unchanged
        exact = ~np.isfinite(values) | (values == 0) | ((np.abs(values) < 2.0 ** 52) & (values == np.floor(values)))
        if keep is not None:
            exact |= np.broadcast_to(keep, values.shape)
        up, down = values.copy(), values.copy()
        for _ in range(ULPS):
            up, down = np.nextafter(up, np.inf), np.nextafter(down, -np.inf)
    moved = np.where(exact | (pick >= 2), values, np.where(pick == 1, up, down))
    return moved.reshape(result.shape)


class Noisy:
    """A NumPy function whose float64 results are nudged (``out=`` arrays in place)."""

    def __init__(self, fn, name):
        self._fn, self._name = fn, name

    def _keep(self, args):
        if self._name in ("power", "float_power") and len(args) >= 2:
            with np.errstate(all="ignore"):
                return np.isin(np.asarray(args[1], dtype=float), (0.0, 1.0))
        return None

    def __call__(self, *args, **kwargs):
        result = self._fn(*args, **kwargs)
        keep = self._keep(args)
        out = kwargs.get("out")
        target = out[0] if isinstance(out, tuple) else out
        if isinstance(target, np.ndarray):
            target[...] = nudge(target, keep)
            return result
        if isinstance(result, tuple):
            parts = [nudge(part) for part in result]
            return type(result)(*parts) if hasattr(result, "_fields") else tuple(parts)
        return nudge(result, keep)

    def __getattr__(self, name):  # ufunc attributes (.reduce, .nin, ...) are the original's
        return getattr(self._fn, name)


def _pow(a, b):
    result = a ** b
    if "pow" in GROUPS and (isinstance(a, np.ndarray) or isinstance(b, np.ndarray)):
        if isinstance(b, (int, float)) and not isinstance(b, bool) and b in EXACT_EXPONENTS:
            return result
        with np.errstate(all="ignore"):
            keep = np.isin(np.asarray(b, dtype=float), (0.0, 1.0))
        return nudge(result, np.broadcast_to(keep, np.shape(result)) if np.ndim(result) else keep)
    return result


def _matmul(a, b):
    result = a @ b
    return nudge(result) if "blas" in GROUPS else result


class _Rewrite(ast.NodeTransformer):
    """``a ** b`` -> ``_ulp_noise_pow_(a, b)``, ``a @ b`` -> ``_ulp_noise_matmul_(a, b)``."""

    def visit_BinOp(self, node):
        self.generic_visit(node)
        names = {ast.Pow: "_ulp_noise_pow_", ast.MatMult: "_ulp_noise_matmul_"}
        name = names.get(type(node.op))
        if name is None:
            return node
        return ast.copy_location(ast.Call(ast.Name(name, ast.Load()), [node.left, node.right], []), node)


def _ours(path: str) -> bool:
    try:
        rel = Path(path).resolve().relative_to(ROOT)
    except ValueError:
        return False
    if rel.parts[0].startswith(".") or rel.parts[0] == "benchmarks" and rel.name == "ulp_noise.py":
        return False
    return rel.parts[0] != "tests" or rel.name.startswith("make_")


_get_code = importlib.machinery.SourceFileLoader.get_code


def _get_code_rewritten(self, fullname):
    path = self.get_filename(fullname)
    if not _ours(path):
        return _get_code(self, fullname)
    tree = _Rewrite().visit(ast.parse(self.get_data(path), path))
    return compile(ast.fix_missing_locations(tree), path, "exec", dont_inherit=True)


_installed = False


def install() -> None:
    """Patch NumPy and the import of the project's modules (once; modules imported before are not rewritten)."""
    global _installed
    if _installed:
        return
    _installed = True
    try:  # jax's ml_dtypes registers loops on NumPy's ufuncs when imported: let it see the real ones
        import ml_dtypes  # noqa: F401
    except ImportError:
        pass
    builtins._ulp_noise_pow_ = _pow
    builtins._ulp_noise_matmul_ = _matmul
    importlib.machinery.SourceFileLoader.get_code = _get_code_rewritten
    if "ufunc" in GROUPS:
        for name in UFUNCS:
            setattr(np, name, Noisy(getattr(np, name), name))
    if "blas" in GROUPS:
        for name in BLAS:
            setattr(np, name, Noisy(getattr(np, name), name))
        for name in LINALG:
            setattr(np.linalg, name, Noisy(getattr(np.linalg, name), name))


def pytest_report_header(config):
    return (f"ulp noise: {ULPS} ulp(s) on {','.join(sorted(GROUPS))} results, seed {int(SEED):X} "
            "(benchmarks/ulp_noise.py)")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    install()
    script, sys.argv = sys.argv[1], sys.argv[1:]
    runpy.run_path(script, run_name="__main__")
else:
    install()
