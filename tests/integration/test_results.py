"""Results in through the pages: upload with a preview, all-or-nothing saving, the framework form."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from prongsai.web.assessments.models import AssessmentRecord
from prongsai.web.audit.models import AuditEvent
from tests.support.cli import SAMPLES
from tests.support.result_states import results_state
from tests.support.web_world import World


def _login(world: World, role: str = "agency_editor") -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


def _upload(client: Client, world: World, name: str, data: bytes, year: int) -> Any:
    file = io.BytesIO(data)
    file.name = name
    return client.post(reverse("upload", args=[world.own.pk]), {"year": year, "file": file})


def _token(html: str) -> str:
    match = re.search(r'name="token" value="([^"]+)"', html)
    assert match, "the preview carries a signed token"
    return match.group(1)


def test_upload_previews_then_saves_on_confirm(world: World) -> None:
    client = _login(world)
    before = results_state()
    response = _upload(
        client, world, "phitsanulok_pao_2565.csv", (SAMPLES / "phitsanulok_pao_2565.csv").read_bytes(), 2565
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "96.99" in html and ">AA<" in html
    assert results_state() == before, "the preview saves nothing"
    saved = client.post(reverse("confirm", args=[world.own.pk]), {"token": _token(html)})
    record = AssessmentRecord.objects.get(organisation=world.own, year=2565)
    assert saved.status_code == 302 and saved["Location"] == reverse("assessment", args=[record.pk])
    assert (record.total, record.level, record.source, record.source_name) == (
        96.99,
        "AA",
        "upload",
        "phitsanulok_pao_2565.csv",
    )
    assert record.result["agency"] == world.own.name
    assert {"code": "I1", "score": 93.68, "channel": ""} in record.input_rows
    page = client.get(saved["Location"]).content.decode()
    assert "96.99" in page and "AA" in page
    assert AuditEvent.objects.filter(action="assessment.create", actor=world.users["agency_editor"]).exists()


def test_xlsx_upload_with_thai_headers(world: World) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["รหัส", "คะแนน"])
    for line in (SAMPLES / "ayutthaya_province_2564.csv").read_text(encoding="utf-8").splitlines()[1:]:
        code, value = line.split(",")
        sheet.append([code, value if code == "LEVEL" else float(value)])
    buffer = io.BytesIO()
    book.save(buffer)
    response = _upload(_login(world), world, "ผลคะแนน.xlsx", buffer.getvalue(), 2564)
    assert response.status_code == 200
    assert "97.25" in response.content.decode()


BAD_CSV = "code,score\nI1,93.5\nI2,สูงมาก\nO99,ผ่าน\nI3,120\nI1,80\n"


def test_bad_upload_shows_every_error_in_thai_and_changes_nothing(world: World) -> None:
    before = results_state()
    response = _upload(_login(world), world, "ผิด.csv", BAD_CSV.encode(), 2566)
    html = response.content.decode()
    assert response.status_code == 400
    assert "ยังไม่ได้บันทึกข้อมูลใด" in html
    for row, text in ((3, "ไม่ใช่ตัวเลข"), (4, "ไม่มีในกรอบการประเมินปี 2566"), (5, "อยู่นอกช่วง 0-100"), (6, "ซ้ำกับแถว 2")):
        assert re.search(rf"<td>{row}</td><td>[^<]*</td><td>[^<]*{text}", html), (row, text)
    assert 'name="token"' not in html
    assert results_state() == before


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("ผล.txt", b"code,score\nI1,90\n", "รับเฉพาะไฟล์ .csv หรือ .xlsx"),
        ("ผล.xlsx", b"code,score\nI1,90\n", "ไม่ใช่ไฟล์ Excel"),
        ("ผล.csv", b"PK\x03\x04binary", "ไม่ใช่ไฟล์ข้อความ CSV"),
        ("ผล.csv", b"code,score\n" + b"I1,90\n" * 400_000, "ไฟล์ใหญ่เกินกำหนด"),
    ],
)
def test_upload_type_and_size_are_checked(world: World, name: str, data: bytes, message: str) -> None:
    before = results_state()
    response = _upload(_login(world), world, name, data, 2566)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert results_state() == before


def test_confirm_refuses_a_tampered_or_foreign_preview(world: World) -> None:
    client = _login(world)
    html = _upload(client, world, "a.csv", (SAMPLES / "angthong_pao_2566.csv").read_bytes(), 2566).content.decode()
    token = _token(html)
    before = results_state()
    tampered = client.post(reverse("confirm", args=[world.own.pk]), {"token": token[:-3] + "abc"})
    assert tampered.status_code == 302 and tampered["Location"] == reverse("upload", args=[world.own.pk])
    other = _login(world, "agency_admin").post(reverse("confirm", args=[world.own.pk]), {"token": token})
    assert other.status_code == 403
    assert results_state() == before


def test_form_is_laid_out_like_the_framework_and_prefilled(world: World) -> None:
    html = _login(world).get(reverse("enter", args=[world.own.pk, 2566])).content.decode()
    assert "ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่" in html
    assert 'name="q__E1__public"' in html and 'name="q__E1__survey"' in html
    assert "ตัวชี้วัดย่อย 9.1" in html
    assert re.search(r'name="r__IND7"[^>]*value="83.96"', html)
    assert re.search(r'<option value="ไม่ผ่าน" selected>ไม่ผ่าน</option>', html)  # O18 failed in 2566


def test_form_errors_point_at_the_field_and_save_nothing(world: World) -> None:
    client = _login(world)
    before = results_state()
    response = client.post(reverse("enter", args=[world.own.pk, 2565]), {"q__I1": "เก้าสิบ", "q__I2": "95"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "I1 " in html and "ไม่ใช่ตัวเลข" in html
    assert 'class="field bad"' in html
    assert results_state() == before


def test_form_preview_and_save(world: World) -> None:
    client = _login(world)
    values = {f"r__IND{n}": "90" for n in range(1, 11)}
    response = client.post(reverse("enter", args=[world.own.pk, 2565]), values)
    assert response.status_code == 200
    assert "90.00" in response.content.decode()
    client.post(reverse("confirm", args=[world.own.pk]), {"token": _token(response.content.decode())})
    record = AssessmentRecord.objects.get(organisation=world.own, year=2565)
    assert (record.total, record.level, record.source) == (90.0, "A", "form")


def test_viewer_sees_no_upload_and_is_refused(world: World) -> None:
    client = _login(world, "agency_viewer")
    home = client.get(reverse("agency", args=[world.own.pk])).content.decode()
    assert reverse("upload", args=[world.own.pk]) not in home
    assert client.get(reverse("upload", args=[world.own.pk])).status_code == 403


def test_blank_template_of_a_year_is_downloaded_from_the_upload_page_filled_and_read_back(world: World) -> None:
    from openpyxl import load_workbook

    client = _login(world)
    page = client.get(reverse("upload", args=[world.own.pk])).content.decode()
    link = reverse("result_template", args=[2566, "xlsx"])
    assert link in page and reverse("result_template", args=[2566, "csv"]) in page
    response = client.get(link)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["ผลคะแนน"]
    assert [c.value for c in sheet[1]] == ["รหัส", "ช่องทาง", "คะแนน", "รายการ", "ประเภท"]
    for row in sheet.iter_rows(min_row=2):
        if str(row[0].value).startswith("IND"):
            row[2].value = "90%"
    buffer = io.BytesIO()
    book.save(buffer)
    preview = _upload(client, world, "แบบกรอก.xlsx", buffer.getvalue(), 2566).content.decode()
    assert "90.00" in preview and "ไม่ใช่ตัวเลข" not in preview
    csv_text = client.get(reverse("result_template", args=[2565, "csv"])).content.decode("utf-8-sig")
    assert csv_text.startswith("รหัส,ช่องทาง,คะแนน,รายการ,ประเภท") and "\nI1,," in csv_text
    assert client.get(reverse("result_template", args=[2500, "csv"])).status_code == 404
    assert client.get(reverse("result_template", args=[2566, "pdf"])).status_code == 404


def test_a_thai_windows_csv_upload_says_which_encoding_was_read(world: World) -> None:
    text = (
        (SAMPLES / "angthong_pao_2566.csv")
        .read_text(encoding="utf-8")
        .replace("code,score,channel", "รหัส,คะแนน,ช่องทาง")
    )
    html = _upload(_login(world), world, "อ่างทอง.csv", text.encode("cp874"), 2566).content.decode()
    assert "92.31" in html and "TIS-620" in html
