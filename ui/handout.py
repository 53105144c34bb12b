"""The lesson plan: every page's guided story as printable handouts, and a suggested 50-minute route.

Pure Python (no Streamlit call; the stories are imported only when a handout is made). For each lesson
page and language there are two sheets:

- the *student sheet*: the page's title, and for every step its title, its short narrative, its
  question with lettered choices (A, B, C...) and a box for the student's prediction; no answers;
- the *teacher's sheet*: the same, plus the answer, the step's link (``/<url_path>?step=k&lang=..``,
  relative unless a server address is given) and a suggested time per step, with the page's total.

Before them, the route: which pages' steps to take, in which order, in one 50-minute lesson (``ROUTE``,
data), with the minutes and a buffer, and two optional steps if time remains (``EXTENSION``).

The time of a step follows one rule (``minutes``): 1 minute to open the step and read it aloud; a
question adds 2 (students write a prediction, the teacher plays the animation, the room discusses),
and 1 more when it has more than two choices. Each page adds 1 minute to show its screen.

Two formats, one document per language: HTML that prints well (self-contained, A4, each sheet on a
new sheet of paper, a box under every question) and Markdown. Every story text is escaped for the
format it goes into. ``python -m ui.handout`` writes docs/handouts/; ``--check`` only compares.
"""

from __future__ import annotations

import html
import importlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from .text import text as _catalog

Text = dict[str, str]  # {"en": ..., "ko": ...}

LANGUAGES = ("en", "ko")
OUT = Path(__file__).resolve().parents[1] / "docs" / "handouts"


@dataclass(frozen=True)
class Page:
    story: str      # its story module in ui/stories
    url_path: str   # its address in app.py (the home page, served at /, is also at /compare)
    title_key: str  # its title in ui/texts


# The lesson pages in the order of the route (the seed curriculum), then the extensions.
PAGES = (
    Page("lr1d", "learning-rate", "nav.lr1d"),
    Page("minibatch", "minibatch", "nav.minibatch"),
    Page("compare", "compare", "nav.compare"),
    Page("saddles", "saddles", "nav.saddles"),
    Page("network", "tiny-network", "nav.network"),
    Page("sweep", "lr-sweep", "nav.sweep"),
    Page("curvature", "curvature", "nav.curvature"),
    Page("landscape", "landscape", "nav.landscape"),
)
PAGE = {page.story: page for page in PAGES}

# --- the timing rule ---------------------------------------------------------------------------
READ_MINUTES = 1          # open the step, read its narrative aloud
QUESTION_MINUTES = 2      # students write a prediction, play the animation, discuss
MANY_CHOICES_MINUTES = 1  # more than two choices: more to discuss
PAGE_MINUTES = 1          # a new page: show its screen and its controls


def minutes(step) -> int:
    """The suggested time of one story step, in minutes (the rule above)."""
    if step.question is None:
        return READ_MINUTES
    return READ_MINUTES + QUESTION_MINUTES + (MANY_CHOICES_MINUTES if len(step.choices) > 2 else 0)


# --- the route ---------------------------------------------------------------------------------
LESSON_MINUTES = 50
MIN_BUFFER = 5  # at least this much of the lesson is left unplanned


@dataclass(frozen=True)
class Leg:
    page: str               # Page.story
    steps: tuple[int, ...]  # 1-based step numbers, in the order they are taken
    why: Text


ROUTE_WHY = {
    "en": "From one number to the toolbox, each page using what the one before showed: the learning rate on a "
          "single curve; how much data each step sees; on the long valley x²/20 + y², why plain SGD zig-zags and "
          "how momentum and the adaptive methods fix it; last, why a zero gradient is not always a minimum. The "
          "buffer is for starting up, switching pages and the closing summary.",
    "ko": "숫자 하나에서 도구 상자 전체로 나아가며, 각 페이지는 앞 페이지에서 본 것을 이어 씁니다. 먼저 곡선 하나 "
          "위의 학습률, 다음으로 한 걸음이 보는 데이터의 양, 그리고 긴 골짜기 x²/20 + y²에서 기본 SGD가 왜 "
          "지그재그로 가는지와 모멘텀·적응형 방법이 그것을 어떻게 고치는지, 마지막으로 기울기 0이 왜 늘 최솟값은 "
          "아닌지를 봅니다. 여유 시간은 시작 준비, 페이지 전환, 마무리 정리에 씁니다.",
}

