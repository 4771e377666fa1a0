"""The forecast as a section of the analysis report (issue 14, point 4): built from the engine's Forecast, labelled
as a self-assessment, absent when it would rest only on last year's official figures, and reachable from
`prongsai report --forecast-survey` with the survey's scores computed by hand here from the NACC formula."""

from __future__ import annotations

import pytest

from prongsai.ita.analysis import analyse
from prongsai.ita.forecast import LABEL, forecast
from prongsai.ita.library import shipped_framework
from prongsai.ita.plan_draft import draft_plan
from prongsai.reports.analysis_report import build_analysis_report
from prongsai.reports.model import Paragraph, Report, Section, Table
from tests.support.forecast_inputs import iit_scores, official_assessment


def _section(built: Report, key: str) -> Section | None:
    return next((s for s in built.sections if s.key == key), None)


def test_the_report_carries_the_forecast_with_its_label_and_sources() -> None:
    official = official_assessment(2564, "ayutthaya_province_2564.csv")
    result = forecast(shipped_framework(2565), survey={"IIT": iit_scores(2565)}, previous=official)
    analysis = analyse(official)
    built = build_analysis_report(analysis, draft_plan(analysis), forecast=result)
    section = _section(built, "forecast")
    assert section is not None
    texts = [b.text for b in section.blocks if isinstance(b, Paragraph)]
    assert LABEL in texts
    table = next(b for b in section.blocks if isinstance(b, Table) and b.key == "forecast")
    by_tool = {row[0]: row for row in table.rows}
    iit = next(row for label, row in by_tool.items() if "(IIT)" in label)
    assert iit[1] == pytest.approx(sum(iit_scores(2565).values()) / 30, abs=0.006)
    assert iit[2] == "แบบสำรวจของหน่วยงานเอง"
    eit = next(row for label, row in by_tool.items() if "(EIT)" in label)
    assert eit[1] == pytest.approx(official.tools["EIT"].value, abs=0.006) and eit[2] == "ผลทางการของปีก่อน"
    total = table.rows[-1]
    assert total[1] == pytest.approx(result.assessment.total.value, abs=0.006)
    assert total[2] == f"ระดับ {result.assessment.level}"
    # the section sits after the plan and before the signature, so the official figures come first
    keys = [s.key for s in built.sections]
    assert keys.index("plan") < keys.index("forecast") < keys.index("signature")


def test_no_section_when_the_forecast_rests_only_on_last_year() -> None:
    official = official_assessment(2564, "ayutthaya_province_2564.csv")
    only_last_year = forecast(shipped_framework(2565), previous=official)
    analysis = analyse(official)
    built = build_analysis_report(analysis, draft_plan(analysis), forecast=only_last_year)
    assert _section(built, "forecast") is None
