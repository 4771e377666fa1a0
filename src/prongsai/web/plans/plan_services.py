"""Writes of whole plans: a new plan (drafted from the year before's assessment, or empty), its XLSX file
imported, the roll-over to the next year, and its codes carried to a corrected framework. Each checks the actor
may edit the agency's plan, writes all-or-nothing and records an audit event in the same transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ...importing.bounded import check_package
from ...importing.limits import PLAN
from ...ita.analysis import analyse
from ...ita.library import framework_for
from ...ita.model import Framework
from ...ita.plan import Plan as DomainPlan
from ...ita.plan_draft import draft_plan
from ...ita.problems import InputError, Problem
from ...ita.rollover import map_codes, roll_plan
from ...planfile.reader import read_plan
from ..assessments.models import AssessmentRecord
from ..assessments.selectors import engine_assessment, previous_assessment_of
from ..core.actors import acting_user
from ..core.concurrency import Change, changes, claim
from ..organisations.models import Kind, Organisation
from ..organisations.selectors import people_of, workgroups_of
from .conversion import inspect_workbook, match_responsible, split_step
from .models import Measure, Plan, Step
from .selectors import (
    measures_of,
    plan_as_domain,
    plan_shown,
    plan_years,
)
from .service_helpers import BLANK, DRAFT, check_may_edit, has_records, plan_summary, record_event

# --- Plans --------------------------------------------------------------------------------------------------------


@transaction.atomic
def create_plan(
    *, actor: object | None, organisation: Organisation, year: int, mode: str, question_threshold: float | None = None
) -> Plan:
    """A new plan for fiscal `year`: drafted from the agency's stored assessment of the year before, or empty.

    InputError (Thai) when the year has no framework, the plan exists, or there is no assessment to draft from.
    """
    check_may_edit(actor, organisation)
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
    record_event(actor, "plan.create", plan, plan, None, plan_summary(plan))
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
    check_may_edit(actor, plan.organisation)
    pk = plan.pk
    claim(Plan, pk, version, what="แผนนี้", seen=seen or {}, now=lambda: plan_shown(Plan.objects.get(pk=pk)))
    plan.refresh_from_db(fields=["version"])
    name = Path(filename).name or "plan.xlsx"
    if Path(name).suffix.lower() != ".xlsx" or not data.startswith(b"PK\x03\x04"):
        raise InputError(
            [Problem("แฟ้มนี้ไม่ใช่แฟ้ม Excel (.xlsx)", file=name, expected="แฟ้มแผนมาตรการ .xlsx ที่ดาวน์โหลดจากระบบแล้วแก้ไข")]
        )
    check_package(data, name, PLAN)  # a hostile workbook is refused here, before openpyxl reads any of it
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
        read = read_plan(data, load_framework=framework_for, assessed_year=plan.assessed_year, name=name)
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
    before = plan_summary(plan)
    _apply(plan, read, file=name)
    plan.save(update_fields=["updated_at"])
    record_event(actor, "plan.import", plan, plan, before, plan_summary(plan))
    return plan


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
            obj = leftovers.pop(0)
            found[i] = obj
            used.add(obj.pk)
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
        if has_records(m)
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
    check_may_edit(actor, plan.organisation)
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
    record_event(
        actor,
        "plan.roll",
        new,
        new,
        {"from_plan": plan.pk, "year": plan.year},
        {**plan_summary(new), "dropped_codes": dropped},
    )
    return new


def _next_year(day: dt.date | None) -> dt.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


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
    record_event(actor, "plan.carry", plan, plan, None, notes)
    return notes
