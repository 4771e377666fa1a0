"""A small world for the web tests: two branches of the tree, real seed results, one user per role.

national
├── ministry "กระทรวงทดสอบ" (oversight user)
│   ├── own agency (Ang Thong PAO 2566, real figures; agency admin, editor, viewer)
│   └── sibling agency (Phitsanulok PAO 2564 and 2565)   <- foreign to the agency roles
└── province "จังหวัดอื่นทดสอบ"
    └── far agency (Ayutthaya 2564)                     <- foreign to everyone but the system administrator
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from prongsai.web.accounts.models import ADMIN, AGENCY_ADMIN, AGENCY_EDITOR, AGENCY_VIEWER, OVERSIGHT, Membership
from prongsai.web.accounts.services import create_member
from prongsai.web.api.services import issue_token
from prongsai.web.assessments.models import AssessmentRecord
from prongsai.web.assessments.services import save_assessment
from prongsai.web.core.demo import sample_rows
from prongsai.web.organisations.models import Organisation
from prongsai.web.organisations.services import create_organisation

OWN_AGENCY = "องค์การบริหารส่วนจังหวัดอ่างทอง"
SIBLING_AGENCY = "หน่วยงานข้างเคียงทดสอบ"
FAR_AGENCY = "หน่วยงานต่างจังหวัดทดสอบ"
ROLES = ("admin", "oversight", "agency_admin", "agency_editor", "agency_viewer")
PASSWORD = "correct-horse-battery-42"


@dataclass
class World:
    national: Organisation
    ministry: Organisation
    province: Organisation
    own: Organisation
    sibling: Organisation
    far: Organisation
    own_record: AssessmentRecord
    sibling_record: AssessmentRecord
    sibling_previous: AssessmentRecord
    far_record: AssessmentRecord
    users: dict[str, Any]
    tokens: dict[str, str]
    oit: Any = None  # the OIT boards of tests/support/oitboard_world.py, built on first use by ensure_oit(world)

    def membership(self, role: str) -> Membership:
        return self.users[role].membership


def build_world() -> World:
    national = create_organisation(actor=None, name="ระดับประเทศทดสอบ", kind="national", parent=None)
    ministry = create_organisation(actor=None, name="กระทรวงทดสอบ", kind="ministry", parent=national)
    province = create_organisation(actor=None, name="จังหวัดอื่นทดสอบ", kind="province", parent=national)
    own = create_organisation(actor=None, name=OWN_AGENCY, kind="agency", parent=ministry)
    sibling = create_organisation(actor=None, name=SIBLING_AGENCY, kind="agency", parent=ministry)
    far = create_organisation(actor=None, name=FAR_AGENCY, kind="agency", parent=province)
    create_organisation(actor=None, name="กองคลังทดสอบ", kind="workgroup", parent=own)

    def save(org: Organisation, year: int, file: str) -> AssessmentRecord:
        return save_assessment(
            actor=None, organisation=org, year=year, rows=sample_rows(year, file), source="demo", source_name=file
        )

    own_record = save(own, 2566, "angthong_pao_2566.csv")
    sibling_previous = save(sibling, 2564, "phitsanulok_pao_2564.csv")
    sibling_record = save(sibling, 2565, "phitsanulok_pao_2565.csv")
    far_record = save(far, 2564, "ayutthaya_province_2564.csv")
    places = {ADMIN: None, OVERSIGHT: ministry, AGENCY_ADMIN: own, AGENCY_EDITOR: own, AGENCY_VIEWER: own}
    users = {}
    for role, org in places.items():
        users[role] = create_member(
            actor=None, organisation=org, username=f"t_{role}", password=PASSWORD, role=role, validate=False
        ).user
    # People elsewhere, so that the members pages have someone foreign to leak.
    create_member(
        actor=None,
        organisation=sibling,
        username="t_sibling_editor",
        password=PASSWORD,
        role=AGENCY_EDITOR,
        validate=False,
    )
    create_member(
        actor=None, organisation=far, username="t_far_admin", password=PASSWORD, role=AGENCY_ADMIN, validate=False
    )
    tokens = {role: issue_token(actor=None, user=user) for role, user in users.items()}
    return World(
        national,
        ministry,
        province,
        own,
        sibling,
        far,
        own_record,
        sibling_record,
        sibling_previous,
        far_record,
        users,
        tokens,
    )
