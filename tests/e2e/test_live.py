"""A live class in real Chromium against a real server: one teacher (presentation mode on a 1920 x 1080
projector) and two students (phones), each its own browser context (its own cookies, its own session).

- the teacher starts a class; the slide shows its code and a QR code of the students' link (the room's code,
  never the teacher's secret);
- the students open the link and follow: when the teacher changes step or page, their screens show it within
  1.5 s (measured from the teacher's click to the step's title on each phone);
- the students answer; the projector counts; the teacher reveals; every phone opens the answer and the count;
- a student who changes a setting (the sidebar of a follower has none drawn, only a button to them) explores on
  their own and comes back to the teacher's current step in one tap;
- axe-core finds no critical or serious violation on the projector in a class and on a phone answering (a phone
  exploring the 1-D page in free mode has the page's own one, with or without a class: its scrolling update
  table takes no focus);
- a student's session (Streamlit's websocket protocol) that replays the teacher's click, forges the teacher's link
  or guesses room codes moves nothing, and the server logs no traceback.
"""

from __future__ import annotations

import io
import re
import time
from urllib.parse import parse_qsl, urlsplit

import asyncio
import concurrent.futures
import os
import secrets

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Browser, Page, expect

import live
from benchmarks.load import Session

from .helpers import ARTIFACTS, IDLE, no_exception, start_server, stop_server
from .test_accessibility import _violations

# From the teacher's click to the step on a student's screen: twice the 1.5 s. The 1.5 s itself is a speed
# target, measured by benchmarks/live_class.py (BENCHMARKS.md), not asserted here: with three Chromium pages and the
# server on this 2-core machine two phones took 1.64-1.76 s in 1 run of 5, before and after the long poll alike
# (0.6-1.3 s in the others). This bound still fails a follow that stalls (a missed answer costs a 4 s long poll).
FOLLOW_S = 3.0


def bound() -> float:
    """``FOLLOW_S`` on a machine that is ours (three Chromium pages and the server share its cores); on one that
    other work keeps busy (load average above the cores), stretched by the load per core, said in the output."""
    cores, load = os.cpu_count() or 1, os.getloadavg()[0]
    if load <= cores:
        return FOLLOW_S
    print(f"load average {load:.1f} on {cores} cores: other work shares the machine, bound "
          f"{FOLLOW_S * load / cores:.2f} s")
    return FOLLOW_S * load / cores


STORE: dict = {}


@pytest.fixture(scope="module")
def live_url(tmp_path_factory):
    """A server of its own as the classroom deployments run it (asgi.py: the followers' browsers poll the room's
    version route), its rooms in a fresh folder (the embedded SQLite store)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    folder = tmp_path_factory.mktemp("live")
    STORE["path"] = folder / "rooms.sqlite3"
    with open(ARTIFACTS / "live-server.log", "w") as log:
        proc, url = start_server(log, env={"DESCENTLAB_LIVE_DIR": str(folder), "REDIS_URL": ""}, script="asgi.py")
        yield url
        stop_server(proc)


def idle(page: Page) -> None:
    page.wait_for_selector(IDLE, timeout=90_000)


def heading(page: Page) -> str:
    """The story panel's "Guided story · k / K — title" line."""
    return page.locator(".st-key-story-panel [data-testid='stMarkdownContainer'] strong").first.inner_text()


def wait_step(pages: list[Page], k: int, timeout_s: float = 20) -> list[float]:
    """Seconds until each page's story panel shows step ``k`` (measured from now)."""
    started, seen = time.monotonic(), {}
    while len(seen) < len(pages) and time.monotonic() - started < timeout_s:
        for i, page in enumerate(pages):
            if i not in seen:
                try:
                    if f"· {k} /" in heading(page):
                        seen[i] = time.monotonic() - started
                except Exception:  # the panel is being redrawn
                    pass
        time.sleep(0.02)
    if len(seen) < len(pages):  # what the pages that did not get there show, and their poll's state
        late = [(page.url, page.locator(".st-key-story-panel").first.inner_text()[:300], page.evaluate(
            "() => { const s = window.__descentlabLive || {}; return {url: s.url, seen: s.seen, asked: s.asked,"
            " askedAt: s.askedAt && Date.now() - s.askedAt, failed: s.failed, timer: !!s.timer,"
            " connected: !!(s.host && s.host.isConnected), hidden: document.hidden, asking: s.asking,"
            " answered: s.answered}; }"), page.evaluate(
            "async (u) => { const r = await fetch(u, {cache: 'no-store'}); return [r.status, await r.text()]; }",
            page.evaluate("() => (window.__descentlabLive || {}).url") or "/"))
                for i, page in enumerate(pages) if i not in seen]
        pytest.fail(f"step {k} not on every screen in {timeout_s} s: {seen}; {late}")
    return [seen[i] for i in range(len(pages))]


