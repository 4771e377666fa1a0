"""Build the measures progress report (OIT O43) from a plan file whose rows carry a status and progress notes.

Same look as the analysis report: a title block, a short background, a status summary (counts per status and the
measures past their deadline), then one table per measure with what was done, and a signature block.
"""

from __future__ import annotations

import datetime as dt

from ..ita.model import Framework
from ..ita.numbers import round2
from ..ita.plan import STATUSES, Plan, PlanRow
from ..ita.thaidates import fiscal_quarter, format_date
from .analysis_report import ReportOptions
from .model import BULLET, DOTS, INT, NOTE, SCORE, Column, Heading, Paragraph, Report, Section, Table
from .plan_sections import measure_text, monitoring_text, period_text, signature, steps_text
from .texts import MEASURES_DONE_ITEM, item_code_by_title, provisional_blocks

UNSET = "ไม่ระบุสถานะ"
CLOSED = ("done", "cancelled")


def overdue(plan: Plan, as_of: dt.date) -> list[PlanRow]:
    """Measures whose deadline has passed on `as_of` and that are neither done nor cancelled."""
    return [row for row in plan.rows if row.deadline and row.deadline < as_of and row.status not in CLOSED]


def status_counts(plan: Plan) -> dict[str, int]:
    """Number of measures per status label, in the order of STATUSES, then those without a status."""
    counts = {label: 0 for label in STATUSES.values()}
    for row in plan.rows:
        label = row.status_label or UNSET
        counts[label] = counts.get(label, 0) + 1
    return counts


def _timing(plan: Plan, as_of: dt.date) -> str:
    fiscal_year, quarter = fiscal_quarter(as_of)
    if fiscal_year == plan.year:
        return f"ซึ่งอยู่ในไตรมาสที่ {quarter} ของปีงบประมาณ พ.ศ. {plan.year}"
    if fiscal_year > plan.year:
        return f"ซึ่งพ้นปีงบประมาณ พ.ศ. {plan.year} แล้ว จึงเป็นการรายงานผลทั้งปี"
    return f"ซึ่งยังไม่เริ่มปีงบประมาณ พ.ศ. {plan.year}"


def build_progress_report(
    plan: Plan, framework: Framework | None, *, as_of: dt.date, options: ReportOptions | None = None
) -> Report:
    """The progress report of `plan` as of a date; `framework` (the plan year's, when known) names the O43 item."""
    options = options or ReportOptions()
    agency = options.agency or plan.agency
    who = agency or "หน่วยงาน"
    issued = options.issued or as_of
    background = Section("background").add(
        *provisional_blocks(framework),
        Heading("1. ความเป็นมา"),
        Paragraph(
            f"{who}ได้กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {plan.year}"
            f" จากผลการวิเคราะห์การประเมินคุณธรรมและความโปร่งใสประจำปีงบประมาณ พ.ศ. {plan.assessed_year}"
            f" จำนวน {len(plan.rows)} มาตรการ รายงานฉบับนี้สรุปผลการดำเนินการตามมาตรการดังกล่าว ณ วันที่"
            f" {format_date(as_of, style='long')} {_timing(plan, as_of)}"
        ),
    )
    code = item_code_by_title(framework, MEASURES_DONE_ITEM) if framework is not None else None
    if code and framework is not None:
        background.add(
            Paragraph(
                f"ผลการดำเนินการนี้เป็นข้อมูลที่หน่วยงานเปิดเผยต่อสาธารณะตามแบบวัด OIT เรื่อง{MEASURES_DONE_ITEM}"
                f" (ข้อ {code} ของปีงบประมาณ พ.ศ. {framework.year})"
            )
        )
    sections = [background, _summary(plan, as_of), _measures(plan)]
    sections.append(
        Section("closing").add(
            Heading("4. การดำเนินการต่อไป"),
            Paragraph(
                "มาตรการที่ยังไม่แล้วเสร็จ ให้ผู้รับผิดชอบดำเนินการต่อตามขั้นตอนที่กำหนด และรายงานความก้าวหน้าพร้อมหลักฐาน"
                " ในรอบการรายงานถัดไป มาตรการที่ล่าช้ากว่ากำหนด ให้ชี้แจงสาเหตุและเสนอแนวทางแก้ไขต่อผู้บริหาร"
            ),
        )
    )
    sections.append(Section("signature").add(signature(options.signatory_name, options.signatory_position, issued)))
    return Report(
        title=(
            "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
            agency or DOTS,
            f"ประจำปีงบประมาณ พ.ศ. {plan.year}",
            f"ข้อมูล ณ วันที่ {format_date(as_of, style='long')}",
        ),
        agency=agency,
        year=plan.year,
        sections=sections,
        issued=issued,
        signatory_name=options.signatory_name,
        signatory_position=options.signatory_position,
        plan=plan,
        summary={"หน่วยงาน": agency or "", "ปีงบประมาณของแผน (พ.ศ.)": plan.year, "ข้อมูล ณ วันที่": as_of},
    )


