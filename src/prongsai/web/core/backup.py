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
import gzip
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.db import connection, transaction

FORMAT = "prongsai-backup"
VERSION = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
PG_MEMBER = "database.pgdump"
MEDIA = "media"
MAX_MEMBERS = 1_000_000
MAX_MANIFEST_BYTES = 256 * 1024 * 1024
MAX_NAME_PARTS = 16
CHUNK = 1024 * 1024
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


class BackupError(Exception):
    """A backup or restore that cannot be done; the message is formal Thai and says what to do."""


def max_restore_bytes() -> int:
    """The most an archive may unpack to (PRONGSAI_RESTORE_MAX_BYTES, default 64 GiB), whatever it claims."""
    return int(os.environ.get("PRONGSAI_RESTORE_MAX_BYTES", str(64 * 1024**3)))


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
            member, tables, migrations = SQLITE_MEMBER, *_sqlite_snapshot(work / SQLITE_MEMBER)
        elif vendor == "postgresql":
            member, tables, migrations = PG_MEMBER, *_postgresql_snapshot(work / PG_MEMBER)
        else:
            raise BackupError(f"ยังไม่รองรับการสำรองฐานข้อมูลชนิด {vendor} (รองรับ SQLite และ PostgreSQL)")
        files: dict[str, dict[str, Any]] = {}
        with tarfile.open(partial, "w:gz", format=tarfile.PAX_FORMAT) as archive:
            files[member] = _add(archive, work / member, member)
            for path in _media_files(media_root):
                name = f"{MEDIA}/{path.relative_to(media_root).as_posix()}"
                files[name] = _add(archive, path, name)
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
            archive.addfile(info, _Reader(body))
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


def _sqlite_snapshot(target: Path) -> tuple[dict[str, int], list[list[str]]]:
    source_path = Path(settings.DATABASES["default"]["NAME"]).resolve()
    if not source_path.is_file():
        raise BackupError(f"ยังไม่มีฐานข้อมูล {source_path} จึงไม่มีข้อมูลให้สำรอง (ตรวจค่า PRONGSAI_DATA_DIR)")
    source = sqlite3.connect(_read_only(source_path), uri=True, timeout=60)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)  # all pages in one step: a consistent snapshot
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    finally:
        source.close()
    try:
        return _sqlite_counts(copy), _sqlite_migrations(copy)
    finally:
        copy.close()


def _read_only(path: Path) -> str:
    """An SQLite URI that opens `path` read-only, whatever characters its name holds."""
    return f"{path.resolve().as_uri()}?mode=ro"


def _sqlite_tables(db: sqlite3.Connection) -> list[str]:
    return [
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]


def _sqlite_counts(db: sqlite3.Connection) -> dict[str, int]:
    return {table: db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in _sqlite_tables(db)}


def _sqlite_migrations(db: sqlite3.Connection) -> list[list[str]]:
    if "django_migrations" not in _sqlite_tables(db):
        return []
    return [list(row) for row in db.execute("SELECT app, name FROM django_migrations ORDER BY app, name")]


def pg_program(name: str) -> str:
    """A PostgreSQL client program: PRONGSAI_PG_BIN/<name>, else the newest in Debian's /usr/lib/postgresql/*/bin,
    else the one on PATH (it must be at least the server's version)."""
    configured = os.environ.get("PRONGSAI_PG_BIN", "").strip()
    candidates = [Path(configured) / name] if configured else []
    candidates += sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda p: [int(x) if x.isdigit() else 0 for x in p.parent.parent.name.split(".")],
        reverse=True,
    )
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"ไม่พบโปรแกรม {name} ของ PostgreSQL ติดตั้งแพ็กเกจ postgresql-client"
            " หรือตั้งค่า PRONGSAI_PG_BIN เป็นโฟลเดอร์ของโปรแกรม"
        )
    return found


def _pg_environment() -> tuple[list[str], dict[str, str]]:
    """Connection options for pg_dump/pg_restore from Django's settings (the password through the environment)."""
    db = settings.DATABASES["default"]
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args += ["--dbname", str(db["NAME"])]
    return args, env


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise BackupError(f"{what}ไม่สำเร็จ: {detail[-1] if detail else 'ไม่ทราบสาเหตุ'}")


def _postgresql_snapshot(target: Path) -> tuple[dict[str, int], list[list[str]]]:
    args, env = _pg_environment()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        tables = _pg_counts(cursor)
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        migrations = [list(row) for row in cursor.fetchall()]
        # pg_dump sees exactly the rows just counted: the snapshot stays valid while this transaction is open.
        _run(
            [
                pg_program("pg_dump"),
                *args,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                "--file",
                str(target),
            ],
            env,
            "การสำรองฐานข้อมูลด้วย pg_dump ",
        )
    return tables, migrations


