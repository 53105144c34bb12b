"""AppTest: the saddles page from app.py, in English and Korean; widgets change what is printed and drawn."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from . import helpers
from .helpers import charts, tables

PAGE = "lessons/saddles.py"


def open_page(**query) -> AppTest:
    return helpers.open_page(PAGE, **query)


def final_points(at: AppTest) -> dict[str, str]:
    table = tables(at)[0]
    return dict(zip(table.iloc[:, 0], table.iloc[:, 2]))


def outcomes(at: AppTest) -> dict[str, str]:
    table = tables(at)[0]
    return dict(zip(table.iloc[:, 0], table.iloc[:, -1]))


@pytest.fixture(scope="module")
def english():
    return open_page(lang="en")


def test_page_loads_with_the_stalled_run_printed(english):
    at = english
    assert at.title[0].value == "Saddle points and basins"
    assert at.selectbox(key="sad.surface").value == "saddle"
    assert at.selectbox(key="sad.opt").value == "gd"
    success = " ".join(s.value for s in at.success)
    assert "it stopped on the saddle" in success and "(3.52e-12, 0)" in success
    points = final_points(at)
    x, y = (float(v) for v in points["on the axis (no nudge)"].strip("()").split(","))
    assert abs(x) < 1e-6 and y == 0.0
    status = outcomes(at)
    assert status["on the axis (no nudge)"] == "stopped at the saddle"
    assert status["perturbed start (δ = 1e-06)"] == "escaped"
    assert status["gradient noise σ = 0.0001"] == "escaped"
    assert "the run escaped" in " ".join(w.value for w in at.warning)


def test_saddle_chart_has_the_three_runs_and_frames(english):
    saddle_map, basin_map = charts(english)
    names = [t.get("name", "") for t in saddle_map["data"]]
    for name in ("on the axis (no nudge)", "perturbed start (δ = 1e-06)", "gradient noise σ = 0.0001"):
        assert name in names, names
    assert len(saddle_map["frames"]) >= 2
    heatmaps = [t for t in basin_map["data"] if t["type"] == "heatmap"]
    assert len(heatmaps) == 2
    legend = [t["name"] for t in basin_map["data"] if t.get("legend") == "legend2" and ": " in t.get("name", "")]
    assert len(legend) == 4


def test_basin_counts_and_wall_time_are_shown(english):
    convex, chosen = tables(english)[1], tables(english)[2]
    assert list(convex["starts"])[:1] == ["10,000"]
    assert sum(int(v.replace(",", "")) for v in chosen["starts"]) == 10_000
    assert (chosen["starts"].iloc[:4] != "0").all()
    captions = " ".join(c.value for c in english.caption)
    assert "10,000 starts × 400 steps, one batched call each" in captions


def test_widgets_change_the_result():
    at = open_page(lang="en")
    at.number_input(key="sad.y0").set_value(0.01).run()
    assert not at.exception
    assert outcomes(at)["on the axis (no nudge)"].startswith("escaped")
    assert any("not on the attracting axis" in i.value for i in at.info)
    at.number_input(key="sad.y0").set_value(0.0).run()
    at.number_input(key="sad.steps").set_value(20).run()
    assert outcomes(at)["gradient noise σ = 0.0001"] == "still creeping toward the saddle"
    assert "has not escaped within 20 steps" in " ".join(w.value for w in at.warning)
    at.selectbox(key="sad.noise").set_value(0.1).run()
    at.number_input(key="sad.steps").set_value(60).run()
    assert not at.exception
    assert outcomes(at)["gradient noise σ = 0.1"].startswith("escaped")


def test_monkey_saddle_resets_the_scene_and_creeps():
    at = open_page(lang="en")
    at.selectbox(key="sad.surface").set_value("monkey_saddle").run()
    assert not at.exception
    assert at.number_input(key="sad.steps").value == 2500
    assert at.number_input(key="sad.lr").value == pytest.approx(0.25)
    status = outcomes(at)
    assert status["on the axis (no nudge)"] == "still creeping toward the saddle"
    assert status["gradient noise σ = 0.0001"].startswith("escaped, then diverged at step")
    assert "still creeping toward it" in " ".join(i.value for i in at.info)


def test_basin_controls_change_the_map():
    at = open_page(lang="en")
    at.selectbox(key="basin.surface").set_value("wavy").run()
    assert not at.exception
    assert at.number_input(key="basin.lr").value == pytest.approx(0.05)
    basin_map = charts(at)[1]
    assert not any(t["type"] == "heatmap" for t in basin_map["data"])
    chosen = tables(at)[2]
    assert sum(int(v.replace(",", "")) for v in chosen["starts"]) == 10_000
    at.selectbox(key="basin.res").set_value(150).run()
    assert not at.exception
    assert sum(int(v.replace(",", "")) for v in tables(at)[2]["starts"]) == 22_500


def test_zero_learning_rate_moves_nothing():
    at = open_page(lang="en")
    at.number_input(key="sad.lr").set_value(0.0).run()
    assert not at.exception
    assert outcomes(at)["on the axis (no nudge)"] == "did not move"
    at.number_input(key="basin.lr").set_value(0.0).run()
    assert not at.exception
    kinds = tables(at)[2].set_index("kind")["starts"]
    assert int(kinds["no listed minimum"].replace(",", "")) > 9_000  # only starts already next to a minimum count


def test_korean_page():
    at = open_page(lang="ko")
    assert at.title[0].value == "안장점과 분지"
    assert "안장점에 멈춰 섰습니다" in " ".join(s.value for s in at.success)
    assert outcomes(at)["축 위 (그대로)"] == "안장점에서 멈춤"
    assert "볼록: 분지 하나" in json.dumps(charts(at)[1], ensure_ascii=False)

# Restoring the scene from a shared URL is checked in a real browser: tests/e2e/test_saddles.py.
