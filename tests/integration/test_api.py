"""The read-only API: token authentication, the pages' scoping, the CLI's JSON, the OpenAPI document."""

from __future__ import annotations

import json

from django.test import Client
from django.urls import get_resolver, reverse

from prongsai.web.api.models import ApiToken
from tests.support.api_client import api_get
from tests.support.web_world import World


def test_list_is_scoped_and_filtered_by_year(world: World) -> None:
    url = reverse("api_assessments")
    _, mine = api_get(world, "agency_editor", url)
    assert [(r["agency"], r["year"], r["total"]) for r in mine["results"]] == [(world.own.name, 2566, 92.31)]
    _, ministry = api_get(world, "oversight", url)
    assert {r["agency"] for r in ministry["results"]} == {world.own.name, world.sibling.name}
    _, everything = api_get(world, "admin", url + "?year=2564")
    assert {(r["agency"], r["total"]) for r in everything["results"]} == {
        (world.sibling.name, 81.39),
        (world.far.name, 97.25),
    }
    assert api_get(world, "admin", url + "?year=สองพัน")[0] == 400


def test_year_is_read_as_be_or_ce_and_says_which(world: World) -> None:
    url = reverse("api_assessments")
    _, be = api_get(world, "admin", url + "?year=2566")
    _, ce = api_get(world, "admin", url + "?year=2023")
    _, thai = api_get(world, "admin", url + "?year=ค.ศ.%20๒๐๒๓")
    assert [r["total"] for r in be["results"]] == [r["total"] for r in ce["results"]] == [92.31]
    assert thai["results"] == ce["results"]
    assert be["year"] == {
        "given": "2566",
        "era": "BE",
        "year_be": 2566,
        "note": "อ่าน 2566 เป็นปี พ.ศ. 2566 คือปีงบประมาณ พ.ศ. 2566",
    }
    assert ce["year"]["era"] == "CE" and ce["year"]["year_be"] == 2566 and "ค.ศ. 2023" in ce["year"]["note"]
    for ambiguous in ("2300", "1800", "2800", "ค.ศ.2566"):
        status, body = api_get(world, "admin", url + f"?year={ambiguous}")
        assert status == 400 and "พ.ศ. 2400-2700" in body["detail"] and "ค.ศ. 1900-2157" in body["detail"], body
    _, unfiltered = api_get(world, "admin", url)
    assert "year" not in unfiltered


def test_tokens_are_required_and_checked(world: World) -> None:
    url = reverse("api_assessments")
    assert api_get(world, None, url)[0] == 401
    assert api_get(world, None, url, token="ps_not-a-real-token")[0] == 401
    session = Client()
    session.force_login(world.users["admin"])
    assert session.get(url).status_code == 401, "a browser session alone does not open the API"
    ApiToken.objects.filter(user=world.users["agency_viewer"]).update(revoked=True)
    assert api_get(world, "agency_viewer", url)[0] == 401
    user = world.users["agency_editor"]
    user.is_active = False
    user.save()
    assert api_get(world, "agency_editor", url)[0] == 401


def test_only_a_digest_of_the_token_is_stored(world: World) -> None:
    token = world.tokens["oversight"]
    stored = ApiToken.objects.get(user=world.users["oversight"])
    assert token not in (stored.digest, stored.prefix) and len(stored.digest) == 64


def test_openapi_document_covers_every_api_route(world: World) -> None:
    response = Client().get(reverse("openapi"))
    document = json.loads(response.content.decode())
    assert document["openapi"].startswith("3.")
    documented = set(document["paths"])
    routes = {
        "/" + str(p.pattern).replace("<int:assessment_id>", "{id}")
        for p in get_resolver().url_patterns
        if str(p.pattern).startswith("api/v1/assessments")
    }
    assert routes == documented
