"""`prongsai serve`: the production server set-up (gunicorn worker processes) answers on loopback, and bodies
larger than any form or upload are refused before Django reads them, whatever the server."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from prongsai.web.wsgi import BODY_LIMIT


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
        except OSError:
            continue
    return found


@pytest.mark.skipif(os.name != "posix" or not Path("/proc").is_dir(), reason="gunicorn and /proc: Linux only")
@pytest.mark.parametrize(("server", "children"), [("gunicorn", 2), ("waitress", 0)])
def test_serve_answers_and_refuses_large_bodies(tmp_path: Path, server: str, children: int) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {
        **os.environ,
        "PRONGSAI_DATA_DIR": str(tmp_path),
        "PRONGSAI_SECRET_KEY": "serve-test-secret-key-0123456789",
        "PRONGSAI_HTTPS": "0",
        "PRONGSAI_DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "prongsai.web.settings",
    }
    command = [
        str(Path(sys.executable).with_name("prongsai")),
        "serve",
        "--port",
        str(port),
        "--server",
        server,
        "--workers",
        "2",
    ]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 90
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=5) as response:
                    assert response.status == 200
                    assert "เข้าสู่ระบบ" in response.read().decode()
                break
            except (urllib.error.URLError, ConnectionError):
                assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
                assert time.time() < deadline, "the server did not start"
                time.sleep(0.3)
        assert len(_children(process.pid)) == children  # gunicorn's arbiter has two workers; waitress none
        # Only the headers of a large body: the answer comes before any of the body is read.
        with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
            sock.sendall(
                f"POST /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                f"Content-Length: {BODY_LIMIT + 1}\r\n\r\n".encode()
            )
            assert sock.recv(64).startswith(b"HTTP/1.1 413")
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert process.returncode in (0, -signal.SIGTERM)  # gunicorn stops its workers and exits; waitress just ends
