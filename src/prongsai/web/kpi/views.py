"""The driving KPI pages: the years of an organisation, and one year's checklist (each criterion saved alone)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from ...ita.kpi import criterion as find_criterion
from ..accounts.selectors import Scope, scope_of
from ..core.params import BadParameter, int_param
from ..organisations.models import Organisation
from ..organisations.selectors import breadcrumbs
from .forms import CriterionForm
from .selectors import (
    FIRST_YEAR,
    current_year,
    get_kpi_organisation,
    kpi_sheet,
    kpi_years,
    may_edit_kpi,
    year_allowed,
)
from .services import mark_criterion


@login_required
@require_safe
def kpi_index(request: HttpRequest, org_id: int) -> HttpResponse:
    scope = scope_of(request.user)
    org = get_kpi_organisation(scope, org_id)
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
        error = (f"ปีงบประมาณต้องเป็นตัวเลข พ.ศ. สี่หลัก ตั้งแต่ {FIRST_YEAR} ถึง {current_year(today) + 1} "
                 f"เช่น {current_year(today)}")
    years = kpi_years(scope, org)
    have = {year for year, _ in years}
    fresh = [y for y in (current_year(today), current_year(today) + 1) if y not in have]
    return render(request, "kpi/index.html", {
        "org": org, "crumbs": breadcrumbs(scope, org), "years": years, "fresh": fresh, "error": error,
        "asked": asked, "can_edit": may_edit_kpi(scope, org), "first_year": FIRST_YEAR,
        "last_year": current_year(today) + 1, "home": _home_of(scope, org),
    }, status=400 if error else 200)


@login_required
def kpi_year(request: HttpRequest, org_id: int, year: int) -> HttpResponse:
    scope = scope_of(request.user)
    org = get_kpi_organisation(scope, org_id)
    today = timezone.localdate()
    if not year_allowed(year, today):
        raise Http404("ไม่มีตัวชี้วัดของปีนี้")
    can_edit = may_edit_kpi(scope, org)
    bound: dict[str, CriterionForm] = {}
    problem = ""
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("บทบาทของท่านดูตัวชี้วัดได้อย่างเดียว")
        key = request.POST.get("criterion", "")
        known = find_criterion(key)
        if known is None:
            problem = "ไม่พบเกณฑ์ที่ส่งมา กรุณาเปิดหน้านี้ใหม่แล้วบันทึกอีกครั้ง"
        else:
            form = CriterionForm(request.POST, prefix=key)
            if form.is_valid():
                try:
                    check = mark_criterion(actor=request.user, organisation=org, year=year, criterion=key,
                                           met=form.cleaned_data["met"], note=form.cleaned_data["note"],
                                           links=form.cleaned_data["links"])
                except ValidationError as exc:
                    _add_errors(form, exc)
                else:
                    reached = kpi_sheet(scope, org, year).result.level
                    state = "ดำเนินการแล้ว" if check.met else "ยังไม่ดำเนินการ"
                    messages.success(request, f"บันทึกเกณฑ์ระดับ {known.level} ว่า{state}แล้ว "
                                              f"ระดับที่ได้ตอนนี้คือระดับ {reached}")
                    return redirect(reverse("kpi_year", args=[org.pk, year]) + f"#c-{key}")
            bound[key] = form
    sheet = kpi_sheet(scope, org, year)
    levels = []
    for level in sheet.levels:
        rows = []
        for row in level.rows:
            key = row.criterion.key
            form = bound.get(key)
            if form is None and can_edit:
                check = row.check
                form = CriterionForm(prefix=key, initial={
                    "met": row.met, "note": check.note if check else "",
                    "links": "\n".join(check.links) if check else ""})
            rows.append({"row": row, "form": form, "open": key in bound})
        levels.append({"level": level, "rows": rows})
    status = 400 if (bound or problem) else 200
    return render(request, "kpi/year.html", {
        "org": org, "crumbs": breadcrumbs(scope, org), "sheet": sheet, "levels": levels, "can_edit": can_edit,
        "problem": problem, "year": year, "previous_year": year - 1 if year_allowed(year - 1, today) else None,
        "next_year": year + 1 if year_allowed(year + 1, today) else None, "home": _home_of(scope, org),
    }, status=status)


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
