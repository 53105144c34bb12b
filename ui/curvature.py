"""Widget helpers of the curvature page: callbacks that move a point, tables and sentences with translated text.

No maths: every number shown comes from the scene results (``scenes.curvature``), only formatted here.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from scenes import curvature as scene
from scenes import sweep as sweep_scene

from . import engine, i18n, tables, views
from .callbacks import picked_surface
from .controls import optimizer_label

# The sweep's surfaces that are quadratics with one minimum (the stability edge's section): found once per process
# (each is asked for its Hessian: ~2 ms, which every page run of the page paid when the page found them).
QUADRATICS = scene.quadratic_surfaces(sweep_scene.surface_names())

t = i18n.t

MAP_KEY = "cv_map"  # the Hessian map's chart key: its selection holds the clicked point


def _number(value: float, digits: int = 4) -> str:
    if not math.isfinite(value):
        return "∞" if value > 0 else "−∞"
    return f"{value:.{digits}g}"


def reset_point() -> None:
    """A new surface in the Hessian section: the point moves to its suggested start."""
    surface = picked_surface("cv.surface")
    if surface is None or surface.dim != 2:
        return
    st.session_state["cv.x"], st.session_state["cv.y"] = (float(v) for v in surface.start[:2])


def point_from_click() -> None:
    """A click on the Hessian map moves the point there (the section's fragment then reruns)."""
    event = st.session_state.get(MAP_KEY)
    points = getattr(getattr(event, "selection", None), "points", None) or []
    if points:
        st.session_state["cv.x"], st.session_state["cv.y"] = float(points[0]["x"]), float(points[0]["y"])


def reset_eos_start() -> None:
    """A new surface in the edge-of-stability section starts where the section suggests."""
    surface = picked_surface("cv.eos_surface")
    if surface is None or surface.dim != 2:
        return
    st.session_state["cv.eos_x"], st.session_state["cv.eos_y"] = scene.eos_start(surface)


# -- 1. the Hessian at a point ---------------------------------------------------------------------------
def _vector(v) -> str:
    return "(" + ", ".join(f"{c:.4f}" for c in v) + ")"


def eigen_table(result) -> None:
    """Each eigenpair, smallest λ first, with how f curves along it and the gradient's share."""
    table = result.table()
    along = result.gradient_components
    curves = {"up": t("curvature.curves_up"), "down": t("curvature.curves_down"), "flat": t("curvature.curves_flat")}
    shown = pd.DataFrame({
        "": [f"v{i + 1}" for i in range(len(table))],
        t("curvature.col_eigen"): [_number(v, 6) for v in table["eigenvalue"]],
        t("curvature.col_vector"): [_vector(v) for v in zip(table["vector_x"], table["vector_y"])],
        t("curvature.col_curves"): [curves[c] for c in table["curves"]],
        t("curvature.col_grad"): [_number(g, 4) for g in along],
    })
    tables.show(shown)


def hessian_reading(result) -> None:
    """What the eigenvalues say about the point, and where the gradient points."""
    e = result.eigen
    st.markdown(t(f"curvature.reading_{e.kind}", kappa=_number(e.kappa, 4), edge=_number(result.gd_edge, 4)))
    norm = math.hypot(*result.gradient)
    if norm == 0.0:
        st.info(t("curvature.at_critical"), icon=":material/my_location:")
        return
    steep = abs(float(result.gradient_components[-1])) / norm
    if e.kind == "minimum" and e.kappa >= 2:
        st.info(t("curvature.gradient_share", gx=_number(result.gradient[0]), gy=_number(result.gradient[1]),
                  share=f"{steep:.1%}"), icon=":material/south_east:")


# -- 2. eigen-components ---------------------------------------------------------------------------------
def _steps(rate: float) -> str:
    n = scene.steps_to_shrink(rate)
    return t("curvature.never") if not math.isfinite(n) else f"{math.ceil(n):,}"


def runs_table(runs) -> None:
    """GD and momentum: their step, momentum, predicted and measured rates, steps to shrink the error 10⁶×."""
    shown = pd.DataFrame({
        t("curvature.col_method"): [optimizer_label(n) for n in ("gd", "momentum")],
        t("curvature.col_lr"): [_number(v, 6) for v in runs.lrs],
        t("curvature.col_beta"): [_number(v, 6) for v in runs.betas],
        t("curvature.col_predicted"): [_number(v, 6) for v in runs.predicted],
        t("curvature.col_measured"): [_number(v, 6) for v in runs.measured],
        t("curvature.col_steps6"): [_steps(float(v)) for v in runs.predicted],
    })
    tables.show(shown)


# -- 3. rates -----------------------------------------------------------------------------------------------
def rates_table(result) -> None:
    """The highlighted κ: each method's optimal settings, predicted and measured rates."""
    i = result.index(result.chosen)
    rows = []
    for name, part in (("gd", result.gd), ("momentum", result.momentum)):
        rows.append({
            t("curvature.col_method"): optimizer_label(name),
            "κ": _number(float(result.kappas[i])),
            t("curvature.col_lr"): _number(float(part["lr"][i]), 6),
            t("curvature.col_beta"): _number(float(part["beta"][i]), 6),
            t("curvature.col_predicted"): _number(float(part["predicted"][i]), 6),
            t("curvature.col_measured"): _number(float(part["measured"][i]), 6),
            t("curvature.col_steps6"): _steps(float(part["predicted"][i])),
        })
    tables.show(pd.DataFrame(rows))
    st.caption(t("curvature.rates_caption", runs=2 * len(result.kappas), n=len(result.kappas), steps=result.steps))


# -- 4. the stability edge ------------------------------------------------------------------------------------
def edge_caption(edge, runs: int) -> None:
    st.caption(t("curvature.edge_caption", lam=_number(edge.lam_max), low=_number(float(edge.lrs[0])),
                 high=_number(float(edge.lrs[-1])), beta=_number(float(edge.betas[-1])), runs=runs))


# -- 5. rotation ---------------------------------------------------------------------------------------------
def race_table(race) -> None:
    table = race.table()
    theta = f"{race.degrees:g}"
    shown = pd.DataFrame({
        t("curvature.col_method"): [optimizer_label(n) for n in table["optimizer"]],
        t("curvature.col_lr"): [_number(v) for v in table["lr"]],
        t("curvature.col_loss_unturned"): [f"{v:.3e}" for v in table["loss_unturned"]],
        t("curvature.col_loss_turned", theta=theta): [f"{v:.3e}" for v in table["loss_turned"]],
        t("curvature.col_drift"): [t("curvature.same_path") if v < 1e-12 else f"{v:.3g}" for v in table["drift"]],
    })
    tables.show(shown)


# -- 6. edge of stability --------------------------------------------------------------------------------------
def eos_summary(result) -> None:
    """One sentence per run: where its sharpness went, or when it diverged."""
    for i, lr in enumerate(result.lrs):
        values = {"lr": _number(lr), "threshold": _number(float(result.thresholds[i]))}
        mean, low, high = (_number(float(v)) for v in result.hover[i])
        k = int(result.trajectory.diverged_at[i])
        if k >= 0:
            st.error(t("curvature.eos_diverged", k=k, **values), icon=":material/error:")
        elif int(result.climb[i]) >= 0:
            st.info(t("curvature.eos_climbed", k=int(result.climb[i]), mean=mean, low=low, high=high, **values),
                    icon=":material/trending_up:")
        else:
            st.success(t("curvature.eos_below", low=low, high=high, **values), icon=":material/check_circle:")


# -- 7. Newton and L-BFGS --------------------------------------------------------------------------------------
def second_order_table(race) -> None:
    table = race.table()
    never = t("compare.never")
    shown = pd.DataFrame({
        t("curvature.col_method"): [optimizer_label(n) for n in table["optimizer"]],
        t("curvature.col_final_loss"): [f"{v:.3e}" for v in table["final_loss"]],
        t("curvature.col_steps_to_tol"): [never if pd.isna(v) else str(int(v)) for v in table["steps_to_tol"]],
        t("curvature.col_evaluations"): [f"{int(v):,}" for v in table["evaluations"]],
    })
    tables.show(shown)


# -- 8. Newton on Himmelblau -------------------------------------------------------------------------------------
def newton_table(result, names: list[str]) -> None:
    """Where the grid's starts end, per Newton variant (counts and shares)."""
    table = result.table()
    n = result.n_starts

    def share(count) -> str:
        return f"{int(count):,} ({count / n:.0%})"

    shown = pd.DataFrame({
        t("curvature.col_variant"): names[:len(table)],
        t("curvature.col_minimum"): [share(v) for v in table["minimum"]],
        t("curvature.col_saddle"): [share(v) for v in table["saddle"]],
        t("curvature.col_maximum"): [share(v) for v in table["local maximum"]],
        t("curvature.col_elsewhere"): [share(v) for v in table["none"]],
        t("curvature.col_diverged"): [share(v) for v in table["diverged"]],
    })
    tables.show(shown)


def prepare(step, lang: str, display: str, secret: bool, whole: bool) -> None:
    """A story step's section made ready in the background (``ui.ahead``): its scene and chart, for the values the
    page's widgets hold on that step (a setting the step leaves alone at the widget's default). The page's other
    sections do not change with the step."""
    s = step.settings
    if step.section == "hessian":
        hessian_scene = engine.Scene(s["cv.surface"], (float(s["cv.x"]), float(s["cv.y"])), None)
        engine.point_curvature(hessian_scene)
        if not secret:  # kept back, the page draws no chart
            views.hessian(hessian_scene, lang, display)
    elif step.section == "eigen" and s.get("cv.optimal", True):
        eigen_scene = engine.Scene(float(s["cv.kappa"]), float(s["cv.theta"]), int(round(s["cv.steps"])),
                                   None, None, None)
        engine.eigen_runs(eigen_scene)
        if not secret:
            views.eigen_components(eigen_scene, lang, display)
    elif step.section == "rates":
        rates_scene = engine.Scene(float(s["cv.rkappa"]), scene.RATE_STEPS)
        engine.rates(rates_scene)
        if not secret:
            views.rates(rates_scene, lang, display)
    elif step.section == "rotation":
        race_scene = engine.Scene(float(s["cv.rot"]), int(round(s["cv.rot_steps"])))
        engine.rotation_race(race_scene)
        views.rotation_race(race_scene, lang, bool(s.get("cv.rot_log", False)), display, secret)
    elif step.section == "eos":
        eos_scene = engine.Scene(s["cv.eos_surface"], (float(s["cv.eos_lr"]), float(s["cv.eos_lr2"])),
                                 (float(s["cv.eos_x"]), float(s["cv.eos_y"])),
                                 int(round(s.get("cv.eos_steps", scene.EOS_DEFAULTS["steps"]))), None)
        engine.edge_of_stability(eos_scene)
        if not secret:
            views.edge_of_stability(eos_scene, lang, display)
    elif step.section == "newton":
        newton_scene = engine.Scene(float(s["cv.damping"]), (float(s["cv.newton_x"]), float(s["cv.newton_y"])), 60, 40)
        engine.newton_attraction(newton_scene)
        views.newton_race(newton_scene, lang, bool(s.get("cv.newton_log", False)), display, secret)
