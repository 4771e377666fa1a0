"""Cached page bodies: never shown to another permission set, never outliving a change, nothing of one request
echoed into another's page. Each test first fills the cache as one reader, then reads as another."""

from __future__ import annotations

import random

import pytest
from django.db import transaction
from django.urls import reverse

from prongsai.ita.library import framework_for
from prongsai.web.assessments.selectors import page_analyses, results_version
from prongsai.web.assessments.services import delete_assessment, save_assessment
from prongsai.web.core.cache import clear_all, pages
from prongsai.web.core.demo import generated_rows
from prongsai.web.organisations.services import create_organisation
from tests.support.web_pages import signed_in_html
from tests.support.web_world import World


def _rows(year: int) -> list[dict[str, object]]:
    return generated_rows(framework_for(year), random.Random(year), 90.0)


@pytest.fixture(autouse=True)
def _empty_caches() -> None:
    clear_all()


def test_agency_page_is_cached_per_permission_set(world: World) -> None:
    url = reverse("agency", args=[world.own.pk])
    members = reverse("members", args=[world.own.pk])
    upload = reverse("upload", args=[world.own.pk])
    admin_page = signed_in_html(world, "agency_admin", url)
    assert members in admin_page and upload in admin_page
    viewer_page = signed_in_html(world, "agency_viewer", url)  # same agency, same results, another permission set
    assert members not in viewer_page and upload not in viewer_page
    editor_page = signed_in_html(world, "agency_editor", url)
    assert upload in editor_page and members not in editor_page
    assert pages.computed == 3  # one entry per permission set
    assert members in signed_in_html(world, "agency_admin", url)  # and the admin's own entry is still the admin's
    assert pages.computed == 3  # served from the cache


def test_breadcrumbs_are_cached_per_permission_set(world: World) -> None:
    url = reverse("dashboard", args=[world.ministry.pk])
    assert world.national.name in signed_in_html(world, "admin", url)
    # The ministry's oversight user may not read the national node: its name must not come from the admin's entry.
    assert world.national.name not in signed_in_html(world, "oversight", url)


def test_user_specific_parts_are_never_cached(world: World) -> None:
    url = reverse("agency", args=[world.own.pk])
    world.users["agency_editor"].first_name = "บรรณาธิการ"
    world.users["agency_editor"].save()
    assert "บรรณาธิการ" in signed_in_html(world, "agency_editor", url)
    world.users["agency_admin"].first_name = "ผู้ดูแล"
    world.users["agency_admin"].save()
    admin_page = signed_in_html(world, "agency_admin", url)
    assert "ผู้ดูแล" in admin_page and "บรรณาธิการ" not in admin_page


def test_a_saved_or_deleted_result_is_seen_at_once(world: World) -> None:
    url = reverse("agency", args=[world.own.pk])
    before = signed_in_html(world, "agency_editor", url)
    assert "ผลปีงบประมาณ 2566" in before
    save_assessment(actor=None, organisation=world.own, year=2567, rows=_rows(2567), source="demo")
    assert "ผลปีงบประมาณ 2567" in signed_in_html(world, "agency_editor", url)
    record = world.own.assessments.get(year=2567)
    delete_assessment(actor=world.users["admin"], record=record)
    assert "ผลปีงบประมาณ 2566" in signed_in_html(world, "agency_editor", url)


def test_a_new_agency_changes_the_dashboard_at_once(world: World) -> None:
    url = reverse("dashboard", args=[world.ministry.pk])
    assert "จากทั้งหมด 2 หน่วยงาน" in signed_in_html(world, "oversight", url + "?year=2566")
    version = results_version()
    create_organisation(actor=None, name="หน่วยงานใหม่ทดสอบ", kind="agency", parent=world.ministry)
    assert results_version() != version
    assert "จากทั้งหมด 3 หน่วยงาน" in signed_in_html(world, "oversight", url + "?year=2566")


def test_request_parameters_are_not_echoed_into_a_cached_page(world: World) -> None:
    url = reverse("dashboard", args=[world.ministry.pk])
    page = signed_in_html(world, "oversight", url + "?year=2566&sort=bogus&planted=yes")
    assert "planted" not in page and "bogus" not in page
    assert "sort=-total" in page


def test_the_version_of_a_rolled_back_change_is_not_reused(world: World) -> None:
    """A change's version number is random, so a number seen inside a transaction that was rolled back (and any
    page cached under it) never stands for the results of a later change."""

    class Undo(Exception):
        pass

    with pytest.raises(Undo), transaction.atomic():
        save_assessment(actor=None, organisation=world.own, year=2567, rows=_rows(2567), source="demo")
        rolled_back = results_version()
        raise Undo
    save_assessment(actor=None, organisation=world.own, year=2568, rows=_rows(2568), source="demo")
    assert results_version() != rolled_back


def test_the_assessment_analysis_is_computed_once_per_results_version(world: World) -> None:
    """A page view reads the analysis kept for the record (the stored rows are not read, checked and scored again
    on every view); a change to any result makes it be computed again."""
    url = reverse("assessment", args=[world.own_record.pk])
    first = signed_in_html(world, "agency_viewer", url)
    assert page_analyses.computed == 1
    assert signed_in_html(world, "agency_editor", url).count("<tr>") == first.count("<tr>")
    assert page_analyses.computed == 1  # another reader, the same analysis
    save_assessment(actor=None, organisation=world.own, year=2565, rows=_rows(2565), source="demo")
    after = signed_in_html(world, "agency_viewer", url)  # last year's result is now part of the analysis
    assert page_analyses.computed == 2 and after != first
