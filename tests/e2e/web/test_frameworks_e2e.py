"""End-to-end in headless Chromium (Debian's /usr/bin/chromium driven by Playwright) against a live server: the
system administrator uploads an edited 2566 framework, reads the diff by topic, publishes it, then re-scores the
Ang Thong 2566 result and sees the changed figures before saving them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prongsai.web.assessments.models import AssessmentRecord
from prongsai.web.frameworks.models import PUBLISHED, FrameworkVersion
from tests.support.browser import DESKTOP, login
from tests.support.framework_edits import O1_TITLE, dump, edited_2566
from tests.support.web_world import PASSWORD, World, build_world


def test_admin_uploads_reads_the_diff_publishes_and_rescores(
    live_server: Any, transactional_db: Any, page: Any, tmp_path: Path
) -> None:
    world: World = build_world()
    base = live_server.url
    page.set_viewport_size(DESKTOP)
    page.set_default_timeout(30_000)
    edited = tmp_path / "กรอบปี2566-แก้ไข.yaml"
    edited.write_bytes(dump(edited_2566()))
    broken = tmp_path / "กรอบเสีย.yaml"
    broken.write_bytes(dump(edited_2566() | {"year": "สองพันห้าร้อย"}))
    login(page, base, "t_admin", PASSWORD)

    page.goto(f"{base}/frameworks/")
    assert "ฉบับที่มากับโปรแกรม" in page.inner_text("[data-testid=framework-year-2566]")
    page.click("[data-testid=framework-upload-link]")
    page.select_option("#id_year", "2566")
    page.set_input_files("#id_file", str(broken))
    page.click("[data-testid=framework-upload]")
    problems = page.inner_text("[data-testid=framework-problems]")
    assert "ยังไม่ได้บันทึกข้อมูลใด" in problems and "year" in problems and "กรอบเสีย.yaml" in problems
    assert not FrameworkVersion.objects.exists()

    page.select_option("#id_year", "2566")
    page.set_input_files("#id_file", str(edited))
    page.fill("#id_note", "ทดสอบการย้ายข้อ O18")
    page.click("[data-testid=framework-upload]")
    page.wait_for_url(f"{base}/frameworks/versions/*/")
    retitled = page.inner_text("[data-testid=diff-retitled]")
    assert "O1" in retitled and O1_TITLE in retitled and "oit.structure" in retitled
    moved = page.inner_text("[data-testid=diff-moved]")
    assert "O18" in moved and "9.2" in moved and "9.1 ข้อมูลพื้นฐาน" in moved
    assert page.locator("[data-testid=diff-added]").count() == 0
    assert "ร่าง" in page.inner_text("[data-testid=version-state]")

    page.click("[data-testid=framework-publish]")
    page.wait_for_selector("text=ประกาศใช้กรอบปี 2566")
    version = FrameworkVersion.objects.get()
    assert version.state == PUBLISHED and version.published_by.username == "t_admin"
    page.goto(f"{base}/frameworks/")
    row = page.inner_text("[data-testid=framework-year-2566]")
    assert "ฉบับที่ 1" in row and "t_admin" in row

    page.goto(f"{base}/assessments/{world.own_record.pk}/")
    assert "ฉบับที่มากับโปรแกรม" in page.inner_text("[data-testid=framework-used]")
    assert page.inner_text("[data-testid=total]") == "92.31"
    page.click("[data-testid=rescore-link]")
    page.wait_for_url(f"{base}/assessments/{world.own_record.pk}/rescore/")
    changes = page.inner_text("[data-testid=rescore-changes]")
    assert "ตัวชี้วัดที่ 9" in changes and "92.50" in changes and "93.18" in changes
    assert "ตัวชี้วัดย่อย 9.1" in changes and "90.91" in changes
    assert "คะแนนรวม" in changes and "92.31" in changes
    assert AssessmentRecord.objects.get(pk=world.own_record.pk).total == 92.31  # shown, not saved
    page.click("[data-testid=rescore-save]")
    page.wait_for_url(f"{base}/assessments/{world.own_record.pk}/")
    record = AssessmentRecord.objects.get(pk=world.own_record.pk)
    assert record.framework_version == version and record.indicators["9"] == 93.18
    assert page.inner_text("[data-testid=total]") == f"{record.total:.2f}" != "92.31"
    assert "ฉบับที่ 1" in page.inner_text("[data-testid=framework-used]")
    assert page.locator("[data-testid=rescore-link]").count() == 0
