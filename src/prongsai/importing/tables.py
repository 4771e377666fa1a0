"""Read a CSV, XLSX or JSON result file into header + numbered rows, or say why it cannot be read."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..ita.problems import InputError, Problem
from .bounded import load_json, open_workbook, sheet_rows
from .csv_policy import ZIP_SIGNATURE, csv_rows, decode_text, sniff_delimiter
from .encoding import UTF8, decode_csv_bytes
from .file_reasons import csv_reason
from .limits import RESULTS, Budget, Limits
from .sources import Source, source_bytes, source_name

__all__ = ["SUPPORTED", "Table", "decode_text", "excel_letters", "read_table", "sniff_delimiter"]

SUPPORTED = (".csv", ".xlsx", ".json")
# The Thai names of the columns a result file is read by, to name an English header in Thai in an error.
THAI_COLUMN_NAMES = {"code": "รหัส", "score": "คะแนน", "value": "คะแนน", "channel": "ช่องทาง", "agency": "หน่วยงาน"}


@dataclass
class Table:
    """A rectangular view of the input: `rows` yields (row number as the user sees it, cells by column index)."""

    file: str
    header: list[str]
    rows: Iterable[tuple[int, list[Any]]]
    header_row: int = 1
    column_letters: bool = False
    agency: str | None = None
    encoding: str = UTF8  # how the file's bytes were read (importing/encoding.py), told to the user when not UTF-8

    def column_label(self, index: int) -> str:
        """How to name a column to the user: its Thai name with the header as written (คะแนน (score)), plus the
        Excel letter for XLSX files."""
        name = str(self.header[index]).strip() if index < len(self.header) else ""
        thai = THAI_COLUMN_NAMES.get(name.lower())
        if thai and thai != name:
            name = f"{thai} ({name})"
            if self.column_letters:
                return f"{excel_letters(index)} {name}"
        if self.column_letters:
            return f"{excel_letters(index)} ({name})" if name else excel_letters(index)
        return name or str(index + 1)


def excel_letters(index: int) -> str:
    """The Excel letters of a 0-based column index: 0 -> A, 26 -> AA."""
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(65 + rest) + text
    return text


def read_table(source: Source, limits: Limits = RESULTS, *, name: str | None = None) -> Table:
    """Open any supported result file within `limits`; InputError for a missing, empty, binary, undecodable or
    oversized file, and for anything that is not a regular file (a FIFO, a device).

    `source` is a path, the file's bytes or a binary file object (an upload); `name` is the file name to use for
    bytes (a file object's own name serves otherwise): its suffix gives the type, and messages name it."""
    name = source_name(source, name)
    suffix = Path(name).suffix.lower()
    most = limits.json_bytes if suffix == ".json" else limits.file_bytes
    data = source_bytes(source, name, limits, most, missing="ชื่อไฟล์ผลคะแนนที่มีอยู่จริง")
    if not data.strip():
        raise InputError([Problem("ไฟล์ว่างเปล่า", file=name, expected="หัวตาราง code,score และข้อมูลอย่างน้อยหนึ่งแถว")])
    if suffix == ".xlsx" or data[:4] == ZIP_SIGNATURE:
        return _read_xlsx(data, name, limits)
    if suffix not in SUPPORTED:
        raise InputError(
            [Problem(f"ไม่รองรับไฟล์ชนิด '{suffix or '(ไม่มีนามสกุล)'}'", file=name, expected=".csv, .xlsx หรือ .json")]
        )
    text, encoding = decode_csv_bytes(data, name)  # the encodings of csv_policy.py
    del data
    table = _read_json(text, name, limits) if suffix == ".json" else _read_csv(text, name, limits)
    table.encoding = encoding
    return table


def _read_csv(text: str, name: str, limits: Limits) -> Table:
    reader = csv_rows(text)
    budget = Budget(limits, name)
    header: list[str] = []
    header_row = 0
    try:
        for number, cells in enumerate(reader, start=1):
            budget.take(number, cells)
            if any(c.strip() for c in cells):
                header, header_row = cells, number
                break
    except csv.Error as exc:
        raise InputError([Problem(f"รูปแบบ CSV ผิด: {csv_reason(exc)}", file=name, row=reader.line_num)]) from None
    return Table(name, header, _csv_rows(reader, name, header_row, budget), header_row)


def _csv_rows(reader: Any, name: str, start: int, budget: Budget) -> Iterator[tuple[int, list[Any]]]:
    """Rows streamed from the reader, so a national file is never held twice in memory."""
    number = start
    limits = budget.limits
    # The budget's counts kept in locals: a national file has 880,000 rows, and a call a row would cost a second.
    widest, rows_left, cells_left = limits.columns, limits.rows - budget.rows, limits.cells - budget.cells
    try:
        for cells in reader:
            number = reader.line_num
            width = len(cells)
            if width:  # an empty line costs nothing, as in Budget.take
                rows_left -= 1
                cells_left -= width
                if width > widest or rows_left < 0 or cells_left < 0:
                    budget.rows, budget.cells = limits.rows - rows_left - 1, limits.cells - cells_left - width
                    budget.take(number, cells)  # names the bound (blank trailing cells do not count as columns)
                    rows_left, cells_left = limits.rows - budget.rows, limits.cells - budget.cells
            yield number, cells
    except csv.Error as exc:
        raise InputError([Problem(f"รูปแบบ CSV ผิด: {csv_reason(exc)}", file=name, row=reader.line_num)]) from None


def _read_xlsx(data: bytes, name: str, limits: Limits) -> Table:
    book = open_workbook(data, name, limits)
    sheet = book.worksheets[0]
    for candidate in book.worksheets:
        if candidate.title.strip().lower() in ("results", "ผลคะแนน", "scores"):
            sheet = candidate
            break
    label = f"{name} (ชีต {sheet.title})"
    rows = sheet_rows(sheet, label, Budget(limits, label))
    header: list[str] = []
    header_row = 0
    for number, cells in rows:
        if any(str(c).strip() for c in cells):
            header, header_row = [str(c) for c in cells], number
            break
    return Table(label, header, _xlsx_rows(book, rows), header_row, column_letters=True)


def _xlsx_rows(book: Any, rows: Iterator[tuple[int, list[Any]]]) -> Iterator[tuple[int, list[Any]]]:
    """The rows after the header, streamed (not held in memory); the workbook is closed once they are read."""
    try:
        yield from rows
    finally:
        book.close()


def _read_json(text: str, name: str, limits: Limits) -> Table:
    data = load_json(text, name, limits)
    rows = list(_json_rows(data, name))
    budget = Budget(limits, name)
    for number, cells in rows:
        budget.take(number, cells)
    header = ["code", "score", "channel"]
    if isinstance(data, list) and any(isinstance(r, dict) and r.get("agency") for r in data):
        header.append("agency")
    agency = str(data.get("agency") or "") or None if isinstance(data, dict) else None
    return Table(name, header, rows, 0, agency=agency)


def _json_rows(data: Any, name: str) -> Iterator[tuple[int, list[Any]]]:
    """Accept a list of {code, score, channel?, agency?} records, or {agency?, scores: {...}, channels?: {...}}."""
    if isinstance(data, list):
        for index, record in enumerate(data, start=1):
            if not isinstance(record, dict):
                raise InputError([Problem("แต่ละรายการต้องเป็น object {code, score}", file=name, row=index)])
            yield (
                index,
                [record.get("code", ""), record.get("score", ""), record.get("channel", ""), record.get("agency", "")],
            )
        return
    if isinstance(data, dict) and isinstance(data.get("scores", {}), dict):
        agency = ""
        index = 0
        for code, value in (data.get("scores") or {}).items():
            index += 1
            yield index, [code, value, "", agency]
        channels = data.get("channels") or {}
        if not isinstance(channels, dict):
            raise InputError([Problem("channels ต้องเป็น object {public: {...}, survey: {...}}", file=name)])
        for channel, scores in channels.items():
            if not isinstance(scores, dict):
                raise InputError([Problem(f"channels.{channel} ต้องเป็น object {{code: score}}", file=name)])
            for code, value in scores.items():
                index += 1
                yield index, [code, value, channel, agency]
        if data.get("level") not in (None, ""):
            yield index + 1, ["LEVEL", data["level"], "", agency]
        return
    expected = '[{"code": "I1", "score": 93.68}, ...] หรือ {"scores": {...}}'
    raise InputError([Problem("โครงสร้าง JSON ไม่รู้จัก", file=name, expected=expected)])
