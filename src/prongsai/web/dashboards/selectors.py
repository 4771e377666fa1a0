"""The oversight dashboard of a node: its agencies' totals, levels, changes, distribution, the share at the year's
pass mark or more against the national target, and the questions most often weak.

Reads only what the scope allows and only the columns it needs (never an assessment's JSON), filtering the
subtree by the path copied onto each record, so no join is needed. The per-year facts of a node (rows, last
year's totals, weak points) are kept in Django's cache (core/cache.py) keyed by the results version that every save
and delete bumps in its transaction, so a change is seen at once by every server process; filters and sorting
then run in Python over the cached rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from django.core.exceptions import PermissionDenied

from ...ita.library import available_years, framework_for
from ...ita.numbers import round2
from ..accounts.selectors import Scope
from ..assessments.models import AssessmentRecord, WeakPoint
from ..assessments.selectors import results_version
from ..core.cache import VersionedCache
from ..frameworks.selectors import year_pass_mark
from ..organisations.models import Organisation
from ..organisations.selectors import child_nodes

NATIONAL_TARGET = 80.0  # per cent of agencies at the year's pass mark or more
BUCKET_EDGES = (55.0, 65.0, 75.0, 85.0, 90.0, 95.0)  # the distribution's bars; the year's pass mark is always one
SORTS = {"total", "-total", "change", "-change", "name", "-name"}
UNDECIDED = "ยังตัดสินไม่ได้"
# A node's facts of a year and its computed dashboards, keyed by the results version (see core/cache.py).
facts_cache = VersionedCache("facts")


@dataclass(frozen=True)
class Filters:
    year: int | None = None
    group: int | None = None
    level: str = ""
    query: str = ""
    below: bool = False
    sort: str = "-total"


def buckets_for(pass_mark: float) -> list[tuple[float, float, str]]:
    """(low, high, label) of the distribution's bars, from 0 to 100, with the pass mark as the low edge of a bar
    (so the bars from it on are the agencies that pass): <55, 55-64, ..., 85-89, 90-94, 95-100 for 85."""
    edges = sorted({*BUCKET_EDGES, float(pass_mark)} - {0.0, 100.0})
    bounds = [0.0, *edges, 101.0]
    buckets = []
    for low, high in pairwise(bounds):
        if low == 0.0:
            label = f"<{high:g}"
        elif high == 101.0:
            label = f"{low:g}-100"
        elif high.is_integer():
            label = f"{low:g}-{high - 1:g}"
        else:  # totals have two decimals: 75-82.49 below a pass mark of 82.5
            label = f"{low:g}-{round(high - 0.01, 2):g}"
        buckets.append((low, high, label))
    return buckets


@dataclass
class Dashboard:
    node: Organisation
    year: int | None
    pass_mark: float
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
    def passing_from(self) -> int:
        """The index of the first bar of `buckets` at the pass mark or above."""
        return next(i for i, (low, _, _) in enumerate(buckets_for(self.pass_mark)) if low >= self.pass_mark)

    @property
    def meets_target(self) -> bool:
        return self.share_at_pass is not None and self.share_at_pass >= NATIONAL_TARGET


def _year_facts(node: Organisation, year: int | None, version: int) -> dict[str, Any]:
    """Every row of the node's agencies for the year, last year's totals, the weak points of each assessment
    (codes, with their titles apart), and the node's agencies. Read once per results version."""
    return facts_cache.remember(("facts", node.pk, node.path, year, version), lambda: _read_year(node, year))


def _read_year(node: Organisation, year: int | None) -> dict[str, Any]:
    records = AssessmentRecord.objects.filter(org_path__startswith=node.path)
    years = sorted(set(records.values_list("year", flat=True).distinct()), reverse=True)
    year = year if year in years else (years[0] if years else None)
    agencies = list(
        Organisation.objects.filter(kind="agency", path__startswith=node.path).values_list("path", flat=True)
    )
    if year is None:  # no result under the node yet
        return {"years": years, "year": None, "rows": [], "before": {}, "weak": {}, "titles": {}, "agencies": agencies}
    rows = list(
        records.filter(year=year).values_list(
            "id", "organisation_id", "organisation__name", "org_path", "total", "level", "mismatches"
        )
    )
    before = dict(records.filter(year=year - 1).values_list("organisation_id", "total"))
    weak: dict[int, list[str]] = {}
    titles: dict[str, tuple[str, str]] = {}
    for assessment_id, code, title, kind in WeakPoint.objects.filter(
        org_path__startswith=node.path, year=year
    ).values_list("assessment_id", "code", "title", "kind"):
        weak.setdefault(assessment_id, []).append(code)
        titles.setdefault(code, (title, kind))
    return {
        "years": years,
        "year": year,
        "rows": rows,
        "before": before,
        "weak": weak,
        "titles": titles,
        "agencies": agencies,
    }


