"""A live class: one room that a teacher moves through a lesson and that students follow.

A room has a short random code (what the projector shows and the students' link holds), a teacher's secret
(kept only as its SHA-256, compared in constant time: only the browser that opened the room, or the teacher's
own re-entry link, can move it), the lesson's page and story step, the steps whose answers the teacher has
revealed, and a version that every change of the teacher's moves on: a follower reads the version once a
second, and the whole room only when it changed. Answers are kept per (room, page, step) by an anonymous,
random student id: one per student, changeable until the teacher reveals the step, counted without names.

A room lives ``TTL`` seconds (4 hours) after the teacher's last action, then it is gone. Nothing lists rooms:
a code opens its room, or nothing.

Pure Python, no Streamlit: ``Rooms`` checks who may do what and what is valid; a ``live.stores`` store keeps
the data (SQLite, embedded, or Redis, shared by replicas), each write atomic.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

TTL = 4 * 3600  # a room's life after the teacher's last action (s)
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read off a projector and typed on a phone
CODE_LENGTH = 6  # 31**6, about 8.9e8 codes
MAX_STEP = 50
MAX_CHOICES = 10
MAX_ANSWERS = 1000  # students counted per question: five times the largest class we plan for (200)
# A student's answers: a burst of VOTE_BURST, then one every VOTE_INTERVAL seconds (a tap every 2 s is more than a
# hesitating student needs; a script replaying votes is held back). Per server process, per student id.
VOTE_BURST = 6
VOTE_INTERVAL = 2.0
_PAGE = re.compile(r"[a-z0-9-]{0,40}")
_STUDENT = re.compile(r"[A-Za-z0-9_-]{8,64}")
_SECRET = re.compile(r"[A-Za-z0-9_-]{16,128}")


class NotTeacher(PermissionError):
    """A change of the room asked without the teacher's secret (or of a room that is gone)."""


class TooFast(Exception):
    """A student's answers come faster than ``VOTE_INTERVAL`` after a burst of ``VOTE_BURST``: this one is not
    taken (the previous one stands)."""


class RateLimit:
    """A token bucket per key: ``burst`` actions at once, then one per ``interval`` seconds. Holds at most
    ``max_keys`` keys (the least recently seen are forgotten first, so memory stays bounded whatever the ids)."""

    def __init__(self, burst: int = VOTE_BURST, interval: float = VOTE_INTERVAL, max_keys: int = 20_000,
                 clock=time.monotonic):
        self.burst, self.interval, self.max_keys, self.clock = burst, interval, max_keys, clock
        self._tokens: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key -> (tokens, when)
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        now = self.clock()
        with self._lock:
            tokens, then = self._tokens.pop(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - then) / self.interval)
            allowed = tokens >= 1.0
            self._tokens[key] = (tokens - 1.0 if allowed else tokens, now)
            while len(self._tokens) > self.max_keys:
                self._tokens.popitem(last=False)
        return allowed


@dataclass(frozen=True)
class Room:
    code: str
    page: str
    step: int
    version: int
    revealed: frozenset[tuple[str, int]]  # (page, step) whose answers the teacher has shown
    secret_hash: str

    @property
    def shown(self) -> bool:
        """Whether the current step's answer has been revealed."""
        return (self.page, self.step) in self.revealed


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(text: object) -> str | None:
    """A room code as typed or read from a link (case, spaces and dashes do not matter), or None when it
    cannot be one."""
    if not isinstance(text, str) or len(text) > 40:
        return None
    code = re.sub(r"[\s-]", "", text).upper()
    return code if len(code) == CODE_LENGTH and all(c in ALPHABET for c in code) else None


def hash_secret(secret: str) -> str:
    # The secret is 192 random bits: a plain hash cannot be reversed by guessing (no slow KDF needed).
    return hashlib.sha256(secret.encode()).hexdigest()


def valid_page(page: object) -> bool:
    return isinstance(page, str) and _PAGE.fullmatch(page) is not None


