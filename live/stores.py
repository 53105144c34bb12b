"""Where live rooms are kept: the same interface on SQLite (embedded, one server) and on Redis (shared by
replicas). Every write is atomic, and an answer is acknowledged only once it is stored (SQLite: committed with
``synchronous=FULL``; Redis: written by a server that ``scripts/serve.sh`` runs with an append-only file).

A store knows nothing of teachers' secrets beyond keeping their hash; ``live.rooms.Rooms`` checks them.

- ``create(code, secret_hash, page, step) -> bool`` (False: the code is taken)
- ``room(code) -> Room | None``, ``version(code) -> int | None`` (None: no such room, or expired); SQLite also has
  ``version_now(code)``, the same read that never waits on the writers' lock (for the event loop)
- ``move(code, page, step, reveal) -> Room | None``, ``touch(code)``, ``delete(code)``
- ``answer(code, page, step, student, choice | None) -> bool``: only on the room's current step, until revealed
- ``answers(code, page, step) -> {student: choice}``
"""

from __future__ import annotations

import functools
import os
import re
import sqlite3
import threading
import time
from pathlib import Path

from .rooms import MAX_ANSWERS, TTL, Room

REDIS_ENV = "REDIS_URL"
DIR_ENV = "DESCENTLAB_LIVE_DIR"
DEFAULT_DIR = Path(__file__).resolve().parents[1] / ".live"


class SqliteStore:
    """Rooms in one SQLite file (WAL: readers never wait for the writer), shared by the threads of a server
    and surviving its restart."""

    def __init__(self, path: str | os.PathLike, ttl: float = TTL):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.ttl = ttl
        self._lock = threading.Lock()
        self._readers = threading.local()  # version_now's connections, one per thread that asks
        self._db = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
        with self._lock:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.executescript("""
                CREATE TABLE IF NOT EXISTS rooms (code TEXT PRIMARY KEY, secret TEXT NOT NULL, page TEXT NOT NULL,
                    step INTEGER NOT NULL, version INTEGER NOT NULL, touched REAL NOT NULL);
                CREATE TABLE IF NOT EXISTS revealed (code TEXT NOT NULL, page TEXT NOT NULL, step INTEGER NOT NULL,
                    PRIMARY KEY (code, page, step));
                CREATE TABLE IF NOT EXISTS answers (code TEXT NOT NULL, page TEXT NOT NULL, step INTEGER NOT NULL,
                    student TEXT NOT NULL, choice INTEGER NOT NULL, PRIMARY KEY (code, page, step, student));
            """)

    def close(self) -> None:
        with self._lock:
            self._db.close()
        reader = getattr(self._readers, "db", None)
        if reader is not None:
            reader.close()
            self._readers.db = None

    def _alive_since(self) -> float:
        return time.time() - self.ttl

    def _write(self, work):
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                result = work(self._db)
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
            return result

    def create(self, code: str, secret_hash: str, page: str, step: int) -> bool:
        def work(db):
            expired = [row[0] for row in db.execute("SELECT code FROM rooms WHERE touched < ?", (self._alive_since(),))]
            for old in expired:
                _drop(db, old)
            if db.execute("SELECT 1 FROM rooms WHERE code = ?", (code,)).fetchone():
                return False
            db.execute("INSERT INTO rooms VALUES (?, ?, ?, ?, 1, ?)", (code, secret_hash, page, step, time.time()))
            return True
        return self._write(work)

    def room(self, code: str) -> Room | None:
        with self._lock:
            row = self._db.execute("SELECT page, step, version, secret FROM rooms WHERE code = ? AND touched >= ?",
                                   (code, self._alive_since())).fetchone()
            if row is None:
                return None
            revealed = self._db.execute("SELECT page, step FROM revealed WHERE code = ?", (code,)).fetchall()
        return Room(code, row[0], row[1], row[2], frozenset((p, s) for p, s in revealed), row[3])

    def version(self, code: str) -> int | None:
        with self._lock:
            row = self._db.execute("SELECT version FROM rooms WHERE code = ? AND touched >= ?",
                                   (code, self._alive_since())).fetchone()
        return None if row is None else row[0]

    def version_now(self, code: str) -> int | None:
        """``version`` for the server's event loop (``serving.live_route``): on a read-only connection of the
        calling thread's own, without the lock that the writes hold (WAL: a reader never waits for the writer;
        the connection's busy timeout is 50 ms for the rare moment SQLite itself makes it wait)."""
        db = getattr(self._readers, "db", None)
        if db is None:
            db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.05,
                                 isolation_level=None)
            self._readers.db = db
        row = db.execute("SELECT version FROM rooms WHERE code = ? AND touched >= ?",
                         (code, self._alive_since())).fetchone()
        return None if row is None else row[0]

    def move(self, code: str, page: str, step: int, reveal: bool) -> Room | None:
        def work(db):
            changed = db.execute("UPDATE rooms SET page = ?, step = ?, version = version + 1, touched = ? "
                                 "WHERE code = ? AND touched >= ?", (page, step, time.time(), code, self._alive_since()))
            if changed.rowcount and reveal:
                db.execute("INSERT OR IGNORE INTO revealed VALUES (?, ?, ?)", (code, page, step))
            return changed.rowcount
        return self.room(code) if self._write(work) else None

    def touch(self, code: str) -> None:
        self._write(lambda db: db.execute("UPDATE rooms SET touched = ? WHERE code = ? AND touched >= ?",
                                          (time.time(), code, self._alive_since())))

    def delete(self, code: str) -> None:
        self._write(lambda db: _drop(db, code))

    def answer(self, code: str, page: str, step: int, student: str, choice: int | None) -> bool:
        def work(db):
            on = db.execute("SELECT 1 FROM rooms WHERE code = ? AND page = ? AND step = ? AND touched >= ?",
                            (code, page, step, self._alive_since())).fetchone()
            if on is None or db.execute("SELECT 1 FROM revealed WHERE code = ? AND page = ? AND step = ?",
                                        (code, page, step)).fetchone():
                return False
            if choice is None:
                db.execute("DELETE FROM answers WHERE code = ? AND page = ? AND step = ? AND student = ?",
                           (code, page, step, student))
            else:
                known = db.execute("SELECT 1 FROM answers WHERE code = ? AND page = ? AND step = ? AND student = ?",
                                   (code, page, step, student)).fetchone()
                if known is None and db.execute("SELECT COUNT(*) FROM answers WHERE code = ? AND page = ? AND step = ?",
                                                (code, page, step)).fetchone()[0] >= MAX_ANSWERS:
                    return False  # a full question: no one is counted twice, a flood of new ids is not counted
                db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?)", (code, page, step, student, choice))
            return True
        return self._write(work)

    def answers(self, code: str, page: str, step: int) -> dict[str, int]:
        with self._lock:
            rows = self._db.execute("SELECT student, choice FROM answers WHERE code = ? AND page = ? AND step = ?",
                                    (code, page, step)).fetchall()
        return dict(rows)