ROUTE = (
    Leg("lr1d", (1, 2, 4), {
        "en": "One ball, one number: the learning rate decides the rest. Too small is slow; a little too large "
              "throws the ball over the hump. (Step 3, the near miss at 0.27, is left out.)",
        "ko": "공 하나와 숫자 하나: 나머지는 학습률이 정합니다. 너무 작으면 느리고, 조금만 커도 공이 언덕을 넘어가 "
              "버립니다. (0.27에서 아슬아슬하게 수렴하는 3단계는 건너뜁니다.)"}),
    Leg("minibatch", (1, 2), {
        "en": "How much data each step sees: the same 20 epochs buy 20 exact steps or 1,000 noisy ones, and the "
              "mini-batch is the bargain between them.",
        "ko": "한 걸음이 보는 데이터의 양: 같은 20 에포크로 정확한 걸음 20번을 살 수도, 흔들리는 걸음 1,000번을 살 "
              "수도 있고, 미니배치는 그 사이의 절충입니다."}),
    Leg("compare", (1, 2, 3, 5), {
        "en": "Two dimensions: on the valley x²/20 + y² the gradient points across, so SGD zig-zags; momentum "
              "averages the zig-zag away and the adaptive methods rescale each coordinate. AdaGrad's own step is "
              "left out: step 1's answer and Adam's step cover it.",
        "ko": "2차원으로: 골짜기 x²/20 + y²에서는 기울기가 골짜기를 가로질러서 SGD가 지그재그로 갑니다. 모멘텀은 "
              "지그재그를 평균으로 지우고, 적응형 방법은 좌표마다 걸음을 다시 잽니다. AdaGrad 단계는 건너뜁니다. "
              "1단계의 답과 Adam 단계가 다룹니다."}),
    Leg("saddles", (1, 2), {
        "en": "A zero gradient is not always a minimum: plain gradient descent can stop on a saddle, and noise "
              "like SGD's jiggle is one way out.",
        "ko": "기울기 0이 늘 최솟값은 아닙니다. 기본 경사하강법은 안장점에서 멈출 수 있고, SGD의 흔들림 같은 잡음이 "
              "탈출구 중 하나입니다."}),
)

EXTENSION = (
    Leg("curvature", (1,), {
        "en": "Why the gradient points across the valley, read off the Hessian: for a class that knows second "
              "derivatives.",
        "ko": "기울기가 왜 골짜기를 가로지르는지를 헤시안으로 읽습니다. 2계 도함수를 아는 반을 위해."}),
    Leg("sweep", (2,), {
        "en": "Where plain SGD breaks: the edge at a learning rate of 1 on the same valley, found by 300 runs at "
              "once.",
        "ko": "기본 SGD가 무너지는 곳: 같은 골짜기에서 학습률 1이라는 경계를 실행 300개로 한꺼번에 찾습니다."}),
)

