"""Every chart says what it shows (issue 19): a text alternative made from the scene's own numbers, in the
page's language, given to ``st.plotly_chart(alt=...)`` (a figure's aria-label for a screen reader), which
changes with the scene and keeps a story's answer back as the chart does."""

from __future__ import annotations

import re

import pytest

from tests.app_pages import one_per_script
from tests.pages.helpers import open_page, revealed

HANGUL = re.compile("[가-힣]")
PAGES = [page.file for page in one_per_script()]


def _alts(at) -> list[str]:
    return [chart.proto.alt for chart in at.get("plotly_chart")]


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("file", PAGES, ids=lambda f: f.split("/")[-1][:-3])
def test_every_chart_has_a_text_alternative_in_the_page_s_language(file, lang):
    at = open_page(file, lang=lang, timeout=180)
    alts = _alts(at)
    assert alts, f"{file}: no chart"
    for alt in alts:
        assert len(alt) > 40, alt  # a sentence, not a label
        assert bool(HANGUL.search(alt)) == (lang == "ko"), alt
        assert "nan" not in alt.lower().split() and "{" not in alt, alt


def test_the_text_follows_the_scene_and_keeps_the_answer_back():
    at = open_page(reveal=False)  # the compare page, step 1: its question is open
    secret = _alts(at)[0]
    assert "Press Play" in secret and "ends at" not in secret  # where the runs end is the answer
    assert "(−7, 2)" in secret and "30 steps" in secret and "4 runs" in secret
    revealed(at)
    shown = _alts(at)[0]
    assert "SGD ends at" in shown and "Adam ends at" in shown, shown
    at.number_input(key="steps").set_value(50).run()
    assert not at.exception
    longer = _alts(at)[0]
    assert longer != shown and "50 steps" in longer