def _summary(plan: Plan, as_of: dt.date) -> Section:
    counts = status_counts(plan)
    total = len(plan.rows)
    done = counts.get(STATUSES["done"], 0)
    section = Section("status").add(
        Heading("2. สรุปสถานะการดำเนินการ"),
        Paragraph(f"จากมาตรการทั้งหมด {total} มาตรการ ดำเนินการแล้วเสร็จ {done} มาตรการ รายละเอียดตามสถานะมีดังนี้"),
    )
    rows = [
        (label, count, round2(count * 100 / total) if total else None)
        for label, count in counts.items()
        if count or label != UNSET
    ]
    rows.append(("รวม", total, 100.0 if total else None))
    section.add(
        Table(
            "status_summary",
            (Column("สถานะ", 4.0), Column("จำนวนมาตรการ", 1.8, INT), Column("ร้อยละ", 1.4, SCORE)),
            tuple(rows),
            caption="จำนวนมาตรการจำแนกตามสถานะ",
            bold_rows=(len(rows) - 1,),
        )
    )
    late = overdue(plan, as_of)
    if late:
        section.add(
            Paragraph(
                f"มาตรการที่เลยกำหนดแล้วเสร็จแต่ยังไม่แล้วเสร็จ ณ วันที่ {format_date(as_of, style='long')}"
                f" มีจำนวน {len(late)} มาตรการ ได้แก่"
            )
        )
        for number, row in enumerate(late, start=1):
            deadline = format_date(row.deadline, style="short") if row.deadline else ""
            section.add(
                Paragraph(
                    f"{number}) มาตรการที่ {row.number} {row.measure} (กำหนดแล้วเสร็จ {deadline}"
                    f" สถานะ: {row.status_label or UNSET})",
                    BULLET,
                )
            )
    else:
        section.add(Paragraph("ไม่มีมาตรการที่เลยกำหนดแล้วเสร็จโดยยังดำเนินการไม่แล้วเสร็จ", NOTE))
    return section


def _measures(plan: Plan) -> Section:
    section = Section("measures").add(Heading("3. ผลการดำเนินการรายมาตรการ"))
    for row in plan.rows:
        section.add(Heading(f"มาตรการที่ {row.number} {measure_text(row)}", 2))
        details = [
            ("ข้อการประเมินที่ตอบ", ", ".join(row.questions) or "—"),
            ("หมวดหรือตัวชี้วัด", row.theme or "—"),
            ("วิธีการนำผลวิเคราะห์ไปสู่การปฏิบัติ", row.practice or "—"),
            ("ผู้รับผิดชอบ", "\n".join(row.responsible) or "—"),
            ("ระยะเวลาดำเนินการ", period_text(row) or "—"),
            ("ขั้นตอนหรือวิธีดำเนินการ", steps_text(row) or "—"),
            ("แนวทางกำกับติดตาม", monitoring_text(row) or "—"),
            ("สถานะ", row.status_label or UNSET),
            ("ผลการดำเนินงาน", row.progress or "ยังไม่ได้รายงานผล"),
        ]
        section.add(
            Table(
                f"measure_{row.number}", (Column("หัวข้อ", 2.2), Column("รายละเอียด", 6.4)), tuple(details), font_size=15.0
            )
        )
    return section
