"""OIT boards for the web tests, built on first use into `world.oit`: the own agency's 2566 board (one item with
an evidence link, a person and a comment) and the sibling's and far agency's boards, foreign to the agency roles."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from prongsai.web.oitboard.models import EvidenceLink, ItemComment, OitBoard, OitItem
from prongsai.web.oitboard.services import add_comment, assign_items, create_board, update_item
from prongsai.web.organisations.models import Organisation
from tests.support.web_world import World

YEAR = 2566


@dataclass
class OitWorld:
    own_board: OitBoard
    sibling_board: OitBoard
    far_board: OitBoard
    own_item: OitItem  # O1 of the own board: a work group, a person, a link, a comment
    sibling_item: OitItem
    far_item: OitItem
    workgroup: Organisation


def ensure_oit(world: World) -> OitWorld:
    if world.oit is not None:
        return world.oit
    own = create_board(actor=None, organisation=world.own, year=YEAR)
    sibling = create_board(actor=None, organisation=world.sibling, year=YEAR)
    far = create_board(actor=None, organisation=world.far, year=YEAR)
    group = Organisation.objects.get(parent=world.own, kind="workgroup")
    item = own.items.get(code="O1")
    update_item(
        actor=None,
        item=item,
        workgroup=group,
        assignee=world.users["agency_editor"],
        due=dt.date(2023, 4, 11),
        urls_text="https://www.example.org/ita/o1",
    )
    add_comment(actor=None, item=item, text="ตรวจแล้ว ขอเพิ่มแผนผังโครงสร้าง")
    sibling_item = sibling.items.get(code="O1")
    far_item = far.items.get(code="O1")
    for board, code in ((sibling, "O1"), (far, "O1")):
        update_item(
            actor=None,
            item=board.items.get(code=code),
            workgroup=None,
            assignee=None,
            due=None,
            urls_text=f"https://www.example.org/{board.organisation_id}/secret",
        )
    assign_items(actor=None, board=own, item_ids=[own.items.get(code="O2").pk], due=dt.date(2023, 4, 11))
    world.oit = OitWorld(own, sibling, far, own.items.get(pk=item.pk), sibling_item, far_item, group)
    return world.oit


def oit_state() -> tuple[object, ...]:
    """Everything a refused request must leave as it was: counts, and each item's and link's fields."""
    items = tuple(OitItem.objects.order_by("pk").values_list("status", "workgroup_id", "assignee_id", "due"))
    links = tuple(EvidenceLink.objects.order_by("pk").values_list("url", "checked_at", "http_status"))
    boards = tuple(OitBoard.objects.order_by("pk").values_list("year", "webmaster_id"))
    comments = ItemComment.objects.count()
    return (boards, items, links, comments)
