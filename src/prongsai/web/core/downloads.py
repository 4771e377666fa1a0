"""The one way a view hands a file to the browser to save (reports, plan files, dashboard exports)."""

from __future__ import annotations

from django.http import HttpResponse


def attachment(content: bytes | str, *, content_type: str, filename: str) -> HttpResponse:
    """A response the browser saves as `filename` instead of showing it."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
