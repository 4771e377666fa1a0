"""Reads of the driving KPI, always through the reader's scope; who may keep a KPI and who may edit it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from ...ita.kpi import Criterion, KpiResult, level_reached, level_states
from ...ita.thaidates import fiscal_quarter, format_date
from ..accounts.selectors import Scope
from ..organisations.models import AGENCY, MINISTRY, PROVINCE, Organisation
from ..organisations.selectors import visible_organisation
from .models import DrivingKpi, KpiCheck

# Who may keep a driving KPI: a province or a ministry (the node that drives ITA for the agencies under it, like
# the provincial office of seed 001) and an agency (graded on the same checklist by its own ministry). Not the
# national node, which grades rather than drives, nor a work group, which is part of its agency's KPI.
KPI_KINDS = (PROVINCE, MINISTRY, AGENCY)
FIRST_YEAR = 2560  # the first fiscal year (BE) a checklist may be opened for


def kpi_organisation(scope: Scope, org_id: int) -> Organisation | None:
    """The organisation if the scope may read it and it may keep a KPI; None otherwise (ids reveal nothing)."""
    org = visible_organisation(scope, org_id)
    return org if org is not None and org.kind in KPI_KINDS else None


def current_year(today: dt.date) -> int:
    """The fiscal year (BE) that `today` falls in."""
    return fiscal_quarter(today)[0]


def year_allowed(year: int, today: dt.date) -> bool:
    """A checklist may be opened from FIRST_YEAR up to next fiscal year (planning starts before October)."""
    return FIRST_YEAR <= year <= current_year(today) + 1


def when_text(moment: dt.datetime | None) -> str:
    """A moment as an officer reads it: 21 พ.ย. 2569 14:05 น. (local time, Buddhist Era)."""
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    return f"{format_date(local.date(), style='short')} {local:%H:%M}\u00a0น."  # the time never parts from น.


@dataclass(frozen=True)
class CriterionRow:
    criterion: Criterion
    check: KpiCheck | None

    @property
    def met(self) -> bool:
        return bool(self.check and self.check.met)

    @property
    def met_text(self) -> str:
        return when_text(self.check.met_at) if self.check else ""

    @property
    def updated_text(self) -> str:
        return when_text(self.check.updated_at) if self.check else ""


@dataclass(frozen=True)
class LevelRow:
    level: int
    complete: bool
    counts: bool
    gap_below: int | None  # the lowest level below this one that is not complete (why a complete level not counts)
    rows: tuple[CriterionRow, ...]


@dataclass(frozen=True)
class Sheet:
    organisation: Organisation
    year: int
    result: KpiResult
    levels: tuple[LevelRow, ...]
    started: bool  # someone has saved a criterion of this year


def kpi_sheet(scope: Scope, org: Organisation, year: int) -> Sheet:
    """The checklist of one organisation and year, with the level reached computed from the checks (never
    stored). A year nobody has touched is the fresh checklist: every criterion open, level 0."""
    kpi = DrivingKpi.objects.filter(scope.org_q("organisation__"), organisation=org, year=year).first()
    checks = (
        {c.criterion: c for c in KpiCheck.objects.filter(kpi=kpi).select_related("met_by", "updated_by")} if kpi else {}
    )
    met = {key: check.met for key, check in checks.items()}
    states = level_states(met)
    levels = []
    for state in states:
        gap = next((s.level for s in states if s.level < state.level and not s.complete), None)
        rows = tuple(CriterionRow(c, checks.get(c.key)) for c in state.criteria)
        levels.append(LevelRow(state.level, state.complete, state.counts, gap, rows))
    return Sheet(org, year, level_reached(met), tuple(levels), kpi is not None)


def kpi_years(scope: Scope, org: Organisation) -> list[tuple[int, int]]:
    """The years this organisation has a checklist for, newest first, each with its level reached."""
    met: dict[int, dict[str, bool]] = {}
    kpis = DrivingKpi.objects.filter(scope.org_q("organisation__"), organisation=org)
    for year in kpis.values_list("year", flat=True):
        met[year] = {}
    for year, key, is_met in KpiCheck.objects.filter(kpi__in=kpis).values_list("kpi__year", "criterion", "met"):
        met[year][key] = is_met
    return [(year, level_reached(met[year]).level) for year in sorted(met, reverse=True)]
