"""The lesson plan (ui/handout.py): every story step in both sheets, answers only for the teacher, links
that open the step, a route that fits in 50 minutes, escaped text, and committed files that match the
stories (docs/handouts/)."""

from __future__ import annotations

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.app_pages import declared_pages, one_per_script
from ui import handout
from ui.story import Step, Story
from ui.text import TEXT

ROOT = Path(__file__).resolve().parents[1]
LANGS = handout.LANGUAGES


class _Text(HTMLParser):
    """An HTML document's text (entities decoded, white space collapsed) and its start tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.tags, self.open = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in ("br", "meta"):
            self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, (tag, self.open[-5:])
        self.open.pop()

    def handle_data(self, data):
        self.parts.append(data)


def parse(document: str) -> _Text:
    parser = _Text()
    parser.feed(document)
    parser.close()
    assert not parser.open, f"unclosed tags: {parser.open}"
    return parser


def text_of(document: str) -> str:
    return " ".join(" ".join(parse(document).parts).split())


def flat(text: str) -> str:
    return " ".join(text.split())


def prose(step: Step, lang: str) -> list[str]:
    """What a student reads of a step: its title, narrative, question and choices."""
    parts = [step.title[lang], step.text[lang]]
    if step.question is not None:
        parts += [step.question[lang], *(choice[lang] for choice in step.choices)]
    return parts


SHEETS = [(page, lang) for page in handout.PAGES for lang in LANGS]


def _id(case) -> str:
    page, lang = case
    return f"{page.story}-{lang}"


# --- the pages -----------------------------------------------------------------------------------
def test_the_handouts_cover_every_lesson_page_with_its_address_and_title():
    """Every page script of app.py with a story is in PAGES (and nothing else), under a url_path app.py
    gives that script and its title key."""
    scripts = {}
    for page in one_per_script():
        source = (ROOT / page.file).read_text(encoding="utf-8")
        found = re.search(r"^from ui\.stories import (\w+)", source, re.MULTILINE)
        if found:
            scripts[found.group(1)] = page.file
    assert {page.story for page in handout.PAGES} == set(scripts)
    declared = declared_pages()
    for page in handout.PAGES:
        paths = {p.url_path for p in declared if p.file == scripts[page.story]}
        titles = {p.title_key for p in declared if p.file == scripts[page.story]}
        assert page.url_path in paths and page.url_path, (page, paths)
        assert titles == {page.title_key}, (page, titles)


def test_the_module_itself_does_not_import_streamlit():
    tree = ast.parse((ROOT / "ui" / "handout.py").read_text(encoding="utf-8"))
    names = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    names += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert not [name for name in names if name.split(".")[0] == "streamlit"], names


# --- the sheets ----------------------------------------------------------------------------------
@pytest.mark.parametrize("case", SHEETS, ids=_id)
def test_both_sheets_hold_every_step_the_student_sheet_no_answer(case):
    page, lang = case
    story = handout.story(page)
    student = text_of(handout.student_sheet_html(page, story, lang))
    teacher = text_of(handout.teacher_sheet_html(page, story, lang))
    title = TEXT[page.title_key][lang]
    assert title in student and title in teacher
    for k, step in enumerate(story.steps, 1):
        for part in prose(step, lang):
            assert flat(part) in student, (k, part)
            assert flat(part) in teacher, (k, part)
        for i in range(len(step.choices)):
            assert f"{handout.letter(i)}. {flat(step.choices[i][lang])}" in student
        if step.answer is not None:
            assert flat(step.answer[lang]) not in student, (k, "answer on the student sheet")
            assert flat(step.answer[lang]) in teacher, (k, "answer missing")
        assert handout.link(page, k, lang) not in student
    assert handout.LABELS[lang]["answer"] not in student
    questions = sum(step.question is not None for step in story.steps)
    assert student.count(handout.LABELS[lang]["predict"]) == questions  # a box under every question
    assert (handout.student_sheet_html(page, story, lang).count('class="predict"') == questions)


@pytest.mark.parametrize("case", SHEETS, ids=_id)
def test_the_teacher_sheet_links_every_step_with_its_time_and_the_total(case):
    page, lang = case
    story = handout.story(page)
    sheet = handout.teacher_sheet_html(page, story, lang)
    text = text_of(sheet)
    for k, step in enumerate(story.steps, 1):
        assert handout.link(page, k, lang) == f"/{page.url_path}?step={k}&lang={lang}"
        assert f"/{page.url_path}?step={k}&lang={lang}" in text
        assert handout.LABELS[lang]["minutes"].format(m=handout.minutes(step)) in text
    total = handout.page_minutes(story.steps)
    assert total == handout.PAGE_MINUTES + sum(handout.minutes(step) for step in story.steps)
    assert handout.LABELS[lang]["page_total"].format(minutes=total, step_minutes=total - handout.PAGE_MINUTES,
                                                     page=handout.PAGE_MINUTES) in text
    # with a server's address, the links are whole and clickable
    hrefs = [attrs["href"] for tag, attrs in parse(handout.teacher_sheet_html(page, story, lang,
                                                                              "https://class.example:8501")).tags
             if tag == "a"]
    assert hrefs[1:] == [f"https://class.example:8501/{page.url_path}?step={k}&lang={lang}"
                         for k in range(1, len(story.steps) + 1)]


def test_the_timing_rule():
    def step(choices: int, question: bool = True) -> Step:
        text = {"en": "x", "ko": "x"}
        return Step(text, text, {"a": 1}, text if question else None, (text,) * choices, text if question else None)

    assert handout.minutes(step(0, question=False)) == 1
    assert handout.minutes(step(2)) == 3
    assert handout.minutes(step(3)) == handout.minutes(step(4)) == 4
    assert handout.page_minutes([step(2), step(3)]) == 1 + 3 + 4


def test_a_link_needs_a_web_address_for_a_base():
    page = handout.PAGE["saddles"]
    assert handout.link(page, 3, "ko", "http://localhost:8501/") == "http://localhost:8501/saddles?step=3&lang=ko"
    for bad in ("javascript:alert(1)", "localhost:8501", 'http://x/"onclick="y', "http://a b"):
        with pytest.raises(ValueError):
            handout.link(page, 1, "en", bad)


# --- the route -----------------------------------------------------------------------------------
def test_the_route_fits_in_the_lesson_with_a_buffer_and_names_real_steps():
    for leg in (*handout.ROUTE, *handout.EXTENSION):
        assert leg.page in handout.PAGE, leg
        count = len(handout.story(handout.PAGE[leg.page]).steps)
        assert leg.steps and all(1 <= k <= count for k in leg.steps), leg
        assert len(set(leg.steps)) == len(leg.steps), leg
        for lang in LANGS:
            assert leg.why[lang].strip(), (leg, lang)
        assert re.search("[가-힣]", leg.why["ko"])
    planned = handout.route_minutes()
    assert planned == sum(handout.page_minutes(handout.leg_steps(leg)) for leg in handout.ROUTE)
    assert planned + handout.MIN_BUFFER <= handout.LESSON_MINUTES == 50
    # the seed curriculum's order: 1-D learning rate, GD/SGD/mini-batch, the valley, saddles
    assert [leg.page for leg in handout.ROUTE] == ["lr1d", "minibatch", "compare", "saddles"]
    assert {leg.page for leg in handout.EXTENSION} <= {"curvature", "sweep"}


@pytest.mark.parametrize("lang", LANGS)
def test_the_route_sheet_shows_each_step_its_minutes_and_the_buffer(lang):
    sheet = handout.route_html(lang)
    text = text_of(sheet)
    clock = 0
    rows = [[" ".join(cell.split()) for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", sheet.split("</table>")[0], re.S)][1:]
    for leg in handout.ROUTE:
        page = handout.PAGE[leg.page]
        assert TEXT[page.title_key][lang] in text
        head, *rows = rows
        assert head[0] == str(clock) and head[-1] == str(handout.PAGE_MINUTES), head
        clock += handout.PAGE_MINUTES
        for k, step in zip(leg.steps, handout.leg_steps(leg)):
            row, *rows = rows
            assert row[0] == str(clock) and row[-1] == str(handout.minutes(step)), row
            assert handout.esc(step.title[lang]) in row[1] and handout.esc(handout.link(page, k, lang)) in row[2]
            clock += handout.minutes(step)
    assert clock == handout.route_minutes()
    assert [row[-1] for row in rows] == [str(clock), str(handout.LESSON_MINUTES - clock), str(handout.LESSON_MINUTES)]
    assert flat(handout.ROUTE_WHY[lang]) in text


# --- both languages, both formats ----------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGS)
def test_the_documents_are_complete_in_each_language(lang):
    document = handout.html_document(lang)
    assert document.startswith("<!DOCTYPE html>") and f'<html lang="{lang}">' in document
    assert "<script" not in document and "http" not in re.sub(r"http://localhost:8501[^<]*", "", document)
    text = text_of(document)
    markdown = handout.markdown_document(lang)
    for label in handout.LABELS[lang].values():
        assert label.strip()
    assert set(handout.LABELS["en"]) == set(handout.LABELS["ko"])
    for page in handout.PAGES:
        for step in handout.story(page).steps:
            for part in prose(step, lang):
                assert flat(part) in text
                assert handout.md_escape(part) in markdown
    if lang == "ko":
        # the Korean document is Korean (not English fallbacks) and says so to the fonts
        assert "Noto Sans KR" in document and "Malgun Gothic" in document and "Apple SD Gothic Neo" in document
        for english in handout.LABELS["en"].values():
            assert english not in text or not re.search("[a-z]{4}", english), english
    # print: A4, a sheet of paper per sheet, no step cut in two
    assert "size: A4" in document and "break-before: page" in document and "break-inside: avoid" in document
    sheets = document.count('<section class="sheet')
    assert sheets == 1 + 2 * len(handout.PAGES)


def test_html_escapes_every_text():
    """A story written to break the page: every text reaches the reader as text, no markup comes through."""
    nasty = '<script>alert("x")</script> & <b>bold</b> \' " x²/20 − 1 < 2 > 0 *a* _b_ | `c` [d](e) $f$ ~g~'
    text = {"en": nasty, "ko": nasty + " 한국어"}
    story = Story(tuple(Step(text, text, {"a": k}, text, (text, text, text), text) for k in range(3)))
    page = handout.PAGE["saddles"]
    for lang in LANGS:
        for sheet in (handout.student_sheet_html(page, story, lang),
                      handout.teacher_sheet_html(page, story, lang)):
            parsed = parse(sheet)
            assert {tag for tag, _ in parsed.tags} <= {"section", "p", "h2", "h3", "span", "article", "ul", "li",
                                                      "b", "div", "code"}
            assert flat(text[lang]) in " ".join(" ".join(parsed.parts).split())
        markdown = handout.student_sheet_md(page, story, lang) + handout.teacher_sheet_md(page, story, lang)
        assert "<script>" not in markdown and "*a*" not in markdown and "[d](e)" not in markdown
        assert handout.md_escape(text[lang]) in markdown


_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # CommonMark: a backslash before ASCII punctuation


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60))
def test_markdown_escape_leaves_no_markup(text):
    escaped = handout.md_escape(text)
    assert _UNESCAPE.sub(r"\1", escaped) == re.sub(r"\s+", " ", text)
    # no unescaped character that starts markup, and no block marker at the start
    assert not re.search(r"[`*_\[\]<>#|~&$\\]", re.sub(r"\\.", "", escaped))
    assert not re.match(r" *(\d+[.)]|[-+=])", escaped)


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=60))
def test_html_escape_round_trips(text):
    assert "".join(parse(f"<p>{handout.esc(text)}</p>").parts) == text


# --- the committed files -------------------------------------------------------------------------
def test_the_committed_handouts_are_current_with_the_stories():
    """docs/handouts/ is what the stories make now: after changing a story, run `python -m ui.handout`."""
    assert handout.stale() == [], "stale handouts: run `python -m ui.handout` and commit docs/handouts/"
    assert sorted(p.name for p in (ROOT / "docs" / "handouts").iterdir()) == sorted(handout.files())


def test_the_readme_states_the_timing_rule_of_the_module():
    readme = flat((ROOT / "README.md").read_text(encoding="utf-8"))
    for claim in (f"a step takes {handout.READ_MINUTES} minute to open and read aloud",
                  f"a question adds {handout.QUESTION_MINUTES}",
                  f"{handout.MANY_CHOICES_MINUTES} more when it has more than two choices",
                  f"each page adds {handout.PAGE_MINUTES} minute",
                  f"at least {handout.MIN_BUFFER} minutes of buffer",
                  f"suggested **{handout.LESSON_MINUTES}-minute route**",
                  "python -m ui.handout", "docs/handouts/lesson-plan-{en,ko}.{html,md}"):
        assert claim in readme, claim
