"""One update under the magnifier: gradient, step taken and velocity of each optimizer."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from . import _style
from ._labels import COLUMNS, check_lang, t
from ._series import check_inputs, trajectory_styles
from .compare import base_layout, map_axes
from .descent_1d import curve_range
from .landscape import landscape
from .spec import Spec, f4, figure, merge, scatter

# State fields that hold a velocity / first moment (drawn as an arrow, negated like the gradient).
FIRST_MOMENT = ("momentum_buffer", "exp_avg", "velocity", "momentum", "grad_avg", "mu")
RECORDED = ("grad", "update", "effective_lr")
KIND_DASH = {"neg_grad": "dot", "update": "solid", "velocity": "dash"}


def coordinate_names(d: int) -> tuple[str, ...]:
    return ("x", "y")[:d] if d <= 2 else tuple(f"p{i}" for i in range(d))


def update_row(trajectory, step: int) -> int:
    """Row of update ``step``; if that update was not recorded, the nearest recorded one (>= 1)."""
    if not trajectory.state:
        raise ValueError("The inspector needs the optimizer state: run with record_state=True")
    steps = np.asarray(trajectory.steps)
    if len(steps) < 2:
        raise ValueError("Invalid trajectory: no update was recorded (steps = 0)")
    step = int(step)
    return 1 + int(np.argmin(np.abs(steps[1:] - step)))


def _velocity_field(trajectory) -> str | None:
    for name in FIRST_MOMENT:
        if name in trajectory.state:
            return name
    return None


def _state_fields(trajectory) -> list[str]:
    return [k for k in trajectory.state if k not in RECORDED]


def inspector_table(trajectories, names, step: int, *, run: int | None = 0, lang: str = "en") -> pd.DataFrame:
    """Per optimizer, run and coordinate at update ``step``: the point the gradient was
    taken at, the gradient, the update, the new point, the effective learning rate
    (``-update / gradient``) and every optimizer state field (after the update).
    ``run=None`` lists every run. Column headers in ``lang`` (values unchanged)."""
    lang = check_lang(lang)
    trajectories, names = check_inputs(trajectories, names)
    rows = []
    for traj, name in zip(trajectories, names):
        r = update_row(traj, step)
        runs = range(traj.n_runs) if run is None else [int(run)]
        after = traj.points[r]
        before = after - traj.state["update"][r]
        for i in runs:
            if not 0 <= i < traj.n_runs:
                raise ValueError(f"Invalid run: {i} for {name} (allowed: 0 <= run < {traj.n_runs})")
            for k, coord in enumerate(coordinate_names(traj.dim)):
                row = {
                    "optimizer": name, "run": i, "step": int(traj.steps[r]), "coordinate": coord,
                    "point": before[i, k], "gradient": traj.state["grad"][r, i, k],
                    "update": traj.state["update"][r, i, k], "new point": after[i, k],
                    "effective lr": traj.state["effective_lr"][r, i, k],
                }
                for field in _state_fields(traj):
                    row[field] = traj.state[field][r, i, k]
                rows.append(row)
    table = pd.DataFrame(rows)
    if lang != "en":
        table = table.rename(columns={k: v[lang] for k, v in COLUMNS.items()})
    return table


def inspector_tables(trajectories, names, step: int, *, lang: str = "en") -> list[tuple[str, pd.DataFrame]]:
    """``inspector_table`` of run 0, one table per optimizer under its name: each with its coordinates and
    its own state fields only, and without the columns that would repeat one value (optimizer, run,
    step), so that every table fits a laptop's page (a single table of every optimizer's fields was
    1,249 px wide at 1366 px)."""
    lang = check_lang(lang)
    table = inspector_table(trajectories, names, step, lang=lang)
    name_col, *same = (COLUMNS[k][lang] if lang != "en" else k for k in ("optimizer", "run", "step"))
    out = []
    for name in dict.fromkeys(table[name_col]):
        own = table[table[name_col] == name].drop(columns=[name_col, *same]).dropna(axis=1, how="all")
        out.append((str(name), own.reset_index(drop=True)))
    return out


MAX_PAIRS_SHOWN = 10


def _header(lang: str, key: str) -> str:
    return COLUMNS[key][lang] if key in COLUMNS else key


def extra_tables(trajectories, names, step: int, *, run: int = 0, lang: str = "en") -> list[tuple[str, pd.DataFrame]]:
    """What a rule keeps beyond one value per coordinate, at update ``step`` of run ``run``, as titled
    tables: the values a rule keeps once per run (ASGD's η and μ, Prodigy's d, NovoGrad's ν, Polyak's
    step, L-BFGS's step length...), L-BFGS's line-search trials (``ls_*``) and its stored pairs (s, y,
    ρ = 1/y's), Newton's Hessian and eigenvalues. Rules without such state give nothing."""
    lang = check_lang(lang)
    trajectories, names = check_inputs(trajectories, names)
    out = []
    for traj, name in zip(trajectories, names):
        extra = traj.extra_state
        if not extra:
            continue
        r = update_row(traj, step)
        shown_step = int(traj.steps[r])
        coords = coordinate_names(traj.dim)
        h = functools.partial(_header, lang)
        scalars = {key: value[r, run] for key, value in extra.items() if value.ndim == 2}  # one value per run
        if scalars:
            rows = [{h("quantity"): key, h("value"): float(value)} for key, value in scalars.items()]
            out.append((t("extra_scalars", lang, name=name, t=shown_step), pd.DataFrame(rows)))
        if "ls_points" in extra:
            k = int(extra["ls_evals"][r, run])
            if k:
                rows = [{h("trial"): j + 1, h("step length t"): float(extra["ls_step"][r, run, j]),
                         **{c: float(extra["ls_points"][r, run, j, i]) for i, c in enumerate(coords)},
                         h("loss"): float(extra["ls_loss"][r, run, j])} for j in range(k)]
                out.append((t("extra_ls", lang, name=name, t=shown_step, k=k), pd.DataFrame(rows)))
        if "s_hist" in extra:
            k = int(extra["n_pairs"][r, run])
            m = int(extra["s_hist"].shape[2])
            first = max(0, k - MAX_PAIRS_SHOWN)
            rows = [{h("pair"): j + 1,
                     **{f"s_{c}": float(extra["s_hist"][r, run, j, i]) for i, c in enumerate(coords)},
                     **{f"y_{c}": float(extra["y_hist"][r, run, j, i]) for i, c in enumerate(coords)},
                     "ρ = 1/yᵀs": float(extra["rho"][r, run, j])} for j in range(first, k)]
            shown = t("extra_pairs_shown", lang, k=MAX_PAIRS_SHOWN) if first else ""
            out.append((t("extra_pairs", lang, name=name, t=shown_step, k=k, m=m, shown=shown), pd.DataFrame(rows)))
        if "hessian" in extra:
            hess = extra["hessian"][r, run]
            rows = [{h("row"): c, **{f"H[·, {c2}]": float(hess[i, j]) for j, c2 in enumerate(coords)},
                     h("eigenvalue"): float(extra["eigenvalues"][r, run, i])} for i, c in enumerate(coords)]
            out.append((t("extra_hessian", lang, name=name, t=shown_step), pd.DataFrame(rows)))
    return out


def inspector_figure(surface, trajectories, names, step: int, *, run: int = 0, lang: str = "en") -> Spec:
    """Arrows at the point before update ``step`` of each optimizer.

    The step actually taken is drawn to scale (from the point before to the
    point after the update). The negative gradient and the negative velocity /
    first moment (``momentum_buffer``, ``exp_avg``...) are in gradient units, so
    they share one scale chosen to make the longest of them 12 % of the window;
    their true values are in the hover and in ``inspector_table``.
    """
    lang = check_lang(lang)
    trajectories, names = check_inputs(trajectories, names)
    if surface.dim not in (1, 2):
        raise ValueError(f"inspector_figure draws 1-D and 2-D surfaces; {surface.name} has dim {surface.dim}")
    layout: dict = {}
    if surface.dim == 2:
        land = landscape(surface, lang)
        data = land.traces
        layout["images"] = [land.image]
        span = min(hi - lo for lo, hi in surface.window)
    else:
        xs, curve_y, yrange = curve_range(surface)
        data = [scatter(x=f4(xs), y=curve_y, mode="lines", name=t("curve", lang),
                        line=dict(color="#555", width=2.5, simplify=False), hoverinfo="skip")]
        span = surface.window[0][1] - surface.window[0][0]

    def display(p, f):  # 2-D: the point itself; 1-D: on the curve
        return (p[0], p[1]) if surface.dim == 2 else (p[0], f)

    items = []
    for i, (traj, name) in enumerate(zip(trajectories, names)):
        if not 0 <= run < traj.n_runs:
            raise ValueError(f"Invalid run: {run} for {name} (allowed: 0 <= run < {traj.n_runs})")
        r = update_row(traj, step)
        after = traj.points[r, run]
        before = after - traj.state["update"][r, run]
        vel = _velocity_field(traj)
        items.append(dict(i=i, name=name, traj=traj, r=r, before=before, after=after,
                          grad=traj.state["grad"][r, run], update=traj.state["update"][r, run],
                          vel=vel, velocity=traj.state[vel][r, run] if vel else None))
    gmax = max([np.linalg.norm(it["grad"]) for it in items]
               + [np.linalg.norm(it["velocity"]) for it in items if it["velocity"] is not None] + [0.0])
    scale = 0.12 * span / gmax if gmax > 0 else 0.0

    looks = trajectory_styles(trajectories)
    for it in items:
        traj, look, group = it["traj"], looks[it["i"]], str(it["i"])
        c = look.color
        f_before = float(surface.value(it["before"][None])[0])
        f_after = float(surface.value(it["after"][None])[0])
        b = display(it["before"], f_before)
        # Path so far, faint.
        upto = traj.points[: it["r"] + 1, run]
        path_y = upto[:, 1] if surface.dim == 2 else traj.loss[: it["r"] + 1, run]
        data.append(scatter(x=f4(upto[:, 0]), y=f4(path_y), mode="lines",
                            line=dict(color=_style.rgba(c, 0.35), width=1.5), showlegend=False,
                            legendgroup=group, hoverinfo="skip"))
        diverged = traj.diverged_at[run] >= 0 and traj.diverged_at[run] <= traj.steps[it["r"]]
        label = it["name"] + (f" · {t('diverged', lang, k=int(traj.diverged_at[run]))}" if diverged else "")
        data.append(scatter(
            x=[_style.num(b[0])], y=[_style.num(b[1])], mode="markers", name=label, legendgroup=group,
            marker=dict(size=10, color=c, symbol=look.symbol, line=dict(width=1.5, color="white")),
            hovertemplate=f"{it['name']}: {t('before', lang)}<br>(%{{x:.4g}}, %{{y:.4g}})<extra></extra>"))
        arrows = [("neg_grad", -it["grad"] * scale, t("neg_grad", lang), -it["grad"])]
        if it["velocity"] is not None:
            arrows.append(("velocity", -it["velocity"] * scale, t("velocity", lang, field=it["vel"]),
                           -it["velocity"]))
        arrows.append(("update", it["update"], t("update", lang), it["update"]))
        extra = traj.extra_state
        if "ls_points" in extra and surface.dim == 2 and int(extra["ls_evals"][it["r"], run]):
            k = int(extra["ls_evals"][it["r"], run])
            pts = extra["ls_points"][it["r"], run, :k]
            texts = [t("ls_trial", lang, k=j + 1, step=float(extra["ls_step"][it["r"], run, j]),
                       loss=float(extra["ls_loss"][it["r"], run, j])) for j in range(k)]
            data.append(scatter(
                x=_style.nums(pts[:, 0]), y=_style.nums(pts[:, 1]), mode="markers+lines", legendgroup=group,
                name=f"{it['name']}: {t('ls_trials', lang)}", text=texts,
                line=dict(color=_style.rgba(c, 0.5), width=1, dash="dot"),
                marker=dict(symbol="x-thin-open", size=11, color=c, line=dict(width=2, color=c)),
                hovertemplate=f"{it['name']}: %{{text}}<br>(%{{x:.4g}}, %{{y:.4g}})<extra></extra>"))
        for kind, vec, text, true in arrows:
            if surface.dim == 2:
                end = (b[0] + vec[0], b[1] + vec[1])
            elif kind == "update":
                end = display(it["after"], f_after)
            else:
                end = (b[0] + vec[0], b[1])
            values = ", ".join(f"{v:.4g}" for v in np.ravel(true))
            data.append(scatter(
                x=_style.nums([b[0], end[0]]), y=_style.nums([b[1], end[1]]), mode="lines+markers",
                line=dict(color=c, width=2.5 if kind == "update" else 2, dash=KIND_DASH[kind]),
                marker=dict(symbol="arrow", angleref="previous", size=[0, 12], color=c),
                showlegend=False, legendgroup=group, name=text,
                hovertemplate=f"{it['name']}: {text}<br>({values})<extra></extra>"))
    # Legend entries for the three kinds of arrow (grey, style only).
    kinds = [("neg_grad", t("neg_grad", lang)), ("update", t("update", lang))]
    if any(it["velocity"] is not None for it in items):
        kinds.append(("velocity", t("velocity", lang, field="m")))
    for kind, text in kinds:
        data.append(scatter(x=[None], y=[None], mode="lines", name=text,
                            line=dict(color="#444", width=2, dash=KIND_DASH[kind])))
    step_shown = int(items[0]["traj"].steps[items[0]["r"]])
    if surface.dim == 2:
        map_axes(layout, surface, lang)
    else:
        layout.update(xaxis=dict(range=list(surface.window[0]), autorange=False, title={"text": t("x", lang)}),
                      yaxis=dict(range=list(yrange), autorange=False, title={"text": t("curve", lang)}))
    merge(layout, base_layout(top=60, bottom=45),
          dict(height=480, hovermode="closest", title=dict(text=t("inspector_title", lang, t=step_shown), x=0.99,
                                                           xanchor="right", y=0.99, font=dict(size=13))))
    return figure(data, layout)
