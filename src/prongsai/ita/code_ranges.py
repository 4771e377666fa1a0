"""Item codes written as ranges ("O1-O4, O7"), the way people list OIT items, read and written back."""

from __future__ import annotations

import re

from .numbers import to_arabic_digits

_PART = re.compile(r"^([A-Z]+)0*([1-9][0-9]*)(?:\s*[-–—]\s*(?:([A-Z]+))?0*([1-9][0-9]*))?$")
MAX_RANGE = 500


def parse_code_ranges(text: str) -> list[str]:
    """Codes in order from 'O1-O4, O7' (Thai digits, en dashes, spaces and lower case accepted).

    ValueError with a Thai message naming the part that cannot be read.
    """
    codes: list[str] = []
    for raw in re.split(r"[,;\n]+", to_arabic_digits(str(text))):
        part = raw.strip().upper()
        if not part:
            continue
        match = _PART.match(part)
        if not match or (match.group(3) and match.group(3) != match.group(1)):
            raise ValueError(f"อ่านช่วงรหัส '{raw.strip()}' ไม่ได้")
        prefix, first = match.group(1), int(match.group(2))
        last = int(match.group(4)) if match.group(4) else first
        if last < first or last - first > MAX_RANGE:
            raise ValueError(f"ช่วงรหัส '{raw.strip()}' ไม่ถูกต้อง")
        codes.extend(f"{prefix}{n}" for n in range(first, last + 1))
    return codes


def format_code_ranges(codes: tuple[str, ...] | list[str]) -> str:
    """The shortest range text for codes in order: runs of consecutive numbers become 'O1-O4'."""
    parts: list[str] = []
    run: list[tuple[str, int]] = []

    def flush() -> None:
        if run:
            (prefix, first), (_, last) = run[0], run[-1]
            parts.append(f"{prefix}{first}" if first == last else f"{prefix}{first}-{prefix}{last}")
            run.clear()

    for code in codes:
        match = re.match(r"^([A-Z]+)([0-9]+)$", code)
        if not match:
            flush()
            parts.append(code)
            continue
        prefix, number = match.group(1), int(match.group(2))
        if run and (run[-1][0] != prefix or run[-1][1] + 1 != number):
            flush()
        run.append((prefix, number))
    flush()
    return ", ".join(parts)
