"""The one-row-per-agency table of a batch run, as CSV or XLSX."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from math import copysign, floor
from pathlib import Path

from ..atomic import atomic_path
from ..ita.model import TOOLS
from ..ita.numbers import round2
from ..ita.scoring import Assessment, Computation
from .cell_text import csv_cells, xlsx_cells

BASE_COLUMNS = ["agency", "total", "level", "level_reason", *TOOLS]
TAIL_COLUMNS = ["reconciled", "mismatch_codes", "missing", "warnings"]


def batch_columns(indicator_numbers: Iterable[int]) -> list[str]:
    return BASE_COLUMNS + [f"IND{n}" for n in indicator_numbers] + TAIL_COLUMNS


def shown(values: Iterable[float | None]) -> list[object]:
    """round2() of each value, blank for None; without round2's costly round(x, 6) when that cannot matter.

    round2 takes floor(round(|v| * 100, 6) + 0.5): round(, 6) moves |v| * 100 by at most 5e-7, so it cannot
    carry |v| * 100 + 0.5 across a whole number whose distance from it is more than 1e-6. Nearer than that, or
    for large or non-finite values, round2 itself decides.
    """
    found: list[object] = []
    for value in values:
        if value is None:
            found.append("")
            continue
        scaled = abs(value) * 100 + 0.5
        whole = floor(scaled)
        found.append(
            copysign(whole / 100, value) if 1e-6 < scaled - whole < 1 - 1e-6 and scaled < 1e6 else round2(value)
        )
    return found


def batch_row(assessment: Assessment | Computation) -> list[object]:
    """One agency's line: figures to 2 decimals, blank where unknown, and its reconciliation flags.

    It reads the same figures from an Assessment (score()) and from the engine's Computation (a batch).
    """
    tools = assessment.tools
    total = assessment.total
    if isinstance(assessment, Computation):  # indicator values as the engine keeps them, in number order
        indicators = assessment.indicator_values
        unknown = [c for c, v in zip(assessment.indicator_codes, indicators, strict=True) if v is None]
    else:
        indicators = [assessment.indicators[n].value for n in sorted(assessment.indicators)]
        unknown = [f.code for f in assessment.indicators.values() if f.value is None]
    values = [total.value, tools["IIT"].value, tools["EIT"].value, tools["OIT"].value, *indicators]
    figures = shown(values)
    missing = [f.code for f in (total, *tools.values()) if f.value is None] + unknown
    mismatches = [r.code for r in assessment.reconciliation if not r.ok]
    return [
        assessment.agency or "",
        figures[0],
        assessment.level or "",
        assessment.level_reason,
        *figures[1:],
        "ok" if not mismatches else "ไม่ตรง",
        " ".join(mismatches),
        " ".join(missing),
        len(assessment.warnings),
    ]


def csv_body(rows: list[list[object]]) -> str:
    """The CSV lines of `rows`, exactly as write_batch() writes them (a part of a batch can format its own)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(map(csv_cells, rows))
    return buffer.getvalue()


def write_batch(rows: list[list[object]], columns: list[str], out: Path, *, body: list[str] | None = None) -> None:
    """Write to a temporary file first and rename, so a failed run never leaves half a table behind.

    A CSV table may be given as `body`, parts of csv_body() in order, instead of `rows`.
    """
    with atomic_path(out) as partial:
        if out.suffix.lower() == ".xlsx":
            from openpyxl import Workbook

            book = Workbook(write_only=True)
            sheet = book.create_sheet("ผลการประเมิน")
            sheet.freeze_panes = "B2"
            sheet.append(columns)
            for row in rows:
                sheet.append(xlsx_cells(sheet, row))
            book.save(partial)
        else:
            with partial.open("w", newline="", encoding="utf-8-sig") as handle:
                writer = csv.writer(handle)
                writer.writerow(columns)
                if body is None:
                    writer.writerows(map(csv_cells, rows))
                else:
                    handle.writelines(body)
