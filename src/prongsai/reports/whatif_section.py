"""What each fix is worth: the what-if section of the analysis report and the words for one fix (also used by the
forecast section)."""

from __future__ import annotations

from collections.abc import Iterable

from ..ita.analysis import Analysis
from ..ita.numbers import fmt2
from ..ita.scoring import Assessment
from ..ita.whatif import Fix, apply
from .model import BODY, SCORE, Column, Heading, Paragraph, Section, Table, shown
from .numbering import Numbering


def fix_label(fix: Fix) -> str:
    """One fix in words: pass an OIT item, or raise a question from its score to a target."""
    if fix.before == 0 and fix.after >= 100 and fix.code.startswith("O"):
        return f"ข้อ {fix.code} ผ่านเกณฑ์"
    return f"ยกคะแนนข้อ {fix.code} จาก {fmt2(fix.before)} เป็น {fmt2(fix.after)}"


FixRow = tuple[str, float | None, float | None, str]


def fix_rows(assessment: Assessment, fixes: Iterable[Fix]) -> list[FixRow]:
    """One row a fix: its words, what it adds to the total, the new total and the level that total reaches."""
    rows: list[FixRow] = []
    for fix in fixes:
        scenario = apply(assessment, (fix,))
        rows.append((fix_label(fix), shown(fix.gain), shown(scenario.total), scenario.level or "—"))
    return rows


def fix_table(key: str, rows: list[FixRow], *, new_total: str, caption: str) -> Table:
    """The what-if table: fix, gain, new total (headed `new_total`) and level."""
    return Table(
        key,
        (
            Column("การแก้ไข", 4.6),
            Column("คะแนนรวมเพิ่มขึ้น", 1.6, SCORE),
            Column(new_total, 1.5, SCORE),
            Column("ระดับ", 1.3),
        ),
        tuple(rows),
        caption=caption,
    )


def whatif_section(numbered: Numbering, analysis: Analysis) -> Section:
    """What each single fix adds to the total (and all failed OIT items together), then the next level."""
    assessment = analysis.assessment
    section = Section("whatif").add(Heading(numbered.next("ผลต่อคะแนนรวมหากแก้ไขแต่ละประเด็น")))
    if assessment.total.value is None or not analysis.fixes:
        section.add(Paragraph("ไม่มีข้อคำถามที่ต่ำกว่าเกณฑ์หรือข้อ OIT ที่ไม่ผ่านซึ่งทราบคะแนนรายข้อ จึงไม่มีรายการที่ต้องคำนวณผลต่อคะแนนรวม"))
        return _next_level(section, analysis)
    section.add(
        Paragraph(
            "ตารางต่อไปนี้แสดงว่าการยกคะแนนข้อคำถามแต่ละข้อ หรือการแก้ไขข้อ OIT ที่ไม่ผ่านเกณฑ์ให้ผ่าน จะเพิ่มคะแนนรวมเท่าใด"
            " ค่าเหล่านี้คำนวณจากน้ำหนักของแต่ละข้อในโครงสร้างการประเมิน จึงเป็นค่าที่แน่นอน ไม่ใช่การประมาณ"
            " ใช้จัดลำดับความสำคัญของมาตรการได้"
        )
    )
    rows = fix_rows(assessment, analysis.fixes)
    by_code = {f.code: f for f in analysis.fixes}
    failed: tuple[Fix, ...] = tuple(by_code[e.code] for e in analysis.failed_oit if e.code in by_code)
    if len(failed) > 1:
        scenario = apply(assessment, failed)
        rows.append(
            (
                "ทุกข้อ OIT ที่ไม่ผ่าน (" + ", ".join(f.code for f in failed) + ") ผ่านเกณฑ์",
                shown(scenario.gain),
                shown(scenario.total),
                scenario.level or "—",
            )
        )
    section.add(fix_table("whatif", rows, new_total="คะแนนรวมใหม่", caption="ผลของการแก้ไขแต่ละประเด็นต่อคะแนนรวม"))
    return _next_level(section, analysis)


def _next_level(section: Section, analysis: Analysis) -> Section:
    """The closing line of the what-if section: what it takes to reach the next level."""
    step = analysis.next_step
    if step.target is None:
        section.add(Paragraph(f"ระดับถัดไป: {step.reason}"))
        return section
    text = f"การขึ้นสู่ระดับ “{step.target}”: {step.reason}"
    if step.scenario and step.scenario.fixes:
        text += " โดย" + " ".join(fix_label(f) for f in step.scenario.fixes)
    section.add(Paragraph(text, BODY))
    return section
