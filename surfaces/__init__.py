"""Loss surfaces with exact gradients and Hessians: closed-form test functions and data objectives.

>>> import surfaces
>>> s = surfaces.get("anisotropic")
>>> s.value([[-7.0, 2.0]])
array([6.45])
>>> s.hess([-7.0, 2.0])  # the same everywhere on this quadratic: condition number 2 / 0.1 = 20
array([[0.1, 0. ],
       [0. , 2. ]])

Closed-form surfaces are registered by name (``surfaces.names()``); data objectives
are built from data with ``least_squares``, ``logistic``, ``hinge``, ``dense_mse`` and ``mlp`` (a small network), using
arrays of your own or from ``surfaces.datasets``. Quadratic bowls of any condition number and
orientation come from ``rotated_bowl`` (and ``quadratic`` for any symmetric matrix);
``constant_hessian`` tells whether a surface is quadratic.
"""

from .base import CriticalPoint, DataObjective, Surface
from .registry import SURFACES, get, names, register
from . import closed_form  # noqa: F401  (registers the surfaces)
from . import datasets, planes, tabular
from .data import dense_mse, hinge, least_squares, logistic
from .mlp import MLPObjective, mlp
from .custom import ExpressionError, custom
from .bowls import QuadraticSurface, constant_hessian, quadratic, rotated_bowl

__all__ = [
    "CriticalPoint", "DataObjective", "ExpressionError", "QuadraticSurface", "SURFACES", "Surface", "constant_hessian",
    "custom", "datasets", "dense_mse", "get", "hinge", "least_squares", "logistic", "MLPObjective", "mlp", "names", "planes",
    "quadratic", "register", "rotated_bowl",
]
