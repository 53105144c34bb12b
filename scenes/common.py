"""Shared by the scenes: which surface a page's settings name; each named optimizer trained from one start."""

from __future__ import annotations

from typing import Any, Iterable

import optimizers
import surfaces

CUSTOM = "custom"  # the surface-picker entry for a function typed by the user


def surface_for(name: str, expression: str | None = None) -> surfaces.Surface:
    """The registered surface ``name``, or for ``"custom"`` the parsed ``expression``.

    Raises ``surfaces.ExpressionError`` (a ValueError) for a bad expression.
    """
    if name == CUSTOM:
        return surfaces.custom(expression or "")
    return surfaces.get(name)


def run_each(objective, start, steps: int, settings: Iterable[tuple[str, dict[str, Any]]]) -> tuple:
    """Each ``(name, hyperparameters)`` of ``settings`` trained on ``objective`` from ``start`` for ``steps``
    steps: ``(names, hyperparams, trajectories, errors)``, where an optimizer whose settings are invalid is left
    out and its message kept in ``errors`` (name -> message)."""
    kept, hyper, trajectories, errors = [], [], [], {}
    for name, hp in settings:
        try:
            rule = optimizers.get(name, **hp)
        except ValueError as exc:
            errors[name] = str(exc)
            continue
        trajectories.append(optimizers.run(rule, objective, [start], steps))
        kept.append(name)
        hyper.append(hp)
    return kept, hyper, trajectories, errors
