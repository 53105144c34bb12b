"""AppTest: the learning-rate sweep page from app.py; chart data and timings read back from the page."""

from __future__ import annotations

import json

import numpy as np
from streamlit.testing.v1 import AppTest

import optimizers

from . import helpers
from .helpers import charts, fresh, tables

PAGE = "lessons/lr-sweep.py"


def open_page(**query) -> AppTest:
    return helpers.open_page(PAGE, **query)


def lines(spec: dict) -> list[dict]:
    return [d for d in spec["data"] if d.get("mode") == "lines"]


def test_default_sweep_has_hundreds_of_rates_per_optimizer_and_shows_timing(monkeypatch):
    calls = []
    real = optimizers.run
    monkeypatch.setattr(optimizers, "run", lambda *a, **k: calls.append(a[0].n_runs) or real(*a, **k))
    at = fresh(lang="en", sw_steps="37")  # settings no other test uses, so nothing comes from the cache
    at.run()
    calls.clear()  # the home page's own runs
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.title[0].value == "Learning-rate sweep"
    sweep, heat = charts(at)
    assert [d["name"] for d in lines(sweep)] == ["SGD", "Momentum", "AdaGrad", "RMSprop", "Adam"]
    assert all(len(d["y"]) == 300 for d in lines(sweep))
    assert calls == [300] * 5 + [2400]  # one batched run per optimizer, one for the whole grid
    info = " ".join(i.value for i in at.info)
    assert "300 learning rates × 37 steps" in info and info.count(" s") >= 5
    assert any("2400 runs" in c.value for c in at.caption)
    body = json.dumps(sweep) + json.dumps(heat)
    assert "NaN" not in body and "Infinity" not in body
    table = tables(at)[0]
    assert table["Optimizer"].tolist() == ["SGD", "Momentum", "AdaGrad", "RMSprop", "Adam"]
    assert table.loc[2, "Smallest diverging rate"] == "none"


def test_widgets_change_the_sweep():
    at = open_page()
    at.multiselect(key="sw_opts").set_value(["sgd", "adam"]).run()
    at.number_input(key="sw_n").set_value(1000).run()
    at.selectbox(key="sw_surface").set_value("parabola").run()
    assert not at.exception
    assert at.number_input(key="x0").value == 2.5
    sweep, heat = charts(at)
    assert [len(d["y"]) for d in lines(sweep)] == [1000, 1000]
    at.toggle(key="sw_metric").set_value(True).run()
    assert "steps until" in charts(at)[0]["layout"]["yaxis"]["title"]["text"]
    at.selectbox(key="sw_pair").set_value("adam-beta2").run()
    at.number_input(key="sw_gx").set_value(20).run()
    at.number_input(key="sw_gy").set_value(10).run()
    heat = charts(at)[1]
    assert len(heat["data"][0]["z"]) == 10 and len(heat["data"][0]["z"][0]) == 20
    assert heat["layout"]["yaxis"]["title"]["text"] == "Adam: β2"


def test_bad_range_shows_a_message_and_keeps_the_page():
    at = open_page()
    at.number_input(key="sw_lo").set_value(100.0).run()
    assert not at.exception
    assert any("learning-rate range" in e.value for e in at.error)
    assert not at.get("plotly_chart")
    at.number_input(key="sw_lo").set_value(1e-3).run()
    assert len(at.get("plotly_chart")) == 2


def test_korean_page():
    at = open_page(lang="ko")
    assert at.title[0].value == "학습률 스윕"
    assert any("스윕 그래프 읽는 법" in h.value for h in at.subheader)
    assert "일괄 실행" in " ".join(i.value for i in at.info)
    sweep = charts(at)[0]
    assert sweep["layout"]["xaxis"]["title"]["text"] == "학습률 (로그 눈금)"
    assert "옵티마이저" in tables(at)[0].columns[0]


def test_diverged_runs_are_gaps_not_nan():
    at = open_page(sw_opts="SGD", sw_hi="100")
    sweep = charts(at)[0]
    y = lines(sweep)[0]["y"]
    assert y[-1] is None and y[0] is not None
    strip = [d for d in sweep["data"] if d.get("yaxis") == "y2" and d["x"]]
    assert strip and np.min(strip[0]["x"]) > 1.0
