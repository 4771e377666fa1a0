"""The multi-year table of a node: each agency's total and level in every year that has results under the node,
so an overseer follows an agency over several years in one row instead of comparing years two at a time."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied

from ...ita.numbers import round2
from ..accounts.selectors import Scope
from ..assessments.models import AssessmentRecord
from ..frameworks.selectors import year_pass_mark
from ..organisations.models import Organisation

MAX_YEARS = 8  # the newest years shown side by side; older ones stay on each agency's own page


@dataclass(frozen=True)
class HistoryCell:
    assessment_id: int
    total: float | None
    level: str
    pass_mark: float  # of the cell's year: a table of several years colours each total against its own year's


@dataclass(frozen=True)
class HistoryRow:
    org_id: int
    name: str
    cells: tuple[HistoryCell | None, ...]  # one per year of the table, oldest first

    @property
    def change(self) -> float | None:
        """The change of the total between the two newest years that both have one."""
        known = [c.total for c in self.cells if c is not None and c.total is not None]
        return round2(known[-1]) - round2(known[-2]) if len(known) >= 2 else None


@dataclass(frozen=True)
class History:
    node: Organisation
    years: list[int]  # oldest first
    rows: list[HistoryRow]
    query: str = ""


def node_history(scope: Scope, node: Organisation, query: str = "") -> History:
    """Totals and levels per agency and year under `node`, the newest `MAX_YEARS` years, agencies by name."""
    if not scope.can_oversee(node):
        raise PermissionDenied("ไม่มีสิทธิ์ดูภาพรวมของหน่วยงานนี้")
    records = AssessmentRecord.objects.filter(org_path__startswith=node.path)
    years = sorted(set(records.values_list("year", flat=True).distinct()))[-MAX_YEARS:]
    marks = {year: year_pass_mark(year) for year in years}
    found: dict[int, dict[int, HistoryCell]] = {}
    names: dict[int, str] = {}
    for pk, org_id, name, year, total, level in records.filter(year__in=years).values_list(
        "pk", "organisation_id", "organisation__name", "year", "total", "level"
    ):
        names[org_id] = name
        found.setdefault(org_id, {})[year] = HistoryCell(pk, total, level or "", marks[year])
    needle = query.casefold()
    rows = [
        HistoryRow(org_id, names[org_id], tuple(found[org_id].get(y) for y in years))
        for org_id in sorted(names, key=lambda o: names[o])
        if needle in names[org_id].casefold()
    ]
    return History(node=node, years=years, rows=rows, query=query)
