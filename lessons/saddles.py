"""Saddle points and basins: GD stalls on a saddle's axis, a nudge or noise escapes;
every start of a grid coloured by the minimum it reaches."""

import streamlit as st

import surfaces
from scenes import OptimizerConfig
from scenes import saddles as scene
from ui import charts, controls, engine, i18n, layout, settings, story, views
from ui import saddles as helpers
from ui.stories import saddles as saddles_story

t = i18n.t
lang = i18n.current()
URL = controls.URL

large = layout.presentation()
display = layout.display()  # what the figures are laid out for

layout.header("nav.saddles", "saddles.intro")
lesson = story.start(saddles_story.STORY, "saddles", main="saddle", prepare=helpers.prepare)

with settings.sidebar(t("saddles.sidebar")):
    surface_name = settings.selectbox(t("common.surface"), scene.SADDLE_SURFACES, key="sad.surface", bind=URL,
                                      format_func=controls.surface_label, on_change=helpers.reset_saddle_scene)
    surface = surfaces.get(surface_name)
    defaults = scene.SADDLE_DEFAULTS[surface_name]
    optimizer = settings.selectbox(t("saddles.optimizer"), controls.optimizer_names(), key="sad.opt", bind=URL,
                                   index=controls.optimizer_names().index("gd"), format_func=controls.optimizer_label)
    lr = controls.number(t("common.lr"), "sad.lr", defaults.lr, low=0.0, high=1e3)
    lr_error = settings.slot()
    steps = controls.number(t("common.steps"), "sad.steps", defaults.steps, low=1, high=scene.SADDLE_MAX_STEPS,
                            integer=True)
    left, right = settings.columns(2)
    with left:
        x0 = controls.number(t("common.start_x"), "sad.x0", defaults.start[0], low=-1e3, high=1e3)
    with right:
        y0 = controls.number(t("common.start_y"), "sad.y0", defaults.start[1], low=-1e3, high=1e3)
    delta = controls.number(t("saddles.delta"), "sad.delta", scene.DEFAULT_PERTURBATION, low=1e-12, high=1.0,
                            help=t("saddles.delta_help"))
    noise = settings.selectbox(t("saddles.noise"), scene.NOISE_LEVELS, key="sad.noise", bind=URL,
                               format_func=lambda v: f"{v:g}", help=t("saddles.noise_help"))
    seed = controls.number(t("saddles.seed"), "sad.seed", 0, low=0, high=2**31 - 1, integer=True,
                           help=t("saddles.seed_help"))

# -- 1. the saddle -------------------------------------------------------------------------
st.header(t("saddles.section_saddle"))
controls.surface_caption(surface)
st.markdown(t("saddles.why_stall"))
st.markdown(t("saddles.axis_saddle" if surface_name == "saddle" else "saddles.axis_monkey"))
if y0 != 0:
    st.info(t("saddles.off_axis", y=y0))

saddle_scene = engine.Scene(surface_name, OptimizerConfig.of(optimizer, lr=lr), (x0, y0), steps, delta, noise, seed)
try:
    result = engine.saddle_runs(saddle_scene)
except ValueError as error:  # the learning rate is the only setting the widgets let through unchecked
    with lr_error:
        controls.show_error(str(error))
    result = None

if result is not None:
    figure = views.saddle(saddle_scene, lang, display, lesson.secret)
    with lesson.section("saddle"):
        charts.show(figure, "saddle_map", "descentlab-saddle", alt=views.alt_saddle(saddle_scene, lang, lesson.secret))
        if not lesson.hidden("kept.outcome"):
            helpers.outcome_messages(result, steps)
    if not lesson.hidden("kept.table"):
        helpers.final_points_table(result)
    controls.downloads(result.frame, figure, "saddles")
st.markdown(t("saddles.why_noise"))



# -- 2. basins of attraction ------------------------------------------------------------------
@st.fragment
def basin_section():
    """Its own controls redraw only this section."""
    if not lesson.on_stage("basins"):  # on the projector the story names it and says what it shows
        st.header(t("saddles.section_basins"))
        st.markdown(t("saddles.basins_intro"))
    chart = lesson.slot("basins")
    cols = st.columns(5)
    with cols[0]:
        basin_surface, basin_expression, _ = controls.surface_picker(
            None, key="basin.surface", default=scene.BASIN_SURFACES[0], options=scene.BASIN_SURFACES,
            label=t("saddles.basin_surface"), on_change=helpers.reset_basin_scene)
    basin_defaults = scene.basin_defaults(basin_surface)
    with cols[1]:
        basin_optimizer = st.selectbox(t("saddles.optimizer"), controls.optimizer_names(), key="basin.opt", bind=URL,
                                       index=controls.optimizer_names().index("gd"),
                                       format_func=controls.optimizer_label)
    with cols[2]:
        basin_lr = controls.number(t("common.lr"), "basin.lr", basin_defaults.lr, low=0.0, high=1e3)
        basin_lr_error = st.empty()
    with cols[3]:
        basin_steps = controls.number(t("common.steps"), "basin.steps", basin_defaults.steps, low=1,
                                      high=scene.BASIN_MAX_STEPS, integer=True)
    with cols[4]:
        resolution = st.selectbox(t("saddles.resolution"), scene.RESOLUTIONS, key="basin.res", bind=URL,
                                  format_func=str, help=t("saddles.resolution_help"))

    basin_scene = engine.Scene(basin_surface, basin_optimizer, basin_lr, basin_steps, resolution, basin_expression)
    try:
        with controls.working(t("saddles.computing")):
            maps = engine.basin_maps(basin_scene)
    except ValueError as error:
        with basin_lr_error:
            controls.show_error(str(error))
        maps = None

    with chart:
        kept = maps is not None and lesson.hidden("kept.chart", "basins")
    if maps is not None and not kept:
        basin_chart = views.basins(basin_scene, lang, display)
        with chart:
            charts.show(basin_chart, "basin_map", "descentlab-basins", alt=views.alt_basins(basin_scene, lang))
        st.caption(t("saddles.timing", n=maps.chosen.n_starts, steps=basin_steps, chosen=maps.chosen.elapsed,
                     convex=maps.convex.elapsed, name=controls.surface_label(maps.chosen.surface.name),
                     partner=controls.surface_label(maps.convex.surface.name)))
        left, right = st.columns(2)
        with left:
            helpers.counts_table(maps.convex)
        with right:
            helpers.counts_table(maps.chosen)
        st.caption(t("saddles.none_note", tol=maps.chosen.tol))
        controls.downloads(maps.chosen.frame, basin_chart, "basins")
    st.markdown(t("saddles.convex"))


if lesson.shows("basins"):
    with lesson.section("basins"):
        basin_section()
lesson.show()
