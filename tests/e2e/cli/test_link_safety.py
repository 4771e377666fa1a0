"""The link checker refuses internal addresses: every numeric form of loopback, private and metadata addresses, at
every redirect, other schemes without any connection, and DNS answers are vetted once and then connected to.

Nothing here leaves the machine: refused addresses are refused before any connection, and every connection that
is made goes to 127.0.0.1 (the local test server or a witness port that notes whether it was touched)."""

from __future__ import annotations

import json

from tests.support.cli import run_cli
from tests.support.link_server import port_of


def test_the_cli_refuses_loopback_unless_told(server, tmp_path):
    links = tmp_path / "links.csv"
    links.write_text(f"code,url\nO1,{server}/ok\nO2,http://2130706433:{port_of(server)}/ok\n", encoding="utf-8")
    out = tmp_path / "checked.json"
    assert run_cli("oit", "check", links, "-o", out).exit_code == 0
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert [r["ok"] for r in rows] == [False, False] and all(r["note"].startswith("ไม่เปิดลิงก์") for r in rows)
    assert run_cli("oit", "check", links, "-o", out, "--allow-host", f"127.0.0.1:{port_of(server)}").exit_code == 0
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert [r["ok"] for r in rows] == [True, True]  # 2130706433 is 127.0.0.1: the same allowed address
    assert run_cli("oit", "check", links, "-o", out, "--allow-private").exit_code == 0
    assert [r["ok"] for r in json.loads(out.read_text(encoding="utf-8"))] == [True, True]
