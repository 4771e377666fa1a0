"""Files of the plans app through the web: the XLSX plan round trip (edited the way people edit it, and broken),
the plan and progress documents parsed back, and evidence uploads (size, type by content, revisions, SHA-256)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from prongsai.ita.library import framework_for
from prongsai.planfile.columns import PLAN_SHEET
from prongsai.planfile.reader import read_plan
from prongsai.web.audit.models import AuditEvent
from prongsai.web.organisations.models import Organisation
from prongsai.web.plans.models import Evidence, EvidenceRevision, Plan
from prongsai.web.plans.selectors import plan_as_domain
from prongsai.web.plans.services import DRAFT, add_step, create_plan, save_measure, save_progress
from tests.support.plans_world import PDF, plan_state
from tests.support.web_world import World


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def _client(world: World, role: str = "agency_editor") -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


def _plan(world: World) -> Plan:
    """Ang Thong's drafted 2567 plan with a work group, a person and dated steps on the first measure."""
    plan = create_plan(actor=None, organisation=world.own, year=2567, mode=DRAFT, question_threshold=90)
    first = plan.measures.order_by("number").first()
    first.units.add(Organisation.objects.get(parent=world.own, kind="workgroup"))
    first.people.add(world.users["agency_editor"])
    for step, day in zip(first.steps.order_by("number"), (dt.date(2023, 12, 31), dt.date(2024, 3, 31)), strict=False):
        step.due = day
        step.save()
    return plan


