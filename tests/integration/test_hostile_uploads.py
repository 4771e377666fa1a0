"""Hostile files through the web upload paths (results upload, plan import): a Thai error on the page, a 400, the
database unchanged and the request's peak memory (tracemalloc) within a few hundred MB; and the CSV policy the
CLI reads under applies to uploads too (a UTF-16 CSV from Excel's "Unicode Text")."""

from __future__ import annotations

import html
import io
import re
import tracemalloc
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from prongsai.web.plans.models import Plan
from prongsai.web.plans.selectors import plan_as_domain
from prongsai.web.plans.services import BLANK, create_plan, save_measure
from tests.support import hostile_files as hostile
from tests.support.cli import SAMPLES
from tests.support.plans_world import plan_state
from tests.support.result_states import results_state
from tests.support.web_world import World

PEAK_BOUND_MB = 300

HOSTILE_XLSX: list[tuple[str, Callable[[], bytes], str]] = [
    ("huge dimension", hostile.huge_dimension_xlsx, "คอลัมน์ต่อแถว"),
    ("DTD with entities", hostile.dtd_xlsx, "DTD"),
    ("external entity", lambda: hostile.external_entity_xlsx("/etc/passwd"), "DTD"),
    ("zip bomb", lambda: hostile.zip_bomb_xlsx(100), "zip bomb"),
    ("lying zip", hostile.lying_zip_xlsx, "เสียหาย"),
]


def _post(client: Client, url: str, fields: dict[str, Any], name: str, data: bytes) -> tuple[Any, float]:
    """POST one file, with the request's peak traced memory in MB."""
    upload = io.BytesIO(data)
    upload.name = name
    tracemalloc.start()
    try:
        response = client.post(url, {**fields, "file": upload})
        peak = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
    finally:
        tracemalloc.stop()
    return response, peak


def _text(response: Any) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


@pytest.mark.parametrize(("make", "words"), [(m, w) for _, m, w in HOSTILE_XLSX], ids=[h[0] for h in HOSTILE_XLSX])
def test_results_upload_refuses_a_hostile_workbook(world: World, make: Callable[[], bytes], words: str) -> None:
    client = Client()
    client.force_login(world.users["agency_editor"])
    before = results_state()
    response, peak = _post(client, reverse("upload", args=[world.own.pk]), {"year": 2566}, "ผลคะแนน.xlsx", make())
    text = _text(response)
    assert response.status_code == 400
    assert "ยังไม่ได้บันทึกข้อมูลใด" in text and words in text, text[-1500:]
    assert 'name="token"' not in response.content.decode()
    assert peak < PEAK_BOUND_MB, peak
    assert results_state() == before


@pytest.mark.parametrize(("make", "words"), [(m, w) for _, m, w in HOSTILE_XLSX], ids=[h[0] for h in HOSTILE_XLSX])
def test_plan_import_refuses_a_hostile_workbook(world: World, make: Callable[[], bytes], words: str) -> None:
    plan = create_plan(actor=None, organisation=world.own, year=2567, mode=BLANK)
    save_measure(actor=None, plan=plan, text="มาตรการเดิม")
    client = Client()
    client.force_login(world.users["agency_editor"])
    before = (plan_as_domain(plan), plan_state())
    response, peak = _post(client, reverse("plan_import", args=[plan.pk]), {}, "แผน.xlsx", make())
    text = _text(response)
    assert response.status_code == 400
    assert "ยังไม่ได้บันทึกข้อมูลใด" in text and words in text, text[-1500:]
    assert peak < PEAK_BOUND_MB, peak
    assert (plan_as_domain(Plan.objects.get(pk=plan.pk)), plan_state()) == before


def test_a_utf16_csv_is_read_on_the_web_as_by_the_cli(world: World) -> None:
    """One CSV policy (importing/csv_policy.py): the upload form used to refuse the NUL bytes of UTF-16."""
    client = Client()
    client.force_login(world.users["agency_editor"])
    data = (SAMPLES / "angthong_pao_2566.csv").read_text(encoding="utf-8").encode("utf-16")
    response, _ = _post(client, reverse("upload", args=[world.own.pk]), {"year": 2566}, "ผลคะแนน.csv", data)
    assert response.status_code == 200, _text(response)[-800:]
    assert "92.31" in response.content.decode()
