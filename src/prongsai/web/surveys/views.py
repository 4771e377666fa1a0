"""Survey pages: the agency's rounds (open, follow, close, export), the QR code and poster, and the public answer
form that respondents reach without an account."""

from __future__ import annotations

import secrets
import time
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ...ita.library import available_years
from ...ita.numbers import round2
from ...ita.problems import InputError
from ..accounts.middleware import ScopedRequest
from ..core.downloads import attachment, download_name, table_download
from ..core.notfound import agency_or_404, or_404
from ..frameworks.selectors import year_pass_mark
from ..organisations.selectors import breadcrumbs
from ..report_downloads.services import CONTENT_TYPES
from .exports import responses_table, scores_table
from .forms import AnswerForm, OpenRoundForm
from .models import SurveyRound
from .poster import poster_pdf, qr_png
from .selectors import form_of, get_visible_round, group_lines, response_count, rounds_of, score_round
from .services import close_round, open_round, submit_response

COOKIE = "prongsai_survey"


def _round(request: ScopedRequest, round_id: int) -> SurveyRound:
    survey = or_404(get_visible_round(request.scope, round_id), "ไม่พบรอบแบบสำรวจ")
    return survey


def public_url(request: ScopedRequest, survey: SurveyRound) -> str:
    """The respondents' link, on the host the administrator reached the system by (the one the public reaches)."""
    return request.build_absolute_uri(reverse("survey_public", args=[survey.public_id]))


def agency_surveys(request: ScopedRequest, org_id: int) -> HttpResponse:
    scope = request.scope
    org = agency_or_404(scope, org_id, "แบบสำรวจมีเฉพาะหน่วยงานที่รับการประเมิน")
    can_manage = scope.can_manage_org(org)
    form = OpenRoundForm(request.POST or None, years=list(reversed(available_years())))
    problems: list[str] = []
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied("เฉพาะผู้ดูแลหน่วยงานเท่านั้นที่เปิดรอบแบบสำรวจได้")
        if form.is_valid():
            data = form.cleaned_data
            try:
                survey = open_round(
                    actor=request.user,
                    organisation=org,
                    year=data["year"],
                    tool=data["tool"],
                    target=data["target"],
                    assume_scale="likert4" if data["assume_scale"] else "",
                    free_text=data["free_text"],
                )
            except ValidationError as exc:
                problems = exc.messages
            else:
                messages.success(request, f"เปิดรอบแบบสำรวจ {survey.tool} ปี {survey.year} แล้ว")
                return redirect("survey_round", round_id=survey.pk)
    rounds = rounds_of(scope, org)
    counts = {r.pk: r.respondents if not r.is_open else response_count(r) for r in rounds}
    return render(
        request,
        "surveys/index.html",
        {
            "org": org,
            "crumbs": breadcrumbs(scope, org),
            "rounds": [(r, counts[r.pk]) for r in rounds],
            "form": form,
            "can_manage": can_manage,
            "problems": problems,
        },
        status=400 if problems else 200,
    )


def round_page(request: ScopedRequest, round_id: int) -> HttpResponse:
    scope = request.scope
    survey = _round(request, round_id)
    count = response_count(survey) if survey.is_open else survey.respondents
    scores = None
    if survey.is_open:
        live = score_round(survey)
        scores = {q.code: q.score for q in live.questions if q.score is not None} if live else {}
    questions = form_of_safe(survey)
    return render(
        request,
        "surveys/round.html",
        {
            "survey": survey,
            "org": survey.organisation,
            "crumbs": breadcrumbs(scope, survey.organisation),
            "count": count,
            "url": public_url(request, survey),
            "can_manage": scope.can_manage_org(survey.organisation),
            "scores": survey.scores if not survey.is_open else scores,
            "questions": questions,
            "groups": group_lines(survey),
            "share": round2(count / survey.target * 100) if survey.target else None,
            "pass_mark": year_pass_mark(survey.year),
        },
    )


def form_of_safe(survey: SurveyRound) -> list[Any]:
    try:
        return form_of(survey)
    except InputError:
        return []  # the framework changed since the round opened; the page still shows the stored scores


