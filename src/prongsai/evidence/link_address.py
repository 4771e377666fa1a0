"""Where an evidence link may lead: Thai addresses made sendable, and internal addresses refused before connecting.

The link checker runs on the agency's server, so a link (or a redirect) to 127.0.0.1, the cloud metadata address
or an intranet host would make that server fetch it for whoever typed it (server-side request forgery). Every hop
goes through `resolve_target`: the host is parsed the way the C library would (so `2130706433`, `0x7f.1`,
`0177.0.0.1` and `127.1` are all 127.0.0.1), resolved once, every address is checked, and the caller connects to
exactly the addresses returned, so a second DNS answer (rebinding) is never used.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

DEFAULT_PORTS = frozenset({80, 443})
METADATA = frozenset({ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")})
NAT64 = ipaddress.ip_network("64:ff9b::/96")
# What may stay as it is in a path or a query; everything else (Thai letters, spaces) is UTF-8 percent-encoded.
# `%` is kept so an address that is already encoded is not encoded twice.
PATH_SAFE = "/%:@!$&'()*+,;=-._~"
QUERY_SAFE = PATH_SAFE + "?"
_NUMERIC_PART = re.compile(r"(0[xX][0-9a-fA-F]*|0[0-7]*|[1-9][0-9]*)")


class LinkRefused(Exception):
    """The link is not opened; `note` is the formal Thai sentence shown to the officer."""

    def __init__(self, note: str) -> None:
        super().__init__(note)
        self.note = note


@dataclass(frozen=True)
class LinkPolicy:
    """What the checker may connect to.

    `allow_private` is for a person running `prongsai oit check` on their own machine: any address and any port
    (the metadata addresses stay refused). `allow_hosts` are intranet host names an administrator trusts
    (`PRONGSAI_LINKCHECK_ALLOW_HOSTS`); an entry `host:port` also allows that port for that host. `ports` are the
    ports allowed for everything else. `resolve` is replaceable so tests never need a real DNS server.
    """

    allow_private: bool = False
    allow_hosts: frozenset[str] = frozenset()
    ports: frozenset[int] = DEFAULT_PORTS
    resolve: Resolver | None = field(default=None, compare=False)

    @classmethod
    def from_settings(cls, hosts: Iterable[str] = (), ports: Iterable[int] = ()) -> LinkPolicy:
        """The web system's policy: never private addresses, except the named hosts."""
        named = set()
        for entry in hosts:
            try:
                named.add(normal_host_entry(entry))
            except LinkRefused:
                continue  # a name that cannot be a host name can match no link
        return cls(allow_private=False, allow_hosts=frozenset(named), ports=DEFAULT_PORTS | frozenset(ports))


@dataclass(frozen=True)
class Target:
    """One hop ready to send: ASCII host (IDNA), port, the percent-encoded path and query, and where to connect."""

    scheme: str
    host: str
    port: int
    path: str
    addresses: tuple[str, ...] = ()

    @property
    def host_header(self) -> str:
        shown = f"[{self.host}]" if ":" in self.host else self.host
        default = 443 if self.scheme == "https" else 80
        return shown if self.port == default else f"{shown}:{self.port}"


def split_list(text: str) -> list[str]:
    """A setting's list: comma- or space-separated."""
    return [part for part in re.split(r"[\s,]+", text or "") if part]


def normal_host_entry(entry: str) -> str:
    """An allow-list entry as it is compared: lower case, IDNA, no trailing dot; `host:port` kept with its port."""
    entry = entry.strip().lower()
    host, _, port = entry.rpartition(":") if entry.count(":") == 1 else (entry.strip("[]"), "", "")
    host = ascii_host(host)
    literal = numeric_host(host)
    host = str(literal) if literal is not None else host
    return f"{host}:{port}" if port else host


def ascii_host(host: str) -> str:
    """The host name as DNS and the Host header carry it: `ตัวอย่าง.ไทย` -> `xn--72c1a1bt4awk9o.xn--o3cw4h`."""
    host = host.strip().rstrip(".").lower()
    if not host:
        raise LinkRefused("ลิงก์นี้ไม่มีชื่อเว็บไซต์")
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        raise LinkRefused("ชื่อเว็บไซต์ในลิงก์นี้ไม่ใช่ชื่อโดเมนที่ถูกต้อง") from None


