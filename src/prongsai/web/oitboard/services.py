"""Writes to OIT boards. Each checks the actor's permission before anything is written, runs in one transaction
and leaves an audit record; `actor` None is the system itself (demo data). The link check is the one write that
is split: the links are fetched outside any transaction (a slow website must not hold the database), and what was
found is then written in one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F

from ...evidence.link_address import LinkPolicy
from ...evidence.links import check_links_within
from ...ita.library import framework_for
from ...ita.model import Framework
from ...ita.oit_board import (
    APPROVED,
    NOT_STARTED,
    REVIEW_REFUSED,
    REVIEWER,
    TRANSITIONS,
    BoardUnavailable,
    RollPlan,
    board_template,
    board_template_for_year,
    parse_urls,
    roll_plan,
    shift_year,
    transition_refusal,
)
from ...ita.rollover import map_codes
from ..accounts.models import Membership
from ..audit.services import record_change
from ..core.actors import acting_user
from ..core.concurrency import claim
from ..organisations.models import Kind, Organisation
from .models import EvidenceLink, ItemComment, OitBoard, OitItem
from .permissions import actor_may_edit, actor_may_review
from .selectors import item_shown

KEEP: Any = object()  # "leave this field as it is" in assign_items
COMMENT_MAX = 4000

EDIT_REFUSED = "บทบาทของท่านแก้ไขกระดานเตรียมข้อมูล OIT ของหน่วยงานนี้ไม่ได้"


def _require_edit(actor: object | None, org: Organisation) -> None:
    if not actor_may_edit(actor, org):
        raise PermissionDenied(EDIT_REFUSED)


def _actor_name(actor: object | None) -> str:
    user = acting_user(actor)
    return (user.get_full_name() or user.username) if user is not None else "ระบบ"


def _item_state(item: OitItem) -> dict[str, Any]:
    return {
        "code": item.code,
        "workgroup": item.workgroup_id,
        "assignee": item.assignee_id,
        "due": item.due.isoformat() if item.due else None,
        "status": item.status,
        "urls": [link.url for link in item.links.order_by("position")],
    }


@transaction.atomic
def create_board(*, actor: object | None, organisation: Organisation, year: int) -> OitBoard:
    """A board of every OIT item of the year's framework, all not started and unassigned.

    ValidationError with the Thai reason when the year's framework has no OIT list or a board exists already.
    """
    if organisation.kind != Kind.AGENCY:
        raise ValidationError("สร้างกระดานได้เฉพาะของหน่วยงาน")
    _require_edit(actor, organisation)
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


def _check_workgroup(board: OitBoard, workgroup: Organisation | None) -> None:
    if workgroup is not None and (workgroup.kind != Kind.WORKGROUP or workgroup.parent_id != board.organisation_id):
        raise ValidationError("กลุ่มงานที่เลือกไม่ใช่กลุ่มงานของหน่วยงานนี้")


def _check_assignee(board: OitBoard, user: Any) -> None:
    if user is None:
        return
    member = Membership.objects.filter(user=user, organisation__path__startswith=board.organisation.path).exists()
    if not member or not user.is_active:
        raise ValidationError("ผู้รับผิดชอบที่เลือกไม่ใช่ผู้ใช้ของหน่วยงานนี้")


@transaction.atomic
def assign_items(
    *,
    actor: object | None,
    board: OitBoard,
    item_ids: list[int],
    workgroup: Any = KEEP,
    assignee: Any = KEEP,
    due: Any = KEEP,
) -> int:
    """Give several items the same work group, person or due date at once (KEEP leaves a field as it is);
    returns how many items were assigned. Seed 001 gives the 43 items out in one memo; this is that memo."""
    _require_edit(actor, board.organisation)
    if workgroup is KEEP and assignee is KEEP and due is KEEP:
        raise ValidationError("เลือกกลุ่มงาน ผู้รับผิดชอบ หรือกำหนดส่งอย่างน้อยหนึ่งอย่าง")
    items = list(board.items.select_for_update().filter(pk__in=item_ids))
    if not items:
        raise ValidationError("ยังไม่ได้เลือกข้อ OIT ที่จะมอบหมาย")
    if workgroup is not KEEP:
        _check_workgroup(board, workgroup)
    if assignee is not KEEP:
        _check_assignee(board, assignee)
    changes: list[dict[str, Any]] = []
    for item in items:
        before = (item.workgroup_id, item.assignee_id, item.due)
        if workgroup is not KEEP:
            item.workgroup = workgroup
        if assignee is not KEEP:
            item.assignee = assignee
        if due is not KEEP:
            item.due = due
        if before != (item.workgroup_id, item.assignee_id, item.due):
            item.version = F("version") + 1
            item.save(update_fields=["workgroup", "assignee", "due", "updated_at", "version"])
            changes.append({"code": item.code, "before": [before[0], before[1], str(before[2] or "")]})
    after = {
        "workgroup": getattr(workgroup, "pk", None) if workgroup is not KEEP else "ไม่เปลี่ยน",
        "assignee": getattr(assignee, "pk", None) if assignee is not KEEP else "ไม่เปลี่ยน",
        "due": (due.isoformat() if due else None) if due is not KEEP else "ไม่เปลี่ยน",
        "codes": [i.code for i in items],
    }
    record_change(
        actor=actor,
        action="oit.item.assign",
        obj=board,
        organisation=board.organisation,
        before={"items": changes},
        after=after,
    )
    return len(items)


def _replace_links(item: OitItem, urls: list[str]) -> None:
    """Keep the rows (and their last check) of URLs still listed, drop the others, add the new ones in order."""
    existing = {link.url: link for link in item.links.all()}
    keep_ids = []
    for position, url in enumerate(urls):
        link = existing.get(url)
        if link is None:
            link = EvidenceLink.objects.create(item=item, url=url, position=position)
        elif link.position != position:
            link.position = position
            link.save(update_fields=["position"])
        keep_ids.append(link.pk)
    item.links.exclude(pk__in=keep_ids).delete()


@transaction.atomic
def update_item(
    *,
    actor: object | None,
    item: OitItem,
    workgroup: Organisation | None,
    assignee: Any,
    due: dt.date | None,
    urls_text: str,
    version: int | None = None,
    seen: dict[str, str] | None = None,
) -> OitItem:
    """Save one item's work group, person, due date and evidence links (one a line; http or https only).

    The links of an approved item are what was approved: changing them needs the reviewer to send the item back
    first, so the website never shows evidence nobody has checked. `version` is the item's version the form was
    opened at: a save from an older one raises EditConflict naming what changed since `seen`.
    """
    board = item.board
    _require_edit(actor, board.organisation)
    urls, problems = parse_urls(urls_text)
    if problems:
        raise ValidationError(problems)
    _check_workgroup(board, workgroup)
    _check_assignee(board, assignee)
    _claim(item, version, seen)
    item = OitItem.objects.select_for_update().get(pk=item.pk)
    before = _item_state(item)
    if item.status == APPROVED and urls != before["urls"]:
        raise ValidationError("ข้อนี้อนุมัติแล้ว หากต้องเปลี่ยนลิงก์หลักฐาน ขอให้ผู้ดูแลหน่วยงานส่งกลับให้แก้ไขก่อน")
    item.workgroup, item.assignee, item.due = workgroup, assignee, due
    item.save(update_fields=["workgroup", "assignee", "due", "updated_at"])
    _replace_links(item, urls)
    after = _item_state(item)
    if after != before:
        record_change(
            actor=actor, action="oit.item.update", obj=item, organisation=board.organisation, before=before, after=after
        )
    return item


@transaction.atomic
def change_status(
    *,
    actor: object | None,
    item: OitItem,
    target: str,
    comment: str = "",
    version: int | None = None,
    seen: dict[str, str] | None = None,
) -> OitItem:
    """Move an item along the workflow (ita.oit_board.TRANSITIONS); refused moves raise ValidationError (a move
    the state does not allow) or PermissionDenied (a move reserved to the reviewer), with a Thai reason. From a
    stale page (`version`, as in update_item) it is refused too: nobody approves links they have not seen."""
    org = item.board.organisation
    comment = comment.strip()[:COMMENT_MAX]
    editor, reviewer = actor_may_edit(actor, org), actor_may_review(actor, org)
    if not (editor or reviewer):
        raise PermissionDenied(EDIT_REFUSED)
    _claim(item, version, seen)
    item = OitItem.objects.select_for_update().get(pk=item.pk)
    if TRANSITIONS.get((item.status, target)) == REVIEWER and not reviewer:
        raise PermissionDenied(REVIEW_REFUSED)
    refusal = transition_refusal(
        item.status, target, may_edit=editor, may_review=reviewer, evidence_count=item.links.count(), comment=comment
    )
    if refusal is not None:
        raise ValidationError(refusal)
    before = item.status
    item.status = target
    item.save(update_fields=["status", "updated_at"])
    ItemComment.objects.create(
        item=item,
        author=acting_user(actor),
        author_name=_actor_name(actor),
        text=comment,
        from_status=before,
        to_status=target,
    )
    record_change(
        actor=actor,
        action="oit.item.status",
        obj=item,
        organisation=org,
        before={"code": item.code, "status": before},
        after={"code": item.code, "status": target, "comment": comment},
    )
    return item


def _claim(item: OitItem, version: int | None, seen: dict[str, str] | None) -> None:
    pk = item.pk
    claim(
        OitItem,
        pk,
        version,
        what=f"ข้อ {item.code}",
        seen=seen or {},
        now=lambda: item_shown(OitItem.objects.select_related("workgroup", "assignee").get(pk=pk)),
    )


@dataclass
class ItemPageSaved:
    """What save_item_page stored, for the page to say so."""

    updated: bool = False
    status: str = ""
    commented: bool = False


@transaction.atomic
def save_item_page(
    *,
    actor: object | None,
    item: OitItem,
    edit: dict[str, Any] | None = None,
    target: str = "",
    comment: str = "",
    version: int | None = None,
    seen: dict[str, str] | None = None,
) -> ItemPageSaved:
    """Everything the item page sends at once, all or nothing: the assignment and links (`edit`, the keyword
    arguments of update_item), then a status move (`target`, with `comment` as its reason) or else the comment
    alone. One version check covers the whole page."""
    saved = ItemPageSaved()
    if edit is not None:
        update_item(actor=actor, item=item, **edit, version=version, seen=seen)
        saved.updated, version = True, None
    if target:
        change_status(actor=actor, item=item, target=target, comment=comment, version=version, seen=seen)
        saved.status = target
    elif comment.strip():
        add_comment(actor=actor, item=item, text=comment)
        saved.commented = True
    return saved


@transaction.atomic
def add_comment(*, actor: object | None, item: OitItem, text: str) -> ItemComment:
    """A remark in the item's history (the reviewer's notes, or the preparer's answer to them)."""
    org = item.board.organisation
    if not (actor_may_edit(actor, org) or actor_may_review(actor, org)):
        raise PermissionDenied(EDIT_REFUSED)
    text = text.strip()
    if not text:
        raise ValidationError("ต้องพิมพ์ความเห็นก่อนบันทึก")
    if len(text) > COMMENT_MAX:
        raise ValidationError(f"ความเห็นยาวเกิน {COMMENT_MAX} ตัวอักษร")
    comment = ItemComment.objects.create(
        item=item, author=acting_user(actor), author_name=_actor_name(actor), text=text
    )
    record_change(
        actor=actor,
        action="oit.item.comment",
        obj=item,
        organisation=org,
        before=None,
        after={"code": item.code, "comment": text},
    )
    return comment


@transaction.atomic
def set_webmaster(*, actor: object | None, board: OitBoard, user: Any) -> OitBoard:
    """Name the member who puts the approved items on the agency's website (None: nobody yet)."""
    _require_edit(actor, board.organisation)
    _check_assignee(board, user)
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
    _require_edit(actor, board.organisation)
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
    _require_edit(actor, org)
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
    dropped = []
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
