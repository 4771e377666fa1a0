"""API tokens (issue 12): listed, created (shown once) and revoked on the web and the command line, expiring, and
ended for good with the account: switching a user off ends their sessions and tokens, switching them on revives
neither."""

from __future__ import annotations

import datetime as dt
import json

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from prongsai.web.accounts.services import change_member
from prongsai.web.api.models import ApiToken
from tests.support.web_world import PASSWORD, World


def _api(token: str) -> tuple[int, dict]:
    response = Client().get(reverse("api_assessments"), HTTP_AUTHORIZATION=f"Bearer {token}")
    return response.status_code, json.loads(response.content)


def _logged_in(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


def test_a_token_made_on_the_web_is_shown_once_works_and_expires_when_chosen(world: World) -> None:
    client = _logged_in(world, "agency_editor")
    response = client.post(reverse("tokens"), {"name": "รายงานจังหวัด", "days": "30"})
    assert response.status_code == 200
    html = response.content.decode()
    token = html.split('<code id="new-token">')[1].split("</code>")[0]
    assert token.startswith("ps_") and _api(token)[0] == 200
    record = ApiToken.objects.get(prefix=token[:10])
    assert record.name == "รายงานจังหวัด" and token not in (record.digest, record.prefix)
    assert abs(record.expires_at - (timezone.now() + dt.timedelta(days=30))) < dt.timedelta(minutes=1)
    listing = client.get(reverse("tokens")).content.decode()
    assert record.prefix in listing and token not in listing, "the token itself is never shown again"
    assert client.post(reverse("tokens"), {"days": "1000"}).status_code == 400, "only the offered lifetimes"


def test_an_expired_token_is_refused_with_a_thai_reason(world: World) -> None:
    token = world.tokens["agency_viewer"]
    ApiToken.objects.filter(prefix=token[:10]).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    status, body = _api(token)
    assert status == 401 and "หมดอายุ" in body["detail"]


def test_everyone_revokes_their_own_tokens_and_only_the_administrator_anyone_s(world: World) -> None:
    own = ApiToken.objects.get(prefix=world.tokens["agency_editor"][:10])
    other = ApiToken.objects.get(prefix=world.tokens["agency_viewer"][:10])
    editor = _logged_in(world, "agency_editor")
    page = editor.get(reverse("tokens")).content.decode()
    assert own.prefix in page and other.prefix not in page
    assert editor.post(reverse("token_revoke", args=[other.pk])).status_code == 404
    assert _api(world.tokens["agency_viewer"])[0] == 200
    assert editor.post(reverse("token_revoke", args=[own.pk])).status_code == 302
    status, body = _api(world.tokens["agency_editor"])
    assert status == 401 and "เพิกถอน" in body["detail"]
    admin = _logged_in(world, "admin")
    assert (
        other.prefix in admin.get(reverse("tokens")).content.decode()
        and "t_agency_viewer" in admin.get(reverse("tokens")).content.decode()
    )
    assert admin.post(reverse("token_revoke", args=[other.pk])).status_code == 302
    assert _api(world.tokens["agency_viewer"])[0] == 401


def test_switching_a_user_off_ends_their_sessions_and_tokens_for_good(world: World) -> None:
    browser = Client()
    assert browser.post(reverse("login"), {"username": "t_agency_viewer", "password": PASSWORD}).status_code == 302
    assert browser.get(reverse("agency", args=[world.own.pk])).status_code == 200
    membership = world.membership("agency_viewer")
    change_member(actor=world.users["agency_admin"], membership=membership, active=False)
    change_member(actor=world.users["agency_admin"], membership=membership, active=True)
    response = browser.get(reverse("agency", args=[world.own.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login")), "old session is gone"
    assert _api(world.tokens["agency_viewer"])[0] == 401, "old token stays revoked"
    again = Client()
    assert again.post(reverse("login"), {"username": "t_agency_viewer", "password": PASSWORD}).status_code == 302
    assert again.get(reverse("agency", args=[world.own.pk])).status_code == 200, "the account itself works again"
