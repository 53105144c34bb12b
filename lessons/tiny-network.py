"""Training a tiny network: a Keras Dense(3) layer on one sample, SGD vs Adam vs RMSprop."""

import streamlit as st

from scenes import defaults_for
from scenes import network as scene
from ui import charts, controls, engine, i18n, layout, settings, story, tables, views
from ui.stories import network as network_story

t = i18n.t
lang = i18n.current()
large = layout.presentation()
display = layout.display()  # what the figures are laid out for
START_LABELS = {"tutorial": "Keras tutorial", "glorot": "glorot_uniform"}  # proper names: they go in the URL

layout.header("nav.network", "network.intro")
lesson = story.start(network_story.STORY, "tiny-network", main="loss")

with settings.sidebar(t("common.settings")):
    start = settings.radio(t("network.start"), scene.STARTS, key="net_start", bind="query-params",
                           format_func=START_LABELS.get, help=t("network.start_help"))
    seed = controls.number(t("network.seed"), "net_seed", 0, low=0, high=2**31 - 1, integer=True,
                           help=t("network.seed_help"))
    epochs = controls.number(t("network.epochs"), "net_epochs", 100, low=1, high=scene.MAX_EPOCHS, integer=True)
    chosen = settings.multiselect(t("network.optimizers"), scene.OPTIMIZERS, default=list(scene.OPTIMIZERS),
                                  key="net_opts", bind="query-params", format_func=controls.optimizer_label)
    lr_errors = {}
    overrides = []
    if chosen:
        with settings.expander(t("network.lrs"), expanded=False):
            for name in chosen:
                default = defaults_for("keras", name)["lr"]
                lr = controls.number(t("network.lr", name=controls.optimizer_label(name)), f"net.{name}.lr",
                                     default, low=0.0, high=100.0, fmt="%g", step=default)
                lr_errors[name] = settings.slot()
                if lr != default:
                    overrides.append((name, float(lr)))

if not chosen:
    st.info(t("network.none_selected"))
    lesson.show()
    st.stop()

network = engine.Scene(start, int(seed) if start == "glorot" else 0, tuple(chosen), tuple(overrides), int(epochs))
result = engine.network(network)
for name, message in result.errors.items():
    with lr_errors[name]:
        controls.show_error(message)
if not result.names:
    lesson.show()
    st.stop()
labels = [controls.optimizer_label(name) for name in result.names]

st.header(t("network.model_title"))
st.latex(r"\hat{\mathbf{y}} = x\,K + \mathbf{b},\qquad x = 1,\quad \mathbf{t} = (0,\ 1,\ 0),\qquad "
         r"\mathrm{mse} = \tfrac{1}{3}\sum_{j=1}^{3} (\hat{y}_j - t_j)^2")
st.write(t("network.model"))
st.write(t("network.mse", y="(" + ", ".join(f"{v:.4f}" for v in result.outputs[0, 0]) + ")",
           loss=f"{result.loss[0, 0]:.4f}"))

@st.fragment
def loss_chart(network):
    """The loss curves; the log-scale toggle redraws only this chart."""
    if not lesson.on_stage("loss"):  # on the projector the story names it
        st.header(t("network.loss_title"))
    chart = lesson.slot("loss")
    log_loss = st.toggle(t("network.log_loss"), key="net_log", bind="query-params")
    with chart:
        if not lesson.hidden("kept.chart"):
            charts.show(views.network_loss(network, lang, log_loss, display), "net_loss", "descentlab-network-loss",
                        alt=views.alt_network_loss(network, lang))


def training_log():
    st.subheader(t("network.log_title"))
    if lesson.hidden("kept.table"):
        return
    log = result.log_table().rename(columns={"epoch": t("network.col_epoch"), **dict(zip(result.names, labels))})
    tables.show(log, {label: ".4f" for label in labels}, height=420)
    st.caption(t("network.log_caption"))


# A following student's screen is the slide (the loss chart and the story): the training log, the outputs and the
# tables come when they ask for the whole page.
with lesson.section("loss"):
    if lesson.on_stage("loss") or not lesson.shows("log"):  # a slide, or a follower's: the chart alone
        loss_chart(network)
    else:
        loss_col, log_col = st.columns([3, 2])
        with loss_col:
            loss_chart(network)
        with log_col:
            training_log()
if lesson.on_stage("loss") and lesson.shows("log"):
    training_log()

if not lesson.secret:
    for name, row in zip(labels, result.final_table().itertuples()):
        if row.diverged_at is not None and row.diverged_at == row.diverged_at:
            st.error(t("network.diverged_note", name=name, k=int(row.diverged_at)), icon="💥")

if lesson.shows("outputs"):  # the outputs, the final table and the notes (no step is about them)
    st.header(t("network.outputs_title"))
    st.caption(t("network.outputs_help"))
    bars = views.network_outputs(network, lang, display)
    charts.show(bars, "net_bars", "descentlab-network-outputs",
                alt=views.alt_network_outputs(network, lang, lesson.secret))

    st.header(t("network.final_title"))
    if not lesson.hidden("kept.table"):
        final = result.final_table()
        final["optimizer"] = labels
        final["diverged_at"] = final["diverged_at"].map(
            lambda v: "—" if v is None or v != v else t("network.diverged_cell", k=int(v)))
        final = final.rename(columns={c: t(f"network.col_{c}") for c in final.columns})
        tables.show(final)

    st.header(t("network.why_title"))
    st.write(t("network.why"))
    st.caption(t("network.keras_note"))
    controls.downloads(result.frame, bars, "tiny-network")  # last, as on every page
lesson.show()
