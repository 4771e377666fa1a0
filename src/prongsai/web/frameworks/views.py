"""Pages of the frameworks: which version each year uses (every logged-in user), upload with a validation
preview and a diff, publish (system administrators), and re-scoring a result with the version in use."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ...ita.framework_diff import diff_frameworks
from ...ita.library import available_years, framework_for
from ...ita.problems import InputError
from ..accounts.middleware import ScopedRequest
from ..assessments.selectors import get_visible_assessment
from ..assessments.services import rescore_assessment, rescore_preview
from ..core.downloads import attachment
from ..core.notfound import or_404
from ..core.problems import problem_rows
from ..organisations.selectors import breadcrumbs
from .forms import UploadForm
from .models import PUBLISHED, FrameworkVersion
from .selectors import (
    framework_of,
    get_version,
    is_provisional,
    provisional_reason,
    status_name,
    version_in_use,
    versions_of_year,
    years_overview,
)
from .services import REFUSED, publish_version, restore_shipped, upload_version


def _require_admin(request: ScopedRequest) -> None:
    if not request.scope.is_admin:
        raise PermissionDenied(REFUSED)


def frameworks(request: ScopedRequest) -> HttpResponse:
    """Every year: the version in use (shipped or published, by whom and when), its status, drafts waiting."""
    return render(
        request,
        "frameworks/index.html",
        {
            "rows": years_overview(),
            "is_admin": request.scope.is_admin,
        },
    )


def upload(request: ScopedRequest) -> HttpResponse:
    _require_admin(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    problems: list[dict[str, Any]] = []
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        try:
            version = upload_version(
                actor=request.user,
                year=form.cleaned_data["year"],
                data=upload_file.read(),
                filename=upload_file.name,
                note=form.cleaned_data["note"],
            )
        except InputError as exc:
            problems = problem_rows(exc.problems)
        else:
            messages.success(
                request, f"ตรวจไฟล์แล้ว เก็บเป็นร่าง {version.label} ของปี {version.year} ยังไม่ใช้จนกว่าจะกดประกาศใช้"
            )
            return redirect("framework_version", version_id=version.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "frameworks/upload.html", {"form": form, "problems": problems}, status=status)


def _version(version_id: int) -> FrameworkVersion:
    found = or_404(get_version(version_id), "ไม่พบกรอบการประเมินฉบับนี้")
    return found


def version(request: ScopedRequest, version_id: int) -> HttpResponse:
    """One version: where it came from, its status, and its diff against the version the year uses now."""
    found = _version(version_id)
    fw = framework_of(found, found.year)
    current = version_in_use(found.year)
    in_use = framework_for(found.year) if found.year in available_years() else None
    diff = None
    if found.state != PUBLISHED and in_use is not None:
        diff = diff_frameworks(in_use, fw)
    return render(
        request,
        "frameworks/version.html",
        {
            "version": found,
            "fw": fw,
            "status_name": status_name(found.framework_status),
            "provisional": is_provisional(fw),
            "reason": provisional_reason(fw) if is_provisional(fw) else "",
            "current": current,
            "diff": diff,
            "in_use_provisional": bool(in_use and is_provisional(in_use)),
            "is_admin": request.scope.is_admin,
            "versions": versions_of_year(found.year),
            "item_count": len(fw.items_of_tool("OIT")),
        },
    )


@require_POST
def publish(request: ScopedRequest, version_id: int) -> HttpResponse:
    _require_admin(request)
    found = _version(version_id)
    try:
        outcome = publish_version(actor=request.user, version=found)
    except InputError as exc:
        messages.error(request, exc.problems[0].message)
        return redirect("framework_version", version_id=found.pk)
    text = f"ประกาศใช้กรอบปี {found.year} {outcome.version.label} แล้ว"
    if outcome.carried_from_provisional:
        dropped = sum(len(b["dropped"]) for b in outcome.boards) + sum(len(p["dropped"]) for p in outcome.plans)
        text += f" ยกกระดาน OIT {len(outcome.boards)} กระดาน และแผน {len(outcome.plans)} แผน มาตามประเด็นแล้ว" + (
            f" มี {dropped} รายการที่ยกมาไม่ได้ (ดูรายการด้านล่าง)" if dropped else ""
        )
    messages.success(request, text)
    return redirect("framework_version", version_id=found.pk)


@require_POST
def shipped(request: ScopedRequest, year: int) -> HttpResponse:
    """Go back to the framework shipped with the program for `year` (kept as a version, published)."""
    _require_admin(request)
    try:
        outcome = restore_shipped(actor=request.user, year=year)
    except InputError as exc:
        messages.error(request, exc.problems[0].message)
        return redirect("frameworks")
    messages.success(request, f"ปี {year} กลับไปใช้ฉบับที่มากับโปรแกรมแล้ว ({outcome.version.label})")
    return redirect("framework_version", version_id=outcome.version.pk)


def download(request: ScopedRequest, version_id: int) -> HttpResponse:
    found = _version(version_id)
    return attachment(
        found.content.encode("utf-8"),
        content_type="application/yaml; charset=utf-8",
        filename=f"fy{found.year}-v{found.number}.yaml",
    )


def rescore(request: ScopedRequest, assessment_id: int) -> HttpResponse:
    """The result scored again with the year's framework in use: old and new figures first, saved on POST."""
    scope = request.scope
    record = or_404(get_visible_assessment(scope, assessment_id), "ไม่พบผลการประเมิน")
    if not scope.can_write_results(record.organisation):
        raise PermissionDenied("บทบาทของท่านดูผลได้อย่างเดียว")
    problems: list[dict[str, Any]] = []
    if request.method == "POST":
        try:
            rescore_assessment(actor=request.user, record=record, expected_sha256=request.POST.get("sha256", ""))
        except InputError as exc:
            problems = problem_rows(exc.problems)
        else:
            messages.success(request, f"คำนวณผลปี {record.year} ใหม่ด้วยกรอบการประเมินที่ใช้อยู่และบันทึกแล้ว")
            return redirect("assessment", assessment_id=record.pk)
    preview = None
    if not problems:
        try:
            preview = rescore_preview(record)
        except InputError as exc:
            problems = problem_rows(exc.problems)
    return render(
        request,
        "frameworks/rescore.html",
        {
            "record": record,
            "org": record.organisation,
            "preview": preview,
            "problems": problems,
            "crumbs": breadcrumbs(scope, record.organisation),
            "old_version": record.framework_version,
        },
        status=400 if problems else 200,
    )
