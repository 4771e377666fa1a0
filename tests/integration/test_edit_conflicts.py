"""Optimistic concurrency (issue 12 point 4) at the service level: of two saves from forms opened at the same
version, the second is refused with what changed (Thai, field by field, then and now) and writes nothing; the
same through the pages, where the refused form comes back with what was typed and the new version."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from prongsai.web.core.concurrency import Change, EditConflict, dumps, loads
from prongsai.web.kpi.models import KpiCheck
from prongsai.web.kpi.services import check_shown, mark_criterion
from prongsai.web.oitboard.models import OitItem
from prongsai.web.oitboard.selectors import item_shown
from prongsai.web.oitboard.services import change_status, create_board, update_item
from prongsai.web.plans.models import Measure, Plan, Step
from prongsai.web.plans.selectors import measure_shown, plan_shown, step_shown
from prongsai.web.plans.services import (
    BLANK,
    StepEdit,
    add_step,
    create_plan,
    import_plan_file,
    preview_plan_import,
    save_measure,
    save_step,
)
from tests.support.web_world import World


def _measure(world: World) -> Measure:
    plan = create_plan(actor=None, organisation=world.own, year=2567, mode=BLANK)
    measure = save_measure(actor=None, plan=plan, text="มาตรการเดิม", questions=["I1"], period="ทั้งปี")
    add_step(actor=None, measure=measure, text="ขั้นตอนเดิม", due=dt.date(2024, 1, 31))
    return Measure.objects.get(pk=measure.pk)


def test_snapshot_is_signed_and_changes_are_listed_in_order() -> None:
    token = dumps({"มาตรการ": "ก", "ระยะเวลาดำเนินการ": "ทั้งปี"})
    assert loads(token) == {"มาตรการ": "ก", "ระยะเวลาดำเนินการ": "ทั้งปี"}
    assert loads(token[:-2] + "xx") == {} and loads("") == {}
    assert [(c.label, c.seen, c.now) for c in [*loads_changes(token)]] == [
        ("มาตรการ", "ก", "ข"),
        ("ระยะเวลาดำเนินการ", "ทั้งปี", "(ว่าง)"),
    ]


def loads_changes(token: str) -> list[Change]:
    from prongsai.web.core.concurrency import changes

    return changes(loads(token), {"มาตรการ": "ข", "ระยะเวลาดำเนินการ": ""})


def test_second_measure_save_from_the_same_version_is_refused(world: World) -> None:
    measure = _measure(world)
    version, seen = measure.version, measure_shown(measure)
    editor, admin = world.users["agency_editor"], world.users["agency_admin"]
    save_measure(
        actor=editor,
        plan=measure.plan,
        measure=measure,
        text="มาตรการของคนแรก",
        questions=["I1"],
        period="ทั้งปี",
        version=version,
        seen=seen,
    )
    with pytest.raises(EditConflict) as refused:
        save_measure(
            actor=admin,
            plan=measure.plan,
            measure=Measure.objects.get(pk=measure.pk),
            text="มาตรการเดิม",
            questions=["I1"],
            period="ไตรมาสที่ 1",
            version=version,
            seen=seen,
        )
    assert [(c.label, c.seen, c.now) for c in refused.value.changes] == [("มาตรการ", "มาตรการเดิม", "มาตรการของคนแรก")]
    message = refused.value.messages[0]
    assert "มีผู้อื่นแก้ไขมาตรการนี้" in message and 'มาตรการ: จาก "มาตรการเดิม" เป็น "มาตรการของคนแรก"' in message
    stored = Measure.objects.get(pk=measure.pk)
    assert (stored.text, stored.period) == ("มาตรการของคนแรก", "ทั้งปี")
    # From the version it now has, the second person's save goes through.
    save_measure(
        actor=admin,
        plan=stored.plan,
        measure=stored,
        text=stored.text,
        questions=["I1"],
        period="ไตรมาสที่ 1",
        version=stored.version,
        seen=measure_shown(stored),
    )
    assert Measure.objects.get(pk=measure.pk).period == "ไตรมาสที่ 1"


def test_a_step_change_makes_the_measure_form_stale(world: World) -> None:
    measure = _measure(world)
    version, seen = measure.version, measure_shown(measure)
    step = measure.steps.get()
    step_version, step_seen = step.version, step_shown(step)
    save_step(actor=None, step=step, text="ขั้นตอนที่แก้แล้ว", due=step.due, version=step_version, seen=step_seen)
    with pytest.raises(EditConflict) as refused:
        save_measure(
            actor=None,
            plan=measure.plan,
            measure=measure,
            text="มาตรการเดิม",
            questions=["I1"],
            steps=[StepEdit(step.pk, "ขั้นตอนเดิม", dt.date(2024, 2, 1))],
            version=version,
            seen=seen,
        )
    assert [c.label for c in refused.value.changes] == ["ขั้นตอนที่ 1"]
    assert Step.objects.get(pk=step.pk).text == "ขั้นตอนที่แก้แล้ว"
    with pytest.raises(EditConflict):  # the step's own form from before its change is stale too
        save_step(actor=None, step=Step.objects.get(pk=step.pk), text="อีกครั้ง", version=step_version, seen=step_seen)


def test_measure_form_refused_keeps_what_was_typed(world: World) -> None:
    measure = _measure(world)
    client = Client()
    client.force_login(get_user_model().objects.get(username="t_agency_editor"))
    page = client.get(reverse("measure", args=[measure.pk])).content.decode()
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    seen = re.search(r'name="seen" value="([^"]+)"', page).group(1)
    save_measure(actor=None, plan=measure.plan, measure=measure, text="แก้โดยอีกคน", questions=["I1"], period="ทั้งปี")
    step = measure.steps.get()
    response = client.post(
        reverse("measure", args=[measure.pk]),
        {
            "text": "มาตรการเดิม",
            "questions": "I1",
            "period": "ที่พิมพ์ไว้",
            "version": version,
            "seen": seen,
            "steps-TOTAL_FORMS": "2",
            "steps-INITIAL_FORMS": "1",
            "steps-0-id": str(step.pk),
            "steps-0-text": "ขั้นตอนเดิม",
            "steps-0-due": "1/2/2567",
            "steps-1-text": "",
            "steps-1-due": "",
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "มีผู้อื่นแก้ไขมาตรการนี้" in body and "แก้โดยอีกคน" in body
    assert 'value="ที่พิมพ์ไว้"' in body and 'value="1/2/2567"' in body
    fresh = Measure.objects.get(pk=measure.pk)
    assert fresh.period == "ทั้งปี" and f'name="version" value="{fresh.version}"' in body


def test_second_oit_item_save_is_refused(world: World) -> None:
    board = create_board(actor=None, organisation=world.own, year=2566)
    item = OitItem.objects.select_related("workgroup", "assignee").get(board=board, code="O1")
    version, seen = item.version, item_shown(item)
    update_item(
        actor=None,
        item=item,
        workgroup=None,
        assignee=None,
        due=dt.date(2024, 4, 11),
        urls_text="https://www.example.go.th/a",
        version=version,
        seen=seen,
    )
    with pytest.raises(EditConflict) as refused:
        update_item(
            actor=None,
            item=item,
            workgroup=None,
            assignee=None,
            due=None,
            urls_text="https://www.example.go.th/b",
            version=version,
            seen=seen,
        )
    assert [(c.label, c.now) for c in refused.value.changes] == [
        ("กำหนดส่ง", "11/04/2567"),
        ("ลิงก์หลักฐาน", "https://www.example.go.th/a"),
    ]
    with pytest.raises(EditConflict):  # nobody submits (or approves) links they have not seen
        change_status(actor=None, item=item, target="submitted", version=version, seen=seen)
    stored = OitItem.objects.get(pk=item.pk)
    assert [link.url for link in stored.links.all()] == ["https://www.example.go.th/a"]
    assert stored.status == "not_started"


def test_second_kpi_criterion_save_is_refused(world: World) -> None:
    org, editor = world.own, world.users["agency_editor"]
    first = mark_criterion(
        actor=editor,
        organisation=org,
        year=2566,
        criterion="review",
        met=True,
        note="ก",
        version=0,
        seen=check_shown(None),
    )
    with pytest.raises(EditConflict) as refused:  # opened before the first save, when nothing was recorded
        mark_criterion(
            actor=editor,
            organisation=org,
            year=2566,
            criterion="review",
            met=True,
            note="ข",
            version=0,
            seen=check_shown(None),
        )
    assert [(c.label, c.seen, c.now) for c in refused.value.changes] == [
        ("ดำเนินการแล้ว", "ยังไม่ดำเนินการ", "ดำเนินการแล้ว"),
        ("บันทึกหลักฐาน", "(ว่าง)", "ก"),
    ]
    shown = check_shown(first)
    mark_criterion(
        actor=editor,
        organisation=org,
        year=2566,
        criterion="review",
        met=True,
        note="ค",
        version=first.version,
        seen=shown,
    )
    with pytest.raises(EditConflict):
        mark_criterion(
            actor=editor,
            organisation=org,
            year=2566,
            criterion="review",
            met=False,
            note="ก",
            version=first.version,
            seen=shown,
        )
    assert KpiCheck.objects.get(criterion="review").note == "ค"


def test_plan_import_refused_when_the_plan_changed_after_its_preview(world: World, tmp_path: Path) -> None:
    measure = _measure(world)
    plan = measure.plan
    client = Client()
    client.force_login(get_user_model().objects.get(username="t_agency_editor"))
    data = client.get(reverse("plan_export", args=[plan.pk])).content
    assert preview_plan_import(actor=None, plan=plan, data=data, filename="plan.xlsx") == []
    plan.refresh_from_db()
    version, seen = plan.version, plan_shown(plan)
    save_measure(actor=None, plan=plan, measure=measure, text="แก้หลังแสดงตัวอย่าง", questions=["I1"], period="ทั้งปี")
    with pytest.raises(EditConflict) as refused:
        import_plan_file(actor=None, plan=plan, data=data, filename="plan.xlsx", version=version, seen=seen)
    assert [c.now for c in refused.value.changes] == ["แก้หลังแสดงตัวอย่าง"]
    assert Plan.objects.get(pk=plan.pk).measures.get().text == "แก้หลังแสดงตัวอย่าง"
