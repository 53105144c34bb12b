"""A real network's loss landscape: a 2-16-16-1 MLP trained by several optimizers, seen on two planes."""

import streamlit as st

from scenes import landscape as scene
from ui import charts, controls, datasource, engine, i18n, layout, markup, settings, story, tables, views
from ui import landscape as helpers
from ui.stories import landscape as landscape_story

t = i18n.t
lang = i18n.current()
display = layout.display()
BEST = "★ min L"  # language-neutral, as select boxes' labels are (they travel in shared links)

layout.header("nav.landscape", "landscape.intro")
lesson = story.start(landscape_story.STORY, "landscape", main="planes", prepare=helpers.prepare)

with settings.sidebar(t("common.settings")):
    source = datasource.choose()  # generated shapes, a bundled real data set, or the student's own CSV
    if source.generated:
        shape = settings.radio(t("landscape.data"), scene.SHAPES, key="ls_data", bind="query-params", horizontal=True,
                               help=t("landscape.data_help"))  # the names go in the URL
        rows = controls.number(t("landscape.rows"), "ls_rows", 400, low=10, high=2000, integer=True)
        noise = controls.number(t("landscape.noise"), "ls_noise", 0.1, low=0.0, high=scene.MAX_NOISE, step=0.05)
        data_seed = controls.number(t("landscape.data_seed"), "ls_seed", 0, low=0, high=2**31 - 1, integer=True)
    data_error = settings.slot()
    chosen = settings.multiselect(t("landscape.optimizers"), scene.OPTIMIZERS, default=list(scene.OPTIMIZERS),
                                  key="ls_opts", bind="query-params", format_func=controls.optimizer_label)
    epochs = controls.number(t("landscape.epochs"), "ls_epochs", 200, low=1, high=scene.MAX_EPOCHS, integer=True)
    centre = settings.selectbox(t("landscape.centre"), ("best", *scene.OPTIMIZERS), key="ls_centre",
                                bind="query-params",
                                format_func=lambda name: BEST if name == "best" else controls.optimizer_label(name),
                                help=t("landscape.centre_help"))
    init_seed = controls.number(t("landscape.init_seed"), "ls_init", 0, low=0, high=2**31 - 1, integer=True,
                                help=t("landscape.init_seed_help"))
    plane_seed = controls.number(t("landscape.plane_seed"), "ls_plane", 0, low=0, high=2**31 - 1, integer=True,
                                 help=t("landscape.plane_seed_help"))
    lr_errors, overrides = {}, []
    if chosen:
        with settings.expander(t("landscape.lrs"), expanded=False):
            for name in chosen:
                default = scene.LEARNING_RATES[name]
                lr = controls.number(t("landscape.lr", name=controls.optimizer_label(name)), f"ls.{name}.lr",
                                     default, low=0.0, high=100.0, fmt="%g", step=default)
                lr_errors[name] = settings.slot()
                if lr != default:
                    overrides.append((name, float(lr)))

if not source.generated and source.data is None:  # its message is next to the data's controls
    st.info(t("datasource.charts_wait"))
    lesson.show()
    st.stop()
try:
    data = scene.generated(shape, rows, noise, data_seed) if source.generated else scene.from_table(source.data)
except ValueError as exc:
    with data_error:
        controls.show_error(str(exc))
    lesson.show()
    st.stop()

if not chosen:
    st.info(t("landscape.none_selected"))
    lesson.show()
    st.stop()

setup = engine.Scene(data, tuple(chosen), int(epochs), int(init_seed), int(plane_seed),
                     None if centre == "best" else centre, tuple(overrides))
try:
    result = engine.landscape(setup)
except ValueError as exc:  # every optimizer refused its settings: each message next to its control
    for name in chosen:
        with lr_errors[name]:
            controls.show_error(str(exc))
    lesson.show()
    st.stop()
for name, message in result.errors.items():
    with lr_errors[name]:
        controls.show_error(message)
labels = [controls.optimizer_label(name) for name in result.names]

st.header(t("landscape.model_title"))
st.latex(r"z = W_3^\top \tanh\!\big(W_2^\top \tanh(W_1^\top x + b_1) + b_2\big) + b_3,\qquad "
         + result.objective.latex)
model = "landscape.model" if result.objective.task == "classification" else "landscape.model_regression"
st.write(t(model, dim=result.objective.dim, rows=len(data.y), epochs=result.epochs))
if not source.generated:
    st.caption(t("landscape.own_data", name=markup.escape(data.name), dim=result.objective.dim))

# A following student's screen: the step's section (the rest on asking, ``Lesson.shows``).
if lesson.shows("planes"):
    with lesson.section("planes"):
        if not lesson.on_stage("planes"):
            st.header(t("landscape.planes_title", dim=result.objective.dim))
        with lesson.slot("planes"):
            charts.show(views.landscape_planes(setup, lang, display), "ls_planes", "descentlab-landscape-planes",
                        alt=views.alt_landscape(setup, lang))
        st.caption(t("landscape.planes_caption"))
        st.subheader(t("landscape.table_title"))
        if not lesson.hidden("kept.table", "planes"):
            table = result.table()
            table["optimizer"] = labels
            table["diverged_at"] = table["diverged_at"].map(
                lambda v: "—" if v is None or v != v else t("landscape.diverged_cell", k=int(v)))
            table = table.rename(columns={c: t(f"landscape.col_{c}") for c in table.columns})
            tables.show(table, {t("landscape.col_final_loss"): ".4f", t("landscape.col_accuracy"): ".1%",
                                t("landscape.col_hidden_movement"): ".0%", t("landscape.col_hidden_final"): ".0%",
                                t("landscape.col_max_gap"): ".4f", t("landscape.col_lr"): "g"})
            st.caption(t("landscape.table_caption"))

if lesson.shows("gap"):
    with lesson.section("gap"):
        if not lesson.on_stage("gap"):
            st.header(t("landscape.gap_title"))
        with lesson.slot("gap"):
            if not lesson.hidden("kept.chart", "gap"):
                charts.show(views.landscape_gap(setup, lang, display), "ls_gap", "descentlab-landscape-gap",
                            alt=views.alt_landscape_gap(setup, lang))
        st.caption(t("landscape.gap_caption"))

if result.logits is not None and lesson.shows("boundary"):
    with lesson.section("boundary"):
        if not lesson.on_stage("boundary"):
            st.header(t("landscape.boundary_title"))
        with lesson.slot("boundary"):
            if not lesson.hidden("kept.chart", "boundary"):
                charts.show(views.landscape_boundary(setup, lang, display), "ls_boundary",
                            "descentlab-landscape-boundary", alt=t("landscape.boundary_alt"))

if lesson.shows("notes"):  # no step is about them
    st.header(t("landscape.hides_title"))
    st.write(t("landscape.hides", others=result.objective.dim - 2))
controls.downloads(result.frame, views.landscape_planes(setup, lang, display), "landscape")
lesson.show()
