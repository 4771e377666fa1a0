"""Report benchmark: one DOCX, one PDF, and a batch of 100 reports, in-process after a warm-up.

Usage: .venv/bin/python bench/reports.py [--batch 100] [--repeat 5] [--format docx]
Each timed report goes the whole way from the results file: score, analyse, draft the plan, build the model and
render (charts included); writing the file is left out. The batch cycles through the three seed cases with a
different agency name for each report. Prints a Markdown table row for docs/benchmarks.md (targets of issue 4:
DOCX under 1 s and PDF under 3 s per report). Timings are the minimum and median of the repeats.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "prongsai" / "samples"
CASES = [
    (SAMPLES / "angthong_pao_2566.csv", 2566, None),
    (SAMPLES / "phitsanulok_pao_2565.csv", 2565, (SAMPLES / "phitsanulok_pao_2564.csv", 2564)),
    (SAMPLES / "ayutthaya_province_2564.csv", 2564, None),
]


def one_report(case: int, fmt: str, agency: str) -> bytes:
    """Everything `prongsai report` does for one agency except writing the file."""
    from prongsai.cli.common import score_one
    from prongsai.ita.analysis import analyse
    from prongsai.ita.plan_draft import draft_plan
    from prongsai.reports.analysis_report import ReportOptions, build_analysis_report
    from prongsai.reports.output import render

    path, year, previous = CASES[case]
    current = score_one(path, year, agency, None)
    before = score_one(previous[0], previous[1], agency, None) if previous else None
    analysis = analyse(current, previous=before)
    report = build_analysis_report(
        analysis,
        draft_plan(analysis),
        previous=before,
        options=ReportOptions(agency=agency, issued=dt.date(2026, 11, 21)),
    )
    return render(report, fmt, thai_digits=True)


def timed(action: Callable[[], object], repeat: int) -> tuple[list[float], list[float]]:
    """Wall times and CPU times of this process (CPU time is steadier when other work shares the cores)."""
    walls, cpus = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return walls, cpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--format", default="docx", choices=("docx", "pdf", "xlsx", "html"), help="format of the batch reports"
    )
    args = parser.parse_args()

    from prongsai.reports.fonts import fonts_installed

    if not fonts_installed():
        sys.exit("TH Sarabun New is not installed: run make setup first")
    warm = time.perf_counter()
    one_report(0, "docx", "warm-up")
    one_report(0, "pdf", "warm-up")
    warm_up = time.perf_counter() - warm

    docx, docx_cpu = timed(lambda: one_report(0, "docx", "องค์การบริหารส่วนจังหวัดอ่างทอง"), args.repeat)
    pdf, pdf_cpu = timed(lambda: one_report(0, "pdf", "องค์การบริหารส่วนจังหวัดอ่างทอง"), max(3, args.repeat // 2))
    start, cpu = time.perf_counter(), time.process_time()
    size = 0
    for number in range(args.batch):
        data = one_report(number % len(CASES), args.format, f"หน่วยงานทดสอบ {number + 1:03d}")
        size += len(data)
    batch, batch_cpu = time.perf_counter() - start, time.process_time() - cpu
    load = os.getloadavg()[0]

    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"machine: {machine}; warm-up (imports, fonts, first renders): {warm_up:.2f} s; load average {load:.1f}")
    print(
        "| date | machine | one DOCX wall min / median (CPU) | one PDF wall min / median (CPU) "
        f"| {args.batch} {args.format.upper()} reports in a batch, wall (CPU) | per report, wall (CPU) |"
    )
    print(
        f"| {dt.date.today().isoformat()} | {machine} "
        f"| {min(docx):.2f} / {statistics.median(docx):.2f} s ({min(docx_cpu):.2f} s) "
        f"| {min(pdf):.2f} / {statistics.median(pdf):.2f} s ({min(pdf_cpu):.2f} s) "
        f"| {batch:.1f} s ({batch_cpu:.1f} s) | {batch / args.batch:.2f} s ({batch_cpu / args.batch:.2f} s) |"
    )


if __name__ == "__main__":
    main()
