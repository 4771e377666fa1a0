"""The layout of a Prongsai backup archive (its member names and limits) and the error of a backup or restore."""

from __future__ import annotations

import os

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


def size_text(n: int) -> str:
    """A size as the messages write it: GiB from one GiB on, else MiB."""
    return f"{n / 1024**3:.1f} GiB" if n >= 1024**3 else f"{n / 1024**2:.1f} MiB"
