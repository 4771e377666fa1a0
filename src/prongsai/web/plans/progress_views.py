"""Pages of the quarterly progress (O43): a plan's quarter, one measure's quarter as one form (progress, its
steps', evidence files and links), and an evidence file revised or downloaded."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ..accounts.middleware import ScopedRequest
from ..core.notfound import or_404
from . import services
from .forms import (
    STATUS_CHOICES,
    EvidenceForm,
    ProgressForm,
    RevisionForm,
    step_fields,
)
from .models import QUARTERS, Measure, Status
from .selectors import (
    measure_progress,
    progress_page,
    quarter_bounds,
    visible_evidence,
    visible_measure,
    visible_plan,
    visible_revision,
)
from .view_helpers import DOCUMENT_FORMATS, checked_quarter, plan_context, require_editable

# --- Progress -----------------------------------------------------------------------------------------------------


def plan_progress(request: ScopedRequest, plan_id: int, quarter: int) -> HttpResponse:
    plan = or_404(visible_plan(request.scope, plan_id))
    quarter = checked_quarter(quarter)
    first, last = quarter_bounds(plan.year, quarter)
    context = plan_context(request, plan)
    context.update(
        {
            "quarter": quarter,
            "quarters": QUARTERS,
            "first": first,
            "last": last,
            "views": progress_page(plan, quarter),
            "formats": DOCUMENT_FORMATS,
        }
    )
    return render(request, "plans/progress.html", context)


def measure_progress_page(request: ScopedRequest, measure_id: int, quarter: int) -> HttpResponse:
    """Record one measure's quarter: its status and text, each step's, and its evidence (files and links)."""
    measure = or_404(visible_measure(request.scope, measure_id))
    quarter = checked_quarter(quarter)
    if request.method == "POST":
        require_editable(request, measure.plan.organisation)
        return _record_quarter(request, measure, quarter)
    view = measure_progress(measure, quarter)
    return _progress_response(
        request,
        view,
        quarter,
        ProgressForm(initial=_progress_initial(view)),
        _stored_steps(view),
        {},
        EvidenceForm(steps=[s for s, _ in view.steps]),
        200,
    )


def _progress_initial(view: Any) -> dict[str, str]:
    record = view.record
    return (
        {"status": record.status, "done": record.done, "problems": record.problems}
        if record
        else {"status": Status.IN_PROGRESS}
    )


def _stored_steps(view: Any) -> dict[int, tuple[str, str, str]]:
    return {s.pk: (r.status, r.done, r.problems) if r else ("", "", "") for s, r in view.steps}


def _record_quarter(request: ScopedRequest, measure: Measure, quarter: int) -> HttpResponse:
    """The quarter's page is one form: every button saves all that was typed (progress, new evidence, new
    revisions) or, when a part is wrong, nothing, with every typed value shown again and the reason said.
    Progress is saved when it was changed or its own button pressed, so adding a file alone records no status."""
    view = measure_progress(measure, quarter)
    steps = [s for s, _ in view.steps]
    action = request.POST.get("action", "")
    progress_sent = "status" in request.POST
    form = ProgressForm(request.POST if progress_sent else None, initial=_progress_initial(view))
    stored = _stored_steps(view)
    step_values, step_errors = step_fields(request.POST, list(stored)) if progress_sent else (stored, {})
    evidence_form = EvidenceForm(request.POST, request.FILES, steps=steps)
    evidence_sent = (
        action == "evidence"
        or bool(request.FILES.get("file"))
        or any(request.POST.get(name, "").strip() for name in ("url", "title"))
    )
    revisions = [(e, request.FILES[f"revise-{e.pk}"]) for e in view.evidence if f"revise-{e.pk}" in request.FILES]
    progress_changed = progress_sent and (action == "progress" or form.has_changed() or step_values != stored)
    problems = []
    if progress_changed and not (form.is_valid() and not step_errors):
        problems.append("ผลการดำเนินงานยังไม่ครบหรือไม่ถูกต้อง")
    if evidence_sent and not evidence_form.is_valid():
        problems.append("หลักฐานใหม่ยังไม่ครบหรือไม่ถูกต้อง")
    if action == "revise" and not revisions:
        problems.append("ยังไม่ได้เลือกไฟล์ฉบับใหม่")
    if not (progress_changed or evidence_sent or revisions or problems):
        problems.append("ไม่มีสิ่งที่เปลี่ยนแปลงให้บันทึก")
    saved = None
    if not problems:
        evidence = None
        if evidence_sent:
            data = evidence_form.cleaned_data
            evidence = services.NewEvidence(
                title=data["title"],
                url=data["url"] or "",
                upload=data["file"],
                step=next((s for s in steps if s.pk == data["step"]), None),
            )
        progress = (
            {
                "status": form.cleaned_data["status"],
                "done": form.cleaned_data["done"],
                "problems": form.cleaned_data["problems"],
                "steps": step_values,
            }
            if progress_changed
            else None
        )
        try:
            saved = services.record_quarter(
                actor=request.user,
                measure=measure,
                quarter=quarter,
                progress=progress,
                evidence=evidence,
                revisions=revisions,
            )
        except ValidationError as exc:
            problems.extend(exc.messages)
    if saved is None:
        error = (
            "ยังไม่ได้บันทึกสิ่งใดในหน้านี้: "
            + " · ".join(problems)
            + (
                " สิ่งที่พิมพ์ไว้ยังอยู่ครบ ส่วนไฟล์ต้องเลือกใหม่อีกครั้ง (เบราว์เซอร์ไม่เก็บไฟล์ที่เลือกไว้)"
                if request.FILES
                else " สิ่งที่พิมพ์ไว้ยังอยู่ครบ"
            )
        )
        shown = evidence_form if evidence_sent else EvidenceForm(steps=steps)
        return _progress_response(request, view, quarter, form, step_values, step_errors, shown, 400, error=error)
    done = []
    if saved.progress is not None:
        done.append(f"บันทึกผลไตรมาสที่ {quarter} ของมาตรการที่ {measure.number} แล้ว")
    if saved.evidence is not None:
        done.append(f'เพิ่มหลักฐาน "{saved.evidence.title}" แล้ว')
    done += [f"อัปโหลดฉบับที่ {r.number} ของ {r.evidence.title} แล้ว ฉบับก่อนหน้ายังเก็บไว้" for r in saved.revisions or []]
    messages.success(request, " · ".join(done))
    anchor = "#evidence" if saved.evidence is not None or saved.revisions else ""
    return redirect(f"{reverse('measure_progress', args=[measure.pk, quarter])}{anchor}")


def _progress_response(
    request: ScopedRequest,
    view: Any,
    quarter: int,
    form: Any,
    step_values: dict[int, Any],
    step_errors: dict[int, str],
    evidence_form: Any,
    status: int,
    error: str = "",
) -> HttpResponse:
    plan = view.measure.plan
    first, last = quarter_bounds(plan.year, quarter)
    steps = []
    for step, _ in view.steps:
        step_status, done, problems = step_values.get(step.pk, ("", "", ""))
        steps.append(
            {
                "step": step,
                "status": step_status,
                "done": done,
                "problems": problems,
                "error": step_errors.get(step.pk, ""),
            }
        )
    context = plan_context(request, plan)
    context.update(
        {
            "view": view,
            "measure": view.measure,
            "quarter": quarter,
            "quarters": QUARTERS,
            "first": first,
            "last": last,
            "form": form,
            "steps": steps,
            "status_choices": STATUS_CHOICES,
            "evidence_form": evidence_form,
            "revision_form": RevisionForm(),
            "page_error": error,
        }
    )
    return render(request, "plans/measure_progress.html", context, status=status)


@require_POST
def evidence_new(request: ScopedRequest, measure_id: int, quarter: int) -> HttpResponse:
    """Adding evidence posts the whole quarter's page (see _record_quarter), so typed progress is never dropped."""
    measure = or_404(visible_measure(request.scope, measure_id))
    require_editable(request, measure.plan.organisation)
    return _record_quarter(request, measure, checked_quarter(quarter))


