"""Guided stories (ui/story.py, ui/stories/): every step of every page's story, through AppTest.

Each step must open without an exception, say "k / K" with its own title, hold the scene it promises
(every widget the step sets holds the step's value, so the page is in the story, not in free mode),
and draw its chart; a link with ``?step=k`` opens step k, other values of ``step`` open step 1.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from tests.app_pages import one_per_script
from tests.pages.helpers import chart, charts, fresh, open_page, tables, texts
from ui.story import Story, _same
from ui.text import text

ROOT = Path(__file__).resolve().parents[2]


def page_story(file: str) -> Story:
    """The story a page script imports from ui/stories/."""
    source = (ROOT / file).read_text(encoding="utf-8")
    found = re.search(r"^from ui\.stories import (\w+)", source, re.MULTILINE)
    assert found, f"{file} has no story (from ui.stories import ...)"
    assert "story.start(" in source and "lesson.show()" in source, f"{file} does not draw its story"
    return importlib.import_module(f"ui.stories.{found.group(1)}").STORY


PAGES = [page.file for page in one_per_script()]
STEPS = [(file, k) for file in PAGES for k in range(1, len(page_story(file).steps) + 1)]


def _id(case) -> str:
    file, k = case
    return f"{Path(file).stem}-{k}"


def _title(at, story: Story, k: int, lang: str) -> None:
    step = story.steps[k - 1]
    label = text("story.label", lang)
    heads = [m.value for m in at.markdown if m.value.startswith(f"**{label}")]
    assert heads == [f"**{label} · {k} / {len(story.steps)}** — {step.title[lang]}"], heads


def _in_scene(at, story: Story, k: int) -> None:
    """The step's scene: every setting it makes is what the widget holds, and the panel is not in free mode."""
    for key, value in story.steps[k - 1].settings.items():
        assert key in at.session_state, f"step {k} sets {key!r}, which the page does not have"
        assert _same(at.session_state[key], value), (key, at.session_state[key], value)
    free = [text("story.free", lang) for lang in ("en", "ko")]
    assert not [c.value for c in at.caption if c.value in free], "the step opened in free mode"
    assert "story_return" not in [b.key for b in at.button]


def _kept_back(at) -> list[str]:
    """The notes that stand where the page keeps the outcome back (a story's open question)."""
    marks = [text("story.kept_back", lang, what="").split(":")[-1].strip()[:12] for lang in ("en", "ko")]
    return [i.value for i in at.info if any(mark in i.value for mark in marks)]


def _promises(at, file: str, story: Story, k: int, lang: str) -> None:
    """What a reader sees of the step's scene on the page itself (once its answer is shown)."""
    settings = story.steps[k - 1].settings
    assert charts(at), f"{file} step {k}: no chart"
    if file.endswith("compare.py"):
        from ui.controls import optimizer_label
        names = {trace.get("name") for trace in chart(at)["data"]}
        for name in settings["opts"]:
            assert optimizer_label(name) in names, (name, names)
    if file.endswith("lr-sweep.py") and not _kept_back(at):
        from ui.controls import optimizer_label
        summary = tables(at)[0]
        assert list(summary.iloc[:, 0]) == [optimizer_label(name) for name in settings["sw_opts"]]


def _linked(file: str, lang: str = "en", **query):
    """The page opened from a link with ``query``, in a fresh session."""
    at = fresh(timeout=180, lang=lang, **query)
    return (at if file == PAGES[0] else at.switch_page(file)).run()


def test_every_page_has_a_story_of_3_to_7_steps_in_both_languages():
    for file in PAGES:
        story = page_story(file)
        assert 3 <= len(story.steps) <= 7
        for k, step in enumerate(story.steps, 1):
            prose = (step.title, step.text, *([step.question, step.answer] if step.question else []))
            for part in (*prose, *step.choices):  # choices may be names ("SGD") in both languages
                assert part["en"].strip() and part["ko"].strip(), (file, k, part)
            for part in prose:
                assert re.search("[가-힣]", part["ko"]), (file, k, part["ko"])
            assert step.settings, (file, k)
            assert (step.question is None) == (step.answer is None), (file, k)
            assert step.question is None or len(step.choices) >= 2, (file, k)
        titles = [step.title["en"] for step in story.steps]
        assert len(set(titles)) == len(titles), (file, titles)


