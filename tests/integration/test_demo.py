"""Demo data: the seed agencies carry their published figures; the demo province is generated the same way each
time; every role has a demo login."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from prongsai.web.accounts.models import ROLE_NAMES
from prongsai.web.assessments.models import AssessmentRecord
from prongsai.web.core.demo import DEMO_PASSWORD, DEMO_USERS, load_demo
from prongsai.web.organisations.models import Organisation

PUBLISHED = {  # seeds 000, 002, 004 (shared/domain/ITA.md section 6)
    ("องค์การบริหารส่วนจังหวัดพิษณุโลก", 2564): (81.39, "B"),
    ("องค์การบริหารส่วนจังหวัดพิษณุโลก", 2565): (96.99, "AA"),
    ("องค์การบริหารส่วนจังหวัดอ่างทอง", 2566): (92.31, "ผ่าน"),
    ("จังหวัดพระนครศรีอยุธยา", 2564): (97.25, "AA"),
}


def _snapshot() -> list[tuple[Any, ...]]:
    return list(
        AssessmentRecord.objects.order_by("organisation__name", "year").values_list(
            "organisation__name", "year", "total", "level"
        )
    )


def test_demo_has_the_real_seed_figures_and_a_generated_province(db: Any) -> None:
    users = load_demo()
    records = {(name, year): (total, level) for name, year, total, level in _snapshot()}
    for key, figures in PUBLISHED.items():
        assert records[key] == figures
    province = Organisation.objects.get(name="จังหวัดสาธิต")
    agencies = Organisation.objects.filter(parent=province, kind="agency")
    assert agencies.count() == 35
    assert AssessmentRecord.objects.filter(organisation__parent=province).count() == 35 * 4
    assert all(total is not None for _, _, total, _ in _snapshot())
    assert {u.role for u in users} == set(ROLE_NAMES)
    for user in DEMO_USERS:
        login = RequestFactory().post("/accounts/login/")  # the login throttle (django-axes) needs the request
        assert authenticate(login, username=user.username, password=DEMO_PASSWORD) is not None


def test_demo_is_deterministic(transactional_db: Any) -> None:
    # Outside a test transaction: PostgreSQL refuses to TRUNCATE (flush) tables whose deferred foreign-key checks
    # are still pending in the same transaction ("pending trigger events").
    load_demo()
    first = _snapshot()
    call_command("flush", interactive=False, verbosity=0)
    load_demo()
    assert _snapshot() == first
