"""Write a plan as XLSX (for editing in Excel), CSV (UTF-8 with BOM) or JSON (`prongsai-plan/1`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..atomic import atomic_path
from ..exporting.cell_text import csv_cells, xlsx_cells
from ..ita.plan import PLAN_SCHEMA, STATUSES, Plan, PlanRow
from ..ita.problems import InputError, Problem
from ..ita.thaidates import format_date
from .columns import CODES, COLUMNS, DATE, HELP_SHEET, LINES, META_FIELDS, META_SHEET, PLAN_SHEET, STATUS, STEPS

SUFFIXES = (".xlsx", ".csv", ".json")


def cell_text(row: PlanRow, key: str, kind: str) -> Any:
    """How one field is shown in a spreadsheet cell; the reader turns the same text back into the field."""
    value = getattr(row, key)
    if kind == LINES:
        return "\n".join(value)
    if kind == STEPS:
        return "\n".join(f"{i}. {step}" for i, step in enumerate(value, start=1))
    if kind == CODES:
        return ", ".join(value)
    if kind == DATE:
        return format_date(value, style="numeric") if value else ""
    if kind == STATUS:
        return STATUSES.get(value, "")
    return value


def plan_table(plan: Plan) -> tuple[list[str], list[list[Any]]]:
    """Header and rows exactly as the CSV and the XLSX plan sheet hold them."""
    header = [column.header for column in COLUMNS]
    rows = [[cell_text(row, c.key, c.kind) for c in COLUMNS] for row in plan.rows]
    return header, rows


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The JSON form: metadata plus one object per row, dates as ISO (CE) strings, status as its key."""
    rows = []
    for row in plan.rows:
        rows.append(
            {
                "number": row.number,
                "theme": row.theme,
                "measure": row.measure,
                "questions": list(row.questions),
                "practice": row.practice,
                "responsible": list(row.responsible),
                "period": row.period,
                "deadline": row.deadline.isoformat() if row.deadline else None,
                "steps": list(row.steps),
                "monitoring": row.monitoring,
                "evidence": list(row.evidence),
                "status": row.status or None,
                "progress": row.progress,
            }
        )
    return {
        "schema": PLAN_SCHEMA,
        "agency": plan.agency,
        "year": plan.year,
        "assessed_year": plan.assessed_year,
        "source": plan.source,
        "rows": rows,
    }


def write_plan(plan: Plan, out: Path) -> None:
    """Write atomically (a temporary file renamed into place), so a failed write leaves no half file."""
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError([Problem(f"ไม่รองรับนามสกุล '{suffix}'", file=out.name, expected=", ".join(SUFFIXES))])
    with atomic_path(out) as partial:
        if suffix == ".json":
            partial.write_text(json.dumps(plan_to_dict(plan), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        elif suffix == ".csv":
            _write_csv(plan, partial)
        else:
            from openpyxl import Workbook

            book = Workbook()
            book.remove(book.worksheets[0])  # the empty default sheet
            add_plan_sheets(book, plan)
            book.save(partial)


def _write_csv(plan: Plan, path: Path) -> None:
    import csv

    header, rows = plan_table(plan)
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(map(csv_cells, rows))  # the plan reader takes the formula quote off again


def add_plan_sheets(book: Any, plan: Plan) -> None:
    """Add the plan sheet, its metadata and a column guide to an openpyxl workbook (reports reuse this)."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    header, rows = plan_table(plan)
    sheet = book.create_sheet(PLAN_SHEET)
    sheet.append(header)
    for row in rows:
        sheet.append(xlsx_cells(sheet, row))
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[1]:
        cell.font, cell.fill, cell.alignment = bold, fill, Alignment(wrap_text=True, vertical="center")
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = wrap
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = column.width
    sheet.freeze_panes = "D2"
    status_col = next(i for i, c in enumerate(COLUMNS, start=1) if c.key == "status")
    letter = sheet.cell(1, status_col).column_letter
    labels = ",".join(STATUSES.values())
    validation = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=True)
    validation.error = "เลือกสถานะจากรายการ"
    validation.add(f"{letter}2:{letter}1000")
    sheet.add_data_validation(validation)

    meta = book.create_sheet(META_SHEET)
    values = {
        "agency": plan.agency or "",
        "year": plan.year,
        "assessed_year": plan.assessed_year,
        "source": plan.source,
        "schema": PLAN_SCHEMA,
    }
    meta.append(["รายการ", "ค่า"])
    for key, label in META_FIELDS:
        meta.append(xlsx_cells(meta, [label, values[key]]))
    meta.column_dimensions["A"].width = 28
    meta.column_dimensions["B"].width = 60
    for cell in meta[1]:
        cell.font, cell.fill = bold, fill

    guide = book.create_sheet(HELP_SHEET)
    guide.append(["คอลัมน์", "รหัส", "คำอธิบาย"])
    for column in COLUMNS:
        guide.append([column.header, column.key, column.help])
    guide.append([])
    guide.append(
        [
            "หมายเหตุ",
            "",
            "แก้ไขข้อความ เพิ่มหรือลบแถวในชีตแผนมาตรการได้ตามต้องการ แล้วนำแฟ้มกลับเข้าโปรแกรม โปรแกรมจะตรวจทุกแถวและแจ้งแถวที่อ่านไม่ได้",
        ]
    )
    for letter, width in zip("ABC", (32, 14, 90), strict=True):
        guide.column_dimensions[letter].width = width
    for cell in guide[1]:
        cell.font, cell.fill = bold, fill
