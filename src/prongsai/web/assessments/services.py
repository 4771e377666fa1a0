"""Writes for results: save (create or replace) and delete an agency's assessment of a year, all-or-nothing."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ...ita.problems import InputError, Problem
from ...ita.serialize import assessment_to_dict
from ..accounts.selectors import scope_of
from ..accounts.users import signed_in_user
from ..audit.services import record_change
from ..frameworks.selectors import framework_of, shipped_sha256, version_in_use
from ..organisations.models import Organisation
from .analysis_advice import analysis_of, weak_points
from .models import AssessmentRecord, ResultsVersion, WeakPoint
from .rescore import Rescore, compare_results
from .result_rows import Prepared, Row, prepare_rows
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


def _in_use(year: int) -> tuple[Any, Any, str]:
    """(version or None for shipped, framework, digest) of the year's framework in use, resolved once."""
    version = version_in_use(year)
    return version, framework_of(version, year), version.sha256 if version else shipped_sha256(year)


def _store(record: AssessmentRecord, prepared: Prepared, *, version: Any, sha256: str) -> None:
    """Copy a prepared assessment into the record and its weak points (inside the caller's transaction)."""
    assessment = prepared.assessment
    data = assessment_to_dict(assessment)
    record.total = data["total"]
    record.level = data["level"]
    record.level_reason = data["level_reason"]
    record.tools = data["tools"]
    record.indicators = data["indicators"]
    record.mismatches = len(assessment.mismatches)
    record.result = data
    record.input_rows = prepared.rows
    record.framework_version = version
    record.framework_sha256 = sha256
    record.save()
    previous = previous_assessment_of(record.organisation, record.year)
    analysis = analysis_of(assessment, previous)
    record.weak_points.all().delete()
    WeakPoint.objects.bulk_create(
        WeakPoint(
            assessment=record,
            org_path=record.organisation.path,
            year=record.year,
            code=code,
            title=title[:500],
            score=value,
            kind=kind,
        )
        for code, title, value, kind in weak_points(analysis)
    )
    bump_results_version()


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
    """Validate and score `rows` again with the year's framework in use, then create or replace the agency's
    record of `year`, noting the framework version.

    Raises PermissionDenied for someone who may not write this agency's results and InputError for rows the
    importer rejects; either way nothing is written. `actor` None is the system (demo data).
    """
    if actor is not None and not scope_of(actor).can_write_results(organisation):
        raise PermissionDenied("ไม่มีสิทธิ์บันทึกผลของหน่วยงานนี้")
    version, framework, sha256 = _in_use(year)
    prepared = prepare_rows(rows, year, organisation.name, warnings, framework=framework)
    existing = AssessmentRecord.objects.select_for_update().filter(organisation=organisation, year=year).first()
    before = _summary(existing) if existing else None
    record = existing or AssessmentRecord(organisation=organisation, year=year)
    record.organisation = organisation
    record.org_path = organisation.path
    record.source = source
    record.source_name = source_name[:255]
    record.created_by = signed_in_user(actor)
    _store(record, prepared, version=version, sha256=sha256)
    record_change(
        actor=actor,
        action="assessment.replace" if existing else "assessment.create",
        obj=record,
        organisation=organisation,
        before=before,
        after=_summary(record),
    )
    return record


def rescore_preview(record: AssessmentRecord) -> Rescore:
    """The record's figures scored again with the year's framework in use, next to the stored ones (nothing is
    written). InputError when the stored rows do not fit the new framework (a code it no longer has)."""
    version, framework, sha256 = _in_use(record.year)
    prepared = prepare_rows(
        record.input_rows, record.year, record.organisation.name, _reader_notes(record), framework=framework
    )
    names = {str(n): i.name for n, i in framework.indicators.items()}
    new = assessment_to_dict(prepared.assessment)
    return Rescore(record, version, sha256, compare_results(record.result, new, names))


@transaction.atomic
def rescore_assessment(*, actor: object | None, record: AssessmentRecord, expected_sha256: str) -> AssessmentRecord:
    """Save the record scored with the framework in use, as previewed: `expected_sha256` is the version the
    preview showed, so a version published in between is refused rather than saved unseen. Atomic, audited."""
    record = AssessmentRecord.objects.select_for_update().select_related("organisation").get(pk=record.pk)
    if actor is not None and not scope_of(actor).can_write_results(record.organisation):
        raise PermissionDenied("ไม่มีสิทธิ์บันทึกผลของหน่วยงานนี้")
    version, framework, sha256 = _in_use(record.year)
    if sha256 != expected_sha256:
        raise InputError(
            [Problem("กรอบการประเมินที่ใช้อยู่เปลี่ยนไปหลังจากแสดงตัวอย่าง", expected="เปิดหน้าคำนวณใหม่อีกครั้งเพื่อดูตัวเลขล่าสุดก่อนบันทึก")]
        )
    before = {
        **_summary(record),
        "framework_version": record.framework_version_id,
        "framework_sha256": record.framework_sha256,
        "tools": record.tools,
        "indicators": record.indicators,
    }
    prepared = prepare_rows(
        record.input_rows, record.year, record.organisation.name, _reader_notes(record), framework=framework
    )
    _store(record, prepared, version=version, sha256=sha256)
    record_change(
        actor=actor,
        action="assessment.rescore",
        obj=record,
        organisation=record.organisation,
        before=before,
        after={
            **_summary(record),
            "framework_version": record.framework_version_id,
            "framework_sha256": sha256,
            "tools": record.tools,
            "indicators": record.indicators,
        },
    )
    return record


def _reader_notes(record: AssessmentRecord) -> list[str]:
    """The stored warnings that came from reading the original file, not from the engine (which makes its own
    again): those the engine does not give for the same rows with the record's own framework."""
    engine = prepare_rows(
        record.input_rows,
        record.year,
        record.organisation.name,
        framework=framework_of(record.framework_version, record.year),
    ).assessment.warnings
    return [w for w in record.result.get("warnings", []) if w not in engine]


@transaction.atomic
def delete_assessment(*, actor: object, record: AssessmentRecord) -> None:
    """Remove one year's result; only the agency's administrator or a system administrator may."""
    if not scope_of(actor).can_manage_org(record.organisation):
        raise PermissionDenied("ไม่มีสิทธิ์ลบผลของหน่วยงานนี้")
    before = _summary(record)
    organisation = record.organisation
    record_change(
        actor=actor, action="assessment.delete", obj=record, organisation=organisation, before=before, after=None
    )
    record.delete()
    bump_results_version()
