"""The failed OIT items section of the analysis report: each item, its sub-indicator, what passing it adds and the
measure that answers it."""

from __future__ import annotations

from ..ita.analysis import Analysis
from ..ita.plan import Plan
from .model import SCORE, Column, Paragraph, Section, Table, shown
from .plan_sections import measures_for
from .texts import item_title, sub_indicator_label


def failed_oit_part(section: Section, analysis: Analysis, plan: Plan) -> None:
    """The OIT items not passed, with what passing each adds to the total and the measures that answer it."""
    assessment = analysis.assessment
    fw = assessment.framework
    if not assessment.oit_items:
        section.add(Paragraph("ผลการประเมินที่ได้รับไม่มีผลรายข้อของ OIT จึงไม่มีการวิเคราะห์รายข้อ"))
        return
    if not analysis.failed_oit:
        section.add(Paragraph(f"ข้อ OIT ที่มีผลทั้ง {len(assessment.oit_items)} ข้อผ่านเกณฑ์ทุกข้อ"))
        return
    section.add(
        Paragraph(
            f"ข้อ OIT ที่ไม่ผ่านเกณฑ์มีจำนวน {len(analysis.failed_oit)} ข้อ หน่วยงานต้องเผยแพร่ข้อมูลให้ครบองค์ประกอบ"
            " ตามคู่มือการประเมินของปีถัดไป"
        )
    )
    gains = {f.code: f.gain for f in analysis.fixes}
    rows = tuple(
        (
            e.code,
            item_title(fw, e.code),
            sub_indicator_label(fw, fw.items[e.code].sub_indicator),
            shown(gains.get(e.code)),
            measures_for(plan, e.code),
        )
        for e in analysis.failed_oit
    )
    section.add(
        Table(
            "failed_oit",
            (
                Column("ข้อ", 0.8),
                Column("รายการข้อมูล", 3.6),
                Column("ตัวชี้วัดย่อย", 2.4),
                Column("คะแนนรวมเพิ่มขึ้นหากผ่าน", 1.5, SCORE),
                Column("มาตรการในแผน", 1.5),
            ),
            rows,
            caption="ข้อ OIT ที่ไม่ผ่านเกณฑ์",
            font_size=14.0,
        )
    )
