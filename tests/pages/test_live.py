"""A live class through AppTest: a teacher's session and students' sessions in one process, one store (SQLite in
a temporary folder). The students' fragment polls once a second in a browser (tests/e2e/test_live.py); here a
student's rerun stands for the poll that found the room moved."""

from __future__ import annotations

import json

import pytest

import live
from tests.pages.helpers import fresh, ok
from ui import browser
from ui import live as live_ui
from ui.text import TEXT

LR = "lessons/learning-rate.py"


pytestmark = pytest.mark.usefixtures("store")  # every test with its own class store (conftest.py)


def teacher_class(page: str = LR):
    """A teacher in presentation mode on ``page``, who has started a class: (AppTest, room code, secret)."""
    at = ok(fresh(lang="en", present="true").run())
    ok(at.switch_page(page).run())
    ok(at.button(key="live_start").click().run())
    code, secret = at.session_state[live_ui.ROOM], at.session_state[live_ui.SECRET]
    return at, code, secret


def step_of(at) -> int:
    return at.session_state["step"]


def texts(at) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption] + [w.value for w in at.warning])


def test_the_teacher_starts_a_class_and_the_projector_shows_its_code(store):
    at, code, secret = teacher_class()
    room = store.find(code)
    assert (room.page, room.step, room.shown) == ("learning-rate", 1, False)
    # the code on a line of its own; AppTest reports no screen size, so the slide is a small projector's, whose
    # header is one row: the label says how to join (a 1920 x 1080 one: tests/e2e/test_live.py)
    assert "Scan, or type in the menu:" in texts(at) and f"`{code}`" in texts(at)
    assert store.is_teacher(code, secret)
    assert secret not in texts(at)  # never on the slide (AppTest has no browser address: no QR, no sidebar link)


def test_students_follow_the_teacher_step_page_and_answer(store):
    teacher, code, _ = teacher_class()
    student = ok(fresh(lang="en", room=code.lower()).run())  # lands on the home page: taken to the class's page
    assert student.session_state[live_ui.ROOM] == code and live_ui.SECRET not in student.session_state
    assert student.session_state["_story_seen"] == "learning-rate"
    assert step_of(student) == 1 and student.session_state["lr"] == 0.0486
    assert student.query_params["room"] == code
    # a question step: the answer waits for the teacher; the student's choice counts
    assert not student.expander, "the answer is held until the teacher shows it"
    assert student.button(key="story_next").label == "Next"
    ok(student.pills(key="_live_vote_learning-rate_1").select(1).run())
    assert store.counts(code, "learning-rate", 1, 3) == [0, 1, 0]
    # the teacher reveals: the student's page opens the answer, with the count; answers are closed
    ok(teacher.button(key="story_next").click().run())
    assert store.find(code).shown
    ok(student.run())
    assert student.session_state["story_answer"] is True
    assert student.pills(key="_live_vote_learning-rate_1").disabled
    assert any("The room's answers: 1" in str(c.proto.spec) for c in student.get("plotly_chart"))
    assert not store.vote(code, student.session_state[live_ui.STUDENT], "learning-rate", 1, 2, 3)
    # Next again: step 2, with its own scene
    ok(teacher.button(key="story_next").click().run())
    ok(student.run())
    assert step_of(student) == 2 and student.session_state["lr"] == 0.002
    assert student.session_state["story_answer"] is False


def test_the_class_moves_to_another_page(store):
    teacher, code, _ = teacher_class()
    student = ok(fresh(lang="en", room=code).run())
    ok(teacher.switch_page("lessons/saddles.py").run())
    assert store.find(code).page == "saddles"
    ok(student.run())
    assert student.session_state.get("_story_seen") == "saddles" and step_of(student) == 1


