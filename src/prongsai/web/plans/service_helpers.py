"""What the plans services share: the edit check, the version bump that makes an open form stale, the audit
event, and the summaries an audit record keeps."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import F

from ..accounts.selectors import scope_of
from ..audit.services import record_change
from ..organisations.models import Organisation
from .models import Measure, Plan, StepProgress

DRAFT, BLANK = "draft", "blank"


def check_may_edit(actor: object | None, org: Organisation) -> None:
    if actor is not None and not scope_of(actor).can_edit_work(org):
        raise PermissionDenied("ไม่มีสิทธิ์แก้ไขแผนมาตรการของหน่วยงานนี้")


def touch_versions(*objects: Plan | Measure) -> None:
    """Move on the version of the plan (or measure) a write changes, so a form opened before it is stale."""
    for obj in objects:
        type(obj).objects.filter(pk=obj.pk).update(version=F("version") + 1)


def record_event(
    actor: object | None,
    action: str,
    obj: object,
    plan: Plan,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    record_change(actor=actor, action=action, obj=obj, organisation=plan.organisation, before=before, after=after)


def measure_summary(measure: Measure) -> dict[str, Any]:
    """A measure as the audit log keeps it."""
    return {
        "number": measure.number,
        "text": measure.text,
        "questions": list(measure.questions),
        "units": sorted(measure.units.values_list("name", flat=True)),
        "people": sorted(measure.people.values_list("username", flat=True)),
        "other_responsible": list(measure.other_responsible),
        "deadline": iso_day(measure.deadline),
        "evidence_codes": list(measure.evidence_codes),
        "steps": [{"text": s.text, "due": iso_day(s.due)} for s in measure.steps.order_by("number", "pk")],
    }


def iso_day(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def plan_summary(plan: Plan) -> dict[str, Any]:
    return {
        "year": plan.year,
        "assessed_year": plan.assessed_year,
        "source": plan.source,
        "measures": [measure_summary(m) for m in plan.measures.order_by("number", "pk")],
    }


def has_records(measure: Measure) -> bool:
    return (
        measure.progress.exists()
        or measure.evidence.exists()
        or StepProgress.objects.filter(step__measure=measure).exists()
    )
