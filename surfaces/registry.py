"""Name -> Surface."""

from __future__ import annotations

from .base import Surface

SURFACES: dict[str, Surface] = {}


def register(surface: Surface) -> Surface:
    SURFACES[surface.name] = surface
    return surface


def names(dim: int | None = None) -> list[str]:
    """Registered surface names, optionally only those of one dimension."""
    return [n for n, s in SURFACES.items() if dim is None or s.dim == dim]


def get(name: str) -> Surface:
    try:
        return SURFACES[name]
    except KeyError:
        raise ValueError(f"Unknown surface {name!r} (allowed: {', '.join(SURFACES)})") from None
