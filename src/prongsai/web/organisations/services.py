"""Writes to the organisation tree; each checks the actor may make it and records it in the audit log."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from ..audit.services import record_change
from .models import AGENCY, ALLOWED_PARENTS, KIND_CHOICES, WORKGROUP, Organisation

KIND_NAMES = dict(KIND_CHOICES)


def _path_part(pk: int) -> str:
    return f"{pk:06d}/"


@transaction.atomic
def create_organisation(
    *, actor: object | None, name: str, kind: str, parent: Organisation | None, code: str = ""
) -> Organisation:
    """Add a node under `parent`. `actor` None is the system itself (demo data, set-up commands)."""
    from ..accounts.selectors import scope_of

    scope = scope_of(actor) if actor is not None else None
    may_add_workgroup = kind == WORKGROUP and parent is not None and scope is not None and scope.can_manage_org(parent)
    if scope is not None and not scope.is_admin and not may_add_workgroup:
        raise PermissionDenied("ไม่มีสิทธิ์เพิ่มหน่วยงาน")
    name = name.strip()
    if not name:
        raise ValidationError("ต้องระบุชื่อหน่วยงาน")
    parent_kind = parent.kind if parent is not None else None
    if parent_kind not in ALLOWED_PARENTS.get(kind, ()):
        where = KIND_NAMES.get(parent_kind or "", "ระดับบนสุด")
        raise ValidationError(f"{KIND_NAMES.get(kind, kind)} อยู่ภายใต้ {where} ไม่ได้")
    return _insert(actor=actor, name=name, kind=kind, parent=parent, code=code)


def _insert(*, actor: object | None, name: str, kind: str, parent: Organisation | None, code: str = "") -> Organisation:
    """Create the node, its path and its audit record (callers have checked permission and kind)."""
    from ..assessments.services import bump_results_version

    org = Organisation.objects.create(name=name, kind=kind, parent=parent, code=code)
    org.path = (parent.path if parent else "") + _path_part(org.pk)
    org.depth = parent.depth + 1 if parent else 0
    org.save(update_fields=["path", "depth"])
    bump_results_version()  # dashboards count a node's agencies and list its groups
    record_change(
        actor=actor,
        action="organisation.create",
        obj=org,
        organisation=org,
        before=None,
        after={"name": org.name, "kind": org.kind, "parent": parent.pk if parent else None},
    )
    return org


@transaction.atomic
def create_workgroups(*, actor: object | None, agency: Organisation, names: list[str]) -> list[Organisation]:
    """Add an agency's work groups (กลุ่มงาน) in one go, all or none.

    The agency administrator adds them at any time; the agency's editors may add the first ones, so that work can
    be assigned (e.g. on the OIT board) before the administrator has set the agency up; after that the list is
    the administrator's.
    """
    from ..accounts.selectors import scope_of

    if agency.kind != AGENCY:
        raise ValidationError("กลุ่มงานต้องอยู่ภายใต้หน่วยงาน")
    existing = set(Organisation.objects.filter(parent=agency, kind=WORKGROUP).values_list("name", flat=True))
    if actor is not None:
        scope = scope_of(actor)
        first_ones = not existing and scope.can_write_results(agency)
        if not (scope.can_manage_org(agency) or first_ones):
            raise PermissionDenied("เฉพาะผู้ดูแลหน่วยงานเท่านั้นที่เพิ่มกลุ่มงานได้เมื่อหน่วยงานมีกลุ่มงานแล้ว")
    cleaned = [" ".join(n.split()) for n in names]
    cleaned = [n for n in cleaned if n]
    if not cleaned:
        raise ValidationError("ต้องระบุชื่อกลุ่มงานอย่างน้อยหนึ่งชื่อ")
    if too_long := [n for n in cleaned if len(n) > 255]:
        raise ValidationError(f"ชื่อกลุ่มงานยาวเกิน 255 ตัวอักษร: {too_long[0][:40]}...")
    taken = sorted({n for n in cleaned if n in existing or cleaned.count(n) > 1})
    if taken:
        raise ValidationError(f"มีกลุ่มงานชื่อนี้แล้วหรือใส่ชื่อซ้ำ: {', '.join(taken)}")
    return [_insert(actor=actor, name=n, kind=WORKGROUP, parent=agency) for n in cleaned]
