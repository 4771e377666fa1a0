"""Glue between stored rows and the engine: every result, however it arrived (file, form, demo), is turned into
the same canonical rows and read back through the project's own importer, so one validation path serves all."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...importing.results_reader import ReadResult, read_results, results_from_table
from ...importing.tables import Table
from ...ita.analysis import Analysis, analyse
from ...ita.library import framework_for
from ...ita.model import Framework
from ...ita.problems import InputError, Problem
from ...ita.results import LEVEL_CODE, ResultSet
from ...ita.scoring import Assessment, score
from ..frameworks.selectors import pass_mark_of

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
    with tempfile.TemporaryDirectory(prefix="prongsai-upload-") as folder:
        path = Path(folder) / safe
        path.write_bytes(data)
        read = read_results(path, framework_for(year))
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


def analysis_of(assessment: Assessment, previous: Assessment | None) -> Analysis:
    """The analysis against the pass mark of the framework the assessment was scored with."""
    return analyse(assessment, pass_mark=pass_mark_of(assessment.framework), previous=previous)


def weak_points(analysis: Analysis) -> list[tuple[str, str, float, str]]:
    """(code, title, score, kind) of every weak question and every OIT item not passed."""
    points = [(q.code, q.title or "", q.score, "question") for q in analysis.weak_questions]
    points += [(o.code, o.title or "", 0.0, "oit") for o in analysis.failed_oit]
    return points


def channel_advice(analysis: dict[str, Any]) -> dict[str, str]:
    """For each EIT question whose score on one of its two channels is below the bar: what an officer can do about
    that channel, since no one raises a question's score directly (the what-if table says "to 85")."""
    from ...ita.thai_names import CHANNEL_NAMES
    from ...reports.texts import CHANNEL_MEANING

    doing = {
        "public": "ประชาสัมพันธ์ลิงก์หรือคิวอาร์โค้ดของแบบวัดให้ผู้รับบริการตอบอย่างทั่วถึง และปรับการให้บริการในเรื่องของข้อนี้",
        "survey": "ปรับการให้บริการและการสื่อสารในเรื่องของข้อนี้ให้ผู้รับบริการทุกกลุ่มรับรู้ เพราะหน่วยงานเลือกผู้ตอบของช่องทางนี้ไม่ได้",
    }
    advice = {}
    for gap in analysis.get("channel_gaps", []):
        below = [c for c in ("public", "survey") if c in gap["below_bar"]]
        if below:
            parts = [f"{CHANNEL_NAMES[c]} ({CHANNEL_MEANING[c]}) ได้ {gap[c]:.2f}: {doing[c]}" for c in below]
            advice[gap["code"]] = f"คะแนนข้อ {gap['code']} ต่ำในช่องทาง " + " · ".join(parts)
    return advice


def mark_whatif(analysis: dict[str, Any]) -> dict[str, Any]:
    """The analysis for the assessment page, with each what-if row marked when it changes the level and the first
    row of an EIT question given what to do about its low channel (see channel_advice)."""
    current = analysis["assessment"].get("level")
    advice = channel_advice(analysis)
    said: set[str] = set()
    for row in analysis.get("whatif", []):
        row["changes_level"] = row.get("level") is not None and row["level"] != current
        codes = [c["code"] for c in row["changes"] if c["code"] in advice and c["code"] not in said]
        row["advice"] = [advice[code] for code in codes]  # once per code: the first (largest) row says it
        said.update(codes)
    for change in analysis.get("next_level", {}).get("changes", []):
        change["advice"] = advice.get(change["code"], "")
    return analysis
