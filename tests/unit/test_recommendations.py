"""The recommendations library covers every question and OIT item of every shipped year."""

from __future__ import annotations

import pytest

from prongsai.ita.library import shipped_framework, shipped_years
from prongsai.ita.recommendations import shipped_library


@pytest.mark.parametrize("year", shipped_years())
def test_every_item_of_every_year_has_advice(year):
    framework = shipped_framework(year)
    library = shipped_library()
    missing = [code for code in framework.items if library.advice_for(framework, code) is None]
    assert missing == []
    for code, item in framework.items.items():
        advice = library.advice_for(framework, code)
        if item.title is not None:
            assert not advice.fallback, f"{year} {code} has a title but only indicator-level advice"


def test_evidence_points_to_real_oit_topics():
    topics = {item.topic for year in shipped_years() for item in shipped_framework(year).items.values()}
    library = shipped_library()
    wrong = {
        a.key: t
        for a in [*library.topics.values(), *library.indicators.values()]
        for t in a.evidence
        if t not in topics
    }
    assert wrong == {}
    assert sorted(library.indicators) == list(range(1, 11))


def test_low_complaint_channel_question_points_to_complaint_items():
    framework = shipped_framework(2566)
    library = shipped_library()
    advice = library.advice_for(framework, "E10")
    codes = library.evidence_codes(framework, advice)
    assert {"O27", "O28"} & set(codes), codes
    assert advice.measures and advice.responsible
