"""`{% provisional_notice year %}`: the plain Thai notice of a provisional year, on every page showing its figures
or lists (nothing for any other year)."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html

from ..selectors import provisional_notice as notice_of

register = template.Library()


@register.simple_tag
def provisional_notice(*years: object) -> str:
    """One notice per provisional year among `years` (a plan names its own year and the assessed one)."""
    shown = []
    for year in dict.fromkeys(years):
        try:
            text = notice_of(int(str(year)))
        except (TypeError, ValueError):
            continue
        if text:
            shown.append(
                format_html(
                    '<p class="flash warning" role="note" data-testid="provisional-notice">{} '
                    '<a href="{}">ดูกรอบการประเมินที่ใช้อยู่</a></p>',
                    text,
                    reverse("frameworks"),
                )
            )
    return format_html("".join(["{}"] * len(shown)), *shown) if shown else ""
