"""A file the parsers refuse is explained in Thai at its line and character: YAML and JSON framework files, CSV
result files, XLSX workbooks. The parser's English never reaches the user (docs/decisions.md)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from prongsai.importing.bounded import load_json
from prongsai.importing.limits import RESULTS
from prongsai.importing.results_reader import read_results
from prongsai.ita.library import shipped_framework
from prongsai.ita.loader import parse_framework_text
from prongsai.ita.problems import InputError, Problem
from tests.support.text_scan import ALLOWED_WORDS, latin_words

SHIPPED = shipped_framework(2566)


def _framework_problem(text: str, *, as_json: bool = False) -> Problem:
    with pytest.raises(InputError) as caught:
        parse_framework_text(text, name="fy.yaml", origin="test", as_json=as_json)
    [problem] = caught.value.problems
    return problem


def _english(problem: Problem) -> set[str]:
    """Latin words of the rendered message that are not codes or format names (file names and zip parts aside)."""
    text = re.sub(r"\S+/\S+", " ", problem.render().replace(problem.file or "", ""))
    return set(latin_words(text, ALLOWED_WORDS))


@pytest.mark.parametrize(
    ("text", "row", "char", "reason"),
    [
        ("schema: prongsai-framework/1\n\tyear: 2570\n", 2, 1, "ย่อหน้าด้วยแท็บ"),
        ("schema: x\nyear: 2570\n  grading: 1\n", 3, 10, "มีเครื่องหมาย : ในตำแหน่งที่ใช้ไม่ได้"),
        ("schema: x\nnote: 'not closed\nyear: 2570\n", 2, 7, "เครื่องหมายคำพูดที่เปิดไว้ที่นี่ไม่ได้ปิด"),
        ("schema: x\nitems: [1, 2\n", 2, 8, "วงเล็บ [ ที่เปิดไว้ที่นี่ไม่ได้ปิด"),
        ("schema: x\n---\nyear: 2570\n", 2, 1, "มากกว่าหนึ่งเอกสาร"),
        ("schema: !!python/object:os.system x\n", 1, 9, "แท็ก YAML"),
        ("schema: x\nscales:\n  a: 1\n b: 2\n", 4, 2, "ย่อหน้าไม่ตรงกับหัวข้ออื่น"),
        ("schema: x\nyear\n", 2, 1, "ไม่พบเครื่องหมาย : หลังชื่อหัวข้อ"),
    ],
)
def test_a_yaml_syntax_error_is_placed_and_worded_in_thai(text: str, row: int, char: int, reason: str) -> None:
    problem = _framework_problem(text)
    assert (problem.file, problem.row, problem.column) == ("fy.yaml", row, f"ตัวอักษรที่ {char}")
    assert reason in problem.message
    assert not _english(problem), problem.render()


@pytest.mark.parametrize(
    ("text", "row", "char", "reason"),
    [
        ('{"schema": "x",}', 1, 16, "ชื่อหัวข้อต้องอยู่ในเครื่องหมายคำพูดคู่"),
        ('{"schema": "x"\n "year": 2570}', 2, 2, "ขาดเครื่องหมาย ,"),
        ('{"schema" "x"}', 1, 11, "ขาดเครื่องหมาย :"),
        ('{"schema": x}', 1, 12, "ไม่พบค่า"),
        ('{"schema": "x', 1, 12, "เครื่องหมายคำพูดที่เปิดไว้ไม่ได้ปิด"),
        ('{"schema": "a\\qb"}', 1, 14, "รหัสหลีก"),
        ('{"schema": "x"} []', 1, 17, "มีข้อมูลเกินมา"),
    ],
)
def test_a_json_syntax_error_is_placed_and_worded_in_thai(text: str, row: int, char: int, reason: str) -> None:
    for problem in (_framework_problem(text, as_json=True), _json_problem(text)):
        assert (problem.row, problem.column) == (row, f"ตัวอักษรที่ {char}")
        assert reason in problem.message
        assert not _english(problem), problem.render()


def _json_problem(text: str) -> Problem:
    with pytest.raises(InputError) as caught:
        load_json(text, "r.json", RESULTS)
    return caught.value.problems[0]


def test_a_json_number_too_long_to_read_is_said_in_thai() -> None:
    for problem in (_framework_problem('{"year": ' + "9" * 5000 + "}", as_json=True), _json_problem("9" * 5000)):
        assert "ยาวเกินกว่าจะอ่านได้" in problem.message and not _english(problem)


def _results_problem(path: Path) -> Problem:
    with pytest.raises(InputError) as caught:
        read_results(path, SHIPPED)
    return caught.value.problems[0]


def test_a_csv_cell_past_the_field_limit_names_the_likely_unclosed_quote(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text('code,score\nI1,80\nI2,"90\nI3,70\n' + "x" * 140_000 + "\n", encoding="utf-8")
    problem = _results_problem(path)
    assert problem.row is not None and problem.row >= 3
    assert "ยาวเกิน 131,072 ตัวอักษร" in problem.message and "เครื่องหมายคำพูด" in problem.message
    assert not _english(problem), problem.render()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "อาจเป็นไฟล์ .xls รุ่นเก่า ไฟล์ที่ตั้งรหัสผ่านไว้"),
        (b"PK\x03\x04 cut short", "ไม่ใช่ไฟล์ .xlsx"),
    ],
)
def test_a_file_that_is_not_a_workbook_is_said_in_thai(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "r.xlsx"
    path.write_bytes(data)
    problem = _results_problem(path)
    assert reason in problem.message and not _english(problem), problem.render()


def test_a_workbook_cut_short_is_said_to_be_damaged(tmp_path: Path) -> None:
    whole = io.BytesIO()
    with zipfile.ZipFile(whole, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>" * 5000)
    data = bytearray(whole.getvalue())
    data[60:70] = b"\xff" * 10  # the compressed stream broken, the directory intact
    path = tmp_path / "r.xlsx"
    path.write_bytes(bytes(data))
    problem = _results_problem(path)
    assert "เสียหาย" in problem.message or "ไม่ตรงกับค่าตรวจสอบ" in problem.message
    assert not _english(problem), problem.render()


def test_a_yaml_date_that_does_not_exist_is_said_in_thai_not_as_a_json_number() -> None:
    problem = _framework_problem("schema: prongsai-framework/1\nyear: 2570\nnote: 2569-13-45\n")
    assert "วันที่หรือตัวเลขแต่สร้างไม่ได้" in problem.message and "JSON" not in problem.render()
    assert not _english(problem), problem.render()
