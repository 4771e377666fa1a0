"""The daily digest (`send_digest`): per person, overdue and due within N days, once a day, in formal Thai with
Buddhist Era dates and absolute links; fake sources stand in for the plans and OIT board, mail goes to locmem."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from html.parser import HTMLParser
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import CommandError, call_command
from django.test import override_settings

from prongsai.web.accounts.models import AGENCY_EDITOR
from prongsai.web.accounts.services import create_member
from prongsai.web.reminders import sources
from prongsai.web.reminders.digest import group_by_person
from prongsai.web.reminders.models import DigestSent
from prongsai.web.reminders.sources import DueItem, register
from tests.support.web_world import PASSWORD, World

TODAY = dt.date(2026, 11, 21)  # 21 พฤศจิกายน 2569
BASE = "https://ita.example.go.th"


@pytest.fixture
def fake_sources(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[DueItem]]:
    """An empty registry with one fake source returning whatever the test puts in the list."""
    monkeypatch.setattr(sources, "_SOURCES", {})
    items: list[DueItem] = []
    register("fake", lambda today: list(items))
    yield items


def _item(
    world: World,
    role: str,
    due: dt.date,
    title: str,
    *,
    org: Any = None,
    kind: str = "ขั้นตอนตามมาตรการ",
    url: str = "/plans/1/",
) -> DueItem:
    return DueItem(world.users[role].pk, (org or world.own).pk, kind, title, due, url)


def _with_email(world: World, *roles: str) -> None:
    for role in roles:
        user = world.users[role]
        user.email = f"{role}@example.go.th"
        user.first_name = {"agency_editor": "สมชาย ใจดี"}.get(role, "")
        user.save()


def _run(*args: str) -> str:
    out = StringIO()
    call_command("send_digest", *args, stdout=out, stderr=out)
    return out.getvalue()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")


def test_window_boundaries() -> None:
    items = [
        DueItem(1, 1, "k", name, TODAY + dt.timedelta(days=offset), "/x/")
        for name, offset in (("late", -1), ("today", 0), ("day7", 7), ("day8", 8))
    ]
    items.append(DueItem(2, 1, "k", "other", TODAY, "/y/"))
    digests = group_by_person([*items, items[1]], TODAY, 7)  # the same item twice is kept once
    assert [i.title for i in digests[1].overdue] == ["late"]
    assert [i.title for i in digests[1].due_soon] == ["today", "day7"]
    assert [i.title for i in digests[2].due_soon] == ["other"]
    only_today = group_by_person(items, TODAY, 0)
    assert [i.title for i in only_today[1].due_soon] == ["today"]
    assert group_by_person([items[3]], TODAY, 7) == {}


@override_settings(PRONGSAI_BASE_URL=BASE, DEFAULT_FROM_EMAIL="ระบบโปร่งใส <ita@example.go.th>")
def test_one_mail_per_person_grouped_in_thai_with_be_dates(world: World, fake_sources: list[DueItem]) -> None:
    _with_email(world, "agency_editor", "agency_admin", "oversight")
    inactive = create_member(
        actor=None,
        organisation=world.own,
        username="t_gone",
        password=PASSWORD,
        role=AGENCY_EDITOR,
        email="gone@example.go.th",
        validate=False,
    ).user
    inactive.is_active = False
    inactive.save()
    fake_sources.extend(
        [
            _item(world, "agency_editor", TODAY - dt.timedelta(days=11), "จัดอบรมจริยธรรม <ครั้งที่ 1>"),
            _item(world, "agency_editor", TODAY, "O12 รายงานผลการจัดซื้อจัดจ้าง", kind="ข้อ OIT", url="/oit/7/"),
            _item(world, "agency_editor", TODAY + dt.timedelta(days=7), "ประชุมทบทวนแผน"),
            _item(world, "agency_editor", TODAY + dt.timedelta(days=8), "งานที่ยังไม่ถึงเวลา"),
            _item(world, "agency_editor", TODAY, "งานของหน่วยงานอื่น", org=world.sibling),  # outside the scope
            _item(world, "agency_admin", TODAY + dt.timedelta(days=3), "อนุมัติข้อ OIT", kind="ข้อ OIT"),
            _item(world, "agency_viewer", TODAY, "งานของผู้ไม่มีอีเมล"),
            DueItem(inactive.pk, world.own.pk, "ข้อ OIT", "งานของบัญชีที่ปิดแล้ว", TODAY, "/oit/1/"),
            _item(world, "oversight", TODAY + dt.timedelta(days=9), "ยังไม่ถึงหน้าต่าง"),
        ]
    )
    out = _run("--date", "2026-11-21")
    assert len(mail.outbox) == 2
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"agency_editor@example.go.th", "agency_admin@example.go.th"}
    message = by_address["agency_editor@example.go.th"]
    assert message.from_email == "ระบบโปร่งใส <ita@example.go.th>"
    assert message.subject == (
        "[โปร่งใส] สรุปงานที่ต้องติดตาม ประจำวันที่ 21 พฤศจิกายน 2569: เกินกำหนด 1 รายการ ครบกำหนดภายใน 7 วัน 2 รายการ"
    )
    text = message.body
    assert text.startswith("เรียน สมชาย ใจดี\n")
    assert "จึงเรียนมาเพื่อโปรดทราบและดำเนินการ" in text
    overdue, soon = text.split("งานที่เกินกำหนด (1 รายการ)")[1].split("งานที่จะครบกำหนดภายใน 7 วัน (2 รายการ)")
    assert "จัดอบรมจริยธรรม <ครั้งที่ 1>" in overdue and "กำหนดเสร็จ: 10 พฤศจิกายน 2569 (เกินกำหนด 11 วัน)" in overdue
    assert "ข้อ OIT: O12 รายงานผลการจัดซื้อจัดจ้าง" in soon and "21 พฤศจิกายน 2569 (ครบกำหนดวันนี้)" in soon
    assert "28 พฤศจิกายน 2569 (อีก 7 วัน)" in soon and "หน่วยงาน: องค์การบริหารส่วนจังหวัดอ่างทอง" in soon
    assert f"{BASE}/oit/7/" in soon and f"{BASE}/plans/1/" in overdue
    assert "ยังไม่ถึงเวลา" not in text and "29 พฤศจิกายน" not in text
    assert "หน่วยงานอื่น" not in text and "หน่วยงานข้างเคียง" not in text
    html, kind = message.alternatives[0]
    assert kind == "text/html"
    assert "จัดอบรมจริยธรรม &lt;ครั้งที่ 1&gt;" in html and "10 พฤศจิกายน 2569" in html
    parser = _Links()
    parser.feed(html)
    assert parser.links == [f"{BASE}/plans/1/", f"{BASE}/oit/7/", f"{BASE}/plans/1/", f"{BASE}/"]
    admin_mail = by_address["agency_admin@example.go.th"]
    assert "งานที่เกินกำหนด" not in admin_mail.body and "(อีก 3 วัน)" in admin_mail.body
    assert "เรียน t_agency_admin" in admin_mail.body  # no full name: the user name
    assert "ส่งแล้ว: t_agency_editor <agency_editor@example.go.th> เกินกำหนด 1 ใกล้ครบกำหนด 2" in out
    assert "ข้าม (ไม่มีอีเมล): t_agency_viewer" in out
    assert "ข้าม (บัญชีปิดใช้งาน): t_gone" in out
    assert "ไม่รวม 1 รายการของหน่วยงานที่ผู้รับไม่มีสิทธิ์เห็นแล้ว" in out
    assert "t_oversight" not in out  # nothing in the window: no digest, not listed
    assert DigestSent.objects.count() == 2


def test_twice_a_day_sends_once_and_force_sends_again(world: World, fake_sources: list[DueItem]) -> None:
    _with_email(world, "agency_editor")
    fake_sources.append(_item(world, "agency_editor", TODAY, "งานวันนี้"))
    _run("--date", "2026-11-21")
    out = _run("--date", "2026-11-21")
    assert len(mail.outbox) == 1
    assert "ข้าม (ส่งของวันนี้ไปแล้ว ใช้ --force เพื่อส่งซ้ำ): t_agency_editor" in out
    _run("--date", "2026-11-21", "--force")
    assert len(mail.outbox) == 2
    record = DigestSent.objects.get()
    assert (record.day, record.times, record.due_soon) == (TODAY, 2, 1)
    _run("--date", "22/11/2569")  # the next day (a Thai date): a new digest
    assert len(mail.outbox) == 3 and DigestSent.objects.count() == 2
    assert "เกินกำหนด 1 วัน" in mail.outbox[-1].body


def test_dry_run_sends_and_records_nothing(world: World, fake_sources: list[DueItem]) -> None:
    _with_email(world, "agency_editor")
    fake_sources.append(_item(world, "agency_editor", TODAY + dt.timedelta(days=2), "งานอีกสองวัน"))
    out = _run("--date", "2026-11-21", "--dry-run")
    assert mail.outbox == [] and not DigestSent.objects.exists()
    assert "ทดลองเท่านั้น ไม่ได้ส่งอีเมล" in out
    assert "จะส่ง: t_agency_editor <agency_editor@example.go.th> เกินกำหนด 0 ใกล้ครบกำหนด 1" in out


def test_days_option_narrows_the_window_and_bad_options_are_explained(
    world: World, fake_sources: list[DueItem]
) -> None:
    _with_email(world, "agency_editor")
    fake_sources.append(_item(world, "agency_editor", TODAY + dt.timedelta(days=5), "งานอีกห้าวัน"))
    _run("--date", "2026-11-21", "--days", "๓")  # Thai digits
    assert mail.outbox == []
    _run("--date", "2026-11-21", "--days", "5")
    assert len(mail.outbox) == 1 and "ครบกำหนดภายใน 5 วัน 1 รายการ" in mail.outbox[0].subject
    with pytest.raises(CommandError, match="อ่านวันที่ “พรุ่งนี้” ไม่ได้"):
        _run("--date", "พรุ่งนี้")
    with pytest.raises(CommandError, match="--days ต้องเป็นจำนวนวันตั้งแต่ 0 ถึง 60"):
        _run("--days", "100")


class RefusingBackend(EmailBackend):
    """Refuses mail to one address, as an SMTP server may; delivers the rest to locmem."""

    def send_messages(self, messages: Any) -> int:
        if any("agency_admin@" in address for m in messages for address in m.to):
            raise OSError("550 mailbox unavailable")
        return super().send_messages(messages)


@override_settings(EMAIL_BACKEND="tests.integration.test_digest.RefusingBackend")
def test_a_refused_mail_is_reported_not_recorded_and_tried_next_time(world: World, fake_sources: list[DueItem]) -> None:
    _with_email(world, "agency_editor", "agency_admin")
    fake_sources.extend([_item(world, "agency_editor", TODAY, "งาน ก"), _item(world, "agency_admin", TODAY, "งาน ข")])
    with pytest.raises(CommandError, match="ส่งไม่สำเร็จ 1 ฉบับ"):
        _run("--date", "2026-11-21")
    assert [m.to for m in mail.outbox] == [["agency_editor@example.go.th"]]
    assert list(DigestSent.objects.values_list("user__username", flat=True)) == ["t_agency_editor"]
