"""Writes for plans and progress: each checks the actor may edit the agency's plan, writes all-or-nothing and
records an audit event in the same transaction. `actor` None is the system (demo data)."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max

from ...importing.bounded import check_xlsx
from ...importing.limits import PLAN
from ...ita.analysis import analyse
from ...ita.library import framework_for
from ...ita.model import Framework
from ...ita.plan import STATUSES
from ...ita.plan import Plan as DomainPlan
from ...ita.plan_draft import draft_plan
from ...ita.problems import InputError, Problem
from ...ita.rollover import map_codes, roll_plan
from ...planfile.reader import read_plan
from ..accounts.selectors import scope_of
from ..assessments.models import AssessmentRecord
from ..assessments.selectors import engine_assessment, previous_assessment_of
from ..audit.services import record_change
from ..core.actors import acting_user
from ..core.concurrency import Change, changes, claim
from ..organisations.models import Kind, Organisation
from ..organisations.selectors import people_of, workgroups_of
from .conversion import inspect_workbook, match_responsible, parse_codes, split_step
from .evidence_files import CheckedFile, atomic_with_files, check_file, written
from .models import QUARTERS, Evidence, EvidenceRevision, Measure, MeasureProgress, Plan, Step, StepProgress
from .selectors import (
    measure_shown,
    measures_of,
    plan_as_domain,
    plan_shown,
    plan_years,
    step_shown,
)

DRAFT, BLANK = "draft", "blank"


def _check(actor: object | None, org: Organisation) -> None:
    if actor is not None and not scope_of(actor).can_edit_work(org):
        raise PermissionDenied("ไม่มีสิทธิ์แก้ไขแผนมาตรการของหน่วยงานนี้")


def _touch(*objects: Plan | Measure) -> None:
    """Move on the version of the plan (or measure) a write changes, so a form opened before it is stale."""
    for obj in objects:
        type(obj).objects.filter(pk=obj.pk).update(version=F("version") + 1)


def _event(
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
        "deadline": _iso(measure.deadline),
        "evidence_codes": list(measure.evidence_codes),
        "steps": [{"text": s.text, "due": _iso(s.due)} for s in measure.steps.order_by("number", "pk")],
    }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _plan_summary(plan: Plan) -> dict[str, Any]:
    return {
        "year": plan.year,
        "assessed_year": plan.assessed_year,
        "source": plan.source,
        "measures": [measure_summary(m) for m in plan.measures.order_by("number", "pk")],
    }


# --- Plans --------------------------------------------------------------------------------------------------------


@transaction.atomic
def create_plan(
    *, actor: object | None, organisation: Organisation, year: int, mode: str, question_threshold: float | None = None
) -> Plan:
    """A new plan for fiscal `year`: drafted from the agency's stored assessment of the year before, or empty.

    InputError (Thai) when the year has no framework, the plan exists, or there is no assessment to draft from.
    """
    _check(actor, organisation)
    if organisation.kind != Kind.AGENCY:
        raise PermissionDenied("สร้างแผนได้เฉพาะหน่วยงาน")
    if year not in plan_years():
        years = ", ".join(str(y) for y in plan_years())
        raise InputError([Problem(f"สร้างแผนปีงบประมาณ {year} ไม่ได้", expected=f"ปีงบประมาณ {years}")])
    if Plan.objects.filter(organisation=organisation, year=year).exists():
        raise InputError([Problem(f"หน่วยงานมีแผนปีงบประมาณ {year} แล้ว", expected="เปิดแผนเดิมเพื่อแก้ไข หรือเลือกปีอื่น")])
    assessed_year = year - 1
    drafted: DomainPlan | None = None
    if mode == DRAFT:
        record = AssessmentRecord.objects.filter(organisation=organisation, year=assessed_year).first()
        if record is None:
            raise InputError(
                [
                    Problem(
                        f"ยังไม่มีผลการประเมินปี {assessed_year} ของหน่วยงาน จึงร่างแผนจากผลไม่ได้",
                        expected=f"บันทึกผลปี {assessed_year} ก่อน หรือเลือกสร้างแผนเปล่า",
                    )
                ]
            )
        analysis = analyse(
            engine_assessment(record),
            previous=previous_assessment_of(organisation, assessed_year),
            question_threshold=question_threshold,
        )
        drafted = draft_plan(analysis)
        source = drafted.source
    elif mode == BLANK:
        source = "สร้างในระบบ"
    else:
        raise InputError([Problem("ไม่รู้จักวิธีสร้างแผนนี้", expected="ร่างจากผลการประเมิน หรือสร้างแผนเปล่า")])
    plan = Plan.objects.create(
        organisation=organisation,
        org_path=organisation.path,
        year=year,
        assessed_year=assessed_year,
        source=source[:255],
        created_by=acting_user(actor),
    )
    if drafted is not None:
        _apply(plan, drafted, drafted=True)
    _event(actor, "plan.create", plan, plan, None, _plan_summary(plan))
    return plan


def preview_plan_import(*, actor: object | None, plan: Plan, data: bytes, filename: str) -> list[Change]:
    """What importing the file would change, field by field (Thai labels, before and after), with nothing kept:
    the import runs in a transaction that is rolled back. Raises the import's InputError for a bad file."""
    with transaction.atomic():
        before = plan_shown(plan)
        import_plan_file(actor=actor, plan=plan, data=data, filename=filename)
        after = plan_shown(Plan.objects.get(pk=plan.pk))
        found = changes(before, after)
        transaction.set_rollback(True)  # a preview: everything the import wrote is undone here
    return found


