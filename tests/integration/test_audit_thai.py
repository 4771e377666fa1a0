"""The audit log in Thai: every kind of event the code records has a Thai name and is offered by the filter; each
event's before/after reads as Thai lines with BE dates; times are BE dates with Thai month names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from prongsai.ita.thaidates import MONTHS_SHORT
from prongsai.web.audit.display import ACTION_NAMES, describe
from prongsai.web.audit.models import AuditEvent
from prongsai.web.core.demo import load_demo
from tests.support.text_scan import ALLOWED_WORDS, latin_words

WEB = Path(__file__).resolve().parents[2] / "src" / "prongsai" / "web"
# action="kind", _event(actor, "kind", ...), and the conditional form "a" if x else "b"
_ACTION = re.compile(r"""(?:action=|_event\(actor,\s*)((?:"[a-z_.]+"(?:\s+if\s+\w+\s+else\s+)?)+)""")


def _recorded_actions() -> set[str]:
    found: set[str] = set()
    for path in WEB.rglob("*.py"):
        for match in _ACTION.finditer(path.read_text(encoding="utf-8")):
            found.update(re.findall(r'"([a-z_]+\.[a-z_.]+)"', match.group(1)))
    return found


def test_every_recorded_kind_of_event_has_a_thai_name() -> None:
    recorded = _recorded_actions()
    assert {"oit.item.status", "plan.create", "assessment.replace", "kpi.criterion"} <= recorded
    assert recorded - set(ACTION_NAMES) == set()
    assert all(not latin_words(name, ALLOWED_WORDS) for name in ACTION_NAMES.values())


@pytest.mark.django_db
def test_the_filter_offers_every_kind_and_the_log_reads_in_thai() -> None:
    load_demo(agencies=2)
    client = Client()
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="admin"))
    page = client.get(reverse("audit_log")).content.decode()
    offered = set(re.findall(r'<option value="([a-z_.]+)"', page))
    assert offered == set(ACTION_NAMES)
    assert "oit.item.status" not in re.sub(r'value="[^"]*"', "", page)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", re.sub(r'(href|value)="[^"]*"', "", page))
    months = "|".join(re.escape(m) for m in MONTHS_SHORT)
    assert re.search(rf"\d{{1,2}} ({months}) 25\d\d \d\d:\d\d", page)
    filtered = client.get(reverse("audit_log"), {"action": "oit.item.status"}).content.decode()
    assert "เปลี่ยนสถานะข้อ OIT" in filtered and "เพิ่มหน่วยงาน</td>" not in filtered
    for event in AuditEvent.objects.all():
        for side in (event.before, event.after):
            for label, value in describe(side, event.action):
                assert not latin_words(label, ALLOWED_WORDS), (event.action, label)
                assert not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), (event.action, label, value)


def test_before_and_after_are_thai_lines() -> None:
    lines = dict(
        describe(
            {"code": "O18", "status": "needs_correction", "due": "2026-12-28", "urls": [], "met": True},
            "oit.item.update",
        )
    )
    assert lines == {
        "รหัส": "O18",
        "สถานะ": "ต้องแก้ไข",
        "กำหนดเสร็จ": "28 ธ.ค. 2569",
        "ลิงก์หลักฐาน": "—",
        "ดำเนินการแล้ว": "ใช่",
    }
    plan_lines = dict(describe({"status": "delayed", "steps": {"1": {"status": "done"}}}, "progress.save"))
    assert plan_lines["สถานะ"] == "ล่าช้ากว่ากำหนด"
    assert plan_lines["ขั้นตอน"] == "ขั้นตอนที่ 1: สถานะ ดำเนินการแล้วเสร็จ"
