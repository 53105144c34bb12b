"""Vectorized, pure-NumPy update rules that follow torch.optim (float64).

>>> import optimizers, surfaces
>>> traj = optimizers.run(optimizers.get("adam", lr=0.3), surfaces.get("anisotropic"), [(-7, 2)], steps=30)
"""

from .base import HyperParam, Rule
from .registry import ALIASES, RULES, alias_defaults, get, names, register, rule_class
from .run import DIVERGENCE_BOUND, MAX_RUNS, MAX_STEPS, MAX_WORK, run
from .sgd import SGD
from .trajectory import Trajectory

register(SGD)

__all__ = [
    "DIVERGENCE_BOUND", "MAX_RUNS", "MAX_STEPS", "MAX_WORK", "Trajectory", "run",
    "ALIASES", "HyperParam", "RULES", "Rule", "alias_defaults", "get", "names",
    "register", "rule_class",
]