@require_POST
def evidence_revise(request: ScopedRequest, evidence_id: int) -> HttpResponse:
    evidence = or_404(visible_evidence(request.scope, evidence_id))
    measure = evidence.measure
    require_editable(request, measure.plan.organisation)
    form = RevisionForm(request.POST, request.FILES)
    back = f"{reverse('measure_progress', args=[measure.pk, evidence.quarter])}#evidence-{evidence.pk}"
    if not form.is_valid():
        messages.error(request, "เลือกไฟล์ฉบับใหม่ก่อนกดอัปโหลด")
        return redirect(back)
    try:
        revision = services.add_revision(actor=request.user, evidence=evidence, upload=form.cleaned_data["file"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"อัปโหลดฉบับที่ {revision.number} ของ {evidence.title} แล้ว ฉบับก่อนหน้ายังเก็บไว้")
    return redirect(back)


def evidence_download(request: ScopedRequest, revision_id: int) -> FileResponse:
    """A stored evidence file, only for those who may read the plan; sent as an attachment, never inline."""
    revision = or_404(visible_revision(request.scope, revision_id))
    try:
        handle = revision.file.open("rb")
    except FileNotFoundError:
        raise Http404("ไม่พบไฟล์หลักฐานในที่จัดเก็บ") from None
    return FileResponse(handle, as_attachment=True, filename=revision.original_name, content_type=revision.content_type)
