"""Template filters of the plans pages: dates in BE as Thai documents write them, and status colours."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

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
def thaidatetime(value: dt.datetime | None) -> str:
    """A stored moment in local time with a BE date: 21 พ.ย. 2569 14:05."""
    if not isinstance(value, dt.datetime):
        return "—"
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{format_date(local.date(), style='short')} {local:%H:%M}"


@register.filter
def status_class(status: str | None) -> str:
    return _STATUS_CLASS.get(status or "", "none")


@register.filter
def megabytes(size: int | None) -> str:
    """A file size as people read it: bytes, KB or MB."""
    size = size or 0
    if size < 1024:
        return f"{size} ไบต์"
    return f"{size / (1024 * 1024):.2f} MB" if size >= 100 * 1024 else f"{size / 1024:.1f} KB"