def test_a_student_explores_then_goes_back_to_the_teachers_step(store):
    teacher, code, _ = teacher_class()
    student = ok(fresh(lang="en", room=code).run())
    assert not student.number_input  # following: the step sets the scene, the settings are not drawn
    ok(student.button(key="settings_explore").click().run())
    assert student.session_state[live_ui.FOLLOW] is False
    assert "exploring on your own" in texts(student)
    assert student.number_input(key="lr").value == teacher.number_input(key="lr").value  # the step's values
    student.number_input(key="lr").set_value(0.01)
    ok(student.run())
    assert student.session_state[live_ui.FOLLOW] is False
    ok(teacher.button(key="story_next").click().run())  # reveal
    ok(teacher.button(key="story_next").click().run())  # step 2: the explorer stays where they are
    ok(student.run())
    assert step_of(student) == 1 and student.session_state["lr"] == 0.01
    assert "step 2 of" in texts(student)
    ok(student.button(key="live_back").click().run())
    ok(student.run())  # the fragment's st.rerun(scope="app") in a browser
    assert student.session_state[live_ui.FOLLOW] is True
    assert step_of(student) == 2 and student.session_state["lr"] == 0.002


@pytest.mark.parametrize("query", [{"room": "ZZZZZZ"}, {"room": "<script>"}, {"room": "x" * 5000},
                                   {"room": ""}])
def test_a_bad_or_unknown_code_says_so_and_the_app_goes_on(store, query):
    at = ok(fresh(lang="en", **query).run())
    assert live_ui.ROOM not in at.session_state
    assert any("no live class" in w.value for w in at.warning)
    assert at.get("plotly_chart")


@pytest.mark.parametrize("extra", [{"me": "x" * 5000}, {"me": "<img src=x>"}, {"me": ""},
                                   {"teacher": "\x00" * 40}, {"teacher": "t" * 100_000}, {"teacher": "%ZZ"}])
def test_hostile_values_beside_a_real_code_join_as_a_student(store, extra):
    teacher, code, _ = teacher_class()
    at = ok(fresh(lang="en", room=code, **extra).run())
    assert at.session_state[live_ui.ROOM] == code and live_ui.SECRET not in at.session_state
    assert live.rooms.valid_student(at.session_state[live_ui.STUDENT]) and at.query_params["me"] != extra.get("me")
    assert "teacher" not in at.query_params and store.find(code).version == 1


def test_a_forged_teacher_secret_gets_a_student_who_cannot_move_the_class(store):
    teacher, code, secret = teacher_class()
    for forged in ("A" * 32, secret[:-2], "", secret + "x"):
        intruder = ok(fresh(lang="en", room=code, teacher=forged).run())
        assert live_ui.SECRET not in intruder.session_state and intruder.session_state[live_ui.ROOM] == code
        assert "teacher" not in intruder.query_params
        ok(intruder.button(key="story_next").click().run())
        ok(intruder.button(key="story_next").click().run())
    room = store.find(code)
    assert (room.step, room.shown, room.version) == (1, False, 1)


def test_the_teachers_link_gives_the_controls_back_in_a_new_session(store):
    teacher, code, secret = teacher_class()
    ok(teacher.button(key="story_next").click().run())
    ok(teacher.button(key="story_next").click().run())  # step 2
    again = ok(fresh(lang="en", present="true", room=code, teacher=secret).run())
    assert again.session_state[live_ui.SECRET] == secret and "teacher" not in again.query_params
    assert step_of(again) == 2
    ok(again.button(key="story_next").click().run())
    assert store.find(code).shown  # the new tab moves the class


def test_the_teacher_ends_the_class(store):
    teacher, code, _ = teacher_class()
    student = ok(fresh(lang="en", room=code).run())
    ok(teacher.button(key="live_end").click().run())
    assert store.find(code) is None and live_ui.ROOM not in teacher.session_state
    ok(student.run())
    assert live_ui.ROOM not in student.session_state and any("ended" in w.value for w in student.warning)


def test_a_student_who_comes_back_in_a_new_session_is_the_same_student(store):
    teacher, code, _ = teacher_class()
    student = ok(fresh(lang="en", room=code).run())
    me = student.query_params["me"]
    assert me == student.session_state[live_ui.STUDENT]
    ok(student.pills(key="_live_vote_learning-rate_1").select(0).run())
    again = ok(fresh(lang="en", room=code, me=me).run())  # a reload, a reconnect to another replica
    assert again.pills(key="_live_vote_learning-rate_1").value == 0  # their answer is still theirs
    ok(again.pills(key="_live_vote_learning-rate_1").select(2).run())
    assert store.counts(code, "learning-rate", 1, 3) == [0, 0, 1]


