"""The oversight dashboard: figures computed from the node's agencies, filters, sorting, exports."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from prongsai.web.accounts.services import create_member
from prongsai.web.assessments.services import save_assessment
from prongsai.web.organisations.services import create_organisation
from tests.support.result_states import indicator_rows
from tests.support.web_world import World

# agency -> (total 2566, total 2565 or None, weak question codes)
AGENCIES = {
    "หน่วยงานก": (90.0, 88.0, ["I1"]),
    "หน่วยงานข": (86.0, 80.0, ["I1", "E2"]),
    "หน่วยงานค": (84.0, 85.0, []),
    "หน่วยงานง": (70.0, None, ["E2"]),
}


@pytest.fixture
def province(world: World) -> tuple[object, Client]:
    node = create_organisation(actor=None, name="จังหวัดแดชบอร์ด", kind="province", parent=world.national)
    for name, (now, before, weak) in AGENCIES.items():
        org = create_organisation(actor=None, name=name, kind="agency", parent=node)
        save_assessment(actor=None, organisation=org, year=2566, rows=indicator_rows(now, weak), source="demo")
        if before is not None:
            save_assessment(actor=None, organisation=org, year=2565, rows=indicator_rows(before, []), source="demo")
    create_organisation(actor=None, name="หน่วยงานยังไม่ส่งผล", kind="agency", parent=node)
    user = create_member(
        actor=None, organisation=node, username="province_watch", password="x" * 12, role="oversight", validate=False
    ).user
    client = Client()
    client.force_login(user)
    return node, client


def test_figures_are_computed_from_the_agencies(province: tuple[object, Client]) -> None:
    node, client = province
    response = client.get(reverse("dashboard", args=[node.pk]))
    board = response.context["board"]
    assert board.year == 2566
    assert [r["name"] for r in board.rows] == ["หน่วยงานก", "หน่วยงานข", "หน่วยงานค", "หน่วยงานง"]
    assert [r["change"] for r in board.rows] == [2.0, 6.0, -1.0, None]
    assert (board.with_total, board.at_pass, board.share_at_pass, board.mean_total) == (4, 2, 50.0, 82.5)
    assert not board.meets_target
    assert board.missing == 1
    assert dict(board.buckets) == {"<55": 0, "55-64": 0, "65-74": 1, "75-84": 1, "85-89": 1, "90-94": 1, "95-100": 0}
    assert [(w["code"], w["count"], w["share"]) for w in board.weak] == [("E2", 2, 50.0), ("I1", 2, 50.0)]
    html = response.content.decode()
    assert "2 จาก 4 หน่วยงาน" in html and "ยังไม่ถึงเป้าหมายร้อยละ 80" in html
    assert "หน่วยงานยังไม่ส่งผล" not in html and "ยังไม่มีผลของปีนี้ 1 หน่วยงาน" in html


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("?sort=total", ["หน่วยงานง", "หน่วยงานค", "หน่วยงานข", "หน่วยงานก"]),
        ("?sort=-change", ["หน่วยงานข", "หน่วยงานก", "หน่วยงานค", "หน่วยงานง"]),
        ("?below=1", ["หน่วยงานค", "หน่วยงานง"]),
        ("?level=ผ่านดี", ["หน่วยงานก", "หน่วยงานข"]),
        ("?q=ค", ["หน่วยงานค"]),
        ("?year=2565&sort=name", ["หน่วยงานก", "หน่วยงานข", "หน่วยงานค"]),
    ],
)
def test_filters_and_sorting(province: tuple[object, Client], query: str, names: list[str]) -> None:
    node, client = province
    board = client.get(reverse("dashboard", args=[node.pk]) + query).context["board"]
    assert [r["name"] for r in board.rows] == names


def test_exports_hold_the_same_rows(province: tuple[object, Client]) -> None:
    node, client = province
    text = client.get(reverse("dashboard_export", args=[node.pk, "csv"]) + "?below=1").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:5] == ["หน่วยงาน", "กลุ่ม", "ปีงบประมาณ", "คะแนนรวม", "ระดับ"]
    assert [(r[0], r[3], r[4], r[6]) for r in rows[1:]] == [
        ("หน่วยงานค", "84.0", "ไม่ผ่าน", "-1.0"),
        ("หน่วยงานง", "70.0", "ไม่ผ่าน", ""),
    ]
    response = client.get(reverse("dashboard_export", args=[node.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 5 and sheet["D2"].value == 90.0 and sheet["H2"].value == 90.0


def test_national_view_groups_by_ministry_and_province(world: World) -> None:
    client = Client()
    client.force_login(world.users["admin"])
    board = client.get(reverse("dashboard", args=[world.national.pk]) + "?year=2564").context["board"]
    assert {(r["name"], r["group"]) for r in board.rows} == {
        (world.sibling.name, world.ministry.name),
        (world.far.name, world.province.name),
    }
    only = client.get(reverse("dashboard", args=[world.national.pk]) + f"?year=2564&group={world.province.pk}")
    assert [r["name"] for r in only.context["board"].rows] == [world.far.name]


def test_levels_follow_the_grading_order_not_their_counts() -> None:
    """ผ่านดีเยี่ยม before ผ่านดี before ผ่าน before ไม่ผ่าน, whatever the counts; undecided and unknown last."""
    from prongsai.web.dashboards.selectors import UNDECIDED, _grading_order

    counts = [("ผ่าน", 11), (UNDECIDED, 1), ("ไม่ผ่าน", 3), ("ผ่านดี", 18), ("ผ่านดีเยี่ยม", 3)]
    order = _grading_order(2566)
    assert [lv for lv, _ in sorted(counts, key=lambda kv: order(kv[0]))] == [
        "ผ่านดีเยี่ยม",
        "ผ่านดี",
        "ผ่าน",
        "ไม่ผ่าน",
        UNDECIDED,
    ]
    assert sorted(["B", "AA", "F", "A"], key=_grading_order(2564)) == ["AA", "A", "B", "F"]
    assert sorted(["x", "b"], key=_grading_order(None)) == ["b", "x"]
