"""Thai wording for what the YAML and JSON parsers refuse, so a syntax error names its line and character in Thai
instead of quoting the parser's English (docs/decisions.md, "ข้อความเมื่ออ่านไฟล์ไม่ได้")."""

from __future__ import annotations

import json
from typing import Any

from .problems import InputError, Problem

# (words in PyYAML's problem text, the Thai reason); the first match wins, so the specific ones come first.
_YAML_REASONS: tuple[tuple[str, str], ...] = (
    ("'\\t' that cannot start", "ย่อหน้าด้วยแท็บ ซึ่ง YAML ไม่รับ ให้ย่อหน้าด้วยช่องว่างแทน"),
    ("cannot start any token", "พบอักขระที่ขึ้นต้นค่าไม่ได้ ให้ใส่ค่านั้นไว้ในเครื่องหมายคำพูด"),
    (
        "mapping values are not allowed",
        "มีเครื่องหมาย : ในตำแหน่งที่ใช้ไม่ได้ มักเกิดจากการย่อหน้าไม่ตรงกัน หรือข้อความที่มี : ไม่ได้อยู่ในเครื่องหมายคำพูด",
    ),
    ("could not find expected ':'", "ไม่พบเครื่องหมาย : หลังชื่อหัวข้อ"),
    ("expected ',' or ']'", "วงเล็บ [ ที่เปิดไว้ไม่ได้ปิด หรือขาดเครื่องหมาย , คั่นระหว่างรายการ"),
    ("expected ',' or '}'", "วงเล็บ { ที่เปิดไว้ไม่ได้ปิด หรือขาดเครื่องหมาย , คั่นระหว่างหัวข้อ"),
    ("unclosed '[' or '{'", "ย่อหน้าไม่ถูกต้อง หรือวงเล็บที่เปิดไว้ไม่ได้ปิด"),
    ("sequence entries are not allowed", "รายการที่ขึ้นต้นด้วย - อยู่ในตำแหน่งที่ใช้ไม่ได้ ให้ตรวจการย่อหน้า"),
    ("expected <block end>", "ย่อหน้าไม่ตรงกับหัวข้ออื่นในระดับเดียวกัน"),
    ("did not find expected", "ย่อหน้าไม่ตรงกับหัวข้ออื่นในระดับเดียวกัน"),
    ("unknown escape character", "มีรหัสหลีก (\\) ที่ไม่รู้จักในข้อความที่อยู่ในเครื่องหมายคำพูดคู่"),
    ("another document", "ไฟล์มีมากกว่าหนึ่งเอกสาร (คั่นด้วย ---) แต่รับได้เอกสารเดียว"),
    ("single document", "ไฟล์มีมากกว่าหนึ่งเอกสาร (คั่นด้วย ---) แต่รับได้เอกสารเดียว"),
    ("constructor for the tag", "มีแท็ก YAML (ขึ้นต้นด้วย !) ซึ่งไม่รับ"),
    ("unhashable key", "ชื่อหัวข้อต้องเป็นข้อความหรือตัวเลข ไม่ใช่รายการหรือโครงสร้างซ้อน"),
    ("alias", "มีการอ้างถึงค่าอื่นด้วย * หรือ & ซึ่งไม่รับ"),
    ("anchor", "มีการอ้างถึงค่าอื่นด้วย * หรือ & ซึ่งไม่รับ"),
    ("unacceptable character", "มีอักขระควบคุมที่ YAML ไม่รับ"),
    ("special characters are not allowed", "มีอักขระควบคุมที่ YAML ไม่รับ"),
)
_YAML_CLOSING = (
    ("quoted scalar", "เครื่องหมายคำพูดที่เปิดไว้ที่นี่ไม่ได้ปิด"),
    ("flow sequence", "วงเล็บ [ ที่เปิดไว้ที่นี่ไม่ได้ปิด"),
    ("flow mapping", "วงเล็บ { ที่เปิดไว้ที่นี่ไม่ได้ปิด"),
)
_JSON_REASONS: tuple[tuple[str, str], ...] = (
    ("Expecting property name", "ชื่อหัวข้อต้องอยู่ในเครื่องหมายคำพูดคู่ หรือมีเครื่องหมาย , เกินมาก่อนปิดวงเล็บ"),
    ("Expecting ',' delimiter", "ขาดเครื่องหมาย , คั่นระหว่างค่า หรือวงเล็บที่เปิดไว้ไม่ได้ปิด"),
    ("Expecting ':' delimiter", "ขาดเครื่องหมาย : หลังชื่อหัวข้อ"),
    ("Expecting value", "ไม่พบค่าในตำแหน่งที่ต้องมีค่า (ข้อความต้องอยู่ในเครื่องหมายคำพูดคู่)"),
    ("Unterminated string", "เครื่องหมายคำพูดที่เปิดไว้ไม่ได้ปิด"),
    ("Invalid control character", "มีอักขระควบคุม เช่น การขึ้นบรรทัด อยู่ในข้อความ (ให้เขียนเป็น \\n)"),
    ("escape", "มีรหัสหลีก (\\) ที่ไม่ถูกต้องในข้อความ"),
    ("Extra data", "มีข้อมูลเกินมาหลังโครงสร้าง JSON ที่ปิดครบแล้ว"),
)
YAML_EXPECTED = "YAML ที่ย่อหน้าด้วยช่องว่างเท่ากันในระดับเดียวกัน และปิดวงเล็บกับเครื่องหมายคำพูดครบ"
JSON_EXPECTED = "JSON ตามมาตรฐาน: ชื่อหัวข้อและข้อความอยู่ในเครื่องหมายคำพูดคู่ คั่นด้วย , และปิดวงเล็บครบ"


