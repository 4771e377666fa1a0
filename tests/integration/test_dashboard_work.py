"""The oversight pages beside the score dashboard: work status of every agency (O42 plan, O43 progress of the
quarter, OIT board, driving KPI), the multi-year table, and the exports, which must hold what the pages show."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from prongsai.ita.oit_board import APPROVED, SUBMITTED
from prongsai.web.accounts.selectors import scope_of
from prongsai.web.dashboards.history import node_history
from prongsai.web.dashboards.work import DRAFT, IN_USE, NO_PLAN, WorkFilters, node_work
from prongsai.web.kpi.models import DrivingKpi, KpiCheck
from prongsai.web.oitboard.services import create_board
from prongsai.web.plans.services import BLANK, create_plan, save_measure, save_progress
from tests.support.web_world import World

YEAR = 2566
TODAY = dt.date(2023, 1, 20)  # fiscal year 2566, quarter 2 (January-March)


def _work_world(world: World) -> dict[str, Any]:
    """The own agency: a plan with three measures (one done, one late, one reported this quarter), an OIT board
    with two items approved, one submitted and one late, and a KPI at level 2. The sibling: a plan with no
    progress (a draft), no board, no KPI. The far agency (another province) has a board only."""
    plan = create_plan(actor=None, organisation=world.own, year=YEAR, mode=BLANK)
    done = save_measure(actor=None, plan=plan, text="มาตรการที่เสร็จแล้ว", deadline=dt.date(2022, 12, 31))
    late = save_measure(actor=None, plan=plan, text="มาตรการที่เลยกำหนด", deadline=dt.date(2022, 12, 31))
    open_ = save_measure(actor=None, plan=plan, text="มาตรการที่ยังไม่ถึงกำหนด", deadline=dt.date(2023, 9, 30))
    save_progress(actor=None, measure=done, quarter=1, status="done", done="เสร็จในไตรมาสแรก", steps={})
    save_progress(actor=None, measure=late, quarter=1, status="in_progress", done="เริ่มแล้ว", steps={})
    save_progress(actor=None, measure=open_, quarter=2, status="in_progress", done="รายงานไตรมาสนี้", steps={})
    create_plan(actor=None, organisation=world.sibling, year=YEAR, mode=BLANK)
    board = create_board(actor=None, organisation=world.own, year=YEAR)
    items = list(board.items.order_by("position"))
    for item, status, due in (
        (items[0], APPROVED, dt.date(2022, 12, 1)),
        (items[1], APPROVED, None),
        (items[2], SUBMITTED, dt.date(2023, 3, 1)),
        (items[3], "in_progress", dt.date(2023, 1, 10)),
    ):
        item.status, item.due = status, due
        item.save()
    create_board(actor=None, organisation=world.far, year=YEAR)
    kpi = DrivingKpi.objects.create(organisation=world.own, year=YEAR)
    for key in ("review", "plan", "publicise"):  # levels 1 and 2 complete; 4 alone does not count
        KpiCheck.objects.create(kpi=kpi, criterion=key, met=True)
    return {"plan": plan, "board": board, "items": len(items)}


def _row(board: Any, name: str) -> Any:
    return next(r for r in board.rows if r.name == name)


def test_work_rows_count_plans_progress_boards_and_kpi(world: World) -> None:
    made = _work_world(world)
    scope = scope_of(world.users["oversight"])
    board = node_work(scope, world.ministry, WorkFilters(year=YEAR), TODAY)
    assert (board.year, board.quarter) == (YEAR, 2)
    assert {r.name for r in board.rows} == {world.own.name, world.sibling.name}  # the far agency is not theirs
    own = _row(board, world.own.name)
    assert own.plan_state == IN_USE and own.plan_id == made["plan"].pk
    assert (own.measures, own.measures_done, own.measures_overdue, own.reported) == (3, 1, 1, 1)
    assert (own.items, own.approved, own.submitted, own.items_overdue) == (made["items"], 2, 1, 1)
    assert own.kpi_level == 2 and own.overdue == 2
    sibling = _row(board, world.sibling.name)
    assert sibling.plan_state == DRAFT and sibling.measures == 0 and sibling.board_id is None
    assert sibling.kpi_level is None
    assert (board.with_plan, board.with_board, board.behind) == (2, 1, 1)


def test_work_filters_and_sorting(world: World) -> None:
    _work_world(world)
    scope = scope_of(world.users["admin"])
    everyone = node_work(scope, world.national, WorkFilters(year=YEAR), TODAY)
    assert {r.name for r in everyone.rows} == {world.own.name, world.sibling.name, world.far.name}
    far = _row(everyone, world.far.name)
    assert far.plan_state == NO_PLAN and far.board_id is not None and far.approved == 0
    no_plan = node_work(scope, world.national, WorkFilters(year=YEAR, show="no_plan"), TODAY)
    assert [r.name for r in no_plan.rows] == [world.far.name]
    behind = node_work(scope, world.national, WorkFilters(year=YEAR, show="overdue"), TODAY)
    assert [r.name for r in behind.rows] == [world.own.name]
    by_oit = node_work(scope, world.national, WorkFilters(year=YEAR, sort="-oit"), TODAY)
    assert by_oit.rows[0].name == world.own.name and by_oit.rows[-1].name == world.sibling.name  # no board: last
    group = node_work(scope, world.national, WorkFilters(year=YEAR, group=world.province.pk), TODAY)
    assert [r.name for r in group.rows] == [world.far.name]


def test_work_of_a_past_year_reads_its_last_quarter(world: World) -> None:
    _work_world(world)
    board = node_work(scope_of(world.users["admin"]), world.ministry, WorkFilters(year=YEAR), dt.date(2024, 2, 1))
    assert board.quarter == 4
    assert _row(board, world.own.name).reported == 0  # nothing recorded for quarter 4


def test_agency_roles_may_not_see_the_work_of_a_node(world: World) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        node_work(scope_of(world.users["agency_admin"]), world.ministry, WorkFilters(), TODAY)


def _csv(response: Any) -> list[list[str]]:
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_work_page_and_its_exports_agree(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    _work_world(world)
    monkeypatch.setattr("prongsai.web.dashboards.work_views.today", lambda: TODAY)
    client = Client()
    client.force_login(world.users["oversight"])
    page = client.get(reverse("dashboard_work", args=[world.ministry.pk]), {"year": YEAR})
    assert page.status_code == 200
    body = page.content.decode()
    assert world.own.name in body and world.far.name not in body
    assert "ยังไม่เปิด" in body  # the sibling has no board
    rows = _csv(client.get(reverse("dashboard_work_export", args=[world.ministry.pk, "csv"]), {"year": YEAR}))
    assert rows[0][0] == "หน่วยงาน" and len(rows) == 3
    own = next(r for r in rows if r[0] == world.own.name)
    assert own[3] == "ดำเนินการตามแผน" and own[4:8] == ["3", "1", "1", "1"]
    assert rows[0][7] == "รายงานผลไตรมาสที่ 2 แล้ว (มาตรการ)"
    assert own[9:12] == ["2", "1", "1"] and own[12] == "2"
    xlsx = client.get(reverse("dashboard_work_export", args=[world.ministry.pk, "xlsx"]), {"year": YEAR})
    sheet = load_workbook(io.BytesIO(b"".join([xlsx.content]))).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert [v[0] for v in values[1:]] == [r[0] for r in rows[1:]]


def test_years_table_lists_every_year_per_agency(world: World) -> None:
    scope = scope_of(world.users["admin"])
    history = node_history(scope, world.national)
    assert history.years == [2564, 2565, 2566]
    sibling = next(r for r in history.rows if r.name == world.sibling.name)
    totals = [None if c is None else round(c.total, 2) for c in sibling.cells]
    assert totals[0] == 81.39 and totals[1] == 96.99 and totals[2] is None
    assert sibling.change == pytest.approx(96.99 - 81.39)
    own = next(r for r in history.rows if r.name == world.own.name)
    assert own.cells[2] is not None and own.cells[2].level == "ผ่าน" and own.change is None
    client = Client()
    client.force_login(world.users["oversight"])
    rows = _csv(client.get(reverse("dashboard_years_export", args=[world.ministry.pk, "csv"])))
    assert rows[0] == [
        "หน่วยงาน",
        "คะแนนรวม 2564",
        "ระดับ 2564",
        "คะแนนรวม 2565",
        "ระดับ 2565",
        "คะแนนรวม 2566",
        "ระดับ 2566",
        "เปลี่ยนแปลงล่าสุด",
    ]
    assert {r[0] for r in rows[1:]} == {world.own.name, world.sibling.name}
    sibling_row = next(r for r in rows if r[0] == world.sibling.name)
    assert sibling_row[1] == "81.39" and sibling_row[3] == "96.99" and sibling_row[-1] == "15.6"


def test_weak_table_states_its_threshold_and_is_exported(world: World) -> None:
    client = Client()
    client.force_login(world.users["oversight"])
    page = client.get(reverse("dashboard", args=[world.ministry.pk]), {"year": 2566}).content.decode()
    assert "ต่ำกว่า 85" in page and "ข้อ OIT ที่ไม่ผ่าน" in page
    rows = _csv(client.get(reverse("dashboard_weak_export", args=[world.ministry.pk, "csv"]), {"year": 2566}))
    codes = [r[0] for r in rows[1:]]
    # Ang Thong 2566 failed O18 and O30 and has questions below 85 (indicator 7 = 83.96).
    assert {"O18", "O30"} <= set(codes) and any(c.startswith("E") for c in codes)
    o18 = next(r for r in rows if r[0] == "O18")
    assert o18[2] == "ข้อ OIT" and o18[3] == "1" and o18[5] == "ไม่ผ่าน"
    question = next(r for r in rows[1:] if r[0].startswith("E"))
    assert question[5].startswith("ต่ำกว่า 85")
