"""The tables of a round's export: one row per response (its number, day, group and answers: all that is kept)
and the question scores, frozen at closing or computed live while the round is open."""

from __future__ import annotations

from typing import Any

from ...ita.numbers import round2
from .models import GROUP_CHOICES, SurveyResponse, SurveyRound
from .selectors import score_round


def responses_table(survey: SurveyRound, questions: list[Any]) -> list[list[Any]]:
    """The Thai header, then each response: the answers under the labels of the round's form (I1, I1.2 …)."""
    labels = [field.label for question in questions for field in question.fields]
    groups = dict(GROUP_CHOICES)
    header = ["ลำดับ", "วันที่ส่ง", "กลุ่มผู้ตอบ", *labels] + (["ข้อเสนอแนะ"] if survey.free_text else [])
    table: list[list[Any]] = [header]
    for number, response in enumerate(SurveyResponse.objects.filter(round=survey), start=1):
        row = [
            number,
            response.submitted_on,
            groups.get(response.group, "ไม่ระบุ"),
            *[response.answers.get(label, "") for label in labels],
        ]
        table.append(row + ([response.comment] if survey.free_text else []))
    return table


def scores_table(survey: SurveyRound) -> list[list[Any]]:
    """`code, score` rows (the canonical result format): the frozen scores, or the live ones of an open round."""
    if survey.is_open:
        live = score_round(survey)
        scores = {q.code: round2(q.score) for q in live.questions if q.score is not None} if live else {}
    else:
        scores = survey.scores
    return [["code", "score"], *([code, value] for code, value in scores.items())]