def test_a_student_types_the_code_off_the_projector(store):
    teacher, code, _ = teacher_class()
    student = ok(fresh(lang="ko").run())
    student.text_input(key="live_join_code").input(f" {code.lower()[:3]}-{code.lower()[3:]} ")
    ok(next(b for b in student.button if b.label == "참여").click().run())
    assert student.session_state[live_ui.ROOM] == code and live_ui.SECRET not in student.session_state
    assert student.session_state["_story_seen"] == "learning-rate"
    assert any(f"선생님을 따라가는 중 · 수업 {code}" in m.value for m in student.markdown)  # the story's title line
    wrong = ok(fresh(lang="en").run())
    wrong.text_input(key="live_join_code").input("[a](b:c)")  # never Markdown in the message
    ok(next(b for b in wrong.button if b.label == "Join").click().run())
    assert live_ui.ROOM not in wrong.session_state
    assert [w.value for w in wrong.warning if "no live class" in w.value] == [
        "There is no live class with the code abc: it may have ended (a class closes 4 hours after the "
        "teacher's last step). Check the code on the projector."]


def test_a_store_that_cannot_be_reached_leaves_the_app_working(monkeypatch):
    monkeypatch.setenv(live.stores.REDIS_ENV, "redis://127.0.0.1:1/0")  # nothing listens there
    live.shared.cache_clear()
    live_ui.rooms.cache_clear()
    at = ok(fresh(lang="en", room="ABCDEF").run())
    assert any("Live classes are unavailable" in w.value for w in at.warning)
    assert at.get("plotly_chart") and live_ui.ROOM not in at.session_state
    at = ok(fresh(lang="en", present="true").run())
    ok(at.button(key="live_start").click().run())
    assert any("Live classes are unavailable" in w.value for w in at.warning) and live_ui.ROOM not in at.session_state


def test_a_restarted_server_finds_its_classes_again(store, tmp_path):
    teacher, code, secret = teacher_class()
    ok(teacher.button(key="story_next").click().run())
    ok(teacher.button(key="story_next").click().run())  # step 2
    student = ok(fresh(lang="en", room=code).run())
    me = student.query_params["me"]
    ok(student.pills(key="_live_vote_learning-rate_2").select(1).run())
    live.shared().close()  # the server stops; a new one opens the same folder
    live.shared.cache_clear()
    live_ui.rooms.cache_clear()
    back = ok(fresh(lang="en", room=code, me=me).run())  # the phone reconnects with the address it had
    assert back.session_state[live_ui.ROOM] == code and back.session_state["step"] == 2
    assert back.pills(key="_live_vote_learning-rate_2").value == 1
    again = ok(fresh(lang="en", present="true", room=code, teacher=secret).run())  # the teacher's link
    ok(again.button(key="story_next").click().run())
    assert live_ui.rooms().find(code).shown


def test_out_of_presentation_mode_the_teacher_still_sees_the_code_and_keeps_control(store):
    teacher, code, _ = teacher_class()
    teacher.toggle(key="present").set_value(False)
    ok(teacher.run())
    assert f"Live class · code **{code}**" in texts(teacher)
    ok(teacher.button(key="story_next").click().run())
    assert store.find(code).shown


def test_a_student_tapping_answers_too_fast_is_told_and_the_last_taken_answer_stays(store, monkeypatch):
    from live import RateLimit

    monkeypatch.setattr(store, "limit", RateLimit(burst=2, interval=60.0))
    _, code, _ = teacher_class()
    student = ok(fresh(lang="en", room=code).run())
    key = "_live_vote_learning-rate_1"
    ok(student.pills(key=key).select(0).run())
    ok(student.pills(key=key).select(1).run())
    ok(student.pills(key=key).select(2).run())  # the third tap within a minute: not taken
    assert store.counts(code, "learning-rate", 1, 3) == [0, 1, 0]
    assert "Answers are coming too fast" in texts(student)
    assert student.pills(key=key).value == 1  # the screen shows the answer that counts


