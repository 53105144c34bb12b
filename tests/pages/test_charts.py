"""One rendering path: a scene's figure is built once, shared by every session, and reaches the page
exactly as plotting built it."""

from __future__ import annotations

import json

import plotting
from plotting.spec import to_json
from ui import charts, views

from .helpers import chart, charts as page_charts, open_page


def test_a_class_builds_each_figure_once(monkeypatch):
    """Three students open the same scene: the figure is built for the first and shared with the others."""
    built = []
    original = plotting.compare_figure

    def counting(*args, **kwargs):
        built.append(kwargs.get("lang"))
        return original(*args, **kwargs)

    monkeypatch.setattr(plotting, "compare_figure", counting)
    views.compare_map.clear()
    specs = [page_charts(open_page(opts=["sgd", "adam"], steps="45"))[0] for _ in range(3)]
    assert built == ["en"]
    assert specs[0] == specs[1] == specs[2]
    # another language is another scene's figure, built once too
    page_charts(open_page(lang="ko", opts=["sgd", "adam"], steps="45"))
    page_charts(open_page(lang="ko", opts=["sgd", "adam"], steps="45"))
    assert built == ["en", "ko"]


def test_the_page_shows_the_figure_as_plotting_built_it(monkeypatch):
    made = []
    original = plotting.compare_figure

    def keeping(*args, **kwargs):
        made.append(original(*args, **kwargs))
        return made[-1]

    monkeypatch.setattr(plotting, "compare_figure", keeping)
    views.compare_map.clear()
    shown = chart(open_page(opts=["momentum"], steps="25"))
    assert len(made) == 1
    assert shown == json.loads(to_json(made[0]))  # the dict itself, serialized by plotly: no copy, no change


def test_prebuilt_hands_over_its_dict_unchanged():
    spec = plotting.spec.figure([plotting.spec.scatter(x=[1, 2], y=[3, 4])], {"height": 300})
    figure = charts.Prebuilt(spec)
    assert figure.to_dict() is spec
    assert json.loads(figure.to_json()) == spec
