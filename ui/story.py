"""Guided stories: a lesson page walked through step by step, each step one scene set up in one click.

A page's story is data (``ui/stories/<page>.py``): a tuple of ``Step``, each with a title, a short
narrative and, where it fits, a question to the room with its choices and the answer, all in
Korean and English, and the scene as the values of the page's own URL-bound widgets (``settings``,
by widget key). ``start`` (first on the page) keeps a place at the top, and ``show`` (once the page's widgets exist)
draws the story there:

- the step lives in the URL as ``step`` (a pill per step, bound to the query string), so a link
  opens the class on the same step; a value that is not a step falls back to step 1;
- choosing a step (its pill, Back/Next, or PageUp/PageDown from a presenter's clicker) writes the
  step's settings into the widgets' state: the scene is set up in one click;
- a link that names a step (``/saddles?step=3``) gets the step's settings on its first run, but
  for those the link names itself; a link without ``step`` opens the page as it is, on step 1;
- changing any of those settings leaves the story for free exploring, which the panel says, with a
  button back to the step's scene. Nothing else is kept: the mode is read off the widgets.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from . import i18n, layout, share
from . import handout_ui

Text = dict[str, str]  # {"en": ..., "ko": ...}


@dataclass(frozen=True)
class Step:
    title: Text
    text: Text
    settings: dict[str, Any]  # widget key -> value, as the widget holds it
    question: Text | None = None
    choices: tuple[Text, ...] = ()
    answer: Text | None = None


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
    """Write step ``number``'s settings into the widgets' state (after ``story.before``)."""
    settings = story.steps[number - 1].settings
    _set(settings)
    if story.before is not None:
        story.before()
        _set(settings)  # the step's own values win over what ``before`` filled


def _go(story: Story, number: int) -> None:
    st.session_state[KEY] = number
    _apply(story, number)


def _chosen(story: Story) -> None:
    _apply(story, current(story))


def _same(a, b) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b or a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


def in_story(story: Story) -> bool:
    """Whether every setting of the current step is what the widgets hold."""
    step = story.steps[current(story) - 1]
    return all(key in st.session_state and _same(st.session_state[key], value)
               for key, value in step.settings.items())


def start(story: Story, page: str):
    """First on the page, before its widgets: a link's step is set up; returns the (empty) panel."""
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
    return st.container()


def show(story: Story, panel) -> None:
    """The story panel, drawn into ``panel`` (from ``start``) once the page's widgets exist, so that
    it can tell whether they still hold the step's scene."""
    number = current(story)
    step = story.steps[number - 1]
    with panel, st.container(border=True):
        # in presentation mode, the QR code of the scene beside the story, for the room to scan
        story_column, qr_column = st.columns([4, 1]) if layout.presentation() else (st.container(), None)
        with story_column:
            _panel(story, number, step)
    url = share.link()  # after the step's pills, so that the link holds the step shown
    share.sidebar(url)
    handout_ui.sidebar()  # the lesson plan (printable handouts), under the link
    if qr_column is not None:
        with qr_column:
            share.qr(url)


def _panel(story: Story, number: int, step: Step) -> None:
    t = i18n.t
    count = len(story.steps)
    st.markdown(f"**{t('story.label')} · {number} / {count}** — {_text(step.title)}")
    # On a projector the QR code takes a fifth of the width and the type is larger: the buttons keep
    # their arrow and key (their words are in the tooltip), so that up to seven pills fit at 1280 px.
    compact = layout.presentation()
    back, pills, forward = st.columns([1.3, 5, 1.3] if compact else [2, 4, 2], vertical_alignment="center")
    with back:
        st.button("" if compact else t("story.prev_label"), icon=":material/chevron_left:", key="story_back",
                  disabled=number == 1,
                  on_click=_go, args=(story, number - 1), shortcut="PageUp", help=t("story.back"),
                  width="stretch")
    with pills:
        st.pills(t("story.steps"), list(range(1, count + 1)), key=KEY, bind="query-params", format_func=str,
                 label_visibility="collapsed", on_change=_chosen, args=(story,), required=True, default=1)
    with forward:
        st.button("" if compact else t("story.next_label"), icon=":material/chevron_right:", icon_position="right",
                  key="story_next",
                  disabled=number == count, on_click=_go, args=(story, number + 1), shortcut="PageDown",
                  help=t("story.next"), width="stretch")
    st.markdown(_text(step.text))
    if step.question is not None:
        st.markdown(f"**{t('story.question')}** {_text(step.question)}")
        choices = [f"**{chr(ord('A') + i)}.** {_text(choice)}" for i, choice in enumerate(step.choices)]
        if sum(len(_text(choice)) for choice in step.choices) <= 60:  # short ones on one line
            st.markdown(" \u2003 ".join(choices))
        else:
            st.markdown("\n".join(f"- {choice}" for choice in choices))
        with st.expander(t("story.answer")):
            st.markdown(_text(step.answer or {"en": ""}))
    if not in_story(story):
        left, right = st.columns([3, 1], vertical_alignment="center")
        with left:
            st.caption(t("story.free"))
        with right:
            st.button(t("story.back_to", k=number), key="story_return", on_click=_go, args=(story, number),
                      width="stretch")
