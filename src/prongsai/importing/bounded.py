"""Reading an input file within its Limits: regular files only, XLSX archives checked before openpyxl opens them
(declared sizes, compression ratio, no DTD or entities in any XML part), sheet rows read without trusting the
declared dimension, and JSON parsed only when its nesting is within bounds."""

from __future__ import annotations

import io
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple
from xml.etree.ElementTree import ParseError

from ..ita.problems import InputError, Problem
from ..ita.syntax_reasons import parse_json
from ..ita.text_bounds import json_depth_line
from .file_reasons import package_reason
from .limits import EXCEL_MAX_COLUMN, EXCEL_MAX_ROW, RATIO_FREE_BYTES, Budget, Limits, size_text, too_big

# Errors openpyxl (and the zip and XML layers under it) raise on a broken or hostile workbook.
# (zlib.error: a broken deflate stream; NotImplementedError: an unknown compression method; RuntimeError: an
# encrypted member.)
XLSX_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    KeyError,
    OSError,
    ValueError,
    TypeError,
    AttributeError,
    IndexError,
    ParseError,
    EOFError,
    NotImplementedError,
    RuntimeError,
)
_XML_PART = re.compile(r"\.(xml|rels|vml)$", re.IGNORECASE)


def read_regular_file(path: Path, limits: Limits, max_bytes: int, *, missing: str, not_found: str = "ไม่พบไฟล์") -> bytes:
    """The bytes of `path`, refused unless it is a regular file of at most `max_bytes`.

    The type is checked with os.stat before opening (a FIFO or a device would block or never end), and again on
    the opened descriptor (opened non-blocking), so a file swapped in between is caught too.
    """
    name = path.name or str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError([Problem(not_found, file=str(path), expected=missing)]) from None
    except OSError as exc:
        raise InputError([Problem(f"เปิดไฟล์ไม่ได้ ({exc.strerror})", file=str(path), expected=missing)]) from None
    _regular(info, name, path, limits, max_bytes)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputError([Problem(f"เปิดไฟล์ไม่ได้ ({exc.strerror})", file=name, expected=missing)]) from None
    with os.fdopen(fd, "rb") as handle:
        _regular(os.fstat(handle.fileno()), name, path, limits, max_bytes)
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:  # the file grew while it was read
        raise size_error(name, limits, max_bytes)
    return data


def _regular(info: os.stat_result, name: str, path: Path, limits: Limits, max_bytes: int) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise InputError([Problem("เป็นโฟลเดอร์ ไม่ใช่ไฟล์", file=str(path))])
    if not stat.S_ISREG(info.st_mode):
        kind = "ท่อส่งข้อมูล (FIFO)" if stat.S_ISFIFO(info.st_mode) else "อุปกรณ์หรือซ็อกเก็ต"
        raise InputError([Problem(f"เป็น{kind} ไม่ใช่ไฟล์ธรรมดา", file=name, expected=f"{limits.what}ที่บันทึกไว้ในดิสก์")])
    if info.st_size > max_bytes:
        raise size_error(name, limits, max_bytes)


def size_error(name: str, limits: Limits, max_bytes: int) -> InputError:
    return too_big(name, f"{limits.what}ใหญ่เกินกำหนด", f"ไม่เกิน {size_text(max_bytes)}")


class Package(NamedTuple):
    """A kind of Office zip package, as its messages name it."""

    label: str  # "ไฟล์ Excel"
    ext: str  # ".xlsx"
    saved_from: str  # the programs that write a good one


XLSX = Package("ไฟล์ Excel", ".xlsx", "Excel, LibreOffice หรือโปรแกรมนี้")
DOCX = Package("ไฟล์ Word", ".docx", "Word หรือ LibreOffice")


