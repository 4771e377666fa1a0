"""Reads of results, always scoped by the reader; recomputing the engine's objects from the stored rows."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ...ita.analysis_serialize import analysis_to_dict
from ...ita.model import Framework
from ...ita.scoring import Assessment
from ..accounts.selectors import Scope
from ..core.cache import VersionedCache
from ..frameworks.selectors import framework_of
from ..organisations.models import Organisation
from .analysis_advice import analysis_of, mark_whatif
from .models import AssessmentRecord, ResultsVersion
from .result_rows import assess, read_rows


def visible_assessments(scope: Scope) -> QuerySet[AssessmentRecord]:
    return AssessmentRecord.objects.filter(scope.org_q("organisation__"))


def get_visible_assessment(scope: Scope, pk: int) -> AssessmentRecord | None:
    """The record if the scope may read its agency; None otherwise (a foreign id is the same as a missing one)."""
    return visible_assessments(scope).select_related("organisation").filter(pk=pk).first()


SUMMARY_FIELDS = ("id", "organisation_id", "year", "total", "level", "level_reason", "indicators", "source")


def history_of(scope: Scope, organisation: Organisation, *, summary: bool = False) -> list[AssessmentRecord]:
    """The agency's records, oldest year first, without the large JSON columns (with `summary`, only the columns
    of the agency page)."""
    records = visible_assessments(scope).filter(organisation=organisation).order_by("year")
    records = records.only(*SUMMARY_FIELDS) if summary else records.defer("result", "input_rows")
    return list(records)


def results_version() -> int:
    """The number changed by every change to results or to the tree (see ResultsVersion). Read it before reading
    the results that a cache keyed by it will hold, so newer results may be kept under an older number (never
    asked for again once the change is committed) but older results never under a newer one."""
    return ResultsVersion.objects.filter(pk=1).values_list("value", flat=True).first() or 0


def framework_of_record(record: AssessmentRecord) -> Framework:
    """The framework the record's figures were computed with (the shipped one for rows saved before versions
    were recorded), so what is recomputed from the rows agrees with what was stored."""
    return framework_of(record.framework_version, record.year)


def engine_assessment(record: AssessmentRecord) -> Assessment:
    """The engine's Assessment recomputed from the stored rows (analysis and what-if need the objects)."""
    framework = framework_of_record(record)
    read = read_rows(record.input_rows, record.year, framework=framework)
    results = next(iter(read.by_agency.values()))
    assessment = assess(record.year, record.organisation.name, results, [], framework)
    assessment.warnings[:] = record.result.get("warnings", [])  # the reader's notes of the original file too
    return assessment


def previous_assessment_of(organisation: Organisation, year: int) -> Assessment | None:
    """Last year's Assessment of the same agency, for year-over-year analysis (callers have checked scope)."""
    record = AssessmentRecord.objects.filter(organisation=organisation, year=year - 1).first()
    return engine_assessment(record) if record is not None else None


# The assessment page's analysis, computed from the stored rows (read and checked again, scored, analysed with last
# year's) once per record and results version: a page view then only reads it (see core/cache.py).
page_analyses = VersionedCache("analysis")


def page_analysis(record: AssessmentRecord, version: int) -> dict[str, Any]:
    """The analysis of the assessment page (what-if rows marked, see mark_whatif), as the JSON the CLI writes.
    `version` is the results version read before the record was; the analysis depends on nothing of the reader."""
    return page_analyses.remember(("analysis", record.pk, version), lambda: _page_analysis(record))


def _page_analysis(record: AssessmentRecord) -> dict[str, Any]:
    current = engine_assessment(record)
    previous = previous_assessment_of(record.organisation, record.year)
    return mark_whatif(analysis_to_dict(analysis_of(current, previous)))
