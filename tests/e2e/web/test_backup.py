"""`prongsai backup` and `prongsai restore`: the demo installation with evidence files goes through an archive and
comes back identical (every row of every table, every file) and working; a restore refuses a non-empty installation,
a tampered archive and every hostile member, leaving the target as it was."""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

import pytest

from tests.support.plans_world import PDF

PRONGSAI = str(Path(sys.executable).with_name("prongsai"))
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
REVISED = PDF + b"% revised\n"
ADD_EVIDENCE = f"""
from django.core.files.uploadedfile import SimpleUploadedFile as F
from prongsai.web.plans.models import Measure
from prongsai.web.plans.services import add_evidence, add_revision
measures = list(Measure.objects.order_by("pk"))
assert len(measures) >= 2, "the demo has plan measures"
first = add_evidence(actor=None, measure=measures[0], quarter=1, title="รายงานการประชุม",
                     upload=F("รายงานการประชุม.pdf", {PDF!r}))
add_revision(actor=None, evidence=first, upload=F("รายงานการประชุม.pdf", {REVISED!r}))
add_evidence(actor=None, measure=measures[1], quarter=2, title="ภาพถ่ายกิจกรรม", upload=F("ภาพ.png", {PNG!r}))
"""
WORKING = """
import hashlib
from django.contrib.auth import authenticate
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory
from django.urls import reverse
from prongsai.web.core.demo import DEMO_PASSWORD
from prongsai.web.plans.models import EvidenceRevision
login = RequestFactory().post("/accounts/login/")  # the login throttle (django-axes) needs the request
assert authenticate(login, username="angthong_editor", password=DEMO_PASSWORD) is not None
assert authenticate(login, username="admin", password=DEMO_PASSWORD) is not None
client = Client()
client.force_login(get_user_model().objects.get(username="admin"))
checked = 0
for revision in EvidenceRevision.objects.all():
    response = client.get(reverse("evidence_download", args=[revision.pk]))
    assert response.status_code == 200, response.status_code
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == revision.sha256
    checked += 1
assert client.get(reverse("home")).status_code == 200
print("working", checked)
"""


def _env(data: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PRONGSAI_SECRET_KEY", "DATABASE_URL")}
    return (
        env
        | {
            "PRONGSAI_DATA_DIR": str(data),
            "DJANGO_SETTINGS_MODULE": "prongsai.web.settings",
            "PRONGSAI_DEBUG": "0",
            "PRONGSAI_HTTPS": "0",
            "PRONGSAI_ALLOWED_HOSTS": "testserver",
        }
        | extra
    )


def _prongsai(data: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PRONGSAI, *args], env=_env(data, **extra), capture_output=True, text=True, timeout=600)


def _ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _demo_with_evidence(data: Path, **extra: str) -> None:
    _ok(_prongsai(data, "web", "manage", "migrate", "--verbosity", "0", **extra))
    _ok(_prongsai(data, "web", "manage", "load_demo", **extra))
    _ok(_prongsai(data, "web", "manage", "shell", "-c", ADD_EVIDENCE, **extra))


def _sqlite_tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (and the schema), in storage order."""
    db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        tables = {name: db.execute(f'SELECT * FROM "{name}" ORDER BY rowid').fetchall() for name in names}
        tables["(schema)"] = db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
        return tables
    finally:
        db.close()


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def demo_backup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The demo installation with evidence files (SQLite) and its backup archive."""
    root = tmp_path_factory.mktemp("backup")
    source = root / "source"
    _demo_with_evidence(source)
    archive = root / "prongsai-backup.tar.gz"
    out = _ok(_prongsai(source, "backup", "-o", str(archive)))
    assert "สำรองข้อมูลแล้ว" in out and "ไฟล์หลักฐาน 3 ไฟล์" in out
    return source, archive


def test_the_demo_with_its_evidence_files_round_trips(demo_backup: tuple[Path, Path], tmp_path: Path) -> None:
    source, archive = demo_backup
    with tarfile.open(archive) as opened:
        manifest = json.load(opened.extractfile("manifest.json"))
        names = opened.getnames()
    assert names[0] == "database.sqlite3" and names[-1] == "manifest.json"
    assert manifest["tables"]["plans_evidencerevision"] == 3 and manifest["tables"]["auth_user"] == 9
    media = _files(source / "media")
    assert len(media) == 3 and {f"media/{name}" for name in media} | {"database.sqlite3"} == set(manifest["files"])
    for name, body in media.items():
        assert manifest["files"][f"media/{name}"] == {"size": len(body), "sha256": hashlib.sha256(body).hexdigest()}
    target = tmp_path / "restored"
    out = _ok(_prongsai(target, "restore", str(archive)))
    assert "กู้คืนแล้ว" in out
    before, after = _sqlite_tables(source / "prongsai.sqlite3"), _sqlite_tables(target / "prongsai.sqlite3")
    assert sorted(before) == sorted(after) and len(before) > 30
    for table, rows in before.items():
        assert after[table] == rows, table
    assert sum(len(rows) for rows in before.values()) > 1000
    assert _files(target / "media") == media
    # ... and the restored installation works: nothing left to migrate, logins, every evidence file downloads.
    _ok(_prongsai(target, "web", "manage", "migrate", "--check"))
    assert "working 3" in _ok(_prongsai(target, "web", "manage", "shell", "-c", WORKING))


