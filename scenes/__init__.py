"""Lesson scenes: pure functions from hashable settings to trajectories and tables.

Pages call one of these (through a bounded cache) and hand the result to the
plotting module. Nothing here imports Streamlit.
"""

from .common import CUSTOM, surface_for
from .compare import CompareResult, OptimizerConfig, compare, defaults_for, summary_table
from .one_d import descent_1d, lr_presets

__all__ = [
    "CUSTOM", "surface_for",
    "CompareResult", "OptimizerConfig", "compare", "defaults_for", "descent_1d", "lr_presets", "summary_table",
]
