"""Strengths and points to develop: the indicators at or above the strength mark and those below the pass mark."""

from __future__ import annotations

from ..ita.analysis import Analysis, Scored
from ..ita.numbers import fmt2
from .model import BULLET, NOTE, Heading, Paragraph, Section
from .numbering import Numbering
from .texts import indicator_label


def _indicator_list(analysis: Analysis, entries: list[Scored]) -> list[Paragraph]:
    """Numbered lines 'n) indicator gets x points'."""
    fw = analysis.assessment.framework
    return [
        Paragraph(f"{n}) {indicator_label(fw, int(e.code.removeprefix('IND')))} ได้ {fmt2(e.score)} คะแนน", BULLET)
        for n, e in enumerate(entries, start=1)
    ]


def strengths_part(section: Section, numbered: Numbering, analysis: Analysis) -> None:
    """The strong indicators, then the weak ones (with a note where a weak one has no per-question scores)."""
    fw = analysis.assessment.framework
    strong, weak = analysis.strong_indicators, analysis.weak_indicators
    section.add(Heading(numbered.sub("จุดแข็ง"), 2))
    if strong:
        section.add(
            Paragraph(
                f"ตัวชี้วัดที่ได้คะแนนตั้งแต่ {analysis.strength:g} คะแนนขึ้นไป ซึ่งถือเป็นจุดแข็งที่หน่วยงานควรรักษาไว้"
                f" มีจำนวน {len(strong)} ตัวชี้วัด ได้แก่"
            ),
            *_indicator_list(analysis, strong),
        )
    else:
        section.add(Paragraph(f"ไม่มีตัวชี้วัดที่ได้คะแนนถึง {analysis.strength:g} คะแนน"))
    section.add(Heading(numbered.sub("จุดที่ต้องพัฒนา"), 2))
    if weak:
        section.add(
            Paragraph(
                f"ตัวชี้วัดที่ได้คะแนนต่ำกว่าเกณฑ์ {analysis.pass_mark:g} คะแนน ซึ่งต้องเร่งพัฒนา มีจำนวน {len(weak)} ตัวชี้วัด ได้แก่"
            ),
            *_indicator_list(analysis, weak),
        )
        given = set(analysis.assessment.questions)
        for entry in weak:
            number = int(entry.code.removeprefix("IND"))
            if not given.intersection(fw.indicators[number].questions) and fw.indicators[number].questions:
                section.add(
                    Paragraph(f"{indicator_label(fw, number)} ไม่มีคะแนนรายข้อคำถาม จึงกำหนดมาตรการในระดับตัวชี้วัด", NOTE)
                )
    else:
        section.add(
            Paragraph(
                f"ไม่มีตัวชี้วัดที่ได้คะแนนต่ำกว่าเกณฑ์ {analysis.pass_mark:g} คะแนน อย่างไรก็ดี หน่วยงานยังควรพัฒนาข้อคำถาม"
                "ที่ยังไม่ได้คะแนนเต็ม ตามที่วิเคราะห์ไว้ในหัวข้อถัดไป"
            )
        )
