"""Turn a Table into one validated ResultSet per agency, checking every cell against the year's framework.

All problems are collected and raised together; nothing is returned unless the whole file is valid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..ita.model import Framework
from ..ita.problems import InputError, Problem
from ..ita.results import LEVEL_CODE, REPORTED_TOOL_CODES, ResultSet
from ..ita.thai_names import channel_name
from .encoding import encoding_notice
from .tables import Table, read_table
from .values import (
    CHANNEL_WORDS,
    ambiguous_number,
    clean,
    normalise_code,
    parse_number,
    parse_pass_fail,
    parse_points,
)

COLUMN_ALIASES = {
    "code": "code",
    "รหัส": "code",
    "ข้อ": "code",
    "score": "score",
    "คะแนน": "score",
    "value": "score",
    "channel": "channel",
    "ช่องทาง": "channel",
    "agency": "agency",
    "หน่วยงาน": "agency",
}
IGNORED_COLUMNS = {"title", "ชื่อ", "หัวข้อ", "ข้อคำถาม", "รายการ", "note", "หมายเหตุ", "kind", "ประเภท"}
MAX_PROBLEMS = 200
ROLE_NAMES = {"code": "รหัส", "score": "คะแนน", "channel": "ช่องทาง", "agency": "หน่วยงาน"}
CHANNEL_EXPECTED = "ผู้รับบริการตอบเอง หรือ ผู้ประเมินจัดเก็บ (หรือ public, survey)"

# Kinds of code, decided once per distinct raw code.
QUESTION, OIT_ITEM, INDICATOR, SUB_INDICATOR, TOOL, LEVEL = range(6)


@dataclass
class ReadResult:
    """Validated results by agency (None when the file has no agency column), plus notes for the user."""

    by_agency: dict[str | None, ResultSet]
    warnings: list[str] = field(default_factory=list)
    rows_read: int = 0


class _Codes:
    """Classifies raw codes against one framework, with a cache so a national file costs one lookup a row."""

    def __init__(self, framework: Framework):
        self.fw = framework
        self.cache: dict[str, tuple[int, str] | None] = {}
        self.levels = {rule.level.upper(): rule.level for rule in framework.grading.levels}

    def classify(self, raw: str) -> tuple[int, str] | None:
        found = self.cache.get(raw, False)
        if found is not False:
            return found  # type: ignore[return-value]
        code = normalise_code(raw)
        result: tuple[int, str] | None = None
        if code in self.fw.items:
            result = (OIT_ITEM if self.fw.items[code].is_oit else QUESTION, code)
        elif code.startswith("IND") and code[3:].isdigit() and int(code[3:]) in self.fw.indicators:
            result = (INDICATOR, code)
        elif code in self.fw.sub_indicators:
            result = (SUB_INDICATOR, code)
        elif code in REPORTED_TOOL_CODES and (self.fw.eit_channels or code not in ("EIT_PUBLIC", "EIT_SURVEY")):
            result = (TOOL, code)
        elif code == LEVEL_CODE:
            result = (LEVEL, code)
        self.cache[raw] = result
        return result

    def unknown_message(self, raw: str) -> tuple[str, str]:
        code = normalise_code(raw)
        fw = self.fw
        if code.startswith("O") and code[1:].isdigit() and not fw.items_of_tool("OIT"):
            return (
                f"ปี {fw.year} ยังไม่มีรายการข้อ OIT ในกรอบการประเมินที่ติดตั้ง จึงรับรหัส '{raw}' ไม่ได้",
                "กรอกคะแนน IND9, IND10 หรือ OIT แทน หรือใช้ไฟล์กรอบของปีนั้นด้วย --framework",
            )
        if code in ("EIT_PUBLIC", "EIT_SURVEY"):
            return (f"ปี {fw.year} ไม่มีการแยก EIT สองช่องทาง", "EIT หรือ IND6-IND8")
        return (f"รหัส '{raw}' ไม่มีในกรอบการประเมินปี {fw.year}", self.expected_codes())

    def expected_codes(self) -> str:
        fw = self.fw
        parts = []
        for tool in ("IIT", "EIT", "OIT"):
            codes = [i.code for i in fw.items_of_tool(tool)]
            if codes:
                parts.append(f"{codes[0]}-{codes[-1]}")
        numbers = sorted(fw.indicators)
        parts.append(f"IND{numbers[0]}-IND{numbers[-1]}")
        if fw.sub_indicators:
            subs = list(fw.sub_indicators)
            parts.append(f"{subs[0]}-{subs[-1]}")
        tools = [c for c in REPORTED_TOOL_CODES if fw.eit_channels or c not in ("EIT_PUBLIC", "EIT_SURVEY")]
        parts.extend([", ".join(tools), LEVEL_CODE])
        return ", ".join(parts)


def _columns(table: Table) -> tuple[dict[str, int], list[str], list[Problem]]:
    found: dict[str, int] = {}
    ignored: list[str] = []
    problems: list[Problem] = []
    for index, raw in enumerate(table.header):
        name = clean(raw).lower()
        role = COLUMN_ALIASES.get(name)
        if role is None:
            if name and name not in IGNORED_COLUMNS:
                ignored.append(str(raw))
            continue
        if role in found:
            problems.append(
                Problem(
                    f"มีคอลัมน์{ROLE_NAMES[role]} ({role}) ซ้ำ",
                    file=table.file,
                    row=table.header_row,
                    column=table.column_label(index),
                )
            )
        found[role] = index
    missing = [c for c in ("code", "score") if c not in found]
    if missing:
        problems.append(
            Problem(
                "ไม่พบหัวตาราง "
                + ", ".join(f"{ROLE_NAMES[m]} ({m})" for m in missing)
                + f" (แถวแรกคือ: {', '.join(map(str, table.header))[:80]})",
                file=table.file,
                row=table.header_row or 1,
                expected="แถวแรกเป็นหัวตาราง รหัส,คะแนน (หรือ code,score) และอาจมี ช่องทาง, หน่วยงาน",
            )
        )
    return found, ignored, problems


def read_results(
    path: str | Path, framework: Framework, *, agency: str | None = None, require_agency: bool = False
) -> ReadResult:
    """Read and validate a result file for one year; InputError with every problem if anything is wrong."""
    table = read_table(path)
    return results_from_table(table, framework, agency=agency, require_agency=require_agency)


def results_from_table(
    table: Table, framework: Framework, *, agency: str | None = None, require_agency: bool = False
) -> ReadResult:
    columns, ignored, problems = _columns(table)
    if problems:
        raise InputError(problems)
    file = table.file
    codes = _Codes(framework)
    channels_allowed = framework.eit_channels
    c_code, c_score = columns["code"], columns["score"]
    c_channel, c_agency = columns.get("channel"), columns.get("agency")
    if require_agency and c_agency is None:
        raise InputError(
            [
                Problem(
                    "ไฟล์สำหรับประเมินหลายหน่วยงานต้องมีคอลัมน์หน่วยงาน (agency)",
                    file=file,
                    row=table.header_row,
                    expected="หัวตาราง หน่วยงาน,รหัส,คะแนน (หรือ agency,code,score)",
                )
            ]
        )
    label = table.column_label
    by_agency: dict[str | None, ResultSet] = {}
    # First row of each (agency, code[@channel]), to name both rows of a duplicate.
    seen: dict[str | None, dict[str, int]] = {}
    agencies: dict[str, str] = {}
    oit_values: dict[str, float | None] = {}
    rows_read = 0
    last_column = max(c for c in (c_code, c_score, c_channel, c_agency) if c is not None)

    def fail(row: int, column: int | None, message: str, expected: str | None = None) -> None:
        problems.append(
            Problem(
                message, file=file, row=row, column=label(column) if column is not None else None, expected=expected
            )
        )

    for number, cells in table.rows:
        if len(cells) <= last_column:
            cells = list(cells) + [""] * (last_column + 1 - len(cells))
        raw = cells[c_code]
        kind_code = codes.cache.get(raw, False) if isinstance(raw, str) else False
        if kind_code is False:
            raw_code = clean(raw)
            if not raw_code:
                if clean(cells[c_score]):
                    fail(number, c_code, "ไม่มีรหัสข้อ", "รหัส เช่น I1, E5, O18, IND7, 9.1, TOTAL")
                continue  # a blank row
            kind_code = codes.classify(raw_code)
            if isinstance(raw, str):
                codes.cache[raw] = kind_code
        raw_score = cells[c_score]
        text = raw_score.strip() if isinstance(raw_score, str) and raw_score.isascii() else clean(raw_score)
        if not text:
            continue  # a template row whose score was left blank
        rows_read += 1
        if len(problems) >= MAX_PROBLEMS:
            break
        if kind_code is None:
            message, expected = codes.unknown_message(clean(raw))
            fail(number, c_code, message, expected)
            continue
        kind, code = kind_code
        key_agency: str | None = None
        if c_agency is not None:
            raw_agency = cells[c_agency]
            row_agency = agencies.get(raw_agency) if isinstance(raw_agency, str) else None
            if row_agency is None:
                row_agency = clean(raw_agency)
                if isinstance(raw_agency, str):
                    agencies[raw_agency] = row_agency
            if not row_agency:
                fail(number, c_agency, "ไม่มีชื่อหน่วยงาน", "ชื่อหน่วยงานในทุกแถว")
                continue
            if agency is not None and row_agency != agency:
                continue
            key_agency = row_agency
        channel = ""
        if c_channel is not None:
            raw_channel = clean(cells[c_channel]).lower()
            if raw_channel:
                channel = CHANNEL_WORDS.get(raw_channel, "")
                if not channel:
                    fail(number, c_channel, f"ช่องทาง '{raw_channel}' ไม่รู้จัก", CHANNEL_EXPECTED)
                    continue
                if kind != QUESTION or not code.startswith("E"):
                    fail(number, c_channel, f"ระบุช่องทางได้เฉพาะข้อคำถาม EIT แต่แถวนี้เป็น {code}", "เว้นว่าง")
                    continue
                if not channels_allowed:
                    fail(number, c_channel, f"ปี {framework.year} ไม่มีการแยก EIT สองช่องทาง (เริ่มปี 2566)", "เว้นว่าง")
                    continue
        first_rows = seen.get(key_agency)
        if first_rows is None:
            first_rows = seen[key_agency] = {}
        key = f"{code}@{channel}" if channel else code
        first = first_rows.get(key)
        if first is not None:
            where = f" (หน่วยงาน {key_agency})" if key_agency else ""
            shown = f"{code} ช่องทาง{channel_name(channel)}" if channel else code
            fail(number, c_code, f"รหัส {shown} ซ้ำกับแถว {first}{where}", "แต่ละรหัสมีได้แถวเดียว")
            continue
        first_rows[key] = number
        if kind == LEVEL:
            level = codes.levels.get(text.upper())
            if level is None:
                fail(
                    number,
                    c_score,
                    f"ระดับผลการประเมิน '{text}' ไม่มีในปี {framework.year}",
                    " / ".join(codes.levels.values()),
                )
                continue
            _result(by_agency, key_agency).reported_level = level
            continue
        if kind == OIT_ITEM:
            value = oit_values[text] if text in oit_values else oit_values.setdefault(text, parse_pass_fail(text))
            if value is None:
                fail(
                    number,
                    c_score,
                    f"ข้อ OIT {code} ให้คะแนนแบบผ่าน/ไม่ผ่านเท่านั้น แต่ได้ '{text}'",
                    "100 หรือ 0 หรือคำว่า ผ่าน/ไม่ผ่าน, มี/ไม่มี, pass/fail",
                )
                continue
        else:
            value = parse_number(text)
            if value is None and kind == SUB_INDICATOR:
                value = parse_points(text)
            if value is None:
                expected = "ตัวเลข 0-100 เช่น 85.5, 85,5 หรือ 85.5%" + (
                    " หรือคะแนนเต็มแบบ 700/900" if kind == SUB_INDICATOR else ""
                )
                if ambiguous_number(text):
                    fail(number, c_score, f"คะแนน '{text}' อ่านได้ทั้งเป็นทศนิยมและเป็นตัวเลขมีจุลภาคคั่นหลักพัน จึงไม่รับ", expected)
                else:
                    fail(number, c_score, f"คะแนน '{text}' ไม่ใช่ตัวเลข", expected)
                continue
            if not 0 <= value <= 100:
                fail(number, c_score, f"คะแนน {text} อยู่นอกช่วง 0-100", "ตัวเลข 0-100")
                continue
        result = _result(by_agency, key_agency)
        if channel:
            result.channel_scores.setdefault(channel, {})[code] = value
        elif kind in (QUESTION, OIT_ITEM):
            result.scores[code] = value
        else:
            result.reported[code] = value
    if problems:
        raise InputError(problems)
    if agency is not None and c_agency is not None and agency not in by_agency:
        raise InputError([Problem(f"ไม่พบหน่วยงาน '{agency}' ในไฟล์", file=file, expected="ชื่อตรงกับคอลัมน์หน่วยงาน (agency)")])
    if not by_agency:
        raise InputError([Problem("ไม่มีคะแนนในไฟล์ (ทุกแถวว่าง)", file=file, expected="อย่างน้อยหนึ่งแถวที่มีคะแนน")])
    for result_agency, result in by_agency.items():
        if result.agency is None:
            result.agency = result_agency if result_agency is not None else (agency or table.agency)
    warnings = [f"ไม่ได้ใช้คอลัมน์ {', '.join(ignored)} ในไฟล์ {file}"] if ignored else []
    notice = encoding_notice(table.encoding, file)
    if notice:
        warnings.insert(0, notice)
    return ReadResult(by_agency, warnings, rows_read)


def _result(by_agency: dict[str | None, ResultSet], key: str | None) -> ResultSet:
    result = by_agency.get(key)
    if result is None:
        result = by_agency[key] = ResultSet(agency=key)
    return result
