"""The archive part of a backup: writing members with their SHA-256, and reading an archive as a stream into a
staging folder, refusing anything that is not a sound Prongsai archive before anything is put in place."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import tarfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO, Any

from .backup_database import check_migrations
from .backup_format import (
    CHUNK,
    FORMAT,
    MANIFEST,
    MAX_MANIFEST_BYTES,
    MAX_MEMBERS,
    MAX_NAME_PARTS,
    MEDIA,
    PG_MEMBER,
    SQLITE_MEMBER,
    VENDOR_NAMES,
    VERSION,
    BackupError,
    max_restore_bytes,
    size_text,
)


def media_files(root: Path) -> Iterator[Path]:
    """Regular files under MEDIA_ROOT, sorted; links are not followed (nothing outside the folder is taken)."""
    if not root.is_dir():
        return
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                yield path


class BytesReader:
    """Bytes as the file object tarfile reads from."""

    def __init__(self, body: bytes) -> None:
        self.body, self.offset = body, 0

    def read(self, size: int = -1) -> bytes:
        end = len(self.body) if size < 0 else self.offset + size
        chunk, self.offset = self.body[self.offset : end], min(end, len(self.body))
        return chunk


class _Hashing:
    """A file read by tarfile, hashed on the way: the digest is of exactly the bytes stored in the archive."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle, self.digest = handle, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        chunk = self.handle.read(size)
        self.digest.update(chunk)
        return chunk


def add_file(archive: tarfile.TarFile, path: Path, name: str) -> dict[str, Any]:
    with path.open("rb") as handle:
        info = tarfile.TarInfo(name)
        info.size = os.fstat(handle.fileno()).st_size  # an evidence file never changes once written
        info.mode, info.mtime = 0o600, int(path.stat().st_mtime)
        hashing = _Hashing(handle)
        archive.addfile(info, hashing)
    return {"size": info.size, "sha256": hashing.digest.hexdigest()}


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    parts = path.parts
    if not parts or path.is_absolute() or len(parts) > MAX_NAME_PARTS or "\\" in name or "\x00" in name:
        return False
    if any(part in ("", ".", "..") for part in parts):
        return False
    if name in (MANIFEST, SQLITE_MEMBER, PG_MEMBER):
        return True
    return parts[0] == MEDIA and len(parts) > 1


@contextmanager
def _refusing(archive_path: Path) -> Iterator[None]:
    """A broken or truncated archive, or a disk that fails, as a Thai sentence instead of a traceback."""
    try:
        yield
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile):
        raise BackupError(
            f"ไฟล์ {archive_path.name} ไม่ใช่ไฟล์สำรองของโปร่งใสที่สมบูรณ์ (tar.gz เสียหายหรือถูกตัดกลางคัน) จึงไม่กู้คืน"
        ) from None
    except OSError as error:
        raise BackupError(f"อ่านหรือเขียนไฟล์ระหว่างกู้คืนไม่สำเร็จ: {error.strerror or error}") from None


