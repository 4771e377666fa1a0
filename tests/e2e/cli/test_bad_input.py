"""Every kind of bad input: exit status 2, one clear Thai message per problem with file, row and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli import SAMPLES, run_cli, write_csv


def _fails(path: Path | str, year: str = "2565", *extra: str) -> str:
    result = run_cli("score", str(path), "--year", year, *extra)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.stderr


def test_unknown_code_names_file_row_and_column(tmp_path):
    path = write_csv(tmp_path, "code,score\nI1,90\nX99,80\n")
    message = _fails(path)
    assert "results.csv" in message and "แถว 3" in message and "คอลัมน์ รหัส (code)" in message
    assert "X99" in message and "I1-I30" in message


def test_code_from_another_year_is_unknown(tmp_path):
    path = write_csv(tmp_path, "code,score\nO44,100\n")
    assert "O44" in _fails(path, "2566")


def test_score_out_of_range(tmp_path):
    path = write_csv(tmp_path, "code,score\nI1,101\nI2,-1\n")
    message = _fails(path)
    assert "แถว 2" in message and "แถว 3" in message and "0-100" in message


def test_oit_partial_credit_is_rejected(tmp_path):
    path = write_csv(tmp_path, "code,score\nO1,50\nO2,บางส่วน\n")
    message = _fails(path)
    assert "O1" in message and "'50'" in message and "O2" in message
    assert "ผ่าน/ไม่ผ่าน" in message


def test_duplicate_code_names_both_rows(tmp_path):
    path = write_csv(tmp_path, "code,score\nI1,90\ni1,91\n")
    message = _fails(path)
    assert "แถว 3" in message and "ซ้ำกับแถว 2" in message


def test_non_number(tmp_path):
    path = write_csv(tmp_path, "code,score\nI1,เก้าสิบ\nI2,90,5\n")
    message = _fails(path)
    assert "'เก้าสิบ'" in message and "ไม่ใช่ตัวเลข" in message


def test_missing_header(tmp_path):
    path = write_csv(tmp_path, "I1,90\nI2,80\n")
    message = _fails(path)
    assert "ไม่พบหัวตาราง" in message and "code,score" in message


def test_binary_file(tmp_path):
    path = tmp_path / "picture.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "ไบนารี" in _fails(path)


def test_undecodable_text(tmp_path):
    path = write_csv(tmp_path, "code,score,note\nI1,90,\nI2,80,café\n", encoding="latin-1")
    message = _fails(path)
    assert "UTF-8" in message and "TIS-620" in message and "แถว 3" in message


def test_empty_file(tmp_path):
    path = write_csv(tmp_path, "")
    assert "ไฟล์ว่างเปล่า" in _fails(path)


def test_header_only_file(tmp_path):
    path = write_csv(tmp_path, "code,score\n")
    assert "ไม่มีคะแนน" in _fails(path)


def test_unknown_year():
    message = _fails(SAMPLES / "phitsanulok_pao_2565.csv", "2599")
    assert "2599" in message and "2565" in message and "--framework" in message


def test_year_that_is_not_a_year():
    assert "ปีงบประมาณ" in _fails(SAMPLES / "phitsanulok_pao_2565.csv", "สองพัน")


def test_missing_file(tmp_path):
    message = _fails(tmp_path / "nowhere.csv")
    assert "ไม่พบไฟล์" in message and "nowhere.csv" in message


def test_unsupported_extension(tmp_path):
    path = tmp_path / "results.txt"
    path.write_text("code,score\nI1,90\n", encoding="utf-8")
    assert ".csv, .xlsx หรือ .json" in _fails(path)


def test_channel_before_2566_and_on_wrong_code(tmp_path):
    path = write_csv(tmp_path, "code,score,channel\nE1,90,public\n")
    assert "2566" in _fails(path, "2565")
    path = write_csv(tmp_path, "code,score,channel\nI1,90,public\nE1,90,somewhere\n")
    message = _fails(path, "2566")
    assert "เฉพาะข้อคำถาม EIT" in message and "somewhere" in message


def test_unknown_level_word(tmp_path):
    path = write_csv(tmp_path, "code,score\nLEVEL,ดีมาก\n")
    message = _fails(path, "2566")
    assert "ดีมาก" in message and "ผ่าน" in message


def test_all_problems_are_reported_at_once(tmp_path):
    path = write_csv(tmp_path, "code,score\nI1,abc\nI2,120\nZZ,1\nO1,50\n")
    message = _fails(path)
    assert "4 รายการ" in message


def test_oit_items_for_a_year_without_an_item_list(tmp_path):
    path = write_csv(tmp_path, "code,score\nO1,100\n")
    message = _fails(path, "2567")
    assert "IND9" in message and "--framework" in message


def test_broken_xlsx(tmp_path):
    path = tmp_path / "results.xlsx"
    path.write_bytes(b"PK\x03\x04not really a zip")
    assert "Excel" in _fails(path)


def test_broken_json(tmp_path):
    path = write_csv(tmp_path, '{"scores": {"I1": 90,}}', name="results.json")
    message = _fails(path)
    assert "JSON" in message and "แถว 1" in message


@pytest.mark.parametrize("args", [("score-batch",), ("template",)])
def test_unsupported_output_extension(tmp_path, args):
    source = write_csv(tmp_path, "agency,code,score\nA,I1,90\n")
    extra = [str(source)] if args[0] == "score-batch" else []
    result = run_cli(*args, *extra, "--year", "2565", "-o", str(tmp_path / "out.pdf"))
    assert result.exit_code == 2
    assert ".csv" in result.stderr
