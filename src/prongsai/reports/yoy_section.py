"""The year-over-year section of the analysis report: this year's scores against the previous year's, the chart,
and the items whose score fell (matched by topic even when their code moved)."""

from __future__ import annotations

from ..ita.analysis import Analysis
from ..ita.numbers import fmt2, round2
from ..ita.scoring import Assessment
from .model import CHANGE, SCORE, Chart, ChartSpec, Column, Heading, Paragraph, Section, Series, Table, shown
from .numbering import Numbering
from .texts import indicator_label, item_title, sub_indicator_label


def year_over_year_section(numbered: Numbering, analysis: Analysis, previous: Assessment) -> Section:
    """This year against the previous one: the total's change, a table and chart, and the items that fell."""
    yoy = analysis.yoy or {}
    fw = analysis.assessment.framework
    before, now = previous.framework.year, fw.year
    total = next(c for c in yoy["figures"] if c.code == "TOTAL")
    section = Section("yoy").add(Heading(numbered.next(f"เปรียบเทียบผลการประเมินกับปีงบประมาณ พ.ศ. {before}")))
    if total.change is not None and total.previous is not None:
        moved = round2(total.change)
        if moved > 0:
            trend = f"เพิ่มขึ้น {fmt2(moved)} คะแนน"
        elif moved < 0:
            trend = f"ลดลง {fmt2(-moved)} คะแนน"
        else:
            trend = "เท่าเดิม"
        section.add(
            Paragraph(
                f"ปีงบประมาณ พ.ศ. {before} ได้คะแนนรวม {fmt2(total.previous)} คะแนน (ระดับ {previous.level or '—'})"
                f" และปีงบประมาณ พ.ศ. {now} ได้ {fmt2(total.current)} คะแนน (ระดับ {analysis.assessment.level or '—'})"
                f" คะแนนรวม{trend}"
            )
        )
    labels = {"TOTAL": "คะแนนรวม", "IIT": "IIT", "EIT": "EIT", "OIT": "OIT"}
    rows: list[tuple[str, float | None, float | None, float | None]] = []
    for change in yoy["figures"]:
        rows.append(
            (labels.get(change.code, change.code), shown(change.previous), shown(change.current), shown(change.change))
        )
    for change in yoy["indicators"]:
        rows.append(
            (
                indicator_label(fw, int(change.code.removeprefix("IND"))),
                shown(change.previous),
                shown(change.current),
                shown(change.change),
            )
        )
    for change in yoy["sub_indicators"]:
        name = sub_indicator_label(fw, change.code) if change.code in fw.sub_indicators else change.code
        rows.append((f"    {name}", shown(change.previous), shown(change.current), shown(change.change)))
    section.add(
        Table(
            "yoy",
            (
                Column("รายการ", 5.0),
                Column(f"ปี {before}", 1.3, SCORE),
                Column(f"ปี {now}", 1.3, SCORE),
                Column("เปลี่ยนแปลง", 1.4, CHANGE),
            ),
            tuple(rows),
            caption=f"คะแนนปีงบประมาณ พ.ศ. {before} เทียบกับ พ.ศ. {now}",
            bold_rows=(0,),
        )
    )
    pairs = [c for c in yoy["indicators"] if c.previous is not None or c.current is not None]
    if pairs:
        section.add(
            Chart(
                "yoy",
                f"คะแนนรายตัวชี้วัด ปีงบประมาณ พ.ศ. {before} และ พ.ศ. {now}",
                ChartSpec(
                    categories=tuple(indicator_label(fw, int(c.code.removeprefix("IND"))) for c in pairs),
                    series=(
                        Series(f"พ.ศ. {before}", tuple(shown(c.previous) for c in pairs)),
                        Series(f"พ.ศ. {now}", tuple(shown(c.current) for c in pairs)),
                    ),
                    value_label="คะแนน",
                    reference=analysis.pass_mark,
                    reference_label=f"เกณฑ์ {analysis.pass_mark:g} คะแนน",
                    horizontal=True,
                ),
                height_cm=12.0,
            )
        )
    dropped = [c for c in yoy["items"] if c.change is not None and round2(c.change) < 0]
    if dropped:
        section.add(Paragraph("ข้อการประเมินที่มีคะแนนลดลงจากปีก่อน (เทียบตามประเด็นของข้อ แม้รหัสข้อจะเปลี่ยนระหว่างปี)"))
        section.add(
            Table(
                "yoy_dropped",
                (
                    Column(f"ข้อ ({now})", 1.2),
                    Column("ประเด็นการประเมิน", 5.2),
                    Column(f"ปี {before}", 1.2, SCORE),
                    Column(f"ปี {now}", 1.2, SCORE),
                    Column("เปลี่ยนแปลง", 1.4, CHANGE),
                ),
                tuple(
                    (
                        c.current_code or "",
                        item_title(fw, c.current_code) if c.current_code else "",
                        shown(c.previous),
                        shown(c.current),
                        shown(c.change),
                    )
                    for c in dropped
                ),
                font_size=14.0,
            )
        )
    return section
