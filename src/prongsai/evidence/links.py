"""Check evidence URLs the way an assessor would open them: follow redirects, note status and content type.

A government site is slow or down more often than not, so every request has a timeout and only a few run at a
time (`MAX_CONCURRENCY`); only the first bytes of a body are read, so a 50 MB PDF costs no more than a page.
Pure standard library, so the CLI and the web system share it without extra dependencies.
"""

from __future__ import annotations

import datetime as dt
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

DEFAULT_TIMEOUT = 10.0  # the CLI repeats these three in cli/oit.py, to keep its start-up light
DEFAULT_CONCURRENCY = 4
MAX_CONCURRENCY = 8
SNIFF_BYTES = 64 * 1024
USER_AGENT = "Prongsai-link-check/0.1 (+ITA evidence check)"


@dataclass(frozen=True)
class LinkResult:
    """What opening one evidence link gave: `ok` is true for a 2xx answer after redirects."""

    code: str
    url: str
    ok: bool
    status: int | None
    final_url: str | None
    content_type: str | None
    checked_at: str
    elapsed_ms: int
    note: str

    @property
    def redirected(self) -> bool:
        return bool(self.final_url) and self.final_url != self.url


def _note(ok: bool, status: int | None, content_type: str | None, redirected: bool) -> str:
    if ok:
        kind = "หน้าเว็บ" if content_type and "html" in content_type else f"ไฟล์ {content_type or 'ไม่ทราบชนิด'}"
        return f"เปิดได้ ({kind})" + (" หลังเปลี่ยนเส้นทาง" if redirected else "")
    if status == 404:
        return "ไม่พบหน้า (404)"
    if status in (401, 403):
        return f"ถูกปฏิเสธการเข้าถึง ({status})"
    if status is not None and status >= 500:
        return f"เว็บไซต์ขัดข้อง ({status})"
    return f"เปิดไม่สำเร็จ ({status})"


def check_link(code: str, url: str, *, timeout: float = DEFAULT_TIMEOUT) -> LinkResult:
    """Open one URL with GET (many sites refuse HEAD) and read at most SNIFF_BYTES of it."""
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    start = time.monotonic()

    def done(ok: bool, status: int | None, final: str | None, ctype: str | None, note: str) -> LinkResult:
        return LinkResult(code, url, ok, status, final, ctype, stamp, int((time.monotonic() - start) * 1000), note)

    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        return done(False, None, None, None, "ไม่ใช่ลิงก์ http หรือ https")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read(SNIFF_BYTES)
            status, final = response.status, response.geturl()
            ctype = response.headers.get_content_type() if response.headers.get("Content-Type") else None
    except urllib.error.HTTPError as exc:
        ctype = exc.headers.get_content_type() if exc.headers and exc.headers.get("Content-Type") else None
        return done(False, exc.code, exc.geturl(), ctype, _note(False, exc.code, ctype, False))
    except TimeoutError:
        return done(False, None, None, None, f"หมดเวลารอ ({timeout:g} วินาที)")
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            return done(False, None, None, None, f"หมดเวลารอ ({timeout:g} วินาที)")
        if isinstance(reason, ssl.SSLError):
            return done(False, None, None, None, f"ใบรับรองความปลอดภัยของเว็บไซต์ไม่ถูกต้อง ({reason.reason})")
        if isinstance(reason, ConnectionRefusedError):
            return done(False, None, None, None, "เว็บไซต์ไม่รับการเชื่อมต่อ")
        if isinstance(reason, socket.gaierror):
            return done(False, None, None, None, "ไม่พบชื่อโดเมน")
        return done(False, None, None, None, f"เปิดไม่สำเร็จ: {reason}")
    except (OSError, ValueError) as exc:
        return done(False, None, None, None, f"เปิดไม่สำเร็จ: {exc}")
    ok = 200 <= status < 300
    return done(ok, status, final, ctype, _note(ok, status, ctype, final != url))


def check_links(
    links: Iterable[tuple[str, str]],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    concurrency: int = DEFAULT_CONCURRENCY,
    progress: Callable[[LinkResult], None] | None = None,
) -> list[LinkResult]:
    """Check (code, url) pairs with at most `concurrency` requests at a time; results in the input order."""
    workers = max(1, min(concurrency, MAX_CONCURRENCY))
    lock = threading.Lock()

    def one(pair: tuple[str, str]) -> LinkResult:
        result = check_link(pair[0], pair[1], timeout=timeout)
        if progress is not None:
            with lock:
                progress(result)
        return result

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(one, list(links)))


def check_links_within(
    links: Iterable[tuple[str, str]],
    *,
    budget: float,
    timeout: float = DEFAULT_TIMEOUT,
    concurrency: int = DEFAULT_CONCURRENCY,
) -> tuple[list[LinkResult], list[tuple[str, str]]]:
    """`check_links` with a hard bound on the whole run: (results finished within `budget` seconds, pairs not
    reached in time), for a caller that must answer soon (a web request). The per-request timeout does not bound
    a server that trickles bytes, nor a long list; this does. Checks still running at the deadline finish in a
    daemon thread (at most `concurrency` of them, each within its own timeout) and are discarded."""
    pairs = list(links)
    finished: list[LinkResult] = []
    lock = threading.Lock()

    def keep(result: LinkResult) -> None:
        with lock:
            finished.append(result)

    def run() -> None:
        check_links(pairs, timeout=timeout, concurrency=concurrency, progress=keep)

    worker = threading.Thread(target=run, name="prongsai-link-check", daemon=True)
    worker.start()
    worker.join(max(0.0, budget))
    with lock:
        results = list(finished)
    done = {(r.code, r.url) for r in results}
    late = [pair for pair in pairs if pair not in done]
    order = {pair: n for n, pair in enumerate(pairs)}
    results.sort(key=lambda r: order.get((r.code, r.url), 0))
    return results, late
