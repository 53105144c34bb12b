"""Batch, mini-batch, SGD: three batch sizes fit one data set on the same budget of epochs."""

import streamlit as st

import plotting
from scenes import minibatch as scene
from ui import controls, engine, i18n, layout
from ui import minibatch as helpers

t = i18n.t
lang = i18n.current()
URL = "query-params"
runs = engine.cached(scene.minibatch_runs)

layout.header("nav.minibatch", "minibatch.intro")

with st.sidebar:
    st.header(t("minibatch.data"))
    task = st.radio(t("minibatch.kind"), scene.KINDS, key="task", bind=URL, format_func=helpers.task_label,
                    horizontal=True, help=t("minibatch.kind_help"), on_change=helpers.apply_task_defaults)
    n_points = st.slider(t("minibatch.n_points"), scene.MIN_POINTS, scene.MAX_POINTS, 50, key="points", bind=URL)
    noise = st.slider(t("minibatch.noise"), 0.0, 3.0, 1.0, step=0.1, key="noise", bind=URL,
                      help=t("minibatch.noise_help"))
    seed = controls.number(t("minibatch.seed"), "seed", 0, low=0, high=2**31 - 1, integer=True,
                           help=t("minibatch.seed_help"))
    st.header(t("minibatch.training"))
    k = controls.number(t("minibatch.batch"), "batch", 10, low=1, high=scene.MAX_POINTS, integer=True,
                        help=t("minibatch.batch_help"))
    batch_slot = st.empty()
    lr = controls.number(t("common.lr"), "rate", 0.05, low=1e-4, high=10.0, step=0.01, help=t("minibatch.lr_help"))
    epochs = st.slider(t("minibatch.epochs"), 1, scene.MAX_EPOCHS, 20, key="epochs", bind=URL,
                       help=t("minibatch.epochs_help"))
    replace = st.toggle(t("minibatch.replace"), key="replace", bind=URL, help=t("minibatch.replace_help"))
    schedule = st.radio(t("minibatch.schedule"), scene.SCHEDULES, key="decay", bind=URL, horizontal=True,
                        format_func=helpers.schedule_label, help=t("minibatch.schedule_help"))

try:
    sizes = scene.batch_sizes(n_points, k)
except ValueError:
    with batch_slot:
        controls.show_error(t("minibatch.bad_batch", high=n_points - 1))
    st.stop()

with st.spinner():
    result = runs(task, n_points, noise, seed, sizes, lr, epochs, replace, schedule)

names = [t(f"minibatch.name_{role}", k=size) for role, size in zip(result.roles, result.batch_sizes)]
controls.surface_caption(result.surface)

per_epoch = st.toggle(t("minibatch.x_epochs"), value=True, key="per_epoch", bind=URL)
log_loss = st.toggle(t("common.log_loss"), key="logloss", bind=URL)
race = layout.sized(plotting.race_figure(result.surface, result.trajectories, names, lang=lang, log_loss=log_loss,
                            x_axis="epochs" if per_epoch else "updates"))
st.plotly_chart(race, width="stretch", config=plotting.chart_config("descentlab-minibatch"), key="race")
st.caption(t("minibatch.map_caption"))

st.write(t("minibatch.budget", epochs=epochs))
helpers.summary(scene.summary_table(result), names)

if task == "regression":
    st.subheader(t("minibatch.fit_title"))
    data_figure = layout.sized(plotting.fit_figure(result.surface, result.trajectories, names, lang=lang))
    caption = t("minibatch.fit_caption")
else:
    st.subheader(t("minibatch.boundary_title"))
    data_figure = layout.sized(plotting.boundary_figure(result.surface, result.trajectories, names, lang=lang))
    caption = t("minibatch.boundary_caption")
st.plotly_chart(data_figure, width="stretch", config=plotting.chart_config("descentlab-minibatch-data"), key="data")
st.caption(caption)

controls.downloads(result.frame, lambda: plotting.offline_html(race), "minibatch")

st.subheader(t("minibatch.explain"))
for part in ("sizes", "jiggle", "replace", "epochs"):
    with st.expander(t(f"minibatch.explain_{part}_title"), expanded=part == "sizes"):
        st.write(t(f"minibatch.explain_{part}"))