@pytest.mark.parametrize("file", PAGES, ids=lambda f: Path(f).stem)
def test_next_walks_every_step_of_the_story(file):
    """From the page's own first view, Next (the button bound to Page Down) walks the story to its end: on a
    step with a question it first shows the answer (and what the page kept back), then goes on; every step
    opens with its answer closed and its outcome kept back (predict, then reveal)."""
    story = page_story(file)
    at = open_page(file, timeout=180, reveal=False)
    for k in range(1, len(story.steps) + 1):
        assert not at.exception, (k, at.exception)
        _title(at, story, k, "en")
        _in_scene(at, story, k)
        assert at.button(key="story_back").disabled == (k == 1)
        if story.steps[k - 1].question is not None:
            assert at.session_state["story_answer"] is False, f"step {k} opened with its answer shown"
            assert _kept_back(at), f"{file} step {k}: nothing kept back before the answer"
            assert at.button(key="story_next").label == text("story.reveal_label", "en")
            assert not at.button(key="story_next").disabled
            at.button(key="story_next").click().run()  # Page Down once: the answer
            assert not at.exception, (k, at.exception)
            _title(at, story, k, "en")  # still step k
            assert at.session_state["story_answer"] is True
            assert not _kept_back(at), _kept_back(at)
        assert at.button(key="story_next").label == text("story.next_label", "en")
        _promises(at, file, story, k, "en")
        assert at.button(key="story_next").disabled == (k == len(story.steps))
        if k < len(story.steps):
            at.button(key="story_next").click().run()
    at.button(key="story_back").click().run()
    assert not at.exception
    _title(at, story, len(story.steps) - 1, "en")
    _in_scene(at, story, len(story.steps) - 1)


@pytest.mark.parametrize("case", STEPS, ids=_id)
def test_a_link_to_a_step_opens_that_step_in_korean(case):
    file, k = case
    story = page_story(file)
    at = _linked(file, lang="ko", step=str(k))
    assert not at.exception, at.exception
    _title(at, story, k, "ko")
    _in_scene(at, story, k)
    _promises(at, file, story, k, "ko")
    step = story.steps[k - 1]
    if step.question is not None:
        page = texts(at)
        assert step.question["ko"] in page
        for choice in step.choices:
            assert choice["ko"] in page


@pytest.mark.parametrize("raw", ["0", "99", "-1", "abc", "2.5", "", " 3x", "１"])
def test_a_step_that_is_not_a_step_opens_step_1(raw):
    story = page_story("lessons/saddles.py")
    at = _linked("lessons/saddles.py", step=raw)
    assert not at.exception, at.exception
    _title(at, story, 1, "en")


def test_leaving_the_story_keeps_the_change_and_offers_the_way_back():
    story = page_story("lessons/learning-rate.py")
    at = open_page("lessons/learning-rate.py")
    at.button(key="story_next").click().run()  # step 2: lr 0.002
    at.number_input(key="lr").set_value(0.01).run()
    assert not at.exception
    assert at.session_state["lr"] == pytest.approx(0.01)  # the user's change stays
    assert text("story.free", "en") in [c.value for c in at.caption]
    at.button(key="story_return").click().run()
    _title(at, story, 2, "en")
    _in_scene(at, story, 2)


def test_a_link_keeps_the_settings_it_names_itself():
    """?step=3&lr=0.1 opens step 3's scene but with the link's learning rate (free mode, step 3)."""
    at = _linked("lessons/learning-rate.py", step="3", lr="0.1")
    assert not at.exception
    _title(at, page_story("lessons/learning-rate.py"), 3, "en")
    assert at.session_state["lr"] == pytest.approx(0.1)
    assert text("story.free", "en") in [c.value for c in at.caption]


def test_a_link_too_long_for_a_qr_code_says_so_instead():
    """Found by benchmarks/load.py: a link padded with junk parameters overflowed segno (an exception)."""
    from ui import share

    assert share.qr_png("http://x/?" + "a=é&" * 2000) is None
    assert share.qr_png("http://x/saddles?step=3").startswith(b"\x89PNG")