def page_script_poll(at):
    """What the page's script (``ui.browser``) is given to poll, from its one mount in the page run."""
    (script,) = [c for c in at.get("bidi_component") if c.key == browser.KEY]
    return json.loads(script.proto.json)[0]["poll"]  # a one-item list (ui/player.py says why)


def test_served_through_asgi_a_student_s_browser_polls_the_route_and_falls_back_to_the_fragment(store, monkeypatch):
    from serving import live_route

    monkeypatch.setenv(live_route.ROUTE_ENV, "/api/live/version/")
    teacher, code, _ = teacher_class()
    assert page_script_poll(teacher) is None  # the teacher's browser does not poll
    student = ok(fresh(lang="en", room=code).run())
    assert page_script_poll(student) == {"url": f"/api/live/version/{code}", "seen": store.find(code).version,
                                         "interval": 0.5}
    # the teacher moves; the browser's poll sees the version move and asks for a page run: the student catches up
    ok(teacher.button(key="story_next").click().run())
    ok(teacher.button(key="story_next").click().run())
    ok(student.run())
    assert step_of(student) == 2
    assert page_script_poll(student)["seen"] == store.find(code).version
    # exploring, the poll goes on: the version is the room's as last read, and the panel says where the teacher is
    ok(student.button(key="settings_explore").click().run())
    assert page_script_poll(student)["seen"] == store.find(code).version
    # the route failed in this browser (a proxy that does not pass the route): the fragment polls again, the
    # page's script no longer does
    student.session_state[browser.KEY] = {"broken": 0}
    ok(student.run())
    assert page_script_poll(student) is None
    ok(teacher.button(key="story_next").click().run())
    ok(teacher.button(key="story_back").click().run())  # the room moved (and back): the fragment sees it
    ok(student.run())
    assert "exploring on your own" in texts(student)


WIDGETS = ("number_input", "selectbox", "multiselect", "slider", "radio", "toggle", "checkbox", "text_input")


def widget_keys(at) -> set[str]:
    return {w.key for kind in WIDGETS for w in getattr(at, kind) if w.key}


