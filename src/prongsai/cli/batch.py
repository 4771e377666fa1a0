"""The body of `score-batch`, shared by the Typer command and the light launcher, importing nothing heavy.

A national run is a few seconds of work, so the 0.2 s that Typer and Rich take to start matter: this module and
`cli.launch` let a non-interactive run reach the batch engine without them (see docs/decisions.md)."""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from ..ita.problems import InputError, Problem
from ..ita.scoring import DEFAULT_TOLERANCE
from . import framework_files  # noqa: F401 - registers the .xlsx framework reader for --framework

OUTPUT_SUFFIXES = (".csv", ".xlsx")


def run_score_batch(
    file: Path,
    *,
    year: str,
    output: Path,
    framework: Path | None = None,
    tolerance: float = DEFAULT_TOLERANCE,
    quiet: bool = False,
    jobs: int = 0,
) -> None:
    """Score every agency of `file` into `output`; InputError for anything the user must fix."""
    from ..batch.run import auto_jobs, score_batch
    from ..ita.library import framework_for
    from ..ita.years import parse_year

    if output.suffix.lower() not in OUTPUT_SUFFIXES:
        raise InputError([Problem(f"ไม่รองรับนามสกุล '{output.suffix}'", file=output.name, expected=".csv หรือ .xlsx")])
    fw = framework_for(parse_year(year), framework)
    if fw.provisional_notice and not quiet:
        print(f"หมายเหตุ: {fw.provisional_notice}", file=sys.stderr)
    bar, report = _progress_bar(enabled=not quiet and sys.stderr.isatty())
    with bar:
        done = score_batch(file, fw, output, tolerance=tolerance, jobs=jobs or auto_jobs(), progress=report)
    if not quiet:
        mismatched = f"; มี {done.mismatched:,} หน่วยงานที่ค่าที่แจ้งไม่ตรงกับค่าที่คำนวณ" if done.mismatched else ""
        print(
            f"คำนวณ {done.agencies:,} หน่วยงาน ({done.rows_read:,} แถว) ปี {fw.year} แล้ว เขียนผลที่ {output}" + mismatched,
            file=sys.stderr,
        )


def _progress_bar(*, enabled: bool) -> tuple[AbstractContextManager[Any], Any]:
    """A Rich progress bar on a terminal; nothing (and no Rich import) otherwise."""
    if not enabled:
        return nullcontext(), None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(
        TextColumn("กำลังคำนวณ"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
        auto_refresh=False,
    )  # no thread: parts are forked
    task = bar.add_task("score", total=None)

    def report(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total, refresh=True)

    return bar, report
