"""The driving KPI in headless Chromium: a province's own oversight user ticks criteria with evidence and sees the
level reached change, including the rule that a level counts only when every lower level is met; the page is
photographed at phone and desktop width (set PRONGSAI_SCREENSHOTS=DIR to keep the pictures)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from prongsai.web.accounts.models import OVERSIGHT
from prongsai.web.accounts.services import create_member
from prongsai.web.kpi.models import KpiCheck
from tests.support.browser import DESKTOP, PHONE, login
from tests.support.web_world import PASSWORD, World, build_world


def _tick(page: Any, key: str, *, note: str = "", links: str = "", met: bool = True) -> None:
    """Open a criterion's form, set it and save; the page comes back with the criterion in view."""
    box = page.locator(f"[data-testid=criterion-{key}]")
    if box.locator("details").get_attribute("open") is None:  # open already after a refused save
        box.locator("summary").click()
    checkbox = box.locator(f"#id_{key}-met")
    checkbox.check() if met else checkbox.uncheck()
    box.locator(f"#id_{key}-note").fill(note)
    box.locator(f"#id_{key}-links").fill(links)
    box.locator("button[type=submit]").click()
    page.wait_for_load_state()


def _level(page: Any) -> str:
    return page.inner_text("[data-testid=kpi-level]")


def _status(page: Any, level: int) -> str:
    return page.inner_text(f"[data-testid=level-{level}-status]")


def _shoot(page: Any, tmp_path: Path, name: str, around: str = "") -> None:
    """Full-page pictures at phone and desktop width (only `around` when given); neither may scroll sideways."""
    folder = Path(os.environ.get("PRONGSAI_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        shot = folder / f"{name}-{label}.png"
        if around:
            page.locator(around).screenshot(path=str(shot))
        else:
            page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 5_000
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= size["width"], f"{label}: the page is wider than the screen ({width}px)"
    page.set_viewport_size(PHONE)


def test_province_user_ticks_criteria_and_sees_the_level(
    live_server: Any, transactional_db: Any, page: Any, tmp_path: Path
) -> None:
    world: World = build_world()
    create_member(
        actor=None,
        organisation=world.province,
        username="t_province",
        password=PASSWORD,
        role=OVERSIGHT,
        full_name="ผู้กำกับดูแลจังหวัดทดสอบ",
        validate=False,
    )
    base = live_server.url
    login(page, base, "t_province", PASSWORD)
    page.wait_for_url(f"{base}/dashboards/{world.province.pk}/")
    page.click("text=ตัวชี้วัดการขับเคลื่อน ITA")
    page.wait_for_url(f"{base}/kpi/{world.province.pk}/")
    page.fill("#kpi-year", "๒๕๖๘")  # Thai digits, as typed on a Thai keyboard
    page.click("#kpi-year-form button")
    page.wait_for_url(f"{base}/kpi/{world.province.pk}/2568/")
    assert _level(page) == "0" and _status(page, 1) == "ยังไม่ครบ"

    # Level 3 first: complete, but it does not count while levels 1 and 2 are open.
    _tick(
        page,
        "cascade",
        note="คำสั่งจังหวัดที่ 15/2568 มอบหมายผู้อำนวยการกลุ่มงานทุกกลุ่ม",
        links="https://www.example.go.th/ita/order-15.pdf",
    )
    _tick(page, "web_admin", note="มอบหมายนักวิชาการคอมพิวเตอร์ดูแลเว็บไซต์")
    assert _level(page) == "0"
    assert _status(page, 3) == "ครบแล้ว แต่ยังไม่นับ เพราะระดับ 1 ยังไม่ครบ"
    assert "ระดับที่ได้ตอนนี้คือระดับ 0" in page.inner_text("[role=status]")

    # Ticking without evidence is refused with a message, and nothing changes.
    _tick(page, "review")
    assert "กรุณาระบุหลักฐานอย่างน้อยหนึ่งอย่าง" in page.inner_text("[data-testid=criterion-review]")
    assert _level(page) == "0"
    assert not KpiCheck.objects.filter(criterion="review").exists()
    _shoot(page, tmp_path, "kpi-province-refused", around="[data-testid=criterion-review]")

    _tick(page, "review", note="ประชุมคณะทำงานขับเคลื่อน ITA ครั้งที่ ๑/๒๕๖๘")
    assert _level(page) == "1"
    assert _status(page, 1) == "ได้ระดับนี้แล้ว"
    assert _status(page, 3) == "ครบแล้ว แต่ยังไม่นับ เพราะระดับ 2 ยังไม่ครบ"
    assert "จัดทำแผนขับเคลื่อน" in page.inner_text("[data-testid=kpi-missing]")

    _tick(page, "plan", links="https://www.example.go.th/ita/plan-2568.pdf")
    assert _level(page) == "3"
    assert _status(page, 3) == "ได้ระดับนี้แล้ว"
    missing = page.inner_text("[data-testid=kpi-missing]")
    assert "ประชาสัมพันธ์แผนขับเคลื่อน" in missing and "รายงานผล" not in missing
    review = page.inner_text("[data-testid=criterion-review]")
    assert "ดำเนินการแล้วโดย ผู้กำกับดูแลจังหวัดทดสอบ" in review and "พ.ศ." not in review
    assert page.is_visible("a[href='https://www.example.go.th/ita/plan-2568.pdf']")
    _tick(page, "publicise", note="เผยแพร่แผนบนเว็บไซต์จังหวัดแล้ว")  # level 4 started, not complete
    _shoot(page, tmp_path, "kpi-province-2568")

    # Unticking level 1 drops the level to 0 again: a level never counts over a gap.
    _tick(page, "review", met=False, note="ประชุมคณะทำงานขับเคลื่อน ITA ครั้งที่ ๑/๒๕๖๘")
    assert _level(page) == "0" and _status(page, 2) == "ครบแล้ว แต่ยังไม่นับ เพราะระดับ 1 ยังไม่ครบ"
    checks = {c.criterion: c for c in KpiCheck.objects.filter(kpi__organisation=world.province, kpi__year=2568)}
    assert {k for k, c in checks.items() if c.met} == {"plan", "cascade", "web_admin", "publicise"}
    assert checks["review"].note == "ประชุมคณะทำงานขับเคลื่อน ITA ครั้งที่ ๑/๒๕๖๘"

    page.goto(f"{base}/kpi/{world.province.pk}/")
    assert page.inner_text("[data-testid=kpi-year-2568]") == "ระดับ 0 จาก 5"
    _shoot(page, tmp_path, "kpi-province-index")
