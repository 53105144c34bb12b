"""Batch, mini-batch, SGD: three batch sizes fit one data set on the same budget of epochs."""

import streamlit as st

from scenes import minibatch as scene
from ui import charts, controls, datasource, engine, i18n, layout, settings, story, views
from ui import minibatch as helpers
from ui.stories import minibatch as minibatch_story

t = i18n.t
lang = i18n.current()
URL = "query-params"
large = layout.presentation()
display = layout.display()  # what the figures are laid out for

layout.header("nav.minibatch", "minibatch.intro")
lesson = story.start(minibatch_story.STORY, "minibatch", main="race", prepare=helpers.prepare)

with settings.sidebar(t("minibatch.data")):
    choice = datasource.choose(on_change=helpers.apply_data_defaults)  # generated, bundled or the student's CSV
    if choice.generated:
        task = settings.radio(t("minibatch.kind"), scene.KINDS, key="task", bind=URL, format_func=helpers.task_label,
                              horizontal=True, help=t("minibatch.kind_help"), on_change=helpers.apply_task_defaults)
        n_points = settings.slider(t("minibatch.n_points"), scene.MIN_POINTS, scene.MAX_POINTS, 50, key="points",
                                   bind=URL)
        noise = settings.slider(t("minibatch.noise"), 0.0, 3.0, 1.0, step=0.1, key="noise", bind=URL,
                                help=t("minibatch.noise_help"))
    seed = controls.number(t("minibatch.seed"), "seed", 0, low=0, high=2**31 - 1, integer=True,
                           help=t("minibatch.seed_help"))
    settings.header(t("minibatch.training"))
    k = controls.number(t("minibatch.batch"), "batch", 10, low=1, high=helpers.MAX_BATCH, integer=True,
                        help=t("minibatch.batch_help"))
    batch_slot = settings.slot()
    lr = controls.number(t("common.lr"), "rate", 0.05, low=1e-4, high=10.0, step=0.01, help=t("minibatch.lr_help"))
    epochs = settings.slider(t("minibatch.epochs"), 1, scene.MAX_EPOCHS, 20, key="epochs", bind=URL,
                             help=t("minibatch.epochs_help"))
    epochs_slot = settings.slot()
    replace = settings.toggle(t("minibatch.replace"), key="replace", bind=URL, help=t("minibatch.replace_help"))
    schedule = settings.radio(t("minibatch.schedule"), scene.SCHEDULES, key="decay", bind=URL, horizontal=True,
                              format_func=helpers.schedule_label, help=t("minibatch.schedule_help"))

data = choice.data
if not choice.generated:
    if data is None:  # no file yet, or a file or choice that cannot be used: the message is in the sidebar
        st.info(t("datasource.charts_wait"), icon=":material/table_view:")
        lesson.show()
        st.stop()
    task, n_points, noise = data.task, data.n, 0.0
    epochs = helpers.capped_epochs(epochs, data.n, epochs_slot)  # SGD's N updates an epoch stay within budget

try:
    sizes = scene.batch_sizes(n_points, k)
except ValueError:
    with batch_slot:
        controls.show_error(t("minibatch.bad_batch", high=n_points - 1))
    lesson.show()
    st.stop()

minibatch = engine.Scene(task, n_points, noise, seed, sizes, lr, epochs, replace, schedule, data)
with controls.working():
    result = engine.minibatch_runs(minibatch)

controls.surface_caption(result.surface)


@st.fragment
def race(minibatch):
    """The race map and loss; its two toggles redraw only this chart."""
    chart = st.container()  # the chart first, its toggles under it
    per_epoch = st.toggle(t("minibatch.x_epochs"), value=True, key="per_epoch", bind=URL)
    log_loss = st.toggle(t("common.log_loss"), key="logloss", bind=URL)
    figure = views.minibatch_race(minibatch, lang, log_loss, per_epoch, display, lesson.secret)
    with chart:
        charts.show(figure, "race", "descentlab-minibatch",
                    alt=views.alt_minibatch_race(minibatch, lang, lesson.secret))
    st.caption(t("minibatch.map_caption"))
    controls.downloads(engine.minibatch_runs(minibatch).frame, figure, "minibatch")


with lesson.section("race"):
    race(minibatch)

st.write(t("minibatch.budget", epochs=epochs))
if not lesson.hidden("kept.table"):
    helpers.summary(minibatch, lang)

# A following student's screen is the slide (the race and the story): the data's chart (a second animated figure)
# and the notes come when they ask for the whole page.
if lesson.shows("fit"):
    part = "fit" if task == "regression" else "boundary" if data is None else "curve"
    st.subheader(t(f"minibatch.{part}_title"))
    charts.show(views.minibatch_data(minibatch, lang, display), "datachart", "descentlab-minibatch-data",
                alt=views.alt_minibatch_data(minibatch, lang))
    st.caption(t(f"minibatch.{part}_caption"))

if lesson.shows("explain"):
    st.subheader(t("minibatch.explain"))
    for part in ("sizes", "jiggle", "replace", "epochs"):
        with st.expander(t(f"minibatch.explain_{part}_title"), expanded=part == "sizes"):
            st.write(t(f"minibatch.explain_{part}"))
lesson.show()