# --- the handouts' own words -------------------------------------------------------------------
LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "DescentLab · Lesson plan",
        "lead": "The guided stories of DescentLab's lesson pages, ready to print: a route for one 50-minute "
                "lesson, then for every page a teacher's sheet (answers, links, timings) and a student sheet "
                "(questions, a box for each prediction). Print from the browser on A4: every sheet starts on "
                "a new sheet of paper.",
        "route": "A {lesson}-minute route",
        "start": "Start",
        "page_step": "Page · step",
        "min_head": "Min.",
        "link_head": "Link",
        "intro_row": "open it, show its screen",
        "planned": "Planned",
        "buffer": "Buffer",
        "total": "Total",
        "extension": "If time remains",
        "rule_head": "Timing rule",
        "rule": "Every step gets {read} minute to open it and read it aloud; a question adds {question} (students "
                "write a prediction, you play the animation, the room discusses), and {many} more when it has "
                "more than two choices. Each page adds {page} minute to show its screen.",
        "links_head": "Links",
        "links_relative": "Links are relative to your DescentLab server: put its address in front, e.g. "
                          "{url}. Each opens the page on that step, with the step's scene set up.",
        "links_absolute": "Each link opens the page on that step on {url}, with the step's scene set up.",
        "teacher": "Teacher's sheet",
        "student": "Student sheet",
        "teachers": "Teacher's sheets",
        "students": "Student sheets",
        "steps_minutes": "{steps} steps · {minutes} min",
        "page_total": "Total: {minutes} min ({step_minutes} min for the steps, {page} min to show the page).",
        "step": "Step {k}",
        "minutes": "{m} min",
        "question": "Question:",
        "answer": "Answer:",
        "link": "Link:",
        "name": "Name",
        "class": "Class",
        "date": "Date",
        "predict": "My prediction (circle one):",
        "why": "Why do I think so? What did we see?",
    },
    "ko": {
        "title": "DescentLab · 수업 계획서",
        "lead": "DescentLab 수업 페이지의 따라가는 수업을 인쇄용으로 모았습니다. 50분 수업 한 번의 경로, 그리고 "
                "페이지마다 교사용 안내지(답, 링크, 시간)와 학생 활동지(질문, 예측을 적는 칸)가 있습니다. "
                "브라우저에서 A4로 인쇄하세요. 안내지와 활동지는 각각 새 종이에서 시작합니다.",
        "route": "{lesson}분 수업 경로",
        "start": "시작",
        "page_step": "페이지 · 단계",
        "min_head": "분",
        "link_head": "링크",
        "intro_row": "열고 화면 소개",
        "planned": "계획한 시간",
        "buffer": "여유 시간",
        "total": "합계",
        "extension": "시간이 남으면",
        "rule_head": "시간 규칙",
        "rule": "모든 단계는 열고 소리 내어 읽는 데 {read}분입니다. 질문이 있으면 {question}분을 더하고(학생들이 "
                "예측을 적고, 애니메이션을 재생하고, 함께 이야기합니다), 선택지가 셋 이상이면 {many}분을 더 "
                "더합니다. 페이지마다 화면을 소개하는 {page}분이 붙습니다.",
        "links_head": "링크",
        "links_relative": "링크는 DescentLab 서버 주소 뒤에 붙여 씁니다. 예: {url}. 링크를 열면 그 페이지의 "
                          "그 단계가 장면 설정과 함께 열립니다.",
        "links_absolute": "링크를 열면 {url}에서 그 페이지의 그 단계가 장면 설정과 함께 열립니다.",
        "teacher": "교사용 안내지",
        "student": "학생 활동지",
        "teachers": "교사용 안내지",
        "students": "학생 활동지",
        "steps_minutes": "{steps}단계 · {minutes}분",
        "page_total": "합계: {minutes}분 (단계 {step_minutes}분, 페이지 소개 {page}분).",
        "step": "{k}단계",
        "minutes": "{m}분",
        "question": "질문:",
        "answer": "답:",
        "link": "링크:",
        "name": "이름",
        "class": "반",
        "date": "날짜",
        "predict": "내 예측 (하나에 동그라미):",
        "why": "왜 그렇게 생각하나요? 실행해 보니 어땠나요?",
    },
}


def _label(key: str, lang: str, **fmt) -> str:
    value = LABELS[lang][key]
    return value.format(**fmt) if fmt else value


def _rule(lang: str) -> str:
    return _label("rule", lang, read=READ_MINUTES, question=QUESTION_MINUTES, many=MANY_CHOICES_MINUTES,
                  page=PAGE_MINUTES)


# --- data --------------------------------------------------------------------------------------
def story(page: Page):
    """The page's ``ui.story.Story`` (imported here: the stories' module imports Streamlit)."""
    return importlib.import_module(f"ui.stories.{page.story}").STORY


def title(page: Page, lang: str) -> str:
    return _catalog(page.title_key, lang)


