"""Bounded caches around the scene functions: every scene a page computes, shared by all sessions.

Results are immutable (frozen dataclasses over read-only arrays), so they are kept with
``st.cache_resource``: no pickling or copying on a hit, shared by sessions, bounded by
``max_entries`` and ``ttl``.

A page keeps a scene's settings as one ``Scene`` (the positional arguments of the scene
function) and hands the same ``Scene`` to the scene and to the charts that draw it
(``ui.views``). Streamlit hashes a cache key element by element on every call (about 20 us
each, a millisecond for a compare scene); a ``Scene`` is hashed as one string, its ``repr``.
"""

from __future__ import annotations

import streamlit as st

import scenes
from scenes import curvature, landscape as landscape_scene, minibatch, network as network_scene, saddles, sweep, tuning

MAX_ENTRIES = 64
TTL_SECONDS = 3600


class Scene(tuple):
    """A scene's settings, in the order of its scene function's positional arguments."""

    def __new__(cls, *settings):
        return super().__new__(cls, settings)


HASH_FUNCS = {
    Scene: repr,
    # Streamlit would hash a dataclass through dataclasses.asdict, a deep copy, on every call.
    scenes.OptimizerConfig: lambda config: (config.name, config.hyperparams),
}


def cached(fn=None, *, max_entries: int = MAX_ENTRIES):
    """``fn`` behind a bounded, shared cache (arguments must be hashable); also a decorator
    (``@cached(max_entries=16)``)."""
    def wrap(f):
        return st.cache_resource(max_entries=max_entries, ttl=TTL_SECONDS, show_spinner=False,
                                 hash_funcs=HASH_FUNCS)(f)

    return wrap if fn is None else wrap(fn)


@cached
def compare(scene: Scene) -> scenes.CompareResult:
    """(surface_name, configs, start, steps, schedule, expression)"""
    *settings, expression = scene
    return scenes.compare(*settings, expression=expression)


@cached
def tune(scene: Scene):
    """The compare scene's learning rates tuned: (surface_name, configs, start, steps, schedule, expression)"""
    *settings, expression = scene
    return tuning.tune(*settings, expression=expression)


@cached
def descent_1d(scene: Scene):
    """(surface_name, config, start, steps, expression)"""
    return scenes.descent_1d(*scene)


@cached
def saddle_runs(scene: Scene) -> saddles.SaddleResult:
    """(surface_name, config, start, steps, delta, noise, seed)"""
    return saddles.saddle_runs(*scene)


@cached(max_entries=16)
def basin_maps(scene: Scene) -> saddles.BasinComparison:
    """(surface_name, optimizer, lr, steps, resolution, expression)"""
    return saddles.basin_maps(*scene)


@cached
def minibatch_runs(scene: Scene) -> minibatch.MinibatchResult:
    """(kind, n_points, noise, seed, batch_sizes, lr, epochs, replace, schedule, data); ``data`` (a
    surfaces.tabular.Dataset, hashed by its content digest and choices through the Scene's repr) or None"""
    return minibatch.minibatch_runs(*scene)


@cached
def network(scene: Scene) -> network_scene.NetworkResult:
    """(start, seed, names, lr_overrides, epochs)"""
    return network_scene.network(*scene)


@cached(max_entries=16)
def landscape(scene: Scene) -> landscape_scene.LandscapeResult:
    """(data, names, epochs, init_seed, plane_seed, centre, lr_overrides); ``data`` is a
    ``scenes.landscape.Data``, whose repr (its name and content digest) keys the cache: generated and
    uploaded data alike."""
    return landscape_scene.landscape(*scene)


@cached(max_entries=16)
def lr_sweep(scene: Scene) -> sweep.SweepResult:
    """(surface_name, names, start, steps, n_lrs, lr_range, tol, expression)"""
    return sweep.lr_sweep(*scene)


@cached(max_entries=16)
def lr_grid(scene: Scene) -> sweep.GridResult:
    """(surface_name, second_key, start, steps, n_lrs, n_second, lr_range, expression)"""
    return sweep.lr_grid(*scene)


@cached
def point_curvature(scene: Scene) -> curvature.PointCurvature:
    """(surface_name, point, expression)"""
    return curvature.point_curvature(*scene)


@cached
def eigen_runs(scene: Scene) -> curvature.EigenRuns:
    """(kappa, degrees, steps, gd_lr, momentum_lr, beta); the last three None for the optimal values"""
    return curvature.eigen_runs(*scene)


@cached(max_entries=16)
def rates(scene: Scene) -> curvature.Rates:
    """(kappa, steps)"""
    return curvature.rates(*scene)


@cached
def rotation_race(scene: Scene) -> curvature.RotationRace:
    """(degrees, steps)"""
    return curvature.rotation_race(*scene)


@cached(max_entries=16)
def edge_of_stability(scene: Scene) -> curvature.EdgeOfStability:
    """(surface_name, lrs, start, steps, expression)"""
    return curvature.edge_of_stability(*scene)


@cached
def second_order_race(scene: Scene) -> curvature.SecondOrderRace:
    """(steps, start)"""
    return curvature.second_order_race(*scene)


@cached(max_entries=16)
def newton_attraction(scene: Scene) -> curvature.NewtonAttraction:
    """(damping, start, steps, resolution)"""
    return curvature.newton_attraction(*scene)


lr_presets = cached(scenes.lr_presets)
