"""Reads of OIT boards, always through the reader's scope: boards, rows with their overdue flags, counts, the
people and work groups an item may be given to, and the website administrator's list."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from ...ita.oit_board import APPROVED, STATUS_NAMES, STATUSES, SUBMITTED, UNGROUPED, days_late, is_overdue
from ..accounts.models import ROLE_NAMES
from ..accounts.selectors import Scope
from ..organisations.models import Organisation
from ..organisations.selectors import people_of
from .models import EvidenceLink, ItemComment, OitBoard, OitItem

UNGROUPED_NAME = "ยังไม่ทราบตัวชี้วัดย่อย"
NONE = "none"  # filter value: no work group / no person


def today() -> dt.date:
    """Today in the server's time zone (Asia/Bangkok): what "overdue" is measured against."""
    return timezone.localdate()


def visible_boards(scope: Scope) -> QuerySet[OitBoard]:
    return OitBoard.objects.filter(scope.org_q("organisation__"))


def boards_of(scope: Scope, org: Organisation) -> list[OitBoard]:
    return list(visible_boards(scope).filter(organisation=org).order_by("-year"))


def board_of(scope: Scope, org: Organisation, year: int) -> OitBoard | None:
    """The agency's board of `year` if the reader may see it (callers have already checked the agency)."""
    return visible_boards(scope).select_related("organisation", "webmaster").filter(organisation=org, year=year).first()


def visible_item(scope: Scope, pk: int) -> OitItem | None:
    """The item if the reader may see its agency; None otherwise, so a foreign id reveals nothing."""
    return (
        OitItem.objects.select_related("board", "board__organisation", "workgroup", "assignee")
        .filter(board__organisation__in=Organisation.objects.filter(scope.org_q()), pk=pk)
        .first()
    )


@dataclass(frozen=True)
class Person:
    pk: int
    name: str
    role: str
    place: str

    @property
    def label(self) -> str:
        where = f", {self.place}" if self.place else ""
        return f"{self.name} ({self.role}{where})"


def assignable_people(org: Organisation) -> list[Person]:
    """Active members of the agency and its work groups, with their role and work group: whom an item may be given
    to."""
    return [
        Person(
            user.pk,
            user.get_full_name() or user.username,
            ROLE_NAMES.get(user.membership.role, user.membership.role),
            user.membership.organisation.name if user.membership.organisation_id != org.pk else "",
        )
        for user in people_of(org)
    ]


def person_name(user: Any) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""


@dataclass
class Row:
    """An item as the board shows it."""

    item: OitItem
    overdue: bool
    days_late: int
    links: list[EvidenceLink]

    @property
    def broken(self) -> list[EvidenceLink]:
        return [link for link in self.links if link.ok is False]

    @property
    def status_name(self) -> str:
        return STATUS_NAMES[self.item.status]


@dataclass
class Group:
    code: str
    name: str
    rows: list[Row] = field(default_factory=list)


@dataclass(frozen=True)
class Filters:
    status: str = ""
    group: str = ""  # a work group id, NONE, or ""
    person: str = ""  # a user id, NONE, or ""
    overdue: bool = False

    @property
    def active(self) -> bool:
        return bool(self.status or self.group or self.person or self.overdue)


@dataclass
class BoardView:
    board: OitBoard
    groups: list[Group]
    counts: dict[str, int]
    total: int
    overdue: int
    unassigned: int
    broken_links: int
    unchecked_links: int
    shown: int


RETIRED = "retired"
RETIRED_NAME = "ข้อที่ไม่อยู่ในรายการที่ประกาศใช้แล้ว (เก็บไว้พร้อมลิงก์และประวัติ)"


def _rows(board: OitBoard, day: dt.date) -> list[Row]:
    items = board.items.select_related("workgroup", "assignee").prefetch_related(
        Prefetch("links", queryset=EvidenceLink.objects.order_by("position"))
    )
    return [
        Row(
            i,
            is_overdue(i.status, i.due, day),
            days_late(i.due, day) if i.status != APPROVED else 0,
            list(i.links.all()),
        )
        for i in items
    ]


