"""Template filters of the plans pages: dates in BE as Thai documents write them, and status colours."""

from __future__ import annotations

import datetime as dt

from django import template

from ....ita.thaidates import format_date

register = template.Library()

_STATUS_CLASS = {"done": "good", "in_progress": "fair", "delayed": "poor", "not_started": "none",
                 "cancelled": "none"}


@register.filter
def thaidate(value: dt.date | None, style: str = "short") -> str:
    """30 ก.ย. 2567 (or the `long` and `numeric` styles); a dash when there is no date."""
    if not isinstance(value, dt.date):
        return "—"
    return format_date(value, style=style)


@register.filter
def status_class(status: str | None) -> str:
    return _STATUS_CLASS.get(status or "", "none")


@register.filter
def megabytes(size: int | None) -> str:
    if not size:
        return "0"
    return f"{size / (1024 * 1024):.2f} MB" if size >= 100 * 1024 else f"{size / 1024:.1f} KB"
