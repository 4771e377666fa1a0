"""Writes to the organisation tree; each checks the actor may make it and records it in the audit log."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from ..audit.services import record_change
from .models import ALLOWED_PARENTS, KIND_CHOICES, Organisation

KIND_NAMES = dict(KIND_CHOICES)


def _path_part(pk: int) -> str:
    return f"{pk:06d}/"


@transaction.atomic
def create_organisation(
    *, actor: object | None, name: str, kind: str, parent: Organisation | None, code: str = ""
) -> Organisation:
    """Add a node under `parent`. `actor` None is the system itself (demo data, set-up commands)."""
    from ..accounts.selectors import scope_of
    from ..assessments.services import bump_results_version

    scope = scope_of(actor) if actor is not None else None
    may_add_workgroup = (kind == "workgroup" and parent is not None and scope is not None
                         and scope.can_manage_org(parent))
    if scope is not None and not scope.is_admin and not may_add_workgroup:
        raise PermissionDenied("ไม่มีสิทธิ์เพิ่มหน่วยงาน")
    name = name.strip()
    if not name:
        raise ValidationError("ต้องระบุชื่อหน่วยงาน")
    parent_kind = parent.kind if parent is not None else None
    if parent_kind not in ALLOWED_PARENTS.get(kind, ()):
        where = KIND_NAMES.get(parent_kind or "", "ระดับบนสุด")
        raise ValidationError(f"{KIND_NAMES.get(kind, kind)} อยู่ภายใต้ {where} ไม่ได้")
    org = Organisation.objects.create(name=name, kind=kind, parent=parent, code=code)
    org.path = (parent.path if parent else "") + _path_part(org.pk)
    org.depth = parent.depth + 1 if parent else 0
    org.save(update_fields=["path", "depth"])
    bump_results_version()  # dashboards count a node's agencies and list its groups
    record_change(actor=actor, action="organisation.create", obj=org, organisation=org,
                  before=None, after={"name": org.name, "kind": org.kind, "parent": parent.pk if parent else None})
    return org
