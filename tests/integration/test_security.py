"""Security settings and behaviour: password hashing, headers, cookies, CSRF, login throttling, audit log."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.test import Client, override_settings
from django.urls import reverse

from prongsai.web.audit.models import AuditEvent
from tests.support.web_world import PASSWORD, World


def test_argon2_is_the_first_password_hasher() -> None:
    assert settings.PRODUCTION_PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    with override_settings(PASSWORD_HASHERS=settings.PRODUCTION_PASSWORD_HASHERS):
        hashed = make_password("รหัสผ่านยาวพอสมควร")
        assert hashed.startswith("argon2$argon2id$") and check_password("รหัสผ่านยาวพอสมควร", hashed)


def test_security_headers(world: World) -> None:
    client = Client()
    client.force_login(world.users["agency_viewer"])
    response = client.get(reverse("agency", args=[world.own.pk]))
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]


def test_csrf_is_enforced(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["agency_admin"])
    response = client.post(reverse("assessment_delete", args=[world.own_record.pk]))
    assert response.status_code == 403
    assert world.own_record.__class__.objects.filter(pk=world.own_record.pk).exists()


def _login(client: Client, username: str, password: str, **extra: str) -> int:
    return client.post(reverse("login"), {"username": username, "password": password, **extra}).status_code


def test_login_works_and_refuses_foreign_redirects(world: World) -> None:
    client = Client()
    response = client.post(
        reverse("login"), {"username": "t_agency_editor", "password": PASSWORD, "next": "https://evil.example/steal"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 302


def test_failed_logins_are_throttled(world: World) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        assert _login(client, "t_agency_editor", "wrong-password") == 400
    assert _login(client, "t_agency_editor", PASSWORD) == 429, "blocked even with the right password"
    assert "_auth_user_id" not in client.session
    assert _login(Client(), "t_agency_viewer", PASSWORD) == 302, "other users are not blocked"
    attempt = AccessAttempt.objects.get(username="t_agency_editor")
    assert attempt.failures_since_start == 5 and attempt.ip_address == "127.0.0.1"
    assert "password" not in attempt.post_data and "correct-horse" not in attempt.post_data


def test_logout_needs_post(world: World) -> None:
    client = Client()
    client.force_login(world.users["agency_viewer"])
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("agency", args=[world.own.pk])).status_code == 302


@pytest.mark.parametrize(("role", "sees_far"), [("admin", True), ("agency_admin", False)])
def test_audit_log_is_readable_by_administrators_within_their_scope(world: World, role: str, sees_far: bool) -> None:
    client = Client()
    client.force_login(world.users[role])
    html = client.get(reverse("audit_log") + "?action=assessment.create").content.decode()
    assert "บันทึกผลการประเมิน" in html and world.own.name in html
    assert (world.far.name in html) is sees_far
    assert AuditEvent.objects.filter(action="assessment.create").count() == 4
