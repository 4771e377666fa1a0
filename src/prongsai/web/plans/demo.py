"""A small demo plan for the current fiscal year (อบจ.อ่างทอง): two measures with owners and steps, one step
past its due date, and the current quarter's progress with a link as evidence. Dates follow the day the demo is
loaded, so one step is always overdue and one is always due within the week."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from ...ita.library import framework_for
from ...ita.thaidates import fiscal_quarter, fiscal_year_bounds
from ..organisations.models import Organisation
from ..organisations.selectors import workgroups_of
from .models import Plan, Status
from .selectors import plan_years
from .services import BLANK, add_evidence, add_step, create_plan, save_measure, save_progress


def load_plan_demo(agency: Organisation, *, today: dt.date | None = None) -> Plan:
    """Create the demo plan of `agency` through the services (as the system)."""
    today = today or dt.date.today()
    year = min(fiscal_quarter(today)[0], max(plan_years()))
    start, end = fiscal_year_bounds(year)
    day = min(max(today, start + dt.timedelta(days=45)), end - dt.timedelta(days=30))
    quarter = fiscal_quarter(day)[1]
    fw = framework_for(year - 1)
    users = {u.username: u for u in get_user_model().objects.filter(username__startswith="angthong_")}
    groups = {g.name: g for g in workgroups_of(agency)}
    plan = create_plan(actor=None, organisation=agency, year=year, mode=BLANK)

    def codes(*wanted: str, oit: bool = False) -> list[str]:
        return [c for c in wanted if c in fw.items and (not oit or fw.items[c].is_oit)]

    budget = save_measure(
        actor=None,
        plan=plan,
        text="เปิดเผยและชี้แจงข้อมูลงบประมาณให้บุคลากรทุกระดับรับทราบและมีส่วนร่วม",
        theme="การใช้งบประมาณ",
        questions=codes("I17", "I18"),
        practice="จัดประชุมชี้แจงแผนการใช้จ่ายงบประมาณประจำปี และเปิดรับความคิดเห็นของบุคลากรก่อนจัดทำคำของบประมาณ",
        units=[g for n, g in groups.items() if n in ("กองคลัง", "กองยุทธศาสตร์และงบประมาณ")],
        people=[u for n, u in users.items() if n in ("angthong_editor",)],
        period=f"ปีงบประมาณ พ.ศ. {year}",
        deadline=end,
        monitoring="รายงานความก้าวหน้าต่อคณะทำงาน ITA ทุกไตรมาส",
        evidence_codes=codes("O11", "O12", oit=True),
    )
    first = add_step(
        actor=None,
        measure=budget,
        text="จัดทำสรุปแผนการใช้จ่ายงบประมาณฉบับอ่านง่าย",
        due=max(start, day - dt.timedelta(days=30)),
    )
    late = add_step(
        actor=None, measure=budget, text="จัดประชุมชี้แจงงบประมาณแก่บุคลากรทุกกอง", due=max(start, day - dt.timedelta(days=7))
    )
    add_step(
        actor=None, measure=budget, text="เปิดรับความคิดเห็นของบุคลากรต่อร่างคำของบประมาณ", due=day + dt.timedelta(days=5)
    )
    add_step(actor=None, measure=budget, text="สรุปผลการมีส่วนร่วมเสนอผู้บริหาร", due=end)
    complaints = save_measure(
        actor=None,
        plan=plan,
        text="เผยแพร่สถิติเรื่องร้องเรียนการทุจริตและผลการดำเนินการเป็นรายไตรมาส",
        theme="การเปิดเผยข้อมูล",
        questions=codes("O18"),
        practice="รวบรวมสถิติเรื่องร้องเรียนทุกช่องทางและเผยแพร่บนเว็บไซต์ของหน่วยงานภายใน 15 วันหลังสิ้นไตรมาส",
        units=[g for n, g in groups.items() if n == "สำนักปลัด"],
        people=[u for n, u in users.items() if n in ("angthong_admin", "angthong_editor")],
        other_responsible=["ผู้ดูแลเว็บไซต์ของหน่วยงาน"],
        period=f"ปีงบประมาณ พ.ศ. {year}",
        deadline=end,
        monitoring="ผู้ดูแลหน่วยงานตรวจการเผยแพร่ทุกไตรมาส",
        evidence_codes=codes("O18", oit=True),
    )
    add_step(actor=None, measure=complaints, text="กำหนดแบบรายงานสถิติเรื่องร้องเรียน", due=day + dt.timedelta(days=20))
    add_step(actor=None, measure=complaints, text="เผยแพร่สถิติบนเว็บไซต์ทุกไตรมาส", due=end)
    save_progress(
        actor=None,
        measure=budget,
        quarter=quarter,
        status=Status.IN_PROGRESS,
        done="จัดทำสรุปแผนการใช้จ่ายงบประมาณฉบับอ่านง่ายแล้ว และเวียนแจ้งทุกกองทางระบบสารบรรณอิเล็กทรอนิกส์",
        problems="การประชุมชี้แจงเลื่อนออกไปเนื่องจากติดภารกิจของผู้บริหาร",
        steps={first.pk: (Status.DONE, "เวียนแจ้งแล้ว", ""), late.pk: (Status.DELAYED, "", "รอกำหนดวันประชุมใหม่")},
    )
    add_evidence(
        actor=None,
        measure=budget,
        quarter=quarter,
        title="หนังสือเวียนแจ้งสรุปแผนการใช้จ่ายงบประมาณ",
        url="https://www.example.go.th/ita/budget-summary",
        step=first,
    )
    return plan
