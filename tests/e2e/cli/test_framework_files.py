"""Frameworks as workbooks and YAML: lossless round trips, a person's edits in Excel, and bad workbooks refused."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from prongsai.frameworkfile import read_framework_bytes, read_framework_path
from prongsai.ita.problems import InputError
from tests.support.cli import SAMPLES, run_cli, score_json


def _export(tmp_path: Path, year: int = 2566) -> Path:
    out = tmp_path / f"fy{year}.xlsx"
    result = run_cli("framework", "export", str(year), "-o", out)
    assert result.exit_code == 0, result.output + result.stderr
    return out


def _rows(sheet) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Excel row of each code in the first column."""
    return {str(row[0].value): row[0].row for row in sheet.iter_rows(min_row=2) if row[0].value is not None}


def _column(sheet, key: str) -> int:  # type: ignore[no-untyped-def]
    return next(cell.column for cell in sheet[1] if str(cell.value).endswith(f"({key})"))


def test_edited_workbook_imports_and_scores_as_edited(tmp_path: Path) -> None:
    book_path = _export(tmp_path)
    book = load_workbook(book_path)
    items, subs = book["items"], book["sub_indicators"]
    rows = _rows(items)
    title, sub_col, code_col = _column(items, "title"), _column(items, "sub_indicator"), _column(items, "code")
    topic, indicator = _column(items, "topic"), _column(items, "indicator")
    # a renamed item
    items.cell(rows["O18"], title).value = "ระบบ E-Service ของหน่วยงาน"
    # a moved item: O30 (failed by Ang Thong) from 9.5 to 9.4, typed with Thai digits
    items.cell(rows["O30"], sub_col).value = "๙.๔"
    # an added item in a new sub-indicator 10.3, code, number and sub-indicator typed with Thai digits
    new = items.max_row + 1
    items.cell(new, code_col).value = "O๔๔"
    items.cell(new, title).value = "ข้อทดลองที่เพิ่มเอง"
    items.cell(new, indicator).value = "๑๐"
    items.cell(new, sub_col).value = "๑๐.๓"
    items.cell(new, topic).value = "oit.test_added"
    subs.append(["๑๐.๓", "๑๐", "ตัวชี้วัดย่อยที่เพิ่มเอง"])
    book.save(book_path)

    out = tmp_path / "fy2566-edited.yaml"
    result = run_cli("framework", "import", book_path, "-o", out)
    assert result.exit_code == 0, result.output + result.stderr
    edited = read_framework_path(out)
    assert edited.items["O18"].title == "ระบบ E-Service ของหน่วยงาน"
    assert edited.items["O30"].sub_indicator == "9.4"
    assert edited.sub_indicators["9.4"].items[-1] == "O30"
    assert edited.items["O44"].sub_indicator == "10.3"

    results = tmp_path / "r.csv"
    results.write_text(
        (SAMPLES / "angthong_pao_2566.csv").read_text(encoding="utf-8") + "O44,ไม่ผ่าน,\n", encoding="utf-8"
    )
    before = score_json(SAMPLES / "angthong_pao_2566.csv", 2566)
    for framework_file in (out, book_path):  # the YAML written by import, and the workbook itself
        after = score_json(results, 2566, "--framework", framework_file)
        # 9.4 now has O23-O26 and O30: 4 of 5 pass; 9.5 has O27-O29, all pass
        assert after["sub_indicators"]["9.4"] == 80.0 and after["sub_indicators"]["9.5"] == 100.0
        assert after["indicators"]["9"] == pytest.approx((100 + 87.5 + 100 + 80 + 100) / 5, abs=0.005)
        # 10.3 holds only the failed O44: indicator 10 = (100 + 100 + 0) / 3
        assert after["sub_indicators"]["10.3"] == 0.0
        assert after["indicators"]["10"] == pytest.approx(66.67, abs=0.005)
        assert after["tools"]["OIT"] != before["tools"]["OIT"]
        assert after["total"] < before["total"]
        ind9 = next(r for r in after["reconciliation"] if r["code"] == "IND9")
        assert ind9["ok"] is False and ind9["reported"] == 92.5


def _problems(data: bytes, name: str = "bad.xlsx") -> list[str]:
    with pytest.raises(InputError) as caught:
        read_framework_bytes(data, filename=name)
    return [p.render() for p in caught.value.problems]


