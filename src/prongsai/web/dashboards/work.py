"""The work status of a node's agencies for one fiscal year: their O42 plan, the O43 progress of the current
quarter, their OIT preparation board and their driving-KPI level, so a province or ministry sees who is behind
without opening each agency.

Reads a fixed number of queries whatever the number of agencies (one per kind of record), through the reader's
oversight right on the node; everything is computed in Python over those rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied

from ...ita.kpi import level_reached
from ...ita.oit_board import APPROVED, SUBMITTED, is_overdue
from ...ita.thaidates import fiscal_quarter
from ..accounts.selectors import Scope
from ..kpi.models import KpiCheck
from ..oitboard.models import OitItem
from ..organisations.models import Organisation
from ..organisations.selectors import child_nodes
from ..plans.models import Measure, MeasureProgress, Plan

NO_PLAN = "none"
DRAFT = "draft"
IN_USE = "in_use"
PLAN_STATES = {NO_PLAN: "ยังไม่มีแผน", DRAFT: "ร่าง (ยังไม่รายงานผล)", IN_USE: "ดำเนินการตามแผน"}
CLOSED = ("done", "cancelled")
WORK_SORTS = {
    "name",
    "-name",
    "plan",
    "-plan",
    "report",
    "-report",
    "oit",
    "-oit",
    "overdue",
    "-overdue",
    "kpi",
    "-kpi",
}
SHOWS = {"", "no_plan", "not_reported", "overdue", "no_board"}


@dataclass(frozen=True)
class WorkFilters:
    year: int | None = None
    group: int | None = None
    query: str = ""
    show: str = ""
    sort: str = "name"


@dataclass(frozen=True)
class WorkRow:
    org_id: int
    name: str
    group: str
    plan_id: int | None
    plan_state: str
    measures: int
    measures_done: int
    measures_overdue: int
    reported: int  # measures with progress recorded for the current quarter
    board_id: int | None
    items: int
    approved: int
    submitted: int
    items_overdue: int
    kpi_level: int | None  # None: no checklist of the year

    @property
    def plan_state_name(self) -> str:
        return PLAN_STATES[self.plan_state]

    @property
    def report_share(self) -> float | None:
        return self.reported / self.measures * 100 if self.measures else None

    @property
    def approved_share(self) -> float | None:
        return self.approved / self.items * 100 if self.items else None

    @property
    def overdue(self) -> int:
        return self.measures_overdue + self.items_overdue


@dataclass(frozen=True)
class WorkBoard:
    node: Organisation
    year: int
    quarter: int
    years: list[int]
    groups: list[Organisation]
    rows: list[WorkRow]
    agencies: int  # agencies under the node (or the chosen group), before the other filters

    def count(self, predicate: Any) -> int:
        return sum(1 for row in self.rows if predicate(row))

    @property
    def with_plan(self) -> int:
        return self.count(lambda r: r.plan_state != NO_PLAN)

    @property
    def reported_all(self) -> int:
        return self.count(lambda r: r.measures and r.reported == r.measures)

    @property
    def with_board(self) -> int:
        return self.count(lambda r: r.board_id is not None)

    @property
    def behind(self) -> int:
        return self.count(lambda r: r.overdue > 0)


def work_year(today: dt.date) -> int:
    """The fiscal year (BE) an overseer looks at by default: the one in progress today."""
    return fiscal_quarter(today)[0]


def work_years(node: Organisation, today: dt.date) -> list[int]:
    """The years with any work recorded under the node, and the current fiscal year, newest first."""
    years = {work_year(today)}
    years.update(Plan.objects.filter(org_path__startswith=node.path).values_list("year", flat=True).distinct())
    years.update(
        OitItem.objects.filter(board__organisation__path__startswith=node.path)
        .values_list("board__year", flat=True)
        .distinct()
    )
    years.update(
        KpiCheck.objects.filter(kpi__organisation__path__startswith=node.path)
        .values_list("kpi__year", flat=True)
        .distinct()
    )
    return sorted(years, reverse=True)


def node_work(scope: Scope, node: Organisation, filters: WorkFilters, today: dt.date) -> WorkBoard:
    """Every agency under `node` with its work of the year; PermissionDenied for a reader who may not oversee it."""
    if not scope.can_oversee(node):
        raise PermissionDenied("ไม่มีสิทธิ์ดูภาพรวมของหน่วยงานนี้")
    years = work_years(node, today)
    year = filters.year if filters.year in years else work_year(today)
    current_year, current_q = fiscal_quarter(today)
    quarter = current_q if year == current_year else (4 if year < current_year else 1)
    groups = list(child_nodes(scope, node).filter(kind__in=("ministry", "province")).order_by("name"))
    group_names = {g.pk: g.name for g in groups}
    prefix = f"{node.path}{filters.group:06d}/" if filters.group in group_names else node.path
    agencies = list(
        Organisation.objects.filter(kind="agency", path__startswith=prefix).values_list("pk", "name", "path")
    )
    rows = _rows(agencies, node, group_names, year, quarter, today, prefix)
    kept = [r for r in rows if _keep(r, filters)]
    return WorkBoard(
        node=node,
        year=year,
        quarter=quarter,
        years=years,
        groups=groups,
        rows=sort_work(kept, filters.sort),
        agencies=len(agencies),
    )


def _rows(
    agencies: list[tuple[int, str, str]],
    node: Organisation,
    group_names: dict[int, str],
    year: int,
    quarter: int,
    today: dt.date,
    prefix: str,
) -> list[WorkRow]:
    plans = dict(Plan.objects.filter(org_path__startswith=prefix, year=year).values_list("organisation_id", "pk"))
    measures: dict[int, list[tuple[int, dt.date | None]]] = {}
    for pk, plan_id, deadline in Measure.objects.filter(plan_id__in=plans.values()).values_list(
        "pk", "plan_id", "deadline"
    ):
        measures.setdefault(plan_id, []).append((pk, deadline))
    latest: dict[int, tuple[int, str]] = {}
    reported: set[int] = set()
    any_progress: set[int] = set()
    for measure_id, plan_id, q, status in MeasureProgress.objects.filter(
        measure__plan_id__in=plans.values()
    ).values_list("measure_id", "measure__plan_id", "quarter", "status"):
        any_progress.add(plan_id)
        if q == quarter:
            reported.add(measure_id)
        if q <= quarter and (measure_id not in latest or latest[measure_id][0] < q):
            latest[measure_id] = (q, status)
    boards: dict[int, int] = {}
    items: dict[int, list[int]] = {}
    for org_id, board_id, status, due in OitItem.objects.filter(
        board__organisation__path__startswith=prefix, board__year=year
    ).values_list("board__organisation_id", "board_id", "status", "due"):
        boards[org_id] = board_id
        counts = items.setdefault(org_id, [0, 0, 0, 0])
        counts[0] += 1
        counts[1] += status == APPROVED
        counts[2] += status == SUBMITTED
        counts[3] += is_overdue(status, due, today)
    met: dict[int, dict[str, bool]] = {}
    for org_id, key, is_met in KpiCheck.objects.filter(
        kpi__organisation__path__startswith=prefix, kpi__year=year
    ).values_list("kpi__organisation_id", "criterion", "met"):
        met.setdefault(org_id, {})[key] = is_met
    depth = node.depth + 1
    rows = []
    for org_id, name, path in agencies:
        parts = path.strip("/").split("/")
        group_id = int(parts[depth]) if len(parts) > depth + 1 else None
        own_plan = plans.get(org_id)
        own = measures.get(own_plan, []) if own_plan else []
        done = sum(1 for pk, _ in own if latest.get(pk, (0, ""))[1] == "done")
        overdue = sum(
            1 for pk, deadline in own if deadline and deadline < today and latest.get(pk, (0, ""))[1] not in CLOSED
        )
        state = NO_PLAN if own_plan is None else (IN_USE if own_plan in any_progress else DRAFT)
        total, approved, submitted, late = items.get(org_id, [0, 0, 0, 0])
        rows.append(
            WorkRow(
                org_id=org_id,
                name=name,
                group=group_names.get(group_id, "") if group_id else "",
                plan_id=own_plan,
                plan_state=state,
                measures=len(own),
                measures_done=done,
                measures_overdue=overdue,
                reported=sum(1 for pk, _ in own if pk in reported),
                board_id=boards.get(org_id),
                items=total,
                approved=approved,
                submitted=submitted,
                items_overdue=late,
                kpi_level=level_reached(met[org_id]).level if org_id in met else None,
            )
        )
    return rows


def _keep(row: WorkRow, filters: WorkFilters) -> bool:
    if filters.query and filters.query.casefold() not in row.name.casefold():
        return False
    show = filters.show
    if show == "no_plan":
        return row.plan_state == NO_PLAN
    if show == "not_reported":
        return row.plan_state != NO_PLAN and row.reported < row.measures
    if show == "overdue":
        return row.overdue > 0
    if show == "no_board":
        return row.board_id is None
    return True


_SORT_KEYS = {
    "plan": lambda r: (list(PLAN_STATES).index(r.plan_state), r.measures_done),
    "report": lambda r: r.report_share,
    "oit": lambda r: r.approved_share,
    "overdue": lambda r: r.overdue,
    "kpi": lambda r: r.kpi_level,
}


def sort_work(rows: list[WorkRow], sort: str) -> list[WorkRow]:
    """Sort by name or by a work figure; rows without the figure always go last, ties by name."""
    sort = sort if sort in WORK_SORTS else "name"
    key, descending = sort.lstrip("-"), sort.startswith("-")
    if key == "name":
        return sorted(rows, key=lambda r: r.name, reverse=descending)
    figure = _SORT_KEYS[key]
    known = [r for r in rows if figure(r) is not None]
    unknown = sorted((r for r in rows if figure(r) is None), key=lambda r: r.name)
    known.sort(key=lambda r: r.name)
    known.sort(key=figure, reverse=descending)
    return known + unknown
