"""Every chart the app shows, as a pure function of its scene's settings, built once and shared.

A class sees the same few scenes: each function here takes the settings of the scene it draws
(``scene``: the positional arguments of the scene function in ``ui.engine``), the language and
whatever changes only the drawing (log scale, presentation mode...). It calls the scene through
its cache and returns the figure dict, itself kept in a bounded cross-session cache: a scene's
figure is built once, and every session that shows it gets the same read-only dict (``charts.show``
hands it to Streamlit without rebuilding or re-validating it). The dicts hold no reference cycles,
so an entry the cache drops is freed at once, without waiting for a full garbage collection.

Labels come from the language given, never from the session (``i18n.t``): the result must not
depend on who asked first.
"""

from __future__ import annotations

import pandas as pd

import plotting
from plotting.inspector import extra_tables
from plotting import netscape
import scenes
from plotting import curvature as curvature_plots
from scenes import curvature as curvature_scene

from . import engine
from .controls import optimizer_label
from .text import text

# Entries per chart: an animated figure is up to 3 MB of Python objects (at most 0.9 MB of JSON),
# a static one mostly under 0.5 MB. A class shares a few scenes; a hostile crowd (benchmarks/load.py)
# fills every cache, which these bounds hold to about 150 MB.
ANIMATED = 12
STATIC = 24


def _labels(names) -> list[str]:
    return [optimizer_label(name) for name in names]


def _surface(surface_name, expression):
    return scenes.surface_for(surface_name, expression)


# -- compare page: scene = (surface_name, configs, start, steps, schedule, expression) ----------
# A race (map and loss) is drawn stacked on a phone, and in a projector's column beside the story when its
# map is wider than tall (a tall map, e.g. the mini-batch page's, keeps the loss beside it); its height
# there, so that map, loss and controls fit the screen (1920 x 1080, 1280 x 720, a phone's).
STACKED_HEIGHT = {"projector": 820, "projector-small": 500, "phone": 640}


def stacks(display: str, window) -> bool:
    """Whether a race on a map over ``window`` ((x range), (y range)) is drawn stacked on ``display``."""
    (xlo, xhi), (ylo, yhi) = window
    return display == "phone" or (display in STACKED_HEIGHT and (xhi - xlo) >= 1.2 * (yhi - ylo))


# A phone gets fewer frames: at most this many bytes of figure JSON for a race (the whole figure; 900 KB
# elsewhere), so that a page costs a school's Wi-Fi (and the phone's CPU) less; the run still plays in 5 s.
PHONE_BUDGET = 280_000
PHONE_DATA_BUDGET = 150_000  # the mini-batch page's second animated figure (the data and the fitted lines)


# The mini-batch race on a phone: drawn for the phone's map width (``PHONE_PLOT_WIDTH``: a path keeps a point per
# pixel it moves), its story's five scenes play 26-54 frames in 171-184 KB, where 500-px paths in the phones' 280 KB
# played 29-81 in 233-256 KB. Forty followers' phones take it at every Next (BENCHMARKS.md "The next step made ready").
MINIBATCH_PHONE_BUDGET = 200_000


def budget(display: str, default: int, phone: int = PHONE_BUDGET) -> int:
    """The byte budget of an animated figure on ``display`` (``phone``: the most on a phone)."""
    return min(default, phone) if display == "phone" else default


PHONE_PLOT_WIDTH = 330  # px a phone (360-430 CSS px wide) leaves the plot, less its margins


def stacked_height(display: str, window) -> int:
    """The height of a stacked race on ``display``: fixed on a projector; on a phone as tall as its map needs
    at the phone's width (the map takes 64 % of the plot area, the loss the rest), within 440-760 px."""
    if display != "phone":
        return STACKED_HEIGHT[display]
    (xlo, xhi), (ylo, yhi) = window
    map_height = PHONE_PLOT_WIDTH * (yhi - ylo) / (xhi - xlo)
    return int(min(760, max(440, map_height / (0.64 * 0.86) + 126)))  # rows share 86 %; margins 126 px