def test_a_backup_without_a_database_or_over_an_existing_file_is_refused(
    demo_backup: tuple[Path, Path], tmp_path: Path
) -> None:
    source, archive = demo_backup
    empty = _prongsai(tmp_path / "never-migrated", "backup", "-o", str(tmp_path / "x.tar.gz"))
    assert empty.returncode == 2 and "ยังไม่มีฐานข้อมูล" in empty.stderr and not (tmp_path / "x.tar.gz").exists()
    before = archive.read_bytes()
    again = _prongsai(source, "backup", "-o", str(archive))
    assert again.returncode == 2 and "มีไฟล์" in again.stderr and archive.read_bytes() == before
    assert "Traceback" not in empty.stderr + again.stderr
    assert [p.name for p in archive.parent.iterdir() if p.name.startswith(".prongsai-backup-")] == []


def test_a_restore_into_a_non_empty_installation_is_refused(demo_backup: tuple[Path, Path]) -> None:
    source, archive = demo_backup
    before = _sqlite_tables(source / "prongsai.sqlite3")
    refused = _prongsai(source, "restore", str(archive))
    assert refused.returncode == 2 and "กู้คืนได้เฉพาะในระบบที่ยังว่าง" in refused.stderr
    assert "Traceback" not in refused.stderr + refused.stdout
    assert _sqlite_tables(source / "prongsai.sqlite3") == before


def _rewrite(archive: Path, target: Path, change: dict[str, bytes | None]) -> Path:
    """A copy of `archive` with members replaced (bytes) or left out (None)."""
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as out:
        for member in source.getmembers():
            body = source.extractfile(member).read()
            if member.name in change:
                if change[member.name] is None:
                    continue
                body = change[member.name]
                member.size = len(body)
            out.addfile(member, io.BytesIO(body))
    return target


def test_a_tampered_archive_is_refused_and_nothing_is_restored(demo_backup: tuple[Path, Path], tmp_path: Path) -> None:
    _, archive = demo_backup
    with tarfile.open(archive) as opened:
        evidence = next(n for n in opened.getnames() if n.endswith(".png"))
        png = opened.extractfile(evidence).read()
    cases = {
        "one byte of an evidence file": {evidence: png[:-1] + bytes([png[-1] ^ 1])},
        "an evidence file left out": {evidence: None},
        "no manifest": {"manifest.json": None},
    }
    for what, change in cases.items():
        tampered = _rewrite(archive, tmp_path / "tampered.tar.gz", change)
        target = tmp_path / "target"
        refused = _prongsai(target, "restore", str(tampered))
        assert refused.returncode == 2, what
        assert "ไม่กู้คืน" in refused.stderr and "Traceback" not in refused.stderr, (what, refused.stderr)
        assert sorted(p.name for p in target.iterdir()) == ["secret_key"], what  # nothing restored, nothing staged
        tampered.unlink()
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    refused = _prongsai(tmp_path / "target", "restore", str(truncated))
    assert refused.returncode == 2 and "ถูกตัดกลางคัน" in refused.stderr and "Traceback" not in refused.stderr
    assert sorted(p.name for p in (tmp_path / "target").iterdir()) == ["secret_key"]


def _pg(url: str, *sql: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        for statement in sql:
            conn.execute(statement)


def _pg_tables(url: str) -> dict[str, list[tuple[Any, ...]]]:
    import psycopg

    with psycopg.connect(url) as conn:
        names = [
            r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        ]
        return {name: sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr) for name in names}


@pytest.mark.skipif(
    not os.environ.get("PRONGSAI_TEST_DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
    reason="PostgreSQL: in make test's second run (tools/pg-test.sh)",
)
def test_postgresql_round_trips_with_pg_dump(tmp_path: Path) -> None:
    base = os.environ["PRONGSAI_TEST_DATABASE_URL"].rsplit("/", 1)[0]
    source_url, target_url = f"{base}/prongsai_backup_source", f"{base}/prongsai_backup_target"
    admin = f"{base}/postgres"
    _pg(
        admin,
        "DROP DATABASE IF EXISTS prongsai_backup_source",
        "DROP DATABASE IF EXISTS prongsai_backup_target",
        "CREATE DATABASE prongsai_backup_source",
        "CREATE DATABASE prongsai_backup_target",
    )
    try:
        source = tmp_path / "source"
        _demo_with_evidence(source, DATABASE_URL=source_url)
        archive = tmp_path / "pg.tar.gz"
        _ok(_prongsai(source, "backup", "-o", str(archive), DATABASE_URL=source_url))
        with tarfile.open(archive) as opened:
            assert opened.getnames()[0] == "database.pgdump"
        target = tmp_path / "target"
        _ok(_prongsai(target, "restore", str(archive), DATABASE_URL=target_url))
        before, after = _pg_tables(source_url), _pg_tables(target_url)
        assert sorted(before) == sorted(after) and len(before) > 30
        for table, rows in before.items():
            assert after[table] == rows, table
        assert _files(target / "media") == _files(source / "media") and len(_files(source / "media")) == 3
        assert "working 3" in _ok(_prongsai(target, "web", "manage", "shell", "-c", WORKING, DATABASE_URL=target_url))
        again = _prongsai(tmp_path / "other", "restore", str(archive), DATABASE_URL=target_url)
        assert again.returncode == 2 and "มีตารางอยู่แล้ว" in again.stderr
    finally:
        _pg(
            admin,
            "DROP DATABASE IF EXISTS prongsai_backup_source WITH (FORCE)",
            "DROP DATABASE IF EXISTS prongsai_backup_target WITH (FORCE)",
        )