def _first(text: str, reasons: tuple[tuple[str, str], ...], default: str) -> str:
    return next((thai for words, thai in reasons if words in text), default)


def yaml_problem(exc: Any, file: str) -> Problem:
    """A PyYAML error as a Problem at its line and character: where an unclosed quote or bracket, or a key without
    its colon, began; else where the parser stopped."""
    problem = str(getattr(exc, "problem", None) or exc)
    context = str(getattr(exc, "context", None) or "")
    mark = getattr(exc, "problem_mark", None)
    reason = _first(problem, _YAML_REASONS, "โครงสร้าง YAML ไม่ถูกต้อง")
    if "end of stream" in problem or "<stream end>" in problem:
        reason = _first(context, _YAML_CLOSING, "ไฟล์จบก่อนที่โครงสร้างจะครบ")
        mark = getattr(exc, "context_mark", None) or mark
    elif "expected ':'" in problem:  # found at the next line; the key that lacks its colon is where it began
        mark = getattr(exc, "context_mark", None) or mark
    if mark is None and hasattr(exc, "position"):  # a ReaderError: the offending character, counted from 0
        return Problem(f"อ่าน YAML ไม่ได้: {reason}", file=file, column=f"ตัวอักษรที่ {exc.position + 1}")
    if mark is None:
        return Problem(f"อ่าน YAML ไม่ได้: {reason}", file=file, expected=YAML_EXPECTED)
    return Problem(
        f"อ่าน YAML ไม่ได้: {reason}",
        file=file,
        row=mark.line + 1,
        column=f"ตัวอักษรที่ {mark.column + 1}",
        expected=YAML_EXPECTED,
    )


def parse_json(text: str, file: str) -> Any:
    """json.loads(), its refusals as an InputError in Thai: the syntax at its line and character, or a number of
    more digits than Python converts (its ValueError). The caller bounds the nesting first."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        reason = _first(exc.msg, _JSON_REASONS, "โครงสร้าง JSON ไม่ถูกต้อง")
        problem = Problem(
            f"รูปแบบ JSON ผิด: {reason}", file=file, row=exc.lineno, column=f"ตัวอักษรที่ {exc.colno}", expected=JSON_EXPECTED
        )
        raise InputError([problem]) from None
    except ValueError:
        raise InputError(
            [Problem("มีตัวเลขใน JSON ที่ยาวเกินกว่าจะอ่านได้ (เกิน 4,300 หลัก)", file=file, expected="ตัวเลขที่มีไม่เกินสิบกว่าหลัก")]
        ) from None


def yaml_value_problem(file: str) -> Problem:
    """A value PyYAML reads as a date or a number but cannot build (its ValueError), such as 2024-13-45."""
    return Problem(
        "มีค่าที่ YAML อ่านเป็นวันที่หรือตัวเลขแต่สร้างไม่ได้ เช่น วันที่ 2024-13-45",
        file=file,
        expected="วันที่ที่มีจริง หรือใส่ค่านั้นไว้ในเครื่องหมายคำพูดให้เป็นข้อความ",
    )
