"""Learning-rate sweep: hundreds of learning rates per optimizer, each optimizer in one batched run."""

import pandas as pd
import streamlit as st

from scenes import sweep as scene
from ui import callbacks, charts, controls, engine, i18n, layout, settings, story, tables, views
from ui.stories import sweep as sweep_story

t = i18n.t
lang = i18n.current()
large = layout.presentation()
display = layout.display()  # what the figures are laid out for
DEFAULT_OPTIMIZERS = ["sgd", "momentum", "adagrad", "rmsprop", "adam"]
SECOND_LABELS = {"sgd-momentum": "SGD: momentum", "adam-beta1": "Adam: β1", "adam-beta2": "Adam: β2",
                 "rmsprop-alpha": "RMSprop: α"}  # language-neutral: they go in the URL

layout.header("nav.sweep", "sweep.intro")
lesson = story.start(sweep_story.STORY, "lr-sweep", main="sweep")

with settings.sidebar(t("common.settings")):
    surface_name, expression, surface = controls.surface_picker(
        None, key="sw_surface", default="anisotropic", options=scene.surface_names(), on_change=callbacks.reset_start,
        args=("sw_surface",), help=t("sweep.surface_help"))
    start = controls.start_inputs(surface)
    start_error = settings.slot()
    steps = controls.number(t("common.steps"), "sw_steps", 100, low=1, high=1000, integer=True)
    chosen = settings.multiselect(t("sweep.optimizers"), controls.optimizer_names(), default=DEFAULT_OPTIMIZERS,
                                  key="sw_opts", bind="query-params", format_func=controls.optimizer_label)
    n_lrs = controls.number(t("sweep.n_lrs"), "sw_n", 300, low=scene.MIN_RATES, high=scene.MAX_RATES, integer=True)
    lr_lo = controls.number(t("sweep.lr_lo"), "sw_lo", 1e-4, low=scene.LR_LIMITS[0], high=scene.LR_LIMITS[1],
                            fmt="%.0e", help=t("sweep.range_help"))
    lr_hi = controls.number(t("sweep.lr_hi"), "sw_hi", 10.0, low=scene.LR_LIMITS[0], high=scene.LR_LIMITS[1],
                            fmt="%.0e", help=t("sweep.range_help"))
    range_error = settings.slot()
    tol = controls.number(t("sweep.tol"), "sw_tol", 1e-6, low=1e-15, high=1e3, fmt="%.0e")


def show_error(message: str) -> None:
    """Next to the range inputs if the range is wrong, else next to the start point."""
    with range_error if "learning-rate range" in message else start_error:
        controls.show_error(message)


@st.fragment
def sweep_chart(sweep):
    """The sweep chart; its metric toggle redraws only this chart."""
    chart = lesson.slot("sweep")
    steps_mode = st.toggle(t("sweep.metric"), key="sw_metric", bind="query-params")
    with chart:
        if lesson.hidden("kept.chart"):
            return
        figure = views.sweep(sweep, lang, steps_mode, display)
        charts.show(figure, "sw_chart", "descentlab-lr-sweep", alt=views.alt_sweep(sweep, lang))
    controls.downloads(engine.lr_sweep(sweep).frame, figure, "lr-sweep")


controls.surface_caption(surface, picker="sw_surface")
st.subheader(t("sweep.chart_title"))
result = None
if not chosen:
    st.info(t("sweep.none_selected"))
else:
    sweep = engine.Scene(surface_name, tuple(chosen), start, int(steps), int(n_lrs), (lr_lo, lr_hi), tol, expression)
    try:
        with controls.working(t("sweep.running"), show_time=True):
            result = engine.lr_sweep(sweep)
    except ValueError as error:
        show_error(str(error))
        result = None
    if result is not None:
        labels = [controls.optimizer_label(name) for name in result.names]
        for name, message in result.errors.items():
            controls.show_error(f"{controls.optimizer_label(name)}: {message}")
        with lesson.section("sweep"):
            sweep_chart(sweep)
notes = lesson.shows("notes")  # the timings, the table and how to read the sweep (no step is about them)
if notes and result is not None:
    if not result.f_star_known:
        st.caption(t("sweep.f_star_unknown"))
    st.caption(t("sweep.floor", floor=f"{scene.FLOOR:.0e}"))
    times = " · ".join(f"{label} {seconds:.3f} s" for label, seconds in zip(labels, result.seconds))
    st.info(t("sweep.timing", n=len(result.lrs), steps=result.steps, times=times), icon=":material/timer:")
    st.caption(t("sweep.timing_note"))
    st.subheader(t("sweep.summary"))
    if not lesson.hidden("kept.table"):
        formats = {"best_lr": "{:.4g}", "best_loss": "{:.3e}", "first_diverged_lr": "{:.4g}", "n_diverged": "{:d}",
                   "seconds": "{:.3f}"}
        shown = [{t(f"sweep.col_{key}"): label if key == "optimizer" else
                  (t("sweep.none") if value is None else formats[key].format(value)) for key, value in row.items()}
                 for row, label in zip(result.best(), labels)]
        tables.show(pd.DataFrame(shown))
if notes:
    st.subheader(t("sweep.read_title"))
    st.write(t("sweep.read"))

@st.fragment
def heatmap_section():
    """The lr x second-hyperparameter grid; its own controls redraw only this section."""
    if not lesson.on_stage("heatmap"):  # on the projector the story names it
        st.subheader(t("sweep.heatmap_title"))
    chart = lesson.slot("heatmap")
    pair_col, lrs_col, values_col = st.columns(3)
    with pair_col:
        pair = st.selectbox(t("sweep.pair"), list(scene.SECONDS), key="sw_pair", bind="query-params",
                            format_func=SECOND_LABELS.get)
    with lrs_col:
        grid_lrs = controls.number(t("sweep.grid_lrs"), "sw_gx", 60, low=2, high=scene.MAX_GRID_SIDE, integer=True)
    with values_col:
        grid_values = controls.number(t("sweep.grid_values"), "sw_gy", 40, low=2, high=scene.MAX_GRID_SIDE,
                                      integer=True)
    grid = engine.Scene(surface_name, pair, start, int(steps), int(grid_lrs), int(grid_values), (lr_lo, lr_hi),
                        expression)
    try:
        with controls.working(t("sweep.running_grid"), show_time=True):
            heat = engine.lr_grid(grid)
    except ValueError as error:
        show_error(str(error))
        heat = None
    with chart:
        kept = heat is not None and lesson.hidden("kept.chart", "heatmap")
    if heat is not None and not kept:
        heat_figure = views.heatmap(grid, SECOND_LABELS[pair], lang, display)
        with chart:
            charts.show(heat_figure, "sw_heat", "descentlab-lr-heatmap",
                        alt=views.alt_heatmap(grid, SECOND_LABELS[pair], lang))
        st.caption(t("sweep.grid_timing", runs=heat.n_runs, n_lrs=len(heat.lrs), n_values=len(heat.values),
                     steps=heat.steps, seconds=heat.seconds, diverged=int(heat.diverged.sum())))
        st.write(t("sweep.heatmap_read"))
        controls.downloads(heat.frame, heat_figure, "lr-heatmap")


if lesson.shows("heatmap"):
    with lesson.section("heatmap"):
        heatmap_section()
lesson.show()