def race_sized(spec: plotting.Spec, display: str, stacked: bool, window) -> plotting.Spec:
    """A race figure sized for ``display`` (``stacked``: as ``stacks`` decided, on a map over ``window``)."""
    return plotting.sized(spec, display, height=stacked_height(display, window) if stacked else None)


@engine.cached(max_entries=ANIMATED)
def compare_map(scene, lang, log_loss, display, secret=False) -> plotting.Spec:
    """``secret``: the outcome kept back (a story's open question): the future of the loss curves hidden."""
    result = engine.compare(scene)
    surface = _surface(scene[0], scene[5])
    stacked = stacks(display, surface.window)
    spec = plotting.compare_figure(surface, result.trajectories, _labels(result.names), lang=lang, log_loss=log_loss,
                                   click_targets=True, secret=secret, stacked=stacked,
                                   byte_budget=budget(display, plotting.animation.DEFAULT_BUDGET))
    return race_sized(spec, display, stacked, surface.window)


@engine.cached(max_entries=STATIC)
def compare_panels(scene, lang) -> plotting.Spec:
    result = engine.compare(scene)
    return plotting.panels_figure(_surface(scene[0], scene[5]), result.trajectories, _labels(result.names),
                                  lang=lang)


@engine.cached(max_entries=STATIC)
def compare_3d(scene, lang) -> plotting.Spec:
    result = engine.compare(scene)
    return plotting.surface_3d_figure(_surface(scene[0], scene[5]), result.trajectories, _labels(result.names),
                                      lang=lang)


@engine.cached(max_entries=STATIC)
def compare_inspector(scene, lang, step, display="desktop") -> plotting.Spec:
    result = engine.compare(scene)
    return plotting.sized(plotting.inspector_figure(_surface(scene[0], scene[5]), result.trajectories,
                                                    _labels(result.names), step, lang=lang), display)


@engine.cached(max_entries=STATIC)
def inspector_extras(scene, lang, step) -> list[tuple[str, pd.DataFrame]]:
    """L-BFGS's line search and stored pairs, Newton's Hessian, at update ``step`` (titled tables)."""
    result = engine.compare(scene)
    return extra_tables(result.trajectories, _labels(result.names), step, lang=lang)


@engine.cached(max_entries=STATIC)
def inspector_tables(scene, lang, step) -> list[tuple[str, pd.DataFrame]]:
    """Update ``step`` of each optimizer: its own table under its name (``plotting.inspector_tables``)."""
    result = engine.compare(scene)
    return plotting.inspector_tables(result.trajectories, _labels(result.names), step, lang=lang)


# -- learning rate in 1-D: scene = (surface_name, config, start, steps, expression) ------------
@engine.cached(max_entries=ANIMATED)
def descent_1d(scene, lang, display) -> plotting.Spec:
    trajectory = engine.descent_1d(scene)
    return plotting.sized(plotting.descent_1d_figure(_surface(scene[0], scene[4]), trajectory, lang=lang), display)


def updates_1d(scene) -> int:
    """How many updates the 1-D run recorded (fewer than asked when it diverged early)."""
    return len(engine.descent_1d(scene).steps) - 1


@engine.cached(max_entries=STATIC)
def inspector_1d(scene, lang, step, display) -> plotting.Spec:
    """Update ``step`` of the 1-D run: the point, the negative gradient and the step taken."""
    trajectory = engine.descent_1d(scene)
    figure = plotting.inspector_figure(_surface(scene[0], scene[4]), [trajectory], _labels([scene[1].name]), step,
                                       lang=lang)
    return plotting.sized(figure, display)


@engine.cached(max_entries=STATIC)
def inspector_table_1d(scene, lang, step) -> pd.DataFrame:
    table = plotting.inspector_table([engine.descent_1d(scene)], _labels([scene[1].name]), step, lang=lang)
    return table.drop(columns=[table.columns[1], table.columns[3]])  # one run, one coordinate: no run/coordinate


