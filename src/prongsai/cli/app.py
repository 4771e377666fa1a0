"""Entry point of the `prongsai` command: score, analyze, score-batch, frameworks, framework show, template, plan."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..exporting.template import write_template
from ..ita.library import framework_for, shipped_framework, shipped_years
from ..ita.problems import InputError
from ..ita.scoring import DEFAULT_TOLERANCE
from ..ita.serialize import assessment_to_dict
from ..ita.years import parse_year
from .backup import backup_command, restore_command
from .common import (
    AgencyOption,
    FrameworkOption,
    PassMarkOption,
    PreviousOption,
    PreviousYearOption,
    QuestionThresholdOption,
    StrengthOption,
    YearOption,
    console,
    fail,
    score_one,
    score_previous,
)
from .framework import framework_app
from .oit import oit_app
from .plan import plan_app
from .render import show_assessment
from .report import progress_command, report_command
from .survey import survey_app
from .thai_usage import use_thai_words
from .web import serve_command, web_app

app = typer.Typer(
    help="โปร่งใส (Prongsai): คำนวณ ตรวจทาน และวิเคราะห์ผลการประเมิน ITA",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(framework_app, name="framework")
app.add_typer(plan_app, name="plan")
app.add_typer(oit_app, name="oit")
app.add_typer(web_app, name="web")
app.add_typer(survey_app, name="survey")
app.command("serve")(serve_command)
app.command("backup")(backup_command)
app.command("restore")(restore_command)
app.command("report")(report_command)
app.command("report-progress")(progress_command)


@app.command("score")
def score_command(
    file: Annotated[Path, typer.Argument(help="ไฟล์ผลคะแนน .csv .xlsx หรือ .json")],
    year: YearOption,
    agency: AgencyOption = None,
    framework: FrameworkOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="แสดงผลเป็น JSON (schema prongsai-assessment/1)")] = False,
    tolerance: Annotated[float, typer.Option(help="ความคลาดเคลื่อนที่ยอมรับได้ในการตรวจทาน")] = DEFAULT_TOLERANCE,
) -> None:
    """คำนวณคะแนนและระดับของหน่วยงานหนึ่งแห่ง และตรวจทานกับค่าที่ได้รับแจ้ง"""
    try:
        assessment = score_one(file, parse_year(year), agency, framework, tolerance)
    except InputError as exc:
        fail(exc.problems)
        return
    if as_json:
        sys.stdout.write(json.dumps(assessment_to_dict(assessment), ensure_ascii=False, indent=2) + "\n")
    else:
        show_assessment(console, assessment)


@app.command("analyze")
def analyze_command(
    file: Annotated[Path, typer.Argument(help="ไฟล์ผลคะแนน .csv .xlsx หรือ .json")],
    year: YearOption,
    previous: PreviousOption = None,
    previous_year: PreviousYearOption = None,
    agency: AgencyOption = None,
    framework: FrameworkOption = None,
    pass_mark: PassMarkOption = None,
    strength: StrengthOption = 90.0,
    question_threshold: QuestionThresholdOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="แสดงผลเป็น JSON (schema prongsai-analysis/1)")] = False,
) -> None:
    """วิเคราะห์จุดแข็ง จุดที่ควรพัฒนา ข้อที่ต้องแก้ไขเร่งด่วน ผลของการแก้แต่ละข้อ และเทียบกับปีก่อน"""
    from ..ita.analysis import analyse
    from ..ita.analysis_serialize import analysis_to_dict
    from .render_analysis import show_analysis

    try:
        current = score_one(file, parse_year(year), agency, framework)
        before = score_previous(previous, previous_year, agency)
    except InputError as exc:
        fail(exc.problems)
        return
    analysis = analyse(
        current, pass_mark=pass_mark, strength=strength, question_threshold=question_threshold, previous=before
    )
    data = analysis_to_dict(analysis)
    if as_json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        show_analysis(console, data)


@app.command("score-batch")
def score_batch_command(
    file: Annotated[Path, typer.Argument(help="ไฟล์ผลคะแนนหลายหน่วยงาน ต้องมีคอลัมน์ agency")],
    year: YearOption,
    output: Annotated[Path, typer.Option("--output", "-o", help="ไฟล์ผลลัพธ์ .csv หรือ .xlsx")],
    framework: FrameworkOption = None,
    tolerance: Annotated[float, typer.Option(help="ความคลาดเคลื่อนที่ยอมรับได้ในการตรวจทาน")] = DEFAULT_TOLERANCE,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="ไม่แสดงแถบความคืบหน้า")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="จำนวนโปรเซสที่ใช้คำนวณ (0 = ตามจำนวนแกนของเครื่อง)")] = 0,
) -> None:
    """คำนวณคะแนนของทุกหน่วยงานในไฟล์ และเขียนตารางหนึ่งแถวต่อหน่วยงาน"""
    from .batch import run_score_batch

    try:
        run_score_batch(
            file, year=year, output=output, framework=framework, tolerance=tolerance, quiet=quiet, jobs=jobs
        )
    except InputError as exc:
        fail(exc.problems)


@app.command("frameworks")
def frameworks_command() -> None:
    """แสดงปีที่มีกรอบการประเมินในโปรแกรม และสถานะความครบถ้วนของข้อมูล"""
    from rich.table import Table

    table = Table(title="กรอบการประเมิน ITA ที่มีในโปรแกรม", title_justify="left")
    for header in ("ปี พ.ศ.", "สถานะ", "ข้อ IIT", "ข้อ EIT", "ข้อ OIT", "การจัดระดับ", "แยกช่องทาง EIT"):
        table.add_column(header)
    for year in shipped_years():
        fw = shipped_framework(year)
        counts = [len(fw.items_of_tool(t)) for t in ("IIT", "EIT", "OIT")]
        table.add_row(str(year), fw.status, *(str(c) for c in counts), fw.grading.kind, "มี" if fw.eit_channels else "-")
    console.print(table)


@app.command("template")
def template_command(
    year: YearOption,
    output: Annotated[Path, typer.Option("--output", "-o", help="ไฟล์แบบกรอก .xlsx หรือ .csv")],
    framework: FrameworkOption = None,
) -> None:
    """สร้างแบบกรอกผลคะแนนเปล่าของปีที่เลือก พร้อมรหัสและชื่อทุกข้อ"""
    try:
        fw = framework_for(parse_year(year), framework)
        count = write_template(fw, output)
    except InputError as exc:
        fail(exc.problems)
        return
    console.print(f"สร้างแบบกรอกปี {fw.year} จำนวน {count} แถวที่ {output} แล้ว", highlight=False)
    if fw.provisional_notice:
        console.print(f"[bold yellow]โปรดทราบ:[/] {fw.provisional_notice}", highlight=False)


use_thai_words(app)  # after every command is registered: each gets the Thai help and usage errors


def main() -> None:
    """Run the Typer app (the installed script goes through cli.launch, which may skip it for score-batch)."""
    app()
