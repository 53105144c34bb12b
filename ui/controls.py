"""Widgets built from the engine's declarations, every one bound to the URL (made through ``ui.settings``: a
live class's following student gets their values, not the widgets)."""

from __future__ import annotations

import contextlib
import math
from typing import Any

import streamlit as st

import optimizers
import plotting
import surfaces
from optimizers import schedules as schedule_registry

from . import formula, i18n, layout, live, markup, settings, tables

URL = "query-params"


def working(label: str | None = None, **kwargs) -> Any:
    """``st.spinner(label, **kwargs)`` around a scene's computation; for a student following a live class,
    nothing. The teacher's run made the step's scene before it moved the class (``ui.live.send`` comes after the
    page's sections), so a follower's run finds it made (on another replica, ``ui.ahead`` made it ready). A
    spinner is a timer thread started and one message sent in every run, and forty followers run at once on
    the teacher's every Next (BENCHMARKS.md, "Fewer messages in a follower's run")."""
    if live.following():
        return contextlib.nullcontext()
    return st.spinner(label, **kwargs) if label is not None else st.spinner(**kwargs)


def number(label: str, key: str, value: float, *, low: float | None = None, high: float | None = None,
           help: str | None = None, fmt: str = "%g", step: float | None = None, integer: bool = False):
    """A number input bound to the URL under ``key``."""
    if integer:
        # A float input shown without decimals: Streamlit 1.67 crashes seeding an *integer* input
        # from a link such as ?steps=inf (uncaught OverflowError), a float input ignores it.
        chosen = settings.number_input(label, value=float(int(value)),
                                       min_value=None if low is None else float(int(low)),
                                       max_value=None if high is None else float(int(high)), step=1.0, format="%.0f",
                                       key=key, bind=URL, help=help)
        return int(round(chosen)) if math.isfinite(chosen) else int(value)
    return settings.number_input(label, value=float(value), min_value=None if low is None else float(low),
                                 max_value=None if high is None else float(high),
                                 step=None if step is None else float(step), format=fmt, key=key, bind=URL, help=help)


def _float_input(spec: optimizers.HyperParam, label: str, key: str, value: float, lang: str) -> float:
    low = spec.low if math.isfinite(spec.low) else None
    high = spec.high if math.isfinite(spec.high) else None
    if spec.kind == "int":
        return number(label, key, int(value), low=low, high=high, help=spec.help.get(lang), integer=True)
    step = None
    if spec.name == "lr" or spec.log:
        step = 10 ** math.floor(math.log10(value)) if value > 0 else 1e-3
    return number(label, key, value, low=low, high=high, help=spec.help.get(lang), step=step)


def hyperparam_inputs(name: str, defaults: dict[str, Any], *, advanced: bool = True) -> tuple[tuple[str, Any], ...]:
    """One widget per declared hyperparameter of optimizer ``name``; returns hashable (name, value) pairs.

    With ``advanced=False`` (presentation mode) only the learning rate is shown;
    the others keep their preset values.
    """
    lang = i18n.current()
    values: dict[str, Any] = {}
    for spec in optimizers.rule_class(name).SPEC:
        key = f"{name}.{spec.name}"
        default = defaults[spec.name]
        if not advanced and spec.name != "lr":
            values[spec.name] = default
            continue
        if spec.kind == "bool":
            values[spec.name] = settings.checkbox(spec.name, value=bool(default), key=key, bind=URL,
                                                  help=spec.help.get(lang))
        elif spec.kind == "pair":
            left, right = settings.columns(2)
            with left:
                first = _float_input(spec, f"{spec.name}[0]", f"{key}.0", float(default[0]), lang)
            with right:
                second = _float_input(spec, f"{spec.name}[1]", f"{key}.1", float(default[1]), lang)
            values[spec.name] = (first, second)
        else:
            values[spec.name] = _float_input(spec, spec.name, key, float(default), lang)
    return tuple(sorted(values.items()))