# -- saddles: scene = (surface_name, config, start, steps, delta, noise, seed) ------------------
def saddle_run_names(result, lang: str) -> list[str]:
    return [text("saddles.run_unperturbed", lang), text("saddles.run_perturbed", lang, delta=result.perturbation),
            text("saddles.run_noise", lang, sigma=result.noise)]


@engine.cached(max_entries=ANIMATED)
def saddle(scene, lang, display, secret=False) -> plotting.Spec:
    result = engine.saddle_runs(scene)
    surface = _surface(scene[0], None)
    stacked = stacks(display, surface.window)
    spec = plotting.compare_figure(surface, result.trajectories, saddle_run_names(result, lang), lang=lang,
                                   secret=secret, stacked=stacked,
                                   byte_budget=budget(display, plotting.animation.DEFAULT_BUDGET))
    return race_sized(spec, display, stacked, surface.window)


# basins: scene = (surface_name, optimizer, lr, steps, resolution, expression)
@engine.cached(max_entries=STATIC)
def basins(scene, lang, display) -> plotting.Spec:
    return plotting.sized(plotting.basin_figure(engine.basin_maps(scene), lang=lang), display)


# -- batch, mini-batch, SGD: scene = scenes.minibatch.minibatch_runs's arguments ---------------
def minibatch_names(result, lang: str) -> list[str]:
    return [text(f"minibatch.name_{role}", lang, k=size) for role, size in zip(result.roles, result.batch_sizes)]


@engine.cached(max_entries=ANIMATED)
def minibatch_race(scene, lang, log_loss, per_epoch, display, secret=False) -> plotting.Spec:
    result = engine.minibatch_runs(scene)
    stacked = stacks(display, result.surface.window)
    spec = plotting.race_figure(result.surface, result.trajectories, minibatch_names(result, lang), lang=lang,
                                log_loss=log_loss, x_axis="epochs" if per_epoch else "updates", secret=secret,
                                stacked=stacked,
                                byte_budget=budget(display, plotting.animation.DEFAULT_BUDGET, MINIBATCH_PHONE_BUDGET),
                                **({"pixels": PHONE_PLOT_WIDTH} if display == "phone" else {}))
    return race_sized(spec, display, stacked, result.surface.window)


@engine.cached(max_entries=ANIMATED)
def minibatch_data(scene, lang, display) -> plotting.Spec:
    result = engine.minibatch_runs(scene)
    draw = {"least_squares": plotting.fit_figure, "hinge": plotting.boundary_figure,
            "logistic": plotting.sigmoid_figure}[result.surface.name]
    titles = minibatch_axis_titles(result.data, lang) if result.data is not None else {}
    spec = draw(result.surface, result.trajectories, minibatch_names(result, lang), lang=lang, **titles,
                **({"byte_budget": PHONE_DATA_BUDGET} if display == "phone" else {}))
    return plotting.sized(spec, display)


def minibatch_axis_titles(data, lang: str) -> dict:
    """The data chart's axis titles from a student's choice of columns (the figure escapes them)."""
    x_title = text("datasource.standardised", lang, name=data.feature) if data.standardise else data.feature
    if data.task == "regression":
        return {"x_title": x_title, "y_title": data.target}
    return {"x_title": x_title, "y_title": text("datasource.class_axis", lang, column=data.target, value=data.positive)}


# -- network landscape: scene = scenes.landscape.landscape's arguments ---------------------------
@engine.cached(max_entries=STATIC)
def landscape_planes(scene, lang, display) -> plotting.Spec:
    """The two planes, side by side (stacked on a phone)."""
    result = engine.landscape(scene)
    stacked = display == "phone"
    spec = netscape.planes_figure(result, _labels(result.names), lang=lang, stacked=stacked)
    return plotting.sized(spec, display)


