"""Plain tables as the CSV and XLSX files the web offers for download: UTF-8 CSV with a BOM so that Excel opens
Thai text, and workbooks of one or more sheets; every cell formula-safe (exporting/cell_text.py)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from .cell_text import csv_cells, xlsx_cells

Rows = Sequence[Sequence[Any]]


def csv_bytes(rows: Rows) -> bytes:
    """The rows as CSV (None as an empty cell), with the BOM Excel needs to read UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(csv_cells("" if value is None else value for value in row))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(sheets: Sequence[tuple[str, Rows]], *, freeze: str) -> bytes:
    """A workbook with one sheet per (title, rows), its header row frozen (and the columns before `freeze`)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.worksheets[0])  # the empty default sheet
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(xlsx_cells(sheet, list(row)))
        sheet.freeze_panes = freeze
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
