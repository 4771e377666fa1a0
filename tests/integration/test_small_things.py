"""The smaller things of issue 13 point 8 (plans, OIT board, assessment page): a plan of a year that has ended is
a record, not a page of alarms; drafted responsible text gives way to the units ticked; roll-over is offered only
when it can work; the what-if table marks the rows that change the level."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from prongsai.web.plans.models import Measure
from prongsai.web.plans.selectors import plan_page, plan_year_state
from prongsai.web.plans.services import DRAFT, create_plan
from tests.support.web_world import World


def _client(role: str = "t_agency_editor") -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=role))
    return client


def test_a_plan_drafted_for_an_ended_year_flags_nothing_and_says_why(world: World) -> None:
    plan = create_plan(actor=None, organisation=world.own, year=2567, mode=DRAFT)
    during = dt.date(2024, 9, 1)  # the plan's year is running: a past step deadline is overdue
    assert plan_year_state(plan, during) == "running" and plan_year_state(plan, dt.date(2024, 10, 1)) == "ended"
    assert plan_year_state(plan, dt.date(2023, 9, 30)) == "before"
    measure = Measure.objects.filter(plan=plan).first()
    measure.deadline = dt.date(2024, 8, 31)
    measure.save()
    assert any(v.overdue for v in plan_page(plan, during))
    after = plan_page(plan, dt.date(2026, 12, 6))
    assert not any(v.overdue or any(s.overdue for s in v.steps) for v in after)
    body = _client().get(reverse("plan", args=[plan.pk])).content.decode()
    assert 'data-testid="year-ended"' in body and f"มาตรการที่ยังไม่ได้รายงานว่าแล้วเสร็จหรือยกเลิก {len(after)} มาตรการ" in body
    assert "เลยกำหนด</span>" not in body


def test_drafted_responsible_text_gives_way_to_the_units_ticked(world: World) -> None:
    from prongsai.web.organisations.models import Organisation

    plan = create_plan(actor=None, organisation=world.own, year=2567, mode=DRAFT)
    measure = next(m for m in plan.measures.order_by("number") if m.other_responsible)
    drafted = list(measure.other_responsible)
    assert measure.drafted_responsible == drafted
    client = _client()
    assert 'data-testid="drafted-responsible"' in client.get(reverse("measure", args=[measure.pk])).content.decode()
    group = Organisation.objects.get(parent=world.own, kind="workgroup")
    response = client.post(
        reverse("measure", args=[measure.pk]),
        {
            "text": measure.text,
            "questions": ", ".join(measure.questions),
            "units": [group.pk],
            "other_responsible": "\n".join([*drafted, "ผู้ดูแลเว็บไซต์"]),
        },
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.other_responsible == ["ผู้ดูแลเว็บไซต์"] and measure.drafted_responsible == []
    assert [u.name for u in measure.units.all()] == [group.name]


def test_board_offers_roll_over_only_to_a_year_with_an_oit_list(world: World) -> None:
    from prongsai.ita.library import shipped_years
    from prongsai.web.oitboard.services import create_board

    last = max(shipped_years())
    create_board(actor=None, organisation=world.own, year=2565)
    create_board(actor=None, organisation=world.own, year=last)
    client = _client()
    early = client.get(reverse("oit_board", args=[world.own.pk, 2565])).content.decode()
    assert 'data-testid="roll-link"' in early and 'data-testid="roll-reason"' not in early
    latest = client.get(reverse("oit_board", args=[world.own.pk, last])).content.decode()
    assert 'data-testid="roll-link"' not in latest
    assert f"ยกยอดไปปี {last + 1} ไม่ได้ เพราะโปรแกรมยังไม่มีรายการข้อ OIT ของปี {last + 1}" in latest


def test_whatif_marks_rows_that_change_the_level_and_says_what_to_do_about_a_channel(world: World) -> None:
    from prongsai.ita.analysis_serialize import analysis_to_dict
    from prongsai.web.assessments.analysis_advice import analysis_of, mark_whatif
    from prongsai.web.assessments.selectors import engine_assessment

    analysis = mark_whatif(analysis_to_dict(analysis_of(engine_assessment(world.own_record), None)))
    current = analysis["assessment"]["level"]
    rows = analysis["whatif"]
    assert any(r["changes_level"] for r in rows) and any(not r["changes_level"] for r in rows)
    assert all(r["changes_level"] == (r["level"] != current) for r in rows)
    low_survey = [g["code"] for g in analysis["channel_gaps"] if "survey" in g["below_bar"]]
    assert low_survey  # Ang Thong 2566: EIT Survey 79.21
    advised = [a for r in rows for a in r["advice"]]
    assert any(
        f"คะแนนข้อ {low_survey[0]} ต่ำในช่องทาง ผู้ประเมินจัดเก็บ" in a and "เลือกผู้ตอบของช่องทางนี้ไม่ได้" in a for a in advised
    )
    body = _client().get(reverse("assessment", args=[world.own_record.pk])).content.decode()
    shown = min(len(rows), 15)
    assert body.count('data-testid="whatif-level-change"') == sum(r["changes_level"] for r in rows[:shown])
    assert "เลือกผู้ตอบของช่องทางนี้ไม่ได้" in body


def test_kpi_page_shows_a_criterion_marked_by_the_system(world: World) -> None:
    from prongsai.web.kpi.services import mark_criterion

    mark_criterion(actor=None, organisation=world.own, year=2566, criterion="review", met=True, note="ประชุม 1/2566")
    response = _client().get(reverse("kpi_year", args=[world.own.pk, 2566]))
    assert response.status_code == 200 and "ทำเครื่องหมายว่าดำเนินการแล้วโดย ระบบ" in response.content.decode()
