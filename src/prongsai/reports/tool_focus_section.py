"""NACC's per-tool tables: per IIT and EIT, the top questions still short of 100 and the urgent weak ones, each
with the plan's measure that answers it."""

from __future__ import annotations

from ..ita.analysis import Analysis, Scored
from ..ita.plan import Plan
from .model import INT, NOTE, SCORE, Column, Heading, Paragraph, Section, Table, shown
from .numbering import Numbering
from .plan_sections import measures_for
from .texts import item_title, tool_label


def _focus_table(key: str, entries: list[Scored], analysis: Analysis, plan: Plan, caption: str) -> Table:
    """Ranked questions with their title, score and the plan's measures."""
    fw = analysis.assessment.framework
    rows = tuple((e.rank, e.code, item_title(fw, e.code), shown(e.score), measures_for(plan, e.code)) for e in entries)
    columns = (
        Column("ลำดับ", 0.8, INT),
        Column("ข้อ", 0.8),
        Column("ประเด็นการประเมิน", 5.0),
        Column("คะแนน", 1.1, SCORE),
        Column("มาตรการในแผน", 1.6),
    )
    return Table(key, columns, rows, caption=caption, font_size=14.0)


def tool_focus_part(section: Section, numbered: Numbering, analysis: Analysis, plan: Plan) -> None:
    """Per IIT and EIT: the questions to improve and the urgent weak ones, as NACC's guide asks."""
    section.add(
        Heading(numbered.sub("ประเด็นที่ควรพัฒนาและจุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน รายเครื่องมือ"), 2),
        Paragraph(
            "ตามแนวทางที่สำนักงาน ป.ป.ช. แนะนำ ประเด็นที่ควรพัฒนาให้ดีขึ้น คือข้อคำถามที่ได้คะแนนสูงสุด 3 อันดับแรกซึ่งยังไม่ได้"
            f" 100 คะแนน และจุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน คือข้อคำถามที่ได้ต่ำกว่า {analysis.pass_mark:g} คะแนน"
            " โดยเลือกข้อที่ต่ำที่สุด 3 อันดับ (หากไม่มีข้อใดต่ำกว่าเกณฑ์ ให้ใช้ข้อที่ต่ำที่สุด 3 อันดับแทน)"
            " ข้อที่ได้คะแนนเท่ากับอันดับสุดท้ายจะแสดงทุกข้อ"
        ),
    )
    for tool, focus in analysis.per_tool.items():
        name = tool_label(analysis.assessment.framework, tool) if tool in analysis.assessment.framework.tools else tool
        if not focus.to_improve and not focus.urgent:
            section.add(Paragraph(f"{name}: ไม่มีคะแนนรายข้อคำถาม จึงวิเคราะห์ได้เพียงระดับตัวชี้วัด", NOTE))
            continue
        section.add(Heading(name, 3))
        section.add(
            _focus_table(
                f"to_improve_{tool}",
                focus.to_improve,
                analysis,
                plan,
                f"{tool}: ประเด็นที่ควรพัฒนาให้ดีขึ้น (คะแนนสูงสุดที่ยังไม่เต็ม)",
            )
        )
        caption = (
            f"{tool}: จุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน (ไม่มีข้อใดต่ำกว่าเกณฑ์ จึงแสดงข้อที่ต่ำที่สุด)"
            if focus.urgent_fallback
            else f"{tool}: จุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน (ต่ำกว่า {analysis.pass_mark:g} คะแนน)"
        )
        section.add(_focus_table(f"urgent_{tool}", focus.urgent, analysis, plan, caption))