def _export(client: Client, plan: Plan, path: Path) -> Path:
    response = client.get(reverse("plan_export", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    path.write_bytes(response.content)
    return path


def _import(client: Client, plan: Plan, path: Path) -> Any:
    """Upload (a preview that saves nothing), then confirm; a refused file answers at the upload."""
    before = plan_as_domain(Plan.objects.get(pk=plan.pk))
    with path.open("rb") as handle:
        preview = client.post(reverse("plan_import", args=[plan.pk]), {"file": handle})
    if preview.status_code != 200:
        return preview
    assert 'data-testid="import-preview"' in preview.content.decode()
    assert plan_as_domain(Plan.objects.get(pk=plan.pk)) == before  # nothing saved by the preview
    token = client.session["plans.pending_import"]["token"]
    return client.post(reverse("plan_import", args=[plan.pk]), {"confirm": token})


def _columns(sheet: Any) -> dict[str, int]:
    return {cell.value: cell.column for cell in sheet[1]}


def test_exported_plan_reads_back_identical_and_imports_unchanged(world: World, tmp_path: Path) -> None:
    plan = _plan(world)
    client = _client(world)
    path = _export(client, plan, tmp_path / "plan.xlsx")
    expected = plan_as_domain(plan)
    assert read_plan(path, load_framework=framework_for) == expected
    first = expected.rows[0]
    assert first.responsible[:2] == ("กองคลังทดสอบ", "t_agency_editor")
    assert first.steps[0].endswith("(กำหนด 31 ธ.ค. 2566)")
    ids = list(plan.measures.order_by("number").values_list("pk", flat=True))
    assert _import(client, plan, path).status_code == 302
    assert plan_as_domain(Plan.objects.get(pk=plan.pk)) == expected
    assert list(plan.measures.order_by("number").values_list("pk", flat=True)) == ids
    again = _export(client, plan, tmp_path / "again.xlsx")
    assert read_plan(again, load_framework=framework_for) == expected


def test_a_workbook_edited_by_hand_is_imported(world: World, tmp_path: Path) -> None:
    plan = _plan(world)
    client = _client(world)
    measures = list(plan.measures.order_by("number"))
    save_progress(actor=None, measure=measures[2], quarter=1, status="in_progress", done="เริ่มแล้ว")
    path = _export(client, plan, tmp_path / "plan.xlsx")
    book = load_workbook(path)
    sheet = book[PLAN_SHEET]
    col = _columns(sheet)
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    # Move the third measure to the top of the sheet and number it ๑ in Thai digits; the old first becomes ๓.
    rows[0], rows[2] = rows[2], rows[0]
    rows[0][col["ลำดับ"] - 1] = "๑"
    rows[2][col["ลำดับ"] - 1] = "๓"
    rows[1][col["มาตรการ"] - 1] = measures[1].text + " และติดตามผลทุกเดือน"  # reworded
    rows[1][col["ระยะเวลาดำเนินการ"] - 1] = None  # blank cell
    rows[1][col["ขั้นตอนหรือวิธีดำเนินการ"] - 1] = "1. ทบทวนขั้นตอน (กำหนด ๓๑ ม.ค. ๒๕๖๗)\n2. รายงานผู้บริหาร"
    new = [None] * len(col)
    new[col["ลำดับ"] - 1] = "๙๙"
    new[col["มาตรการ"] - 1] = "จัดทำช่องทางรับฟังความคิดเห็นของบุคลากรเรื่องงบประมาณ"
    new[col["ข้อคำถามที่ตอบ"] - 1] = "I๑๗, ข้อ I18"
    new[col["ผู้รับผิดชอบ"] - 1] = "กองคลังทดสอบ\nt_agency_admin\nผู้ดูแลเว็บไซต์"
    new[col["กำหนดแล้วเสร็จ"] - 1] = "๓๐/๐๙/๒๕๖๗"
    new[col["หลักฐาน OIT ที่เกี่ยวข้อง"] - 1] = "o18"
    sheet.delete_rows(2, sheet.max_row)
    for index, values in enumerate(rows):
        sheet.append(values)
        if index == 3:
            sheet.append([None] * len(col))  # a blank row in the middle
    sheet.append(new)
    book.save(path)

    response = _import(client, plan, path)
    assert response.status_code == 302, response.content.decode()[:3000]
    stored = list(plan.measures.order_by("number"))
    assert [m.pk for m in stored[:3]] == [measures[2].pk, measures[1].pk, measures[0].pk]
    assert stored[0].progress.get().done == "เริ่มแล้ว"  # progress stayed with its measure
    assert stored[1].text.endswith("และติดตามผลทุกเดือน") and stored[1].period == ""
    assert [(s.text, s.due) for s in stored[1].steps.all()] == [
        ("ทบทวนขั้นตอน", dt.date(2024, 1, 31)),
        ("รายงานผู้บริหาร", None),
    ]
    added = stored[-1]
    assert added.number == len(measures) + 1 and added.questions == ["I17", "I18"]
    assert added.deadline == dt.date(2024, 9, 30) and added.evidence_codes == ["O18"]
    assert [o.name for o in added.units.all()] == ["กองคลังทดสอบ"]
    assert [u.username for u in added.people.all()] == ["t_agency_admin"]
    assert added.other_responsible == ["ผู้ดูแลเว็บไซต์"]
    event = AuditEvent.objects.filter(action="plan.import").get()
    assert event.actor == world.users["agency_editor"] and len(event.after["measures"]) == len(measures) + 1


def test_text_that_looks_like_a_formula_is_exported_as_text(world: World, tmp_path: Path) -> None:
    plan = create_plan(actor=None, organisation=world.own, year=2567, mode="blank")
    text = '=HYPERLINK("https://example.com","คลิก")'
    save_measure(actor=None, plan=plan, text=text, practice="=1+1")
    client = _client(world)
    path = _export(client, plan, tmp_path / "plan.xlsx")
    sheet = load_workbook(path)[PLAN_SHEET]
    cells = [c for c in sheet[2] if isinstance(c.value, str) and c.value.startswith("=")]
    assert len(cells) == 2 and all(c.data_type == "s" for c in cells)
    assert read_plan(path, load_framework=framework_for).rows[0].measure == text


def test_a_broken_workbook_lists_its_rows_and_changes_nothing(world: World, tmp_path: Path) -> None:
    plan = _plan(world)
    client = _client(world)
    path = _export(client, plan, tmp_path / "plan.xlsx")
    book = load_workbook(path)
    sheet = book[PLAN_SHEET]
    col = _columns(sheet)
    sheet.cell(3, col["ข้อคำถามที่ตอบ"]).value = "E1, Z9"
    sheet.cell(4, col["กำหนดแล้วเสร็จ"]).value = "๓๑/๑๓/๒๕๖๗"
    sheet.cell(5, col["ขั้นตอนหรือวิธีดำเนินการ"]).value = "1. ประชุม (กำหนด เร็ว ๆ นี้)"
    sheet.cell(6, col["มาตรการ"]).value = None
    sheet.cell(7, col["สถานะ"]).value = "ใกล้เสร็จ"
    book.save(path)
    before = (plan_as_domain(plan), plan_state(), AuditEvent.objects.count())
    response = _import(client, plan, path)
    body = response.content.decode()
    assert response.status_code == 400
    assert "ยังไม่ได้บันทึกข้อมูลใด" in body
    letters = {name: load_workbook(path)[PLAN_SHEET].cell(1, index).column_letter for name, index in col.items()}
    for row, column, text in (
        (3, "ข้อคำถามที่ตอบ", "ไม่มีรหัส &#x27;Z9&#x27;"),
        (4, "กำหนดแล้วเสร็จ", "อ่านวันที่"),
        (5, "ขั้นตอนหรือวิธีดำเนินการ", "อ่านวันที่กำหนดเสร็จ"),
        (6, "มาตรการ", "แถวนี้ไม่มีชื่อมาตรการ"),
        (7, "สถานะ", "ไม่อยู่ในรายการ"),
    ):
        assert f"<td>{row}</td><td>{letters[column]} ({column})</td><td>" in body, (row, column)
        assert text in body, text
    assert (plan_as_domain(Plan.objects.get(pk=plan.pk)), plan_state(), AuditEvent.objects.count()) == before


def test_a_plan_of_another_year_or_not_an_xlsx_is_refused(world: World, tmp_path: Path) -> None:
    plan = _plan(world)
    other = create_plan(actor=None, organisation=world.own, year=2568, mode="blank")
    save_measure(actor=None, plan=other, text="มาตรการปีอื่น")
    client = _client(world)
    path = _export(client, other, tmp_path / "other.xlsx")
    before = plan_as_domain(plan)
    response = _import(client, plan, path)
    assert response.status_code == 400
    assert "แฟ้มนี้อ้างอิงผลการประเมินปี 2567 แต่แผนนี้อ้างอิงผลการประเมินปี 2566" in response.content.decode()
    fake = tmp_path / "plan.xlsx"
    fake.write_bytes(b"MZ not a workbook")
    assert "ไม่ใช่แฟ้ม Excel" in _import(client, plan, fake).content.decode()
    text = tmp_path / "plan.csv"
    text.write_text("ลำดับ,มาตรการ\n1,x\n", encoding="utf-8")
    assert "รับเฉพาะแฟ้ม Excel (.xlsx)" in _import(client, plan, text).content.decode()
    assert plan_as_domain(Plan.objects.get(pk=plan.pk)) == before


def test_a_measure_with_progress_cannot_vanish_in_an_import(world: World, tmp_path: Path) -> None:
    plan = _plan(world)
    client = _client(world)
    path = _export(client, plan, tmp_path / "plan.xlsx")
    last = plan.measures.order_by("-number").first()
    save_progress(actor=None, measure=last, quarter=1, status="in_progress", done="ทำแล้ว")
    book = load_workbook(path)
    sheet = book[PLAN_SHEET]
    sheet.delete_rows(sheet.max_row)
    book.save(path)
    response = _import(client, plan, path)
    assert response.status_code == 400 and "มีผลการดำเนินงานหรือหลักฐานแล้ว แต่ไม่อยู่ในแฟ้ม" in response.content.decode()
    assert plan.measures.filter(pk=last.pk).exists()


# --- Documents ------------------------------------------------------------------------------------------------------


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_plan_document_and_progress_reports(world: World) -> None:
    plan = _plan(world)
    client = _client(world, "agency_viewer")
    first = plan.measures.order_by("number").first()
    save_progress(
        actor=None, measure=first, quarter=1, status="in_progress", done="ประชุมชี้แจงครั้งที่หนึ่งแล้ว", problems="งบประมาณล่าช้า"
    )
    save_progress(actor=None, measure=first, quarter=2, status="done", done="ประชุมครบทุกกองแล้ว")
    response = client.get(reverse("plan_document", args=[plan.pk, "docx"]))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    text = _docx_text(response.content)
    assert "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน" in text and world.own.name in text
    assert first.text in text and "(กำหนด 31 ธ.ค. 2566)" in text and "กองคลังทดสอบ" in text
    quarter = _docx_text(client.get(reverse("progress_report", args=[plan.pk, 1, "docx"])).content)
    assert "ประชุมชี้แจงครั้งที่หนึ่งแล้ว" in quarter and "ปัญหาและอุปสรรค: งบประมาณล่าช้า" in quarter
    assert "ประชุมครบทุกกองแล้ว" not in quarter
    year = _docx_text(client.get(reverse("progress_report_year", args=[plan.pk, "docx"])).content)
    assert "ไตรมาสที่ 1: ประชุมชี้แจงครั้งที่หนึ่งแล้ว" in year and "ไตรมาสที่ 2: ประชุมครบทุกกองแล้ว" in year
    assert "ดำเนินการแล้วเสร็จ" in year
    pdf = client.get(reverse("progress_report", args=[plan.pk, 1, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    assert client.get(reverse("plan_document", args=[plan.pk, "html"])).status_code == 404
    assert client.get(reverse("plan_progress", args=[plan.pk, 5])).status_code == 404


# --- Evidence -------------------------------------------------------------------------------------------------------


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("รายงานการประชุม")
    document.save(buffer)
    return buffer.getvalue()


def _upload(client: Client, measure: Any, name: str, body: bytes, **extra: str) -> Any:
    return client.post(
        reverse("evidence_new", args=[measure.pk, 1]),
        {
            "title": extra.get("title", ""),
            "file": SimpleUploadedFile(name, body),
            "url": "",
            "step": extra.get("step", ""),
        },
    )


def _measure(world: World) -> Any:
    plan = create_plan(actor=None, organisation=world.own, year=2567, mode="blank")
    measure = save_measure(actor=None, plan=plan, text="มาตรการที่มีหลักฐาน")
    add_step(actor=None, measure=measure, text="ประชุม")
    return measure


def test_evidence_files_are_checked_by_size_and_content(world: World, media: Path, settings: Any) -> None:
    measure = _measure(world)
    client = _client(world)
    settings.EVIDENCE_MAX_BYTES = 1024
    big = _upload(client, measure, "ใหญ่.pdf", PDF + b"0" * 2048)
    assert big.status_code == 400 and "ไฟล์ใหญ่เกินกำหนด" in big.content.decode()
    settings.EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
    exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
    renamed = _upload(client, measure, "รายงาน.pdf", exe)
    assert renamed.status_code == 400 and "เนื้อหาของไฟล์ไม่ใช่ไฟล์ PDF" in renamed.content.decode()
    assert "ไม่รับไฟล์ชนิด &#x27;.exe&#x27;" in _upload(client, measure, "setup.exe", exe).content.decode()
    fake_docx = io.BytesIO()
    with zipfile.ZipFile(fake_docx, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("payload.bin", "x")
    assert _upload(client, measure, "บันทึก.docx", fake_docx.getvalue()).status_code == 400
    assert _upload(client, measure, "ว่าง.pdf", b"").status_code == 400
    assert not Evidence.objects.exists() and not EvidenceRevision.objects.exists()
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    for name, body in (("ภาพ.png", png), ("บันทึก.docx", _docx_bytes()), ("ภาพถ่าย.JPG", b"\xff\xd8\xff\xe0" + b"1" * 40)):
        assert _upload(client, measure, name, body).status_code == 302, name
    assert {r.content_type for r in EvidenceRevision.objects.all()} == {
        "image/png",
        "image/jpeg",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }


def test_uploading_again_adds_a_revision_and_keeps_the_old_one(world: World, media: Path) -> None:
    measure = _measure(world)
    step = measure.steps.get()
    client = _client(world)
    first = PDF + "% ฉบับแรก\n".encode()
    second = PDF + b"% second version\n"
    created = _upload(client, measure, "รายงานการประชุม.pdf", first, title="รายงานการประชุม", step=str(step.pk))
    assert created.status_code == 302
    evidence = Evidence.objects.get()
    assert (evidence.title, evidence.step, evidence.quarter) == ("รายงานการประชุม", step, 1)
    response = client.post(
        reverse("evidence_revise", args=[evidence.pk]), {"file": SimpleUploadedFile("รายงานการประชุม.pdf", second)}
    )
    assert response.status_code == 302
    revisions = list(evidence.revisions.order_by("number"))
    assert [r.number for r in revisions] == [1, 2]
    assert [r.sha256 for r in revisions] == [hashlib.sha256(first).hexdigest(), hashlib.sha256(second).hexdigest()]
    assert revisions[0].file.name != revisions[1].file.name
    for revision, body in zip(revisions, (first, second), strict=True):
        stored = Path(revision.file.path)
        assert stored.is_relative_to(media) and stored.read_bytes() == body
        download = client.get(reverse("evidence_download", args=[revision.pk]))
        assert download.status_code == 200 and b"".join(download.streaming_content) == body
        assert download["Content-Type"] == "application/pdf"
        assert download["Content-Disposition"].startswith("attachment")
    viewer = _client(world, "agency_viewer")
    assert viewer.get(reverse("evidence_download", args=[revisions[0].pk])).status_code == 200
    assert Client().get(reverse("evidence_download", args=[revisions[0].pk])).status_code == 302  # to the login
    bad = client.post(
        reverse("evidence_revise", args=[evidence.pk]), {"file": SimpleUploadedFile("x.pdf", b"MZ..")}, follow=True
    )
    assert "เนื้อหาของไฟล์ไม่ใช่ไฟล์ PDF" in bad.content.decode() and evidence.revisions.count() == 2
    page = client.get(reverse("measure_progress", args=[measure.pk, 1])).content.decode()
    assert revisions[1].sha256[:16] in page and "รายงานการประชุม" in page
    events = AuditEvent.objects.filter(action__startswith="evidence.").order_by("pk")
    assert [e.after["sha256"] for e in events] == [r.sha256 for r in revisions]


def test_link_evidence(world: World) -> None:
    measure = _measure(world)
    client = _client(world)
    url = reverse("evidence_new", args=[measure.pk, 1])
    assert client.post(url, {"title": "", "url": "https://www.example.go.th/ita/o18"}).status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.title == "https://www.example.go.th/ita/o18" and not evidence.revisions.exists()
    assert client.post(url, {"url": "javascript:alert(1)"}).status_code == 400
    both = client.post(url, {"url": "https://x.go.th/", "file": SimpleUploadedFile("a.pdf", PDF)})
    assert both.status_code == 400 and "อย่างใดอย่างหนึ่ง" in both.content.decode()
    response = client.post(
        reverse("evidence_revise", args=[evidence.pk]), {"file": SimpleUploadedFile("a.pdf", PDF)}, follow=True
    )
    assert "หลักฐานนี้เป็นลิงก์" in response.content.decode()
    assert Evidence.objects.count() == 1
