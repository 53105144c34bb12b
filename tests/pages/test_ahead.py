"""The story's next step made ready in the background (ui/ahead.py): the reveal and the next step's figures are
built between two clicks, so that the teacher's Next and forty followers' runs find them made."""

from __future__ import annotations

import logging
import threading
import time

import pytest
import streamlit as st

import plotting
from tests.pages.helpers import fresh, ok
from ui import ahead
from ui import live as live_ui
from ui import curvature as curvature_ui
from ui import landscape as landscape_ui
from ui import minibatch as minibatch_ui
from ui import saddles as saddles_ui
from ui.stories import curvature as curvature_story
from ui.stories import landscape as landscape_story
from ui.stories import minibatch as minibatch_story
from ui.stories import saddles as saddles_story

STORIES = {"minibatch": (minibatch_story.STORY, minibatch_ui.prepare),
           "saddles": (saddles_story.STORY, saddles_ui.prepare),
           "curvature": (curvature_story.STORY, curvature_ui.prepare),
           "landscape": (landscape_story.STORY, landscape_ui.prepare)}


@pytest.fixture(autouse=True)
def quick(monkeypatch, store):
    """Jobs asked run at once, each test from a clean slate, with its own class store (conftest.py)."""
    monkeypatch.setattr(ahead, "ENABLED", True)  # off in the other page tests (conftest.py)
    monkeypatch.setattr(ahead, "QUIET_S", 0.0)
    ahead.forget()
    yield
    assert ahead.wait()
    ahead.forget()


def test_a_job_is_asked_once_and_a_failing_one_is_logged_not_raised(caplog):
    calls = []

    def prepare(step, lang, display, secret, whole):
        calls.append((step, lang, display, secret, whole))
        if step == "bad":
            raise ValueError("a scene the page would refuse")

    assert ahead.ask(("p", 1, False), prepare, "good", "en", "phone", True, False)
    assert not ahead.ask(("p", 1, False), prepare, "good", "en", "phone", True, False)  # asked already
    assert ahead.ask(("p", 1, False), prepare, "good", "ko", "phone", True, False)  # another language
    with caplog.at_level(logging.WARNING, logger="ui.ahead"):
        assert ahead.ask(("p", 2, False), prepare, "bad", "en", "phone", True, False)
        assert ahead.wait()
    assert calls == [("good", "en", "phone", True, False), ("good", "ko", "phone", True, False),
                     ("bad", "en", "phone", True, False)]
    assert "preparing" in caplog.text and "a scene the page would refuse" in caplog.text


def test_at_most_QUEUE_jobs_wait(monkeypatch):
    monkeypatch.setattr(ahead, "QUEUE", 2)
    gate = threading.Event()
    ran = []

    def prepare(step, *rest):
        gate.wait(5)
        ran.append(step)

    queued = [ahead.ask(("p", n, False), prepare, n, "en", "phone", False, False) for n in range(5)]
    gate.set()
    assert ahead.wait()
    assert queued == [True, True, False, False, False] and ran == [0, 1]


def test_a_job_waits_for_a_quiet_process_or_BUSY_S(monkeypatch):
    """A follower's page run does not share the interpreter with a job: the job starts ``QUIET_S`` after the
    last run in progress ended; on a server that is never quiet it starts ``BUSY_S`` after it was asked."""
    monkeypatch.setattr(ahead, "QUIET_S", 0.6)
    ran = threading.Event()
    prepare = lambda *args: ran.set()  # noqa: E731
    with ahead.page_run(), ahead.page_run():  # two runs in progress, as forty followers' are
        assert ahead.ask(("p", 1, False), prepare, 1, "en", "phone", False, False)
        assert not ran.wait(0.5)
        ended = time.monotonic()  # before the last run ends
    assert ran.wait(5)  # the last run ended, and the process was quiet since
    assert time.monotonic() - ended >= 0.6

    monkeypatch.setattr(ahead, "BUSY_S", 0.5)
    ran.clear()
    with ahead.page_run():
        assert ahead.ask(("p", 2, False), prepare, 2, "en", "phone", False, False)
        assert ran.wait(5)  # still in the run: the job did not wait longer than BUSY_S


