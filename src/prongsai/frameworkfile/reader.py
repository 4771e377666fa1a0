"""Read a framework workbook (or YAML/JSON) an administrator has edited, validated fully, errors by sheet/row/column.

The workbook is read with openpyxl in read-only mode within fixed bounds (file size, unpacked size, sheets, rows,
columns, cell length), turned into the nested data of docs/framework-schema.md and checked by the same loader as
the shipped files. Every problem names the sheet, the Excel row and the column; nothing is returned on any error.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

from ..importing.tables import excel_letters
from ..importing.values import clean, normalise_code, parse_number
from ..ita.code_ranges import parse_code_ranges
from ..ita.loader import SCHEMA_ID, framework_from_data, parse_framework_text
from ..ita.model import Framework
from ..ita.problems import InputError, Problem
from .columns import (
    CANDIDATES,
    CODE,
    FLOAT,
    GRADING,
    INDICATORS,
    INT,
    ITEMS,
    LINES,
    META,
    META_FIELDS,
    SCALES,
    SHEETS,
    STATUS,
    STATUS_WORDS,
    SUB_INDICATORS,
    TOOLS,
    Sheet,
    match_header,
)

MAX_BYTES = 20 * 1024 * 1024
MAX_TEXT_BYTES = 2 * 1024 * 1024  # a year's YAML is about 150 KB
MAX_UNPACKED = 100 * 1024 * 1024
MAX_SHEETS = 40
MAX_ROWS = 5000
MAX_SCANNED_ROWS = 100_000  # rows looked at, blank ones included (formatted but empty rows in Excel)
MAX_COLUMNS = 40
MAX_CELL = 20_000
MAX_PROBLEMS = 200
YAML_SUFFIXES = (".yaml", ".yml", ".json")
SUFFIXES = (".xlsx", *YAML_SUFFIXES)
_SUB_CODE = re.compile(r"^[1-9][0-9]*\.[1-9][0-9]*$")


def read_framework_path(path: str | Path) -> Framework:
    """The framework in a .xlsx, .yaml, .yml or .json file, fully validated (InputError otherwise)."""
    path = Path(path)
    if not path.is_file():
        raise InputError([Problem("ไม่พบไฟล์กรอบการประเมิน", file=str(path), expected="ไฟล์ .xlsx หรือ .yaml ที่มีอยู่จริง")])
    if path.stat().st_size > MAX_BYTES:
        raise InputError([Problem(f"ไฟล์ใหญ่เกิน {MAX_BYTES // (1024 * 1024)} MB", file=path.name)])
    return read_framework_bytes(path.read_bytes(), filename=path.name, origin=str(path))


def read_framework_bytes(data: bytes, *, filename: str, origin: str | None = None) -> Framework:
    """The framework in `data`, read as XLSX or YAML/JSON by the extension of `filename`, fully validated."""
    name = Path(filename).name or "framework"
    suffix = Path(name).suffix.lower()
    if len(data) > MAX_BYTES:
        raise InputError([Problem(f"ไฟล์ใหญ่เกิน {MAX_BYTES // (1024 * 1024)} MB", file=name)])
    if not data.strip():
        raise InputError([Problem("ไฟล์ว่างเปล่า", file=name, expected="กรอบการประเมิน .xlsx หรือ .yaml")])
    if suffix == ".xlsx":
        return _Workbook(data, name).framework(origin or name)
    if suffix in YAML_SUFFIXES:
        if len(data) > MAX_TEXT_BYTES:
            raise InputError(
                [
                    Problem(
                        f"ไฟล์ข้อความใหญ่เกิน {MAX_TEXT_BYTES // (1024 * 1024)} MB",
                        file=name,
                        expected="กรอบการประเมินหนึ่งปี (ราว 150 KB)",
                    )
                ]
            )
        return _from_text(data, name, origin or name, suffix)
    raise InputError([Problem(f"ไม่รองรับไฟล์ชนิด '{suffix or name}'", file=name, expected=", ".join(SUFFIXES))])


def _from_text(data: bytes, name: str, origin: str, suffix: str) -> Framework:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError([Problem(f"ไฟล์ไม่ใช่ข้อความ UTF-8 (ไบต์ที่ {exc.start})", file=name)]) from None
    if suffix != ".json":
        try:
            for event in yaml.parse(text, Loader=yaml.SafeLoader):
                if isinstance(event, yaml.AliasEvent):
                    mark = event.start_mark
                    raise InputError(
                        [
                            Problem(
                                "ไฟล์กรอบการประเมินใช้ alias ของ YAML (*ชื่อ) ซึ่งไม่รับ",
                                file=name,
                                row=mark.line + 1 if mark else None,
                                expected="เขียนค่าเต็มทุกที่",
                            )
                        ]
                    )
        except yaml.YAMLError:
            pass  # worded by the loader below
    return parse_framework_text(text, name=name, origin=origin, as_json=suffix == ".json")


@dataclass
class _Row:
    number: int
    cells: dict[str, Any]


@dataclass
class _Read:
    sheet: Sheet
    rows: list[_Row] = field(default_factory=list)
    letters: dict[str, str] = field(default_factory=dict)


class _Workbook:
    """One workbook being read: the sheets' rows, the problems found, and where each piece of data came from."""

    def __init__(self, data: bytes, name: str):
        self.name = name
        self.problems: list[Problem] = []
        self.locations: dict[str, tuple[str, int]] = {}
        self.sheets = self._read(data)

    # --- reading, within bounds -------------------------------------------------------------------
    def _read(self, data: bytes) -> dict[str, _Read]:
        name = self.name
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                unpacked = sum(info.file_size for info in archive.infolist())
        except (zipfile.BadZipFile, OSError, ValueError):
            raise InputError([Problem("เปิดเป็นไฟล์ Excel (.xlsx) ไม่ได้", file=name, expected="ไฟล์ .xlsx")]) from None
        if unpacked > MAX_UNPACKED:
            raise InputError([Problem(f"ไฟล์ Excel เมื่อคลายออกใหญ่เกิน {MAX_UNPACKED // (1024 * 1024)} MB", file=name)])
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:
            raise InputError(
                [
                    Problem(
                        f"เปิดเป็นไฟล์ Excel (.xlsx) ไม่ได้: {type(exc).__name__}",
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
            raise InputError([Problem(f"อ่านไฟล์ Excel ไม่ได้: {type(exc).__name__}", file=name)]) from None
        finally:
            book.close()
        if self.problems:
            raise InputError(self.problems)
        return found

    def _sheet(self, page: Any, sheet: Sheet) -> _Read:
        read = _Read(sheet)
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
                read.rows.append(_Row(number, cells))
        return read

    # --- problems -----------------------------------------------------------------------------------
    def label(self, sheet: Sheet) -> str:
        return f"{self.name} (ชีต {sheet.name})"

    def column(self, sheet: Sheet, key: str | None) -> str | None:
        if key is None:
            return None
        letters = self.sheets[sheet.name].letters if hasattr(self, "sheets") and sheet.name in self.sheets else {}
        letter = letters.get(key)
        header = next((c.header for c in sheet.columns if c.key == key), key)
        return f"{letter} ({header})" if letter else header

    def fail(self, sheet: Sheet, row: int | None, key: str | None, message: str, expected: str | None = None) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(
                Problem(message, file=self.label(sheet), row=row, column=self.column(sheet, key), expected=expected)
            )

    # --- cells --------------------------------------------------------------------------------------
    def value(self, sheet: Sheet, row: _Row, key: str) -> Any:
        """The cell as the framework data wants it (None when blank), or a problem naming it."""
        raw = row.cells.get(key)
        kind = next(c.kind for c in sheet.columns if c.key == key)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        if kind == CODE:
            text = clean(raw)
            return text if _SUB_CODE.match(text) else normalise_code(text)
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

    def record(self, sheet: Sheet, row: _Row) -> dict[str, Any]:
        return {c.key: self.value(sheet, row, c.key) for c in sheet.columns}

    # --- building the framework data ------------------------------------------------------------------
    def framework(self, origin: str) -> Framework:
        data = self._data()
        if self.problems:
            raise InputError(self.problems)
        try:
            return framework_from_data(data, file=self.name, origin=origin)
        except InputError as error:
            raise InputError([self._locate(p) for p in error.problems]) from None

    def _rows(self, sheet: Sheet) -> list[tuple[_Row, dict[str, Any]]]:
        read = self.sheets.get(sheet.name)
        return [(row, self.record(sheet, row)) for row in read.rows] if read else []

    def _data(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        self._meta(data)
        scales = self._scales()
        if scales:
            data["scales"] = scales
        indicators, by_number = self._indicators()
        subs = self._sub_indicators(by_number)
        unassigned = self._items(by_number, subs)
        data["tools"] = self._tools()
        candidates = self._candidates()
        if candidates and "OIT" in data["tools"]:
            data["tools"]["OIT"]["candidate_groupings"] = candidates
        data["indicators"] = indicators
        if unassigned:
            data["unassigned_items"] = unassigned
        data["grading"] = self._grading(data.pop("_grading"))
        return data

    def _meta(self, data: dict[str, Any]) -> None:
        known = {key for key, _ in META_FIELDS}
        grading: dict[str, Any] = {}
        sources: list[str] = []
        for row, record in self._rows(META):
            key = str(record["field"] or "").strip()
            value = record["value"]
            if key not in known:
                self.fail(META, row.number, "field", f"ไม่รู้จักรายการ '{key}'", ", ".join(sorted(known)))
                continue
            self.locations[key] = (META.name, row.number)
            if value is None:
                continue
            if key == "sources":
                sources.append(value)
            elif key in ("year", "derived_from"):
                number = parse_number(clean(value))
                if number is None or not float(number).is_integer():
                    self.fail(META, row.number, "value", f"ปี '{value}' ไม่ใช่ตัวเลขปี", "ปี พ.ศ. เช่น 2570 หรือ ๒๕๗๐")
                    continue
                data[key] = int(number)
            elif key == "grading_pass_mark":
                number = parse_number(clean(value))
                if number is None:
                    self.fail(META, row.number, "value", f"เกณฑ์ผ่าน '{value}' ไม่ใช่ตัวเลข", "ตัวเลข เช่น 85")
                    continue
                grading["pass_mark"] = number
                self.locations["grading.pass_mark"] = (META.name, row.number)
            elif key.startswith("grading_"):
                grading[key.removeprefix("grading_")] = (
                    clean(value).lower() if key in ("grading_kind", "grading_status") else value
                )
                self.locations[f"grading.{key.removeprefix('grading_')}"] = (META.name, row.number)
            elif key == "status":
                data[key] = STATUS_WORDS.get(clean(value).lower(), clean(value).lower())
            elif key == "schema":
                data[key] = clean(value)
            else:
                data[key] = value
        data.setdefault("schema", SCHEMA_ID)
        if sources:
            data["sources"] = sources
        data["_grading"] = grading

    def _scales(self) -> dict[str, Any]:
        scales: dict[str, Any] = {}
        for row, record in self._rows(SCALES):
            key = record["scale"]
            if key is None or record["answer"] is None or record["score"] is None:
                self.fail(SCALES, row.number, None, "แถวนี้ขาดมาตรวัด คำตอบ หรือคะแนน", "กรอกทั้งสามช่อง")
                continue
            entry = scales.setdefault(key, {"answers": {}})
            self.locations.setdefault(f"scales.{key}", (SCALES.name, row.number))
            for name in ("status", "source"):
                if record[name] is not None and name not in entry:
                    entry[name] = record[name]
            entry["answers"][record["answer"]] = record["score"]
        return scales

    def _indicators(self) -> tuple[list[dict[str, Any]], dict[int, dict[str, Any]]]:
        by_number: dict[int, dict[str, Any]] = {}
        rows: dict[int, int] = {}
        for row, record in self._rows(INDICATORS):
            number = record["number"]
            if number is None:
                self.fail(INDICATORS, row.number, "number", "ไม่มีเลขตัวชี้วัด", "จำนวนเต็ม เช่น 1")
                continue
            if number in by_number:
                self.fail(INDICATORS, row.number, "number", f"ตัวชี้วัดที่ {number} ซ้ำกับแถว {rows[number]}")
                continue
            rows[number] = row.number
            entry = {"number": number, "tool": record["tool"], "name": record["name"]}
            for key in ("status", "source", "mapping_status", "mapping_source"):
                if record[key] is not None:
                    entry[key] = record[key]
            entry["sub_indicators" if record["tool"] == "OIT" else "questions"] = []
            by_number[number] = entry
        ordered = [by_number[n] for n in sorted(by_number)]
        for index, entry in enumerate(ordered):
            self.locations[f"indicators[{index}]"] = (INDICATORS.name, rows[entry["number"]])
            entry["_index"] = index
        return ordered, by_number

    def _sub_indicators(self, by_number: dict[int, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        subs: dict[str, dict[str, Any]] = {}
        rows: dict[str, int] = {}
        for row, record in self._rows(SUB_INDICATORS):
            code = record["code"]
            if code is None or not _SUB_CODE.match(code):
                self.fail(SUB_INDICATORS, row.number, "code", f"รหัสตัวชี้วัดย่อย '{code or ''}' ไม่ถูกต้อง", "เช่น 9.1")
                continue
            number = int(code.split(".")[0])
            if record["indicator"] is not None and record["indicator"] != number:
                self.fail(
                    SUB_INDICATORS,
                    row.number,
                    "indicator",
                    f"ตัวชี้วัดย่อย {code} ต้องอยู่ในตัวชี้วัดที่ {number} แต่ระบุ {record['indicator']}",
                    f"{number} หรือเว้นว่าง",
                )
                continue
            indicator = by_number.get(number)
            if indicator is None or indicator["tool"] != "OIT":
                self.fail(
                    SUB_INDICATORS,
                    row.number,
                    "code",
                    f"ไม่มีตัวชี้วัดที่ {number} ของ OIT ในชีต indicators",
                    "ตัวชี้วัดย่อยของตัวชี้วัด OIT เช่น 9.1, 10.1",
                )
                continue
            if code in subs:
                self.fail(SUB_INDICATORS, row.number, "code", f"ตัวชี้วัดย่อย {code} ซ้ำกับแถว {rows[code]}")
                continue
            rows[code] = row.number
            entry = {"code": code, "name": record["name"]}
            for key in ("status", "mapping_status", "mapping_source"):
                if record[key] is not None:
                    entry[key] = record[key]
            entry["items"] = []
            self.locations[f"indicators[{indicator['_index']}].sub_indicators[{len(indicator['sub_indicators'])}]"] = (
                SUB_INDICATORS.name,
                row.number,
            )
            entry["_path"] = f"indicators[{indicator['_index']}].sub_indicators[{len(indicator['sub_indicators'])}]"
            indicator["sub_indicators"].append(entry)
            subs[code] = entry
        return subs

    def _items(self, by_number: dict[int, dict[str, Any]], subs: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
        unassigned: list[dict[str, Any]] = []
        first: dict[str, int] = {}
        topics: dict[str, tuple[str, int]] = {}
        for row, record in self._rows(ITEMS):
            code = record["code"]
            if code is None:
                self.fail(ITEMS, row.number, "code", "แถวนี้ไม่มีรหัสข้อ", "รหัส เช่น I1, E5, O18 หรือลบทั้งแถว")
                continue
            if code in first:
                self.fail(ITEMS, row.number, "code", f"รหัส {code} ซ้ำกับแถว {first[code]}", "แต่ละรหัสมีได้แถวเดียว")
                continue
            first[code] = row.number
            topic = record["topic"]
            if topic and topic in topics:
                self.fail(
                    ITEMS,
                    row.number,
                    "topic",
                    f"หัวข้อ (topic) '{topic}' ซ้ำกับข้อ {topics[topic][0]} แถว {topics[topic][1]}",
                    "หัวข้อไม่ซ้ำกันภายในปี",
                )
                continue
            if topic:
                topics[topic] = (code, row.number)
            entry: dict[str, Any] = {"code": code, "topic": topic or ""}
            for key in ("title", "scale", "status", "source"):
                if record[key] is not None:
                    entry[key] = record[key]
            if record["parts"]:
                scales = record["part_scales"] or []
                if len(scales) > len(record["parts"]):
                    self.fail(ITEMS, row.number, "part_scales", "มาตรวัดของข้อย่อยมีมากกว่าข้อย่อย", "หนึ่งบรรทัดต่อข้อย่อย")
                entry["parts"] = [
                    {"text": text, **({"scale": scales[i]} if i < len(scales) and scales[i] != "-" else {})}
                    for i, text in enumerate(record["parts"])
                ]
            indicator, sub = record["indicator"], record["sub_indicator"]
            if code.startswith("O"):
                if sub is None:
                    if indicator is not None:
                        self.fail(
                            ITEMS,
                            row.number,
                            "sub_indicator",
                            f"ข้อ OIT {code} ระบุตัวชี้วัดแต่ไม่ระบุตัวชี้วัดย่อย",
                            "รหัสตัวชี้วัดย่อย เช่น 9.1 หรือเว้นว่างทั้งสองช่องเมื่อยังไม่ทราบ",
                        )
                        continue
                    self.locations[f"unassigned_items[{len(unassigned)}]"] = (ITEMS.name, row.number)
                    unassigned.append(entry)
                    continue
                target = subs.get(sub)
                if target is None:
                    known = ", ".join(subs) or "ยังไม่มีตัวชี้วัดย่อยในชีต sub_indicators"
                    self.fail(ITEMS, row.number, "sub_indicator", f"ไม่มีตัวชี้วัดย่อย {sub} ในชีต sub_indicators", known)
                    continue
                if indicator is not None and str(indicator) != sub.split(".")[0]:
                    self.fail(
                        ITEMS,
                        row.number,
                        "indicator",
                        f"ตัวชี้วัดย่อย {sub} อยู่ในตัวชี้วัดที่ {sub.split('.')[0]} แต่ระบุ {indicator}",
                        f"{sub.split('.')[0]} หรือเว้นว่าง",
                    )
                    continue
                self.locations[f"{target['_path']}.items[{len(target['items'])}]"] = (ITEMS.name, row.number)
                target["items"].append(entry)
                continue
            if sub is not None:
                self.fail(ITEMS, row.number, "sub_indicator", f"ข้อคำถาม {code} ไม่มีตัวชี้วัดย่อย (มีเฉพาะข้อ OIT)", "เว้นว่าง")
                continue
            target_indicator = by_number.get(indicator) if indicator is not None else None
            if target_indicator is None:
                self.fail(
                    ITEMS,
                    row.number,
                    "indicator",
                    f"ไม่มีตัวชี้วัดที่ {indicator} ในชีต indicators"
                    if indicator is not None
                    else f"ข้อคำถาม {code} ไม่ได้ระบุตัวชี้วัด",
                    "เลขตัวชี้วัดของ IIT หรือ EIT เช่น 1",
                )
                continue
            if target_indicator["tool"] == "OIT":
                self.fail(
                    ITEMS,
                    row.number,
                    "indicator",
                    f"ตัวชี้วัดที่ {indicator} เป็นของ OIT ใส่ข้อคำถาม {code} ไม่ได้",
                    "เลขตัวชี้วัดของ IIT หรือ EIT",
                )
                continue
            questions = target_indicator["questions"]
            self.locations[f"indicators[{target_indicator['_index']}].questions[{len(questions)}]"] = (
                ITEMS.name,
                row.number,
            )
            questions.append(entry)
        for entry in [*by_number.values(), *subs.values()]:
            entry.pop("_index", None)
            entry.pop("_path", None)
        return unassigned

    def _tools(self) -> dict[str, Any]:
        tools: dict[str, Any] = {}
        weights: list[tuple[int, float]] = []
        for row, record in self._rows(TOOLS):
            code = record["code"]
            if code not in ("IIT", "EIT", "OIT"):
                self.fail(TOOLS, row.number, "code", f"เครื่องมือ '{code or ''}' ไม่รู้จัก", "IIT / EIT / OIT")
                continue
            if code in tools:
                self.fail(TOOLS, row.number, "code", f"เครื่องมือ {code} ซ้ำ")
                continue
            self.locations[f"tools.{code}"] = (TOOLS.name, row.number)
            entry: dict[str, Any] = {"name": record["name"], "weight": record["weight"]}
            if isinstance(record["weight"], float):
                weights.append((row.number, record["weight"]))
            for key in ("status", "source", "channels_status", "channels_source"):
                if record[key] is not None:
                    entry[key] = record[key]
            if record["channels"]:
                entry["channels"] = [c.strip().lower() for c in re.split(r"[,;\s]+", record["channels"]) if c.strip()]
            tools[code] = entry
        if len(weights) == 3 and abs(sum(w for _, w in weights) - 1) > 1e-9:
            shown = " + ".join(f"{w:g} (แถว {n})" for n, w in weights)
            self.fail(
                TOOLS,
                weights[0][0],
                "weight",
                f"น้ำหนักของเครื่องมือรวมกันได้ {sum(w for _, w in weights):g} ไม่เท่ากับ 1: {shown}",
                "IIT + EIT + OIT = 1 เช่น 0.3 + 0.3 + 0.4",
            )
        return tools

    def _candidates(self) -> list[dict[str, Any]]:
        groupings: dict[str, dict[str, Any]] = {}
        for row, record in self._rows(CANDIDATES):
            name = record["grouping"]
            if name is None:
                self.fail(CANDIDATES, row.number, "grouping", "ไม่มีชื่อการจัดกลุ่ม", "เช่น H1")
                continue
            entry = groupings.get(name)
            if entry is None:
                entry = groupings[name] = {"name": name, "sub_indicators": []}
                self.locations[f"tools.OIT.candidate_groupings[{len(groupings) - 1}]"] = (CANDIDATES.name, row.number)
            for key in ("title", "status", "source"):
                if record[key] is not None and key not in entry:
                    entry[key] = record[key]
            try:
                items = parse_code_ranges(record["items"] or "")
            except ValueError as exc:
                self.fail(CANDIDATES, row.number, "items", str(exc), "เช่น O1-O4, O7")
                continue
            index = list(groupings).index(name)
            self.locations[f"tools.OIT.candidate_groupings[{index}].sub_indicators[{len(entry['sub_indicators'])}]"] = (
                CANDIDATES.name,
                row.number,
            )
            entry["sub_indicators"].append(
                {"code": record["sub_indicator"] or "", "name": record["name"] or "", "items": items}
            )
        return list(groupings.values())

    def _grading(self, grading: dict[str, Any]) -> dict[str, Any]:
        levels = []
        for row, record in self._rows(GRADING):
            self.locations[f"grading.levels[{len(levels)}]"] = (GRADING.name, row.number)
            entry = {"level": record["level"], "min_total": record["min_total"]}
            for key in ("min_every_indicator", "status", "source"):
                if record[key] is not None:
                    entry[key] = record[key]
            levels.append(entry)
        grading["levels"] = levels
        return grading

    # --- loader problems back to sheet, row and column -------------------------------------------------
    _SHEET_OF: ClassVar[dict[str, Sheet]] = {sheet.name: sheet for sheet in SHEETS}
    _KEY_OF: ClassVar[dict[str, str | None]] = {
        "answers": "score",
        "sub_indicators": None,
        "questions": None,
        "items": None,
    }

    def _locate(self, problem: Problem) -> Problem:
        path = problem.column or ""
        best = ""
        for prefix in self.locations:
            if (path == prefix or path.startswith(prefix + ".") or path.startswith(prefix + "[")) and len(prefix) > len(
                best
            ):
                best = prefix
        if not best:
            if path == "topic":
                return Problem(
                    problem.message,
                    file=self.label(ITEMS),
                    column=self.column(ITEMS, "topic"),
                    expected=problem.expected,
                )
            if path in ("tools", "indicators", "grading.levels", "grading"):
                sheet = {"tools": TOOLS, "indicators": INDICATORS}.get(path, GRADING)
                return Problem(problem.message, file=self.label(sheet), expected=problem.expected)
            return problem
        sheet_name, row = self.locations[best]
        sheet = self._SHEET_OF[sheet_name]
        rest = path[len(best) :].lstrip(".")
        key = rest.split(".")[0].split("[")[0] if rest else None
        if sheet is META:
            key = "value"
        elif key in self._KEY_OF:
            key = self._KEY_OF[key]
        elif best.startswith("tools.OIT.candidate_groupings") and key == "code":
            key = "sub_indicator"
        elif best.startswith("tools.OIT.candidate_groupings") and key == "name" and ".sub_indicators[" not in best:
            key = "grouping"
        if key is not None and not any(c.key == key for c in sheet.columns):
            key = None
        return Problem(
            problem.message, file=self.label(sheet), row=row, column=self.column(sheet, key), expected=problem.expected
        )
