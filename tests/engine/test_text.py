"""Every string exists in both languages with the same placeholders."""

import re
import string

import pytest

from ui.text import TEXT


@pytest.mark.parametrize("key", sorted(TEXT))
def test_both_languages_present_with_same_placeholders(key):
    entry = TEXT[key]
    assert set(entry) == {"en", "ko"}, key
    assert entry["en"].strip() and entry["ko"].strip()
    fields = [{f for _, f, _, _ in string.Formatter().parse(entry[lang]) if f} for lang in ("en", "ko")]
    assert fields[0] == fields[1], key


def test_korean_texts_are_korean():
    hangul = re.compile("[\uac00-\ud7a3]")
    untranslated = [k for k, v in TEXT.items() if v["ko"] == v["en"] and hangul.search(v["en"]) is None
                    and len(v["en"]) > 12]
    assert not untranslated, untranslated
