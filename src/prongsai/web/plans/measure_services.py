"""Writes of a plan's measures and their steps: saved, deleted, moved, each all-or-nothing with its audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max

from ...ita.library import framework_for
from ..core.concurrency import claim
from ..organisations.models import Organisation
from ..organisations.selectors import people_of, workgroups_of
from .conversion import parse_codes
from .models import Measure, Plan, Step
from .selectors import (
    measure_shown,
    step_shown,
)
from .service_helpers import check_may_edit, has_records, iso_day, measure_summary, record_event, touch_versions

# --- Measures and steps -------------------------------------------------------------------------------------------


def _validated(
    plan: Plan,
    questions: Iterable[str],
    evidence_codes: Iterable[str],
    units: Iterable[Organisation],
    people: Iterable[Any],
) -> tuple[list[str], list[str], list[Organisation], list[Any]]:
    fw = framework_for(plan.assessed_year)
    codes, bad = parse_codes(", ".join(questions), fw)
    oit, bad_oit = parse_codes(", ".join(evidence_codes), fw, oit_only=True)
    if bad or bad_oit:
        raise ValidationError(f"ไม่มีรหัส {', '.join(bad + bad_oit)} ในกรอบการประเมินปี {fw.year}")
    allowed_units = {o.pk for o in workgroups_of(plan.organisation)}
    allowed_people = {u.pk for u in people_of(plan.organisation)}
    units, people = list(units), list(people)
    if any(o.pk not in allowed_units for o in units):
        raise ValidationError("กลุ่มงานที่เลือกไม่ใช่กลุ่มงานของหน่วยงานนี้")
    if any(u.pk not in allowed_people for u in people):
        raise ValidationError("ผู้รับผิดชอบที่เลือกไม่ใช่ผู้ใช้ของหน่วยงานนี้")
    return list(codes), list(oit), units, people


@dataclass(frozen=True)
class StepEdit:
    """One row of the steps in the measure form: a stored step (`pk`) kept or deleted, or a new one (`pk` None)."""

    pk: int | None
    text: str
    due: dt.date | None = None
    delete: bool = False


@transaction.atomic
def save_measure(
    *,
    actor: object | None,
    plan: Plan,
    measure: Measure | None = None,
    text: str,
    theme: str = "",
    questions: Iterable[str] = (),
    practice: str = "",
    units: Iterable[Organisation] = (),
    people: Iterable[Any] = (),
    other_responsible: Iterable[str] = (),
    period: str = "",
    deadline: dt.date | None = None,
    monitoring: str = "",
    evidence_codes: Iterable[str] = (),
    steps: Sequence[StepEdit] | None = None,
    version: int | None = None,
    seen: dict[str, str] | None = None,
) -> Measure:
    """Add a measure at the end of the plan, or change one, with its steps in the order given; all or nothing.

    Codes are checked against the assessed year. `steps` None leaves the steps as they are; otherwise the rows are
    numbered in their order, new rows are added and rows marked `delete` are removed (refused for a step that has
    progress or evidence). `version` is the measure's version the form was opened at: a save from an older one
    raises EditConflict naming what changed since `seen` (the form's snapshot), and nothing is written.
    """
    check_may_edit(actor, plan.organisation)
    if measure is not None and measure.plan_id != plan.pk:
        raise PermissionDenied("มาตรการนี้ไม่ได้อยู่ในแผนนี้")
    if not text.strip():
        raise ValidationError("ต้องระบุมาตรการ")
    codes, oit, units, people = _validated(plan, questions, evidence_codes, units, people)
    if measure is not None:
        pk = measure.pk
        claim(
            Measure,
            pk,
            version,
            what="มาตรการนี้",
            seen=seen or {},
            now=lambda: measure_shown(Measure.objects.get(pk=pk)),
        )
        measure.refresh_from_db(fields=["version"])  # measure.save() below must not write the old number back
    touch_versions(plan)
    before = measure_summary(measure) if measure is not None else None
    if measure is None:
        last = plan.measures.aggregate(n=Max("number"))["n"] or 0
        measure = Measure(plan=plan, number=last + 1)
    measure.text = text.strip()
    measure.theme = theme.strip()[:255]
    measure.questions = codes
    measure.practice = practice.strip()
    others = [line.strip() for line in other_responsible if line.strip()]
    if units or people:  # the draft's suggested text gives way to the units and people ticked
        others = [line for line in others if line not in measure.drafted_responsible]
        measure.drafted_responsible = []
    measure.other_responsible = others
    measure.period = period.strip()[:255]
    measure.deadline = deadline
    measure.monitoring = monitoring.strip()
    measure.evidence_codes = oit
    measure.save()
    measure.units.set(units)
    measure.people.set(people)
    if steps is not None:
        _apply_steps(measure, steps)
    record_event(
        actor, "measure.update" if before else "measure.create", measure, plan, before, measure_summary(measure)
    )
    return measure


def _apply_steps(measure: Measure, rows: Sequence[StepEdit]) -> None:
    """Store the measure form's step rows (see save_measure); every problem is found before anything changes."""
    own = {s.pk: s for s in measure.steps.all()}
    problems = []
    for number, row in enumerate(rows, start=1):
        if row.pk is not None and row.pk not in own:
            raise PermissionDenied("ขั้นตอนนี้ไม่ได้อยู่ในมาตรการนี้")
        step = own.get(row.pk) if row.pk is not None else None
        if row.delete:
            if step is not None and (step.progress.exists() or step.evidence.exists()):
                problems.append(f"ขั้นตอนที่ {step.number} มีผลการดำเนินงานหรือหลักฐานแล้ว จึงลบไม่ได้ ให้บันทึกสถานะเป็นยกเลิกแทน")
        elif not row.text.strip():
            problems.append(f"ขั้นตอนแถวที่ {number}: ต้องระบุขั้นตอน (หรือเลือกลบแถวนี้)")
    if problems:
        raise ValidationError(problems)
    listed = {row.pk for row in rows if row.pk is not None}
    for row in rows:
        if row.delete and row.pk is not None:
            own[row.pk].delete()
    kept = [row for row in rows if not row.delete]
    number = 0
    for number, row in enumerate(kept, start=1):
        step = own[row.pk] if row.pk is not None else Step(measure=measure)
        if (step.pk, step.number, step.text, step.due) != (row.pk, number, row.text.strip(), row.due):
            step.number, step.text, step.due = number, row.text.strip(), row.due
            step.version = (step.version or 0) + 1 if step.pk else 1
            step.save()
    for extra in sorted((s for pk, s in own.items() if pk not in listed), key=lambda s: (s.number, s.pk)):
        number += 1
        if extra.number != number:
            extra.number = number
            extra.save(update_fields=["number"])


def _renumber(items: Iterable[Any]) -> None:
    for number, item in enumerate(items, start=1):
        if item.number != number:
            item.number = number
            item.save(update_fields=["number"])


@transaction.atomic
def delete_measure(*, actor: object | None, measure: Measure) -> None:
    """Remove a measure that has no progress or evidence yet (those are cancelled instead, so nothing is lost)."""
    plan = measure.plan
    check_may_edit(actor, plan.organisation)
    if has_records(measure):
        raise ValidationError("มาตรการนี้มีผลการดำเนินงานหรือหลักฐานแล้ว จึงลบไม่ได้ ให้บันทึกสถานะเป็นยกเลิกแทน")
    before = measure_summary(measure)
    record_event(actor, "measure.delete", measure, plan, before, None)
    measure.delete()
    _renumber(plan.measures.order_by("number", "pk"))
    touch_versions(plan)


def _move(items: list[Any], item: Any, direction: str) -> None:
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down"):
        raise ValidationError("ทิศทางการย้ายต้องเป็นขึ้นหรือลง")
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
    _renumber(items)


@transaction.atomic
def move_measure(*, actor: object | None, measure: Measure, direction: str) -> None:
    """Swap a measure with the one above ("up") or below ("down")."""
    plan = measure.plan
    check_may_edit(actor, plan.organisation)
    before = measure.number
    _move(list(plan.measures.order_by("number", "pk")), measure, direction)
    touch_versions(plan)
    measure.refresh_from_db()
    record_event(actor, "measure.move", measure, plan, {"number": before}, {"number": measure.number})


@transaction.atomic
def add_step(*, actor: object | None, measure: Measure, text: str, due: dt.date | None = None) -> Step:
    check_may_edit(actor, measure.plan.organisation)
    if not text.strip():
        raise ValidationError("ต้องระบุขั้นตอน")
    last = measure.steps.aggregate(n=Max("number"))["n"] or 0
    step = Step.objects.create(measure=measure, number=last + 1, text=text.strip(), due=due)
    touch_versions(measure, measure.plan)
    record_event(
        actor, "step.create", step, measure.plan, None, {"measure": measure.pk, "text": step.text, "due": iso_day(due)}
    )
    return step


@transaction.atomic
def save_step(
    *,
    actor: object | None,
    step: Step,
    text: str,
    due: dt.date | None = None,
    version: int | None = None,
    seen: dict[str, str] | None = None,
) -> Step:
    """Change one step; `version`/`seen` as in save_measure (a stale form is refused with what changed)."""
    check_may_edit(actor, step.measure.plan.organisation)
    if not text.strip():
        raise ValidationError("ต้องระบุขั้นตอน")
    pk = step.pk
    claim(
        Step,
        pk,
        version,
        what=f"ขั้นตอนที่ {step.number}",
        seen=seen or {},
        now=lambda: step_shown(Step.objects.get(pk=pk)),
    )
    touch_versions(step.measure, step.measure.plan)
    before = {"text": step.text, "due": iso_day(step.due)}
    step.text, step.due = text.strip(), due
    step.save(update_fields=["text", "due"])
    step.refresh_from_db(fields=["version"])
    record_event(actor, "step.update", step, step.measure.plan, before, {"text": step.text, "due": iso_day(due)})
    return step


@transaction.atomic
def delete_step(*, actor: object | None, step: Step) -> None:
    measure = step.measure
    check_may_edit(actor, measure.plan.organisation)
    if step.progress.exists() or step.evidence.exists():
        raise ValidationError("ขั้นตอนนี้มีผลการดำเนินงานหรือหลักฐานแล้ว จึงลบไม่ได้ ให้บันทึกสถานะเป็นยกเลิกแทน")
    record_event(actor, "step.delete", step, measure.plan, {"text": step.text, "due": iso_day(step.due)}, None)
    step.delete()
    touch_versions(measure, measure.plan)
    _renumber(measure.steps.order_by("number", "pk"))


@transaction.atomic
def move_step(*, actor: object | None, step: Step, direction: str) -> None:
    measure = step.measure
    check_may_edit(actor, measure.plan.organisation)
    before = step.number
    _move(list(measure.steps.order_by("number", "pk")), step, direction)
    touch_versions(measure, measure.plan)
    step.refresh_from_db()
    record_event(actor, "step.move", step, measure.plan, {"number": before}, {"number": step.number})
