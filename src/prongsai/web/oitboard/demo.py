"""Demo OIT board: อบจ.อ่างทอง prepares its 2566 items (the year whose framework groups them by sub-indicator) with
its three work groups, a website administrator, one item approved, one submitted, one sent back and one overdue.
Due dates are set from the day the demo is loaded, so the board looks like work in progress on any day."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from ..organisations.models import Kind, Organisation
from .models import ItemStatus, OitBoard
from .services import add_comment, assign_items, change_status, create_board, set_webmaster, update_item

YEAR = 2566
# sub-indicator -> (work group, demo user who prepares it)
ASSIGNMENTS = {
    "9.1": ("สำนักปลัด", "angthong_editor"),
    "9.2": ("กองยุทธศาสตร์และงบประมาณ", "angthong_editor"),
    "9.3": ("กองคลัง", "angthong_editor"),
    "9.4": ("สำนักปลัด", "angthong_admin"),
    "9.5": ("สำนักปลัด", "angthong_editor"),
    "10.1": ("กองยุทธศาสตร์และงบประมาณ", "angthong_admin"),
    "10.2": ("กองยุทธศาสตร์และงบประมาณ", "angthong_editor"),
}
SITE = "https://www.example.org/angthong/ita2566"


def load_oit_demo(agency_name: str, *, today: dt.date | None = None) -> OitBoard:
    """Write the demo board through the services (as the system, with the demo users as the people in it)."""
    today = today or timezone.localdate()
    agency = Organisation.objects.get(name=agency_name, kind=Kind.AGENCY)
    users = {u.username: u for u in get_user_model().objects.filter(username__startswith="angthong_")}
    groups = {g.name: g for g in Organisation.objects.filter(parent=agency, kind=Kind.WORKGROUP)}
    board = create_board(actor=None, organisation=agency, year=YEAR)
    due = today + dt.timedelta(days=21)
    for sub, (group, person) in ASSIGNMENTS.items():
        ids = list(board.items.filter(sub_indicator=sub).values_list("pk", flat=True))
        assign_items(actor=None, board=board, item_ids=ids, workgroup=groups[group], assignee=users[person], due=due)
    set_webmaster(actor=None, board=board, user=users["angthong_viewer"])
    items = {i.code: i for i in board.items.select_related("workgroup", "assignee")}

    def evidence(code: str, *paths: str, due_on: dt.date = due) -> None:
        item = items[code]
        update_item(
            actor=None,
            item=item,
            workgroup=item.workgroup,
            assignee=item.assignee,
            due=due_on,
            urls_text="\n".join(f"{SITE}/{p}" for p in paths),
        )

    admin, editor = users["angthong_admin"], users["angthong_editor"]
    evidence("O1", "structure")
    change_status(actor=editor, item=items["O1"], target=ItemStatus.SUBMITTED)
    change_status(actor=admin, item=items["O1"], target=ItemStatus.APPROVED, comment="แผนผังโครงสร้างครบทุกกอง ใช้ได้")
    evidence("O2", "executives")
    change_status(actor=editor, item=items["O2"], target=ItemStatus.SUBMITTED)
    evidence("O18", "e-service")
    change_status(actor=editor, item=items["O18"], target=ItemStatus.SUBMITTED)
    change_status(
        actor=admin,
        item=items["O18"],
        target=ItemStatus.NEEDS_CORRECTION,
        comment="ลิงก์ชี้ไปหน้าแรกของเว็บไซต์ ขอให้ชี้ไปที่หน้าบริการออนไลน์โดยตรง",
    )
    add_comment(actor=editor, item=items["O18"], text="รับทราบ กำลังให้ผู้ดูแลเว็บไซต์ทำหน้าบริการออนไลน์แยก")
    evidence("O5", due_on=today - dt.timedelta(days=6))  # overdue: in progress, no evidence yet
    change_status(actor=editor, item=items["O5"], target=ItemStatus.IN_PROGRESS)
    return board
