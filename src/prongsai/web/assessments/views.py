"""Pages of one agency: home, results upload and form with preview, assessment, downloads. Views stay thin:
selectors read (scoped), services write (checked), result_rows.py reads files through the project's importer."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from ...exporting.template import template_csv, template_xlsx
from ...ita.library import available_years, framework_for
from ...ita.problems import InputError, Problem
from ...ita.serialize import assessment_to_dict
from ..accounts.middleware import ScopedRequest
from ..accounts.selectors import Scope
from ..core.cache import pages
from ..core.charts import indicator_bars, trend
from ..core.digits import digits_for_download, user_wants_thai_digits
from ..core.downloads import attachment
from ..core.notfound import agency_or_404, or_404
from ..core.problems import problem_rows
from ..frameworks.selectors import pass_mark_of, shipped_sha256, status_name, version_in_use, year_pass_mark
from ..organisations.selectors import breadcrumbs
from ..report_downloads.services import FORMAT_NAMES, ReportUnavailable, available_formats, render_report
from ..surveys.forecast_view import forecast_context
from .forms import UploadForm, all_fields, framework_sections, initial_from_rows, rows_from_post
from .models import AssessmentRecord
from .result_rows import Prepared, prepare_rows, prepare_upload
from .selectors import (
    framework_of_record,
    get_visible_assessment,
    history_of,
    page_analysis,
    results_version,
)
from .services import delete_assessment, save_assessment

PREVIEW_SALT = "prongsai.assessments.preview"
PREVIEW_MAX_AGE = 60 * 60


def _record(request: ScopedRequest, assessment_id: int) -> AssessmentRecord:
    record = or_404(get_visible_assessment(request.scope, assessment_id), "ไม่พบผลการประเมิน")
    return record


def _writable_agency(request: ScopedRequest, org_id: int) -> Any:
    org = agency_or_404(request.scope, org_id)
    if not request.scope.can_write_results(org):
        raise PermissionDenied("บทบาทของท่านดูผลได้อย่างเดียว")
    return org


def _indicator_rows(year: int, indicators: dict[str, float | None]) -> list[tuple[str, str, float | None]]:
    fw = framework_for(year)
    return [(str(n), ind.name, indicators.get(str(n))) for n, ind in sorted(fw.indicators.items())]


def agency_home(request: ScopedRequest, org_id: int) -> HttpResponse:
    scope = request.scope
    org = agency_or_404(request.scope, org_id)
    version = results_version()  # before anything of the results is read (see results_version)
    # The page body depends on the reader's permission set (which buttons), the agency and its results: rendered
    # once per results version in each server process.
    key = ("agency", scope.permission_key, org.pk, org.path, version)
    crumbs, body = pages.remember(key, lambda: _render_agency_home(scope, org))
    # The forecast depends on survey rounds and the OIT board, not on the results version: computed each time.
    return render(
        request, "assessments/agency_home.html", {"org": org, "crumbs": crumbs, "body": body, **forecast_context(org)}
    )


def _render_agency_home(scope: Scope, org: Any) -> tuple[list[tuple[str, str | None]], str]:
    history = history_of(scope, org, summary=True)
    latest = history[-1] if history else None
    context = {
        "org": org,
        "history": list(reversed(history)),
        "latest": latest,
        "can_write": scope.can_write_results(org),
        "can_manage": scope.can_manage_org(org),
        "trend_chart": trend(
            [(r.year, r.total) for r in history],
            bar=year_pass_mark(latest.year if latest else None),
            marks={r.year: year_pass_mark(r.year) for r in history},
        ),
    }
    if latest is not None:
        context["pass_mark"] = year_pass_mark(latest.year)
        context["indicator_chart"] = indicator_bars(
            _indicator_rows(latest.year, latest.indicators), bar=context["pass_mark"]
        )
        previous = next((r for r in history if r.year == latest.year - 1), None)
        if previous is not None and previous.total is not None and latest.total is not None:
            context["change"] = latest.total - previous.total
    return breadcrumbs(scope, org), render_to_string("assessments/_agency_home.html", context)


def _preview_response(
    request: ScopedRequest, org: Any, prepared: Prepared, source: str, source_name: str
) -> HttpResponse:
    payload = {
        "org": org.pk,
        "user": request.user.pk,
        "year": prepared.year,
        "rows": prepared.rows,
        "warnings": prepared.warnings,
        "source": source,
        "source_name": source_name,
    }
    token = signing.dumps(payload, salt=PREVIEW_SALT, compress=True)
    existing = history_of(request.scope, org)
    replaces = next((r for r in existing if r.year == prepared.year), None)
    data = assessment_to_dict(prepared.assessment)
    return render(
        request,
        "assessments/preview.html",
        {
            "org": org,
            "data": data,
            "token": token,
            "replaces": replaces,
            "source_name": source_name,
            "row_count": len(prepared.rows),
            "pass_mark": pass_mark_of(prepared.assessment.framework),
            "indicator_chart": indicator_bars(
                _indicator_rows(prepared.year, data["indicators"]), bar=pass_mark_of(prepared.assessment.framework)
            ),
        },
    )


def upload(request: ScopedRequest, org_id: int) -> HttpResponse:
    org = _writable_agency(request, org_id)
    form = UploadForm(request.POST or None, request.FILES or None)
    problems: list[dict[str, Any]] = []
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        try:
            prepared = prepare_upload(upload_file.read(), upload_file.name, form.cleaned_data["year"], org.name)
        except InputError as exc:
            problems = problem_rows(exc.problems)
        else:
            return _preview_response(request, org, prepared, "upload", upload_file.name)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "assessments/upload.html",
        {"org": org, "form": form, "problems": problems, "template_years": list(reversed(available_years()))},
        status=status,
    )


TEMPLATE_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def result_template(request: ScopedRequest, year: int, fmt: str) -> HttpResponse:
    """The blank result template of a year (every code with its title, Thai headers), as `prongsai template`."""
    if year not in available_years() or fmt not in TEMPLATE_TYPES:
        raise Http404("ไม่มีแบบกรอกผลคะแนนของปีหรือชนิดไฟล์นี้")
    fw = framework_for(year)
    content = template_xlsx(fw) if fmt == "xlsx" else template_csv(fw).encode("utf-8-sig")
    return attachment(content, content_type=TEMPLATE_TYPES[fmt], filename=f"ita-result-template-{year}.{fmt}")


def enter(request: ScopedRequest, org_id: int, year: int) -> HttpResponse:
    org = _writable_agency(request, org_id)
    if year not in available_years():
        raise Http404("ไม่มีกรอบการประเมินของปีนี้")
    fw = framework_for(year)
    sections = framework_sections(fw)
    fields = all_fields(sections)
    problems: list[dict[str, Any]] = []
    bad_fields: set[str] = set()
    if request.method == "POST":
        values = {f.name: request.POST.get(f.name, "") for f in fields}
        rows, origin = rows_from_post(fields, values)
        try:
            if not rows:
                raise InputError([Problem("ยังไม่ได้กรอกคะแนน", expected="กรอกคะแนนอย่างน้อยหนึ่งช่อง")])
            prepared = prepare_rows(rows, year, org.name, name="แบบฟอร์ม")
        except InputError as exc:
            labels = {n: f.label for n, f in origin.items()}
            problems = problem_rows(exc.problems, labels)
            bad_fields = {origin[p.row].name for p in exc.problems if p.row in origin}
        else:
            return _preview_response(request, org, prepared, "form", "แบบฟอร์ม")
    else:
        record = next((r for r in history_of(request.scope, org) if r.year == year), None)
        values = initial_from_rows(_full(record).input_rows) if record else {}
    level_choices = [rule.level for rule in fw.grading.levels]
    return render(
        request,
        "assessments/enter.html",
        {
            "org": org,
            "fw": fw,
            "year": year,
            "sections": sections,
            "values": values,
            "problems": problems,
            "bad_fields": bad_fields,
            "level_choices": level_choices,
            "years": list(reversed(available_years())),
        },
        status=400 if problems else 200,
    )


def _full(record: Any) -> Any:
    """Reload a record whose JSON columns were deferred."""
    return type(record).objects.get(pk=record.pk)


@require_POST
def confirm(request: ScopedRequest, org_id: int) -> HttpResponse:
    org = _writable_agency(request, org_id)
    try:
        payload = signing.loads(request.POST.get("token", ""), salt=PREVIEW_SALT, max_age=PREVIEW_MAX_AGE)
    except signing.BadSignature:
        messages.error(request, "ข้อมูลตัวอย่างหมดอายุหรือไม่ถูกต้อง กรุณาอัปโหลดใหม่")
        return redirect("upload", org_id=org.pk)
    if payload.get("org") != org.pk or payload.get("user") != request.user.pk:
        raise PermissionDenied("ข้อมูลตัวอย่างนี้ไม่ได้เป็นของหน่วยงานหรือผู้ใช้นี้")
    try:
        record = save_assessment(
            actor=request.user,
            organisation=org,
            year=payload["year"],
            rows=payload["rows"],
            warnings=payload["warnings"],
            source=payload["source"],
            source_name=payload["source_name"],
        )
    except InputError as exc:
        return render(
            request,
            "assessments/upload.html",
            {"org": org, "form": UploadForm(), "problems": problem_rows(exc.problems)},
            status=400,
        )
    messages.success(request, f"บันทึกผลปี {record.year} แล้ว")
    return redirect("assessment", assessment_id=record.pk)


def assessment_page(request: ScopedRequest, assessment_id: int) -> HttpResponse:
    scope = request.scope
    version = results_version()  # before anything of the results is read (see results_version)
    record = _record(request, assessment_id)
    org = record.organisation
    analysis = page_analysis(record, version)
    data = record.result
    fw = framework_of_record(record)
    in_use = version_in_use(record.year)
    in_use_sha = in_use.sha256 if in_use else shipped_sha256(record.year)
    outdated = (
        getattr(in_use, "pk", None) != record.framework_version_id
        or (record.framework_sha256 or in_use_sha) != in_use_sha
    )
    return render(
        request,
        "assessments/assessment.html",
        {
            "org": org,
            "record": record,
            "data": data,
            "analysis": analysis,
            "fw_status": status_name(fw.status),
            "fw_version": record.framework_version,
            "in_use": in_use,
            "outdated": outdated,
            "prefers_thai_digits": user_wants_thai_digits(request.user),
            "crumbs": breadcrumbs(scope, org),
            "indicator_names": {str(n): i.name for n, i in fw.indicators.items()},
            "pass_mark": pass_mark_of(fw),
            "indicator_chart": indicator_bars(_indicator_rows(record.year, data["indicators"]), bar=pass_mark_of(fw)),
            "formats": [(f, FORMAT_NAMES[f]) for f in available_formats()],
            "can_manage": scope.can_manage_org(org),
            "can_write": scope.can_write_results(org),
            "mismatches": [r for r in data["reconciliation"] if not r["ok"]],
        },
    )


def download(request: ScopedRequest, assessment_id: int, fmt: str) -> HttpResponse:
    record = _record(request, assessment_id)
    try:
        report = render_report(record, fmt, thai_digits=digits_for_download(request))
    except ReportUnavailable:
        raise Http404("ไม่มีรายงานในรูปแบบนี้") from None
    return attachment(report.content, content_type=report.content_type, filename=report.filename)


@require_POST
def delete(request: ScopedRequest, assessment_id: int) -> HttpResponse:
    record = _record(request, assessment_id)
    org_id = record.organisation_id
    year = record.year
    delete_assessment(actor=request.user, record=record)
    messages.success(request, f"ลบผลปี {year} แล้ว")
    return redirect("agency", org_id=org_id)
