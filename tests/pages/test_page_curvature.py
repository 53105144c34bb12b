"""AppTest: the curvature page from app.py, in English and Korean; charts read back from their JSON."""

from __future__ import annotations

import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from ui.text import text

from . import helpers
from .helpers import charts, tables, values

PAGE = "lessons/curvature.py"
CHARTS = ("hessian", "eigen", "rates", "edge", "race", "eos", "second_order", "newton")


def open_page(**query) -> AppTest:
    return helpers.open_page(PAGE, timeout=180, **query)


def named(spec: dict) -> list[str]:
    return [trace.get("name") or "" for trace in spec["data"]]


def fig(lang: str, figure: str, key: str, **fmt) -> str:
    value = text(f"curvature.fig.{figure}.{key}", lang)
    return value.format(**fmt) if fmt else value


@pytest.fixture(scope="module", params=["en", "ko"])
def page(request):
    return request.param, open_page(lang=request.param)


def test_page_runs_with_six_charts_and_no_nan(page):
    lang, at = page
    assert not at.exception
    assert at.title[0].value == text("nav.curvature", lang)
    found = charts(at)
    assert len(found) == len(CHARTS)
    for name, spec in zip(CHARTS, found):
        body = json.dumps(spec)
        assert "NaN" not in body and "Infinity" not in body, name
    headers = [h.value for h in at.header]
    for key in ("section_hessian", "section_eigen", "section_rates", "section_edge", "section_rotation",
                "section_eos", "section_second_order", "section_newton"):
        assert text(f"curvature.{key}", lang) in headers


def test_charts_carry_the_right_traces(page):
    lang, at = page
    hessian, eigen, rates, edge, race, eos, second_order, newton = charts(at)
    names = named(hessian)
    assert fig(lang, "hessian", "ellipse") in names
    assert fig(lang, "hessian", "eigen", i=1, lam="0.1", how=fig(lang, "hessian", "curves_up")) in names
    assert fig(lang, "hessian", "eigen", i=2, lam="2", how=fig(lang, "hessian", "curves_up")) in names
    assert "κ = 20" in hessian["layout"]["annotations"][-1]["text"]
    assert any(t.get("meta", {}).get("role") == "click-targets" for t in hessian["data"])
    gd, momentum = fig(lang, "eigen", "gd"), fig(lang, "eigen", "momentum")
    along = fig(lang, "eigen", "along_min", lam="0.1")
    assert f"{gd} · {along}" in named(eigen) and f"{momentum} · {along}" in named(eigen)
    assert fig(lang, "eigen", "predicted", name=gd, rate="0.9048") in named(eigen)
    assert fig(lang, "rates", "gd_measured") in named(rates) and fig(lang, "rates", "chosen", kappa="100") in named(rates)
    assert edge["data"][0]["type"] == "heatmap"
    assert text("curvature.edge_name", lang, lam="2") in named(edge)
    for label in ("SGD", "Momentum", "AdaGrad", "RMSprop", "Adam"):
        assert label in named(race)
    assert len(race.get("frames", [])) >= 2
    assert fig(lang, "edge", "threshold", lr="0.0025", threshold="800") in named(eos)
    assert fig(lang, "edge", "threshold", lr="0.001", threshold="2000") in named(eos)
    assert {"GD", "Newton", "L-BFGS", fig(lang, "trials", "trials")} <= set(named(second_order))
    assert len(second_order.get("frames", [])) >= 2
    for key in ("newton_pure", "newton_saddle_free", "newton_gd"):
        assert text(f"curvature.{key}", lang) in named(newton)
    assert text("curvature.newton_damped", lang, damping="50") in named(newton)


def test_numbers_printed_next_to_the_charts(page):
    lang, at = page
    eigen_table, runs_table, rates_table, race_table, second_order_table, newton_table = tables(at)
    assert list(eigen_table.iloc[:, 1]) == [0.1, 2]
    assert list(runs_table.iloc[:, 3]) == pytest.approx([0.904762, 0.634512], abs=1e-6)  # predicted
    assert list(rates_table.iloc[:, 4]) == pytest.approx([0.980198, 0.818182], abs=1e-6)
    assert list(rates_table.iloc[:, 6]) == [691, 69]
    same = text("curvature.same_path", lang)
    assert list(race_table.iloc[:, -1]) == [same] * 5  # θ = 0: the turned paths are the paths
    info = " ".join(i.value for i in at.info)
    assert "800" in info and "732" in info  # the sharpness met 2/lr = 800 at step 732
    assert list(second_order_table.iloc[:, 2]) == [text("compare.never", lang), "5", "34"]
    assert list(newton_table.iloc[:, 1]) == ["932 (58%)", "1,600 (100%)", "1,600 (100%)"]  # ends at a minimum
    assert list(newton_table.iloc[0, 2:4]) == ["572 (36%)", "96 (6%)"]  # pure Newton: saddles, the maximum


