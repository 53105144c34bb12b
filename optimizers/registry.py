"""Name -> update rule, plus the friendly aliases used in lessons."""

from __future__ import annotations

from typing import Any

from .base import Rule

RULES: dict[str, type[Rule]] = {}

# alias -> (rule name, hyperparameters that the alias fixes by default, its short name)
ALIASES: dict[str, tuple[str, dict[str, Any], str]] = {
    "gd": ("sgd", {}, "GD"),
    "momentum": ("sgd", {"momentum": 0.9}, "Momentum"),
    "nesterov": ("sgd", {"momentum": 0.9, "nesterov": True}, "Nesterov"),
    "amsgrad": ("adam", {"amsgrad": True}, "AMSGrad"),
}


def register(cls: type[Rule]) -> type[Rule]:
    RULES[cls.name] = cls
    return cls


def names(include_aliases: bool = True) -> list[str]:
    """Registered optimizer names (rules first, then aliases)."""
    out = list(RULES)
    if include_aliases:
        out += [a for a in ALIASES if ALIASES[a][0] in RULES]
    return out


def rule_class(name: str) -> type[Rule]:
    """The rule class behind ``name`` (an alias resolves to its rule)."""
    key = name.lower()
    if key in ALIASES:
        key = ALIASES[key][0]
    try:
        return RULES[key]
    except KeyError:
        raise ValueError(f"Unknown optimizer {name!r} (allowed: {', '.join(names())})") from None


def alias_defaults(name: str) -> dict[str, Any]:
    """Hyperparameters an alias fixes (empty for a plain rule name)."""
    return dict(ALIASES.get(name.lower(), (None, {}, ""))[1])


def label(name: str) -> str:
    """The short, language-neutral name of a rule or alias ("AdaGrad", "GD"): the one source of the names
    that menus and legends show; an unknown name is returned as it is."""
    key = name.lower()
    if key in ALIASES:
        return ALIASES[key][2]
    cls = RULES.get(key)
    return (cls.short or cls.title.get("en") or cls.name) if cls is not None else name


def get(name: str, **hyperparams: Any) -> Rule:
    """Build an optimizer by name, e.g. ``get("adam", lr=0.1)`` or ``get("momentum", lr=[0.01, 0.1])``."""
    cls = rule_class(name)
    rule = cls(**{**alias_defaults(name), **hyperparams})
    rule.label = name.lower()
    return rule
