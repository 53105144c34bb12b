"""Compare optimizers (home): several optimizers race on one 2-D surface."""

import streamlit as st

import plotting
from optimizers import presets
from scenes import OptimizerConfig, summary_table
from ui import callbacks, controls, engine, i18n, layout

t = i18n.t
lang = i18n.current()
advanced = not layout.presentation()

layout.header("nav.compare", "compare.intro")

with st.sidebar:
    st.header(t("common.settings"))
    preset = st.selectbox(t("compare.preset"), presets.names(), index=presets.names().index("book"),
                          key="preset", bind="query-params",
                          format_func=controls.preset_label, help=t("compare.preset_help"),
                          on_change=callbacks.apply_preset)
    surface_name, expression, surface = controls.surface_picker(2, key="surface", default="anisotropic",
                                                                on_change=callbacks.reset_start)
    start = controls.start_inputs(surface)
    steps = controls.number(t("common.steps"), "steps", 30, low=1, high=1000, integer=True)
    chosen = st.multiselect(t("compare.optimizers"), controls.optimizer_names(), key="opts",
                            bind="query-params", default=list(callbacks.DEFAULT_OPTIMIZERS),
                            format_func=controls.optimizer_label)
    configs = []
    for name in chosen:
        with st.expander(t("compare.hyperparams", name=controls.optimizer_label(name)), expanded=False):
            hyperparams = controls.hyperparam_inputs(name, controls.preset_defaults(preset, name),
                                                     advanced=advanced)
            error_slot = st.empty()
        configs.append((OptimizerConfig(name, hyperparams), error_slot))
    schedule = controls.schedule_input() if advanced else None

if not chosen:
    st.info(t("compare.none_selected"))
    st.stop()

result = engine.compare(surface_name, tuple(c for c, _ in configs), start, steps, schedule, expression=expression)
for config, slot in configs:
    if config.name in result.errors:
        with slot:
            controls.show_error(result.errors[config.name])

controls.surface_caption(surface)
if preset == "book" and surface_name == "anisotropic":
    st.caption(t("compare.book_note"))

log_loss = st.toggle(t("common.log_loss"), key="logloss", bind="query-params")
map_tab, view3d_tab, inspector_tab, rules_tab = st.tabs(
    [t("compare.tab_map"), t("compare.tab_3d"), t("compare.tab_inspector"), t("compare.tab_rules")],
    key="view", on_change="rerun")

if result.trajectories:
    labels = [controls.optimizer_label(name) for name in result.names]
    figure = layout.sized(plotting.compare_figure(surface, result.trajectories, labels, lang=lang,
                                                  log_loss=log_loss, click_targets=True))
    with map_tab:
        st.plotly_chart(figure, width="stretch", config=plotting.chart_config("descentlab-compare"),
                        key="map", on_select=callbacks.start_from_click, selection_mode="points")
        st.caption(t("common.click_hint"))
        if st.toggle(t("compare.panels"), value=True, key="panels", bind="query-params"):
            st.plotly_chart(plotting.panels_figure(surface, result.trajectories, labels, lang=lang), width="stretch",
                            config=plotting.chart_config("descentlab-panels"), key="panels_chart")
        controls.summary(summary_table(result, tol=controls.tolerance_input()))
        controls.downloads(result.frame, lambda: plotting.offline_html(figure), "compare")
    if view3d_tab.open:
        with view3d_tab:
            st.plotly_chart(plotting.surface_3d_figure(surface, result.trajectories, labels, lang=lang),
                            width="stretch", config=plotting.chart_config("descentlab-3d"), key="view3d")
    if inspector_tab.open:
        with inspector_tab:
            st.write(t("compare.inspector_help"))
            step = st.slider(t("compare.inspector_step"), 1, steps, 1, key="inspect", bind="query-params")
            st.plotly_chart(plotting.inspector_figure(surface, result.trajectories, labels, step, lang=lang),
                            width="stretch", config=plotting.chart_config("descentlab-inspector"),
                            key="inspector")
            st.dataframe(plotting.inspector_table(result.trajectories, labels, step, lang=lang), hide_index=True)
    if rules_tab.open:
        with rules_tab:
            st.write(t("compare.rules_intro"))
            for config, _ in configs:
                st.subheader(controls.optimizer_label(config.name))
                st.latex(config.rule_class().algorithm())
                controls.rule_notes(config)
