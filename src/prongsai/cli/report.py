"""`prongsai report` (the analysis report with the measures plan, O42) and `prongsai report-progress` (O43)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..ita.problems import InputError, Problem
from ..ita.thaidates import EXPECTED as DATE_EXPECTED
from ..ita.thaidates import parse_date
from ..ita.years import parse_year
from .common import (
    AgencyOption,
    FrameworkOption,
    PassMarkOption,
    PreviousOption,
    PreviousYearOption,
    QuestionThresholdOption,
    StrengthOption,
    YearOption,
    errors,
    fail,
    score_one,
    score_previous,
)

if TYPE_CHECKING:  # the reports package is imported only when a report is made
    from ..reports.model import Report

FormatOption = Annotated[
    str | None, typer.Option("--format", "-f", help="docx, pdf, xlsx หรือ html (ค่าเริ่มต้นตามนามสกุลของไฟล์ผลลัพธ์)")
]
OutputOption = Annotated[Path, typer.Option("--output", "-o", help="ไฟล์รายงานที่จะเขียน")]
ThaiDigitsOption = Annotated[bool, typer.Option("--thai-digits", help="ใช้เลขไทยกับตัวเลขและวันที่ทั้งหมด")]
TemplateOption = Annotated[
    Path | None, typer.Option("--template", help="แม่แบบ DOCX ของหน่วยงาน (หัวกระดาษ ผู้ลงนาม) ที่มีตัวแทน {{...}}")
]
SignatoryOption = Annotated[str | None, typer.Option("--signatory", help="ชื่อผู้ลงนาม")]
PositionOption = Annotated[str | None, typer.Option("--signatory-position", help="ตำแหน่งผู้ลงนาม")]
DateOption = Annotated[str | None, typer.Option("--date", help="วันที่ของเอกสาร เช่น 30/09/2567 (ค่าเริ่มต้นคือวันนี้)")]


def _date(text: str | None, option: str) -> dt.date | None:
    if text is None:
        return None
    day = parse_date(text)
    if day is None:
        raise InputError([Problem(f"อ่านวันที่ '{text}' ไม่ได้", column=option, expected=DATE_EXPECTED)])
    return day


def _template(template: Path | None, fmt: str) -> Path | None:
    if template is None:
        return None
    if fmt != "docx":
        raise InputError([Problem("ใช้แม่แบบได้เฉพาะรายงาน DOCX", column="--template", expected="--format docx")])
    from ..importing.bounded import DOCX, check_package, read_regular_file
    from ..importing.file_reasons import package_reason
    from ..importing.limits import TEMPLATE

    expected = "ไฟล์ .docx ที่บันทึกจาก Word หรือ LibreOffice"
    data = read_regular_file(template, TEMPLATE, TEMPLATE.file_bytes, missing=expected, not_found="ไม่พบไฟล์แม่แบบ")
    check_package(data, template.name, TEMPLATE, DOCX)  # sizes, compression ratio, no DTD: before python-docx
    from docx import Document

    try:
        Document(io.BytesIO(data))
    except Exception as exc:  # any failure to open it is the user's file, not a bug: say so in Thai
        reason = package_reason(exc, ".docx")
        raise InputError([Problem(f"อ่านแม่แบบ DOCX ไม่ได้: {reason}", file=template.name, expected=expected)]) from None
    return template


def _warn_fonts(fmt: str) -> None:
    from ..reports.fonts import fonts_installed

    if fmt in ("docx", "pdf", "html") and not fonts_installed():
        errors.print(
            "[yellow]ไม่พบฟอนต์ TH Sarabun New ที่ติดตั้งโดย make setup จึงใช้ฟอนต์สำรองแทน"
            " (ขนาดตัวอักษรและการตัดบรรทัดอาจต่างจากเอกสารจริง)[/]",
            highlight=False,
        )


def _write(report: Report, fmt: str, output: Path, thai_digits: bool, template: Path | None) -> None:
    from ..reports.output import render, write_atomically

    data = render(report, fmt, thai_digits=thai_digits, template=template)
    try:
        write_atomically(data, output)
    except OSError as exc:
        raise InputError(
            [Problem(f"เขียนไฟล์ไม่ได้: {exc.strerror or exc}", file=str(output), expected="ตำแหน่งที่มีสิทธิ์เขียน")]
        ) from None


def report_command(
    file: Annotated[Path, typer.Argument(help="ไฟล์ผลคะแนน .csv .xlsx หรือ .json")],
    year: YearOption,
    output: OutputOption,
    fmt: FormatOption = None,
    previous: PreviousOption = None,
    previous_year: PreviousYearOption = None,
    plan_file: Annotated[
        Path | None, typer.Option("--plan", help="ไฟล์แผนมาตรการ (.xlsx .csv .json) ถ้าไม่ระบุ โปรแกรมร่างให้")
    ] = None,
    agency: AgencyOption = None,
    thai_digits: ThaiDigitsOption = False,
    template: TemplateOption = None,
    framework: FrameworkOption = None,
    pass_mark: PassMarkOption = None,
    strength: StrengthOption = 90.0,
    question_threshold: QuestionThresholdOption = None,
    signatory: SignatoryOption = None,
    signatory_position: PositionOption = None,
    date: DateOption = None,
    forecast_files: Annotated[
        list[Path] | None,
        typer.Option(
            "--forecast-survey",
            help="ไฟล์คะแนนรายข้อจากแบบสำรวจของหน่วยงานเองสำหรับปีถัดไป (ผลของ prongsai survey score)"
            " เพื่อเพิ่มส่วนคาดการณ์ผล ระบุได้หลายไฟล์",
        ),
    ] = None,
) -> None:
    """สร้างรายงานผลการวิเคราะห์ ITA พร้อมแผนมาตรการ (O42) เป็น DOCX, PDF, XLSX หรือ HTML"""
    from ..ita.analysis import analyse
    from ..ita.library import framework_for
    from ..ita.plan_draft import draft_plan
    from ..planfile.reader import read_plan
    from ..reports.analysis_report import ReportOptions, build_analysis_report
    from ..reports.output import choose_format
    from .forecast_input import forecast_from_files

    try:
        chosen = choose_format(output, fmt)
        use_template = _template(template, chosen)
        issued = _date(date, "--date")
        assessed = parse_year(year)
        current = score_one(file, assessed, agency, framework)
        before = score_previous(previous, previous_year, agency)
        analysis = analyse(
            current, pass_mark=pass_mark, strength=strength, question_threshold=question_threshold, previous=before
        )
        if plan_file is not None:
            plan = read_plan(plan_file, assessed_year=assessed, load_framework=lambda y: framework_for(y, framework))
        else:
            plan = draft_plan(analysis)
        options = ReportOptions(
            agency=agency, signatory_name=signatory, signatory_position=signatory_position, issued=issued
        )
        predicted = forecast_from_files(forecast_files or [], assessed + 1, current)
        report = build_analysis_report(analysis, plan, previous=before, options=options, forecast=predicted)
        _warn_fonts(chosen)
        _write(report, chosen, output, thai_digits, use_template)
    except InputError as exc:
        fail(exc.problems)
        return
    if current.framework.provisional_notice:
        errors.print(f"[bold yellow]โปรดทราบ:[/] {current.framework.provisional_notice}", highlight=False)
    source = "จากไฟล์แผน" if plan_file is not None else "ที่ร่างจากผลการประเมิน"
    errors.print(
        f"เขียนรายงาน {chosen.upper()} ปี {assessed} พร้อมแผน {len(plan.rows)} มาตรการ{source} ที่ {output}", highlight=False
    )


def progress_command(
    plan_file: Annotated[Path, typer.Argument(help="ไฟล์แผนมาตรการที่กรอกสถานะและผลการดำเนินงานแล้ว")],
    output: OutputOption,
    fmt: FormatOption = None,
    year: Annotated[str | None, typer.Option("--year", "-y", help="ปีที่ประเมิน (จำเป็นสำหรับ CSV)")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="ข้อมูล ณ วันที่ (ค่าเริ่มต้นคือวันนี้)")] = None,
    agency: AgencyOption = None,
    thai_digits: ThaiDigitsOption = False,
    template: TemplateOption = None,
    framework: FrameworkOption = None,
    signatory: SignatoryOption = None,
    signatory_position: PositionOption = None,
    date: DateOption = None,
) -> None:
    """สร้างรายงานผลการดำเนินการตามมาตรการ (O43) จากไฟล์แผนที่มีสถานะและผลการดำเนินงาน เป็น DOCX หรือ PDF"""
    from ..ita.library import framework_for
    from ..planfile.reader import read_plan
    from ..reports.analysis_report import ReportOptions
    from ..reports.output import choose_format
    from ..reports.progress_report import build_progress_report

    try:
        chosen = choose_format(output, fmt, ("docx", "pdf", "html"))
        use_template = _template(template, chosen)
        day = _date(as_of, "--as-of") or dt.date.today()
        issued = _date(date, "--date")
        assessed = parse_year(year) if year else None
        plan = read_plan(plan_file, assessed_year=assessed, load_framework=lambda y: framework_for(y, framework))
        try:
            plan_framework = framework_for(plan.year, None)
        except InputError:
            plan_framework = framework_for(plan.assessed_year, framework)
        options = ReportOptions(
            agency=agency, signatory_name=signatory, signatory_position=signatory_position, issued=issued
        )
        report = build_progress_report(plan, plan_framework, as_of=day, options=options)
        _warn_fonts(chosen)
        _write(report, chosen, output, thai_digits, use_template)
    except InputError as exc:
        fail(exc.problems)
        return
    errors.print(
        f"เขียนรายงานผลการดำเนินการ {chosen.upper()} ของแผนปี {plan.year} ({len(plan.rows)} มาตรการ) ที่ {output}",
        highlight=False,
    )
