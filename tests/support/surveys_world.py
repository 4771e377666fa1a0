"""Survey rounds in the test world, built once per World: an IIT round of 2565 for the own agency (open, with two
responses), for the sibling and for the far agency, so the permission matrix walks own and foreign rounds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from prongsai.web.surveys.models import SurveyResponse, SurveyRound
from prongsai.web.surveys.selectors import form_of
from prongsai.web.surveys.services import open_round, submit_response
from tests.support.role_statuses import READERS
from tests.support.web_world import World

YEAR = 2565


@dataclass
class SurveyWorld:
    own: SurveyRound
    sibling: SurveyRound
    far: SurveyRound


def answers_for(survey: SurveyRound, pick: int = -1) -> dict[str, str]:
    """An answer to every field of the round's form: the `pick`-th answer of each (default: the last)."""
    return {field.label: field.answers[pick] for question in form_of(survey) for field in question.fields}


def survey_world(world: World) -> SurveyWorld:
    cached = getattr(world, "_surveys", None)
    if cached is None:
        rounds = [
            open_round(actor=None, organisation=org, year=YEAR, tool="IIT", target=10)
            for org in (world.own, world.sibling, world.far)
        ]
        for number, survey in enumerate(rounds):
            for browser in ("a", "b"):
                submit_response(
                    survey=survey, answers=answers_for(survey), browser=f"{browser}{number}", day=dt.date(2025, 1, 10)
                )
        cached = SurveyWorld(*rounds)
        world._surveys = cached  # type: ignore[attr-defined]
    return cached


PARAMETERS = {"round_id", "public_id"}
PUBLIC = {"survey_public"}  # open to anyone with the link, by design; tested in tests/integration/test_surveys.py


def survey_params(world: World, role: str) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    rounds = survey_world(world)
    ids = {"own": rounds.own.pk, "sibling": rounds.sibling.pk, "far": rounds.far.pk}
    if role == "admin":
        return {"round_id": list(ids.values())}, {}
    if role == "oversight":
        return {"round_id": [ids["own"], ids["sibling"]]}, {"round_id": [ids["far"]]}
    if role == "anonymous":
        return {}, {"round_id": [ids["own"]]}
    return {"round_id": [ids["own"]]}, {"round_id": [ids["sibling"], ids["far"]]}


def survey_state() -> tuple[object, ...]:
    return (
        tuple(SurveyRound.objects.order_by("pk").values_list("status", "target", "respondents")),
        SurveyResponse.objects.count(),
    )


EXPECTED_OWN = {
    ("surveys", "own"): READERS,
    ("survey_round", "round"): READERS,
    ("survey_qr", "round"): READERS,
    ("survey_export", "round_csv"): READERS,
    ("survey_close", "round"): {r: 405 for r in READERS},
}


def survey_targets(world: World) -> dict[str, dict[str, Any]]:
    own = survey_world(world).own
    return {"round": {"round_id": own.pk}, "round_csv": {"round_id": own.pk, "fmt": "csv"}}
