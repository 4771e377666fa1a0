"""The OIT board in headless Chromium (Debian's /usr/bin/chromium driven by Playwright) against a live server.

An editor creates the 2566 board, assigns the procurement items to a work group and a person with a due date
typed in BE (already past, so they are overdue), adds an evidence link to one and submits it; the agency
administrator approves it; the board then shows it approved and the others still flagged as overdue, and the
website administrator's list has it. Screenshots of the demo board: tools/screenshots.py."""

from __future__ import annotations

from typing import Any

from prongsai.web.oitboard.models import OitBoard, OitItem
from tests.support.browser import DESKTOP, PHONE, login, new_page
from tests.support.web_world import PASSWORD, World, build_world


def test_assign_submit_approve_and_see_overdue(live_server: Any, transactional_db: Any, browser: Any) -> None:
    world: World = build_world()
    base = live_server.url
    editor = new_page(browser, PHONE)
    login(editor, base, "t_agency_editor", PASSWORD)
    editor.wait_for_url(f"{base}/agencies/{world.own.pk}/")
    editor.click("[data-testid=oit-board-link]")
    editor.select_option("#id_year", "2566")
    editor.click("button:has-text('สร้างกระดาน')")
    editor.wait_for_url(f"{base}/agencies/{world.own.pk}/oit/2566/")
    assert editor.inner_text("[data-testid=count-total]") == "43"
    assert editor.inner_text("[data-testid=count-overdue]") == "0"

    # assign the four procurement items (9.3) one by one: group, person, a past due date in BE with Thai digits
    board = OitBoard.objects.get(organisation=world.own, year=2566)
    codes = ["O19", "O20", "O21", "O22"]
    for code in codes:
        editor.check(f"[data-testid=row-{code}] input[name=items]")
    editor.select_option("#id_workgroup", label="กองคลังทดสอบ")
    editor.select_option("#id_assignee", value=str(world.users["agency_editor"].pk))
    editor.fill("#id_due", "๑๑/๐๔/๒๕๖๖")
    editor.click("[data-testid=assign]")
    editor.wait_for_load_state()
    assert "มอบหมายแล้ว 4 ข้อ" in editor.inner_text("main")
    for code in codes:
        row = editor.inner_text(f"[data-testid=row-{code}]")
        assert "กองคลังทดสอบ" in row and "11 เม.ย. 2566" in row and "t_agency_editor" in row
        assert editor.is_visible(f"[data-testid=overdue-{code}]")
    assert editor.inner_text("[data-testid=count-overdue]") == "4"
    assert set(OitItem.objects.filter(board=board, code__in=codes).values_list("workgroup__name", flat=True)) == {
        "กองคลังทดสอบ"
    }

    # evidence link on O19, then submit it for review
    editor.click("[data-testid=row-O19] a")
    editor.fill("#id_urls", "https://www.example.org/ita/2566/procurement-plan")
    editor.click("[data-testid=save-item]")
    editor.wait_for_load_state()
    assert "บันทึกข้อ O19 แล้ว" in editor.inner_text("main")
    assert editor.is_visible("text=https://www.example.org/ita/2566/procurement-plan")
    assert not editor.is_visible("[data-testid=to-approved]")  # editors submit; they do not approve
    editor.click("[data-testid=to-submitted]")
    editor.wait_for_load_state()
    assert editor.inner_text("[data-testid=status]") == "ส่งตรวจ"
    item = OitItem.objects.get(board=board, code="O19")
    assert item.status == "submitted" and item.links.get().url.endswith("/procurement-plan")
    editor.context.close()

    # the agency administrator approves it
    admin = new_page(browser, DESKTOP)
    login(admin, base, "t_agency_admin", PASSWORD)
    admin.goto(f"{base}/agencies/{world.own.pk}/oit/2566/?status=submitted")
    assert admin.locator("table.board tr.item-row").count() == 1
    admin.click("[data-testid=row-O19] a")
    admin.fill("#status-comment", "แผนจัดซื้อจัดจ้างถูกต้อง เผยแพร่ได้")
    admin.click("[data-testid=to-approved]")
    admin.wait_for_load_state()
    assert admin.inner_text("[data-testid=status]") == "อนุมัติแล้ว"
    assert "แผนจัดซื้อจัดจ้างถูกต้อง เผยแพร่ได้" in admin.inner_text("[data-testid=history]")
    assert not admin.is_visible("[data-testid=overdue]")  # approved: no longer overdue
    assert OitItem.objects.get(pk=item.pk).status == "approved"

    # the board: O19 approved, the other three still flagged, with words and a sign
    admin.goto(f"{base}/agencies/{world.own.pk}/oit/2566/")
    assert admin.inner_text("[data-testid=count-approved]") == "1"
    assert admin.inner_text("[data-testid=count-overdue]") == "3"
    assert "อนุมัติแล้ว" in admin.inner_text("[data-testid=row-O19]")
    assert not admin.is_visible("[data-testid=overdue-O19]")
    flag = admin.inner_text("[data-testid=overdue-O20]")
    assert flag.startswith("⚠ เลยกำหนด") and flag.endswith("วัน")
    admin.check("#id_overdue")
    admin.click("form.filters button[type=submit]")
    admin.wait_for_url("**overdue=on**")
    shown = admin.locator("table.board tr.item-row").evaluate_all("rows => rows.map(r => r.dataset.testid)")
    assert shown == ["row-O20", "row-O21", "row-O22"]
    admin.click("text=รายการสำหรับผู้ดูแลเว็บไซต์")
    assert "https://www.example.org/ita/2566/procurement-plan" in admin.inner_text("[data-testid=publish-O19]")
    admin.context.close()
