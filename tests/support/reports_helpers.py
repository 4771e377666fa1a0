"""Helpers for the report tests: generate documents through the CLI and read DOCX, XLSX and PDF back."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml.ns import qn

from prongsai.ita.library import framework_for
from prongsai.planfile.reader import read_plan
from tests.support.cli import SAMPLES, run_cli

THAI_DIGIT = re.compile("[๐-๙]")
ASCII_DIGIT = re.compile("[0-9]")
CODE = re.compile(r"(?<![A-Za-z0-9])[IEO][0-9]{1,2}(?![0-9])")

CASES: dict[str, dict[str, Any]] = {
    "ayutthaya": {
        "file": SAMPLES / "ayutthaya_province_2564.csv",
        "year": 2564,
        "agency": "จังหวัดพระนครศรีอยุธยา",
        "extra": [],
    },
    "phitsanulok": {
        "file": SAMPLES / "phitsanulok_pao_2565.csv",
        "year": 2565,
        "agency": "องค์การบริหารส่วนจังหวัดพิษณุโลก",
        "extra": ["--previous", str(SAMPLES / "phitsanulok_pao_2564.csv"), "--previous-year", "2564"],
    },
    "angthong": {
        "file": SAMPLES / "angthong_pao_2566.csv",
        "year": 2566,
        "agency": "องค์การบริหารส่วนจังหวัดอ่างทอง",
        "extra": [],
        "plan_threshold": 90,
    },
}


def ok(result: Any) -> Any:
    assert result.exit_code == 0, result.output + (result.stderr or "")
    return result


def draft_plan_file(case: dict[str, Any], directory: Path) -> Path:
    """The plan the analysis issue's command drafts for a case, as the XLSX an officer would edit."""
    path = directory / "plan.xlsx"
    args = ["plan", "draft", case["file"], "--year", case["year"], "-o", path, "-a", case["agency"]]
    if "plan_threshold" in case:
        args += ["--question-threshold", case["plan_threshold"]]
    ok(run_cli(*args))
    return path


def load_plan(path: Path, year: int | None = None) -> Any:
    return read_plan(path, assessed_year=year, load_framework=lambda y: framework_for(y, None))


def report(case: dict[str, Any], out: Path, *extra: Any) -> Path:
    ok(
        run_cli(
            "report",
            case["file"],
            "--year",
            case["year"],
            "-a",
            case["agency"],
            "-o",
            out,
            "--date",
            "15/11/2567",
            *case["extra"],
            *extra,
        )
    )
    assert out.exists() and out.stat().st_size > 0
    return out


def docx_text(path: Path) -> str:
    """Every piece of text in a DOCX (body paragraphs, table cells, headers), in document order."""
    document = Document(str(path))
    parts = [t.text or "" for t in document.element.body.iter(qn("w:t"))]
    for section in document.sections:
        for part in (section.header, section.first_page_header):
            parts += [t.text or "" for t in part._element.iter(qn("w:t"))]
    return "\n".join(parts)


def docx_tables(path: Path) -> list[list[list[str]]]:
    """Every table as rows of cell texts (cell paragraphs joined by newlines)."""
    document = Document(str(path))
    return [
        [["\n".join(p.text for p in cell.paragraphs) for cell in row.cells] for row in table.rows]
        for table in document.tables
    ]


def find_table(tables: list[list[list[str]]], *header: str) -> list[list[str]]:
    for table in tables:
        if tuple(table[0][: len(header)]) == header:
            return table
    raise AssertionError(f"no table with header {header}; headers: {[t[0] for t in tables]}")


def outside_codes(text: str) -> str:
    return CODE.sub("", text)


def pdffonts(path: Path) -> list[str]:
    assert shutil.which("pdffonts"), "poppler-utils is installed by make setup (deb-packages.txt)"
    output = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return output.splitlines()[2:]


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def loose(text: str) -> str:
    """Text compared without its spaces and line breaks (a PDF's text layer breaks lines where the page does).
    Thai letters are compared exactly: ำ is no longer folded into า (reports/fontpatch.py)."""
    return re.sub(r"\s+", "", text)
