"""Check an uploaded evidence file before it is stored (size, an allowed type proven by the content, SHA-256), and
remove the files a write stored when its transaction does not commit.

The extension alone proves nothing (an .exe renamed .pdf is still a program), so each allowed type is recognised
by its first bytes, DOCX/XLSX by the parts a Word or Excel file must contain, and the older .doc/.xls by the OLE2
compound-file header. Anything else is refused with a Thai message naming what is accepted. Only the header bytes
each check needs are read, and the file is read once more, in chunks and never past the size limit, for its SHA-256.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import hashlib
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, ParamSpec, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage
from django.db import transaction

TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
}
ACCEPTED = "PDF, Word (.docx หรือ .doc), Excel (.xlsx หรือ .xls), รูปภาพ JPG หรือ PNG"
_ZIP_PARTS = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}
# The OLE2 compound file of Word 97-2003 and Excel 97-2003: its signature, then at offset 28 the little-endian
# byte-order mark and the sector size (2^9 in version 3, 2^12 in version 4) that every such file declares.
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE2_SECTOR_SHIFTS = {(3, 9), (4, 12)}
HEADER_BYTES = 32  # the most any signature check reads
_ZIP_MAX_MEMBERS = 10_000  # a Word or Excel file has tens of parts; a central directory with more is not one


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


def _is_ole2(head: bytes) -> bool:
    if len(head) < HEADER_BYTES or not head.startswith(_OLE2) or head[28:30] != b"\xfe\xff":
        return False
    version, shift = int.from_bytes(head[26:28], "little"), int.from_bytes(head[30:32], "little")
    return (version, shift) in _OLE2_SECTOR_SHIFTS


def _content_matches(handle: IO[bytes], suffix: str) -> bool:
    handle.seek(0)
    head = handle.read(HEADER_BYTES)
    handle.seek(0)
    if suffix in (".doc", ".xls"):
        return _is_ole2(head)
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
                infos = archive.infolist()
                if len(infos) > _ZIP_MAX_MEMBERS:
                    return False
                names = {info.filename for info in infos}
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
        raise ValidationError(
            f"เนื้อหาของไฟล์ไม่ใช่ไฟล์ {suffix.lstrip('.').upper()} ตามนามสกุล"
            f" (ไฟล์อาจเสียหายหรือถูกเปลี่ยนนามสกุล) รับเฉพาะ {ACCEPTED}"
        )
    digest, read = hashlib.sha256(), 0
    handle.seek(0)
    while read <= size and (chunk := handle.read(min(1024 * 1024, size + 1 - read))):
        digest.update(chunk)
        read += len(chunk)
    handle.seek(0)
    if read != size:  # the declared size is not the content's: never store what was not checked
        raise ValidationError("ขนาดไฟล์ไม่ตรงกับเนื้อหาที่ได้รับ กรุณาอัปโหลดใหม่อีกครั้ง")
    return CheckedFile(safe[:255], suffix, TYPES[suffix], size, digest.hexdigest())


# --- Files of a transaction ---------------------------------------------------------------------------------------

_WRITTEN: contextvars.ContextVar[list[tuple[Storage, str]] | None] = contextvars.ContextVar(
    "prongsai_evidence_written", default=None
)
P = ParamSpec("P")
R = TypeVar("R")


def written(storage: Storage, name: str) -> None:
    """Note a file just stored by the write in progress, to be removed if its transaction does not commit."""
    pending = _WRITTEN.get()
    if pending is not None:
        pending.append((storage, name))


def atomic_with_files(func: Callable[P, R]) -> Callable[P, R]:
    """`transaction.atomic` for a write that stores files: when anything fails, the commit included (a "database is
    locked" or a deferred constraint), the files it stored are removed, so no file is left without its row.

    The transaction opened here is the outermost one when a view calls the service (the project does not wrap
    requests in transactions); inside a caller's transaction the caller's rollback is beyond reach, which only
    tests and scripts do.
    """

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if _WRITTEN.get(None) is not None:  # inside another such write: its files are the outer write's to remove
            with transaction.atomic():
                return func(*args, **kwargs)
        pending: list[tuple[Storage, str]] = []
        token = _WRITTEN.set(pending)
        try:
            with transaction.atomic():
                return func(*args, **kwargs)
        except BaseException:
            for storage, name in pending:
                _remove(storage, name)
            raise
        finally:
            _WRITTEN.reset(token)

    return wrapper


def _remove(storage: Storage, name: str) -> None:
    with contextlib.suppress(OSError):  # already gone, or the disk refuses: the original error is the one to report
        storage.delete(name)