def unpack(archive_path: Path, staging: Path) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """Stream the archive into the folder `staging` and return its manifest and the size and SHA-256 of each member
    written; BackupError (nothing kept but what is in `staging`) for anything that is not a sound archive."""
    budget = min(max_restore_bytes(), shutil.disk_usage(staging).free)
    found: dict[str, dict[str, Any]] = {}
    manifest: dict[str, Any] | None = None
    refuse = f"ไฟล์ {archive_path.name} ไม่ใช่ไฟล์สำรองที่ปลอดภัย:"
    with _refusing(archive_path), tarfile.open(archive_path, "r|gz") as archive:
        for count, member in enumerate(archive, start=1):
            if count > MAX_MEMBERS:
                raise BackupError(f"{refuse} มีรายการเกิน {MAX_MEMBERS:,} รายการ")
            name = member.name
            if not member.isfile():
                raise BackupError(f"{refuse} รายการ '{name}' ไม่ใช่ไฟล์ปกติ (ลิงก์หรืออุปกรณ์) จึงไม่กู้คืน")
            if not _safe_name(name):
                raise BackupError(f"{refuse} ชื่อ '{name}' อยู่นอกโครงสร้างของไฟล์สำรอง (ชื่อเต็มจากราก หรือมี '..')")
            if name in found or (name == MANIFEST and manifest is not None):
                raise BackupError(f"{refuse} มีรายการ '{name}' ซ้ำ")
            if name == MANIFEST:
                if member.size > MAX_MANIFEST_BYTES:
                    raise BackupError(f"{refuse} บัญชีรายการ (manifest.json) ใหญ่เกินกำหนด")
                manifest = _read_manifest(archive.extractfile(member), member.size, archive_path)
                continue
            if member.size > budget:
                raise BackupError(
                    f"{refuse} เนื้อหาเกินพื้นที่หรือขนาดที่กำหนด ({size_text(budget)})"
                    " ตั้งค่า PRONGSAI_RESTORE_MAX_BYTES หรือเพิ่มพื้นที่ดิสก์"
                )
            budget -= member.size
            found[name] = _extract(archive.extractfile(member), member.size, staging / name)
    if manifest is None:
        raise BackupError(f"ไฟล์ {archive_path.name} ไม่มีบัญชีรายการ (manifest.json) จึงตรวจสอบไม่ได้ และไม่กู้คืน")
    return manifest, found


def _read_manifest(handle: IO[bytes] | None, size: int, archive_path: Path) -> dict[str, Any]:
    body = handle.read(size) if handle is not None else b""
    try:
        manifest = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"ไฟล์ {archive_path.name} ไม่ใช่ไฟล์สำรองของโปร่งใส (บัญชีรายการไม่ถูกต้อง)")
    return manifest


def _extract(handle: IO[bytes] | None, size: int, target: Path) -> dict[str, Any]:
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    digest, written = hashlib.sha256(), 0
    with target.open("xb") as out:
        while handle is not None and (chunk := handle.read(min(CHUNK, size - written))):
            digest.update(chunk)
            out.write(chunk)
            written += len(chunk)
    return {"size": written, "sha256": digest.hexdigest()}


def verify(manifest: dict[str, Any], found: dict[str, dict[str, Any]], vendor: str) -> str:
    """The database member, once the manifest and the members agree exactly; BackupError otherwise."""
    tampered = "ไฟล์สำรองไม่ตรงกับบัญชีรายการ (ถูกแก้ไขหรือเสียหาย) จึงไม่กู้คืน:"
    if manifest.get("version") != VERSION:
        raise BackupError(f"ไฟล์สำรองรุ่นที่ {manifest.get('version')} ไม่ตรงกับที่ระบบรุ่นนี้อ่านได้ (รุ่นที่ {VERSION})")
    files = manifest.get("files")
    database = manifest.get("database")
    tables = manifest.get("tables")
    if not isinstance(files, dict) or not isinstance(database, dict) or not isinstance(tables, dict):
        raise BackupError(f"{tampered} บัญชีรายการไม่ครบ")
    missing = sorted(set(files) - set(found))
    extra = sorted(set(found) - set(files))
    if missing or extra:
        listed = ", ".join((missing + extra)[:5])
        raise BackupError(f"{tampered} รายการที่ขาดหรือเกิน {len(missing) + len(extra)} รายการ ({listed})")
    for name, facts in found.items():
        if files[name] != facts:
            raise BackupError(f"{tampered} ค่า SHA-256 หรือขนาดของ '{name}' ไม่ตรง")
    archived = database.get("vendor")
    member = database.get("member")
    if archived != vendor:
        raise BackupError(
            f"ไฟล์สำรองนี้เป็นฐานข้อมูล {VENDOR_NAMES.get(str(archived), archived)} แต่ระบบที่จะกู้คืนใช้"
            f" {VENDOR_NAMES.get(vendor, vendor)} กู้คืนได้เฉพาะฐานข้อมูลชนิดเดียวกัน"
        )
    if member != {"sqlite": SQLITE_MEMBER, "postgresql": PG_MEMBER}.get(vendor) or member not in found:
        raise BackupError(f"{tampered} ไม่พบไฟล์ฐานข้อมูล")
    check_migrations(manifest.get("migrations") or [])
    return member
