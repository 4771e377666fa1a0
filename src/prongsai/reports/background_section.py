"""Section 1 of the analysis report: why the assessment is made, its tools and weights, and the year's grading."""

from __future__ import annotations

from ..ita.analysis import Analysis
from ..ita.plan import Plan
from .model import Column, Heading, Paragraph, Section, Table
from .numbering import Numbering
from .texts import CHANNEL_MEANING, ITA_NAME, NACC, channel_label, provisional_blocks, tool_label


def background_section(numbered: Numbering, analysis: Analysis, plan: Plan, who: str) -> Section:
    """Why the assessment is made, the year's tools and weights, the EIT channels and the grading table."""
    fw = analysis.assessment.framework
    tools = list(fw.tools)
    weights = _thai_list([f"{code} ร้อยละ {fw.tools[code].weight * 100:g}" for code in tools])
    uses = {
        "IIT": "สอบถามการรับรู้ของบุคลากรภายในหน่วยงาน",
        "EIT": "สอบถามการรับรู้ของผู้รับบริการและผู้มาติดต่อราชการ",
        "OIT": "ตรวจข้อมูลที่หน่วยงานเปิดเผยต่อสาธารณะทางเว็บไซต์",
    }
    described = _thai_list([f"{tool_label(fw, code)} ซึ่ง{uses.get(code, 'ใช้ในการประเมิน')}" for code in tools])
    section = Section("background").add(
        *provisional_blocks(fw),
        Heading(numbered.next("หลักการและเหตุผล")),
        Paragraph(
            f"{NACC} จัดให้มี{ITA_NAME}เป็นประจำทุกปีงบประมาณ เพื่อให้หน่วยงานภาครัฐทราบสถานะด้านคุณธรรมและความโปร่งใส"
            "ของตนเอง และนำผลการประเมินไปปรับปรุงการบริหารงานและการให้บริการให้โปร่งใส ตรวจสอบได้ และเป็นที่ไว้วางใจของประชาชน"
        ),
        Paragraph(
            f"การประเมินประจำปีงบประมาณ พ.ศ. {fw.year} ใช้เครื่องมือ {len(tools)} ส่วน ได้แก่ {described}"
            f" คะแนนรวมคิดจากน้ำหนักของเครื่องมือ คือ {weights}"
        ),
    )
    if fw.eit_channels:
        section.add(
            Paragraph(
                f"ในปีนี้ EIT เก็บข้อมูล {len(fw.eit_channels)} ช่องทาง คือ "
                + " และ".join(f"{channel_label(ch)} ซึ่ง{CHANNEL_MEANING[ch]}" for ch in fw.eit_channels)
                + " คะแนนของแต่ละข้อคำถามคือค่าเฉลี่ยของทั้งสองช่องทาง"
            )
        )
    section.add(
        Paragraph(
            f"{who}ได้นำผลการประเมินประจำปีงบประมาณ พ.ศ. {fw.year} มาวิเคราะห์ เพื่อให้ทราบจุดแข็งที่ควรรักษาไว้"
            f"และประเด็นที่ต้องเร่งพัฒนา แล้วกำหนดเป็นมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานสำหรับปีงบประมาณ"
            f" พ.ศ. {plan.year} พร้อมผู้รับผิดชอบ ระยะเวลาดำเนินการ และวิธีการกำกับติดตาม ตามรายละเอียดในรายงานฉบับนี้"
        ),
        _grading_table(analysis),
    )
    return section


def _thai_list(parts: list[str]) -> str:
    """Items of a Thai enumeration: separated by spaces, with และ before the last one."""
    if len(parts) < 2:
        return "".join(parts)
    joiner = " และ " if parts[-1][:1].isascii() else " และ"  # a space before a Latin word, none before Thai
    return " ".join(parts[:-1]) + joiner + parts[-1]


def _grading_table(analysis: Analysis) -> Table:
    """The year's levels and the condition of each, from the framework's grading."""
    fw = analysis.assessment.framework
    rows = []
    for rule in fw.grading.levels:
        condition = f"คะแนนรวมตั้งแต่ {rule.min_total:g} คะแนน" if rule.min_total > 0 else "คะแนนรวมต่ำกว่าระดับข้างต้น"
        if rule.min_every_indicator is not None:
            condition += f" และทุกตัวชี้วัดได้ตั้งแต่ {rule.min_every_indicator:g} คะแนน"
        if rule.status == "inferred":
            condition += " (เกณฑ์นี้อนุมานจากผลที่ประกาศ ยังไม่พบประกาศทางการ)"
        rows.append((rule.level, condition))
    return Table(
        "grading",
        (Column("ระดับ", 1.4), Column("เงื่อนไข", 7.0)),
        tuple(rows),
        caption=f"เกณฑ์ระดับผลการประเมิน ปีงบประมาณ พ.ศ. {fw.year}",
    )
