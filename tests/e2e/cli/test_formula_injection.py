"""Outputs are safe against formula injection (exporting/cell_text.py): agency names and other typed text that start
with =, +, -, @ are read back from the CSV with the OWASP quote and from the XLSX as text cells with quotePrefix,
shown unchanged; numbers, negative ones included, stay numbers."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import load_workbook

from prongsai.exporting.cell_text import from_csv_text
from tests.support.cli import SAMPLES, run_cli

NAMES = ['=HYPERLINK("https://example.com/x","คลิก")', "+1+2", "-2+3", "@SUM(A1:A9)", "องค์การบริหารส่วนจังหวัดอ่างทอง"]


def _batch_file(tmp_path: Path) -> Path:
    lines = (SAMPLES / "angthong_pao_2566.csv").read_text(encoding="utf-8").splitlines()
    body = [f'"{name.replace(chr(34), chr(34) * 2)}",{line}' for name in NAMES for line in lines[1:]]
    path = tmp_path / "ทั้งจังหวัด.csv"
    path.write_text("\n".join([f"agency,{lines[0]}", *body]) + "\n", encoding="utf-8")
    return path


def test_score_batch_csv_quotes_formula_like_names_and_keeps_numbers(tmp_path: Path) -> None:
    out = tmp_path / "ตาราง.csv"
    result = run_cli("score-batch", _batch_file(tmp_path), "--year", "2566", "-o", out)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [r["agency"] for r in rows] == [f"'{n}" if n[0] in "=+-@" else n for n in NAMES]
    assert [from_csv_text(r["agency"]) for r in rows] == NAMES
    assert {r["total"] for r in rows} == {"92.31"}  # a figure is written as the number it is


def test_score_batch_xlsx_writes_formula_like_names_as_text_shown_unchanged(tmp_path: Path) -> None:
    out = tmp_path / "ตาราง.xlsx"
    result = run_cli("score-batch", _batch_file(tmp_path), "--year", "2566", "-o", out)
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out).active
    cells = [sheet.cell(row, 1) for row in range(2, 2 + len(NAMES))]
    assert [c.value for c in cells] == NAMES
    for cell in cells[:4]:
        assert cell.data_type == "s" and cell.quotePrefix, cell.value
    assert sheet.cell(2, 2).data_type == "n" and sheet.cell(2, 2).value == 92.31
