"""The link checker refuses internal addresses: every numeric form of loopback, private and metadata addresses, at
every redirect, other schemes without any connection, and DNS answers are vetted once and then connected to.

Nothing here leaves the machine: refused addresses are refused before any connection, and every connection that
is made goes to 127.0.0.1 (the local test server or a witness port that notes whether it was touched)."""

from __future__ import annotations

import ipaddress
from dataclasses import replace

import pytest

from prongsai.evidence.link_address import LinkPolicy, LinkRefused, blocked_reason, prepare, resolve_target
from prongsai.evidence.links import check_link
from tests.support.link_server import Seen, port_of, witness

LOOPBACK_FORMS = [
    "127.0.0.1",
    "2130706433",
    "0x7f.1",
    "0177.0.0.1",
    "127.1",
    "0x7f000001",
    "127.0.0.1.",
    "[::ffff:127.0.0.1]",
    "[::1]",
    "[::ffff:7f00:1]",
    "localhost",
    "[2002:7f00:1::1]",
]


@pytest.mark.parametrize("host", LOOPBACK_FORMS)
def test_every_form_of_loopback_is_refused_without_connecting(host):
    with witness() as (port, touched):
        policy = LinkPolicy(ports=frozenset({port}))  # the port is allowed, so only the address can refuse it
        result = check_link("O1", f"http://{host}:{port}/x", timeout=1, policy=policy)
        assert not result.ok and result.status is None
        assert "ไม่เปิดลิงก์นี้" in result.note and "ระบบไม่อนุญาต" in result.note, result.note
        assert touched == []
        if host.startswith("["):
            return  # IPv6 forms are not connected to even when allowed: only 127.0.0.0/8 is ever a target here
        # the witness does answer when the checker is allowed: the refusal above is the policy, not the port
        allowed = check_link("O1", f"http://{host}:{port}/x", timeout=1, policy=LinkPolicy(allow_private=True))
        assert not allowed.ok and touched, allowed.note


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("10.1.2.3", "ภายในเครือข่าย"),
        ("172.16.0.9", "ภายในเครือข่าย"),
        ("192.168.1.1", "ภายในเครือข่าย"),
        ("169.254.169.254", "คลาวด์"),
        ("fd00:ec2::254", "คลาวด์"),
        ("169.254.10.1", "เครือข่ายย่อย"),
        ("fe80::1", "เครือข่ายย่อย"),
        ("224.0.0.1", "ส่งกลุ่ม"),
        ("ff02::1", "ส่งกลุ่ม"),
        ("0.0.0.0", "ไม่ระบุ"),
        ("::", "ไม่ระบุ"),
        ("240.0.0.1", "สงวน"),
        ("100.64.0.1", "สงวน"),
        ("::ffff:10.0.0.1", "ภายในเครือข่าย"),
        ("64:ff9b::a9fe:a9fe", "คลาวด์"),
        ("fc00::1", "ภายในเครือข่าย"),
    ],
)
def test_internal_address_kinds(address, reason):
    got = blocked_reason(ipaddress.ip_address(address))
    assert got is not None and reason in got


def test_a_public_address_passes_the_vetting():
    target = resolve_target(prepare("https://www.nacc.go.th/ita"), LinkPolicy(resolve=lambda h, p: ["8.8.8.8"]))
    assert target.addresses == ("8.8.8.8",) and target.port == 443 and target.host == "www.nacc.go.th"
    assert blocked_reason(ipaddress.ip_address("2001:4860:4860::8888")) is None


def test_metadata_address_stays_refused_even_for_a_person_on_their_own_machine():
    for url in ("http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/", "http://2852039166/"):
        with pytest.raises(LinkRefused, match="คลาวด์"):
            resolve_target(prepare(url), LinkPolicy(allow_private=True))


def test_a_name_that_resolves_to_an_internal_address_is_refused():
    asked: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        asked.append(host)
        return {"inside.example": ["10.0.0.5"], "mixed.example": ["8.8.8.8", "192.168.0.1"]}[host]

    policy = LinkPolicy(resolve=resolver)
    assert "ภายในเครือข่าย" in check_link("O1", "http://inside.example/", policy=policy).note
    assert "192.168.0.1" in check_link("O1", "http://mixed.example/", policy=policy).note  # one bad answer is enough
    assert asked == ["inside.example", "mixed.example"]


def test_only_the_usual_ports_unless_configured():
    asked: list[str] = []
    policy = LinkPolicy(resolve=lambda h, p: asked.append(h) or ["8.8.8.8"])
    note = check_link("O1", "http://www.example.go.th:8080/", policy=policy).note
    assert "พอร์ต 8080" in note and asked == []  # refused before the name is even resolved
    with pytest.raises(LinkRefused):
        resolve_target(prepare("http://www.example.go.th:22/"), LinkPolicy.from_settings(ports=[8080]))
    assert (
        resolve_target(
            prepare("http://www.example.go.th:8080/"),
            replace(LinkPolicy.from_settings(ports=[8080]), resolve=policy.resolve),
        ).port
        == 8080
    )


def test_the_connection_goes_to_the_vetted_address_with_the_host_name_kept(server):
    """An allowed intranet name is resolved once (by the stub; the system has never heard of it) and the socket
    goes to that address: a second lookup that could answer differently (DNS rebinding) never happens."""
    answers = iter([["127.0.0.1"], ["8.8.8.8"]])
    asked: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        asked.append(host)
        return next(answers)

    policy = replace(LinkPolicy.from_settings([f"intranet.example.go.th:{port_of(server)}"]), resolve=resolver)
    result = check_link("O1", f"http://intranet.example.go.th:{port_of(server)}/ok", policy=policy)
    assert result.ok and result.status == 200, result.note
    assert asked == ["intranet.example.go.th"]
    assert Seen.host == f"intranet.example.go.th:{port_of(server)}"


def test_a_redirect_to_loopback_is_refused_at_its_hop(server):
    port = port_of(server)
    policy = LinkPolicy.from_settings([f"127.0.0.1:{port}"])  # the server itself is allowed, its neighbours not
    assert check_link("O1", f"{server}/redirect?to=/ok", policy=policy).ok  # a redirect within the allowed host
    for to in (
        f"http://2130706433:{port + 1}/ok",
        f"http://localhost:{port}/ok",
        f"http://127.0.0.2:{port}/ok",
        f"http://[::ffff:127.0.0.1]:{port}/ok",
        "http://169.254.169.254/latest/meta-data/",
        "http://0x7f.1/ok",
    ):
        result = check_link("O1", f"{server}/redirect?to={to}", policy=policy)
        assert not result.ok and result.status is None and result.final_url == to
        assert result.note.startswith("เปลี่ยนเส้นทางไปยังลิงก์ที่ไม่เปิด"), result.note
        assert Seen.target.startswith("/redirect")  # the server saw the first hop only


@pytest.mark.parametrize("scheme", ["ftp", "gopher", "file", "dict"])
def test_a_redirect_to_another_scheme_is_refused_without_any_connection(server, scheme):
    with witness() as (port, touched):
        policy = LinkPolicy(allow_private=True)  # even with everything local allowed
        result = check_link("O1", f"{server}/redirect?to={scheme}://127.0.0.1:{port}/file", policy=policy)
        assert not result.ok and "ไม่ใช่ลิงก์ http หรือ https" in result.note
        assert touched == []


def test_too_many_redirects(server):
    result = check_link("O1", f"{server}/loop", policy=LinkPolicy(allow_private=True))
    assert not result.ok and "เกิน 5 ครั้ง" in result.note
