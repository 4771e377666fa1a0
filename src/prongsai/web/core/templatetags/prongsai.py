"""Template filters for ITA figures (two decimals as NACC shows them, signed changes, level colours), BE dates as
Thai documents write them (the one place pages format a date or a moment), and Thai names of internal words.
Figures and dates follow the reader's Thai-digit preference (core/digits.py)."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

from ....ita.numbers import fmt2 as _fmt2
from ....ita.numbers import round2
from ....ita.thai_names import UNKNOWN_TEXT, channel_names, code_name
from ....ita.thaidates import format_date
from ..digits import shown

register = template.Library()

_LEVEL_CLASS = {
    "AA": "good",
    "A": "good",
    "ผ่านดีเยี่ยม": "good",
    "ผ่านดี": "good",
    "B": "fair",
    "ผ่าน": "fair",
    "C": "poor",
    "D": "poor",
    "E": "poor",
    "F": "poor",
    "ไม่ผ่าน": "poor",
}


@register.filter
def fmt2(value: float | None) -> str:
    return shown(_fmt2(value))


@register.filter
def signed(value: float | None) -> str:
    if value is None:
        return "—"
    rounded = round2(value)
    return shown(f"+{rounded:.2f}" if rounded > 0 else f"{rounded:.2f}")


@register.filter
def thaidate(value: dt.date | None, style: str = "short") -> str:
    """6 ธ.ค. 2569 (styles `long`: 6 ธันวาคม 2569, `numeric`: 06/12/2569); a moment shows its local day; a dash
    when there is no date."""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if not isinstance(value, dt.date):
        return "—"
    return shown(format_date(value, style=style))


@register.filter
def thaidatetime(value: dt.datetime | None) -> str:
    """A stored moment in the server's time zone with a BE date: 6 ธ.ค. 2569 09:06 น. (the time never parts from
    น.); a dash when there is none."""
    if not isinstance(value, dt.datetime):
        return "—"
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return shown(f"{format_date(local.date(), style='short')} {local:%H:%M}\u00a0น.")


@register.filter
def person(user: object) -> str:
    """A person as pages name them: full name, else user name; "ระบบ" for a change nobody made (demo, commands)."""
    if user is None:
        return "ระบบ"
    full = getattr(user, "get_full_name", lambda: "")()
    return full or getattr(user, "username", "") or "ระบบ"


@register.filter
def channel_th(value: str | list[str] | None) -> str:
    """EIT channel keys in Thai: 'public, survey' -> 'ผู้รับบริการตอบเอง, ผู้ประเมินจัดเก็บ'."""
    return channel_names(value or "")


@register.filter
def code_th(code: str, year: int | None = None) -> str:
    """A reported figure's code in Thai: TOTAL -> คะแนนรวม, IND7 -> ตัวชี้วัดที่ 7 (with its name in `year`'s
    framework when one is given); question codes unchanged."""
    framework = None
    if year:
        from ....ita.library import available_years, framework_for

        framework = framework_for(int(year)) if int(year) in available_years() else None
    return code_name(str(code), framework)


@register.filter
def mark(value: float) -> str:
    """A pass mark as criteria are written: 85, 82.5 (never 85.0)."""
    return f"{float(value):g}"


@register.filter
def level_class(level: str | None) -> str:
    return _LEVEL_CLASS.get(level or "", "none")


@register.filter
def score_class(value: float | None, pass_mark: float) -> str:
    """ "good" at the year's pass mark or above (`{{ score|score_class:pass_mark }}`), else "poor"."""
    if value is None:
        return "none"
    return "good" if round2(value) >= float(pass_mark) else "poor"


@register.filter
def get(mapping: dict, key: object) -> object:
    return mapping.get(str(key)) if isinstance(mapping, dict) else None


@register.filter
def known(text: str | None) -> str:
    """An item's wording, or "(ยังไม่ทราบข้อความ)" for a year whose texts are not known yet (never "None")."""
    return text if text else UNKNOWN_TEXT
