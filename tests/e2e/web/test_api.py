"""The read-only API: token authentication, the pages' scoping, the CLI's JSON, the OpenAPI document."""

from __future__ import annotations

from django.urls import reverse
from typer.testing import CliRunner

from prongsai.cli.app import app
from tests.support.api_client import api_get
from tests.support.cli import SAMPLES, score_json
from tests.support.web_world import World


def test_detail_is_exactly_the_cli_json(world: World) -> None:
    status, data = api_get(world, "agency_viewer", reverse("api_assessment", args=[world.own_record.pk]))
    assert status == 200
    assert data == score_json(SAMPLES / "angthong_pao_2566.csv", 2566, "--agency", world.own.name)


def test_cli_prints_a_working_token(world: World) -> None:
    result = CliRunner().invoke(app, ["web", "token", "t_agency_viewer"])
    assert result.exit_code == 0, result.output
    token = result.stdout.strip().splitlines()[-1]
    status, data = api_get(world, None, reverse("api_assessments"), token=token)
    assert status == 200 and data["count"] == 1
    assert CliRunner().invoke(app, ["web", "token", "nobody"]).exit_code == 2
