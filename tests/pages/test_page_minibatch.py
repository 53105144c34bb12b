"""AppTest: the batch / mini-batch / SGD page from app.py, widgets changed, charts read from their JSON."""

from __future__ import annotations

import numpy as np
from streamlit.testing.v1 import AppTest

from . import helpers
from .helpers import charts, values, tables

PAGE = "lessons/minibatch.py"


def open_page(**query) -> AppTest:
    return helpers.open_page(PAGE, **query)


def names(spec: dict) -> list[str]:
    return [d.get("name", "") for d in spec["data"]]


def table(at: AppTest):
    return tables(at)[0]


def final_head(spec: dict, name: str) -> np.ndarray:
    """Where run ``name`` sits in the last frame of the race (its head marker)."""
    head = [i for i, d in enumerate(spec["data"]) if d.get("name") == name and d.get("mode") == "markers"][0]
    last = spec["frames"][-1]
    data = dict(zip(last["traces"], last["data"]))[head]
    return np.r_[values(data["x"]), values(data["y"])]


def test_loads_in_english_with_three_learners_and_their_budgets():
    at = open_page(lang="en")
    assert at.title[0].value == "Batch, mini-batch, SGD"
    race, fit = charts(at)
    for label in ["GD (k = N = 50)", "mini-batch (k = 10)", "SGD (k = 1)"]:
        assert label in names(race) and label in names(fit)
    assert len(race["frames"]) >= 10 and race["layout"]["images"]
    assert race["layout"]["xaxis2"]["range"] == [0, 20]  # 20 epochs
    assert "least-squares line" in names(fit)
    shown = table(at)
    assert list(shown["updates per epoch"]) == [1, 5, 50]
    assert list(shown["updates in total"]) == [20, 100, 1000]
    assert "Budget: 20 epochs" in " ".join(m.value for m in at.markdown)


def test_loads_in_korean():
    at = open_page(lang="ko")
    assert at.title[0].value == "배치, 미니배치, SGD"
    race, fit = charts(at)
    assert "미니배치 (k = 10)" in names(race)
    assert race["layout"]["xaxis2"]["title"]["text"] == "에포크"
    assert "전체 갱신 횟수" in table(at).columns


def test_widgets_change_the_charts():
    at = open_page(lang="en")
    before = final_head(charts(at)[0], "SGD (k = 1)")
    at.slider(key="epochs").set_value(4).run()
    at.number_input(key="batch").set_value(5).run()
    assert not at.exception
    race, _ = charts(at)
    assert race["layout"]["xaxis2"]["range"] == [0, 4]
    assert "mini-batch (k = 5)" in names(race)
    assert list(table(at)["updates in total"]) == [4, 40, 200]
    # the loss chart against updates: SGD's last point is at update 4 x 50
    at.toggle(key="per_epoch").set_value(False).run()
    race, _ = charts(at)
    assert race["layout"]["xaxis2"]["range"] == [0, 200]
    assert race["layout"]["xaxis2"]["title"]["text"].startswith("updates")
    after = final_head(race, "SGD (k = 1)")
    assert not np.allclose(before, after)
    # sampling with replacement and a decaying rate move SGD elsewhere
    at.toggle(key="replace").set_value(True).run()
    replaced = final_head(charts(at)[0], "SGD (k = 1)")
    at.radio(key="decay").set_value("inverse_sqrt").run()
    assert not at.exception
    decayed = final_head(charts(at)[0], "SGD (k = 1)")
    assert not np.allclose(after, replaced) and not np.allclose(replaced, decayed)


def test_classification_variant_draws_the_boundary():
    at = open_page(lang="en")
    at.radio(key="task").set_value("classification").run()
    assert not at.exception
    assert at.slider(key="noise").value == 0.2 and at.number_input(key="rate").value == 0.1
    race, boundary = charts(at)
    assert race["layout"]["xaxis"]["title"]["text"] == "w₁"
    assert {"class +1", "class −1", "max-margin boundary"} <= set(names(boundary))
    assert len(boundary["frames"]) >= 10
    assert any(s.value == "The decision boundary" for s in at.subheader)


def test_a_bad_combination_shows_a_message_and_the_page_recovers():
    at = open_page(lang="en", points="20", batch="30")
    assert not at.exception
    assert any("between 2 and N − 1 = 19" in e.value for e in at.error)
    assert not at.get("plotly_chart")
    at.slider(key="points").set_value(60).run()
    assert not at.exception and not at.error
    assert "mini-batch (k = 30)" in names(charts(at)[0])


def test_url_parameters_restore_the_scene():
    at = open_page(lang="en", task="sign(w·x)", points="30", batch="6", epochs="3", decay="γ/√t", replace="true")
    assert at.radio(key="task").value == "classification"
    assert at.slider(key="points").value == 30 and at.number_input(key="batch").value == 6
    assert at.slider(key="epochs").value == 3 and at.toggle(key="replace").value is True
    assert at.radio(key="decay").value == "inverse_sqrt"
    assert list(table(at)["updates in total"]) == [3, 15, 90]
