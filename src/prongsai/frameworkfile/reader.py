"""Read a framework workbook (or YAML/JSON) an administrator has edited, validated fully, errors by sheet/row/column.

The workbook is read with openpyxl in read-only mode within fixed bounds (file size, unpacked size, sheets, rows,
columns, cell length), turned into the nested data of docs/framework-schema.md and checked by the same loader as
the shipped files. Every problem names the sheet, the Excel row and the column; nothing is returned on any error.
"""

from __future__ import annotations

from pathlib import Path

from ..ita.loader import MAX_TEXT_BYTES, framework_from_data, parse_framework_text, too_big_text
from ..ita.model import Framework
from ..ita.problems import InputError, Problem
from .workbook import Workbook
from .workbook_data import framework_data
from .workbook_locations import locate

MAX_BYTES = 20 * 1024 * 1024
YAML_SUFFIXES = (".yaml", ".yml", ".json")
SUFFIXES = (".xlsx", *YAML_SUFFIXES)


def read_framework_path(path: str | Path) -> Framework:
    """The framework in a .xlsx, .yaml, .yml or .json file, fully validated (InputError otherwise)."""
    path = Path(path)
    if not path.is_file():
        raise InputError([Problem("ไม่พบไฟล์กรอบการประเมิน", file=str(path), expected="ไฟล์ .xlsx หรือ .yaml ที่มีอยู่จริง")])
    if path.stat().st_size > MAX_BYTES:
        raise InputError([Problem(f"ไฟล์ใหญ่เกิน {MAX_BYTES // (1024 * 1024)} MB", file=path.name)])
    return read_framework_bytes(path.read_bytes(), filename=path.name, origin=str(path))


def read_framework_bytes(data: bytes, *, filename: str, origin: str | None = None) -> Framework:
    """The framework in `data`, read as XLSX or YAML/JSON by the extension of `filename`, fully validated."""
    name = Path(filename).name or "framework"
    suffix = Path(name).suffix.lower()
    if len(data) > MAX_BYTES:
        raise InputError([Problem(f"ไฟล์ใหญ่เกิน {MAX_BYTES // (1024 * 1024)} MB", file=name)])
    if not data.strip():
        raise InputError([Problem("ไฟล์ว่างเปล่า", file=name, expected="กรอบการประเมิน .xlsx หรือ .yaml")])
    if suffix == ".xlsx":
        return _from_workbook(data, name, origin or name)
    if suffix in YAML_SUFFIXES:
        if len(data) > MAX_TEXT_BYTES:
            raise too_big_text(name)
        return _from_text(data, name, origin or name, suffix)
    raise InputError([Problem(f"ไม่รองรับไฟล์ชนิด '{suffix or name}'", file=name, expected=", ".join(SUFFIXES))])


def _from_text(data: bytes, name: str, origin: str, suffix: str) -> Framework:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError([Problem(f"ไฟล์ไม่ใช่ข้อความ UTF-8 (ไบต์ที่ {exc.start})", file=name)]) from None
    return parse_framework_text(text, name=name, origin=origin, as_json=suffix == ".json")


def _from_workbook(data: bytes, name: str, origin: str) -> Framework:
    """The framework in a workbook: every sheet read and checked, then the loader's checks located in the sheets."""
    book = Workbook(data, name)
    content = framework_data(book)
    if book.problems:
        raise InputError(book.problems)
    try:
        return framework_from_data(content, file=name, origin=origin)
    except InputError as error:
        raise InputError([locate(book, p) for p in error.problems]) from None
