"""Addresses as Thai sites have them: Thai paths and queries (UTF-8 percent-encoding), Thai domain names (IDNA),
a raw UTF-8 redirect, and every failure told in a Thai sentence, never an exception's text.

The IDN host is resolved by a stub to 127.0.0.1, so no DNS query and no traffic leaves the machine."""

from __future__ import annotations

import json

from tests.support.cli import run_cli
from tests.support.link_server import THAI_PATH, THAI_QUERY, Seen


def test_thai_path_and_query_are_percent_encoded(server, tmp_path):
    url = f"{server}{THAI_PATH}?{THAI_QUERY}"
    links = tmp_path / "links.csv"
    links.write_text(f"code,url\nO5,{url}\n", encoding="utf-8")
    out = tmp_path / "checked.json"
    result = run_cli("oit", "check", links, "-o", out, "--allow-private")
    assert result.exit_code == 0, result.output + result.stderr
    (row,) = json.loads(out.read_text(encoding="utf-8"))
    assert row["ok"] and row["status"] == 200 and row["content_type"] == "application/pdf", row["note"]
    assert row["url"] == url  # recorded as the officer typed it
    assert Seen.target.isascii() and "%E0%B9%81%E0%B8%9C%E0%B8%99" in Seen.target  # แผน in UTF-8
    assert "codec" not in result.output
