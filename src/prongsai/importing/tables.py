"""Read a CSV, XLSX or JSON result file into header + numbered rows, or say why it cannot be read."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..ita.problems import InputError, Problem
from .encoding import UTF8, decode_csv_bytes

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


def read_table(path: str | Path) -> Table:
    """Open any supported result file; InputError for a missing, empty, binary or undecodable file."""
    path = Path(path)
    name = path.name
    if not path.exists():
        raise InputError([Problem("ไม่พบไฟล์", file=str(path), expected="ชื่อไฟล์ผลคะแนนที่มีอยู่จริง")])
    if path.is_dir():
        raise InputError([Problem("เป็นโฟลเดอร์ ไม่ใช่ไฟล์", file=str(path))])
    data = path.read_bytes()
    if not data.strip():
        raise InputError([Problem("ไฟล์ว่างเปล่า", file=name, expected="หัวตาราง code,score และข้อมูลอย่างน้อยหนึ่งแถว")])
    suffix = path.suffix.lower()
    if suffix == ".xlsx" or data[:4] == b"PK\x03\x04":
        return _read_xlsx(data, name)
    if suffix not in SUPPORTED:
        raise InputError(
            [Problem(f"ไม่รองรับไฟล์ชนิด '{suffix or '(ไม่มีนามสกุล)'}'", file=name, expected=".csv, .xlsx หรือ .json")]
        )
    text, encoding = decode_csv_bytes(data, name)
    table = _read_json(text, name) if suffix == ".json" else _read_csv(text, name)
    table.encoding = encoding
    return table


def decode_text(data: bytes, name: str) -> str:
    """The text of a file (UTF-8, UTF-16 with BOM, or well-formed Thai cp874); see importing/encoding.py."""
    return decode_csv_bytes(data, name)[0]


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV text, from its first line: ';' or a tab when they outnumber commas there."""
    sample = text[:4096]
    first = sample.splitlines()[0] if sample else ""
    if first.count(";") > first.count(",") and first.count(";") > first.count("\t"):
        return ";"
    if first.count("\t") > first.count(","):
        return "\t"
    return ","


def _read_csv(text: str, name: str) -> Table:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    header: list[str] = []
    header_row = 0
    try:
        for number, cells in enumerate(reader, start=1):
            if any(c.strip() for c in cells):
                header, header_row = cells, number
                break
    except csv.Error as exc:
        raise InputError([Problem(f"รูปแบบ CSV ผิด: {exc}", file=name, row=reader.line_num)]) from None
    return Table(name, header, _csv_rows(reader, name, header_row), header_row)


def _csv_rows(reader: Any, name: str, start: int) -> Iterator[tuple[int, list[Any]]]:
    """Rows streamed from the reader, so a national file is never held twice in memory."""
    number = start
    try:
        for cells in reader:
            number = reader.line_num
            yield number, cells
    except csv.Error as exc:
        raise InputError([Problem(f"รูปแบบ CSV ผิด: {exc}", file=name, row=reader.line_num)]) from None


def _read_xlsx(data: bytes, name: str) -> Table:
    from openpyxl import load_workbook  # imported here: only XLSX input pays for it

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError([Problem(f"เปิดเป็นไฟล์ Excel (.xlsx) ไม่ได้: {exc}", file=name, expected="ไฟล์ .xlsx")]) from None
    sheet = book.worksheets[0]
    for candidate in book.worksheets:
        if candidate.title.strip().lower() in ("results", "ผลคะแนน", "scores"):
            sheet = candidate
            break
    header: list[str] | None = None
    header_row = 0
    rows: list[tuple[int, list[Any]]] = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = ["" if v is None else v for v in values]
        if header is None:
            if any(str(c).strip() for c in cells):
                header, header_row = [str(c) for c in cells], number
            continue
        rows.append((number, cells))
    book.close()
    return Table(f"{name} (ชีต {sheet.title})", header or [], rows, header_row, column_letters=True)


def _read_json(text: str, name: str) -> Table:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        problem = Problem(f"รูปแบบ JSON ผิด: {exc.msg}", file=name, row=exc.lineno, column=f"ตัวอักษรที่ {exc.colno}")
        raise InputError([problem]) from None
    rows = list(_json_rows(data, name))
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
            yield index, [record.get("code", ""), record.get("score", ""), record.get("channel", ""),
                          record.get("agency", "")]
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