def schedule_input(prefix: str = "sched") -> tuple[str, tuple[tuple[str, Any], ...]] | None:
    """Schedule picker plus its parameters; None for a constant learning rate."""
    lang = i18n.current()
    choice = settings.selectbox(i18n.t("common.schedule"), schedule_registry.names(), key=prefix, bind=URL,
                                format_func=lambda n: schedule_registry.label(n))
    spec = schedule_registry.spec(choice)
    params = {}
    for p in spec:
        params[p.name] = _float_input(p, p.name, f"{prefix}.{p.name}", float(p.default), lang)
    if choice == "constant":
        return None
    return choice, tuple(sorted(params.items()))


def show_error(message: str) -> None:
    st.error(f"{i18n.t('common.error_prefix')}: {message}", icon=":material/warning:")


# -- names shown in select boxes: language-neutral, because they travel in shared URLs ----------
def optimizer_names() -> list[str]:
    return optimizers.names()


def optimizer_label(name: str) -> str:
    """The short name the registry gives a rule or alias ("AdaGrad", "GD")."""
    return optimizers.label(name)


def surface_label(name: str) -> str:
    return name.replace("_", " ")


def preset_label(name: str) -> str:
    from optimizers import presets

    return presets.get(name).title["en"]


def preset_defaults(preset: str | None, name: str) -> dict[str, Any]:
    from scenes import defaults_for

    return defaults_for(preset, name)


def hyperparam_keys(name: str) -> list[str]:
    """Widget keys of optimizer ``name``'s hyperparameters, in SPEC order (pairs give two)."""
    keys = []
    for spec in optimizers.rule_class(name).SPEC:
        key = f"{name}.{spec.name}"
        keys += [f"{key}.0", f"{key}.1"] if spec.kind == "pair" else [key]
    return keys


def start_inputs(surface) -> tuple[float, ...]:
    """Number inputs for the start point (defaults: the surface's suggested start)."""
    labels = [i18n.t("common.start_x"), i18n.t("common.start_y")]
    point = []
    for i, column in enumerate(settings.columns(surface.dim)):
        with column:
            point.append(number(labels[i], ("x0", "y0")[i], surface.start[i], low=-1e3, high=1e3))
    return tuple(point)


def outside_window(surface, point, what: str = "start") -> bool:
    """Say so, next to the inputs, when ``point`` lies outside the window the charts draw of ``surface``
    (``what``: "start" or "point"); True if it does."""
    window = surface.window[:len(point)]
    if all(lo <= p <= hi for p, (lo, hi) in zip(point, window)):
        return False
    shown = "(" + ", ".join(f"{p:g}" for p in point) + ")"
    ranges = ", ".join(f"{axis} ∈ [{lo:g}, {hi:g}]" for axis, (lo, hi) in zip("xy", window))
    st.warning(i18n.t(f"common.{what}_outside", point=shown, window=ranges),  # numbers only: plain Markdown
               icon=":material/crop_free:")
    return True


def surface_caption(surface, picker: str | None = None) -> None:
    """The surface's name and formula; outside presentation mode also its description and, for a typed
    function, its derivatives (on a projector the chart comes first). With ``picker`` (the key of the
    ``surface_picker`` that chose it), first the note that the formula in that picker's box cannot be used
    and what the charts show instead, if that is so."""
    lang = i18n.current()
    note = st.session_state.get(_CHART_NOTE, {}).get(picker) if picker is not None else None
    if note:
        st.warning(note, icon=":material/history:")
    st.header(markup.escape(surface.title.get(lang, surface.title["en"])), anchor=False)  # a level 2 under the title
    st.latex(surface.latex)
    if layout.presentation():
        return
    st.caption(surface.description.get(lang, surface.description["en"]))
    gradient_formulas(surface)


def tolerance_input() -> float:
    return number(i18n.t("compare.tolerance"), "tol", 1e-6, low=1e-15, high=1e3, fmt="%.0e")


