"""Every visible string of the app, in Korean and English (pure data, no Streamlit).

Each page keeps its catalog in ``ui/texts/<page>.py``; this module merges them and
refuses duplicate keys. Explanations are written for this app: they teach the lessons
of the seed texts in our own words.
"""

from __future__ import annotations

import importlib
import pkgutil

from . import texts as _texts


def _merge() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(_texts.__path__), key=lambda m: m.name):
        catalog = importlib.import_module(f"{_texts.__name__}.{info.name}").TEXT
        clash = merged.keys() & catalog.keys()
        if clash:
            raise KeyError(f"text keys defined twice: {sorted(clash)}")
        merged.update(catalog)
    return merged


TEXT: dict[str, dict[str, str]] = _merge()


def text(key: str, lang: str, **fmt) -> str:
    """The string for ``key`` in ``lang`` (English if missing), formatted with ``fmt``."""
    entry = TEXT[key]
    value = entry.get(lang) or entry["en"]
    return value.format(**fmt) if fmt else value
