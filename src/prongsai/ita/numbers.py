"""Numbers as ITA shows them: full precision inside, 2 decimals (half up) when shown; Thai digits in and out."""

from __future__ import annotations

import math

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)


def to_arabic_digits(text: str) -> str:
    """Replace Thai digits (๐-๙) with ASCII digits; everything else is left as it is."""
    return text.translate(_TO_ARABIC)


def to_thai_digits(text: str) -> str:
    return text.translate(_TO_THAI)


def round2(value: float) -> float:
    """Round half up (away from zero) to 2 decimals, the way published ITA figures are rounded.

    The scaled value is first cut to 6 decimals so binary noise (9724.499999999) cannot flip the result.
    """
    scaled = round(abs(value) * 100, 6)
    return math.copysign(math.floor(scaled + 0.5) / 100, value)


def fmt2(value: float | None) -> str:
    """Show a figure with 2 decimals, or an em dash when it is not known."""
    return "—" if value is None else f"{round2(value):.2f}"
