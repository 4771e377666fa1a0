"""A provisional year (2570, and any year made with `framework derive`) works for preparation and says so in Thai."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from prongsai.frameworkfile import read_framework_path
from tests.support.cli import run_cli, score_json
from tests.support.reports_helpers import docx_text, loose, ok, pdftotext

NOTICE = "กรอบการประเมินปี 2570 เป็นกรอบชั่วคราว"
INDICATORS_2570 = [96.0, 92.0, 95.0, 93.0, 92.0, 88.0, 86.0, 87.0, 90.0, 95.0]


@pytest.fixture
def results_2570(tmp_path: Path) -> Path:
    path = tmp_path / "r2570.csv"
    rows = [f"IND{n},{v}" for n, v in enumerate(INDICATORS_2570, start=1)]
    path.write_text("code,score\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_template_for_2570_works_and_warns(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    result = ok(run_cli("template", "--year", "2570", "-o", out))
    assert NOTICE in result.stdout.replace("\n", "")
    codes = [row[0] for row in load_workbook(out).active.iter_rows(min_row=2, values_only=True)]
    assert "O26" in codes and "O27" not in codes and "IND10" in codes


def test_score_of_2570_indicator_level_file_warns_that_the_framework_is_provisional(results_2570: Path) -> None:
    data = score_json(results_2570, 2570)
    expected = 0.3 * sum(INDICATORS_2570[:5]) / 5 + 0.3 * sum(INDICATORS_2570[5:8]) / 3 + 0.4 * 92.5
    assert data["total"] == pytest.approx(expected, abs=0.005)
    assert data["level"] == "ผ่านดี"
    assert data["framework"]["provisional"] is True
    assert data["warnings"][0].startswith(NOTICE)
    text = run_cli("score", results_2570, "--year", "2570").stdout.replace("\n", "")
    assert NOTICE in text


def test_analyze_plan_draft_and_reports_of_2570_say_so(results_2570: Path, tmp_path: Path) -> None:
    result = ok(run_cli("analyze", results_2570, "--year", "2570", "--json"))
    assert json.loads(result.stdout)["assessment"]["warnings"][0].startswith(NOTICE)
    assert NOTICE in ok(run_cli("analyze", results_2570, "--year", "2570")).stdout.replace("\n", "")
    draft = ok(
        run_cli(
            "plan", "draft", results_2570, "--year", "2570", "-o", tmp_path / "plan.xlsx", "--question-threshold", "95"
        )
    )
    assert NOTICE in draft.stderr.replace("\n", "")
    for fmt in ("docx", "pdf", "xlsx", "html"):
        out = tmp_path / f"report.{fmt}"
        ok(run_cli("report", results_2570, "--year", "2570", "-o", out, "--date", "15/12/2569"))
        if fmt == "docx":
            text = docx_text(out)
        elif fmt == "pdf":
            text = pdftotext(out)
        elif fmt == "xlsx":
            book = load_workbook(out)
            text = "\n".join(
                str(v)
                for sheet in book.worksheets
                for row in sheet.iter_rows(values_only=True)
                for v in row
                if v is not None
            )
        else:
            text = out.read_text(encoding="utf-8")
        assert loose(NOTICE) in loose(text), fmt
        position = loose(text).find(loose(NOTICE))
        assert position < len(loose(text)) // 4, f"{fmt}: the notice should be near the top"


@pytest.mark.parametrize("suffix", [".yaml", ".xlsx"])
def test_derive_makes_a_provisional_framework_for_any_future_year(
    tmp_path: Path, results_2570: Path, suffix: str
) -> None:
    out = tmp_path / f"fy2571{suffix}"
    result = ok(run_cli("framework", "derive", "2571", "--from", "2570", "-o", out))
    assert "2571" in result.stdout
    derived = read_framework_path(out)
    assert derived.year == 2571 and derived.is_provisional and derived.derived_from == 2570
    assert all(".fy2570." not in i.topic for i in derived.items.values())
    data = score_json(results_2570, 2571, "--framework", out)
    assert data["warnings"][0].startswith("กรอบการประเมินปี 2571 เป็นกรอบชั่วคราว ยกมาจากปี 2570")


def test_derive_refuses_a_year_before_its_source(tmp_path: Path) -> None:
    result = run_cli("framework", "derive", "2569", "--from", "2570", "-o", tmp_path / "x.yaml")
    assert result.exit_code == 2 and "ต้องอยู่หลังปีต้นทาง" in result.stderr
    assert not (tmp_path / "x.yaml").exists()
