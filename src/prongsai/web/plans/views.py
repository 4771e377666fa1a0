"""Pages of the measures plan (O42) and its quarterly progress (O43). Thin: selectors read through the user's
scope (a foreign id is a 404), services write and check again; an own plan the role may only read gives 403 on
every write."""

from __future__ import annotations

import base64
import datetime as dt
import io
import secrets
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ...ita.library import available_years, framework_for
from ...ita.problems import InputError
from ...ita.thaidates import fiscal_quarter
from ...planfile.writer import add_plan_sheets
from ..accounts.middleware import ScopedRequest
from ..core.concurrency import EditConflict, dumps, loads, version_of
from ..core.digits import digits_for_download
from ..core.downloads import attachment, download_name
from ..core.notfound import or_404
from ..core.problems import problem_rows
from ..organisations.selectors import breadcrumbs, people_of, visible_organisation, workgroups_of
from ..reports.services import CONTENT_TYPES, ReportUnavailable, render_plan_document, render_progress_document
from . import services
from .forms import (
    STATUS_CHOICES,
    CreatePlanForm,
    EvidenceForm,
    ImportForm,
    MeasureForm,
    ProgressForm,
    RevisionForm,
    StepForm,
    StepFormSet,
    step_fields,
)
from .models import CLOSED, QUARTERS, Measure, Plan, Status
from .selectors import (
    assessed_years,
    current_quarter,
    measure_progress,
    measure_shown,
    next_plan_exists,
    plan_as_domain,
    plan_page,
    plan_shown,
    plan_year_state,
    plan_years,
    plans_of,
    progress_page,
    progress_plan,
    quarter_bounds,
    visible_evidence,
    visible_measure,
    visible_plan,
    visible_revision,
    visible_step,
)

DOCUMENT_FORMATS = (("docx", "เอกสาร Word (DOCX)"), ("pdf", "PDF"))


def _editable(request: ScopedRequest, org: Any) -> None:
    if not request.scope.can_edit_work(org):
        raise PermissionDenied("บทบาทของท่านดูแผนได้อย่างเดียว")


def _plan_context(request: ScopedRequest, plan: Plan) -> dict[str, Any]:
    scope = request.scope
    return {
        "plan": plan,
        "org": plan.organisation,
        "crumbs": breadcrumbs(scope, plan.organisation),
        "can_edit": scope.can_edit_work(plan.organisation),
    }


def _quarter(quarter: int) -> int:
    if quarter not in QUARTERS:
        raise Http404("ไม่มีไตรมาสนี้")
    return quarter


# --- Plans of an agency, and one plan -----------------------------------------------------------------------------


def agency_plans(request: ScopedRequest, org_id: int) -> HttpResponse:
    scope = request.scope
    org = or_404(visible_organisation(scope, org_id))
    if not org.is_agency:
        raise Http404("ไม่พบหน่วยงาน")
    editable = scope.can_edit_work(org)
    if request.method == "POST" and not editable:
        raise PermissionDenied("บทบาทของท่านดูแผนได้อย่างเดียว")
    plans = plans_of(scope, org)
    taken = {p.year for p in plans}
    years = [y for y in plan_years() if y not in taken]
    results = assessed_years(org)
    this_year = fiscal_quarter(dt.date.today())[0]
    draftable = [y for y in years if y - 1 in results]
    initial = max(draftable, default=max((y for y in years if y <= this_year), default=years[-1] if years else None))
    form = CreatePlanForm(request.POST or None, years=years, initial_year=initial, assessed=results)
    problems: list[dict[str, Any]] = []
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.create_plan(
                actor=request.user,
                organisation=org,
                year=form.cleaned_data["year"],
                mode=form.cleaned_data["mode"],
                question_threshold=form.cleaned_data["threshold"],
            )
        except InputError as exc:
            problems = problem_rows(exc.problems)
        else:
            messages.success(request, f"สร้างแผนปีงบประมาณ {plan.year} แล้ว ({plan.measures.count()} มาตรการ)")
            return redirect("plan", plan_id=plan.pk)
    return render(
        request,
        "plans/agency_plans.html",
        {
            "org": org,
            "plans": plans,
            "form": form if years else None,
            "can_edit": editable,
            "problems": problems,
            "crumbs": breadcrumbs(scope, org),
        },
        status=400 if request.method == "POST" else 200,
    )


