"""Guided stories: a lesson page walked through step by step, each step one scene set up in one click.

A page's story is data (``ui/stories/<page>.py``): a tuple of ``Step``, each with a title, a short
narrative and, where it fits, a question to the room with its choices and the answer, all in
Korean and English, the scene as the values of the page's own URL-bound widgets (``settings``, by
widget key), and the part of the page the step is about (``section``; None for the page's main
chart). ``start`` (first on the page) lays the page out and returns the ``Lesson``; the page draws its
sections through it, and ``Lesson.show`` (once the page's widgets exist) draws the story panel:

- the step lives in the URL as ``step`` (a pill per step, bound to the query string), so a link
  opens the class on the same step; a value that is not a step falls back to step 1;
- choosing a step (its pill, Back/Next, or Page Up/Page Down from a presenter's clicker) writes the
  step's settings into the widgets' state: the scene is set up in one click;
- a link that names a step (``/saddles?step=3``) gets the step's settings on its first run, but
  for those the link names itself; a link without ``step`` opens the page as it is, on step 1;
- predict, then reveal: every step opens with its answer closed, and until it is shown the page keeps
  back what answers the question (``Lesson.secret``: the future of a loss curve, outcome banners,
  results tables, finished figures). Next (and Page Down) first shows the answer, then goes on;
- changing any of those settings leaves the story for free exploring, which the panel says, with a
  button back to the step's scene. Nothing else is kept: the mode is read off the widgets;
- in presentation mode the page is a slide: the story on the left, the section the step is about on
  the right (the "stage"), both on one 1920 x 1080 or 1280 x 720 screen; on other screens a step about a
  section further down has a button that brings it into view;
- a page that can say what a step's scene is (``start(..., prepare=...)``) has the step's answer and the
  next step made ready in the background while a presenter or a live class's follower looks at this one
  (``ui.ahead``).
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from . import ahead, browser, handout_ui, i18n, layout, live, share

Text = dict[str, str]  # {"en": ..., "ko": ...}


@dataclass(frozen=True)
class Step:
    title: Text
    text: Text
    settings: dict[str, Any]  # widget key -> value, as the widget holds it
    question: Text | None = None
    choices: tuple[Text, ...] = ()
    answer: Text | None = None
    section: str | None = None  # the page section the step is about (None: the page's main one)


@dataclass(frozen=True)
class Story:
    steps: tuple[Step, ...]
    # Runs after a step's settings are written and before the page draws (e.g. a preset that fills
    # the other controls); it must not undo the step's own settings.
    before: Callable[[], None] | None = field(default=None, compare=False)

    def __post_init__(self):
        if not 3 <= len(self.steps) <= 7:
            raise ValueError(f"Invalid story: {len(self.steps)} steps (a story has 3 to 7)")


KEY = "step"
ANSWER = "story_answer"  # the answer's expander: open (True) or closed
_SEEN = "_story_seen"


def _text(text: Text) -> str:
    return text.get(i18n.current()) or text["en"]


def current(story: Story) -> int:
    """The step shown (1-based), as the URL-bound pills hold it."""
    value = st.session_state.get(KEY)
    return value if isinstance(value, int) and 1 <= value <= len(story.steps) else 1


def _set(settings: dict[str, Any], skip=()) -> None:
    for key, value in settings.items():
        if key not in skip:
            st.session_state[key] = list(value) if isinstance(value, (list, tuple)) else value


def _apply(story: Story, number: int) -> None:
    """Write step ``number``'s settings into the widgets' state (after ``story.before``); its answer closed."""
    settings = story.steps[number - 1].settings
    _set(settings)
    if story.before is not None:
        story.before()
        _set(settings)  # the step's own values win over what ``before`` filled
    st.session_state[ANSWER] = False


def go(story: Story, number: int) -> None:
    """Step ``number`` (1-based) with its scene set up and its answer closed (Next, a live class's follower)."""
    st.session_state[KEY] = number
    _apply(story, number)


def _chosen(story: Story) -> None:
    _apply(story, current(story))


def _forward(story: Story, number: int) -> None:
    """Next (and Page Down): the step's answer first, if it still is a secret; then the next step."""
    if secret(story):
        st.session_state[ANSWER] = True
    elif number < len(story.steps):
        go(story, number + 1)


def _same(a, b) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b or a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


_UNSET = object()  # a setting no widget holds: never the same as a step's value


def in_story(story: Story) -> bool:
    """Whether every setting of the current step is what the widgets hold."""
    step = story.steps[current(story) - 1]
    held = st.session_state
    return all(_same(held.get(key, _UNSET), value) for key, value in step.settings.items())


def secret(story: Story) -> bool:
    """Whether what answers the current step's question is still kept back: the step has a question, its
    answer is closed, and the scene is the step's (free exploring keeps nothing back)."""
    step = story.steps[current(story) - 1]
    return step.question is not None and not st.session_state.get(ANSWER, False) and in_story(story)


class Lesson:
    """A page's story and where the page draws: ``panel`` (the story), ``stage`` (where the section the step
    is about goes: beside the story on a projector, above it on a phone; None on a laptop) and each
    section through ``section``."""

    def __init__(self, story: Story, page: str, main: str, prepare: ahead.Prepare | None = None):
        self.story, self.page, self.main, self.prepare = story, page, main, prepare
        self.display = layout.display()
        self._secret: bool | None = None
        live.new_run()  # nothing left out for a following student yet (``shows``)
        if layout.presentation():
            story_column, stage_column = st.columns([2, 3], gap="medium")
            self.panel = story_column.container(key="story-panel")
            self.stage = stage_column.container(key="stage")
        elif self.display == layout.PHONE:  # the lesson first: the step's chart on the first screen, the story
            self.stage = st.container(key="stage")  # (narrative, question, Next) right under it
            self.panel = st.container(key="story-panel")
        else:
            self.panel = st.container(key="story-panel")
            self.stage = None
        browser.unbind_all()

    @property
    def number(self) -> int:
        return current(self.story)

    @property
    def step(self) -> Step:
        return self.story.steps[self.number - 1]

    @property
    def focus(self) -> str:
        """The section the current step is about."""
        return self.step.section or self.main

    def on_stage(self, name: str) -> bool:
        """Whether section ``name`` is drawn on the stage (presentation mode, the step's own section)."""
        return self.stage is not None and name == self.focus

    @contextlib.contextmanager
    def section(self, name: str) -> Iterator[None]:
        """Draw section ``name`` here: on the stage when it is the step's, else where the page is (in a
        container a step's "go to the section" button can bring into view)."""
        if self.on_stage(name):
            with self.stage:
                yield
        else:
            with st.container(key=f"section-{name}"):
                yield

    def shows(self, name: str) -> bool:
        """Whether section ``name`` is drawn in this run: always, but for a live class's following student, whose
        screen shows what the projector does (the step's own section and the story) until they ask for the whole
        page (a button at its end): forty phones redraw the page on the teacher's every Next."""
        return name == self.focus or live.whole_page()

    def keeps(self, section: str | None = None) -> bool:
        """Whether what section ``section`` (the page's main one by default) shows of the outcome is kept
        back: it is the step's section and the step's answer is still a secret (``secret``, read once a
        run: the widgets it compares are all drawn by the time a section asks)."""
        if (section or self.main) != self.focus:
            return False
        if self._secret is None:
            self._secret = secret(self.story)
        return self._secret

    def slot(self, name: str) -> "_Slot":
        """Where section ``name`` draws its chart: on the stage, its first element (above the section's
        controls, so that the chart stays on the projector's screen); elsewhere, where the chart is drawn.
        Call it before the section's controls; ``with`` it to draw the chart."""
        return _Slot(st.container() if self.on_stage(name) else None)

    @property
    def secret(self) -> bool:
        """Whether the main section keeps its outcome back (``keeps``)."""
        return self.keeps()

    def hidden(self, what_key: str, section: str | None = None) -> bool:
        """True, with a note where it would be, while ``section`` keeps its outcome back (``keeps``);
        ``what_key`` names what is kept back (a ``kept.*`` text)."""
        if not self.keeps(section):
            return False
        st.info(i18n.t("story.kept_back", what=i18n.t(what_key)), icon=":material/visibility_off:")
        return True

    def show(self) -> None:
        """The story panel, drawn into ``panel`` once the page's widgets exist (so that it can tell whether
        they still hold the step's scene), and the page's script (language, keys, scrolling)."""
        story, number, step = self.story, self.number, self.step
        live.check(self)  # a follower who changed the scene explores on their own
        with self.panel, st.container(border=True):
            _panel(self, story, number, step)
        # A live class's student gets none of the teacher's tools (the scene's link and the teacher's address, the
        # lesson plan): a menu with less in it, and a page run that forty phones make at once costs less.
        found = share.link() if not live.student() else None  # after the pills: the link holds the step shown
        if found is not None:
            share.sidebar(found)
            handout_ui.sidebar()  # the lesson plan (printable handouts), under the link
        live.join_box()  # a class's code, typed
        if live.held_back():
            live.whole_page_button()
        if layout.presentation() and found is not None:
            with self.panel:
                if not live.teacher():  # a live class shows its code and the students' link instead (``live.status``)
                    share.qr(found, width=260 if self.display == layout.PROJECTOR else 180)
        scroll = st.session_state.pop("_story_scroll", None)
        browser.mount(i18n.current(), layout.settled_tier(), scroll=scroll, scroll_id=f"{self.page}:{number}:{scroll}",
                      poll=live.poll())
        live.send(self)  # last: the teacher's step into the room once the projector's page is drawn
        self._ahead()

    def _ahead(self) -> None:
        """After a presenter's or a following student's run: the step's answer and the next step made ready in the
        background (``ui.ahead``), for this screen and language, when the page can say what a step's scene is."""
        if self.prepare is None or not (layout.presentation() or live.following()):
            return
        lang, whole, number, steps = i18n.current(), live.draws_whole(), self.number, self.story.steps
        if secret(self.story):  # Next shows the answer first
            ahead.ask((self.page, number, True), self.prepare, self.step, lang, self.display, False, whole)
        if number < len(steps):
            upcoming = steps[number]
            ahead.ask((self.page, number + 1, False), self.prepare, upcoming, lang, self.display,
                      upcoming.question is not None, whole)


class _Slot:
    """A container made early (``Lesson.slot``) or, if none was, at the moment it is entered."""

    def __init__(self, early):
        self._early = early
        self._container = None

    def __enter__(self):
        self._container = self._early if self._early is not None else st.container()
        return self._container.__enter__()

    def __exit__(self, *exc):
        return self._container.__exit__(*exc)


def start(story: Story, page: str, main: str = "main", prepare: ahead.Prepare | None = None) -> Lesson:
    """First on the page, before its widgets: a link's step is set up; returns the page's ``Lesson``. ``prepare``
    (``ui.ahead``): what makes a step's scene ready, for the story's next step in a presenter's or a follower's
    background."""
    count = len(story.steps)
    if st.session_state.get(_SEEN) != page:  # the page's first run since the tab came to it
        st.session_state[_SEEN] = page
        raw = st.query_params.get(KEY)
        if raw is not None and raw.strip().isdigit() and 1 <= int(raw) <= count:
            # a link to a step: its scene, but for the settings the link names itself
            st.session_state[KEY] = int(raw)
            _set(story.steps[int(raw) - 1].settings, skip=set(st.query_params))
        else:  # every page's story starts at its step 1 (the step of the page left behind means nothing here)
            st.session_state[KEY] = 1
        st.session_state[ANSWER] = False
    live.arrive(story, page)  # a live class (ui/live.py): a follower onto the room's page, step and scene
    return Lesson(story, page, main, prepare)


def _bring_into_view(section: str) -> None:
    st.session_state["_story_scroll"] = f"section-{section}"


def _panel(lesson: Lesson, story: Story, number: int, step: Step) -> None:
    t = i18n.t
    count = len(story.steps)
    large = lesson.stage is not None  # a projector's slide or a phone: the story beside or under its chart
    hidden = secret(story)
    held = live.held(lesson)  # a live class's student: the teacher shows the answer
    reveal = hidden and not held
    live.notices()
    live.status(lesson)
    title = f"**{t('story.label')} · {number} / {count}** — {_text(step.title)}"
    following = live.following_line()  # a live class's follower: its line first, in the same element
    st.markdown(title if following is None else f":gray[{following}]  \n{title}")
    back_label, next_label = t("story.prev_label"), t("story.reveal_label" if reveal else "story.next_label")

    # On a projector no tooltip: one left under the mouse after a click would cover the slide (nor on a phone).
    def back_button():
        st.button(back_label, icon=":material/chevron_left:", key="story_back", disabled=number == 1,
                  on_click=go, args=(story, number - 1), help=None if large else t("story.back"), width="stretch")

    def next_button():
        st.button(next_label, icon=":material/visibility:" if reveal else ":material/chevron_right:",
                  icon_position="right", key="story_next", type="primary" if reveal else "secondary",
                  disabled=number == count and not reveal, on_click=go if held else _forward,
                  args=(story, number + 1) if held else (story, number),
                  help=None if large else t("story.reveal" if reveal else "story.next"), width="stretch")

    def pills():
        st.pills(t("story.steps"), list(range(1, count + 1)), key=KEY, bind="query-params", format_func=str,
                 label_visibility="collapsed", on_change=_chosen, args=(story,), required=True, default=1)

    if large:  # a slide: the pills on top, Back / Next under the question, where a presenter looks
        pills()
    else:  # a laptop: one row of Back, the steps and Next, in a flex container sized by ui/layout.py's
        # .st-key-story_row (three columns would be three elements more in every page run)
        with st.container(key="story_row", horizontal=True, vertical_alignment="center"):
            back_button()
            pills()
            next_button()
    words = [_text(step.text)]  # one element: the step's text, its question and the choices
    if step.question is not None:
        words.append(f"**{t('story.question')}** {_text(step.question)}")
        words.append("\n".join(f"- **{chr(ord('A') + i)}.** {_text(choice)}" for i, choice in enumerate(step.choices)))
    st.markdown("\n\n".join(words))
    if large:  # on a projector the row stays on the screen however long the step (ui/layout.py: .st-key-story_nav)
        with st.container(key="story_nav", horizontal=True, wrap=False):  # one row, two halves (not columns: a
            back_button()                                                  # phone would stack them)
            next_button()
    if step.question is not None:
        live.question(lesson)  # a live class's student: their choice, then the room's count
        if not held:
            st.expander(t("story.answer"), key=ANSWER, on_change="rerun").markdown(_text(step.answer or {"en": ""}))
    if lesson.focus != lesson.main and not large:
        st.button(t("story.go_to_section"), icon=":material/south:", key="story_section",
                  on_click=_bring_into_view, args=(lesson.focus,))
    if not in_story(story):
        left, right = st.columns([3, 1], vertical_alignment="center")
        with left:
            st.caption(t("story.free"))
        with right:
            st.button(t("story.back_to", k=number), key="story_return", on_click=go, args=(story, number),
                      width="stretch")
    live.teacher_panel(lesson)  # the room's answers and End the class; Start a live class on a slide
    browser.bind("PageDown", "story_next")
    browser.bind("PageUp", "story_back")
