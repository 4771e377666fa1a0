"""The one-row-per-agency table of a batch run, as CSV or XLSX."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from ..ita.numbers import round2
from ..ita.scoring import Assessment

BASE_COLUMNS = ["agency", "total", "level", "level_reason", "IIT", "EIT", "OIT"]
TAIL_COLUMNS = ["reconciled", "mismatch_codes", "missing", "warnings"]


def batch_columns(indicator_numbers: Iterable[int]) -> list[str]:
    return BASE_COLUMNS + [f"IND{n}" for n in indicator_numbers] + TAIL_COLUMNS


def batch_row(assessment: Assessment) -> list[object]:
    """One agency's line: figures to 2 decimals, blank where unknown, and its reconciliation flags."""

    def shown(value: float | None) -> object:
        return "" if value is None else round2(value)

    tools = assessment.tools
    missing = [f.code for f in (assessment.total, *tools.values(), *assessment.indicators.values()) if not f.known]
    mismatches = [r.code for r in assessment.mismatches]
    return [
        assessment.agency or "",
        shown(assessment.total.value),
        assessment.level or "",
        assessment.level_reason,
        shown(tools["IIT"].value),
        shown(tools["EIT"].value),
        shown(tools["OIT"].value),
        *(shown(f.value) for _, f in sorted(assessment.indicators.items())),
        "ok" if not mismatches else "ไม่ตรง",
        " ".join(mismatches),
        " ".join(missing),
        len(assessment.warnings),
    ]


def write_batch(rows: list[list[object]], columns: list[str], out: Path) -> None:
    """Write to a temporary file first and rename, so a failed run never leaves half a table behind."""
    partial = out.with_name(out.name + ".partial")
    try:
        if out.suffix.lower() == ".xlsx":
            from openpyxl import Workbook

            book = Workbook(write_only=True)
            sheet = book.create_sheet("ผลการประเมิน")
            sheet.freeze_panes = "B2"
            sheet.append(columns)
            for row in rows:
                sheet.append(row)
            book.save(partial)
        else:
            with partial.open("w", newline="", encoding="utf-8-sig") as handle:
                writer = csv.writer(handle)
                writer.writerow(columns)
                writer.writerows(rows)
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
