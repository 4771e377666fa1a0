"""Plans in the test world: the own agency's plan drafted from its 2566 result, and one plan each for the sibling
and the far agency, every one with a measure, a step, a quarter's progress and a file evidence. Built once per
World (cached on it) so the permission matrix and the plans tests share it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.ita.thaidates import parse_date
from prongsai.web.plans.models import (
    Evidence,
    EvidenceRevision,
    Measure,
    MeasureProgress,
    Plan,
    Step,
    StepProgress,
)
from prongsai.web.plans.services import BLANK, DRAFT, add_evidence, add_step, create_plan, save_measure, save_progress
from tests.support.role_statuses import EDITORS, READERS
from tests.support.web_world import World

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@dataclass
class PlanSet:
    plan: Plan
    measure: Measure
    step: Step
    evidence: Evidence
    revision: EvidenceRevision


@dataclass
class PlanWorld:
    own: PlanSet
    sibling: PlanSet
    far: PlanSet


def pdf_upload(name: str = "หลักฐาน.pdf", body: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def _set(plan: Plan) -> PlanSet:
    measure = plan.measures.order_by("number").first() or save_measure(
        actor=None, plan=plan, text="มาตรการทดสอบของแผนนี้", questions=["I1"]
    )
    step = add_step(actor=None, measure=measure, text="ขั้นตอนทดสอบ", due=parse_date("31/12/2565"))
    save_progress(
        actor=None,
        measure=measure,
        quarter=1,
        status="in_progress",
        done="เริ่มดำเนินการแล้ว",
        steps={step.pk: ("in_progress", "", "")},
    )
    evidence = add_evidence(actor=None, measure=measure, quarter=1, title="หลักฐานทดสอบ", upload=pdf_upload())
    return PlanSet(plan, measure, step, evidence, evidence.revisions.get())


def plan_world(world: World) -> PlanWorld:
    """The plans of `world`, created the first time they are asked for."""
    cached = getattr(world, "_plans", None)
    if cached is None:
        own = create_plan(actor=None, organisation=world.own, year=2567, mode=DRAFT, question_threshold=90)
        sibling = create_plan(actor=None, organisation=world.sibling, year=2566, mode=BLANK)
        far = create_plan(actor=None, organisation=world.far, year=2565, mode=BLANK)
        cached = PlanWorld(_set(own), _set(sibling), _set(far))
        world._plans = cached  # type: ignore[attr-defined]
    return cached


def _ids(sets: list[PlanSet]) -> dict[str, list[Any]]:
    return {
        "plan_id": [s.plan.pk for s in sets],
        "measure_id": [s.measure.pk for s in sets],
        "step_id": [s.step.pk for s in sets],
        "evidence_id": [s.evidence.pk for s in sets],
        "revision_id": [s.revision.pk for s in sets],
    }


def plan_params(world: World, role: str) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    """Own and foreign values of the plans' route parameters for a role of the permission matrix."""
    plans = plan_world(world)
    if role == "admin":
        return _ids([plans.own, plans.sibling, plans.far]), {}
    if role == "oversight":
        return _ids([plans.own, plans.sibling]), _ids([plans.far])
    if role == "anonymous":
        return {}, _ids([plans.own])
    return _ids([plans.own]), _ids([plans.sibling, plans.far])


PARAMETERS = {"plan_id", "measure_id", "step_id", "evidence_id", "revision_id", "quarter"}


def plan_state() -> tuple[int, ...]:
    """Row counts of every plans model: a refused request must not change any."""
    return tuple(
        model.objects.count()
        for model in (Plan, Measure, Step, MeasureProgress, StepProgress, Evidence, EvidenceRevision)
    )


EXPECTED_OWN = {
    ("plans", "own"): READERS,
    ("plan", "plan"): READERS,
    ("plan_export", "plan"): READERS,
    ("plan_document", "plan_docx"): READERS,
    ("plan_progress", "plan_q1"): READERS,
    ("progress_report", "plan_q1_docx"): READERS,
    ("progress_report_year", "plan_docx"): READERS,
    ("measure_progress", "measure_q1"): READERS,
    ("evidence_download", "revision"): READERS,
    ("plan_import", "plan"): EDITORS,
    ("measure_new", "plan"): EDITORS,
    ("measure", "measure"): EDITORS,
}


def plan_targets(world: World) -> dict[str, dict[str, Any]]:
    own = plan_world(world).own
    return {
        "plan": {"plan_id": own.plan.pk},
        "plan_docx": {"plan_id": own.plan.pk, "fmt": "docx"},
        "plan_q1": {"plan_id": own.plan.pk, "quarter": 1},
        "plan_q1_docx": {"plan_id": own.plan.pk, "quarter": 1, "fmt": "docx"},
        "measure": {"measure_id": own.measure.pk},
        "measure_q1": {"measure_id": own.measure.pk, "quarter": 1},
        "revision": {"revision_id": own.revision.pk},
    }
