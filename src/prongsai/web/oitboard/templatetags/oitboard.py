"""Template filters of the OIT board: dates in BE as Thai documents write them, status classes."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone

from ....ita.thaidates import format_date

register = template.Library()


@register.filter
def thaidate(value: dt.date | None) -> str:
    """30 ก.ย. 2567 (empty for no date)."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return format_date(value, style="short")


@register.filter
def thaidatetime(value: dt.datetime | None) -> str:
    """30 ก.ย. 2567 14:05 in the server's time zone."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{format_date(local.date(), style='short')} {local:%H:%M} น."
