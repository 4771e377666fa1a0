"""Backup and restore of a whole installation: one tar.gz with the database, every evidence file and a manifest.

The database is a consistent snapshot: SQLite's online backup API (one step, under a read lock, so writers are not
stopped for long and nothing half-written is copied), or for PostgreSQL `pg_dump` of a snapshot exported from the
transaction in which the rows are counted. The database is taken before the files: a file is written before its row
is committed and never replaced, so every row of the snapshot finds its file. The manifest (last member) lists the
row count of every table, the applied migrations, and the size and SHA-256 of every member.

A restore goes into an empty installation only. It reads the archive once, as a stream, and refuses before anything
is put in place: members that are not regular files, absolute names or `..`, names outside the layout, sizes beyond
the limits or the free disk space, a member missing from the manifest or a hash or row count that differs, and an
archive made by a newer version. docs/deploy.md describes the procedure.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

from .backup_archive import BytesReader, add_file, media_files, unpack, verify
from .backup_database import check_sqlite, postgresql_snapshot, restore_postgresql, sqlite_snapshot
from .backup_format import FORMAT, MANIFEST, MEDIA, PG_MEMBER, SQLITE_MEMBER, VERSION, BackupError

# --- Backup --------------------------------------------------------------------------------------------------------


def create_backup(output: Path) -> dict[str, Any]:
    """Write the archive to `output` (a new file; nothing is left behind if anything fails) and return its manifest."""
    output = output.expanduser().absolute()
    if output.exists():
        raise BackupError(f"มีไฟล์ {output} อยู่แล้ว ระบุชื่อไฟล์ใหม่ (เช่น ใส่วันที่ในชื่อ) เพื่อไม่ให้ทับข้อมูลสำรองเดิม")
    if not output.parent.is_dir():
        raise BackupError(f"ไม่พบโฟลเดอร์ {output.parent} สำหรับเก็บไฟล์สำรอง")
    media_root = Path(settings.MEDIA_ROOT).resolve()
    if output.resolve().is_relative_to(media_root):
        raise BackupError("ไฟล์สำรองต้องไม่อยู่ในโฟลเดอร์ไฟล์หลักฐาน (MEDIA_ROOT) ของระบบ")
    work = Path(tempfile.mkdtemp(prefix=".prongsai-backup-", dir=output.parent))
    partial = output.with_name(output.name + ".partial")
    try:
        vendor = connection.vendor
        if vendor == "sqlite":
            member, tables, migrations = SQLITE_MEMBER, *sqlite_snapshot(work / SQLITE_MEMBER)
        elif vendor == "postgresql":
            member, tables, migrations = PG_MEMBER, *postgresql_snapshot(work / PG_MEMBER)
        else:
            raise BackupError(f"ยังไม่รองรับการสำรองฐานข้อมูลชนิด {vendor} (รองรับ SQLite และ PostgreSQL)")
        files: dict[str, dict[str, Any]] = {}
        with tarfile.open(partial, "w:gz", format=tarfile.PAX_FORMAT) as archive:
            files[member] = add_file(archive, work / member, member)
            for path in media_files(media_root):
                name = f"{MEDIA}/{path.relative_to(media_root).as_posix()}"
                files[name] = add_file(archive, path, name)
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "prongsai": _version(),
                "database": {"vendor": vendor, "member": member},
                "tables": tables,
                "migrations": migrations,
                "files": files,
            }
            body = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mode, info.mtime = len(body), 0o600, int(dt.datetime.now().timestamp())
            archive.addfile(info, BytesReader(body))
        os.replace(partial, output)
        return manifest
    except (OSError, sqlite3.Error) as error:
        raise BackupError(
            f"สำรองข้อมูลไม่สำเร็จ: {getattr(error, 'strerror', None) or error}"
            " (ตรวจพื้นที่ดิสก์และสิทธิ์ของโฟลเดอร์) ไม่มีไฟล์สำรองที่ไม่ครบเหลือไว้"
        ) from None
    finally:
        partial.unlink(missing_ok=True)
        shutil.rmtree(work, ignore_errors=True)


def _version() -> str:
    from ... import __version__

    return __version__


# --- Restore -------------------------------------------------------------------------------------------------------


def data_dir_problem(data_dir: Path, media_root: Path, database: Path | None) -> str | None:
    """Why this installation is not empty (a Thai sentence), or None. A `secret_key` alone does not count."""
    if data_dir.exists():
        if not data_dir.is_dir():
            return f"{data_dir} ไม่ใช่โฟลเดอร์"
        others = sorted(p.name for p in data_dir.iterdir() if p.name != "secret_key")
        if others:
            return f"โฟลเดอร์ข้อมูล {data_dir} มีข้อมูลอยู่แล้ว ({', '.join(others[:5])})"
    if database is not None and database.exists():
        return f"มีฐานข้อมูล {database} อยู่แล้ว"
    if media_root.exists() and any(media_root.iterdir()):
        return f"โฟลเดอร์ไฟล์หลักฐาน {media_root} มีไฟล์อยู่แล้ว"
    return None


def restore_backup(archive_path: Path) -> dict[str, Any]:
    """Restore the archive into this (empty) installation, verified against its manifest; return the manifest."""
    archive_path = archive_path.expanduser().absolute()
    if not archive_path.is_file():
        raise BackupError(f"ไม่พบไฟล์สำรอง {archive_path} (ต้องเป็นไฟล์ปกติ)")
    vendor = connection.vendor
    data_dir = Path(settings.DATA_DIR)
    media_root = Path(settings.MEDIA_ROOT)
    database = Path(settings.DATABASES["default"]["NAME"]) if vendor == "sqlite" else None
    problem = data_dir_problem(data_dir, media_root, database)
    if problem is None and vendor == "postgresql":
        with connection.cursor() as cursor:
            if connection.introspection.table_names(cursor):
                problem = f"ฐานข้อมูล PostgreSQL {settings.DATABASES['default']['NAME']} มีตารางอยู่แล้ว"
    if problem is not None:
        raise BackupError(
            f"กู้คืนได้เฉพาะในระบบที่ยังว่างเท่านั้น: {problem} ตั้งค่า PRONGSAI_DATA_DIR"
            " (และ DATABASE_URL) เป็นที่ใหม่ที่ว่าง แล้วสั่งกู้คืนอีกครั้ง"
        )
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=data_dir))
    try:
        manifest, found = unpack(archive_path, staging)
        member = verify(manifest, found, vendor)
        if vendor == "sqlite":
            check_sqlite(staging / member, manifest)
            assert database is not None
            database.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            shutil.move(staging / member, database)
        else:
            restore_postgresql(staging / member, manifest)
        staged_media = staging / MEDIA
        if staged_media.is_dir():
            media_root.mkdir(parents=True, exist_ok=True, mode=0o700)
            for path in sorted(staged_media.rglob("*")):
                if path.is_file():
                    destination = media_root / path.relative_to(staged_media)
                    destination.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                    shutil.move(path, destination)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest
