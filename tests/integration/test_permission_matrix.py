"""Every route of the URLconf, every role, against its own and a foreign organisation: no leak, ever.

The route list is generated from the URLconf, so a route added later is walked too; a route with a parameter
this test does not know how to fill fails the test until it is taught here (PARAMETERS)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from prongsai.web.accounts.models import Membership
from prongsai.web.api.models import ApiToken
from prongsai.web.assessments.models import AssessmentRecord, WeakPoint
from prongsai.web.audit.models import AuditEvent
from prongsai.web.frameworks.models import FrameworkVersion
from prongsai.web.frameworks.services import upload_version
from prongsai.web.kpi.models import DrivingKpi, KpiCheck
from prongsai.web.organisations.models import Organisation
from tests.support.framework_edits import dump, edited_2566
from tests.support.oitboard_world import ensure_oit, oit_state
from tests.support.plans_world import EXPECTED_OWN as PLANS_EXPECTED_OWN
from tests.support.plans_world import PARAMETERS as PLANS_PARAMETERS
from tests.support.plans_world import plan_params, plan_state, plan_targets
from tests.support.surveys_world import EXPECTED_OWN as SURVEYS_EXPECTED_OWN
from tests.support.surveys_world import PARAMETERS as SURVEYS_PARAMETERS
from tests.support.surveys_world import PUBLIC, survey_params, survey_state, survey_targets
from tests.support.web_world import ROLES, World

ANONYMOUS = "anonymous"
FORMATS = ("docx", "xlsx", "pdf", "csv", "json")


@dataclass(frozen=True)
class Route:
    name: str
    params: tuple[str, ...]

    @property
    def is_api(self) -> bool:
        return self.name.startswith("api_") and self.name != "api_help"


def _walk(patterns: list[Any], prefix: str = "") -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix)
        elif isinstance(entry, URLPattern):
            converters = getattr(entry.pattern, "converters", {})
            yield Route(entry.name, tuple(converters))


ROUTES = sorted(_walk(get_resolver().url_patterns), key=lambda r: r.name)
KNOWN_PARAMETERS = {
    "org_id",
    "assessment_id",
    "member_id",
    "year",
    "fmt",
    "item_id",
    "token_id",
    "version_id",
    *PLANS_PARAMETERS,
    *SURVEYS_PARAMETERS,
}
FIXED = {"year": [2566], "fmt": list(FORMATS), "quarter": [1]}  # parameters filled with fixed values


def test_every_route_is_named_and_its_parameters_are_known() -> None:
    assert len(ROUTES) >= 15
    for route in ROUTES:
        assert route.name, "every route needs a name so this matrix can reverse it"
        unknown = set(route.params) - KNOWN_PARAMETERS
        assert not unknown, f"teach the permission matrix how to fill {unknown} of route {route.name}"


def _own_and_foreign(world: World, role: str) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    """Candidate values per parameter: what the role may reach, and what it must never see."""
    own, foreign = _own_and_foreign_before_oit(world, role)
    if role != ANONYMOUS:  # framework versions belong to no organisation: every logged-in user reads them
        own["version_id"] = [ensure_framework_draft().pk]
    else:
        foreign["version_id"] = [ensure_framework_draft().pk]
    oit = ensure_oit(world)
    items = {
        "admin": ([oit.own_item, oit.far_item], []),
        "oversight": ([oit.own_item, oit.sibling_item], [oit.far_item]),
        ANONYMOUS: ([], [oit.own_item]),
    }
    mine, theirs = items.get(role, ([oit.own_item], [oit.sibling_item, oit.far_item]))
    if mine:
        own["item_id"] = [i.pk for i in mine]
    if theirs:
        foreign["item_id"] = [i.pk for i in theirs]
    own_tokens, foreign_tokens = _tokens(world, role)
    if own_tokens:
        own["token_id"] = own_tokens
    if foreign_tokens:
        foreign["token_id"] = foreign_tokens
    return own, foreign


def _tokens(world: World, role: str) -> tuple[list[int], list[int]]:
    """API tokens: one's own; everyone's for a system administrator (who has no foreign token)."""
    ids = {r: ApiToken.objects.get(prefix=t[:10]).pk for r, t in world.tokens.items()}
    if role == "admin":
        return list(ids.values()), []
    if role == ANONYMOUS:
        return [], list(ids.values())[:2]
    return [ids[role]], [pk for r, pk in ids.items() if r != role]


def _own_and_foreign_before_oit(world: World, role: str) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    members = {m.organisation_id: m.pk for m in Membership.objects.all()}
    if role == "admin":
        own = {
            "org_id": [world.own.pk, world.ministry.pk, world.far.pk],
            "assessment_id": [world.own_record.pk, world.far_record.pk],
            "member_id": [world.membership("agency_editor").pk],
        }
        return own, {}
    if role == "oversight":
        own = {
            "org_id": [world.ministry.pk, world.own.pk, world.sibling.pk],
            "assessment_id": [world.own_record.pk, world.sibling_record.pk],
            "member_id": [world.membership("agency_editor").pk],
        }
        foreign = {
            "org_id": [world.far.pk, world.province.pk, world.national.pk],
            "assessment_id": [world.far_record.pk],
            "member_id": [members[world.far.pk]],
        }
        return own, foreign
    if role == ANONYMOUS:
        foreign = {
            "org_id": [world.own.pk, world.ministry.pk],
            "assessment_id": [world.own_record.pk],
            "member_id": [world.membership("agency_editor").pk],
        }
        return {}, foreign
    own = {
        "org_id": [world.own.pk],
        "assessment_id": [world.own_record.pk],
        "member_id": [world.membership("agency_viewer").pk],
    }
    foreign = {
        "org_id": [world.sibling.pk, world.far.pk, world.ministry.pk, world.national.pk],
        "assessment_id": [world.sibling_record.pk, world.sibling_previous.pk, world.far_record.pk],
        "member_id": [members[world.sibling.pk], members[world.far.pk]],
    }
    return own, foreign


def ensure_framework_draft() -> FrameworkVersion:
    """An uploaded, unpublished 2566 version for the framework routes (the same file gives the same version)."""
    return upload_version(actor=None, year=2566, data=dump(edited_2566()), filename="fy2566-edited.yaml")


def _markers(world: World, role: str) -> list[str]:
    """Text that must not appear in any response to `role` about foreign objects: names and people."""
    if role == "admin":
        return []
    far = [world.far.name, world.province.name, "t_far_admin"]
    if role == "oversight":
        return far
    return [*far, world.sibling.name, "t_sibling_editor"]


def _urls(route: Route, values: dict[str, list[Any]]) -> Iterator[str]:
    """Every URL of the route built from the candidate values (fixed values for year and format)."""
    if all(p in FIXED for p in route.params):
        return
    if any(p not in FIXED and not values.get(p) for p in route.params):
        return
    combos: list[dict[str, Any]] = [{}]
    for param in route.params:
        options = FIXED.get(param) or values[param]
        combos = [{**c, param: o} for c in combos for o in options]
    for kwargs in combos:
        if "member_id" in kwargs and "org_id" in kwargs:
            member = Membership.objects.get(pk=kwargs["member_id"])
            kwargs["org_id"] = member.organisation_id
        yield reverse(route.name, kwargs=kwargs)


def _client(world: World, role: str) -> tuple[Client, dict[str, str]]:
    client = Client()
    if role != ANONYMOUS:
        client.force_login(world.users[role])
    headers = {}
    if role != ANONYMOUS:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {world.tokens[role]}"
    return client, headers


def _state() -> tuple[int, ...]:
    return (
        AssessmentRecord.objects.count(),
        WeakPoint.objects.count(),
        Membership.objects.count(),
        Organisation.objects.count(),
        ApiToken.objects.count(),
        AuditEvent.objects.exclude(action__startswith="login").count(),
        sum(m.user.is_active for m in Membership.objects.select_related("user")),
        len(set(Membership.objects.values_list("role", flat=True))),
        DrivingKpi.objects.count(),
        KpiCheck.objects.count(),
        oit_state(),
        *plan_state(),
        ApiToken.objects.filter(revoked=True).count(),
        tuple(get_user_model().objects.order_by("pk").values_list("password", flat=True)),
        Membership.objects.filter(must_change_password=True).count(),
        survey_state(),
        tuple(FrameworkVersion.objects.order_by("pk").values_list("pk", "state")),
    )


POST_BODIES: dict[str, dict[str, str]] = {
    "members": {"username": "intruder", "full_name": "x", "role": "agency_editor", "password": "Xx-long-password-1"},
    "member_change": {"action": "deactivate"},
    "enter": {"q__I1": "50"},
    "kpi_year": {"criterion": "review", "review-met": "on", "review-note": "intruder"},
}


def _body(response: Any) -> str:
    content = getattr(response, "content", b"")
    try:
        return content.decode("utf-8", errors="replace")
    except AttributeError:  # streaming responses
        return ""


@pytest.mark.parametrize("role", [*ROLES, ANONYMOUS])
def test_no_route_leaks_foreign_data(world: World, role: str) -> None:
    client, headers = _client(world, role)
    own, foreign = _own_and_foreign(world, role)
    plan_own, plan_foreign = plan_params(world, role)
    survey_own, survey_foreign = survey_params(world, role)
    own, foreign = {**own, **plan_own, **survey_own}, {**foreign, **plan_foreign, **survey_foreign}
    markers = _markers(world, role)
    checked = 0
    before = _state()
    for route in ROUTES:
        if route.name in PUBLIC:
            continue
        for url in _urls(route, foreign):
            for method in ("get", "post"):
                response = getattr(client, method)(url, POST_BODIES.get(route.name, {}), **headers)
                allowed = {401, 403, 404, 405} if route.is_api or route.name == "openapi" else {302, 403, 404, 405}
                if role == ANONYMOUS and response.status_code == 302:
                    assert response["Location"].startswith(reverse("login")), url
                assert response.status_code in allowed, f"{role} {method.upper()} {url}: {response.status_code}"
                body = _body(response)
                for marker in markers:
                    assert marker not in body, f"{role} {method.upper()} {url} shows {marker!r}"
                checked += 1
        for url in _urls(route, own):
            response = client.get(url, **headers)
            assert response.status_code < 500, url
            for marker in markers:
                assert marker not in _body(response), f"{role} GET {url} (own) shows {marker!r}"
    for route in ROUTES:
        if route.params:
            continue
        url = reverse(route.name)
        response = client.get(url, follow=not route.is_api, **headers)
        assert response.status_code < 500, url
        body = _body(response)
        for marker in markers:
            assert marker not in body, f"{role} GET {url} shows {marker!r}"
        if route.is_api and role != ANONYMOUS and response.status_code == 200:
            listed = json.loads(body)
            assert all(marker not in json.dumps(listed, ensure_ascii=False) for marker in markers)
    assert _state() == before, "a refused request changed the database"
    if role not in ("admin",):
        assert checked > 0


# What each role gets for its own objects (GET): proves the matrix is not passing by refusing everything.
EXPECTED_OWN = {
    ("agency", "own"): {
        "admin": 200,
        "oversight": 200,
        "agency_admin": 200,
        "agency_editor": 200,
        "agency_viewer": 200,
    },
    ("upload", "own"): {
        "admin": 200,
        "oversight": 403,
        "agency_admin": 200,
        "agency_editor": 200,
        "agency_viewer": 403,
    },
    ("enter", "own"): {"admin": 200, "oversight": 403, "agency_admin": 200, "agency_editor": 200, "agency_viewer": 403},
    ("members", "own"): {
        "admin": 200,
        "oversight": 403,
        "agency_admin": 200,
        "agency_editor": 403,
        "agency_viewer": 403,
    },
    ("assessment", "record"): {r: 200 for r in ROLES},
    ("download", "record"): {r: 200 for r in ROLES},
    ("api_assessment", "record"): {r: 200 for r in ROLES},
    ("dashboard", "ministry"): {
        "admin": 200,
        "oversight": 200,
        "agency_admin": 404,
        "agency_editor": 404,
        "agency_viewer": 404,
    },
    **{
        (name, "ministry"): {
            "admin": 200,
            "oversight": 200,
            "agency_admin": 404,
            "agency_editor": 404,
            "agency_viewer": 404,
        }
        for name in (
            "dashboard_work",
            "dashboard_work_export",
            "dashboard_years",
            "dashboard_years_export",
            "dashboard_weak_export",
        )
    },
    ("kpi", "own"): {r: 200 for r in ROLES},
    ("kpi_year", "own"): {r: 200 for r in ROLES},
    ("kpi", "ministry"): {
        "admin": 200,
        "oversight": 200,
        "agency_admin": 404,
        "agency_editor": 404,
        "agency_viewer": 404,
    },
    ("kpi_year", "ministry"): {
        "admin": 200,
        "oversight": 200,
        "agency_admin": 404,
        "agency_editor": 404,
        "agency_viewer": 404,
    },
    ("preferences", None): {r: 200 for r in ROLES},
    ("result_template", "template"): {r: 200 for r in ROLES},
    ("audit_log", None): {
        "admin": 200,
        "oversight": 403,
        "agency_admin": 200,
        "agency_editor": 403,
        "agency_viewer": 403,
    },
    ("oit_boards", "own"): {r: 200 for r in ROLES},
    ("oit_board", "own_year"): {r: 200 for r in ROLES},
    ("oit_publish", "own_year"): {r: 200 for r in ROLES},
    ("oit_roll", "own_year"): {r: 200 for r in ROLES},
    ("oit_item", "oit_item"): {r: 200 for r in ROLES},
    ("oit_assign", "own_year"): {r: 405 for r in ROLES},
    ("oit_check_links", "own_year"): {r: 405 for r in ROLES},
    ("oit_item_status", "oit_item"): {r: 405 for r in ROLES},
    ("password_change", None): {r: 200 for r in ROLES},
    ("tokens", None): {r: 200 for r in ROLES},
    ("token_revoke", "own_token"): {r: 405 for r in ROLES},
    ("member_password", "own_member"): {
        "admin": 200,
        "oversight": 403,
        "agency_admin": 200,
        "agency_editor": 403,
        "agency_viewer": 403,
    },
    ("frameworks", None): {r: 200 for r in ROLES},
    ("framework_upload", None): {
        "admin": 200,
        "oversight": 403,
        "agency_admin": 403,
        "agency_editor": 403,
        "agency_viewer": 403,
    },
    ("framework_version", "fw_version"): {r: 200 for r in ROLES},
    ("framework_download", "fw_version"): {r: 200 for r in ROLES},
    ("framework_publish", "fw_version"): {r: 405 for r in ROLES},
    ("framework_shipped", "year_only"): {r: 405 for r in ROLES},
    ("assessment_rescore", "record"): {
        "admin": 200,
        "oversight": 403,
        "agency_admin": 200,
        "agency_editor": 200,
        "agency_viewer": 403,
    },
    **PLANS_EXPECTED_OWN,
    **SURVEYS_EXPECTED_OWN,
}


@pytest.mark.parametrize("role", ROLES)
def test_roles_reach_what_they_should(world: World, role: str) -> None:
    client, headers = _client(world, role)
    targets = {
        "own": {"org_id": world.own.pk},
        "record": {"assessment_id": world.own_record.pk},
        "ministry": {"org_id": world.ministry.pk},
        None: {},
        "own_year": {"org_id": world.own.pk, "year": 2566},
        "oit_item": {"item_id": ensure_oit(world).own_item.pk},
        "own_token": {"token_id": ApiToken.objects.get(prefix=world.tokens[role][:10]).pk},
        "own_member": {"org_id": world.own.pk, "member_id": world.membership("agency_viewer").pk},
        "template": {"year": 2566, "fmt": "xlsx"},
        "fw_version": {"version_id": ensure_framework_draft().pk},
        "year_only": {"year": 2566},
        **plan_targets(world),
        **survey_targets(world),
    }
    for (name, target), expected in EXPECTED_OWN.items():
        kwargs = dict(targets[target])
        if name in ("enter", "kpi_year"):
            kwargs["year"] = 2566
        if name == "download":
            kwargs["fmt"] = "docx"
        if name.startswith("dashboard_") and name.endswith("_export"):
            kwargs["fmt"] = "csv"
        response = client.get(reverse(name, kwargs=kwargs), **headers)
        assert response.status_code == expected[role], f"{role} {name}: {response.status_code}"
