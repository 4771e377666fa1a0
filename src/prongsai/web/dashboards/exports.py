"""The rows of a dashboard's CSV and XLSX exports (every row of the filtered set, not one page); written by
exporting/table_files.py."""

from __future__ import annotations

from typing import Any

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