def test_app_counts_its_page_runs(monkeypatch):
    """app.py runs every page inside ``page_run``: in progress during the page's story panel, over after it."""
    from ui import story as story_ui

    seen = []
    show = story_ui.Lesson.show

    def counting(self):
        seen.append(ahead._running)
        show(self)

    monkeypatch.setattr(story_ui.Lesson, "show", counting)
    at = fresh()
    at.run()
    ok(at)
    assert seen == [1] and ahead._running == 0


def counted(monkeypatch, name: str, record) -> list:
    """``plotting.<name>``'s calls made outside the background thread (``record(args, kwargs)`` of each), with
    every cache emptied first."""
    st.cache_resource.clear()
    made = []
    real = getattr(plotting, name)

    def call(*args, **kwargs):
        if not threading.current_thread().name.startswith("descentlab-ahead"):
            made.append(record(args, kwargs))
        return real(*args, **kwargs)

    monkeypatch.setattr(plotting, name, call)
    return made


@pytest.fixture()
def builds(monkeypatch):
    """The mini-batch races a page run built (the map width each was drawn for)."""
    return counted(monkeypatch, "race_figure", lambda args, kwargs: kwargs.get("pixels", plotting.minibatch.PIXELS))


def test_the_teacher_and_a_phone_find_the_reveal_and_the_next_step_made(builds):
    teacher = ok(fresh(lang="en", present="true").run())
    ok(teacher.switch_page("lessons/minibatch.py").run())
    ok(teacher.button(key="live_start").click().run())
    student = fresh(lang="en", room=teacher.session_state[live_ui.ROOM])
    student.session_state["_agent_tier"] = "phone"  # a phone's user agent, before its browser reports the screen
    ok(student.run())
    assert ahead.wait()
    steps = len(minibatch_story.STORY.steps)
    for _ in range(2 * steps - 1):  # every reveal and every step, to the last one's answer
        builds.clear()
        ok(teacher.button(key="story_next").click().run())
        ok(student.run())
        assert builds == [], f"step {teacher.session_state['step']}: built on the click ({builds})"
        assert ahead.wait()  # the next ones, made in the background
    assert teacher.session_state["step"] == steps and student.session_state["step"] == steps


def test_a_presenter_without_a_class_finds_the_next_step_made_and_a_laptop_asks_nothing(builds):
    presenter = ok(fresh(lang="ko", present="true").run())
    ok(presenter.switch_page("lessons/minibatch.py").run())
    assert ahead.wait()
    builds.clear()
    ok(presenter.button(key="story_next").click().run())  # the answer
    ok(presenter.button(key="story_next").click().run())  # step 2
    assert builds == [] and presenter.session_state["step"] == 2

    laptop = ok(fresh(lang="en").run())
    ok(laptop.switch_page("lessons/minibatch.py").run())
    assert ahead.wait()
    builds.clear()
    ok(laptop.button(key="story_next").click().run())
    ok(laptop.button(key="story_next").click().run())
    assert len(builds) == 2  # a student alone at a laptop: nothing made ahead (the reveal, then step 2, built)


@pytest.fixture()
def figures(monkeypatch):
    """The figures a page run made (``plotting.sized``, the last call of every cached figure of ``ui.views``): the
    screen each was laid out for."""
    return counted(monkeypatch, "sized", lambda args, kwargs: args[1])


@pytest.mark.parametrize("page", sorted(STORIES))
def test_prepare_asks_for_what_the_page_draws_on_every_step(figures, page):
    """The page and its prepare function make the same scenes (same values, same types: the caches key on them):
    once every step is prepared, a walk through the story with Next makes no figure."""
    story, prepare = STORIES[page]
    at = ok(fresh(lang="en").run())
    ok(at.switch_page(f"lessons/{page}.py").run())  # the page's first run: its sections at their defaults
    for step in story.steps:
        for secret in ((True, False) if step.question is not None else (False,)):
            prepare(step, "en", "desktop", secret, True)
    assert figures, "prepare made the steps' figures"
    figures.clear()
    while not (at.session_state["step"] == len(story.steps) and at.button(key="story_next").disabled):
        ok(at.button(key="story_next").click().run())  # each answer, then the next step
    assert figures == []
