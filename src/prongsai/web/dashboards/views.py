"""The oversight dashboard page and its exports."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse

from ..accounts.middleware import ScopedRequest
from ..accounts.selectors import Scope
from ..assessments.selectors import results_version
from ..core.cache import pages
from ..core.charts import histogram
from ..core.downloads import download_name, table_download
from ..core.notfound import organisation_or_404
from ..core.params import int_param, year_param
from ..core.templatetags.prongsai import fmt2, level_class, score_class, signed
from ..organisations.models import Organisation
from ..organisations.selectors import breadcrumbs
from .exports import export_rows
from .selectors import NATIONAL_TARGET, SORTS, Dashboard, Filters, node_dashboard

PAGE_SIZE = 100


def _filters(request: ScopedRequest) -> Filters:
    """The filters of the query string; BadParameter (a 400 page) for a year or group that is not a number."""
    get = request.GET
    sort = get.get("sort", "-total")
    return Filters(
        year=year_param(get),
        group=int_param(get, "group", minimum=1),
        level=get.get("level", "")[:32],
        query=get.get("q", "").strip()[:100],
        below=get.get("below") == "1",
        sort=sort if sort in SORTS else "-total",
    )


def _query(filters: Filters, *, sort: bool = True) -> str:
    """The filters as a query string (for the pager, the sort links and the exports), built from the parsed
    filters and never echoed from the request, so a cached page holds nothing of the request but its filters."""
    params: dict[str, object] = {}
    if filters.year is not None:
        params["year"] = filters.year
    if filters.group is not None:
        params["group"] = filters.group
    if filters.level:
        params["level"] = filters.level
    if filters.query:
        params["q"] = filters.query
    if filters.below:
        params["below"] = "1"
    if sort:
        params["sort"] = filters.sort
    return urlencode(params)


def dashboard(request: ScopedRequest, org_id: int) -> HttpResponse:
    scope = request.scope
    node = organisation_or_404(scope, org_id)
    filters = _filters(request)
    version = results_version()  # before anything of the results is read (see results_version)
    board = node_dashboard(scope, node, filters, version)
    page = Paginator(board.rows, PAGE_SIZE).get_page(request.GET.get("page"))
    # The page body depends on the reader's permission set, the node, the filters, the page and the results:
    # rendered once per results version in each server process.
    key = ("dashboard", scope.permission_key, node.pk, node.path, filters, page.number, version)
    crumbs, body = pages.remember(key, lambda: _render_board(scope, node, board, filters, page))
    return render(request, "dashboards/dashboard.html", {"node": node, "board": board, "crumbs": crumbs, "body": body})


def _render_board(
    scope: Scope, node: Organisation, board: Dashboard, filters: Filters, page: Page
) -> tuple[list[tuple[str, str | None]], str]:
    link = reverse("assessment", args=[0]).replace("/0/", "/{}/")  # one reverse for the whole table
    cells = [
        {
            **row,
            "url": link.format(row["id"]),
            "total_text": fmt2(row["total"]),
            "total_class": score_class(row["total"], board.pass_mark),
            "level_class": level_class(row["level"]),
            "change_text": signed(row["change"]),
        }
        for row in page
    ]
    body = render_to_string(
        "dashboards/_board.html",
        {
            "node": node,
            "board": board,
            "filters": filters,
            "page": page,
            "cells": cells,
            "query": _query(filters),
            "sort_query": _query(filters, sort=False),
            "pass_mark": board.pass_mark,
            "target": NATIONAL_TARGET,
            "histogram": histogram(board.buckets, highlight_from=board.passing_from),
        },
    )
    return breadcrumbs(scope, node), body


def export(request: ScopedRequest, org_id: int, fmt: str) -> HttpResponse:
    scope = request.scope
    node = organisation_or_404(scope, org_id)
    board = node_dashboard(scope, node, _filters(request))
    table = export_rows(board.rows, board.year)
    name = download_name(year=board.year or "ทุกปี", agency=node.name, kind="ภาพรวม", ext="")
    return table_download([("ภาพรวม", table)], fmt, name=name)
