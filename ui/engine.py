"""Bounded caches around the scene functions: every scene a page computes, shared by all sessions.

Results are immutable (frozen dataclasses over read-only arrays), so they are kept with
``st.cache_resource``: no pickling or copying on a hit, shared by sessions, bounded by
``max_entries`` and ``ttl``. Each scene takes its settings positionally, so that a page can
keep them as one tuple (``scene``) and hand the same tuple to the chart that draws it
(``ui.views``).
"""

from __future__ import annotations

import streamlit as st

import scenes
from scenes import minibatch, network as network_scene, saddles, sweep

MAX_ENTRIES = 64
TTL_SECONDS = 3600


def cached(fn=None, *, max_entries: int = MAX_ENTRIES):
    """``fn`` behind a bounded, shared cache (arguments must be hashable); also a decorator
    (``@cached(max_entries=16)``)."""
    def wrap(f):
        return st.cache_resource(max_entries=max_entries, ttl=TTL_SECONDS, show_spinner=False)(f)

    return wrap if fn is None else wrap(fn)


@cached
def compare(surface_name, configs, start, steps, schedule=None, expression=None) -> scenes.CompareResult:
    return scenes.compare(surface_name, configs, start, steps, schedule, expression=expression)


descent_1d = cached(scenes.descent_1d)
lr_presets = cached(scenes.lr_presets)
saddle_runs = cached(saddles.saddle_runs)
basin_maps = cached(saddles.basin_maps, max_entries=16)
minibatch_runs = cached(minibatch.minibatch_runs)
network = cached(network_scene.network)
lr_sweep = cached(sweep.lr_sweep, max_entries=16)
lr_grid = cached(sweep.lr_grid, max_entries=16)
