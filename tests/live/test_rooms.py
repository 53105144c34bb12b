"""Live rooms on both stores (SQLite and Redis): the same rules, the same tests."""

from __future__ import annotations

import threading
import time

import pytest

from live import NotTeacher, RateLimit, Rooms, new_student, normalize_code
from live.rooms import ALPHABET, CODE_LENGTH, hash_secret, new_code


def test_codes_are_random_unambiguous_and_normalized():
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000  # 31**6 codes: no clash among a few thousand
    assert all(len(c) == CODE_LENGTH and set(c) <= set(ALPHABET) for c in codes)
    assert not set("01OIL") & set(ALPHABET)
    assert normalize_code(" abc-def ") == "ABCDEF"
    for bad in ("ABC", "ABCDEFG", "ABCDE0", "ABCDEO", "", None, 123456, "A" * 1000, "ABC DE\x00", "ÄBCDEF"):
        assert normalize_code(bad) is None, bad


def test_teacher_opens_a_room_and_students_find_it(make_store):
    rooms = Rooms(make_store())
    room, secret = rooms.open("learning-rate", 2)
    assert (room.page, room.step, room.version, room.shown) == ("learning-rate", 2, 1, False)
    assert room.secret_hash == hash_secret(secret) and secret not in room.secret_hash
    assert rooms.find(room.code.lower()) == room
    assert rooms.find("ZZZZZZ") is None and rooms.find("not a code") is None
    assert rooms.version(room.code) == 1


def test_only_the_teacher_moves_the_class(make_store):
    rooms = Rooms(make_store())
    room, secret = rooms.open("saddles", 1)
    other, other_secret = rooms.open("saddles", 1)
    for forged in (None, "", "x" * 32, other_secret, secret[:-1] + ("A" if secret[-1] != "A" else "B"), 42,
                   secret + "x", hash_secret(secret)):
        assert not rooms.is_teacher(room.code, forged)
        with pytest.raises(NotTeacher):
            rooms.move(room.code, forged, "saddles", 3)
        with pytest.raises(NotTeacher):
            rooms.touch(room.code, forged)
    assert rooms.find(room.code).version == 1  # nothing moved
    assert rooms.is_teacher(room.code, secret)
    moved = rooms.move(room.code, secret, "saddles", 3)
    assert (moved.step, moved.version) == (3, 2)
    with pytest.raises(NotTeacher):
        rooms.move("ZZZZZZ", secret, "saddles", 3)  # a room that does not exist
    with pytest.raises(ValueError):
        rooms.move(room.code, secret, "../etc", 1)
    with pytest.raises(ValueError):
        rooms.move(room.code, secret, "saddles", 0)


def test_one_answer_per_student_changeable_until_reveal(make_store):
    rooms = Rooms(make_store(), limit=RateLimit(burst=100))  # the rules here; the rate limit has its own tests
    room, secret = rooms.open("learning-rate", 1)
    code = room.code
    alice, bob, carol = new_student(), new_student(), new_student()
    assert rooms.vote(code, alice, "learning-rate", 1, 0, 3)
    assert rooms.vote(code, alice, "learning-rate", 1, 1, 3)  # changed her mind: still one answer
    assert rooms.vote(code, bob, "learning-rate", 1, 1, 3)
    assert rooms.vote(code, carol, "learning-rate", 1, 2, 3)
    assert rooms.vote(code, carol, "learning-rate", 1, None, 3)  # taken back
    assert rooms.counts(code, "learning-rate", 1, 3) == [0, 2, 0]
    assert rooms.choice(code, alice, "learning-rate", 1) == 1
    # not the room's current question, not a choice, not a student: refused
    assert not rooms.vote(code, carol, "learning-rate", 2, 0, 3)
    assert not rooms.vote(code, carol, "saddles", 1, 0, 3)
    assert not rooms.vote(code, carol, "learning-rate", 1, 3, 3)
    assert not rooms.vote(code, carol, "learning-rate", 1, -1, 3)
    assert not rooms.vote(code, carol, "learning-rate", 1, True, 3)
    assert not rooms.vote(code, "x", "learning-rate", 1, 0, 3)
    assert not rooms.vote("ZZZZZZ", carol, "learning-rate", 1, 0, 3)
    revealed = rooms.move(code, secret, "learning-rate", 1, reveal=True)
    assert revealed.shown and revealed.version == 2
    assert not rooms.vote(code, alice, "learning-rate", 1, 2, 3)  # closed once revealed
    assert not rooms.vote(code, carol, "learning-rate", 1, 0, 3)
    assert rooms.counts(code, "learning-rate", 1, 3) == [0, 2, 0]
    # on to step 2 and back: step 1 stays revealed (and closed)
    assert not rooms.move(code, secret, "learning-rate", 2).shown
    assert rooms.vote(code, carol, "learning-rate", 2, 1, 2)
    back = rooms.move(code, secret, "learning-rate", 1)
    assert back.shown and back.revealed == frozenset({("learning-rate", 1)})
    assert not rooms.vote(code, carol, "learning-rate", 1, 0, 3)


