"""End-to-end in headless Chromium: an officer changes their own password through the menu; an agency administrator
gives a colleague a temporary password, and the colleague is held on the password change page until they choose
their own; an API token is made, shown once, and revoked."""

from __future__ import annotations

from typing import Any

from prongsai.web.api.models import ApiToken
from tests.support.browser import login, new_page
from tests.support.web_world import PASSWORD, World, build_world

NEW_PASSWORD = "ทะเลสาบ-สีคราม-2569"


def _change_password(page: Any, old: str, new: str) -> None:
    page.fill("#id_old_password", old)
    page.fill("#id_new_password1", new)
    page.fill("#id_new_password2", new)
    page.click("text=บันทึกรหัสผ่านใหม่")
    page.wait_for_load_state()


def test_an_officer_changes_their_password(live_server: Any, transactional_db: Any, page: Any) -> None:
    build_world()
    base = live_server.url
    login(page, base, "t_agency_editor", PASSWORD)
    page.click("label.menu-button")  # the phone menu
    page.click("nav >> text=เปลี่ยนรหัสผ่าน")
    page.wait_for_url(f"{base}/accounts/password/")
    assert "อย่างน้อย 10 ตัวอักษร" in page.inner_text("#password-rules")
    _change_password(page, PASSWORD, "1234567890")
    assert "ตัวเลขทั้งหมด" in page.inner_text("main")
    _change_password(page, PASSWORD, NEW_PASSWORD)
    assert "เปลี่ยนรหัสผ่านเรียบร้อยแล้ว" in page.inner_text("main")
    page.context.clear_cookies()
    login(page, base, "t_agency_editor", PASSWORD)
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in page.inner_text("main")
    login(page, base, "t_agency_editor", NEW_PASSWORD)
    assert "/accounts/login/" not in page.url


def test_a_temporary_password_is_changed_at_the_next_login(
    live_server: Any, transactional_db: Any, browser: Any, page: Any
) -> None:
    world: World = build_world()
    base = live_server.url
    login(page, base, "t_agency_admin", PASSWORD)
    page.goto(f"{base}/organisations/{world.own.pk}/members/")
    row = page.locator("tr", has_text="t_agency_viewer")
    row.locator("text=ตั้งรหัสผ่านชั่วคราว").click()
    page.click("button:has-text('ตั้งรหัสผ่านชั่วคราว')")
    temporary = page.inner_text("#temporary-password")
    assert len(temporary) == 14

    colleague = new_page(browser)
    try:
        login(colleague, base, "t_agency_viewer", temporary)
        colleague.wait_for_url(f"{base}/accounts/password/")
        assert "รหัสผ่านชั่วคราว" in colleague.inner_text("main")
        colleague.goto(f"{base}/agencies/{world.own.pk}/")
        assert colleague.url == f"{base}/accounts/password/", "held on the change page until done"
        _change_password(colleague, temporary, NEW_PASSWORD)
        colleague.goto(f"{base}/agencies/{world.own.pk}/")
        assert colleague.url == f"{base}/agencies/{world.own.pk}/"
        assert colleague.locator("h1").inner_text() == world.own.name
    finally:
        colleague.context.close()
    page.goto(f"{base}/organisations/{world.own.pk}/members/")
    assert "รอเปลี่ยนรหัสผ่าน" not in page.locator("tr", has_text="t_agency_viewer").inner_text()


def test_an_api_token_is_shown_once_and_revoked(live_server: Any, transactional_db: Any, page: Any) -> None:
    build_world()
    base = live_server.url
    login(page, base, "t_oversight", PASSWORD)
    page.goto(f"{base}/accounts/tokens/")
    page.fill("#id_name", "ระบบรายงานกระทรวง")
    page.select_option("#id_days", "30")
    page.click("button:has-text('ออกโทเคน')")
    token = page.inner_text("#new-token")
    assert token.startswith("ps_")
    answer = page.request.get(f"{base}/api/v1/assessments/", headers={"Authorization": f"Bearer {token}"})
    assert answer.status == 200
    page.goto(f"{base}/accounts/tokens/")
    assert token not in page.content()
    row = page.locator("tr", has_text="ระบบรายงานกระทรวง")
    row.locator("button:has-text('เพิกถอน')").click()
    page.wait_for_load_state()
    assert "ถูกเพิกถอน" in page.locator("tr", has_text="ระบบรายงานกระทรวง").inner_text()
    assert ApiToken.objects.get(prefix=token[:10]).revoked
    answer = page.request.get(f"{base}/api/v1/assessments/", headers={"Authorization": f"Bearer {token}"})
    assert answer.status == 401 and "เพิกถอน" in answer.json()["detail"]
