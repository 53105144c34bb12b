"""Several optimizers on one surface from one start: the compare page's computation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

import optimizers
import surfaces
from optimizers import presets as preset_registry
from optimizers import schedules as schedule_registry

from .common import surface_for


@dataclass(frozen=True)
class OptimizerConfig:
    """One optimizer of a scene: a registry name (or alias) and its hyperparameters.

    ``hyperparams`` is a tuple of ``(name, value)`` pairs so the config is hashable
    (and so usable as a cache key).
    """

    name: str
    hyperparams: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, name: str, **hyperparams: Any) -> "OptimizerConfig":
        return cls(name, tuple(sorted(hyperparams.items())))

    def rule_class(self) -> type[optimizers.Rule]:
        return optimizers.rule_class(self.name)

    def build(self) -> optimizers.Rule:
        return optimizers.get(self.name, **dict(self.hyperparams))


@dataclass(frozen=True, eq=False)
class CompareResult:
    surface: surfaces.Surface
    names: tuple[str, ...]
    trajectories: tuple[optimizers.Trajectory, ...]
    errors: dict[str, str] = field(default_factory=dict)  # optimizer name -> message

    def frame(self) -> pd.DataFrame:
        """Every trajectory in one tidy table (CSV export)."""
        if not self.trajectories:
            return pd.DataFrame()
        return pd.concat([t.to_frame() for t in self.trajectories], ignore_index=True)


def defaults_for(preset: str | None, name: str) -> dict[str, Any]:
    """Hyperparameters of optimizer ``name`` under ``preset``.

    The rule's torch defaults, then what the alias fixes (``momentum`` -> 0.9),
    then what the preset says for that name, if it lists it.
    """
    cls = optimizers.rule_class(name)
    values = {p.name: p.default for p in cls.SPEC}
    values.update(optimizers.alias_defaults(name))
    if preset:
        for entry_name, hyperparams in preset_registry.get(preset).entries:
            if entry_name == name:
                values.update(hyperparams)
                break
    return values


def compare(
    surface_name: str,
    configs: tuple[OptimizerConfig, ...],
    start: tuple[float, ...],
    steps: int,
    schedule: tuple[str, tuple[tuple[str, Any], ...]] | None = None,
    noise: float = 0.0,
    seed: int = 0,
    record_state: bool = True,
    expression: str | None = None,
) -> CompareResult:
    """Run each optimizer of ``configs`` from ``start``; bad settings become messages, not exceptions.

    ``schedule`` is ``(name, ((param, value), ...))`` or None for a constant rate.
    Raises ValueError only for settings shared by all runs (surface, start, steps,
    schedule), which the caller shows next to those controls. ``surface_name``
    ``"custom"`` uses the user's ``expression``.
    """
    surface = surface_for(surface_name, expression)
    sched = schedule_registry.get(schedule[0], **dict(schedule[1])) if schedule else None
    names, trajectories, errors = [], [], {}
    for config in configs:
        try:
            rule = config.build()
        except ValueError as exc:
            errors[config.name] = str(exc)
            continue
        traj = optimizers.run(rule, surface, [start], steps, schedule=sched, noise=noise, seed=seed,
                              record_state=record_state)
        names.append(config.name)
        trajectories.append(traj)
    return CompareResult(surface, tuple(names), tuple(trajectories), errors)


def summary_table(result: CompareResult, tol: float = 1e-6) -> pd.DataFrame:
    """Final loss, steps to reach ``loss - f* <= tol`` and divergence, one row per optimizer."""
    target = result.surface.global_minimum
    rows = []
    for name, traj in zip(result.names, result.trajectories):
        reached = traj.steps_to(tol, target=target if target is not None else 0.0)[0]
        diverged = int(traj.diverged_at[0])
        final = traj.points[traj.last_valid_row()[0], 0]
        rows.append({
            "optimizer": name,
            "final_loss": float(traj.loss[traj.last_valid_row()[0], 0]),
            "final_point": tuple(round(float(v), 6) for v in final),
            "steps_to_tol": int(reached) if reached >= 0 else None,
            "diverged_at": diverged if diverged >= 0 else None,
        })
    return pd.DataFrame(rows)
