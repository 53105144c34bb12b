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


# -- a bundled real data set, or the student's own CSV (issue 21) --------------------------------------------
def test_bundled_data_set_from_the_url_races_on_its_least_squares_surface():
    at = open_page(lang="en", data="tips")
    assert at.selectbox(key="data").value == "tips"
    assert at.selectbox(key="feature").value == "total_bill" and at.selectbox(key="target").value == "tip"
    assert at.radio(key="fit").value == "regression" and at.toggle(key="std").value is True
    race, fit = charts(at)
    assert race["layout"]["xaxis"]["title"]["text"] == "w" and race["layout"]["yaxis"]["title"]["text"] == "b"
    assert fit["layout"]["xaxis"]["title"]["text"] == "total_bill (standardised)"
    assert fit["layout"]["yaxis"]["title"]["text"] == "tip"
    assert {"GD (k = N = 244)", "least-squares line"} <= set(names(fit))
    assert list(table(at)["updates per epoch"]) == [1, 25, 244]
    assert any("Bryant & Smith 1995" in c.value for c in at.caption)
    # the generated data's own controls are not shown
    assert not [s for s in at.slider if s.key == "points"]


def test_bundled_classification_uses_the_logistic_surface_and_its_url_choices():
    at = open_page(lang="ko", data="iris", feature="sepal_width", positive="versicolor")
    assert at.radio(key="fit").value == "classification"
    race, curve = charts(at)
    assert race["layout"]["xaxis"]["title"]["text"] == "w"
    assert curve["layout"]["yaxis"]["title"]["text"] == "확률 P(species = versicolor)"
    assert "손실이 가장 낮은 곡선" in names(curve)
    assert any(s.value == "맞춰지는 확률" for s in at.subheader)
    assert any("로지스틱 회귀" in h.value for h in at.header)
    distances = table(at)["최솟점까지 거리"]
    assert (distances >= 0).all()


def test_separable_classes_have_no_minimum_and_the_table_says_so():
    at = open_page(lang="en", data="iris", positive="setosa")
    assert not at.exception
    assert list(table(at)["distance to minimum"]) == ["—", "—", "—"]
    _, curve = charts(at)
    assert "lowest-loss curve" not in names(curve)
    assert any("no lowest point" in c.value for c in at.caption)


def test_a_choice_that_cannot_train_gets_its_message_next_to_it_and_the_page_recovers():
    at = open_page(lang="en", data="tips")
    at.radio(key="fit").set_value("classification").run()
    assert not at.exception and charts(at)  # the defaults follow the task: a class column
    assert at.selectbox(key="target").value == "sex" and at.selectbox(key="positive").value == "Male"
    at.radio(key="fit").set_value("regression").run()
    assert at.selectbox(key="target").value == "tip"
    at.selectbox(key="target").set_value("sex").run()
    assert not at.exception
    assert any('Column "sex" holds text' in e.value for e in at.error)
    assert not at.get("plotly_chart")
    at.selectbox(key="target").set_value("tip").run()
    assert not at.exception and not at.error and len(charts(at)) == 2


def test_switching_sources_resets_the_choices_and_the_rate():
    at = open_page(lang="en", data="tips")
    at.selectbox(key="data").set_value("iris").run()
    assert at.selectbox(key="feature").value == "petal_length" and at.selectbox(key="positive").value == "virginica"
    assert at.number_input(key="rate").value == 1.0
    at.selectbox(key="data").set_value("generated").run()
    assert not at.exception
    assert at.radio(key="task").value == "regression" and at.number_input(key="rate").value == 0.05
    assert "least-squares line" in names(charts(at)[1])


def test_upload_without_a_file_waits_and_the_parsing_part_gives_the_messages():
    at = open_page(lang="en", data="CSV")  # the URL holds the picker's language-neutral label
    assert not at.exception and not at.get("plotly_chart")
    assert any("Choose a CSV file" in i.value for i in at.info)
    assert any("The charts appear once" in i.value for i in at.info)
    # AppTest cannot upload a file: the upload's parsing part, called as the page calls it
    from ui import datasource

    table, message = datasource.parse(b"x,y\n1,2\n2,3\n3,4\n4,5\n", "mine.csv", "en")
    assert message is None and table.columns == ("x", "y")
    table, message = datasource.parse(b"x,*bold*\n1,2\n2,3\n3,oops\n4,5\n5,6\n", "bad.csv", "en")
    assert table is None
    assert message == 'Line 4, column "\\*bold\\*": "oops" is not a number, but the rest of the column is.'
    _, message = datasource.parse(b"x,y\n1,2\n", "short.csv", "ko")
    assert message == "머리글 아래 데이터가 1행뿐입니다. 적어도 4행이 필요합니다."


def test_long_data_caps_the_epochs_and_says_so(monkeypatch):
    """With N rows SGD makes N updates an epoch: at most 20,000 updates in all."""
    from scenes import minibatch as scene

    assert scene.max_epochs(1_000) == 20 and scene.max_epochs(244) == 81 and scene.max_epochs(50) == 100
    at = open_page(lang="en", data="tips", epochs="100")
    assert any("at most 81 epochs" in i.value for i in at.info)
    assert list(table(at)["updates in total"]) == [81, 81 * 25, 81 * 244]


def test_back_to_the_story_from_a_bundled_data_set_restores_the_generated_scene():
    """The story's steps are scenes of the generated data: leaving them for tips, "Back to step 1" comes back."""
    at = open_page(lang="en", data="tips")
    assert at.button(key="story_return")  # on tips the page is exploring freely
    at.button(key="story_return").click().run()
    assert not at.exception
    assert at.selectbox(key="data").value == "generated" and at.radio(key="task").value == "regression"
    assert at.slider(key="points").value == 50
    assert "GD (k = N = 50)" in names(charts(at)[0])
    at.button(key="story_next").click().run()  # the answer
    at.button(key="story_next").click().run()  # step 2
    assert not at.exception and at.slider(key="epochs").value == 3 and at.selectbox(key="data").value == "generated"
