"""The oversight pages beside the score dashboard: the work status of every agency (O42 plan, O43 progress, OIT
board, driving KPI), the multi-year table of totals and levels, and the exports of those and of the weak points."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import render

from ..accounts.middleware import ScopedRequest
from ..core.downloads import attachment
from ..core.notfound import organisation_or_404
from ..core.params import int_param, year_param
from ..oitboard.selectors import today
from ..organisations.selectors import breadcrumbs
from ..report_downloads.services import CONTENT_TYPES
from .exports import to_csv, to_xlsx
from .history import node_history
from .selectors import all_weak, node_dashboard
from .tables import history_table, weak_table, work_table
from .views import _filters
from .work import PLAN_STATES, SHOWS, WORK_SORTS, WorkFilters, node_work


def _work_filters(request: ScopedRequest) -> WorkFilters:
    get = request.GET
    sort = get.get("sort", "name")
    show = get.get("show", "")
    return WorkFilters(
        year=year_param(get),
        group=int_param(get, "group", minimum=1),
        query=get.get("q", "").strip()[:100],
        show=show if show in SHOWS else "",
        sort=sort if sort in WORK_SORTS else "name",
    )


def _work_query(filters: WorkFilters, year: int, *, sort: bool = True) -> str:
    params: dict[str, object] = {"year": year}
    if filters.group is not None:
        params["group"] = filters.group
    if filters.query:
        params["q"] = filters.query
    if filters.show:
        params["show"] = filters.show
    if sort:
        params["sort"] = filters.sort
    return urlencode(params)


def _table_response(table: list[list[object]], fmt: str, filename: str) -> HttpResponse:
    if fmt == "csv":
        return attachment(to_csv(table), content_type="text/csv; charset=utf-8", filename=f"{filename}.csv")
    if fmt == "xlsx":
        return attachment(to_xlsx(table), content_type=CONTENT_TYPES["xlsx"], filename=f"{filename}.xlsx")
    raise Http404("ไม่มีรูปแบบนี้")


def work(request: ScopedRequest, org_id: int) -> HttpResponse:
    scope = request.scope
    node = organisation_or_404(scope, org_id)
    filters = _work_filters(request)
    board = node_work(scope, node, filters, today())
    return render(
        request,
        "dashboards/work.html",
        {
            "node": node,
            "board": board,
            "filters": filters,
            "crumbs": breadcrumbs(scope, node),
            "query": _work_query(filters, board.year),
            "sort_query": _work_query(filters, board.year, sort=False),
            "states": PLAN_STATES,
        },
    )


def work_export(request: ScopedRequest, org_id: int, fmt: str) -> HttpResponse:
    scope = request.scope
    node = organisation_or_404(scope, org_id)
    board = node_work(scope, node, _work_filters(request), today())
    return _table_response(work_table(board), fmt, f"ita-{board.year}-{node.pk}-work")


def history(request: ScopedRequest, org_id: int) -> HttpResponse:
    scope = request.scope
    node = organisation_or_404(scope, org_id)
    query = request.GET.get("q", "").strip()[:100]
    table = node_history(scope, node, query)
    return render(
        request,
        "dashboards/history.html",
        {
            "node": node,
            "history": table,
            "crumbs": breadcrumbs(scope, node),
            "query": urlencode({"q": query}) if query else "",
        },
    )


def history_export(request: ScopedRequest, org_id: int, fmt: str) -> HttpResponse:
    scope = request.scope
    node = organisation_or_404(scope, org_id)
    table = node_history(scope, node, request.GET.get("q", "").strip()[:100])
    return _table_response(history_table(table), fmt, f"ita-years-{node.pk}")


def weak_export(request: ScopedRequest, org_id: int, fmt: str) -> HttpResponse:
    scope = request.scope
    node = organisation_or_404(scope, org_id)
    filters = _filters(request)
    weak = all_weak(scope, node, filters)
    year = filters.year or "latest"
    mark = node_dashboard(scope, node, filters).pass_mark  # the shown year's (cached with the dashboard)
    return _table_response(weak_table(weak, mark), fmt, f"ita-{year}-{node.pk}-weak-below-{mark:g}")
