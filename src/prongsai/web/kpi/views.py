"""The driving KPI pages: the years of an organisation, and one year's checklist (one form: any criterion's button
saves every criterion changed on the page)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from ...ita.kpi import CRITERIA
from ...ita.kpi import criterion as find_criterion
from ..accounts.middleware import ScopedRequest
from ..accounts.selectors import Scope
from ..core.concurrency import EditConflict, dumps, loads, version_of
from ..core.notfound import or_404
from ..core.params import BadParameter, int_param
from ..organisations.models import Organisation
from ..organisations.selectors import breadcrumbs
from .forms import CriterionForm
from .models import KpiCheck
from .selectors import (
    FIRST_YEAR,
    current_year,
    kpi_organisation,
    kpi_sheet,
    kpi_years,
    year_allowed,
)
from .services import check_shown, mark_criteria


@require_safe
def kpi_index(request: ScopedRequest, org_id: int) -> HttpResponse:
    scope = request.scope
    org = or_404(kpi_organisation(scope, org_id))
    today = timezone.localdate()
    error = ""
    asked = request.GET.get("year", "").strip()[:20]
    try:
        year = int_param(request.GET, "year")
    except BadParameter:
        year = -1  # not a number: the same message as a year out of range
    if year is not None:
        if year_allowed(year, today):
            return redirect("kpi_year", org_id=org.pk, year=year)
        error = (
            f"ปีงบประมาณต้องเป็นตัวเลข พ.ศ. สี่หลัก ตั้งแต่ {FIRST_YEAR} ถึง {current_year(today) + 1} เช่น {current_year(today)}"
        )
    years = kpi_years(scope, org)
    have = {year for year, _ in years}
    fresh = [y for y in (current_year(today), current_year(today) + 1) if y not in have]
    return render(
        request,
        "kpi/index.html",
        {
            "org": org,
            "crumbs": breadcrumbs(scope, org),
            "years": years,
            "fresh": fresh,
            "error": error,
            "asked": asked,
            "can_edit": scope.can_edit_work(org),
            "first_year": FIRST_YEAR,
            "last_year": current_year(today) + 1,
            "home": _home_of(scope, org),
        },
        status=400 if error else 200,
    )


def kpi_year(request: ScopedRequest, org_id: int, year: int) -> HttpResponse:
    scope = request.scope
    org = or_404(kpi_organisation(scope, org_id))
    today = timezone.localdate()
    if not year_allowed(year, today):
        raise Http404("ไม่มีตัวชี้วัดของปีนี้")
    can_edit = scope.can_edit_work(org)
    bound: dict[str, CriterionForm] = {}
    problem = stale = ""
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("บทบาทของท่านดูตัวชี้วัดได้อย่างเดียว")
        response, bound, problem, stale = _save_sheet(request, scope, org, year)
        if response is not None:
            return response
    sheet = kpi_sheet(scope, org, year)
    levels = []
    for level in sheet.levels:
        rows = []
        for row in level.rows:
            key = row.criterion.key
            form = bound.get(key)
            check = row.check
            if form is None and can_edit:
                form = CriterionForm(prefix=key, initial=_initial(check))
            # A criterion refused for a stale version is shown again with the stored version: saving again replaces.
            posted = request.POST if key in bound and key != stale else {}
            rows.append(
                {
                    "row": row,
                    "form": form,
                    "open": form is not None and key in bound and (form.errors or form.has_changed()),
                    "version": posted.get(f"{key}-version", check.version if check else 0),
                    "seen": posted.get(f"{key}-seen") or dumps(check_shown(check)),
                }
            )
        levels.append({"level": level, "rows": rows})
    status = 400 if (bound or problem) else 200
    if problem and bound:
        problem = f"ยังไม่ได้บันทึกเกณฑ์ใด: {problem} สิ่งที่พิมพ์ไว้ยังอยู่ครบ"
    return render(
        request,
        "kpi/year.html",
        {
            "org": org,
            "crumbs": breadcrumbs(scope, org),
            "sheet": sheet,
            "levels": levels,
            "can_edit": can_edit,
            "problem": problem,
            "year": year,
            "previous_year": year - 1 if year_allowed(year - 1, today) else None,
            "next_year": year + 1 if year_allowed(year + 1, today) else None,
            "home": _home_of(scope, org),
        },
        status=status,
    )


def _initial(check: KpiCheck | None) -> dict[str, object]:
    return {
        "met": check.met if check else False,
        "note": check.note if check else "",
        "links": "\n".join(check.links) if check else "",
    }


def _save_sheet(
    request: ScopedRequest, scope: Scope, org: Organisation, year: int
) -> tuple[HttpResponse | None, dict[str, CriterionForm], str, str]:
    """The checklist page is one form: each criterion's "บันทึก" saves every criterion changed on the page, or
    none of them, with what was typed shown again and the reason said (never one saved and the others dropped)."""
    stored = {c.criterion: c for c in KpiCheck.objects.filter(kpi__organisation=org, kpi__year=year)}
    bound = {
        c.key: CriterionForm(request.POST, prefix=c.key, initial=_initial(stored.get(c.key)))
        for c in CRITERIA
        if f"{c.key}-note" in request.POST
    }
    pressed = request.POST.get("criterion", "")
    if not bound or (pressed and find_criterion(pressed) is None):
        return None, {}, "ไม่พบเกณฑ์ที่ส่งมา กรุณาเปิดหน้านี้ใหม่แล้วบันทึกอีกครั้ง", ""
    if not all(form.is_valid() for form in bound.values()):
        return None, bound, "บางเกณฑ์ยังไม่ถูกต้อง (ดูที่ช่องที่มีข้อความสีแดง)", ""
    marks = [
        {
            "criterion": key,
            "met": form.cleaned_data["met"],
            "note": form.cleaned_data["note"],
            "links": form.cleaned_data["links"],
            "version": version_of(request.POST.get(f"{key}-version")),
            "seen": loads(request.POST.get(f"{key}-seen", "")),
        }
        for key, form in bound.items()
        if form.has_changed() or key == pressed
    ]
    try:
        saved = mark_criteria(actor=request.user, organisation=org, year=year, marks=marks)
    except EditConflict as exc:
        key = getattr(exc, "criterion", "")
        bound[key].add_error(None, exc.messages[0])
        return None, bound, exc.messages[0], key
    except ValidationError as exc:
        _add_errors(bound[getattr(exc, "criterion", pressed)], exc)
        return None, bound, "บางเกณฑ์ยังไม่ถูกต้อง (ดูที่ช่องที่มีข้อความสีแดง)", ""
    reached = kpi_sheet(scope, org, year).result.level
    names = []
    for check in saved:
        known = find_criterion(check.criterion)
        names.append(f"เกณฑ์ระดับ {known.level if known else ''} ว่า{'ดำเนินการแล้ว' if check.met else 'ยังไม่ดำเนินการ'}")
    messages.success(request, f"บันทึก{' และ'.join(names) or 'แล้ว ไม่มีสิ่งที่เปลี่ยนแปลง'}แล้ว ระดับที่ได้ตอนนี้คือระดับ {reached}")
    anchor = f"#c-{pressed}" if pressed else ""
    return redirect(reverse("kpi_year", args=[org.pk, year]) + anchor), bound, "", ""


def _home_of(scope: Scope, org: Organisation) -> str | None:
    """The page the organisation is seen from: an agency's home, a node's dashboard (when the reader has it)."""
    if org.is_agency:
        return reverse("agency", args=[org.pk])
    return reverse("dashboard", args=[org.pk]) if scope.can_oversee(org) else None


def _add_errors(form: CriterionForm, exc: ValidationError) -> None:
    """Put a service's errors on the form: on their field when the form has it, above the form otherwise."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields and field != "met" else None, errors)
    else:
        form.add_error(None, exc.messages)
