"""A live class: the teacher's projector leads, the students' phones follow (rooms in ``live``).

- The teacher (presentation mode) starts a class on the current step: the projector shows the room's code and a
  QR code of the students' link (``?room=CODE``, nothing else); the teacher's own re-entry link, which holds
  the secret, is only in the teacher's sidebar. Each run of the teacher's page writes the step shown, and
  whether its answer is shown, into the room when they changed (``send``: once the page's sections are drawn,
  so that the projector is not held up by forty followers' page runs).
- A student who opens the link follows: the browser asks a small HTTP route for the room's version
  (``serving/live_route.py``, where the app is served through asgi.py: a long poll, answered when the teacher
  moves the room), or, under plain
  ``streamlit run app.py``, a fragment reads it every ``POLL_S`` seconds; when it moved, the page reruns, which
  puts the room's page, step and scene on the screen (``arrive``). Changing a setting, a step or a page is exploring on one's own; one button goes back to the
  teacher's current step.
- On a step with a question a student taps a choice (one per student, changeable until the teacher shows the
  answer); the projector shows the live count per choice, no names. When the teacher shows the answer, every
  follower's page opens it, with the count.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import logging
import os
import re
import time
from urllib.parse import urlencode, urlsplit

import streamlit as st

import live
import plotting
from serving.live_route import ROUTE_ENV

from . import browser, charts, copy, i18n, layout, share

PARAM = "room"  # the students' link: ?room=CODE
TEACHER_PARAM = "teacher"  # the teacher's re-entry link: ?room=CODE&teacher=SECRET (taken off the URL at once)
STUDENT_PARAM = "me"  # a student's anonymous id, kept in their own address: a reconnect (even to another replica)
# or a reload is the same student, whose answer is replaced, not counted twice
POLL_S = 0.75  # how often a follower reads the room's version (benchmarks/live_class.py)
TOUCH_S = 300  # how often the teacher's open projector renews the room's life
PAGE_TITLES = {"compare": "nav.compare", "learning-rate": "nav.lr1d", "saddles": "nav.saddles",
               "minibatch": "nav.minibatch", "tiny-network": "nav.network", "lr-sweep": "nav.sweep",
               "curvature": "nav.curvature", "landscape": "nav.landscape"}

ROOM, SECRET, STUDENT, FOLLOW = "_live_room", "_live_secret", "_live_student", "_live_follow"
SEEN = "_live_seen"  # the room's version this session has put on its screen
SENT = "_live_sent"  # the teacher's (page, step, answer shown) last written into the room
STATE = "_live_state"  # the room as last read (a ``live.Room``)
NOTICE = "_live_notice"  # a message for the next run: (text key, format arguments)
TOUCHED = "_live_touched"
WHOLE = "_live_whole"  # a following student asked for the whole page (``whole_page``)

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1)
def rooms() -> live.Rooms:
    return live.Rooms(live.shared())


def code() -> str | None:
    return st.session_state.get(ROOM)


def teacher() -> bool:
    return code() is not None and SECRET in st.session_state


def student() -> bool:
    return code() is not None and SECRET not in st.session_state


def following() -> bool:
    return student() and bool(st.session_state.get(FOLLOW))


def follows_here() -> bool:
    """Whether this run is a following student's, known before the page's ``arrive``: following, or a students'
    link just opened (?room=CODE, no teacher's secret), which joins the room following."""
    if code() is None:
        return PARAM in st.query_params and TEACHER_PARAM not in st.query_params
    return following()


def room() -> live.Room | None:
    """The room as this session last read it."""
    return st.session_state.get(STATE) if code() else None


def _notice(key: str, **fmt) -> None:
    st.session_state[NOTICE] = (key, fmt)


def _unavailable(error: Exception) -> None:
    log.warning("live class store unavailable: %s", error)
    _notice("live.unavailable")


def _leave(key: str | None = None, **fmt) -> None:
    for name in (ROOM, SECRET, FOLLOW, SEEN, SENT, STATE, TOUCHED, WHOLE):
        st.session_state.pop(name, None)
    for name in (PARAM, TEACHER_PARAM, STUDENT_PARAM):
        if name in st.query_params:
            del st.query_params[name]
    if key:
        _notice(key, **fmt)


def _join(raw: str) -> None:
    """Open the room a link (or the code typed) names: as its teacher with the right secret, else as a student."""
    secret = st.query_params.get(TEACHER_PARAM)
    me = st.query_params.get(STUDENT_PARAM)
    if TEACHER_PARAM in st.query_params:
        del st.query_params[TEACHER_PARAM]  # never left in the address bar (a projector shows it)
    shown_code = re.sub(r"[^A-Za-z0-9]", "", raw)[:12]  # never the link's text as it is (Markdown in a message)
    try:
        found = rooms().find(raw)
        is_teacher = found is not None and secret is not None and rooms().is_teacher(found.code, secret)
    except Exception as error:  # the store is down: the app goes on without a class
        _leave()
        _unavailable(error)
        return
    if found is None:
        _leave("live.no_room", code=shown_code or "-")
        return
    _leave()
    st.session_state[ROOM] = found.code
    st.session_state[SEEN] = None  # the room's state goes on the screen in this run
    if is_teacher:
        st.session_state[SECRET] = secret
        st.session_state[SENT] = None
    else:
        if secret is not None:
            _notice("live.not_teacher", code=found.code)
        if me is not None and live.rooms.valid_student(me):
            st.session_state[STUDENT] = me
        st.session_state.setdefault(STUDENT, live.new_student())
        st.session_state[FOLLOW] = True


# The room as ``arrive`` read it in this page run (None: not read): the panel's check of the version needs no
# second read. Set by each run's ``arrive``; a fragment's run (``_follow``) reads the store itself.
_READ: contextvars.ContextVar[live.Room | None] = contextvars.ContextVar("descentlab_read", default=None)


def arrive(story, page: str) -> None:
    """First on the page (``ui.story.start``), before its widgets: join the room a link names; a follower (or a
    teacher back through the re-entry link) is put on the room's page, step and scene when the room moved."""
    from . import story as stories

    _READ.set(None)
    raw = st.query_params.get(PARAM)
    if raw is not None:
        wanted = live.normalize_code(raw)
        if wanted is None or wanted != code() or TEACHER_PARAM in st.query_params:
            _join(raw)
    if code() is None:
        return
    if student():  # a reload (or a restarted server, or another replica) finds the class and the student again
        if st.query_params.get(PARAM) != code():
            st.query_params[PARAM] = code()
        if st.query_params.get(STUDENT_PARAM) != st.session_state[STUDENT]:
            st.query_params[STUDENT_PARAM] = st.session_state[STUDENT]
    returning = teacher() and st.session_state.get(SENT) is None
    if not (following() or returning):
        return
    try:
        current = rooms().find(code())
    except Exception as error:
        _unavailable(error)
        return
    if current is None:
        _leave("live.ended")
        return
    st.session_state[STATE] = current
    _READ.set(current)
    if current.version == st.session_state.get(SEEN):
        if current.page != page:  # the student went to another page: exploring
            st.session_state[FOLLOW] = False
        return
    if current.page != page:
        # the step is put on in the page's own run (its pills are bound to the URL: a switch cannot name it)
        st.switch_page(f"lessons/{current.page}.py", query_params={PARAM: current.code,
                                                                   STUDENT_PARAM: st.session_state[STUDENT]}
                       if student() else {})
    stories.go(story, current.step)
    st.session_state[stories.ANSWER] = current.shown
    st.session_state[SEEN] = current.version
    if returning:
        st.session_state[SENT] = (current.page, current.step, current.shown)


def send(lesson) -> None:
    """The teacher's page and step (and whether its answer is shown) into the room, when they changed. Called
    once the page's sections are drawn (``Lesson.show``): the followers' page runs, all at once, would
    otherwise hold up the projector's own."""
    from . import story as stories

    if not teacher():
        return
    page, step = lesson.page, lesson.number
    shown = bool(st.session_state.get(stories.ANSWER)) and lesson.step.question is not None
    state = (page, step, shown)
    if state == st.session_state.get(SENT):
        return
    try:
        moved = rooms().move(code(), st.session_state[SECRET], page, step, reveal=shown)
    except live.NotTeacher:
        _leave("live.ended")
        return
    except Exception as error:
        _unavailable(error)
        return
    st.session_state[SENT] = state
    st.session_state[SEEN] = moved.version
    st.session_state[STATE] = moved
    st.session_state[TOUCHED] = time.time()


def held(lesson) -> bool:
    """Whether this step's answer waits for the teacher: a follower, on the room's question, not revealed yet."""
    current = room()
    return (following() and current is not None and lesson.step.question is not None
            and (current.page, current.step) == (lesson.page, lesson.number) and not current.shown)


def check(lesson) -> None:
    """After the page's widgets: a follower whose scene is no longer the room's step explores on their own."""
    from . import story as stories

    current = room()
    if following() and current is not None and (
            (current.page, current.step) != (lesson.page, lesson.number) or not stories.in_story(lesson.story)):
        st.session_state[FOLLOW] = False


# -------------------------------------------------------------------------------------------------------------
# What the panel shows
# -------------------------------------------------------------------------------------------------------------
def notices() -> None:
    """A message left by the previous run (no such room, the class ended, the store is down)."""
    found = st.session_state.pop(NOTICE, None)
    if found:
        st.warning(i18n.t(found[0], **found[1]), icon=":material/info:")


def status(lesson) -> None:
    """The top of the panel: on the teacher's slide the class's code and QR code; a student's line (following, or
    exploring with the way back), which polls the room."""
    if teacher():
        if layout.presentation():
            projector(lesson)
        else:  # the teacher's laptop: the code, no QR code (the slide has it)
            st.markdown(i18n.t("live.code", code=code()))
    if student():  # (a follower's line is the story's title line: ``following_line``)
        if _poll_url() is None:
            _follow()  # plain `streamlit run app.py`, or the route failed in this browser: a fragment polls
        else:  # the page's script polls (``poll``, mounted last by ``ui.story``)
            _follow_body()  # exploring, it reads the room again when it moved, which the poll then knows


def following_line() -> str | None:
    """A following student's line, "following the teacher, class ...", or None. ``ui.story`` writes it in the
    step's title line: one element, not two, in each of the forty runs a Next makes."""
    return i18n.t("live.following", code=code()) if following() else None


def _where(current: live.Room) -> str:
    title = i18n.t(PAGE_TITLES[current.page]) if current.page in PAGE_TITLES else current.page
    return i18n.t("live.where", step=current.step, page=title)


def _back() -> None:
    st.session_state[FOLLOW] = True
    st.session_state[SEEN] = None


# Whether this page run left something undrawn for a following student (``whole_page``): the page then ends with
# the button that draws it all. Set again by each page run (``new_run``, from ``ui.story.Lesson``).
_HELD_BACK: contextvars.ContextVar[bool] = contextvars.ContextVar("descentlab_held_back", default=False)


def new_run() -> None:
    _HELD_BACK.set(False)


def draws_whole() -> bool:
    """Whether the page draws all its parts: yes but for a following student who has not asked for them."""
    return not following() or bool(st.session_state.get(WHOLE))


def whole_page() -> bool:
    """Whether the page draws all its parts (its sections, ``ui.story.Lesson.shows``; downloads): yes but for a
    following student who has not asked for them (what is then left out, the page's end offers)."""
    whole = draws_whole()
    if not whole:
        _HELD_BACK.set(True)
    return whole


def held_back() -> bool:
    """Whether this page run left something out for a following student (``whole_page``)."""
    return _HELD_BACK.get()


def whole_page_button() -> None:
    """Under a following student's page: a line that says the rest is not drawn, and the button that draws it."""
    st.caption(i18n.t("live.slide_only"))
    st.button(i18n.t("live.whole_page"), icon=":material/unfold_more:", key="live_whole", on_click=_whole)


def _whole() -> None:
    st.session_state[WHOLE] = True


def explore() -> None:
    """A student leaves the teacher to explore on their own (the settings' button, ``ui.settings``)."""
    if student():
        st.session_state[FOLLOW] = False


# The followers' poll from the browser (where the app is served through asgi.py, which has the route): the page's
# own script polls (``ui.browser``, one component per page run instead of two; the data is ``poll()``'s). A page
# run only when the room moved (the trigger "moved": following, ``arrive`` puts the room's step on; exploring, the
# panel reads the room again).
BROWSER_POLL_S = 0.5  # an HTTP answer costs the server ~100 times less than a fragment run


def _poll_url() -> str | None:
    """The route a follower's browser polls, or None: not served through asgi.py, or it failed in this browser."""
    prefix = os.environ.get(ROUTE_ENV)
    return None if not prefix or browser.poll_broken() or code() is None else f"{prefix}{code()}"


def poll() -> dict | None:
    """What the page's script polls (``ui.browser.mount``): a student's route, the version shown and the interval;
    None for anyone else, or where the fragment polls (``status``)."""
    if not student():
        return None
    url = _poll_url()
    return None if url is None else {"url": url, "seen": _seen_version(), "interval": BROWSER_POLL_S}


def _seen_version() -> int | None:
    """The room's version this screen shows: following, what the page put on; exploring, the room as last read."""
    if following():
        return st.session_state.get(SEEN)
    current = room()
    return current.version if current is not None else None


@st.fragment(run_every=POLL_S)
def _follow() -> None:
    """Once a second: the room's version (one read); when it moved, the page reruns onto the room's step."""
    _follow_body(fresh=True)


def _follow_body(fresh: bool = False) -> None:
    """The room's version (one read, or none when the page run has just read the room: ``arrive``, unless
    ``fresh``); when it moved, the page reruns onto the room's step; exploring, the line that says where the
    teacher is, with the way back."""
    if not student():
        return
    read = None if fresh else _READ.get()
    try:
        version = read.version if read is not None and read.code == code() else rooms().version(code())
    except Exception as error:
        _unavailable(error)
        return
    if version is None:
        _leave("live.ended")
        st.rerun(scope="app")
    if following():
        if version != st.session_state.get(SEEN):
            st.rerun(scope="app")
        return
    current = room()
    if current is None or current.version != version:
        try:
            current = rooms().find(code())
        except Exception as error:
            _unavailable(error)
            return
        if current is None:
            _leave("live.ended")
            st.rerun(scope="app")
        st.session_state[STATE] = current
    words, button = st.columns([3, 2], vertical_alignment="center")
    with words:
        st.caption(i18n.t("live.exploring", where=_where(current)))
    with button:
        if st.button(i18n.t("live.back"), icon=":material/groups:", key="live_back", type="primary",
                     on_click=_back, width="stretch"):
            st.rerun(scope="app")


def question(lesson) -> None:
    """Under the step's question: a follower's choice (A, B, C...), then, once revealed, the room's count. Until
    then the choice's label says that it can change until the teacher shows the answer (no line more under it: one
    element fewer in each of the forty runs a Next makes)."""
    current = room()
    step = lesson.step
    if not following() or step.question is None or current is None \
            or (current.page, current.step) != (lesson.page, lesson.number):
        return
    key = f"_live_vote_{lesson.page}_{lesson.number}"
    choices = len(step.choices)
    if key not in st.session_state:
        try:
            st.session_state[key] = rooms().choice(current.code, st.session_state[STUDENT], lesson.page, lesson.number)
        except Exception as error:
            _unavailable(error)
            return
    label = i18n.t("live.answer_closed" if current.shown else "live.your_answer")
    st.pills(label, list(range(choices)), key=key, format_func=lambda i: chr(ord("A") + i), disabled=current.shown,
             on_change=_vote, args=(key, lesson.page, lesson.number, choices))
    if current.shown:
        if st.session_state.get(key) is None:
            st.caption(i18n.t("live.no_answer"))
        _counts(current.code, lesson.page, lesson.number, choices, final=True)


def _vote(key: str, page: str, step: int, choices: int) -> None:
    choice = st.session_state.get(key)
    try:
        accepted = rooms().vote(code(), st.session_state[STUDENT], page, step, choice, choices)
    except live.TooFast:
        _notice("live.too_fast")
        try:  # the answer that counts stays on the screen
            st.session_state[key] = rooms().choice(code(), st.session_state[STUDENT], page, step)
        except Exception as error:
            _unavailable(error)
        return
    except Exception as error:
        _unavailable(error)
        return
    if not accepted:
        _notice("live.too_late")
        st.session_state[SEEN] = None  # the room moved on: the page catches up


def _counts(room_code: str, page: str, step: int, choices: int, final: bool, projector: bool = False) -> None:
    try:
        counts = rooms().counts(room_code, page, step, choices)
    except Exception as error:
        _unavailable(error)
        return
    title = i18n.t("live.answers_final" if final else "live.answers", n=sum(counts))
    spelled = ", ".join(f"{chr(ord('A') + i)}: {n}" for i, n in enumerate(counts))
    charts.show(plotting.counts_figure(counts, title, projector=projector), f"live_counts_{page}_{step}",
                "descentlab-answers", alt=i18n.t("live.chart_alt", counts=spelled))


def teacher_panel(lesson) -> None:
    """The teacher's part of the panel: the room's live answers on a question step, and End the class; in
    presentation mode without a class, the button that starts one."""
    if teacher():
        if lesson.step.question is not None:
            # on a slide, under the step's chart on the stage (the story panel is full), else in the panel
            with lesson.stage if lesson.stage is not None else contextlib.nullcontext():
                _live_answers(lesson.page, lesson.number, len(lesson.step.choices))
        st.button(i18n.t("live.end"), icon=":material/logout:", key="live_end", on_click=_end, type="tertiary")
        _teacher_link()
    elif code() is None and layout.presentation():
        st.button(i18n.t("live.start"), icon=":material/groups:", key="live_start", on_click=_start,
                  args=(lesson.page, lesson.number), help=None if lesson.stage is not None else i18n.t("live.start_help"),
                  width="stretch")


@st.fragment(run_every=POLL_S)
def _live_answers(page: str, step: int, choices: int) -> None:
    """The projector's count, read once a second (it also keeps the room alive while the teacher is there)."""
    if not teacher():
        return
    try:
        if time.time() - st.session_state.get(TOUCHED, 0) > TOUCH_S:
            rooms().touch(code(), st.session_state[SECRET])
            st.session_state[TOUCHED] = time.time()
        current = rooms().find(code())
        if current is None:
            raise live.NotTeacher("the room is gone")
        shown = (page, step) in current.revealed
        _counts(code(), page, step, choices, final=shown, projector=layout.presentation())
    except live.NotTeacher:
        _leave("live.ended")
        st.rerun(scope="app")
    except Exception as error:
        _unavailable(error)


def _start(page: str, step: int) -> None:
    try:
        opened, secret = rooms().open(page, step)
    except Exception as error:
        _unavailable(error)
        return
    _leave()
    st.session_state[ROOM], st.session_state[SECRET] = opened.code, secret
    st.session_state[SENT] = (page, step, False)
    st.session_state[SEEN] = opened.version
    st.session_state[STATE] = opened
    st.session_state[TOUCHED] = time.time()


def _end() -> None:
    try:
        rooms().end(code(), st.session_state.get(SECRET))
    except Exception as error:  # gone already, or the store is down: the class ends here anyway
        log.info("ending a live class: %s", error)
    _leave()


def _base() -> str | None:
    """The app's root address as students open it (``share``'s public address, without the page's path): the
    class takes them to its page."""
    url = st.context.url
    if not url:
        return None
    page_url = url.split("?", 1)[0]
    path = urlsplit(page_url).path
    head, _, last = path.rstrip("/").rpartition("/")
    root = page_url[: len(page_url) - len(path)] + (head + "/" if last in PAGE_TITLES else (path or "/"))
    return share.public_base(root).url


def student_link() -> share.Link:
    base = _base()
    if base is None:
        return share.link()  # no address a phone can open: the same warning as the scene's link
    return share.Link(f"{base}?{urlencode({PARAM: code()})}")


def _teacher_link() -> None:
    base = _base()
    if base is None:
        return
    with st.sidebar.expander(i18n.t("live.teacher_link"), icon=":material/key:"):
        st.caption(i18n.t("live.teacher_link_help"))
        copy.link(f"{base}?{urlencode({PARAM: code(), TEACHER_PARAM: st.session_state[SECRET]})}", key="live_teacher_link")


def join_box() -> None:
    """In the sidebar, for a session in no class: the code read off the projector, typed."""
    if code() is not None:
        return
    with st.sidebar.expander(i18n.t("live.join"), icon=":material/groups:"):
        with st.form("live_join", border=False, enter_to_submit=True):
            st.text_input(i18n.t("live.join_code"), key="live_join_code", max_chars=12, placeholder="ABC234")
            st.form_submit_button(i18n.t("live.join_button"), on_click=_join_typed)


def _join_typed() -> None:
    typed = st.session_state.get("live_join_code") or ""
    for name in (TEACHER_PARAM, STUDENT_PARAM):  # a typed code joins as a new student, never as a teacher
        if name in st.query_params:
            del st.query_params[name]
    _join(typed)


def projector(lesson) -> None:
    """At the top of the teacher's story panel: the class's code, large, and a small QR code of the students' link
    (``Enlarge`` shows a 720 px one for the back row), so that the story and the stage keep the slide. On a small
    projector (1280 x 720) the header is one row: the line under the code goes (the label over it says how to
    join) and Enlarge is a flat button, so that Back / Next stay on the screen."""
    if not teacher():
        return
    compact = lesson.display == layout.PROJECTOR_SMALL

    def heading() -> None:  # beside the QR code, in letters the back row reads (ui/layout.py: .st-key-live_code)
        with st.container(key="live_code"):
            st.markdown(i18n.t("live.code_label_compact" if compact else "live.code_label"))
            st.markdown(f"`{code()}`")

    width = 120 if lesson.display == layout.PROJECTOR else 88
    share.qr(student_link(), width=width, scan_key="live.scan", alt_key="live.qr_alt", columns=(1, 2),
             heading=heading, compact=compact)
