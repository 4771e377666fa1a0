"""Dates as Thai official documents write them: Buddhist Era years, Thai month names, Thai digits on request.

Input is forgiving (30/09/2567, 30 ก.ย. 2567, 30 กันยายน ๒๕๖๗, 2024-09-30, an Excel date) because officers type
dates every way; output is one form per style. Years above 2400 are BE, below are CE.
"""

from __future__ import annotations

import datetime as dt
import re

from .numbers import to_arabic_digits, to_thai_digits
from .years import BE_OFFSET

MONTHS = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
MONTHS_SHORT = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
_MONTH_WORDS = {name: i for i, name in enumerate(MONTHS, start=1)}
_MONTH_WORDS.update({name: i for i, name in enumerate(MONTHS_SHORT, start=1)})
_MONTH_WORDS.update({name.replace(".", ""): i for i, name in enumerate(MONTHS_SHORT, start=1)})
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_WORDS = re.compile(r"^(\d{1,2})\s*([^\d\s]+)\s*(?:พ\.ศ\.|ค\.ศ\.)?\s*(\d{4})$")
EXPECTED = "วันที่ พ.ศ. เช่น 30/09/2567 หรือ 30 ก.ย. 2567"


def _year_ce(year: int) -> int:
    return year - BE_OFFSET if year > 2400 else year


def parse_date(value: object) -> dt.date | None:
    """A date from a cell or text; None when it cannot be read as one (the caller reports where)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = to_arabic_digits(str(value)).strip()
    try:
        if match := _NUMERIC.match(text):
            day, month, year = (int(g) for g in match.groups())
            return dt.date(_year_ce(year), month, day)
        if match := _ISO.match(text):
            year, month, day = (int(g) for g in match.groups())
            return dt.date(_year_ce(year), month, day)
        if match := _WORDS.match(text):
            day_text, word, year_text = match.groups()
            month_number = _MONTH_WORDS.get(word.strip())
            return dt.date(_year_ce(int(year_text)), month_number, int(day_text)) if month_number else None
    except ValueError:
        return None
    return None


def format_date(day: dt.date, *, style: str = "long", thai_digits: bool = False) -> str:
    """`long`: 30 กันยายน 2567; `short`: 30 ก.ย. 2567; `numeric`: 30/09/2567. Always BE."""
    year = day.year + BE_OFFSET
    if style == "long":
        text = f"{day.day} {MONTHS[day.month - 1]} {year}"
    elif style == "short":
        text = f"{day.day} {MONTHS_SHORT[day.month - 1]} {year}"
    elif style == "numeric":
        text = f"{day.day:02d}/{day.month:02d}/{year}"
    else:
        raise ValueError(f"unknown date style {style!r}")
    return to_thai_digits(text) if thai_digits else text


def fiscal_year_bounds(year_be: int) -> tuple[dt.date, dt.date]:
    """A Thai fiscal year runs from 1 October of the year before to 30 September (BE 2567 = Oct 2023 - Sep 2024)."""
    year_ce = year_be - BE_OFFSET
    return dt.date(year_ce - 1, 10, 1), dt.date(year_ce, 9, 30)


def fiscal_quarter(day: dt.date) -> tuple[int, int]:
    """(fiscal year BE, quarter 1-4) of a date: October-December is quarter 1 of the next fiscal year."""
    year_be = day.year + BE_OFFSET + (1 if day.month >= 10 else 0)
    quarter = ((day.month - 10) % 12) // 3 + 1
    return year_be, quarter
