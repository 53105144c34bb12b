"""Figures of DescentLab: pure functions from trajectories and surfaces to plotly figure dicts.

No Streamlit here. Every figure takes ``lang`` ("en" or "ko") for all its visible text and returns
a plain dict in plotly's JSON schema (``spec``), built without plotly.py's validators; animated
figures get their frames and controls from one builder (``animation.animate``).

>>> import optimizers, surfaces, plotting
>>> s = surfaces.get("anisotropic")
>>> trajs = [optimizers.run(optimizers.get(n, lr=0.1), s, s.starts, 100) for n in ("sgd", "momentum")]
>>> fig = plotting.compare_figure(s, trajs, ["sgd", "momentum"])
"""

from . import describe
from .compare import compare_figure
from .curvature import edge_figure, eigen_figure, hessian_figure, rates_figure
from .descent_1d import descent_1d_figure
from .inspector import inspector_figure, inspector_table, inspector_tables
from .live import counts_figure
from .loss import loss_figure
from .minibatch import boundary_figure, fit_figure, race_figure, sigmoid_figure
from .panels import panels_figure
from .surface_3d import surface_3d_figure
from .saddles import basin_figure
from .network import network_loss_figure, network_outputs_figure
from .sweep import heatmap_figure, sweep_figure
from .export import chart_config, config, csv_text, figure_bytes, neutralise_formulas, offline_html, sized
from .spec import Spec, validated
from ._style import Style, optimizer_style, series_style

__all__ = [
    "Spec", "Style", "basin_figure", "describe", "boundary_figure", "chart_config", "compare_figure", "config", "counts_figure", "descent_1d_figure",
    "edge_figure", "eigen_figure", "figure_bytes", "fit_figure", "sigmoid_figure", "heatmap_figure", "hessian_figure",
    "inspector_figure", "inspector_table", "inspector_tables", "loss_figure", "network_loss_figure", "network_outputs_figure",
    "csv_text", "neutralise_formulas", "offline_html", "optimizer_style", "panels_figure", "race_figure", "rates_figure", "series_style", "sized", "surface_3d_figure", "sweep_figure",
    "validated",
]