def page_minutes(steps) -> int:
    """A page (or a leg of the route) taken with these steps: its steps' minutes plus the page's own."""
    return PAGE_MINUTES + sum(minutes(step) for step in steps)


def leg_steps(leg: Leg) -> list:
    steps = story(PAGE[leg.page]).steps
    return [steps[k - 1] for k in leg.steps]


def route_minutes(route=ROUTE) -> int:
    return sum(page_minutes(leg_steps(leg)) for leg in route)


def link(page: Page, k: int, lang: str, base_url: str = "") -> str:
    """The address of step ``k`` of the page's story: ``/<url_path>?step=k&lang=..``, after ``base_url``
    (the server's address, e.g. ``http://localhost:8501``) when one is given."""
    if base_url and not re.fullmatch(r"https?://[^\s\"'<>]+", base_url):
        raise ValueError(f"not a server address: {base_url!r}")
    return f"{base_url.rstrip('/')}/{page.url_path}?step={k}&lang={lang}"


def letter(i: int) -> str:
    return chr(ord("A") + i)


def _text(text: Text, lang: str) -> str:
    return text.get(lang) or text["en"]


def _page_total(lang: str, total: int) -> str:
    return _label("page_total", lang, minutes=total, step_minutes=total - PAGE_MINUTES, page=PAGE_MINUTES)


def _links_note(lang: str, base_url: str, escape, code) -> str:
    """What the links are: relative (with an example address, as code) or on ``base_url``."""
    key, url = (("links_absolute", base_url) if base_url
                else ("links_relative", link(PAGE["saddles"], 1, lang, "http://localhost:8501")))
    before, after = LABELS[lang][key].split("{url}")
    return escape(before) + code(url) + escape(after)


# --- HTML --------------------------------------------------------------------------------------
def esc(text: str) -> str:
    return html.escape(text, quote=True)


CSS = """
@page { size: A4; margin: 14mm 15mm 16mm; }
@page { @bottom-right { content: counter(page) " / " counter(pages); font: 9pt sans-serif; color: #555; } }
:root { color-scheme: light; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #111; background: #e8e8e8; font-size: 12pt; line-height: 1.45;
       font-family: "Noto Sans", "Noto Sans KR", "Noto Sans CJK KR", "Malgun Gothic", "Apple SD Gothic Neo",
                    "Segoe UI", Arial, sans-serif; }
html[lang="ko"] body { word-break: keep-all; overflow-wrap: break-word;
       font-family: "Noto Sans KR", "Noto Sans CJK KR", "Malgun Gothic", "Apple SD Gothic Neo", "Noto Sans",
                    sans-serif; }
.sheet { background: #fff; max-width: 180mm; margin: 10mm auto; padding: 12mm 15mm; box-shadow: 0 1px 4px #999; }
h1 { font-size: 20pt; margin: 0 0 4mm; }
h2 { font-size: 16pt; margin: 0 0 2mm; break-after: avoid; }
h3 { font-size: 13pt; margin: 0 0 1.5mm; break-after: avoid; }
p { margin: 0 0 2mm; }
.kind { text-transform: uppercase; letter-spacing: .06em; font-size: 9.5pt; color: #555; margin: 0; }
.meta { color: #333; }
.step { border-top: 1px solid #bbb; padding-top: 3mm; margin-top: 4mm; break-inside: avoid; }
.step h3 { display: flex; justify-content: space-between; gap: 4mm; }
.time { font-weight: normal; white-space: nowrap; border: 1px solid #888; border-radius: 2mm; padding: 0 2mm;
        font-size: 10.5pt; }
.link { font-size: 10pt; color: #333; overflow-wrap: anywhere; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 9.5pt; }
a { color: #0645ad; }
.question { font-weight: bold; margin-top: 2mm; }
.choices { list-style: none; padding: 0; margin: 1mm 0 2mm 4mm; }
.choices li { margin: .5mm 0; }
.answer { background: #f1f1f1; border-left: 1.2mm solid #555; padding: 2mm 3mm; margin-top: 2mm; }
.predict { border: 1.2px solid #333; border-radius: 2mm; padding: 2mm 3mm; margin-top: 2mm; min-height: 34mm; }
.predict .letters { letter-spacing: .5em; font-weight: bold; }
.predict .why { color: #444; margin-top: 3mm; }
.names { display: flex; gap: 6mm; margin: 3mm 0 1mm; }
.names span { flex: 1; border-bottom: 1px solid #333; padding-bottom: 5mm; font-size: 10.5pt; }
.student { font-size: 12.5pt; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 11pt; }
th, td { border-bottom: 1px solid #bbb; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; }
.route { font-size: 11pt; line-height: 1.4; }
.route table { font-size: 10.5pt; }
.route th, .route td { padding: .8mm 2mm; }
.route td.link { white-space: nowrap; }
tr.leg td { background: #f1f1f1; border-top: 1.5px solid #333; }
tr.leg .why, .muted { color: #333; font-size: 10pt; }
tr.stop td:nth-child(2) { padding-left: 6mm; }
.total { font-weight: bold; margin-top: 4mm; }
tr.sum td { font-weight: bold; border-bottom: none; }
@media print {
  body { background: none; }
  .sheet { max-width: none; margin: 0; padding: 0; box-shadow: none; break-before: page; }
  .sheet:first-of-type { break-before: auto; }
  a { color: inherit; text-decoration: none; }
}
"""


