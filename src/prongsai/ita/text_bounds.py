"""Bounds on structured text (YAML, JSON) checked before it is parsed into objects.

A few hundred kilobytes of nested brackets crash libyaml's loader (a segmentation fault, not an exception) and make
json.loads raise RecursionError, so the nesting is measured first with a streaming scan that stops at the limit.
YAML aliases are refused too: a framework never needs them, and they let a small file stand for a huge one.
"""

from __future__ import annotations

import re

import yaml

from .problems import InputError, Problem

MAX_DEPTH = 32  # a framework file nests 5 deep; a result or plan JSON a little more
# A string (an unterminated one runs to the end, so the scan stays linear) or a bracket.
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*+(?:"|\Z)|[\[\]{}]', re.DOTALL)
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_OPENS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSES = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def too_deep(name: str, limit: int, row: int | None = None) -> InputError:
    """The error for text nested deeper than `limit`, naming the file and the line where it went too deep."""
    return InputError([Problem("โครงสร้างข้อมูลซ้อนกันลึกเกินกำหนด", file=name, row=row, expected=f"ซ้อนกันไม่เกิน {limit} ชั้น")])


def json_depth_line(text: str, limit: int = MAX_DEPTH) -> int | None:
    """The line on which JSON text first nests deeper than `limit` arrays and objects, or None if it never does."""
    depth = 0
    for token in _JSON_TOKEN.finditer(text):
        mark = token.group()
        if mark in ("[", "{"):
            depth += 1
            if depth > limit:
                return text.count("\n", 0, token.start()) + 1
        elif mark in ("]", "}"):
            depth -= 1
    return None


def check_json_text(text: str, name: str, limit: int = MAX_DEPTH) -> None:
    """Raise InputError when JSON text nests deeper than `limit`."""
    line = json_depth_line(text, limit)
    if line is not None:
        raise too_deep(name, limit, line)


def check_yaml_text(text: str, name: str, limit: int = MAX_DEPTH) -> None:
    """Raise InputError on a YAML alias or nesting deeper than `limit`; syntax errors are left to the parser."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_SAFE_LOADER):
            if isinstance(event, _OPENS):
                depth += 1
                if depth > limit:
                    raise too_deep(name, limit, _line(event))
            elif isinstance(event, _CLOSES):
                depth -= 1
            elif isinstance(event, yaml.AliasEvent):
                raise InputError(
                    [
                        Problem(
                            "ไฟล์ใช้ alias ของ YAML (*ชื่อ) ซึ่งไม่รับ",
                            file=name,
                            row=_line(event),
                            expected="เขียนค่าเต็มทุกที่",
                        )
                    ]
                )
    except yaml.YAMLError:
        return  # worded, with its line, by the parser that reads the file next


def _line(event: yaml.Event) -> int | None:
    mark = event.start_mark
    return mark.line + 1 if mark is not None else None
