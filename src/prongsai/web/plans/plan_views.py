"""Pages of an agency's measures plans (O42): the list and a new plan, one plan, its XLSX file out and in, its
document, the roll-over, and the progress reports (O43) as documents. Thin: selectors read through the user's
scope (a foreign id is a 404), services write and check again."""

from __future__ import annotations

import base64
import datetime as dt
import io
import secrets
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ...ita.library import available_years, framework_for
from ...ita.problems import InputError
from ...ita.thaidates import fiscal_quarter
from ...planfile.writer import add_plan_sheets
from ..accounts.middleware import ScopedRequest
from ..core.concurrency import EditConflict
from ..core.digits import digits_for_download
from ..core.downloads import CONTENT_TYPES, attachment, download_name
from ..core.notfound import agency_or_404, or_404
from ..core.problems import problem_rows
from ..organisations.selectors import breadcrumbs
from ..report_downloads.services import ReportUnavailable, render_plan_document, render_progress_document
from . import services
from .forms import (
    CreatePlanForm,
    ImportForm,
)
from .models import CLOSED, QUARTERS, Plan
from .selectors import (
    assessed_years,
    current_quarter,
    next_plan_exists,
    plan_as_domain,
    plan_page,
    plan_shown,
    plan_year_state,
    plan_years,
    plans_of,
    progress_plan,
    quarter_bounds,
    visible_plan,
)
from .view_helpers import DOCUMENT_FORMATS, checked_quarter, plan_context, report_attachment, require_editable

# --- Plans of an agency, and one plan -----------------------------------------------------------------------------


def agency_plans(request: ScopedRequest, org_id: int) -> HttpResponse:
    scope = request.scope
    org = agency_or_404(scope, org_id)
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
    context = plan_context(request, plan)
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
    if book.active is not None:  # a new workbook's one empty sheet
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
    require_editable(request, plan.organisation)
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
    context = plan_context(request, plan)
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
    return report_attachment(report)


@require_POST
def plan_roll(request: ScopedRequest, plan_id: int) -> HttpResponse:
    plan = or_404(visible_plan(request.scope, plan_id))
    require_editable(request, plan.organisation)
    try:
        new = services.roll_over(actor=request.user, plan=plan)
    except InputError as exc:
        for problem in exc.problems:
            messages.error(request, f"{problem.message} ({problem.expected})" if problem.expected else problem.message)
        return redirect("plan", plan_id=plan.pk)
    messages.success(request, f"ยกแผนไปปีงบประมาณ {new.year} แล้ว แผนปี {plan.year} ยังอยู่ครบ")
    return redirect("plan", plan_id=new.pk)


def progress_report(request: ScopedRequest, plan_id: int, quarter: int, fmt: str) -> HttpResponse:
    """The O43 report of one quarter, as of the quarter's last day (or today while the quarter runs)."""
    plan = or_404(visible_plan(request.scope, plan_id))
    quarter = checked_quarter(quarter)
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
    return report_attachment(report)
