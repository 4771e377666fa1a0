"""Writes of whole OIT boards: a new board, its website administrator, its links checked, the roll-over to the
next year and its items carried to a corrected framework. Each checks the actor and records an audit event."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from ...evidence.link_address import LinkPolicy
from ...evidence.links import check_links_within
from ...ita.library import framework_for
from ...ita.model import Framework
from ...ita.oit_board import (
    NOT_STARTED,
    BoardUnavailable,
    RollPlan,
    board_template,
    board_template_for_year,
    roll_plan,
    shift_year,
)
from ...ita.rollover import map_codes
from ..accounts.models import Membership
from ..audit.services import record_change
from ..core.actors import acting_user
from ..organisations.models import Kind, Organisation
from .models import EvidenceLink, OitBoard, OitItem
from .service_helpers import check_assignee, require_edit


@transaction.atomic
def create_board(*, actor: object | None, organisation: Organisation, year: int) -> OitBoard:
    """A board of every OIT item of the year's framework, all not started and unassigned.

    ValidationError with the Thai reason when the year's framework has no OIT list or a board exists already.
    """
    if organisation.kind != Kind.AGENCY:
        raise ValidationError("สร้างกระดานได้เฉพาะของหน่วยงาน")
    require_edit(actor, organisation)
    try:
        template = board_template_for_year(year)
    except BoardUnavailable as exc:
        raise ValidationError(exc.message) from exc
    if OitBoard.objects.filter(organisation=organisation, year=year).exists():
        raise ValidationError(f"หน่วยงานนี้มีกระดานเตรียมข้อมูล OIT ของปี {year} แล้ว")
    board = OitBoard.objects.create(
        organisation=organisation, year=year, created_by=acting_user(actor), notices=list(template.notices)
    )
    OitItem.objects.bulk_create(
        OitItem(
            board=board,
            position=n,
            code=i.code,
            title=(i.title or "")[:500],
            topic=i.topic,
            sub_indicator=i.sub_indicator,
            sub_indicator_name=i.sub_indicator_name,
        )
        for n, i in enumerate(template.items)
    )
    record_change(
        actor=actor,
        action="oit.board.create",
        obj=board,
        organisation=organisation,
        before=None,
        after={"year": year, "items": len(template.items)},
    )
    return board


@transaction.atomic
def set_webmaster(*, actor: object | None, board: OitBoard, user: Any) -> OitBoard:
    """Name the member who puts the approved items on the agency's website (None: nobody yet)."""
    require_edit(actor, board.organisation)
    check_assignee(board, user)
    board = OitBoard.objects.select_for_update().get(pk=board.pk)
    before = board.webmaster_id
    board.webmaster = user
    board.save(update_fields=["webmaster"])
    record_change(
        actor=actor,
        action="oit.board.webmaster",
        obj=board,
        organisation=board.organisation,
        before={"webmaster": before},
        after={"webmaster": getattr(user, "pk", None)},
    )
    return board


@dataclass(frozen=True)
class CheckSummary:
    checked: int
    ok: int
    broken: int
    late: int  # not reached within the time bound; checked first next time


def check_board_links(
    *,
    actor: object | None,
    board: OitBoard,
    timeout: float | None = None,
    concurrency: int | None = None,
    budget: float | None = None,
) -> CheckSummary:
    """Open every evidence link of the board (each distinct URL once) within a hard overall time bound, then record
    status, content type, final address and time per link in one transaction.

    Not one atomic function on purpose: the fetching happens before the transaction, so no database lock is held
    while websites answer. Permission is checked before anything is fetched.
    """
    require_edit(actor, board.organisation)
    timeout = settings.OIT_LINK_TIMEOUT if timeout is None else timeout
    concurrency = settings.OIT_LINK_CONCURRENCY if concurrency is None else concurrency
    budget = settings.OIT_LINK_BUDGET if budget is None else budget
    from .selectors import links_to_check

    links = links_to_check(board)
    urls = list(dict.fromkeys(link.url for link in links))
    policy = LinkPolicy.from_settings(settings.LINKCHECK_ALLOW_HOSTS, settings.LINKCHECK_PORTS)  # never private
    results, late = check_links_within(
        [("", u) for u in urls], budget=budget, timeout=timeout, concurrency=concurrency, policy=policy
    )
    return _record_checks(actor=actor, board=board, results={r.url: r for r in results}, late=len(late))


