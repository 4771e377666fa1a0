"""The login throttle (django-axes, issue 12): the four ways the hand-written counter failed, each tested.

- a full-width form of a user name was not counted with the plain one;
- five wrong passwords locked the real user out, from everywhere;
- twenty wrong passwords from one address locked out everyone behind a proxy;
- concurrent attempts passed the limit.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.conf import settings
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from tests.support.web_world import PASSWORD, World

FULL_WIDTH = "ｔ＿ａｇｅｎｃｙ＿ｅｄｉｔｏｒ"  # NFKC gives t_agency_editor, which Django's login form accepts
LIMIT = settings.AXES_FAILURE_LIMIT if hasattr(settings, "AXES_FAILURE_LIMIT") else 5


def _post(client: Client, username: str, password: str, **headers: str) -> Any:
    return client.post(reverse("login"), {"username": username, "password": password}, **headers)


def _cool_off_passes() -> None:
    """Move every recorded failure back beyond the cool-off, as if that much time had gone by."""
    from axes.models import AccessAttempt

    from prongsai.web.accounts.throttle import cool_off

    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= cool_off() + dt.timedelta(seconds=1)
        attempt.save(update_fields=["attempt_time"])


def test_a_full_width_user_name_is_counted_with_the_plain_one(world: World) -> None:
    client = Client(REMOTE_ADDR="203.0.113.10")
    for i in range(LIMIT):
        response = _post(client, FULL_WIDTH if i % 2 else "t_agency_editor", "wrong-password")
        assert response.status_code == 400, i
    response = _post(client, FULL_WIDTH, PASSWORD)
    assert response.status_code == 429, "the full-width form must be throttled with the plain one"
    assert "_auth_user_id" not in client.session
    assert "ระงับ" in response.content.decode()


def test_wrong_passwords_do_not_lock_the_real_user_out(world: World) -> None:
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(LIMIT):
        assert _post(attacker, "t_agency_editor", "wrong-password").status_code == 400
    assert _post(attacker, "t_agency_editor", PASSWORD).status_code == 429, "the guessing address is slowed down"
    real_user = Client(REMOTE_ADDR="198.51.100.7")
    assert _post(real_user, "t_agency_editor", PASSWORD).status_code == 302, "the user at their own desk logs in"
    _cool_off_passes()
    again = Client(REMOTE_ADDR="203.0.113.9")
    assert _post(again, "t_agency_editor", PASSWORD).status_code == 302, "and from that address after the cool-off"


@override_settings(PRONGSAI_TRUSTED_PROXIES=["10.0.0.1"])
def test_one_address_behind_a_proxy_does_not_lock_everyone_out(world: World) -> None:
    proxy = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    names = ["t_agency_editor"] * (LIMIT - 1) + [f"nobody{i}" for i in range(21 - LIMIT)]
    for username in names:  # twenty wrong passwords from one client behind the proxy
        assert _post(Client(), username, "wrong-password", **proxy).status_code == 400
    assert _post(Client(), "t_agency_viewer", PASSWORD, **proxy).status_code == 302, "another user, same address"
    colleague = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.6"}
    assert _post(Client(), "t_agency_editor", PASSWORD, **colleague).status_code == 302, "same user, other client"
    assert _post(Client(), "t_agency_editor", "wrong-password", **proxy).status_code == 400
    assert _post(Client(), "t_agency_editor", PASSWORD, **proxy).status_code == 429, "the guessing client is slowed"


@override_settings(PRONGSAI_TRUSTED_PROXIES=["10.0.0.1"])
def test_a_forged_forwarded_header_from_outside_the_proxy_is_ignored(world: World) -> None:
    for i in range(LIMIT):
        forged = {"REMOTE_ADDR": "192.0.2.50", "HTTP_X_FORWARDED_FOR": f"198.51.100.{i + 1}"}
        assert _post(Client(), "t_agency_admin", "wrong-password", **forged).status_code == 400
    forged = {"REMOTE_ADDR": "192.0.2.50", "HTTP_X_FORWARDED_FOR": "198.51.100.99"}
    assert _post(Client(), "t_agency_admin", PASSWORD, **forged).status_code == 429


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("203.0.113.1", "198.51.100.1", "203.0.113.1"),  # not a trusted proxy: the header is the client's own words
        ("10.0.0.1", "198.51.100.1", "198.51.100.1"),  # the trusted proxy's word
        ("10.0.0.1", "1.2.3.4, 198.51.100.1", "198.51.100.1"),  # what the client wrote to the left is ignored
        ("10.0.0.1", "198.51.100.1, 10.2.3.4", "198.51.100.1"),  # two trusted proxies (10.2.0.0/16), then the client
        ("10.0.0.1", "not-an-address", "10.0.0.1"),  # a broken header: the proxy itself
        ("10.0.0.1", "", "10.0.0.1"),
        ("::1", "2001:db8::7", "2001:db8::7"),
    ],
)
def test_the_client_address_is_believed_only_from_trusted_proxies(remote: str, forwarded: str, expected: str) -> None:
    from prongsai.web.accounts.throttle import client_ip

    request = RequestFactory().post("/accounts/login/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(PRONGSAI_TRUSTED_PROXIES=["10.0.0.1", "10.2.0.0/16", "::1"]):
        assert client_ip(request) == expected
