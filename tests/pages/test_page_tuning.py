"""The compare page's fair race through AppTest: the tune button sets each optimizer's tuned learning rate
in its input and reports the grid, the budget and before/after while the race runs with them."""

from __future__ import annotations

import pytest

from scenes import OptimizerConfig, tuning
from tests.pages.helpers import chart, open_page, tables, texts
from ui.text import text

BOOK = {"sgd": 0.95, "momentum": 0.1, "adagrad": 1.5, "adam": 0.3}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_tuning_sets_the_tuned_rates_and_reports_them(lang):
    at = open_page(lang=lang)
    assert not any(text("tune.title", lang) in m.value for m in at.markdown)
    at.button(key="tune").click().run()
    assert not at.exception, at.exception
    expected = tuning.tune("anisotropic", tuple(OptimizerConfig.of(n, lr=lr) for n, lr in BOOK.items()),
                           (-7.0, 2.0), 30).tuned()
    for name, lr in expected.items():
        assert at.session_state[f"{name}.lr"] == pytest.approx(lr)
    assert expected["adagrad"] != BOOK["adagrad"]  # the book's rates are not the best of this race
    assert any(text("tune.title", lang) in m.value for m in at.markdown)
    report = next(table for table in tables(at) if text("tune.col_tuned", lang) in table.columns)
    assert list(report[text("tune.col_before", lang)]) == pytest.approx(list(BOOK.values()))
    assert text("tune.grid", lang, n=51, lo="0.0001", hi="10", steps=30, seconds="")[:25] in texts(at)
    # the race runs with the tuned rates: its map draws every optimizer
    names = {trace.get("name") for trace in chart(at)["data"]}
    assert {"SGD", "Momentum", "AdaGrad", "Adam"} <= names


def test_the_report_goes_when_the_race_changes():
    at = open_page()
    at.button(key="tune").click().run()
    at.number_input(key="steps").set_value(50).run()
    assert not at.exception
    assert not any(text("tune.title", "en") in m.value for m in at.markdown)