def _edited(tmp_path: Path, edit) -> bytes:  # type: ignore[no-untyped-def]
    path = _export(tmp_path)
    book = load_workbook(path)
    edit(book)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def test_missing_sheet_is_named(tmp_path: Path) -> None:
    problems = _problems(_edited(tmp_path, lambda book: book.remove(book["grading"])))
    assert problems == [problems[0]] and "ไม่พบชีต 'grading'" in problems[0] and "bad.xlsx" in problems[0]


def test_duplicate_code_names_sheet_row_and_column(tmp_path: Path) -> None:
    def edit(book):  # type: ignore[no-untyped-def]
        items = book["items"]
        rows = _rows(items)
        items.cell(rows["O5"], 1).value = "O4"

    rendered = _problems(_edited(tmp_path, edit))
    assert any(
        "ชีต items" in p and "แถว" in p and "คอลัมน์ A (รหัส (code))" in p and "O4 ซ้ำกับแถว" in p for p in rendered
    ), rendered


def test_item_in_unknown_sub_indicator(tmp_path: Path) -> None:
    rows: dict[str, int] = {}

    def edit(book):  # type: ignore[no-untyped-def]
        items = book["items"]
        rows.update(_rows(items))
        items.cell(rows["O7"], _column(items, "sub_indicator")).value = "9.9"

    rendered = _problems(_edited(tmp_path, edit))
    assert any(
        f"ชีต items) แถว {rows['O7']} คอลัมน์ D (ตัวชี้วัดย่อย (sub_indicator))" in p and "9.9" in p for p in rendered
    ), rendered


def test_weights_not_summing_to_one(tmp_path: Path) -> None:
    def edit(book):  # type: ignore[no-untyped-def]
        tools = book["tools"]
        tools.cell(_rows(tools)["OIT"], _column(tools, "weight")).value = "๐.๕"

    rendered = _problems(_edited(tmp_path, edit))
    assert any("ชีต tools" in p and "แถว 2" in p and "คอลัมน์ C (น้ำหนัก (weight))" in p and "1.1" in p for p in rendered), (
        rendered
    )


def test_loader_rules_are_mapped_back_to_the_cell(tmp_path: Path) -> None:
    def edit(book):  # type: ignore[no-untyped-def]
        items = book["items"]
        items.cell(_rows(items)["E3"], _column(items, "topic")).value = "Not A Topic"

    rendered = _problems(_edited(tmp_path, edit))
    assert any("ชีต items" in p and "คอลัมน์ E (หัวข้อ (topic))" in p for p in rendered), rendered


def test_import_of_a_bad_workbook_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(_edited(tmp_path, lambda book: book.remove(book["items"])))
    out = tmp_path / "out.yaml"
    result = run_cli("framework", "import", bad, "-o", out)
    assert result.exit_code == 2 and "ไม่พบชีต 'items'" in result.stderr
    assert not out.exists() and not list(tmp_path.glob("out.yaml*"))


def test_missing_column_is_named_with_its_sheet_and_header_row(tmp_path: Path) -> None:
    def edit(book):  # type: ignore[no-untyped-def]
        book["items"].cell(1, _column(book["items"], "topic")).value = "หมายเหตุ"

    rendered = _problems(_edited(tmp_path, edit))
    assert any("ชีต items) แถว 1" in p and "ไม่พบคอลัมน์ หัวข้อ (topic)" in p for p in rendered), rendered


def test_show_json_lists_the_28_items_of_2568() -> None:
    result = run_cli("framework", "show", "2568", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "prongsai-framework-view/1"
    oit = [i for i in data["items"] if i["tool"] == "OIT"]
    assert [i["code"] for i in oit] == [f"O{n}" for n in range(1, 29)]
    titles = {i["code"]: i["title"] for i in oit}
    assert titles["O2"] == "ข้อมูลผู้บริหาร"
    assert titles["O6"] == "แผนและความก้าวหน้าในการดำเนินงานและการใช้งบประมาณประจำปี"
    assert titles["O7"] == "รายงานผลการดำเนินงานประจำปี"
    assert titles["O27"] == "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    assert titles["O28"] == "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    assert [g["name"] for g in data["candidate_groupings"]] == ["H1", "H2"]
    assert data["counts"] == {"IIT": 30, "EIT": 15, "OIT": 28}
