"""The driving KPI: who may keep and edit one, evidence rules, the level computed from the checks, a fresh year."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from prongsai.web.accounts.models import OVERSIGHT
from prongsai.web.accounts.selectors import Scope, scope_of
from prongsai.web.accounts.services import create_member
from prongsai.web.audit.models import AuditEvent
from prongsai.web.core.demo import DEMO_PROVINCE, load_demo
from prongsai.web.kpi.models import DrivingKpi, KpiCheck
from prongsai.web.kpi.selectors import kpi_sheet, kpi_years
from prongsai.web.kpi.services import mark_criterion
from prongsai.web.organisations.models import Organisation
from tests.support.web_world import PASSWORD, World

LINK = "https://www.example.go.th/ita/plan.pdf"


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(client: Client, org: Organisation, year: int, key: str, **fields: str) -> Any:
    data = {"criterion": key, **{f"{key}-{name}": value for name, value in fields.items()}}
    return client.post(reverse("kpi_year", args=[org.pk, year]), data)


def _counts() -> tuple[int, int, int]:
    return DrivingKpi.objects.count(), KpiCheck.objects.count(), AuditEvent.objects.count()


def test_agency_editor_marks_a_criterion_with_evidence(world: World) -> None:
    editor = world.users["agency_editor"]
    response = _post(
        _client(editor),
        world.own,
        2566,
        "review",
        met="on",
        note="ประชุมคณะทำงาน ครั้งที่ ๑/๒๕๖๖",
        links=f"{LINK}\n\n  https://example.go.th/a  ",
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/kpi/{world.own.pk}/2566/#c-review")
    check = KpiCheck.objects.get(kpi__organisation=world.own, kpi__year=2566, criterion="review")
    assert check.met and check.met_by == editor and check.met_at is not None and check.updated_by == editor
    assert check.note == "ประชุมคณะทำงาน ครั้งที่ ๑/๒๕๖๖"  # Thai digits kept as typed
    assert check.links == [LINK, "https://example.go.th/a"]
    event = AuditEvent.objects.get(action="kpi.criterion")
    assert event.before is None and event.after["met"] is True and event.org_path == world.own.path
    page = _client(editor).get(reverse("kpi_year", args=[world.own.pk, 2566]))
    body = page.content.decode()
    assert 'data-testid="kpi-level">1<' in body
    assert "ดำเนินการแล้วโดย t_agency_editor" in body and LINK in body
    assert "ถ่ายทอดและมอบหมายผู้รับผิดชอบ" not in body.split('data-testid="kpi-missing"')[1].split("</ul>")[0]


@pytest.mark.parametrize("role", ["agency_viewer", "oversight"])
def test_readers_see_the_checklist_but_cannot_change_it(world: World, role: str) -> None:
    mark_criterion(
        actor=world.users["agency_admin"],
        organisation=world.own,
        year=2566,
        criterion="review",
        met=True,
        note="มีหลักฐาน",
    )
    client = _client(world.users[role])
    page = client.get(reverse("kpi_year", args=[world.own.pk, 2566]))
    assert page.status_code == 200
    assert "มีหลักฐาน" in page.content.decode() and 'name="criterion"' not in page.content.decode()
    before = _counts()
    assert _post(client, world.own, 2566, "plan", met="on", note="x").status_code == 403
    assert _counts() == before
    with pytest.raises(PermissionDenied):
        mark_criterion(actor=world.users[role], organisation=world.own, year=2566, criterion="plan", met=True, note="x")


def test_an_oversight_node_is_edited_by_its_own_oversight_user_and_read_above(world: World) -> None:
    province_user = create_member(
        actor=None,
        organisation=world.province,
        username="t_province",
        password=PASSWORD,
        role=OVERSIGHT,
        validate=False,
    ).user
    assert _post(_client(province_user), world.province, 2566, "review", met="on", note="ประชุมแล้ว").status_code == 302
    # the ministry's oversight user edits the ministry, not the province (another branch: 404)
    ministry_user = world.users["oversight"]
    assert _post(_client(ministry_user), world.ministry, 2566, "review", met="on", note="ok").status_code == 302
    assert _client(ministry_user).get(reverse("kpi_year", args=[world.province.pk, 2566])).status_code == 404
    # the province user may not edit an agency under it (its people do), only read it
    assert _client(province_user).get(reverse("kpi_year", args=[world.far.pk, 2566])).status_code == 200
    assert _post(_client(province_user), world.far, 2566, "review", met="on", note="x").status_code == 403
    # agency people never see their ministry's KPI
    assert _client(world.users["agency_admin"]).get(reverse("kpi", args=[world.ministry.pk])).status_code == 404
    # the system administrator edits any KPI; the national node and work groups have none
    admin = _client(world.users["admin"])
    assert _post(admin, world.far, 2566, "review", met="on", note="x").status_code == 302
    assert admin.get(reverse("kpi", args=[world.national.pk])).status_code == 404
    workgroup = Organisation.objects.get(kind="workgroup")
    assert admin.get(reverse("kpi", args=[workgroup.pk])).status_code == 404


def test_met_needs_evidence_and_bad_links_are_named_by_line(world: World) -> None:
    client = _client(world.users["agency_editor"])
    before = _counts()
    response = _post(client, world.own, 2566, "plan", met="on", note="  ", links="")
    assert response.status_code == 400
    assert "กรุณาระบุหลักฐานอย่างน้อยหนึ่งอย่าง" in response.content.decode()
    response = _post(
        client,
        world.own,
        2566,
        "plan",
        met="on",
        note="แผน",
        links=f"{LINK}\nwww.example.go.th/plan\njavascript:alert(1)",
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "บรรทัดที่ 2 “www.example.go.th/plan” ไม่ใช่ที่อยู่เว็บที่ใช้ได้" in body
    assert "บรรทัดที่ 3" in body and "ต้องขึ้นต้นด้วย http:// หรือ https://" in body
    assert '<details class="kpi-edit" open>' in body  # the form with the error is open, the typed note kept
    assert "แผน</textarea>" in body
    response = _post(
        client,
        world.own,
        2566,
        "plan",
        met="on",
        note="x",
        links="\n".join(f"https://example.go.th/{i}" for i in range(11)),
    )
    assert response.status_code == 400 and "ใส่ลิงก์ได้ไม่เกิน 10 รายการ" in response.content.decode()
    assert _post(client, world.own, 2566, "nope", met="on", note="x").status_code == 400
    assert _counts() == before
    with pytest.raises(ValidationError):
        mark_criterion(
            actor=world.users["agency_editor"], organisation=world.own, year=2566, criterion="plan", met=True
        )


def test_level_counts_only_with_every_lower_level_and_unticking_clears_who(world: World) -> None:
    editor = world.users["agency_editor"]
    scope = scope_of(editor)

    def mark(key: str, met: bool = True) -> None:
        mark_criterion(actor=editor, organisation=world.own, year=2567, criterion=key, met=met, note="หลักฐาน")

    for key in ("review", "cascade", "web_admin"):
        mark(key)
    sheet = kpi_sheet(scope, world.own, 2567)
    assert sheet.result.level == 1 and [c.key for c in sheet.result.missing] == ["plan"]
    level3 = sheet.levels[2]
    assert level3.complete and not level3.counts and level3.gap_below == 2
    body = _client(editor).get(reverse("kpi_year", args=[world.own.pk, 2567])).content.decode()
    assert "ครบแล้ว แต่ยังไม่นับ เพราะระดับ 2 ยังไม่ครบ" in body
    mark("plan")
    assert kpi_sheet(scope, world.own, 2567).result.level == 3
    mark("review", met=False)
    assert kpi_sheet(scope, world.own, 2567).result.level == 0
    check = KpiCheck.objects.get(kpi__year=2567, criterion="review")
    assert not check.met and check.met_by is None and check.met_at is None and check.note == "หลักฐาน"
    events = AuditEvent.objects.filter(action="kpi.criterion").count()
    mark("review", met=False)  # the same again: nothing to write
    assert AuditEvent.objects.filter(action="kpi.criterion").count() == events


def test_a_new_year_is_a_fresh_checklist_and_the_old_year_stays(world: World) -> None:
    editor = world.users["agency_editor"]
    for key in ("review", "plan"):
        mark_criterion(actor=editor, organisation=world.own, year=2567, criterion=key, met=True, note="หลักฐานของปีก่อน")
    client = _client(editor)
    page = client.get(reverse("kpi_year", args=[world.own.pk, 2568]))
    assert page.status_code == 200
    assert 'data-testid="kpi-level">0<' in page.content.decode() and "หลักฐานของปีก่อน" not in page.content.decode()
    assert not DrivingKpi.objects.filter(year=2568).exists()  # opening a year writes nothing
    mark_criterion(actor=editor, organisation=world.own, year=2568, criterion="review", met=True, note="ปี 2568")
    assert kpi_years(scope_of(editor), world.own) == [(2568, 1), (2567, 2)]
    assert KpiCheck.objects.get(kpi__year=2567, criterion="review").note == "หลักฐานของปีก่อน"
    index = client.get(reverse("kpi", args=[world.own.pk])).content.decode()
    assert 'data-testid="kpi-year-2567">ระดับ 2 จาก 5' in index


def test_years_are_checked_and_thai_digits_accepted(world: World) -> None:
    client = _client(world.users["agency_viewer"])
    index = reverse("kpi", args=[world.own.pk])
    response = client.get(index, {"year": "๒๕๖๗"})
    assert response.status_code == 302 and response["Location"] == reverse("kpi_year", args=[world.own.pk, 2567])
    response = client.get(index, {"year": "67"})
    assert response.status_code == 400 and "ปีงบประมาณต้องเป็นตัวเลข พ.ศ. สี่หลัก" in response.content.decode()
    assert client.get(reverse("kpi_year", args=[world.own.pk, 2559])).status_code == 404
    assert client.get(reverse("kpi_year", args=[world.own.pk, 2700])).status_code == 404
    with pytest.raises(ValidationError):
        mark_criterion(
            actor=world.users["agency_editor"],
            organisation=world.own,
            year=2559,
            criterion="review",
            met=True,
            note="x",
        )


def test_demo_province_has_a_full_year_and_one_with_a_gap(db: Any) -> None:
    load_demo(agencies=1)
    province = Organisation.objects.get(name=DEMO_PROVINCE)
    admin = Scope(None, "admin", None, None)
    assert kpi_years(admin, province) == [(2569, 1), (2568, 5)]
    sheet = kpi_sheet(admin, province, 2569)
    assert sheet.levels[2].complete and not sheet.levels[2].counts


POST_OWN = {"admin": 302, "oversight": 403, "agency_admin": 302, "agency_editor": 302, "agency_viewer": 403}


@pytest.mark.parametrize("role", list(POST_OWN))
def test_who_may_save_the_own_agency_checklist(world: World, role: str) -> None:
    before = _counts()
    response = _post(_client(world.users[role]), world.own, 2566, "review", met="on", note="หลักฐาน")
    assert response.status_code == POST_OWN[role]
    assert (_counts() == before) == (POST_OWN[role] == 403)
