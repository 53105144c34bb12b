"""Learning rate in 1-D: a ball on a curve, its tangent, and the sign of the slope."""

import streamlit as st

from scenes import OptimizerConfig
from ui import callbacks, charts, controls, engine, i18n, layout, settings, stepper, story, tables, views
from ui.stories import lr1d

t = i18n.t
lang = i18n.current()
display = layout.display()  # what the figures are laid out for

layout.header("nav.lr1d", "lr1d.intro")
lesson = story.start(lr1d.STORY, "learning-rate", main="curve")

with settings.sidebar(t("common.settings")):
    surface_name, expression, surface = controls.surface_picker(1, key="fn", default="cubic",
                                                                on_change=callbacks.reset_start_1d)
    start = controls.number(t("lr1d.start"), "x", surface.start[0], low=-1e3, high=1e3)
    controls.outside_window(surface, (start,))
    presets = engine.lr_presets(surface_name, start, expression=expression)
    settings.markdown(t("lr1d.preset"))
    controls.lr_preset_buttons(presets)
    lr = controls.number(t("common.lr"), "lr", presets["good"], low=0.0, high=1e6)
    optimizer = settings.selectbox(t("lr1d.optimizer"), controls.optimizer_names(), key="opt", bind="query-params",
                                   index=controls.optimizer_names().index("gd"), format_func=controls.optimizer_label)
    steps = controls.number(t("common.steps"), "iters", 30, low=1, high=1000, integer=True)

scene = engine.Scene(surface_name, OptimizerConfig.of(optimizer, lr=lr), start, steps, expression)
try:
    trajectory = engine.descent_1d(scene)
except ValueError as error:
    controls.show_error(str(error))
    lesson.show()
    st.stop()

controls.surface_caption(surface, picker="fn")
if surface.name == "cubic":
    st.info(t("lr1d.cubic_note"))
figure = views.descent_1d(scene, lang, display)
with lesson.section("curve"):
    charts.show(figure, "curve", "descentlab-1d", alt=views.alt_descent_1d(scene, lang, lesson.secret))
    if not lesson.hidden("kept.outcome"):
        controls.outcome_1d(trajectory)
controls.downloads(trajectory.to_frame, figure, "learning-rate")


@st.fragment
def step_by_step(scene):
    """One update at a time; its buttons and arrow keys rerun only this section."""
    st.subheader(t("lr1d.steps_title"))
    st.write(t("lr1d.steps_help"))
    if lesson.hidden("kept.steps"):
        return
    step = stepper.update_stepper(t("lr1d.step_label"), "upd", views.updates_1d(scene))
    charts.show(views.inspector_1d(scene, lang, step, display), "update", "descentlab-1d-update",
                alt=views.alt_inspector_1d(scene, lang, step))
    tables.show(views.inspector_table_1d(scene, lang, step))


if lesson.shows("steps"):
    step_by_step(scene)
lesson.show()
