"""Template filters of the plans pages: dates in BE as Thai documents write them, and status colours."""

from __future__ import annotations

from django import template

from ...core.templatetags.prongsai import thaidate, thaidatetime
from ..models import Status

register = template.Library()

_STATUS_CLASS: dict[str, str] = {
    Status.DONE: "good",
    Status.IN_PROGRESS: "fair",
    Status.DELAYED: "poor",
    Status.NOT_STARTED: "none",
    Status.CANCELLED: "none",
}


# Dates are formatted in one place (core's `prongsai` filters); these names stay so the templates need no change.
register.filter("thaidate", thaidate)
register.filter("thaidatetime", thaidatetime)


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
