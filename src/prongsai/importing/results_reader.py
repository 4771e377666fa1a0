"""Turn a Table into one validated ResultSet per agency, checking every cell against the year's framework.

All problems are collected and raised together; nothing is returned unless the whole file is valid.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..ita.model import Framework
from ..ita.problems import InputError, Problem
from ..ita.results import ResultSet
from ..ita.thai_names import channel_name
from .encoding import encoding_notice
from .result_cells import (
    LEVEL,
    OIT_ITEM,
    QUESTION,
    SUB_INDICATOR,
    CodeClassifier,
    CodeKind,
    column_roles,
    level_cell,
    oit_item_cell,
    score_cell,
    sub_indicator_cell,
)
from .sources import Source
from .tables import Table, read_table
from .values import CHANNEL_WORDS, ambiguous_number, clean, parse_number, parse_points

MAX_PROBLEMS = 200
CHANNEL_EXPECTED = "ผู้รับบริการตอบเอง หรือ ผู้ประเมินจัดเก็บ (หรือ public, survey)"
NUMBER_EXPECTED = "ตัวเลข 0-100 เช่น 85.5, 85,5 หรือ 85.5%"
OIT_EXPECTED = "100 หรือ 0 หรือคำว่า ผ่าน/ไม่ผ่าน, มี/ไม่มี, pass/fail"

Failure = tuple[str, str]  # (what is wrong with a cell, what is expected instead)


@dataclass
class ReadResult:
    """Validated results by agency (None when the file has no agency column), plus notes for the user."""

    by_agency: dict[str | None, ResultSet]
    warnings: list[str] = field(default_factory=list)
    rows_read: int = 0


def check_level(text: str, codes: CodeClassifier) -> str | Failure:
    """A LEVEL row's score: one of the year's levels."""
    level = level_cell(text, codes.levels)
    if level is None:
        return f"ระดับผลการประเมิน '{text}' ไม่มีในปี {codes.fw.year}", " / ".join(codes.levels.values())
    return level


def check_oit_item(text: str, code: str) -> float | Failure:
    """An OIT item's score: passed or not."""
    value = oit_item_cell(text)
    if value is None:
        return f"ข้อ OIT {code} ให้คะแนนแบบผ่าน/ไม่ผ่านเท่านั้น แต่ได้ '{text}'", OIT_EXPECTED
    return value


def check_score(text: str, kind: int) -> float | Failure:
    """A question, indicator, sub-indicator or tool score: a number from 0 to 100 (points too for a sub-indicator)."""
    value = sub_indicator_cell(text) if kind == SUB_INDICATOR else score_cell(text)
    if value is not None:
        return value
    number = parse_number(text)
    if number is None and kind == SUB_INDICATOR:
        number = parse_points(text)
    if number is not None:
        return f"คะแนน {text} อยู่นอกช่วง 0-100", "ตัวเลข 0-100"
    expected = NUMBER_EXPECTED + (" หรือคะแนนเต็มแบบ 700/900" if kind == SUB_INDICATOR else "")
    if ambiguous_number(text):
        return f"คะแนน '{text}' อ่านได้ทั้งเป็นทศนิยมและเป็นตัวเลขมีจุลภาคคั่นหลักพัน จึงไม่รับ", expected
    return f"คะแนน '{text}' ไม่ใช่ตัวเลข", expected


def check_channel(raw: str, kind: int, code: str, framework: Framework) -> str | Failure:
    """A channel cell that is not blank: a known channel, on an EIT question, in a year with two channels."""
    channel = CHANNEL_WORDS.get(raw, "")
    if not channel:
        return f"ช่องทาง '{raw}' ไม่รู้จัก", CHANNEL_EXPECTED
    if kind != QUESTION or not code.startswith("E"):
        return f"ระบุช่องทางได้เฉพาะข้อคำถาม EIT แต่แถวนี้เป็น {code}", "เว้นว่าง"
    if not framework.eit_channels:
        return f"ปี {framework.year} ไม่มีการแยก EIT สองช่องทาง (เริ่มปี 2566)", "เว้นว่าง"
    return channel


def read_results(
    source: Source,
    framework: Framework,
    *,
    agency: str | None = None,
    require_agency: bool = False,
    name: str | None = None,
) -> ReadResult:
    """Read and validate a result file for one year; InputError with every problem if anything is wrong.

    `source` is a path, the file's bytes or a binary file object (an upload, so nothing need be written to a
    temporary file); `name` is the file name for bytes (see tables.read_table)."""
    table = read_table(source, name=name)
    return results_from_table(table, framework, agency=agency, require_agency=require_agency)


def results_from_table(
    table: Table, framework: Framework, *, agency: str | None = None, require_agency: bool = False
) -> ReadResult:
    columns, ignored, problems = column_roles(table)
    if problems:
        raise InputError(problems)
    file = table.file
    codes = CodeClassifier(framework)
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
    oit_values: dict[str, float] = {}  # pass/fail words read, by text
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
        kind_code: CodeKind | None
        if isinstance(raw, str) and raw in codes.cache:
            kind_code = codes.cache[raw]
        else:
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
                checked_channel = check_channel(raw_channel, kind, code, framework)
                if isinstance(checked_channel, tuple):
                    fail(number, c_channel, *checked_channel)
                    continue
                channel = checked_channel
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
            level = check_level(text, codes)
            if isinstance(level, tuple):
                fail(number, c_score, *level)
                continue
            _result(by_agency, key_agency).reported_level = level
            continue
        value: float | Failure | None
        if kind == OIT_ITEM:
            value = oit_values.get(text)
            if value is None:
                value = check_oit_item(text, code)
                if not isinstance(value, tuple):
                    oit_values[text] = value
        else:
            value = check_score(text, kind)
        if isinstance(value, tuple):
            fail(number, c_score, *value)
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
