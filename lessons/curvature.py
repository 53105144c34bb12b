"""Curvature: the Hessian at a point, GD and momentum along its eigenvectors, predicted and measured rates,
momentum's stability edge, a turned bowl, the edge of stability, and Newton and L-BFGS, which use the
curvature. Every section redraws on its own."""

import streamlit as st

import surfaces
from scenes import curvature as scene
from ui import charts, controls, engine, i18n, layout, story, views
from ui import curvature as helpers
from ui.stories import curvature as curvature_story

t = i18n.t
lang = i18n.current()
URL = controls.URL
display = layout.display()  # what the figures are laid out for

layout.header("nav.curvature", "curvature.intro")
lesson = story.start(curvature_story.STORY, "curvature", main="hessian", prepare=helpers.prepare)


# -- 1. the Hessian at a point ------------------------------------------------------------------------------
@st.fragment
def hessian_section():
    """A click on the map or new coordinates redraw only this section."""
    if not lesson.on_stage("hessian"):  # on the projector the story names it
        st.header(t("curvature.section_hessian"))
    chart = lesson.slot("hessian")
    if not lesson.on_stage("hessian"):  # on the stage the story says what it shows
        st.markdown(t("curvature.hessian_intro"))
    surface_col, x_col, y_col = st.columns([2, 1, 1])
    with surface_col:
        name, expression, surface = controls.surface_picker(2, key="cv.surface", default="anisotropic",
                                                            on_change=helpers.reset_point)
    with x_col:
        x = controls.number(t("curvature.x"), "cv.x", surface.start[0], low=-1e3, high=1e3)
    with y_col:
        y = controls.number(t("curvature.y"), "cv.y", surface.start[1], low=-1e3, high=1e3)
    controls.outside_window(surface, (x, y), what="point")
    point_error = st.empty()
    controls.surface_caption(surface, picker="cv.surface")
    hessian_scene = engine.Scene(name, (x, y), expression)
    try:
        result = engine.point_curvature(hessian_scene)
    except ValueError as error:
        with point_error:
            controls.show_error(str(error))
        return
    with chart:  # on the stage, where the chart would be
        kept = lesson.hidden("kept.chart", "hessian")
    if kept:
        return
    with chart:
        charts.show(views.hessian(hessian_scene, lang, display), helpers.MAP_KEY, "descentlab-hessian",
                    alt=views.alt_hessian(hessian_scene, lang), on_select=helpers.point_from_click,
                    selection_mode="points")
    st.caption(t("curvature.click_hint"))
    helpers.eigen_table(result)
    helpers.hessian_reading(result)


# -- 2. the error along the eigenvectors ---------------------------------------------------------------------
@st.fragment
def eigen_section():
    if not lesson.on_stage("eigen"):  # on the projector the story names it
        st.header(t("curvature.section_eigen"))
    chart = lesson.slot("eigen")
    if not lesson.on_stage("eigen"):  # on the stage the story says what it shows
        st.markdown(t("curvature.eigen_intro"))
    kappa_col, theta_col, steps_col = st.columns(3)
    with kappa_col:
        kappa = st.select_slider(t("curvature.kappa"), scene.KAPPAS, value=20, key="cv.kappa", bind=URL,
                                 help=t("curvature.kappa_help"))
    with theta_col:
        theta = st.slider(t("curvature.theta"), 0, 180, 30, step=5, key="cv.theta", bind=URL,
                          help=t("curvature.theta_help"))
    with steps_col:
        steps = controls.number(t("curvature.steps"), "cv.steps", 100, low=1, high=2000, integer=True)
    optimal = st.toggle(t("curvature.optimal"), value=True, key="cv.optimal", bind=URL, help=t("curvature.optimal_help"))
    settings = (None, None, None)
    settings_error = st.empty()
    if not optimal:
        gd_col, mom_col, beta_col = st.columns(3)
        with gd_col:
            gd_lr = controls.number(t("curvature.gd_lr"), "cv.gd_lr", 0.9, low=0.0, high=1e3, step=0.05)
        with mom_col:
            momentum_lr = controls.number(t("curvature.momentum_lr"), "cv.mom_lr", 1.3, low=0.0, high=1e3, step=0.05)
        with beta_col:
            beta = controls.number(t("curvature.beta"), "cv.beta", 0.4, low=0.0, high=1.0, step=0.05)
        settings = (gd_lr, momentum_lr, beta)
        settings_error = st.empty()
    eigen_scene = engine.Scene(float(kappa), float(theta), steps, *settings)
    try:
        runs = engine.eigen_runs(eigen_scene)
    except ValueError as error:
        with settings_error:
            controls.show_error(str(error))
        return
    with chart:  # on the stage, where the chart would be
        kept = lesson.hidden("kept.chart", "eigen")
    if kept:
        return
    figure = views.eigen_components(eigen_scene, lang, display)
    with chart:
        charts.show(figure, "cv_eigen", "descentlab-eigen-components", alt=views.alt_eigen(eigen_scene, lang))
    helpers.runs_table(runs)
    st.markdown(t("curvature.eigen_read"))
    controls.downloads(runs.frame, figure, "eigen-components")


