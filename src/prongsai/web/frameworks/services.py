"""Writes of framework versions: upload a draft (validated, nothing stored on an error) and publish it. Only a
system administrator may do either; each runs in one transaction with its audit record."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from ...frameworkfile import framework_to_yaml, read_framework_bytes
from ...ita.library import shipped_years
from ...ita.problems import InputError, Problem
from ..accounts.selectors import scope_of
from ..assessments.services import bump_results_version
from ..audit.services import record_change
from ..core.actors import acting_user
from .models import DRAFT, PUBLISHED, SHIPPED, SUPERSEDED, UPLOAD, FrameworkVersion
from .selectors import framework_of, is_provisional, shipped_sha256, shipped_text, version_in_use

REFUSED = "เฉพาะผู้ดูแลระบบเท่านั้นที่นำเข้าและประกาศใช้กรอบการประเมินได้"
MAX_UPLOAD = 5 * 1024 * 1024


def _require_admin(actor: object | None) -> None:
    if actor is not None and not scope_of(actor).is_admin:
        raise PermissionDenied(REFUSED)


def _summary(version: FrameworkVersion) -> dict[str, Any]:
    return {
        "year": version.year,
        "number": version.number,
        "filename": version.filename,
        "sha256": version.sha256,
        "framework_status": version.framework_status,
        "state": version.state,
    }


@transaction.atomic
def upload_version(*, actor: object | None, year: int, data: bytes, filename: str, note: str = "") -> FrameworkVersion:
    """A draft version of `year` from an uploaded YAML or XLSX file, checked by the project's own reader.

    InputError (Thai, with sheet/row/column) when the file is not a valid framework of that year; nothing is
    stored then. The same file uploaded again for the year gives back the version already kept.
    """
    _require_admin(actor)
    if len(data) > MAX_UPLOAD:
        raise InputError(
            [
                Problem(
                    f"ไฟล์ใหญ่เกิน {MAX_UPLOAD // (1024 * 1024)} MB",
                    file=filename,
                    expected="ไฟล์กรอบการประเมินขนาดไม่เกินที่กำหนด",
                )
            ]
        )
    framework = read_framework_bytes(data, filename=filename)
    if framework.year != year:
        raise InputError(
            [
                Problem(
                    f"ไฟล์เป็นกรอบการประเมินของปี {framework.year} แต่เลือกปี {year}",
                    file=filename,
                    column="year",
                    expected=f"year: {year}",
                )
            ]
        )
    digest = hashlib.sha256(data).hexdigest()
    same = FrameworkVersion.objects.filter(year=year, sha256=digest).first()
    if same is not None:
        return same
    content = framework_to_yaml(framework)
    number = (FrameworkVersion.objects.select_for_update().filter(year=year).aggregate(n=Max("number"))["n"] or 0) + 1
    status = "provisional" if is_provisional(framework) else framework.status
    version = FrameworkVersion.objects.create(
        year=year,
        number=number,
        origin=UPLOAD,
        filename=filename[:255],
        sha256=digest,
        content=content,
        framework_status=status,
        note=note,
        state=DRAFT,
        uploaded_by=acting_user(actor),
    )
    record_change(
        actor=actor, action="framework.upload", obj=version, organisation=None, before=None, after=_summary(version)
    )
    return version


@dataclass
class Published:
    """What publishing did: the version now in use, the one it replaced, and the carry-over of boards and plans
    when an official list replaced a provisional one (each entry lists what could not be carried)."""

    version: FrameworkVersion
    replaced: FrameworkVersion | None
    carried_from_provisional: bool
    boards: list[dict[str, Any]] = field(default_factory=list)
    plans: list[dict[str, Any]] = field(default_factory=list)


@transaction.atomic
def publish_version(*, actor: object | None, version: FrameworkVersion) -> Published:
    """Make `version` the one its year uses from now on; the version it replaces is kept as superseded.

    Every cached figure and page is invalidated (the results version changes in the same transaction). When the
    year used a provisional framework and this one is not, the year's OIT boards and plans are carried to it by
    topic (oitboard and plans services); what could not be carried is kept in `carry_notes` and returned.
    """
    _require_admin(actor)
    version = FrameworkVersion.objects.select_for_update().get(pk=version.pk)
    if version.state == PUBLISHED:
        raise InputError([Problem(f"กรอบปี {version.year} {version.label} ใช้อยู่แล้ว")])
    current = version_in_use(version.year)
    old_fw = framework_of(current, version.year) if current or version.year in shipped_years() else None
    new_fw = framework_of(version, version.year)
    if current is not None:
        current.state = SUPERSEDED
        current.replaced_at = timezone.now()
        current.save(update_fields=["state", "replaced_at"])
    version.state = PUBLISHED
    version.published_by = acting_user(actor)
    version.published_at = timezone.now()
    version.save(update_fields=["state", "published_by", "published_at"])
    outcome = Published(version, current, bool(old_fw and is_provisional(old_fw) and not is_provisional(new_fw)))
    if outcome.carried_from_provisional and old_fw is not None:
        from ..oitboard.models import OitBoard
        from ..oitboard.services import carry_board_to_framework
        from ..plans.models import Plan
        from ..plans.services import carry_plan_to_framework

        for board in OitBoard.objects.filter(year=version.year).select_related("organisation"):
            outcome.boards.append(carry_board_to_framework(actor=actor, board=board, old=old_fw, new=new_fw))
        for plan in Plan.objects.filter(assessed_year=version.year).select_related("organisation"):
            outcome.plans.append(carry_plan_to_framework(actor=actor, plan=plan, old=old_fw, new=new_fw))
        version.carry_notes = {"boards": outcome.boards, "plans": outcome.plans}
        version.save(update_fields=["carry_notes"])
    bump_results_version()
    record_change(
        actor=actor,
        action="framework.publish",
        obj=version,
        organisation=None,
        before=_summary(current) if current else {"year": version.year, "shipped": True},
        after={**_summary(version), "boards": len(outcome.boards), "plans": len(outcome.plans)},
    )
    return outcome


@transaction.atomic
def restore_shipped(*, actor: object | None, year: int) -> Published:
    """Go back to the shipped framework of `year`: kept as a version of origin "shipped" (so the history reads who
    went back and when) and published like any other. InputError when the year already uses the shipped file."""
    _require_admin(actor)
    digest = shipped_sha256(year)
    if not digest:
        raise InputError([Problem(f"โปรแกรมไม่มีกรอบการประเมินของปี {year}")])
    if version_in_use(year) is None:
        raise InputError([Problem(f"ปี {year} ใช้ฉบับที่มากับโปรแกรมอยู่แล้ว")])
    version = FrameworkVersion.objects.filter(year=year, sha256=digest).first()
    if version is None:
        framework = framework_of(None, year)
        number = (
            FrameworkVersion.objects.select_for_update().filter(year=year).aggregate(n=Max("number"))["n"] or 0
        ) + 1
        version = FrameworkVersion.objects.create(
            year=year,
            number=number,
            origin=SHIPPED,
            filename=f"fy{year}.yaml",
            sha256=digest,
            content=shipped_text(year),
            framework_status=framework.status,
            state=DRAFT,
            uploaded_by=acting_user(actor),
            note="ฉบับที่มากับโปรแกรม",
        )
    return publish_version(actor=actor, version=version)
