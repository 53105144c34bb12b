"""Bounded caches around the scene functions.

Results are immutable (frozen dataclasses over read-only arrays), so they are kept
with ``st.cache_resource``: no pickling or copying on a hit, shared by sessions,
bounded by ``max_entries`` and ``ttl``. Figures are never cached: they are rebuilt
from the cached arrays, which is cheap.

A page may wrap its own scene function with ``cached(scenes.x.fn)``: Streamlit keys
the cache on the function itself, so wrapping on every rerun still hits it.
"""

from __future__ import annotations

import streamlit as st

import scenes

MAX_ENTRIES = 64
TTL_SECONDS = 3600


def cached(fn, max_entries: int = MAX_ENTRIES):
    """``fn`` behind a bounded, shared cache (arguments must be hashable)."""
    return st.cache_resource(max_entries=max_entries, ttl=TTL_SECONDS, show_spinner=False)(fn)


compare = cached(scenes.compare)
descent_1d = cached(scenes.descent_1d)
lr_presets = cached(scenes.lr_presets)