@engine.cached(max_entries=STATIC)
def landscape_gap(scene, lang, display) -> plotting.Spec:
    result = engine.landscape(scene)
    return plotting.sized(netscape.gap_figure(result, _labels(result.names), lang=lang), display)


@engine.cached(max_entries=STATIC)
def landscape_boundary(scene, lang, display) -> plotting.Spec:
    result = engine.landscape(scene)
    return plotting.sized(netscape.decision_figure(result, _labels(result.names), lang=lang), display)


def alt_landscape(scene, lang) -> str:
    result = engine.landscape(scene)
    return netscape.describe(result, _labels(result.names), lang=lang)


def alt_landscape_gap(scene, lang) -> str:
    result = engine.landscape(scene)
    return netscape.describe_gap(result, _labels(result.names), lang=lang)


# -- tiny network: scene = scenes.network.network's arguments ----------------------------------
@engine.cached(max_entries=STATIC)
def network_loss(scene, lang, log_loss, display) -> plotting.Spec:
    result = engine.network(scene)
    spec = plotting.network_loss_figure(result, _labels(result.names), lang=lang, log_loss=log_loss)
    return plotting.sized(spec, display)


@engine.cached(max_entries=STATIC)
def network_outputs(scene, lang, display) -> plotting.Spec:
    result = engine.network(scene)
    return plotting.sized(plotting.network_outputs_figure(result, _labels(result.names), lang=lang), display)


# -- learning-rate sweep: scenes.sweep.lr_sweep's and lr_grid's arguments ----------------------
@engine.cached(max_entries=STATIC)
def sweep(scene, lang, steps_metric, display) -> plotting.Spec:
    result = engine.lr_sweep(scene)
    spec = plotting.sweep_figure(result, _labels(result.names), lang=lang, metric="steps" if steps_metric else "final")
    return plotting.sized(spec, display)


@engine.cached(max_entries=STATIC)
def heatmap(scene, label, lang, display) -> plotting.Spec:
    """The lr x hyperparameter heatmap; on a quadratic, SGD's lr x momentum grid also shows heavy ball's
    stability edge lr = 2 (1 + β) / λmax (``scenes.curvature.heavy_ball_edge``)."""
    grid = engine.lr_grid(scene)
    edge = curvature_scene.heavy_ball_edge(scene[0], scene[1], grid.values, expression=scene[7])
    overlay = None if edge is None else {
        "lrs": edge.lrs, "values": edge.betas, "name": text("curvature.edge_name", lang, lam=f"{edge.lam_max:.4g}")}
    return plotting.sized(plotting.heatmap_figure(grid, lang=lang, label=label, overlay=overlay), display)


def stability_edge(scene):
    """The stability edge drawn over ``heatmap(scene, ...)``, or None (see ``heatmap``)."""
    return curvature_scene.heavy_ball_edge(scene[0], scene[1], engine.lr_grid(scene).values, expression=scene[7])


# -- curvature: the scenes of ui.engine's point_curvature, eigen_runs, rates, rotation_race, edge_of_stability --
def curvature_labels(figure: str, lang: str) -> dict[str, str]:
    """The visible text of one curvature figure (``plotting.curvature.LABEL_KEYS``), in ``lang``."""
    return {key: text(f"curvature.fig.{figure}.{key}", lang) for key in curvature_plots.LABEL_KEYS[figure]}


@engine.cached(max_entries=STATIC)
def hessian(scene, lang, display) -> plotting.Spec:
    """scene = (surface_name, point, expression)"""
    spec = curvature_plots.hessian_figure(engine.point_curvature(scene), curvature_labels("hessian", lang), lang=lang)
    return plotting.sized(spec, display)


@engine.cached(max_entries=STATIC)
def eigen_components(scene, lang, display) -> plotting.Spec:
    """scene = (kappa, degrees, steps, gd_lr, momentum_lr, beta)"""
    spec = curvature_plots.eigen_figure(engine.eigen_runs(scene), curvature_labels("eigen", lang), lang=lang)
    return plotting.sized(spec, display)


