"""Passwords (issue 12): everyone changes their own, with the rules shown first and Thai messages; an administrator
gives a temporary password that must be changed at the next login; the agency administrator manages members."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from prongsai.web.accounts.models import Membership
from prongsai.web.audit.models import AuditEvent
from tests.support.web_world import PASSWORD, World

NEW_PASSWORD = "ช้างเผือก-ยืนยง-2569"


def _login(username: str, password: str, address: str = "127.0.0.1") -> Client:
    client = Client(REMOTE_ADDR=address)
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code == 302, (username, response.status_code)
    return client


def _change(client: Client, old: str, new: str, again: str | None = None) -> object:
    return client.post(
        reverse("password_change"),
        {"old_password": old, "new_password1": new, "new_password2": new if again is None else again},
    )


def test_the_rules_are_shown_before_the_fields_in_thai(world: World) -> None:
    html = _login("t_agency_viewer", PASSWORD).get(reverse("password_change")).content.decode()
    rules = html.index('id="password-rules"')
    assert rules < html.index('name="old_password"') and rules < html.index('name="new_password1"')
    for rule in ("อย่างน้อย 10 ตัวอักษร", "ไม่เป็นตัวเลขทั้งหมด", "ไม่เป็นรหัสผ่านที่ใช้กันทั่วไป", "ไม่คล้ายกับชื่อผู้ใช้"):
        assert rule in html


def test_a_password_change_is_checked_with_thai_messages(world: World) -> None:
    client = _login("t_agency_viewer", PASSWORD)
    cases = [
        (("wrong-old-password", NEW_PASSWORD), "รหัสผ่านปัจจุบันไม่ถูกต้อง"),
        ((PASSWORD, "สั้น1"), "สั้นเกินไป"),
        ((PASSWORD, "12345678901234"), "ตัวเลขทั้งหมด"),
        ((PASSWORD, "password123"), "ใช้กันทั่วไป"),
        ((PASSWORD, "t_agency_viewer1"), "คล้ายกับชื่อผู้ใช้"),
        ((PASSWORD, NEW_PASSWORD, "another-one-entirely"), "ไม่ตรงกัน"),
    ]
    for args, message in cases:
        response = _change(client, *args)
        assert response.status_code == 400 and message in response.content.decode(), message
    assert get_user_model().objects.get(username="t_agency_viewer").check_password(PASSWORD), "nothing changed"


def test_changing_one_s_password_keeps_this_session_and_ends_the_others(world: World) -> None:
    here = _login("t_agency_editor", PASSWORD)
    elsewhere = _login("t_agency_editor", PASSWORD, "198.51.100.20")
    assert _change(here, PASSWORD, NEW_PASSWORD).status_code == 302
    assert here.get(reverse("agency", args=[world.own.pk])).status_code == 200
    assert elsewhere.get(reverse("agency", args=[world.own.pk])).status_code == 302
    assert Client().post(reverse("login"), {"username": "t_agency_editor", "password": PASSWORD}).status_code == 400
    _login("t_agency_editor", NEW_PASSWORD)
    assert AuditEvent.objects.filter(action="password.change", actor=world.users["agency_editor"]).exists()


def _set_temporary(admin: Client, world: World, role: str) -> str:
    membership = world.membership(role)
    url = reverse("member_password", args=[membership.organisation_id, membership.pk])
    assert admin.get(url).status_code == 200
    html = admin.post(url).content.decode()
    return html.split('<code id="temporary-password">')[1].split("</code>")[0]


def test_a_temporary_password_must_be_changed_at_the_next_login(world: World) -> None:
    old_session = _login("t_agency_viewer", PASSWORD)
    admin = _login("t_agency_admin", PASSWORD)
    temporary = _set_temporary(admin, world, "agency_viewer")
    assert len(temporary) == 14
    assert old_session.get(reverse("agency", args=[world.own.pk])).status_code == 302, "the old session ended"
    assert Client().post(reverse("login"), {"username": "t_agency_viewer", "password": PASSWORD}).status_code == 400
    user = _login("t_agency_viewer", temporary)
    for name, args in (("home", []), ("agency", [world.own.pk]), ("tokens", [])):
        response = user.get(reverse(name, args=args))
        assert response.status_code == 302 and response["Location"] == reverse("password_change"), name
    page = user.get(reverse("password_change")).content.decode()
    assert "รหัสผ่านชั่วคราว" in page
    assert _change(user, temporary, NEW_PASSWORD).status_code == 302
    assert user.get(reverse("agency", args=[world.own.pk])).status_code == 200
    assert not Membership.objects.get(user__username="t_agency_viewer").must_change_password
    event = AuditEvent.objects.get(action="password.temporary")
    assert temporary not in str(event.after) and event.actor == world.users["agency_admin"]


def test_who_may_give_a_temporary_password(world: World) -> None:
    agency_admin = _login("t_agency_admin", PASSWORD)
    sibling = Membership.objects.get(user__username="t_sibling_editor")
    url = reverse("member_password", args=[sibling.organisation_id, sibling.pk])
    assert agency_admin.post(url).status_code == 404, "not a member of their agency"
    own = world.membership("agency_admin")
    response = agency_admin.post(reverse("member_password", args=[own.organisation_id, own.pk]))
    assert response.status_code == 400 and "ตนเอง" in response.content.decode()
    editor = _login("t_agency_editor", PASSWORD)
    viewer = world.membership("agency_viewer")
    assert editor.post(reverse("member_password", args=[viewer.organisation_id, viewer.pk])).status_code == 403
    system_admin = _login("t_admin", PASSWORD)
    assert _set_temporary(system_admin, world, "oversight"), "a system administrator, for anyone"
    assert Membership.objects.get(user__username="t_oversight").must_change_password


def test_the_agency_administrator_manages_the_agency_s_members(world: World) -> None:
    admin = _login("t_agency_admin", PASSWORD)
    members = reverse("members", args=[world.own.pk])
    response = admin.post(
        members,
        {"username": "t_new_officer", "full_name": "เจ้าหน้าที่ใหม่", "role": "agency_editor", "password": "1234567890"},
    )
    assert response.status_code == 400 and "ตัวเลขทั้งหมด" in response.content.decode()
    response = admin.post(
        members,
        {
            "username": "t_new_officer",
            "full_name": "เจ้าหน้าที่ใหม่",
            "role": "agency_editor",
            "password": "เริ่มต้น-ชั่วคราว-42",
        },
    )
    assert response.status_code == 302
    new = Membership.objects.get(user__username="t_new_officer")
    assert new.organisation == world.own and new.must_change_password, "the first password is a temporary one"
    change = reverse("member_change", args=[world.own.pk, new.pk])
    admin.post(change, {"action": "role", "role": "agency_viewer"})
    admin.post(change, {"action": "deactivate"})
    new.refresh_from_db()
    assert new.role == "agency_viewer" and not new.user.is_active
    admin.post(change, {"action": "activate"})
    new.refresh_from_db()
    assert new.user.is_active
    officer = _login("t_new_officer", "เริ่มต้น-ชั่วคราว-42")
    assert officer.get(reverse("home"))["Location"] == reverse("password_change")
