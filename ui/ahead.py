"""The story's next step made ready while the class looks at this one.

A presenter's Next costs the projector's page run, then forty followers' runs, the new step's scene: the
mini-batch page's three runs (0.15 s), its race for the projector (0.27 s) and for a phone (0.1 s), all
between the click and the first screen that shows it. A page that can say what a step's scene is gives
``ui.story.start`` a ``prepare`` function (``Prepare``); after a presenter's or a following student's page
run, the step's answer (the reveal) and the next step are made ready with it, in the background, in the
presenter's or the student's language and screen. The shared caches (``ui.engine``, ``ui.views``) keep
what it made, for every session of the process, so a replica's own followers have it too.

- One thread for the whole server, started ``DELAY_S`` after the run that asked: the followers' page runs
  of the click that asked come first (they would otherwise share the processor with it).
- Each (page, step, answer shown, language, screen, whole page) once per ``FRESH_S``; at most ``QUEUE`` jobs
  wait, the rest are dropped (a teacher clicking through the steps does not pile work up).
- What it computes is only what a session would compute itself on that step (the same cached calls with
  the same arguments): a session that gets there first computes it as before, and the caches' lock makes the
  other wait. A job that fails is logged and dropped: nothing reaches a page.
"""

from __future__ import annotations

import collections
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
DELAY_S = 2.0  # after the asking run: a class's followers redraw in ~1.5 s (BENCHMARKS.md)
FRESH_S = 120.0  # a job is not asked again within this time (the caches keep its results for an hour)
QUEUE = 8  # jobs waiting at most
_RECENT = 512  # jobs remembered (for FRESH_S)

_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="descentlab-ahead")
_lock = threading.Lock()
_asked: collections.OrderedDict[tuple, float] = collections.OrderedDict()  # job -> when asked
_waiting = 0


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
    _pool.submit(_run, job, prepare, step, lang, display, secret, whole, now + DELAY_S)
    return True


def _run(job: tuple, prepare: Prepare, step: Any, lang: str, display: str, secret: bool, whole: bool,
         start: float) -> None:
    global _waiting
    try:
        time.sleep(max(0.0, start - time.monotonic()))
        prepare(step, lang, display, secret, whole)
    except Exception:  # a scene a page would refuse (the page says why when it gets there): nothing to keep
        log.warning("preparing %s failed", job, exc_info=True)
    finally:
        with _lock:
            _waiting -= 1


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