def plan_detail(request: ScopedRequest, plan_id: int) -> HttpResponse:
    plan = or_404(visible_plan(request.scope, plan_id))
    context = _plan_context(request, plan)
    measures = plan_page(plan)
    start, end = quarter_bounds(plan.year, 1)[0], quarter_bounds(plan.year, 4)[1]
    context.update(
        {
            "year_state": plan_year_state(plan),
            "year_start": start,
            "year_end": end,
            "not_closed": sum(m.status not in CLOSED for m in measures),
            "measures": measures,
            "formats": DOCUMENT_FORMATS,
            "quarters": QUARTERS,
            "current_quarter": current_quarter(plan),
            "next_plan": next_plan_exists(plan),
            "next_year_has_framework": plan.assessed_year + 1 in available_years(),
        }
    )
    return render(request, "plans/plan.html", context)


def plan_export(request: ScopedRequest, plan_id: int) -> HttpResponse:
    """The plan as the XLSX plan file (planfile writer): edit it in Excel and import it back."""
    from openpyxl import Workbook

    plan = or_404(visible_plan(request.scope, plan_id))
    book = Workbook()
    book.remove(book.active)
    add_plan_sheets(book, plan_as_domain(plan))
    buffer = io.BytesIO()
    book.save(buffer)
    return attachment(
        buffer.getvalue(),
        content_type=CONTENT_TYPES["xlsx"],
        filename=download_name(year=plan.year, agency=plan.organisation.name, kind="แผนมาตรการ", ext="xlsx"),
    )


PENDING_IMPORT = "plans.pending_import"


def plan_import(request: ScopedRequest, plan_id: int) -> HttpResponse:
    """Import an edited plan file in two steps: the upload shows what would change (nothing is saved), and
    "ยืนยันการนำเข้า" saves it all (or nothing, if the plan was changed by someone since the preview)."""
    plan = or_404(visible_plan(request.scope, plan_id))
    _editable(request, plan.organisation)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[dict[str, Any]] = []
    preview = None
    pending = request.session.get(PENDING_IMPORT)
    if pending and pending.get("plan") != plan.pk:
        pending = None
    if request.method == "POST" and request.POST.get("confirm") and pending:
        if request.POST.get("confirm") != pending["token"]:
            problems = [{"message": "การแสดงตัวอย่างนี้หมดอายุแล้ว กรุณาเลือกแฟ้มและตรวจอีกครั้ง"}]
        else:
            try:
                services.import_plan_file(
                    actor=request.user,
                    plan=plan,
                    data=base64.b64decode(pending["data"]),
                    filename=pending["name"],
                    version=pending["version"],
                    seen=pending["seen"],
                )
            except InputError as exc:
                problems = problem_rows(exc.problems)
            except EditConflict as exc:
                problems = [
                    {
                        "message": exc.messages[0].replace(
                            "ข้อมูลที่ท่านพิมพ์ยังอยู่ในแบบฟอร์ม ตรวจดูแล้วกดบันทึกอีกครั้งหากต้องการแทนที่", "กรุณาเลือกแฟ้มและตรวจอีกครั้ง"
                        ),
                        "file": pending["name"],
                    }
                ]
            else:
                del request.session[PENDING_IMPORT]
                messages.success(request, f"นำเข้าแผนจากแฟ้ม {pending['name']} แล้ว")
                return redirect("plan", plan_id=plan.pk)
        request.session.pop(PENDING_IMPORT, None)
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            found = services.preview_plan_import(actor=request.user, plan=plan, data=data, filename=upload.name)
        except InputError as exc:
            problems = problem_rows(exc.problems)
        else:
            plan.refresh_from_db()
            token = secrets.token_urlsafe(16)
            request.session[PENDING_IMPORT] = {
                "plan": plan.pk,
                "token": token,
                "name": upload.name,
                "data": base64.b64encode(data).decode(),
                "version": plan.version,
                "seen": plan_shown(plan),
            }
            preview = {"changes": found, "token": token, "name": upload.name}
    context = _plan_context(request, plan)
    context.update({"form": form, "problems": problems, "preview": preview})
    status = 200 if request.method == "GET" or preview is not None else 400
    return render(request, "plans/import.html", context, status=status)


