"""Loss surfaces with exact gradients: closed-form test functions and data objectives.

>>> import surfaces
>>> s = surfaces.get("anisotropic")
>>> s.value([[-7.0, 2.0]])
array([6.45])
"""

from .base import CriticalPoint, Surface
from .registry import SURFACES, get, names, register
from . import closed_form  # noqa: F401  (registers the surfaces)

__all__ = ["CriticalPoint", "SURFACES", "Surface", "get", "names", "register"]
