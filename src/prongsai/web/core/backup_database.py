"""The database part of a backup: a consistent snapshot of SQLite (online backup API) or PostgreSQL (pg_dump of an
exported snapshot) with every table's row count and the applied migrations, and the checks and the restore of it."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from .backup_format import BackupError


def sqlite_snapshot(target: Path) -> tuple[dict[str, int], list[list[str]]]:
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


def postgresql_snapshot(target: Path) -> tuple[dict[str, int], list[list[str]]]:
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


def check_migrations(migrations: list[Any]) -> None:
    """Refuse an archive whose database has migrations this version does not know (made by a newer version)."""
    from django.db.migrations.loader import MigrationLoader

    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [f"{app}.{name}" for app, name in migrations if (app, name) not in known]
    if unknown:
        raise BackupError(
            f"ไฟล์สำรองมาจากโปร่งใสรุ่นที่ใหม่กว่ารุ่นนี้ (โครงสร้างฐานข้อมูลที่ไม่รู้จัก เช่น {unknown[0]})"
            " ติดตั้งรุ่นที่ใหม่เท่ากันหรือใหม่กว่าก่อน แล้วกู้คืนอีกครั้ง"
        )


def check_sqlite(path: Path, manifest: dict[str, Any]) -> None:
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


def restore_postgresql(dump: Path, manifest: dict[str, Any]) -> None:
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
