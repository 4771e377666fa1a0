"""The appendix of the analysis report: every question's score (per EIT channel) and every OIT item's result."""

from __future__ import annotations

from ..ita.analysis import Analysis
from ..ita.numbers import round2
from ..ita.thai_names import channel_name
from .model import INT, SCORE, Column, Heading, PageBreak, Section, Table, shown
from .texts import item_title


def appendix_section(analysis: Analysis) -> Section | None:
    """Every question's and OIT item's score; None when the result has no per-item scores."""
    assessment = analysis.assessment
    fw = assessment.framework
    channels = [ch for ch in fw.eit_channels if assessment.channel_questions.get(ch)]
    question_codes = [
        c
        for c in fw.items
        if c in assessment.questions or any(c in assessment.channel_questions.get(ch, {}) for ch in channels)
    ]
    items = [c for c in fw.items if c in assessment.oit_items]
    if not question_codes and not items:
        return None
    section = Section("appendix").add(PageBreak(), Heading("ภาคผนวก คะแนนรายข้อการประเมิน"))
    if question_codes:
        columns = [Column("ข้อ", 0.8), Column("ตัวชี้วัด", 0.9, INT), Column("ประเด็นการประเมิน", 5.4)]
        columns += [Column(channel_name(ch), 1.2, SCORE) for ch in channels]
        columns.append(Column("คะแนน", 1.1, SCORE))
        rows = []
        for code in question_codes:
            item = fw.items[code]
            per_channel = [shown(assessment.channel_questions[ch].get(code)) for ch in channels]
            score = shown(assessment.questions.get(code))
            rows.append((code, item.indicator, item_title(fw, code), *per_channel, score))
        section.add(
            Table("questions", tuple(columns), tuple(rows), caption="คะแนนรายข้อคำถาม IIT และ EIT", font_size=14.0)
        )
    if items:
        rows = []
        for code in items:
            item = fw.items[code]
            value = assessment.oit_items[code]
            verdict = "ผ่าน" if round2(value) >= 100 else ("ไม่ผ่าน" if value == 0 else "ผ่านบางส่วน")
            rows.append((code, item_title(fw, code), item.sub_indicator or "", verdict, shown(value)))
        section.add(
            Table(
                "oit_items",
                (
                    Column("ข้อ", 0.8),
                    Column("รายการข้อมูล", 5.2),
                    Column("ตัวชี้วัดย่อย", 1.2),
                    Column("ผล", 1.1),
                    Column("คะแนน", 1.1, SCORE),
                ),
                tuple(rows),
                caption="ผลรายข้อของแบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT)",
                font_size=14.0,
            )
        )
    return section
