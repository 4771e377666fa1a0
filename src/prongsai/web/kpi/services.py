"""Writes of the driving KPI: mark one criterion met or not with its evidence, all-or-nothing and audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from ...ita.kpi import criterion as find_criterion
from ..accounts.selectors import scope_of
from ..audit.services import record_change
from ..core.concurrency import EditConflict, changes, claim
from ..organisations.models import Organisation
from .models import DrivingKpi, KpiCheck
from .selectors import FIRST_YEAR, current_year, year_allowed

NOTE_MAX = 2000
LINKS_MAX = 10
LINK_MAX = 500
LINK_EXAMPLE = "https://www.example.go.th/ita/plan.pdf"
_URL = URLValidator(schemes=["http", "https"])


def clean_links(text: str) -> list[str]:
    """Evidence links typed one per line: blank lines dropped, each an http(s) address; every bad line is named."""
    lines = [(number, line.strip()) for number, line in enumerate(text.splitlines(), start=1)]
    links = [(number, line) for number, line in lines if line]
    errors = []
    for number, link in links:
        try:
            if len(link) > LINK_MAX:
                raise ValidationError("too long")
            _URL(link)
        except ValidationError:
            shown = link if len(link) <= 60 else link[:57] + "..."
            errors.append(
                f"บรรทัดที่ {number} “{shown}” ไม่ใช่ที่อยู่เว็บที่ใช้ได้ ต้องขึ้นต้นด้วย http:// หรือ "
                f"https:// และยาวไม่เกิน {LINK_MAX} ตัวอักษร เช่น {LINK_EXAMPLE}"
            )
    if len(links) > LINKS_MAX:
        errors.append(f"ใส่ลิงก์ได้ไม่เกิน {LINKS_MAX} รายการ (ใส่มา {len(links)} รายการ)")
    if errors:
        raise ValidationError(errors)
    return [link for _, link in links]


def check_shown(check: KpiCheck | None) -> dict[str, str]:
    """What a criterion's form shows, by Thai label: the snapshot it carries (core/concurrency.py)."""
    if check is None:
        return {"ดำเนินการแล้ว": "ยังไม่ดำเนินการ", "บันทึกหลักฐาน": "", "ลิงก์หลักฐาน": ""}
    return {
        "ดำเนินการแล้ว": "ดำเนินการแล้ว" if check.met else "ยังไม่ดำเนินการ",
        "บันทึกหลักฐาน": check.note,
        "ลิงก์หลักฐาน": " ".join(check.links),
    }


def _state(check: KpiCheck | None) -> dict[str, Any] | None:
    if check is None:
        return None
    return {
        "criterion": check.criterion,
        "year": check.kpi.year,
        "met": check.met,
        "note": check.note,
        "links": list(check.links),
    }


@transaction.atomic
def mark_criterion(
    *,
    actor: Any,
    organisation: Organisation,
    year: int,
    criterion: str,
    met: bool,
    note: str = "",
    links: list[str] | None = None,
    version: int | None = None,
    seen: dict[str, str] | None = None,
) -> KpiCheck:
    """Record whether one criterion of the organisation's checklist of `year` is met, with its evidence.

    Raises PermissionDenied for someone who may not edit this KPI and ValidationError (per field, in Thai) for a
    criterion, year, note or link that cannot be kept; nothing is written then. A criterion can be marked met
    only with evidence (a note or a link). The checklist of a year is created by its first saved criterion.
    `actor` None is the system (demo data). `version` is the criterion's version the form was opened at (0: it
    had not been recorded yet): a change saved from an older form raises EditConflict naming what changed since
    `seen`, and nothing is written.
    """
    if actor is not None and not scope_of(actor).can_edit_work(organisation):
        raise PermissionDenied("ไม่มีสิทธิ์แก้ไขตัวชี้วัดของหน่วยงานนี้")
    known = find_criterion(criterion)
    if known is None:
        raise ValidationError({"criterion": "ไม่พบเกณฑ์นี้ในตัวชี้วัด"})
    today = timezone.localdate()
    if not year_allowed(year, today):
        raise ValidationError({"year": f"ปีงบประมาณต้องอยู่ระหว่าง {FIRST_YEAR} ถึง {current_year(today) + 1}"})
    note = note.strip()
    links = clean_links("\n".join(links or []))
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": f"บันทึกหลักฐานยาวได้ไม่เกิน {NOTE_MAX} ตัวอักษร (ตอนนี้ {len(note)})"})
    if met and not note and not links:
        raise ValidationError({"met": "ก่อนทำเครื่องหมายว่าดำเนินการแล้ว กรุณาระบุหลักฐานอย่างน้อยหนึ่งอย่าง (บันทึกหรือลิงก์)"})
    kpi, _ = DrivingKpi.objects.get_or_create(organisation=organisation, year=year)
    check = KpiCheck.objects.select_for_update().filter(kpi=kpi, criterion=known.key).first()
    before = _state(check)
    if check is None:
        check = KpiCheck(kpi=kpi, criterion=known.key)
    elif (check.met, check.note, list(check.links)) == (met, note, links):
        return check  # nothing changed: no write, no audit event
    what = f'เกณฑ์ระดับ {known.level} "{known.text[:40]}"'
    if check.pk is None and version:
        raise EditConflict(what, changes(seen or {}, check_shown(None)))
    if check.pk is not None:
        if version == 0:
            raise EditConflict(what, changes(seen or {}, check_shown(check)))
        pk = check.pk
        claim(KpiCheck, pk, version, what=what, seen=seen or {}, now=lambda: check_shown(KpiCheck.objects.get(pk=pk)))
        check.refresh_from_db(fields=["version"])
    person = actor if getattr(actor, "is_authenticated", False) else None
    if met and not check.met:
        check.met_by, check.met_at = person, timezone.now()
    elif not met:
        check.met_by, check.met_at = None, None
    check.met, check.note, check.links, check.updated_by = met, note, links, person
    check.save()
    record_change(
        actor=actor, action="kpi.criterion", obj=check, organisation=organisation, before=before, after=_state(check)
    )
    return check


@transaction.atomic
def mark_criteria(*, actor: Any, organisation: Organisation, year: int, marks: list[dict[str, Any]]) -> list[KpiCheck]:
    """Several criteria of the checklist page at once, all or nothing (each a dict of mark_criterion's keywords
    from `criterion` on). A ValidationError names its criterion in `error.criterion`."""
    saved = []
    for mark in marks:
        try:
            saved.append(mark_criterion(actor=actor, organisation=organisation, year=year, **mark))
        except ValidationError as exc:
            exc.criterion = mark["criterion"]  # type: ignore[attr-defined]
            raise
    return saved
