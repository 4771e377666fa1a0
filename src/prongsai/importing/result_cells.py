"""What the cells of a results file mean: the header's column roles, the kind of each code, and the value of a
score cell for each kind of code. Shared by the row-by-row reader (results_reader) and the bulk reader
(columnar), so both accept exactly the same cells."""

from __future__ import annotations

from ..ita.model import Framework
from ..ita.problems import Problem
from ..ita.results import LEVEL_CODE, REPORTED_TOOL_CODES
from .tables import Table
from .values import clean, normalise_code, parse_number, parse_pass_fail, parse_points

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
ROLE_NAMES = {"code": "รหัส", "score": "คะแนน", "channel": "ช่องทาง", "agency": "หน่วยงาน"}

# Kinds of code, decided once per distinct raw code.
QUESTION, OIT_ITEM, INDICATOR, SUB_INDICATOR, TOOL, LEVEL = range(6)

CodeKind = tuple[int, str]  # (kind, the code as the framework spells it)


class CodeClassifier:
    """Classifies raw codes against one framework, with a cache so a national file costs one lookup a row."""

    def __init__(self, framework: Framework):
        self.fw = framework
        self.cache: dict[str, CodeKind | None] = {}
        self.levels = {rule.level.upper(): rule.level for rule in framework.grading.levels}

    def classify(self, raw: str) -> CodeKind | None:
        if raw in self.cache:
            return self.cache[raw]
        code = normalise_code(raw)
        result: CodeKind | None = None
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
        """What is wrong with a code the framework does not know, and what is expected instead."""
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


def column_roles(table: Table) -> tuple[dict[str, int], list[str], list[Problem]]:
    """The column of each role (code, score, channel, agency), the columns ignored, and problems of the header."""
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


def score_cell(text: str) -> float | None:
    """A question, indicator or tool score: a number from 0 to 100 (None otherwise)."""
    number = parse_number(text)
    return number if number is not None and 0 <= number <= 100 else None


def sub_indicator_cell(text: str) -> float | None:
    """A sub-indicator score: a number from 0 to 100, or points such as 700/900 that make one (None otherwise)."""
    number = parse_number(text)
    if number is None:
        number = parse_points(text)
    return number if number is not None and 0 <= number <= 100 else None


def oit_item_cell(text: str) -> float | None:
    """An OIT item: passed (100) or not (0), in any of the accepted words (None otherwise)."""
    return parse_pass_fail(text)


def level_cell(text: str, levels: dict[str, str]) -> str | None:
    """A reported level, as the year's grading spells it (None when the year has no such level)."""
    return levels.get(text.upper())
