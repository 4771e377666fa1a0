"""Read a plan file an officer has edited (XLSX, CSV or JSON) back into a Plan, or list every row that is wrong.

People edit plans by hand: rows get moved, numbered in Thai digits, left partly blank, copied. The reader accepts
all of that, orders rows by their number (rows without one keep their place after the numbered ones) and numbers
them again from 1; it rejects only what it cannot understand, naming file, row and column. Nothing is returned
unless every row is readable.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..exporting.cell_text import from_csv_text
from ..importing.bounded import load_json, open_workbook, read_regular_file, sheet_rows
from ..importing.csv_policy import ZIP_SIGNATURE, csv_rows, decode_text
from ..importing.file_reasons import csv_reason
from ..importing.limits import PLAN, Budget
from ..importing.sources import Source, source_bytes, source_name
from ..importing.tables import excel_letters
from ..importing.values import clean, normalise_code
from ..ita.model import Framework
from ..ita.plan import STATUSES, Plan, PlanRow
from ..ita.problems import InputError, Problem
from ..ita.thaidates import EXPECTED as DATE_EXPECTED
from ..ita.thaidates import parse_date
from ..ita.years import parse_year
from .columns import (
    CODES,
    COLUMNS,
    DATE,
    LINES,
    META_FIELDS,
    META_SHEET,
    NUMBER,
    PLAN_SHEET,
    STATUS,
    STEPS,
    Column,
    match_header,
)

MAX_PROBLEMS = 200
_BULLET = re.compile(r"^\s*(?:\(?[0-9]{1,2}[.)]|[-•*–])\s*")
_CODE_SPLIT = re.compile(r"[,;/\s]+|และ")
_STATUS_WORDS = (
    {label: key for key, label in STATUSES.items()}
    | {key: key for key in STATUSES}
    | {
        "ยังไม่เริ่ม": "not_started",
        "กำลังดำเนินการ": "in_progress",
        "ดำเนินการอยู่": "in_progress",
        "เสร็จ": "done",
        "เสร็จสิ้น": "done",
        "แล้วเสร็จ": "done",
        "ดำเนินการแล้ว": "done",
        "ล่าช้า": "delayed",
    }
)
FrameworkLoader = Callable[[int], Framework]


def read_plan(
    source: Source,
    *,
    load_framework: FrameworkLoader,
    assessed_year: int | None = None,
    name: str | None = None,
) -> Plan:
    """The plan in `source` (a path, or bytes / an upload with `name`); codes are checked against the framework of
    the assessed year (argument or file)."""
    name = source_name(source, name)
    suffix = Path(name).suffix.lower()
    most = PLAN.json_bytes if suffix == ".json" else PLAN.file_bytes
    missing = "ไฟล์ .xlsx, .csv หรือ .json ที่มีอยู่จริง"
    if isinstance(source, (str, os.PathLike)):
        data = read_regular_file(Path(source), PLAN, most, missing=missing, not_found="ไม่พบไฟล์แผน")
    else:
        data = source_bytes(source, name, PLAN, most, missing=missing)
    if not data.strip():
        raise InputError([Problem("ไฟล์ว่างเปล่า", file=name, expected="ตารางแผนมาตรการที่มีหัวตารางและอย่างน้อยหนึ่งแถว")])
    if suffix == ".xlsx" or data[:4] == ZIP_SIGNATURE:
        label, header, rows, meta, letters = _from_xlsx(data, name)
    elif suffix == ".csv":
        label, header, rows, meta, letters = _from_csv(decode_text(data, name), name)
    elif suffix == ".json":
        label, header, rows, meta, letters = _from_json(decode_text(data, name), name)
    else:
        raise InputError([Problem(f"ไม่รองรับไฟล์ชนิด '{suffix}'", file=name, expected=".xlsx, .csv หรือ .json")])

    year = _assessed_year(meta, assessed_year, label)
    framework = load_framework(year)
    return _Parser(label, header, letters, framework).plan(rows, meta, year)


def _assessed_year(meta: dict[str, Any], given: int | None, label: str) -> int:
    in_file = None
    if clean(meta.get("assessed_year", "")):
        try:
            in_file = parse_year(clean(meta["assessed_year"]))
        except InputError:
            raise InputError(
                [
                    Problem(
                        f"ปีที่ประเมิน '{meta['assessed_year']}' อ่านไม่ได้",
                        file=label,
                        column="assessed_year",
                        expected="ปี พ.ศ. เช่น 2566",
                    )
                ]
            ) from None
    if given is not None and in_file is not None and given != in_file:
        raise InputError(
            [
                Problem(
                    f"แฟ้มแผนระบุปีที่ประเมิน {in_file} แต่สั่งให้ใช้ปี {given}",
                    file=label,
                    expected=f"--year {in_file} หรือแก้ปีในชีต {META_SHEET}",
                )
            ]
        )
    year = given if given is not None else in_file
    if year is None:
        raise InputError(
            [Problem("ไม่ทราบว่าแผนนี้มาจากผลการประเมินปีใด", file=label, expected="ระบุ --year ปีที่ประเมิน เช่น --year 2566")]
        )
    return year


class _Parser:
    """Turns cells into plan fields, collecting every problem before deciding."""

    def __init__(self, label: str, header: list[str], letters: bool, framework: Framework):
        self.label = label
        self.header = header
        self.letters = letters
        self.framework = framework
        self.problems: list[Problem] = []
        self.columns: dict[int, Column] = {}
        seen: dict[str, int] = {}
        for index, text in enumerate(header):
            column = match_header(text) if str(text).strip() else None
            if column is None:
                continue
            if column.key in seen:
                self._problem(
                    f"หัวตาราง '{text}' ซ้ำกับคอลัมน์ {self._where(seen[column.key])}", None, index, "หัวตารางแต่ละคอลัมน์ไม่ซ้ำกัน"
                )
                continue
            seen[column.key] = index
            self.columns[index] = column
        if "measure" not in seen:
            expected = ", ".join(c.header for c in COLUMNS)
            raise InputError(
                [
                    Problem(
                        "ไม่พบคอลัมน์ 'มาตรการ' ในหัวตาราง",
                        file=label,
                        row=1,
                        expected=f"หัวตารางตามแฟ้มแผนของโปรแกรม: {expected}",
                    )
                ]
            )
        self.valid_codes = set(framework.items) | set(framework.sub_indicators)
        self.valid_codes |= {f"IND{n}" for n in framework.indicators}

    def _where(self, index: int) -> str:
        name = str(self.header[index]) if index < len(self.header) else ""
        if not self.letters:
            return name or str(index + 1)
        return f"{excel_letters(index)} ({name})" if name else excel_letters(index)

    def _problem(self, message: str, row: int | None, index: int, expected: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(
                Problem(message, file=self.label, row=row, column=self._where(index), expected=expected)
            )

    def plan(self, rows: list[tuple[int, list[Any]]], meta: dict[str, Any], year: int) -> Plan:
        parsed: list[tuple[int | None, int, PlanRow]] = []
        for position, (number, cells) in enumerate(rows):
            if not any(clean(c) for c in cells):
                continue
            fields: dict[str, Any] = {}
            for index, column in self.columns.items():
                raw = cells[index] if index < len(cells) else ""
                fields[column.key] = self._cell(raw, column, number, index)
            if not fields.get("measure"):
                index = next(i for i, c in self.columns.items() if c.key == "measure")
                self._problem("แถวนี้ไม่มีชื่อมาตรการ", number, index, "ข้อความมาตรการ หรือลบทั้งแถวถ้าไม่ใช้")
                continue
            given_number = fields.pop("number", None)
            fields.setdefault("questions", ())  # a file without that column answers no question
            parsed.append((given_number, position, PlanRow(number=0, **fields)))
        if self.problems:
            raise InputError(self.problems)
        if not parsed:
            raise InputError([Problem("ไม่มีมาตรการในแฟ้ม", file=self.label, expected="อย่างน้อยหนึ่งแถวที่มีมาตรการ")])
        ordered = sorted(parsed, key=lambda p: (p[0] is None, p[0] or 0, p[1]))
        plan_year = _int(clean(meta.get("year", ""))) or year + 1
        plan = Plan(
            year=plan_year,
            assessed_year=year,
            rows=tuple(row for _, _, row in ordered),
            agency=clean(meta.get("agency", "")) or None,
            source=clean(meta.get("source", "")),
        )
        return plan.renumbered()

    def _cell(self, raw: Any, column: Column, row: int, index: int) -> Any:
        if column.kind == DATE:
            if not clean(raw):
                return None
            day = parse_date(raw if not isinstance(raw, str) else clean(raw))
            if day is None:
                self._problem(f"อ่านวันที่ '{raw}' ไม่ได้", row, index, DATE_EXPECTED)
            return day
        items = [clean(v) for v in raw] if isinstance(raw, list) else None
        text = str(raw if raw is not None else "").replace("\r\n", "\n").strip()
        if column.kind == NUMBER:
            value = clean(raw)
            number = _int(value)
            if value and number is None:
                self._problem(f"ลำดับ '{raw}' ไม่ใช่จำนวนเต็ม", row, index, "จำนวนเต็ม เช่น 1, 2, ๓ หรือเว้นว่าง")
            return number
        if column.kind in (LINES, STEPS):
            lines = items if items is not None else text.split("\n")
            return tuple(
                _BULLET.sub("", line, count=1).strip() if column.kind == STEPS else line.strip()
                for line in lines
                if line.strip()
            )
        if column.kind == CODES:
            return self._codes(items if items is not None else _CODE_SPLIT.split(clean(raw)), column, row, index)
        if column.kind == STATUS:
            value = "".join(clean(raw).split())
            if not value:
                return ""
            for word, key in _STATUS_WORDS.items():
                if "".join(word.split()) == value or word == value.lower():
                    return key
            self._problem(f"สถานะ '{raw}' ไม่อยู่ในรายการ", row, index, " / ".join(STATUSES.values()))
            return ""
        return text

    def _codes(self, parts: list[str], column: Column, row: int, index: int) -> tuple[str, ...]:
        codes: list[str] = []
        for part in parts:
            part = clean(part).removeprefix("ข้อ").strip()
            if not part:
                continue
            code = normalise_code(part)
            if code not in self.valid_codes or (column.key == "evidence" and code not in self.framework.oit_codes):
                kind = "ข้อ OIT" if column.key == "evidence" else "ข้อคำถาม ข้อ OIT ตัวชี้วัดย่อย (9.1) หรือตัวชี้วัด (IND1)"
                self._problem(
                    f"ไม่มีรหัส '{part}' ในกรอบการประเมินปี {self.framework.year}",
                    row,
                    index,
                    f"รหัส{kind}ของปี {self.framework.year} คั่นด้วยจุลภาค เช่น E1, O18",
                )
                continue
            if code not in codes:
                codes.append(code)
        return tuple(codes)


def _int(text: str) -> int | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return int(value) if value.is_integer() else None


def _from_xlsx(data: bytes, name: str) -> tuple[str, list[str], list[tuple[int, list[Any]]], dict[str, Any], bool]:
    book = open_workbook(data, name, PLAN)
    try:
        sheet = book[PLAN_SHEET] if PLAN_SHEET in book.sheetnames else book.worksheets[0]
        label = f"{name} (ชีต {sheet.title})"
        header: list[str] | None = None
        rows: list[tuple[int, list[Any]]] = []
        for number, cells in sheet_rows(sheet, label, Budget(PLAN, label)):
            if header is None:
                if any(str(c).strip() for c in cells):
                    header = [str(c) for c in cells]
                continue
            rows.append((number, cells))
        meta: dict[str, Any] = {}
        if META_SHEET in book.sheetnames:
            labels = {label: key for key, label in META_FIELDS}
            meta_label = f"{name} (ชีต {META_SHEET})"
            for _, values in sheet_rows(book[META_SHEET], meta_label, Budget(PLAN, meta_label)):
                if len(values) >= 2 and values[0] in labels and values[1] != "":
                    meta[labels[values[0]]] = values[1]
    finally:
        book.close()
    return label, header or [], rows, meta, True


def _from_csv(text: str, name: str) -> tuple[str, list[str], list[tuple[int, list[Any]]], dict[str, Any], bool]:
    import csv

    reader = csv_rows(text)
    budget = Budget(PLAN, name)
    header: list[str] | None = None
    rows: list[tuple[int, list[Any]]] = []
    try:
        start = 1
        for cells in reader:
            budget.take(start, cells)
            if header is None:
                if any(c.strip() for c in cells):
                    header = cells
                start = reader.line_num + 1
                continue
            rows.append((start, [from_csv_text(c) for c in cells]))  # as the plan CSV writer quoted them
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError([Problem(f"รูปแบบ CSV ผิด: {csv_reason(exc)}", file=name, row=reader.line_num)]) from None
    return name, header or [], rows, {}, False


def _from_json(text: str, name: str) -> tuple[str, list[str], list[tuple[int, list[Any]]], dict[str, Any], bool]:
    data = load_json(text, name, PLAN)
    records = data.get("rows") if isinstance(data, dict) else data
    if not isinstance(records, list):
        raise InputError([Problem("ไม่พบรายการ rows", file=name, expected='{"rows": [{"measure": ...}, ...]}')])
    header = [column.key for column in COLUMNS]
    rows = []
    budget = Budget(PLAN, name)
    for position, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise InputError(
                [
                    Problem(
                        "แต่ละรายการต้องเป็น object",
                        file=name,
                        row=position,
                        expected='{"measure": "...", "questions": ["E1"]}',
                    )
                ]
            )
        rows.append((position, [record.get(key, "") if record.get(key) is not None else "" for key in header]))
        budget.take(position, rows[-1][1])
    meta = {k: data.get(k) for k, _ in META_FIELDS if isinstance(data, dict) and data.get(k) is not None}
    return name, header, rows, meta, False
