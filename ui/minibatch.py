"""Widget helpers of the batch / mini-batch / SGD page (no maths: labels and defaults only)."""

from __future__ import annotations

import streamlit as st

from scenes import minibatch as scene
from surfaces import tabular

from . import datasource, engine, i18n, tables, views

# Shown in the task picker and written into the URL: language-neutral formulas.
TASK_LABELS = {"regression": "y = w·x + b", "classification": "sign(w·x)"}
SCHEDULE_LABELS = {"constant": "γ", "inverse_sqrt": "γ/√t"}

# Settings that show each task at its best when the task is switched.
TASK_DEFAULTS = {
    "regression": {"noise": 1.0, "rate": 0.05},
    "classification": {"noise": 0.2, "rate": 0.1},
}


def task_label(name: str) -> str:
    return TASK_LABELS.get(name, name)


def schedule_label(name: str) -> str:
    return SCHEDULE_LABELS.get(name, name)


# On a bundled set or a student's CSV (x standardised by default): a rate that suits each objective.
DATA_RATES = {"regression": 0.1, "classification": 1.0}
MAX_BATCH = tabular.MAX_ROWS  # the mini-batch input's upper end: the largest table's rows


def apply_task_defaults() -> None:
    """A new task starts from the noise and learning rate that suit it."""
    for key, value in TASK_DEFAULTS[st.session_state.get("task", "regression")].items():
        st.session_state[key] = value


def apply_data_defaults() -> None:
    """A new data source or task starts from a learning rate that suits it."""
    source = st.session_state.get("data", "generated")
    if source not in tabular.BUNDLED and source != "upload":
        apply_task_defaults()
        return
    task = st.session_state.get("fit") or (tabular.BUNDLED[source].task if source in tabular.BUNDLED else "regression")
    st.session_state["rate"] = DATA_RATES.get(task, 0.1)


def capped_epochs(epochs: int, n_rows: int, slot) -> int:
    """The epochs the runs can make on ``n_rows`` rows (SGD: ``n_rows`` updates each, at most
    ``scenes.minibatch.MAX_UPDATES`` in all); when fewer than asked, says so in ``slot``."""
    allowed = min(int(epochs), scene.max_epochs(n_rows))
    if allowed < epochs:
        with slot:
            st.info(i18n.t("datasource.epochs_capped", n=n_rows, limit=f"{scene.MAX_UPDATES:,}", epochs=allowed),
                    icon=":material/speed:")
    return allowed


def summary(minibatch, lang: str) -> None:
    """The learners' table: batch size, updates per epoch and in total, where each ended."""
    st.markdown(summary_markdown(minibatch, lang))


@engine.cached(max_entries=64)
def summary_markdown(minibatch, lang: str) -> str:
    """The learners' table of ``minibatch`` (an ``engine.Scene``) as Markdown, in ``lang``: made once and shared by
    every session that shows this scene (a class's forty followers would each make it anew, ~4 ms a run)."""
    def t(key: str, **fmt) -> str:
        return i18n.text(key, lang, **fmt)

    result = engine.minibatch_runs(minibatch)
    shown = scene.summary_table(result)
    shown.insert(0, "learner", views.minibatch_names(result, lang))
    shown["status"] = shown["diverged_at"].map(
        lambda v: t("minibatch.ok") if v is None or v != v else t("common.diverged_at", k=int(v)))
    shown = shown.drop(columns=["role", "diverged_at"])
    columns = {"learner": "learner", "batch_size": "batch", "updates_per_epoch": "per_epoch", "updates": "updates",
               "final_loss": "loss", "distance": "distance", "status": "status"}
    shown = shown.rename(columns={c: t(f"minibatch.col_{key}") for c, key in columns.items()})
    return tables.markdown(shown, {t("minibatch.col_loss"): ".5g", t("minibatch.col_distance"): ".4g"})


def prepare(step, lang: str, display: str, secret: bool, whole: bool) -> None:
    """A story step's scene made ready in the background (``ui.ahead``): its runs and its race (with the whole
    page, the data's chart too), for the values the page's widgets hold on that step (generated data only)."""
    s = step.settings
    if s.get(datasource.SOURCE_KEY, datasource.GENERATED) != datasource.GENERATED:
        return
    points = int(s["points"])
    minibatch = engine.Scene(s["task"], points, float(s["noise"]), int(round(s["seed"])),
                             scene.batch_sizes(points, int(round(s["batch"]))), float(s["rate"]), int(s["epochs"]),
                             bool(s["replace"]), s["decay"], None)
    views.minibatch_race(minibatch, lang, bool(s.get("logloss", False)), bool(s.get("per_epoch", True)), display,
                         secret)
    if whole:
        views.minibatch_data(minibatch, lang, display)