def test_a_live_class_one_teacher_two_students(browser: Browser, live_url, shot):
    projector = browser.new_context(locale="en-US", viewport={"width": 1920, "height": 1080})
    phones = [browser.new_context(locale="en-US", viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True) for _ in range(2)]
    teacher = projector.new_page()
    try:
        teacher.goto(f"{live_url}/learning-rate?lang=en&present=true")
        idle(teacher)
        teacher.locator(".st-key-live_start button").click()
        expect(teacher.get_by_text(re.compile(r"Live class · code to join"))).to_be_visible(timeout=30_000)
        idle(teacher)
        shown = teacher.locator(".st-key-live_code code").first
        code = shown.inner_text()
        assert re.fullmatch(r"[A-Z0-9]{6}", code), code
        # large enough for the back row: letters at least 40 px tall on the 1920 x 1080 projector
        assert float(shown.evaluate("(el) => parseFloat(getComputedStyle(el).fontSize)")) >= 40
        image = teacher.locator("[data-testid='stImage'] img").first
        if image.count():  # a machine with a network address: the QR code holds the students' link
            decoded = [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(image.screenshot())))]
            assert len(decoded) == 1 and dict(parse_qsl(urlsplit(decoded[0]).query)) == {"room": code}, decoded
        assert "teacher=" not in teacher.url
        shot(teacher, "projector")

        students = [phone.new_page() for phone in phones]
        polls: list[str] = []
        students[0].on("request", lambda request: polls.append(request.url))
        for student in students:  # the home page: the class takes them to its page and step
            student.goto(f"{live_url}/?room={code}")
        for student in students:
            idle(student)
            student.wait_for_function("() => location.pathname.endsWith('/learning-rate')", timeout=30_000)
            expect(student.get_by_text(re.compile(f"Following the teacher · class {code}"))).to_be_visible(
                timeout=30_000)
        assert [wait_step([s], 1)[0] >= 0 for s in students]
        # the phones ask the room's version route (served by asgi.py), not the Streamlit session: a long poll with
        # the version shown (the answer waits for the teacher's move)
        route = re.compile(rf"/api/live/version/{code}\?seen=\d+$")
        started = time.monotonic()  # on a machine busy with other tests a request can come late
        while not any(route.search(url) for url in polls) and time.monotonic() - started < 10:
            students[0].wait_for_timeout(250)
        state = students[0].evaluate("() => { const s = window.__descentlabLive || {};"
                                     " return [s.url, s.seen, s.asked, document.hidden]; }")
        assert any(route.search(url) for url in polls), (polls, state)
        # the question for the room: each student taps a choice; the projector counts them
        sizes = students[0].locator(".st-key-_live_vote_learning-rate_1 button").evaluate_all(
            "(bs) => bs.map((b) => [b.getBoundingClientRect().width, b.getBoundingClientRect().height])")
        assert len(sizes) == 3 and all(w >= 44 and h >= 44 for w, h in sizes), sizes  # a finger's target
        for student, choice in zip(students, "BC"):
            student.locator(".st-key-_live_vote_learning-rate_1 button").filter(has_text=choice).click()
            idle(student)
        teacher.wait_for_function(
            "() => [...document.querySelectorAll('.js-plotly-plot')].some(g => g.layout && g.layout.title"
            " && String(g.layout.title.text || '').includes('Answers so far: 2'))", timeout=20_000)
        counts = teacher.evaluate("() => [...document.querySelectorAll('.js-plotly-plot')].map(g => g.data[0])"
                                  ".filter(d => d.type === 'bar').map(d => Array.from(d.y))")
        assert counts == [[0, 1, 1]], counts
        shot(teacher, "counts")
        for screen in (teacher, students[0]):  # axe-core: the projector in a class, a phone with its choice
            assert not _violations(screen), _violations(screen)
        # the teacher reveals: every phone opens the answer and shows the room's count
        teacher.locator(".st-key-story_next button").click()
        for student in students:
            student.wait_for_function("() => { const d = document.querySelector('.st-key-story_answer details');"
                                      " return d && d.open; }", timeout=10_000)
            expect(student.get_by_text(re.compile("The room's answers: 2")).first).to_be_attached(timeout=10_000)
        shot(students[0], "revealed")
        idle(teacher)
        # Next: step 2 on both phones within the bound
        limit = bound()
        teacher.locator(".st-key-story_next button").click()
        delays = wait_step(students, 2)
        print(f"step 2 on the phones after {delays} s")
        assert max(delays) <= limit, delays
        for student in students:
            idle(student)
        # a student explores (a setting changed): the class goes on without them, one tap brings them back. While
        # following, the sidebar has no settings, only the way to them (ui/settings.py)
        explorer, follower = students
        change = explorer.locator(".st-key-settings_explore button")
        if explorer.locator("[data-testid='stExpandSidebarButton']").is_visible():  # a phone: the sidebar is closed
            explorer.locator("[data-testid='stExpandSidebarButton']").click()
        expect(change).to_be_in_viewport(timeout=10_000)
        assert explorer.locator(".st-key-lr input").count() == 0
        change.click()
        box = explorer.locator(".st-key-lr input").first
        expect(box).to_be_visible(timeout=20_000)
        box.fill("0.01")
        box.press("Enter")
        expect(explorer.get_by_text(re.compile("exploring on your own"))).to_be_visible(timeout=20_000)
        close = explorer.locator("[data-testid='stSidebarCollapseButton'] button")
        if close.is_visible():  # a phone: the sidebar covers the page
            close.click()
        idle(teacher)
        teacher.locator(".st-key-story_next button").click()  # step 2 has a question: first its answer
        teacher.wait_for_function("() => { const d = document.querySelector('.st-key-story_answer details');"
                                  " return d && d.open; }", timeout=30_000)
        idle(teacher)
        teacher.locator(".st-key-story_next button").click()  # then step 3
        limit = bound()
        delays = wait_step([follower], 3)
        assert max(delays) <= limit + 1.0, delays  # two clicks in a row
        expect(explorer.get_by_text(re.compile("The teacher is on step 3 of"))).to_be_visible(timeout=10_000)
        assert "· 2 /" in heading(explorer)
        explorer.locator(".st-key-live_back button").click()
        wait_step([explorer], 3)
        expect(explorer.get_by_text(re.compile(f"Following the teacher · class {code}"))).to_be_visible(
            timeout=10_000)
        # the teacher changes page (the menu in the sidebar): the class follows
        idle(teacher)
        teacher.locator("[data-testid='stExpandSidebarButton']").click()
        limit = bound()
        clicked = time.monotonic()
        teacher.locator("[data-testid='stSidebarNav'] a[href$='/saddles']").click()
        for student in students:
            student.wait_for_function("() => location.pathname.endsWith('/saddles')", timeout=10_000)
        moved = time.monotonic() - clicked
        wait_step(students, 1)
        print(f"the page changed on the phones after {moved:.2f} s")
        # a new page's first run builds its scenes (2.0-2.3 s on a quiet machine, 1.4-4.0 s on a slower one)
        assert moved <= 2 * limit, moved
        for page in (teacher, *students):
            idle(page)
            no_exception(page)
        shot(students[1], "new-page")
    finally:
        for context in (projector, *phones):
            context.close()


