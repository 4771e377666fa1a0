"""Writes for results: save (create or replace) and delete an agency's assessment of a year, all-or-nothing."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ...ita.serialize import assessment_to_dict
from ..accounts.selectors import scope_of
from ..audit.services import record_change
from ..organisations.models import Organisation
from .domain import Row, analysis_of, prepare_rows, weak_points
from .models import AssessmentRecord, ResultsVersion, WeakPoint
from .selectors import previous_assessment_of


def bump_results_version() -> None:
    """Give the results version a new value, inside the caller's transaction (see ResultsVersion)."""
    value = secrets.randbits(62) + 1
    if not ResultsVersion.objects.filter(pk=1).update(value=value):
        ResultsVersion.objects.create(pk=1, value=value)


def _summary(record: AssessmentRecord) -> dict[str, Any]:
    return {
        "year": record.year,
        "total": record.result.get("total"),
        "level": record.level,
        "source": record.source,
        "source_name": record.source_name,
        "rows": record.input_rows,
    }


@transaction.atomic
def save_assessment(
    *,
    actor: object | None,
    organisation: Organisation,
    year: int,
    rows: list[Row],
    warnings: list[str] | None = None,
    source: str,
    source_name: str = "",
) -> AssessmentRecord:
    """Validate and score `rows` again, then create or replace the agency's record of `year`.

    Raises PermissionDenied for someone who may not write this agency's results and InputError for rows the
    importer rejects; either way nothing is written. `actor` None is the system (demo data).
    """
    if actor is not None and not scope_of(actor).can_write_results(organisation):
        raise PermissionDenied("ไม่มีสิทธิ์บันทึกผลของหน่วยงานนี้")
    prepared = prepare_rows(rows, year, organisation.name, warnings)
    assessment = prepared.assessment
    data = assessment_to_dict(assessment)
    existing = (AssessmentRecord.objects.select_for_update()
                .filter(organisation=organisation, year=year).first())
    before = _summary(existing) if existing else None
    record = existing or AssessmentRecord(organisation=organisation, year=year)
    record.org_path = organisation.path
    record.total = data["total"]
    record.level = data["level"]
    record.level_reason = data["level_reason"]
    record.tools = data["tools"]
    record.indicators = data["indicators"]
    record.mismatches = len(assessment.mismatches)
    record.result = data
    record.input_rows = prepared.rows
    record.source = source
    record.source_name = source_name[:255]
    record.created_by = actor if getattr(actor, "is_authenticated", False) else None
    record.save()
    previous = previous_assessment_of(organisation, year)
    analysis = analysis_of(assessment, previous)
    record.weak_points.all().delete()
    WeakPoint.objects.bulk_create(
        WeakPoint(assessment=record, org_path=organisation.path, year=year, code=code, title=title[:500],
                  score=value, kind=kind)
        for code, title, value, kind in weak_points(analysis)
    )
    bump_results_version()
    record_change(actor=actor, action="assessment.replace" if existing else "assessment.create", obj=record,
                  organisation=organisation, before=before, after=_summary(record))
    return record


@transaction.atomic
def delete_assessment(*, actor: object, record: AssessmentRecord) -> None:
    """Remove one year's result; only the agency's administrator or a system administrator may."""
    if not scope_of(actor).can_manage_org(record.organisation):
        raise PermissionDenied("ไม่มีสิทธิ์ลบผลของหน่วยงานนี้")
    before = _summary(record)
    organisation = record.organisation
    record_change(actor=actor, action="assessment.delete", obj=record, organisation=organisation,
                  before=before, after=None)
    record.delete()
    bump_results_version()
