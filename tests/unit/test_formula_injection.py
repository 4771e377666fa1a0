"""Outputs are safe against formula injection (exporting/cell_text.py): agency names and other typed text that start
with =, +, -, @ are read back from the CSV with the OWASP quote and from the XLSX as text cells with quotePrefix,
shown unchanged; numbers, negative ones included, stay numbers."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook

from prongsai.exporting.cell_text import csv_cells, csv_text, formula_like, from_csv_text, xlsx_cells
from prongsai.ita.library import framework_for
from prongsai.ita.plan import Plan, PlanRow
from prongsai.planfile.columns import META_SHEET, PLAN_SHEET
from prongsai.planfile.reader import read_plan
from prongsai.planfile.writer import write_plan


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
