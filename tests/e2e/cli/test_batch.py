"""score-batch: one row per agency, all-or-nothing, CSV and XLSX output."""

from __future__ import annotations

import csv

from openpyxl import load_workbook

from tests.support.cli import SAMPLES, run_cli, write_csv


def _batch_file(tmp_path):
    lines = ["agency,code,score,channel"]
    for name, sample in (("อบจ.พิษณุโลก", "phitsanulok_pao_2565.csv"), ("จังหวัดตัวอย่าง", None)):
        if sample:
            for row in (SAMPLES / sample).read_text(encoding="utf-8").splitlines()[1:]:
                lines.append(f"{name},{row},")
        else:
            lines += [f"{name},IIT,80,", f"{name},EIT,85,", f"{name},OIT,90,", f"{name},TOTAL,70,"]
    return write_csv(tmp_path, "\n".join(lines) + "\n")


def test_batch_csv_has_one_row_per_agency_with_flags(tmp_path):
    out = tmp_path / "out.csv"
    result = run_cli("score-batch", str(_batch_file(tmp_path)), "--year", "2565", "-o", str(out))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert [r["agency"] for r in rows] == ["อบจ.พิษณุโลก", "จังหวัดตัวอย่าง"]
    first, second = rows
    assert first["total"] == "96.99" and first["level"] == "AA" and first["IND2"] == "95.31"
    assert first["reconciled"] == "ok"
    assert second["total"] == "85.5" and second["level"] == "A"
    assert second["reconciled"] == "ไม่ตรง" and second["mismatch_codes"] == "TOTAL"
    assert "IND1" in second["missing"]
    assert first["level_reason"].startswith("AA")


def test_batch_says_why_a_level_is_undecided(tmp_path):
    """From 2566, tool scores alone cannot rule ผ่านดี in or out: the row says so instead of a bare blank."""
    source = write_csv(tmp_path, "agency,code,score\nก,IIT,93.46\nก,EIT,85.89\nก,OIT,96.25\n")
    out = tmp_path / "out.csv"
    assert run_cli("score-batch", str(source), "--year", "2566", "-o", str(out), "-q").exit_code == 0
    row = next(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert row["total"] == "92.31" and row["level"] == ""
    assert "ผ่านดี" in row["level_reason"] and "ตัวชี้วัดที่" in row["level_reason"]


def test_batch_xlsx(tmp_path):
    out = tmp_path / "out.xlsx"
    assert run_cli("score-batch", str(_batch_file(tmp_path)), "--year", "2565", "-o", str(out), "-q").exit_code == 0
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("agency", "total", "level")
    assert rows[1][1] == 96.99


def test_batch_with_one_bad_row_writes_nothing(tmp_path):
    source = write_csv(tmp_path, "agency,code,score\nก,IIT,90\nข,IIT,900\n")
    out = tmp_path / "out.csv"
    result = run_cli("score-batch", str(source), "--year", "2565", "-o", str(out))
    assert result.exit_code == 2 and "แถว 3" in result.stderr
    assert not out.exists()
    assert not list(tmp_path.glob("*.partial"))


def test_batch_needs_agency_column(tmp_path):
    source = write_csv(tmp_path, "code,score\nIIT,90\n")
    result = run_cli("score-batch", str(source), "--year", "2565", "-o", str(tmp_path / "o.csv"))
    assert result.exit_code == 2 and "agency" in result.stderr


def test_batch_xlsx_keeps_a_name_typed_as_a_formula_as_text(tmp_path):
    """An agency called "=1+1" must come back as that text, not as a formula Excel would run."""
    source = write_csv(tmp_path, 'agency,code,score\n"=1+1",IIT,80\n"=1+1",EIT,85\n"=1+1",OIT,90\n')
    out = tmp_path / "out.xlsx"
    assert run_cli("score-batch", str(source), "--year", "2565", "-o", str(out), "-q").exit_code == 0
    cell = load_workbook(out).active["A2"]
    assert cell.value == "=1+1" and cell.data_type == "s"
