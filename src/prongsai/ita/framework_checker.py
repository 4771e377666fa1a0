"""Checks of a framework file's values, each problem kept with its place in the file
(`indicators[2].questions[0].code`), so that the loader reports every problem at once."""

from __future__ import annotations

import re
from typing import Any

from .model import CONFIRMED, STATUSES
from .problems import Problem

QUESTION_CODE = re.compile(r"^[IE][1-9][0-9]*$")
ITEM_CODE = re.compile(r"^O[1-9][0-9]*$")
TOPIC = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")
SUB_CODE = re.compile(r"^([1-9][0-9]*)\.([1-9][0-9]*)$")


class FrameworkChecker:
    """Collects problems with their path inside the file (`indicators[2].questions[0].code`)."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def fail(self, path: str, message: str, expected: str | None = None) -> None:
        self.problems.append(Problem(message, file=self.file, column=path or None, expected=expected))

    def mapping(self, value: Any, path: str) -> dict[str, Any]:
        if isinstance(value, dict):
            return value
        self.fail(path, f"ต้องเป็นชุดข้อมูลแบบ key: value แต่ได้ {type(value).__name__}", "mapping")
        return {}

    def listing(self, value: Any, path: str) -> list[Any]:
        if value is None:
            return []
        if isinstance(value, list):
            return value
        self.fail(path, f"ต้องเป็นรายการ แต่ได้ {type(value).__name__}", "list")
        return []

    def text(self, data: dict[str, Any], key: str, path: str, required: bool = True) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(f"{path}.{key}".lstrip("."), "ขาดข้อมูลที่จำเป็น", "ข้อความ")
            return None
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.fail(f"{path}.{key}".lstrip("."), f"ต้องเป็นข้อความ แต่ได้ {type(value).__name__}", "ข้อความ")
            return None
        return str(value)

    def number(self, data: dict[str, Any], key: str, path: str, required: bool = True) -> float | None:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(f"{path}.{key}".lstrip("."), "ขาดข้อมูลที่จำเป็น", "ตัวเลข")
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(f"{path}.{key}".lstrip("."), f"ต้องเป็นตัวเลข แต่ได้ '{value}'", "ตัวเลข")
            return None
        return float(value)

    def status(self, data: dict[str, Any], key: str, path: str, allowed: tuple[str, ...] = STATUSES) -> str:
        value = data.get(key, CONFIRMED)
        if value not in allowed:
            self.fail(f"{path}.{key}".lstrip("."), f"สถานะ '{value}' ไม่รู้จัก", " / ".join(allowed))
            return CONFIRMED
        return str(value)
