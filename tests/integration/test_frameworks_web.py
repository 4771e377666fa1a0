"""Framework versions in the web system: upload with a validation preview, publish, what framework_for gives,
re-scoring a stored result, carrying a provisional year's OIT board and plan to the official list, and who may
do what."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from prongsai.ita.library import available_years, framework_for
from prongsai.ita.problems import InputError
from prongsai.web.assessments.models import AssessmentRecord
from prongsai.web.assessments.selectors import results_version
from prongsai.web.assessments.services import rescore_assessment, rescore_preview, save_assessment
from prongsai.web.audit.models import AuditEvent
from prongsai.web.core.demo import sample_rows
from prongsai.web.frameworks.models import DRAFT, PUBLISHED, SUPERSEDED, FrameworkVersion
from prongsai.web.frameworks.selectors import provisional_notice, shipped_sha256, years_overview
from prongsai.web.frameworks.services import publish_version, restore_shipped, upload_version
from prongsai.web.oitboard.models import EvidenceLink, OitItem
from prongsai.web.oitboard.services import create_board, update_item
from prongsai.web.plans.models import Measure
from prongsai.web.plans.services import create_plan, save_measure
from tests.support.framework_edits import NEW_2570_TITLE, O1_TITLE, dump, edited_2566, official_2570
from tests.support.web_world import ROLES, World


def _upload(world: World, data: dict[str, Any], year: int = 2566, name: str = "fy2566-edited.yaml") -> Any:
    return upload_version(actor=world.users["admin"], year=year, data=dump(data), filename=name)


def test_a_bad_file_is_refused_in_thai_with_its_place_and_nothing_is_kept(world: World) -> None:
    data = edited_2566()
    data["tools"]["OIT"]["weight"] = "หนัก"
    with pytest.raises(InputError) as caught:
        _upload(world, data)
    problem = caught.value.problems[0]
    assert problem.file == "fy2566-edited.yaml" and problem.column and "tools" in problem.column
    with pytest.raises(InputError) as wrong_year:
        _upload(world, edited_2566(), year=2567)
    assert "ปี 2566 แต่เลือกปี 2567" in wrong_year.value.problems[0].message
    assert not FrameworkVersion.objects.exists()


def test_a_draft_changes_nothing_until_published_and_every_version_is_kept(world: World) -> None:
    draft = _upload(world, edited_2566())
    assert draft.state == DRAFT and draft.number == 1 and len(draft.sha256) == 64
    assert framework_for(2566).items["O1"].title == "โครงสร้าง"
    assert _upload(world, edited_2566()).pk == draft.pk  # the same file again is the same version
    before = results_version()
    outcome = publish_version(actor=world.users["admin"], version=draft)
    assert outcome.replaced is None and not outcome.carried_from_provisional
    assert framework_for(2566).items["O1"].title == O1_TITLE
    assert results_version() != before, "publishing must invalidate every cached page and figure"
    second = _upload(world, edited_2566() | {"notes": "ฉบับที่สอง"}, name="fy2566-v2.yaml")
    publish_version(actor=world.users["admin"], version=second)
    states = dict(FrameworkVersion.objects.values_list("number", "state"))
    assert states == {1: SUPERSEDED, 2: PUBLISHED}
    row = next(r for r in years_overview() if r.year == 2566)
    assert row.version.pk == second.pk and row.version.published_by == world.users["admin"]
    actions = list(AuditEvent.objects.filter(action__startswith="framework.").values_list("action", flat=True))
    assert sorted(actions) == ["framework.publish", "framework.publish", "framework.upload", "framework.upload"]
    back = restore_shipped(actor=world.users["admin"], year=2566).version
    assert back.origin == "shipped" and back.number == 3 and back.state == PUBLISHED
    assert back.sha256 == shipped_sha256(2566) and framework_for(2566).items["O1"].title == "โครงสร้าง"
    assert FrameworkVersion.objects.get(pk=second.pk).state == SUPERSEDED
    with pytest.raises(InputError):
        restore_shipped(actor=world.users["admin"], year=2566)  # nothing published but the shipped one now
    with pytest.raises(PermissionDenied):
        restore_shipped(actor=world.users["oversight"], year=2566)


def test_a_stored_result_is_rescored_only_after_its_changes_are_shown(world: World) -> None:
    record = world.own_record
    assert record.framework_version is None and record.framework_sha256  # scored with the shipped file
    version = _upload(world, edited_2566())
    publish_version(actor=world.users["admin"], version=version)
    record.refresh_from_db()
    assert record.total == 92.31 and record.framework_version is None  # publishing alone changes no result
    preview = rescore_preview(record)
    changed = {" ".join(line.label.split(" ")[:2]): (line.old, line.new) for line in preview.comparison.changed}
    # O18 (failed) moved from 9.2 (8 items) to 9.1 (10 items): 9.1 = 10/11, 9.2 = 100, indicator 9 = 93.18.
    assert changed["ตัวชี้วัดย่อย 9.1"] == (100.0, 90.91)
    assert changed["ตัวชี้วัดย่อย 9.2"] == (87.5, 100.0)
    assert changed["ตัวชี้วัดที่ 9"] == (92.5, 93.18)
    assert changed["คะแนนรวม"][0] == 92.31 and changed["คะแนนรวม"][1] > 92.31
    assert AssessmentRecord.objects.get(pk=record.pk).indicators["9"] == 92.5  # nothing saved by the preview
    with pytest.raises(InputError):
        rescore_assessment(actor=world.users["agency_editor"], record=record, expected_sha256="0" * 64)
    with pytest.raises(PermissionDenied):
        rescore_assessment(actor=world.users["agency_viewer"], record=record, expected_sha256=preview.sha256)
    saved = rescore_assessment(actor=world.users["agency_editor"], record=record, expected_sha256=preview.sha256)
    assert saved.framework_version == version and saved.indicators["9"] == 93.18
    assert saved.total == preview.comparison.new_result["total"] != 92.31
    event = AuditEvent.objects.get(action="assessment.rescore")
    assert event.before["indicators"]["9"] == 92.5 and event.after["indicators"]["9"] == 93.18


def test_a_result_saved_after_publishing_records_the_version(world: World) -> None:
    version = _upload(world, edited_2566())
    publish_version(actor=world.users["admin"], version=version)
    record = save_assessment(
        actor=world.users["agency_editor"],
        organisation=world.own,
        year=2566,
        rows=sample_rows(2566, "angthong_pao_2566.csv"),
        source="upload",
    )
    assert record.framework_version == version and record.framework_sha256 == version.sha256
    assert record.indicators["9"] == 93.18


def test_a_provisional_year_is_usable_and_says_so(world: World) -> None:
    assert 2570 in available_years() and framework_for(2570).is_provisional  # shipped, nothing published
    assert "ชั่วคราว" in (provisional_notice(2570) or "") and provisional_notice(2566) is None
    board = create_board(actor=world.users["agency_editor"], organisation=world.own, year=2570)
    assert board.items.count() == 26
    client = Client()
    client.force_login(world.users["agency_viewer"])
    page = client.get(reverse("oit_board", args=[world.own.pk, 2570])).content.decode()
    assert 'data-testid="provisional-notice"' in page and "ชั่วคราว" in page
    kpi = client.get(reverse("kpi_year", args=[world.own.pk, 2570])).content.decode()
    assert 'data-testid="provisional-notice"' in kpi
    other = client.get(reverse("oit_board", args=[world.own.pk, 2566])).content.decode()
    assert 'data-testid="provisional-notice"' not in other
    listing = client.get(reverse("frameworks")).content.decode()
    assert "ชั่วคราว" in listing and framework_for(2570).provisional_reason in listing


def test_an_official_list_carries_the_provisional_board_and_plan_by_topic_and_loses_nothing(world: World) -> None:
    admin, editor = world.users["admin"], world.users["agency_editor"]
    assert framework_for(2570).is_provisional  # the shipped provisional list is in use
    board = create_board(actor=editor, organisation=world.own, year=2570)
    items = {i.code: i for i in board.items.all()}
    update_item(
        actor=editor,
        item=items["O3"],
        workgroup=None,
        assignee=editor,
        due=None,
        urls_text="https://example.go.th/contact",
    )
    update_item(
        actor=editor,
        item=items["O26"],
        workgroup=None,
        assignee=None,
        due=None,
        urls_text="https://example.go.th/integrity-report",
    )
    plan = create_plan(actor=editor, organisation=world.own, year=2571, mode="blank")
    measure = save_measure(actor=editor, plan=plan, text="เผยแพร่ข่าวและรายงานผล", evidence_codes=["O3", "O26"])

    outcome = publish_version(actor=admin, version=_upload(world, official_2570(), year=2570, name="fy2570.yaml"))

    assert outcome.carried_from_provisional
    (notes,) = outcome.boards
    assert notes["carried"]["O3"] == "O4" and notes["carried"]["O4"] == "O3"  # renumbered, followed by topic
    assert [d["code"] for d in notes["dropped"]] == ["O26"] and notes["added"] == ["O26"]
    contact = OitItem.objects.get(board=board, topic="oit.contact_and_inquiry")  # was O3, is O4
    assert contact.code == "O4" and contact.assignee == editor
    assert list(contact.links.values_list("url", flat=True)) == ["https://example.go.th/contact"]
    assert OitItem.objects.get(board=board, topic="oit.news").code == "O3"
    retired = OitItem.objects.get(board=board, topic="oit.integrity_measures_implementation")
    assert retired.code == "เดิม O26" and retired.retired_reason
    assert EvidenceLink.objects.filter(item=retired, url="https://example.go.th/integrity-report").exists()
    new = OitItem.objects.get(board=board, code="O26")
    assert new.title == NEW_2570_TITLE and new.status == "not_started"
    (plan_notes,) = outcome.plans
    assert Measure.objects.get(pk=measure.pk).evidence_codes == ["O4"]
    assert [d["code"] for d in plan_notes["dropped"]] == ["O26"]
    plan.refresh_from_db()
    assert "O26" in plan.dropped_codes
    version = FrameworkVersion.objects.get(state=PUBLISHED, year=2570)
    assert version.carry_notes["boards"][0]["dropped"][0]["code"] == "O26"
    client = Client()
    client.force_login(admin)
    page = client.get(reverse("framework_version", args=[version.pk])).content.decode()
    assert 'data-testid="carry-dropped"' in page and "O26" in page
    board_page = client.get(reverse("oit_board", args=[world.own.pk, 2570])).content.decode()
    assert "เดิม O26" in board_page and 'data-testid="provisional-notice"' not in board_page


@pytest.mark.parametrize("role", ROLES)
def test_only_a_system_administrator_uploads_and_publishes_everyone_else_reads(world: World, role: str) -> None:
    draft = _upload(world, edited_2566())
    client = Client()
    client.force_login(world.users[role])
    assert client.get(reverse("frameworks")).status_code == 200
    assert client.get(reverse("framework_version", args=[draft.pk])).status_code == 200
    assert client.get(reverse("framework_download", args=[draft.pk])).status_code == 200
    upload = client.post(
        reverse("framework_upload"), {"year": "2566", "note": "", "file": _file("fy2566-other.yaml", edited_2566())}
    )
    publish = client.post(reverse("framework_publish", args=[draft.pk]))
    restore = client.post(reverse("framework_shipped", args=[2566]))
    if role == "admin":
        assert upload.status_code == 302 and publish.status_code == 302 and restore.status_code == 302
        assert FrameworkVersion.objects.get(pk=draft.pk).state == SUPERSEDED  # published, then replaced
        assert FrameworkVersion.objects.get(state=PUBLISHED).origin == "shipped"
    else:
        assert upload.status_code == 403 and publish.status_code == 403 and restore.status_code == 403
        assert client.get(reverse("framework_upload")).status_code == 403
        assert FrameworkVersion.objects.count() == 1 and FrameworkVersion.objects.get().state == DRAFT
        with pytest.raises(PermissionDenied):
            publish_version(actor=world.users[role], version=draft)


def _file(name: str, data: dict[str, Any]) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, dump(data | {"notes": name}), content_type="application/yaml")


def _workbook(edit: Any) -> bytes:
    import io

    from openpyxl import load_workbook

    from prongsai.frameworkfile import write_framework_xlsx

    stream = io.BytesIO()
    write_framework_xlsx(framework_for(2566), stream)
    book = load_workbook(io.BytesIO(stream.getvalue()))
    edit(book["items"], {row[0].value: row[0].row for row in book["items"].iter_rows(min_row=2) if row[0].value})
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_edited_workbook_is_uploaded_and_a_bad_one_is_refused_by_sheet_row_and_column(world: World) -> None:
    from prongsai.ita.framework_diff import RETITLED, diff_frameworks
    from prongsai.web.frameworks.selectors import framework_of

    def retitle(sheet: Any, rows: dict[str, int]) -> None:
        assert sheet.cell(1, 2).value == "ข้อความ (title)"
        sheet.cell(rows["O1"], 2).value = O1_TITLE

    def duplicate(sheet: Any, rows: dict[str, int]) -> None:
        sheet.cell(rows["O5"], 1).value = "O4"

    version = upload_version(actor=world.users["admin"], year=2566, data=_workbook(retitle), filename="fy2566.xlsx")
    diff = diff_frameworks(framework_for(2566), framework_of(version, 2566))
    assert [(c.kind, c.new_code, c.new_title) for c in diff.items] == [(RETITLED, "O1", O1_TITLE)]
    with pytest.raises(InputError) as caught:
        upload_version(actor=world.users["admin"], year=2566, data=_workbook(duplicate), filename="bad.xlsx")
    rendered = [p.render() for p in caught.value.problems]
    assert any("ชีต items" in p and "แถว" in p and "O4 ซ้ำกับแถว" in p for p in rendered), rendered
    assert FrameworkVersion.objects.count() == 1
