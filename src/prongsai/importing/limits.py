"""The bounds every file read in is held to (results, plan file, framework workbook), in one place.

A file breaks a bound -> InputError in Thai naming the file and the bound, before anything is written. The numbers
are far above any real file (a national results CSV of 10,000 agencies is 880,000 rows and 34 MiB; a plan has tens
of rows) and far below what would exhaust a web worker. docs/security.md ("ไฟล์ที่รับเข้า") lists them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..ita.problems import InputError, Problem

MIB = 1024 * 1024
# Excel's own sheet size: a row or column number beyond it is not from a spreadsheet program.
EXCEL_MAX_ROW = 1_048_576
EXCEL_MAX_COLUMN = 16_384
# A zip member smaller than this may have any compression ratio (tiny XML parts compress very well).
RATIO_FREE_BYTES = 1 * MIB


@dataclass(frozen=True)
class Limits:
    """Bounds for one kind of input file; `what` names the kind in messages."""

    what: str
    file_bytes: int  # the file as stored (CSV, XLSX, JSON)
    json_bytes: int  # a JSON file (read whole into memory, so smaller)
    rows: int  # rows read (empty lines and the gaps between XLSX rows are not counted)
    columns: int  # cells in one row, up to its last non-empty cell (an XLSX's declared dimension is ignored)
    cells: int  # cells in all rows read
    xlsx_bytes: int  # the sum of an XLSX's members once uncompressed, as its zip directory declares them
    xlsx_members: int  # members of the XLSX zip
    xlsx_ratio: int  # uncompressed / compressed size of any member above RATIO_FREE_BYTES
    json_depth: int  # nesting of JSON arrays and objects


RESULTS = Limits(
    what="ไฟล์ผลคะแนน",
    file_bytes=256 * MIB,
    json_bytes=64 * MIB,
    rows=3_000_000,
    columns=200,
    cells=30_000_000,
    xlsx_bytes=512 * MIB,
    xlsx_members=1_000,
    xlsx_ratio=100,
    json_depth=32,
)
PLAN = Limits(
    what="แฟ้มแผน",
    file_bytes=32 * MIB,
    json_bytes=16 * MIB,
    rows=10_000,
    columns=200,
    cells=500_000,
    xlsx_bytes=128 * MIB,
    xlsx_members=1_000,
    xlsx_ratio=100,
    json_depth=32,
)
# The framework workbook (frameworkfile/workbook.py): a few hundred rows over a few sheets.
FRAMEWORK = Limits(
    what="ไฟล์กรอบการประเมิน",
    file_bytes=32 * MIB,
    json_bytes=16 * MIB,
    rows=50_000,
    columns=200,
    cells=1_000_000,
    xlsx_bytes=128 * MIB,
    xlsx_members=1_000,
    xlsx_ratio=100,
    json_depth=32,
)

# An agency's DOCX report template (`prongsai report --template`): a letterhead and a few pages.
TEMPLATE = Limits(
    what="ไฟล์แม่แบบ",
    file_bytes=32 * MIB,
    json_bytes=0,
    rows=0,
    columns=0,
    cells=0,
    xlsx_bytes=128 * MIB,
    xlsx_members=1_000,
    xlsx_ratio=100,
    json_depth=0,
)


def size_text(count: int) -> str:
    """A byte count as people read it: '256 MiB' (or bytes below one MiB)."""
    return f"{count / MIB:g} MiB" if count >= MIB else f"{count:,} ไบต์"


def too_big(name: str, message: str, limit: str, row: int | None = None, column: str | None = None) -> InputError:
    """The InputError of a broken bound: what was found, and the bound ('ไม่เกิน ...') as the expected form."""
    return InputError(
        [Problem(message, file=name, row=row, column=column, expected=f"{limit} (ขีดจำกัดเพื่อความปลอดภัยของระบบ)")]
    )


class Budget:
    """Counts the rows and cells of one file as they are read, and stops the read at the first bound broken."""

    def __init__(self, limits: Limits, name: str):
        self.limits = limits
        self.name = name
        self.rows = 0
        self.cells = 0

    def take(self, number: int, cells: Any, label: Any = None) -> None:
        """Count one row (`number` as the user sees it); blank rows cost nothing. `label(i)` names column i."""
        width = len(cells)
        if not width:
            return
        limits = self.limits
        if width > limits.columns:
            width = next((i + 1 for i in range(width - 1, -1, -1) if cells[i] not in (None, "")), 0)
        if width > limits.columns:
            column = label(width - 1) if label else str(width)
            raise too_big(
                self.name,
                f"แถวนี้มีข้อมูลถึงคอลัมน์ที่ {width:,} เกินจำนวนคอลัมน์สูงสุดของ{limits.what}",
                f"ไม่เกิน {limits.columns:,} คอลัมน์ต่อแถว",
                row=number,
                column=column,
            )
        self.rows += 1
        self.cells += width
        if self.rows > limits.rows:
            raise too_big(
                self.name, f"{limits.what}มีข้อมูลเกิน {limits.rows:,} แถว", f"ไม่เกิน {limits.rows:,} แถว", row=number
            )
        if self.cells > limits.cells:
            raise too_big(
                self.name, f"{limits.what}มีข้อมูลเกิน {limits.cells:,} ช่อง", f"ไม่เกิน {limits.cells:,} ช่อง", row=number
            )
