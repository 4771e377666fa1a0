"""Fiscal years: accept Buddhist Era (2566) or Common Era (2023) and always work in BE."""

from __future__ import annotations

from .numbers import to_arabic_digits
from .problems import InputError, Problem

BE_OFFSET = 543
_EXPECTED = "ปี พ.ศ. เช่น 2566 หรือ ค.ศ. เช่น 2023"


BE_RANGE = (2400, 2700)  # a year in this range is Buddhist Era
CE_RANGE = (1900, 2157)  # a year in this range is Common Era; the two never overlap, so no year is guessed
BE, CE = "BE", "CE"


def parse_year(value: str | int) -> int:
    """Return the BE fiscal year for `value` given as BE or CE (prefix พ.ศ./ค.ศ. allowed, Thai digits too)."""
    return read_year(value)[0]


def read_year(value: str | int) -> tuple[int, str]:
    """The BE fiscal year for `value` and the era it was read in (BE or CE).

    2400-2700 is BE and 1900-2157 is CE (CE 2023 is fiscal year BE 2566, which ends in September 2023); a prefix
    พ.ศ./ค.ศ. (or BE/CE) settles the era. Any other year (2158-2399, before 1900, after 2700) is refused rather than
    guessed, with the rule in the message.
    """
    text = to_arabic_digits(str(value)).strip()
    era = None
    for prefix, name in (("พ.ศ.", BE), ("ค.ศ.", CE), ("BE", BE), ("CE", CE)):
        if text.upper().startswith(prefix):
            text, era = text[len(prefix) :].strip(), name
            break
    if not (text.isascii() and text.isdigit()):  # isdigit() alone accepts superscripts, which int() refuses
        raise InputError([Problem(f"ปีงบประมาณ '{value}' ไม่ใช่ตัวเลขปี", expected=_EXPECTED)])
    year = int(text)
    if era != CE and BE_RANGE[0] <= year <= BE_RANGE[1]:
        return year, BE
    if era != BE and CE_RANGE[0] <= year <= CE_RANGE[1]:
        return year + BE_OFFSET, CE
    raise InputError(
        [
            Problem(
                f"ปีงบประมาณ '{value}' อยู่นอกช่วงที่รับได้ จึงไม่ทราบว่าเป็นปี พ.ศ. หรือ ค.ศ. "
                f"(พ.ศ. {BE_RANGE[0]}-{BE_RANGE[1]}, ค.ศ. {CE_RANGE[0]}-{CE_RANGE[1]})",
                expected=_EXPECTED,
            )
        ]
    )


def be_to_ce(year_be: int) -> int:
    return year_be - BE_OFFSET
