"""The read-only API: token authentication, the pages' scoping, the CLI's JSON, the OpenAPI document."""

from __future__ import annotations

import json

from django.test import Client
from django.urls import reverse
from typer.testing import CliRunner

from prongsai.cli.app import app
from tests.support.cli import SAMPLES, score_json
from tests.support.web_world import World


def _get(world: World, role: str | None, url: str, token: str | None = None) -> tuple[int, object]:
    headers = {}
    if role is not None or token is not None:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token or world.tokens[role]}"
    response = Client().get(url, **headers)
    return response.status_code, json.loads(response.content.decode())


def test_detail_is_exactly_the_cli_json(world: World) -> None:
    status, data = _get(world, "agency_viewer", reverse("api_assessment", args=[world.own_record.pk]))
    assert status == 200
    assert data == score_json(SAMPLES / "angthong_pao_2566.csv", 2566, "--agency", world.own.name)


def test_cli_prints_a_working_token(world: World) -> None:
    result = CliRunner().invoke(app, ["web", "token", "t_agency_viewer"])
    assert result.exit_code == 0, result.output
    token = result.stdout.strip().splitlines()[-1]
    status, data = _get(world, None, reverse("api_assessments"), token=token)
    assert status == 200 and data["count"] == 1
    assert CliRunner().invoke(app, ["web", "token", "nobody"]).exit_code == 2
