"""Render a Report as XLSX: summary, indicators, questions, OIT items, what-if gains, year over year, and the plan.

Figures stay numbers (format 0.00) equal to `prongsai score --json`; headers are Thai and frozen. The plan sheets
are written by planfile.writer.add_plan_sheets, so the workbook reads back with `prongsai plan check` as the plan.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from ..exporting.cell_text import xlsx_cells
from ..ita.forecast import LABEL as FORECAST_LABEL
from ..planfile.writer import add_plan_sheets
from .model import CHANGE, DATE, NUMBER_KINDS, SCORE, Report, Table, cell_text

SHEETS = (
    ("indicators", "ตัวชี้วัด"),
    ("sub_indicators", "ตัวชี้วัดย่อย OIT"),
    ("tools", "เครื่องมือ"),
    ("questions", "ข้อคำถาม"),
    ("channels", "EIT รายช่องทาง"),
    ("oit_items", "ข้อ OIT"),
    ("whatif", "ผลของการแก้ไข"),
    ("yoy", "เทียบปีก่อน"),
    ("monitoring", "การรายงานผล"),
    ("forecast", "คาดการณ์ (ประเมินตนเอง)"),
    ("forecast_whatif", "คาดการณ์ ผลของการแก้ไข"),
)
# Sheets whose figures are not NACC's: each carries the label under its table, not only in its name, so that a
# sheet copied into another workbook still says what it is.
SHEET_NOTES = {"forecast": FORECAST_LABEL, "forecast_whatif": FORECAST_LABEL}
SUMMARY_SHEET = "สรุป"
NUMBER_FORMAT = "0.00"
CHANGE_FORMAT = "+0.00;-0.00;0.00"
DATE_FORMAT = "d/m/yyyy"


def _style_header(sheet: Any, row: int = 1) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for cell in sheet[row]:
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")


def _write_table(book: Any, title: str, table: Table) -> Any:
    from openpyxl.styles import Alignment

    sheet = book.create_sheet(title)
    sheet.append([c.header for c in table.columns])
    for row in table.rows:
        values: list[Any] = []
        for column, value in zip(table.columns, row, strict=True):
            numeric = column.kind in NUMBER_KINDS and isinstance(value, int | float)
            if numeric or (column.kind == DATE and isinstance(value, dt.date)):
                values.append(value)
            else:
                values.append(cell_text(value, column.kind) if value not in (None, "") else None)
        sheet.append(xlsx_cells(sheet, values))
    _style_header(sheet)
    wrap = Alignment(wrap_text=True, vertical="top")
    total = sum(c.width for c in table.columns)
    for index, column in enumerate(table.columns, start=1):
        letter = sheet.cell(1, index).column_letter
        sheet.column_dimensions[letter].width = max(8.0, min(70.0, 110 * column.width / total))
        for cell in sheet[letter][1:]:
            cell.alignment = wrap
            if column.kind == SCORE:
                cell.number_format = NUMBER_FORMAT
            elif column.kind == CHANGE:
                cell.number_format = CHANGE_FORMAT
            elif column.kind == DATE:
                cell.number_format = DATE_FORMAT
    sheet.freeze_panes = "A2"
    return sheet


def _summary(book: Any, report: Report) -> None:
    from openpyxl.styles import Font

    sheet = book.create_sheet(SUMMARY_SHEET, 0)
    sheet.append(["รายการ", "ค่า"])
    for label, value in report.summary.items():
        sheet.append(xlsx_cells(sheet, [label, value]))
        cell = sheet.cell(sheet.max_row, 2)
        if isinstance(value, float):
            cell.number_format = NUMBER_FORMAT
        elif isinstance(value, dt.date):
            cell.number_format = DATE_FORMAT
    _style_header(sheet)
    sheet.column_dimensions["A"].width = 32
    sheet.column_dimensions["B"].width = 70
    sheet.freeze_panes = "A2"
    sheet.insert_rows(1)
    sheet.insert_rows(1)
    sheet["A1"] = " ".join(report.title)
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.freeze_panes = "A4"


def _note(sheet: Any, text: str) -> None:
    """A bold line two rows under the table, also printed in the page header."""
    from openpyxl.styles import Font

    cell = sheet.cell(sheet.max_row + 2, 1, f"หมายเหตุ: {text}")
    cell.font = Font(bold=True, color="9C0006")
    sheet.oddHeader.center.text = text


def _indicator_chart(sheet: Any, table: Table) -> None:
    """A native bar chart of the indicator scores next to the table (Excel and LibreOffice draw it)."""
    from openpyxl.chart import BarChart, Reference

    score_column = next((i for i, c in enumerate(table.columns, start=1) if c.kind == SCORE), None)
    if score_column is None or not table.rows:
        return
    chart = BarChart()
    chart.type = "bar"
    chart.title = "คะแนนรายตัวชี้วัด"
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 100
    chart.legend = None
    last = len(table.rows) + 1
    chart.add_data(Reference(sheet, min_col=score_column, min_row=1, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=2, min_row=2, max_row=last))
    chart.height, chart.width = 9, 16
    sheet.add_chart(chart, "G2")


def render_xlsx(report: Report) -> bytes:
    """The report's figures and plan as an XLSX workbook (bytes)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.worksheets[0])  # the empty default sheet
    if report.summary:
        _summary(book, report)
    tables = report.tables()
    for key, title in SHEETS:
        if key in tables:
            sheet = _write_table(book, title, tables[key])
            if key == "indicators":
                _indicator_chart(sheet, tables[key])
            if key in SHEET_NOTES:
                _note(sheet, SHEET_NOTES[key])
    if report.plan is not None:
        add_plan_sheets(book, report.plan)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
