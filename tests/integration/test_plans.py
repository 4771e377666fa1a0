"""Plans (O42) and progress (O43): services write what they should and check who may, selectors read what the pages
show, and every write route refuses readers without writing anything."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from prongsai.ita.library import framework_for
from prongsai.ita.problems import InputError
from prongsai.ita.thaidates import parse_date
from prongsai.web.audit.models import AuditEvent
from prongsai.web.organisations.models import Organisation
from prongsai.web.plans.models import Measure, MeasureProgress, Plan, Step, StepProgress
from prongsai.web.plans.reminders import due_steps
from prongsai.web.plans.selectors import plan_as_domain, plan_page, progress_plan
from prongsai.web.plans.services import (
    BLANK,
    DRAFT,
    add_step,
    create_plan,
    delete_measure,
    delete_step,
    move_measure,
    move_step,
    roll_over,
    save_measure,
    save_progress,
)
from prongsai.web.reminders.sources import collect
from tests.support.angthong_2566 import ANG_THONG_WEAK
from tests.support.plans_world import plan_state, plan_world
from tests.support.web_world import World


def _draft(world: World) -> Plan:
    return create_plan(
        actor=world.users["agency_editor"], organisation=world.own, year=2567, mode=DRAFT, question_threshold=90
    )


def test_draft_from_the_stored_analysis_answers_every_weak_item(world: World) -> None:
    plan = _draft(world)
    assert (plan.year, plan.assessed_year) == (2567, 2566)
    domain = plan_as_domain(plan)
    assert domain.answered() == ANG_THONG_WEAK
    measures = list(plan.measures.order_by("number"))
    assert [m.number for m in measures] == list(range(1, len(measures) + 1))
    assert all(m.steps.exists() and m.monitoring for m in measures)
    # The library's responsible parties are no work group of this agency: they are kept as text.
    assert all(m.other_responsible for m in measures)
    assert AuditEvent.objects.filter(action="plan.create", object_id=str(plan.pk)).exists()
    page = plan_page(plan)
    o18 = next(v for v in page if "O18" in v.measure.questions)
    assert o18.questions == [("O18", framework_for(2566).items["O18"].title)]


def test_the_default_threshold_is_the_pass_mark(world: World) -> None:
    plan = create_plan(actor=None, organisation=world.own, year=2567, mode=DRAFT)
    answered = plan_as_domain(plan).answered()
    assert "I17" not in answered and "E10" in answered


def test_one_plan_a_year_and_no_draft_without_a_result(world: World) -> None:
    _draft(world)
    with pytest.raises(InputError, match="มีแผนปีงบประมาณ 2567 แล้ว"):
        _draft(world)
    with pytest.raises(InputError) as raised:
        create_plan(actor=None, organisation=world.own, year=2569, mode=DRAFT)
    assert "ยังไม่มีผลการประเมินปี 2568" in raised.value.problems[0].message
    with pytest.raises(InputError):
        create_plan(actor=None, organisation=world.own, year=2400, mode=BLANK)
    blank = create_plan(actor=None, organisation=world.own, year=2569, mode=BLANK)
    assert blank.measures.count() == 0


@pytest.mark.parametrize("role", ["oversight", "agency_viewer"])
def test_readers_cannot_write_plans(world: World, role: str) -> None:
    plan = create_plan(actor=None, organisation=world.own, year=2567, mode=BLANK)
    before = plan_state()
    actor = world.users[role]
    with pytest.raises(PermissionDenied):
        create_plan(actor=actor, organisation=world.own, year=2568, mode=BLANK)
    with pytest.raises(PermissionDenied):
        save_measure(actor=actor, plan=plan, text="x")
    assert plan_state() == before


def test_editors_cannot_write_another_agencys_plan(world: World) -> None:
    plans = plan_world(world)
    before = plan_state()
    for role in ("agency_admin", "agency_editor"):
        with pytest.raises(PermissionDenied):
            save_measure(actor=world.users[role], plan=plans.sibling.plan, text="แทรก")
        with pytest.raises(PermissionDenied):
            save_progress(actor=world.users[role], measure=plans.far.measure, quarter=1, status="done")
    assert plan_state() == before


def test_measure_codes_units_and_people_are_checked(world: World) -> None:
    plan = create_plan(actor=None, organisation=world.own, year=2567, mode=BLANK)
    editor = world.users["agency_editor"]
    group = Organisation.objects.get(parent=world.own, kind="workgroup")
    measure = save_measure(
        actor=editor,
        plan=plan,
        text="ชี้แจงงบประมาณ",
        questions=["i17", "I๑๘"],
        evidence_codes=["O18"],
        units=[group],
        people=[editor],
        deadline=parse_date("30 ก.ย. 2567"),
    )
    assert measure.questions == ["I17", "I18"] and measure.deadline == dt.date(2024, 9, 30)
    assert plan_as_domain(plan).rows[0].responsible == (group.name, editor.username)
    with pytest.raises(ValidationError, match="ไม่มีรหัส X99"):
        save_measure(actor=editor, plan=plan, text="ผิด", questions=["X99"])
    with pytest.raises(ValidationError, match="ไม่มีรหัส I1"):
        save_measure(actor=editor, plan=plan, text="ผิด", evidence_codes=["I1"])  # evidence must be OIT items
    foreign_group = Organisation.objects.create(name="กองอื่น", kind="workgroup", parent=world.sibling)
    with pytest.raises(ValidationError, match="กลุ่มงาน"):
        save_measure(actor=editor, plan=plan, text="ผิด", units=[foreign_group])
    with pytest.raises(ValidationError, match="ผู้รับผิดชอบ"):
        save_measure(actor=editor, plan=plan, text="ผิด", people=[world.users["oversight"]])
    assert plan.measures.count() == 1


def test_measures_and_steps_are_reordered_and_deleted(world: World) -> None:
    plan = create_plan(actor=None, organisation=world.own, year=2567, mode=BLANK)
    editor = world.users["agency_editor"]
    first, second, third = (save_measure(actor=editor, plan=plan, text=f"มาตรการ {n}") for n in "กขค")
    move_measure(actor=editor, measure=third, direction="up")
    assert list(plan.measures.order_by("number").values_list("text", flat=True)) == [
        "มาตรการ ก",
        "มาตรการ ค",
        "มาตรการ ข",
    ]
    delete_measure(actor=editor, measure=first)
    assert list(plan.measures.order_by("number").values_list("number", "text")) == [(1, "มาตรการ ค"), (2, "มาตรการ ข")]
    a = add_step(actor=editor, measure=second, text="หนึ่ง", due=dt.date(2024, 1, 31))
    b = add_step(actor=editor, measure=second, text="สอง")
    move_step(actor=editor, step=b, direction="up")
    assert list(second.steps.order_by("number").values_list("text", flat=True)) == ["สอง", "หนึ่ง"]
    save_progress(actor=editor, measure=second, quarter=2, status="in_progress", steps={a.pk: ("done", "", "")})
    with pytest.raises(ValidationError, match="ลบไม่ได้"):
        delete_step(actor=editor, step=a)
    with pytest.raises(ValidationError, match="ลบไม่ได้"):
        delete_measure(actor=editor, measure=second)
    delete_step(actor=editor, step=b)
    assert list(second.steps.values_list("number", "text")) == [(1, "หนึ่ง")]


def test_progress_is_kept_per_quarter_and_feeds_the_report_plan(world: World) -> None:
    plan = create_plan(actor=None, organisation=world.own, year=2567, mode=BLANK)
    editor = world.users["agency_editor"]
    measure = save_measure(actor=editor, plan=plan, text="มาตรการทดสอบ")
    step = add_step(actor=editor, measure=measure, text="จัดประชุม", due=dt.date(2024, 1, 31))
    save_progress(
        actor=editor,
        measure=measure,
        quarter=1,
        status="in_progress",
        done="เตรียมการแล้ว",
        steps={step.pk: ("in_progress", "จองห้องแล้ว", "")},
    )
    save_progress(
        actor=editor,
        measure=measure,
        quarter=2,
        status="done",
        done="ประชุมแล้ว 2 ครั้ง",
        problems="ผู้เข้าร่วมน้อย",
        steps={step.pk: ("done", "", "")},
    )
    assert MeasureProgress.objects.filter(measure=measure).count() == 2
    q1 = progress_plan(plan, 1).rows[0]
    assert q1.status == "in_progress" and "เตรียมการแล้ว" in q1.progress and "จองห้องแล้ว" in q1.progress
    year = progress_plan(plan, None).rows[0]
    assert year.status == "done"
    assert "ไตรมาสที่ 1: เตรียมการแล้ว" in year.progress and "ไตรมาสที่ 2: ประชุมแล้ว 2 ครั้ง" in year.progress
    assert "ปัญหาและอุปสรรค: ผู้เข้าร่วมน้อย" in year.progress
    # A step left without status and text removes that quarter's record; a text without status is refused.
    save_progress(actor=editor, measure=measure, quarter=2, status="done", steps={step.pk: ("", "", "")})
    assert not StepProgress.objects.filter(step=step, quarter=2).exists()
    with pytest.raises(ValidationError):
        save_progress(actor=editor, measure=measure, quarter=2, status="done", steps={step.pk: ("", "ทำแล้ว", "")})
    with pytest.raises(ValidationError):
        save_progress(actor=editor, measure=measure, quarter=5, status="done")
    with pytest.raises(ValidationError):
        save_progress(actor=editor, measure=measure, quarter=1, status="finished")


def test_roll_over_carries_codes_by_topic_and_leaves_the_old_plan(world: World) -> None:
    plan = _draft(world)
    editor = world.users["agency_editor"]
    group = Organisation.objects.get(parent=world.own, kind="workgroup")
    first = plan.measures.order_by("number").first()
    first.units.add(group)
    first.people.add(editor)
    step = first.steps.order_by("number").first()
    step.due = dt.date(2024, 3, 31)
    step.save()
    before = plan_as_domain(plan)
    new = roll_over(actor=editor, plan=plan)
    assert (new.year, new.assessed_year, new.rolled_from_id) == (2568, 2567, plan.pk)
    assert plan_as_domain(Plan.objects.get(pk=plan.pk)) == before  # the old plan is untouched
    assert set(new.dropped_codes) == {"O18", "O30"}  # 2567's OIT list is not known item by item
    assert "ยังไม่ทราบ" in new.dropped_codes["O18"]
    rolled = plan_as_domain(new)
    assert rolled.answered() == ANG_THONG_WEAK - {"O18", "O30"}
    copy = new.measures.order_by("number").first()
    assert list(copy.units.all()) == [group] and list(copy.people.all()) == [editor]
    assert copy.steps.order_by("number").first().due == dt.date(2025, 3, 31)
    assert not MeasureProgress.objects.filter(measure__plan=new).exists()
    with pytest.raises(InputError, match="มีแผนปีงบประมาณ 2568 แล้ว"):
        roll_over(actor=editor, plan=plan)


def test_open_steps_with_an_owner_are_reminders_per_person(world: World) -> None:
    plan = create_plan(actor=None, organisation=world.own, year=2567, mode=BLANK)
    editor, admin = world.users["agency_editor"], world.users["agency_admin"]
    measure = save_measure(actor=None, plan=plan, text="มาตรการที่มีเจ้าของ", people=[editor, admin])
    late = add_step(actor=None, measure=measure, text="ขั้นที่เลยกำหนด", due=dt.date(2024, 1, 10))
    done = add_step(actor=None, measure=measure, text="ขั้นที่เสร็จแล้ว", due=dt.date(2024, 1, 5))
    add_step(actor=None, measure=measure, text="ขั้นที่ไม่มีกำหนด")
    nobody = save_measure(actor=None, plan=plan, text="มาตรการที่ไม่มีเจ้าของ")
    add_step(actor=None, measure=nobody, text="ไม่มีใครรับผิดชอบ", due=dt.date(2024, 1, 10))
    save_progress(actor=None, measure=measure, quarter=2, status="in_progress", steps={done.pk: ("done", "", "")})
    items = list(due_steps(dt.date(2024, 1, 15)))
    assert {(i.user_id, i.due) for i in items} == {(editor.pk, late.due), (admin.pk, late.due)}
    assert all("ขั้นที่เลยกำหนด" in i.title and i.url.endswith(f"#measure-{measure.pk}") for i in items)
    assert all(i.organisation_id == world.own.pk for i in items)
    assert {i.user_id for i in collect(dt.date(2024, 1, 15)) if i.kind == items[0].kind} == {editor.pk, admin.pk}
    editor.is_active = False
    editor.save()
    assert {i.user_id for i in due_steps(dt.date(2024, 1, 15))} == {admin.pk}
    save_progress(actor=None, measure=measure, quarter=2, status="cancelled")
    assert list(due_steps(dt.date(2024, 1, 15))) == []


# --- Views ----------------------------------------------------------------------------------------------------------


def _client(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


def _write_requests(world: World) -> list[tuple[str, dict[str, Any]]]:
    own = plan_world(world).own
    return [
        (reverse("plans", args=[world.own.pk]), {"year": "2568", "mode": BLANK}),
        (reverse("measure_new", args=[own.plan.pk]), {"text": "แทรก"}),
        (reverse("measure", args=[own.measure.pk]), {"text": "แก้"}),
        (reverse("measure_delete", args=[own.measure.pk]), {}),
        (reverse("measure_move", args=[own.measure.pk]), {"direction": "down"}),
        (reverse("step_new", args=[own.measure.pk]), {"text": "แทรก"}),
        (reverse("step", args=[own.step.pk]), {"action": "delete"}),
        (reverse("plan_import", args=[own.plan.pk]), {}),
        (reverse("plan_roll", args=[own.plan.pk]), {}),
        (reverse("measure_progress", args=[own.measure.pk, 1]), {"status": "done"}),
        (reverse("evidence_new", args=[own.measure.pk, 1]), {"url": "https://example.go.th/x"}),
        (reverse("evidence_revise", args=[own.evidence.pk]), {}),
    ]


@pytest.mark.parametrize("role", ["oversight", "agency_viewer"])
def test_readers_are_refused_every_write_and_nothing_changes(world: World, role: str) -> None:
    client = _client(world, role)
    requests = _write_requests(world)
    before = (plan_state(), AuditEvent.objects.count(), Measure.objects.get(pk=plan_world(world).own.measure.pk).text)
    for url, body in requests:
        response = client.post(url, body)
        assert response.status_code == 403, (role, url, response.status_code)
    after = (plan_state(), AuditEvent.objects.count(), Measure.objects.get(pk=plan_world(world).own.measure.pk).text)
    assert after == before


def test_readers_see_the_plan_without_edit_buttons(world: World) -> None:
    own = plan_world(world).own
    for role in ("oversight", "agency_viewer"):
        body = _client(world, role).get(reverse("plan", args=[own.plan.pk])).content.decode()
        assert own.measure.text in body
        assert f'href="{reverse("measure", args=[own.measure.pk])}"' not in body and "เพิ่มมาตรการ" not in body
    body = _client(world, "agency_editor").get(reverse("plan", args=[own.plan.pk])).content.decode()
    assert f'href="{reverse("measure", args=[own.measure.pk])}"' in body and "เพิ่มมาตรการ" in body


def test_agency_home_links_the_plans(world: World) -> None:
    body = _client(world, "agency_viewer").get(reverse("agency", args=[world.own.pk])).content.decode()
    assert reverse("plans", args=[world.own.pk]) in body


def test_editor_works_through_the_forms(world: World) -> None:
    client = _client(world, "agency_editor")
    response = client.post(reverse("plans", args=[world.own.pk]), {"year": "2567", "mode": DRAFT, "threshold": "๙๐"})
    plan = Plan.objects.get(organisation=world.own, year=2567)
    assert response.status_code == 302 and response["Location"] == reverse("plan", args=[plan.pk])
    assert plan_as_domain(plan).answered() == ANG_THONG_WEAK
    again = client.post(reverse("plans", args=[world.own.pk]), {"year": "2567", "mode": DRAFT})
    assert again.status_code == 400  # the year is no longer offered
    group = Organisation.objects.get(parent=world.own, kind="workgroup")
    editor = world.users["agency_editor"]
    bad = client.post(
        reverse("measure_new", args=[plan.pk]), {"text": "ใหม่", "questions": "I17, Z9", "deadline": "31 ก.ข. 2567"}
    )
    body = bad.content.decode()
    assert bad.status_code == 400 and "ไม่มีรหัส Z9 ในกรอบการประเมินปี 2566" in body
    assert "อ่านวันที่ &#x27;31 ก.ข. 2567&#x27; ไม่ได้" in body or "อ่านวันที่ '31 ก.ข. 2567' ไม่ได้" in body
    count = plan.measures.count()
    ok = client.post(
        reverse("measure_new", args=[plan.pk]),
        {
            "text": "มาตรการใหม่",
            "questions": "I๑๗ I18",
            "units": [group.pk],
            "people": [editor.pk],
            "deadline": "๓๐ ก.ย. ๒๕๖๗",
            "evidence_codes": "O18",
        },
    )
    measure = plan.measures.get(text="มาตรการใหม่")
    assert ok.status_code == 302 and measure.number == count + 1
    assert measure.questions == ["I17", "I18"] and measure.deadline == dt.date(2024, 9, 30)
    client.post(reverse("step_new", args=[measure.pk]), {"text": "ขั้นแรก", "due": "15/1/2567"})
    step = measure.steps.get()
    assert step.due == dt.date(2024, 1, 15)
    client.post(reverse("step", args=[step.pk]), {"action": "save", "text": "ขั้นแรก (แก้)", "due": "๑ ก.พ. ๒๕๖๗"})
    step.refresh_from_db()
    assert (step.text, step.due) == ("ขั้นแรก (แก้)", dt.date(2024, 2, 1))
    response = client.post(
        reverse("step", args=[step.pk]), {"action": "save", "text": "x", "due": "วันพรุ่งนี้"}, follow=True
    )
    assert "อ่านวันที่" in response.content.decode()
    step.refresh_from_db()
    assert step.text == "ขั้นแรก (แก้)"
    page = client.get(reverse("plan", args=[plan.pk])).content.decode()
    assert "1 ก.พ. 2567" in page and group.name in page
    progress = client.post(
        reverse("measure_progress", args=[measure.pk, 2]),
        {"status": "in_progress", "done": "เริ่มแล้ว", f"step-{step.pk}-status": "", f"step-{step.pk}-done": "ทำบางส่วน"},
    )
    assert progress.status_code == 400 and "เลือกสถานะของขั้นตอนนี้ด้วย" in progress.content.decode()
    assert not MeasureProgress.objects.filter(measure=measure).exists()
    client.post(
        reverse("measure_progress", args=[measure.pk, 2]),
        {"status": "in_progress", "done": "เริ่มแล้ว", f"step-{step.pk}-status": "done"},
    )
    assert StepProgress.objects.get(step=step, quarter=2).status == "done"
    assert Step.objects.filter(measure=measure).count() == 1


def test_demo_has_a_plan_with_owners_an_overdue_step_and_a_quarter_of_progress(db: Any) -> None:
    from prongsai.web.core.demo import ANGTHONG, load_demo

    load_demo()
    plan = Plan.objects.get(organisation__name=ANGTHONG)
    today = dt.date.today()
    page = plan_page(plan, today)
    assert len(page) == 2 and all(v.responsible and v.measure.units.exists() for v in page)
    overdue = [s for v in page for s in v.steps if s.overdue]
    assert len(overdue) == 1 and overdue[0].status == "delayed"
    assert MeasureProgress.objects.filter(measure__plan=plan).count() == 1
    assert plan.measures.get(number=1).evidence.get().url.startswith("https://")
    owners = {item.user_id for item in due_steps(today) if item.due < today}
    assert owners == {plan.measures.get(number=1).people.get().pk}
