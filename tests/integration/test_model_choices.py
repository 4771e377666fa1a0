"""The models' TextChoices keep the stored values and the Thai labels of the domain (no data migration)."""

from __future__ import annotations

from prongsai.ita.oit_board import STATUS_NAMES
from prongsai.ita.plan import STATUSES
from prongsai.web.oitboard.models import ItemStatus, OitItem
from prongsai.web.organisations.models import Kind, Organisation
from prongsai.web.plans.models import MeasureProgress, Status


def test_plan_statuses_are_the_domain_s() -> None:
    assert dict(Status.choices) == STATUSES
    assert MeasureProgress._meta.get_field("status").choices == list(STATUSES.items())


def test_oit_item_statuses_are_the_domain_s_in_order() -> None:
    assert ItemStatus.choices == list(STATUS_NAMES.items())
    assert OitItem._meta.get_field("status").default == "not_started"


def test_organisation_kinds_keep_their_stored_words() -> None:
    assert Kind.values == ["national", "ministry", "province", "agency", "workgroup"]
    assert dict(Organisation._meta.get_field("kind").choices)["agency"] == "หน่วยงาน"
