"""Frameworks as workbooks and YAML: lossless round trips, a person's edits in Excel, and bad workbooks refused."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from pathlib import Path

import pytest

from prongsai.frameworkfile import framework_to_yaml, read_framework_bytes, write_framework_xlsx
from prongsai.importing.limits import FRAMEWORK
from prongsai.ita.library import shipped_framework, shipped_years
from prongsai.ita.problems import InputError
from tests.support import hostile_files as hostile


def _same(a, b) -> bool:  # type: ignore[no-untyped-def]
    return dataclasses.replace(a, origin="x") == dataclasses.replace(b, origin="x")


@pytest.mark.parametrize("year", shipped_years())
def test_every_shipped_year_round_trips_through_yaml_and_xlsx(year: int) -> None:
    framework = shipped_framework(year)
    assert _same(read_framework_bytes(framework_to_yaml(framework).encode(), filename="f.yaml"), framework)
    stream = io.BytesIO()
    write_framework_xlsx(framework, stream)
    assert _same(read_framework_bytes(stream.getvalue(), filename="f.xlsx"), framework)


def _problems(data: bytes, name: str = "bad.xlsx") -> list[str]:
    with pytest.raises(InputError) as caught:
        read_framework_bytes(data, filename=name)
    return [p.render() for p in caught.value.problems]


def test_hostile_files_get_a_thai_error_not_a_traceback(tmp_path: Path) -> None:
    assert "เปิดเป็นไฟล์ Excel" in _problems(b"PK\x03\x04 not really a zip")[0]
    other_zip = io.BytesIO()
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("word/document.xml", '<w:document xmlns:w="urn:word"/>')  # a Word file
    assert "เปิดเป็นไฟล์ Excel" in _problems(other_zip.getvalue())[0]
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"0" * (FRAMEWORK.xlsx_bytes + 1024 * 1024))
    assert "เมื่อคลายการบีบอัดมีขนาด" in _problems(bomb.getvalue())[0]
    with zipfile.ZipFile(bomb := io.BytesIO(), "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"0" * (8 * 1024 * 1024))  # small, but compressed 1,000-fold
    assert "ลักษณะของไฟล์ zip bomb" in _problems(bomb.getvalue())[0]
    assert "DTD" in _problems(hostile.dtd_xlsx())[0]
    assert "alias" in _problems(b"a: &x [1]\nb: *x\n", "f.yaml")[0]
    assert "ซ้อนกันไม่เกิน 32 ชั้น" in _problems(b"year: " + b"[" * 200_000 + b"]" * 200_000, "f.yaml")[0]
    assert "ซ้อนกันไม่เกิน 32 ชั้น" in _problems(b"[" * 100_000 + b"]" * 100_000, "f.json")[0]
    assert "ใหญ่เกิน 2 MB" in _problems(b"#" * (3 * 1024 * 1024), "f.yaml")[0]
    assert "ไม่รองรับไฟล์ชนิด" in _problems(b"x", "f.exe")[0]
