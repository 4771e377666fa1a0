"""Reads of survey rounds, through the reader's scope, and the forecast that the agency page shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from ...ita.forecast import Forecast, forecast
from ...ita.library import available_years, framework_for
from ...ita.survey import SurveyScores, score_survey
from ...ita.survey_form import FormQuestion, survey_form
from ..accounts.selectors import Scope
from ..assessments.models import AssessmentRecord
from ..assessments.selectors import previous_assessment_of
from ..oitboard.models import OitItem
from ..organisations.models import Organisation
from .models import CLOSED, GROUPS, MIN_GROUP, SurveyResponse, SurveyRound


def visible_rounds(scope: Scope) -> QuerySet[SurveyRound]:
    return SurveyRound.objects.filter(scope.org_q("organisation__")).select_related("organisation")


def rounds_of(scope: Scope, org: Organisation) -> list[SurveyRound]:
    return list(visible_rounds(scope).filter(organisation=org))


def get_visible_round(scope: Scope, pk: int) -> SurveyRound | None:
    return visible_rounds(scope).filter(pk=pk).first()


def round_by_public_id(public_id: str) -> SurveyRound | None:
    """The round a public link names (no login: the unguessable id is the only key)."""
    if not public_id or len(public_id) > 32:
        return None
    return SurveyRound.objects.select_related("organisation").filter(public_id=public_id).first()


def form_of(survey: SurveyRound) -> list[FormQuestion]:
    return survey_form(framework_for(survey.year), survey.tool, survey.assume_scale or None)


def score_round(survey: SurveyRound, group: str | None = None) -> SurveyScores | None:
    """The round's question scores from its responses (all of them, or one group's), scored by `ita.survey`;
    None when there is no response."""
    responses = SurveyResponse.objects.filter(round=survey)
    if group is not None:
        responses = responses.filter(group=group)
    answers = list(responses.values_list("answers", flat=True))
    if not answers:
        return None
    header = [field.label for question in form_of(survey) for field in question.fields]
    rows = [(number, [row.get(label, "") for label in header]) for number, row in enumerate(answers, start=1)]
    return score_survey(
        framework_for(survey.year),
        survey.tool,
        header,
        rows,
        file=f"รอบแบบสำรวจ {survey.pk}",
        assume_scale=survey.assume_scale or None,
    )


@dataclass(frozen=True)
class GroupLine:
    name: str
    count: int
    scores: dict[str, float] | None  # None when the group is too small to show (fewer than MIN_GROUP)


def group_lines(survey: SurveyRound) -> list[GroupLine]:
    """Scores per respondent group, suppressed below MIN_GROUP responses so no small group can be singled out."""
    counts = dict(
        SurveyResponse.objects.filter(round=survey)
        .exclude(group="")
        .values_list("group")
        .annotate(n=Count("pk"))
        .values_list("group", "n")
    )
    lines = []
    for key, name in GROUPS[survey.tool]:
        count = counts.get(key, 0)
        scores = None
        if count >= MIN_GROUP:
            scored = score_round(survey, key)
            scores = {q.code: q.score for q in scored.questions if q.score is not None} if scored else None
        lines.append(GroupLine(name, count, scores))
    return lines


def response_count(survey: SurveyRound) -> int:
    return SurveyResponse.objects.filter(round=survey).count()


def forecast_year(org: Organisation) -> int | None:
    """The newest year the agency has a closed survey round or an OIT board for and no official result yet: the year
    it is preparing. Once NACC's result of a year is in, there is nothing left to forecast for it."""
    years = set(SurveyRound.objects.filter(organisation=org, status=CLOSED).values_list("year", flat=True))
    years.update(OitItem.objects.filter(board__organisation=org).values_list("board__year", flat=True).distinct())
    official = set(AssessmentRecord.objects.filter(organisation=org).values_list("year", flat=True))
    known = set(available_years())
    years = {y for y in years if y in known and y not in official}
    return max(years) if years else None


def agency_forecast(org: Organisation, year: int | None = None) -> tuple[int, Forecast] | None:
    """The self-assessment forecast of the agency for `year` (default `forecast_year`), or None when there is
    nothing to forecast from. Callers have checked that the reader may see the agency."""
    year = year or forecast_year(org)
    if year is None:
        return None
    survey: dict[str, dict[str, float]] = {}
    for tool in ("IIT", "EIT"):
        latest = (
            SurveyRound.objects.filter(organisation=org, year=year, tool=tool, status=CLOSED)
            .order_by("-closed_at")
            .first()
        )
        if latest is not None and latest.scores:
            survey[tool] = latest.scores
    statuses: dict[str, Any] = {
        code: status == "approved"
        for code, status in OitItem.objects.filter(board__organisation=org, board__year=year).values_list(
            "code", "status"
        )
    }
    return year, forecast(
        framework_for(year), survey=survey, oit_statuses=statuses or None, previous=previous_assessment_of(org, year)
    )
