"""Error pages in Thai that never echo what was asked for."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request, "core/error.html", {"title": "ไม่มีสิทธิ์เข้าถึง", "message": "บทบาทของท่านไม่มีสิทธิ์เปิดหน้านี้"}, status=403
    )


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request, "core/error.html", {"title": "ไม่พบหน้าที่ต้องการ", "message": "ไม่พบข้อมูลนี้ หรือท่านไม่มีสิทธิ์เห็น"}, status=404
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A 400 page: our own sentence for a refused query parameter, a general one for anything else."""
    from .params import BadParameter

    message = exception.message if isinstance(exception, BadParameter) else "คำขอนี้มีค่าที่ระบบไม่รับ"
    return render(request, "core/error.html", {"title": "คำขอไม่ถูกต้อง", "message": message}, status=400)
