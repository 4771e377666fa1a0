"""`prongsai survey score`: an agency's own IIT or EIT survey, scored from its respondents' raw answers."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from ..ita.library import framework_for
from ..ita.numbers import round2
from ..ita.problems import InputError, Problem
from ..ita.survey import SurveyScores
from ..ita.years import parse_year
from .common import FrameworkOption, YearOption, console, errors, fail

survey_app = typer.Typer(help="คิดคะแนนแบบสำรวจ IIT/EIT ที่หน่วยงานจัดทำเอง จากคำตอบรายคน", no_args_is_help=True)
TOOLS = ("IIT", "EIT")


def scores_to_dict(scores: SurveyScores) -> dict[str, Any]:
    """The JSON form (schema prongsai-survey/1, docs/json-output.md)."""
    return {
        "schema": "prongsai-survey/1",
        "year": scores.year,
        "tool": scores.tool,
        "file": scores.file,
        "respondents": scores.respondents,
        "questions": [
            {
                "code": q.code,
                "title": q.title,
                "score": None if q.score is None else round2(q.score),
                "respondents": q.respondents,
                "blanks": q.blanks,
                "partial": q.partial,
            }
            for q in scores.questions
        ],
        "skipped": [p.as_dict() for p in scores.skipped],
        "warnings": scores.warnings,
        "ignored_columns": scores.ignored_columns,
    }


@survey_app.command("score")
def score_command(
    file: Annotated[Path, typer.Argument(help="ไฟล์คำตอบ .csv หรือ .xlsx หนึ่งแถวต่อผู้ตอบหนึ่งคน")],
    year: YearOption,
    tool: Annotated[str, typer.Option("--tool", help="IIT หรือ EIT")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="ไฟล์คะแนนรายข้อ .csv (รูปแบบที่ score อ่านได้)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="แสดงผลเป็น JSON (schema prongsai-survey/1)")] = False,
    mapping: Annotated[Path | None, typer.Option("--mapping", help="ไฟล์จับคู่หัวคอลัมน์กับรหัสข้อ (column,code)")] = None,
    skip_bad: Annotated[bool, typer.Option("--skip-bad", help="ข้ามคำตอบที่อ่านไม่ได้ (แสดงรายการที่ข้ามทั้งหมด)")] = False,
    assume_scale: Annotated[
        str | None, typer.Option("--assume-scale", help="มาตรวัดที่ใช้กับข้อที่กรอบยังไม่ระบุ เช่น likert4")
    ] = None,
    framework: FrameworkOption = None,
) -> None:
    """คิดคะแนนรายข้อจากคำตอบดิบของแบบสำรวจที่หน่วยงานจัดทำเอง ตามมาตรวัดของกรอบการประเมินปีนั้น"""
    from ..atomic import atomic_path
    from ..importing.survey_reader import canonical_csv, score_respondents

    code = tool.strip().upper()
    try:
        if code not in TOOLS:
            raise InputError([Problem(f"เครื่องมือ '{tool}' ไม่ใช่แบบสำรวจ", column="--tool", expected="IIT หรือ EIT")])
        fw = framework_for(parse_year(year), framework)
        scores = score_respondents(file, fw, code, mapping=mapping, skip_bad=skip_bad, assume_scale=assume_scale)
        if output is not None:
            if output.suffix.lower() != ".csv":
                raise InputError([Problem("ไฟล์ผลต้องเป็น .csv", file=output.name, expected="ชื่อไฟล์ลงท้าย .csv")])
            with atomic_path(output) as partial:
                partial.write_bytes(canonical_csv(scores))
    except InputError as exc:
        fail(exc.problems)
        return
    if as_json:
        sys.stdout.write(json.dumps(scores_to_dict(scores), ensure_ascii=False, indent=2) + "\n")
    else:
        _show(scores)
    for problem in scores.skipped:
        errors.print(f"ข้าม: {problem.render()}", highlight=False)
    for warning in scores.warnings:
        errors.print(f"หมายเหตุ: {warning}", highlight=False)
    if output is not None:
        errors.print(f"เขียนคะแนน {len(scores.canonical_rows())} ข้อที่ {output}", highlight=False)


def _show(scores: SurveyScores) -> None:
    table = Table(title=f"คะแนนแบบสำรวจ {scores.tool} ปี {scores.year} จาก {scores.file} ผู้ตอบ {scores.respondents} คน")
    for column in ("ข้อ", "คะแนน", "ผู้ตอบ", "เว้นว่าง", "ตอบไม่ครบทุกประเด็น"):
        table.add_column(column, justify="left" if column == "ข้อ" else "right")
    for q in scores.questions:
        table.add_row(
            q.code,
            "-" if q.score is None else f"{round2(q.score):.2f}",
            str(q.respondents),
            str(q.blanks),
            str(q.partial),
        )
    console.print(table)
