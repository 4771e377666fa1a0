"""Build the analysis report (OIT O42: analysis of the result plus the measures plan) from engine objects.

Sections follow the seeds: background, result summary with charts, year over year, strengths and points to
develop, NACC's per-tool tables, EIT channels, per-question analysis, failed OIT items, what each fix is worth,
the measures plan, monitoring, signature and an appendix of every score. Figures are read from the Assessment,
Analysis and Plan (shown with the engine's 2-decimal rounding); the prose is the project's own.
Each section is built in a module named after it (background_section.py, results_section.py, yoy_section.py,
analysis_sections.py and its parts, whatif_section.py, plan_sections.py, forecast_section.py, appendix_section.py);
this module only puts them in order and numbers them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..ita.analysis import Analysis
from ..ita.forecast import Forecast
from ..ita.plan import Plan
from ..ita.scoring import Assessment
from .analysis_sections import analysis_sections
from .appendix_section import appendix_section
from .background_section import background_section
from .forecast_section import forecast_section, has_own_data
from .model import DOTS, Cell, Heading, Paragraph, Report, Section, shown
from .numbering import Numbering
from .plan_sections import monitoring_blocks, plan_table, signature
from .results_section import results_section
from .texts import ITA_NAME_EN, eit_channel_label
from .whatif_section import whatif_section
from .yoy_section import year_over_year_section


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
    numbered = Numbering()
    sections = [
        background_section(numbered, analysis, plan, who),
        results_section(numbered, analysis, who),
    ]
    if analysis.yoy is not None and previous is not None:
        sections.append(year_over_year_section(numbered, analysis, previous))
    sections += analysis_sections(numbered, analysis, plan)
    sections.append(whatif_section(numbered, analysis))
    sections.append(_plan_section(numbered, plan, who))
    sections.append(
        Section("monitoring").add(Heading(numbered.next("การกำกับติดตามและการรายงานผล")), *monitoring_blocks(plan, fw))
    )
    if forecast is not None and has_own_data(forecast):
        sections.append(forecast_section(numbered, forecast))
    sections.append(
        Section("signature").add(signature(options.signatory_name, options.signatory_position, issued, "ผู้อนุมัติ"))
    )
    appendix = appendix_section(analysis)
    if appendix is not None:
        sections.append(appendix)
    return Report(
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


def _plan_section(numbered: Numbering, plan: Plan, who: str) -> Section:
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
        summary[eit_channel_label(channel)] = shown(figure.value)
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
