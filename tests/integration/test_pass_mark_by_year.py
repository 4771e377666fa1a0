"""The web's pass mark is the year's framework's (`grading.pass_mark`), not a constant 85: a published version of
2566 whose pass mark is 95 changes the dashboard, the agency and assessment pages and the multi-year table of
2566 at once, while the other years keep their own mark of 85. An assessment's own page compares it with the mark
of the framework it was scored with."""

from __future__ import annotations

import re

from django.urls import reverse

from prongsai.web.accounts.selectors import scope_of
from prongsai.web.assessments.services import save_assessment
from prongsai.web.core.cache import clear_all
from prongsai.web.core.demo import sample_rows
from prongsai.web.dashboards.selectors import Filters, node_dashboard
from prongsai.web.frameworks.selectors import year_pass_mark
from prongsai.web.frameworks.services import publish_version, upload_version
from tests.support.framework_edits import dump, shipped_data
from tests.support.web_pages import signed_in_html
from tests.support.web_world import World


def _publish_2566_with_pass_mark(world: World, mark: float) -> None:
    data = shipped_data(2566)
    data["grading"]["pass_mark"] = mark
    version = upload_version(actor=world.users["admin"], year=2566, data=dump(data), filename="fy2566-mark.yaml")
    publish_version(actor=world.users["admin"], version=version)


def _testid(page: str, name: str) -> str:
    found = re.search(rf'data-testid="{name}"[^>]*>([^<]*)<', page)
    assert found, name
    return found.group(1)


def test_the_dashboard_follows_the_published_pass_mark_of_its_year(world: World) -> None:
    clear_all()
    url = reverse("dashboard", args=[world.ministry.pk]) + "?year=2566"
    total = world.own_record.total
    assert total is not None and 85 <= total < 95  # passes at 85, not at 95
    before = signed_in_html(world, "oversight", url)
    assert "ได้ 85 ขึ้นไป" in before and "เฉพาะต่ำกว่า 85" in before
    assert _testid(before, "target-sentence").startswith("1 จาก 1 หน่วยงานได้คะแนนรวมตั้งแต่ 85 ขึ้นไป")
    assert 'class="num good" data-label="คะแนนรวม" data-testid="row-total"' in before

    _publish_2566_with_pass_mark(world, 95.0)
    assert year_pass_mark(2566) == 95.0 and year_pass_mark(2565) == 85.0
    after = signed_in_html(world, "oversight", url)
    assert "ได้ 95 ขึ้นไป" in after and "เฉพาะต่ำกว่า 95" in after and "ได้ 85 ขึ้นไป" not in after
    assert _testid(after, "target-sentence").startswith("0 จาก 1 หน่วยงานได้คะแนนรวมตั้งแต่ 95 ขึ้นไป")
    assert "นับข้อคำถามที่ได้คะแนนต่ำกว่า 95 ในช่องทางใดช่องทางหนึ่ง" in _testid(after, "weak-threshold")
    assert 'class="num poor" data-label="คะแนนรวม" data-testid="row-total"' in after
    below = signed_in_html(world, "oversight", url + "&below=1")  # "only below the pass mark" now keeps the agency
    assert world.own.name in below

    board = node_dashboard(scope_of(world.users["oversight"]), world.ministry, Filters(year=2566))
    assert board.pass_mark == 95.0 and board.at_pass == 0
    labels = [label for label, _ in board.buckets]
    assert labels == ["<55", "55-64", "65-74", "75-84", "85-89", "90-94", "95-100"]
    assert labels[board.passing_from] == "95-100"

    other_year = signed_in_html(world, "oversight", reverse("dashboard", args=[world.ministry.pk]) + "?year=2565")
    assert "ได้ 85 ขึ้นไป" in other_year  # 2565 keeps the mark of its own framework


def test_agency_and_assessment_pages_compare_with_the_years_mark(world: World) -> None:
    clear_all()
    _publish_2566_with_pass_mark(world, 95.0)
    home = signed_in_html(world, "agency_viewer", reverse("agency", args=[world.own.pk]))
    assert "คะแนนสิบตัวชี้วัดเทียบเกณฑ์ 95" in home and "เกณฑ์ 95</text>" in home
    old = signed_in_html(world, "agency_viewer", reverse("assessment", args=[world.own_record.pk]))
    assert "คะแนนสิบตัวชี้วัดเทียบเกณฑ์ 85" in old  # scored with the shipped file: compared with its mark
    record = save_assessment(  # scored again, now with the published version
        actor=None, organisation=world.own, year=2566, rows=sample_rows(2566, "angthong_pao_2566.csv"), source="demo"
    )
    assert record.framework_version is not None
    page = signed_in_html(world, "agency_viewer", reverse("assessment", args=[record.pk]))
    assert "คะแนนสิบตัวชี้วัดเทียบเกณฑ์ 95" in page and "(ต่ำกว่า 95.0)" in page
    sibling = signed_in_html(world, "admin", reverse("assessment", args=[world.sibling_record.pk]))  # 2565
    assert "คะแนนสิบตัวชี้วัดเทียบเกณฑ์ 85" in sibling


def test_the_multi_year_table_colours_each_year_against_its_own_mark(world: World) -> None:
    clear_all()
    _publish_2566_with_pass_mark(world, 95.0)
    page = signed_in_html(world, "oversight", reverse("dashboard_years", args=[world.ministry.pk]))
    classes = dict(re.findall(r'href="/[^"]*?/(\d+)/" class="(good|poor|none)"', page))
    own, sibling = world.own_record, world.sibling_record
    assert own.total is not None and sibling.total is not None
    assert classes[str(own.pk)] == "poor"  # 2566 at 95: its total is below
    assert classes[str(sibling.pk)] == ("good" if round(sibling.total, 2) >= 85 else "poor")  # 2565 at 85