@transaction.atomic
def _record_checks(*, actor: object | None, board: OitBoard, results: dict[str, Any], late: int) -> CheckSummary:
    ok = broken = 0
    for link in EvidenceLink.objects.select_for_update().filter(item__board=board, url__in=list(results)):
        result = results[link.url]
        link.ok = result.ok
        link.http_status = result.status
        link.content_type = (result.content_type or "")[:255]
        link.final_url = (result.final_url or "")[:2000]
        link.note = result.note[:255]
        link.elapsed_ms = result.elapsed_ms
        link.checked_at = dt.datetime.fromisoformat(result.checked_at)
        link.save(update_fields=["ok", "http_status", "content_type", "final_url", "note", "elapsed_ms", "checked_at"])
        ok += result.ok
        broken += not result.ok
    summary = CheckSummary(checked=ok + broken, ok=ok, broken=broken, late=late)
    record_change(
        actor=actor,
        action="oit.links.check",
        obj=board,
        organisation=board.organisation,
        before=None,
        after={
            "urls": len(results),
            "ok": sum(r.ok for r in results.values()),
            "broken": sum(not r.ok for r in results.values()),
            "late": late,
        },
    )
    return summary


def roll_preview(board: OitBoard) -> tuple[RollPlan | None, str | None]:
    """What rolling the board over would do, or the Thai reason it cannot be done (nothing is written)."""
    new_year = board.year + 1
    if OitBoard.objects.filter(organisation=board.organisation, year=new_year).exists():
        return None, f"หน่วยงานนี้มีกระดานของปี {new_year} แล้ว การยกยอดจะไม่เขียนทับกระดานที่มีอยู่"
    try:
        template = board_template_for_year(new_year)
    except BoardUnavailable as exc:
        return None, exc.message
    codes = list(board.items.order_by("position").values_list("code", flat=True))
    return roll_plan(codes, framework_for(board.year), template, framework_for(new_year)), None


@transaction.atomic
def roll_over(*, actor: object | None, board: OitBoard) -> tuple[OitBoard, RollPlan]:
    """Next year's board from this one, which is left exactly as it is.

    Items are carried by topic (NACC renumbers them): work group, person and website administrator come along
    (a person who has left the agency does not), due dates move on one year, statuses start again at "not
    started", and last year's links come as hints, not evidence, since this year's documents must be published
    anew. Reviewer comments and link checks stay with last year. Items that cannot be carried are kept on the new
    board's `roll_notes`.
    """
    org = board.organisation
    require_edit(actor, org)
    board = OitBoard.objects.select_for_update().get(pk=board.pk)  # as committed, not as the caller last saw it
    plan, reason = roll_preview(board)
    if plan is None:
        raise ValidationError(reason or "ยกยอดไม่ได้")
    new = create_board(actor=actor, organisation=org, year=plan.new_year)
    members = set(
        Membership.objects.filter(organisation__path__startswith=org.path, user__is_active=True).values_list(
            "user_id", flat=True
        )
    )
    old_items = {i.code: i for i in board.items.select_related("workgroup").prefetch_related("links")}
    new_items = {i.code: i for i in new.items.all()}
    for old_code, code in plan.carried.items():
        old, item = old_items[old_code], new_items[code]
        item.workgroup = old.workgroup if old.workgroup and old.workgroup.parent_id == org.pk else None
        item.assignee_id = old.assignee_id if old.assignee_id in members else None
        item.due = shift_year(old.due) if old.due else None
        item.status = NOT_STARTED
        item.hint_urls = [link.url for link in old.links.all()] or list(old.hint_urls)
        item.save(update_fields=["workgroup", "assignee", "due", "status", "hint_urls", "updated_at"])
    titles = {code: i.title for code, i in old_items.items()}
    new.rolled_from = board
    new.webmaster_id = board.webmaster_id if board.webmaster_id in members else None
    new.roll_notes = {
        "from_year": board.year,
        "carried": plan.carried,
        "dropped": [{"code": c, "title": titles.get(c, ""), "reason": r} for c, r in plan.dropped.items()],
        "new_only": list(plan.new_only),
    }
    new.save(update_fields=["rolled_from", "webmaster", "roll_notes"])
    record_change(
        actor=actor,
        action="oit.board.roll",
        obj=new,
        organisation=org,
        before={"board": board.pk, "year": board.year},
        after={"year": new.year, "carried": len(plan.carried), "dropped": sorted(plan.dropped)},
    )
    return new, plan


