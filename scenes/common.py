"""Shared by the scenes: which surface a page's settings name."""

from __future__ import annotations

import surfaces

CUSTOM = "custom"  # the surface-picker entry for a function typed by the user


def surface_for(name: str, expression: str | None = None) -> surfaces.Surface:
    """The registered surface ``name``, or for ``"custom"`` the parsed ``expression``.

    Raises ``surfaces.ExpressionError`` (a ValueError) for a bad expression.
    """
    if name == CUSTOM:
        return surfaces.custom(expression or "")
    return surfaces.get(name)
