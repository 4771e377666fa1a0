"""The analysis report downloaded from the web carries the agency's self-assessment of the following year as its
own section once the agency has closed a survey round for that year (issue 14, point 4), and not before."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from prongsai.ita.forecast import LABEL
from prongsai.web.assessments.services import save_assessment
from prongsai.web.surveys.selectors import agency_forecast
from prongsai.web.surveys.services import close_round, open_round, submit_response
from tests.support.surveys_world import answers_for
from tests.support.web_world import World, sample_rows


def _report_text(client: Client, assessment_id: int) -> tuple[str, list[list[str]]]:
    response = client.get(reverse("download", args=[assessment_id, "docx"]))
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    return text, tables


def test_the_downloaded_report_has_the_forecast_of_the_next_year(world: World) -> None:
    record = save_assessment(
        actor=None,
        organisation=world.own,
        year=2564,
        rows=sample_rows(2564, "ayutthaya_province_2564.csv"),
        source="demo",
        source_name="ayutthaya_province_2564.csv",
    )
    client = Client()
    client.force_login(world.users["agency_viewer"])
    before, _ = _report_text(client, record.pk)
    assert "การคาดการณ์ผล" not in before  # no survey yet: nothing of the agency's own to forecast from

    survey = open_round(actor=None, organisation=world.own, year=2565, tool="IIT")
    for browser in ("a", "b", "c"):
        submit_response(survey=survey, answers=answers_for(survey, pick=1), browser=browser)
    close_round(actor=None, survey=survey)
    found = agency_forecast(world.own, 2565)
    assert found is not None
    expected = found[1].assessment

    text, tables = _report_text(client, record.pk)
    assert "การคาดการณ์ผลประจำปีงบประมาณ พ.ศ. 2565" in text and LABEL in text
    table = next(t for t in tables if t[0][:3] == ["แบบวัด", "คะแนนคาดการณ์", "ที่มาของข้อมูล"])
    iit = next(row for row in table if "(IIT)" in row[0])
    assert iit[2] == "แบบสำรวจของหน่วยงานเอง"
    assert float(iit[1]) == pytest.approx(expected.tools["IIT"].value, abs=0.006)
    assert float(table[-1][1]) == pytest.approx(expected.total.value, abs=0.006)
