"""No silent loss on the plans pages (issue 13 point 1), in headless Chromium against a live server: an officer
types everything on a page and presses its buttons in the natural order, and every value is then in the database;
leaving a changed form asks first; and of two people saving the same measure, the second is refused with what
changed (issue 12 point 4), the first one's change kept and the second one's typing still on the screen.

The selectors are those both the page before this change and after it have, so these tests fail on the old page."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from prongsai.web.plans.models import EvidenceRevision, Measure, MeasureProgress, Plan
from prongsai.web.plans.services import BLANK, add_step, create_plan, save_measure
from tests.support.browser import DESKTOP, login, new_page
from tests.support.plans_world import PDF
from tests.support.web_world import PASSWORD, World, build_world

SHOTS = os.environ.get("PRONGSAI_SCREENSHOTS", "")  # a folder to keep pictures of the pages in, when set


def _measure(world: World) -> tuple[Plan, Measure]:
    plan = create_plan(actor=None, organisation=world.own, year=2567, mode=BLANK)
    measure = save_measure(actor=None, plan=plan, text="ชี้แจงบุคลากรเรื่องการเปิดเผยข้อมูล", questions=["I1"])
    add_step(actor=None, measure=measure, text="จัดทำหนังสือแจ้งเวียน", due=dt.date(2023, 11, 30))
    add_step(actor=None, measure=measure, text="จัดประชุมชี้แจง", due=None)
    return plan, measure


def _shot(page: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def _step_rows(page: Any) -> Any:
    return page.locator("[data-testid=step]")


def _new_step_row(page: Any) -> Any:
    # The blank row of the measure form, or (before the change) the separate "add a step" form.
    return page.locator("[data-testid=new-step], form:has(#new-step-text)").first


def test_measure_page_keeps_every_typed_value(live_server: Any, transactional_db: Any, page: Any) -> None:
    world = build_world()
    _, measure = _measure(world)
    first, second = measure.steps.order_by("number")
    base = live_server.url
    login(page, base, "t_agency_editor", PASSWORD)
    page.goto(f"{base}/measures/{measure.pk}/")
    page.fill("#id_text", "ชี้แจงบุคลากรทุกกองเรื่องการเปิดเผยข้อมูล")
    page.fill("#id_theme", "การเปิดเผยข้อมูล")
    page.check("label:has-text('กองคลังทดสอบ') input")
    page.fill("#id_deadline", "๓๐ ก.ย. ๒๕๖๗")
    rows = _step_rows(page)
    rows.nth(0).locator("input[name$='due']").fill("15/12/2566")
    rows.nth(1).locator("input[name$='due']").fill("31 ม.ค. 2567")
    _new_step_row(page).locator("textarea[name$='text']").fill("สรุปผลการชี้แจง")
    _new_step_row(page).locator("input[name$='due']").fill("28/02/2567")
    _shot(page, "measure-typed-phone")
    page.click("[data-testid=save-measure]")
    page.wait_for_load_state()

    measure.refresh_from_db()
    assert measure.text == "ชี้แจงบุคลากรทุกกองเรื่องการเปิดเผยข้อมูล" and measure.theme == "การเปิดเผยข้อมูล"
    assert measure.deadline == dt.date(2024, 9, 30)
    assert [u.name for u in measure.units.all()] == ["กองคลังทดสอบ"]
    steps = [(s.text, s.due) for s in measure.steps.order_by("number")]
    assert steps == [
        ("จัดทำหนังสือแจ้งเวียน", dt.date(2023, 12, 15)),
        ("จัดประชุมชี้แจง", dt.date(2024, 1, 31)),
        ("สรุปผลการชี้แจง", dt.date(2024, 2, 28)),
    ]
    assert first.pk == measure.steps.get(number=1).pk and second.pk == measure.steps.get(number=2).pk

    # A step's ↓ button also keeps what was typed above it.
    page.goto(f"{base}/measures/{measure.pk}/")
    page.fill("#id_period", "ตุลาคม 2566 - กันยายน 2567")
    _step_rows(page).nth(0).locator("button[value$='down']").click()
    page.wait_for_load_state()
    measure.refresh_from_db()
    assert measure.period == "ตุลาคม 2566 - กันยายน 2567"
    assert [s.pk for s in measure.steps.order_by("number")][:2] == [second.pk, first.pk]


def test_progress_page_keeps_text_when_evidence_is_added(
    live_server: Any, transactional_db: Any, page: Any, tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    world = build_world()
    _, measure = _measure(world)
    step = measure.steps.order_by("number").first()
    base = live_server.url
    login(page, base, "t_agency_editor", PASSWORD)
    page.goto(f"{base}/measures/{measure.pk}/progress/1/")
    page.select_option("#id_status", "in_progress")
    page.fill("#id_done", "ส่งหนังสือแจ้งเวียนทุกกองแล้ว")
    page.fill("#id_problems", "บางกองตอบรับล่าช้า")
    page.select_option(f"#step-{step.pk}-status", "done")
    page.fill(f"#step-{step.pk}-done", "ลงนามหนังสือแล้ว")
    file = tmp_path / "หนังสือแจ้งเวียน.pdf"
    file.write_bytes(PDF)
    page.fill("#id_title", "หนังสือแจ้งเวียน")
    page.set_input_files("#id_file", str(file))
    page.click("[data-testid=add-evidence]")
    page.wait_for_selector("[data-testid=evidence]")

    record = MeasureProgress.objects.get(measure=measure, quarter=1)
    assert (record.status, record.done, record.problems) == ("in_progress", "ส่งหนังสือแจ้งเวียนทุกกองแล้ว", "บางกองตอบรับล่าช้า")
    assert step.progress.get(quarter=1).done == "ลงนามหนังสือแล้ว"
    evidence = measure.evidence.get()
    assert evidence.title == "หนังสือแจ้งเวียน"

    # The next button in the page's order: a new revision of that file, after more text was typed.
    page.fill("#id_done", "ส่งหนังสือแจ้งเวียนทุกกองแล้ว และติดตามครบทุกกอง")
    second = tmp_path / "หนังสือแจ้งเวียน-แก้ไข.pdf"
    second.write_bytes(PDF + b"%revised\n")
    page.set_input_files(f"#revise-{evidence.pk}", str(second))
    page.locator(f"#evidence-{evidence.pk} button").click()
    page.wait_for_selector("[data-testid=revision-2]")
    record.refresh_from_db()
    assert record.done == "ส่งหนังสือแจ้งเวียนทุกกองแล้ว และติดตามครบทุกกอง"
    assert EvidenceRevision.objects.filter(evidence=evidence).count() == 2
    _shot(page, "progress-saved-phone")


def test_leaving_a_changed_form_asks_first(live_server: Any, transactional_db: Any, page: Any) -> None:
    world = build_world()
    _, measure = _measure(world)
    base = live_server.url
    login(page, base, "t_agency_editor", PASSWORD)
    page.goto(f"{base}/measures/{measure.pk}/")
    page.fill("#id_monitoring", "รายงานผู้บริหารทุกไตรมาส")
    asked: list[str] = []

    def answer(dialog: Any) -> None:
        asked.append(dialog.type)
        dialog.dismiss()  # "stay on this page"

    page.on("dialog", answer)
    page.click("a.button.secondary:has-text('กลับไปที่แผน')")
    assert asked == ["beforeunload"]
    assert page.url == f"{base}/measures/{measure.pk}/"
    assert page.input_value("#id_monitoring") == "รายงานผู้บริหารทุกไตรมาส"


def test_second_of_two_saves_is_refused_with_what_changed(
    live_server: Any, transactional_db: Any, browser: Any
) -> None:
    world = build_world()
    plan, measure = _measure(world)
    base = live_server.url
    editor, admin = new_page(browser, DESKTOP), new_page(browser)
    try:
        login(editor, base, "t_agency_editor", PASSWORD)
        login(admin, base, "t_agency_admin", PASSWORD)
        for page in (editor, admin):
            page.goto(f"{base}/measures/{measure.pk}/")
        editor.fill("#id_text", "ชี้แจงบุคลากรเรื่องการเปิดเผยข้อมูลผ่านเว็บไซต์")
        editor.click("[data-testid=save-measure]")
        editor.wait_for_url(f"{base}/plans/{plan.pk}/*")
        admin.fill("#id_period", "ไตรมาสที่ 1-2")
        admin.click("[data-testid=save-measure]")
        admin.wait_for_load_state()
        alert = admin.inner_text("[data-testid=form-errors]")
        assert "มีผู้อื่นแก้ไขมาตรการนี้" in alert
        assert 'มาตรการ: จาก "ชี้แจงบุคลากรเรื่องการเปิดเผยข้อมูล" เป็น "ชี้แจงบุคลากรเรื่องการเปิดเผยข้อมูลผ่านเว็บไซต์"' in alert
        measure.refresh_from_db()
        assert measure.text == "ชี้แจงบุคลากรเรื่องการเปิดเผยข้อมูลผ่านเว็บไซต์" and measure.period == ""
        assert admin.input_value("#id_period") == "ไตรมาสที่ 1-2"
        _shot(admin, "measure-conflict-phone")
        # Saving again after reading the message is the admin's informed choice, and it goes through.
        admin.click("[data-testid=save-measure]")
        admin.wait_for_url(f"{base}/plans/{plan.pk}/*")
        measure.refresh_from_db()
        assert measure.period == "ไตรมาสที่ 1-2"
    finally:
        editor.context.close()
        admin.context.close()


def test_oit_item_page_keeps_links_typed_before_submitting(live_server: Any, transactional_db: Any, page: Any) -> None:
    from prongsai.web.oitboard.models import OitItem
    from prongsai.web.oitboard.services import create_board

    world = build_world()
    board = create_board(actor=None, organisation=world.own, year=2566)
    item = board.items.get(code="O1")
    base = live_server.url
    login(page, base, "t_agency_editor", PASSWORD)
    page.goto(f"{base}/oit/items/{item.pk}/")
    page.fill("#id_urls", "https://www.example.go.th/ita/structure")
    page.fill("#id_due", "๑๑/๐๔/๒๕๖๗")
    page.fill("#status-comment", "แนบแผนผังโครงสร้างแล้ว")
    page.click("[data-testid=to-submitted]")
    page.wait_for_load_state()
    item = OitItem.objects.get(pk=item.pk)
    assert [link.url for link in item.links.all()] == ["https://www.example.go.th/ita/structure"]
    assert item.due == dt.date(2024, 4, 11) and item.status == "submitted"
    assert item.comments.get().text == "แนบแผนผังโครงสร้างแล้ว"
    _shot(page, "oit-item-saved-phone")


def test_kpi_page_saves_every_criterion_typed(live_server: Any, transactional_db: Any, page: Any) -> None:
    from prongsai.web.kpi.models import KpiCheck

    world = build_world()
    base = live_server.url
    login(page, base, "t_agency_editor", PASSWORD)
    page.goto(f"{base}/kpi/{world.own.pk}/2566/")
    for key, note in (("review", "ประชุมคณะทำงานครั้งที่ 1/2566"), ("plan", "คำสั่งที่ 12/2566")):
        box = page.locator(f"[data-testid=criterion-{key}]")
        box.locator("summary").click()
        box.locator(f"#id_{key}-met").check()
        box.locator(f"#id_{key}-note").fill(note)
    page.locator("[data-testid=criterion-plan] button[type=submit]").click()
    page.wait_for_load_state()
    checks = {c.criterion: (c.met, c.note) for c in KpiCheck.objects.filter(kpi__organisation=world.own)}
    assert checks == {"review": (True, "ประชุมคณะทำงานครั้งที่ 1/2566"), "plan": (True, "คำสั่งที่ 12/2566")}
    assert page.inner_text("[data-testid=kpi-level]") == "2"


def test_board_asks_before_a_filter_drops_ticked_items(live_server: Any, transactional_db: Any, page: Any) -> None:
    from prongsai.web.oitboard.models import OitItem
    from prongsai.web.oitboard.services import create_board

    world = build_world()
    create_board(actor=None, organisation=world.own, year=2566)
    base = live_server.url
    login(page, base, "t_agency_editor", PASSWORD)
    page.goto(f"{base}/agencies/{world.own.pk}/oit/2566/")
    page.check("[data-testid=row-O19] input[name=items]")
    page.fill("#id_due", "๑๑/๐๔/๒๕๖๗")
    asked: list[str] = []

    def answer(dialog: Any) -> None:
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", answer)
    page.click("form.filters button[type=submit]")
    assert asked == ["beforeunload"]
    assert page.is_checked("[data-testid=row-O19] input[name=items]")
    page.click("[data-testid=assign]")  # its own button saves without asking
    page.wait_for_load_state()
    assert asked == ["beforeunload"]
    assert OitItem.objects.get(board__organisation=world.own, code="O19").due == dt.date(2024, 4, 11)
