"""Pages of a plan's measures and their steps: new, edit, delete, move, and a step added or changed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ...ita.library import framework_for
from ..accounts.middleware import ScopedRequest
from ..core.concurrency import EditConflict, dumps, loads, version_of
from ..core.notfound import or_404
from ..organisations.selectors import people_of, workgroups_of
from . import services
from .forms import (
    MeasureForm,
    StepForm,
    StepFormSet,
)
from .models import Measure, Plan
from .selectors import (
    measure_shown,
    visible_measure,
    visible_plan,
    visible_step,
)
from .view_helpers import plan_context, require_editable

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


def _step_formset(request: HttpRequest, measure: Measure | None) -> Any:
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
    moved, _, direction = move.partition("-")
    at = next((i for i, (row_index, _) in enumerate(rows) if str(row_index) == moved), None)
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
                if measure is not None:  # only a stored measure can be stale
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
    context = plan_context(request, plan)
    if not with_steps:
        formset = _step_formset(HttpRequest(), measure)
    context.update({"form": form, "measure": measure, "formset": formset, "version": version or "", "seen": seen})
    return render(request, "plans/measure.html", context, status=400 if request.method == "POST" else 200)


def measure_new(request: ScopedRequest, plan_id: int) -> HttpResponse:
    plan = or_404(visible_plan(request.scope, plan_id))
    require_editable(request, plan.organisation)
    return _save_measure(request, plan, None)


def measure_edit(request: ScopedRequest, measure_id: int) -> HttpResponse:
    measure = or_404(visible_measure(request.scope, measure_id))
    require_editable(request, measure.plan.organisation)
    return _save_measure(request, measure.plan, measure)


@require_POST
def measure_delete(request: ScopedRequest, measure_id: int) -> HttpResponse:
    measure = or_404(visible_measure(request.scope, measure_id))
    require_editable(request, measure.plan.organisation)
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
    require_editable(request, measure.plan.organisation)
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
    require_editable(request, measure.plan.organisation)
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
    require_editable(request, measure.plan.organisation)
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