def summary(table) -> None:
    """The results table with translated headers; unknown values show as text."""
    st.subheader(i18n.t("compare.summary"))
    shown = table.copy()
    shown["optimizer"] = shown["optimizer"].map(optimizer_label)
    shown["steps_to_tol"] = shown["steps_to_tol"].map(
        lambda v: i18n.t("compare.never") if v is None or v != v else str(int(v)))
    shown["diverged_at"] = shown["diverged_at"].map(
        lambda v: "—" if v is None or v != v else i18n.t("common.diverged_at", k=int(v)))
    shown["final_point"] = shown["final_point"].map(lambda p: "(" + ", ".join(f"{v:.6g}" for v in p) + ")")
    shown = shown.rename(columns={c: i18n.t(f"compare.col_{c}") for c in shown.columns})
    tables.show(shown)


def downloads(frame, figure, name: str) -> None:
    """CSV of the trajectories (``frame``: a callable giving the table) and ``figure`` (a figure
    dict) as an offline HTML page; both are built only when clicked. Not on a following student's screen (the
    slide's, ``ui.live.whole_page``)."""
    if not live.whole_page():
        return
    left, right = st.columns(2)
    with left:
        st.download_button(i18n.t("common.download_csv"), data=lambda: plotting.csv_text(frame()),
                           file_name=f"descentlab-{name}.csv", mime="text/csv", on_click="ignore",
                           key=f"dl_csv_{name}")
    with right:
        st.download_button(i18n.t("common.download_html"), data=lambda: plotting.offline_html(figure),
                           file_name=f"descentlab-{name}.html",
                           mime="text/html", on_click="ignore", key=f"dl_html_{name}")


def lr_preset_buttons(presets: dict[str, float]) -> None:
    """One button per named learning rate; a click copies it into the learning-rate input."""
    from .callbacks import set_value

    for name, value in presets.items():
        settings.button(f"{i18n.t('lr1d.' + name)} (lr = {value:g})", key=f"lrbtn_{name}", on_click=set_value,
                        args=("lr", value), width="stretch")


def outcome_1d(trajectory) -> None:
    """Where the ball ended, or the step at which it ran away."""
    row = int(trajectory.last_valid_row()[0])
    x = float(trajectory.points[row, 0, 0])
    if trajectory.diverged[0]:
        st.error(i18n.t("lr1d.result_diverged", k=int(trajectory.diverged_at[0]), x=x), icon=":material/error:")
    else:
        st.success(i18n.t("lr1d.result_min", x=x, f=float(trajectory.loss[row, 0]),
                          k=int(trajectory.steps[row])), icon=":material/check_circle:")


# -- surface picker with the "custom" entry ---------------------------------------------------------
MAX_GRADIENT_LATEX = 1500
_FALLBACK = {2: "anisotropic", 1: "cubic"}
# Session state, per picker key: the last formula that worked there, and, while the formula in the box
# cannot be used, the note that the charts show something else (read by ``surface_caption``).
_LAST_VALID = "_custom_last_valid"
_CHART_NOTE = "_custom_chart_note"


