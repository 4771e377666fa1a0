"""Check evidence URLs the way an assessor would open them: follow redirects, note status and content type.

A government site is slow or down more often than not, so every request has a timeout and only a few run at a
time (`MAX_CONCURRENCY`); only the first bytes of a body are read, so a 50 MB PDF costs no more than a page.
Pure standard library, so the CLI and the web system share it without extra dependencies; what may be
opened at all (no internal addresses, every redirect vetted) is `link_address.py`.
"""

from __future__ import annotations

import datetime as dt
import http.client
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urljoin

from .link_address import LinkPolicy, LinkRefused, Target, prepare, resolve_target

DEFAULT_TIMEOUT = 10.0  # the CLI repeats these three in cli/oit.py, to keep its start-up light
DEFAULT_CONCURRENCY = 4
MAX_CONCURRENCY = 8
SNIFF_BYTES = 64 * 1024
USER_AGENT = "Prongsai-link-check/0.1 (+ITA evidence check)"
MAX_REDIRECTS = 5
REDIRECTS = frozenset({301, 302, 303, 307, 308})


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


def check_link(
    code: str, url: str, *, timeout: float = DEFAULT_TIMEOUT, policy: LinkPolicy | None = None
) -> LinkResult:
    """Open one URL with GET (many sites refuse HEAD) and read at most SNIFF_BYTES of it.

    Redirects are followed here, not by urllib, so every hop is vetted by `policy` (the web's default: public
    addresses on ports 80 and 443 only) and connected to the very address that was vetted. Every failure becomes a
    Thai sentence in `note`; no exception text reaches the officer."""
    policy = policy or LinkPolicy()
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    start = time.monotonic()

    def done(ok: bool, status: int | None, final: str | None, ctype: str | None, note: str) -> LinkResult:
        return LinkResult(code, url, ok, status, final, ctype, stamp, int((time.monotonic() - start) * 1000), note)

    current = url.strip()
    for hop in range(MAX_REDIRECTS + 1):
        try:
            target = resolve_target(prepare(current), policy)
            status, headers = _fetch(target, timeout)
        except LinkRefused as exc:
            note = exc.note if hop == 0 else f"เปลี่ยนเส้นทางไปยังลิงก์ที่ไม่เปิด: {exc.note}"
            return done(False, None, current if hop else None, None, note)
        except (OSError, http.client.HTTPException, ValueError) as exc:  # whatever the network does: a Thai sentence
            return done(False, None, current if hop else None, None, _failure_note(exc, timeout))
        location = headers.get("Location")
        if status in REDIRECTS and location:
            current = urljoin(current, _header_text(location).strip())
            continue
        ctype = headers.get_content_type() if headers.get("Content-Type") else None
        ok = 200 <= status < 300
        return done(ok, status, current, ctype, _note(ok, status, ctype, hop > 0))
    return done(False, None, current, None, f"เว็บไซต์เปลี่ยนเส้นทางเกิน {MAX_REDIRECTS} ครั้ง จึงหยุดตรวจ")


def _fetch(target: Target, timeout: float) -> tuple[int, http.client.HTTPMessage]:
    """GET one vetted target over a connection to one of its vetted addresses; (status, headers)."""
    last: Exception | None = None
    for address in target.addresses:
        connection = _connection(target, address, timeout)
        try:
            connection.request(
                "GET",
                target.path,
                headers={
                    "Host": target.host_header,
                    "User-Agent": USER_AGENT,
                    "Accept": "*/*",
                    "Accept-Encoding": "identity",
                },
            )
            response = connection.getresponse()
            response.read(SNIFF_BYTES)
            return response.status, response.headers
        except (ConnectionRefusedError, ConnectionResetError, TimeoutError) as exc:
            last = exc  # try the host's next vetted address, as a browser would
        finally:
            connection.close()
    raise last if last else LinkRefused("ไม่พบชื่อโดเมนของเว็บไซต์นี้ในระบบชื่อโดเมน (DNS)")


def _connection(target: Target, address: str, timeout: float) -> http.client.HTTPConnection:
    """A connection whose Host header and TLS name (SNI, certificate check) are the host name, but whose socket
    goes to `address`, the one that was vetted: no second DNS lookup happens."""
    if target.scheme == "https":
        return _PinnedHTTPSConnection(target.host, target.port, address, timeout)
    return _PinnedHTTPConnection(target.host, target.port, address, timeout)


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """HTTP to a vetted address, with the host name in the Host header."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.vetted_address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.vetted_address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to a vetted address; the certificate is checked against the host name, which is also the SNI."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        self.tls = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self.tls)
        self.vetted_address = address

    def connect(self) -> None:
        raw = socket.create_connection((self.vetted_address, self.port), self.timeout)
        self.sock = self.tls.wrap_socket(raw, server_hostname=self.host)


def _header_text(value: str) -> str:
    """http.client reads headers as Latin-1; a Location sent as raw UTF-8 (Thai sites do) is read back as UTF-8."""
    try:
        return value.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return value


def _failure_note(exc: Exception, timeout: float) -> str:
    """The formal Thai sentence for a network failure; the exception's own text is never shown."""
    if isinstance(exc, TimeoutError):
        return f"หมดเวลารอ ({timeout:g} วินาที) เว็บไซต์ไม่ตอบภายในเวลาที่กำหนด"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return "ใบรับรองความปลอดภัย (TLS) ของเว็บไซต์ไม่ถูกต้องหรือไม่ตรงกับชื่อเว็บไซต์"
    if isinstance(exc, ssl.SSLError):
        return "เชื่อมต่อแบบปลอดภัย (TLS) กับเว็บไซต์ไม่สำเร็จ"
    if isinstance(exc, ConnectionRefusedError):
        return "เว็บไซต์ไม่รับการเชื่อมต่อ"
    if isinstance(exc, ConnectionResetError | BrokenPipeError | http.client.RemoteDisconnected):
        return "เว็บไซต์ตัดการเชื่อมต่อก่อนตอบกลับ"
    if isinstance(exc, socket.gaierror):
        return "ไม่พบชื่อโดเมนของเว็บไซต์นี้ในระบบชื่อโดเมน (DNS)"
    if isinstance(exc, http.client.HTTPException):
        return "เว็บไซต์ตอบกลับในรูปแบบที่ไม่ถูกต้อง"
    if isinstance(exc, OSError):
        return "เชื่อมต่อเครือข่ายไปยังเว็บไซต์ไม่สำเร็จ"
    return "เปิดลิงก์ไม่สำเร็จด้วยเหตุที่ไม่ทราบแน่ชัด"


def check_links(
    links: Iterable[tuple[str, str]],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    concurrency: int = DEFAULT_CONCURRENCY,
    progress: Callable[[LinkResult], None] | None = None,
    policy: LinkPolicy | None = None,
) -> list[LinkResult]:
    """Check (code, url) pairs with at most `concurrency` requests at a time; results in the input order."""
    workers = max(1, min(concurrency, MAX_CONCURRENCY))
    lock = threading.Lock()

    def one(pair: tuple[str, str]) -> LinkResult:
        result = check_link(pair[0], pair[1], timeout=timeout, policy=policy)
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
    policy: LinkPolicy | None = None,
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
        check_links(pairs, timeout=timeout, concurrency=concurrency, progress=keep, policy=policy)

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
