"""CSV and XLSX exports of a dashboard's table (every row of the filtered set, not one page)."""

from __future__ import annotations

import csv
import io
from typing import Any

from ...exporting.cell_text import csv_cells, xlsx_cells
from ...ita.numbers import round2
from ..assessments.models import AssessmentRecord

INDICATORS = [str(n) for n in range(1, 11)]
HEADER = [
    "หน่วยงาน",
    "กลุ่ม",
    "ปีงบประมาณ",
    "คะแนนรวม",
    "ระดับ",
    "คะแนนปีก่อน",
    "เปลี่ยนแปลง",
    "IIT",
    "EIT",
    "OIT",
    *[f"IND{n}" for n in INDICATORS],
    "ค่าที่แจ้งไม่ตรง",
]


def _opt(value: float | None) -> float | None:
    return None if value is None else round2(value)


def export_rows(rows: list[dict[str, Any]], year: int | None) -> list[list[Any]]:
    details: dict[int, dict[str, Any]] = {
        r["id"]: dict(r)
        for r in AssessmentRecord.objects.filter(id__in=[row["id"] for row in rows]).values("id", "tools", "indicators")
    }
    table: list[list[Any]] = [list(HEADER)]
    for row in rows:
        detail: dict[str, Any] = details.get(row["id"], {"tools": {}, "indicators": {}})
        table.append(
            [
                row["name"],
                row["group"],
                year,
                _opt(row["total"]),
                row["level"],
                _opt(row["previous"]),
                _opt(row["change"]),
                *[detail["tools"].get(t) for t in ("IIT", "EIT", "OIT")],
                *[detail["indicators"].get(n) for n in INDICATORS],
                row["mismatches"],
            ]
        )
    return table


def to_csv(table: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in table:
        writer.writerow(csv_cells("" if v is None else v for v in row))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM so Excel opens Thai text correctly


def to_xlsx(table: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has its one sheet
    sheet.title = "ภาพรวม"
    for row in table:
        sheet.append(xlsx_cells(sheet, row))
    sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
