"""`prongsai plan draft` and `prongsai plan check`: the measures plan as a file officers edit and load back."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from ..ita.library import framework_for
from ..ita.problems import InputError, Problem
from ..ita.years import parse_year
from .common import AgencyOption, FrameworkOption, YearOption, console, errors, fail, score_one

if TYPE_CHECKING:
    from ..ita.plan import Plan

plan_app = typer.Typer(help="ร่าง ตรวจ และนำเข้าแผนมาตรการส่งเสริมคุณธรรมและความโปร่งใส (O42)", no_args_is_help=True)


@plan_app.command("draft")
def draft_command(
    file: Annotated[Path, typer.Argument(help="ไฟล์ผลคะแนน .csv .xlsx หรือ .json")],
    year: YearOption,
    output: Annotated[Path, typer.Option("--output", "-o", help="ไฟล์แผน .xlsx .csv หรือ .json")],
    agency: AgencyOption = None,
    framework: FrameworkOption = None,
    pass_mark: Annotated[
        float | None, typer.Option(help="เกณฑ์ผ่านของตัวชี้วัด (ค่าเริ่มต้นคือเกณฑ์ผ่านตามกรอบการประเมินของปีนั้น)")
    ] = None,
    question_threshold: Annotated[
        float | None, typer.Option(help="ข้อคำถามที่ได้ต่ำกว่าค่านี้ (ช่องทางใดช่องทางหนึ่ง) ต้องมีมาตรการ")
    ] = None,
) -> None:
    """ร่างแผนมาตรการสำหรับปีงบประมาณถัดไปจากจุดอ่อนของผลการประเมิน แล้วเขียนเป็นไฟล์ที่แก้ไขได้"""
    from ..ita.analysis import analyse
    from ..ita.plan_draft import code_order, draft_plan
    from ..planfile.writer import write_plan

    try:
        assessment = score_one(file, parse_year(year), agency, framework)
        plan = draft_plan(analyse(assessment, pass_mark=pass_mark, question_threshold=question_threshold))
        write_plan(plan, output)
    except InputError as exc:
        fail(exc.problems)
        return
    answered = sorted(plan.answered(), key=code_order(assessment.framework).__getitem__)
    if assessment.framework.provisional_notice:
        errors.print(f"[bold yellow]โปรดทราบ:[/] {assessment.framework.provisional_notice}", highlight=False)
    if not plan.rows:
        errors.print(
            f"ไม่พบจุดอ่อนตามเกณฑ์ที่กำหนด แฟ้มแผนที่ {output} จึงยังไม่มีมาตรการ"
            " (เพิ่มมาตรการเองได้ หรือกำหนด --question-threshold ให้สูงขึ้น เช่น 90)",
            highlight=False,
        )
        return
    errors.print(
        f"ร่างแผนปีงบประมาณ {plan.year} จำนวน {len(plan.rows)} มาตรการ ตอบข้อ {', '.join(answered) or '-'} เขียนที่ {output}",
        highlight=False,
    )


@plan_app.command("check")
def check_command(
    plan_file: Annotated[Path, typer.Argument(help="ไฟล์แผน .xlsx .csv หรือ .json ที่แก้ไขแล้ว")],
    year: Annotated[str | None, typer.Option("--year", "-y", help="ปีที่ประเมิน (จำเป็นสำหรับ CSV)")] = None,
    framework: FrameworkOption = None,
    results: Annotated[
        Path | None, typer.Option("--results", help="ไฟล์ผลคะแนนของปีที่ประเมิน เพื่อตรวจว่าทุกจุดอ่อนมีมาตรการ")
    ] = None,
    question_threshold: Annotated[float | None, typer.Option(help="เกณฑ์ข้อคำถามที่ถือว่าอ่อน")] = None,
) -> None:
    """อ่านไฟล์แผนกลับเข้ามา ตรวจทุกแถว และแสดงแผนที่อ่านได้ (พร้อมจุดอ่อนที่ยังไม่มีมาตรการ เมื่อให้ผลคะแนน)"""
    from ..ita.analysis import analyse
    from ..planfile.reader import read_plan

    try:
        assessed = parse_year(year) if year else None
        plan = read_plan(plan_file, assessed_year=assessed, load_framework=lambda y: framework_for(y, framework))
        missing: list[str] = []
        if results is not None:
            assessment = score_one(results, plan.assessed_year, plan.agency, framework)
            analysis = analyse(assessment, question_threshold=question_threshold)
            weak = [e.code for e in analysis.weak_questions] + [e.code for e in analysis.failed_oit]
            missing = [code for code in weak if code not in plan.answered()]
    except InputError as exc:
        fail(exc.problems)
        return
    show_plan(plan)
    if results is not None:
        if missing:
            console.print(f"[yellow]จุดอ่อนที่ยังไม่มีมาตรการ: {', '.join(missing)}[/]", highlight=False)
        else:
            console.print("ทุกจุดอ่อนของผลการประเมินมีมาตรการรองรับแล้ว", highlight=False)


@plan_app.command("roll")
def roll_command(
    plan_file: Annotated[Path, typer.Argument(help="ไฟล์แผนของปีนี้ .xlsx .csv หรือ .json")],
    output: Annotated[Path, typer.Option("--output", "-o", help="ไฟล์แผนของปีถัดไป")],
    year: Annotated[str | None, typer.Option("--year", "-y", help="ปีที่ประเมินของแผนเดิม (จำเป็นสำหรับ CSV)")] = None,
    to_year: Annotated[str | None, typer.Option("--to-year", help="ปีที่ประเมินใหม่ (ค่าเริ่มต้น: ปีถัดไป)")] = None,
) -> None:
    """ยกแผนไปปีถัดไป: รหัสข้อตามประเด็นเดิมแม้เปลี่ยนเลขข้อ ล้างสถานะและผลการดำเนินงาน ไม่แก้ไฟล์เดิม"""
    from ..ita.rollover import roll_plan
    from ..planfile.reader import read_plan
    from ..planfile.writer import write_plan

    try:
        assessed = parse_year(year) if year else None
        plan = read_plan(plan_file, assessed_year=assessed, load_framework=framework_for)
        target = parse_year(to_year) if to_year else plan.assessed_year + 1
        rolled, dropped = roll_plan(plan, framework_for(plan.assessed_year), framework_for(target))
        if output.resolve() == plan_file.resolve():
            raise InputError(
                [Problem("ไฟล์ผลลัพธ์ต้องไม่ใช่ไฟล์แผนเดิม", file=output.name, expected="ชื่อไฟล์ใหม่ เพื่อไม่ให้แผนปีเดิมถูกเขียนทับ")]
            )
        write_plan(rolled, output)
    except InputError as exc:
        fail(exc.problems)
        return
    errors.print(f"ยกแผน {len(rolled.rows)} มาตรการไปปีงบประมาณ {rolled.year} เขียนที่ {output}", highlight=False)
    for code, reason in dropped.items():
        console.print(f"[yellow]ยกข้อ {code} ไปไม่ได้: {reason}[/]", highlight=False)


def show_plan(plan: Plan) -> None:
    from ..ita.thaidates import format_date

    title = f"แผนมาตรการปีงบประมาณ {plan.year} (จากผลการประเมินปี {plan.assessed_year})"
    if plan.agency:
        title += f" — {plan.agency}"
    table = Table(title=title, title_justify="left", show_lines=True)
    for header in ("ลำดับ", "มาตรการ", "ข้อที่ตอบ", "ผู้รับผิดชอบ", "กำหนดเสร็จ", "สถานะ"):
        table.add_column(header)
    for row in plan.rows:
        table.add_row(
            str(row.number),
            row.measure,
            ", ".join(row.questions) or "-",
            "\n".join(row.responsible) or "-",
            format_date(row.deadline, style="short") if row.deadline else "-",
            row.status_label or "-",
        )
    console.print(table)
    console.print(f"อ่านได้ครบ {len(plan.rows)} มาตรการ", highlight=False)
