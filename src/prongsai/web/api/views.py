"""The read-only JSON API under /api/v1/: token authentication, the pages' scoping, an OpenAPI document."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from ..accounts.selectors import scope_of
from ..assessments.selectors import get_visible_assessment, visible_assessments
from ..core.params import BadParameter, year_param
from .openapi import openapi_document
from .services import user_for_token

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
        user = user_for_token(token.strip()) if scheme.lower() in ("bearer", "token") else None
        if user is None:
            return _error("ต้องใช้โทเคนที่ถูกต้องในส่วนหัว Authorization: Bearer <token>", 401)
        request.api_user = user  # type: ignore[attr-defined]
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return _error("ไม่พบข้อมูล", 404)

    return wrapper


@require_GET
@token_required
def assessment_list(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request.api_user)  # type: ignore[attr-defined]
    records = visible_assessments(scope).order_by("organisation__name", "-year")
    try:
        year = year_param(request.GET)
    except BadParameter as exc:
        return _error(exc.message, 400)
    if year is not None:
        records = records.filter(year=year)
    results = [
        {"id": r["id"], "agency_id": r["organisation_id"], "agency": r["organisation__name"], "year": r["year"],
         "total": r["total"], "level": r["level"], "url": reverse("api_assessment", args=[r["id"]])}
        for r in records.values("id", "organisation_id", "organisation__name", "year", "total", "level")
    ]
    return JsonResponse({"count": len(results), "results": results}, json_dumps_params=JSON)


@require_GET
@token_required
def assessment_detail(request: HttpRequest, assessment_id: int) -> HttpResponse:
    record = get_visible_assessment(scope_of(request.api_user), assessment_id)  # type: ignore[attr-defined]
    return JsonResponse(record.result, json_dumps_params=JSON)


@require_GET
def openapi(request: HttpRequest) -> HttpResponse:
    return JsonResponse(openapi_document(request.build_absolute_uri("/").rstrip("/")), json_dumps_params=JSON)


@require_GET
def api_help(request: HttpRequest) -> HttpResponse:
    return render(request, "api/help.html", {"openapi_url": reverse("openapi")})
