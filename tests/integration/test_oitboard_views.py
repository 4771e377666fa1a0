"""OIT board pages: who may post what on the own agency's board (refused posts write nothing), Thai messages for
bad input and years without an OIT list, filters and the overdue marker, the roll-over page, the web-admin list."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from prongsai.web.audit.models import AuditEvent
from prongsai.web.oitboard import board_services
from prongsai.web.oitboard.models import OitBoard, OitItem
from prongsai.web.oitboard.services import change_status, create_board, update_item
from prongsai.web.organisations.models import Organisation
from tests.support.oitboard_world import ensure_oit, oit_state
from tests.support.web_world import ROLES, World

EDITORS = {"admin", "agency_admin", "agency_editor"}
REVIEWERS = {"admin", "agency_admin"}


def _client(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


def _submitted_item(world: World) -> OitItem:
    oit = ensure_oit(world)
    item = oit.own_board.items.get(code="O3")
    update_item(actor=None, item=item, workgroup=None, assignee=None, due=None, urls_text="https://e.example.org/o3")
    return change_status(actor=None, item=item, target="submitted")


def _posts(world: World) -> list[tuple[str, str, dict[str, Any], set[str]]]:
    """(label, url, body, roles that succeed) for every write of the board on the own agency."""
    oit = ensure_oit(world)
    board = oit.own_board
    item = oit.own_item
    submitted = _submitted_item(world)
    args = [world.own.pk, 2566]
    return [
        ("create", reverse("oit_boards", args=[world.own.pk]), {"year": "2568"}, EDITORS),
        (
            "assign",
            reverse("oit_assign", args=args),
            {"items": [str(board.items.get(code="O7").pk)], "due": "๑๑/๐๔/๒๕๖๖"},
            EDITORS,
        ),
        ("workgroups", reverse("oit_workgroups", args=args), {"names": "กองช่างทดสอบ"}, REVIEWERS),
        (
            "webmaster",
            reverse("oit_webmaster", args=args),
            {"webmaster": str(world.users["agency_viewer"].pk)},
            EDITORS,
        ),
        ("check", reverse("oit_check_links", args=args), {}, EDITORS),
        (
            "item",
            reverse("oit_item", args=[item.pk]),
            {"workgroup": "", "assignee": "", "due": "", "urls": "https://x.example.org/o1"},
            EDITORS,
        ),
        ("start", reverse("oit_item_status", args=[item.pk]), {"to": "in_progress"}, EDITORS),
        ("approve", reverse("oit_item_status", args=[submitted.pk]), {"to": "approved"}, REVIEWERS),
        ("comment", reverse("oit_item_comment", args=[item.pk]), {"text": "ขอแก้ชื่อไฟล์"}, EDITORS),
    ]


def _fingerprint() -> tuple[object, ...]:
    return (oit_state(), AuditEvent.objects.exclude(action__startswith="login").count(), Organisation.objects.count())


@pytest.mark.parametrize("role", ROLES)
def test_own_board_writes_by_role(world: World, role: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(board_services, "check_links_within", lambda pairs, **kw: ([], list(pairs)))
    client = _client(world, role)
    for label, url, body, allowed in _posts(world):
        before = _fingerprint()
        response = client.post(url, body)
        if role in allowed:
            assert response.status_code == 302, f"{role} {label}: {response.status_code}"
            if label != "check":  # nothing reached in time: the check writes only its audit record
                assert _fingerprint() != before, f"{role} {label} wrote nothing"
        else:
            assert response.status_code == 403, f"{role} {label}: {response.status_code}"
            assert _fingerprint() == before, f"{role} {label} was refused but wrote"


@pytest.mark.parametrize("role", ["agency_viewer", "oversight"])
def test_readers_see_no_forms(world: World, role: str) -> None:
    oit = ensure_oit(world)
    client = _client(world, role)
    page = client.get(reverse("oit_board", args=[world.own.pk, 2566])).content.decode()
    assert "กระดานเตรียมข้อมูล OIT ปีงบประมาณ 2566" in page
    assert 'name="items"' not in page and "ตรวจลิงก์หลักฐานทั้งหมด" not in page
    item_page = client.get(reverse("oit_item", args=[oit.own_item.pk])).content.decode()
    assert "ตรวจแล้ว ขอเพิ่มแผนผังโครงสร้าง" in item_page  # the history is readable
    assert 'name="urls"' not in item_page and 'name="to"' not in item_page


def test_editor_cannot_approve_through_the_page(world: World) -> None:
    submitted = _submitted_item(world)
    client = _client(world, "agency_editor")
    page = client.get(reverse("oit_item", args=[submitted.pk])).content.decode()
    assert 'value="approved"' not in page and "รอผู้ดูแลหน่วยงานตรวจและอนุมัติ" in page
    admin_page = _client(world, "agency_admin").get(reverse("oit_item", args=[submitted.pk])).content.decode()
    assert 'value="approved"' in admin_page and 'value="needs_correction"' in admin_page


def test_illegal_move_is_explained_and_changes_nothing(world: World) -> None:
    oit = ensure_oit(world)
    client = _client(world, "agency_admin")
    url = reverse("oit_item_status", args=[oit.own_item.pk])
    before = _fingerprint()
    response = client.post(url, {"to": "approved"}, follow=True)
    assert "เปลี่ยนสถานะจาก &quot;ยังไม่เริ่ม&quot; เป็น &quot;อนุมัติแล้ว&quot; ไม่ได้" in response.content.decode()
    response = client.post(url, {"to": "needs_correction", "comment": ""}, follow=True)
    assert "ไม่ได้" in response.content.decode()
    assert _fingerprint() == before
    submitted = _submitted_item(world)
    before = _fingerprint()
    response = client.post(reverse("oit_item_status", args=[submitted.pk]), {"to": "needs_correction"}, follow=True)
    assert "การส่งกลับให้แก้ไขต้องมีความเห็นของผู้ตรวจ" in response.content.decode()
    assert _fingerprint() == before


def test_bad_due_date_and_urls_are_named_and_nothing_is_saved(world: World) -> None:
    oit = ensure_oit(world)
    client = _client(world, "agency_editor")
    before = _fingerprint()
    response = client.post(reverse("oit_assign", args=[world.own.pk, 2566]), {"subs": ["9.3"], "due": "31/02/2566"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "อ่าน &quot;31/02/2566&quot; เป็นวันที่ไม่ได้" in page and "30/09/2567" in page
    response = client.post(reverse("oit_assign", args=[world.own.pk, 2566]), {"due": "11/04/2566"})
    assert response.status_code == 400 and "ยังไม่ได้เลือกข้อ OIT" in response.content.decode()
    response = client.post(
        reverse("oit_item", args=[oit.own_item.pk]),
        {"workgroup": "", "assignee": "", "due": "พรุ่งนี้", "urls": "www.x.go.th\nftp://x"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "บรรทัดที่ 1" in page and "บรรทัดที่ 2" in page and "เป็นวันที่ไม่ได้" in page
    assert _fingerprint() == before


def test_assign_a_whole_sub_indicator_with_a_thai_date(world: World) -> None:
    oit = ensure_oit(world)
    client = _client(world, "agency_editor")
    response = client.post(
        reverse("oit_assign", args=[world.own.pk, 2566]),
        {
            "subs": ["9.3"],
            "workgroup": str(oit.workgroup.pk),
            "assignee": str(world.users["agency_admin"].pk),
            "due": "11 เม.ย. ๒๕๖๖",
        },
    )
    assert response.status_code == 302
    procurement = oit.own_board.items.filter(sub_indicator="9.3")
    assert procurement.count() == 4
    assert set(procurement.values_list("due", "workgroup_id", "assignee_id")) == {
        (dt.date(2023, 4, 11), oit.workgroup.pk, world.users["agency_admin"].pk)
    }


def test_board_flags_overdue_with_text_and_counts(world: World) -> None:
    oit = ensure_oit(world)  # O1 and O2 are due 11 April 2566, long past
    page = _client(world, "agency_viewer").get(reverse("oit_board", args=[world.own.pk, 2566])).content.decode()
    assert 'data-testid="count-overdue">2<' in page
    assert 'data-testid="overdue-O1"' in page and "⚠ เลยกำหนด" in page
    assert "11 เม.ย. 2566" in page
    filtered = (
        _client(world, "agency_viewer")
        .get(reverse("oit_board", args=[world.own.pk, 2566]), {"overdue": "on"})
        .content.decode()
    )
    assert 'data-testid="row-O1"' in filtered and 'data-testid="row-O3"' not in filtered
    assert "ที่ตรงตามตัวกรอง (2 จาก 43 ข้อ)" in filtered
    bad = _client(world, "agency_viewer").get(reverse("oit_board", args=[world.own.pk, 2566]), {"status": "done"})
    assert bad.status_code == 200 and "ตัวกรองบางช่องไม่ถูกต้อง" in bad.content.decode()
    assert oit.own_board.items.count() == 43


def test_year_without_oit_list_shows_a_thai_message(world: World) -> None:
    client = _client(world, "agency_editor")
    page = client.get(reverse("oit_board", args=[world.own.pk, 2567]))
    assert page.status_code == 200
    assert "ยังไม่มีรายการข้อ OIT" in page.content.decode()
    response = client.post(reverse("oit_boards", args=[world.own.pk]), {"year": "2567"})
    assert response.status_code == 400 and "ยังไม่มีรายการข้อ OIT" in response.content.decode()
    page = client.get(reverse("oit_board", args=[world.own.pk, 2599]))
    assert page.status_code == 200 and "ยังไม่มีกรอบการประเมินของปีงบประมาณ 2599" in page.content.decode()
    assert not OitBoard.objects.exists()


def test_editor_creates_the_first_work_groups_from_the_board(world: World) -> None:
    Organisation.objects.filter(parent=world.own, kind="workgroup").delete()
    create_board(actor=None, organisation=world.own, year=2566)
    client = _client(world, "agency_editor")
    page = client.get(reverse("oit_board", args=[world.own.pk, 2566])).content.decode()
    assert "หน่วยงานนี้ยังไม่มีกลุ่มงาน" in page
    response = client.post(reverse("oit_workgroups", args=[world.own.pk, 2566]), {"names": "สำนักปลัด\nกองคลัง\n"})
    assert response.status_code == 302
    assert sorted(Organisation.objects.filter(parent=world.own, kind="workgroup").values_list("name", flat=True)) == [
        "กองคลัง",
        "สำนักปลัด",
    ]
    page = client.get(reverse("oit_board", args=[world.own.pk, 2566])).content.decode()
    assert "เพิ่มกลุ่มงานแล้ว: สำนักปลัด, กองคลัง" in page
    assert ">เพิ่มกลุ่มงาน</button>" not in page  # more groups are the agency administrator's to add


def test_publish_page_lists_what_to_put_online(world: World) -> None:
    oit = ensure_oit(world)
    item = _submitted_item(world)
    change_status(actor=world.users["agency_admin"], item=item, target="approved")
    page = _client(world, "agency_viewer").get(reverse("oit_publish", args=[world.own.pk, 2566])).content.decode()
    assert "ตัวชี้วัดย่อย 9.1 ข้อมูลพื้นฐาน" in page
    assert 'data-testid="publish-O3"' in page and "https://e.example.org/o3" in page
    assert "✓ อนุมัติแล้ว เผยแพร่ได้" in page
    assert 'data-testid="publish-O1"' not in page  # not submitted
    assert oit.own_board.items.count() == 43


def test_roll_page_previews_and_rolls(world: World) -> None:
    board = create_board(actor=None, organisation=world.own, year=2565)
    client = _client(world, "agency_editor")
    page = client.get(reverse("oit_roll", args=[world.own.pk, 2565])).content.decode()
    assert "O17 → O18" in page and "ข้อที่ยกไปไม่ได้" in page
    assert not OitBoard.objects.filter(year=2566).exists()
    response = client.post(reverse("oit_roll", args=[world.own.pk, 2565]))
    assert response.status_code == 302 and response["Location"] == reverse("oit_board", args=[world.own.pk, 2566])
    page = client.get(response["Location"]).content.decode()
    assert "ยกยอดมาจากกระดานปี 2565" in page and "O10" in page
    assert board.items.count() == 43 and OitBoard.objects.get(year=2566).items.count() == 43
    viewer = _client(world, "agency_viewer").get(reverse("oit_roll", args=[world.own.pk, 2566])).content.decode()
    assert "2567" in viewer and 'data-testid="roll"' not in viewer


def test_agency_home_links_the_board(world: World) -> None:
    page = _client(world, "agency_viewer").get(reverse("agency", args=[world.own.pk])).content.decode()
    assert reverse("oit_boards", args=[world.own.pk]) in page


def test_sent_back_item_shows_what_to_fix(world: World) -> None:
    submitted = _submitted_item(world)
    admin = _client(world, "agency_admin")
    response = admin.post(
        reverse("oit_item_status", args=[submitted.pk]),
        {"to": "needs_correction", "comment": "ลิงก์ชี้ไปหน้าแรก ขอให้ชี้หน้าโครงสร้างโดยตรง"},
    )
    assert response.status_code == 302
    page = _client(world, "agency_editor").get(reverse("oit_item", args=[submitted.pk])).content.decode()
    assert 'data-testid="last-review"' in page and "ขอให้ชี้หน้าโครงสร้างโดยตรง" in page
    assert 'data-testid="to-submitted"' in page  # the editor can send it again


def test_whole_sub_indicator_choice_only_without_filters(world: World) -> None:
    ensure_oit(world)
    client = _client(world, "agency_editor")
    url = reverse("oit_board", args=[world.own.pk, 2566])
    assert 'name="subs" value="9.1"' in client.get(url).content.decode()
    # a filtered view would otherwise assign items the editor cannot see
    assert 'name="subs"' not in client.get(url, {"overdue": "on"}).content.decode()
