"""The story's next step made ready while the class looks at this one.

A presenter's Next costs the projector's page run, then forty followers' runs, the new step's scene: the
mini-batch page's three runs (0.15 s), its race for the projector (0.27 s) and for a phone (0.1 s), all
between the click and the first screen that shows it. A page that can say what a step's scene is gives
``ui.story.start`` a ``prepare`` function (``Prepare``); after a presenter's or a following student's page
run, the step's answer (the reveal) and the next step are made ready with it, in the background, in the
presenter's or the student's language and screen. The shared caches (``ui.engine``, ``ui.views``) keep
what it made, for every session of the process, so a replica's own followers have it too.

- One thread for the whole server. A job starts once the process is quiet: no page run in progress
  (``page_run``, around every run in app.py) and none ended in the last ``QUIET_S`` (the event loop is still
  sending the runs' messages then, one loop turn each; the run that asked is one of them, so a class's
  followers, who ask for their runs within a few tenths of a second of it, are in progress by then); or
  ``BUSY_S`` after it was asked, whichever is first. The followers' page runs of the click that asked, and
  their screens, come first: a job holds the interpreter for 0.1-0.9 s, and forty followers' messages wait for
  it (BENCHMARKS.md, "Where a follower's second goes").
- Each (page, step, answer shown, language, screen, whole page) once per ``FRESH_S``; at most ``QUEUE`` jobs
  wait, the rest are dropped (a teacher clicking through the steps does not pile work up).
- What it computes is only what a session would compute itself on that step (the same cached calls with
  the same arguments): a session that gets there first computes it as before, and the caches' lock makes the
  other wait. A job that fails is logged and dropped: nothing reaches a page.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

log = logging.getLogger(__name__)

# prepare(step, lang, display, secret, whole): the story's step (``ui.story.Step``: its settings, widget key ->
# value as the widgets hold them, and its section), the language and screen (``ui.layout.display()``), whether
# the step's answer is still kept back (``Lesson.secret``), and whether the whole page is drawn (False: a
# following student's slide).
Prepare = Callable[[Any, str, str, bool, bool], None]

ENABLED = True  # the page tests turn it off but in their own module (tests/pages/conftest.py)
QUIET_S = 1.0  # no page run ended for this long: their messages are still being sent (BENCHMARKS.md)
BUSY_S = 8.0  # after the asking run, a job runs even if page runs are still in progress (a busy server)
FRESH_S = 120.0  # a job is not asked again within this time (the caches keep its results for an hour)
QUEUE = 8  # jobs waiting at most
_RECENT = 512  # jobs remembered (for FRESH_S)

_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="descentlab-ahead")
_lock = threading.Lock()
_asked: collections.OrderedDict[tuple, float] = collections.OrderedDict()  # job -> when asked
_waiting = 0
_running = 0  # page runs in progress in this process (``page_run``)
_ended = 0.0  # when the last one ended (time.monotonic)
_idle = threading.Condition(_lock)  # notified when the last page run in progress ends


@contextlib.contextmanager
def page_run():
    """Around a page run (app.py): while any is in progress, the jobs wait (up to ``BUSY_S``)."""
    global _running, _ended
    with _lock:
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            _ended = time.monotonic()
            if _running == 0:
                _idle.notify_all()


def ask(key: tuple, prepare: Prepare, step: Any, lang: str, display: str, secret: bool, whole: bool) -> bool:
    """Make ``prepare(step, lang, display, secret, whole)`` run in the background, unless ``key`` (with the
    language, screen, answer and page flags) was asked within ``FRESH_S`` or ``QUEUE`` jobs wait. Returns
    whether it was queued."""
    global _waiting
    if not ENABLED:
        return False
    job = (*key, lang, display, secret, whole)
    now = time.monotonic()
    with _lock:
        asked = _asked.get(job)
        if (asked is not None and now - asked < FRESH_S) or _waiting >= QUEUE:
            return False
        _asked[job] = now
        _asked.move_to_end(job)
        while len(_asked) > _RECENT:
            _asked.popitem(last=False)
        _waiting += 1
    _pool.submit(_run, job, prepare, step, lang, display, secret, whole, now + BUSY_S)
    return True


def _run(job: tuple, prepare: Prepare, step: Any, lang: str, display: str, secret: bool, whole: bool,
         latest: float) -> None:
    global _waiting
    try:
        _until_quiet(latest)
        prepare(step, lang, display, secret, whole)
    except Exception:  # a scene a page would refuse (the page says why when it gets there): nothing to keep
        log.warning("preparing %s failed", job, exc_info=True)
    finally:
        with _lock:
            _waiting -= 1


def _until_quiet(latest: float) -> None:
    """Until no page run is in progress and none ended in the last QUIET_S seconds, or until ``latest``."""
    with _lock:
        while (now := time.monotonic()) < latest:
            if _running:
                _idle.wait(latest - now)
                continue
            quiet = _ended + QUIET_S - now
            if quiet <= 0:
                return
            _idle.wait(min(quiet, latest - now))


def wait(timeout: float = 30.0) -> bool:
    """Until no job waits or runs (tests, benchmarks); whether that happened within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with _lock:
            if _waiting == 0:
                return True
        time.sleep(0.01)
    return False


def forget() -> None:
    """Forget the jobs asked (tests): each may be asked again at once."""
    with _lock:
        _asked.clear()