def test_the_turned_bowl_separates_the_invariant_methods():
    at = open_page(lang="en")
    at.slider(key="cv.rot").set_value(45).run()
    assert not at.exception
    race_table = tables(at)[3]
    drift = dict(zip(race_table.iloc[:, 0], race_table.iloc[:, -1]))
    assert drift["SGD"] == drift["Momentum"] == "the same (rounding)"
    for name in ("AdaGrad", "RMSprop", "Adam"):
        assert float(drift[name]) > 0.1
    assert "θ = 45°" in " ".join(race_table.columns)


def test_widgets_change_the_scene():
    at = open_page(lang="en")
    at.selectbox(key="cv.surface").set_value("rosenbrock").run()
    assert not at.exception
    assert (at.number_input(key="cv.x").value, at.number_input(key="cv.y").value) == (-1.5, 2.0)
    at.number_input(key="cv.x").set_value(1.0).run()
    at.number_input(key="cv.y").set_value(1.0).run()
    assert "κ = 2508" in charts(at)[0]["layout"]["annotations"][-1]["text"]  # 1001.6 / 0.3994
    at.select_slider(key="cv.kappa").set_value(100).run()
    eigen = charts(at)[1]
    assert "GD · along v₁ (λ = 0.02)" in named(eigen)
    at.select_slider(key="cv.rkappa").set_value(1000).run()
    assert "κ = 1000" in named(charts(at)[2])
    at.selectbox(key="cv.edge_surface").set_value("booth").run()
    assert "stability edge lr = 2(1 + β)/λmax, λmax = 18" in named(charts(at)[3])
    assert not at.exception


def test_bad_input_shows_a_message_next_to_its_control_and_the_rest_stays():
    at = open_page(lang="en")
    at.number_input(key="cv.eos_lr").set_value(0.0).run()
    assert not at.exception
    assert any("Invalid learning rate" in e.value for e in at.error)
    assert len(charts(at)) == len(CHARTS) - 1  # only the edge-of-stability chart is gone
    at.number_input(key="cv.eos_lr").set_value(0.0025).run()
    at.toggle(key="cv.optimal").set_value(False).run()
    at.number_input(key="cv.beta").set_value(1.0).run()
    assert not at.exception
    assert any("Invalid momentum β" in e.value for e in at.error)
    assert len(charts(at)) == len(CHARTS) - 1
    at.number_input(key="cv.beta").set_value(0.5).run()
    assert len(charts(at)) == len(CHARTS)
    at.selectbox(key="cv.surface").set_value("custom").run()
    at.text_input(key="cv.surface_expr").set_value("log(x) + y^2").run()
    at.number_input(key="cv.x").set_value(-1.0).run()
    assert not at.exception
    assert any("f is not finite there" in e.value for e in at.error)
    assert len(charts(at)) == len(CHARTS) - 1


def test_eos_section_reports_a_divergence():
    at = open_page(lang="en")
    at.number_input(key="cv.eos_lr").set_value(0.01).run()
    at.number_input(key="cv.eos_x").set_value(-1.2).run()
    at.number_input(key="cv.eos_y").set_value(1.0).run()
    assert not at.exception
    assert any("diverged at step" in e.value for e in at.error)
    eos = charts(at)[-1]
    assert "NaN" not in json.dumps(eos)


def test_sweep_page_heatmap_shows_the_edge_only_for_sgd_momentum():
    at = helpers.open_page("lessons/lr-sweep.py", lang="en")
    heat = charts(at)[1]
    edge = [t for t in heat["data"] if t.get("name", "").startswith("stability edge") and t.get("hovertemplate")]
    assert len(edge) == 1
    x, y = values(edge[0]["x"]), values(edge[0]["y"])
    np.testing.assert_allclose(10 ** x, 1 + y, rtol=1e-5)  # x²/20 + y²: λmax = 2
    at.selectbox(key="sw_pair").set_value("adam-beta1").run()
    assert not any(t.get("name", "").startswith("stability edge") for t in charts(at)[1]["data"])
    at.selectbox(key="sw_pair").set_value("sgd-momentum").run()
    at.selectbox(key="sw_surface").set_value("rosenbrock").run()
    assert not at.exception
    assert not any(t.get("name", "").startswith("stability edge") for t in charts(at)[1]["data"])
