"""The parts of a report that come from the measures plan: the plan table, its monitoring calendar, the signature.

Shared by the analysis report (O42) and the progress report (O43) so both show a measure the same way.
"""

from __future__ import annotations

import datetime as dt

from ..ita.model import Framework
from ..ita.plan import Plan, PlanRow
from ..ita.thaidates import format_date
from .model import INT, Column, Paragraph, Signature, Table
from .texts import MEASURES_DONE_ITEM, date_range, item_code_by_title, quarters

PLAN_TABLE_FONT = 14.0


def measure_text(row: PlanRow) -> str:
    """The measure, followed by the codes it answers unless its wording already names every one of them."""
    if row.questions and not all(code in row.measure for code in row.questions):
        return f"{row.measure} (ข้อ {', '.join(row.questions)})"
    return row.measure


def measures_for(plan: Plan, code: str) -> str:
    """The plan's measures that answer a question or item, as 'มาตรการที่ 1, 3'; a dash when none does."""
    numbers = [str(row.number) for row in plan.rows if code in row.questions]
    return ("มาตรการที่ " + ", ".join(numbers)) if numbers else "—"


def period_text(row: PlanRow) -> str:
    lines = [row.period] if row.period else []
    if row.deadline:
        lines.append(f"กำหนดแล้วเสร็จ {format_date(row.deadline, style='short')}")
    return "\n".join(lines)


def steps_text(row: PlanRow) -> str:
    return "\n".join(f"{number}. {step}" for number, step in enumerate(row.steps, start=1))


def monitoring_text(row: PlanRow) -> str:
    lines = [row.monitoring] if row.monitoring else []
    if row.evidence:
        lines.append(f"หลักฐาน: ข้อ {', '.join(row.evidence)}")
    return "\n".join(lines)


def plan_table(plan: Plan) -> Table:
    """The measures table in the columns of seed 002: measure, practice, responsible, period, steps, monitoring."""
    columns = (
        Column("ลำดับ", 0.95, INT),
        Column("มาตรการ (ข้อที่ตอบ)", 3.0),
        Column("วิธีการนำผลวิเคราะห์ไปสู่การปฏิบัติ", 3.7),
        Column("ผู้รับผิดชอบ", 2.0),
        Column("ระยะเวลาดำเนินการ", 2.5),
        Column("ขั้นตอนหรือวิธีดำเนินการ", 4.0),
        Column("แนวทางกำกับติดตาม", 2.3),
    )
    rows = tuple(
        (
            row.number,
            measure_text(row),
            row.practice,
            "\n".join(row.responsible),
            period_text(row),
            steps_text(row),
            monitoring_text(row),
        )
        for row in plan.rows
    )
    return Table("plan", columns, rows, font_size=PLAN_TABLE_FONT)


def monitoring_blocks(plan: Plan, framework: Framework) -> list[Paragraph | Table]:
    """How the plan is followed up: quarterly reports through the fiscal year, then publication for O43."""
    done_code = item_code_by_title(framework, MEASURES_DONE_ITEM)
    published = "เผยแพร่ทางเว็บไซต์ของหน่วยงาน"
    if done_code:
        published += (
            f" ซึ่งเป็นข้อมูลที่ต้องเปิดเผยตามแบบวัด OIT เรื่อง{MEASURES_DONE_ITEM}"
            f" (ในกรอบการประเมินปีงบประมาณ พ.ศ. {framework.year} คือข้อ {done_code})"
        )
    blocks: list[Paragraph | Table] = [
        Paragraph(
            f"ให้ผู้รับผิดชอบแต่ละมาตรการรายงานผลการดำเนินงานต่อคณะทำงานด้านการประเมินคุณธรรมและความโปร่งใสของหน่วยงาน"
            f"ทุกไตรมาสของปีงบประมาณ พ.ศ. {plan.year} โดยระบุสิ่งที่ดำเนินการแล้ว ปัญหาอุปสรรค และหลักฐานประกอบ"
            " คณะทำงานรวบรวมผลเสนอผู้บริหารเพื่อพิจารณาสั่งการ และปรับมาตรการเมื่อพบว่าไม่เป็นไปตามแผน"
        ),
        Paragraph(f"เมื่อสิ้นปีงบประมาณ ให้สรุปผลการดำเนินการตามมาตรการทั้งหมดเสนอผู้บริหาร แล้ว{published}"),
    ]
    reports = {
        1: "ความก้าวหน้าของแต่ละมาตรการ ปัญหาและอุปสรรค",
        2: "ผลการดำเนินงานรอบ 6 เดือน เสนอผู้บริหาร",
        3: "ความก้าวหน้า และการปรับมาตรการหากไม่เป็นไปตามแผน",
        4: "ผลการดำเนินงานทั้งปีพร้อมหลักฐาน และการเผยแพร่ต่อสาธารณะ",
    }
    rows = tuple((f"ไตรมาสที่ {n}", date_range(first, last), reports[n]) for n, first, last in quarters(plan.year))
    columns = (Column("ไตรมาส", 1.3), Column("ช่วงเวลา", 2.6), Column("สิ่งที่รายงาน", 5.0))
    blocks.append(Table("monitoring", columns, rows, caption=f"กำหนดการรายงานผล ปีงบประมาณ พ.ศ. {plan.year}"))
    return blocks


def signature(name: str | None, position: str | None, issued: dt.date, role: str = "") -> Signature:
    return Signature(name, position, issued, role)