def valid_step(step: object) -> bool:
    return isinstance(step, int) and not isinstance(step, bool) and 1 <= step <= MAX_STEP


def valid_student(student: object) -> bool:
    return isinstance(student, str) and _STUDENT.fullmatch(student) is not None


def new_student() -> str:
    return secrets.token_urlsafe(12)


class Rooms:
    """The rules of live classes over a store (``live.stores``)."""

    def __init__(self, store, limit: RateLimit | None = None):
        self.store = store
        self.limit = limit or RateLimit()

    def open(self, page: str, step: int) -> tuple[Room, str]:
        """A new room on ``page``'s ``step``; returns it and the teacher's secret (shown to the teacher only)."""
        if not valid_page(page) or not valid_step(step):
            raise ValueError(f"Invalid room start: page {page!r}, step {step!r}")
        secret = secrets.token_urlsafe(24)
        for _ in range(20):  # a clash is about one in 10^8 per live room
            code = new_code()
            if self.store.create(code, hash_secret(secret), page, step):
                return self.store.room(code), secret
        raise RuntimeError("no free room code found")

    def find(self, code_text: object) -> Room | None:
        """The live room with this code, or None (no such room, expired, or not a code)."""
        code = normalize_code(code_text)
        return self.store.room(code) if code else None

    def version(self, code: str) -> int | None:
        """The room's version (one cheap read: what a follower polls), or None when it is gone."""
        return self.store.version(code)

    def is_teacher(self, code: str, secret: object) -> bool:
        room = self.store.room(code) if normalize_code(code) == code else None
        return room is not None and _matches(room, secret)

    def _teacher_room(self, code: str, secret: object) -> Room:
        room = self.store.room(code) if normalize_code(code) == code else None
        if room is None or not _matches(room, secret):
            raise NotTeacher("not this room's teacher")
        return room

    def move(self, code: str, secret: object, page: str, step: int, reveal: bool = False) -> Room:
        """The teacher puts the class on ``page``'s ``step`` (and reveals its answer with ``reveal``: a revealed
        step stays revealed). Moves the version on."""
        self._teacher_room(code, secret)
        if not valid_page(page) or not valid_step(step):
            raise ValueError(f"Invalid step: page {page!r}, step {step!r}")
        room = self.store.move(code, page, step, bool(reveal))
        if room is None:
            raise NotTeacher("the room is gone")
        return room

    def touch(self, code: str, secret: object) -> None:
        """The teacher is still there: the room's life starts again."""
        self._teacher_room(code, secret)
        self.store.touch(code)

    def end(self, code: str, secret: object) -> None:
        self._teacher_room(code, secret)
        self.store.delete(code)

    def vote(self, code: str, student: str, page: str, step: int, choice: int | None, choices: int) -> bool:
        """A student's answer (``choice`` 0-based, of ``choices``; None takes it back) to the room's current
        question; False when it is not accepted: the room is gone or has moved on, the answer is revealed, or
        the question already counts ``MAX_ANSWERS`` students. Raises ``TooFast`` when this student answers faster
        than the rate limit allows."""
        if normalize_code(code) != code or not valid_student(student) or not valid_page(page) or not valid_step(step):
            return False
        if choice is not None and not (isinstance(choice, int) and not isinstance(choice, bool)
                                       and 0 <= choice < min(choices, MAX_CHOICES)):
            return False
        if not self.limit.allow(student):
            raise TooFast(student)
        return self.store.answer(code, page, step, student, choice)

    def choice(self, code: str, student: str, page: str, step: int) -> int | None:
        return self.store.answers(code, page, step).get(student)

    def counts(self, code: str, page: str, step: int, choices: int) -> list[int]:
        """How many students chose each choice (no names)."""
        counts = [0] * choices
        for choice in self.store.answers(code, page, step).values():
            if 0 <= choice < choices:
                counts[choice] += 1
        return counts


def _matches(room: Room, secret: object) -> bool:
    if not isinstance(secret, str) or _SECRET.fullmatch(secret) is None:
        return False
    return hmac.compare_digest(room.secret_hash, hash_secret(secret))