def numeric_host(host: str) -> IPAddress | None:
    """The address a numeric host stands for, read as inet_aton reads it (decimal, hex, octal, short forms), or
    None for a name. `[::ffff:127.0.0.1]` comes without brackets from urlsplit."""
    if ":" in host:
        try:
            return ipaddress.IPv6Address(host.split("%", 1)[0])
        except ValueError:
            raise LinkRefused("ที่อยู่ IPv6 ในลิงก์นี้ไม่ถูกต้อง") from None
    parts = host.split(".")
    if not 1 <= len(parts) <= 4 or not all(_NUMERIC_PART.fullmatch(p) for p in parts):
        return None
    values = [
        int(p, 16)
        if p[:2].lower() == "0x" and len(p) > 2
        else int(p, 8)
        if p.startswith("0") and len(p) > 1
        else 0
        if p.lower() == "0x"
        else int(p)
        for p in parts
    ]
    *head, last = values
    if any(v > 255 for v in head) or last >= 256 ** (5 - len(values)):
        raise LinkRefused("ที่อยู่ IP ในลิงก์นี้ไม่ถูกต้อง")
    number = 0
    for v in head:
        number = number * 256 + v
    number = number * 256 ** (5 - len(values)) + last
    return ipaddress.IPv4Address(number)


def blocked_reason(ip: IPAddress) -> str | None:
    """Why the checker must not connect to `ip` (Thai), or None for an ordinary public address."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and ip in NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return blocked_reason(embedded)
    if ip in METADATA:
        return "ที่อยู่สำหรับข้อมูลภายในของเครื่องบริการคลาวด์"
    if ip.is_loopback:
        return "ที่อยู่ของเครื่องแม่ข่ายเอง"
    if ip.is_unspecified:
        return "ที่อยู่ที่ไม่ระบุปลายทาง"
    if ip.is_link_local:
        return "ที่อยู่เฉพาะเครือข่ายย่อย"
    if ip.is_multicast:
        return "ที่อยู่สำหรับส่งกลุ่ม"
    if ip.is_reserved:
        return "ที่อยู่ที่สงวนไว้ ไม่ใช่เว็บไซต์สาธารณะ"
    if ip.is_private:
        return "ที่อยู่ภายในเครือข่ายขององค์กร"
    if not ip.is_global:
        return "ที่อยู่ที่สงวนไว้ ไม่ใช่เว็บไซต์สาธารณะ"
    return None


def system_resolve(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for `host` (IPv4 and IPv6), in its order."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def prepare(url: str) -> Target:
    """Split and encode one URL for sending, without resolving it: only http and https; Thai paths and queries
    percent-encoded in UTF-8; Thai host names IDNA-encoded. Refusals carry a Thai sentence."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise LinkRefused("ลิงก์นี้มีรูปแบบที่อ่านไม่ได้ (ชื่อเว็บไซต์หรือหมายเลขพอร์ตไม่ถูกต้อง)") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise LinkRefused("ไม่ใช่ลิงก์ http หรือ https จึงไม่เปิดลิงก์นี้")
    host = ascii_host(parts.hostname or "")
    path = quote(parts.path or "/", safe=PATH_SAFE)
    if parts.query:
        path += "?" + quote(parts.query, safe=QUERY_SAFE)
    return Target(scheme, host, port or (443 if scheme == "https" else 80), path)


def resolve_target(target: Target, policy: LinkPolicy) -> Target:
    """The target with the vetted addresses to connect to, or LinkRefused (port, name not found, blocked address).

    A host that resolves to several addresses is refused if any of them is blocked: otherwise a name answering
    with one public and one internal address could still reach the inside."""
    literal = numeric_host(target.host)
    name = str(literal) if literal is not None else target.host  # 2130706433 is named as 127.0.0.1
    port_named = f"{name}:{target.port}" in policy.allow_hosts
    allowed_host = port_named or name in policy.allow_hosts
    if not (policy.allow_private or port_named or target.port in policy.ports):
        raise LinkRefused(f"ไม่เปิดลิงก์ที่ใช้พอร์ต {target.port} เพราะตรวจได้เฉพาะพอร์ตมาตรฐานของเว็บไซต์ (80 และ 443)")
    if literal is not None:
        addresses = [literal]
    else:
        try:
            found = (policy.resolve or system_resolve)(target.host, target.port)
        except (OSError, UnicodeError):
            found = []
        if not found:
            raise LinkRefused("ไม่พบชื่อโดเมนของเว็บไซต์นี้ในระบบชื่อโดเมน (DNS)")
        addresses = [ipaddress.ip_address(a.split("%", 1)[0]) for a in found]
    for ip in addresses:
        reason = blocked_reason(ip)
        if reason is None:
            continue
        if ip in METADATA or not (policy.allow_private or allowed_host):
            raise LinkRefused(f"ไม่เปิดลิงก์นี้ เพราะเว็บไซต์ชี้ไปยัง{reason} ({ip}) ซึ่งระบบไม่อนุญาตให้ตรวจ")
    return Target(target.scheme, target.host, target.port, target.path, tuple(str(ip) for ip in addresses))
