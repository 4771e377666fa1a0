"""`prongsai oit check` against a local HTTP server: ok, 404, redirect, slow, non-HTML, refused, and the cap.

The server is on 127.0.0.1, which the checker refuses by default (tests/unit/test_link_safety.py), so these runs say
`--allow-private` as a person checking on their own machine would."""

from __future__ import annotations

import csv
import json

import pytest

from tests.support.cli import run_cli
from tests.support.link_server import closed_port


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
    result = run_cli("oit", "check", links, "--year", "2566", "--timeout", "0.5", "-o", out, "--allow-private")
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


def test_csv_output_and_several_links_in_one_cell(server, tmp_path):
    links = tmp_path / "links.csv"
    links.write_text(f'ข้อ,ลิงก์\nO๑,"{server}/ok {server}/missing"\n', encoding="utf-8")
    out = tmp_path / "checked.csv"
    assert run_cli("oit", "check", links, "-o", out, "--allow-private").exit_code == 0
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
