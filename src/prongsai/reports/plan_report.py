"""Build the measures plan document (OIT O42) on its own: the plan as an agency adopts and publishes it.

The analysis report (analysis_report.py) carries the plan after the analysis of the assessed year; this document
is the plan alone, for a plan kept and edited in the web system (which may have no stored analysis): a background
paragraph, the plan table in the columns of seed 002 on a landscape page, the monitoring calendar and the
signature of the approver. Same report model, so every renderer lays it out.
"""

from __future__ import annotations

import datetime as dt

from ..ita.model import Framework
from ..ita.plan import Plan
from ..ita.thaidates import format_date
from .analysis_report import ReportOptions
from .model import DOTS, NOTE, Heading, Paragraph, Report, Section
from .plan_sections import monitoring_blocks, plan_table, signature
from .texts import MEASURES_ITEM, item_code_by_title, provisional_blocks

TITLE = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"


def build_plan_report(plan: Plan, framework: Framework, *, options: ReportOptions | None = None) -> Report:
    """The plan document of `plan`; `framework` is the plan year's (for the O42 code) or the assessed year's."""
    options = options or ReportOptions()
    agency = options.agency or plan.agency
    who = agency or "หน่วยงาน"
    issued = options.issued or dt.date.today()
    background = Section("background").add(
        *provisional_blocks(framework),
        Heading("1. หลักการและเหตุผล"),
        Paragraph(
            f"{who}นำผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ."
            f" {plan.assessed_year} มาวิเคราะห์จุดที่ต้องพัฒนา และกำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
            f" ประจำปีงบประมาณ พ.ศ. {plan.year} จำนวน {len(plan.rows)} มาตรการ เพื่อให้บุคลากรถือปฏิบัติ"
            " และกำกับติดตามผลการดำเนินการเป็นรายไตรมาส"
        ),
    )
    code = item_code_by_title(framework, MEASURES_ITEM)
    if code:
        background.add(
            Paragraph(
                f"มาตรการนี้เป็นข้อมูลที่หน่วยงานเปิดเผยต่อสาธารณะตามแบบวัด OIT เรื่อง{MEASURES_ITEM}"
                f" (ข้อ {code} ของปีงบประมาณ พ.ศ. {framework.year})"
            )
        )
    if plan.source:
        background.add(Paragraph(f"ที่มาของแผน: {plan.source}", NOTE))
    measures = Section("plan", landscape=bool(plan.rows)).add(Heading(f"2. มาตรการ ประจำปีงบประมาณ พ.ศ. {plan.year}"))
    if plan.rows:
        measures.add(
            Paragraph(
                "แต่ละมาตรการระบุข้อการประเมินที่มาตรการนั้นตอบ วิธีการนำผลการวิเคราะห์ไปสู่การปฏิบัติ ผู้รับผิดชอบ"
                " ระยะเวลา ขั้นตอนพร้อมกำหนดเสร็จ และแนวทางกำกับติดตาม ดังนี้"
            ),
            plan_table(plan),
        )
    else:
        measures.add(Paragraph("แผนนี้ยังไม่มีมาตรการ", NOTE))
    sections = [
        background,
        measures,
        Section("monitoring").add(Heading("3. การกำกับติดตามและการรายงานผล"), *monitoring_blocks(plan, framework)),
        Section("signature").add(signature(options.signatory_name, options.signatory_position, issued, "ผู้อนุมัติ")),
    ]
    return Report(
        title=(TITLE, agency or DOTS, f"ประจำปีงบประมาณ พ.ศ. {plan.year}"),
        agency=agency,
        year=plan.year,
        sections=sections,
        issued=issued,
        signatory_name=options.signatory_name,
        signatory_position=options.signatory_position,
        plan=plan,
        summary={
            "หน่วยงาน": agency or "",
            "ปีงบประมาณของแผน (พ.ศ.)": plan.year,
            "จำนวนมาตรการ": len(plan.rows),
            "วันที่ออกเอกสาร": format_date(issued, style="long"),
        },
    )
