"""The oversight dashboard of a node: its agencies' totals, levels, changes, distribution, the share at 85 or
more against the national target, and the questions most often weak. Reads only what the scope allows, and
only the columns it needs (never the JSON of each assessment), so a node of a thousand agencies stays fast."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet

from ...ita.numbers import round2
from ..accounts.selectors import Scope
from ..assessments.models import AssessmentRecord, WeakPoint
from ..organisations.models import Organisation
from ..organisations.selectors import child_nodes

PASS_MARK = 85.0
NATIONAL_TARGET = 80.0  # per cent of agencies at 85 or more
BUCKETS = [(0, 55, "<55"), (55, 65, "55-64"), (65, 75, "65-74"), (75, 85, "75-84"), (85, 90, "85-89"),
           (90, 95, "90-94"), (95, 101, "95-100")]
SORTS = {"total", "-total", "change", "-change", "name", "-name"}


@dataclass(frozen=True)
class Filters:
    year: int | None = None
    group: int | None = None
    level: str = ""
    query: str = ""
    below: bool = False
    sort: str = "-total"


@dataclass
class Dashboard:
    node: Organisation
    year: int | None
    years: list[int]
    groups: list[Organisation]
    levels: list[str]
    rows: list[dict[str, Any]]
    agencies_total: int
    missing: int
    with_total: int
    at_pass: int
    share_at_pass: float | None
    mean_total: float | None
    level_counts: list[tuple[str, int]]
    buckets: list[tuple[str, int]]
    weak: list[dict[str, Any]] = field(default_factory=list)

    @property
    def meets_target(self) -> bool:
        return self.share_at_pass is not None and self.share_at_pass >= NATIONAL_TARGET


def _records(node: Organisation) -> QuerySet[AssessmentRecord]:
    return AssessmentRecord.objects.filter(organisation__path__startswith=node.path)


def node_dashboard(scope: Scope, node: Organisation, filters: Filters) -> Dashboard:
    if not scope.can_oversee(node):
        raise PermissionDenied("ไม่มีสิทธิ์ดูภาพรวมของหน่วยงานนี้")
    records = _records(node)
    years = sorted(set(records.values_list("year", flat=True).distinct()), reverse=True)
    year = filters.year if filters.year in years else (years[0] if years else None)
    groups = list(child_nodes(scope, node).filter(kind__in=("ministry", "province")).order_by("name"))
    group_names = {g.pk: g.name for g in groups}
    agencies = Organisation.objects.filter(kind="agency", path__startswith=node.path)
    chosen = records.filter(year=year)
    if filters.group in group_names:
        prefix = f"{node.path}{filters.group:06d}/"
        chosen = chosen.filter(organisation__path__startswith=prefix)
        agencies = agencies.filter(path__startswith=prefix)
    levels = sorted({lv for lv in chosen.values_list("level", flat=True).distinct() if lv})
    if filters.level:
        chosen = chosen.filter(level=filters.level)
    if filters.query:
        chosen = chosen.filter(organisation__name__icontains=filters.query)
    if filters.below:
        chosen = chosen.filter(total__lt=PASS_MARK)
    values = list(chosen.values("id", "organisation_id", "organisation__name", "organisation__path", "total",
                                "level", "mismatches"))
    ids = [v["organisation_id"] for v in values]
    before = dict(records.filter(year=(year or 0) - 1, organisation_id__in=ids)
                  .values_list("organisation_id", "total")) if year else {}
    depth = node.depth + 1
    rows = []
    for v in values:
        parts = v["organisation__path"].strip("/").split("/")
        group_id = int(parts[depth]) if len(parts) > depth + 1 else None
        previous = before.get(v["organisation_id"])
        change = v["total"] - previous if v["total"] is not None and previous is not None else None
        rows.append({"id": v["id"], "org_id": v["organisation_id"], "name": v["organisation__name"],
                     "group": group_names.get(group_id, ""), "total": v["total"], "level": v["level"],
                     "previous": previous, "change": change, "mismatches": v["mismatches"]})
    rows = sort_rows(rows, filters.sort)
    totals = [round2(r["total"]) for r in rows if r["total"] is not None]
    at_pass = sum(1 for t in totals if t >= PASS_MARK)
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["level"] or "ยังตัดสินไม่ได้"] = counts.get(r["level"] or "ยังตัดสินไม่ได้", 0) + 1
    buckets = [(label, sum(1 for t in totals if low <= t < high)) for low, high, label in BUCKETS]
    agencies_total = agencies.count()
    filtered = bool(filters.level or filters.query or filters.below)
    return Dashboard(
        node=node, year=year, years=years, groups=groups, levels=levels, rows=rows,
        agencies_total=agencies_total,
        missing=0 if filtered else max(0, agencies_total - len(rows)),
        with_total=len(totals), at_pass=at_pass,
        share_at_pass=at_pass / len(totals) * 100 if totals else None,
        mean_total=sum(totals) / len(totals) if totals else None,
        level_counts=sorted(counts.items(), key=lambda kv: -kv[1]),
        buckets=buckets,
        weak=_weak(chosen, len(rows)),
    )


def sort_rows(rows: list[dict[str, Any]], sort: str) -> list[dict[str, Any]]:
    """Sort by total, change or name; rows without the figure always go last."""
    key = sort.lstrip("-") if sort in SORTS else "total"
    descending = sort.startswith("-") if sort in SORTS else True
    if key == "name":
        return sorted(rows, key=lambda r: r["name"], reverse=descending)
    known = [r for r in rows if r[key] is not None]
    unknown = [r for r in rows if r[key] is None]
    known.sort(key=lambda r: (r[key], r["name"]) if not descending else (-r[key], r["name"]))
    return known + sorted(unknown, key=lambda r: r["name"])


def _weak(chosen: QuerySet[AssessmentRecord], agencies: int, limit: int = 10) -> list[dict[str, Any]]:
    counts = (WeakPoint.objects.filter(assessment__in=chosen.values("id"))
              .values("code", "title", "kind").annotate(n=Count("id")).order_by("-n", "code")[:limit])
    return [{"code": c["code"], "title": c["title"], "kind": c["kind"], "count": c["n"],
             "share": c["n"] / agencies * 100 if agencies else 0.0} for c in counts]
