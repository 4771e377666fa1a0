"""The per-question section of the analysis report: each weak question's facts and the measures that answer it."""

from __future__ import annotations

from ..ita.analysis import Analysis
from ..ita.numbers import fmt2, round2
from ..ita.plan import Plan
from .model import NOTE, Heading, Paragraph, Section
from .plan_sections import measure_text, period_text
from .texts import channel_label, item_title


def _question_fact(analysis: Analysis, code: str) -> str:
    """The facts of one weak question: its score, each channel's, which is below the bar, and what a fix adds."""
    assessment = analysis.assessment
    bar = analysis.question_threshold
    text = "ข้อเท็จจริง: "
    if code in assessment.questions:
        text += f"ได้ {fmt2(assessment.questions[code])} คะแนน"
    channels = [(ch, per[code]) for ch, per in sorted(assessment.channel_questions.items()) if code in per]
    if channels:
        text += (
            (" (" if code in assessment.questions else "")
            + " และ".join(f"{channel_label(ch)} ได้ {fmt2(v)} คะแนน" for ch, v in channels)
            + (")" if code in assessment.questions else "")
        )
        below = [channel_label(ch) for ch, v in channels if round2(v) < bar]
        if below and len(below) < len(channels):
            text += f" โดย{' และ'.join(below)}ต่ำกว่าเกณฑ์ {bar:g} คะแนน"
        else:
            text += f" ต่ำกว่าเกณฑ์ {bar:g} คะแนนทุกช่องทาง" if below else f" ต่ำกว่าเกณฑ์ {bar:g} คะแนน"
    else:
        text += f" ต่ำกว่าเกณฑ์ {bar:g} คะแนน"
    gains = [f for f in analysis.fixes if f.code == code]
    if gains:
        best = max(gains, key=lambda f: f.gain)
        text += f" หากยกคะแนนข้อนี้เป็น {fmt2(best.after)} คะแนน คะแนนรวมจะเพิ่มขึ้น {fmt2(best.gain)} คะแนน"
    return text


def _measure_paragraphs(plan: Plan, code: str) -> list[Paragraph]:
    """The plan's measures that answer a code, with who and when; a note when none does."""
    rows = [row for row in plan.rows if code in row.questions]
    if not rows:
        return [Paragraph("มาตรการ: ยังไม่มีมาตรการในแผนที่ตอบข้อนี้ ควรพิจารณากำหนดเพิ่มเติม", NOTE)]
    paragraphs = []
    for row in rows:
        text = f"มาตรการที่ {row.number}: {measure_text(row)}"
        if row.responsible:
            text += f" ผู้รับผิดชอบ: {', '.join(row.responsible)}"
        period = period_text(row).replace("\n", " ")
        if period:
            text += f" ระยะเวลา: {period}"
        paragraphs.append(Paragraph(text))
    return paragraphs


def questions_part(section: Section, analysis: Analysis, plan: Plan) -> None:
    """Every weak question in the framework's order: its facts and the measures of the plan that answer it."""
    fw = analysis.assessment.framework
    weak = analysis.weak_questions
    if not weak:
        has_questions = bool(analysis.assessment.questions)
        section.add(
            Paragraph(
                f"ไม่มีข้อคำถามที่ได้คะแนนต่ำกว่าเกณฑ์ {analysis.question_threshold:g} คะแนน"
                if has_questions
                else "ผลการประเมินที่ได้รับมีเฉพาะคะแนนรายตัวชี้วัด ไม่มีคะแนนรายข้อคำถาม จึงไม่มีการวิเคราะห์รายข้อ"
            )
        )
        return
    section.add(
        Paragraph(
            f"ข้อคำถามที่ได้คะแนนต่ำกว่าเกณฑ์ {analysis.question_threshold:g} คะแนน (สำหรับ EIT นับช่องทางใดช่องทางหนึ่ง)"
            f" มีจำนวน {len(weak)} ข้อ แต่ละข้อมีข้อเท็จจริงและมาตรการที่กำหนดไว้ในแผน ดังนี้"
        )
    )
    for entry in sorted(weak, key=lambda e: list(fw.items).index(e.code)):
        section.add(Heading(f"ข้อ {entry.code} {item_title(fw, entry.code)}", 3))
        section.add(Paragraph(_question_fact(analysis, entry.code)))
        section.add(*_measure_paragraphs(plan, entry.code))
