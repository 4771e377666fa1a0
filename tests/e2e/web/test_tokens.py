"""API tokens (issue 12): listed, created (shown once) and revoked on the web and the command line, expiring, and
ended for good with the account: switching a user off ends their sessions and tokens, switching them on revives
neither."""

from __future__ import annotations

import datetime as dt
import json

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from typer.testing import CliRunner

from prongsai.cli.app import app
from prongsai.web.api.models import ApiToken
from tests.support.web_world import World


def _api(token: str) -> tuple[int, dict]:
    response = Client().get(reverse("api_assessments"), HTTP_AUTHORIZATION=f"Bearer {token}")
    return response.status_code, json.loads(response.content)


def test_the_command_line_lists_and_revokes_tokens(world: World) -> None:
    token = world.tokens["oversight"]
    listed = CliRunner().invoke(app, ["web", "token", "--list", "t_oversight"])
    assert listed.exit_code == 0 and token[:10] in listed.stdout and token not in listed.stdout
    done = CliRunner().invoke(app, ["web", "token", "--revoke", token[:10]])
    assert done.exit_code == 0, done.stdout
    assert _api(token)[0] == 401
    assert CliRunner().invoke(app, ["web", "token", "--revoke", "ps_nothing"]).exit_code == 2
    made = CliRunner().invoke(app, ["web", "token", "t_oversight", "--days", "7"])
    fresh = made.stdout.strip().splitlines()[-1]
    assert _api(fresh)[0] == 200
    assert ApiToken.objects.get(prefix=fresh[:10]).expires_at < timezone.now() + dt.timedelta(days=8)
    assert CliRunner().invoke(app, ["web", "token", "t_oversight", "--days", "400"]).exit_code == 2
    whole = CliRunner().invoke(app, ["web", "token", "--revoke", fresh])
    assert whole.exit_code == 0 and _api(fresh)[0] == 401
