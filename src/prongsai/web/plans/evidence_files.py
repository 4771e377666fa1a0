"""Check an uploaded evidence file before it is stored: size, an allowed type proven by the content, SHA-256.

The extension alone proves nothing (an .exe renamed .pdf is still a program), so each allowed type is recognised
by its first bytes, and DOCX/XLSX by the parts a Word or Excel file must contain. Anything else is refused with a
Thai message naming what is accepted.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError

TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}
ACCEPTED = "PDF, Word (.docx), Excel (.xlsx), รูปภาพ JPG หรือ PNG"
_ZIP_PARTS = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}


@dataclass(frozen=True)
class CheckedFile:
    name: str
    suffix: str
    content_type: str
    size: int
    sha256: str


def max_bytes() -> int:
    return int(settings.EVIDENCE_MAX_BYTES)


def limit_text() -> str:
    return f"{max_bytes() / (1024 * 1024):g} เมกะไบต์"


def _content_matches(handle: IO[bytes], suffix: str) -> bool:
    handle.seek(0)
    head = handle.read(16)
    handle.seek(0)
    if suffix == ".pdf":
        return head.startswith(b"%PDF-")
    if suffix in (".jpg", ".jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if suffix == ".png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if suffix in _ZIP_PARTS:
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            with zipfile.ZipFile(handle) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return False
        finally:
            handle.seek(0)
        return "[Content_Types].xml" in names and _ZIP_PARTS[suffix] in names
    return False


def check_file(handle: IO[bytes], name: str, size: int) -> CheckedFile:
    """The file's facts when it may be stored; ValidationError (Thai) when it is too large or not what it claims."""
    safe = Path(name or "").name.strip() or "หลักฐาน"
    suffix = Path(safe).suffix.lower()
    if size <= 0:
        raise ValidationError("ไฟล์ว่างเปล่า กรุณาเลือกไฟล์หลักฐานที่มีเนื้อหา")
    if size > max_bytes():
        raise ValidationError(f"ไฟล์ใหญ่เกินกำหนด ({size / (1024 * 1024):.1f} เมกะไบต์) รับได้ไม่เกิน {limit_text()}")
    if suffix not in TYPES:
        raise ValidationError(f"ไม่รับไฟล์ชนิด '{suffix or 'ไม่มีนามสกุล'}' รับเฉพาะ {ACCEPTED}")
    if not _content_matches(handle, suffix):
        raise ValidationError(f"เนื้อหาของไฟล์ไม่ใช่ไฟล์ {suffix.lstrip('.').upper()} ตามนามสกุล"
                              f" (ไฟล์อาจเสียหายหรือถูกเปลี่ยนนามสกุล) รับเฉพาะ {ACCEPTED}")
    digest = hashlib.sha256()
    handle.seek(0)
    for chunk in iter(lambda: handle.read(1024 * 1024), b""):
        digest.update(chunk)
    handle.seek(0)
    return CheckedFile(safe[:255], suffix, TYPES[suffix], size, digest.hexdigest())
