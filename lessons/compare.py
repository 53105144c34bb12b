"""Compare optimizers (home): several optimizers race on one 2-D surface."""

import streamlit as st

from optimizers import presets
from scenes import OptimizerConfig, summary_table
from ui import callbacks, charts, controls, engine, i18n, layout, settings, stepper, story, tables, tuning, views
from ui.stories import compare as compare_story

t = i18n.t
lang = i18n.current()
large = layout.presentation()
display = layout.display()  # what the figures are laid out for
advanced = not large

layout.header("nav.compare", "compare.intro")
lesson = story.start(compare_story.STORY, "compare", main="race")

with settings.sidebar(t("common.settings")):
    preset = settings.selectbox(t("compare.preset"), presets.names(), index=presets.names().index("book"),
                                key="preset", bind="query-params",
                                format_func=controls.preset_label, help=t("compare.preset_help"),
                                on_change=callbacks.apply_preset)
    surface_name, expression, surface = controls.surface_picker(2, key="surface", default="anisotropic",
                                                                on_change=callbacks.reset_start)
    start = controls.start_inputs(surface)
    controls.outside_window(surface, start)
    steps = controls.number(t("common.steps"), "steps", 30, low=1, high=1000, integer=True)
    chosen = settings.multiselect(t("compare.optimizers"), controls.optimizer_names(), key="opts",
                                  bind="query-params", default=list(callbacks.DEFAULT_OPTIMIZERS),
                                  format_func=controls.optimizer_label)
    configs = []
    for name in chosen:
        with settings.expander(t("compare.hyperparams", name=controls.optimizer_label(name)), expanded=False):
            hyperparams = controls.hyperparam_inputs(name, controls.preset_defaults(preset, name),
                                                     advanced=advanced)
            error_slot = settings.slot()
        configs.append((OptimizerConfig(name, hyperparams), error_slot))
    schedule = controls.schedule_input() if advanced else None

if not chosen:
    st.info(t("compare.none_selected"))
    lesson.show()
    st.stop()

scene = engine.Scene(surface_name, tuple(c for c, _ in configs), start, steps, schedule, expression)
result = engine.compare(scene)
with st.sidebar:
    tuning.button(scene)
for config, slot in configs:
    if config.name in result.errors:
        with slot:
            controls.show_error(result.errors[config.name])

controls.surface_caption(surface, picker="surface")
if preset == "book" and surface_name == "anisotropic":
    st.caption(t("compare.book_note"))
tuning.report(scene)
if not result.trajectories:
    lesson.show()
    st.stop()


@st.fragment
def race(scene):
    """The animated map and loss; a click on the map moves the start (a new scene: the whole page reruns)."""
    chart = st.container()  # the chart first, its toggle under it
    log_loss = st.toggle(t("common.log_loss"), key="logloss", bind="query-params")
    figure = views.compare_map(scene, lang, log_loss, display, lesson.secret)
    with chart:
        charts.show(figure, "map", "descentlab-compare", alt=views.alt_compare(scene, lang, lesson.secret),
                    on_select=callbacks.start_from_click, selection_mode="points")
    callbacks.follow_click()
    st.caption(t("common.click_hint"))
    controls.downloads(engine.compare(scene).frame, figure, "compare")


@st.fragment
def panels(scene):
    if st.toggle(t("compare.panels"), value=True, key="panels", bind="query-params") and not lesson.hidden("kept.panels"):
        charts.show(views.compare_panels(scene, lang), "panels_chart", "descentlab-panels",
                    alt=views.alt_panels(scene, lang))


@st.fragment
def summary(scene):
    if not lesson.hidden("kept.table"):
        controls.summary(summary_table(engine.compare(scene), tol=controls.tolerance_input()))


@st.fragment
def inspector(scene):
    st.write(t("compare.inspector_help"))
    step = stepper.update_stepper(t("compare.inspector_step"), "inspect", scene[3])
    charts.show(views.compare_inspector(scene, lang, step, display), "inspector", "descentlab-inspector",
                alt=views.alt_inspector(scene, lang, step))
    tables.show_titled(views.inspector_tables(scene, lang, step))
    tables.show_titled(views.inspector_extras(scene, lang, step))


@st.fragment
def tabs(scene):
    """The four views; switching tabs reruns only this part (the sidebar's scene stays as it is)."""
    map_tab, view3d_tab, inspector_tab, rules_tab = st.tabs(
        [t("compare.tab_map"), t("compare.tab_3d"), t("compare.tab_inspector"), t("compare.tab_rules")],
        key="view", on_change="rerun")
    with map_tab:
        if not lesson.on_stage("race"):
            race(scene)
        if lesson.shows("panels"):
            panels(scene)
        if lesson.shows("summary"):
            summary(scene)
    if view3d_tab.open:
        with view3d_tab:
            if not lesson.hidden("kept.view3d"):
                charts.show(views.compare_3d(scene, lang), "view3d", "descentlab-3d", alt=views.alt_3d(scene, lang))
    if inspector_tab.open:
        with inspector_tab:
            inspector(scene)
    if rules_tab.open:
        with rules_tab:
            st.write(t("compare.rules_intro"))
            for config in scene[1]:
                st.subheader(controls.optimizer_label(config.name))
                controls.rule_about(config)
                st.latex(config.rule_class().algorithm())
                controls.rule_notes(config)


if lesson.on_stage("race"):
    with lesson.section("race"):
        race(scene)
if lesson.shows("views") or not lesson.on_stage("race"):  # a following student's slide: the race alone
    tabs(scene)
lesson.show()
