"""The database the web tests run on, and SQLite's settings for many users at once: WAL and a busy timeout."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

from django.db import connection
from django.db.utils import ConnectionHandler

from prongsai.web import settings as real_settings


def test_the_web_tests_run_on_the_database_they_were_given(db: Any) -> None:
    """`make test` runs this suite twice; the second run (tools/pg-test.sh) must really be on PostgreSQL."""
    url = os.environ.get("PRONGSAI_TEST_DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone()[0] == 1


def _sqlite_connection(path: Path) -> Any:
    """A Django connection to a file with the production settings' SQLite options."""
    default = dict(real_settings.DATABASES["default"])
    assert default["ENGINE"].endswith("sqlite3")
    handler = ConnectionHandler({"default": {**default, "NAME": str(path), "CONN_MAX_AGE": 0}})
    return handler["default"]


def test_sqlite_is_in_wal_mode_and_writers_wait_instead_of_failing(tmp_path: Path, django_db_blocker: Any) -> None:
    path = tmp_path / "prongsai.sqlite3"
    writer = _sqlite_connection(path)
    with django_db_blocker.unblock():
        _wal_and_waiting(writer, path)


def _wal_and_waiting(writer: Any, path: Path) -> None:
    try:
        with writer.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == 20_000
            cursor.execute("CREATE TABLE note (body TEXT)")
            cursor.execute("INSERT INTO note VALUES ('ก่อน')")
        # A reader in the middle of a read transaction does not stop a writer from committing (WAL) ...
        reader = sqlite3.connect(path, isolation_level=None)
        reader.execute("BEGIN")
        assert reader.execute("SELECT body FROM note").fetchall() == [("ก่อน",)]
        with writer.cursor() as cursor:
            cursor.execute("INSERT INTO note VALUES ('หลัง')")
        assert reader.execute("SELECT count(*) FROM note").fetchone()[0] == 1  # its snapshot is unchanged
        reader.execute("COMMIT")
        # ... and a second writer waits for the first one's lock to be released instead of failing at once.
        blocker = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        blocker.execute("BEGIN IMMEDIATE")
        release = threading.Timer(0.5, lambda: blocker.execute("COMMIT"))
        release.start()
        with writer.cursor() as cursor:
            cursor.execute("INSERT INTO note VALUES ('รอคิว')")
        release.join()
        assert reader.execute("SELECT count(*) FROM note").fetchone()[0] == 3
        reader.close()
        blocker.close()
    finally:
        writer.close()