def plan_document(request: ScopedRequest, plan_id: int, fmt: str) -> HttpResponse:
    plan = or_404(visible_plan(request.scope, plan_id))
    year = plan.year if plan.year in available_years() else plan.assessed_year
    try:
        report = render_plan_document(
            plan_as_domain(plan),
            fmt,
            framework=framework_for(year),
            filename=download_name(year=plan.year, agency=plan.organisation.name, kind="แผนมาตรการ", ext=""),
            thai_digits=digits_for_download(request),
        )
    except ReportUnavailable:
        raise Http404("ไม่มีเอกสารในรูปแบบนี้") from None
    return _attachment(report)


def _attachment(report: Any) -> HttpResponse:
    return attachment(report.content, content_type=report.content_type, filename=report.filename)


@require_POST
def plan_roll(request: ScopedRequest, plan_id: int) -> HttpResponse:
    plan = or_404(visible_plan(request.scope, plan_id))
    _editable(request, plan.organisation)
    try:
        new = services.roll_over(actor=request.user, plan=plan)
    except InputError as exc:
        for problem in exc.problems:
            messages.error(request, f"{problem.message} ({problem.expected})" if problem.expected else problem.message)
        return redirect("plan", plan_id=plan.pk)
    messages.success(request, f"ยกแผนไปปีงบประมาณ {new.year} แล้ว แผนปี {plan.year} ยังอยู่ครบ")
    return redirect("plan", plan_id=new.pk)


# --- Measures and steps -------------------------------------------------------------------------------------------


def _measure_form(request: ScopedRequest, plan: Plan, measure: Measure | None) -> MeasureForm:
    org = plan.organisation
    initial = None
    if measure is not None:
        initial = {
            "text": measure.text,
            "questions": measure.questions,
            "theme": measure.theme,
            "practice": measure.practice,
            "units": list(measure.units.all()),
            "people": list(measure.people.all()),
            "other_responsible": measure.other_responsible,
            "period": measure.period,
            "deadline": measure.deadline,
            "monitoring": measure.monitoring,
            "evidence_codes": measure.evidence_codes,
        }
    return MeasureForm(
        request.POST or None,
        initial=initial,
        framework=framework_for(plan.assessed_year),
        units=workgroups_of(org),
        people=people_of(org),
    )


def _step_formset(request: ScopedRequest, measure: Measure | None) -> Any:
    steps = list(measure.steps.order_by("number", "pk")) if measure else []
    initial = [{"id": s.pk, "text": s.text, "due": s.due} for s in steps]
    return StepFormSet(request.POST or None, initial=initial, prefix="steps")


def _step_rows(formset: Any, move: str) -> list[services.StepEdit]:
    """The step rows of a valid formset in page order (blank new rows left out), with one row moved up or down
    when a ↑/↓ button was pressed (its value is "<row>-up" or "<row>-down")."""
    rows: list[tuple[int, services.StepEdit]] = []
    for index, form in enumerate(formset.forms):
        data = form.cleaned_data
        if not data or (data.get("id") is None and not (data.get("text") or "").strip()):
            continue
        rows.append(
            (
                index,
                services.StepEdit(
                    pk=data.get("id"), text=data.get("text") or "", due=data.get("due"), delete=bool(data.get("DELETE"))
                ),
            )
        )
    index, _, direction = move.partition("-")
    at = next((i for i, (row_index, _) in enumerate(rows) if str(row_index) == index), None)
    if at is not None and direction in ("up", "down"):
        target = at - 1 if direction == "up" else at + 1
        if 0 <= target < len(rows):
            rows[at], rows[target] = rows[target], rows[at]
    return [row for _, row in rows]


