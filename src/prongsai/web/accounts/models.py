"""A user's place in the tree: one role at one organisation."""

from __future__ import annotations

from django.conf import settings
from django.db import models

ADMIN = "admin"
OVERSIGHT = "oversight"
AGENCY_ADMIN = "agency_admin"
AGENCY_EDITOR = "agency_editor"
AGENCY_VIEWER = "agency_viewer"

ROLE_CHOICES = [
    (ADMIN, "ผู้ดูแลระบบ"),
    (OVERSIGHT, "ผู้กำกับดูแล"),
    (AGENCY_ADMIN, "ผู้ดูแลหน่วยงาน"),
    (AGENCY_EDITOR, "ผู้บันทึกข้อมูลของหน่วยงาน"),
    (AGENCY_VIEWER, "ผู้ดูข้อมูลของหน่วยงาน"),
]
ROLE_NAMES = dict(ROLE_CHOICES)
AGENCY_ROLES = (AGENCY_ADMIN, AGENCY_EDITOR, AGENCY_VIEWER)


class Membership(models.Model):
    """What a user may do and where: everything under `organisation` (the whole tree for a system administrator)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField("บทบาท", max_length=16, choices=ROLE_CHOICES)
    # Set with a temporary password (or the first one an administrator gives): the user must choose their own at
    # the next login before they can open any other page (accounts/middleware.py).
    must_change_password = models.BooleanField("ต้องเปลี่ยนรหัสผ่าน", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user} ({ROLE_NAMES.get(self.role, self.role)})"
