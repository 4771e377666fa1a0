"""A local HTTP server for link-checker tests: ok, 404, redirect, slow, PDF, and a counter of requests in flight."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class BusyCount:
    """Requests to /busy in flight now, and the most at once."""

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
            with BusyCount.lock:
                BusyCount.active += 1
                BusyCount.peak = max(BusyCount.peak, BusyCount.active)
            time.sleep(0.2)
            with BusyCount.lock:
                BusyCount.active -= 1
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


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serve() -> Iterator[str]:
    """The server on a free local port for the length of the block; yields its base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