def surface_picker(dim: int | None, *, key: str, default: str, on_change=None, args=None, options=None,
                   label=None, help=None):
    """Surface select box (registered surfaces plus "custom") and, for custom, the formula box.

    ``dim`` restricts both the registered options and a typed formula to that many
    variables (None: 1 or 2). ``options`` overrides the registered names offered.
    ``on_change`` (with ``args``) runs when the surface is changed, in the select box or
    by editing the formula: a new function starts from its own start.
    Returns ``(name, expression, surface)``. A bad formula stays in the box (and the URL)
    for the student to fix; its error shows right under the box, and the page goes on with
    the last formula that worked under this key, or else the page's default surface, and
    says so next to the box and, through ``surface_caption(..., picker=key)``, above the charts.
    """
    from scenes import CUSTOM, surface_for

    lang = i18n.current()
    notes = st.session_state.setdefault(_CHART_NOTE, {})
    names = list(options) if options is not None else surfaces.names(dim=dim)
    names = [n for n in names if n != CUSTOM] + [CUSTOM]
    name = settings.selectbox(label or i18n.t("common.surface" if dim != 1 else "common.function"), names,
                              index=names.index(default), key=key, bind=URL, format_func=surface_label,
                              on_change=on_change, args=args, help=help)
    if name != CUSTOM:
        notes.pop(key, None)
        return name, None, surfaces.get(name)
    expression = settings.text_input(i18n.t("custom.input_1d" if dim == 1 else "custom.input_2d"),
                                     value=formula.default_expression(dim), max_chars=200, key=f"{key}_expr", bind=URL,
                                     help=i18n.t("custom.help"), on_change=on_change, args=args)
    st.caption(i18n.t("custom.examples_1d" if dim == 1 else "custom.examples_2d"))
    try:
        surface = surface_for(CUSTOM, expression)
    except surfaces.ExpressionError as error:
        st.error(formula.error_message(error, lang), icon=":material/warning:")
        for line in (formula.where(expression, error.column, lang), formula.detail(error, lang)):
            if line:
                st.caption(line)
    else:
        if dim is None or surface.dim == dim:
            st.session_state.setdefault(_LAST_VALID, {})[key] = expression
            notes.pop(key, None)
            return CUSTOM, expression, surface
        st.error(i18n.t("custom.wrong_dim", dim=dim, got=surface.dim), icon=":material/warning:")
    last_valid = st.session_state.get(_LAST_VALID, {}).get(key)
    fallback = default if default != CUSTOM else _FALLBACK[dim or 2]
    shown = surface_for(CUSTOM, last_valid) if last_valid is not None else surfaces.get(fallback)
    st.warning(formula.picker_note(lang, last_valid=last_valid, dim=shown.dim, fallback=surface_label(fallback)),
               icon=":material/history:")
    notes[key] = formula.chart_note(lang, typed=expression, last_valid=last_valid, dim=shown.dim,
                                    fallback=surface_label(fallback))
    if last_valid is not None:
        return CUSTOM, last_valid, shown
    return fallback, None, shown


def gradient_formulas(surface) -> None:
    """The exact gradient and second derivatives of a typed function, as the project prints them from the tree."""
    _formulas(getattr(surface, "gradient_latex", ()), "custom.gradient", "custom.gradient_long")
    _formulas(getattr(surface, "hessian_latex", ()), "custom.hessian", "custom.hessian_long")


def _formulas(formulas, caption_key: str, too_long_key: str) -> None:
    if not formulas:
        return
    total = sum(len(f) for f in formulas)
    if total > MAX_GRADIENT_LATEX:
        st.caption(i18n.t(too_long_key, n=total))
        return
    st.caption(i18n.t(caption_key))
    for formula in formulas:
        st.latex(formula)


def rule_about(config) -> None:
    """The rule's full title and what it is for, as the registry says them, in the page's language; and
    that it is not a torch.optim algorithm when it is not."""
    cls = config.rule_class()
    lang = i18n.current()
    title = cls.title.get(lang) or cls.title.get("en")
    if title and title != optimizer_label(config.name):
        st.markdown(f"*{title}*")
    about = getattr(cls, "about", None) or {}
    if about:
        st.write(about.get(lang) or about["en"])
    if not cls.in_torch:
        st.caption(i18n.t("compare.not_in_torch"))


def rule_notes(config) -> None:
    """Say so when a run uses an option that torch.optim does not have (e.g. Keras's epsilon hat)."""
    values = dict(config.hyperparams)
    for spec in config.rule_class().SPEC:
        if not spec.torch and spec.name in values and values[spec.name] != spec.default:
            st.caption(i18n.t("compare.non_torch", name=spec.name, value=values[spec.name],
                              help=spec.help.get(i18n.current(), "")))
