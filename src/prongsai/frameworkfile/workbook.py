"""A framework workbook being read: its sheets opened within fixed bounds, each cell turned into the value the
framework data wants, every problem collected with its sheet, Excel row and column, and where each piece came from."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

from ..importing.bounded import check_package
from ..importing.file_reasons import package_reason
from ..importing.limits import FRAMEWORK
from ..importing.tables import excel_letters
from ..importing.values import clean, normalise_code, parse_number
from ..ita.problems import InputError, Problem
from .columns import CODE, FLOAT, INT, LINES, SHEETS, STATUS, STATUS_WORDS, Sheet, match_header

MAX_SHEETS = 40
MAX_ROWS = 5000
MAX_SCANNED_ROWS = 100_000  # rows looked at, blank ones included (formatted but empty rows in Excel)
MAX_COLUMNS = 40
MAX_CELL = 20_000
MAX_PROBLEMS = 200
SUB_CODE = re.compile(r"^[1-9][0-9]*\.[1-9][0-9]*$")  # a sub-indicator such as 9.1


@dataclass
class Row:
    """A non-blank data row of a sheet: its Excel row number and its cells by column key."""

    number: int
    cells: dict[str, Any]


@dataclass
class SheetRows:
    """One sheet as read: its rows and the Excel letter of each recognised column."""

    sheet: Sheet
    rows: list[Row] = field(default_factory=list)
    letters: dict[str, str] = field(default_factory=dict)


class Workbook:
    """One workbook being read: the sheets' rows, the problems found, and where each piece of data came from."""

    def __init__(self, data: bytes, name: str):
        self.name = name
        self.problems: list[Problem] = []
        self.locations: dict[str, tuple[str, int]] = {}
        self.sheets = self._read(data)

    # --- reading, within bounds -------------------------------------------------------------------
    def _read(self, data: bytes) -> dict[str, SheetRows]:
        """Every known sheet of the workbook, after checking the zip's unpacked size and the sheets' presence."""
        name = self.name
        check_package(data, name, FRAMEWORK)  # sizes, members, compression ratio, no DTD: as every other workbook
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:
            raise InputError(
                [
                    Problem(
                        f"เปิดเป็นไฟล์ Excel (.xlsx) ไม่ได้: {package_reason(exc)}",
                        file=name,
                        expected="ไฟล์ .xlsx ที่ส่งออกด้วย prongsai framework export",
                    )
                ]
            ) from None
        try:
            if len(book.sheetnames) > MAX_SHEETS:
                raise InputError([Problem(f"ไฟล์มีชีตมากเกิน {MAX_SHEETS} ชีต", file=name)])
            missing = [s.name for s in SHEETS if s.required and s.name not in book.sheetnames]
            if missing:
                raise InputError(
                    [
                        Problem(
                            f"ไม่พบชีต '{sheet}'",
                            file=name,
                            expected="ชีต " + ", ".join(s.name for s in SHEETS if s.required) + " ตามไฟล์ที่ส่งออก",
                        )
                        for sheet in missing
                    ]
                )
            found = {}
            for sheet in SHEETS:
                if sheet.name in book.sheetnames:
                    found[sheet.name] = self._sheet(book[sheet.name], sheet)
        except InputError:
            raise
        except Exception as exc:
            raise InputError([Problem(f"อ่านไฟล์ Excel ไม่ได้: {package_reason(exc)}", file=name)]) from None
        finally:
            book.close()
        if self.problems:
            raise InputError(self.problems)
        return found

    def _sheet(self, page: Any, sheet: Sheet) -> SheetRows:
        """A sheet's header matched to its columns, then its rows, within the row, column and cell bounds."""
        read = SheetRows(sheet)
        columns: dict[int, str] = {}
        header_seen = False
        for number, values in enumerate(page.iter_rows(values_only=True, max_col=MAX_COLUMNS), start=1):
            if len(read.rows) >= MAX_ROWS or number > MAX_SCANNED_ROWS:
                self.fail(
                    sheet,
                    number,
                    None,
                    f"ชีตมีข้อมูลเกิน {MAX_ROWS} แถว หรือยาวเกิน {MAX_SCANNED_ROWS} แถว",
                    "กรอบการประเมินหนึ่งปีมีไม่กี่ร้อยแถว",
                )
                break
            if not header_seen:
                header_seen = True
                for index, text in enumerate(values):
                    column = match_header(sheet, text)
                    if column is None:
                        continue
                    if column.key in read.letters:
                        self.fail(sheet, number, None, f"หัวตาราง '{text}' ซ้ำ", "หัวตารางแต่ละคอลัมน์ไม่ซ้ำกัน")
                    columns[index] = column.key
                    read.letters[column.key] = excel_letters(index)
                lacking = [c.header for c in sheet.columns if c.required and c.key not in read.letters]
                if lacking:
                    self.fail(
                        sheet,
                        number,
                        None,
                        "ไม่พบคอลัมน์ " + ", ".join(lacking),
                        "หัวตารางตามไฟล์ที่ส่งออก: " + ", ".join(c.header for c in sheet.columns),
                    )
                continue
            cells: dict[str, Any] = {}
            for index, key in columns.items():
                value = values[index] if index < len(values) else None
                if isinstance(value, str) and len(value) > MAX_CELL:
                    self.fail(sheet, number, key, f"ข้อความยาวเกิน {MAX_CELL} ตัวอักษร")
                    value = value[:MAX_CELL]
                cells[key] = value
            if any(v is not None and str(v).strip() for v in cells.values()):
                read.rows.append(Row(number, cells))
        return read

    # --- problems -----------------------------------------------------------------------------------
    def label(self, sheet: Sheet) -> str:
        """How a problem names the file and sheet."""
        return f"{self.name} (ชีต {sheet.name})"

    def column(self, sheet: Sheet, key: str | None) -> str | None:
        """How a problem names a column: its Excel letter and header, or the header alone."""
        if key is None:
            return None
        letters = self.sheets[sheet.name].letters if hasattr(self, "sheets") and sheet.name in self.sheets else {}
        letter = letters.get(key)
        header = next((c.header for c in sheet.columns if c.key == key), key)
        return f"{letter} ({header})" if letter else header

    def fail(self, sheet: Sheet, row: int | None, key: str | None, message: str, expected: str | None = None) -> None:
        """Note a problem at a sheet, row and column (at most MAX_PROBLEMS are kept)."""
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(
                Problem(message, file=self.label(sheet), row=row, column=self.column(sheet, key), expected=expected)
            )

    # --- cells --------------------------------------------------------------------------------------
    def value(self, sheet: Sheet, row: Row, key: str) -> Any:
        """The cell as the framework data wants it (None when blank), or a problem naming it."""
        raw = row.cells.get(key)
        kind = next(c.kind for c in sheet.columns if c.key == key)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        if kind == CODE:
            text = clean(raw)
            return text if SUB_CODE.match(text) else normalise_code(text)
        if kind == STATUS:
            text = clean(raw).lower()
            return STATUS_WORDS.get(text, text)
        if kind in (INT, FLOAT):
            number = raw if isinstance(raw, (int, float)) and not isinstance(raw, bool) else parse_number(clean(raw))
            if number is None or (kind == INT and float(number) != int(number)):
                self.fail(
                    sheet,
                    row.number,
                    key,
                    f"'{raw}' ไม่ใช่{'จำนวนเต็ม' if kind == INT else 'ตัวเลข'}",
                    "จำนวนเต็ม เช่น 9 หรือ ๙" if kind == INT else "ตัวเลข เช่น 0.4 หรือ ๐.๔",
                )
                return None
            return int(number) if kind == INT else float(number)
        if kind == LINES:
            return [line.strip() for line in str(raw).replace("\r\n", "\n").split("\n") if line.strip()]
        text = (
            raw
            if isinstance(raw, str)
            else (str(int(raw)) if isinstance(raw, float) and raw.is_integer() else str(raw))
        )
        return text.strip()

    def record(self, sheet: Sheet, row: Row) -> dict[str, Any]:
        """A row's cells, every column of the sheet read as its kind."""
        return {c.key: self.value(sheet, row, c.key) for c in sheet.columns}

    def rows(self, sheet: Sheet) -> list[tuple[Row, dict[str, Any]]]:
        """Each row of a sheet with its cells as the framework data wants them (no rows when the sheet is absent)."""
        read = self.sheets.get(sheet.name)
        return [(row, self.record(sheet, row)) for row in read.rows] if read else []
