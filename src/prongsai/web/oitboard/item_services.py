"""Writes of OIT items: assignments, an item's fields and links, status moves, the item page saved at once, and
comments. Each checks the actor, writes all-or-nothing and records an audit event in the same transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F

from ...ita.oit_board import (
    APPROVED,
    REVIEW_REFUSED,
    REVIEWER,
    TRANSITIONS,
    parse_urls,
    transition_refusal,
)
from ..audit.services import record_change
from ..core.actors import acting_user
from ..core.concurrency import claim
from ..organisations.models import Kind, Organisation
from .models import EvidenceLink, ItemComment, OitBoard, OitItem
from .permissions import actor_may_edit, actor_may_review
from .selectors import item_shown
from .service_helpers import EDIT_REFUSED, check_assignee, require_edit

KEEP: Any = object()  # "leave this field as it is" in assign_items
COMMENT_MAX = 4000


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


def _check_workgroup(board: OitBoard, workgroup: Organisation | None) -> None:
    if workgroup is not None and (workgroup.kind != Kind.WORKGROUP or workgroup.parent_id != board.organisation_id):
        raise ValidationError("กลุ่มงานที่เลือกไม่ใช่กลุ่มงานของหน่วยงานนี้")


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
    require_edit(actor, board.organisation)
    if workgroup is KEEP and assignee is KEEP and due is KEEP:
        raise ValidationError("เลือกกลุ่มงาน ผู้รับผิดชอบ หรือกำหนดส่งอย่างน้อยหนึ่งอย่าง")
    items = list(board.items.select_for_update().filter(pk__in=item_ids))
    if not items:
        raise ValidationError("ยังไม่ได้เลือกข้อ OIT ที่จะมอบหมาย")
    if workgroup is not KEEP:
        _check_workgroup(board, workgroup)
    if assignee is not KEEP:
        check_assignee(board, assignee)
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
    require_edit(actor, board.organisation)
    urls, problems = parse_urls(urls_text)
    if problems:
        raise ValidationError(problems)
    _check_workgroup(board, workgroup)
    check_assignee(board, assignee)
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
