"""The oversight dashboard page and its exports."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from ..accounts.selectors import scope_of
from ..core.charts import histogram
from ..core.templatetags.prongsai import fmt2, level_class, score_class, signed
from ..organisations.selectors import breadcrumbs, get_visible_organisation
from .exports import export_rows, to_csv, to_xlsx
from .selectors import BUCKETS, NATIONAL_TARGET, PASS_MARK, Filters, node_dashboard

PAGE_SIZE = 100


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _filters(request: HttpRequest) -> Filters:
    get = request.GET
    return Filters(year=_int(get.get("year")), group=_int(get.get("group")), level=get.get("level", "")[:32],
                   query=get.get("q", "").strip()[:100], below=get.get("below") == "1",
                   sort=get.get("sort", "-total"))


@login_required
def dashboard(request: HttpRequest, org_id: int) -> HttpResponse:
    scope = scope_of(request.user)
    node = get_visible_organisation(scope, org_id)
    filters = _filters(request)
    board = node_dashboard(scope, node, filters)
    page = Paginator(board.rows, PAGE_SIZE).get_page(request.GET.get("page"))
    link = reverse("assessment", args=[0]).replace("/0/", "/{}/")  # one reverse for the whole table
    cells = [{**row, "url": link.format(row["id"]), "total_text": fmt2(row["total"]),
              "total_class": score_class(row["total"]), "level_class": level_class(row["level"]),
              "change_text": signed(row["change"])} for row in page]
    query = request.GET.copy()
    query.pop("page", None)
    sort_query = request.GET.copy()
    sort_query.pop("sort", None)
    sort_query.pop("page", None)
    return render(request, "dashboards/dashboard.html", {
        "node": node, "board": board, "filters": filters, "page": page, "cells": cells,
        "crumbs": breadcrumbs(scope, node),
        "query": query.urlencode(), "sort_query": sort_query.urlencode(),
        "pass_mark": PASS_MARK, "target": NATIONAL_TARGET,
        "histogram": histogram(board.buckets, highlight_from=next(i for i, b in enumerate(BUCKETS) if b[0] == 85)),
    })


@login_required
def export(request: HttpRequest, org_id: int, fmt: str) -> HttpResponse:
    scope = scope_of(request.user)
    node = get_visible_organisation(scope, org_id)
    board = node_dashboard(scope, node, _filters(request))
    table = export_rows(board.rows, board.year)
    if fmt == "csv":
        content, content_type = to_csv(table), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        content = to_xlsx(table)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        raise Http404("ไม่มีรูปแบบนี้")
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="ita-{board.year or "none"}-{node.pk}.{fmt}"'
    return response