RETIRED_PREFIX = "เดิม "


@transaction.atomic
def carry_board_to_framework(
    *, actor: object | None, board: OitBoard, old: Framework, new: Framework
) -> dict[str, Any]:
    """Bring a board of the year onto a new version of the year's framework (an official list replacing a
    provisional one), item by topic, as the roll-over does; nothing is lost.

    A carried item keeps everything (work group, person, due date, status, links, history) and takes the new
    code, title and sub-indicator. An item whose topic is not in the new list stays on the board, with its links
    and history, marked with the reason and a code "เดิม O…"; items only the new list has are added, not started.
    Returns what was done, for the administrator: carried {old: new}, dropped [{code, title, reason}], added.
    """
    board = OitBoard.objects.select_for_update().get(pk=board.pk)
    template = board_template(new)
    items = list(board.items.filter(retired_reason=""))
    mapping = map_codes([i.code for i in items], old, new)
    targets = {t.code: (n, t) for n, t in enumerate(template.items)}
    original = {i.pk: i.code for i in items}
    for item in items:  # free every code first: a renumbering may swap two items' codes
        item.code = f"~{item.pk}"
        item.save(update_fields=["code"])
    taken = set(board.items.exclude(pk__in=[i.pk for i in items]).values_list("code", flat=True))
    dropped: list[dict[str, str]] = []
    for item in items:
        code = original[item.pk]
        if code in mapping.carried:
            position, target = targets[mapping.carried[code]]
            item.code, item.title, item.topic = target.code, (target.title or "")[:500], target.topic
            item.sub_indicator, item.sub_indicator_name = target.sub_indicator, target.sub_indicator_name
            item.position = position
        else:
            reason = mapping.dropped.get(code, f"ไม่มีประเด็นนี้ในกรอบการประเมินปี {new.year}")
            retired = RETIRED_PREFIX + code
            while retired in taken or retired in targets:
                retired += "'"
            item.code, item.retired_reason = retired[:16], reason[:500]
            item.position = len(template.items) + len(dropped)
            dropped.append({"code": code, "title": item.title, "reason": reason})
        taken.add(item.code)
        item.save(
            update_fields=[
                "code",
                "title",
                "topic",
                "sub_indicator",
                "sub_indicator_name",
                "position",
                "retired_reason",
                "updated_at",
            ]
        )
    carried_codes = set(mapping.carried.values())
    added = [t for t in template.items if t.code not in carried_codes and t.code not in taken]
    OitItem.objects.bulk_create(
        OitItem(
            board=board,
            position=targets[t.code][0],
            code=t.code,
            title=(t.title or "")[:500],
            topic=t.topic,
            sub_indicator=t.sub_indicator,
            sub_indicator_name=t.sub_indicator_name,
        )
        for t in added
    )
    board.notices = list(template.notices)
    board.save(update_fields=["notices"])
    notes = {
        "board": board.pk,
        "organisation": board.organisation.name,
        "org_id": board.organisation_id,
        "year": board.year,
        "carried": {original[i.pk]: i.code for i in items if not i.retired_reason},
        "dropped": dropped,
        "added": [t.code for t in added],
    }
    record_change(
        actor=actor,
        action="oit.board.carry",
        obj=board,
        organisation=board.organisation,
        before={"codes": sorted(original.values())},
        after=notes,
    )
    return notes