@transaction.atomic
def import_plan_file(
    *,
    actor: object | None,
    plan: Plan,
    data: bytes,
    filename: str,
    version: int | None = None,
    seen: dict[str, str] | None = None,
) -> Plan:
    """Replace the plan's measures and steps with those of an edited XLSX plan file.

    Every problem of the file is reported at once (row and column) and nothing is written unless all rows are
    readable. Measures and steps are matched to the stored ones by their text, then by position, so progress and
    evidence stay with them; one that has progress or evidence cannot disappear from the plan this way.
    Status and progress columns are not read: progress is recorded per quarter in the system. `version` is the
    plan's version when its preview was shown: if a measure was changed since, EditConflict names what changed.
    """
    _check(actor, plan.organisation)
    pk = plan.pk
    claim(Plan, pk, version, what="แผนนี้", seen=seen or {}, now=lambda: plan_shown(Plan.objects.get(pk=pk)))
    plan.refresh_from_db(fields=["version"])
    name = Path(filename).name or "plan.xlsx"
    if Path(name).suffix.lower() != ".xlsx" or not data.startswith(b"PK\x03\x04"):
        raise InputError(
            [Problem("แฟ้มนี้ไม่ใช่แฟ้ม Excel (.xlsx)", file=name, expected="แฟ้มแผนมาตรการ .xlsx ที่ดาวน์โหลดจากระบบแล้วแก้ไข")]
        )
    check_xlsx(data, name, PLAN)  # a hostile workbook is refused here, before openpyxl reads any of it
    meta, problems = inspect_workbook(data, name)
    for key, value, label in (
        ("assessed_year", plan.assessed_year, "อ้างอิงผลการประเมินปี"),
        ("year", plan.year, "เป็นแผนปีงบประมาณ"),
    ):
        if meta.get(key) and meta[key] != str(value):
            raise InputError(
                [
                    Problem(
                        f"แฟ้มนี้{label} {meta[key]} แต่แผนนี้{label} {value}",
                        file=name,
                        expected=f"แฟ้มแผนปีงบประมาณ {plan.year} ของหน่วยงานนี้ (ดาวน์โหลดจากหน้าแผนนี้)",
                    )
                ]
            )
    try:
        with tempfile.TemporaryDirectory(prefix="prongsai-plan-") as folder:
            path = Path(folder) / name
            path.write_bytes(data)
            read = read_plan(path, load_framework=framework_for, assessed_year=plan.assessed_year)
    except InputError as exc:
        raise InputError(sorted([*exc.problems, *problems], key=lambda p: p.row or 0)) from None
    if problems:
        raise InputError(problems)
    if read.year != plan.year:
        raise InputError(
            [
                Problem(
                    f"แฟ้มนี้เป็นแผนปีงบประมาณ {read.year} ไม่ใช่ปี {plan.year}",
                    file=name,
                    expected=f"แฟ้มแผนปีงบประมาณ {plan.year} ของหน่วยงานนี้",
                )
            ]
        )
    if read.agency and " ".join(read.agency.split()) != " ".join(plan.organisation.name.split()):
        raise InputError(
            [Problem(f"แฟ้มนี้เป็นแผนของ {read.agency}", file=name, expected=f"แฟ้มแผนของ {plan.organisation.name}")]
        )
    before = _plan_summary(plan)
    _apply(plan, read, file=name)
    plan.save(update_fields=["updated_at"])
    _event(actor, "plan.import", plan, plan, before, _plan_summary(plan))
    return plan


