"""Download names from agency, year and kind (ITA-2566-อบจ.อ่างทอง-รายงาน….docx), with an ASCII `filename=` for old
clients and the Thai name in RFC 5987 `filename*=`, read back as a browser decodes it."""

from __future__ import annotations

import datetime as dt
import io
import re
from urllib.parse import unquote

from django.test import Client
from django.urls import reverse

from prongsai.web.assessments.models import AssessmentRecord
from prongsai.web.core.downloads import ascii_fallback, download_name
from tests.support.web_world import World


def _saved_name(disposition: str) -> tuple[str, str]:
    """(filename, filename*) as a mail/HTTP header parser reads them."""
    plain = re.search(r'filename="([^"]*)"', disposition).group(1)
    real = unquote(re.search(r"filename\*=UTF-8''([^;]+)", disposition).group(1), encoding="utf-8")
    return plain, real


def test_name_from_agency_year_and_kind() -> None:
    name = download_name(year=2566, agency="องค์การบริหารส่วนจังหวัดอ่างทอง", kind="รายงาน", ext="docx")
    assert name == "ITA-2566-อบจ.อ่างทอง-รายงาน.docx"
    assert ascii_fallback(name) == "ITA-2566.docx"
    assert download_name(year=2566, agency='ก/ข:"ค"', kind="แผน", ext="xlsx") == "ITA-2566-กขค-แผน.xlsx"


def test_the_report_download_is_named_for_the_agency(world: World, client: Client) -> None:
    record = AssessmentRecord.objects.filter(organisation=world.own).first()
    client.force_login(world.users["agency_editor"])
    response = client.get(reverse("download", args=[record.pk, "docx"]))
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.isascii()
    plain, real = _saved_name(disposition)
    expected = download_name(year=record.year, agency=world.own.name, kind="รายงานผลการวิเคราะห์", ext="docx")
    assert real == expected == f"ITA-{record.year}-อบจ.อ่างทอง-รายงานผลการวิเคราะห์.docx"
    assert plain == ascii_fallback(expected) and plain.startswith(f"ITA-{record.year}")
    assert str(record.organisation_id) not in real.split("-")  # no internal number


def test_survey_and_oversight_tables_are_named_for_the_agency_year_and_kind(world: World) -> None:
    """The survey downloads and the oversight exports carry agency, year and kind, not a number of the database."""
    from openpyxl import load_workbook

    from tests.support.surveys_world import YEAR, survey_world

    survey = survey_world(world).own
    agency = Client()
    agency.force_login(world.users["agency_admin"])
    kind = f"ITA-{YEAR}-อบจ.อ่างทอง-แบบสำรวจIIT"
    for view, args, name in (
        ("survey_export", [survey.pk, "csv"], f"{kind}-คำตอบ-รอบ{survey.pk}.csv"),
        ("survey_export", [survey.pk, "xlsx"], f"{kind}-คำตอบ-รอบ{survey.pk}.xlsx"),
        ("survey_qr", [survey.pk], f"{kind}-คิวอาร์โค้ด.png"),
        ("survey_poster", [survey.pk], f"{kind}-โปสเตอร์.pdf"),
    ):
        response = agency.get(reverse(view, args=args))
        assert response.status_code == 200, view
        assert _saved_name(response["Content-Disposition"])[1] == name
    workbook = agency.get(reverse("survey_export", args=[survey.pk, "xlsx"])).content
    book = load_workbook(io.BytesIO(workbook))
    assert book.sheetnames == ["คำตอบ", "คะแนนรายข้อ"]
    answers = list(book["คำตอบ"].iter_rows(values_only=True))
    assert len(answers) == 3 and answers[1][1] == dt.datetime(2025, 1, 10)  # a date cell, not a text
    assert next(book["คะแนนรายข้อ"].iter_rows(values_only=True)) == ("code", "score")
    oversight = Client()
    oversight.force_login(world.users["oversight"])
    ministry = f"ITA-ทุกปี-{world.ministry.name.replace(' ', '')}"
    response = oversight.get(reverse("dashboard_years_export", args=[world.ministry.pk, "csv"]))
    assert response.status_code == 200
    assert _saved_name(response["Content-Disposition"])[1] == f"{ministry}-ผลหลายปี.csv"
    response = oversight.get(reverse("dashboard_work_export", args=[world.ministry.pk, "xlsx"]) + "?year=2566")
    assert _saved_name(response["Content-Disposition"])[1].endswith("-สถานะงาน.xlsx")
    assert oversight.get(reverse("dashboard_work_export", args=[world.ministry.pk, "odt"])).status_code == 404
