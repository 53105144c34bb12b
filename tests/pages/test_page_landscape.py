"""AppTest: the network-landscape page from app.py, its numbers read back from the page."""

from __future__ import annotations

import json

import numpy as np
import pytest

from scenes import landscape as scene

from . import helpers
from .helpers import charts, tables, values

PAGE = "lessons/landscape.py"


def open_page(**query):
    return helpers.open_page(PAGE, timeout=300, **query)


def test_default_page_two_planes_table_gap_and_boundaries():
    at = open_page()
    assert at.title[0].value == "A real network's landscape"
    planes, gap, boundary = charts(at)
    assert [im["xref"] for im in planes["layout"]["images"]] == ["x", "x2"]
    assert not [d for d in planes["data"] if d["type"] in ("contour", "heatmap")]
    path_names = [d["name"] for d in planes["data"] if "legendgroup" in d and d.get("mode") == "lines"]
    assert path_names == ["SGD", "Momentum", "Nesterov", "AdaGrad", "RMSprop", "Adam"]
    assert len(gap["data"]) == 12 + 2 and len(boundary["data"]) == 2 + 6
    table = tables(at)[0]
    assert table["Optimizer"].tolist() == path_names
    expected = scene.landscape(scene.generated("moons", 400, 0.1, 0), scene.OPTIMIZERS, 200)
    assert table["Final loss"].round(4).tolist() == np.round(expected.real_loss[-1], 4).tolist()
    assert table["Hidden movement"].tolist() == [f"{v:.0%}" for v in expected.hidden_movement]
    body = json.dumps(charts(at))
    assert "NaN" not in body and "Infinity" not in body


def test_korean_page():
    at = open_page(lang="ko")
    assert at.title[0].value == "진짜 신경망의 손실 지형"
    assert list(tables(at)[0].columns)[:3] == ["옵티마이저", "학습률", "최종 손실"]
    assert any("무작위 평면" in a["text"] for a in charts(at)[0]["layout"]["annotations"])


def test_widgets_change_the_scene():
    at = open_page()
    at.radio(key="ls_data").set_value("circles").run()
    at.multiselect(key="ls_opts").set_value(["sgd", "adam"]).run()
    at.number_input(key="ls_epochs").set_value(30).run()
    at.number_input(key="ls_rows").set_value(120).run()
    at.selectbox(key="ls_centre").set_value("sgd").run()
    assert not at.exception
    planes, gap, _ = charts(at)
    titles = [a["text"] for a in planes["layout"]["annotations"]]
    assert any("SGD's trained weights" in t for t in titles)
    assert len(values(gap["data"][0]["y"])) == 31
    assert tables(at)[0]["Optimizer"].tolist() == ["SGD", "Adam"]


@pytest.mark.parametrize("query", [
    {"ls.sgd.lr": "-1"}, {"ls_rows": "1e9"}, {"ls_rows": "inf"}, {"ls_noise": "nan"}, {"ls_data": "squares"},
    {"ls_epochs": "-5"}, {"ls_centre": "<script>"}, {"ls_opts": "bogus"}, {"ls_seed": "-3"}, {"ls_plane": "1e400"},
])
def test_hostile_links_never_crash_the_page(query):
    at = open_page(**query)
    assert not at.exception
    assert charts(at), "the page fell back to a scene it can draw"
    body = json.dumps(charts(at))
    assert "NaN" not in body and "Infinity" not in body


def test_a_zero_learning_rate_trains_nothing_and_says_so_in_numbers():
    at = open_page(**{"ls_opts": "sgd", "ls_epochs": "5"})
    at.number_input(key="ls.sgd.lr").set_value(0.0).run()
    assert not at.exception
    row = tables(at)[0].iloc[0]
    assert row["Optimizer"] == "SGD" and row["Hidden movement"] == "0%"


def test_no_optimizer_selected_shows_a_hint():
    at = open_page()
    at.multiselect(key="ls_opts").set_value([]).run()
    assert not at.exception
    assert at.info and not at.get("plotly_chart")


def test_a_huge_learning_rate_is_shown_not_raised():
    at = open_page(**{"ls_opts": "sgd", "ls.sgd.lr": "100", "ls_epochs": "20"})
    assert not at.exception
    body = json.dumps(charts(at))
    assert "NaN" not in body and "Infinity" not in body


def test_a_live_class_knows_every_lesson_page():
    """ui/live names the teacher's page to the room and finds the app's root from the page's path: a page it
    does not know would be named by its path and taken for the root."""
    from tests.app_pages import one_per_script
    from ui import live

    assert {page.url_path for page in one_per_script()} - {""} <= set(live.PAGE_TITLES)
    assert live.PAGE_TITLES["landscape"] == "nav.landscape"


@pytest.mark.parametrize("query, task", [({"data": "iris"}, "classification"), ({"data": "tips"}, "regression"),
                                         ({"data": "gapminder", "lang": "ko"}, "regression")])
def test_a_bundled_data_set_by_link_trains_the_network_on_it(query, task):
    """The data source of the data pages: a bundled real set (by name in the URL) trains a 1-16-16-1 network;
    the shapes' own controls give way, no 2-D boundary, the numbers are the scene's on that data."""
    from surfaces import tabular

    at = open_page(**query)
    assert not at.exception
    assert "ls_data" not in [r.key for r in at.radio]  # the shapes are for generated data only
    planes, gap = charts(at)  # no boundary chart: one input
    spec = tabular.BUNDLED[query["data"]]
    data = tabular.prepare(tabular.bundled(query["data"]), spec.feature, spec.target, spec.task, spec.positive)
    assert data.task == task
    expected = scene.landscape(scene.from_table(data), scene.OPTIMIZERS, 200)
    assert expected.objective.dim == 1 * 16 + 16 + 16 * 16 + 16 + 16 + 1
    table = tables(at)[0]
    assert table.iloc[:, 2].round(4).tolist() == np.round(expected.real_loss[-1], 4).tolist()  # final loss
    body = json.dumps([planes, gap])
    assert "NaN" not in body and "Infinity" not in body


def test_an_upload_waiting_shows_the_hint_and_the_story_brings_back_the_shapes():
    at = open_page(data="CSV")  # the source picker writes its label into the URL
    assert not at.exception
    assert not [c for c in charts(at) if c["layout"].get("images")], "no plane is drawn without data"
    assert any("upload" in i.value.lower() or "csv" in i.value.lower() for i in at.info)
    at.button(key="story_back_to_step").click().run() if [b for b in at.button if b.key == "story_back_to_step"] \
        else at.button(key="story_next").click().run()
    assert not at.exception
    assert at.session_state["data"] == "generated" and len(charts(at)) == 3