# -- 3. predicted and measured rates --------------------------------------------------------------------------
@st.fragment
def rates_section():
    if not lesson.on_stage("rates"):  # on the projector the story names it
        st.header(t("curvature.section_rates"))
    chart = lesson.slot("rates")
    if not lesson.on_stage("rates"):  # on the stage the story says what it shows
        st.markdown(t("curvature.rates_intro"))
    kappa = st.select_slider(t("curvature.rates_kappa"), scene.KAPPAS, value=100, key="cv.rkappa", bind=URL)
    rates_scene = engine.Scene(float(kappa), scene.RATE_STEPS)
    result = engine.rates(rates_scene)
    with chart:  # on the stage, where the chart would be
        kept = lesson.hidden("kept.chart", "rates")
    if kept:
        return
    figure = views.rates(rates_scene, lang, display)
    with chart:
        charts.show(figure, "cv_rates", "descentlab-rates", alt=views.alt_rates(rates_scene, lang))
    helpers.rates_table(result)
    st.markdown(t("curvature.rates_read"))
    controls.downloads(result.frame, figure, "rates")


# -- 4. the stability edge over the sweep's heatmap ------------------------------------------------------------
@st.fragment
def edge_section():
    if not lesson.on_stage("edge"):  # on the projector the story names it
        st.header(t("curvature.section_edge"))
    chart = lesson.slot("edge")
    if not lesson.on_stage("edge"):  # on the stage the story says what it shows
        st.markdown(t("curvature.edge_intro"))
    surface_col, steps_col = st.columns(2)
    with surface_col:
        name = st.selectbox(t("curvature.edge_surface"), helpers.QUADRATICS, key="cv.edge_surface", bind=URL,
                            format_func=controls.surface_label)
    with steps_col:
        steps = controls.number(t("curvature.edge_steps"), "cv.edge_steps", 100, low=1, high=1000, integer=True)
    surface = surfaces.get(name)
    grid_scene = engine.Scene(name, "sgd-momentum", surface.start, int(steps), 60, 40, (1e-4, 10.0), None)
    grid = engine.lr_grid(grid_scene)
    figure = views.heatmap(grid_scene, "SGD: momentum", lang, display)
    with chart:
        charts.show(figure, "cv_edge", "descentlab-stability-edge",
                    alt=views.alt_heatmap(grid_scene, "SGD: momentum", lang))
    helpers.edge_caption(views.stability_edge(grid_scene), grid.n_runs)
    st.markdown(t("curvature.edge_read"))


# -- 5. turn the bowl ------------------------------------------------------------------------------------------
@st.fragment
def rotation_section():
    if not lesson.on_stage("rotation"):  # on the projector the story names it
        st.header(t("curvature.section_rotation"))
    chart = lesson.slot("rotation")
    if not lesson.on_stage("rotation"):  # on the stage the story says what it shows
        st.markdown(t("curvature.rotation_intro"))
    theta_col, steps_col = st.columns(2)
    with theta_col:
        theta = st.slider(t("curvature.rotation_theta"), 0, 180, 0, step=5, key="cv.rot", bind=URL)
    with steps_col:
        steps = controls.number(t("curvature.rotation_steps"), "cv.rot_steps", 30, low=1, high=1000, integer=True)
    log_loss = st.toggle(t("common.log_loss"), key="cv.rot_log", bind=URL)
    race_scene = engine.Scene(float(theta), steps)
    race = engine.rotation_race(race_scene)
    figure = views.rotation_race(race_scene, lang, log_loss, display, lesson.keeps("rotation"))
    with chart:
        charts.show(figure, "cv_race", "descentlab-turned-bowl",
                    alt=views.alt_rotation(race_scene, lang, lesson.keeps("rotation")))
    if not lesson.hidden("kept.table", "rotation"):
        helpers.race_table(race)
    st.markdown(t("curvature.rotation_read"))
    controls.downloads(race.frame, figure, "turned-bowl")


