"""Numbers as ITA shows them: full precision inside, 2 decimals (half up) when shown; Thai digits in and out."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)
_CENT = Decimal("0.01")


def to_arabic_digits(text: str) -> str:
    """Replace Thai digits (๐-๙) with ASCII digits; everything else is left as it is."""
    return text.translate(_TO_ARABIC)


def to_thai_digits(text: str) -> str:
    return text.translate(_TO_THAI)


def round2(value: float) -> float:
    """Round half up to 2 decimals, the way published ITA figures are rounded.

    The value is first cut to 9 decimals so binary noise (97.24999999999999) cannot flip the result.
    """
    return float(Decimal(repr(round(value, 9))).quantize(_CENT, rounding=ROUND_HALF_UP))


def fmt2(value: float | None) -> str:
    """Show a figure with 2 decimals, or an em dash when it is not known."""
    return "—" if value is None else f"{round2(value):.2f}"