def test_answers_from_many_threads_all_count(make_store):
    rooms = Rooms(make_store())
    room, _ = rooms.open("compare", 1)
    students = [new_student() for _ in range(40)]

    def answer(i):
        assert rooms.vote(room.code, students[i], "compare", 1, i % 3, 3)

    threads = [threading.Thread(target=answer, args=(i,)) for i in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert rooms.counts(room.code, "compare", 1, 3) == [14, 13, 13]


def test_rooms_expire_after_the_teacher_is_gone(make_store):
    rooms = Rooms(make_store(ttl=1))
    room, secret = rooms.open("compare", 1)
    time.sleep(0.6)
    rooms.touch(room.code, secret)  # the teacher's action starts the clock again
    time.sleep(0.6)
    assert rooms.find(room.code) is not None
    time.sleep(1.3)
    assert rooms.find(room.code) is None and rooms.version(room.code) is None
    with pytest.raises(NotTeacher):
        rooms.move(room.code, secret, "compare", 2)
    assert not rooms.vote(room.code, new_student(), "compare", 1, 0, 2)


def test_the_teacher_ends_the_class(make_store):
    rooms = Rooms(make_store())
    room, secret = rooms.open("compare", 1)
    rooms.vote(room.code, new_student(), "compare", 1, 0, 2)
    with pytest.raises(NotTeacher):
        rooms.end(room.code, "forged-secret-forged-secret")
    rooms.end(room.code, secret)
    assert rooms.find(room.code) is None and rooms.counts(room.code, "compare", 1, 2) == [0, 0]


def test_a_restarted_store_restores_live_rooms_and_answers(make_store, request):
    store = make_store()
    rooms = Rooms(store)
    room, secret = rooms.open("minibatch", 1)
    rooms.move(room.code, secret, "minibatch", 2)
    student = new_student()
    assert rooms.vote(room.code, student, "minibatch", 2, 1, 2)  # acknowledged
    if make_store.kind == "redis":  # the server itself goes down hard and comes back on its files
        server = request.getfixturevalue("redis_server")
        server.stop(kill=True)
        server.start()
    else:
        store.close()
    again = Rooms(make_store())
    restored = again.find(room.code)
    assert (restored.page, restored.step, restored.version) == ("minibatch", 2, 2)
    assert again.is_teacher(room.code, secret)
    assert again.counts(room.code, "minibatch", 2, 2) == [0, 1]


def test_a_student_s_answers_are_rate_limited_and_the_limit_forgets_old_ids():
    now = [0.0]
    limit = RateLimit(burst=3, interval=2.0, max_keys=4, clock=lambda: now[0])
    assert [limit.allow("a") for _ in range(4)] == [True, True, True, False]  # a burst of 3, then wait
    assert limit.allow("b")  # another student is not held back by "a"
    now[0] += 1.9
    assert not limit.allow("a")  # less than one interval since the bucket ran dry
    now[0] += 0.2
    assert limit.allow("a") and not limit.allow("a")  # one token per 2 s
    for key in "cdefg":  # more ids than max_keys: the oldest are forgotten, memory stays bounded
        limit.allow(key)
    assert len(limit._tokens) == 4


def test_a_replayed_vote_script_is_held_back_and_the_last_accepted_answer_counts(make_store):
    from live import TooFast

    now = [0.0]
    rooms = Rooms(make_store(), limit=RateLimit(burst=2, interval=2.0, clock=lambda: now[0]))
    room, _ = rooms.open("learning-rate", 1)
    alice = new_student()
    assert rooms.vote(room.code, alice, "learning-rate", 1, 0, 3)
    assert rooms.vote(room.code, alice, "learning-rate", 1, 1, 3)
    for choice in (2, 0, 2):
        with pytest.raises(TooFast):
            rooms.vote(room.code, alice, "learning-rate", 1, choice, 3)
    assert rooms.choice(room.code, alice, "learning-rate", 1) == 1
    assert rooms.counts(room.code, "learning-rate", 1, 3) == [0, 1, 0]
    now[0] += 2.0
    assert rooms.vote(room.code, alice, "learning-rate", 1, 2, 3)
    assert rooms.counts(room.code, "learning-rate", 1, 3) == [0, 0, 1]


def test_a_question_counts_at_most_max_answers_students_and_200_fit(make_store, monkeypatch):
    from live import stores

    monkeypatch.setattr(stores, "MAX_ANSWERS", 250)
    rooms = Rooms(make_store())
    room, _ = rooms.open("saddles", 2)
    students = [new_student() for _ in range(260)]
    accepted = [rooms.vote(room.code, s, "saddles", 2, i % 3, 3) for i, s in enumerate(students)]
    assert accepted[:250] == [True] * 250 and accepted[250:] == [False] * 10  # a flood of new ids is not counted
    assert sum(rooms.counts(room.code, "saddles", 2, 3)) == 250
    assert rooms.vote(room.code, students[0], "saddles", 2, 1, 3)  # one already counted may still change
    assert sum(rooms.counts(room.code, "saddles", 2, 3)) == 250
