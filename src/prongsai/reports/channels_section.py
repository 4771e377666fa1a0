"""The EIT channels part of the analysis: each channel's score, the questions where one channel is below the pass
mark, and their chart."""

from __future__ import annotations

from ..ita.analysis import Analysis
from ..ita.model import CHANNELS
from ..ita.numbers import fmt2
from ..ita.thai_names import channel_name
from .model import CHANGE, SCORE, Chart, ChartSpec, Column, Heading, Paragraph, Section, Series, Table, shown
from .numbering import Numbering
from .texts import CHANNEL_MEANING, channel_label, eit_channel_label, item_title

PUBLIC, SURVEY = CHANNELS  # the gap's two columns, in this order


def channels_part(section: Section, numbered: Numbering, analysis: Analysis) -> None:
    """Each EIT channel's score, then per question both channels, their gap and which is below the pass mark."""
    assessment = analysis.assessment
    fw = assessment.framework
    parts = []
    for channel, figure in assessment.channel_tools.items():
        if figure.value is not None:
            parts.append(
                f"{eit_channel_label(channel)} ({CHANNEL_MEANING.get(channel, '')}) ได้ {fmt2(figure.value)} คะแนน"
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
        below = " และ".join(channel_name(c) for c in gap.below_bar) or "—"
        rows.append((gap.code, item_title(fw, gap.code), shown(gap.public), shown(gap.survey), shown(gap.gap), below))
    section.add(
        Table(
            "channels",
            (
                Column("ข้อ", 0.8),
                Column("ประเด็นการประเมิน", 4.4),
                Column(channel_name(PUBLIC), 1.2, SCORE),
                Column(channel_name(SURVEY), 1.2, SCORE),
                Column("ส่วนต่าง", 1.1, CHANGE),
                Column("ต่ำกว่าเกณฑ์", 1.6),
            ),
            tuple(rows),
            caption="คะแนนรายข้อของ EIT แยกตามช่องทาง",
            font_size=14.0,
        )
    )
    section.add(
        Chart(
            "channels",
            f"คะแนน EIT รายข้อ แยกตามช่องทาง เทียบกับเกณฑ์ {analysis.pass_mark:g} คะแนน",
            ChartSpec(
                categories=tuple(g.code for g in analysis.channel_gaps),
                series=(
                    Series(channel_label(PUBLIC), tuple(shown(g.public) for g in analysis.channel_gaps)),
                    Series(channel_label(SURVEY), tuple(shown(g.survey) for g in analysis.channel_gaps)),
                ),
                value_label="คะแนน",
                reference=analysis.pass_mark,
                reference_label=f"เกณฑ์ {analysis.pass_mark:g} คะแนน",
            ),
            height_cm=8.5,
        )
    )