@engine.cached(max_entries=STATIC)
def rates(scene, lang, display) -> plotting.Spec:
    """scene = (kappa, steps)"""
    spec = curvature_plots.rates_figure(engine.rates(scene), curvature_labels("rates", lang), lang=lang)
    return plotting.sized(spec, display)


@engine.cached(max_entries=ANIMATED)
def rotation_race(scene, lang, log_loss, display, secret=False) -> plotting.Spec:
    """scene = (degrees, steps): the race as the compare page draws one"""
    result = engine.rotation_race(scene)
    spec = plotting.compare_figure(result.surface, result.trajectories, _labels(result.names), lang=lang,
                                   log_loss=log_loss, secret=secret, stacked=stacks(display, result.surface.window),
                                   byte_budget=budget(display, plotting.animation.DEFAULT_BUDGET))
    return race_sized(spec, display, stacks(display, result.surface.window), result.surface.window)


@engine.cached(max_entries=STATIC)
def edge_of_stability(scene, lang, display) -> plotting.Spec:
    """scene = (surface_name, lrs, start, steps, expression)"""
    spec = curvature_plots.edge_figure(engine.edge_of_stability(scene), curvature_labels("edge", lang), lang=lang)
    return plotting.sized(spec, display)


@engine.cached(max_entries=ANIMATED)
def second_order(scene, lang, log_loss, display, secret=False) -> plotting.Spec:
    """scene = (steps, start): GD, Newton and L-BFGS racing, with L-BFGS's line-search trials on the map"""
    result = engine.second_order_race(scene)
    spec = plotting.compare_figure(result.surface, result.trajectories, _labels(result.names), lang=lang,
                                   log_loss=log_loss, secret=secret, stacked=stacks(display, result.surface.window),
                                   byte_budget=budget(display, plotting.animation.DEFAULT_BUDGET))
    spec = curvature_plots.with_trials(spec, result.trials, curvature_labels("trials", lang),
                                       plotting.series_style(result.names, "lbfgs").color)
    return race_sized(spec, display, stacks(display, result.surface.window), result.surface.window)


def newton_names(result, lang: str) -> list[str]:
    return [text(f"curvature.newton_{name}", lang, damping=f"{result.damping:g}") for name in result.names]


@engine.cached(max_entries=ANIMATED)
def newton_race(scene, lang, log_loss, display, secret=False) -> plotting.Spec:
    """scene = (damping, start, steps, resolution): pure, damped and saddle-free Newton and GD from one start"""
    result = engine.newton_attraction(scene)
    spec = plotting.compare_figure(result.surface, result.trajectories, newton_names(result, lang), lang=lang,
                                   log_loss=log_loss, secret=secret, stacked=stacks(display, result.surface.window),
                                   byte_budget=budget(display, plotting.animation.DEFAULT_BUDGET))
    return race_sized(spec, display, stacks(display, result.surface.window), result.surface.window)


# -- text alternatives: what each chart shows, for a screen reader (plotting.describe), in ``lang`` --------
def _title(surface, lang: str) -> str:
    return surface.title.get(lang, surface.title["en"])


def alt_compare(scene, lang, secret=False) -> str:
    result = engine.compare(scene)
    return plotting.describe.runs(_title(_surface(scene[0], scene[5]), lang), _labels(result.names),
                                  result.trajectories, lang=lang, secret=secret)


def alt_panels(scene, lang) -> str:
    return plotting.describe.fixed("panels", lang=lang) + " " + alt_compare(scene, lang)


def alt_3d(scene, lang) -> str:
    return plotting.describe.fixed("view3d", lang=lang) + " " + alt_compare(scene, lang)


