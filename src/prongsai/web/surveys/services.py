"""Writes of survey rounds: opening (agency administrators), anonymous answering, closing (which freezes the round
and its scores). Every write is atomic; opening and closing are audited, answers are not (they are anonymous)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ...ita.library import framework_for
from ...ita.numbers import round2
from ...ita.problems import InputError
from ...ita.survey import answer_value
from ...ita.survey_form import survey_form
from ..accounts.selectors import scope_of
from ..accounts.users import signed_in_user
from ..audit.services import record_change
from ..organisations.models import Organisation
from .models import CLOSED, GROUPS, OPEN, SurveyResponse, SurveyRound
from .selectors import form_of, score_round

MAX_COMMENT = 2000


def _require_manage(actor: object | None, org: Organisation) -> None:
    if actor is not None and not scope_of(actor).can_manage_org(org):
        raise PermissionDenied("เฉพาะผู้ดูแลหน่วยงานเท่านั้นที่เปิดหรือปิดรอบแบบสำรวจได้")


def _summary(survey: SurveyRound) -> dict[str, Any]:
    return {
        "year": survey.year,
        "tool": survey.tool,
        "status": survey.status,
        "target": survey.target,
        "respondents": survey.respondents,
        "assume_scale": survey.assume_scale,
    }


@transaction.atomic
def open_round(
    *,
    actor: object | None,
    organisation: Organisation,
    year: int,
    tool: str,
    target: int | None = None,
    assume_scale: str = "",
    free_text: bool = False,
) -> SurveyRound:
    """Open a round; ValidationError (Thai) when a round of the tool and year is open already, or the year's
    framework lacks a question's text or scale (the problems are listed)."""
    _require_manage(actor, organisation)
    if organisation.kind != "agency":
        raise ValidationError("เปิดแบบสำรวจได้เฉพาะหน่วยงานที่รับการประเมิน")
    if tool not in GROUPS:
        raise ValidationError("แบบวัดต้องเป็น IIT หรือ EIT")
    if target is not None and not 1 <= target <= 100_000:
        raise ValidationError("จำนวนผู้ตอบเป้าหมายต้องอยู่ระหว่าง 1 ถึง 100,000")
    try:
        survey_form(framework_for(year), tool, assume_scale or None)
    except InputError as exc:
        raise ValidationError([p.render() for p in exc.problems]) from None
    if SurveyRound.objects.filter(organisation=organisation, year=year, tool=tool, status=OPEN).exists():
        raise ValidationError(f"มีรอบแบบสำรวจ {tool} ปี {year} ที่เปิดอยู่แล้ว ปิดรอบเดิมก่อนเปิดรอบใหม่")
    survey = SurveyRound.objects.create(
        organisation=organisation,
        org_path=organisation.path,
        year=year,
        tool=tool,
        public_id=secrets.token_urlsafe(18)[:24],
        salt=secrets.token_hex(32),
        target=target,
        assume_scale=assume_scale,
        free_text=free_text,
        opened_by=signed_in_user(actor),
    )
    record_change(
        actor=actor, action="survey.open", obj=survey, organisation=organisation, before=None, after=_summary(survey)
    )
    return survey


def repeat_key(survey: SurveyRound, browser: str, day: dt.date) -> str:
    """A keyed hash of the browser's random cookie and the day: the same browser gets the same key that day only,
    and without the round's secret salt the key cannot be linked to the cookie."""
    return hmac.new(survey.salt.encode(), f"{day.isoformat()}:{browser}".encode(), hashlib.sha256).hexdigest()


def submit_response(
    *,
    survey: SurveyRound,
    answers: Mapping[str, str],
    browser: str,
    group: str = "",
    comment: str = "",
    day: dt.date | None = None,
) -> SurveyResponse:
    """Store one anonymous response; ValidationError (Thai) for a closed round, a missing or unknown answer, or a
    second response from the same browser on the same day."""
    day = day or timezone.localdate()
    form = form_of(survey)
    fields = {f.label: f for q in form for f in q.fields}
    missing = [label for label in fields if not str(answers.get(label, "")).strip()]
    if missing:
        raise ValidationError(f"ยังไม่ได้ตอบข้อ {', '.join(missing)}")
    clean: dict[str, str] = {}
    for label, field in fields.items():
        answer = str(answers[label]).strip()
        if answer not in field.answers or answer_value(field.scale, answer) is None:
            raise ValidationError(f"คำตอบของข้อ {label} ไม่ใช่ตัวเลือกของแบบสำรวจ")
        clean[label] = answer
    if group and group not in {key for key, _ in GROUPS[survey.tool]}:
        raise ValidationError("กลุ่มผู้ตอบไม่ถูกต้อง")
    if not survey.free_text:
        comment = ""
    if len(comment) > MAX_COMMENT:
        raise ValidationError(f"ข้อเสนอแนะยาวได้ไม่เกิน {MAX_COMMENT:,} ตัวอักษร")
    if not browser:
        raise ValidationError("เบราว์เซอร์ไม่ได้ส่งคุกกี้ของแบบสำรวจ กรุณาเปิดหน้าแบบสำรวจใหม่แล้วตอบอีกครั้ง")
    try:
        with transaction.atomic():
            locked = SurveyRound.objects.select_for_update().get(pk=survey.pk)
            if locked.status != OPEN:
                raise ValidationError("แบบสำรวจรอบนี้ปิดรับคำตอบแล้ว")
            return SurveyResponse.objects.create(
                round=locked,
                answers=clean,
                group=group,
                comment=comment.strip(),
                submitted_on=day,
                repeat_key=repeat_key(locked, browser, day),
            )
    except IntegrityError:
        raise ValidationError("เบราว์เซอร์นี้ส่งคำตอบของรอบนี้ไปแล้ววันนี้ ขอบคุณที่ร่วมตอบ") from None


@transaction.atomic
def close_round(*, actor: object | None, survey: SurveyRound) -> SurveyRound:
    """Close a round for good: no response can be added or changed afterwards; the scores are computed once, by
    the same code as `prongsai survey score`, and kept with the round."""
    _require_manage(actor, survey.organisation)
    locked = SurveyRound.objects.select_for_update().get(pk=survey.pk)
    if locked.status != OPEN:
        raise ValidationError("รอบนี้ปิดไปแล้ว")
    before = _summary(locked)
    scores = score_round(locked)
    locked.status = CLOSED
    locked.closed_at = timezone.now()
    locked.closed_by = signed_in_user(actor)
    locked.respondents = scores.respondents if scores else 0
    locked.scores = {q.code: round2(q.score) for q in scores.questions if q.score is not None} if scores else {}
    locked.notes = scores.warnings if scores else []
    locked.save()
    record_change(
        actor=actor,
        action="survey.close",
        obj=locked,
        organisation=locked.organisation,
        before=before,
        after=_summary(locked),
    )
    return locked