@pytest.mark.parametrize("slide", [("saddles", 1), ("curvature", 1)], ids=lambda s: f"{s[0]}-{s[1]}")
def test_a_small_projector_keeps_back_and_next_on_screen_in_a_class(browser: Browser, live_url, shot, slide):
    """1280 x 720, the longest question steps in a class: the code, the QR code, the step's question and Back / Next
    on one screen (the code's header is one row there, and the Back / Next row is held at the screen's bottom
    edge when the step runs longer than the screen)."""
    path, step = slide
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 720})
    page = context.new_page()
    try:
        page.goto(f"{live_url}/{path}?lang=en&present=true&step={step}")
        idle(page)
        page.locator(".st-key-live_start button").click()
        expect(page.locator(".st-key-live_code code").first).to_be_visible(timeout=30_000)
        idle(page)
        page.wait_for_timeout(800)
        for name, locator in (("code", page.locator(".st-key-live_code code").first),
                              ("qr", page.locator(".st-key-story-panel [data-testid='stImage'] img").first),
                              ("question", page.locator(".st-key-story-panel").get_by_text("Question for the room").first),
                              ("back", page.locator(".st-key-story_back button").first),
                              ("next", page.locator(".st-key-story_next button").first)):
            if name == "qr" and not locator.count():  # a machine without a network address has no QR code
                continue
            box = locator.bounding_box()
            assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 720 + 1, (name, box)
        shot(page, f"small-projector-{path}-{step}")
        page.locator(".st-key-story_next button").first.click()  # the answer: Next is still within reach
        idle(page)
        # redrawn, whole on the screen (retried: the page's run may replace the button while it is measured)
        expect(page.locator(".st-key-story_next button").first).to_be_in_viewport(ratio=1, timeout=30_000)
        page.locator(".st-key-live_end button").click()
        idle(page)
    finally:
        context.close()