def _keep(row: Row, filters: Filters) -> bool:
    item = row.item
    if filters.status and item.status != filters.status:
        return False
    if filters.group == NONE and item.workgroup_id is not None:
        return False
    if filters.group not in ("", NONE) and str(item.workgroup_id) != filters.group:
        return False
    if filters.person == NONE and item.assignee_id is not None:
        return False
    if filters.person not in ("", NONE) and str(item.assignee_id) != filters.person:
        return False
    return not (filters.overdue and not row.overdue)


def board_view(board: OitBoard, filters: Filters | None = None, day: dt.date | None = None) -> BoardView:
    """The board's rows by sub-indicator (filtered), with counts over the whole board for the top of the page."""
    day = day or today()
    filters = filters or Filters()
    every = _rows(board, day)
    rows = [r for r in every if not r.item.retired_reason]  # retired items are kept, shown last, never counted
    counts = Counter(r.item.status for r in rows)
    groups: dict[str, Group] = {}
    shown = 0
    for row in every:
        if not _keep(row, filters):
            continue
        key = RETIRED if row.item.retired_reason else row.item.sub_indicator
        if key not in groups:
            name = (
                RETIRED_NAME if key == RETIRED else row.item.sub_indicator_name if key != UNGROUPED else UNGROUPED_NAME
            )
            groups[key] = Group(key, name)
        groups[key].rows.append(row)
        shown += 1
    if RETIRED in groups:
        groups[RETIRED] = groups.pop(RETIRED)
    links = [link for r in rows for link in r.links]
    return BoardView(
        board=board,
        groups=list(groups.values()),
        counts={s: counts.get(s, 0) for s in STATUSES},
        total=len(rows),
        overdue=sum(r.overdue for r in rows),
        unassigned=sum(r.item.workgroup_id is None and r.item.assignee_id is None for r in rows),
        broken_links=sum(link.ok is False for link in links),
        unchecked_links=sum(link.checked_at is None for link in links),
        shown=shown,
    )


def item_history(item: OitItem) -> list[ItemComment]:
    return list(item.comments.select_related("author").order_by("at", "pk"))


def publish_groups(board: OitBoard) -> list[Group]:
    """What the website administrator publishes: approved and submitted items with their links, by
    sub-indicator (approved first within each group is not needed: the framework's order is kept)."""
    day = today()
    groups: dict[str, Group] = {}
    for row in _rows(board, day):
        if row.item.status not in (APPROVED, SUBMITTED) or row.item.retired_reason:
            continue
        key = row.item.sub_indicator
        if key not in groups:
            groups[key] = Group(key, row.item.sub_indicator_name if key != UNGROUPED else UNGROUPED_NAME)
        groups[key].rows.append(row)
    return list(groups.values())


def links_to_check(board: OitBoard) -> list[EvidenceLink]:
    """Every evidence link of the board, those never checked or checked longest ago first."""
    links = EvidenceLink.objects.filter(item__board=board).select_related("item")
    return sorted(
        links,
        key=lambda link: (
            link.checked_at is not None,
            link.checked_at or timezone.now(),
            link.item.position,
            link.position,
        ),
    )


def user_by_id(pk: int | None) -> Any:
    """The user chosen in a form by id, or None (nobody chosen, or no such user)."""
    return get_user_model().objects.filter(pk=pk).first() if pk is not None else None


def item_shown(item: OitItem) -> dict[str, str]:
    """What the item page shows of an item, by Thai label: the snapshot its form carries (core/concurrency.py)."""
    from ...ita.thaidates import format_date

    return {
        "สถานะ": STATUS_NAMES.get(item.status, item.status),
        "กลุ่มงาน": item.workgroup.name if item.workgroup else "",
        "ผู้รับผิดชอบ": person_name(item.assignee),
        "กำหนดส่ง": format_date(item.due, style="numeric") if item.due else "",
        "ลิงก์หลักฐาน": " ".join(link.url for link in item.links.order_by("position")),
    }