def node_dashboard(scope: Scope, node: Organisation, filters: Filters, version: int | None = None) -> Dashboard:
    """The dashboard of `node` for a reader who may oversee it. Whoever may oversee a node sees all of it, so the
    result depends only on the node, the filters and the results version; it is cached on those and, for defence
    in depth, on the reader's permission set. A caller that has read the version already (before reading anything
    else of the results) passes it."""
    if not scope.can_oversee(node):
        raise PermissionDenied("ไม่มีสิทธิ์ดูภาพรวมของหน่วยงานนี้")
    if version is None:
        version = results_version()
    return facts_cache.remember(
        ("board", scope.permission_key, node.pk, node.path, filters, version),
        lambda: _compute(scope, node, filters, version),
    )


def _compute(scope: Scope, node: Organisation, filters: Filters, version: int) -> Dashboard:
    facts = _year_facts(node, filters.year, version)
    year = facts["year"]
    pass_mark = year_pass_mark(year)
    groups = list(child_nodes(scope, node).filter(kind__in=("ministry", "province")).order_by("name"))
    group_names = {g.pk: g.name for g in groups}
    prefix = f"{node.path}{filters.group:06d}/" if filters.group in group_names else node.path
    depth = node.depth + 1
    in_group = [r for r in facts["rows"] if r[3].startswith(prefix)]
    order = _grading_order(year)
    levels = sorted({r[5] for r in in_group if r[5]}, key=order)
    query = filters.query.casefold()
    rows = []
    for pk, org_id, name, path, total, level, mismatches in in_group:
        if (filters.level and level != filters.level) or (query and query not in name.casefold()):
            continue
        if filters.below and (total is None or round2(total) >= pass_mark):
            continue
        parts = path.strip("/").split("/")
        group_id = int(parts[depth]) if len(parts) > depth + 1 else None
        previous = facts["before"].get(org_id)
        change = total - previous if total is not None and previous is not None else None
        rows.append(
            {
                "id": pk,
                "org_id": org_id,
                "name": name,
                "group": group_names.get(group_id, "") if group_id is not None else "",
                "total": total,
                "level": level,
                "previous": previous,
                "change": change,
                "mismatches": mismatches,
            }
        )
    rows = sort_rows(rows, filters.sort)
    totals = [round2(r["total"]) for r in rows if r["total"] is not None]
    at_pass = sum(1 for t in totals if t >= pass_mark)
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["level"] or UNDECIDED] = counts.get(r["level"] or UNDECIDED, 0) + 1
    agencies_total = sum(1 for p in facts["agencies"] if p.startswith(prefix))
    filtered = bool(filters.level or filters.query or filters.below)
    return Dashboard(
        node=node,
        year=year,
        pass_mark=pass_mark,
        years=facts["years"],
        groups=groups,
        levels=levels,
        rows=rows,
        agencies_total=agencies_total,
        missing=0 if filtered else max(0, agencies_total - len(rows)),
        with_total=len(totals),
        at_pass=at_pass,
        share_at_pass=at_pass / len(totals) * 100 if totals else None,
        mean_total=sum(totals) / len(totals) if totals else None,
        level_counts=sorted(counts.items(), key=lambda kv: order(kv[0])),
        buckets=[(label, sum(1 for t in totals if low <= t < high)) for low, high, label in buckets_for(pass_mark)],
        weak=_weak(facts, [r["id"] for r in rows]),
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


def all_weak(scope: Scope, node: Organisation, filters: Filters) -> list[dict[str, Any]]:
    """Every weak question and failed OIT item of the dashboard's filtered agencies, most frequent first: the
    export of the page's top ten."""
    board = node_dashboard(scope, node, filters)
    return _weak(_year_facts(node, board.year, results_version()), [r["id"] for r in board.rows], limit=None)


def _weak(facts: dict[str, Any], chosen: list[int], limit: int | None = 10) -> list[dict[str, Any]]:
    """The questions and OIT items weak in the most of the chosen assessments (ties by code): a question is weak
    below the pass mark on any channel, an OIT item when it did not pass."""
    counts: dict[str, int] = {}
    weak = facts["weak"]
    for assessment_id in chosen:
        for code in weak.get(assessment_id, ()):
            counts[code] = counts.get(code, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    total = len(chosen)
    return [
        {
            "code": code,
            "title": facts["titles"][code][0],
            "kind": facts["titles"][code][1],
            "count": n,
            "share": n / total * 100 if total else 0.0,
        }
        for code, n in ranked
    ]


def _grading_order(year: int | None) -> Any:
    """Sort key putting levels as the year's grading lists them (best first), then anything else by name."""
    known: list[str] = []
    if year in available_years():
        known = [rule.level for rule in framework_for(year).grading.levels]
    return lambda level: (known.index(level), "") if level in known else (len(known), level)
