"""Hostile files given to the real CLI in a subprocess: each ends in a Thai error (exit 2), within a few hundred MB,
with no traceback and nothing written; and each bound of importing/limits.py gives its own message."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from prongsai.importing.bounded import check_package
from prongsai.importing.limits import PLAN, RESULTS
from prongsai.importing.results_reader import read_results
from prongsai.importing.tables import read_table
from prongsai.ita.library import framework_for
from prongsai.ita.problems import InputError
from prongsai.planfile.reader import read_plan
from tests.support import hostile_files as hostile


def _fifo(folder: Path, name: str) -> Path:
    path = folder / name
    os.mkfifo(path)
    return path


def test_a_zip_that_lies_about_its_sizes_is_never_read_past_them(tmp_path: Path) -> None:
    """zipfile stops at the declared size and fails on the CRC: the declared sizes bound the real read."""
    import zipfile

    data = hostile.lying_zip_xlsx()
    archive = zipfile.ZipFile(__import__("io").BytesIO(data))
    member = archive.getinfo("xl/worksheets/sheet1.xml")
    assert member.file_size == 100
    with archive.open(member) as source, pytest.raises(zipfile.BadZipFile, match="CRC"):
        source.read(10 * 1024 * 1024)
    with pytest.raises(InputError) as caught:
        check_package(data, "lie.xlsx", RESULTS)
    assert "เสียหาย" in caught.value.problems[0].message


def _limited(**bounds: int) -> object:
    return dataclasses.replace(RESULTS, **bounds)


def _bound_message(path: Path, **bounds: int) -> str:
    with pytest.raises(InputError) as caught:
        table = read_table(path, _limited(**bounds))  # type: ignore[arg-type]
        list(table.rows)
    problem = caught.value.problems[0]
    assert problem.file.startswith(path.name)
    return f"{problem.message} | {problem.expected} | row {problem.row}"


def test_each_bound_names_the_file_and_the_bound(tmp_path: Path) -> None:
    csv = tmp_path / "ผล.csv"
    csv.write_text("code,score\n" + "".join(f"I{n},90\n" for n in range(1, 11)), encoding="utf-8")
    assert "เกิน 5 แถว" in _bound_message(csv, rows=5) and "row 6" in _bound_message(csv, rows=5)
    assert "เกิน 9 ช่อง" in _bound_message(csv, cells=9)
    assert "ไม่เกิน 1 คอลัมน์ต่อแถว" in _bound_message(csv, columns=1)
    assert "ใหญ่เกินกำหนด" in _bound_message(csv, file_bytes=50)
    book = tmp_path / "ผล.xlsx"
    book.write_bytes(
        hostile.xlsx(
            hostile.sheet_xml(
                {1: [("A", "code"), ("B", "score")], 2: [("A", "I1"), ("B", 9)], 3: [("A", "I2"), ("B", 8)]}
            )
        )
    )
    assert "row 3" in _bound_message(book, rows=2)
    assert "เมื่อคลายการบีบอัด" in _bound_message(book, xlsx_bytes=1000)
    assert "ไม่เกิน 3 ส่วน" in _bound_message(book, xlsx_members=3)
    nested = tmp_path / "ผล.json"
    nested.write_text('{"scores": {"I1": [[[1]]]}}', encoding="utf-8")
    assert "ซ้อนกันไม่เกิน 3 ชั้น" in _bound_message(nested, json_depth=3)
    assert "ใหญ่เกินกำหนด" in _bound_message(nested, json_bytes=10)


def test_rows_past_excel_last_row_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "ผล.xlsx"
    path.write_bytes(
        hostile.xlsx(hostile.sheet_xml({1: [("A", "code"), ("B", "score")], 5_000_000_000: [("A", "I1"), ("B", 9)]}))
    )
    with pytest.raises(InputError) as caught:
        read_results(path, framework_for(2566))
    assert "1,048,576 แถว" in caught.value.problems[0].expected


def test_the_plan_reader_has_the_same_bounds(tmp_path: Path) -> None:
    for name, data, words in (
        ("แผน.xlsx", hostile.huge_dimension_xlsx(), "คอลัมน์"),
        ("แผน2.xlsx", hostile.dtd_xlsx(), "DTD"),
        ("แผน.json", hostile.deep_json(), "ซ้อนกันไม่เกิน 32 ชั้น"),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(InputError) as caught:
            read_plan(path, load_framework=framework_for, assessed_year=2566)
        assert words in str(caught.value.problems[0].message) + str(caught.value.problems[0].expected)
    fifo = _fifo(tmp_path, "แผน.csv")
    with pytest.raises(InputError, match="FIFO"):
        read_plan(fifo, load_framework=framework_for, assessed_year=2566)
    rows = tmp_path / "ยาว.csv"
    rows.write_text("ลำดับ,มาตรการ\n" + "".join(f"{n},มาตรการ {n}\n" for n in range(PLAN.rows + 5)), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_plan(rows, load_framework=framework_for, assessed_year=2566)
    assert f"ไม่เกิน {PLAN.rows:,} แถว" in caught.value.problems[0].expected


def test_unicode_line_separators_are_cell_text_not_line_ends(tmp_path: Path) -> None:
    """The delimiter is sniffed from the line csv reads, not from a line str.splitlines() would cut at U+2028."""
    path = tmp_path / "ผล.csv"
    path.write_text("note\u2028a,b;code;score;x\nn;I1;90;z\n", encoding="utf-8")
    assert read_results(path, framework_for(2566)).by_agency[None].scores == {"I1": 90.0}