# -- 6. the edge of stability ----------------------------------------------------------------------------------
@st.fragment
def eos_section():
    if not lesson.on_stage("eos"):  # on the projector the story names it
        st.header(t("curvature.section_eos"))
    chart = lesson.slot("eos")
    if not lesson.on_stage("eos"):  # on the stage the story says what it shows
        st.markdown(t("curvature.eos_intro"))
    surface_col, lr_col, lr2_col, steps_col = st.columns([2, 1, 1, 1])
    with surface_col:
        name, expression, surface = controls.surface_picker(2, key="cv.eos_surface", default="rosenbrock",
                                                            label=t("curvature.eos_surface"),
                                                            on_change=helpers.reset_eos_start)
    with lr_col:
        lr = controls.number(t("curvature.eos_lr"), "cv.eos_lr", scene.EOS_DEFAULTS["lrs"][0], low=0.0, high=1e3,
                             fmt="%.4g", step=0.0005)
    with lr2_col:
        lr2 = controls.number(t("curvature.eos_lr2"), "cv.eos_lr2", scene.EOS_DEFAULTS["lrs"][1], low=0.0, high=1e3,
                              fmt="%.4g", step=0.0005)
    with steps_col:
        steps = controls.number(t("curvature.eos_steps"), "cv.eos_steps", scene.EOS_DEFAULTS["steps"], low=1,
                                high=scene.MAX_STEPS, integer=True)
    lr_error = st.empty()
    x_col, y_col = st.columns(2)
    start = scene.eos_start(surface)
    with x_col:
        x0 = controls.number(t("curvature.eos_x"), "cv.eos_x", start[0], low=-1e3, high=1e3)
    with y_col:
        y0 = controls.number(t("curvature.eos_y"), "cv.eos_y", start[1], low=-1e3, high=1e3)
    controls.outside_window(surface, (x0, y0))
    eos_scene = engine.Scene(name, (lr, lr2), (x0, y0), steps, expression)
    try:
        with controls.working(t("curvature.computing")):
            result = engine.edge_of_stability(eos_scene)
    except ValueError as error:
        with lr_error:
            controls.show_error(str(error))
        return
    with chart:  # on the stage, where the chart would be
        kept = lesson.hidden("kept.chart", "eos")
    if kept:
        return
    figure = views.edge_of_stability(eos_scene, lang, display)
    with chart:
        charts.show(figure, "cv_eos", "descentlab-edge-of-stability", alt=views.alt_edge_of_stability(eos_scene, lang))
    helpers.eos_summary(result)
    st.markdown(t("curvature.eos_read"))
    controls.downloads(result.frame, figure, "edge-of-stability")


# -- 7. Newton and L-BFGS on Rosenbrock -------------------------------------------------------------------------
@st.fragment
def second_order_section():
    if not lesson.on_stage("second_order"):  # on the projector the story names it
        st.header(t("curvature.section_second_order"))
    chart = lesson.slot("second_order")
    if not lesson.on_stage("second_order"):  # on the stage the story says what it shows
        st.markdown(t("curvature.second_order_intro"))
    steps_col, log_col = st.columns(2)
    with steps_col:
        steps = controls.number(t("curvature.second_order_steps"), "cv.so_steps", 50, low=1, high=1000, integer=True)
    with log_col:
        log_loss = st.toggle(t("common.log_loss"), value=True, key="cv.so_log", bind=URL)
    race_scene = engine.Scene(steps, (-1.2, 1.0))
    race = engine.second_order_race(race_scene)
    figure = views.second_order(race_scene, lang, log_loss, display)
    with chart:
        charts.show(figure, "cv_second_order", "descentlab-newton-lbfgs", alt=views.alt_second_order(race_scene, lang))
    helpers.second_order_table(race)
    st.markdown(t("curvature.second_order_read"))
    controls.downloads(race.frame, figure, "newton-lbfgs")


# -- 8. Newton on Himmelblau: saddles and the maximum attract it ------------------------------------------------
@st.fragment
def newton_section():
    if not lesson.on_stage("newton"):  # on the projector the story names it
        st.header(t("curvature.section_newton"))
    chart = lesson.slot("newton")
    if not lesson.on_stage("newton"):  # on the stage the story says what it shows
        st.markdown(t("curvature.newton_intro"))
    damping_col, x_col, y_col = st.columns(3)
    with damping_col:
        damping = controls.number(t("curvature.damping"), "cv.damping", 50.0, low=0.0, high=1e6,
                                  help=t("curvature.damping_help"))
    with x_col:
        x0 = controls.number(t("curvature.newton_x"), "cv.newton_x", 0.0, low=-1e3, high=1e3)
    with y_col:
        y0 = controls.number(t("curvature.newton_y"), "cv.newton_y", 0.0, low=-1e3, high=1e3)
    log_loss = st.toggle(t("common.log_loss"), key="cv.newton_log", bind=URL)
    newton_scene = engine.Scene(damping, (x0, y0), 60, 40)
    with controls.working(t("curvature.computing")):
        result = engine.newton_attraction(newton_scene)
    figure = views.newton_race(newton_scene, lang, log_loss, display, lesson.keeps("newton"))
    with chart:
        charts.show(figure, "cv_newton", "descentlab-newton-himmelblau",
                    alt=views.alt_newton(newton_scene, lang, lesson.keeps("newton")))
    if lesson.hidden("kept.table", "newton"):
        return
    helpers.newton_table(result, views.newton_names(result, lang))
    st.caption(t("curvature.newton_caption", n=result.n_starts, steps=60))
    controls.downloads(result.frame, figure, "newton-himmelblau")


SECTIONS = {"hessian": hessian_section, "eigen": eigen_section, "rates": rates_section, "edge": edge_section,
            "rotation": rotation_section, "eos": eos_section, "second_order": second_order_section,
            "newton": newton_section}
for name, draw in SECTIONS.items():
    if lesson.shows(name):  # a following student's screen: the step's section (the rest on asking)
        with lesson.section(name):
            draw()
lesson.show()
