"""The self-assessment forecast as a section of the analysis report: the year being prepared, scored from the
agency's own surveys and OIT board, always labelled as a self-assessment and never as an official figure."""

from __future__ import annotations

from ..ita.forecast import BOARD, BOARD_SHARE, LABEL, SURVEY, Forecast
from ..ita.numbers import fmt2
from .model import BODY, NOTE, SCORE, Column, Heading, Paragraph, Section, Table, shown
from .numbering import Numbering
from .texts import tool_label
from .whatif_section import fix_rows, fix_table

OWN_SOURCES = (SURVEY, BOARD, BOARD_SHARE)
TOP_FIXES = 8


def has_own_data(forecast: Forecast) -> bool:
    """Whether the forecast rests on anything the agency measured itself (a survey round or its OIT board), rather
    than only on last year's official figures, which the rest of the report already shows."""
    return any(source in OWN_SOURCES for source in forecast.sources.values())


def forecast_section(numbered: Numbering, forecast: Forecast) -> Section:
    """Heading, the label, the figures per tool with where each came from, the level and its reason, the change
    against the last official total, the OIT items at risk and the fixes worth most."""
    assessment = forecast.assessment
    fw = assessment.framework
    section = Section("forecast").add(
        Heading(numbered.next(f"ผลการประเมินตนเองและการคาดการณ์ผลประจำปีงบประมาณ พ.ศ. {fw.year}")),
        Paragraph(LABEL, NOTE, bold=True),
        Paragraph(
            f"ส่วนนี้คาดการณ์ผลการประเมินประจำปีงบประมาณ พ.ศ. {fw.year} ล่วงหน้า จากข้อมูลที่หน่วยงานจัดเก็บเอง"
            " ได้แก่ ผลแบบสำรวจที่หน่วยงานจัดทำขึ้นตามแนวของแบบวัด IIT และ EIT และสถานะการเตรียมข้อมูลเผยแพร่ตามแบบวัด OIT"
            " แบบวัดใดที่หน่วยงานยังไม่มีข้อมูลของตนเอง จะใช้ผลทางการของปีก่อนแทน ตัวเลขทั้งหมดคำนวณด้วยวิธีเดียวกับผลทางการ"
            " แต่มิใช่ผลการประเมินของสำนักงาน ป.ป.ช. จึงใช้เพื่อวางแผนปรับปรุงเท่านั้น",
            BODY,
        ),
    )
    rows: list[tuple[str, float | None, str]] = [
        (tool_label(fw, tool), shown(figure.value), forecast.source_name(tool))
        for tool, figure in assessment.tools.items()
    ]
    rows.append(
        (
            "คะแนนรวมคาดการณ์",
            shown(assessment.total.value),
            f"ระดับ {assessment.level}" if assessment.level else "ยังตัดสินระดับไม่ได้",
        )
    )
    section.add(
        Table(
            "forecast",
            (Column("แบบวัด", 3.4), Column("คะแนนคาดการณ์", 2.0, SCORE), Column("ที่มาของข้อมูล", 3.6)),
            tuple(rows),
            caption=f"คะแนนคาดการณ์ประจำปีงบประมาณ พ.ศ. {fw.year} (ผลประเมินตนเอง)",
            bold_rows=(len(rows) - 1,),
        )
    )
    summary = f"ระดับที่คาดการณ์: {assessment.level or 'ยังตัดสินไม่ได้'}"
    if assessment.level_reason:
        summary += f" ({assessment.level_reason})"
    if forecast.change is not None and forecast.previous_total is not None:
        direction = "สูงกว่า" if forecast.change > 0 else "ต่ำกว่า" if forecast.change < 0 else "เท่ากับ"
        summary += f" คะแนนรวมคาดการณ์{direction}ผลทางการของปีก่อน ({fmt2(forecast.previous_total)})" + (
            f" {fmt2(abs(forecast.change))} คะแนน" if forecast.change else ""
        )
    section.add(Paragraph(summary, BODY))
    if forecast.at_risk:
        section.add(
            Paragraph(
                f"ข้อ OIT ที่ยังไม่ได้รับอนุมัติบนกระดานเตรียมข้อมูล {len(forecast.at_risk)} ข้อ ถือว่ายังมีความเสี่ยงไม่ผ่านเกณฑ์:"
                f" {', '.join(forecast.at_risk)}",
                BODY,
            )
        )
    fixes = sorted(forecast.fixes, key=lambda f: -f.gain)[:TOP_FIXES]
    if fixes:
        section.add(
            fix_table(
                "forecast_whatif",
                fix_rows(assessment, fixes),
                new_total="คะแนนรวมคาดการณ์ใหม่",
                caption="ประเด็นที่แก้ไขแล้วคะแนนรวมคาดการณ์เพิ่มขึ้นมากที่สุด",
            )
        )
    for note in forecast.notes:
        section.add(Paragraph(note, NOTE))
    return section
