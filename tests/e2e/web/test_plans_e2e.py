"""End-to-end in headless Chromium (Debian's /usr/bin/chromium driven by Playwright) against a live server: an agency
editor drafts the measures plan from the agency's analysis, assigns a work group and a person to a measure, records a
quarter's progress with an uploaded file, and downloads the O43 progress report, which is parsed back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document

from prongsai.web.plans.models import EvidenceRevision, Measure, MeasureProgress, Plan
from tests.support.browser import login
from tests.support.plans_world import PDF
from tests.support.web_world import PASSWORD, World, build_world


def test_editor_drafts_assigns_reports_progress_and_downloads_o43(
    live_server: Any, transactional_db: Any, page: Any, tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    world: World = build_world()
    base = live_server.url
    page.set_default_timeout(30_000)  # drafting and rendering the O43 document take longer than a click
    login(page, base, "t_agency_editor", PASSWORD)
    page.wait_for_url(f"{base}/agencies/{world.own.pk}/")

    page.click("[data-testid=plans-link]")
    page.select_option("#id_year", "2567")
    page.check("input[name=mode][value=draft]")
    page.fill("#id_threshold", "๙๐")
    page.click("[data-testid=create-plan]")
    page.wait_for_url(f"{base}/plans/*/")
    plan = Plan.objects.get(organisation=world.own, year=2567)
    measures = page.locator("[data-testid=measure]")
    assert measures.count() == plan.measures.count() >= 10
    assert "O30" in page.inner_text("main") and "I17" in page.inner_text("main")
    first = Measure.objects.get(plan=plan, number=1)
    assert first.text in measures.first.inner_text()

    measures.first.locator("[data-testid=edit-measure]").click()
    page.wait_for_url(f"{base}/measures/{first.pk}/")
    page.check("label:has-text('กองคลังทดสอบ') input")
    page.check("label:has-text('t_agency_editor') input")
    page.click("[data-testid=save-measure]")
    page.wait_for_url(f"{base}/plans/{plan.pk}/*")
    responsible = page.locator(f"#measure-{first.pk} [data-testid=responsible]").inner_text()
    assert "กองคลังทดสอบ" in responsible and "t_agency_editor" in responsible
    assert [u.username for u in first.people.all()] == ["t_agency_editor"]

    page.click("[data-testid=progress-link]")
    page.click("nav.tabs >> text=ไตรมาสที่ 1")
    page.wait_for_url(f"{base}/plans/{plan.pk}/progress/1/")
    page.locator("[data-testid=progress-measure]").first.locator("[data-testid=record-progress]").click()
    page.wait_for_url(f"{base}/measures/{first.pk}/progress/1/")
    done = "จัดประชุมชี้แจงบุคลากรเรื่องงบประมาณแล้ว 2 ครั้ง มีผู้เข้าร่วม 85 คน"
    page.select_option("#id_status", "in_progress")
    page.fill("#id_done", done)
    page.fill("#id_problems", "บุคลากรบางกองติดภารกิจภาคสนาม")
    step = first.steps.order_by("number").first()
    page.select_option(f"#step-{step.pk}-status", "done")
    page.click("[data-testid=save-progress]")
    page.wait_for_selector("text=บันทึกผลไตรมาสที่ 1")
    evidence = tmp_path / "รายงานการประชุม.pdf"
    evidence.write_bytes(PDF)
    page.fill("#id_title", "รายงานการประชุมชี้แจงงบประมาณ")
    page.set_input_files("#id_file", str(evidence))
    page.click("[data-testid=add-evidence]")
    page.wait_for_selector("[data-testid=evidence]")
    assert "รายงานการประชุมชี้แจงงบประมาณ" in page.inner_text("[data-testid=evidence]")
    assert MeasureProgress.objects.get(measure=first, quarter=1).done == done
    revision = EvidenceRevision.objects.get(evidence__measure=first)
    assert revision.original_name == "รายงานการประชุม.pdf" and Path(revision.file.path).read_bytes() == PDF

    page.click(f"a[href='/plans/{plan.pk}/#measure-{first.pk}']")
    page.click("[data-testid=progress-link]")
    page.click("nav.tabs >> text=ไตรมาสที่ 1")
    with page.expect_download() as download:
        page.click("[data-testid=quarter-docx]")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    document = Document(str(saved))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "รายงานผลการดำเนินการตามมาตรการ" in text and world.own.name in text
    assert first.text in text and done in cells
    assert "บุคลากรบางกองติดภารกิจภาคสนาม" in cells and "รายงานการประชุมชี้แจงงบประมาณ" in cells
    assert "อยู่ระหว่างดำเนินการ" in cells