def _pg_counts(cursor: Any) -> dict[str, int]:
    counts = {}
    for table in sorted(connection.introspection.table_names(cursor)):
        cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def _media_files(root: Path) -> Iterator[Path]:
    """Regular files under MEDIA_ROOT, sorted; links are not followed (nothing outside the folder is taken)."""
    if not root.is_dir():
        return
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                yield path


class _Reader:
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


def _add(archive: tarfile.TarFile, path: Path, name: str) -> dict[str, Any]:
    with path.open("rb") as handle:
        info = tarfile.TarInfo(name)
        info.size = os.fstat(handle.fileno()).st_size  # an evidence file never changes once written
        info.mode, info.mtime = 0o600, int(path.stat().st_mtime)
        hashing = _Hashing(handle)
        archive.addfile(info, hashing)
    return {"size": info.size, "sha256": hashing.digest.hexdigest()}


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
        member = _verify(manifest, found, vendor)
        if vendor == "sqlite":
            _check_sqlite(staging / member, manifest)
            assert database is not None
            database.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            shutil.move(staging / member, database)
        else:
            _restore_postgresql(staging / member, manifest)
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
                    f"{refuse} เนื้อหาเกินพื้นที่หรือขนาดที่กำหนด ({_size(budget)}) ตั้งค่า PRONGSAI_RESTORE_MAX_BYTES หรือเพิ่มพื้นที่ดิสก์"
                )
            budget -= member.size
            found[name] = _extract(archive.extractfile(member), member.size, staging / name)
    if manifest is None:
        raise BackupError(f"ไฟล์ {archive_path.name} ไม่มีบัญชีรายการ (manifest.json) จึงตรวจสอบไม่ได้ และไม่กู้คืน")
    return manifest, found


def _size(n: int) -> str:
    return f"{n / 1024**3:.1f} GiB" if n >= 1024**3 else f"{n / 1024**2:.1f} MiB"


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


def _verify(manifest: dict[str, Any], found: dict[str, dict[str, Any]], vendor: str) -> str:
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
    _check_migrations(manifest.get("migrations") or [])
    return member


def _check_migrations(migrations: list[Any]) -> None:
    """Refuse an archive whose database has migrations this version does not know (made by a newer version)."""
    from django.db.migrations.loader import MigrationLoader

    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [f"{app}.{name}" for app, name in migrations if (app, name) not in known]
    if unknown:
        raise BackupError(
            f"ไฟล์สำรองมาจากโปร่งใสรุ่นที่ใหม่กว่ารุ่นนี้ (โครงสร้างฐานข้อมูลที่ไม่รู้จัก เช่น {unknown[0]})"
            " ติดตั้งรุ่นที่ใหม่เท่ากันหรือใหม่กว่าก่อน แล้วกู้คืนอีกครั้ง"
        )


def _check_sqlite(path: Path, manifest: dict[str, Any]) -> None:
    db = sqlite3.connect(_read_only(path), uri=True)
    try:
        try:
            ok = db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            counts = _sqlite_counts(db) if ok else {}
        except sqlite3.DatabaseError:
            ok, counts = False, {}
    finally:
        db.close()
    if not ok:
        raise BackupError("ฐานข้อมูลในไฟล์สำรองเสียหาย (SQLite integrity_check ไม่ผ่าน) จึงไม่กู้คืน")
    _compare_counts(counts, manifest["tables"])


def _compare_counts(counts: dict[str, int], expected: dict[str, Any]) -> None:
    if counts != expected:
        differ = sorted(set(counts) ^ set(expected) | {t for t in counts if counts[t] != expected.get(t)})
        raise BackupError(f"จำนวนแถวในฐานข้อมูลไม่ตรงกับบัญชีรายการ (ตาราง {', '.join(differ[:5])}) จึงไม่กู้คืน")


def _restore_postgresql(dump: Path, manifest: dict[str, Any]) -> None:
    args, env = _pg_environment()
    connection.close()
    _run(
        [
            pg_program("pg_restore"),
            *args,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            str(dump),
        ],
        env,
        "การกู้คืนฐานข้อมูลด้วย pg_restore ",
    )
    with connection.cursor() as cursor:
        counts = _pg_counts(cursor)
    _compare_counts(counts, manifest["tables"])
