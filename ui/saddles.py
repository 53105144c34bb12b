"""Widget helpers of the saddles page: callbacks that reset a scene, tables with translated headers."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from scenes import OptimizerConfig
from scenes import saddles as scene

from . import engine, i18n, tables, views
from .controls import surface_label
from .views import saddle_run_names

t = i18n.t


def reset_saddle_scene() -> None:
    """A new saddle surface starts from its own attracting axis, with its own lr and step budget."""
    defaults = scene.SADDLE_DEFAULTS[st.session_state["sad.surface"]]
    st.session_state["sad.x0"], st.session_state["sad.y0"] = (float(v) for v in defaults.start)
    st.session_state["sad.lr"] = float(defaults.lr)
    st.session_state["sad.steps"] = int(defaults.steps)


def reset_basin_scene() -> None:
    defaults = scene.basin_defaults(st.session_state["basin.surface"])
    st.session_state["basin.lr"] = float(defaults.lr)
    st.session_state["basin.steps"] = int(defaults.steps)


def point(values) -> str:
    return "(" + ", ".join(f"{v:.6g}" for v in values) + ")"


def run_names(result) -> list[str]:
    return saddle_run_names(result, i18n.current())


def status_text(run) -> str:
    if run.status == "diverged":
        return t("saddles.status_diverged", k=run.diverged_at)
    return t(f"saddles.status_{run.status}")


def final_points_table(result) -> None:
    """The printed final point of every run."""
    st.subheader(t("saddles.final_title"))
    rows = [{
        t("saddles.col_run"): name,
        t("saddles.col_start"): point(run.start),
        t("saddles.col_final"): point(run.final),
        t("saddles.col_distance"): f"{run.distance:.3g}",
        t("saddles.col_grad"): f"{run.grad_norm:.3g}",
        t("saddles.col_status"): status_text(run),
    } for name, run in zip(run_names(result), result.runs)]
    tables.show(pd.DataFrame(rows))


def outcome_messages(result, steps: int) -> None:
    """One sentence for the run without a nudge and one for the noisy run, with their final points."""
    calm, noisy = result.run("unperturbed"), result.run("noise")
    x, y = (f"{v:.3g}" for v in calm.final)
    if calm.status == "at_saddle":
        st.success(t("saddles.result_at_saddle", x=x, y=y, d=calm.distance, g=calm.grad_norm),
                   icon=":material/pause_circle:")
    elif calm.status == "approaching":
        st.info(t("saddles.result_approaching", x=x, y=y, d=calm.distance, g=calm.grad_norm),
                icon=":material/hourglass_top:")
    elif calm.status == "unmoved":
        st.info(t("saddles.result_unmoved", x=x, y=y))
    else:
        st.info(t("saddles.result_left", x=x, y=y))
    nx, ny = (f"{v:.3g}" for v in noisy.final)
    if noisy.escaped:
        st.warning(t("saddles.result_noise_escaped", sigma=result.noise, x=nx, y=ny, d=noisy.distance),
                   icon=":material/casino:")
    else:
        st.warning(t("saddles.result_noise_stuck", sigma=result.noise, steps=steps, x=nx, y=ny),
                   icon=":material/hourglass_empty:")


_KINDS = {"global minimum": "saddles.kind_global", "local minimum": "saddles.kind_local",
          "none": "saddles.kind_none", "diverged": "saddles.kind_diverged"}


def counts_table(result) -> None:
    """Starts per basin of one surface, with translated headers and kinds."""
    st.markdown(f"**{t('saddles.counts_title', name=surface_label(result.surface.name))}**")
    table = result.table()
    shown = pd.DataFrame({
        t("saddles.col_basin"): [point(loc) if loc is not None else "—" for loc in table["location"]],
        t("saddles.col_kind"): [t(_KINDS[k]) for k in table["kind"]],
        t("saddles.col_value"): [f"{v:.4g}" if v == v and v is not None else "—" for v in table["value"]],
        t("saddles.col_starts"): [f"{int(n):,}" for n in table["starts"]],
        t("saddles.col_share"): [f"{s:.1%}" for s in table["share"]],
    })
    tables.show(shown)


def prepare(step, lang: str, display: str, secret: bool, whole: bool) -> None:
    """A story step's scenes made ready in the background (``ui.ahead``), for the values the page's widgets hold on
    that step: the saddle's runs and map; the basins' maps and chart when the step sets them (a basins step, or the
    whole page)."""
    s = step.settings
    on_basins = step.section == "basins"
    saddle_scene = engine.Scene(s["sad.surface"], OptimizerConfig.of(s["sad.opt"], lr=float(s["sad.lr"])),
                                (float(s["sad.x0"]), float(s["sad.y0"])), int(round(s["sad.steps"])),
                                float(s["sad.delta"]), s["sad.noise"], int(round(s["sad.seed"])))
    engine.saddle_runs(saddle_scene)
    views.saddle(saddle_scene, lang, display, secret and not on_basins)
    if "basin.surface" in s and (on_basins or whole):
        basin_scene = engine.Scene(s["basin.surface"], s["basin.opt"], float(s["basin.lr"]),
                                   int(round(s["basin.steps"])), s["basin.res"], None)
        engine.basin_maps(basin_scene)
        if not (secret and on_basins):  # kept back, the page draws no chart
            views.basins(basin_scene, lang, display)
