"""Reads of plans, progress and evidence, always through the reader's Scope (a foreign id reads as None)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from ...ita.library import available_years
from ...ita.plan import STATUSES
from ...ita.plan import Plan as DomainPlan
from ...ita.thaidates import fiscal_quarter, fiscal_year_bounds
from ...reports.texts import quarters
from ..accounts.selectors import Scope
from ..organisations.models import Organisation
from .conversion import code_title, domain_plan, framework_of, measure_row, person_name
from .models import (
    CLOSED,
    QUARTERS,
    Evidence,
    EvidenceRevision,
    Measure,
    MeasureProgress,
    Plan,
    Step,
    StepProgress,
)


def visible_plans(scope: Scope) -> QuerySet[Plan]:
    return Plan.objects.filter(scope.org_q("organisation__")).select_related("organisation")


def plans_of(scope: Scope, org: Organisation) -> list[Plan]:
    return list(visible_plans(scope).filter(organisation=org).order_by("-year"))


def visible_plan(scope: Scope, pk: int) -> Plan | None:
    return visible_plans(scope).filter(pk=pk).first()


def visible_measure(scope: Scope, pk: int) -> Measure | None:
    measure = (
        Measure.objects.filter(scope.org_q("plan__organisation__"), pk=pk)
        .select_related("plan", "plan__organisation")
        .first()
    )
    return measure


def visible_step(scope: Scope, pk: int) -> Step | None:
    step = (
        Step.objects.filter(scope.org_q("measure__plan__organisation__"), pk=pk)
        .select_related("measure", "measure__plan", "measure__plan__organisation")
        .first()
    )
    return step


def visible_evidence(scope: Scope, pk: int) -> Evidence | None:
    evidence = (
        Evidence.objects.filter(scope.org_q("measure__plan__organisation__"), pk=pk)
        .select_related("measure", "measure__plan", "measure__plan__organisation")
        .first()
    )
    return evidence


def visible_revision(scope: Scope, pk: int) -> EvidenceRevision | None:
    revision = (
        EvidenceRevision.objects.filter(scope.org_q("evidence__measure__plan__organisation__"), pk=pk)
        .select_related("evidence", "evidence__measure__plan__organisation")
        .first()
    )
    return revision


def measures_of(plan: Plan) -> list[Measure]:
    """The plan's measures in order, with steps, units, people and progress loaded."""
    return list(
        plan.measures.order_by("number", "pk").prefetch_related(
            Prefetch("steps", queryset=Step.objects.order_by("number", "pk").prefetch_related("progress")),
            "units",
            "people",
            "progress",
        )
    )


def assessed_years(org: Organisation) -> set[int]:
    """Years whose result the agency has stored (a plan of the year after can be drafted from it); callers have
    checked the reader may see the agency."""
    from ..assessments.models import AssessmentRecord

    return set(AssessmentRecord.objects.filter(organisation=org).values_list("year", flat=True))


def plan_years() -> list[int]:
    """Fiscal years a plan can be made for: those whose previous year has a framework to take codes from."""
    return [year + 1 for year in available_years()]


def current_quarter(plan: Plan, today: dt.date | None = None) -> int:
    """The quarter of the plan's year that today falls in (1 before it starts, 4 after it ends)."""
    today = today or dt.date.today()
    start, end = fiscal_year_bounds(plan.year)
    if today < start:
        return 1
    if today > end:
        return 4
    return fiscal_quarter(today)[1]


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    for number, first, last in quarters(year):
        if number == quarter:
            return first, last
    raise ValueError(f"no quarter {quarter}")


def latest_progress(measure: Measure, up_to: int = 4) -> MeasureProgress | None:
    found = [p for p in measure.progress.all() if p.quarter <= up_to]
    return max(found, key=lambda p: p.quarter) if found else None


def step_status(step: Step, up_to: int = 4) -> str:
    """The step's status in its latest recorded quarter (up to `up_to`), or '' when none was recorded."""
    found = [p for p in step.progress.all() if p.quarter <= up_to]
    return max(found, key=lambda p: p.quarter).status if found else ""


def plan_as_domain(plan: Plan, measures: list[Measure] | None = None) -> DomainPlan:
    """The plan as the domain core sees it; status and progress are those of the latest quarter recorded."""
    measures = measures if measures is not None else measures_of(plan)
    rows = []
    for measure in measures:
        latest = latest_progress(measure)
        rows.append(
            measure_row(measure, status=latest.status if latest else "", progress=latest.done if latest else "")
        )
    return domain_plan(plan, rows)


