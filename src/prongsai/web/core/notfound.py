"""Views turn a selector's None into a 404: selectors only read, and know nothing of HTTP."""

from __future__ import annotations

from typing import TypeVar

from django.http import Http404

T = TypeVar("T")


def or_404(found: T | None) -> T:
    """`found`, or a 404 when the selector found nothing the reader may see (a foreign id reveals nothing)."""
    if found is None:
        raise Http404("ไม่พบข้อมูลนี้")
    return found