def _save_measure(request: ScopedRequest, plan: Plan, measure: Measure | None) -> HttpResponse:
    """The measure form with its steps: one form, and every button saves all of it (nothing typed is dropped).
    It carries the measure's version and a snapshot of what it showed, so a stale save is refused (see
    core/concurrency.py) with the typed values kept."""
    form = _measure_form(request, plan, measure)
    formset = _step_formset(request, measure)
    # A post without the step rows (a script, an older page) leaves the steps as they are.
    with_steps = request.method != "POST" or "steps-TOTAL_FORMS" in request.POST
    version = measure.version if measure else None
    seen = dumps(measure_shown(measure)) if measure else ""
    if request.method == "POST":
        version, seen = version_of(request.POST.get("version")), request.POST.get("seen", "")
        if form.is_valid() and (not with_steps or formset.is_valid()):
            move = request.POST.get("move", "")
            try:
                saved = services.save_measure(
                    actor=request.user,
                    plan=plan,
                    measure=measure,
                    **form.cleaned_data,
                    steps=_step_rows(formset, move) if with_steps else None,
                    version=version,
                    seen=loads(seen),
                )
            except EditConflict as exc:
                form.add_error(None, exc.messages[0])
                measure.refresh_from_db()
                version, seen = measure.version, dumps(measure_shown(measure))
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                steps = saved.steps.count()
                messages.success(
                    request, f"บันทึกมาตรการที่ {saved.number} แล้ว" + (f" พร้อมขั้นตอน {steps} ขั้นตอน" if steps else "")
                )
                if measure is None or move or request.POST.get("then") == "steps":
                    return redirect(f"{reverse('measure', args=[saved.pk])}#steps")
                return redirect(f"{reverse('plan', args=[plan.pk])}#measure-{saved.pk}")
        elif with_steps and not formset.is_valid():
            form.add_error(None, "ยังไม่ได้บันทึก: ขั้นตอนบางแถวไม่ถูกต้อง (ดูที่ช่องที่มีข้อความสีแดง)")
    context = _plan_context(request, plan)
    if not with_steps:
        formset = _step_formset(HttpRequest(), measure)
    context.update({"form": form, "measure": measure, "formset": formset, "version": version or "", "seen": seen})
    return render(request, "plans/measure.html", context, status=400 if request.method == "POST" else 200)


def measure_new(request: ScopedRequest, plan_id: int) -> HttpResponse:
    plan = or_404(visible_plan(request.scope, plan_id))
    _editable(request, plan.organisation)
    return _save_measure(request, plan, None)


def measure_edit(request: ScopedRequest, measure_id: int) -> HttpResponse:
    measure = or_404(visible_measure(request.scope, measure_id))
    _editable(request, measure.plan.organisation)
    return _save_measure(request, measure.plan, measure)


@require_POST
def measure_delete(request: ScopedRequest, measure_id: int) -> HttpResponse:
    measure = or_404(visible_measure(request.scope, measure_id))
    _editable(request, measure.plan.organisation)
    plan_id = measure.plan_id
    try:
        services.delete_measure(actor=request.user, measure=measure)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "ลบมาตรการแล้ว")
    return redirect("plan", plan_id=plan_id)