def _drop(db, code: str) -> None:
    for table in ("rooms", "revealed", "answers"):
        db.execute(f"DELETE FROM {table} WHERE code = ?", (code,))  # noqa: S608 (our own table names)


# Redis: a room is a hash, its revealed steps a set, each question's answers a hash, all expiring together. The
# keys share the hash tag {code}, so one script's keys sit on one node even in a cluster.
_ANSWER = """
local on = redis.call('HMGET', KEYS[1], 'page', 'step')
if not on[1] or on[1] ~= ARGV[1] or on[2] ~= ARGV[2] then return 0 end
if redis.call('SISMEMBER', KEYS[2], ARGV[1] .. ':' .. ARGV[2]) == 1 then return 0 end
if ARGV[4] == '' then redis.call('HDEL', KEYS[3], ARGV[3])
elseif redis.call('HEXISTS', KEYS[3], ARGV[3]) == 0 and redis.call('HLEN', KEYS[3]) >= tonumber(ARGV[6]) then return 0
else redis.call('HSET', KEYS[3], ARGV[3], ARGV[4]) end
redis.call('EXPIRE', KEYS[3], ARGV[5])
return 1
"""
_MOVE = """
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'page', ARGV[1], 'step', ARGV[2])
if ARGV[3] == '1' then redis.call('SADD', KEYS[2], ARGV[1] .. ':' .. ARGV[2]) end
local version = redis.call('HINCRBY', KEYS[1], 'version', 1)
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('EXPIRE', KEYS[2], ARGV[4])
return version
"""
_CREATE = """
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('DEL', KEYS[2])
redis.call('HSET', KEYS[1], 'secret', ARGV[1], 'page', ARGV[2], 'step', ARGV[3], 'version', 1)
redis.call('EXPIRE', KEYS[1], ARGV[4])
return 1
"""
_TOUCH = """
if redis.call('EXPIRE', KEYS[1], ARGV[1]) == 1 then redis.call('EXPIRE', KEYS[2], ARGV[1]) end
return 1
"""


