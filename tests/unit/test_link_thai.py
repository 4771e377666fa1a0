"""Addresses as Thai sites have them: Thai paths and queries (UTF-8 percent-encoding), Thai domain names (IDNA),
a raw UTF-8 redirect, and every failure told in a Thai sentence, never an exception's text.

The IDN host is resolved by a stub to 127.0.0.1, so no DNS query and no traffic leaves the machine."""

from __future__ import annotations

import re
import socket
from dataclasses import replace

from prongsai.evidence.link_address import LinkPolicy, normal_host_entry, prepare
from prongsai.evidence.links import check_link
from tests.support.link_server import THAI_PATH, THAI_QUERY, Seen, closed_port, witness

LOCAL = LinkPolicy(allow_private=True)


def test_a_raw_utf8_redirect_is_followed(server):
    result = check_link("O1", f"{server}/thai-location", policy=LOCAL)
    assert result.ok and result.final_url == f"{server}{THAI_PATH.rsplit('/', 1)[0]}/", result.note


def test_a_thai_domain_is_sent_in_idna():
    target = prepare("http://ตัวอย่าง.ไทย/หน้าแรก?ค้นหา=ไอทีเอ")
    assert target.host == "xn--72c1a1bt4awk9o.xn--o3cw4h" and target.port == 80
    assert (
        target.path == "/%E0%B8%AB%E0%B8%99%E0%B9%89%E0%B8%B2%E0%B9%81%E0%B8%A3%E0%B8%81?"
        "%E0%B8%84%E0%B9%89%E0%B8%99%E0%B8%AB%E0%B8%B2=%E0%B9%84%E0%B8%AD%E0%B8%97%E0%B8%B5%E0%B9%80%E0%B8%AD"
    )
    assert prepare("https://www.example.go.th/a%20b?x=%E0%B8%81").path == "/a%20b?x=%E0%B8%81"  # not encoded twice
    assert normal_host_entry("ตัวอย่าง.ไทย:8080") == "xn--72c1a1bt4awk9o.xn--o3cw4h:8080"


def test_a_thai_domain_end_to_end_with_a_stubbed_resolver(server):
    port = int(server.rsplit(":", 1)[1])
    asked: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        asked.append(host)
        return ["127.0.0.1"]

    policy = replace(LinkPolicy.from_settings([f"ตัวอย่าง.ไทย:{port}"]), resolve=resolver)
    result = check_link("O1", f"http://ตัวอย่าง.ไทย:{port}{THAI_PATH}?{THAI_QUERY}", policy=policy)
    assert result.ok and result.status == 200, result.note
    assert asked == ["xn--72c1a1bt4awk9o.xn--o3cw4h"]
    assert Seen.host == f"xn--72c1a1bt4awk9o.xn--o3cw4h:{port}"


THAI = re.compile(r"[\u0e01-\u0e5b]")


def test_every_failure_is_a_thai_sentence(server):
    port = int(server.rsplit(":", 1)[1])

    def no_such_name(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    with witness() as (silent, _):
        cases = {
            "หมดเวลา": check_link("O1", f"{server}/slow", timeout=0.3, policy=LOCAL),
            "ไม่รับการเชื่อมต่อ": check_link("O1", f"http://127.0.0.1:{closed_port()}/", policy=LOCAL),
            "ไม่พบชื่อโดเมน": check_link("O1", "http://ไม่มีจริง.ไทย/", policy=LinkPolicy(resolve=no_such_name)),
            "TLS": check_link("O1", f"https://127.0.0.1:{port}/ok", timeout=2, policy=LOCAL),  # plain HTTP answers
            "ตัดการเชื่อมต่อ": check_link("O1", f"http://127.0.0.1:{silent}/", timeout=2, policy=LOCAL),
            "เกิน 5 ครั้ง": check_link("O1", f"{server}/loop", policy=LOCAL),
            "ระบบไม่อนุญาต": check_link("O1", f"{server}/ok", policy=LinkPolicy(ports=frozenset({port}))),
            "ไม่ใช่ลิงก์ http": check_link("O1", "ftp://example.org/file"),
            "พอร์ต": check_link("O1", f"{server}/ok"),
            "ไม่ใช่ชื่อโดเมนที่ถูกต้อง": check_link("O1", "http://ก..ไทย/"),
            "รูปแบบที่อ่านไม่ได้": check_link("O1", "http://[::1/"),
        }
    for expected, result in cases.items():
        assert not result.ok and expected in result.note, (expected, result.note)
        assert THAI.search(result.note) and not re.search(r"Errno|codec|Error|\[SSL", result.note), result.note