def _has_records(measure: Measure) -> bool:
    return (
        measure.progress.exists()
        or measure.evidence.exists()
        or StepProgress.objects.filter(step__measure=measure).exists()
    )


def _pair(existing: Sequence[Any], wanted: Sequence[str], key: Any) -> list[Any | None]:
    """For each wanted text, the stored object it continues: same text first, then the leftovers in order."""
    used: set[int] = set()
    found: list[Any | None] = [None] * len(wanted)
    for i, text in enumerate(wanted):
        for obj in existing:
            if obj.pk not in used and key(obj) == text.strip():
                found[i] = obj
                used.add(obj.pk)
                break
    leftovers = [obj for obj in existing if obj.pk not in used]
    for i in range(len(wanted)):
        if found[i] is None and leftovers:
            found[i] = leftovers.pop(0)
            used.add(found[i].pk)
    return found


def _apply(plan: Plan, domain: DomainPlan, file: str | None = None, drafted: bool = False) -> None:
    """Store the rows of a domain plan as the plan's measures (see import_plan_file for the matching)."""
    existing = measures_of(plan)
    pairs = _pair(existing, [row.measure for row in domain.rows], lambda m: m.text.strip())
    kept = {m.pk for m in pairs if m is not None}
    gone = [m for m in existing if m.pk not in kept]
    problems = [
        Problem(
            f"มาตรการที่ {m.number} '{m.text[:60]}' มีผลการดำเนินงานหรือหลักฐานแล้ว แต่ไม่อยู่ในแฟ้ม",
            file=file,
            expected="คงแถวของมาตรการนี้ไว้ในแฟ้ม (เปลี่ยนสถานะเป็นยกเลิกแทนการลบ)",
        )
        for m in gone
        if _has_records(m)
    ]
    step_plans = []
    for row, measure in zip(domain.rows, pairs, strict=True):
        parsed = [split_step(line) for line in row.steps]
        old_steps = list(measure.steps.all()) if measure is not None else []
        step_pairs = _pair(old_steps, [text for text, _, _ in parsed], lambda s: s.text.strip())
        kept_steps = {s.pk for s in step_pairs if s is not None}
        for step in old_steps:
            if step.pk not in kept_steps and (step.progress.exists() or step.evidence.exists()):
                problems.append(
                    Problem(
                        f"ขั้นตอน '{step.text[:60]}' ของมาตรการที่ {row.number} มีผลการดำเนินงานแล้ว แต่ไม่อยู่ในแฟ้ม",
                        file=file,
                        expected="คงขั้นตอนนี้ไว้ในแฟ้ม",
                    )
                )
        step_plans.append((parsed, step_pairs, [s for s in old_steps if s.pk not in kept_steps]))
    if problems:
        raise InputError(problems)
    for measure in gone:
        measure.delete()
    units = workgroups_of(plan.organisation)
    people = people_of(plan.organisation)
    for row, measure, (parsed, step_pairs, gone_steps) in zip(domain.rows, pairs, step_plans, strict=True):
        measure = measure or Measure(plan=plan)
        measure.number = row.number
        measure.text = row.measure
        measure.theme = row.theme[:255]
        measure.questions = list(row.questions)
        measure.practice = row.practice
        measure.period = row.period[:255]
        measure.deadline = row.deadline
        measure.monitoring = row.monitoring
        measure.evidence_codes = list(row.evidence)
        responsible = match_responsible(row.responsible, units, people)
        measure.other_responsible = list(responsible.others)
        measure.drafted_responsible = list(responsible.others) if drafted else []
        measure.save()
        measure.units.set(responsible.units)
        measure.people.set(responsible.people)
        for step in gone_steps:
            step.delete()
        for number, ((text, due, _), step) in enumerate(zip(parsed, step_pairs, strict=True), start=1):
            step = step or Step(measure=measure)
            step.number, step.text, step.due = number, text, due
            step.save()


