"""End-to-end in headless Chromium (Debian's /usr/bin/chromium driven by Playwright) against a live server.

Flow 1: an agency editor logs in, uploads a seed result file, sees the right total and level, downloads the
report, and is refused another agency's page. Flow 2: an oversight user sees dashboard figures computed from
its agencies."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from docx import Document

from prongsai.ita.numbers import round2
from prongsai.web.assessments.models import AssessmentRecord
from prongsai.web.core.demo import DEMO_PASSWORD, load_demo
from prongsai.web.organisations.models import Organisation
from tests.support.browser import login
from tests.support.cli import SAMPLES
from tests.support.web_world import PASSWORD, World, build_world


def test_agency_editor_uploads_sees_downloads_and_is_refused_elsewhere(
    live_server: Any, transactional_db: Any, page: Any, tmp_path: Path
) -> None:
    world: World = build_world()
    world.own_record.delete()
    base = live_server.url
    login(page, base, "t_agency_editor", PASSWORD)
    page.wait_for_url(f"{base}/agencies/{world.own.pk}/")
    assert page.locator("h1").inner_text() == world.own.name

    page.click("text=อัปโหลดผลคะแนน")
    page.select_option("#id_year", "2566")
    page.set_input_files("#id_file", str(SAMPLES / "angthong_pao_2566.csv"))
    page.click("text=ตรวจไฟล์และดูผล")
    assert page.inner_text("[data-testid=preview-total]") == "92.31"
    assert page.inner_text("[data-testid=preview-level]") == "ผ่าน"
    assert not AssessmentRecord.objects.filter(organisation=world.own).exists()
    page.click("text=ยืนยันและบันทึก")
    page.wait_for_url(f"{base}/assessments/*/")
    assert page.inner_text("[data-testid=total]") == "92.31"
    assert page.inner_text("[data-testid=level]") == "ผ่าน"
    assert "ตัวชี้วัดที่ 7 = 83.96 < 85" in page.inner_text("main")
    assert "O18" in page.inner_text("[data-testid=failed-oit]")

    with page.expect_response(lambda r: "/download/docx/" in r.url) as answer, page.expect_download() as download:
        page.click("[data-testid=download-docx]")
    response = answer.value
    assert response.status == 200
    assert response.headers["content-type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.suffix == ".docx" and saved.stat().st_size > 0
    document = Document(str(saved))  # the CLI's analysis report: this agency's figures and its drafted plan
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert world.own.name in text and "92.31" in text + cells
    assert "O30" in cells and "O18" in cells  # the failed OIT items are answered by plan rows

    for url in (
        f"/agencies/{world.sibling.pk}/",
        f"/assessments/{world.sibling_record.pk}/",
        f"/agencies/{world.sibling.pk}/upload/",
    ):
        answer_page = page.goto(base + url)
        assert answer_page.status == 404, url
        assert world.sibling.name not in page.content()
        assert "ไม่พบข้อมูลนี้ หรือท่านไม่มีสิทธิ์เห็น" in page.content()


def test_oversight_user_sees_figures_computed_from_its_agencies(
    live_server: Any, transactional_db: Any, page: Any
) -> None:
    load_demo()
    province = Organisation.objects.get(name="จังหวัดสาธิต")
    totals = [
        round2(t)
        for t in AssessmentRecord.objects.filter(organisation__path__startswith=province.path, year=2568).values_list(
            "total", flat=True
        )
    ]
    at_pass = sum(t >= 85 for t in totals)
    base = live_server.url
    login(page, base, "province", DEMO_PASSWORD)
    page.wait_for_url(f"{base}/dashboards/{province.pk}/")
    assert page.inner_text("[data-testid=count]") == str(len(totals))
    assert page.inner_text("[data-testid=mean]") == f"{round2(sum(totals) / len(totals)):.2f}"
    assert page.inner_text("[data-testid=share]") == f"{round2(at_pass / len(totals) * 100):.2f}%"
    assert f"{at_pass} จาก {len(totals)} หน่วยงาน" in page.inner_text("[data-testid=target-sentence]")
    rows = page.locator("[data-testid=agencies] tbody tr")
    assert rows.count() == len(totals)
    shown = [float(t) for t in page.locator("[data-testid=row-total]").all_inner_texts()]
    assert shown == sorted(totals, reverse=True)

    page.select_option("#f-year", "2565")
    page.click("text=แสดง")
    page.wait_for_url("**year=2565**")
    totals_2565 = AssessmentRecord.objects.filter(organisation__path__startswith=province.path, year=2565)
    assert page.inner_text("[data-testid=count]") == str(totals_2565.count())
    assert page.goto(f"{base}/dashboards/{Organisation.objects.get(kind='national').pk}/").status == 404


def test_menu_is_a_row_on_a_desktop_and_opens_on_a_phone(live_server: Any, transactional_db: Any, page: Any) -> None:
    build_world()
    base = live_server.url
    login(page, base, "t_agency_editor", PASSWORD)  # the page fixture is phone-sized
    page.wait_for_load_state()
    assert not page.is_visible("text=ออกจากระบบ")
    page.click("text=เมนู")
    assert page.is_visible("text=ออกจากระบบ")
    page.set_viewport_size({"width": 1200, "height": 800})
    page.reload()
    assert not page.is_visible("text=เมนู") and page.is_visible("text=ออกจากระบบ")
    # the agency's admin has the longest row, here with a long name; whole links wrap, none breaks inside itself
    admin = get_user_model().objects.get(username="t_agency_admin")
    admin.first_name, admin.last_name = "ผู้ดูแลหน่วยงาน", "องค์การบริหารส่วนจังหวัดอ่างทอง (ทดสอบ)"
    admin.save()
    page.click("text=ออกจากระบบ")
    login(page, base, "t_agency_admin", PASSWORD)
    for width in (800, 1024, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        page.reload()
        lines = page.eval_on_selector_all(
            ".top .brand, .menu nav a, .menu nav button",
            """els => els.map(e => {
                const range = document.createRange();
                range.selectNodeContents(e);
                const rects = [...range.getClientRects()].sort((a, b) => a.top - b.top);
                let lines = 1, bottom = rects[0].bottom;  // a rect starting below the line so far starts a new line
                for (const r of rects) {
                    if (r.top >= bottom - 1) { lines += 1; bottom = r.bottom; }
                    else { bottom = Math.max(bottom, r.bottom); }
                }
                return [e.textContent.trim(), lines];
            })""",
        )
        assert all(count == 1 for _, count in lines), (width, lines)