def _html_choices(step, lang: str) -> str:
    items = "".join(f"<li><b>{letter(i)}.</b> {esc(_text(choice, lang))}</li>" for i, choice in enumerate(step.choices))
    return f'<ul class="choices">{items}</ul>'


def _html_link(url: str, base_url: str) -> str:
    return f'<a href="{esc(url)}"><code>{esc(url)}</code></a>' if base_url else f"<code>{esc(url)}</code>"


def teacher_sheet_html(page: Page, story_, lang: str, base_url: str = "") -> str:
    """One page's teacher's sheet: every step with its time, link, question, choices and answer."""
    steps = story_.steps
    total = page_minutes(steps)
    parts = [f'<section class="sheet teacher" id="teacher-{esc(page.story)}">',
             f'<p class="kind">{esc(_label("teacher", lang))}</p>',
             f"<h2>{esc(title(page, lang))}</h2>",
             f'<p class="meta">{esc(_label("steps_minutes", lang, steps=len(steps), minutes=total))} · '
             f"{_html_link(link(page, 1, lang, base_url), base_url)}</p>"]
    for k, step in enumerate(steps, 1):
        parts += ['<article class="step">',
                  f'<h3><span>{esc(_label("step", lang, k=k))} · {esc(_text(step.title, lang))}</span>'
                  f'<span class="time">{esc(_label("minutes", lang, m=minutes(step)))}</span></h3>',
                  f'<p class="link">{esc(_label("link", lang))} '
                  f"{_html_link(link(page, k, lang, base_url), base_url)}</p>",
                  f"<p>{esc(_text(step.text, lang))}</p>"]
        if step.question is not None:
            parts += [f'<p class="question">{esc(_label("question", lang))} {esc(_text(step.question, lang))}</p>',
                      _html_choices(step, lang),
                      f'<p class="answer"><b>{esc(_label("answer", lang))}</b> {esc(_text(step.answer, lang))}</p>']
        parts.append("</article>")
    # the total inside the last step's block, so that it never lands alone on a sheet of paper
    parts.insert(-1, f'<p class="total">{esc(_page_total(lang, total))}</p>')
    parts.append("</section>")
    return "\n".join(parts)


