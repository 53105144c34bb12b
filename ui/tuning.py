"""The compare page's fair race: a button that tunes each optimizer's learning rate on the race's own
surface, start and budget (``scenes.tuning``), writes the winners into the learning-rate inputs (so
the URL holds them), and a report of the grid, the budget and the winners while the race still runs
with them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from scenes import tuning

from . import engine, i18n, live, tables
from .controls import optimizer_label

# session state: (the scene's settings other than the optimizers, {name: tuned lr}, the scene tuned)
_TUNED = "_tuned_race"


def _place(scene) -> tuple:
    surface_name, configs, *rest = scene
    return (surface_name, tuple(config.name for config in configs), *rest)


def _tune(scene) -> None:
    """Button callback: tune, then set every tuned rate in its input (before the rerun draws them)."""
    result = engine.tune(scene)
    tuned = result.tuned()
    for name, lr in tuned.items():
        st.session_state[f"{name}.lr"] = lr
    st.session_state[_TUNED] = (_place(scene), tuned, scene)


def button(scene) -> None:
    if live.following():  # the teacher's step sets the rates; the settings are one button away (ui/settings.py)
        return
    lrs = tuning.grid()
    st.button(i18n.t("tune.button"), key="tune", icon=":material/tune:", on_click=_tune, args=(scene,),
              help=i18n.t("tune.help", n=len(lrs), lo=f"{lrs[0]:g}", hi=f"{lrs[-1]:g}"), width="stretch")


def _current(scene) -> bool:
    """Whether the race still runs with the rates last tuned for this surface, start and budget."""
    saved = st.session_state.get(_TUNED)
    if not saved or saved[0] != _place(scene):
        return False
    lrs = {config.name: dict(config.hyperparams).get("lr") for config in scene[1]}
    return all(lrs.get(name) == lr for name, lr in saved[1].items())


def report(scene) -> None:
    """What the tuning did, shown while the race runs with its winners."""
    if not _current(scene):
        return
    result = engine.tune(st.session_state[_TUNED][2])  # the scene as it was before tuning (cached)
    t = i18n.t
    with st.container(border=True):
        st.markdown(f"**{t('tune.title')}**")
        st.caption(t("tune.grid", n=len(result.lrs), lo=f"{result.lrs[0]:g}", hi=f"{result.lrs[-1]:g}",
                     steps=result.steps, seconds=f"{result.seconds:.2f}"))
        table = result.table()
        top, bottom = result.lrs[-1], result.lrs[0]
        shown = pd.DataFrame({
            t("tune.col_optimizer"): [optimizer_label(name) for name in table["optimizer"]],
            t("tune.col_before"): [f"{v:.4g}" for v in table["lr_before"]],
            t("tune.col_loss_before"): [t("tune.diverged") if pd.isna(v) else f"{v:.3e}"
                                        for v in table["loss_before"]],
            t("tune.col_tuned"): [t("tune.none") if pd.isna(v) else
                                  f"{v:.4g}" + (f" ({t('tune.edge')})" if v in (top, bottom) else "")
                                  for v in table["lr_tuned"]],
            t("tune.col_loss_tuned"): ["—" if pd.isna(v) else f"{v:.3e}" for v in table["loss_tuned"]],
            t("tune.col_diverged"): [f"{n} / {len(result.lrs)}" for n in table["n_diverged"]],
        })
        tables.show(shown)
        st.caption(t("tune.rule"))
