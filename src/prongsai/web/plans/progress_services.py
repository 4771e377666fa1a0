"""Writes of the quarterly progress and its evidence: a quarter's record, evidence files and their revisions,
and a measure's whole quarter page saved at once (files written only when the transaction commits)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max

from ...ita.plan import STATUSES
from ..core.actors import acting_user
from .evidence_files import CheckedFile, atomic_with_files, check_file, written
from .models import QUARTERS, Evidence, EvidenceRevision, Measure, MeasureProgress, Step, StepProgress
from .service_helpers import check_may_edit, record_event

# --- Progress and evidence ----------------------------------------------------------------------------------------


def _quarter(quarter: int) -> int:
    if quarter not in QUARTERS:
        raise ValidationError("ไตรมาสต้องเป็น 1 ถึง 4")
    return quarter


def _status(status: str, what: str) -> str:
    if status not in STATUSES:
        raise ValidationError(f"สถานะของ{what}ต้องเป็น {' / '.join(STATUSES.values())}")
    return status


@transaction.atomic
def save_progress(
    *,
    actor: object | None,
    measure: Measure,
    quarter: int,
    status: str,
    done: str = "",
    problems: str = "",
    steps: dict[int, tuple[str, str, str]] | None = None,
) -> MeasureProgress:
    """Record a measure's quarter (status, what was done, problems) and its steps' quarters.

    `steps` maps a step id to (status, done, problems); a step left without status and text is not recorded
    (an earlier record of that quarter is removed).
    """
    plan = measure.plan
    check_may_edit(actor, plan.organisation)
    quarter = _quarter(quarter)
    _status(status, "มาตรการ")
    own_steps = {s.pk: s for s in measure.steps.all()}
    for step_id, (step_status, step_done, step_problems) in (steps or {}).items():
        if step_id not in own_steps:
            raise PermissionDenied("ขั้นตอนนี้ไม่ได้อยู่ในมาตรการนี้")
        if step_status:
            _status(step_status, f"ขั้นตอนที่ {own_steps[step_id].number}")
        elif step_done.strip() or step_problems.strip():
            raise ValidationError(f"เลือกสถานะของขั้นตอนที่ {own_steps[step_id].number} ด้วย")
    record = MeasureProgress.objects.filter(measure=measure, quarter=quarter).first()
    before = {"status": record.status, "done": record.done, "problems": record.problems} if record else None
    record = record or MeasureProgress(measure=measure, quarter=quarter)
    record.status, record.done, record.problems = status, done.strip(), problems.strip()
    record.updated_by = acting_user(actor)
    record.save()
    after: dict[str, Any] = {
        "quarter": quarter,
        "status": status,
        "done": record.done,
        "problems": record.problems,
        "steps": {},
    }
    for step_id, (step_status, step_done, step_problems) in (steps or {}).items():
        existing = StepProgress.objects.filter(step_id=step_id, quarter=quarter).first()
        if not step_status:
            if existing is not None:
                existing.delete()
            continue
        existing = existing or StepProgress(step_id=step_id, quarter=quarter)
        existing.status, existing.done, existing.problems = step_status, step_done.strip(), step_problems.strip()
        existing.updated_by = acting_user(actor)
        existing.save()
        after["steps"][str(step_id)] = {"status": step_status, "done": existing.done, "problems": existing.problems}
    record_event(actor, "progress.save", record, plan, before, after)
    return record


def _checked(upload: Any) -> CheckedFile:
    try:
        return check_file(upload, upload.name, upload.size)
    finally:
        upload.seek(0)


def _store_revision(
    evidence: Evidence, upload: Any, checked: CheckedFile, number: int, actor: object | None
) -> EvidenceRevision:
    """Write the checked file under MEDIA_ROOT with a new random name and record it; never replaces a file."""
    revision = EvidenceRevision(
        evidence=evidence,
        number=number,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=acting_user(actor),
    )
    revision.file.save(checked.name, upload, save=False)
    stored_name = revision.file.name
    if stored_name is None:  # FieldFile.save always names the file it stores
        raise RuntimeError("evidence file stored without a name")
    written(revision.file.storage, stored_name)  # removed again unless the transaction commits
    revision.save()
    return revision


@atomic_with_files
def add_evidence(
    *,
    actor: object | None,
    measure: Measure,
    quarter: int,
    title: str,
    url: str = "",
    upload: Any = None,
    step: Step | None = None,
) -> Evidence:
    """Evidence for a measure's quarter: a link, or a file (size and type checked, SHA-256 kept) as revision 1."""
    plan = measure.plan
    check_may_edit(actor, plan.organisation)
    quarter = _quarter(quarter)
    if step is not None and step.measure_id != measure.pk:
        raise PermissionDenied("ขั้นตอนนี้ไม่ได้อยู่ในมาตรการนี้")
    url = url.strip()
    if bool(url) == (upload is not None):
        raise ValidationError("ระบุลิงก์หรือเลือกไฟล์อย่างใดอย่างหนึ่ง")
    if url and not url.lower().startswith(("http://", "https://")):
        raise ValidationError("ลิงก์ต้องขึ้นต้นด้วย http:// หรือ https://")
    checked = _checked(upload) if upload is not None else None
    title = title.strip() or (checked.name if checked is not None else url)
    evidence = Evidence.objects.create(
        measure=measure, quarter=quarter, step=step, title=title[:255], url=url, created_by=acting_user(actor)
    )
    after: dict[str, Any] = {"measure": measure.pk, "quarter": quarter, "title": evidence.title, "url": url}
    if upload is not None and checked is not None:
        revision = _store_revision(evidence, upload, checked, 1, actor)
        after |= {"file": revision.original_name, "sha256": revision.sha256, "size": revision.size}
    record_event(actor, "evidence.create", evidence, plan, None, after)
    return evidence