def student_sheet_html(page: Page, story_, lang: str) -> str:
    """One page's student sheet: every step's title, narrative, question and choices, and a box for the
    prediction; no answers, no timings."""
    parts = [f'<section class="sheet student" id="student-{esc(page.story)}">',
             f'<p class="kind">{esc(_label("student", lang))}</p>',
             f"<h2>{esc(title(page, lang))}</h2>",
             '<p class="names">'
             + "".join(f"<span>{esc(_label(key, lang))}</span>" for key in ("name", "class", "date")) + "</p>"]
    for k, step in enumerate(story_.steps, 1):
        parts += ['<article class="step">',
                  f'<h3><span>{esc(_label("step", lang, k=k))} · {esc(_text(step.title, lang))}</span></h3>',
                  f"<p>{esc(_text(step.text, lang))}</p>"]
        if step.question is not None:
            letters = " ".join(letter(i) for i in range(len(step.choices)))
            parts += [f'<p class="question">{esc(_label("question", lang))} {esc(_text(step.question, lang))}</p>',
                      _html_choices(step, lang),
                      f'<div class="predict"><p>{esc(_label("predict", lang))} '
                      f'<span class="letters">{letters}</span></p>'
                      f'<p class="why">{esc(_label("why", lang))}</p></div>']
        parts.append("</article>")
    parts.append("</section>")
    return "\n".join(parts)


def _route_rows_html(route, lang: str, base_url: str, clock: int | None = 0) -> tuple[list[str], int]:
    """The route's rows (a head row per leg, then the page's own minute and its steps), each starting at
    ``clock`` minutes into the lesson (blank for ``None``: the extensions); returns the rows and the end."""
    rows, spent = [], 0

    def start() -> str:
        return "" if clock is None else str(clock + spent)

    for leg in route:
        page = PAGE[leg.page]
        steps = story(page).steps
        rows.append(f'<tr class="leg"><td class="num">{start()}</td><td colspan="2"><b>{esc(title(page, lang))}</b> '
                    f'<span class="muted">({esc(_label("intro_row", lang))})</span><br>'
                    f'<span class="why">{esc(_text(leg.why, lang))}</span></td>'
                    f'<td class="num">{PAGE_MINUTES}</td></tr>')
        spent += PAGE_MINUTES
        for k in leg.steps:
            step = steps[k - 1]
            rows.append(f'<tr class="stop"><td class="num">{start()}</td><td>{esc(_label("step", lang, k=k))} · '
                        f"{esc(_text(step.title, lang))}</td>"
                        f'<td class="link">{_html_link(link(page, k, lang, base_url), base_url)}</td>'
                        f'<td class="num">{minutes(step)}</td></tr>')
            spent += minutes(step)
    return rows, (clock or 0) + spent


def route_html(lang: str, base_url: str = "") -> str:
    """The cover sheet: the route through the pages with its minutes, the extensions, the timing rule."""
    head = (f'<thead><tr><th class="num">{esc(_label("start", lang))}</th><th>{esc(_label("page_step", lang))}</th>'
            f'<th>{esc(_label("link_head", lang))}</th>'
            f'<th class="num">{esc(_label("min_head", lang))}</th></tr></thead>')
    rows, planned = _route_rows_html(ROUTE, lang, base_url)
    buffer = LESSON_MINUTES - planned
    rows += [f'<tr class="sum"><td></td><td colspan="2">{esc(_label("planned", lang))}</td>'
             f'<td class="num">{planned}</td></tr>',
             f'<tr class="sum"><td class="num">{planned}</td><td colspan="2">{esc(_label("buffer", lang))}</td>'
             f'<td class="num">{buffer}</td></tr>',
             f'<tr class="sum"><td></td><td colspan="2">{esc(_label("total", lang))}</td>'
             f'<td class="num">{LESSON_MINUTES}</td></tr>']
    extension, _ = _route_rows_html(EXTENSION, lang, base_url, clock=None)
    links = _links_note(lang, base_url, esc, lambda url: f"<code>{esc(url)}</code>")
    return "\n".join([
        '<section class="sheet route">',
        f"<h1>{esc(_label('title', lang))}</h1>",
        f"<p>{esc(_label('lead', lang))}</p>",
        f"<h2>{esc(_label('route', lang, lesson=LESSON_MINUTES))}</h2>",
        f"<p>{esc(_text(ROUTE_WHY, lang))}</p>",
        f"<table>{head}<tbody>{''.join(rows)}</tbody></table>",
        f"<h3>{esc(_label('extension', lang))}</h3>",
        f"<table>{head}<tbody>{''.join(extension)}</tbody></table>",
        f"<h3>{esc(_label('rule_head', lang))}</h3>",
        f"<p>{esc(_rule(lang))}</p>",
        f"<h3>{esc(_label('links_head', lang))}</h3>",
        f"<p>{links}</p>",
        "</section>",
    ])