def check_package(data: bytes, name: str, limits: Limits, kind: Package = XLSX) -> None:
    """Refuse an XLSX (or DOCX) whose zip declares too much once uncompressed, too many members, a member
    compressed beyond the ratio (a zip bomb), or an XML part with a DTD or entity declarations; before openpyxl (or
    python-docx) reads any of it.

    The declared sizes bound the real read too: zipfile stops each member at its declared size and fails on the
    CRC when the data goes on (tests/unit/test_hostile_files.py checks both).
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except XLSX_ERRORS as exc:
        raise InputError(
            [
                Problem(
                    f"เปิดเป็น{kind.label} ({kind.ext}) ไม่ได้: {package_reason(exc, kind.ext)}",
                    file=name,
                    expected=f"ไฟล์ {kind.ext}",
                )
            ]
        ) from None
    if len(members) > limits.xlsx_members:
        raise too_big(name, f"{kind.label} มีส่วนประกอบ {len(members):,} ส่วน", f"ไม่เกิน {limits.xlsx_members:,} ส่วน")
    total = sum(member.file_size for member in members)
    if total > limits.xlsx_bytes:
        raise too_big(
            name,
            f"{kind.label} เมื่อคลายการบีบอัดมีขนาด {size_text(total)}",
            f"ไม่เกิน {size_text(limits.xlsx_bytes)} เมื่อคลายการบีบอัด",
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FREE_BYTES and ratio > limits.xlsx_ratio:
            raise too_big(
                name,
                f"ส่วน {member.filename} ของ{kind.label} ถูกบีบอัดไว้ {ratio:,.0f} เท่า (ลักษณะของไฟล์ zip bomb)",
                f"บีบอัดไม่เกิน {limits.xlsx_ratio} เท่า",
            )
    with archive:
        for member in members:
            if _XML_PART.search(member.filename):
                _refuse_dtd(archive, member, name, kind)


class _RootReached(Exception):
    """The first element has started: a DTD (and so any entity declaration) can only come before it."""


class _StopAtRoot:
    def start(self, tag: str, attrib: dict[str, str]) -> None:
        raise _RootReached

    def close(self) -> None:
        return None


def _refuse_dtd(archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str, kind: Package) -> None:
    """Parse the prolog of one XML part with defusedxml, which refuses a DTD; stop at the root element."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import DefusedXMLParser

    parser = DefusedXMLParser(target=_StopAtRoot(), forbid_dtd=True, forbid_entities=True, forbid_external=True)
    try:
        with archive.open(member) as source:
            while chunk := source.read(64 * 1024):
                parser.feed(chunk)
            parser.close()
    except _RootReached:
        return
    except DefusedXmlException:
        raise InputError(
            [
                Problem(
                    f"ส่วน {member.filename} ของ{kind.label} มีการประกาศ DTD หรือ entity ของ XML"
                    " ซึ่งไม่รับด้วยเหตุผลด้านความปลอดภัย",
                    file=name,
                    expected=f"ไฟล์ {kind.ext} ที่บันทึกจาก {kind.saved_from}",
                )
            ]
        ) from None
    except XLSX_ERRORS as exc:
        raise InputError(
            [
                Problem(
                    f"ส่วน {member.filename} ของ{kind.label} เสียหาย: {package_reason(exc, kind.ext)}",
                    file=name,
                    expected=f"ไฟล์ {kind.ext}",
                )
            ]
        ) from None


def open_workbook(data: bytes, name: str, limits: Limits) -> Any:
    """check_package() then openpyxl's read-only workbook (values, not formulas); InputError if it cannot be opened."""
    from openpyxl import load_workbook  # imported here: only XLSX input pays for it

    check_package(data, name, limits)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except XLSX_ERRORS as exc:
        raise InputError(
            [Problem(f"เปิดเป็นไฟล์ Excel (.xlsx) ไม่ได้: {package_reason(exc)}", file=name, expected="ไฟล์ .xlsx")]
        ) from None
    if not book.worksheets:
        book.close()
        raise InputError([Problem("ไฟล์ Excel นี้ไม่มีชีตข้อมูล", file=name, expected="ไฟล์ .xlsx ที่มีชีตตาราง")])
    return book


def sheet_rows(sheet: Any, label: str, budget: Budget) -> Iterator[tuple[int, list[Any]]]:
    """(row number, cells up to the last non-empty one) of each non-empty row, cells None -> "".

    The declared dimension is dropped first, so openpyxl neither pads rows to it nor stops at it; rows beyond
    Excel's last row, columns beyond its last column and the budget's bounds end the read with an InputError.
    """
    from .tables import excel_letters

    sheet.reset_dimensions()
    number = 0
    try:
        for values in sheet.iter_rows(values_only=True):
            number += 1
            if number > EXCEL_MAX_ROW:
                raise too_big(label, "ชีตมีแถวเกินกว่าที่ Excel มีได้", f"ไม่เกิน {EXCEL_MAX_ROW:,} แถว", row=number)
            if not values:
                continue
            end = len(values)
            while end and values[end - 1] is None:
                end -= 1
            if not end:
                continue
            if end > EXCEL_MAX_COLUMN:
                raise too_big(label, "ชีตมีคอลัมน์เกินกว่าที่ Excel มีได้", f"ไม่เกิน {EXCEL_MAX_COLUMN:,} คอลัมน์", row=number)
            cells = ["" if v is None else v for v in values[:end]]
            budget.take(number, cells, excel_letters)
            yield number, cells
    except InputError:
        raise
    except XLSX_ERRORS as exc:
        raise InputError(
            [
                Problem(
                    f"อ่านชีตของไฟล์ Excel ไม่ได้: {package_reason(exc)}",
                    file=label,
                    row=number or None,
                    expected="ไฟล์ .xlsx",
                )
            ]
        ) from None


def load_json(text: str, name: str, limits: Limits) -> Any:
    """json.loads() once the nesting of arrays and objects is known to be within limits.json_depth."""
    line = json_depth_line(text, limits.json_depth)
    if line is not None:
        raise too_big(name, "โครงสร้าง JSON ซ้อนกันลึกเกินกำหนด", f"ซ้อนกันไม่เกิน {limits.json_depth} ชั้น", row=line)
    try:
        return parse_json(text, name)
    except RecursionError:  # not reached within json_depth; kept so that no path ends in a traceback
        raise too_big(name, "โครงสร้าง JSON ซ้อนกันลึกเกินกำหนด", f"ซ้อนกันไม่เกิน {limits.json_depth} ชั้น") from None
