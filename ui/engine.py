"""Bounded caches around the scene functions.

Results are immutable (frozen dataclasses over read-only arrays), so they are kept
with ``st.cache_resource``: no pickling or copying on a hit, shared by sessions,
bounded by ``max_entries`` and ``ttl``. Figures are never cached: they are rebuilt
from the cached arrays, which is cheap.
"""

from __future__ import annotations

import streamlit as st

import scenes

MAX_ENTRIES = 64
TTL_SECONDS = 3600


def _cached(fn):
    return st.cache_resource(max_entries=MAX_ENTRIES, ttl=TTL_SECONDS, show_spinner=False)(fn)


compare = _cached(scenes.compare)
descent_1d = _cached(scenes.descent_1d)
lr_presets = _cached(scenes.lr_presets)
