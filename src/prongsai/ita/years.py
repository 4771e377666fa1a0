"""Fiscal years: accept Buddhist Era (2566) or Common Era (2023) and always work in BE."""

from __future__ import annotations

from .numbers import to_arabic_digits
from .problems import InputError, Problem

BE_OFFSET = 543
_EXPECTED = "ปี พ.ศ. เช่น 2566 หรือ ค.ศ. เช่น 2023"


def parse_year(value: str | int) -> int:
    """Return the BE fiscal year for `value` given as BE or CE (prefix พ.ศ./ค.ศ. allowed, Thai digits too)."""
    text = to_arabic_digits(str(value)).strip()
    era = None
    for prefix, name in (("พ.ศ.", "BE"), ("ค.ศ.", "CE"), ("BE", "BE"), ("CE", "CE")):
        if text.upper().startswith(prefix):
            text, era = text[len(prefix) :].strip(), name
            break
    if not text.isdigit():
        raise InputError([Problem(f"ปีงบประมาณ '{value}' ไม่ใช่ตัวเลขปี", expected=_EXPECTED)])
    year = int(text)
    if era != "CE" and 2400 <= year <= 2700:
        return year
    if era != "BE" and 1900 <= year <= 2157:
        return year + BE_OFFSET
    raise InputError([Problem(f"ปีงบประมาณ '{value}' อยู่นอกช่วงที่รับได้", expected=_EXPECTED)])


def be_to_ce(year_be: int) -> int:
    return year_be - BE_OFFSET
