"""A result as canonical rows (code, score, channel) and back: every result, however it arrived (file, form, demo), is
turned into the same rows and read back through the project's own importer, so one validation path serves all."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...importing.results_reader import ReadResult, read_results, results_from_table
from ...importing.tables import Table
from ...ita.library import framework_for
from ...ita.model import Framework
from ...ita.problems import InputError, Problem
from ...ita.results import LEVEL_CODE, ResultSet
from ...ita.scoring import Assessment, score

HEADER = ["code", "score", "channel"]
Row = dict[str, Any]


@dataclass
class Prepared:
    """Validated input ready to be saved: canonical rows, the engine's assessment of them, notes for the user."""

    year: int
    rows: list[Row]
    assessment: Assessment
    warnings: list[str] = field(default_factory=list)


def rows_from_results(results: ResultSet) -> list[Row]:
    """Canonical rows (code, score, channel) holding everything a ResultSet holds, reported values included."""
    rows: list[Row] = [{"code": c, "score": v, "channel": ""} for c, v in results.scores.items()]
    for channel, per in results.channel_scores.items():
        rows += [{"code": c, "score": v, "channel": channel} for c, v in per.items()]
    rows += [{"code": c, "score": v, "channel": ""} for c, v in results.reported.items()]
    if results.reported_level:
        rows.append({"code": LEVEL_CODE, "score": results.reported_level, "channel": ""})
    return rows


def table_from_rows(rows: list[Row], name: str) -> Table:
    return Table(
        name, list(HEADER), [(n, [r["code"], r["score"], r.get("channel", "")]) for n, r in enumerate(rows, start=1)]
    )


def read_rows(rows: list[Row], year: int, name: str = "ข้อมูลที่บันทึก", framework: Framework | None = None) -> ReadResult:
    return results_from_table(table_from_rows(rows, name), framework or framework_for(year))


def assess(
    year: int, agency: str, results: ResultSet, warnings: list[str], framework: Framework | None = None
) -> Assessment:
    """Score as the CLI's `score --agency` does: the agency named, the reader's warnings first (the engine adds
    the notice of a provisional year itself)."""
    results.agency = agency
    assessment = score(framework or framework_for(year), results)
    assessment.warnings[:0] = warnings
    return assessment


def prepare_rows(
    rows: list[Row],
    year: int,
    agency: str,
    warnings: list[str] | None = None,
    name: str = "ข้อมูลที่บันทึก",
    framework: Framework | None = None,
) -> Prepared:
    """Validate canonical or form rows (InputError with every problem) and score them (with `framework`, else
    the year's framework in use)."""
    read = read_rows(rows, year, name, framework)
    results = next(iter(read.by_agency.values()))
    notes = list(warnings or []) + read.warnings
    return Prepared(year, rows_from_results(results), assess(year, agency, results, notes, framework), notes)


def prepare_upload(data: bytes, filename: str, year: int, agency: str) -> Prepared:
    """Read an uploaded CSV/XLSX exactly as `prongsai score FILE --year Y --agency NAME` would."""
    safe = Path(filename).name or "upload"
    read = read_results(data, framework_for(year), name=safe)
    if len(read.by_agency) > 1:
        names = ", ".join(str(a) for a in list(read.by_agency)[:5])
        raise InputError(
            [
                Problem(
                    f"ไฟล์มีผลของหลายหน่วยงาน ({names})",
                    file=safe,
                    expected="ไฟล์ของหน่วยงานเดียว หรือไฟล์ที่มีคอลัมน์หน่วยงาน (agency) เป็นชื่อเดียวกันทุกแถว",
                )
            ]
        )
    ((named, results),) = read.by_agency.items()
    warnings = list(read.warnings)
    if named and named != agency:
        warnings.append(f"ชื่อหน่วยงานในไฟล์คือ '{named}' ผลจะบันทึกเป็นของ {agency}")
    return Prepared(year, rows_from_results(results), assess(year, agency, results, warnings), warnings)
