"""Template filters of the OIT board: dates in BE as Thai documents write them, status classes."""

from __future__ import annotations

from django import template

from ...core.templatetags.prongsai import thaidate, thaidatetime

register = template.Library()


# Dates are formatted in one place (core's `prongsai` filters); these names stay so the templates need no change.
register.filter("thaidate", thaidate)
register.filter("thaidatetime", thaidatetime)