@dataclass(frozen=True)
class StepView:
    step: Step
    status: str  # key of STATUSES, '' when never reported
    label: str
    overdue: bool


@dataclass
class MeasureView:
    """What the plan page shows of one measure."""

    measure: Measure
    questions: list[tuple[str, str]]
    evidence: list[tuple[str, str]]
    responsible: list[str]
    steps: list[StepView]
    status: str = ""  # key of STATUSES of the latest quarter reported
    label: str = ""
    overdue: bool = False
    quarter: int | None = None


NOT_REPORTED = "ยังไม่รายงาน"


def plan_year_state(plan: Plan, today: dt.date | None = None) -> str:
    """ "before", "running" or "ended": where today is against the plan's fiscal year (1 Oct to 30 Sep)."""
    today = today or dt.date.today()
    start, end = fiscal_year_bounds(plan.year)
    return "before" if today < start else "ended" if today > end else "running"


def plan_page(plan: Plan, today: dt.date | None = None) -> list[MeasureView]:
    """The plan page's measures. Deadlines are flagged overdue only while the plan's fiscal year runs: a plan for
    a year that has ended is a record (often typed in afterwards), and flagging all of it at once says nothing;
    the page states how many measures were not closed instead (docs/web.md)."""
    today = today or dt.date.today()
    running = plan_year_state(plan, today) == "running"
    fw = framework_of(plan.assessed_year)
    views = []
    for measure in measures_of(plan):
        row = measure_row(measure)
        latest = latest_progress(measure)
        steps = []
        for step in measure.steps.all():
            status = step_status(step)
            late = running and bool(step.due and step.due < today and status not in CLOSED)
            steps.append(StepView(step, status, STATUSES.get(status, NOT_REPORTED), late))
        status = latest.status if latest else ""
        views.append(
            MeasureView(
                measure=measure,
                questions=[(c, code_title(fw, c)) for c in measure.questions],
                evidence=[(c, code_title(fw, c)) for c in measure.evidence_codes],
                responsible=list(row.responsible),
                steps=steps,
                status=status,
                label=STATUSES.get(status, NOT_REPORTED),
                overdue=running and bool(measure.deadline and measure.deadline < today and status not in CLOSED),
                quarter=latest.quarter if latest else None,
            )
        )
    return views


@dataclass
class ProgressView:
    """One measure on a quarter's progress page: its record, its steps' records, its evidence."""

    measure: Measure
    record: MeasureProgress | None
    steps: list[tuple[Step, StepProgress | None]]
    evidence: list[Evidence]


def evidence_of(measure: Measure, quarter: int) -> list[Evidence]:
    return list(
        measure.evidence.filter(quarter=quarter)
        .select_related("step")
        .prefetch_related(Prefetch("revisions", queryset=EvidenceRevision.objects.order_by("-number")))
        .order_by("pk")
    )


def progress_page(plan: Plan, quarter: int) -> list[ProgressView]:
    if quarter not in QUARTERS:
        raise ValueError(f"no quarter {quarter}")
    return [_view_for(measure, quarter) for measure in measures_of(plan)]


def measure_progress(measure: Measure, quarter: int) -> ProgressView:
    """One measure's record for a quarter, with its steps' records and its evidence."""
    if quarter not in QUARTERS:
        raise ValueError(f"no quarter {quarter}")
    loaded = next(m for m in measures_of(measure.plan) if m.pk == measure.pk)
    return _view_for(loaded, quarter)


def _evidence_lines(items: list[Evidence]) -> list[str]:
    lines = []
    for item in items:
        if item.is_link:
            lines.append(f"{item.title} ({item.url})")
        else:
            latest = max(item.revisions.all(), key=lambda r: r.number, default=None)
            if latest is not None:
                lines.append(f"{item.title} (ไฟล์ {latest.original_name} ฉบับที่ {latest.number})")
    return lines


