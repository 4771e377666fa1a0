"""`prongsai oit check` against a local HTTP server: ok, 404, redirect, slow, non-HTML, refused, and the cap."""

from __future__ import annotations

import contextlib
import csv
import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from prongsai.evidence.links import check_links

from .conftest import run_cli


class _State:
    active = 0
    peak = 0
    lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output quiet
        return

    def do_GET(self) -> None:
        self._answer()

    def _answer(self) -> None:
        if self.path == "/ok":
            self._send(200, "text/html; charset=utf-8", "<html><body>ข้อมูลพื้นฐาน</body></html>".encode())
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/ok")
            self.end_headers()
        elif self.path == "/slow":
            time.sleep(1.5)
            self._send(200, "text/html", b"late")
        elif self.path == "/plan.pdf":
            self._send(200, "application/pdf", b"%PDF-1.7\n" + b"0" * 200_000)
        elif self.path.startswith("/busy"):
            # Counted from the request's arrival until just before the answer is sent: the client can only
            # start its next request after that, so the peak is what the checker really had in flight.
            with _State.lock:
                _State.active += 1
                _State.peak = max(_State.peak, _State.active)
            time.sleep(0.2)
            with _State.lock:
                _State.active -= 1
            self._send(200, "text/html", b"ok")
        else:
            self._send(404, "text/html", b"not found")

    def _send(self, status: int, ctype: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_each_kind_of_answer_is_recorded(server, tmp_path):
    links = tmp_path / "links.csv"
    refused = f"http://127.0.0.1:{closed_port()}/x"
    links.write_text(
        "code,url\n"
        f"O1,{server}/ok\nO2,{server}/missing\nO3,{server}/moved\nO4,{server}/slow\nO5,{server}/plan.pdf\n"
        f"O6,{refused}\nO7,ftp://example.org/file\n",
        encoding="utf-8-sig",
    )
    out = tmp_path / "checked.json"
    result = run_cli("oit", "check", links, "--year", "2566", "--timeout", "0.5", "-o", out)
    assert result.exit_code == 0, result.output + result.stderr
    rows = {r["code"]: r for r in json.loads(out.read_text(encoding="utf-8"))}
    assert rows["O1"]["ok"] and rows["O1"]["status"] == 200 and rows["O1"]["content_type"] == "text/html"
    assert not rows["O2"]["ok"] and rows["O2"]["status"] == 404 and "404" in rows["O2"]["note"]
    assert rows["O3"]["ok"] and rows["O3"]["final_url"] == f"{server}/ok" and "เปลี่ยนเส้นทาง" in rows["O3"]["note"]
    assert not rows["O4"]["ok"] and rows["O4"]["status"] is None and "หมดเวลา" in rows["O4"]["note"]
    assert rows["O5"]["ok"] and rows["O5"]["content_type"] == "application/pdf"
    assert not rows["O6"]["ok"] and "ไม่รับการเชื่อมต่อ" in rows["O6"]["note"]
    assert not rows["O7"]["ok"] and "http" in rows["O7"]["note"]
    assert all(r["checked_at"].startswith("20") for r in rows.values())
    assert "ใช้ได้ 3 ใช้ไม่ได้ 4" in result.stdout


def test_no_more_than_the_allowed_requests_at_a_time(server):
    _State.peak = 0
    results = check_links([(f"O{i}", f"{server}/busy{i}") for i in range(12)], concurrency=3, timeout=5)
    assert all(r.ok for r in results)
    assert [r.code for r in results] == [f"O{i}" for i in range(12)]  # input order kept
    assert 1 < _State.peak <= 3, _State.peak


def test_csv_output_and_several_links_in_one_cell(server, tmp_path):
    links = tmp_path / "links.csv"
    links.write_text(f"ข้อ,ลิงก์\nO๑,\"{server}/ok {server}/missing\"\n", encoding="utf-8")
    out = tmp_path / "checked.csv"
    assert run_cli("oit", "check", links, "-o", out).exit_code == 0
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["code"], r["status"]) for r in rows] == [("O1", "200"), ("O1", "404")]


@pytest.mark.parametrize(
    ("content", "args", "expected"),
    [
        ("code,url\nO99,http://x\n", ("--year", "2566"), "แถว 2"),
        ("code,note\nO1,x\n", (), "ไม่พบคอลัมน์ลิงก์"),
        ("code,url\nO1,http://x\n", ("--concurrency", "50"), "1 ถึง 8"),
        ("code,url\nO1,\n", (), "ไม่มีลิงก์ให้ตรวจ"),
    ],
)
def test_bad_link_lists_are_explained(tmp_path, content, args, expected):
    links = tmp_path / "links.csv"
    links.write_text(content, encoding="utf-8")
    result = run_cli("oit", "check", links, *args)
    assert result.exit_code == 2 and expected in result.stderr
