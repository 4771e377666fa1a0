"""Outputs are safe against formula injection (exporting/cell_text.py): agency names and other typed text that start
with =, +, -, @ are read back from the CSV with the OWASP quote and from the XLSX as text cells with quotePrefix,
shown unchanged; numbers, negative ones included, stay numbers."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import load_workbook

from prongsai.exporting.cell_text import csv_cells, csv_text, formula_like, from_csv_text, xlsx_cells
from prongsai.ita.library import framework_for
from prongsai.ita.plan import Plan, PlanRow
from prongsai.planfile.columns import META_SHEET, PLAN_SHEET
from prongsai.planfile.reader import read_plan
from prongsai.planfile.writer import write_plan

from .conftest import SAMPLES, run_cli

NAMES = ['=HYPERLINK("https://example.com/x","คลิก")', "+1+2", "-2+3", "@SUM(A1:A9)", "องค์การบริหารส่วนจังหวัดอ่างทอง"]


def _batch_file(tmp_path: Path) -> Path:
    lines = (SAMPLES / "angthong_pao_2566.csv").read_text(encoding="utf-8").splitlines()
    body = [f'"{name.replace(chr(34), chr(34) * 2)}",{line}' for name in NAMES for line in lines[1:]]
    path = tmp_path / "ทั้งจังหวัด.csv"
    path.write_text("\n".join([f"agency,{lines[0]}", *body]) + "\n", encoding="utf-8")
    return path


def test_score_batch_csv_quotes_formula_like_names_and_keeps_numbers(tmp_path: Path) -> None:
    out = tmp_path / "ตาราง.csv"
    result = run_cli("score-batch", _batch_file(tmp_path), "--year", "2566", "-o", out)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [r["agency"] for r in rows] == [f"'{n}" if n[0] in "=+-@" else n for n in NAMES]
    assert [from_csv_text(r["agency"]) for r in rows] == NAMES
    assert {r["total"] for r in rows} == {"92.31"}  # a figure is written as the number it is


def test_score_batch_xlsx_writes_formula_like_names_as_text_shown_unchanged(tmp_path: Path) -> None:
    out = tmp_path / "ตาราง.xlsx"
    result = run_cli("score-batch", _batch_file(tmp_path), "--year", "2566", "-o", out)
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out).active
    cells = [sheet.cell(row, 1) for row in range(2, 2 + len(NAMES))]
    assert [c.value for c in cells] == NAMES
    for cell in cells[:4]:
        assert cell.data_type == "s" and cell.quotePrefix, cell.value
    assert sheet.cell(2, 2).data_type == "n" and sheet.cell(2, 2).value == 92.31


def test_plan_metadata_sheet_and_plan_csv_keep_formula_like_text_as_text(tmp_path: Path) -> None:
    plan = Plan(
        year=2567,
        assessed_year=2566,
        agency="=1+1",
        source="@ที่มา",
        rows=(
            PlanRow(
                number=1,
                measure='=HYPERLINK("https://example.com")',
                questions=("E1",),
                practice="'=ไม่ใช่สูตร",
                monitoring="- ติดตามรายไตรมาส",
            ),
        ),
    )
    book_path = tmp_path / "แผน.xlsx"
    write_plan(plan, book_path)
    meta = {row[0].value: row[1] for row in load_workbook(book_path)[META_SHEET].iter_rows(min_row=2)}
    agency = meta["หน่วยงาน"]
    assert agency.value == "=1+1" and agency.data_type == "s" and agency.quotePrefix
    assert load_workbook(book_path)[PLAN_SHEET].cell(2, 3).quotePrefix
    for path in (book_path, tmp_path / "แผน.csv"):
        write_plan(plan, path)
        back = read_plan(path, load_framework=framework_for, assessed_year=2566)
        assert (back.rows[0].measure, back.rows[0].practice, back.rows[0].monitoring) == (
            plan.rows[0].measure,
            "'=ไม่ใช่สูตร",
            "- ติดตามรายไตรมาส",
        ), path
        assert back.agency == ("=1+1" if path.suffix == ".xlsx" else None)  # a plan CSV holds the rows only
    text = (tmp_path / "แผน.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "''=ไม่ใช่สูตร" in text and "'- ติดตาม" in text


def test_the_helper_for_both_formats() -> None:
    assert [formula_like(t) for t in ("=1", "+1+1", "-1-1", "@A", "\t=1", "-5", "+1.5", "-", "ก=1", "")] == [
        True,
        True,
        True,
        True,
        True,
        False,
        False,
        False,
        False,
        False,
    ]
    assert csv_cells(["=1", -5.5, -3, "-5", None, "x"]) == ["'=1", -5.5, -3, "-5", None, "x"]
    for text in ("=1", "'=1", "''=1", "'ข้อความ", "ข้อความ", "-5", "@"):
        assert from_csv_text(csv_text(text)) == text
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(xlsx_cells(sheet, ["=1+1", -5.5, "-5", "+ผล"]))
    buffer = io.BytesIO()
    book.save(buffer)
    row = next(load_workbook(buffer).active.iter_rows())
    assert [(c.value, c.data_type, bool(c.quotePrefix)) for c in row] == [
        ("=1+1", "s", True),
        (-5.5, "n", False),
        ("-5", "s", False),
        ("+ผล", "s", True),
    ]