@require_POST
def measure_move(request: ScopedRequest, measure_id: int) -> HttpResponse:
    measure = or_404(visible_measure(request.scope, measure_id))
    _editable(request, measure.plan.organisation)
    try:
        services.move_measure(actor=request.user, measure=measure, direction=request.POST.get("direction", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(f"{reverse('plan', args=[measure.plan_id])}#measure-{measure.pk}")


def _step_back(measure: Measure) -> HttpResponse:
    return redirect(f"{reverse('measure', args=[measure.pk])}#steps")


@require_POST
def step_new(request: ScopedRequest, measure_id: int) -> HttpResponse:
    measure = or_404(visible_measure(request.scope, measure_id))
    _editable(request, measure.plan.organisation)
    form = StepForm(request.POST)
    if form.is_valid():
        try:
            services.add_step(
                actor=request.user, measure=measure, text=form.cleaned_data["text"], due=form.cleaned_data["due"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "เพิ่มขั้นตอนแล้ว")
    else:
        messages.error(request, _form_errors(form))
    return _step_back(measure)


def _form_errors(form: Any) -> str:
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.append(f"{label}: {' '.join(errors)}" if label else " ".join(errors))
    return " · ".join(parts)


@require_POST
def step_change(request: ScopedRequest, step_id: int) -> HttpResponse:
    """Save, delete or move one step (the button pressed names the action)."""
    step = or_404(visible_step(request.scope, step_id))
    measure = step.measure
    _editable(request, measure.plan.organisation)
    action = request.POST.get("action", "")
    try:
        if action == "save":
            form = StepForm(request.POST)
            if not form.is_valid():
                messages.error(request, f"ขั้นตอนที่ {step.number}: {_form_errors(form)}")
                return _step_back(measure)
            services.save_step(
                actor=request.user, step=step, text=form.cleaned_data["text"], due=form.cleaned_data["due"]
            )
            messages.success(request, f"บันทึกขั้นตอนที่ {step.number} แล้ว")
        elif action == "delete":
            services.delete_step(actor=request.user, step=step)
            messages.success(request, "ลบขั้นตอนแล้ว")
        elif action in ("up", "down"):
            services.move_step(actor=request.user, step=step, direction=action)
        else:
            messages.error(request, "ไม่รู้จักคำสั่งนี้")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return _step_back(measure)


# --- Progress -----------------------------------------------------------------------------------------------------


def plan_progress(request: ScopedRequest, plan_id: int, quarter: int) -> HttpResponse:
    plan = or_404(visible_plan(request.scope, plan_id))
    quarter = _quarter(quarter)
    first, last = quarter_bounds(plan.year, quarter)
    context = _plan_context(request, plan)
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
    quarter = _quarter(quarter)
    if request.method == "POST":
        _editable(request, measure.plan.organisation)
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
    context = _plan_context(request, plan)
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
    _editable(request, measure.plan.organisation)
    return _record_quarter(request, measure, _quarter(quarter))


@require_POST
def evidence_revise(request: ScopedRequest, evidence_id: int) -> HttpResponse:
    evidence = or_404(visible_evidence(request.scope, evidence_id))
    measure = evidence.measure
    _editable(request, measure.plan.organisation)
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


def progress_report(request: ScopedRequest, plan_id: int, quarter: int, fmt: str) -> HttpResponse:
    """The O43 report of one quarter, as of the quarter's last day (or today while the quarter runs)."""
    plan = or_404(visible_plan(request.scope, plan_id))
    quarter = _quarter(quarter)
    _, last = quarter_bounds(plan.year, quarter)
    first = quarter_bounds(plan.year, quarter)[0]
    as_of = max(first, min(dt.date.today(), last))
    return _progress_document(
        plan,
        quarter,
        fmt,
        as_of,
        download_name(year=plan.year, agency=plan.organisation.name, kind=f"รายงานผลไตรมาส{quarter}", ext=""),
        thai_digits=digits_for_download(request),
    )


def progress_report_year(request: ScopedRequest, plan_id: int, fmt: str) -> HttpResponse:
    """The O43 report of the whole year: each measure's latest status and what was done quarter by quarter."""
    plan = or_404(visible_plan(request.scope, plan_id))
    first, _ = quarter_bounds(plan.year, 1)
    _, last = quarter_bounds(plan.year, 4)
    as_of = max(first, min(dt.date.today(), last))
    return _progress_document(
        plan,
        None,
        fmt,
        as_of,
        download_name(year=plan.year, agency=plan.organisation.name, kind="รายงานผลทั้งปี", ext=""),
        thai_digits=digits_for_download(request),
    )


def _progress_document(
    plan: Plan, quarter: int | None, fmt: str, as_of: dt.date, filename: str, *, thai_digits: bool = False
) -> HttpResponse:
    framework = framework_for(plan.year) if plan.year in available_years() else None
    try:
        report = render_progress_document(
            progress_plan(plan, quarter),
            fmt,
            framework=framework,
            as_of=as_of,
            filename=filename,
            thai_digits=thai_digits,
        )
    except ReportUnavailable:
        raise Http404("ไม่มีเอกสารในรูปแบบนี้") from None
    return _attachment(report)
