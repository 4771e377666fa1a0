"""`prongsai backup` and `prongsai restore`: the demo installation with evidence files goes through an archive and
comes back identical (every row of every table, every file) and working; a restore refuses a non-empty installation,
a tampered archive and every hostile member, leaving the target as it was."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest

from prongsai.web.core.backup_archive import unpack
from prongsai.web.core.backup_format import BackupError


def _hostile(path: Path, members: list[tuple[tarfile.TarInfo, bytes]]) -> Path:
    with tarfile.open(path, "w:gz") as out:
        for info, body in members:
            info.size = len(body) if info.isfile() else 0
            out.addfile(info, io.BytesIO(body) if info.isfile() else None)
    return path


def _member(name: str, kind: bytes = tarfile.REGTYPE, link: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, link
    return info


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        ([(_member("../../etc/cron.d/evil"), b"x")], "อยู่นอกโครงสร้าง"),
        ([(_member("/etc/passwd"), b"x")], "อยู่นอกโครงสร้าง"),
        ([(_member("media/../../secret"), b"x")], "อยู่นอกโครงสร้าง"),
        ([(_member("media/plans/link.pdf", tarfile.SYMTYPE, "/etc/shadow"), b"")], "ไม่ใช่ไฟล์ปกติ"),
        ([(_member("media/plans/hard.pdf", tarfile.LNKTYPE, "database.sqlite3"), b"")], "ไม่ใช่ไฟล์ปกติ"),
        ([(_member("media/dev", tarfile.CHRTYPE), b"")], "ไม่ใช่ไฟล์ปกติ"),
        ([(_member("other.txt"), b"x")], "อยู่นอกโครงสร้าง"),
        ([(_member("database.sqlite3"), b"x"), (_member("database.sqlite3"), b"y")], "ซ้ำ"),
        ([(_member("media/big.pdf"), b"0" * 4096)], "เกินพื้นที่หรือขนาดที่กำหนด"),
        ([(_member("manifest.json"), b"[" * 100_000)], "ไม่ใช่ไฟล์สำรองของโปร่งใส"),
        ([(_member("database.sqlite3"), b"x")], "ไม่มีบัญชีรายการ"),
    ],
)
def test_hostile_members_are_refused_before_anything_is_written_outside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, members: list[tuple[tarfile.TarInfo, bytes]], expected: str
) -> None:
    monkeypatch.setenv("PRONGSAI_RESTORE_MAX_BYTES", "1024")
    archive = _hostile(tmp_path / "hostile.tar.gz", members)
    staging = tmp_path / "a" / "b" / "staging"
    staging.mkdir(parents=True)
    with pytest.raises(BackupError, match=expected):
        unpack(archive, staging)
    outside = [p for p in tmp_path.rglob("*") if p.is_file() and not p.is_relative_to(staging)]
    assert outside == [archive]
    assert not any(p.is_symlink() for p in tmp_path.rglob("*"))
