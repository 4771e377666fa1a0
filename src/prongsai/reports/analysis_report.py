"""Build the analysis report (OIT O42: analysis of the result plus the measures plan) from engine objects.

Sections follow the seeds: background, result summary with charts, year over year, strengths and points to
develop, NACC's per-tool tables, EIT channels, per-question analysis, failed OIT items, what each fix is worth,
the measures plan, monitoring, signature and an appendix of every score. Figures are read from the Assessment,
Analysis and Plan (shown with the engine's 2-decimal rounding); the prose is the project's own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..ita.analysis import Analysis
from ..ita.forecast import Forecast
from ..ita.numbers import fmt2, round2
from ..ita.plan import Plan
from ..ita.scoring import Assessment
from ..ita.whatif import Fix, apply
from .analysis_detail import analysis_sections, fix_label
from .forecast_section import forecast_section, has_own_data
from .model import (
    BODY,
    CHANGE,
    DOTS,
    NOTE,
    SCORE,
    Cell,
    Chart,
    ChartSpec,
    Column,
    Heading,
    PageBreak,
    Paragraph,
    Report,
    Section,
    Series,
    Table,
    shown,
)
from .plan_sections import monitoring_blocks, plan_table, signature
from .texts import (
    ITA_NAME,
    ITA_NAME_EN,
    NACC,
    indicator_label,
    item_title,
    provisional_blocks,
    sub_indicator_label,
    tool_label,
)


@dataclass(frozen=True)
class ReportOptions:
    """What the command line adds to the engine objects: names for the title and signature, and the date."""

    agency: str | None = None
    signatory_name: str | None = None
    signatory_position: str | None = None
    issued: dt.date | None = None


def build_analysis_report(
    analysis: Analysis,
    plan: Plan,
    *,
    previous: Assessment | None = None,
    options: ReportOptions | None = None,
    forecast: Forecast | None = None,
) -> Report:
    """The whole analysis report; `plan` is the given or drafted plan for the year after the assessed one, and
    `forecast` the agency's self-assessment of that year (a section of its own when it rests on the agency's data)."""
    options = options or ReportOptions()
    assessment = analysis.assessment
    fw = assessment.framework
    agency = options.agency or assessment.agency or plan.agency
    issued = options.issued or dt.date.today()
    who = agency or "หน่วยงาน"
    numbered = _Numbering()
    sections = [
        _background(numbered, analysis, plan, who),
        _results(numbered, analysis, who),
    ]
    if analysis.yoy is not None and previous is not None:
        sections.append(_year_over_year(numbered, analysis, previous))
    sections += analysis_sections(numbered, analysis, plan)
    sections.append(_whatif(numbered, analysis))
    sections.append(_plan_section(numbered, plan, who))
    sections.append(
        Section("monitoring").add(Heading(numbered.next("การกำกับติดตามและการรายงานผล")), *monitoring_blocks(plan, fw))
    )
    if forecast is not None and has_own_data(forecast):
        sections.append(forecast_section(numbered, forecast))
    sections.append(
        Section("signature").add(signature(options.signatory_name, options.signatory_position, issued, "ผู้อนุมัติ"))
    )
    appendix = _appendix(analysis)
    if appendix is not None:
        sections.append(appendix)
    return Report(
        kind="analysis",
        title=(
            "รายงานผลการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส",
            f"ในการดำเนินงานของหน่วยงานภาครัฐ {ITA_NAME_EN}",
            agency or DOTS,
            f"ประจำปีงบประมาณ พ.ศ. {fw.year}",
        ),
        agency=agency,
        year=fw.year,
        sections=sections,
        issued=issued,
        signatory_name=options.signatory_name,
        signatory_position=options.signatory_position,
        plan=plan,
        summary=_summary(analysis, agency, plan, issued),
    )


def _plan_section(numbered: _Numbering, plan: Plan, who: str) -> Section:
    heading = Heading(numbered.next(f"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {plan.year}"))
    if not plan.rows:
        return Section("plan").add(
            heading,
            Paragraph(
                f"ผลการประเมินไม่มีตัวชี้วัด ข้อคำถาม หรือข้อ OIT ที่ต่ำกว่าเกณฑ์ซึ่งต้องกำหนดมาตรการแก้ไข {who}จึงมุ่งรักษา"
                " มาตรฐานการดำเนินงานเดิมไว้ และกำหนดมาตรการเพิ่มเติมได้ในไฟล์แผนมาตรการ แล้วจัดทำรายงานนี้ใหม่"
            ),
        )
    return Section("plan", landscape=True).add(
        heading,
        Paragraph(
            f"จากผลการวิเคราะห์ข้างต้น {who}กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
            f" สำหรับปีงบประมาณ พ.ศ. {plan.year} จำนวน {len(plan.rows)} มาตรการ แต่ละมาตรการระบุข้อการประเมินที่มาตรการนั้นตอบ"
            " วิธีการนำผลการวิเคราะห์ไปสู่การปฏิบัติ ผู้รับผิดชอบ ระยะเวลา ขั้นตอน และแนวทางกำกับติดตาม ดังนี้"
        ),
        plan_table(plan),
    )


class _Numbering:
    """Section numbers 1, 2, 3... and sub-numbers 4.1, 4.2 for the headings, in the order they are made."""

    def __init__(self) -> None:
        self.major = 0
        self.minor = 0

    def next(self, title: str) -> str:
        self.major += 1
        self.minor = 0
        return f"{self.major}. {title}"

    def sub(self, title: str) -> str:
        self.minor += 1
        return f"{self.major}.{self.minor} {title}"


def _background(numbered: _Numbering, analysis: Analysis, plan: Plan, who: str) -> Section:
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
                "ในปีนี้ EIT เก็บข้อมูล " + str(len(fw.eit_channels)) + " ช่องทาง คือ EIT Public ซึ่งผู้รับบริการหรือผู้มาติดต่อราชการ"
                "ตอบด้วยตนเอง และ EIT Survey ซึ่งสำนักงาน ป.ป.ช. เก็บข้อมูลจากกลุ่มตัวอย่าง คะแนนของแต่ละข้อคำถามคือค่าเฉลี่ย"
                "ของทั้งสองช่องทาง"
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


def _results(numbered: _Numbering, analysis: Analysis, who: str) -> Section:
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
                name = {"public": "EIT Public", "survey": "EIT Survey"}.get(channel, channel)
                rows.append((f"    {name}", "", shown(figure.value)))
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
    ranked_rows = []
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
                Column("ลำดับ", 0.8, "int"),
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
                (Column("ตัวชี้วัดย่อยของ OIT", 5.5), Column("จำนวนข้อ", 1.3, "int"), Column("คะแนน", 1.3, SCORE)),
                sub_rows,
                caption="คะแนนตัวชี้วัดย่อยของแบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT)",
            )
        )
    return section


def _year_over_year(numbered: _Numbering, analysis: Analysis, previous: Assessment) -> Section:
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


def _whatif(numbered: _Numbering, analysis: Analysis) -> Section:
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
    rows: list[tuple[str, float | None, float | None, str]] = []
    for fix in analysis.fixes:
        scenario = apply(assessment, (fix,))
        rows.append((fix_label(fix), shown(fix.gain), shown(scenario.total), scenario.level or "—"))
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
    section.add(
        Table(
            "whatif",
            (
                Column("การแก้ไข", 4.6),
                Column("คะแนนรวมเพิ่มขึ้น", 1.6, SCORE),
                Column("คะแนนรวมใหม่", 1.5, SCORE),
                Column("ระดับ", 1.3),
            ),
            tuple(rows),
            caption="ผลของการแก้ไขแต่ละประเด็นต่อคะแนนรวม",
        )
    )
    return _next_level(section, analysis)


def _next_level(section: Section, analysis: Analysis) -> Section:
    step = analysis.next_step
    if step.target is None:
        section.add(Paragraph(f"ระดับถัดไป: {step.reason}"))
        return section
    text = f"การขึ้นสู่ระดับ “{step.target}”: {step.reason}"
    if step.scenario and step.scenario.fixes:
        text += " โดย" + " ".join(fix_label(f) for f in step.scenario.fixes)
    section.add(Paragraph(text, BODY))
    return section


def _appendix(analysis: Analysis) -> Section | None:
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
        columns = [Column("ข้อ", 0.8), Column("ตัวชี้วัด", 0.9, "int"), Column("ประเด็นการประเมิน", 5.4)]
        columns += [Column({"public": "EIT Public", "survey": "EIT Survey"}.get(ch, ch), 1.2, SCORE) for ch in channels]
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


def _summary(analysis: Analysis, agency: str | None, plan: Plan, issued: dt.date) -> dict[str, Cell]:
    """Key figures for the XLSX summary sheet, as the engine shows them."""
    assessment = analysis.assessment
    notice = assessment.framework.provisional_notice
    summary: dict[str, Cell] = {"ข้อควรทราบ": notice} if notice else {}
    summary |= {
        "หน่วยงาน": agency or "",
        "ปีงบประมาณที่ประเมิน (พ.ศ.)": assessment.year,
        "คะแนนรวม": shown(assessment.total.value),
        "ระดับ": assessment.level or "",
        "เหตุผลของระดับ": assessment.level_reason,
    }
    for code, figure in assessment.tools.items():
        summary[code] = shown(figure.value)
    for channel, figure in assessment.channel_tools.items():
        summary[{"public": "EIT Public", "survey": "EIT Survey"}.get(channel, channel)] = shown(figure.value)
    summary.update(
        {
            "เกณฑ์ผ่าน": analysis.pass_mark,
            "เกณฑ์จุดแข็ง": analysis.strength,
            "เกณฑ์ข้อคำถาม": analysis.question_threshold,
            "จำนวนมาตรการในแผน": len(plan.rows),
            "ปีงบประมาณของแผน (พ.ศ.)": plan.year,
            "วันที่จัดทำ": issued,
        }
    )
    return summary
