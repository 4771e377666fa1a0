"""Template filters for ITA figures: two decimals as NACC shows them, signed changes, level colours."""

from __future__ import annotations

from django import template

from ....ita.numbers import fmt2 as _fmt2
from ....ita.numbers import round2

register = template.Library()

_LEVEL_CLASS = {
    "AA": "good", "A": "good", "ผ่านดีเยี่ยม": "good", "ผ่านดี": "good",
    "B": "fair", "ผ่าน": "fair",
    "C": "poor", "D": "poor", "E": "poor", "F": "poor", "ไม่ผ่าน": "poor",
}


@register.filter
def fmt2(value: float | None) -> str:
    return _fmt2(value)


@register.filter
def signed(value: float | None) -> str:
    if value is None:
        return "—"
    shown = round2(value)
    return f"+{shown:.2f}" if shown > 0 else f"{shown:.2f}"


@register.filter
def level_class(level: str | None) -> str:
    return _LEVEL_CLASS.get(level or "", "none")


@register.filter
def score_class(value: float | None) -> str:
    if value is None:
        return "none"
    return "good" if round2(value) >= 85 else "poor"


@register.filter
def get(mapping: dict, key: object) -> object:
    return mapping.get(str(key)) if isinstance(mapping, dict) else None
