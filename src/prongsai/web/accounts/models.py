"""A user's place in the tree: one role at one organisation."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    """The five roles, with their Thai names as pages show them."""

    ADMIN = "admin", "ผู้ดูแลระบบ"
    OVERSIGHT = "oversight", "ผู้กำกับดูแล"
    AGENCY_ADMIN = "agency_admin", "ผู้ดูแลหน่วยงาน"
    AGENCY_EDITOR = "agency_editor", "ผู้บันทึกข้อมูลของหน่วยงาน"
    AGENCY_VIEWER = "agency_viewer", "ผู้ดูข้อมูลของหน่วยงาน"


# The stored values as plain strings, for the many places that compare or format a role.
ADMIN = Role.ADMIN.value
OVERSIGHT = Role.OVERSIGHT.value
AGENCY_ADMIN = Role.AGENCY_ADMIN.value
AGENCY_EDITOR = Role.AGENCY_EDITOR.value
AGENCY_VIEWER = Role.AGENCY_VIEWER.value
ROLE_NAMES: dict[str, str] = dict(Role.choices)
AGENCY_ROLES = (AGENCY_ADMIN, AGENCY_EDITOR, AGENCY_VIEWER)


class Membership(models.Model):
    """What a user may do and where: everything under `organisation` (the whole tree for a system administrator)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField("บทบาท", max_length=16, choices=Role.choices)
    # Set with a temporary password (or the first one an administrator gives): the user must choose their own at
    # the next login before they can open any other page (accounts/middleware.py).
    must_change_password = models.BooleanField("ต้องเปลี่ยนรหัสผ่าน", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user} ({ROLE_NAMES.get(self.role, self.role)})"