def alt_inspector(scene, lang, step) -> str:
    result = engine.compare(scene)
    return plotting.describe.inspector(_labels(result.names), result.trajectories, step, lang=lang)


def alt_descent_1d(scene, lang, secret=False) -> str:
    return plotting.describe.curve(_title(_surface(scene[0], scene[4]), lang), engine.descent_1d(scene),
                                   dict(scene[1].hyperparams).get("lr", float("nan")), lang=lang, secret=secret)


def alt_inspector_1d(scene, lang, step) -> str:
    return plotting.describe.inspector(_labels([scene[1].name]), [engine.descent_1d(scene)], step, lang=lang)


def alt_saddle(scene, lang, secret=False) -> str:
    result = engine.saddle_runs(scene)
    return plotting.describe.runs(_title(_surface(scene[0], None), lang), saddle_run_names(result, lang),
                                  result.trajectories, lang=lang, secret=secret)


def alt_basins(scene, lang) -> str:
    maps = engine.basin_maps(scene)
    chosen = maps.chosen
    table = chosen.table()
    kinds = {"global minimum": "saddles.kind_global", "local minimum": "saddles.kind_local",
             "none": "saddles.kind_none", "diverged": "saddles.kind_diverged"}
    names = [text(kinds.get(kind, "saddles.kind_local"), lang)
             + ("" if loc is None else " " + plotting.describe.point(loc)) for kind, loc in zip(table["kind"], table["location"])]
    return plotting.describe.basins(_title(chosen.surface, lang), _labels([chosen.optimizer])[0], chosen.n_starts,
                                    dict(zip(names, table["share"])), lang=lang)


def alt_minibatch_race(scene, lang, secret=False) -> str:
    result = engine.minibatch_runs(scene)
    return plotting.describe.runs(_title(result.surface, lang), minibatch_names(result, lang), result.trajectories,
                                  lang=lang, secret=secret)


def alt_minibatch_data(scene, lang) -> str:
    return plotting.describe.fixed("fit", lang=lang)


def alt_network_loss(scene, lang) -> str:
    result = engine.network(scene)
    return plotting.describe.losses(_labels(result.names), result.loss, lang=lang)


def alt_network_outputs(scene, lang, secret=False) -> str:
    result = engine.network(scene)
    return plotting.describe.outputs(_labels(result.names), result.outputs, lang=lang, secret=secret)


def alt_sweep(scene, lang) -> str:
    result = engine.lr_sweep(scene)
    return plotting.describe.sweep(result, _labels(result.names), lang=lang)


def alt_heatmap(scene, label, lang) -> str:
    return plotting.describe.grid(engine.lr_grid(scene), label, lang=lang)


def alt_hessian(scene, lang) -> str:
    result = engine.point_curvature(scene)
    return plotting.describe.hessian(_title(result.surface, lang), result, lang=lang)


def alt_eigen(scene, lang) -> str:
    return plotting.describe.eigen(engine.eigen_runs(scene), lang=lang)


def alt_rates(scene, lang) -> str:
    return plotting.describe.rates(engine.rates(scene), lang=lang)


def alt_rotation(scene, lang, secret=False) -> str:
    result = engine.rotation_race(scene)
    return plotting.describe.runs(_title(result.surface, lang), _labels(result.names), result.trajectories, lang=lang,
                                  secret=secret)


def alt_edge_of_stability(scene, lang) -> str:
    result = engine.edge_of_stability(scene)
    return plotting.describe.edge(_title(result.surface, lang), result, lang=lang)


def alt_second_order(scene, lang, secret=False) -> str:
    result = engine.second_order_race(scene)
    return plotting.describe.runs(_title(result.surface, lang), _labels(result.names), result.trajectories, lang=lang,
                                  secret=secret)


def alt_newton(scene, lang, secret=False) -> str:
    result = engine.newton_attraction(scene)
    return plotting.describe.runs(_title(result.surface, lang), newton_names(result, lang), result.trajectories,
                                  lang=lang, secret=secret)
