"""The registry is the one source of what the app says about a rule: its short name, its title and
what it is for, in Korean and English, for every registered rule and alias."""

from __future__ import annotations

import re

import pytest

import optimizers

HANGUL = re.compile("[\uac00-\ud7a3]")


@pytest.mark.parametrize("name", optimizers.names(include_aliases=False))
def test_every_rule_says_what_it_is_for_in_both_languages(name):
    cls = optimizers.rule_class(name)
    assert cls.title.get("en") and cls.title.get("ko"), name
    about = getattr(cls, "about", None)
    assert about and len(about["en"]) > 80 and HANGUL.search(about["ko"]), name


def test_short_names_are_unique_and_come_from_the_registry():
    labels = [optimizers.label(name) for name in optimizers.names()]
    assert len(set(labels)) == len(labels)
    assert optimizers.label("adagrad") == "AdaGrad" and optimizers.label("momentum") == "Momentum"
    assert optimizers.label("schedule_free_adamw") == "Schedule-free AdamW"
    assert optimizers.label("no-such-rule") == "no-such-rule"


def test_the_ui_reads_its_names_from_the_registry():
    from ui import controls
    assert all(controls.optimizer_label(name) == optimizers.label(name) for name in optimizers.names())
    assert "_OPTIMIZER_LABELS" not in open(controls.__file__, encoding="utf-8").read()
