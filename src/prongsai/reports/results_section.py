"""The result section of the analysis report: total and level, scores per tool, ranked indicators and their
chart, and the OIT sub-indicators."""

from __future__ import annotations

from ..ita.analysis import Analysis
from ..ita.numbers import fmt2
from .model import INT, NOTE, SCORE, Cell, Chart, ChartSpec, Column, Heading, Paragraph, Section, Series, Table, shown
from .numbering import Numbering
from .texts import eit_channel_label, indicator_label, sub_indicator_label, tool_label


def results_section(numbered: Numbering, analysis: Analysis, who: str) -> Section:
    """Total and level, scores per tool (and EIT channel), indicators ranked with their chart, OIT sub-indicators."""
    assessment = analysis.assessment
    fw = assessment.framework
    total = assessment.total
    section = Section("results").add(Heading(numbered.next("ผลการประเมิน")))
    if total.value is not None:
        section.add(
            Paragraph(
                f"ผลการประเมินประจำปีงบประมาณ พ.ศ. {fw.year} {who}ได้คะแนนรวม {fmt2(total.value)} คะแนน"
                f" อยู่ในระดับ “{assessment.level or 'ยังตัดสินไม่ได้'}”"
            )
        )
    else:
        section.add(Paragraph(f"ยังคำนวณคะแนนรวมของปีงบประมาณ พ.ศ. {fw.year} ไม่ได้ เนื่องจาก{total.note}"))
    section.add(Paragraph(f"การตัดสินระดับ: {assessment.level_reason}", NOTE))
    rows: list[tuple[str, str, float | None]] = []
    bold = []
    for code, tool in fw.tools.items():
        rows.append((tool_label(fw, code), f"{tool.weight * 100:g}", shown(assessment.tools[code].value)))
        if code == "EIT":
            for channel, figure in assessment.channel_tools.items():
                rows.append((f"    {eit_channel_label(channel)}", "", shown(figure.value)))
    bold.append(len(rows))
    rows.append(("คะแนนรวม", "100", shown(total.value)))
    section.add(
        Table(
            "tools",
            (Column("เครื่องมือการประเมิน", 6.0), Column("น้ำหนัก (ร้อยละ)", 1.6), Column("คะแนน", 1.4, SCORE)),
            tuple(rows),
            caption="คะแนนรายเครื่องมือ",
            bold_rows=tuple(bold),
        )
    )
    section.add(
        Paragraph(
            "คะแนนรายตัวชี้วัดเรียงจากมากไปน้อยดังตารางต่อไปนี้ ตัวชี้วัดที่ได้คะแนนเท่ากันอยู่ในลำดับเดียวกัน"
            f" ตัวชี้วัดที่ได้ตั้งแต่ {analysis.strength:g} คะแนนถือเป็นจุดแข็ง และตัวชี้วัดที่ได้ต่ำกว่า {analysis.pass_mark:g} คะแนน"
            " เป็นจุดที่ต้องพัฒนา"
        )
    )
    strong = {e.code for e in analysis.strong_indicators}
    weak = {e.code for e in analysis.weak_indicators}
    ranked_rows: list[tuple[Cell, ...]] = []
    for entry in analysis.indicators_ranked:
        number = int(entry.code.removeprefix("IND"))
        verdict = "จุดแข็ง" if entry.code in strong else ("ต้องพัฒนา" if entry.code in weak else "")
        ranked_rows.append(
            (entry.rank, indicator_label(fw, number), fw.indicators[number].tool, shown(entry.score), verdict)
        )
    missing = [n for n, f in assessment.indicators.items() if f.value is None]
    for number in missing:
        ranked_rows.append(
            ("", indicator_label(fw, number), fw.indicators[number].tool, None, assessment.indicators[number].note)
        )
    section.add(
        Table(
            "indicators",
            (
                Column("ลำดับ", 0.8, INT),
                Column("ตัวชี้วัด", 4.6),
                Column("เครื่องมือ", 1.1),
                Column("คะแนน", 1.2, SCORE),
                Column("ผลการพิจารณา", 1.6),
            ),
            tuple(ranked_rows),
            caption="คะแนนรายตัวชี้วัด เรียงจากมากไปน้อย",
        )
    )
    known = [(n, f.value) for n, f in sorted(assessment.indicators.items()) if f.value is not None]
    if known:
        section.add(
            Chart(
                "indicators",
                f"คะแนนรายตัวชี้วัดเทียบกับเกณฑ์ {analysis.pass_mark:g} คะแนน",
                ChartSpec(
                    categories=tuple(indicator_label(fw, n) for n, _ in known),
                    series=(Series(f"ปีงบประมาณ พ.ศ. {fw.year}", tuple(shown(v) for _, v in known)),),
                    value_label="คะแนน",
                    reference=analysis.pass_mark,
                    reference_label=f"เกณฑ์ {analysis.pass_mark:g} คะแนน",
                    horizontal=True,
                    highlight_below=True,
                ),
                height_cm=9.5,
            )
        )
    subs = [(code, f) for code, f in assessment.sub_indicators.items() if f.value is not None]
    if subs:
        sub_rows = tuple(
            (sub_indicator_label(fw, code), len(fw.sub_indicators[code].items), shown(f.value)) for code, f in subs
        )
        section.add(
            Table(
                "sub_indicators",
                (Column("ตัวชี้วัดย่อยของ OIT", 5.5), Column("จำนวนข้อ", 1.3, INT), Column("คะแนน", 1.3, SCORE)),
                sub_rows,
                caption="คะแนนตัวชี้วัดย่อยของแบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT)",
            )
        )
    return section