def chart_specs(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


@pytest.mark.parametrize("page", ["compare", "learning-rate", "saddles", "minibatch", "tiny-network", "lr-sweep",
                                  "landscape"])
def test_a_follower_gets_the_steps_scene_without_drawing_the_settings(store, page):
    """While a student follows, the page reads the step's settings instead of drawing their widgets (ui/settings.py):
    every chart on the follower's screen is the chart the same student gets with the settings drawn (the scene is
    the same), and changing the settings is one button away."""
    teacher, code, _ = teacher_class(f"lessons/{page}.py")
    while step_of(teacher) < 2:  # Next (the first press shows a question's answer)
        ok(teacher.button(key="story_next").click().run())
    if teacher_story(page).steps[1].question is not None:  # and step 2's answer: the charts it keeps back drawn
        ok(teacher.button(key="story_next").click().run())
    student = ok(fresh(lang="en", room=code).run())
    assert step_of(student) == 2 and student.session_state[live_ui.FOLLOW] is True
    story_keys = set(teacher_story(page).steps[1].settings)
    # a follower's settings are not drawn, nor presentation mode (the slide is the teacher's): the language only
    assert widget_keys(student.sidebar) == {"lang"}, "a follower's settings are not drawn"
    heading = {"saddles": "Saddle scene", "minibatch": "Data"}.get(page, "Scene")
    assert heading not in [h.value for h in student.sidebar.header]  # nor their heading
    # nor any frame or place made for them (headings, expanders, their messages' places): elements nobody sees, which
    # forty followers' runs would each send
    assert not student.sidebar.header and not student.sidebar.expander and not student.sidebar.get("empty")
    assert not student.sidebar.columns
    following = chart_specs(student)
    assert following
    ok(student.button(key="settings_explore").click().run())
    assert student.session_state[live_ui.FOLLOW] is False
    assert heading in [h.value for h in student.sidebar.header]
    assert "present" in widget_keys(student.sidebar)  # exploring: the whole sidebar
    assert story_keys <= widget_keys(student) | {"step", "story_answer"}  # drawn now, with the step's values:
    for key, value in teacher_story(page).steps[1].settings.items():
        assert student.session_state[key] == (list(value) if isinstance(value, tuple) else value), key
    exploring = chart_specs(student)
    scene_charts = [spec for spec in following  # not the class's count (a follower's own)
                    if "The room's answers" not in str(spec["layout"].get("title"))]
    assert scene_charts
    for spec in scene_charts:
        assert spec in exploring  # the same scene: each chart the follower saw, identical


def chart_keys(at) -> list[str]:
    """The keys of the charts on the page (its Plotly charts' element ids end with them)."""
    return [c.proto.id.rsplit("-", 1)[-1] for c in at.get("plotly_chart")]


def teacher_story(page: str):
    from ui.stories import compare, landscape, lr1d, minibatch, network, saddles, sweep

    return {"compare": compare, "learning-rate": lr1d, "saddles": saddles, "minibatch": minibatch,
            "tiny-network": network, "lr-sweep": sweep, "landscape": landscape}[page].STORY


def test_a_follower_sees_the_slide_and_asks_for_the_whole_page(store):
    teacher, code, _ = teacher_class()
    student = ok(fresh(lang="en", room=code).run())

    def titles():
        return [s.value for s in student.subheader]

    assert "Step by step" not in titles()  # the steps are about the curve: the projector's slide, on the phone
    assert not student.get("download_button")
    assert "live_whole" in [b.key for b in student.button]
    ok(student.button(key="live_whole").click().run())
    assert student.session_state[live_ui.FOLLOW] is True and "Step by step" in titles()  # still following
    assert len(student.get("download_button")) == 2
    assert "live_whole" not in [b.key for b in student.button]
    for _ in range(2):  # the answer, then step 2
        ok(teacher.button(key="story_next").click().run())
    ok(student.run())
    assert step_of(student) == 2 and "Step by step" in titles()


def test_a_follower_gets_the_home_pages_panels_and_downloads_with_the_whole_page(store):
    """The home page's follower sees the race and the story; its loss panels, results table and downloads come
    with the whole page."""
    teacher, code, _ = teacher_class("lessons/compare.py")
    student = ok(fresh(lang="en", room=code).run())
    assert not student.get("download_button") and "live_whole" in [b.key for b in student.button]
    assert "panels" not in widget_keys(student)
    ok(student.button(key="live_whole").click().run())
    assert student.get("download_button") and student.session_state[live_ui.FOLLOW] is True
    assert "panels" in widget_keys(student)
    assert "live_whole" not in [b.key for b in teacher.button]  # the teacher's page leaves nothing out


def test_a_phone_follower_of_the_home_page_gets_the_race_without_the_views_tabs(store):
    """On a phone the race is the slide, on the stage: the tabs of the other views (3-D, inspector, rules), which would
    hold nothing on a follower's screen, come with the whole page. A laptop's follower has the race in its tab."""
    teacher, code, _ = teacher_class("lessons/compare.py")
    phone = fresh(lang="en", room=code)
    phone.session_state["_agent_tier"] = "phone"
    ok(phone.run())
    assert "map" in chart_keys(phone) and not phone.tabs
    assert not phone.sidebar.columns and not phone.sidebar.expander  # the settings' frames: nothing drawn in them
    laptop = ok(fresh(lang="en", room=code).run())
    assert "map" in chart_keys(laptop) and len(laptop.tabs) == 4
    assert len(teacher.tabs) == 4  # the projector's page leaves nothing out
    ok(phone.button(key="live_whole").click().run())
    assert len(phone.tabs) == 4 and "map" in chart_keys(phone)


def headings(at) -> list[str]:
    return [h.value for h in at.header] + [s.value for s in at.subheader]


def test_a_follower_of_the_sweep_page_gets_its_timings_table_and_reading_with_the_whole_page(store):
    teacher, code, _ = teacher_class("lessons/lr-sweep.py")
    ok(teacher.button(key="story_next").click().run())  # the answer: the chart and the table are shown
    student = ok(fresh(lang="en", room=code).run())
    rest = {TEXT["sweep.summary"]["en"], TEXT["sweep.read_title"]["en"]}
    assert "sw_chart" in chart_keys(student) and not rest & set(headings(student))
    assert rest <= set(headings(teacher))
    ok(student.button(key="live_whole").click().run())
    assert rest <= set(headings(student)) and student.session_state[live_ui.FOLLOW] is True


def test_a_follower_of_the_landscape_page_gets_the_steps_section_and_the_rest_on_asking(store):
    """Step 1 is about the planes: a follower's page draws that section, not the gap's and the boundary's charts
    (three figures on every follower's run before)."""
    teacher, code, _ = teacher_class("lessons/landscape.py")
    student = ok(fresh(lang="en", room=code).run())
    rest = {TEXT["landscape.gap_title"]["en"], TEXT["landscape.hides_title"]["en"]}
    assert "ls_planes" in chart_keys(student) and "ls_gap" not in chart_keys(student)
    assert not rest & set(headings(student))
    assert {"ls_planes", "ls_gap"} <= set(chart_keys(teacher)) and rest <= set(headings(teacher))
    ok(student.button(key="live_whole").click().run())
    assert {"ls_planes", "ls_gap"} <= set(chart_keys(student)) and rest <= set(headings(student))


def test_a_follower_of_the_curvature_page_gets_the_steps_section_and_the_rest_on_asking(store):
    """The curvature page has eight sections, each with its chart: a follower's page draws the step's one (a
    follower's run drew all eight before, ~70 ms of the server's CPU for each of forty phones at every Next)."""
    teacher, code, _ = teacher_class("lessons/curvature.py")
    student = ok(fresh(lang="en", room=code).run())

    def sections(at):
        return [s.value for s in at.header if s.value[:1].isdigit()]  # "1 · The Hessian at a point", ...

    assert sections(student) == ["1 · The Hessian at a point"]  # step 1 is about the Hessian
    assert len(sections(teacher)) == 7  # the projector's page leaves nothing out (the stage's section has no
    # heading: the story names it)
    for _ in range(4):  # step 2 (the Hessian again: a saddle), then step 3, the eigenvectors
        ok(teacher.button(key="story_next").click().run())
    ok(student.run())
    assert step_of(student) == 3 and sections(student) == ["2 · The error, one eigenvector at a time"]
    assert student.session_state["cv.kappa"] == 20  # the step's scene
    ok(student.button(key="live_whole").click().run())
    assert len(sections(student)) == 8 and student.session_state[live_ui.FOLLOW] is True


def test_a_follower_of_the_minibatch_page_gets_the_data_chart_and_notes_with_the_whole_page(store):
    """The race is the slide; the data's chart (a second animated figure) and the notes are the rest of the page."""
    teacher, code, _ = teacher_class("lessons/minibatch.py")
    student = ok(fresh(lang="en", room=code).run())

    assert "race" in chart_keys(student) and "datachart" not in chart_keys(student)
    assert "What is going on" not in [s.value for s in student.subheader] and not student.expander
    assert "datachart" in chart_keys(teacher) and "What is going on" in [s.value for s in teacher.subheader]
    ok(student.button(key="live_whole").click().run())
    assert "datachart" in chart_keys(student)
    assert "What is going on" in [s.value for s in student.subheader] and len(student.expander) == 4


def test_a_follower_of_the_tiny_network_page_gets_the_outputs_log_and_tables_with_the_whole_page(store):
    """The loss chart is the slide; the training log, the outputs' chart, the final table and the notes are the rest
    of the page."""
    teacher, code, _ = teacher_class("lessons/tiny-network.py")
    student = ok(fresh(lang="en", room=code).run())
    assert "net_bars" not in chart_keys(student)  # nor the loss chart: it is the question's answer, kept back
    ok(teacher.button(key="story_next").click().run())  # the answer
    ok(student.run())
    assert "net_loss" in chart_keys(student) and "net_bars" not in chart_keys(student)
    assert not {"Training log (first epochs)", "Why the curves differ"} & set(headings(student))
    assert "Training log (first epochs)" in headings(teacher)
    assert not student.get("download_button") and "live_whole" in [b.key for b in student.button]
    assert "net_bars" in chart_keys(teacher) and "live_whole" not in [b.key for b in teacher.button]
    ok(student.button(key="live_whole").click().run())
    assert "net_bars" in chart_keys(student) and len(student.get("download_button")) == 2
    assert student.session_state[live_ui.FOLLOW] is True
