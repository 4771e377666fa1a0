"""The forecast as a section of the analysis report (issue 14, point 4): built from the engine's Forecast, labelled
as a self-assessment, absent when it would rest only on last year's official figures, and reachable from
`prongsai report --forecast-survey` with the survey's scores computed by hand here from the NACC formula."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from prongsai.ita.forecast import LABEL
from tests.support.cli import run_cli
from tests.support.forecast_inputs import iit_scores, official_assessment
from tests.support.reports_helpers import CASES, docx_tables, docx_text, find_table, report


def test_cli_report_with_a_survey_scores_file(tmp_path: Path) -> None:
    scores = tmp_path / "คะแนน IIT 2565.csv"
    iit = iit_scores(2565)
    scores.write_text("code,score\n" + "".join(f"{c},{v}\n" for c, v in iit.items()), encoding="utf-8-sig")
    out = report(CASES["ayutthaya"], tmp_path / "report.docx", "--forecast-survey", scores)
    text = docx_text(out)
    assert "การคาดการณ์ผลประจำปีงบประมาณ พ.ศ. 2565" in text and LABEL in text
    table = find_table(docx_tables(out), "แบบวัด", "คะแนนคาดการณ์", "ที่มาของข้อมูล")
    official = official_assessment(2564, "ayutthaya_province_2564.csv")
    iit_value = sum(iit.values()) / 30
    eit_value, oit_value = official.tools["EIT"].value, official.tools["OIT"].value
    expected_total = 0.3 * iit_value + 0.3 * eit_value + 0.4 * oit_value  # ITA.md §2, weights of 2565
    assert float(table[1][1]) == pytest.approx(iit_value, abs=0.006)
    assert float(table[-1][1]) == pytest.approx(expected_total, abs=0.011)


def test_cli_refuses_a_forecast_file_without_survey_scores(tmp_path: Path) -> None:
    scores = tmp_path / "oit.csv"
    scores.write_text("code,score\nO1,100\n", encoding="utf-8")
    out = tmp_path / "report.docx"
    result = run_cli("report", CASES["ayutthaya"]["file"], "--year", "2564", "-o", out, "--forecast-survey", scores)
    assert result.exit_code == 2
    assert "oit.csv" in result.stderr and "IIT หรือ EIT" in result.stderr
    assert not out.exists()


def test_xlsx_report_has_the_forecast_sheet_named_as_a_self_assessment(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    scores = tmp_path / "iit.csv"
    iit = iit_scores(2565)
    scores.write_text("code,score\n" + "".join(f"{c},{v}\n" for c, v in iit.items()), encoding="utf-8")
    out = report(CASES["ayutthaya"], tmp_path / "report.xlsx", "--forecast-survey", scores)
    book = load_workbook(out)
    rows = list(book["คาดการณ์ (ประเมินตนเอง)"].iter_rows(values_only=True))
    assert rows[0] == ("แบบวัด", "คะแนนคาดการณ์", "ที่มาของข้อมูล")
    assert rows[1][1] == pytest.approx(sum(iit.values()) / 30, abs=0.006)
    for name in ("คาดการณ์ (ประเมินตนเอง)", "คาดการณ์ ผลของการแก้ไข"):  # the label travels with the sheet
        sheet = book[name]
        assert rows_with(sheet, f"หมายเหตุ: {LABEL}") and sheet.oddHeader.center.text == LABEL


def rows_with(sheet: Any, text: str) -> list[int]:
    """The numbers of the rows of `sheet` whose first cell is `text`."""
    return [number for number, row in enumerate(sheet.iter_rows(values_only=True), start=1) if row[0] == text]
