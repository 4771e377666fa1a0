"""Read a respondents file (CSV or XLSX, one row a respondent, as Google Forms or Microsoft Forms export it) and an
optional mapping file, and score them with `ita.survey`; write the question scores in the canonical result format
that `prongsai score` and `analyze` read."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..ita.model import Framework
from ..ita.problems import InputError, Problem
from ..ita.survey import SurveyScores, parse_target, score_survey
from .sources import Source
from .tables import read_table

MAPPING_COLUMNS = {"column": ("column", "คอลัมน์", "หัวคอลัมน์", "header"), "code": ("code", "รหัส", "ข้อ")}


def read_mapping(source: Source, *, name: str | None = None) -> dict[str, str]:
    """A mapping file: one row per respondents-file column whose header is not a code, `column,code`
    (`หัวคอลัมน์,รหัส`), the code with its part where the question has parts (`I1.2`).

    `source` is a path, bytes (with `name`) or a binary file object, as for tables.read_table."""
    table = read_table(source, name=name)
    header = [str(h).strip().casefold() for h in table.header]
    found: dict[str, int] = {}
    for key, names in MAPPING_COLUMNS.items():
        for index, name in enumerate(header):
            if name in names:
                found[key] = index
    if len(found) < 2:
        raise InputError(
            [
                Problem(
                    "ไฟล์จับคู่ต้องมีคอลัมน์ column และ code",
                    file=table.file,
                    row=table.header_row,
                    expected="หัวตาราง column,code หรือ หัวคอลัมน์,รหัส",
                )
            ]
        )
    mapping: dict[str, str] = {}
    problems = []
    for number, cells in table.rows:
        column = str(cells[found["column"]]).strip() if found["column"] < len(cells) else ""
        code = str(cells[found["code"]]).strip() if found["code"] < len(cells) else ""
        if not column and not code:
            continue
        if not column or parse_target(code) is None:
            problems.append(
                Problem(
                    f"แถวจับคู่ '{column}' → '{code}' ไม่ครบหรืออ่านรหัสไม่ได้",
                    file=table.file,
                    row=number,
                    column=table.column_label(found["code"]),
                    expected="หัวคอลัมน์ของไฟล์คำตอบ และรหัสข้อ เช่น I1 หรือ I1.2",
                )
            )
            continue
        mapping[column] = code
    if problems:
        raise InputError(problems)
    return mapping


def score_respondents(
    source: Source,
    framework: Framework,
    tool: str,
    *,
    mapping: Source | None = None,
    skip_bad: bool = False,
    assume_scale: str | None = None,
    name: str | None = None,
    mapping_name: str | None = None,
) -> SurveyScores:
    """Score a respondents file (a path, bytes with `name`, or a binary file object) for one tool of a year."""
    table = read_table(source, name=name)
    if Path(table.file).suffix.lower() == ".json":
        raise InputError([Problem("ไฟล์คำตอบต้องเป็น CSV หรือ XLSX", file=table.file, expected=".csv หรือ .xlsx")])
    return score_survey(
        framework,
        tool,
        table.header,
        table.rows,
        file=table.file,
        column_label=table.column_label,
        mapping=read_mapping(mapping, name=mapping_name) if mapping is not None else None,
        skip_bad=skip_bad,
        assume_scale=assume_scale,
    )


def canonical_csv(scores: SurveyScores) -> bytes:
    """`code,score` rows, UTF-8 with a BOM so Excel shows Thai correctly; read back by `prongsai score` as is."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["code", "score"])
    writer.writerows(scores.canonical_rows())
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
