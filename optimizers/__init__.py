"""Vectorized, pure-NumPy update rules that follow torch.optim (float64).

>>> import optimizers, surfaces
>>> traj = optimizers.run(optimizers.get("adam", lr=0.3), surfaces.get("anisotropic"), [(-7, 2)], steps=30)
"""

from .base import HyperParam, Objective, Rule
from .registry import ALIASES, RULES, alias_defaults, get, label, names, register, rule_class
from .run import MAX_RUNS, MAX_STEPS, MAX_WORK, divergence_bound, run
from .adabelief import AdaBelief
from .adadelta import Adadelta
from .adafactor import Adafactor
from .adagrad import Adagrad
from .adam import Adam
from .adamax import Adamax
from .adamw import AdamW
from .adan import Adan
from .asgd import ASGD
from .lamb import LAMB
from .lars import LARS
from .lbfgs import LBFGS
from .lion import Lion
from .nadam import NAdam
from .newton import Newton
from .novograd import NovoGrad
from .polyak_sgd import PolyakSGD
from .prodigy import Prodigy
from .radam import RAdam
from .rmsprop import RMSprop
from .rprop import Rprop
from .schedule_free import ScheduleFreeAdamW, ScheduleFreeSGD
from .sgd import SGD
from .yogi import Yogi
from .trajectory import Trajectory

for _rule in (SGD, Adagrad, Adadelta, RMSprop, Adam, AdamW, NAdam, RAdam, Adamax, LBFGS, Newton):
    register(_rule)
# issue 11's frontier rules: torch.optim's Rprop, ASGD and Adafactor, then optax's
for _rule in (Rprop, ASGD, Adafactor, Lion, AdaBelief, Adan, LAMB, LARS, Yogi, NovoGrad, PolyakSGD, ScheduleFreeSGD,
              ScheduleFreeAdamW, Prodigy):
    register(_rule)
del _rule

from . import presets, schedules  # noqa: E402  (they build optimizers through the registry)

__all__ = [
    "divergence_bound", "MAX_RUNS", "MAX_STEPS", "MAX_WORK", "Trajectory", "run",
    "ALIASES", "HyperParam", "Objective", "RULES", "Rule", "alias_defaults", "get", "label", "names",
    "register", "rule_class", "presets", "schedules",
]
