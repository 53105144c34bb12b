"""A rule that records an averaged point (state "x", as the schedule-free rules do) gets it drawn on the
compare map as a second, hollow marker of its series' shape and colour, frame by frame."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

import optimizers
import surfaces
from plotting import compare_figure, optimizer_style, validated
from plotting.compare import AVERAGED_FIELD

SURFACE = surfaces.get("anisotropic")


def _with_average(traj):
    """The run with a made-up averaged point: the running mean of its iterates (what x is for a
    schedule-free rule with constant weights), in the state as rows 1.. (row 0 zero, as recorded)."""
    points = traj.points
    mean = np.cumsum(points, axis=0) / np.arange(1, len(points) + 1)[:, None, None]
    x = np.zeros_like(points)
    x[1:] = mean[1:]
    return dataclasses.replace(traj, state={**traj.state, AVERAGED_FIELD: x}), mean


def _entries(spec, name_part):
    index = [i for i, d in enumerate(spec["data"]) if name_part in str(d.get("name", ""))]
    return index


def test_the_averaged_point_moves_with_the_frames():
    adam = optimizers.run(optimizers.get("adam", lr=0.3), SURFACE, [(-7.0, 2.0)], 30, record_state=True)
    sgd = optimizers.run(optimizers.get("sgd", lr=0.95), SURFACE, [(-7.0, 2.0)], 30, record_state=True)
    faked, mean = _with_average(adam)
    spec = compare_figure(SURFACE, [sgd, faked], ["SGD", "Adam"])
    [index] = _entries(spec, "averaged point x")
    trace = spec["data"][index]
    assert trace["marker"]["symbol"] == f"{optimizer_style('adam').symbol}-open"  # Adam's own shape, hollow
    assert trace["marker"]["color"] == next(d for d in spec["data"] if d.get("name") == "Adam"
                                            and d.get("mode") == "markers")["marker"]["color"]
    for frame in spec["frames"]:
        row = int(frame["name"])
        entry = frame["data"][frame["traces"].index(index)]
        assert (entry["x"][0], entry["y"][0]) == pytest.approx(tuple(mean[row, 0]), rel=1e-5)  # 6 digits sent
    validated(spec)


def test_rules_without_an_average_draw_no_second_marker():
    sgd = optimizers.run(optimizers.get("sgd", lr=0.95), SURFACE, [(-7.0, 2.0)], 30, record_state=True)
    assert _entries(compare_figure(SURFACE, [sgd], ["SGD"]), "averaged point") == []
