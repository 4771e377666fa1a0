"""Integer query parameters (web/core/params.py): Thai digits read, superscript digits and other non-numbers refused
with a 400 and a Thai sentence (they used to end in a server error), never a 500; and refused requests (400, 403,
404) are logged as one line, without a traceback."""

from __future__ import annotations

import io
import logging

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from prongsai.web.core.logs import RefusedWithoutTraceback
from prongsai.web.kpi.selectors import current_year
from tests.support.web_world import World

BAD_YEARS = ["²⁵⁶⁶", "٢٥٦٦", "2566.0", "-2566", "+2566", "0x9f6", "9" * 40, "2566\x00", "๒๕๖๖ก"]


def _client(world: World, role: str = "admin") -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(world.users[role])
    return client


@pytest.mark.parametrize("year", BAD_YEARS)
def test_the_api_refuses_a_year_that_is_not_a_number_with_a_400(world: World, year: str) -> None:
    response = Client(raise_request_exception=False).get(
        reverse("api_assessments"), {"year": year}, HTTP_AUTHORIZATION=f"Bearer {world.tokens['admin']}"
    )
    assert response.status_code == 400
    assert "ปีงบประมาณ" in response.json()["detail"]


@pytest.mark.parametrize("year", BAD_YEARS)
def test_the_dashboard_and_its_exports_refuse_a_bad_year_with_a_thai_400(world: World, year: str) -> None:
    client = _client(world)
    for url in (
        reverse("dashboard", args=[world.national.pk]),
        reverse("dashboard_export", args=[world.national.pk, "csv"]),
        reverse("dashboard_work", args=[world.national.pk]),
        reverse("dashboard_work_export", args=[world.national.pk, "xlsx"]),
        reverse("dashboard_weak_export", args=[world.national.pk, "csv"]),
    ):
        response = client.get(url, {"year": year})
        assert response.status_code == 400, (url, response.status_code)
        assert "ปีงบประมาณ (year) ต้องเป็นปี พ.ศ." in response.content.decode()
    group = client.get(reverse("dashboard", args=[world.national.pk]), {"group": "¹"})
    assert group.status_code == 400 and "ค่า group ต้องเป็นจำนวนเต็ม" in group.content.decode()


@pytest.mark.parametrize("year", BAD_YEARS)
def test_the_kpi_page_answers_a_bad_year_with_its_thai_message(world: World, year: str) -> None:
    response = _client(world, "agency_admin").get(reverse("kpi", args=[world.own.pk]), {"year": year})
    assert response.status_code == 400
    assert "ปีงบประมาณต้องเป็นตัวเลข พ.ศ. สี่หลัก" in response.content.decode()


def test_thai_digits_are_read_everywhere(world: World) -> None:
    client = _client(world)
    board = client.get(reverse("dashboard", args=[world.national.pk]), {"year": "๒๕๖๔"})
    assert board.status_code == 200 and board.context["board"].year == 2564
    api = (
        Client()
        .get(reverse("api_assessments"), {"year": "๒๕๖๕"}, HTTP_AUTHORIZATION=f"Bearer {world.tokens['admin']}")
        .json()
    )
    assert api["count"] >= 1 and {r["year"] for r in api["results"]} == {2565}
    year = current_year(timezone.localdate())
    thai = str(year).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    kpi = _client(world, "agency_admin").get(reverse("kpi", args=[world.own.pk]), {"year": thai})
    assert kpi.status_code == 302 and kpi["Location"] == reverse("kpi_year", args=[world.own.pk, year])


def _records(caplog: pytest.LogCaptureFixture, status: int) -> list[logging.LogRecord]:
    return [r for r in caplog.records if getattr(r, "status_code", None) == status]


def test_refused_requests_are_logged_as_one_line_without_a_traceback(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="django")
    viewer = _client(world, "agency_viewer")
    assert viewer.get(reverse("dashboard", args=[world.national.pk]), {"year": "²⁵⁶⁶"}).status_code in (400, 404)
    assert _client(world).get(reverse("dashboard", args=[world.national.pk]), {"year": "²⁵⁶⁶"}).status_code == 400
    assert viewer.get(reverse("upload", args=[world.own.pk])).status_code == 403  # PermissionDenied in the view
    assert viewer.get(reverse("assessment", args=[world.far_record.pk])).status_code == 404
    for status in (400, 403, 404):
        records = _records(caplog, status)
        assert records, status
        for record in records:
            assert record.exc_info is None and record.exc_text is None, (status, record.getMessage())
    assert "Traceback" not in caplog.text


def test_the_console_log_of_a_refused_host_has_no_traceback(world: World) -> None:
    """DisallowedHost is logged by django.security.DisallowedHost: the console handler drops its traceback too."""
    handler = next(
        h for h in logging.getLogger().handlers if any(isinstance(f, RefusedWithoutTraceback) for f in h.filters)
    )
    stream = io.StringIO()
    previous, handler.stream = handler.stream, stream  # not setStream(): it flushes the old stream, maybe closed
    try:
        response = Client(raise_request_exception=False).get("/", HTTP_HOST="evil.example")
    finally:
        handler.stream = previous
    assert response.status_code == 400
    text = stream.getvalue()
    assert "Invalid HTTP_HOST header" in text and "Traceback" not in text, text