def html_document(lang: str, base_url: str = "") -> str:
    """The whole lesson plan in ``lang`` as one self-contained HTML file: the route, then every page's
    teacher's sheet, then every page's student sheet."""
    sheets = [route_html(lang, base_url)]
    sheets += [teacher_sheet_html(page, story(page), lang, base_url) for page in PAGES]
    sheets += [student_sheet_html(page, story(page), lang) for page in PAGES]
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{esc(lang)}">',
        '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(_label('title', lang))}</title>",
        f"<style>{CSS}</style></head>",
        "<body>",
        *sheets,
        "</body>",
        "</html>",
        "",
    ])


# --- Markdown ----------------------------------------------------------------------------------
# Characters that start markup anywhere in a line (GitHub: also ~ strikethrough, $ math, | tables);
# ( ) ! only matter after an escaped [ or ] and are left readable.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&$])")
# What starts a block only at the start of a paragraph: a list item ("-", "+", "1." "1)"), a rule or
# setext underline ("=").
_MD_LEADING = re.compile(r"^( *)(?:(\d+)([.)])|([-+=]))")


def md_escape(text: str) -> str:
    """``text`` as literal Markdown (CommonMark and GitHub's extensions): every character that could
    start markup is backslash-escaped, and every run of white space (line breaks too) is one space."""
    flat = _MD_SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))
    return _MD_LEADING.sub(lambda m: m[1] + (f"{m[2]}\\{m[3]}" if m[2] else f"\\{m[4]}"), flat)


def _md_link(url: str) -> str:
    return f"<{url}>" if url.startswith("http") else f"`{url}`"


def _md_choices(step, lang: str) -> list[str]:
    return [f"- **{letter(i)}.** {md_escape(_text(choice, lang))}" for i, choice in enumerate(step.choices)]


def teacher_sheet_md(page: Page, story_, lang: str, base_url: str = "") -> str:
    steps = story_.steps
    total = page_minutes(steps)
    lines = [f"### {md_escape(title(page, lang))} — {md_escape(_label('teacher', lang))}", "",
             f"{md_escape(_label('steps_minutes', lang, steps=len(steps), minutes=total))} · "
             f"{_md_link(link(page, 1, lang, base_url))}", ""]
    for k, step in enumerate(steps, 1):
        lines += [f"#### {md_escape(_label('step', lang, k=k))} · {md_escape(_text(step.title, lang))} "
                  f"({md_escape(_label('minutes', lang, m=minutes(step)))})", "",
                  f"{md_escape(_label('link', lang))} {_md_link(link(page, k, lang, base_url))}", "",
                  md_escape(_text(step.text, lang)), ""]
        if step.question is not None:
            lines += [f"**{md_escape(_label('question', lang))}** {md_escape(_text(step.question, lang))}", "",
                      *_md_choices(step, lang), "",
                      f"> **{md_escape(_label('answer', lang))}** {md_escape(_text(step.answer, lang))}", ""]
    lines += [f"**{md_escape(_page_total(lang, total))}**", ""]
    return "\n".join(lines)


def student_sheet_md(page: Page, story_, lang: str) -> str:
    lines = [f"### {md_escape(title(page, lang))} — {md_escape(_label('student', lang))}", "",
             " · ".join(f"{md_escape(_label(key, lang))}: ……………………" for key in ("name", "class", "date")), ""]
    for k, step in enumerate(story_.steps, 1):
        lines += [f"#### {md_escape(_label('step', lang, k=k))} · {md_escape(_text(step.title, lang))}", "",
                  md_escape(_text(step.text, lang)), ""]
        if step.question is not None:
            letters = " ".join(f"**{letter(i)}**" for i in range(len(step.choices)))
            lines += [f"**{md_escape(_label('question', lang))}** {md_escape(_text(step.question, lang))}", "",
                      *_md_choices(step, lang), "",
                      f"{md_escape(_label('predict', lang))} {letters}  ",
                      f"{md_escape(_label('why', lang))} ……………………………………………………………………", ""]
    return "\n".join(lines)


