"""Survey rounds in the web system (issue 14, point 3): opening, anonymous answers, the repeat key and the flood
stop, closing (which freezes the round and its scores), group suppression, exports, permissions, the forecast."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from prongsai.ita.library import shipped_framework
from prongsai.web.accounts.selectors import scope_of
from prongsai.web.assessments.services import save_assessment
from prongsai.web.core.demo import sample_rows
from prongsai.web.surveys.models import MIN_GROUP, SurveyResponse, SurveyRound
from prongsai.web.surveys.selectors import agency_forecast, get_visible_round, group_lines, score_round
from prongsai.web.surveys.services import close_round, open_round, submit_response
from tests.support.surveys_world import answers_for
from tests.support.web_world import World

YEAR = 2565
MOST, MUCH = 100.0, 66.67


def _open(world: World, **kwargs: Any) -> SurveyRound:
    return open_round(actor=world.users["agency_admin"], organisation=world.own, year=YEAR, tool="IIT", **kwargs)


def test_only_the_agency_administrator_opens_and_closes(world: World) -> None:
    with pytest.raises(PermissionDenied):
        open_round(actor=world.users["agency_editor"], organisation=world.own, year=YEAR, tool="IIT")
    survey = _open(world)
    with pytest.raises(ValidationError):
        _open(world)  # one open round per tool and year
    with pytest.raises(PermissionDenied):
        close_round(actor=world.users["agency_editor"], survey=survey)
    assert get_visible_round(scope_of(world.users["agency_viewer"]), survey.pk) == survey
    assert get_visible_round(scope_of(world.users["oversight"]), survey.pk) == survey


def test_another_agency_cannot_see_the_round(world: World) -> None:
    survey = _open(world)
    far_admin = world.far.memberships.get(role="agency_admin").user
    assert get_visible_round(scope_of(far_admin), survey.pk) is None
    client = Client()
    client.force_login(far_admin)
    assert client.get(reverse("survey_round", args=[survey.pk])).status_code == 404


def test_a_year_without_question_texts_cannot_open(world: World) -> None:
    with pytest.raises(ValidationError) as raised:
        open_round(actor=None, organisation=world.own, year=2566, tool="IIT")
    assert any("I1" in m and "ข้อความ" in m for m in raised.value.messages)


def test_responses_are_anonymous_and_scored_as_the_cli_scores(world: World) -> None:
    survey = _open(world)
    fields = list(answers_for(survey))
    first = answers_for(survey, pick=-1)  # มากที่สุด / the last answer of every scale
    second = answers_for(survey, pick=-2)
    submit_response(survey=survey, answers=first, browser="one")
    submit_response(survey=survey, answers=second, browser="two")
    with pytest.raises(ValidationError):
        submit_response(survey=survey, answers=first, browser="one")  # the same browser, the same day
    submit_response(survey=survey, answers=first, browser="one", day=dt.date.today() + dt.timedelta(days=1))
    names = {f.name for f in SurveyResponse._meta.get_fields()}
    assert not names & {"ip", "ip_address", "user", "created_by", "remote_addr", "user_agent"}
    stored = SurveyResponse.objects.filter(round=survey).first()
    assert stored is not None and "one" not in stored.repeat_key and len(stored.repeat_key) == 64
    scores = score_round(survey)
    assert scores is not None and scores.respondents == 3
    i2 = next(q for q in scores.questions if q.code == "I2")
    assert i2.score == pytest.approx((MOST + MUCH + MOST) / 3)  # I2 is a plain 4-level question
    i9 = next(q for q in scores.questions if q.code == "I9")  # reversed: มากที่สุด 0, มาก 33.33
    assert i9.score == pytest.approx((0 + 33.33 + 0) / 3)
    assert len(fields) > 30  # multi-part questions give one field per part


def test_closing_freezes_the_round(world: World) -> None:
    survey = _open(world)
    submit_response(survey=survey, answers=answers_for(survey), browser="x")
    closed = close_round(actor=world.users["agency_admin"], survey=survey)
    assert closed.respondents == 1 and closed.scores["I2"] == 100.0
    with pytest.raises(ValidationError):
        submit_response(survey=closed, answers=answers_for(closed), browser="y")
    assert SurveyResponse.objects.filter(round=survey).count() == 1
    assert _open(world).pk != survey.pk  # a new round may open after the old one closed


def test_a_missing_or_unknown_answer_is_refused(world: World) -> None:
    survey = _open(world)
    answers = answers_for(survey)
    answers.pop("I2")
    with pytest.raises(ValidationError) as raised:
        submit_response(survey=survey, answers=answers, browser="x")
    assert "I2" in raised.value.messages[0]
    answers["I2"] = "เยอะมาก"
    with pytest.raises(ValidationError):
        submit_response(survey=survey, answers=answers, browser="x")
    assert not SurveyResponse.objects.filter(round=survey).exists()


def test_groups_below_five_are_suppressed(world: World) -> None:
    survey = _open(world)
    for n in range(MIN_GROUP):
        submit_response(survey=survey, answers=answers_for(survey), browser=f"s{n}", group="staff")
    submit_response(survey=survey, answers=answers_for(survey), browser="e", group="executive")
    lines = {line.name: line for line in group_lines(survey)}
    assert lines["ข้าราชการหรือพนักงาน"].scores is not None
    assert lines["ผู้บริหาร"].scores is None and lines["ผู้บริหาร"].count == 1


def test_public_form_needs_no_login_and_flood_is_stopped(world: World, settings: Any) -> None:
    survey = _open(world)
    client = Client()
    url = reverse("survey_public", args=[survey.public_id])
    page = client.get(url)
    assert page.status_code == 200 and "I1" in page.content.decode() and "prongsai_survey" in page.cookies
    done = client.post(url, answers_for(survey))
    assert done.status_code == 200 and "ขอบคุณ" in done.content.decode()
    again = client.post(url, answers_for(survey))
    assert again.status_code == 409
    settings.PRONGSAI_SURVEY_RATE_PER_MINUTE = 0
    other = Client()
    other.get(url)
    assert other.post(url, answers_for(survey)).status_code == 429
    assert SurveyResponse.objects.filter(round=survey).count() == 1
    close_round(actor=None, survey=survey)
    assert Client().post(url, answers_for(survey)).status_code == 410


def test_export_holds_every_response_and_no_personal_data(world: World) -> None:
    survey = _open(world)
    submit_response(survey=survey, answers=answers_for(survey), browser="x", group="staff")
    client = Client()
    client.force_login(world.users["agency_viewer"])
    body = client.get(reverse("survey_export", args=[survey.pk, "csv"])).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:3] == ["ลำดับ", "วันที่ส่ง", "กลุ่มผู้ตอบ"] and len(rows) == 2
    assert rows[1][2] == "ข้าราชการหรือพนักงาน" and rows[1][rows[0].index("I2")] == "มากที่สุด"


def test_forecast_is_labelled_and_uses_the_closed_round(world: World) -> None:
    survey = _open(world)
    submit_response(survey=survey, answers=answers_for(survey), browser="x")
    close_round(actor=None, survey=survey)
    year, result = agency_forecast(world.own) or (0, None)
    assert year == YEAR and result is not None
    assert result.sources["IIT"] == "survey"
    fw = shipped_framework(YEAR)
    assert set(survey.scores) <= set(fw.items)
    client = Client()
    client.force_login(world.users["oversight"])
    page = client.get(reverse("agency", args=[world.own.pk])).content.decode()
    assert "ผลประเมินตนเอง" in page and "ไม่ใช่ผลทางการ" in page


def test_no_forecast_for_a_year_whose_official_result_is_in(world: World) -> None:
    survey = _open(world)
    submit_response(survey=survey, answers=answers_for(survey), browser="x")
    close_round(actor=None, survey=survey)
    assert agency_forecast(world.own) is not None
    save_assessment(
        actor=None,
        organisation=world.own,
        year=YEAR,
        rows=sample_rows(YEAR, "phitsanulok_pao_2565.csv"),
        source="demo",
        source_name="phitsanulok_pao_2565.csv",
    )
    assert agency_forecast(world.own) is None  # NACC's result of 2565 is in: nothing is left to forecast for it
    client = Client()
    client.force_login(world.users["agency_viewer"])
    page = client.get(reverse("agency", args=[world.own.pk])).content.decode()
    assert f"คาดการณ์ผลปีงบประมาณ {YEAR}" not in page
