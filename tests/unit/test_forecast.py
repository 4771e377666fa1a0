"""The forecast of a year's result from the agency's own surveys, its OIT board and last year's official figures
(issue 14, point 4): expected totals computed by hand from the NACC formula (ITA.md §2)."""

from __future__ import annotations

import pytest

from prongsai.ita.forecast import BOARD, BOARD_SHARE, LABEL, LAST_YEAR, NONE, SURVEY, forecast
from prongsai.ita.library import shipped_framework
from tests.support.forecast_inputs import official_assessment


def test_survey_board_and_last_year_make_the_total_the_formula_gives() -> None:
    previous = official_assessment(2565, "phitsanulok_pao_2565.csv")  # EIT indicators 96.91, 97.45, 95.52
    fw = shipped_framework(2566)
    iit = {f"I{n}": 90.0 for n in range(1, 31)}
    board = {code: code not in ("O18", "O30") for code, item in fw.items.items() if item.is_oit}
    result = forecast(fw, survey={"IIT": iit}, oit_statuses=board, previous=previous)
    assert result.sources == {"IIT": SURVEY, "EIT": LAST_YEAR, "OIT": BOARD}
    assert result.at_risk == ["O18", "O30"]
    eit = (96.91 + 97.45 + 95.52) / 3
    oit = ((100 + 87.5 + 100 + 100 + 75) / 5 + 100) / 2  # 2566: O18 in 9.2 (8 items), O30 in 9.5 (4 items)
    expected = 0.3 * 90 + 0.3 * eit + 0.4 * oit
    assert result.assessment.total.value == pytest.approx(expected, abs=0.006)
    assert result.assessment.level == "ผ่านดี"  # every indicator at 85 or more, total below 95
    assert result.previous_total == pytest.approx(96.99, abs=0.01)
    assert result.change == pytest.approx(round(expected, 2) - 96.99, abs=0.011)
    assert result.assessment.warnings[0] == LABEL
    gains = {fix.code: fix.gain for fix in result.fixes}
    assert gains["O18"] == pytest.approx(0.4 * 0.5 * (1 / 5) * (100 / 8), abs=0.01)  # one of 8 items in 9.2


def test_without_a_survey_or_board_last_years_figures_stand_in() -> None:
    previous = official_assessment(2565, "phitsanulok_pao_2565.csv")
    result = forecast(shipped_framework(2566), previous=previous)
    assert result.sources == {"IIT": LAST_YEAR, "EIT": LAST_YEAR, "OIT": LAST_YEAR}
    assert result.assessment.total.value == pytest.approx(96.99, abs=0.01)
    assert result.change == pytest.approx(0.0, abs=0.011)


def test_a_partial_survey_keeps_last_years_indicators_it_does_not_cover() -> None:
    previous = official_assessment(2565, "phitsanulok_pao_2565.csv")  # IIT indicators 96.13 95.31 91.38 91.75 92.14
    fw = shipped_framework(2566)
    survey = {"IIT": {f"I{n}": 80.0 for n in range(1, 7)}}  # indicator 1 only
    result = forecast(fw, survey=survey, previous=previous)
    iit = (80 + 95.31 + 91.38 + 91.75 + 92.14) / 5
    assert result.assessment.tools["IIT"].value == pytest.approx(iit, abs=0.01)
    assert any("ปีก่อน" in note for note in result.notes)


def test_a_year_without_oit_grouping_uses_the_share_approved() -> None:
    fw = shipped_framework(2568)
    codes = [code for code, item in fw.items.items() if item.is_oit]
    board = {code: index >= 2 for index, code in enumerate(codes)}  # the first two not approved
    result = forecast(
        fw,
        survey={"IIT": {f"I{n}": 100.0 for n in range(1, 31)}, "EIT": {f"E{n}": 100.0 for n in range(1, 16)}},
        oit_statuses=board,
    )
    share = (len(codes) - 2) / len(codes) * 100
    assert result.sources["OIT"] == BOARD_SHARE
    assert result.assessment.tools["OIT"].value == pytest.approx(share, abs=0.01)
    assert result.assessment.total.value == pytest.approx(0.6 * 100 + 0.4 * share, abs=0.01)
    assert result.at_risk == codes[:2] and result.change is None


def test_nothing_known_gives_no_total() -> None:
    result = forecast(shipped_framework(2566))
    assert set(result.sources.values()) == {NONE} and result.assessment.total.value is None