def _route_rows_md(route, lang: str, base_url: str, clock: int | None = 0) -> tuple[list[str], int]:
    rows, spent = [], 0

    def start() -> str:
        return "" if clock is None else str(clock + spent)

    for leg in route:
        page = PAGE[leg.page]
        steps = story(page).steps
        rows.append(f"| {start()} | **{md_escape(title(page, lang))}** ({md_escape(_label('intro_row', lang))}): "
                    f"{md_escape(_text(leg.why, lang))} | {PAGE_MINUTES} |")
        spent += PAGE_MINUTES
        for k in leg.steps:
            step = steps[k - 1]
            rows.append(f"| {start()} | {md_escape(_label('step', lang, k=k))} · {md_escape(_text(step.title, lang))} "
                        f"{_md_link(link(page, k, lang, base_url))} | {minutes(step)} |")
            spent += minutes(step)
    return rows, (clock or 0) + spent


def markdown_document(lang: str, base_url: str = "") -> str:
    """The whole lesson plan in ``lang`` as Markdown (the same content as ``html_document``)."""
    head = [f"| {md_escape(_label('start', lang))} | {md_escape(_label('page_step', lang))} | "
            f"{md_escape(_label('min_head', lang))} |", "|---:|---|---:|"]
    rows, planned = _route_rows_md(ROUTE, lang, base_url)
    extension, _ = _route_rows_md(EXTENSION, lang, base_url, clock=None)
    links = _links_note(lang, base_url, md_escape, lambda url: f"`{url}`")
    lines = [f"# {md_escape(_label('title', lang))}", "", md_escape(_label("lead", lang)), "",
             f"## {md_escape(_label('route', lang, lesson=LESSON_MINUTES))}", "", md_escape(_text(ROUTE_WHY, lang)), "",
             *head, *rows,
             f"| | **{md_escape(_label('planned', lang))}** | **{planned}** |",
             f"| {planned} | **{md_escape(_label('buffer', lang))}** | **{LESSON_MINUTES - planned}** |",
             f"| | **{md_escape(_label('total', lang))}** | **{LESSON_MINUTES}** |", "",
             f"### {md_escape(_label('extension', lang))}", "", *head, *extension, "",
             f"### {md_escape(_label('rule_head', lang))}", "", md_escape(_rule(lang)), "",
             f"### {md_escape(_label('links_head', lang))}", "", links, "",
             f"## {md_escape(_label('teachers', lang))}", ""]
    lines += [teacher_sheet_md(page, story(page), lang, base_url) for page in PAGES]
    lines += [f"## {md_escape(_label('students', lang))}", ""]
    lines += [student_sheet_md(page, story(page), lang) for page in PAGES]
    return "\n".join(lines).rstrip("\n") + "\n"


# --- files -------------------------------------------------------------------------------------
def files() -> dict[str, str]:
    """The committed handouts (docs/handouts/), by file name: relative links, both languages."""
    out = {}
    for lang in LANGUAGES:
        out[f"lesson-plan-{lang}.html"] = html_document(lang)
        out[f"lesson-plan-{lang}.md"] = markdown_document(lang)
    return out


def stale(directory: Path = OUT) -> list[str]:
    """The handouts in ``directory`` that are missing or differ from what the stories make now."""
    return [name for name, content in files().items()
            if not (directory / name).is_file() or (directory / name).read_text(encoding="utf-8") != content]


def main(argv: list[str] | None = None) -> int:
    """``python -m ui.handout``: write docs/handouts/; with ``--check``, only say which files are stale."""
    argv = sys.argv[1:] if argv is None else argv
    if "--check" in argv:
        names = stale()
        for name in names:
            print(f"stale: docs/handouts/{name} (run: python -m ui.handout)")
        return 1 if names else 0
    OUT.mkdir(parents=True, exist_ok=True)
    for name, content in files().items():
        (OUT / name).write_text(content, encoding="utf-8")
        print(f"wrote docs/handouts/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
