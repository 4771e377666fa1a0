"""Issue 4: the O43 progress report from a plan whose rows carry statuses and progress notes (DOCX and PDF)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from prongsai.ita.plan import STATUSES
from tests.support.cli import run_cli
from tests.support.reports_helpers import (
    ASCII_DIGIT,
    CASES,
    docx_tables,
    docx_text,
    draft_plan_file,
    find_table,
    load_plan,
    ok,
    outside_codes,
    pdffonts,
)

EDITS = {
    1: ("ดำเนินการแล้วเสร็จ", "จัดประชุมชี้แจงแล้ว 2 ครั้ง มีผู้เข้าร่วม 120 คน"),
    2: ("อยู่ระหว่างดำเนินการ", "จัดทำแผนผังขั้นตอนแล้ว 3 จาก 5 งานบริการ"),
    3: ("ล่าช้ากว่ากำหนด", "รองบประมาณจัดทำป้าย"),
    4: ("ยกเลิก", "รวมกับมาตรการที่ 2"),
}


@pytest.fixture(scope="module")
def plan_with_progress(tmp_path_factory: Any) -> Path:
    """Ang Thong's drafted plan as an officer fills it in: statuses and progress notes on four measures."""
    directory = tmp_path_factory.mktemp("progress")
    path = draft_plan_file(CASES["angthong"], directory)
    book = load_workbook(path)
    sheet = book["แผนมาตรการ"]
    header = [c.value for c in sheet[1]]
    status, progress = header.index("สถานะ") + 1, header.index("ผลการดำเนินงาน") + 1
    for row, (label, note) in EDITS.items():
        sheet.cell(row + 1, status).value = label
        sheet.cell(row + 1, progress).value = note
    book.save(path)
    return path


def _progress(plan: Path, out: Path, *extra: Any) -> Path:
    ok(run_cli("report-progress", plan, "-o", out, "--as-of", "31/03/2567", "--date", "5/4/2567", *extra))
    assert out.exists()
    return out


def test_progress_docx_counts_statuses_and_shows_each_measure(plan_with_progress: Path, tmp_path: Path) -> None:
    plan = load_plan(plan_with_progress)
    out = _progress(plan_with_progress, tmp_path / "progress.docx", "-a", "องค์การบริหารส่วนจังหวัดอ่างทอง")
    text = docx_text(out)
    assert "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน" in text
    assert "องค์การบริหารส่วนจังหวัดอ่างทอง" in text and "ข้อมูล ณ วันที่ 31 มีนาคม 2567" in text
    assert "ไตรมาสที่ 2 ของปีงบประมาณ พ.ศ. 2567" in text
    tables = docx_tables(out)
    summary = find_table(tables, "สถานะ", "จำนวนมาตรการ", "ร้อยละ")
    counts = {row[0]: int(row[1]) for row in summary[1:]}
    expected = Counter(label for label, _ in EDITS.values())
    expected["ยังไม่ดำเนินการ"] = len(plan.rows) - len(EDITS)  # drafted rows start as not started
    for label in STATUSES.values():
        assert counts[label] == expected.get(label, 0), label
    assert counts["รวม"] == len(plan.rows)
    measure_tables = [t for t in tables if t[0] == ["หัวข้อ", "รายละเอียด"]]
    assert len(measure_tables) == len(plan.rows)
    for table, row in zip(measure_tables, plan.rows, strict=True):
        fields = dict((r[0], r[1]) for r in table[1:])
        assert fields["ข้อการประเมินที่ตอบ"] == ", ".join(row.questions)
        assert fields["สถานะ"] == (row.status_label or "ไม่ระบุสถานะ")
        if row.number in EDITS:
            assert fields["ผลการดำเนินงาน"] == EDITS[row.number][1]
        else:
            assert fields["ผลการดำเนินงาน"] == "ยังไม่ได้รายงานผล"


def test_progress_lists_measures_past_their_deadline(plan_with_progress: Path, tmp_path: Path) -> None:
    plan = load_plan(plan_with_progress)
    deadline = max(row.deadline for row in plan.rows if row.deadline)
    after = deadline + dt.timedelta(days=1)
    out = tmp_path / "late.docx"
    ok(run_cli("report-progress", plan_with_progress, "-o", out, "--as-of", after.isoformat()))
    text = docx_text(out)
    open_rows = [r for r in plan.rows if r.status not in ("done", "cancelled")]
    assert f"มีจำนวน {len(open_rows)} มาตรการ" in text
    assert "พ้นปีงบประมาณ พ.ศ. 2567 แล้ว" in text
    before = tmp_path / "early.docx"
    ok(run_cli("report-progress", plan_with_progress, "-o", before, "--as-of", "1/12/2566"))
    assert "ไม่มีมาตรการที่เลยกำหนดแล้วเสร็จ" in docx_text(before)


def test_progress_pdf_and_thai_digits(plan_with_progress: Path, tmp_path: Path) -> None:
    pdf = _progress(plan_with_progress, tmp_path / "progress.pdf")
    names = [line.split()[0] for line in pdffonts(pdf)]
    assert names and all("Sarabun" in n for n in names), names
    thai = _progress(plan_with_progress, tmp_path / "thai.docx", "--thai-digits")
    text = docx_text(thai)
    assert not ASCII_DIGIT.search(outside_codes(text))
    assert "๓๑ มีนาคม ๒๕๖๗" in text


def test_progress_rejects_an_xlsx_output(plan_with_progress: Path, tmp_path: Path) -> None:
    result = run_cli("report-progress", plan_with_progress, "-o", tmp_path / "p.xlsx")
    assert result.exit_code == 2
    assert "ไม่รองรับรูปแบบรายงาน" in result.stderr
    assert not (tmp_path / "p.xlsx").exists()
