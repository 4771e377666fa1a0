"""What every `prongsai` command shares: the consoles, the common options, failing cleanly, scoring one file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ..importing.results_reader import read_results
from ..ita.library import framework_for
from ..ita.problems import InputError, Problem
from ..ita.scoring import DEFAULT_TOLERANCE, Assessment, score
from . import framework_files  # noqa: F401 - registers the .xlsx framework reader for --framework
from .render import show_problems

console = Console()
errors = Console(stderr=True, soft_wrap=True)
INPUT_ERROR_EXIT = 2

YearOption = Annotated[str, typer.Option("--year", "-y", help="ปีงบประมาณ พ.ศ. (2566) หรือ ค.ศ. (2023)")]
AgencyOption = Annotated[str | None, typer.Option("--agency", "-a", help="ชื่อหน่วยงาน")]
PreviousOption = Annotated[Path | None, typer.Option("--previous", help="ไฟล์ผลคะแนนของปีก่อน")]
PreviousYearOption = Annotated[str | None, typer.Option("--previous-year", help="ปีงบประมาณของไฟล์ปีก่อน")]
PassMarkOption = Annotated[
    float | None,
    typer.Option(help="เกณฑ์ผ่าน: ต่ำกว่านี้คือจุดที่ควรพัฒนา (ค่าเริ่มต้นคือเกณฑ์ผ่านตามกรอบการประเมินของปีนั้น)"),
]
StrengthOption = Annotated[float, typer.Option(help="ตั้งแต่ค่านี้ขึ้นไปคือจุดแข็ง")]
QuestionThresholdOption = Annotated[float | None, typer.Option(help="เกณฑ์ข้อคำถามที่ถือว่าอ่อน (ค่าเริ่มต้นเท่ากับเกณฑ์ผ่าน)")]
FrameworkOption = Annotated[
    Path | None, typer.Option("--framework", help="ไฟล์กรอบการประเมิน (.yaml หรือ .xlsx) แทนกรอบที่มากับโปรแกรม")
]


def fail(problems: list[Problem]) -> None:
    show_problems(errors, problems)
    raise typer.Exit(INPUT_ERROR_EXIT)


def score_one(
    file: Path, year: int, agency: str | None, framework: Path | None, tolerance: float = DEFAULT_TOLERANCE
) -> Assessment:
    """Read and score one agency's file; InputError when it holds several agencies and none was named."""
    fw = framework_for(year, framework)
    read = read_results(file, fw, agency=agency)
    if len(read.by_agency) > 1:
        names = ", ".join(str(a) for a in list(read.by_agency)[:5])
        raise InputError([Problem(f"ไฟล์มีหลายหน่วยงาน ({names} ...)", file=file.name, expected="ระบุ --agency ชื่อหน่วยงาน")])
    results = next(iter(read.by_agency.values()))
    if agency:
        results.agency = agency
    assessment = score(fw, results, tolerance=tolerance)
    assessment.warnings[:0] = read.warnings
    return assessment


def score_previous(previous: Path | None, previous_year: str | None, agency: str | None) -> Assessment | None:
    """Last year's assessment for `--previous FILE --previous-year Y`, or None; the two options go together."""
    from ..ita.years import parse_year

    if previous is None:
        return None
    if previous_year is None:
        raise InputError([Problem("ระบุ --previous แล้วต้องระบุ --previous-year ด้วย", expected="--previous-year 2564")])
    return score_one(previous, parse_year(previous_year), agency, None)
