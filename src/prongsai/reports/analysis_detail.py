"""The analysis part of the report: strengths and points to develop, NACC's per-tool tables, EIT channels,
the per-question analysis tied to the plan's measures, and the failed OIT items."""

from __future__ import annotations

from typing import Protocol

from ..ita.analysis import Analysis, Scored
from ..ita.numbers import fmt2, round2
from ..ita.plan import Plan
from ..ita.whatif import Fix
from .model import BULLET, NOTE, SCORE, Chart, ChartSpec, Column, Heading, Paragraph, Section, Series, Table, shown
from .plan_sections import measure_text, period_text
from .texts import CHANNEL_MEANING, CHANNEL_NAMES, indicator_label, item_title, sub_indicator_label

TOOL_NAMES = {"IIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)", "EIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)"}


class Numbering(Protocol):
    def next(self, title: str) -> str: ...

    def sub(self, title: str) -> str: ...


def fix_label(fix: Fix) -> str:
    """One fix in words: pass an OIT item, or raise a question from its score to a target."""
    if fix.before == 0 and fix.after >= 100 and fix.code.startswith("O"):
        return f"ข้อ {fix.code} ผ่านเกณฑ์"
    return f"ยกคะแนนข้อ {fix.code} จาก {fmt2(fix.before)} เป็น {fmt2(fix.after)}"


def _measures_for(plan: Plan, code: str) -> str:
    numbers = [str(row.number) for row in plan.rows if code in row.questions]
    return ("มาตรการที่ " + ", ".join(numbers)) if numbers else "—"


def analysis_sections(numbered: Numbering, analysis: Analysis, plan: Plan) -> list[Section]:
    """Strengths, per-tool focus, channels, per-question analysis and failed OIT items, in that order."""
    section = Section("analysis").add(Heading(numbered.next("การวิเคราะห์ผลการประเมิน")))
    _strengths(section, numbered, analysis)
    _per_tool(section, numbered, analysis, plan)
    if analysis.channel_gaps:
        _channels(section, numbered, analysis)
    questions = Section("questions").add(Heading(numbered.sub("การวิเคราะห์รายข้อคำถามและมาตรการที่กำหนด"), 2))
    _questions(questions, analysis, plan)
    oit = Section("oit").add(Heading(numbered.sub("ข้อ OIT ที่ไม่ผ่านเกณฑ์"), 2))
    _failed_oit(oit, analysis, plan)
    return [section, questions, oit]


def _indicator_list(analysis: Analysis, entries: list[Scored]) -> list[Paragraph]:
    fw = analysis.assessment.framework
    return [
        Paragraph(f"{n}) {indicator_label(fw, int(e.code.removeprefix('IND')))} ได้ {fmt2(e.score)} คะแนน", BULLET)
        for n, e in enumerate(entries, start=1)
    ]


def _strengths(section: Section, numbered: Numbering, analysis: Analysis) -> None:
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


def _focus_table(key: str, entries: list[Scored], analysis: Analysis, plan: Plan, caption: str) -> Table:
    fw = analysis.assessment.framework
    rows = tuple((e.rank, e.code, item_title(fw, e.code), shown(e.score), _measures_for(plan, e.code)) for e in entries)
    columns = (
        Column("ลำดับ", 0.8, "int"),
        Column("ข้อ", 0.8),
        Column("ประเด็นการประเมิน", 5.0),
        Column("คะแนน", 1.1, SCORE),
        Column("มาตรการในแผน", 1.6),
    )
    return Table(key, columns, rows, caption=caption, font_size=14.0)


def _per_tool(section: Section, numbered: Numbering, analysis: Analysis, plan: Plan) -> None:
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
        name = TOOL_NAMES.get(tool, tool)
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


def _channels(section: Section, numbered: Numbering, analysis: Analysis) -> None:
    assessment = analysis.assessment
    fw = assessment.framework
    parts = []
    for channel, figure in assessment.channel_tools.items():
        if figure.value is not None:
            parts.append(
                f"{CHANNEL_NAMES.get(channel, channel)} ({CHANNEL_MEANING.get(channel, '')})"
                f" ได้ {fmt2(figure.value)} คะแนน"
            )
    below_any = [g for g in analysis.channel_gaps if g.below_bar]
    section.add(
        Heading(numbered.sub("ผลการประเมิน EIT แยกตามช่องทาง"), 2),
        Paragraph(
            " และ ".join(parts) + f" เมื่อพิจารณารายข้อ มี {len(below_any)} ข้อจาก {len(analysis.channel_gaps)} ข้อ"
            f" ที่ช่องทางใดช่องทางหนึ่งได้ต่ำกว่า {analysis.pass_mark:g} คะแนน ดังตาราง"
        ),
    )
    rows = []
    for gap in analysis.channel_gaps:
        below = " และ ".join(CHANNEL_NAMES.get(c, c) for c in gap.below_bar) or "—"
        rows.append((gap.code, item_title(fw, gap.code), shown(gap.public), shown(gap.survey), shown(gap.gap), below))
    section.add(
        Table(
            "channels",
            (
                Column("ข้อ", 0.8),
                Column("ประเด็นการประเมิน", 4.4),
                Column("EIT Public", 1.2, SCORE),
                Column("EIT Survey", 1.2, SCORE),
                Column("ส่วนต่าง", 1.1, "change"),
                Column("ต่ำกว่าเกณฑ์", 1.6),
            ),
            tuple(rows),
            caption="คะแนนรายข้อของ EIT Public และ EIT Survey",
            font_size=14.0,
        )
    )
    section.add(
        Chart(
            "channels",
            f"EIT Public และ EIT Survey รายข้อ เทียบกับเกณฑ์ {analysis.pass_mark:g} คะแนน",
            ChartSpec(
                categories=tuple(g.code for g in analysis.channel_gaps),
                series=(
                    Series("EIT Public", tuple(shown(g.public) for g in analysis.channel_gaps)),
                    Series("EIT Survey", tuple(shown(g.survey) for g in analysis.channel_gaps)),
                ),
                value_label="คะแนน",
                reference=analysis.pass_mark,
                reference_label=f"เกณฑ์ {analysis.pass_mark:g} คะแนน",
            ),
            height_cm=8.5,
        )
    )


def _question_fact(analysis: Analysis, code: str) -> str:
    assessment = analysis.assessment
    bar = analysis.question_threshold
    text = "ข้อเท็จจริง: "
    if code in assessment.questions:
        text += f"ได้ {fmt2(assessment.questions[code])} คะแนน"
    channels = [(ch, per[code]) for ch, per in sorted(assessment.channel_questions.items()) if code in per]
    if channels:
        text += (
            (" (" if code in assessment.questions else "")
            + " และ ".join(f"{CHANNEL_NAMES.get(ch, ch)} ได้ {fmt2(v)} คะแนน" for ch, v in channels)
            + (")" if code in assessment.questions else "")
        )
        below = [CHANNEL_NAMES.get(ch, ch) for ch, v in channels if round2(v) < bar]
        if below and len(below) < len(channels):
            text += f" โดย {' และ '.join(below)} ต่ำกว่าเกณฑ์ {bar:g} คะแนน"
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


def _questions(section: Section, analysis: Analysis, plan: Plan) -> None:
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


def _failed_oit(section: Section, analysis: Analysis, plan: Plan) -> None:
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
            _measures_for(plan, e.code),
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