@transaction.atomic
def roll_over(*, actor: object | None, plan: Plan) -> Plan:
    """Next fiscal year's plan from this one, codes carried by topic (ita.rollover); the old plan is untouched.

    Measures keep their responsible units and people; step due dates move on one year; progress starts empty.
    Codes that could not be carried are kept on the new plan (`dropped_codes`) for the officer to decide.
    """
    _check(actor, plan.organisation)
    year = plan.year + 1
    if Plan.objects.filter(organisation=plan.organisation, year=year).exists():
        raise InputError([Problem(f"หน่วยงานมีแผนปีงบประมาณ {year} แล้ว", expected="เปิดแผนปีนั้นเพื่อแก้ไข")])
    old_fw = framework_for(plan.assessed_year)
    new_fw = framework_for(plan.assessed_year + 1)
    measures = measures_of(plan)
    rolled, dropped = roll_plan(plan_as_domain(plan, measures), old_fw, new_fw)
    new = Plan.objects.create(
        organisation=plan.organisation,
        org_path=plan.org_path,
        year=rolled.year,
        assessed_year=rolled.assessed_year,
        source=rolled.source[:255],
        rolled_from=plan,
        dropped_codes=dropped,
        created_by=acting_user(actor),
    )
    for old, row in zip(measures, rolled.rows, strict=True):
        measure = Measure.objects.create(
            plan=new,
            number=row.number,
            theme=old.theme,
            text=row.measure,
            questions=list(row.questions),
            practice=old.practice,
            other_responsible=list(old.other_responsible),
            period=row.period[:255],
            deadline=row.deadline,
            monitoring=old.monitoring,
            evidence_codes=list(row.evidence),
        )
        measure.units.set(old.units.all())
        measure.people.set(old.people.all())
        Step.objects.bulk_create(
            Step(measure=measure, number=s.number, text=s.text, due=_next_year(s.due)) for s in old.steps.all()
        )
    _event(
        actor,
        "plan.roll",
        new,
        new,
        {"from_plan": plan.pk, "year": plan.year},
        {**_plan_summary(new), "dropped_codes": dropped},
    )
    return new


def _next_year(day: dt.date | None) -> dt.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


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
    _check(actor, plan.organisation)
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
    _touch(plan)
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
    _event(actor, "measure.update" if before else "measure.create", measure, plan, before, measure_summary(measure))
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
    _check(actor, plan.organisation)
    if _has_records(measure):
        raise ValidationError("มาตรการนี้มีผลการดำเนินงานหรือหลักฐานแล้ว จึงลบไม่ได้ ให้บันทึกสถานะเป็นยกเลิกแทน")
    before = measure_summary(measure)
    _event(actor, "measure.delete", measure, plan, before, None)
    measure.delete()
    _renumber(plan.measures.order_by("number", "pk"))
    _touch(plan)


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
    _check(actor, plan.organisation)
    before = measure.number
    _move(list(plan.measures.order_by("number", "pk")), measure, direction)
    _touch(plan)
    measure.refresh_from_db()
    _event(actor, "measure.move", measure, plan, {"number": before}, {"number": measure.number})


@transaction.atomic
def add_step(*, actor: object | None, measure: Measure, text: str, due: dt.date | None = None) -> Step:
    _check(actor, measure.plan.organisation)
    if not text.strip():
        raise ValidationError("ต้องระบุขั้นตอน")
    last = measure.steps.aggregate(n=Max("number"))["n"] or 0
    step = Step.objects.create(measure=measure, number=last + 1, text=text.strip(), due=due)
    _touch(measure, measure.plan)
    _event(actor, "step.create", step, measure.plan, None, {"measure": measure.pk, "text": step.text, "due": _iso(due)})
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
    _check(actor, step.measure.plan.organisation)
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
    _touch(step.measure, step.measure.plan)
    before = {"text": step.text, "due": _iso(step.due)}
    step.text, step.due = text.strip(), due
    step.save(update_fields=["text", "due"])
    step.refresh_from_db(fields=["version"])
    _event(actor, "step.update", step, step.measure.plan, before, {"text": step.text, "due": _iso(due)})
    return step