def test_a_student_whose_network_drops_the_route_follows_through_the_fragment(browser: Browser, live_url):
    """A proxy that does not pass the version route (every answer a 502): after three failures in a row the page's
    script stops polling it and says so ("broken"); the page then polls through the fragment, and the student still
    follows the teacher."""
    projector = browser.new_context(locale="en-US", viewport={"width": 1920, "height": 1080})
    phone = browser.new_context(locale="en-US", viewport={"width": 390, "height": 844}, is_mobile=True,
                                has_touch=True)
    asked: list[str] = []

    def refuse(route):
        asked.append(route.request.url)
        route.fulfill(status=502, body="bad gateway")

    phone.route(re.compile(r"/api/live/version/"), refuse)
    teacher, student = projector.new_page(), phone.new_page()
    try:
        teacher.goto(f"{live_url}/learning-rate?lang=en&present=true")
        idle(teacher)
        teacher.locator(".st-key-live_start button").click()
        code = teacher.locator(".st-key-live_code code").first
        expect(code).to_be_visible(timeout=30_000)
        idle(teacher)
        student.goto(f"{live_url}/?room={code.inner_text()}")
        student.wait_for_function("() => location.pathname.endsWith('/learning-rate')", timeout=30_000)
        idle(student)
        # three refused answers, then the script stops asking: its state says "broken", its poll is off
        student.wait_for_function("() => (window.__descentlabLive || {}).failed >= 3", timeout=20_000)
        student.wait_for_function("() => !(window.__descentlabLive || {}).timer", timeout=10_000)
        idle(student)
        refused = len(asked)
        assert refused >= 3, asked
        teacher.locator(".st-key-story_next button").click()  # the answer, then step 2
        idle(teacher)
        teacher.locator(".st-key-story_next button").click()
        wait_step([student], 2, timeout_s=30)
        assert len(asked) == refused, asked[refused:]  # followed without asking the route again
        expect(student.get_by_text(re.compile("Following the teacher · class"))).to_be_visible(timeout=10_000)
        no_exception(student)
    finally:
        for context in (projector, phone):
            context.close()


def test_a_student_cannot_move_the_class(live_url):
    port = int(live_url.rsplit(":", 1)[1])
    rooms = live.Rooms(live.SqliteStore(STORE["path"]))
    room, secret = rooms.open("learning-rate", 1)  # as the teacher's Start button does

    async def scenario():
        teacher = Session(port, timeout=60)
        await teacher.connect()
        taught = await teacher.rerun("learning-rate", f"lang=en&present=true&room={room.code}&teacher={secret}",
                                     how="first")
        assert not taught.failed and "live_end" in taught.buttons, taught.error or taught.exceptions
        student = Session(port, timeout=60)
        await student.connect()
        query = f"lang=en&room={room.code}"
        first = await student.rerun("learning-rate", query, how="first")
        assert not first.failed and "live_end" not in first.buttons
        runs = [
            # the teacher's own click messages, replayed on the student's session
            await student.rerun("learning-rate", query, how="plain",
                                triggers=(taught.buttons["story_next"], taught.buttons["live_end"])),
            # the teacher's link with a guessed secret, or the secret's hash
            await student.rerun("learning-rate", query + "&teacher=" + secrets.token_urlsafe(24), how="history"),
            await student.rerun("learning-rate", query + "&teacher=" + room.secret_hash, how="history"),
        ]
        runs.append(await student.rerun("learning-rate", query, how="plain",
                                        triggers=(student.last.buttons["story_next"],)))  # their own Next
        for _ in range(20):  # guessed codes: each one a clear message, never a room
            runs.append(await student.rerun("learning-rate", f"lang=en&room={live.rooms.new_code()}", how="history"))
        await teacher.close()
        await student.close()
        return runs

    with concurrent.futures.ThreadPoolExecutor(1) as pool:  # Playwright's sync API holds this thread's loop
        runs = pool.submit(asyncio.run, scenario()).result(timeout=300)
    assert not [r for r in runs if r.failed], [(r.error, r.exceptions[:1]) for r in runs if r.failed]
    assert all("live_end" not in r.buttons for r in runs)
    unchanged = rooms.find(room.code)
    assert (unchanged.page, unchanged.step, unchanged.version, unchanged.shown) == ("learning-rate", 1, 1, False)
    log = (ARTIFACTS / "live-server.log").read_text()
    assert "Traceback" not in log, log[-2000:]
