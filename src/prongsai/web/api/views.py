"""The read-only JSON API under /api/v1/: token authentication, the pages' scoping, an OpenAPI document."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from ...ita.problems import InputError
from ...ita.years import BE_OFFSET, CE, read_year
from ..accounts.selectors import scope_of
from ..assessments.selectors import get_visible_assessment, visible_assessments
from .openapi import openapi_document
from .services import MISSING, TokenCheck, check_token

JSON = {"ensure_ascii": False}


def _error(detail: str, status: int) -> JsonResponse:
    response = JsonResponse({"detail": detail}, status=status, json_dumps_params=JSON)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="prongsai"'
    return response


def token_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Authenticate by `Authorization: Bearer <token>` (or `Token <token>`); sessions are not used here, so the
    API needs no CSRF token and a browser's cookie cannot call it."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        scheme, _, token = header.partition(" ")
        checked = check_token(token.strip()) if scheme.lower() in ("bearer", "token") else TokenCheck(None, MISSING)
        user = checked.user
        if user is None:
            return _error(checked.refusal, 401)
        request.api_user = user  # type: ignore[attr-defined]
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return _error("ไม่พบข้อมูล", 404)

    return wrapper


@login_not_required
@require_GET
@token_required
def assessment_list(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request.api_user)  # type: ignore[attr-defined]
    records = visible_assessments(scope).order_by("organisation__name", "-year")
    given = request.GET.get("year", "").strip()
    year_read = None
    if given:
        try:
            year_be, era = read_year(given)
        except InputError as exc:
            return _error(f"year: {exc.problems[0].message} (ที่ถูกต้อง: {exc.problems[0].expected})", 400)
        records = records.filter(year=year_be)
        shown = f"ค.ศ. {year_be - BE_OFFSET}" if era == CE else f"พ.ศ. {year_be}"
        year_read = {
            "given": given,
            "era": era,
            "year_be": year_be,
            "note": f"อ่าน {given} เป็นปี {shown} คือปีงบประมาณ พ.ศ. {year_be}",
        }
    results = [
        {
            "id": r["id"],
            "agency_id": r["organisation_id"],
            "agency": r["organisation__name"],
            "year": r["year"],
            "total": r["total"],
            "level": r["level"],
            "url": reverse("api_assessment", args=[r["id"]]),
        }
        for r in records.values("id", "organisation_id", "organisation__name", "year", "total", "level")
    ]
    body: dict[str, Any] = {"count": len(results), "results": results}
    if year_read:
        body["year"] = year_read
    return JsonResponse(body, json_dumps_params=JSON)


@login_not_required
@require_GET
@token_required
def assessment_detail(request: HttpRequest, assessment_id: int) -> HttpResponse:
    record = get_visible_assessment(scope_of(request.api_user), assessment_id)  # type: ignore[attr-defined]
    if record is None:
        return _error("ไม่พบข้อมูล", 404)
    return JsonResponse(record.result, json_dumps_params=JSON)


@login_not_required
@require_GET
def openapi(request: HttpRequest) -> HttpResponse:
    return JsonResponse(openapi_document(request.build_absolute_uri("/").rstrip("/")), json_dumps_params=JSON)


@login_not_required
@require_GET
def api_help(request: HttpRequest) -> HttpResponse:
    return render(request, "api/help.html", {"openapi_url": reverse("openapi")})
