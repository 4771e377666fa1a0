"""A local HTTP server for link-checker tests: ok, 404, redirects (anywhere, loops, raw UTF-8), slow, PDF, Thai
paths and queries, the Host header last received, a counter of requests in flight, and a witness port that
records whether anything connected to it at all."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

THAI_PATH = "/เอกสาร/แผนปฏิบัติการ_ปี2566.pdf"  # as a browser shows it; lists split on spaces
THAI_QUERY = "หมวด=ข้อมูลพื้นฐาน&ปี=๒๕๖๖"


class BusyCount:
    """Requests to /busy in flight now, and the most at once."""

    active = 0
    peak = 0
    lock = threading.Lock()


class Seen:
    """What the server last received: the Host header and the raw (encoded) request target."""

    host: str | None = None
    target: str | None = None


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output quiet
        return

    def do_GET(self) -> None:
        self._answer()

    def _answer(self) -> None:
        Seen.host, Seen.target = self.headers.get("Host"), self.path
        parts = urlsplit(self.path)
        if not self.path.isascii():
            self._send(400, "text/plain", b"request target not encoded")
        elif unquote(parts.path) == THAI_PATH and unquote(parts.query) == THAI_QUERY:
            self._send(200, "application/pdf", b"%PDF-1.7\n")
        elif unquote(parts.path) == THAI_PATH.rsplit("/", 1)[0] + "/":
            self._send(200, "text/html; charset=utf-8", "<html><body>เอกสาร</body></html>".encode())
        elif parts.path == "/redirect":
            self._redirect(parse_qs(parts.query)["to"][0])
        elif self.path == "/loop":
            self._redirect("/loop")
        elif self.path == "/thai-location":  # a raw UTF-8 Location, as some Thai sites send
            self._redirect(THAI_PATH.rsplit("/", 1)[0].encode().decode("latin-1") + "/")
        elif self.path == "/ok":
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
            with BusyCount.lock:
                BusyCount.active += 1
                BusyCount.peak = max(BusyCount.peak, BusyCount.active)
            time.sleep(0.2)
            with BusyCount.lock:
                BusyCount.active -= 1
            self._send(200, "text/html", b"ok")
        else:
            self._send(404, "text/html", b"not found")

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: int, ctype: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def witness() -> Iterator[tuple[int, list[bool]]]:
    """A listening port on 127.0.0.1 that accepts nothing but notes any connection: (port, [True] once touched)."""
    touched: list[bool] = []
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.1)
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            touched.append(True)
            conn.close()

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    yield listener.getsockname()[1], touched
    stop.set()
    thread.join()
    listener.close()


@contextlib.contextmanager
def serve() -> Iterator[str]:
    """The server on a free local port for the length of the block; yields its base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The server's base URL, one server for each test module that asks for it (registered as a pytest plugin in
    tests/conftest.py; a module may define its own `server` instead, as tests/integration/test_oitboard_links.py
    does)."""
    with serve() as url:
        yield url


def port_of(url: str) -> int:
    """The port of a base URL such as http://127.0.0.1:43121."""
    return int(url.rsplit(":", 1)[1])
