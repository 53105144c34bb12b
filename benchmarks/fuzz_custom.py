"""Fuzz surfaces.custom: only ExpressionError may escape, and nothing may be slow.

    python benchmarks/fuzz_custom.py -max_total_time=60        # atheris (libFuzzer flags)
    python benchmarks/fuzz_custom.py --seconds 60              # same; falls back to hypothesis

Each input is bytes decoded as UTF-8 (undecodable bytes become lone surrogates,
which the checker must refuse too). When the text is accepted, value and grad are
evaluated on ordinary and hostile points (±inf, NaN, huge), the normalised text
must parse back to the same tree, and the LaTeX must use only the characters our
templates produce. Any other exception, or an input taking more than 0.5 s, is a
crash. The seed corpus is the attack corpus plus the valid formulas of the tests.
"""

from __future__ import annotations

import argparse
import pathlib
import sys
import tempfile
import time

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

BUDGET = 0.5
MAX_LENGTH = 200
POINTS_2D = np.array([[0.5, -1.5], [-3.0, 2.0], [0.0, 0.0], [np.inf, 1.0], [-np.inf, np.nan],
                      [1e308, -1e308], [5e-324, 1.0]])
DICTIONARY = ["x", "y", "pi", "e", "sin(", "cos(", "tan(", "exp(", "log(", "ln(", "log10(", "sqrt(",
              "abs(", "tanh(", "sinh(", "cosh(", "arctan(", "arcsin(", "arccos(", "sigmoid(", "**", "^",
              "1e5", "1e-5", "0.5", "100", "(", ")", "-", "+", "*", "/", ",", ".", "_", "__class__", "j"]
LATEX_CHARACTERS = set("abcdefghijklmnopqrstuvwxyz0123456789{}()|\\^_+-., '=")


def check(text: str, custom, ExpressionError, parse) -> None:
    start = time.perf_counter()
    try:
        surface = custom(text)
    except ExpressionError:
        surface = None
    if surface is not None:
        points = POINTS_2D[:, : surface.dim]
        values, grads = surface.value(points), surface.grad(points)
        assert values.shape == (len(points),) and grads.shape == points.shape
        if len(surface.expression) <= MAX_LENGTH:  # normalising adds spaces and parentheses
            assert parse(surface.expression) == surface.tree, (text, surface.expression)
        for latex in (surface.latex, *surface.gradient_latex):
            assert set(latex) <= LATEX_CHARACTERS, latex
    elapsed = time.perf_counter() - start
    if elapsed > BUDGET:
        raise RuntimeError(f"slow input ({elapsed:.3f} s): {text!r}")


def seeds() -> list[str]:
    from attack_corpus import ATTACKS

    valid = ["x^3 - 2*x^2 + 2", "x**2/20 + y**2", "sin(x)*cos(y)", "(1-x)^2 + 100*(y-x^2)^2",
             "exp(sin(x*y)) + log(1 + x^2)", "sqrt(x^2 + y^2 + 1)", "x^y", "2^-1", "pi*e", "abs(x)",
             "sigmoid(x) - tan(y/4)", "arctan(x) + arcsin(y/6)", "log10(x) * ln(y)", "-x - -y"]
    return [t for t, _ in ATTACKS if len(t) <= 1000] + valid


def run_atheris(argv: list[str]) -> None:
    import atheris

    with atheris.instrument_imports():
        # (``import surfaces.custom as m`` would give the function: the package re-exports it)
        from surfaces.custom import ExpressionError, custom, parse

    def test_one_input(data: bytes) -> None:
        check(data.decode("utf-8", "surrogateescape"), custom, ExpressionError, parse)

    scratch = tempfile.mkdtemp(prefix="fuzz_custom_")
    if not any(a.startswith("-artifact_prefix=") for a in argv):  # crash files go there, not into the repo
        argv = argv + [f"-artifact_prefix={scratch}/"]
    if not any(a.startswith("-dict=") for a in argv):  # grammar words help the mutator build formulas
        words = pathlib.Path(scratch, "words.dict")
        words.write_text("".join(f'"{w}"\n' for w in DICTIONARY))
        argv = argv + [f"-dict={words}"]
    if not any(not a.startswith("-") for a in argv[1:]):  # no corpus directory given: seed one
        corpus = pathlib.Path(scratch, "corpus")
        corpus.mkdir()
        for i, text in enumerate(seeds()):
            pathlib.Path(corpus, f"seed{i:03d}").write_bytes(text.encode("utf-8", "surrogateescape"))
        argv = argv + [str(corpus)]
    print(f"fuzz_custom: crash files and seed corpus under {scratch}", flush=True)
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


def run_hypothesis(seconds: float) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from surfaces.custom import ExpressionError, custom, parse

    tokens = ["x", "y", "pi", "e", "1", "2", "9", "1e5", ".5", "sin", "exp", "log", "sqrt", "abs",
              "(", ")", ",", ".", "+", "-", "*", "/", "**", "^", " ", "_", "__class__", "if", "for", "j"]
    texts = st.one_of(st.text(max_size=300), st.binary(max_size=300).map(lambda b: b.decode("utf-8", "surrogateescape")),
                      st.lists(st.sampled_from(tokens), max_size=60).map("".join), st.sampled_from(seeds()))
    deadline = time.monotonic() + seconds
    runs = 0
    while time.monotonic() < deadline:
        @settings(max_examples=500, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(texts)
        def batch(text):
            check(text, custom, ExpressionError, parse)

        batch()
        runs += 500
    print(f"hypothesis fuzz: {runs} inputs in {seconds:.0f} s, 0 crashes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, help="stop after this long (default 60)")
    parser.add_argument("--hypothesis", action="store_true", help="use the hypothesis loop even if atheris is here")
    args, rest = parser.parse_known_args()
    seconds = args.seconds
    if seconds is None:
        given = [a for a in rest if a.startswith("-max_total_time=")]
        seconds = float(given[0].split("=", 1)[1]) if given else 60.0
    if not any(a.startswith("-max_total_time=") for a in rest):
        rest.append(f"-max_total_time={int(seconds)}")
    try:
        if args.hypothesis:
            raise ImportError
        import atheris  # noqa: F401
    except ImportError:
        run_hypothesis(seconds)
    else:
        run_atheris([sys.argv[0]] + rest)


if __name__ == "__main__":
    main()
