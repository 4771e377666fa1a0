"""What the web system writes is private to its user (database, WAL, evidence files and folders, the secret key),
and a server that is not in debug mode does not start with the published demo password unless told to."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from prongsai.cli import web as cli_web
from prongsai.cli.app import app


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name != "posix", reason="file modes: POSIX only")
def test_the_database_its_wal_files_and_the_secret_key_are_for_the_owner_only(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k not in ("PRONGSAI_SECRET_KEY", "DATABASE_URL")}
    env |= {"PRONGSAI_DATA_DIR": str(data), "DJANGO_SETTINGS_MODULE": "prongsai.web.settings", "PRONGSAI_DEBUG": "0"}
    command = [str(Path(sys.executable).with_name("prongsai")), "web", "manage", "migrate", "--verbosity", "0"]
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=300, preexec_fn=lambda: os.umask(0o022)
    )  # a usual login umask: 0644 files unless we act
    assert done.returncode == 0, done.stderr
    created = sorted(p.name for p in data.iterdir())
    assert "prongsai.sqlite3" in created and "secret_key" in created
    assert _mode(data) == 0o700
    for name in created:
        assert _mode(data / name) == 0o600, name  # the database, its -wal/-shm files and the key
    assert len((data / "secret_key").read_text(encoding="utf-8").strip()) >= 50


class Started(Exception):
    """Raised in place of starting Django: the command got past its checks."""


def test_serve_demo_without_debug_refuses_the_published_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PRONGSAI_DATA_DIR", str(tmp_path / "data"))

    def started(debug: bool = False) -> None:
        raise Started(debug)

    monkeypatch.setattr(cli_web, "_django", started)
    refused = CliRunner().invoke(app, ["serve", "--demo"])
    assert refused.exit_code == 2
    assert "รหัสผ่านที่เผยแพร่" in refused.output and "--allow-demo-password" in refused.output
    assert "Traceback" not in refused.output and not (tmp_path / "data").exists()
    for args in (["serve", "--demo", "--debug"], ["serve", "--demo", "--allow-demo-password"], ["serve"]):
        result = CliRunner().invoke(app, args)
        assert isinstance(result.exception, Started), args  # past the check: Django would start now
