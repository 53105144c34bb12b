"""AppTest: the tiny-network page from app.py, its numbers read back from the page."""

from __future__ import annotations

import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from . import helpers
from .helpers import charts, values, tables

PAGE = "lessons/tiny-network.py"


def open_page(**query) -> AppTest:
    return helpers.open_page(PAGE, **query)


def test_tutorial_losses_in_the_log_table():
    at = open_page()
    assert at.title[0].value == "Training a tiny network"
    log = tables(at)[0]
    assert list(log.columns) == ["Epoch", "SGD", "Adam", "RMSprop"]
    assert log["SGD"].round(4).tolist()[:3] == [1.0738, 1.0453, 1.0176]
    assert log.loc[0, ["Adam", "RMSprop"]].round(4).tolist() == [1.0738, 1.0738]
    loss, bars = charts(at)
    assert [d["name"] for d in loss["data"]] == ["SGD", "Adam", "RMSprop"]
    assert len(bars["frames"]) == 101
    assert [bars["data"][i]["type"] for i in bars["frames"][5]["traces"]] == ["bar", "bar", "bar", "scatter"]
    final = tables(at)[1]
    assert final["Optimizer"].tolist() == ["SGD", "Adam", "RMSprop"]
    assert round(float(final.loc[0, "Last reported loss"]), 4) == 0.0753  # the tutorial's epoch 100


def test_korean_page():
    at = open_page(lang="ko")
    assert at.title[0].value == "작은 신경망 학습"
    assert list(tables(at)[0].columns)[0] == "에포크"
    assert any("곡선이 서로 다른 이유" in h.value for h in at.header)
    assert charts(at)[0]["layout"]["xaxis"]["title"]["text"] == "에포크"


def test_widgets_change_the_scene():
    at = open_page()
    at.multiselect(key="net_opts").set_value(["adam"]).run()
    at.number_input(key="net_epochs").set_value(20).run()
    at.number_input(key="net.adam.lr").set_value(0.05).run()
    assert not at.exception
    loss, bars = charts(at)
    assert [d["name"] for d in loss["data"]] == ["Adam"]
    assert loss["layout"]["xaxis"]["range"][1] == 20.5
    assert len(bars["frames"]) == 21
    assert float(tables(at)[1].loc[0, "Learning rate"]) == pytest.approx(0.05)
    at.radio(key="net_start").set_value("glorot").run()
    at.number_input(key="net_seed").set_value(5).run()
    import scenes.network as scene

    y0 = values(charts(at)[1]["frames"][0]["data"][0]["y"])  # the bars' first frame
    np.testing.assert_allclose(y0, scene.start_point("glorot", 5)[:3], rtol=1e-5)


def test_divergence_is_reported_not_raised():
    at = open_page(**{"net.sgd.lr": "2.5", "net_epochs": "30"})
    assert any("diverged at epoch 12" in e.value for e in at.error)
    body = json.dumps(charts(at))
    assert "NaN" not in body and "Infinity" not in body


def test_no_optimizer_selected_shows_a_hint():
    at = open_page()
    at.multiselect(key="net_opts").set_value([]).run()
    assert not at.exception
    assert at.info and not at.get("plotly_chart")
