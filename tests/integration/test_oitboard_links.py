"""The board's link-check button against a local HTTP server (tests/support/link_server.py): 200, 404,
redirect, a slow answer cut by the timeout, a PDF, a Thai path; what is recorded per link; the hard bound on the whole
run. The web never opens internal addresses, so the local server is named in LINKCHECK_ALLOW_HOSTS, as an
administrator names an intranet host; without that, every link to it is refused and nothing reaches it."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from prongsai.web.audit.models import AuditEvent
from prongsai.web.oitboard.models import EvidenceLink, OitItem
from prongsai.web.oitboard.services import check_board_links, update_item
from tests.support.link_server import THAI_PATH, THAI_QUERY, Seen, serve
from tests.support.oitboard_world import ensure_oit
from tests.support.web_world import World


@pytest.fixture(scope="module")
def local_server() -> Iterator[str]:
    with serve() as url:
        yield url


@pytest.fixture()
def server(local_server: str) -> Iterator[str]:
    """The local server, allowed by name and port for the length of one test."""
    with override_settings(LINKCHECK_ALLOW_HOSTS=[local_server.removeprefix("http://")]):
        yield local_server


def _links(world: World, server: str) -> dict[str, OitItem]:
    board = ensure_oit(world).own_board
    items = {i.code: i for i in board.items.filter(code__in=["O1", "O2", "O3", "O4", "O5"])}
    given = {
        "O1": f"{server}/ok",
        "O2": f"{server}/missing",
        "O3": f"{server}/moved",
        "O4": f"{server}/slow",
        "O5": f"{server}/plan.pdf\n{server}/ok",
    }
    for code, urls in given.items():
        item = items[code]
        update_item(
            actor=None, item=item, workgroup=item.workgroup, assignee=item.assignee, due=item.due, urls_text=urls
        )
    return items


def _link(url: str) -> EvidenceLink:
    return EvidenceLink.objects.filter(url=url).first()


@override_settings(OIT_LINK_TIMEOUT=0.5, OIT_LINK_CONCURRENCY=3, OIT_LINK_BUDGET=10)
def test_button_records_each_kind_of_answer(world: World, server: str) -> None:
    items = _links(world, server)
    client = Client()
    client.force_login(world.users["agency_editor"])
    started = time.monotonic()
    response = client.post(reverse("oit_check_links", args=[world.own.pk, 2566]), follow=True)
    assert time.monotonic() - started < 10
    page = response.content.decode()
    assert "ตรวจลิงก์แล้ว 6 ลิงก์: เปิดได้ 4 เปิดไม่ได้ 2" in page
    ok = _link(f"{server}/ok")
    assert ok.ok and ok.http_status == 200 and ok.content_type == "text/html" and ok.checked_at is not None
    assert EvidenceLink.objects.filter(url=f"{server}/ok", http_status=200).count() == 2
    missing = _link(f"{server}/missing")
    assert missing.ok is False and missing.http_status == 404 and "404" in missing.note
    moved = _link(f"{server}/moved")
    assert moved.ok and moved.final_url == f"{server}/ok" and "เปลี่ยนเส้นทาง" in moved.note
    slow = _link(f"{server}/slow")
    assert slow.ok is False and slow.http_status is None and "หมดเวลา" in slow.note
    pdf = _link(f"{server}/plan.pdf")
    assert pdf.ok and pdf.content_type == "application/pdf"
    assert 'data-testid="count-broken">2<' in page and "✗ เปิดไม่ได้ 1" in page
    item_page = client.get(reverse("oit_item", args=[items["O2"].pk])).content.decode()
    assert "✗ เปิดไม่ได้" in item_page and "สถานะ HTTP 404" in item_page and "ตรวจเมื่อ" in item_page
    item_page = client.get(reverse("oit_item", args=[items["O3"].pk])).content.decode()
    assert f"ปลายทาง {server}/ok" in item_page
    event = AuditEvent.objects.filter(action="oit.links.check").first()
    assert event is not None and event.after == {"urls": 5, "ok": 3, "broken": 2, "late": 0}  # /ok fetched once


def test_the_whole_check_is_bounded_in_time(world: World, server: str) -> None:
    _links(world, server)
    board = ensure_oit(world).own_board
    started = time.monotonic()
    summary = check_board_links(actor=world.users["agency_editor"], board=board, timeout=5, concurrency=4, budget=0.6)
    elapsed = time.monotonic() - started
    assert elapsed < 1.5, elapsed  # the slow link (1.5 s) would have kept a per-link timeout of 5 s waiting
    assert summary.late == 1 and summary.checked == 5  # six links, one of them (/slow) not reached
    assert _link(f"{server}/slow").checked_at is None  # not reached: nothing recorded for it
    # next time, links never checked come first
    from prongsai.web.oitboard.selectors import links_to_check

    assert links_to_check(board)[0].url == f"{server}/slow"


def test_viewers_cannot_start_a_check(world: World, server: str) -> None:
    _links(world, server)
    client = Client()
    client.force_login(world.users["agency_viewer"])
    response = client.post(reverse("oit_check_links", args=[world.own.pk, 2566]))
    assert response.status_code == 403
    assert not EvidenceLink.objects.filter(checked_at__isnull=False).exists()


def test_the_web_refuses_loopback_unless_the_host_is_named(world: World, local_server: str) -> None:
    board = ensure_oit(world).own_board
    item = board.items.get(code="O1")
    urls = f"{local_server}/ok\nhttp://2130706433:{local_server.rsplit(':', 1)[1]}/ok\nhttp://169.254.169.254/latest/"
    update_item(actor=None, item=item, workgroup=item.workgroup, assignee=item.assignee, due=item.due, urls_text=urls)
    Seen.target = None
    with override_settings(LINKCHECK_ALLOW_HOSTS=[], LINKCHECK_PORTS=[int(local_server.rsplit(":", 1)[1])]):
        summary = check_board_links(actor=world.users["agency_editor"], board=board, budget=10)
    assert summary.ok == 0 and summary.broken == 3
    assert Seen.target is None  # the server was never reached
    notes = list(item.links.order_by("position").values_list("note", flat=True))
    assert all("ระบบไม่อนุญาต" in n for n in notes), notes
    assert "ที่อยู่ของเครื่องแม่ข่ายเอง (127.0.0.1)" in notes[1] and "คลาวด์" in notes[2]


def test_a_thai_address_is_checked_from_the_board(world: World, server: str) -> None:
    board = ensure_oit(world).own_board
    item = board.items.get(code="O1")
    update_item(
        actor=None,
        item=item,
        workgroup=item.workgroup,
        assignee=item.assignee,
        due=item.due,
        urls_text=f"{server}{THAI_PATH}?{THAI_QUERY}",
    )
    check_board_links(actor=world.users["agency_editor"], board=board, budget=10)
    link = item.links.get()
    assert link.ok and link.http_status == 200 and link.content_type == "application/pdf", link.note