@transaction.atomic
def delete_step(*, actor: object | None, step: Step) -> None:
    measure = step.measure
    _check(actor, measure.plan.organisation)
    if step.progress.exists() or step.evidence.exists():
        raise ValidationError("ขั้นตอนนี้มีผลการดำเนินงานหรือหลักฐานแล้ว จึงลบไม่ได้ ให้บันทึกสถานะเป็นยกเลิกแทน")
    _event(actor, "step.delete", step, measure.plan, {"text": step.text, "due": _iso(step.due)}, None)
    step.delete()
    _touch(measure, measure.plan)
    _renumber(measure.steps.order_by("number", "pk"))


@transaction.atomic
def move_step(*, actor: object | None, step: Step, direction: str) -> None:
    measure = step.measure
    _check(actor, measure.plan.organisation)
    before = step.number
    _move(list(measure.steps.order_by("number", "pk")), step, direction)
    _touch(measure, measure.plan)
    step.refresh_from_db()
    _event(actor, "step.move", step, measure.plan, {"number": before}, {"number": step.number})


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
    _check(actor, plan.organisation)
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
    _event(actor, "progress.save", record, plan, before, after)
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
    written(revision.file.storage, revision.file.name)  # removed again unless the transaction commits
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
    _check(actor, plan.organisation)
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
    _event(actor, "evidence.create", evidence, plan, None, after)
    return evidence


@atomic_with_files
def add_revision(*, actor: object | None, evidence: Evidence, upload: Any) -> EvidenceRevision:
    """A new revision of a file evidence; earlier revisions stay as they are and remain downloadable."""
    plan = evidence.measure.plan
    _check(actor, plan.organisation)
    if evidence.is_link:
        raise ValidationError("หลักฐานนี้เป็นลิงก์ ไม่ใช่ไฟล์ ให้เพิ่มเป็นหลักฐานใหม่แทน")
    checked = _checked(upload)
    evidence = Evidence.objects.select_for_update().get(pk=evidence.pk)
    number = (evidence.revisions.aggregate(n=Max("number"))["n"] or 0) + 1
    revision = _store_revision(evidence, upload, checked, number, actor)
    _event(
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


@transaction.atomic
def carry_plan_to_framework(*, actor: object | None, plan: Plan, old: Framework, new: Framework) -> dict[str, Any]:
    """Bring a plan whose codes belong to the year of `old` onto a new version of that year's framework (an
    official list replacing a provisional one): each measure's question and OIT codes follow their topic, as the
    roll-over does. A code that cannot be carried leaves the measure's list (which the new framework would refuse)
    and is kept, with its measure and reason, in `dropped_codes`; measures, steps and progress are untouched.
    Returns what was done, for the administrator."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    carried: dict[str, str] = {}
    dropped: dict[str, str] = dict(plan.dropped_codes)
    lost = []
    for measure in plan.measures.order_by("number", "pk"):
        questions = map_codes(list(measure.questions), old, new)
        evidence = map_codes(list(measure.evidence_codes), old, new)
        carried |= questions.carried | evidence.carried
        for code, reason in (questions.dropped | evidence.dropped).items():
            dropped[code] = f"มาตรการที่ {measure.number}: {reason}"
            lost.append({"code": code, "measure": measure.number, "reason": reason})
        before = (list(measure.questions), list(measure.evidence_codes))
        measure.questions = list(
            dict.fromkeys(questions.carried[c] for c in measure.questions if c in questions.carried)
        )
        measure.evidence_codes = list(
            dict.fromkeys(evidence.carried[c] for c in measure.evidence_codes if c in evidence.carried)
        )
        if (measure.questions, measure.evidence_codes) != before:
            measure.save(update_fields=["questions", "evidence_codes", "updated_at"])
    plan.dropped_codes = dropped
    plan.save(update_fields=["dropped_codes", "updated_at"])
    notes = {
        "plan": plan.pk,
        "organisation": plan.organisation.name,
        "org_id": plan.organisation_id,
        "year": plan.year,
        "carried": {k: v for k, v in carried.items() if k != v},
        "dropped": lost,
    }
    _event(actor, "plan.carry", plan, plan, None, notes)
    return notes


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
    revisions: list[EvidenceRevision] | None = None


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
