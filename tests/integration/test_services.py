"""Services check permissions themselves (not only the views), and write all-or-nothing with an audit record."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from prongsai.ita.problems import InputError
from prongsai.web.accounts.selectors import scope_of
from prongsai.web.accounts.services import change_member, create_member
from prongsai.web.assessments.models import AssessmentRecord, WeakPoint
from prongsai.web.assessments.selectors import get_visible_assessment, visible_assessments
from prongsai.web.assessments.services import delete_assessment, save_assessment
from prongsai.web.audit.models import AuditEvent
from prongsai.web.organisations.services import create_organisation
from tests.support.web_world import World

ROWS = [{"code": "IND1", "score": 90, "channel": ""}]


@pytest.mark.parametrize("role", ["oversight", "agency_viewer"])
def test_readers_cannot_save_results(world: World, role: str) -> None:
    with pytest.raises(PermissionDenied):
        save_assessment(actor=world.users[role], organisation=world.own, year=2566, rows=ROWS, source="form")


@pytest.mark.parametrize("role", ["agency_admin", "agency_editor"])
def test_agency_writers_cannot_save_another_agency(world: World, role: str) -> None:
    before = AssessmentRecord.objects.count()
    with pytest.raises(PermissionDenied):
        save_assessment(actor=world.users[role], organisation=world.sibling, year=2566, rows=ROWS, source="form")
    assert AssessmentRecord.objects.count() == before


def test_results_are_saved_only_for_agencies(world: World) -> None:
    with pytest.raises(PermissionDenied):
        save_assessment(actor=world.users["admin"], organisation=world.ministry, year=2566, rows=ROWS, source="form")


def test_invalid_rows_write_nothing(world: World) -> None:
    counts = (AssessmentRecord.objects.count(), WeakPoint.objects.count(), AuditEvent.objects.count())
    with pytest.raises(InputError):
        save_assessment(
            actor=world.users["agency_editor"],
            organisation=world.own,
            year=2566,
            rows=[{"code": "I1", "score": "สูงมาก", "channel": ""}],
            source="form",
        )
    assert (AssessmentRecord.objects.count(), WeakPoint.objects.count(), AuditEvent.objects.count()) == counts
    world.own_record.refresh_from_db()
    assert world.own_record.total == 92.31


def test_replacing_a_year_keeps_before_and_after_in_the_audit_log(world: World) -> None:
    record = save_assessment(
        actor=world.users["agency_editor"],
        organisation=world.own,
        year=2566,
        rows=[*ROWS, {"code": "IND2", "score": 80, "channel": ""}],
        source="form",
    )
    assert record.pk == world.own_record.pk
    event = AuditEvent.objects.filter(action="assessment.replace").get()
    assert event.actor == world.users["agency_editor"]
    assert event.before["total"] == 92.31
    assert event.after["rows"][0] == {"code": "IND1", "score": 90.0, "channel": ""}
    assert event.org_path == world.own.path


def test_only_agency_admin_deletes(world: World) -> None:
    with pytest.raises(PermissionDenied):
        delete_assessment(actor=world.users["agency_editor"], record=world.own_record)
    delete_assessment(actor=world.users["agency_admin"], record=world.own_record)
    assert not AssessmentRecord.objects.filter(pk=world.own_record.pk).exists()
    assert AuditEvent.objects.filter(action="assessment.delete", before__total=92.31).exists()


def test_selectors_scope_every_read(world: World) -> None:
    names = {r.organisation.name for r in visible_assessments(scope_of(world.users["oversight"]))}
    assert names == {world.own.name, world.sibling.name}
    assert visible_assessments(scope_of(world.users["agency_viewer"])).get() == world.own_record
    assert visible_assessments(scope_of(world.users["admin"])).count() == 4
    assert get_visible_assessment(scope_of(world.users["agency_viewer"]), world.sibling_record.pk) is None
    assert get_visible_assessment(scope_of(world.users["agency_viewer"]), world.own_record.pk) == world.own_record


def test_people_management_is_scoped(world: World) -> None:
    agency_admin = world.users["agency_admin"]
    with pytest.raises(PermissionDenied):
        create_member(
            actor=agency_admin,
            organisation=world.sibling,
            username="x1",
            password="a-long-password-1",
            role="agency_editor",
        )
    with pytest.raises(PermissionDenied):
        create_member(
            actor=agency_admin, organisation=world.own, username="x2", password="a-long-password-1", role="oversight"
        )
    with pytest.raises(ValidationError):
        create_member(actor=agency_admin, organisation=world.own, username="x3", password="123", role="agency_viewer")
    member = create_member(
        actor=agency_admin, organisation=world.own, username="x4", password="a-long-password-1", role="agency_viewer"
    )
    change_member(actor=agency_admin, membership=member, role="agency_editor")
    assert AuditEvent.objects.filter(
        action="member.change", before__role="agency_viewer", after__role="agency_editor"
    ).exists()
    with pytest.raises(ValidationError):
        change_member(actor=agency_admin, membership=world.membership("agency_admin"), active=False)
    with pytest.raises(PermissionDenied):
        change_member(actor=world.users["agency_editor"], membership=member, active=False)


def test_work_groups_only_under_agencies(world: World) -> None:
    with pytest.raises(ValidationError):
        create_organisation(actor=None, name="กลุ่มลอย", kind="workgroup", parent=world.ministry)
    group = create_organisation(actor=world.users["agency_admin"], name="กลุ่มงานใหม่", kind="workgroup", parent=world.own)
    assert group.path.startswith(world.own.path)
    with pytest.raises(PermissionDenied):
        create_organisation(actor=world.users["agency_editor"], name="กลุ่มงานอื่น", kind="workgroup", parent=world.own)