def _quarter_text(view: ProgressView, quarter: int | None = None) -> str:
    """What was done in a quarter as one block of the report: done, obstacles, steps, evidence."""
    record = view.record
    parts = []
    prefix = f"ไตรมาสที่ {quarter}: " if quarter else ""
    parts.append(prefix + (record.done.strip() if record and record.done.strip() else "ยังไม่ได้รายงานผล"))
    if record and record.problems.strip():
        parts.append(f"ปัญหาและอุปสรรค: {record.problems.strip()}")
    for step, step_record in view.steps:
        if step_record is None:
            continue
        line = f"ขั้นตอนที่ {step.number} {step.text}: {STATUSES.get(step_record.status, '')}"
        if step_record.done.strip():
            line += f" {step_record.done.strip()}"
        if step_record.problems.strip():
            line += f" (ปัญหาและอุปสรรค: {step_record.problems.strip()})"
        parts.append(line)
    evidence = _evidence_lines(view.evidence)
    if evidence:
        parts.append("หลักฐาน: " + "; ".join(evidence))
    return "\n".join(parts)


def progress_plan(plan: Plan, quarter: int | None) -> DomainPlan:
    """The plan with each row's status and progress for the O43 report: one quarter's, or the whole year's
    (status of the latest quarter reported; what was done quarter by quarter)."""
    rows = []
    for measure in measures_of(plan):
        if quarter is not None:
            view = _view_for(measure, quarter)
            status = view.record.status if view.record else ""
            text = _quarter_text(view) if view.record or view.evidence else ""
        else:
            latest = latest_progress(measure)
            status = latest.status if latest else ""
            blocks = []
            for number in QUARTERS:
                view = _view_for(measure, number)
                if view.record or view.evidence:
                    blocks.append(_quarter_text(view, number))
            text = "\n".join(blocks)
        rows.append(measure_row(measure, status=status, progress=text))
    return domain_plan(plan, rows)


def _view_for(measure: Measure, quarter: int) -> ProgressView:
    record = next((p for p in measure.progress.all() if p.quarter == quarter), None)
    steps = [(s, next((p for p in s.progress.all() if p.quarter == quarter), None)) for s in measure.steps.all()]
    return ProgressView(measure, record, steps, evidence_of(measure, quarter))


def next_plan_exists(plan: Plan) -> Plan | None:
    return Plan.objects.filter(organisation=plan.organisation, year=plan.year + 1).first()


def measure_shown(measure: Measure) -> dict[str, str]:
    """What the measure form shows of a measure and its steps, by Thai label: the snapshot an edit form carries so
    that a save from a stale form can say what another person changed (core/concurrency.py)."""
    from ...ita.thaidates import format_date

    def day(value: dt.date | None) -> str:
        return format_date(value, style="numeric") if value else ""

    shown = {
        "มาตรการ": measure.text,
        "หมวด/ตัวชี้วัด": measure.theme,
        "ข้อคำถามที่ตอบ": ", ".join(measure.questions),
        "วิธีการนำผลวิเคราะห์ไปสู่การปฏิบัติ": measure.practice,
        "กลุ่มงานที่รับผิดชอบ": ", ".join(sorted(measure.units.values_list("name", flat=True))),
        "ผู้รับผิดชอบ": ", ".join(sorted(person_name(u) for u in measure.people.all())),
        "ผู้รับผิดชอบอื่น": ", ".join(measure.other_responsible),
        "ระยะเวลาดำเนินการ": measure.period,
        "กำหนดแล้วเสร็จ": day(measure.deadline),
        "แนวทางกำกับติดตาม": measure.monitoring,
        "หลักฐาน OIT ที่เกี่ยวข้อง": ", ".join(measure.evidence_codes),
    }
    for step in measure.steps.order_by("number", "pk"):
        shown[f"ขั้นตอนที่ {step.number}"] = step.text + (f" (กำหนดเสร็จ {day(step.due)})" if step.due else "")
    return shown


def plan_shown(plan: Plan) -> dict[str, str]:
    """What a plan import replaces, by Thai label: each measure's text and the plan's count of measures."""
    shown = {"จำนวนมาตรการ": str(plan.measures.count())}
    for measure in plan.measures.order_by("number", "pk"):
        for label, value in measure_shown(measure).items():
            shown[f"มาตรการที่ {measure.number} {label}"] = value
    return shown


def step_shown(step: Step) -> dict[str, str]:
    """What the form of one step shows (the snapshot of its edit form)."""
    from ...ita.thaidates import format_date

    return {"ขั้นตอน": step.text, "กำหนดเสร็จ": format_date(step.due, style="numeric") if step.due else ""}