@require_POST
def round_close(request: ScopedRequest, round_id: int) -> HttpResponse:
    survey = _round(request, round_id)
    try:
        closed = close_round(actor=request.user, survey=survey)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"ปิดรอบแล้ว มีผู้ตอบ {closed.respondents} คน คะแนนถูกบันทึกเป็นผลประเมินตนเอง")
    return redirect("survey_round", round_id=survey.pk)


def round_qr(request: ScopedRequest, round_id: int) -> HttpResponse:
    survey = _round(request, round_id)
    return attachment(
        qr_png(public_url(request, survey)),
        content_type="image/png",
        filename=_download_name(survey, "คิวอาร์โค้ด", "png"),
    )


def round_poster(request: ScopedRequest, round_id: int) -> HttpResponse:
    survey = _round(request, round_id)
    pdf = poster_pdf(
        agency=survey.organisation.name, year=survey.year, tool=survey.tool, url=public_url(request, survey)
    )
    return attachment(pdf, content_type=CONTENT_TYPES["pdf"], filename=_download_name(survey, "โปสเตอร์", "pdf"))


def _download_name(survey: SurveyRound, what: str, ext: str) -> str:
    """`ITA-2570-อบจ.อ่างทอง-แบบสำรวจIIT-โปสเตอร์.pdf`: agency, year and kind, as every other download is named."""
    return download_name(
        year=survey.year, agency=survey.organisation.name, kind=f"แบบสำรวจ{survey.tool}-{what}", ext=ext
    )


def round_export(request: ScopedRequest, round_id: int, fmt: str) -> HttpResponse:
    """Every response (answers, group, day; nothing else is kept) and, in the workbook, the question scores."""
    survey = _round(request, round_id)
    sheets = [("คำตอบ", responses_table(survey, form_of_safe(survey))), ("คะแนนรายข้อ", scores_table(survey))]
    return table_download(sheets, fmt, name=_download_name(survey, f"คำตอบ-รอบ{survey.pk}", ""))


def _flooded(survey: SurveyRound) -> bool:
    """More answers to this round in this minute than any real survey sends: a flood, refused for a minute."""
    limit = getattr(settings, "PRONGSAI_SURVEY_RATE_PER_MINUTE", 600)
    key = f"survey-rate:{survey.pk}:{int(time.time() // 60)}"
    cache.add(key, 0, 120)
    try:
        return cache.incr(key) > limit
    except ValueError:
        return False


@login_not_required
def public_form(request: ScopedRequest, public_id: str) -> HttpResponse:
    """The respondent's page: no login, no account, nothing about the respondent kept but a daily repeat key."""
    from .selectors import round_by_public_id

    survey = or_404(round_by_public_id(public_id), "ไม่พบแบบสำรวจ")
    context: dict[str, object] = {"survey": survey, "org_name": survey.organisation.name}
    if not survey.is_open:
        return render(request, "surveys/public_closed.html", context, status=410 if request.method == "POST" else 200)
    questions = form_of_safe(survey)
    form = AnswerForm(request.POST or None, questions=questions, tool=survey.tool, free_text=survey.free_text)
    browser = request.COOKIES.get(COOKIE) or ""
    status = 200
    if request.method == "POST":
        if _flooded(survey):
            context["problem"] = "มีผู้ส่งคำตอบพร้อมกันจำนวนมาก กรุณารอสักครู่แล้วกดส่งอีกครั้ง"
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            answers = {k: v for k, v in data.items() if k not in ("group", "comment")}
            try:
                submit_response(
                    survey=survey,
                    answers=answers,
                    browser=browser,
                    group=data.get("group", ""),
                    comment=data.get("comment", ""),
                )
            except ValidationError as exc:
                context["problem"] = " ".join(exc.messages)
                status = 409
            else:
                return render(request, "surveys/public_thanks.html", context)
        else:
            context["problem"] = "ยังตอบไม่ครบทุกข้อ ข้อที่ยังไม่ได้ตอบมีข้อความสีแดงกำกับ"
            status = 400
    context.update({"form": form, "total": sum(len(q.fields) for q in questions)})
    response = render(request, "surveys/public_form.html", context, status=status)
    if not browser:
        response.set_cookie(
            COOKIE,
            secrets.token_urlsafe(24),
            max_age=60 * 60 * 24 * 400,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response
