"""OIT board services and selectors: boards from the framework, bulk assignment, item edits, the workflow with its
refusals, audit records, overdue counts and filters, the website administrator's list, roll-over, reminders."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from prongsai.web.accounts.services import create_member
from prongsai.web.audit.models import AuditEvent
from prongsai.web.oitboard.models import EvidenceLink, ItemComment, OitBoard, OitItem
from prongsai.web.oitboard.reminders import due_items
from prongsai.web.oitboard.selectors import NONE, Filters, assignable_people, board_view, publish_groups
from prongsai.web.oitboard.services import (
    add_comment,
    assign_items,
    change_status,
    create_board,
    roll_over,
    roll_preview,
    set_webmaster,
    update_item,
)
from prongsai.web.organisations.models import Organisation
from prongsai.web.organisations.services import create_workgroups
from prongsai.web.reminders.sources import collect
from tests.support.web_world import PASSWORD, World

TODAY = dt.date(2023, 4, 20)


def _board(world: World, year: int = 2566, org: Organisation | None = None) -> OitBoard:
    return create_board(actor=world.users["agency_editor"], organisation=org or world.own, year=year)


def test_board_has_every_item_of_the_year_and_is_audited(world: World) -> None:
    board = _board(world)
    items = list(board.items.order_by("position"))
    assert len(items) == 43
    assert (items[0].code, items[0].title, items[0].sub_indicator) == ("O1", "โครงสร้าง", "9.1")
    assert {i.status for i in items} == {"not_started"}
    assert AuditEvent.objects.filter(action="oit.board.create", object_id=str(board.pk)).exists()
    with pytest.raises(ValidationError) as again:
        _board(world)
    assert "มีกระดานเตรียมข้อมูล OIT ของปี 2566 แล้ว" in again.value.messages[0]


def test_year_without_oit_list_is_refused_with_a_reason(world: World) -> None:
    with pytest.raises(ValidationError) as refused:
        _board(world, 2567)
    assert "ยังไม่มีรายการข้อ OIT" in refused.value.messages[0]
    assert not OitBoard.objects.exists()


def test_ungrouped_year_board_carries_its_notices(world: World) -> None:
    board = _board(world, 2568)
    assert board.items.count() == 28 and set(board.items.values_list("sub_indicator", flat=True)) == {""}
    assert any("ตัวชี้วัดย่อยใด" in n for n in board.notices)


def test_only_the_agency_editors_create_boards(world: World) -> None:
    for role in ("agency_viewer", "oversight"):
        with pytest.raises(PermissionDenied):
            create_board(actor=world.users[role], organisation=world.own, year=2566)
    with pytest.raises(PermissionDenied):
        create_board(actor=world.users["agency_editor"], organisation=world.sibling, year=2566)
    assert not OitBoard.objects.exists()


def test_bulk_assignment_sets_only_what_is_given(world: World) -> None:
    board = _board(world)
    group = Organisation.objects.get(parent=world.own, kind="workgroup")
    editor = world.users["agency_editor"]
    codes = ["O19", "O20", "O21", "O22"]
    ids = list(board.items.filter(code__in=codes).values_list("pk", flat=True))
    assert (
        assign_items(
            actor=editor, board=board, item_ids=ids, workgroup=group, assignee=editor, due=dt.date(2023, 4, 11)
        )
        == 4
    )
    assign_items(actor=editor, board=board, item_ids=ids[:1], due=dt.date(2023, 5, 1))
    rows = {i.code: i for i in board.items.filter(code__in=codes)}
    assert rows["O19"].due == dt.date(2023, 5, 1) and rows["O19"].workgroup == group
    assert rows["O20"].due == dt.date(2023, 4, 11) and rows["O20"].assignee == editor
    event = AuditEvent.objects.filter(action="oit.item.assign").first()
    assert event is not None and sorted(event.after["codes"]) == sorted(codes[:1])


def test_bulk_assignment_refuses_foreign_groups_and_people(world: World) -> None:
    board = _board(world)
    ids = list(board.items.values_list("pk", flat=True)[:3])
    foreign_group = create_workgroups(actor=None, agency=world.sibling, names=["กองคลังข้างเคียง"])[0]
    foreign_person = create_member(
        actor=None,
        organisation=world.sibling,
        username="t_sib_2",
        password=PASSWORD,
        role="agency_editor",
        validate=False,
    ).user
    editor = world.users["agency_editor"]
    with pytest.raises(ValidationError, match="กลุ่มงานที่เลือกไม่ใช่กลุ่มงานของหน่วยงานนี้"):
        assign_items(actor=editor, board=board, item_ids=ids, workgroup=foreign_group)
    with pytest.raises(ValidationError, match="ไม่ใช่ผู้ใช้ของหน่วยงานนี้"):
        assign_items(actor=editor, board=board, item_ids=ids, assignee=foreign_person)
    with pytest.raises(ValidationError, match="อย่างน้อยหนึ่งอย่าง"):
        assign_items(actor=editor, board=board, item_ids=ids)
    with pytest.raises(PermissionDenied):
        assign_items(actor=world.users["agency_viewer"], board=board, item_ids=ids, due=TODAY)
    assert not board.items.filter(workgroup__isnull=False).exists()
    assert not board.items.filter(due__isnull=False).exists()


def test_people_are_the_agency_members_only(world: World) -> None:
    names = {p.pk for p in assignable_people(world.own)}
    assert names == {world.users[r].pk for r in ("agency_admin", "agency_editor", "agency_viewer")}


def test_item_links_are_validated_and_kept_with_their_checks(world: World) -> None:
    board = _board(world)
    item = board.items.get(code="O1")
    editor = world.users["agency_editor"]
    update_item(
        actor=editor,
        item=item,
        workgroup=None,
        assignee=editor,
        due=None,
        urls_text="https://a.example.org/o1\nhttps://b.example.org/o1",
    )
    EvidenceLink.objects.filter(url="https://a.example.org/o1").update(http_status=200, ok=True)
    with pytest.raises(ValidationError) as bad:
        update_item(
            actor=editor,
            item=item,
            workgroup=None,
            assignee=editor,
            due=None,
            urls_text="https://a.example.org/o1\nwww.no-scheme.go.th",
        )
    assert "บรรทัดที่ 2" in bad.value.messages[0]
    assert list(item.links.values_list("url", flat=True)) == ["https://a.example.org/o1", "https://b.example.org/o1"]
    update_item(
        actor=editor,
        item=item,
        workgroup=None,
        assignee=editor,
        due=None,
        urls_text="https://c.example.org/o1 https://a.example.org/o1",
    )
    links = list(item.links.order_by("position"))
    assert [link.url for link in links] == ["https://c.example.org/o1", "https://a.example.org/o1"]
    assert links[1].http_status == 200  # an unchanged URL keeps its last check
    assert AuditEvent.objects.filter(action="oit.item.update").count() == 2


def _submitted(world: World, code: str = "O1") -> OitItem:
    board = OitBoard.objects.filter(organisation=world.own, year=2566).first() or _board(world)
    item = board.items.get(code=code)
    editor = world.users["agency_editor"]
    update_item(
        actor=editor,
        item=item,
        workgroup=item.workgroup,
        assignee=editor,
        due=dt.date(2023, 4, 11),
        urls_text="https://www.example.org/ita/o1",
    )
    change_status(actor=editor, item=item, target="in_progress")
    return change_status(actor=editor, item=item, target="submitted")


def test_workflow_editor_submits_admin_approves(world: World) -> None:
    item = _submitted(world)
    with pytest.raises(PermissionDenied):
        change_status(actor=world.users["agency_editor"], item=item, target="approved")
    assert OitItem.objects.get(pk=item.pk).status == "submitted"
    change_status(actor=world.users["agency_admin"], item=item, target="approved", comment="ครบถ้วน")
    item.refresh_from_db()
    assert item.status == "approved"
    history = list(item.comments.order_by("pk"))
    assert [(c.from_status, c.to_status) for c in history] == [
        ("not_started", "in_progress"),
        ("in_progress", "submitted"),
        ("submitted", "approved"),
    ]
    assert history[-1].author == world.users["agency_admin"] and history[-1].text == "ครบถ้วน"
    assert AuditEvent.objects.filter(action="oit.item.status").count() == 3


def test_sending_back_needs_a_comment_and_locks_nothing_else(world: World) -> None:
    item = _submitted(world)
    admin = world.users["agency_admin"]
    with pytest.raises(ValidationError, match="ต้องมีความเห็นของผู้ตรวจ"):
        change_status(actor=admin, item=item, target="needs_correction", comment="  ")
    change_status(actor=admin, item=item, target="needs_correction", comment="ลิงก์ชี้ไปหน้าแรก ไม่ใช่หน้าข้อมูล")
    item.refresh_from_db()
    assert item.status == "needs_correction"
    assert item.comments.last().text == "ลิงก์ชี้ไปหน้าแรก ไม่ใช่หน้าข้อมูล"
    change_status(actor=world.users["agency_editor"], item=item, target="submitted")


def test_refused_moves_write_nothing(world: World) -> None:
    board = _board(world)
    item = board.items.get(code="O5")
    editor = world.users["agency_editor"]
    before = (ItemComment.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError, match="ลิงก์หลักฐานอย่างน้อยหนึ่งรายการ"):
        change_status(actor=editor, item=item, target="submitted")
    with pytest.raises(ValidationError, match="ไม่ได้"):
        change_status(actor=world.users["agency_admin"], item=item, target="approved")
    with pytest.raises(PermissionDenied):
        change_status(actor=world.users["agency_viewer"], item=item, target="in_progress")
    with pytest.raises(PermissionDenied):
        change_status(actor=world.users["oversight"], item=item, target="in_progress")
    with pytest.raises(PermissionDenied):
        add_comment(actor=world.users["agency_viewer"], item=item, text="x")
    assert OitItem.objects.get(pk=item.pk).status == "not_started"
    assert (ItemComment.objects.count(), AuditEvent.objects.count()) == before


def test_approved_links_change_only_after_sending_back(world: World) -> None:
    item = _submitted(world)
    change_status(actor=world.users["agency_admin"], item=item, target="approved")
    with pytest.raises(ValidationError, match="ส่งกลับให้แก้ไขก่อน"):
        update_item(
            actor=world.users["agency_editor"],
            item=item,
            workgroup=None,
            assignee=world.users["agency_editor"],
            due=None,
            urls_text="https://other.example.org/",
        )
    # the person and due date may still change
    update_item(
        actor=world.users["agency_editor"],
        item=item,
        workgroup=None,
        assignee=world.users["agency_admin"],
        due=dt.date(2023, 4, 30),
        urls_text="https://www.example.org/ita/o1",
    )
    assert OitItem.objects.get(pk=item.pk).assignee == world.users["agency_admin"]


def test_system_admin_approves_too(world: World) -> None:
    item = _submitted(world)
    change_status(actor=world.users["admin"], item=item, target="approved")
    assert OitItem.objects.get(pk=item.pk).status == "approved"


def test_overdue_counts_and_filters(world: World) -> None:
    board = _board(world)
    editor, group = world.users["agency_editor"], Organisation.objects.get(parent=world.own, kind="workgroup")
    items = {i.code: i for i in board.items.all()}
    assign_items(
        actor=editor,
        board=board,
        item_ids=[items["O1"].pk, items["O2"].pk],
        workgroup=group,
        assignee=editor,
        due=dt.date(2023, 4, 11),
    )
    assign_items(actor=editor, board=board, item_ids=[items["O3"].pk], assignee=editor, due=dt.date(2023, 5, 1))
    _submitted(world, "O2")
    item = _submitted(world, "O1")
    change_status(actor=world.users["agency_admin"], item=item, target="approved")
    view = board_view(board, day=TODAY)
    assert view.total == 43 and view.overdue == 1  # O2: submitted but past due; O1 approved; O3 not yet due
    assert view.counts["approved"] == 1 and view.counts["submitted"] == 1 and view.counts["not_started"] == 41
    assert view.unassigned == 40
    overdue = board_view(board, Filters(overdue=True), day=TODAY)
    assert [r.item.code for g in overdue.groups for r in g.rows] == ["O2"]
    assert overdue.groups[0].rows[0].days_late == 9
    by_group = board_view(board, Filters(group=str(group.pk)), day=TODAY)
    assert sorted(r.item.code for g in by_group.groups for r in g.rows) == ["O1", "O2"]
    nobody = board_view(board, Filters(person=NONE), day=TODAY)
    assert nobody.shown == 40
    submitted = board_view(board, Filters(status="submitted"), day=TODAY)
    assert submitted.shown == 1


def test_publish_list_has_approved_and_submitted_by_sub_indicator(world: World) -> None:
    _submitted(world, "O2")
    item = _submitted(world, "O20")
    change_status(actor=world.users["agency_admin"], item=item, target="approved")
    board = item.board
    groups = publish_groups(board)
    assert [(g.code, [r.item.code for r in g.rows]) for g in groups] == [("9.1", ["O2"]), ("9.3", ["O20"])]
    assert groups[1].rows[0].links[0].url == "https://www.example.org/ita/o1"


def test_webmaster_is_a_member(world: World) -> None:
    board = _board(world)
    set_webmaster(actor=world.users["agency_editor"], board=board, user=world.users["agency_viewer"])
    assert OitBoard.objects.get(pk=board.pk).webmaster == world.users["agency_viewer"]
    with pytest.raises(ValidationError):
        set_webmaster(actor=world.users["agency_editor"], board=board, user=world.users["oversight"])
    with pytest.raises(PermissionDenied):
        set_webmaster(actor=world.users["agency_viewer"], board=board, user=None)


def test_workgroups_editor_adds_the_first_admin_adds_more(world: World) -> None:
    agency = world.sibling  # has no work group yet
    editor = create_member(
        actor=None, organisation=agency, username="t_sib_ed2", password=PASSWORD, role="agency_editor", validate=False
    ).user
    made = create_workgroups(actor=editor, agency=agency, names=["สำนักปลัด", " กองคลัง ", ""])
    assert [g.name for g in made] == ["สำนักปลัด", "กองคลัง"]
    assert all(g.kind == "workgroup" and g.path.startswith(agency.path) for g in made)
    with pytest.raises(PermissionDenied):
        create_workgroups(actor=editor, agency=agency, names=["กองช่าง"])
    with pytest.raises(PermissionDenied):
        create_workgroups(actor=world.users["agency_editor"], agency=agency, names=["กองช่าง"])
    with pytest.raises(ValidationError, match="มีกลุ่มงานชื่อนี้แล้ว"):
        create_workgroups(actor=world.users["agency_admin"], agency=world.own, names=["กองคลังทดสอบ"])
    assert AuditEvent.objects.filter(action="organisation.create", actor=editor).count() == 2


def _board_2565(world: World) -> OitBoard:
    board = _board(world, 2565)
    editor, group = world.users["agency_editor"], Organisation.objects.get(parent=world.own, kind="workgroup")
    items = {i.code: i for i in board.items.all()}
    assign_items(
        actor=editor,
        board=board,
        item_ids=[items["O17"].pk, items["O10"].pk],
        workgroup=group,
        assignee=editor,
        due=dt.date(2022, 4, 11),
    )
    update_item(
        actor=editor,
        item=items["O17"],
        workgroup=group,
        assignee=editor,
        due=dt.date(2022, 4, 11),
        urls_text="https://www.example.org/ita/2565/e-service",
    )
    change_status(actor=editor, item=items["O17"], target="submitted")
    change_status(actor=world.users["agency_admin"], item=items["O17"], target="approved")
    set_webmaster(actor=editor, board=board, user=world.users["agency_viewer"])
    return board


def test_roll_over_carries_by_topic_into_a_fresh_board(world: World) -> None:
    old = _board_2565(world)
    before = list(old.items.order_by("pk").values_list("code", "status", "workgroup_id", "assignee_id", "due"))
    new, plan = roll_over(actor=world.users["agency_editor"], board=old)
    assert new.year == 2566 and new.rolled_from == old and new.items.count() == 43
    e_service = new.items.get(code="O18")  # O17 E-Service in 2565 is O18 in 2566
    assert e_service.status == "not_started"
    assert e_service.due == dt.date(2023, 4, 11)
    assert e_service.assignee == world.users["agency_editor"] and e_service.workgroup is not None
    assert e_service.hint_urls == ["https://www.example.org/ita/2565/e-service"]
    assert not e_service.links.exists() and not e_service.comments.exists()
    assert new.webmaster == world.users["agency_viewer"]
    dropped = {d["code"]: d for d in new.roll_notes["dropped"]}
    assert "O10" in dropped and dropped["O10"]["reason"] == "ไม่มีประเด็นนี้ในกรอบการประเมินปี 2566"
    assert set(plan.dropped) == set(dropped)
    # the old board is untouched
    assert list(old.items.order_by("pk").values_list("code", "status", "workgroup_id", "assignee_id", "due")) == before
    assert AuditEvent.objects.filter(action="oit.board.roll", object_id=str(new.pk)).exists()
    with pytest.raises(ValidationError, match="มีกระดานของปี 2566 แล้ว"):
        roll_over(actor=world.users["agency_editor"], board=old)


def test_roll_over_to_a_year_without_items_is_explained(world: World) -> None:
    board = _board(world)
    plan, reason = roll_preview(board)
    assert plan is None and reason is not None and "2567" in reason
    with pytest.raises(ValidationError):
        roll_over(actor=world.users["agency_editor"], board=board)
    with pytest.raises(PermissionDenied):
        roll_over(actor=world.users["agency_viewer"], board=_board_2565(world))
    assert OitBoard.objects.count() == 2


def test_reminders_source_lists_open_items_with_a_person_and_a_date(world: World) -> None:
    item = _submitted(world, "O1")
    board = item.board
    editor = world.users["agency_editor"]
    items = {i.code: i for i in board.items.all()}
    assign_items(actor=editor, board=board, item_ids=[items["O3"].pk], due=dt.date(2023, 5, 1))  # no person
    assign_items(actor=editor, board=board, item_ids=[items["O4"].pk], assignee=editor)  # no date
    found: list[Any] = list(due_items(TODAY))
    assert [(d.title.split()[0], d.user_id, d.due) for d in found] == [("O1", editor.pk, dt.date(2023, 4, 11))]
    assert found[0].kind == "ข้อ OIT" and found[0].url == f"/oit/items/{item.pk}/"
    assert "ปีงบประมาณ 2566" in found[0].title and found[0].organisation_id == world.own.pk
    change_status(actor=world.users["agency_admin"], item=item, target="approved")
    assert list(due_items(TODAY)) == []
    assert all(d.kind != "ข้อ OIT" for d in collect(TODAY))
