"""Parse one cell: codes, scores, pass/fail words, channels; Thai digits accepted everywhere."""

from __future__ import annotations

import re
from typing import Any

from ..ita.numbers import to_arabic_digits

PASS_WORDS = {"ผ่าน", "มี", "pass", "passed", "yes", "y", "true", "✓", "/"}
FAIL_WORDS = {"ไม่ผ่าน", "ไม่มี", "fail", "failed", "no", "n", "false", "✗", "x"}
CHANNEL_WORDS = {
    "public": "public",
    "eit public": "public",
    "eit_public": "public",
    "ส่วนที่ 1": "public",
    "survey": "survey",
    "eit survey": "survey",
    "eit_survey": "survey",
    "ส่วนที่ 2": "survey",
    "ผู้รับบริการตอบเอง": "public",  # the Thai names the product shows (ita/thai_names.py) and the template writes
    "ผู้ประเมินจัดเก็บ": "survey",
    "ช่องทางผู้รับบริการตอบเอง": "public",
    "ช่องทางผู้ประเมินจัดเก็บ": "survey",
}
_INVISIBLE = str.maketrans("", "", "\ufeff\u200b\u200c\u200d\u00a0")
_CODE = re.compile(r"^(I|E|O|IND)0*([1-9][0-9]*)$")
_FRACTION = re.compile(r"^([0-9]+(?:\.[0-9]+)?)\s*/\s*([0-9]+(?:\.[0-9]+)?)$")


def clean(value: Any) -> str:
    """Cell text with Thai digits made ASCII, invisible characters dropped and outer spaces trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    if text.isascii():
        return text.strip()
    return to_arabic_digits(text).translate(_INVISIBLE).strip()


def normalise_code(raw: str) -> str:
    """Upper-case a code and drop inner spaces and leading zeros: ' i 01 ' -> 'I1', 'ind 9' -> 'IND9'."""
    text = raw.replace(" ", "").upper()
    match = _CODE.match(text)
    if match:
        return match.group(1) + match.group(2)
    return text


def parse_number(text: str) -> float | None:
    """A decimal number as officers type it, or None when the text is not one unambiguously.

    Accepted besides plain decimals: a percent sign after the number ("85.5%", "85.5 %"), and a decimal comma
    ("85,5", "85,50") in a cell that is a cell of its own (quoted, or in a semicolon or tab separated file; in a
    comma separated file an unquoted comma has already split the cell). A comma followed by exactly three digits
    ("1,234") could be a thousands separator or a decimal comma and is refused (see `ambiguous_number`), as are
    words, NaN, infinities and underscores.
    """
    try:
        value = float(text)
    except ValueError:
        unit_free = _unit_free(text)
        if unit_free is None:
            return None
        text = unit_free
        try:
            value = float(text)
        except ValueError:
            return None
    if value != value or value in (float("inf"), float("-inf")) or "_" in text:
        return None
    return value


_PERCENT = re.compile(r"^(.*?)\s*%$")
_DECIMAL_COMMA = re.compile(r"^([+-]?[0-9]+),([0-9]{1,2}|[0-9]{4,})$")
_THOUSANDS = re.compile(r"^[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$")


def _unit_free(text: str) -> str | None:
    """The text without a trailing percent sign and with a decimal comma made a point; None if it stays no number."""
    match = _PERCENT.match(text)
    if match:
        text = match.group(1)
        if not text or "%" in text:
            return None
    if "," in text:
        comma = _DECIMAL_COMMA.match(text)
        if not comma:
            return None
        text = f"{comma.group(1)}.{comma.group(2)}"
    return text


def ambiguous_number(text: str) -> bool:
    """True for '1,234'-like text: a thousands separator or a decimal comma, which cannot be told apart."""
    return bool(_THOUSANDS.match(text.rstrip("%").rstrip()))


def parse_pass_fail(text: str) -> float | None:
    """100 for pass, 0 for fail, None for anything else (partial credit does not exist for OIT items)."""
    number = parse_number(text)
    if number is not None:
        return number if number in (0.0, 100.0) else None
    word = text.lower()
    if word in PASS_WORDS:
        return 100.0
    if word in FAIL_WORDS:
        return 0.0
    return None


def parse_points(text: str) -> float | None:
    """A sub-indicator given as points over maximum ('700/900', as NACC reports show it) as a 0-100 score."""
    match = _FRACTION.match(text)
    if not match:
        return None
    points, maximum = float(match.group(1)), float(match.group(2))
    if maximum <= 0 or points > maximum:
        return None
    return points / maximum * 100