@atomic_with_files
def add_revision(*, actor: object | None, evidence: Evidence, upload: Any) -> EvidenceRevision:
    """A new revision of a file evidence; earlier revisions stay as they are and remain downloadable."""
    plan = evidence.measure.plan
    check_may_edit(actor, plan.organisation)
    if evidence.is_link:
        raise ValidationError("หลักฐานนี้เป็นลิงก์ ไม่ใช่ไฟล์ ให้เพิ่มเป็นหลักฐานใหม่แทน")
    checked = _checked(upload)
    evidence = Evidence.objects.select_for_update().get(pk=evidence.pk)
    number = (evidence.revisions.aggregate(n=Max("number"))["n"] or 0) + 1
    revision = _store_revision(evidence, upload, checked, number, actor)
    record_event(
        actor,
        "evidence.revise",
        revision,
        plan,
        None,
        {
            "evidence": evidence.pk,
            "number": number,
            "file": revision.original_name,
            "sha256": revision.sha256,
            "size": revision.size,
        },
    )
    return revision


@dataclass(frozen=True)
class NewEvidence:
    """Evidence typed on the quarter's page: a link or an uploaded file, for the measure or one of its steps."""

    title: str
    url: str = ""
    upload: Any = None
    step: Step | None = None


@dataclass
class QuarterSaved:
    """What record_quarter stored, for the page to say so."""

    progress: MeasureProgress | None = None
    evidence: Evidence | None = None
    revisions: list[EvidenceRevision] = field(default_factory=list)


@atomic_with_files
def record_quarter(
    *,
    actor: object | None,
    measure: Measure,
    quarter: int,
    progress: dict[str, Any] | None = None,
    evidence: NewEvidence | None = None,
    revisions: Sequence[tuple[Evidence, Any]] = (),
) -> QuarterSaved:
    """Everything the quarter's page sends at once, all or nothing: the progress (keyword arguments of
    save_progress), a new evidence, and new revisions of existing file evidence. Files are written last."""
    saved = QuarterSaved(revisions=[])
    if progress is not None:
        saved.progress = save_progress(actor=actor, measure=measure, quarter=quarter, **progress)
    for item, _ in revisions:
        if item.measure_id != measure.pk or item.quarter != quarter:
            raise PermissionDenied("หลักฐานนี้ไม่ได้อยู่ในไตรมาสนี้ของมาตรการนี้")
    if evidence is not None:
        saved.evidence = add_evidence(
            actor=actor,
            measure=measure,
            quarter=quarter,
            title=evidence.title,
            url=evidence.url,
            upload=evidence.upload,
            step=evidence.step,
        )
    for item, upload in revisions:
        saved.revisions.append(add_revision(actor=actor, evidence=item, upload=upload))
    return saved