class RedisStore:
    """Rooms in Redis, shared by every replica (``REDIS_URL``)."""

    def __init__(self, url: str, ttl: float = TTL, prefix: str = "descentlab"):
        import redis  # only when a shared store is asked for: the embedded default needs nothing installed

        self.ttl = int(ttl)
        self.prefix = prefix
        self._redis = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5, health_check_interval=30)
        self._answer = self._redis.register_script(_ANSWER)
        self._move = self._redis.register_script(_MOVE)
        self._touch = self._redis.register_script(_TOUCH)
        self._create = self._redis.register_script(_CREATE)

    def close(self) -> None:
        self._redis.close()

    def _keys(self, code: str) -> tuple[str, str]:
        return f"{self.prefix}:{{{code}}}:room", f"{self.prefix}:{{{code}}}:revealed"

    def _answers_key(self, code: str, page: str, step: int) -> str:
        return f"{self.prefix}:{{{code}}}:answers:{page}:{step}"

    def create(self, code: str, secret_hash: str, page: str, step: int) -> bool:
        return bool(self._create(keys=list(self._keys(code)), args=[secret_hash, page, step, self.ttl]))

    def room(self, code: str) -> Room | None:
        room, revealed = self._keys(code)
        with self._redis.pipeline(transaction=True) as pipe:
            pipe.hgetall(room)
            pipe.smembers(revealed)
            fields, shown = pipe.execute()
        if not fields or b"version" not in fields:
            return None
        pairs = set()
        for member in shown:
            page, _, step = member.decode().rpartition(":")
            pairs.add((page, int(step)))
        return Room(code, fields[b"page"].decode(), int(fields[b"step"]), int(fields[b"version"]), frozenset(pairs),
                    fields[b"secret"].decode())

    def version(self, code: str) -> int | None:
        value = self._redis.hget(self._keys(code)[0], "version")
        return None if value is None else int(value)

    def move(self, code: str, page: str, step: int, reveal: bool) -> Room | None:
        done = self._move(keys=list(self._keys(code)), args=[page, step, "1" if reveal else "0", self.ttl])
        return self.room(code) if done else None

    def touch(self, code: str) -> None:
        self._touch(keys=list(self._keys(code)), args=[self.ttl])

    def delete(self, code: str) -> None:
        pattern = re.sub(r"([*?\[\]\\])", r"\\\1", f"{self.prefix}:{{{code}}}:") + "*"  # glob characters as text
        keys = list(self._redis.scan_iter(match=pattern, count=100))
        if keys:
            self._redis.delete(*keys)

    def answer(self, code: str, page: str, step: int, student: str, choice: int | None) -> bool:
        keys = [*self._keys(code), self._answers_key(code, page, step)]
        return bool(self._answer(keys=keys, args=[page, step, student, "" if choice is None else choice, self.ttl,
                                                  MAX_ANSWERS]))

    def answers(self, code: str, page: str, step: int) -> dict[str, int]:
        return {k.decode(): int(v) for k, v in self._redis.hgetall(self._answers_key(code, page, step)).items()}


def open_store(ttl: float = TTL):
    """The store this server uses: Redis when ``REDIS_URL`` is set (replicas share it), else SQLite in
    ``DESCENTLAB_LIVE_DIR`` (default: ``.live/`` in the app's folder)."""
    url = os.environ.get(REDIS_ENV, "").strip()
    if url:
        return RedisStore(url, ttl=ttl)
    return SqliteStore(Path(os.environ.get(DIR_ENV) or DEFAULT_DIR) / "rooms.sqlite3", ttl=ttl)


@functools.lru_cache(maxsize=1)
def shared():
    """The server's one store (made on first use)."""
    return open_store()
